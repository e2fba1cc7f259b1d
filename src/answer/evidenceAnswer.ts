/**
 * Answers from the documents' own sentences when the timeline cannot: the sentences of the authority's documents
 * (those of the event asked about first) are ranked by the question's words and by whether they hold a fact of the
 * kind asked (a person in the role, a count of the thing, a date, a grade), and the best are quoted. A fact is
 * stated only where the sentence states it; otherwise the sentence is quoted as it stands.
 */
import { splitSentences } from '../corpus/splitSentences';
import type { SourceDocument } from '../corpus/types';
import { readGrades } from '../reading/grades';
import { readPeople } from '../reading/people';
import { readQuantities } from '../reading/numbers';
import type { CorpusIndex } from '../search/CorpusIndex';
import { processTerm, tokenize } from '../search/searchOptions';
import { findDates, formatDate, parseIso } from '../timeline/dates';
import { kindCompatible } from '../timeline/extractDocument';
import type { EventKind, Evidence } from '../timeline/types';
import { readKinds } from '../reading/kinds';
import { readFocus, readImprovement } from '../reading/findings';
import { type AskedFor, askedFor, foldWord } from './askedFor';
import { Citations } from './Citations';
import type { Answer, Query } from './types';

/** Where to look, and what to prefer. */
export interface EvidenceScope {
  authority: string;
  /** The kinds of event the question names: a sentence must name one, or stand in a document about one. */
  kinds?: readonly EventKind[] | null;
  /** Files about the event the question is about: their sentences weigh more. */
  eventFiles?: ReadonlySet<string>;
  /** Only these files. */
  onlyFiles?: ReadonlySet<string> | null;
}

/** A sentence of a document, with its words folded as the index folds them. */
interface Candidate {
  doc: SourceDocument;
  text: string;
  evidence: Evidence;
  terms: Set<string>;
  seq: string[];
}

/** Other words documents use for a word of a question; any of them answers it. */
const SYNONYMS: Record<string, string[]> = {
  kid: ['child', 'children', 'young'],
  cla: ['care', 'looked'],
  dcs: ['director'],
  look: ['focus', 'focused', 'reviewed', 'looked', 'examined', 'covered', 'evaluated', 'considered'],
  review: ['focus', 'focused', 'reviewed', 'looked', 'examined', 'covered'],
  focus: ['focus', 'focused', 'reviewed', 'looked', 'examined', 'covered', 'concentrated'],
  cover: ['covered', 'focus', 'reviewed', 'looked'],
  improve: ['improvement', 'improve', 'improving', 'development', 'strengthen', 'weakness', 'concern'],
  improving: ['improvement', 'improve', 'development'],
  improvement: ['improvement', 'improve', 'development'],
  address: ['address', 'addressed', 'improve', 'issue'],
  area: ['area', 'areas'],
  publish: ['published', 'publication', 'report', 'released'],
  published: ['published', 'publication', 'released'],
  out: ['published', 'publication', 'released'],
  announce: ['published', 'announced', 'today'],
  long: ['week', 'weeks', 'day', 'days', 'month', 'months', 'two-week', 'four-week', 'three-week'],
  notice: ['notice', 'notify'],
  inspector: ['inspector', 'inspectors', 'hmi', 'hmis', 'team'],
  recommendation: ['recommendation', 'recommendations'],
  partner: ['partner', 'partnership', 'partnered'],
  rating: ['rated', 'rating', 'judged', 'judgement', 'grade'],
  grade: ['rated', 'rating', 'judged', 'judgement', 'grade'],
  judgement: ['rated', 'rating', 'judged', 'judgement', 'grade'],
  intervention: ['intervention', 'commissioner', 'direction'],
  own: ['owned', 'owns', 'ownership'],
  deliver: ['delivered', 'delivers', 'behalf'],
  trust: ['trust', 'company'],
  row: ['consecutive', 'again', 'second', 'continues'],
  time: ['time', 'times', 'twice', 'again', 'consecutive'],
  setting: ['setting', 'settings', 'inspection', 'inspections'],
  mv: ['monitoring'],
  fv: ['focused', 'focussed'],
  jtai: ['joint', 'targeted'],
  remote: ['remotely', 'virtual', 'online'],
  site: ['remotely', 'site', 'visited'],
  homeless: ['homeless', 'homelessness'],
  pilot: ['pilot', 'piloted', 'test'],
  deadline: ['by', 'must', 'due', 'within', 'submit', 'deadline'],
  actual: ['real', 'formal', 'official', 'pilot', 'test'],
  real: ['real', 'formal', 'official', 'pilot'],
  set: ['established', 'opened', 'created', 'developed', 'launched', 'introduced', 'set'],
  replace: ['replaced', 'replace', 'implemented', 'introduced', 'new'],
  lift: ['lifted', 'removed', 'ended', 'lift'],
  happen: ['happen', 'would', 'will', 'replaced', 'step'],
  done: ['carried', 'conducted', 'undertaken'],
};

