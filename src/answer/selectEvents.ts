import { eventSortKey, occurredDate, publishedDate, eventDate } from '../timeline/buildTimeline';
import { overlaps, sortKey } from '../timeline/dates';
import { GRADED_KINDS, type EventKind, type InspectionEvent } from '../timeline/types';
import { afterReform } from './judgements';
import type { Intent, Query } from './types';

/** The kinds a question is about when it names none: judgements come from graded inspections. */
export function defaultKinds(intents: Intent[]): EventKind[] | null {
  if (intents.some((i) => i === 'judgement' || i === 'when' || i === 'count' || i === 'improve' || i === 'improveCount' || i === 'next')) {
    return [...GRADED_KINDS];
  }
  return null;
}

/** True when an event has a date (of its own or of its report) to place it in time. */
export function isDated(e: InspectionEvent): boolean {
  return occurredDate(e) !== null || publishedDate(e) !== null || (e.reported ?? null) !== null;
}

/** Events for "the last one": dated ones in order, or, when none is dated, those with a date as written. */
function placeable(events: InspectionEvent[]): InspectionEvent[] {
  // An event known only to follow others ("after 2022") takes its place after them.
  const dated = events.filter((e) => isDated(e) || e.after !== null);
  return dated.length ? dated : events.filter((e) => e.vague !== null);
}

/** A timeline's events by authority, in the timeline's order, worked out once per list of events. */
const byAuthority = new WeakMap<readonly InspectionEvent[], Map<string, InspectionEvent[]>>();

function ofAuthority(events: readonly InspectionEvent[], authority: string): InspectionEvent[] {
  let map = byAuthority.get(events);
  if (!map) {
    map = new Map();
    for (const e of events) {
      const list = map.get(e.authority);
      if (list) list.push(e);
      else map.set(e.authority, [e]);
    }
    byAuthority.set(events, map);
  }
  return map.get(authority) ?? [];
}

/** The authority's events that match the question's kind, grade and period, oldest first. */
export function matchingEvents(events: InspectionEvent[], q: Query, authority: string): InspectionEvent[] {
  // "Adoption rating?": an adoption agency's own inspection grades adoption too.
  const asked = q.kind?.kinds ?? defaultKinds(q.intents);
  const kinds = asked && q.area === 'adoption' && !asked.includes('provider') ? [...asked, 'provider' as EventKind] : asked;
  const gradeAnyArea = q.area !== null || /\bwhich areas?\b/i.test(q.text);
  return ofAuthority(events, authority)
    .filter((e) => !q.eventIds || q.eventIds.includes(e.id))
    .filter((e) => !kinds || kinds.includes(e.kind))
    .filter((e) => {
      if (!q.grade || q.intents.includes('improve')) return true;
      // "When was the inadequate report published?" picks by the overall grade; "which area was RI" by any area.
      if (gradeAnyArea) return e.judgements.some((j) => j.grade === q.grade);
      const overall = e.judgements.filter((j) => j.area === 'overall');
      // An inspection after the April 2026 reform has no overall grade: any of its four judgements counts.
      return overall.some((j) => j.grade === q.grade) || (overall.length === 0 && afterReform(e) && e.judgements.some((j) => j.grade === q.grade));
    })
    .filter((e) => {
      if (!q.during) return true;
      const o = occurredDate(e), p = publishedDate(e);
      // An event known only from the document that reports it is of that document's time.
      const r = !o && !p ? e.reported ?? null : null;
      return (o !== null && overlaps(o, q.during)) || (p !== null && overlaps(p, q.during)) || (r !== null && overlaps(r, q.during)) ||
        e.occurred.some((x) => overlaps(x, q.during!));
    })
    .filter((e) => {
      if (!q.since) return true;
      const o = eventDate(e);
      return o !== null && sortKey(o.end, 'end') >= sortKey(q.since, 'start');
    })
    .filter((e) => {
      if (!q.before) return true;
      const o = eventDate(e);
      return o !== null && sortKey(o.end, 'end') < sortKey(q.before, 'start');
    })
    .sort((a, b) => eventSortKey(a) - eventSortKey(b));
}

/** The events a selector picks out of a date-ordered list: the last, the first, the one before last, the nth, all. */
export function pick(events: InspectionEvent[], q: Query): InspectionEvent[] {
  const dated = placeable(events);
  const sel = q.selector ?? (q.during && events.length <= 3 ? { type: 'all' as const } : { type: 'last' as const });
  switch (sel.type) {
    case 'all':
      return events;
    case 'first': {
      // "The first monitoring visit" when the earliest on record is numbered second: the first is not on record.
      const first = dated[0];
      if (first && first.kind === 'monitoring' && first.number && first.number.value > 1) return [];
      return dated.slice(0, 1);
    }
    case 'last':
      return dated.slice(-1);
    case 'beforeLast':
      return dated.slice(-2, -1);
    case 'nth': {
      const numbered = events.find((e) => e.number?.value === sel.n);
      if (numbered) return [numbered];
      return [];
    }
  }
}
