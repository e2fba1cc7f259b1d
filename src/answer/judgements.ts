/** Reading an event's judgements when sources agree, disagree, or give none. */
import { standing } from '../reading/sourceRank';
import { sortKey } from '../timeline/dates';
import { eventDate } from '../timeline/buildTimeline';
import type { Area, Grade, InspectionEvent, JudgementFact } from '../timeline/types';

/** Inspections from this date give the four judgements and no overall effectiveness grade. */
export const REFORM_DATE = { year: 2026, month: 4, day: 1 };

/** The judgement for an area that most sources give, preferring the one stated most specifically. */
export function bestJudgement(e: InspectionEvent, area: Area): JudgementFact | null {
  const list = e.judgements.filter((j) => j.area === area);
  if (!list.length) return null;
  const votes = new Map<Grade, number>();
  // Each source's word weighs as far as it is trusted: Ofsted's letter above a newspaper's headline.
  for (const j of list) votes.set(j.grade, (votes.get(j.grade) ?? 0) + standing(j.evidence));
  const top = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  return list.find((j) => j.grade === top)!;
}

/** Up to three judgements of an area with a grade, one per passage of text. */
export function sameGrade(e: InspectionEvent, area: Area, grade: Grade): JudgementFact[] {
  const seen = new Set<number>();
  return e.judgements.filter((j) => j.area === area && j.grade === grade && !seen.has(j.evidence.start) && seen.add(j.evidence.start)).slice(0, 3);
}

/** True when an inspection took place (or, undated, was published) on or after the April 2026 reform. */
export function afterReform(e: InspectionEvent): boolean {
  const d = eventDate(e);
  return d !== null && sortKey(d.start, 'start') >= sortKey(REFORM_DATE, 'start');
}