/** A crude stem: enough to meet "inspected" with "inspection", "improving" with "improvement". */
function stem(t: string): string {
  const s = t.replace(/(?:ations?|ings?|ments?|ions?|ers?|ed|es|s|ly)$/, '');
  return s.length >= 4 ? s : t;
}

const sentenceCache = new WeakMap<CorpusIndex, Map<string, Candidate[]>>();

/** Every sentence of a document, folded once per index. */
function candidatesOf(index: CorpusIndex, doc: SourceDocument): Candidate[] {
  let byFile = sentenceCache.get(index);
  if (!byFile) {
    byFile = new Map();
    sentenceCache.set(index, byFile);
  }
  const cached = byFile.get(doc.file);
  if (cached) return cached;
  const out: Candidate[] = [];
  for (const p of index.passagesOf(doc.file)) {
    for (const s of splitSentences(p.text, p.start)) {
      const text = s.text.replace(/\s+/g, ' ');
      if (text.length < 12) continue;
      // A page's date line, a heading of a date, is no sentence to quote.
      if (text.length < 60 && findDates(text).length > 0 && text.replace(/\b(?:published|date|released?|posted|updated|on|[A-Z][a-z]+day)\b|[\d\s:,./–-]|(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\w*)/gi, '').trim().length < 3) continue;
      const seq = tokenize(text).map((t) => foldWord(t)).filter((t): t is string => !!t).map(stem);
      out.push({ doc, text, evidence: { file: doc.file, passage: p.id, start: s.start, end: s.end }, terms: new Set(seq), seq });
    }
  }
  byFile.set(doc.file, out);
  return out;
}

/** A grade's word, whatever it grades. */
const GRADE_WORD = /\b(?:outstanding|good|inadequate|requires?\s+improvement|requiring\s+improvement)\b/i;

/** Words that report what Ofsted said or found. */
const REPORTED = /\b(?:said|says|say|found|finds|describ(?:es|ed)|noted|notes|highlight(?:s|ed)|praised|wrote|reported|told|stated|concluded|recognised|commented)\b/i;

/** The score of a sentence that cannot answer. */
const EXCLUDED = -1000;

