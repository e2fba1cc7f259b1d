/**
 * Search for the message extension: typed words → events and passages of the corpus, each a fact with the quotes
 * behind it; the full account of one result; and the report a pasted link points at.
 */
import { isHistoryText } from '../corpus/inspectionHistory';
import { splitSentences } from '../corpus/splitSentences';
import type { Passage, SourceDocument } from '../corpus/types';
import type { CorpusIndex } from '../search/CorpusIndex';
import { eventName, KIND_LABELS } from '../search/describeEvent';
import { processTerm } from '../search/searchOptions';
import { eventSortKey, occurredDate, publishedDate, eventDate } from '../timeline/buildTimeline';
import { findDates, formatDate, formatSpan, overlaps, parseIso, precision, sortKey, toIso } from '../timeline/dates';
import { AREA_LABELS, type Area, type DatedFact, type EventKind, type Evidence, type Grade, type InspectionEvent, type JudgementFact } from '../timeline/types';
import { findKindMentions } from '../timeline/vocabulary';
import { Citations } from './Citations';
import { distinctImprovements } from './improvements';
import { bestJudgement } from './judgements';
import { parseQuestion } from './parseQuestion';
import type { Citation, Fact, Query } from './types';
import { andList } from './words';

/** Most results one page may hold: Teams asks for 25 at a time. */
export const MAX_PAGE = 25;
/** Most passages and events a search ranks before paging. */
export const MAX_CANDIDATES = 200;
/** Longest paragraph quoted whole in a passage's full account, in characters; longer ones stop at a sentence. */
export const MAX_PARAGRAPH_QUOTE = 1_500;
/** Passages scoring below this share of the best passage's score are left out, so that date order keeps to good matches. */
export const MIN_PASSAGE_SCORE_SHARE = 0.5;
/** Longest passage read as a heading of contact details ("Contact Points"), in characters. */
export const MAX_CONTACT_HEADING = 200;
/** Most events a linked report lists. */
export const MAX_LINKED_EVENTS = 8;

/** What a result points at; the preview's tap sends it back to open the result in full. */
export interface ResultRef {
  type: 'event' | 'passage';
  /** An event id (`worcestershire:monitoring:2019-01-08`) or a passage id (`file#index`). */
  id: string;
}

/** One result: a fact about an event, or a passage that holds the words, with the quotes behind it. */
export interface SearchResult {
  ref: ResultRef;
  authority: string | null;
  /** "Seventh monitoring visit to Worcestershire", or the document's title for a passage. */
  title: string;
  /** One sentence: "Took place on 8 and 9 January 2019, led by Andy Waugh." */
  fact: string;
  /** ISO date the fact is about (YYYY, YYYY-MM or YYYY-MM-DD): when the event took place, a passage's document date. */
  date: string | null;
  /** The date as people write it: "8 and 9 January 2019". */
  dateText: string | null;
  kind: EventKind | null;
  /** The overall judgement of an event, when it has one. */
  judgement: Grade | null;
  /** The quotes behind the fact, word for word from the sources; the first is the main one. At least one. */
  citations: Citation[];
}

/** Which slice of the results to return. */
export interface SearchPage {
  skip: number;
  count: number;
}

/** A page of results, or why there are none and what to try. */
export type SearchOutcome =
  | { status: 'found'; results: SearchResult[]; total: number }
  | { status: 'none'; message: string };

/** The full account of one result: the result, and for an event every fact on record, each with its quotes. */
export interface ResultDetail {
  result: SearchResult;
  /** Rows of the account, their `citations` numbering `citations` from 1. Empty for a passage. */
  facts: Fact[];
  citations: Citation[];
  /** For a passage: true when its quote stops before the paragraph ends. */
  clipped: boolean;
}

/** What a document records of one event. */
export interface LinkedEvent {
  eventId: string;
  /** "Standard inspection", "Seventh monitoring visit". */
  name: string;
  kind: EventKind;
  dateText: string | null;
  judgement: Grade | null;
  /** The document's own sentence about the event. */
  citation: Citation;
}

