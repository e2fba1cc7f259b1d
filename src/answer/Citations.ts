import { splitSentences } from '../corpus/splitSentences';
import type { CorpusIndex } from '../search/CorpusIndex';
import type { Evidence } from '../timeline/types';
import type { Citation } from './types';

/** Longest quote kept whole; longer sentences are cut to the clauses that hold what the answer uses. */
export const MAX_QUOTE = 300;

/**
 * The part of a sentence worth quoting: all of it when short, else the run of clauses (cut at ", " "; " " – ")
 * that holds the most of `needles`, up to MAX_QUOTE characters. Always a substring of `sentence`.
 */
export function clipQuote(sentence: string, needles: string[] = [], max = MAX_QUOTE): string {
  const s = sentence.trim().replace(/^(?:[-*•◦▪■◼●○►\uF000-\uF0FF]\s*)?(?:\(?[0-9ivx]{1,4}[.)]\s+|\d{1,2}\.\d{1,2}\s+)?(?:\*\*)?/i, '').replace(/(?:\*\*)+$/, '').trim();
  if (s.length <= max) return s;
  const cuts = [0];
  const re = /[,;:–—]\s+|\s+(?=which\s|while\s|but\s)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) cuts.push(m.index + m[0].length);
  cuts.push(s.length);
  const wanted = needles.map((n) => n.toLowerCase()).filter((n) => n.length > 0);
  let best = s.slice(0, max);
  let bestScore = -1;
  for (let i = 0; i < cuts.length - 1; i++) {
    for (let j = i + 1; j < cuts.length; j++) {
      const piece = s.slice(cuts[i], cuts[j]).replace(/[,;:–—\s]+$/, '');
      if (piece.length > max) break;
      const lowerPiece = piece.toLowerCase();
      const score = wanted.filter((n) => lowerPiece.includes(n)).length * 1000 + piece.length;
      if (score > bestScore) {
        best = piece;
        bestScore = score;
      }
    }
  }
  return best.trim();
}

/** The part of a text on one page (pages of a PDF meet at a form feed): the one holding most `needles`, else the longest. */
function onePage(text: string, needles: string[]): string {
  if (!text.includes('\f')) return text;
  const wanted = needles.map((n) => n.toLowerCase()).filter((n) => n.length > 0);
  const score = (part: string): number => wanted.filter((n) => part.toLowerCase().includes(n)).length * 10000 + part.trim().length;
  return text.split('\f').reduce((best, part) => (score(part) > score(best) ? part : best)).trim();
}

/** Collects the citations of one answer, numbering each distinct quote once. */
export class Citations {
  readonly list: Citation[] = [];

  constructor(private readonly index: CorpusIndex) {}

  /** Cites the sentence behind a fact and returns its 1-based number. */
  cite(ev: Evidence, needles: string[] = []): number {
    const doc = this.index.document(ev.file);
    const passage = this.index.passage(ev.passage);
    // A sentence wrapped over lines is quoted on one line: the scorer and readers fold spacing. One that runs over a
    // page break is quoted on one page, the one with more of what the answer uses: between the two a PDF reader may
    // set the page's footer and the next one's header.
    const sentence = onePage(doc ? doc.text.slice(ev.start, ev.end) : '', needles).replace(/[ \t]*\n[ \t]*/g, ' ');
    const quote = clipQuote(sentence, needles);
    const existing = this.list.findIndex((c) => c.source === ev.file && (c.quote.includes(quote) || quote.includes(c.quote)));
    if (existing >= 0) {
      const c = this.list[existing]!;
      if (quote.length > c.quote.length) c.quote = quote;
      return existing + 1;
    }
    this.list.push({
      source: ev.file,
      title: doc?.title ?? ev.file,
      date: doc?.date ?? null,
      paragraph: passage ? passage.number ?? String(passage.index + 1) : null,
      quote,
      url: ev.url ?? doc?.url ?? null,
    });
    return this.list.length;
  }

  /** The source text an evidence span covers, as written. */
  text(ev: Evidence): string {
    return this.index.document(ev.file)?.text.slice(ev.start, ev.end) ?? '';
  }

  /** Every sentence of a file's passages, in order, with the evidence to cite it. */
  sentences(file: string): { text: string; evidence: Evidence }[] {
    return this.index.corpus.passages.filter((p) => p.file === file).flatMap((p) =>
      splitSentences(p.text, p.start).map((s) => ({ text: s.text, evidence: { file, passage: p.id, start: s.start, end: s.end } })));
  }

  /** A document of the corpus, by file name. */
  document(file: string): import('../corpus/types').SourceDocument | undefined {
    return this.index.document(file);
  }

  /** The id of the passage of a file that holds an offset ('' when none does). */
  passageAt(file: string, offset: number): string {
    return this.index.corpus.passages.find((p) => p.file === file && p.start <= offset && offset < p.end)?.id ?? '';
  }

  /** "[1]" or "[1][2]" for a list of numbers, "" for none. */
  static markers(ns: number[]): string {
    return [...new Set(ns)].sort((a, b) => a - b).map((n) => `[${n}]`).join('');
  }
}
