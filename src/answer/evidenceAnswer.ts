/**
 * Answers from the documents' own sentences when the timeline cannot: the sentences of the authority's documents
 * (those of the event asked about first) are ranked by the question's words and by whether they hold a fact of the
 * kind asked (a person in the role, a count of the thing, a date, a grade), and the best are quoted. A fact is
 * stated only where the sentence states it; otherwise the sentence is quoted as it stands.
 */
import { isHeading } from '../corpus/splitPassages';
import { splitSentences } from '../corpus/splitSentences';
import type { Passage, SourceDocument } from '../corpus/types';
import { readGrades } from '../reading/grades';
import { type PersonSpan, readPeople } from '../reading/people';
import { type Quantity, readQuantities } from '../reading/numbers';
import type { CorpusIndex } from '../search/CorpusIndex';
import { processTerm } from '../search/searchOptions';
import { type DateMention, findDates, formatDate, parseIso } from '../timeline/dates';
import { kindCompatible } from '../timeline/extractDocument';
import type { Area, EventKind, Evidence, InspectionEvent } from '../timeline/types';
import { type KindSpan, readKinds } from '../reading/kinds';
import { readFocus, readImprovement } from '../reading/findings';
import { type AskedFor, askedFor, contentTerms, foldWord } from './askedFor';
import { Citations } from './Citations';
import { matchingEvents, pick } from './selectEvents';
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
  /** Its terms of six letters or more, for meeting other forms of a long word. */
  long: string[];
  seq: string[];
  /** Its passage's place in its document, and its own place among the passage's sentences. */
  passage: number;
  at: number;
  /** What the readers find in it, read on first need and kept: they do not depend on the question. */
  read?: Partial<Readings>;
}

interface Readings {
  kinds: KindSpan[];
  people: PersonSpan[];
  quantities: Quantity[];
  dates: DateMention[];
  years: number[];
  grades: boolean;
  focus: boolean;
  improvement: boolean;
}

/** One reading of a sentence, made once. */
function reading<K extends keyof Readings>(c: Candidate, key: K, make: () => Readings[K]): Readings[K] {
  c.read ??= {};
  if (!(key in c.read)) c.read[key] = make();
  return c.read[key]!;
}

/** Other words documents use for a word of a question; any of them answers it. */
const SYNONYMS: ReadonlyMap<string, string[]> = new Map(Object.entries({
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
}));

/**
 * Words a stem would meet with another word of their own ("placements" is no "place", as in "took place" or "in
 * place"; "statement" no "state"): they are kept whole.
 */
const KEPT_WHOLE = new Set(['placement', 'statement', 'department', 'apartment']);

/** A crude stem: enough to meet "inspected" with "inspection", "improving" with "improvement". */
function stem(t: string): string {
  if (KEPT_WHOLE.has(t)) return t;
  const s = t.replace(/(?:ations?|ings?|ments?|ions?|ers?|ed|es|s|ly)$/, '');
  return s.length >= 4 ? s : t;
}

const LETTER = /[\p{L}\p{N}]/u;

/** Whether a character (not a full stop) may stand in a word, as `tokenize` has it. */
function wordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39 || c === 0x2019 || c === 0xa3) return true;
  return c > 127 && LETTER.test(text[i]!);
}

const isDigit = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/**
 * The index's words of a text, as `tokenize` splits it (letters, digits, apostrophes and "£"; a full stop only between
 * digits), read character by character: the sentences of a few dozen documents are read for one question.
 */
export function words(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const inWord = i < text.length && (text.charCodeAt(i) === 46 ? i > 0 && isDigit(text, i - 1) && isDigit(text, i + 1) : wordChar(text, i));
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(text.slice(start, i));
      start = -1;
    }
  }
  return out;
}

/** Words folded as the index folds them and stemmed, each once: the same words come again in every document. */
const foldedWords = new Map<string, string | null>();
const MAX_FOLDED = 100_000;

function folded(word: string): string | null {
  let t = foldedWords.get(word);
  if (t === undefined) {
    if (foldedWords.size >= MAX_FOLDED) foldedWords.clear();
    const f = foldWord(word);
    t = f ? stem(f) : null;
    foldedWords.set(word, t);
  }
  return t;
}

