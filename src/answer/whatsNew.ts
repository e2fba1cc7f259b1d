/**
 * "What's new?", "what's new for Worcestershire since March?", "anything new since the last visit?": the inspections
 * and visits that took place, or whose report or letter came out, in a period up to the newest source on record, for
 * one authority or all, newest first, each with its sources.
 */
import type { CorpusIndex } from '../search/CorpusIndex';
import { eventName } from '../search/describeEvent';
import { eventDate, occurredDate, publishedDate } from '../timeline/buildTimeline';
import { type DatedFact, GRADED_KINDS, type InspectionEvent } from '../timeline/types';
import { formatDate, formatSpan, type PartialDate, precision, sortKey, toIso } from '../timeline/dates';
import { Citations } from './Citations';
import { newestSourceDate } from './freshness';
import { bestJudgement } from './judgements';
import { listText } from './nationalAnswer';
import { dayAfter } from './parseQuestion';
import { matchingEvents, pick } from './selectEvents';
import type { Answer, Fact, Query } from './types';

/** The period "what's new?" covers when the question names none: this many months up to the newest source on record. */
export const DEFAULT_NEWS_MONTHS = 3;

/** A span of time the question asks about; `end` null runs on past the newest source. */
interface Period {
  start: PartialDate;
  end: PartialDate | null;
  /** As the answer says it: "since March 2026", "in the 3 months to 20 August 2026, …". */
  text: string;
  /** Citations the period's own wording rests on (the event "since the last visit" counts from). */
  cited: number[];
}

/** One event new in the period, and the date that makes it so. */
interface NewEvent {
  event: InspectionEvent;
  occurred: DatedFact | null;
  published: DatedFact | null;
  reported: DatedFact | null;
  /** The latest of its dates that falls in the period, for ordering. */
  key: number;
}

const EVENTS = { one: 'event', many: 'events' };

/** Answers a "what's new?" question (`q.news` set) for `q.authority`, or for every authority when it has none. */
export function whatsNewAnswer(index: CorpusIndex, q: Query, cites: Citations): Answer {
  const authority = q.authority;
  const newest = newestSourceDate(index);
  if (!newest) {
    return { status: 'not_found', answer: 'No document on record is dated, so what is new cannot be told.', authority, facts: [], citations: [] };
  }
  const period = periodAsked(index, q, newest, cites);
  if ('status' in period) return period;

  // "Any new monitoring visits?" lists that kind; "since the last visit" names the event to count from, not a kind.
  const kinds = q.news?.after ? null : q.kind?.kinds ?? null;
  const candidates = index.timeline.events.filter((e) => (!authority || e.authority === authority) && (!kinds || kinds.includes(e.kind)));
  const found = candidates.map((e) => newIn(e, period)).filter((x): x is NewEvent => x !== null)
    .sort((a, b) => b.key - a.key || a.event.authority.localeCompare(b.event.authority));
  const who = authority ? `for ${authority}` : 'across all authorities';

  if (!found.length) {
    const latest = latestOnRecord(candidates);
    const what = kinds ? q.kind!.label : 'inspection or visit';
    const paper = kinds && !kinds.some((k) => GRADED_KINDS.includes(k)) ? 'its letter' : 'its report or letter';
    const nothing = `Nothing new ${who} is on record ${period.text}${period.cited.length ? ` ${Citations.markers(period.cited)}` : ''}. ` +
      `No ${what} on record took place or had ${paper} published then.`;
    if (!latest) return { status: 'not_found', answer: nothing, authority, facts: [], citations: cites.list };
    const facts: Fact[] = [];
    const said = eventParts(latest, cites, facts, authority === null);
    const [name, ...rest] = said.parts;
    const visit = !GRADED_KINDS.includes(latest.event.kind) && latest.event.kind !== 'jtai';
    const of = authority ? '' : ` ${visit ? 'to' : 'of'} ${latest.event.authority}`;
    const sentence = `The latest on record is the ${name!.replace(/ (?=\d)/, `${of} of `)}${rest.length ? `, ${rest.join(', ')}` : ''} ${Citations.markers(said.cited)}.`;
    return { status: 'answered', answer: `${nothing} ${sentence}`, authority, facts, citations: cites.list };
  }

  const facts: Fact[] = [];
  const rows = found.map((x) => eventRow(x, authority === null, cites, facts));
  const n = found.length;
  const what = kinds ? `New ${q.kind!.label}s` : 'What is new';
  const head = `${what} ${who} ${period.text}${period.cited.length ? ` ${Citations.markers(period.cited)}` : ''} (${n} ${n === 1 ? EVENTS.one : EVENTS.many}, newest first)`;
  return { status: 'answered', answer: listText(head, rows, EVENTS), authority, facts, citations: cites.list };
}

