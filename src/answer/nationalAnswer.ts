/**
 * Questions about every authority at once: which are judged X now, how many, and lists of inspections across
 * England. "Now" is each authority's latest graded inspection; lists are ordered, counted and capped in chat, with
 * every row kept as a fact for the card.
 */
import type { CorpusIndex } from '../search/CorpusIndex';
import { KIND_LABELS } from '../search/describeEvent';
import { eventSortKey, occurredDate, publishedDate } from '../timeline/buildTimeline';
import { formatDate, formatSpan, overlaps, toIso } from '../timeline/dates';
import { AREA_LABELS, type Area, GRADED_KINDS, type Grade, type InspectionEvent } from '../timeline/types';
import { Citations } from './Citations';
import { afterReform, bestJudgement, sameGrade } from './judgements';
import { isDated, matchingEvents, pick } from './selectEvents';
import type { Answer, Fact, Query } from './types';
import { andList } from './words';

/** Rows written out in a chat answer; the card holds them all. */
export const CHAT_ROWS = 10;

/** Authorities with at least one event, sorted. */
function authoritiesWithEvents(index: CorpusIndex): string[] {
  return [...new Set(index.timeline.events.map((e) => e.authority))].sort();
}

/** An authority's graded inspections that carry any judgement, oldest first. */
function gradedInspections(index: CorpusIndex, authority: string): InspectionEvent[] {
  return index.timeline.events
    .filter((e) => e.authority === authority && GRADED_KINDS.includes(e.kind) && e.judgements.length > 0 && isDated(e))
    .sort((a, b) => eventSortKey(a) - eventSortKey(b));
}

/** "8 to 12 December 2025", or "published 16 May 2024" when only the publication is dated. */
function whenText(e: InspectionEvent): string {
  const o = occurredDate(e);
  if (o) return formatSpan(o.start, o.end);
  const p = publishedDate(e);
  return p ? `published ${formatSpan(p.start, p.end)}` : 'undated';
}

/** The first CHAT_ROWS rows, and how many more the card lists. */
function rowsText(rows: string[], noun: { one: string; many: string }): string {
  const shown = rows.slice(0, CHAT_ROWS).join('; ');
  const more = rows.length - CHAT_ROWS;
  return more > 0 ? `${shown}; and ${more} more ${more === 1 ? noun.one : noun.many} (all ${rows.length} are listed in the card)` : shown;
}

const AUTHORITIES = { one: 'authority', many: 'authorities' };

/** "Which councils are judged outstanding?", "How many authorities are inadequate now?". */
export function authoritiesAnswer(index: CorpusIndex, q: Query, cites: Citations): Answer {
  const area: Area = q.area ?? 'overall';
  const rows: { authority: string; event: InspectionEvent; grade: Grade; date: string }[] = [];
  const noOverall: string[] = [];
  for (const a of authoritiesWithEvents(index)) {
    const graded = gradedInspections(index, a);
    // "Which are judged good" asks about the latest inspection; "which have been judged inadequate", about any.
    const latest = q.ever && q.grade ? [...graded].reverse().find((e) => bestJudgement(e, area)?.grade === q.grade) : graded[graded.length - 1];
    if (!latest) continue;
    const j = bestJudgement(latest, area);
    if (!j) {
      if (area === 'overall' && afterReform(latest) && !q.ever) noOverall.push(a);
      continue;
    }
    if (q.grade && j.grade !== q.grade) continue;
    rows.push({ authority: a, event: latest, grade: j.grade, date: toIso((occurredDate(latest) ?? publishedDate(latest))!.start) });
  }
  rows.sort((x, y) => x.authority.localeCompare(y.authority));

  const facts: Fact[] = [];
  const lines = rows.map((r) => {
    const ns = sameGrade(r.event, area, r.grade).map((x) => cites.cite(x.evidence, [r.grade]));
    facts.push({ label: r.authority, value: `${r.grade}, ${whenText(r.event)}`, date: r.date, eventId: r.event.id, kind: r.event.kind, judgement: r.grade, citations: ns });
    return `${r.authority} (${r.grade}, ${whenText(r.event)}) ${Citations.markers(ns)}`;
  });
  const areaText = area === 'overall' ? 'overall' : `for ${AREA_LABELS[area]}`;
  const what = q.grade ? `judged ${q.grade} ${areaText}` : `graded ${areaText}`;
  const reform = noOverall.length
    ? ` ${noOverall.length} ${noOverall.length === 1 ? 'authority was' : 'authorities were'} last inspected on or after ${formatDate({ year: 2026, month: 4, day: 1 })}, ` +
      `under the framework that gives no overall effectiveness grade, so ${noOverall.length === 1 ? 'it is' : 'they are'} not counted: ${andList(noOverall)}.`
    : '';
  if (!rows.length) {
    return {
      status: 'not_found',
      answer: `No authority on record is ${what} at its latest graded inspection.${reform}`,
      authority: null, facts: [], citations: cites.list,
    };
  }
  const head = q.ever && q.grade
    ? `${rows.length} ${rows.length === 1 ? 'authority has' : 'authorities have'} been ${what} at an inspection on record (the latest such inspection shown)`
    : `${rows.length} ${rows.length === 1 ? 'authority is' : 'authorities are'} ${what} at ${rows.length === 1 ? 'its' : 'their'} latest graded inspection on record`;
  return { status: 'answered', answer: `${head}: ${rowsText(lines, AUTHORITIES)}.${reform}`, authority: null, facts, citations: cites.list };
}