/** Sentences kept read, at most: about 25 MB, the passages of a few dozen authorities at national size. */
const KEPT_SENTENCES = 40_000;

/** Each index's passages' sentences, the least recently asked of first. */
const sentenceCache = new WeakMap<CorpusIndex, { byPassage: Map<string, Candidate[]>; size: number }>();

/** The sentences of one passage, folded once and kept while they are asked of. */
function passageCandidates(index: CorpusIndex, doc: SourceDocument, p: Passage): Candidate[] {
  let kept = sentenceCache.get(index);
  if (!kept) {
    kept = { byPassage: new Map(), size: 0 };
    sentenceCache.set(index, kept);
  }
  const { byPassage } = kept;
  const cached = byPassage.get(p.id);
  if (cached) {
    byPassage.delete(p.id);
    byPassage.set(p.id, cached);
    return cached;
  }
  const out: Candidate[] = [];
  for (const s of splitSentences(p.text, p.start)) {
    const text = s.text.replace(/\s+/g, ' ');
    if (text.length < 12) continue;
    // A page's date line, a heading of a date, is no sentence to quote.
    if (text.length < 60 && text.replace(/\b(?:published|date|released?|posted|updated|on|[A-Z][a-z]+day)\b|[\d\s:,./–-]|(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\w*)/gi, '').trim().length < 3 && findDates(text).length > 0) continue;
    const seq: string[] = [];
    for (const word of words(text)) {
      const t = folded(word);
      if (t) seq.push(t);
    }
    const terms = new Set(seq);
    out.push({ doc, text, evidence: { file: doc.file, passage: p.id, start: s.start, end: s.end }, terms, long: [...terms].filter((x) => x.length >= 6), seq, passage: p.index, at: out.length });
  }
  byPassage.set(p.id, out);
  kept.size += out.length;
  for (const [id, list] of byPassage) {
    if (kept.size <= KEPT_SENTENCES || id === p.id) break;
    byPassage.delete(id);
    kept.size -= list.length;
  }
  return out;
}

/** Every sentence of a document, in order. */
function candidatesOf(index: CorpusIndex, doc: SourceDocument): Candidate[] {
  return index.passagesOf(doc.file).flatMap((p) => passageCandidates(index, doc, p));
}

/** The sentence `step` before (negative) or after a sentence in its document, or null. */
function neighbour(index: CorpusIndex, c: Candidate, step: -1 | 1): Candidate | null {
  const passages = index.passagesOf(c.doc.file);
  let list = passageCandidates(index, c.doc, passages[c.passage]!);
  let at = list.indexOf(c) + step;
  for (let p = c.passage; at < 0 || at >= list.length;) {
    p += step;
    if (p < 0 || p >= passages.length) return null;
    list = passageCandidates(index, c.doc, passages[p]!);
    at = step < 0 ? list.length - 1 : 0;
  }
  return list[at] ?? null;
}

/** A grade's word, whatever it grades. */
const GRADE_WORD = /\b(?:outstanding|good|inadequate|requires?\s+improvement|requiring\s+improvement)\b/i;

/** Words that report what Ofsted said or found. */
const REPORTED = /\b(?:said|says|say|found|finds|describ(?:es|ed)|noted|notes|highlight(?:s|ed)|praised|wrote|reported|told|stated|concluded|recognised|commented)\b/i;

/** The score of a sentence that cannot answer. */
const EXCLUDED = -1000;

/**
 * How documents name each judgement area, for a question about one ("what did the inspection say about children in
 * care?"): the question's own words for it are too common to count ("children", "care"), the area's name is not.
 */
const AREA_PHRASES: Partial<Record<Area, RegExp>> = {
  // EXAMPLE: "children in care", "children looked after", "looked-after children", "CLA"
  'children in care': /\bchildren\s+(?:and\s+young\s+people\s+)?in\s+care\b|\blooked[\s-]+after\b|\bCLA\b|\bin\s+care\b/i,
  // EXAMPLE: "care leavers", "young people leaving care", "care experienced"
  'care leavers': /\bcare\s+leavers?\b|\bleaving\s+care\b|\bcare[\s-]+experienced\b/i,
  // EXAMPLE: "children who need help and protection", "child protection"
  'help and protection': /\bhelp\s+and\s+protection\b|\bchild\s+protection\b|\bprotection\s+plans?\b/i,
  // EXAMPLE: "leaders", "leadership", "senior managers"
  leaders: /\bleaders(?:hip)?\b|\bsenior\s+managers?\b/i,
  // EXAMPLE: "adoption", "adopted", "adopters"
  adoption: /\badopt(?:ion|ed|ers?|ive)\b/i,
};

