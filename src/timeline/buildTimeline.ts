import type { AuthorityDirectory } from '../corpus/authorities';
import { isHistoryText } from '../corpus/inspectionHistory';
import type { Corpus, Passage, SourceDocument } from '../corpus/types';
import { monthNumber, type PartialDate, overlaps, precision, sortKey, toIso } from './dates';
import { COUNCIL_NEWS, OFSTED, sourceRank } from '../reading/sourceRank';
import { bestDate as best, type DocumentFindings, type Draft, extractDocument, kindCompatible as compatibleKinds } from './extractDocument';
import { historyDrafts } from './historyEvents';
import { letterKind, reportKind } from './reportLayout';
import { readProse } from '../reading/readProse';
import { type DatedFact, type EventKind, GRADED_KINDS, type InspectionEvent, type Timeline } from './types';

/** How long after an inspection its report may be published, in months. */
const PUBLICATION_LAG_MONTHS = 8;

const SPECIFICITY: Record<EventKind, number> = {
  standard: 3, short: 3, sif: 3, older: 3, jtai: 3, focused: 3, monitoring: 3, provider: 3, pilot: 3, inspection: 1,
};


function addMonths(d: PartialDate, months: number): PartialDate {
  const m = (d.month ?? 12) - 1 + months;
  return { year: d.year + Math.floor(m / 12), month: (m % 12) + 1 };
}

/** True when a publication date can follow an inspection held at `occurred`. */
function publishedAfter(occurred: DatedFact, published: DatedFact): boolean {
  const from = sortKey(occurred.start, 'start');
  const until = sortKey(addMonths(occurred.end, PUBLICATION_LAG_MONTHS), 'end');
  return sortKey(published.end, 'end') >= from && sortKey(published.start, 'start') <= until;
}

function overallGrade(d: Draft): string | null {
  return d.judgements.find((j) => j.area === 'overall')?.grade ?? null;
}

/** Graded ILACS inspections: sources may call the same one short and standard. */
const ILACS: readonly EventKind[] = ['standard', 'short'];

/** True when both accounts say when it took place and these overlap: ILACS inspections are years apart. */
function sameTime(a: Draft, b: Draft): boolean {
  const ao = best(a.occurred), bo = best(b.occurred);
  return !!ao && !!bo && overlaps(ao, bo);
}

/** The single inspection framework (SIF) applied from November 2013. */
const SIF_FIRST: PartialDate = { year: 2013, month: 11 };
/** The first ILACS inspections (standard and short) took place in January 2018. */
export const ILACS_FIRST: PartialDate = { year: 2018, month: 1 };

/**
 * An inspection held before ILACS began was not one, whatever an account calls it ("the full inspection in 2016",
 * an ILACS-style title on a report dated 2016): under the SIF it was a single inspection; before the SIF its framework
 * is left unstated. Either way it joins the accounts that name it rightly.
 */
function withoutAnachronism(d: Draft): Draft {
  const o = best(d.occurred);
  if (!ILACS.includes(d.kind) || !o || sortKey(o.end, 'end') >= sortKey(ILACS_FIRST, 'start')) return d;
  return { ...d, kind: sortKey(o.start, 'start') >= sortKey(SIF_FIRST, 'start') ? 'sif' : 'inspection' };
}

/** True when both accounts give the days it took place and these overlap. */
function sameDays(a: Draft, b: Draft): boolean {
  const ao = best(a.occurred), bo = best(b.occurred);
  return !!ao && !!bo && precision(ao.start) === 3 && precision(bo.start) === 3 && overlaps(ao, bo);
}

/**
 * "The inspection of children's services that took place from 22 to 26 January 2024", ungraded, on the very days of a
 * joint targeted area inspection or a visit, is that one: Ofsted holds one inspection or visit of an authority at a time.
 */
function looseNameFor(a: Draft, b: Draft): boolean {
  return a.kind === 'inspection' && a.judgements.length === 0 && !GRADED_KINDS.includes(b.kind) && sameDays(a, b);
}