/** True for a question about events with no authority that reads as being about all of them ("list the short inspections in 2025"). */
export function isNationalEventQuestion(q: Query): boolean {
  return q.authority === null && q.kind !== null && (q.intents.includes('list') || q.intents.includes('count'));
}

/** "List the short inspections in 2025", "How many monitoring visits were there in 2024?": across all authorities. */
export function nationalEventsAnswer(index: CorpusIndex, q: Query, cites: Citations): Answer {
  const label = q.kind?.label ?? 'inspection';
  const events = authoritiesWithEvents(index)
    .flatMap((a) => pick(matchingEvents(index.timeline.events, { ...q, intents: ['list'] }, a), { ...q, selector: { type: 'all' } }))
    .filter(isDated)
    // Across England, "in 2025" means held in 2025: an inspection of 2024 published in 2025 is not one.
    .filter((e) => {
      const o = occurredDate(e);
      return !q.during || !o || overlaps(o, q.during);
    })
    .sort((a, b) => eventSortKey(a) - eventSortKey(b) || a.authority.localeCompare(b.authority));
  const period = q.during ? ` in ${formatSpan(q.during.start, q.during.end)}` : q.since ? ` since ${formatDate(q.since)}` : '';
  if (!events.length) {
    return { status: 'not_found', answer: `No ${label}${period} of any authority is on record.`, authority: null, facts: [], citations: [] };
  }
  const facts: Fact[] = [];
  const lines = events.map((e) => {
    const o = occurredDate(e) ?? publishedDate(e)!;
    const overall = bestJudgement(e, 'overall');
    const ns = [cites.cite(o.evidence, [o.text])];
    facts.push({ label: e.authority, value: `${KIND_LABELS[e.kind]}, ${whenText(e)}`, date: toIso(o.start), eventId: e.id, kind: e.kind, judgement: overall?.grade ?? null, citations: ns });
    return `${e.authority}, ${whenText(e)}${overall ? ` (${overall.grade})` : ''} ${Citations.markers(ns)}`;
  });
  const n = events.length;
  const plural = n === 1 ? label : `${label}s`;
  const head = q.intents.includes('count')
    ? `${n} ${plural}${period} ${n === 1 ? 'is' : 'are'} on record across all authorities`
    : `The ${plural}${period} on record across all authorities, ${n} in all, in date order`;
  return { status: 'answered', answer: `${head}: ${rowsText(lines, { one: label, many: `${label}s` })}.`, authority: null, facts, citations: cites.list };
}