/** The period a "what's new?" question asks about, or the answer to give when it cannot be worked out. */
function periodAsked(index: CorpusIndex, q: Query, newest: PartialDate, cites: Citations): Period | Answer {
  const after = q.news?.after ?? null;
  if (after) {
    const authority = q.authority;
    if (!authority) {
      const withPapers = [...new Set(index.corpus.documents.map((d) => d.authority).filter((a): a is string => a !== null))].sort();
      const example = withPapers[0] ?? 'Worcestershire';
      return {
        status: 'ambiguous', authority: null, facts: [], citations: [], choices: withPapers.slice(0, 8),
        answer: `Which authority's last ${after.label} do you mean? Ask again naming one, for example “anything new for ${example} since the last ${after.label}?”.`,
      };
    }
    const asked: Query = { ...q, kind: after, intents: ['when'], selector: { type: 'last' }, during: null, since: null, before: null, grade: null, eventIds: null };
    const last = pick(matchingEvents(index.timeline.events, asked, authority), asked)[0];
    const d = last ? eventDate(last) : null;
    if (!last || !d) {
      return { status: 'not_found', answer: `No ${after.label} to ${authority} is on record, so there is no last one to count from.`, authority, facts: [], citations: [] };
    }
    const n = cites.cite(d.evidence, [d.text]);
    return { start: dayAfter(d.end), end: null, text: `since its last ${after.label}, ${eventName(last)} of ${formatSpan(d.start, d.end)}`, cited: [n] };
  }
  if (q.during) return { start: q.during.start, end: q.during.end, text: `in ${formatSpan(q.during.start, q.during.end)}`, cited: [] };
  if (q.since) return { start: q.since, end: null, text: `since ${formatDate(q.since)}`, cited: [] };
  return {
    start: monthsBefore(newest, DEFAULT_NEWS_MONTHS), end: newest,
    text: `in the ${DEFAULT_NEWS_MONTHS} months to ${formatDate(newest)}, the date of the newest source on record`, cited: [],
  };
}

/** The same day (or month) a number of months earlier: 20 August 2026 → 20 May 2026. */
function monthsBefore(d: PartialDate, months: number): PartialDate {
  if (d.month === undefined) return { year: d.year - 1 };
  const total = d.year * 12 + (d.month - 1) - months;
  const moved: PartialDate = { year: Math.floor(total / 12), month: (total % 12) + 1 };
  if (d.day !== undefined) moved.day = Math.min(d.day, new Date(Date.UTC(moved.year, moved.month!, 0)).getUTCDate());
  return moved;
}

function within(d: DatedFact | null, p: Period): boolean {
  if (!d) return false;
  return sortKey(d.end, 'end') >= sortKey(p.start, 'start') && (p.end === null || sortKey(d.start, 'start') <= sortKey(p.end, 'end'));
}

/** The event with the dates that fall in the period, or null when none does. */
function newIn(e: InspectionEvent, p: Period): NewEvent | null {
  const o = occurredDate(e);
  const pub = publishedDate(e);
  // An event known only from a document that reports it is of that document's date.
  const r = !o && !pub ? e.reported ?? null : null;
  const inside = [o, pub, r].filter((d): d is DatedFact => within(d, p));
  if (!inside.length) return null;
  return { event: e, occurred: o, published: pub, reported: r, key: Math.max(...inside.map((d) => sortKey(d.end, 'end'))) };
}

/** The event of a list whose latest date is the latest, as a NewEvent, or null when none is dated. */
function latestOnRecord(events: InspectionEvent[]): NewEvent | null {
  let best: NewEvent | null = null;
  for (const e of events) {
    const x = newIn(e, { start: { year: 1 }, end: null, text: '', cited: [] });
    if (x && (!best || x.key > best.key || (x.key === best.key && e.authority < best.event.authority))) best = x;
  }
  return best;
}

/** "Standard inspection 15 to 26 May 2023, good, report published on 14 July 2023 [1][2]", after its authority across all. */
function eventRow(x: NewEvent, named: boolean, cites: Citations, facts: Fact[]): string {
  const { parts, cited } = eventParts(x, cites, facts, named);
  const value = parts.join(', ');
  return `${named ? `${x.event.authority}: ${value}` : capitalise(value)} ${Citations.markers(cited)}`;
}

/**
 * What an event's row says, in parts ("standard inspection 15 to 26 May 2023", "good", "report published on 14 July
 * 2023"), each part's source cited; the row goes into `facts` for the card, by its authority when `named`.
 */
function eventParts(x: NewEvent, cites: Citations, facts: Fact[], named: boolean): { parts: string[]; cited: number[] } {
  const e = x.event;
  const ns: number[] = [];
  const parts: string[] = [eventName(e).replace(/^the /, '')];
  if (x.occurred) {
    ns.push(cites.cite(x.occurred.evidence, [x.occurred.text]));
    parts[0] += ` ${formatSpan(x.occurred.start, x.occurred.end)}`;
  }
  const overall = bestJudgement(e, 'overall');
  if (overall) {
    ns.push(cites.cite(overall.evidence, [overall.grade]));
    parts.push(overall.grade);
  }
  const paper = GRADED_KINDS.includes(e.kind) ? 'report' : 'letter';
  if (x.published) {
    ns.push(cites.cite(x.published.evidence, [x.published.text]));
    parts.push(`${paper} published ${on(x.published)} ${formatSpan(x.published.start, x.published.end)}`);
  } else if (x.reported) {
    ns.push(cites.cite(x.reported.evidence, [x.reported.text]));
    parts.push(`reported ${on(x.reported)} ${formatSpan(x.reported.start, x.reported.end)}`);
  }
  const date = x.published ?? x.occurred ?? x.reported;
  facts.push({
    label: named ? e.authority : capitalise(parts[0]!), value: named ? parts.join(', ') : parts.slice(1).join(', '),
    date: date ? toIso(date.start) : null, eventId: e.id, kind: e.kind, judgement: overall?.grade ?? null, citations: ns,
  });
  return { parts, cited: ns };
}

function on(d: DatedFact): string {
  return precision(d.start) === 3 ? 'on' : 'in';
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
