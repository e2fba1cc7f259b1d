/** Lookups without a question: an authority's events of a kind, in a span of years, mentioning some words. */
import type { CorpusIndex } from '../search/CorpusIndex';
import { KIND_LABELS } from '../search/describeEvent';
import { processTerm, tokenize } from '../search/searchOptions';
import { splitSentences } from '../corpus/splitSentences';
import { occurredDate, publishedDate } from '../timeline/buildTimeline';
import { formatSpan, overlaps, toIso } from '../timeline/dates';
import { AREA_LABELS, type Area, type EventKind, GRADED_KINDS, type Grade, type InspectionEvent, type JudgementFact } from '../timeline/types';
import { Citations } from './Citations';
import { isDated, matchingEvents } from './selectEvents';
import type { Citation, Query } from './types';

/** The kinds of event a lookup offers, as people know them, with the event kinds each covers. */
export const LOOKUP_KINDS = {
  any: { label: 'Any inspection or visit', plural: 'inspections and visits', kinds: null },
  graded: { label: 'Inspection (graded, any framework)', plural: 'graded inspections', kinds: [...GRADED_KINDS] },
  standard: { label: 'Standard inspection (ILACS)', plural: 'standard inspections', kinds: ['standard'] },
  short: { label: 'Short inspection (ILACS)', plural: 'short inspections', kinds: ['short'] },
  sif: { label: 'Single inspection (SIF, 2013–2017)', plural: 'single inspections', kinds: ['sif'] },
  focused: { label: 'Focused visit', plural: 'focused visits', kinds: ['focused'] },
  monitoring: { label: 'Monitoring visit', plural: 'monitoring visits', kinds: ['monitoring'] },
  jtai: { label: 'Joint targeted area inspection (JTAI)', plural: 'joint targeted area inspections', kinds: ['jtai'] },
  older: { label: 'Older frameworks (before 2013)', plural: 'inspections under older frameworks', kinds: ['older'] },
} as const satisfies Record<string, { label: string; plural: string; kinds: readonly EventKind[] | null }>;

export type LookupKind = keyof typeof LOOKUP_KINDS;

/** The kind choices in the order a form lists them. */
export const LOOKUP_KIND_IDS = Object.keys(LOOKUP_KINDS) as LookupKind[];

/** Earliest and latest year a lookup accepts: Ofsted has inspected children's services since 2005 (and before). */
export const LOOKUP_MIN_YEAR = 1990;
export const LOOKUP_MAX_YEAR = 2100;

/** What to look up. Validated before it gets here: the authority is a canonical name, years are in range, from ≤ to. */
export interface LookupCriteria {
  authority: string;
  kind: LookupKind;
  fromYear: number | null;
  toYear: number | null;
  /** Words the documents' account of an event should hold; '' for none. */
  words: string;
}

/** One source document behind a row. */
export interface LookupSource {
  file: string;
  title: string;
  /** The document's date, YYYY-MM-DD or YYYY-MM. */
  date: string | null;
}

/** One event as a lookup shows it. */
export interface LookupRow {
  eventId: string;
  kind: EventKind;
  /** "Monitoring visit no. 7", "Standard inspection". */
  label: string;
  number: number | null;
  /** When it took place, as written for people ("8 and 9 January 2019"), or null when not on record. */
  held: string | null;
  /** When its letter or report came out, or null. */
  published: string | null;
  /** As the source wrote a date it gave only relatively ("last month"), when there is no calendar date. */
  writtenDate: string | null;
  /** ISO date it is ordered by (held, else published), or null. */
  date: string | null;
  /** The overall judgement most sources give, or null. */
  judgement: Grade | null;
  /** Other overall judgements some source gives (sources disagree). */
  otherJudgements: Grade[];
  /** The sub-judgements, in the framework's order. */
  areas: { area: Area; label: string; grade: Grade }[];
  lead: string | null;
  /** The documents the row's quotes come from, in order of first citation. */
  sources: LookupSource[];
  /** 1-based numbers into the result's citations: every quote behind the row. */
  citations: number[];
}

export interface LookupResult {
  criteria: LookupCriteria;
  /** What was looked for, in words: "monitoring visits, 2018 to 2019, mentioning “care leavers”". */
  summary: string;
  /** The matching events, oldest first. */
  rows: LookupRow[];
  /** When nothing matches: every event on record for the authority, oldest first. */
  onRecord: LookupRow[];
  /** The authorities any document is about, for when the authority has none. */
  authoritiesOnRecord: string[];
  /** Every quote the rows cite, word for word from the documents. */
  citations: Citation[];
}

