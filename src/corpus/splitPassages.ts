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
    return rest.split(/\s+/).length <= 8 && /^[A-Z]/.test(rest) && !/[.;,:]$/.test(rest);
  }
  if (/[.;,:]$/.test(t) || /^\W+$/.test(t)) return false;
  const words = t.split(/\s+/);
  if (words.length > 14) return false;
  return /^#/.test(line.trim()) || t === t.toUpperCase() || /^[A-Z0-9“"'‘(]/.test(t);
}

/**
 * Splits a document into passages: blocks of lines between blank lines, each under the nearest heading above it,
 * keeping the source's paragraph numbers and exact offsets. A heading on its own line is a passage too.
 */
export function splitPassages(file: string, text: string): Passage[] {
  const passages: Passage[] = [];
  let heading: string | null = null;
  const blocks = /[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g;
  let m: RegExpExecArray | null;
  const pieces: { index: number; text: string }[] = [];
  while ((m = blocks.exec(text)) !== null) {
    // A block runs on through numbered paragraphs ("4. …\n5. …"): each next number opens a passage of its own.
    let from = 0;
    let current = paragraphNumber(m[0].trimStart());
    let offset = 0;
    for (const line of m[0].split('\n')) {
      const n = paragraphNumber(line);
      if (offset > from && n !== null && current !== null && /^\d+$/.test(n) && /^\d+$/.test(current) && Number(n) === Number(current) + 1) {
        pieces.push({ index: m.index + from, text: m[0].slice(from, offset) });
        from = offset;
        current = n;
      }
      offset += line.length + 1;
    }
    pieces.push({ index: m.index + from, text: m[0].slice(from) });
  }
  for (const piece of pieces) {
    const raw = piece.text;
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (!body) continue;
    const start = piece.index + lead;
    const lines = body.split('\n');
    const single = lines.length === 1;
    const isHead = single && isHeading(body);
    passages.push({
      id: `${file}#${passages.length}`,
      file,
      index: passages.length,
      number: paragraphNumber(body),
      heading: isHead ? null : heading,
      start,
      end: start + body.length,
      text: body,
    });
    if (isHead) heading = body.replace(/^#+\s*/, '').replace(/\*\*/g, '').trim();
  }
  return passages;
}