/** The score a sentence gets for naming the judgement area a question is about. */
const AREA_SCORE = 3;

/** Words after which a sentence cannot stop: one that does was cut off, or leads in to a list. */
const OPEN_END = /(?:,|\b(?:and|or|of|the|a|an|to|in|on|at|by|for|from|with|that|which|who|whose|including|includes?|such\s+as|as\s+follows|are|is|were|was))\s*[:;,]?$/i;

/**
 * What keeps a sentence from answering on its own: `cut`, a clause cut off or an item of a list ("the experiences and
 * progress of care leavers and:", "…and the quality of plans,"); `leadIn`, a heading or sentence that leads in to a
 * list ("Areas for improvement:", "We achieved a good outcome across all 5 inspected areas including;"), which answers
 * only with the list after it; null for a sentence.
 */
export function fragmentKind(text: string): 'cut' | 'leadIn' | null {
  const t = text.replace(/^\s*(?:[-*•·◦▪]\s*|\(?\d{1,2}(?:\.\d{1,2})?[.)]\s+)+/, '').replace(/[*_\s]+$/, '').trim();
  const leads = /[:;]$/.test(t);
  if (/^[a-z]/.test(t) && (leads || OPEN_END.test(t))) return 'cut';
  if (leads && (OPEN_END.test(t) || t.split(/\s+/).length < 6 || /:$/.test(t))) return 'leadIn';
  return OPEN_END.test(t) ? 'cut' : null;
}