const AREA_ORDER: Area[] = ['leaders', 'help and protection', 'children in care', 'care leavers'];

/** The authority's events that match the criteria, oldest first, each with what it shows and its quoted sources. */
export function lookupEvents(index: CorpusIndex, criteria: LookupCriteria): LookupResult {
  const cites = new Citations(index);
  const all = index.timeline.events.filter((e) => e.authority === criteria.authority);
  const chosen = datedFirst(matchingEvents(all, lookupQuery(criteria), criteria.authority));
  const words = searchWords(criteria.words);
  const wordHits = words.length ? matchingSentences(index, criteria.authority, chosen, words) : null;
  const matched = wordHits ? chosen.filter((e) => wordHits.has(e.id)) : chosen;
  const rows = matched.map((e) => eventRow(e, cites, wordHits?.get(e.id) ?? []));
  const onRecord = rows.length ? [] : datedFirst(matchingEvents(all, lookupQuery({ ...criteria, kind: 'any', fromYear: null, toYear: null }), criteria.authority))
    .map((e) => eventRow(e, cites, []));
  return {
    criteria,
    summary: lookupSummary(criteria),
    rows,
    onRecord,
    authoritiesOnRecord: index.authoritiesOnRecord(),
    citations: cites.list,
  };
}

/** Events in date order with the undated ones (which sort first) moved to the end. */
function datedFirst(events: InspectionEvent[]): InspectionEvent[] {
  return [...events.filter(isDated), ...events.filter((e) => !isDated(e))];
}

/** "monitoring visits, 2018 to 2019, mentioning “care leavers”". */
export function lookupSummary(c: LookupCriteria): string {
  const parts: string[] = [LOOKUP_KINDS[c.kind].plural];
  if (c.fromYear !== null && c.toYear !== null) parts.push(c.fromYear === c.toYear ? `in ${c.fromYear}` : `${c.fromYear} to ${c.toYear}`);
  else if (c.fromYear !== null) parts.push(`from ${c.fromYear}`);
  else if (c.toYear !== null) parts.push(`up to ${c.toYear}`);
  if (c.words.trim()) parts.push(`mentioning “${c.words.trim()}”`);
  return parts.join(', ');
}

/** The criteria as a query of the answer engine: every event of the kinds, in the years. */
function lookupQuery(c: LookupCriteria): Query {
  const kinds = LOOKUP_KINDS[c.kind].kinds;
  const ranged = c.fromYear !== null || c.toYear !== null;
  return {
    text: '',
    intents: ['history'],
    authority: c.authority,
    unknownAuthority: null,
    notAnAuthority: null,
    kind: kinds ? { kinds: [...kinds], label: LOOKUP_KINDS[c.kind].plural } : null,
    selector: { type: 'all' },
    during: ranged ? { start: { year: c.fromYear ?? LOOKUP_MIN_YEAR }, end: { year: c.toYear ?? LOOKUP_MAX_YEAR } } : null,
    since: null,
    before: null,
    grade: null,
    area: null,
    beforeGrade: null,
    ever: true,
    eventIds: null,
  };
}

/** The words to look for, as the index reads them (stop words dropped), each with the form it was typed in. */
function searchWords(words: string): { typed: string; term: string }[] {
  const seen = new Set<string>();
  const out: { typed: string; term: string }[] = [];
  for (const typed of tokenize(words)) {
    const term = processTerm(typed);
    if (term && !seen.has(term)) {
      seen.add(term);
      out.push({ typed, term });
    }
  }
  return out;
}

/** A sentence that holds one of the words, with what to quote it by. */
interface WordSentence {
  file: string;
  passage: string;
  start: number;
  end: number;
  typed: string;
}

/**
 * For each event that every word matches, the sentences of the passages mentioning it that hold the words. The
 * index finds the passages (with near spellings); a word's exact or prefix forms are preferred to near spellings,
 * so "leavers" does not also take "leaders".
 */
