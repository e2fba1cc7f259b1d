import type { Sentence } from './types';

const ABBREVIATIONS = /\b(?:Mr|Mrs|Ms|Dr|Cllr|Hon|Rt|Prof|St|No|Nos|nos|vol|para|paras|e\.g|i\.e|etc|approx|cf|Co|Ltd|Inc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])\.$/;

/** A line that opens a list item or a numbered paragraph: it starts something new, it continues nothing. */
const ITEM_START = /^\s*(?:[-*•]\s|\(?(?:\d{1,3}|[ivx]{1,5}|[a-h])[.)]\s|\d{1,2}\.\d{1,2}\s|#)/i;
/** A line that ends a sentence, introduces a list or closes a clause of one. */
const ENDS_CLAUSE = /[.!?:;]["'’”)*]*\s*$/;
/** Columns set apart by a run of spaces or a tab: a table row, which wraps into nothing. */
const COLUMNS = /\S(?: {3,}|\t)\S/;
/** A line that stops where no sentence or item can: on a comma, a dash, a number or a word that needs a next one. */
const OPEN_END = /(?:,|[–—-]|\b\d{1,4}|\b(?:the|a|an|of|and|or|to|in|on|at|by|for|from|with|between|into|that|which|who|was|were|is|are|be|been|has|have|had|its|their|our|his|her|this|these|those|as|than|under|over|about|across|during|including|following|since|until|Her|His|Majesty['’]s))\s*$/;
/**
 * The longest sentence, in characters (1,000): a longer run of text without a full stop is cut at the last space
 * before it (or at it, if there is none), so that what reads a sentence (dates, grades, authorities) works on no more
 * than this at a time. An inspection report's longest sentences run to some 500 characters; without a bound, 200 kB
 * of text with no full stop took the readers minutes.
 */
export const MAX_SENTENCE_CHARS = 1000;

/** The shortest width at which lines read as text wrapped at a fixed width (letters, PDF text, e-mail). */
const MIN_WRAP_WIDTH = 50;

/**
 * True when `line` runs on into `next` because the source was wrapped at a fixed width ("…the monitoring visit to
 * Walsall children's\nservices on 10 and 11 September 2024."): the line ends no clause, the next opens no item, and
 * either the next begins in lower case or the line is full (the next line's first word would not have fitted on it)
 * and the next is more prose (long, or ending a sentence). A table row ("Overall effectiveness" / "Good"), a list
 * of short items or an address stays apart.
 */
function wraps(line: string, next: string, width: number): boolean {
  const a = line.trimEnd();
  const b = next.trim();
  if (!a.trim() || !b || ENDS_CLAUSE.test(a) || ITEM_START.test(next) || COLUMNS.test(a.trim()) || COLUMNS.test(b)) return false;
  // "…of care leavers Outstanding": a grade set in capitals ends a row of a judgement table.
  if (/\s(?:Outstanding|Good|Adequate|Inadequate|Requires improvement(?: to be good)?)$/.test(a) && /^[A-Z]/.test(b)) return false;
  // "Report published: 27 April 2016" opens a field of its own.
  if (/^[A-Z][A-Za-z’' ]{1,30}:\s/.test(b)) return false;
  if (/^[a-z]/.test(b)) return true;
  // A list of names wrapped mid-item: "Team inspectors: Fiona Millns HMI, Sean Tarpey HMI, Aelwyn" / "Pugh HMI, Paul…".
  if (/,[^,]+,\s*[A-Z][a-z'’-]+$/.test(a) && /^(?:Ma?c)?[A-Z][a-z'’-]+(?:\s+\(?HMIs?\)?)?\s*,\s/.test(b)) return true;
  // A name wrapped between its words: "…Inspectors for this visit were Fiona" / "Carr and Idris Malik.".
  if (/\b[a-z]{3,}\s+[a-z]{3,}\b.*\s(?:Ma?c)?[A-Z][a-z'’-]+$/.test(a) && /^(?:Ma?c)?[A-Z][a-z'’-]+(?:[,.;]|\s+(?:and|HMI)\b|\s+\(HMIs?\))/.test(b) &&
    a.length >= 0.5 * width) return true;
  // Wrapped, the line is full: the next line's first word would not have fitted on it, or the line stops where no
  // phrase can end ("…between 15 – 26", "…the", "…and").
  const firstWord = b.split(/\s/)[0]!;
  const open = OPEN_END.test(a);
  const noRoom = a.length >= 0.4 * width && a.length + 1 + firstWord.length > width;
  const full = width >= MIN_WRAP_WIDTH && (noRoom || (open && a.length >= 0.75 * width));
  return full && /^[A-Z0-9‘'“"(£&]/.test(b) && (b.length >= 0.6 * width || /[.!?]["'’”)]*$/.test(b) || open);
}

/**
 * Splits a passage into sentences with offsets into the document: a line joins the next only where the text was
 * wrapped at a fixed width (list items and table rows stay apart), and a line splits after ". ", "? " or "! " when
 * a capital, digit or quote follows. `offset` is the passage's start in the document; a sentence's text is the
 * source's own (a wrapped one keeps its line breaks).
 */
export function splitSentences(text: string, offset = 0): Sentence[] {
  const sentences: Sentence[] = [];
  const push = (from: number, to: number): void => {
    const piece = text.slice(from, to);
    const lead = piece.length - piece.trimStart().length;
    let body = piece.trim();
    let start = offset + from + lead;
    while (body.length > MAX_SENTENCE_CHARS) {
      const space = body.lastIndexOf(' ', MAX_SENTENCE_CHARS);
      const cut = space > 0 ? space : MAX_SENTENCE_CHARS;
      const head = body.slice(0, cut).trimEnd();
      sentences.push({ start, end: start + head.length, text: head });
      const rest = body.slice(cut);
      const skip = rest.length - rest.trimStart().length;
      start += cut + skip;
      body = rest.slice(skip);
    }
    if (body) sentences.push({ start, end: start + body.length, text: body });
  };
  const physical = text.split('\n');
  const width = Math.max(0, ...physical.map((l) => l.trimEnd().length));
  // Logical lines: runs of physical lines that wrap into one another.
  const logical: { start: number; text: string }[] = [];
  let at = 0;
  physical.forEach((line, i) => {
    const prev = physical[i - 1];
    const last = logical[logical.length - 1];
    if (last && prev !== undefined && wraps(prev, line, width)) last.text += `\n${line}`;
    else logical.push({ start: at, text: line });
    at += line.length + 1;
  });
  for (const { start: lineStart, text: line } of logical) {
    let from = 0;
    const boundary = /[.!?]+(?:\*\*)?["'’”)]*\s+(?=[A-Z0-9“"'‘(£•-])/g;
    let m: RegExpExecArray | null;
    while ((m = boundary.exec(line)) !== null) {
      const before = line.slice(from, m.index + 1);
      if (ABBREVIATIONS.test(before.trimEnd())) continue;
      // "1. The timeliness…": a list number opens its item; it ends nothing.
      if (/^\s*(?:[-*•]\s*)?\(?(?:\d{1,3}|[ivx]{1,5}|[a-h])[.)]$/i.test(before)) continue;
      const end = m.index + m[0].trimEnd().length;
      push(lineStart + from, lineStart + end);
      from = m.index + m[0].length;
    }
    push(lineStart + from, lineStart + line.length);
  }
  return sentences;
}