/** An account taken from a national history row rather than from a document's text. */
function fromHistory(d: Draft): boolean {
  return d.mentions.length > 0 && d.mentions.every((m) => /\.csv$/i.test(m.file));
}

/** Whether two accounts describe the same inspection or visit. */
function sameEvent(a: Draft, b: Draft): boolean {
  if (a.authority !== b.authority) return false;
  if (looseNameFor(a, b) || looseNameFor(b, a)) return true;
  const ilacsPair = ILACS.includes(a.kind) && ILACS.includes(b.kind) && sameTime(a, b);
  if (!compatibleKinds(a.kind, b.kind) && !ilacsPair) return false;
  if (a.number && b.number) {
    if (a.number.value !== b.number.value) return false;
    if (a.kind === b.kind) return true;
  }
  const ao = best(a.occurred), bo = best(b.occurred);
  const ap = best(a.published), bp = best(b.published);
  const gradesDiffer = overallGrade(a) !== null && overallGrade(b) !== null && overallGrade(a) !== overallGrade(b);
  if (ao && bo) {
    // Graded inspections are years apart: two accounts a few weeks apart are one inspection, dated differently.
    if (!overlaps(ao, bo)) return ONE_AT_A_TIME.includes(a.kind) && ONE_AT_A_TIME.includes(b.kind) && !gradesDiffer && precision(ao.start) >= 2 && precision(bo.start) >= 2 &&
      Math.abs(monthIndex(ao.start) - monthIndex(bo.start)) <= 3 && (!ap || !bp || overlaps(ap, bp));
    if (gradesDiffer && precision(ao.start) === 0 && precision(bo.start) === 0) return false;
    if (ap && bp && !overlaps(ap, bp)) return false;
    return true;
  }
  if (ao && bp) return publishedAfter(ao, bp) && !gradesDiffer;
  if (ap && bo) return publishedAfter(bo, ap) && !gradesDiffer;
  if (ap && bp) return overlaps(ap, bp) && !gradesDiffer;
  // An account dated only by the document that reports it ("the inspection report", in minutes of 19 June 2024).
  const ar = a.reported ?? null, br = b.reported ?? null;
  const known = (d: Draft): DatedFact | null => best(d.occurred) ?? best(d.published);
  if (ar && !known(a) && known(b)) return reportedAfter(known(b)!, ar) && !gradesDiffer && compatibleKinds(a.kind, b.kind);
  if (br && !known(b) && known(a)) return reportedAfter(known(a)!, br) && !gradesDiffer && compatibleKinds(a.kind, b.kind);
  if (ar && br && !known(a) && !known(b)) return overlaps(ar, br) && !gradesDiffer && a.kind === b.kind;
  return false;
}

/** Kinds of which an authority has one at a time, years apart. */
const ONE_AT_A_TIME: readonly EventKind[] = ['standard', 'short', 'sif', 'inspection'];

function monthIndex(d: PartialDate): number {
  return d.year * 12 + (d.month ?? 6);
}

/** How long after an event a document may report it as news, in months. */
const REPORTED_LAG_MONTHS = 9;

/** True when a document of date `r` can report an event known at `o`: not before it, and not long after. */
function reportedAfter(o: DatedFact, r: DatedFact): boolean {
  return sortKey(o.start, 'start') <= sortKey(r.end, 'end') && sortKey(r.start, 'start') <= sortKey(addMonths(o.end, REPORTED_LAG_MONTHS), 'end');
}