/** A report of the corpus found by its address, with the events it gives evidence of. */
export interface LinkedReport {
  file: string;
  title: string;
  authority: string | null;
  /** The catalog's kind of document: "committee report", "press release". */
  documentKind: string | null;
  publisher: string | null;
  date: string | null;
  url: string;
  /** Events the document gives evidence of, most recent first, at most MAX_LINKED_EVENTS. */
  events: LinkedEvent[];
  /** How many events it gives evidence of in all. */
  eventCount: number;
  /** The most recent overall judgement among them, with its event. */
  judgement: { grade: Grade; event: LinkedEvent } | null;
}

/** Words that carry no subject of their own in a search of inspection reports. */
const NOISE = new Set(['ofsted', 'council', 'councils', 'authority', 'authorities', 'la', 'local', 'judged', 'rated',
  'graded', 'judgement', 'judgment', 'judgements', 'judgments', 'grade', 'grades', 'rating', 'ratings', 'outcome',
  'outcomes', 'result', 'results', 'history', 'timeline', 'since', 'before', 'after', 'during', 'between', 'from',
  'until', 'list', 'all', 'every', 'last', 'latest', 'most', 'recent', 'first', 'earliest', 'previous', 'current',
  'next', 'report', 'reports', 'visit', 'visits', 'inspection', 'inspections', 'search', 'find']);

const GRADE_WORDS = /\brequires?\s+improvement(?:\s+to\s+be\s+good)?\b|\binadequate\b|\boutstanding\b|\bgood\b|\bRI\b|\bfailing\b/gi;
const ORDINAL_WORDS = /\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d{1,2}(?:st|nd|rd|th))\b/gi;

/** What a search's words were read as. */
interface ReadQuery {
  q: Query;
  grade: Grade | null;
  /** The words left once the authority, kind, period, grade and selector are taken out. */
  words: string;
}

/**
 * Searches the corpus the way a person types into Teams' search box: "worcestershire monitoring 2019" narrows
 * events by authority, kind and period (read as in chat); words left over ("caseloads") are searched in the events'
 * accounts and in the passages. Blank words list the most recent events of all authorities. Events come first, most
 * recent first, then passages, from the newest document first (the better match first within a document's date);
 * passages that are only contact details or rows of the national history are never results. `page` picks the slice.
 */
export function searchInspections(index: CorpusIndex, text: string, page: SearchPage): SearchOutcome {
  const skip = Math.max(0, Math.floor(page.skip));
  const count = Math.min(MAX_PAGE, Math.max(1, Math.floor(page.count)));
  const typed = text.replace(/\s+/g, ' ').trim();
  const onRecord = index.authoritiesOnRecord();
  if (!typed) return pageOf(index, recentEvents(index).map((e) => eventRef(e)), skip, count);

  const read = readQuery(index, typed);
  const { q, words } = read;
  if (q.notAnAuthority) {
    const near = q.notAnAuthority.suggestions;
    return none(`${q.notAnAuthority.name} is not an English children's services authority.${near.length ? ` Did you mean ${orList(near)}?` : ''} The reports on record cover ${andList(onRecord)}.`);
  }
  if (q.unknownAuthority) {
    return none(`Nothing about ${q.unknownAuthority} is on record: none of the reports is about it. The reports on record cover ${andList(onRecord)}.`);
  }
  const structured = q.authority !== null || Boolean(q.authorityChoices) || q.kind !== null || q.during !== null || q.since !== null || q.before !== null ||
    read.grade !== null || q.selector?.type === 'nth';
  if (!words && !structured) return pageOf(index, recentEvents(index).map((e) => eventRef(e)), skip, count);

  let events = filterEvents(index, read);
  const refs: ResultRef[] = [];
  if (words) {
    const matched = new Set(index.search(words, { authority: q.authority, type: 'event' }, MAX_CANDIDATES).map((h) => h.id.replace(/^event:/, '')));
    const byId = new Map(events.map((e) => [e.id, e]));
    events = [...matched].map((id) => byId.get(id)).filter((e): e is InspectionEvent => e !== undefined);
    refs.push(...newestFirst(events).map(eventRef));
    refs.push(...passageRefs(index, words, q.authority));
  } else {
    refs.push(...newestFirst(events).map(eventRef));
  }
  if (refs.length === 0) return none(noMatchMessage(typed, read, onRecord));
  return pageOf(index, refs, skip, count, words);
}