function matchingSentences(index: CorpusIndex, authority: string, events: InspectionEvent[], words: { typed: string; term: string }[]): Map<string, WordSentence[]> {
  const perWord = words.map((w) => {
    const hits = index.search(w.typed, { authority, type: 'passage' }, 10_000);
    const close = new Set(hits.flatMap((h) => h.terms).filter((t) => t === w.term || t.startsWith(w.term)));
    const accepted = close.size ? close : new Set(hits.flatMap((h) => h.terms));
    const passages = new Set(hits.filter((h) => h.terms.some((t) => accepted.has(t))).map((h) => h.id));
    return { ...w, accepted, passages };
  });
  const out = new Map<string, WordSentence[]>();
  for (const e of events) {
    const mentionPassages = [...new Set(e.mentions.map((m) => m.passage))];
    const found: WordSentence[] = [];
    let all = true;
    for (const w of perWord) {
      const sentences = mentionPassages.filter((id) => w.passages.has(id)).flatMap((id) => sentencesWith(index, id, w.accepted, w.typed));
      if (!sentences.length) {
        all = false;
        break;
      }
      found.push(...sentences.slice(0, 2));
    }
    if (all) out.set(e.id, found);
  }
  return out;
}

/** The sentences of a passage holding one of the index terms. */
function sentencesWith(index: CorpusIndex, passageId: string, terms: Set<string>, typed: string): WordSentence[] {
  const p = index.passage(passageId);
  if (!p) return [];
  return splitSentences(p.text, p.start)
    .filter((s) => tokenize(s.text).some((t) => {
      const term = processTerm(t);
      return term !== null && terms.has(term);
    }))
    .map((s) => ({ file: p.file, passage: p.id, start: s.start, end: s.end, typed }));
}

function eventRow(e: InspectionEvent, cites: Citations, wordSentences: WordSentence[]): LookupRow {
  const ns: number[] = [];
  const o = occurredDate(e);
  const p = publishedDate(e);
  if (o) {
    ns.push(cites.cite(o.evidence, [o.text]));
    // A second source that agrees on the date, when there is one in another document.
    const other = e.occurred.find((d) => d !== o && d.evidence.file !== o.evidence.file && overlaps(d, o));
    if (other) ns.push(cites.cite(other.evidence, [other.text]));
  }
  if (p) ns.push(cites.cite(p.evidence, [p.text]));
  if (!o && !p && e.vague) ns.push(cites.cite(e.vague.evidence, [e.vague.text]));
  const overall = byVotes(e.judgements.filter((j) => j.area === 'overall'));
  if (overall[0]) ns.push(cites.cite(overall[0].evidence, [overall[0].grade]));
  for (const other of overall.slice(1)) ns.push(cites.cite(other.evidence, [other.grade]));
  const areas: LookupRow['areas'] = [];
  for (const area of AREA_ORDER) {
    const j = byVotes(e.judgements.filter((x) => x.area === area))[0];
    if (!j) continue;
    areas.push({ area, label: AREA_LABELS[area], grade: j.grade });
    ns.push(cites.cite(j.evidence, [j.grade]));
  }
  if (e.number && !ns.length) ns.push(cites.cite(e.number.evidence, []));
  const lead = e.people.find((x) => x.role === 'lead') ?? null;
  if (lead) ns.push(cites.cite(lead.evidence, [lead.name]));
  for (const s of wordSentences) ns.push(cites.cite(s, [s.typed]));
  if (!ns.length && e.mentions[0]) ns.push(cites.cite(e.mentions[0]));
  const citations = [...new Set(ns)];
  const sources: LookupSource[] = [];
  for (const n of citations) {
    const c = cites.list[n - 1]!;
    if (!sources.some((s) => s.file === c.source)) sources.push({ file: c.source, title: c.title, date: c.date });
  }
  const label = KIND_LABELS[e.kind];
  return {
    eventId: e.id,
    kind: e.kind,
    label: `${label.charAt(0).toUpperCase()}${label.slice(1)}${e.number ? ` no. ${e.number.value}` : ''}`,
    number: e.number?.value ?? null,
    held: o ? formatSpan(o.start, o.end) : null,
    published: p ? formatSpan(p.start, p.end) : null,
    writtenDate: !o && !p && e.vague ? e.vague.text : null,
    date: o ? toIso(o.start) : p ? toIso(p.start) : null,
    judgement: overall[0]?.grade ?? null,
    otherJudgements: overall.slice(1).map((j) => j.grade),
    areas,
    lead: lead?.name ?? null,
    sources,
    citations,
  };
}

/** One judgement per grade given, the grade most sources give first (then in the order found). */
function byVotes(list: JudgementFact[]): JudgementFact[] {
  const first = new Map<Grade, JudgementFact>();
  const votes = new Map<Grade, number>();
  for (const j of list) {
    if (!first.has(j.grade)) first.set(j.grade, j);
    votes.set(j.grade, (votes.get(j.grade) ?? 0) + 1);
  }
  return [...first.values()].sort((a, b) => (votes.get(b.grade) ?? 0) - (votes.get(a.grade) ?? 0));
}