function mergeInto(target: Draft, d: Draft): void {
  // Short or standard: Ofsted's own record of the framework outweighs a document's wording.
  if (SPECIFICITY[d.kind] > SPECIFICITY[target.kind] || (ILACS.includes(d.kind) && ILACS.includes(target.kind) && fromHistory(d))) target.kind = d.kind;
  target.theme ??= d.theme;
  target.number ??= d.number;
  target.final ??= d.final;
  target.notPublished ??= d.notPublished;
  target.improvementCount ??= d.improvementCount;
  target.after ??= d.after;
  target.reported ??= d.reported ?? null;
  target.vaguePublished ??= d.vaguePublished ?? null;
  target.subjectOf = [...new Set([...(target.subjectOf ?? []), ...(d.subjectOf ?? [])])];
  target.vague ??= d.vague;
  target.occurred.push(...d.occurred);
  target.published.push(...d.published);
  target.judgements.push(...d.judgements);
  for (const p of d.people) {
    const same = target.people.find((x) => x.name === p.name);
    if (!same) target.people.push(p);
    else if (p.role === 'lead' && same.role !== 'lead') Object.assign(same, { role: 'lead', evidence: p.evidence });
  }
  target.focus.push(...d.focus);
  target.improvements.push(...d.improvements);
  target.mentions.push(...d.mentions);
}

/** How much an account pins down its event: dated ones are merged first, so vaguer ones join them. */
function strength(d: Draft): number {
  const o = best(d.occurred);
  return (o ? 10 + precision(o.start) * 2 : 0) + (d.number ? 5 : 0) + (d.published.length ? 2 : 0) + (d.reported ? 1 : 0) + SPECIFICITY[d.kind];
}

/** Start of an event for ordering: when it took place, else when it was published, else its number. */
export function eventSortKey(e: InspectionEvent): number {
  const o = best(e.occurred);
  if (o) return sortKey(o.start, 'start');
  const p = best(e.published);
  if (p) return sortKey(p.start, 'start') - 1;
  if (e.reported) return sortKey(e.reported.start, 'start') - 2;
  return e.after ? sortKey(e.after.end, 'end') + 1 : 0;
}