/** The result a ref points at, in full; null when the corpus holds no such event or passage (any more). */
export function resultDetail(index: CorpusIndex, ref: ResultRef): ResultDetail | null {
  if (ref.type === 'event') {
    const e = index.event(ref.id);
    return e ? eventDetail(index, e) : null;
  }
  const p = index.passage(ref.id);
  return p ? passageDetail(index, p) : null;
}

/**
 * The report of the corpus whose catalog address is `url`, compared without the scheme's difference (http or
 * https), the host's case, a default port, trailing slashes, the query or the fragment; null when none is.
 */
export function linkedReport(index: CorpusIndex, url: string): LinkedReport | null {
  const wanted = normaliseUrl(url);
  if (wanted === null) return null;
  const { byUrl, eventsByFile } = linksOf(index);
  const doc = byUrl.get(wanted);
  if (!doc || doc.url === null) return null;
  const cites = new Citations(index);
  const inDoc = [...(eventsByFile.get(doc.file) ?? [])].sort((a, b) => eventSortKey(b) - eventSortKey(a));
  const linked = inDoc.map((e): LinkedEvent => {
    const own = evidenceOf(e).find((ev) => ev.file === doc.file)!;
    const o = eventDate(e);
    const overall = overallJudgement(e);
    return {
      eventId: e.id,
      name: capitalise(unThe(eventName(e))),
      kind: e.kind,
      dateText: o ? formatSpan(o.start, o.end) : e.vague?.text ?? null,
      judgement: overall?.grade ?? null,
      citation: citationOf(cites, own, [o?.text ?? '', overall?.grade ?? '']),
    };
  });
  const graded = linked.find((l) => l.judgement !== null);
  return {
    file: doc.file,
    title: doc.title,
    authority: doc.authority,
    documentKind: doc.kind,
    publisher: doc.publisher,
    date: doc.date,
    url: doc.url,
    events: linked.slice(0, MAX_LINKED_EVENTS),
    eventCount: linked.length,
    judgement: graded?.judgement ? { grade: graded.judgement, event: graded } : null,
  };
}

/** An index's documents by normalised address (the first of any that share one), and the events each gives evidence of. */
interface Links {
  byUrl: Map<string, SourceDocument>;
  eventsByFile: Map<string, InspectionEvent[]>;
}

const links = new WeakMap<CorpusIndex, Links>();

/** The index's Links, made on the first link asked of it: a link unfurl then looks its report up, not every document. */
function linksOf(index: CorpusIndex): Links {
  let found = links.get(index);
  if (found) return found;
  const byUrl = new Map<string, SourceDocument>();
  for (const d of index.corpus.documents) {
    const key = d.url === null ? null : normaliseUrl(d.url);
    if (key !== null && !byUrl.has(key)) byUrl.set(key, d);
  }
  const eventsByFile = new Map<string, InspectionEvent[]>();
  for (const e of index.timeline.events) {
    for (const file of new Set(evidenceOf(e).map((ev) => ev.file))) {
      const list = eventsByFile.get(file);
      if (list) list.push(e);
      else eventsByFile.set(file, [e]);
    }
  }
  found = { byUrl, eventsByFile };
  links.set(index, found);
  return found;
}

/**
 * An address reduced to what names a document: host (lower case, without a default port) and path (without
 * trailing slashes); http and https are the same. Null for anything but an absolute http(s) address.
 */
export function normaliseUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const port = u.port && u.port !== '80' && u.port !== '443' ? `:${u.port}` : '';
  return `${u.hostname.replace(/\.$/, '')}${port}${u.pathname.replace(/\/+$/, '')}`;
}

// ---------------------------------------------------------------------------------------------------------------

