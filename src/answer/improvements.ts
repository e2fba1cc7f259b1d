/** An event's areas for improvement, with the same item from several sources (a report and a paper quoting it) as one. */
import type { Evidence, TextFact } from '../timeline/types';

/** One area for improvement and every source that lists it, in the order the event holds them. */
export interface Improvement {
  text: string;
  evidence: Evidence[];
}

/** Words too common to tell two items apart. */
const COMMON = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'been', 'by', 'for', 'from', 'has', 'have', 'in', 'into', 'is', 'of',
  'on', 'or', 'that', 'the', 'their', 'them', 'they', 'this', 'to', 'was', 'were', 'when', 'which', 'who', 'with',
]);

/** Two items are the same when this share of the shorter one's words is in the other. */
const SAME_SHARE = 0.7;

function words(text: string): Set<string> {
  const list = text.toLowerCase().normalize('NFKD').replace(/[\u2019']/g, '').split(/[^a-z0-9]+/);
  // A light stem, so "behaviours" and "behaviors", "decision" and "decisions" meet.
  return new Set(list.filter((w) => w.length > 1 && !COMMON.has(w)).map((w) => w.replace(/(?:iou|ou)r/, 'or').replace(/s$/, '')));
}

function same(a: Set<string>, b: Set<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return false;
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return shared / small.size >= SAME_SHARE;
}

/** The distinct items of a list of areas for improvement; an item keeps the first source's wording. */
export function distinctImprovements(list: readonly TextFact[]): Improvement[] {
  const out: (Improvement & { words: Set<string> })[] = [];
  for (const item of list) {
    const w = words(item.text);
    const match = out.find((o) => same(o.words, w));
    if (match) {
      if (!match.evidence.some((e) => e.file === item.evidence.file && e.start === item.evidence.start)) match.evidence.push(item.evidence);
    } else {
      out.push({ text: item.text, evidence: [item.evidence], words: w });
    }
  }
  return out.map(({ text, evidence }) => ({ text, evidence }));
}
