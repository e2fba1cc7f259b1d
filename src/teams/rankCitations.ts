/**
 * An answer's citations numbered as the text cites them; where a message may carry fewer than it cites, the first
 * source of each claim comes before any claim's second and third; a quote cited twice is one citation.
 */
import type { Answer, Citation } from '../answer/types';

/** A run of markers after one claim: "2019 [3][4]" is one run, [3] its first source. */
const MARKER_RUN = /(?:\s*\[\d+\])+/g;

/**
 * `answer` with its citations renumbered: the same quote from the same file is one citation; the text's markers in
 * the order it makes them, or, when they name more than `limit` citations, the first marker of each claim first and
 * then the others; then citations only the facts point at, then the rest. The text's markers and the facts'
 * citations are renumbered to match, so the card and the text agree.
 */
export function rankCitations(answer: Answer, limit = Number.POSITIVE_INFINITY): Answer {
  const { citations } = answer;
  if (citations.length === 0) return answer;
  // One number per distinct quote: the first citation of each (source, quote) stands for the others.
  const same = new Map<string, number>();
  const canonical = citations.map((c, i) => {
    const key = `${c.source}\u0000${c.quote}`;
    const first = same.get(key);
    if (first !== undefined) return first;
    same.set(key, i + 1);
    return i + 1;
  });
  const of = (n: number): number | null => (n >= 1 && n <= citations.length ? canonical[n - 1]! : null);

  const order: number[] = [];
  const placed = new Set<number>();
  const place = (n: number | null): void => {
    if (n !== null && !placed.has(n)) {
      placed.add(n);
      order.push(n);
    }
  };
  const runs = [...answer.answer.matchAll(MARKER_RUN)].map((m) => [...m[0].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1])));
  const marked = new Set(runs.flat().map(of).filter((n) => n !== null));
  // Within the limit, the text's order; past it, the first source of every claim before any claim's second.
  if (marked.size > limit) for (const run of runs) place(run.map(of).find((n) => n !== null) ?? null);
  for (const run of runs) run.forEach((n) => place(of(n)));
  for (const fact of answer.facts) fact.citations.forEach((n) => place(of(n)));
  citations.forEach((_, i) => place(of(i + 1)));

  const renumbered = new Map<number, number>(order.map((n, i) => [n, i + 1]));
  const to = (n: number): number | null => {
    const c = of(n);
    return c === null ? null : renumbered.get(c)!;
  };
  if (order.every((n, i) => n === i + 1) && order.length === citations.length) return answer;

  // Each claim's markers renumbered, said once each and in order: "[5][2][5]" becomes "[1][3]".
  const text = answer.answer.replace(MARKER_RUN, (run) => {
    const space = /^\s*/.exec(run)![0];
    const numbers = [...run.matchAll(/\[(\d+)\]/g)].map((x) => to(Number(x[1])) ?? Number(x[1]));
    return space + [...new Set(numbers)].sort((a, b) => a - b).map((n) => `[${n}]`).join('');
  });
  const facts = answer.facts.map((fact) => ({
    ...fact,
    citations: [...new Set(fact.citations.map((n) => to(n) ?? n))],
  }));
  const ranked: Citation[] = order.map((n) => citations[n - 1]!);
  return { ...answer, answer: text, facts, citations: ranked };
}