function none(message: string): SearchOutcome {
  return { status: 'none', message };
}

function eventRef(e: InspectionEvent): ResultRef {
  return { type: 'event', id: e.id };
}

/** Every event, most recent first. */
function recentEvents(index: CorpusIndex): InspectionEvent[] {
  return newestFirst(index.timeline.events);
}

/** Events most recent first; undated ones last. */
function newestFirst(events: readonly InspectionEvent[]): InspectionEvent[] {
  return [...events].sort((a, b) => eventSortKey(b) - eventSortKey(a));
}

/**
 * The passages that hold the words, as results: good matches only, never a row of the national history (its facts
 * are the events' results) or contact details, from the newest document first, the better match first within a date.
 */
function passageRefs(index: CorpusIndex, words: string, authority: string | null): ResultRef[] {
  const hits = index.search(words, { authority, type: 'passage' }, MAX_CANDIDATES)
    .filter((h) => !isHistoryFile(index, h.file))
    .filter((h) => {
      const p = index.passage(h.id);
      return p !== undefined && !isContactDetails(p.text);
    });
  const best = hits[0]?.score ?? 0;
  const dateKey = (file: string): number => {
    const iso = index.document(file)?.date;
    const d = iso ? parseIso(iso) : null;
    return d ? sortKey(d, 'start') : Number.NEGATIVE_INFINITY;
  };
  return hits
    .filter((h) => h.score >= best * MIN_PASSAGE_SCORE_SHARE)
    .map((h, rank) => ({ h, rank, date: dateKey(h.file) }))
    .sort((a, b) => (b.date - a.date) || (a.rank - b.rank))
    .map(({ h }): ResultRef => ({ type: 'passage', id: h.id }));
}

/** Which of an index's files are the national history, worked out once per file. */
const historyFiles = new WeakMap<CorpusIndex, Map<string, boolean>>();

function isHistoryFile(index: CorpusIndex, file: string): boolean {
  let known = historyFiles.get(index);
  if (!known) {
    known = new Map();
    historyFiles.set(index, known);
  }
  let yes = known.get(file);
  if (yes === undefined) {
    const doc = index.document(file);
    yes = doc !== undefined && isHistoryText(doc.text);
    known.set(file, yes);
  }
  return yes;
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const PHONE = /(?:\+44\s?|\b0)\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}\b|\b(?:tel|telephone|phone|mobile|fax)\b\s*[:.]/i;
const CONTACT_HEADING = /\bcontact\s+(?:points?|officers?|details|names?|persons?|numbers?)\b|^\s*contacts?\s*:/im;

/**
 * True for a passage of contact details: one that gives an email address or a telephone number, or a short one
 * that heads or names them ("Contact Points", "Contact Officer: …").
 */
export function isContactDetails(text: string): boolean {
  if (EMAIL.test(text) || PHONE.test(text)) return true;
  return text.length <= MAX_CONTACT_HEADING && CONTACT_HEADING.test(text);
}

function pageOf(index: CorpusIndex, refs: ResultRef[], skip: number, count: number, words = ''): SearchOutcome {
  const results = refs.slice(skip, skip + count)
    .map((ref) => (ref.type === 'event' ? eventResult(index, index.event(ref.id)!) : passageResult(index, index.passage(ref.id)!, words)));
  return { status: 'found', results, total: refs.length };
}

