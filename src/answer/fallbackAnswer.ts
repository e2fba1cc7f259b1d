import { isHeading } from '../corpus/splitPassages';
import { splitSentences } from '../corpus/splitSentences';
import type { CorpusIndex } from '../search/CorpusIndex';
import { processTerm, tokenize } from '../search/searchOptions';
import { findDates, formatDate, parseIso } from '../timeline/dates';
import { Citations } from './Citations';
import { fragmentKind } from './evidenceAnswer';
import type { Answer, Query } from './types';

/** Other words documents use for a term of the question: any of them satisfies it. */
const SYNONYMS: ReadonlyMap<string, string[]> = new Map(Object.entries({
  ilac: ['ilac', 'framework'],
  dcs: ['director'],
  la: ['authority', 'council'],
  money: ['£', 'million', 'funding', 'budget', 'allocated'],
  cost: ['£', 'million', 'budget'],
  partner: ['partner', 'partnership'],
  next: ['further', 'future', 'upcoming', 'expected'],
  deadline: ['by', 'must', 'due', 'within'],
}));

/** Words that suggest the kind of answer a question wants ("how often" → "every", "annual"). */
const HINTS: [RegExp, string[]][] = [
  [/\bhow often\b|\bfrequen/i, ['every', 'annual', 'timescale', 'regular', 'cycle', 'year']],
  [/\bhow much\b/i, ['million', 'extra', 'allocated', 'budget']],
  [/\bdeadline\b|\bdue\b/i, ['must', 'deadline', 'submit', 'within']],
];

/** Hints from the question's form that a sentence should hold: a date for "when", a sum for "how much". */
function shapeBonus(question: string, sentence: string): number {
  let bonus = 0;
  if (/\bwhen\b|\bdate\b|\bdeadline\b|\bdue\b/i.test(question) && findDates(sentence).some((d) => d.start.month !== undefined)) bonus += 1.5;
  if (/\bhow much\b|\bmoney\b|\bcost\b/i.test(question) && /£\s?\d|\d\s?(?:million|m|k)\b/i.test(sentence)) bonus += 2;
  if (/\bhow often\b|\bfrequen/i.test(question) && /\bevery\b|\bannual(?:ly)?\b|\beach year\b|\byearly\b/i.test(sentence)) bonus += 2;
  // "Who is…" wants a person: a name written as one ("Tina Russell,", "Councillor Andy Roberts").
  if (/\bwho\b/i.test(question)) bonus += /(?:^|[^.]\s|Councillor\s|Cllr\.?\s)[A-Z][a-z]+\s+[A-Z][a-z'’-]+(?:,|\s+(?:said|is|was|has))/.test(sentence) ? 2 : -2;
  if (/\bhow many\b/i.test(question) && /\b\d+\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b/i.test(sentence)) bonus += 1;
  return bonus;
}

/** One point for each pair of the question's words that stand side by side in the sentence too (`seq`: its terms). */
function phraseBonus(wanted: string[], seq: string[]): number {
  const pairs = new Set(seq.slice(1).map((t, i) => `${seq[i]} ${t}`));
  let bonus = 0;
  for (let i = 1; i < wanted.length; i++) if (pairs.has(`${wanted[i - 1]} ${wanted[i]}`)) bonus += 1;
  return bonus;
}

function terms(text: string): Set<string> {
  const out = new Set<string>();
  for (const t of tokenize(text)) {
    const p = processTerm(t);
    if (p && p.length > 1) out.add(p);
  }
  return out;
}

/** Answers from the passages: the sentence that best matches the question, quoted, or "not on record". */
export function fallbackAnswer(index: CorpusIndex, q: Query, cites: Citations): Answer {
  const authorityWords = q.authority ? terms(q.authority) : new Set<string>();
  const wanted = [...terms(q.text)].filter((t) => !authorityWords.has(t) && t !== 'often');
  const hints = HINTS.filter(([re]) => re.test(q.text)).flatMap(([, words]) => words);
  // The question's own words less the authority's name: the search keeps to its passages, which all hold it.
  const query = [...wanted, ...wanted.flatMap((t) => SYNONYMS.get(t) ?? []), ...hints].join(' ');
  const hits = index.search(query, { authority: q.authority, type: 'passage' }, 12);
  const questionYears = findDates(q.text, null, 'past', true).map((d) => d.start.year);
  // A word that few passages hold ("LSCB", "Essex") says more than a common one.
  const rare = new Set(wanted.filter((t) => t.length > 2 && index.matchCount(t, { authority: q.authority, type: 'passage' }) <= 3));

  let best: { score: number; passageId: string; start: number; end: number } | null = null;
  for (const [rank, hit] of hits.entries()) {
    const passage = index.passage(hit.id);
    const doc = passage ? index.document(passage.file) : undefined;
    if (!passage || !doc) continue;
    for (const s of splitSentences(passage.text, passage.start)) {
      // A clause cut off, a list's lead-in without its list, or a heading is no answer on its own.
      if (fragmentKind(s.text) !== null || (!/[.!?]["'’”)*]*\s*$/.test(s.text) && isHeading(s.text))) continue;
      const seq = tokenize(s.text).map((t) => processTerm(t)).filter((t): t is string => !!t);
      const have = new Set(seq.filter((t) => t.length > 1));
      const lowerText = s.text.toLowerCase();
      const has = (t: string): boolean => have.has(t) || [...have].some((h) => h.length > 4 && t.length > 4 && (h.startsWith(t) || t.startsWith(h)));
      const matched = wanted.filter((t) => has(t) || (SYNONYMS.get(t) ?? []).some((syn) => has(syn) || lowerText.includes(syn)));
      if (matched.length === 0) continue;
      const hinted = hints.filter((h) => has(h)).length;
      const docYear = doc.date ? parseIso(doc.date)?.year : undefined;
      const yearBonus = questionYears.some((y) => y === docYear || s.text.includes(String(y))) ? 1 : 0;
      const score = matched.reduce((sum, t) => sum + 2 * (rare.has(t) ? 2 : 1), 0) + Math.min(2, hinted * 0.5) + shapeBonus(q.text, s.text) + yearBonus - rank * 0.05 +
        phraseBonus(wanted, seq) - Math.max(0, s.text.length - 400) / 400;
      if (!best || score > best.score) best = { score, passageId: passage.id, start: s.start, end: s.end };
    }
  }
  const needed = Math.min(4, Math.max(2, wanted.length));
  if (!best || best.score < needed) {
    const where = q.authority ? ` for ${q.authority}` : '';
    return {
      status: 'not_found',
      answer: `I could not find that in the documents on record${where}. Try asking about inspections, monitoring visits, judgements, inspectors or areas for improvement.`,
      authority: q.authority, facts: [], citations: [],
    };
  }
  const passage = index.passage(best.passageId)!;
  const doc = index.document(passage.file)!;
  const n = cites.cite({ file: doc.file, passage: passage.id, start: best.start, end: best.end }, wanted);
  const quote = cites.list[n - 1]!.quote;
  const dated = doc.date ? ` (${formatDate(parseIso(doc.date)!)})` : '';
  return {
    status: 'answered',
    answer: `From “${doc.title}”${dated}: “${quote}” ${Citations.markers([n])}`,
    authority: q.authority ?? doc.authority,
    facts: [{ label: 'source', value: quote, date: doc.date, eventId: null, kind: null, judgement: null, citations: [n] }],
    citations: cites.list,
  };
}
