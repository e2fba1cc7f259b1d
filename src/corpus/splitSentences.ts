import type { Sentence } from './types';

const ABBREVIATIONS = /\b(?:Mr|Mrs|Ms|Dr|Cllr|Prof|St|No|Nos|nos|vol|para|paras|e\.g|i\.e|etc|approx|cf|Co|Ltd|Inc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])\.$/;

/**
 * Splits a passage into sentences with offsets into the document: a line never joins the next (list items and
 * table rows stay apart), and a line splits after ". ", "? " or "! " when a capital, digit or quote follows.
 * `offset` is the passage's start in the document.
 */
export function splitSentences(text: string, offset = 0): Sentence[] {
  const sentences: Sentence[] = [];
  const push = (from: number, to: number): void => {
    const piece = text.slice(from, to);
    const lead = piece.length - piece.trimStart().length;
    const body = piece.trim();
    if (body) sentences.push({ start: offset + from + lead, end: offset + from + lead + body.length, text: body });
  };
  let lineStart = 0;
  for (const line of text.split('\n')) {
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
    lineStart += line.length + 1;
  }
  return sentences;
}