/** The kinds of words that say a sentence holds what a question of each type wants. */
function typeScore(asked: AskedFor, c: Candidate, qText: string): { score: number; fact: string | null } {
  switch (asked.type) {
    case 'person': {
      const people = readPeople(c.text);
      const fitting = people.filter((p) => p.role !== null && asked.roles.includes(p.role));
      if (fitting.length) return { score: 5, fact: fitting.map((p) => `${p.name}${p.roleText ? ` (${p.roleText})` : ''}`).join(' and ') };
      // Anyone named, where the question names no role: only people the sentence presents as people.
      const presented = people.filter((p) => p.role !== null || p.honorific || p.speaker);
      if (asked.roles.length === 0 && presented.length) return { score: 3, fact: presented.map((p) => p.name).join(' and ') };
      return { score: EXCLUDED, fact: null };
    }
    case 'count': {
      if (asked.percent) return /\d\s?%|\bper\s*cent\b/i.test(c.text) ? { score: 4, fact: null } : { score: EXCLUDED, fact: null };
      const qs = readQuantities(c.text);
      // What a count counts: the words after its number, up to a few ("6,500 children and their families").
      const counted = (q: { end: number; noun: string }): string => `${q.noun} ${c.text.slice(q.end, q.end + 40)}`.toLowerCase().split(/\s+/).slice(0, 5).join(' ');
      const nounHit = qs.find((q) => asked.nouns.some((n) => {
        const words = counted(q);
        return words.includes(n) || words.split(' ').some((w) => stem(processTerm(w) ?? '') === stem(n)) || (SYNONYMS[n] ?? []).some((s) => words.includes(s));
      }));
      const duration = asked.duration && /\b(?:\w+[- ])?(?:weeks?|days?|months?|years?)(?:['’])?\b/i.test(c.text) && qs.length > 0;
      if (nounHit) return { score: 4, fact: c.text.slice(nounHit.start, nounHit.end) };
      if (duration) return { score: 3, fact: null };
      if (asked.nouns.includes('time') && /\b(?:twice|again|consecutive|second\s+time|third\s+time|once)\b/i.test(c.text)) return { score: 3, fact: null };
      // "How many inspectors…": a count of something else is no answer.
      if (asked.nouns.length && !asked.duration) return { score: EXCLUDED, fact: null };
      return qs.length ? { score: 0.5, fact: null } : { score: EXCLUDED, fact: null };
    }
    case 'date': {
      const dates = findDates(c.text, c.doc.date ? parseIso(c.doc.date) : null);
      if (!dates.length) return { score: EXCLUDED, fact: null };
      // "When was the report published?" wants a date of publication, not any date.
      const published = /\bpublish|\bcame out\b|\breleased?\b|\bcome out\b/i.test(qText);
      if (published) return /\bpublish|\breleased?\b|\bembargoed\b|\bcame\s+out\b/i.test(c.text) ? { score: 3, fact: null } : { score: EXCLUDED, fact: null };
      return { score: 1.5, fact: null };
    }
    case 'grade':
      return readGrades(c.text).length ? { score: 2.5, fact: null } : GRADE_WORD.test(c.text) ? { score: 1.5, fact: null } : { score: -1, fact: null };
    default:
      return { score: 0, fact: null };
  }
}

/** A sentence scored for a question. */
interface Scored {
  c: Candidate;
  score: number;
  fact: string | null;
  matched: Set<string>;
}

/** The best sentences of an authority's documents for a question, best first, with what they state; empty when none will do. */
export function bestSentences(index: CorpusIndex, q: Query, scope: EvidenceScope, asked = askedFor(q)): Scored[] {
  const scored = rankSentences(index, q, scope, asked);
  const best = scored[0];
  if (!best) return [];
  const wanted = asked.terms;
  const need = asked.type === 'text' ? Math.min(5, 1.5 + wanted.length * 0.8) : 3;
  if (best.score < need || (asked.type === 'text' && best.matched.size === 0)) return [];
  const out = [best];
  // A second sentence where the question asks two things ("how many inspectors and how long").
  const second = scored.slice(1, 6).find((s) => s.score >= best.score * 0.6 && [...s.matched].some((t) => !best.matched.has(t)) && s.c.doc.file === best.c.doc.file);
  if (second && /\band\b|\balso\b/i.test(q.text)) out.push(second);
  return out;
}

/** Every sentence of the authority's documents that may answer, scored, best first. */
export function rankSentences(index: CorpusIndex, q: Query, scope: EvidenceScope, asked = askedFor(q)): Scored[] {
  const docs = index.corpus.documents.filter((d) => d.authority === scope.authority && !/\.csv$/i.test(d.file) && (!scope.onlyFiles || scope.onlyFiles.has(d.file)));
  const all = docs.flatMap((d) => candidatesOf(index, d));
  if (!all.length) return [];
  const wanted = asked.terms.map(stem);
  // How rare each word is among these sentences.
  const df = new Map<string, number>();
  for (const c of all) for (const t of c.terms) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string): number => Math.log(1 + all.length / (1 + (df.get(t) ?? 0)));
  const years = q.during ? new Set([q.during.start.year, q.during.end.year]) : null;
  const subject = /^\s*what\s+(?:is|are)\s+(?:an?\s+|the\s+)?([a-z][a-z'’ -]{3,40}?)\s*\??$/i.exec(q.text)?.[1];
  const defines = subject ? new RegExp(`^\\W*(?:an?\\s+|the\\s+)?${subject.replace(/[^a-z ]/gi, '.').replace(/\s+/g, '\\s+')}s?\\b[^.]{0,30}?\\b(?:is|are|means?)\\b`, 'i') : null;
  const reported = /\b(?:ofsted|inspectors?|report|letter)\b[^?]*\b(?:say|said|says|find|found|think|describe|note)\b|^\s*(?:did|does|do|has|have)\b[^?]*\b(?:find|found|say|said|praise|criticise|mention)\b/i.test(q.text);
  const latestFirst = asked.type === 'person' || /\b(?:now|current(?:ly)?|latest|still|today)\b/i.test(q.text);
  const dates = docs.map((d) => d.date).filter((d): d is string => d !== null).sort();
  const recency = (date: string): number => dates.length < 2 ? 0 : (dates.indexOf(date) + 1) / dates.length;
  // The kinds of event each document is about, from the timeline.
  const kinds = scope.kinds && scope.kinds.length ? scope.kinds : null;
  const docKinds = new Map<string, EventKind[]>();
  if (kinds) {
    for (const e of index.timeline.events) {
      if (e.authority !== scope.authority) continue;
      for (const f of e.subjectOf ?? []) docKinds.set(f, [...(docKinds.get(f) ?? []), e.kind]);
    }
  }
  const fitsKind = (c: Candidate): boolean => {
    if (!kinds) return true;
    const named = readKinds(c.text).filter((k) => k.relation !== 'future');
    if (named.some((k) => k.kind !== null && k.kind !== 'inspection' && kinds.some((x) => kindCompatible(x, k.kind!)))) return true;
    if (named.some((k) => k.kind !== null && k.kind !== 'inspection')) return false;
    if ((docKinds.get(c.doc.file) ?? []).some((x) => kinds.some((y) => kindCompatible(x, y)))) return true;
    // A question of any inspection takes a sentence of any; one of a short inspection needs it named.
    return kinds.includes('inspection') && named.some((k) => k.kind === 'inspection' || (k.kind === null && k.family !== 'visit'));
  };
  const scored: Scored[] = [];
  for (const c of all) {
    if (!fitsKind(c)) continue;
    const matched = new Set<string>();
    let score = 0;
    for (const t of wanted) {
      const alts = [t, ...(SYNONYMS[t] ?? []).map(stem)];
      const hit = alts.find((a) => c.terms.has(a) || (a.length >= 6 && [...c.terms].some((x) => x.length >= 6 && (x.startsWith(a.slice(0, -1)) || a.startsWith(x.slice(0, -1))))));
      if (hit) {
        matched.add(t);
        score += idf(hit) * (hit === t ? 1 : 0.85);
      }
    }
    // "This will meet every six weeks…": a sentence that goes on about the one before it shares its words.
    if (/^\W*(?:this|it|they|these|he|she|the\s+board)\b/i.test(c.text)) {
      const prev = candidatesOf(index, c.doc)[candidatesOf(index, c.doc).indexOf(c) - 1];
      if (prev) for (const t of wanted) if (!matched.has(t) && prev.terms.has(t)) score += 0.5 * idf(t);
    }
    // Words side by side in the question and in the sentence.
    for (let i = 1; i < wanted.length; i++) {
      const a = c.seq.indexOf(wanted[i - 1]!);
      if (a >= 0 && c.seq[a + 1] === wanted[i]) score += 1;
    }
    const type = typeScore(asked, c, q.text);
    score += type.score;
    // "What did the visit look at?", "what must we improve?": sentences that say so.
    if (q.intents.includes('focus') && readFocus(c.text)) score += 3;
    if ((q.intents.includes('improve') || q.intents.includes('improveCount')) && readImprovement(c.text, false)) score += 3;
    if (years) {
      const own = findDates(c.text).map((d) => d.start.year);
      const docYear = c.doc.date ? parseIso(c.doc.date)?.year : undefined;
      // "What dates was the 2026 focused visit?", "who led the 2023 inspection?": of another year is no answer.
      if (asked.type === 'date' && own.length && !own.some((y) => years.has(y))) continue;
      if (asked.type === 'person' && asked.roles.some((r) => r === 'inspector' || r === 'lead inspector') && !own.some((y) => years.has(y)) &&
          !(docYear !== undefined && (years.has(docYear) || years.has(docYear - 1))) && !scope.eventFiles?.has(c.doc.file)) continue;
      if (own.some((y) => years.has(y))) score += 2;
      else if (docYear !== undefined && (years.has(docYear) || years.has(docYear - 1))) score += 1.5;
      else if (own.length && own.every((y) => !years.has(y))) score -= 2;
      else if (docYear !== undefined) score -= 1;
    }
    if (scope.eventFiles?.has(c.doc.file)) score += 2;
    // "What is a focused visit?": the sentence that says what one is.
    if (defines && defines.test(c.text)) score += 4;
    // "What did inspectors say about…": what Ofsted said or found.
    if (reported && REPORTED.test(c.text)) score += 1.5;
    // "Who is our DCS?", "what happens now?": the latest documents first.
    if (latestFirst && c.doc.date) score += (asked.type === 'person' && /\b(?:now|current(?:ly)?|today|still)\b/i.test(q.text) ? 3 : 0.5) * recency(c.doc.date);
    score -= Math.max(0, c.text.length - 450) / 300;
    scored.push({ c, score, fact: type.fact, matched });
  }
  return scored.sort((a, b) => b.score - a.score);
}

/**
 * The parts of a question that asks two things ("how many inspectors and how long was the inspection?"), each read
 * on its own; a question that asks one thing is its own part.
 */
function questionParts(q: Query): Query[] {
  const pieces = q.text.split(/\s*(?:,\s*)?\band\s+(?=(?:how|when|who|what|which|where)\b)/i).filter((p) => p.trim().length > 3);
  if (pieces.length < 2) return [q];
  return pieces.map((p, i) => ({ ...q, text: i === 0 ? p : `${p} ${pieces[0]!.replace(/^\s*(?:how\s+many|how\s+long|when|who|what|which)\b[^,]*?\b(?=the\b|our\b|its\b)/i, '')}`.trim() }));
}

/** An answer from the best sentences, or null when none states a fact of the kind asked. */
export function evidenceAnswer(index: CorpusIndex, q: Query, scope: EvidenceScope, cites: Citations): Answer | null {
  const best: (Scored & { asked: AskedFor })[] = [];
  const pieces = questionParts(q);
  for (const part of pieces) {
    const asked = askedFor(part);
    const found = bestSentences(index, part, scope, asked);
    for (const b of found) if (!best.some((x) => x.c === b.c)) best.push({ ...b, asked });
    // A second part whose best sentence the first part took: its next best, if nearly as good and of the same document.
    if (pieces.length > 1 && found.length && found.every((b) => best.some((x) => x.c === b.c && x.asked !== asked))) {
      const next = rankSentences(index, part, scope, asked).find((x) => !best.some((y) => y.c === x.c) && x.score >= found[0]!.score * 0.7 && x.c.doc === found[0]!.c.doc);
      if (next) best.push({ ...next, asked });
    }
  }
  if (!best.length) return null;
  const parts: string[] = [];
  for (const [i, b] of best.entries()) {
    // The quote keeps what the answer states: a person's name, the count.
    const needles = b.fact ? b.fact.split(/\s+and\s+/).map((x) => x.replace(/\s*\(.*$/, '')) : [];
    const n = cites.cite(b.c.evidence, [...needles, ...b.asked.terms]);
    const quote = cites.list[n - 1]!.quote;
    const source = i === 0 ? `${sourceName(b.c.doc)}: ` : '';
    if (b.asked.type === 'person' && b.fact) parts.push(`${b.fact} ${Citations.markers([n])}. ${source}“${quote}”`);
    else parts.push(`${source}“${quote}” ${Citations.markers([n])}`);
    // A quotation that runs on into the next sentence is read to its end.
    const next = following(index, b.c);
    if (next && opensQuote(b.c.text) && !best.some((x) => x.c === next)) {
      const k = cites.cite(next.evidence);
      parts.push(`“${cites.list[k - 1]!.quote}” ${Citations.markers([k])}`);
    }
    // A sentence that opens a list ("…which included:", "…priorities. These include:") is read with its items.
    // A list, not a quotation that follows "said:".
    const opens = (c: Candidate): boolean => /:\s*$/.test(c.text) && !/\b(?:said|says|added|commented|emphasised|stated|wrote|explained|from\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)\s*:\s*$/i.test(c.text);
    const opener = b.asked.type === 'person' ? null : opens(b.c) ? b.c : next && /^(?:these|they|this|which)\s+(?:include[sd]?|are|were|covered)\b[^.]{0,40}:\s*$/i.test(next.text) ? next : null;
    if (opener) {
      if (opener !== b.c) parts.push(`“${cites.list[cites.cite(opener.evidence) - 1]!.quote}”`);
      const items = listAfter(index, opener);
      if (items.length) parts.push(items.map((it) => `${it.text.replace(/^\s*(?:[-*•·◦▪]\s*|\d{1,2}[.)]\s+)/, '').replace(/[.;,\s]+$/, '')} ${Citations.markers([cites.cite(it.evidence)])}`).join('; ') + '.');
    }
  }
  return {
    status: 'answered',
    answer: parts.join(' '),
    authority: scope.authority,
    facts: best.map((b, i) => ({ label: 'source', value: b.fact ?? b.c.text, date: b.c.doc.date, eventId: null, kind: null, judgement: null, citations: [i + 1] })),
    citations: cites.list,
  };
}

/** The sentence after one in its document, or null. */
function following(index: CorpusIndex, c: Candidate): Candidate | null {
  const all = candidatesOf(index, c.doc);
  return all[all.indexOf(c) + 1] ?? null;
}

/** True when a sentence opens a quotation it does not close. */
function opensQuote(text: string): boolean {
  const open = (text.match(/[“]/g) ?? []).length, close = (text.match(/[”]/g) ?? []).length;
  const straight = (text.match(/"/g) ?? []).length;
  return open > close || straight % 2 === 1;
}

/** The items of the list a sentence opens: the lines after it that open with a bullet or a number, or are short, up to eight. */
function listAfter(index: CorpusIndex, c: Candidate): Candidate[] {
  const all = candidatesOf(index, c.doc);
  const at = all.indexOf(c);
  const items: Candidate[] = [];
  const bullet = /^\s*(?:[-*•·◦▪]|\d{1,2}[.)])\s*/;
  for (const next of all.slice(at + 1, at + 9)) {
    // A bulleted list ends at its first line without a bullet; an unbulleted one at a long line.
    if (items.length && bullet.test(items[0]!.text) && !bullet.test(next.text)) break;
    if (!bullet.test(next.text) && next.text.length > 160) break;
    if (/:\s*$/.test(next.text) && items.length) break;
    items.push(next);
  }
  return items;
}

/** "“Ofsted rates Hampshire’s services good” (22 April 2014)", for an answer that quotes a document. */
export function sourceName(doc: SourceDocument): string {
  const d = doc.date ? parseIso(doc.date) : null;
  return `From “${doc.title}”${d ? ` (${formatDate(d)})` : ''}`;
}