/** Reads the typed words as chat reads a question, then takes out what it understood. */
function readQuery(index: CorpusIndex, search: string): ReadQuery {
  // A search box gets shorthand: "worcestershire monitoring 2019" means its monitoring visits.
  const typed = search
    .replace(/\bmonitoring\b(?!\s+visit)/gi, 'monitoring visit')
    .replace(/\bfocus?sed\b(?!\s+visit)/gi, 'focused visit');
  const q = parseQuestion(typed, { authorities: index.authorities, defaultAuthority: null, onRecord: index.authoritiesOnRecord(), knownWord: (w) => index.hasWord(w) });
  const grade = q.grade ?? q.sinceGrade ?? q.beforeGrade ?? null;
  const spans: [number, number][] = [];
  if (q.authority) {
    const found = index.authorities.find(typed).filter((m) => m.authority === q.authority);
    spans.push(...found.map((m): [number, number] => [m.start, m.end]));
    if (found.length === 0) spans.push(...aliasSpans(index, typed, q.authority));
  } else if (q.authorityChoices) {
    // The name several authorities answer to is the authority, not words to search for.
    const at = typed.toLowerCase().indexOf(q.authorityChoices.typed.toLowerCase());
    if (at >= 0) spans.push([at, at + q.authorityChoices.typed.length]);
  }
  for (const d of findDates(typed, null, 'past', true)) spans.push([d.index, d.index + d.text.length]);
  const upper = typed.replace(/\b(mv|fv|jtai|sif|ilacs)s?\b/gi, (w) => w.toUpperCase());
  for (const m of findKindMentions(upper)) spans.push([m.start, m.end]);
  if (grade) for (const m of typed.matchAll(GRADE_WORDS)) spans.push([m.index, m.index + m[0].length]);
  if (q.selector?.type === 'nth') for (const m of typed.matchAll(ORDINAL_WORDS)) spans.push([m.index, m.index + m[0].length]);
  let rest = typed;
  for (const [start, end] of spans.sort((a, b) => b[0] - a[0])) rest = rest.slice(0, start) + ' '.repeat(end - start) + rest.slice(end);
  const words = rest.split(/[^\p{L}\p{N}'’&-]+/u)
    .map((w) => w.replace(/^['’-]+|['’-]+$/g, ''))
    .filter((w) => w.length > 1 && !NOISE.has(w.toLowerCase()) && processTerm(w) !== null && !/^\d+$/.test(w));
  return { q, grade, words: words.join(' ') };
}

/** Spans of runs of up to four words that are exactly a short form of the authority ("worcs", "lbbd"). */
function aliasSpans(index: CorpusIndex, text: string, authority: string): [number, number][] {
  const words = [...text.matchAll(/[\p{L}&'’-]+/gu)];
  for (let len = Math.min(4, words.length); len >= 1; len--) {
    for (let i = 0; i + len <= words.length; i++) {
      const first = words[i]!;
      const last = words[i + len - 1]!;
      const run = text.slice(first.index, last.index + last[0].length).replace(/['’]s$/i, '');
      if (index.authorities.exact(run).includes(authority)) return [[first.index, last.index + last[0].length]];
    }
  }
  return [];
}

/** The events that match what the words said of authority, kind, period, grade and number. */
function filterEvents(index: CorpusIndex, read: ReadQuery): InspectionEvent[] {
  const { q, grade } = read;
  const kinds = q.kind?.kinds ?? null;
  // A name several authorities answer to ("Cumbria", replaced by two) searches them all.
  const among = q.authority ? [q.authority] : (q.authorityChoices?.choices ?? null);
  const events = index.timeline.events
    .filter((e) => !among || among.includes(e.authority))
    .filter((e) => !kinds || kinds.includes(e.kind))
    .filter((e) => !grade || e.judgements.some((j) => j.area === 'overall' && j.grade === grade))
    .filter((e) => !q.during || [occurredDate(e), publishedDate(e)].some((d) => d !== null && overlaps(d, q.during!)))
    .filter((e) => !q.since || (endOf(e) ?? Number.NEGATIVE_INFINITY) >= sortKey(q.since, 'start'))
    .filter((e) => !q.before || (endOf(e) ?? Number.POSITIVE_INFINITY) < sortKey(q.before, 'start'));
  const sel = q.selector;
  if (sel?.type === 'nth') return events.filter((e) => e.number?.value === sel.n);
  // "first", "last", "before last" pick per authority, among dated events only; "recent" alone sorts, it does not pick.
  const explicit = /\b(?:last|latest|most recent|first|earliest|previous|penultimate)\b/i.test(q.text);
  if (!sel || sel.type === 'all' || !explicit) return events;
  const byAuthority = new Map<string, InspectionEvent[]>();
  for (const e of events.filter((x) => occurredDate(x) || publishedDate(x)).sort((a, b) => eventSortKey(a) - eventSortKey(b))) {
    byAuthority.set(e.authority, [...(byAuthority.get(e.authority) ?? []), e]);
  }
  return [...byAuthority.values()].flatMap((list) => {
    if (sel.type === 'first') return list.slice(0, 1);
    if (sel.type === 'beforeLast') return list.slice(-2, -1);
    return list.slice(-1);
  });
}

/** When an event ended, for "since" and "before"; null when it is undated. */
function endOf(e: InspectionEvent): number | null {
  const o = eventDate(e);
  return o ? sortKey(o.end, 'end') : null;
}

function noMatchMessage(typed: string, read: ReadQuery, onRecord: string[]): string {
  const { q, grade } = read;
  const kind = q.kind ? `${q.kind.label}s` : grade ? 'inspections' : 'inspections or visits';
  const number = q.selector?.type === 'nth' ? ` numbered ${q.selector.n}` : '';
  const where = q.authority ? ` ${q.kind?.kinds.every((k) => k === 'monitoring' || k === 'focused') ? 'to' : 'of'} ${q.authority}` : '';
  const when = q.during ? ` in ${formatSpan(q.during.start, q.during.end)}` : q.since ? ` since ${formatSpan(q.since, q.since)}` : q.before ? ` before ${formatSpan(q.before, q.before)}` : '';
  const understood = `${kind}${number}${where}${when}${grade ? ` judged ${grade}` : ''}`;
  const head = read.words
    ? `Nothing on record matches “${typed}”: no passage holds “${read.words}”${q.authority ? ` in the reports about ${q.authority}` : ''}.`
    : `No ${understood} are on record.`;
  return `${head} Try fewer words, another year, or just an authority's name; the reports on record cover ${andList(onRecord)}.`;
}

// ---------------------------------------------------------------------------------------------------------------
// Results

function eventResult(index: CorpusIndex, e: InspectionEvent): SearchResult {
  const cites = new Citations(index);
  const { fact, date, dateText, judgement } = eventSummary(e, cites);
  return { ref: eventRef(e), authority: e.authority, title: eventTitle(e), fact, date, dateText, kind: e.kind, judgement, citations: cites.list };
}

/** "Seventh monitoring visit to Worcestershire", "Standard inspection of Oxfordshire". */
function eventTitle(e: InspectionEvent): string {
  return `${capitalise(unThe(eventName(e)))} ${e.kind === 'monitoring' || e.kind === 'focused' ? 'to' : 'of'} ${e.authority}`;
}

/** The one-sentence fact of an event (when, judged, led by), citing each part. */
function eventSummary(e: InspectionEvent, cites: Citations): { fact: string; date: string | null; dateText: string | null; judgement: Grade | null } {
  const parts: string[] = [];
  const o = occurredDate(e);
  const p = publishedDate(e);
  let date: string | null = null;
  let dateText: string | null = null;
  if (o) {
    cites.cite(o.evidence, [o.text]);
    date = toIso(o.start);
    dateText = formatSpan(o.start, o.end);
    parts.push(`took place ${datePhrase(o)}`);
  } else if (p) {
    cites.cite(p.evidence, [p.text]);
    date = toIso(p.start);
    dateText = formatSpan(p.start, p.end);
    parts.push(`report published ${datePhrase(p)}`);
  } else if (e.vague) {
    cites.cite(e.vague.evidence, [e.vague.text]);
    dateText = e.vague.text;
    parts.push(`took place “${e.vague.text}”, as its source puts it`);
  } else {
    parts.push('date not on record');
  }
  const overall = overallJudgement(e);
  if (overall) {
    cites.cite(overall.evidence, [overall.grade]);
    parts.push(`judged ${overall.grade} overall`);
  }
  const lead = e.people.find((x) => x.role === 'lead');
  if (lead) {
    cites.cite(lead.evidence, [lead.name]);
    parts.push(`led by ${lead.name}`);
  }
  // Every result quotes at least one source: an undated event, the passage that mentions it.
  if (cites.list.length === 0 && e.mentions[0]) cites.cite(e.mentions[0]);
  return { fact: `${capitalise(parts.join(', '))}.`, date, dateText, judgement: overall?.grade ?? null };
}

function passageResult(index: CorpusIndex, p: Passage, words: string): SearchResult {
  const doc = index.document(p.file);
  const cites = new Citations(index);
  const sentence = bestSentence(p, words);
  cites.cite({ file: p.file, passage: p.id, start: sentence.start, end: sentence.end }, wordList(words));
  return passageShape(p, doc, cites.list);
}

function passageShape(p: Passage, doc: SourceDocument | undefined, citations: Citation[]): SearchResult {
  const paragraph = p.number ?? String(p.index + 1);
  const kind = `the ${doc?.kind ?? 'report'}`;
  const about = doc?.authority ? ` about ${doc.authority}` : '';
  return {
    ref: { type: 'passage', id: p.id },
    authority: doc?.authority ?? null,
    title: doc?.title ?? p.file,
    fact: `Paragraph ${paragraph}${p.heading ? ` (${p.heading})` : ''} of ${kind}${about}.`,
    date: doc?.date ?? null,
    dateText: doc?.date ? formatIso(doc.date) : null,
    kind: null,
    judgement: null,
    citations,
  };
}

/** The sentence of a passage that holds most of the words (the first of equals). */
function bestSentence(p: Passage, words: string): { start: number; end: number } {
  const sentences = splitSentences(p.text, p.start);
  const wanted = new Set(wordList(words).map((w) => processTerm(w)).filter((t): t is string => t !== null));
  let best = sentences[0] ?? { start: p.start, end: p.end };
  let bestScore = -1;
  for (const s of sentences) {
    const terms = new Set(s.text.split(/[^\p{L}\p{N}'’]+/u).map((w) => processTerm(w)).filter((t): t is string => t !== null));
    const score = [...wanted].filter((w) => terms.has(w) || [...terms].some((t) => t.startsWith(w) && w.length >= 4)).length;
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

function wordList(words: string): string[] {
  return words.split(/\s+/).filter((w) => w.length > 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Full accounts

function eventDetail(index: CorpusIndex, e: InspectionEvent): ResultDetail {
  const result = eventResult(index, e);
  const cites = new Citations(index);
  const facts: Fact[] = [];
  // A row names what it is first (shown bold, with its judgement beside it) and then its value.
  const row = (label: string, value: string, evidence: Evidence, needles: string[], judgement: Grade | null = null, date: string | null = null): void => {
    facts.push({ label, value, date, eventId: e.id, kind: e.kind, judgement, citations: [cites.cite(evidence, needles)] });
  };
  const o = occurredDate(e);
  if (o) row('Took place', formatSpan(o.start, o.end), o.evidence, [o.text], null, toIso(o.start));
  else if (e.vague) row('Took place, as its source puts it', e.vague.text, e.vague.evidence, [e.vague.text]);
  for (const d of otherDates(e.occurred, o)) row('Took place, another source says', formatSpan(d.start, d.end), d.evidence, [d.text], null, toIso(d.start));
  const p = publishedDate(e);
  if (p) row('Report published', formatSpan(p.start, p.end), p.evidence, [p.text], null, toIso(p.start));
  if (e.notPublished) row('Report', 'not published', e.notPublished, ['publish']);
  for (const area of Object.keys(AREA_LABELS) as Area[]) {
    const j = bestJudgement(e, area);
    if (j) row(capitalise(AREA_LABELS[area]), '', j.evidence, [j.grade], j.grade);
  }
  const seen = new Set<string>();
  for (const person of [...e.people].sort((a, b) => (a.role === 'lead' ? 0 : 1) - (b.role === 'lead' ? 0 : 1))) {
    if (seen.has(person.name)) continue;
    seen.add(person.name);
    row(person.role === 'lead' ? 'Lead inspector' : 'Inspector', person.name, person.evidence, [person.name]);
  }
  if (e.number) row('Number in the series', `${KIND_LABELS[e.kind]} no. ${e.number.value}`, e.number.evidence, [String(e.number.value)]);
  if (e.theme) row('Theme', e.theme.text, e.theme.evidence, [e.theme.text]);
  const focus = new Map(e.focus.map((f) => [f.text.toLowerCase(), f]));
  for (const f of [...focus.values()].slice(0, 3)) row('Focus', f.text, f.evidence, [f.text]);
  if (e.improvementCount) row('Areas for improvement', String(e.improvementCount.value), e.improvementCount.evidence, [String(e.improvementCount.value)]);
  for (const i of distinctImprovements(e.improvements).slice(0, 5)) row('To improve', i.text, i.evidence[0]!, [i.text]);
  return { result, facts, citations: cites.list, clipped: false };
}

/** Dates other sources give that do not agree with the one used. */
function otherDates(list: DatedFact[], main: DatedFact | null): DatedFact[] {
  if (!main) return [];
  const seen = new Set<string>([formatSpan(main.start, main.end)]);
  return list.filter((d) => {
    const text = formatSpan(d.start, d.end);
    if (overlaps(d, main) || seen.has(text)) return false;
    seen.add(text);
    return true;
  }).slice(0, 2);
}

function passageDetail(index: CorpusIndex, p: Passage): ResultDetail {
  const doc = index.document(p.file);
  // The whole paragraph, or as many whole sentences as fit: a quote never ends mid-sentence.
  let end = p.end;
  let clipped = false;
  if (p.end - p.start > MAX_PARAGRAPH_QUOTE) {
    const sentences = splitSentences(p.text, p.start);
    const fitting = sentences.filter((s) => s.end - p.start <= MAX_PARAGRAPH_QUOTE);
    end = fitting.length ? fitting[fitting.length - 1]!.end : sentences[0]?.end ?? p.end;
    clipped = end < p.end;
  }
  // Wrapped lines read as one, and the source's own paragraph number ("2.") is shown beside the quote, not in it.
  const text = (doc ? doc.text.slice(p.start, end) : p.text)
    .replace(/[ \t]*\n[ \t]*/g, ' ')
    .trim()
    .replace(/^(?:[-*•]\s*)?(?:\(?[0-9ivx]{1,4}[.)]\s+|\d{1,2}\.\d{1,2}\s+)/i, '');
  const citation: Citation = {
    source: p.file,
    title: doc?.title ?? p.file,
    date: doc?.date ?? null,
    paragraph: p.number ?? String(p.index + 1),
    quote: text,
    url: doc?.url ?? null,
  };
  return { result: passageShape(p, doc, [citation]), facts: [], citations: [citation], clipped };
}

// ---------------------------------------------------------------------------------------------------------------

/** Every piece of evidence an event has, its mentions first. */
function evidenceOf(e: InspectionEvent): Evidence[] {
  return [
    ...e.mentions, ...e.occurred.map((d) => d.evidence), ...e.published.map((d) => d.evidence),
    ...e.judgements.map((j) => j.evidence), ...e.people.map((x) => x.evidence),
  ];
}

function citationOf(cites: Citations, ev: Evidence, needles: string[]): Citation {
  const n = cites.cite(ev, needles.filter((x) => x.length > 0));
  return cites.list[n - 1]!;
}

function overallJudgement(e: InspectionEvent): JudgementFact | null {
  return bestJudgement(e, 'overall');
}


/** "on 8 and 9 January 2019", "in June 2019", "from 15 to 26 May 2023". */
function datePhrase(d: DatedFact): string {
  const text = formatSpan(d.start, d.end);
  if (sortKey(d.start) === sortKey(d.end) && precision(d.start) === precision(d.end)) return `${precision(d.start) === 3 ? 'on' : 'in'} ${text}`;
  return text.includes(' and ') ? `on ${text}` : `from ${text}`;
}

function formatIso(iso: string): string {
  const d = parseIso(iso);
  return d ? formatDate(d) : iso;
}

function unThe(s: string): string {
  return s.replace(/^the\s+/i, '');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]!}`;
}