/** The kinds of words that say a sentence holds what a question of each type wants. */
function typeScore(asked: AskedFor, c: Candidate, qText: string): { score: number; fact: string | null } {
  switch (asked.type) {
    case 'person': {
      const people = reading(c, 'people', () => readPeople(c.text));
      const fitting = people.filter((p) => p.role !== null && asked.roles.includes(p.role));
      if (fitting.length) return { score: 5, fact: fitting.map((p) => `${p.name}${p.roleText ? ` (${p.roleText})` : ''}`).join(' and ') };
      // Anyone named, where the question names no role: only people the sentence presents as people.
      const presented = people.filter((p) => p.role !== null || p.honorific || p.speaker);
      if (asked.roles.length === 0 && presented.length) return { score: 3, fact: presented.map((p) => p.name).join(' and ') };
      return { score: EXCLUDED, fact: null };
    }
    case 'count': {
      if (asked.percent) return /\d\s?%|\bper\s*cent\b/i.test(c.text) ? { score: 4, fact: null } : { score: EXCLUDED, fact: null };
      const qs = reading(c, 'quantities', () => readQuantities(c.text));
      // What a count counts: the words after its number, up to a few ("6,500 children and their families").
      const counted = (q: { end: number; noun: string }): string => `${q.noun} ${c.text.slice(q.end, q.end + 40)}`.toLowerCase().split(/\s+/).slice(0, 5).join(' ');
      const nounHit = qs.find((q) => asked.nouns.some((n) => {
        const words = counted(q);
        return words.includes(n) || words.split(' ').some((w) => stem(processTerm(w) ?? '') === stem(n)) || (SYNONYMS.get(n) ?? []).some((s) => words.includes(s));
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
      const dates = reading(c, 'dates', () => findDates(c.text, c.doc.date ? parseIso(c.doc.date) : null));
      if (!dates.length) return { score: EXCLUDED, fact: null };
      // "When was the report published?" wants a date of publication, not any date.
      const published = /\bpublish|\bcame out\b|\breleased?\b|\bcome out\b/i.test(qText);
      if (published) return /\bpublish|\breleased?\b|\bembargoed\b|\bcame\s+out\b/i.test(c.text) ? { score: 3, fact: null } : { score: EXCLUDED, fact: null };
      // "Deadline for the response?", "by when must the plan be sent?": a date something is due by.
      if (/\bdeadline\b|\bdue\b|\bby\s+when\b/i.test(qText)) {
        if (dates.some((d) => DUE_BY.test(c.text.slice(Math.max(0, d.index - 40), d.index)))) return { score: 3, fact: null };
        // A deadline asked for is no date of anything else.
        return /\bdeadline\b|\bby\s+when\b/i.test(qText) ? { score: EXCLUDED, fact: null } : { score: 0.5, fact: null };
      }
      return { score: 1.5, fact: null };
    }
    case 'grade':
      return reading(c, 'grades', () => readGrades(c.text).length > 0) ? { score: 2.5, fact: null } : GRADE_WORD.test(c.text) ? { score: 1.5, fact: null } : { score: -1, fact: null };
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

/** An authority's passages in lower case, end to end, for finding a question's words without reading every sentence. */
interface PassageText {
  /** The passages' texts in lower case, a line feed between each. */
  lower: string;
  /** Where each passage starts in it. */
  starts: number[];
  /** About how many sentences they hold. */
  sentences: number;
  /** For each word looked for, the passages (by place) that may hold it. */
  holding: Map<string, number[]>;
}

const textCache = new WeakMap<CorpusIndex, Map<string, PassageText>>();
/** Authorities whose passages are kept in lower case, at most. */
const KEPT_AUTHORITIES = 24;

function passageText(index: CorpusIndex, key: string, docs: SourceDocument[]): PassageText {
  let kept = textCache.get(index);
  if (!kept) {
    kept = new Map();
    textCache.set(index, kept);
  }
  let text = kept.get(key);
  if (text) {
    kept.delete(key);
  } else {
    const passages = docs.flatMap((d) => index.passagesOf(d.file));
    const starts: number[] = [];
    let at = 0;
    for (const p of passages) {
      starts.push(at);
      at += p.text.length + 1;
    }
    const lower = passages.map((p) => p.text).join('\n').toLowerCase();
    // About a sentence to every hundred characters, and at least one a passage.
    text = { lower, starts, sentences: Math.max(Math.round(lower.length / 100), passages.length), holding: new Map() };
    if (kept.size >= KEPT_AUTHORITIES) kept.delete(kept.keys().next().value!);
  }
  kept.set(key, text);
  return text;
}

const isWordCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c > 127;

/**
 * The passages (by place) that may hold a word in a form scoring meets: a long word's first five letters anywhere,
 * a short one as a word of its own, with an ending at most.
 */
function holdingOf(text: PassageText, t: string): number[] {
  let list = text.holding.get(t);
  if (list) return list;
  list = [];
  const needle = t.length >= 6 ? t.slice(0, 5) : t;
  const ending = /^(?:s|es|ed|d|ing|ly|er|ers)?$/;
  let passage = 0;
  for (let at = text.lower.indexOf(needle); at >= 0; at = text.lower.indexOf(needle, at + 1)) {
    if (t.length < 6) {
      if (at > 0 && isWordCode(text.lower.charCodeAt(at - 1))) continue;
      let end = at + needle.length;
      while (end < text.lower.length && isWordCode(text.lower.charCodeAt(end))) end++;
      if (!ending.test(text.lower.slice(at + needle.length, end))) continue;
    }
    while (passage + 1 < text.starts.length && text.starts[passage + 1]! <= at) passage++;
    if (list[list.length - 1] !== passage) list.push(passage);
  }
  text.holding.set(t, list);
  return list;
}

/** Where a question may be answered from: sentences, and how rare each word is among the authority's. */
interface Pool {
  docs: SourceDocument[];
  all: Candidate[];
  idf: (term: string) => number;
  /** For a question for words: the question's words (by place) a sentence must hold one of; null for any. */
  distinctive: Set<number> | null;
}

/** An authority with no more passages than this has every sentence read for any question, and counted exactly. */
const EXACT_PASSAGES = 300;

/** Passages read for a question for words, at most, where more hold them: the index's best. */
const SEARCHED_PASSAGES = 30;

/** A word in more than this share of an authority's passages says nothing of which one answers. */
const COMMON_SHARE = 0.5;

/**
 * The sentences a question may be answered from, and how rare each word is. A question for words from the
 * documents needs one of its words in the sentence (bestSentences), so only the passages that hold one (in any of the
 * forms scoring meets) are read, with the whole of the documents about the event asked of; a question for a person,
 * a count, a date or a grade reads every sentence of the authority's documents, as one may answer without the
 * question's words. A word's rarity is the share of the sentences read that hold it, or for a question for words,
 * the passages that hold it against the authority's sentences.
 */
function poolOf(index: CorpusIndex, scope: EvidenceScope, asked: AskedFor, alternatives: string[][]): Pool {
  const docs = index.documentsOf(scope.authority).filter((d) => !/\.csv$/i.test(d.file) && (!scope.onlyFiles || scope.onlyFiles.has(d.file)));
  const passageCount = docs.reduce((n, d) => n + index.passagesOf(d.file).length, 0);
  if (asked.type !== 'text' || alternatives.length === 0 || passageCount <= EXACT_PASSAGES) {
    // Every sentence is read: a word's rarity is the share of them that hold it.
    const all = docs.flatMap((d) => candidatesOf(index, d));
    const df = new Map<string, number>();
    for (const c of all) for (const t of c.terms) df.set(t, (df.get(t) ?? 0) + 1);
    return { docs, all, idf: (t) => Math.log(1 + all.length / (1 + (df.get(t) ?? 0))), distinctive: null };
  }
  // An authority of many documents, asked for words: its passages are searched as text, and only those that may
  // hold the words are read.
  const text = passageText(index, `${scope.authority}\u0000${scope.onlyFiles ? [...scope.onlyFiles].sort().join('\u0000') : ''}`, docs);
  // A word's rarity: the passages that may hold it, against the authority's sentences.
  const idf = (t: string): number => Math.log(1 + text.sentences / (1 + holdingOf(text, t).length));
  // "What did inspectors say about supervision?": where most passages name inspectors, a sentence must say
  // something of supervision.
  const share = (alts: string[]): number => Math.min(...alts.map((t) => holdingOf(text, t).length)) / Math.max(1, text.starts.length);
  const distinct = alternatives.map((alts, i) => [i, share(alts)] as const).filter(([, x]) => x <= COMMON_SHARE).map(([i]) => i);
  const distinctive = distinct.length > 0 && distinct.length < alternatives.length ? new Set(distinct) : null;
  const needles = [...new Set((distinctive ? alternatives.filter((_, i) => distinctive.has(i)) : alternatives).flat())];
  const places = new Set(needles.flatMap((n) => holdingOf(text, n)));
  const found: { d: SourceDocument; p: Passage; whole: boolean }[] = [];
  let i = 0;
  for (const d of docs) {
    const whole = scope.eventFiles?.has(d.file) ?? false;
    for (const p of index.passagesOf(d.file)) {
      if (whole || places.has(i)) found.push({ d, p, whole });
      i++;
    }
  }
  // Where many passages hold them, the index's best of those.
  const best = found.length > SEARCHED_PASSAGES
    ? new Set(index.search(asked.terms.join(' '), { authority: scope.authority, type: 'passage' }, SEARCHED_PASSAGES).map((h) => h.id))
    : null;
  const all: Candidate[] = [];
  for (const h of found) if (!best || h.whole || best.has(h.p.id)) all.push(...passageCandidates(index, h.d, h.p));
  return { docs, all, idf, distinctive };
}

/** The least score a sentence needs to answer a question for words, by how many words it asks with. */
function textNeed(terms: readonly string[]): number {
  return Math.min(5, 1.5 + terms.length * 0.8);
}

/** How nearly as good as the best of all the best sentence of an event's own documents must be to be taken. */
const OWN_SHARE = 0.75;

/** The best sentences of an authority's documents for a question, best first, with what they state; empty when none will do. */
export function bestSentences(index: CorpusIndex, q: Query, scope: EvidenceScope, asked = askedFor(q)): Scored[] {
  const scored = rankSentences(index, q, scope, asked);
  const best = scored[0];
  if (!best) return [];
  const wanted = asked.terms;
  const need = asked.type === 'text' ? textNeed(wanted) : 3;
  if (best.score < need || (asked.type === 'text' && best.matched.size === 0)) return [];
  const out = [best];
  // A second sentence where the question asks two things ("how many inspectors and how long").
  const second = scored.slice(1, 6).find((s) => s.score >= best.score * 0.6 && [...s.matched].some((t) => !best.matched.has(t)) && s.c.doc.file === best.c.doc.file);
  if (second && /\band\b|\balso\b/i.test(q.text)) out.push(second);
  return out;
}

/** Every sentence of the authority's documents that may answer, scored, best first. */
export function rankSentences(index: CorpusIndex, q: Query, scope: EvidenceScope, asked = askedFor(q)): Scored[] {
  const wanted = asked.terms.map(stem);
  const alternatives = wanted.map((t) => [t, ...(SYNONYMS.get(t) ?? []).map(stem)]);
  const { docs, all, idf, distinctive } = poolOf(index, scope, asked, alternatives);
  if (!all.length) return [];
  const years = q.during ? new Set([q.during.start.year, q.during.end.year]) : null;
  // "What did the inspection say about children in care?": sentences that name the area.
  const area = (asked.type === 'text' || asked.type === 'grade') && q.area ? AREA_PHRASES[q.area] ?? null : null;
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
    const named = reading(c, 'kinds', () => readKinds(c.text)).filter((k) => k.relation !== 'future');
    if (named.some((k) => k.kind !== null && k.kind !== 'inspection' && kinds.some((x) => kindCompatible(x, k.kind!)))) return true;
    if (named.some((k) => k.kind !== null && k.kind !== 'inspection')) return false;
    if ((docKinds.get(c.doc.file) ?? []).some((x) => kinds.some((y) => kindCompatible(x, y)))) return true;
    // A question of any inspection takes a sentence of any; one of a short inspection needs it named.
    return kinds.includes('inspection') && named.some((k) => k.kind === 'inspection' || (k.kind === null && k.family !== 'visit'));
  };
  const scored: Scored[] = [];
  for (const c of all) {
    // The question's words first, as they cost little. A question for words from the documents needs some of its
    // own in the sentence (bestSentences), so the readers are spared the rest, but for the event's own documents.
    const matched = new Set<string>();
    let score = 0;
    let telling = distinctive === null;
    wanted.forEach((t, i) => {
      const hit = alternatives[i]!.find((a) => c.terms.has(a) || (a.length >= 6 && c.long.some((x) => x.startsWith(a.slice(0, -1)) || a.startsWith(x.slice(0, -1)))));
      if (hit) {
        matched.add(t);
        score += idf(hit) * (hit === t ? 1 : 0.85);
        if (distinctive?.has(i)) telling = true;
      }
    });
    if (!telling) continue;
    // A clause cut off is no answer; a lead-in answers only with its list.
    const fragment = fragmentKind(c.text);
    if (fragment === 'cut' || (fragment === 'leadIn' && listAfter(index, c).length === 0)) continue;
    // A heading says what a section is about, not what it says ("The experiences and progress of care leavers").
    if (asked.type === 'text' && !/[.!?]["'’”)*]*$/.test(c.text) && isHeading(c.text)) continue;
    if (area) {
      // The area named, or the sentence in the report's section on it.
      const heading = area.test(index.passage(c.evidence.passage)?.heading ?? '');
      if (area.test(c.text) || heading) {
        matched.add(q.area!);
        score += AREA_SCORE + (heading ? 1 : 0);
      }
    }
    // "This will meet every six weeks…": a sentence that goes on about the one before it shares its words.
    if (/^\W*(?:this|it|they|these|he|she|the\s+board)\b/i.test(c.text)) {
      const prev = neighbour(index, c, -1);
      if (prev) for (const t of wanted) if (!matched.has(t) && prev.terms.has(t)) score += 0.5 * idf(t);
    }
    if (score === 0 && asked.type === 'text' && !scope.eventFiles?.has(c.doc.file)) continue;
    if (!fitsKind(c)) continue;
    // Words side by side in the question and in the sentence.
    for (let i = 1; i < wanted.length; i++) {
      const a = c.seq.indexOf(wanted[i - 1]!);
      if (a >= 0 && c.seq[a + 1] === wanted[i]) score += 1;
    }
    const type = typeScore(asked, c, q.text);
    score += type.score;
    // "What did the visit look at?", "what must we improve?": sentences that say so.
    if (q.intents.includes('focus') && reading(c, 'focus', () => readFocus(c.text) !== null)) score += 3;
    if ((q.intents.includes('improve') || q.intents.includes('improveCount')) && reading(c, 'improvement', () => readImprovement(c.text, false) !== null)) score += 3;
    if (years) {
      const own = reading(c, 'years', () => findDates(c.text).map((d) => d.start.year));
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

/**
 * The documents of the events a question names ("Oxfordshire's 2018 inspection", "the last monitoring visit"): for
 * each event, the files that state most of its facts (its dates, judgements, people, focus and improvements), such
 * as its report or letter, and not those that only mention it in passing; and the documents about it. Null when the
 * question names no event, or the timeline knows no document of it.
 */
export function eventDocuments(index: CorpusIndex, q: Query, authority: string): Set<string> | null {
  if (!q.kind && !q.eventIds) return null;
  const files = new Set<string>();
  for (const e of pick(matchingEvents(index.timeline.events, q, authority), q)) {
    const count = new Map<string, number>();
    const add = (ev: Evidence | undefined): void => {
      if (ev && !/\.csv$/i.test(ev.file)) count.set(ev.file, (count.get(ev.file) ?? 0) + 1);
    };
    for (const f of factsOf(e)) add(f.evidence);
    const most = Math.max(0, ...count.values());
    for (const [file, n] of count) if (n * 2 >= most) files.add(file);
    for (const file of e.subjectOf ?? []) files.add(file);
  }
  return files.size ? files : null;
}

/** Every fact of an event that rests on evidence. */
function factsOf(e: InspectionEvent): { evidence: Evidence }[] {
  const one = [e.theme, e.number, e.improvementCount].filter((f): f is NonNullable<typeof f> => f !== null);
  return [...e.occurred, ...e.published, ...e.judgements, ...e.people, ...e.focus, ...e.improvements, ...one];
}

/**
 * An answer from the best sentences, or null when none states a fact of the kind asked. A question that names an
 * event is answered from that event's documents where they answer it, and from all the authority's where not.
 */
export function evidenceAnswer(index: CorpusIndex, q: Query, scope: EvidenceScope, cites: Citations): Answer | null {
  const best: (Scored & { asked: AskedFor })[] = [];
  const pieces = questionParts(q);
  const own = eventDocuments(index, q, scope.authority);
  for (const part of pieces) {
    let asked = askedFor(part);
    // "What did the 2018 inspection say about…" is read in the event's own documents first, where the words that name
    // the event ("inspection", "2018") say nothing more. A date, a grade, a person or a count is read everywhere, as
    // the timeline may not know every document of the event.
    // The timeline may take a paper that mentions the event for one of its own, so the best sentence of the event's
    // documents is taken only where it is nearly as good as the best of all.
    const inOwn = own && asked.type === 'text' ? { ...asked, terms: contentTerms(part) } : null;
    const ranked = inOwn ? rankSentences(index, part, scope, inOwn) : [];
    const mine = ranked.find((x) => own!.has(x.c.doc.file));
    let found: Scored[] = [];
    if (inOwn && mine && mine.matched.size > 0 && mine.score >= ranked[0]!.score * OWN_SHARE && mine.score >= textNeed(inOwn.terms)) {
      found = [mine];
      asked = inOwn;
    } else found = bestSentences(index, part, scope, asked);
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
    // A quotation that runs on into the next sentence is read to its end; a question put at a meeting ("A member asked
    // whether the commissioner had concluded his review.") with the answer minuted after it.
    const next = following(index, b.c);
    const askedAtMeeting = b.asked.type !== 'person' && ASKED_AT_MEETING.test(b.c.text);
    if (next && (opensQuote(b.c.text) || askedAtMeeting) && !best.some((x) => x.c === next)) {
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

/** Words before a date that something is due by: "should be sent to Ofsted by", "no later than", "deadline of". */
const DUE_BY = /\b(?:by|no\s+later\s+than|before|deadline\s+(?:of|is|was)|due\s+(?:on|by)?|within)\s+(?:the\s+)?(?:end\s+of\s+)?$/i;

/** A question minuted as put at a meeting: "Councillor Moss asked whether…", "A member queried why…". */
const ASKED_AT_MEETING = /\b(?:asked|queried|enquired|questioned)\s+(?:whether|if|what|why|how|when|who|which|about)\b/i;

/** The sentence after one in its document, or null. */
function following(index: CorpusIndex, c: Candidate): Candidate | null {
  return neighbour(index, c, 1);
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
