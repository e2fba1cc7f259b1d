import type { Passage } from './types';

const NUMBERING = /^\s*(?:[-*•]\s*)?(?:\(?([0-9]{1,3}(?:\.[0-9]{1,2})?|[ivx]{1,5}|[a-h])[.)]|\(([0-9]{1,3}|[ivx]{1,5}|[a-h])\)|([0-9]{1,2}\.[0-9]{1,2}))\s+/i;

/** The source's own paragraph number at the start of a line ("5.", "- 2.", "(ii)", "b)"), or null. */
export function paragraphNumber(line: string): string | null {
  const m = NUMBERING.exec(line);
  if (!m) return null;
  if (m[1] !== undefined) return /^\s*(?:[-*•]\s*)?\(/.test(m[0]) ? `(${m[1]})` : m[1];
  if (m[2]) return `(${m[2]})`;
  return m[3] ?? null;
}

/** True for a line that reads as a heading: short, no closing full stop, not a list item. */
export function isHeading(line: string): boolean {
  const t = line.trim().replace(/^#+\s*/, '').replace(/\*\*/g, '');
  if (!t || t.length > 110 || /^[-*•]/.test(t)) return false;
  // "4. Findings of the focused visit": a numbered heading is short and says nothing more.
  if (paragraphNumber(t) !== null) {
    const rest = t.replace(/^\s*\(?[0-9a-z]{1,4}(?:\.\d{1,2})?[.)]?\s+/i, '');
    // "1. Children who need help and protection Good" is a row of a judgement table.
    if (/\s(?:good|outstanding|inadequate|adequate|improvement(?: to be good)?)$/i.test(rest)) return false;
    return rest.split(/\s+/).length <= 8 && /^[A-Z]/.test(rest) && !/[.;,:]$/.test(rest);
  }
  if (/[.;,:]$/.test(t) || /^\W+$/.test(t)) return false;
  const words = t.split(/\s+/);
  if (words.length > 14) return false;
  return /^#/.test(line.trim()) || t === t.toUpperCase() || /^[A-Z0-9“"'‘(]/.test(t);
}

/** A line that opens a bulleted item: "- ", "• ", "◼ " or a symbol-font bullet of a PDF. */
export const BULLET_LINE = /^\s*[-*•◦▪▫■□◼◻●○◆◇►▸‣⁃∙·\uF000-\uF0FF]\s/;
/** A line that ends a sentence, or introduces what follows. */
const ENDS = /[.!?:;]["'’”)*]*\s*$/;
/** The most lines a heading wraps over. */
const MAX_HEADING_LINES = 3;

/**
 * The heading a text reads as, on one line ("The experiences and progress of children who need help and protection:
 * good" wrapped over two lines), or null: up to three lines, each after the first going on in lower case, that
 * together read as a heading; or a label and its value ("…of care leavers: good").
 */
export function headingText(text: string): string | null {
  const lines = text.trim().split('\n');
  if (lines.length > MAX_HEADING_LINES || lines.slice(1).some((l) => !/^\s*[a-z(]/.test(l))) return null;
  const joined = lines.map((l) => l.trim()).join(' ');
  if (lines.length === 1) return isHeading(joined) ? joined.replace(/^#+\s*/, '').replace(/\*\*/g, '').trim() : null;
  return isHeading(joined) || labelled(joined) ? joined : null;
}

/** "The experiences and progress of care leavers: good": a short label, a colon, a short value. */
function labelled(line: string): boolean {
  return /^[A-Z][^.;:]{5,140}:\s+\S[^.;:]{0,40}$/.test(line) && !/[.;,:]$/.test(line);
}

/**
 * The longest passage, in characters (12,000): a longer block is cut at the last full stop, line break or space
 * before it, so that a search hit, and what is read and quoted from it, is never more than this. An inspection
 * report's longest paragraphs run to some 6,000 characters.
 */
export const MAX_PASSAGE_CHARS = 12_000;

/** Where a block longer than MAX_PASSAGE_CHARS is cut: after the last sentence's end before the limit, else the last line break or space. */
function cutAt(text: string): number {
  const window = text.slice(0, MAX_PASSAGE_CHARS);
  for (let i = window.length - 1; i > MAX_PASSAGE_CHARS / 2; i--) {
    if (!/\s/.test(window[i]!)) continue;
    let j = i - 1;
    while (j > 0 && /["'’”)]/.test(window[j]!)) j--;
    if (/[.!?]/.test(window[j]!)) return i;
  }
  const line = window.lastIndexOf('\n');
  if (line > MAX_PASSAGE_CHARS / 2) return line;
  const space = window.lastIndexOf(' ');
  return space > 0 ? space : MAX_PASSAGE_CHARS;
}

/** A piece of text in passages of at most MAX_PASSAGE_CHARS, each with its offset in the piece. */
function bounded(text: string): { at: number; text: string }[] {
  const out: { at: number; text: string }[] = [];
  let at = 0;
  let rest = text;
  while (rest.length > MAX_PASSAGE_CHARS) {
    const cut = cutAt(rest);
    out.push({ at, text: rest.slice(0, cut) });
    at += cut;
    rest = rest.slice(cut);
  }
  out.push({ at, text: rest });
  return out;
}

/** A line of a table of contents: a title and the page it starts on ("Summary of key findings 3"). */
const CONTENTS_LINE = /^\s*[A-Z][^\n]{2,120}?[a-z?:)’'\d]\s+\d{1,3}\s*$/;

/** Entries that make a table of contents without its "Contents" heading (one running over a page break). */
const MIN_UNHEADED_ENTRIES = 5;

/**
 * True for a table of contents: lines most of which end with a page number, the numbers never going down, under a
 * "Contents" heading or five entries at least. A table of figures ("Children in care 412") fails on its numbers.
 */
export function isContents(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim().length > 0);
  const pages = lines.filter((l) => CONTENTS_LINE.test(l)).map((l) => Number(/(\d+)\s*$/.exec(l)![1]));
  const ascending = pages.every((n, i) => i === 0 || n >= pages[i - 1]!);
  const headed = /^\s*(?:table\s+of\s+)?contents\s*$/i.test(lines[0] ?? '');
  return ascending && pages.length >= (headed ? 3 : MIN_UNHEADED_ENTRIES) && pages.length * 2 >= lines.length - (headed ? 1 : 0);
}

/**
 * Splits a document into passages: blocks of lines between blank lines, each under the nearest heading above it,
 * keeping the source's paragraph numbers and exact offsets. A heading on its own line is a passage too. Text set
 * without blank lines (as PDF text is) is split too: before each numbered paragraph that goes on from the last
 * ("5." after "4.", or the first, "1."), and around a heading that stands between a finished sentence and a
 * numbered paragraph or a bulleted list. A table of contents is no passage: it names sections, not what they say.
 */
export function splitPassages(file: string, text: string): Passage[] {
  const passages: Passage[] = [];
  let heading: string | null = null;
  const blocks = /[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g;
  let m: RegExpExecArray | null;
  const pieces: { index: number; text: string; heading: boolean }[] = [];
  let lastNumber: number | null = null;
  while ((m = blocks.exec(text)) !== null) {
    const lines: { at: number; text: string }[] = [];
    let offset = 0;
    for (const line of m[0].split('\n')) {
      lines.push({ at: offset, text: line });
      offset += line.length + 1;
    }
    const indent = (l: string): number => l.length - l.trimStart().length;
    const firstIndent = indent(lines[0]!.text);
    // Where pieces start (line indexes), and which of them are headings.
    const starts = new Map<number, boolean>([[0, false]]);
    let current = paragraphNumber(lines[0]!.text.trimStart());
    if (current !== null && /^\d+$/.test(current)) lastNumber = Number(current);
    let inList = BULLET_LINE.test(lines[0]!.text);
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!.text;
      const prev = lines[i - 1]!.text;
      const n = paragraphNumber(line);
      const integer = n !== null && /^\d+$/.test(n) ? Number(n) : null;
      const bullet = BULLET_LINE.test(line);
      if (integer === null && !bullet) continue;
      // A heading just before: the lines back to a finished sentence (or the block's start) that read as headings.
      // A heading may end in a question mark ("What needs to improve?"), nothing else that ends a sentence.
      // So may a label wrapped before its value ("…who need help and protection:" / "good").
      const opens = (l: string, next: string): boolean => !ENDS.test(l) || (/\?\s*$/.test(l) && headingText(l) !== null) ||
        (/:\s*$/.test(l) && /^\s*[a-z]/.test(next) && headingText(`${l}\n${next}`) !== null);
      let from = i;
      while (from > 0 && i - from < MAX_HEADING_LINES + 1 && !starts.has(from) && opens(lines[from - 1]!.text, lines[from]!.text) &&
        !BULLET_LINE.test(lines[from - 1]!.text) && paragraphNumber(lines[from - 1]!.text) === null) from--;
      const groups: number[] = [];
      for (let j = from; j < i; j++) if (j === from || !/^\s*[a-z(]/.test(lines[j]!.text)) groups.push(j);
      const heads = groups.map((g, j) => lines.slice(g, groups[j + 1] ?? i).map((l) => l.text).join('\n'));
      const headed = groups.length > 0 && (from === 0 || starts.has(from) || ENDS.test(lines[from - 1]!.text)) &&
        heads.every((h) => headingText(h) !== null && !/:\s*$/.test(h));
      // A numbered paragraph: the next in the block's own run ("4. …\n5. …"), or, after a finished sentence or a
      // heading, the next in the document's or the first of a new run (not an indented sub-list).
      const afterBreak = ENDS.test(prev) || headed;
      const next = integer !== null && (
        (current !== null && /^\d+$/.test(current) && integer === Number(current) + 1) ||
        (afterBreak && (integer === (lastNumber ?? 0) + 1 || (integer === 1 && indent(line) <= firstIndent))));
      // A bulleted list starts a passage after a finished sentence or a heading; its items stay together.
      const list = bullet && !inList && afterBreak;
      inList = bullet || (inList && integer === null);
      if (!next && !list) continue;
      if (next) {
        current = n;
        lastNumber = integer;
        inList = false;
      }
      if (headed) for (const g of groups) starts.set(g, true);
      starts.set(i, false);
    }
    const order = [...starts.keys()].sort((a, b) => a - b);
    order.forEach((start, j) => {
      const end = order[j + 1];
      const from = lines[start]!.at;
      const to = end === undefined ? m![0].length : lines[end]!.at;
      pieces.push({ index: m!.index + from, text: m![0].slice(from, to), heading: starts.get(start)! });
    });
  }
  for (const whole of pieces) for (const part of bounded(whole.text)) {
    const piece = { index: whole.index + part.at, text: part.text, heading: whole.heading && part.at === 0 };
    const raw = piece.text;
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (!body || isContents(body)) continue;
    const start = piece.index + lead;
    const head = piece.heading || !body.includes('\n') ? headingText(body) : null;
    passages.push({
      id: `${file}#${passages.length}`,
      file,
      index: passages.length,
      number: paragraphNumber(body),
      heading: head !== null ? null : heading,
      start,
      end: start + body.length,
      text: body,
    });
    if (head !== null) heading = head;
  }
  return passages;
}