/** Merges drafts from all documents into one event per inspection or visit, in date order. */
export function mergeDrafts(drafts: Draft[]): InspectionEvent[] {
  const ordered = drafts.map(withoutAnachronism).sort((a, b) => strength(b) - strength(a));
  const clusters: Draft[] = [];
  for (const d of ordered) {
    const into = clusters.find((c) => sameEvent(c, d));
    if (into) mergeInto(into, d);
    else clusters.push(structuredClone(d));
  }
  // A cluster may now match another through facts gathered later (a number, a publication date).
  for (let i = 0; i < clusters.length; i++) {
    for (let j = i + 1; j < clusters.length; j++) {
      if (sameEvent(clusters[i]!, clusters[j]!)) {
        mergeInto(clusters[i]!, clusters[j]!);
        clusters.splice(j, 1);
        j = i;
      }
    }
  }
  placeYearless(clusters);
  const events = clusters.map((c) => ({ ...c, id: '' }) as InspectionEvent);
  events.sort((a, b) => a.authority.localeCompare(b.authority) || eventSortKey(a) - eventSortKey(b));
  const seen = new Map<string, number>();
  for (const e of events) {
    const o = best(e.occurred) ?? best(e.published);
    const base = `${e.authority.toLowerCase().replace(/[^a-z]+/g, '-')}:${e.kind}:${o ? toIso(o.start) : 'undated'}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    e.id = n === 1 ? base : `${base}:${n}`;
  }
  return events;
}

/**
 * An account dated only by a month with no year ("a full inspection in February", on a page of no date) and one
 * dated by its year alone ("the previous ‘good’ rating in 2020") are one graded inspection when they give the same
 * overall grade and nothing else of that grade could be meant: the month takes the year.
 */
function placeYearless(clusters: Draft[]): void {
  for (let i = 0; i < clusters.length; i++) {
    const a = clusters[i]!;
    const month = a.vague ? monthOfText(a.vague.text) : undefined;
    if (month === undefined || best(a.occurred) || best(a.published) || a.reported || !overallGrade(a)) continue;
    const fits = clusters.filter((b) => b !== a && b.authority === a.authority && compatibleKinds(a.kind, b.kind) && overallGrade(b) === overallGrade(a) &&
      (() => {
        const o = best(b.occurred);
        return o !== null && precision(o.start) === 0 && o.start.year === o.end.year;
      })());
    if (fits.length !== 1) continue;
    const b = fits[0]!;
    const year = best(b.occurred)!.start.year;
    const placed: DatedFact = { start: { year, month }, end: { year, month }, text: a.vague!.text, relative: true, evidence: a.vague!.evidence };
    a.occurred.push(placed);
    const pm = a.vaguePublished ? monthOfText(a.vaguePublished.text) : undefined;
    const pd = a.vaguePublished ? /\b(\d{1,2})(?:st|nd|rd|th)?\b/.exec(a.vaguePublished.text)?.[1] : undefined;
    if (pm !== undefined && a.vaguePublished) {
      const py = pm >= month ? year : year + 1;
      const when: PartialDate = pd ? { year: py, month: pm, day: Number(pd) } : { year: py, month: pm };
      a.published.push({ start: when, end: when, text: a.vaguePublished.text, relative: true, evidence: a.vaguePublished.evidence });
    }
    mergeInto(a, b);
    clusters.splice(clusters.indexOf(b), 1);
    if (clusters.indexOf(b) < i) i--;
  }
}

/** The month a few words name ("February", "16 March"), or undefined. */
function monthOfText(text: string): number | undefined {
  const m = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/i.exec(text);
  return m ? monthNumber(m[1]!) : undefined;
}

/** What one document says about inspections: a national history's rows, or the events its text states. */
export function documentFindings(doc: SourceDocument, passages: Passage[], authorities: AuthorityDirectory): DocumentFindings {
  if (isHistoryText(doc.text)) return ranked({ drafts: historyDrafts(doc, passages, authorities), expectations: [], counts: [] }, OFSTED);
  // Ofsted's own reports and letters keep a layout of their own (a header, judgement tables, a signature).
  if (reportKind(doc.text) !== null || letterKind(doc.text) !== null) return ranked(extractDocument(doc, passages, authorities), OFSTED);
  return ranked(readProse(doc, passages, authorities), sourceRank(doc));
}

/** Findings whose dates and judgements carry their document's standing, for weighing them against other documents'. */
function ranked(findings: DocumentFindings, rank: number): DocumentFindings {
  if (rank === COUNCIL_NEWS) return findings;
  for (const d of findings.drafts) {
    for (const f of [...d.occurred, ...d.published, ...d.judgements]) f.evidence = { ...f.evidence, rank };
  }
  return findings;
}

/** The timeline from every document's findings, in corpus order: events merged across documents. */
export function timelineOf(findings: DocumentFindings[]): Timeline {
  return {
    events: mergeDrafts(findings.flatMap((f) => f.drafts)),
    expectations: findings.flatMap((f) => f.expectations),
    counts: findings.flatMap((f) => f.counts),
  };
}

/** The timeline of every authority in a corpus. */
export function buildTimeline(corpus: Corpus, authorities: AuthorityDirectory): Timeline {
  const byFile = new Map<string, Passage[]>();
  for (const p of corpus.passages) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  return timelineOf(corpus.documents.map((doc) => documentFindings(doc, byFile.get(doc.file) ?? [], authorities)));
}

/** The most precise date an event took place, or null. */
export function occurredDate(e: InspectionEvent): DatedFact | null {
  return best(e.occurred);
}

/**
 * The date that places an event in time: when it took place, else when its report came out, else the date of a
 * document that reports it; null when none is known.
 */
export function eventDate(e: InspectionEvent): DatedFact | null {
  return best(e.occurred) ?? best(e.published) ?? e.reported ?? null;
}

/** The most precise publication date of an event's letter or report, or null. */
export function publishedDate(e: InspectionEvent): DatedFact | null {
  return best(e.published);
}
