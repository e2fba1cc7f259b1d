import { occurredDate, publishedDate } from '../timeline/buildTimeline';
import { formatSpan } from '../timeline/dates';
import { AREA_LABELS, type EventKind, type InspectionEvent } from '../timeline/types';

export const KIND_LABELS: Record<EventKind, string> = {
  standard: 'standard inspection',
  short: 'short inspection',
  sif: 'single inspection',
  inspection: 'inspection',
  focused: 'focused visit',
  monitoring: 'monitoring visit',
  jtai: 'joint targeted area inspection',
  older: 'inspection',
  provider: 'inspection of a service',
  pilot: 'pilot inspection',
};

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth'];

/** "the seventh monitoring visit", "the standard inspection". */
export function eventName(e: InspectionEvent): string {
  const n = e.number ? ORDINALS[e.number.value - 1] ?? `no. ${e.number.value}` : null;
  return n ? `the ${n} ${KIND_LABELS[e.kind]}` : `the ${KIND_LABELS[e.kind]}`;
}

/** A one-line account of an event, for search and for lists. */
export function describeEvent(e: InspectionEvent): string {
  const parts: string[] = [`${e.authority}: ${eventName(e)}`];
  const o = occurredDate(e);
  if (o) parts.push(`held ${formatSpan(o.start, o.end)}`);
  const p = publishedDate(e);
  if (p) parts.push(`published ${formatSpan(p.start, p.end)}`);
  const overall = e.judgements.find((j) => j.area === 'overall');
  if (overall) parts.push(`judged ${overall.grade}`);
  for (const j of e.judgements) if (j.area !== 'overall') parts.push(`${AREA_LABELS[j.area]}: ${j.grade}`);
  const lead = e.people.find((x) => x.role === 'lead') ?? e.people[0];
  if (lead) parts.push(`led by ${lead.name}`);
  if (e.theme) parts.push(`theme: ${e.theme.text}`);
  if (e.focus[0]) parts.push(`focus: ${e.focus[0].text}`);
  return parts.join('; ');
}
