/**
 * Questions about every authority at once: which are judged X now, how many, and lists of inspections across
 * England. "Now" is each authority's latest graded inspection; lists are ordered, counted and capped in chat, with
 * every row kept as a fact for the card.
 */
import type { CorpusIndex } from '../search/CorpusIndex';
import { KIND_LABELS } from '../search/describeEvent';
import { eventSortKey, occurredDate, publishedDate, eventDate } from '../timeline/buildTimeline';
import { formatDate, formatSpan, overlaps, sortKey, toIso } from '../timeline/dates';
import { ungradedReason } from '../timeline/historyEvents';
import { AREA_LABELS, type Area, GRADED_KINDS, type Grade, type InspectionEvent } from '../timeline/types';
import { Citations } from './Citations';
import { afterReform, bestJudgement, sameGrade } from './judgements';
import { isDated, matchingEvents, pick } from './selectEvents';
import type { Answer, Fact, Query } from './types';
import { groupNamed, inGroup } from './authorityGroups';
import { andList, orList } from './words';

/** Rows written out in a chat answer; the card holds them all. */
export const CHAT_ROWS = 10;

/** An authority's dated inspections (graded kinds, with judgements or not), oldest first. */
function inspectionsOf(index: CorpusIndex, authority: string): InspectionEvent[] {
  return inspectionsByAuthority(index).get(authority) ?? [];
}

/** Each authority's dated inspections (graded kinds), oldest first, worked out once per index: lists read them all. */
const inspectionsByIndex = new WeakMap<CorpusIndex, Map<string, InspectionEvent[]>>();

function inspectionsByAuthority(index: CorpusIndex): Map<string, InspectionEvent[]> {
  let byAuthority = inspectionsByIndex.get(index);
  if (!byAuthority) {
    byAuthority = new Map();
    for (const e of index.timeline.events) {
      if (!GRADED_KINDS.includes(e.kind) || !isDated(e)) continue;
      const list = byAuthority.get(e.authority);
      if (list) list.push(e);
      else byAuthority.set(e.authority, [e]);
    }
    for (const list of byAuthority.values()) list.sort((x, y) => eventSortKey(x) - eventSortKey(y));
    inspectionsByIndex.set(index, byAuthority);
  }
  return byAuthority;
}

/** The authorities with at least one event, sorted, once per index. */
const authoritiesByIndex = new WeakMap<CorpusIndex, string[]>();

/** Authorities with at least one event, sorted; only those of the group the question names, if it names one. */
function authoritiesWithEvents(index: CorpusIndex, q: Query): string[] {
  const group = groupNamed(q.text);
  let all = authoritiesByIndex.get(index);
  if (!all) {
    all = [...new Set(index.timeline.events.map((e) => e.authority))].sort();
    authoritiesByIndex.set(index, all);
  }
  return group ? all.filter((a) => inGroup(group, a)) : all;
}

/** " among the London boroughs" when the question names a group of authorities, else "". */
function among(q: Query): string {
  const group = groupNamed(q.text);
  return group ? ` among the ${group.label}` : '';
}

/** An authority's graded inspections that carry any judgement, oldest first. */
function gradedInspections(index: CorpusIndex, authority: string): InspectionEvent[] {
  return inspectionsOf(index, authority).filter((e) => e.judgements.length > 0);
}

/** "8 to 12 December 2025", or "published 16 May 2024" when only the publication is dated. */
function whenText(e: InspectionEvent): string {
  const o = occurredDate(e);
  if (o) return formatSpan(o.start, o.end);
  const p = publishedDate(e);
  return p ? `published ${formatSpan(p.start, p.end)}` : 'undated';
}

/** The first CHAT_ROWS rows, one short line each ("- Devon: inadequate, …"), and how many more the card lists. */
function rowsText(rows: string[], noun: { one: string; many: string }): string {
  const shown = rows.slice(0, CHAT_ROWS).map((r) => `- ${r}`).join('\n');
  const more = rows.length - CHAT_ROWS;
  return more > 0 ? `${shown}\n- and ${more} more ${more === 1 ? noun.one : noun.many} (all ${rows.length} are listed in the card)` : shown;
}

/** A list as chat shows it: its opening words, a line a row, then what it says besides in a paragraph of its own. */
export function listText(head: string, rows: string[], noun: { one: string; many: string }, after = ''): string {
  const rest = after.trim();
  return `${head}:\n${rowsText(rows, noun)}${rest ? `\n\n${rest}` : ''}`;
}

const AUTHORITIES = { one: 'authority', many: 'authorities' };

/** True when an event falls in the question's period: held in it ("in 2023", "since 2024", "before 2020"), by its report when undated. */
function inPeriod(e: InspectionEvent, q: Query): boolean {
  const d = eventDate(e);
  if (!d) return false;
  if (q.during && !overlaps(d, q.during)) return false;
  if (q.since && sortKey(d.end, 'end') < sortKey(q.since, 'start')) return false;
  return !q.before || sortKey(d.start, 'start') < sortKey(q.before, 'start');
}

/** True when the history says an event's area was not yet judged apart (care leavers before 2023). */
function notJudgedThen(e: InspectionEvent, area: Area, index: CorpusIndex): boolean {
  return e.mentions.some((m) => {
    const doc = index.document(m.file);
    return doc !== undefined && ungradedReason(doc.text, m.start, area) === 'not judged then';
  });
}

const GRADE_PHRASES: [Grade, RegExp][] = [
  ['requires improvement', /\brequires? improvement(?: to be good)?\b|\bRI\b/i],
  ['inadequate', /\binadequate\b|\bfailing\b/i],
  ['outstanding', /\boutstanding\b/i],
  ['good', /\bgood\b/i],
];

/**
 * The grades a question asks about: the one it names, or several joined by "or" or "and" ("good or outstanding",
 * "requires improvement or inadequate"). Empty when it names none.
 */
export function gradesAsked(q: Query): Grade[] {
  if (!q.grade) return [];
  const text = q.text.replace(/\brequires? improvement to be good\b/gi, 'requires improvement');
  const named = GRADE_PHRASES.filter(([, re]) => re.test(text));
  const joined = named.length > 1 && /\b(?:outstanding|good|improvement|RI|inadequate|failing)\s*(?:,\s*|\s+(?:or|and|and\/or)\s+)(?:(?:rated|judged)\s+)?(?:outstanding|good|requires?|RI|inadequate|failing)\b/i.test(text);
  return joined ? GRADE_PHRASES.map(([g]) => g).filter((g) => named.some(([n]) => n === g)) : [q.grade];
}

/** What an inspection with no grade for the area gives instead, for a row of a list. */
function ungradedText(e: InspectionEvent, area: Area, index: CorpusIndex): string {
  if (area === 'overall' && afterReform(e)) return 'no overall grade under the 2026 framework';
  const reasons = e.mentions.map((m) => {
    const doc = index.document(m.file);
    return doc ? ungradedReason(doc.text, m.start, area) : null;
  });
  if (reasons.includes('unreadable')) return 'grades not on record';
  if (reasons.includes('not judged then')) return 'not judged separately then';
  return 'grade not on record';
}

/**
 * "Which councils are judged outstanding?", "How many authorities are inadequate now?": each authority by its latest
 * graded inspection. With a period ("which councils were judged inadequate in 2023?", "which were inspected in March
 * 2026?"), by its inspections held in that period instead; with "have been", by any inspection on record.
 */
export function authoritiesAnswer(index: CorpusIndex, q: Query, cites: Citations): Answer {
  const area: Area = q.area ?? 'overall';
  const change = changeAsked(q.text);
  if (change) return changeAnswer(index, q, area, change, cites);
  if (q.grade && /\bnever\b/i.test(q.text)) return neverAnswer(index, q, area, cites);
  const grades = gradesAsked(q);
  const period = q.during !== null || q.since !== null || q.before !== null;
  const rows: { authority: string; event: InspectionEvent; grade: Grade | null; date: string }[] = [];
  const noOverall: string[] = [];
  const notYet: string[] = [];
  const wanted = (e: InspectionEvent): boolean => {
    const g = bestJudgement(e, area)?.grade;
    return g !== undefined && grades.includes(g);
  };
  for (const a of authoritiesWithEvents(index, q)) {
    const dated = (period && !grades.length ? inspectionsOf(index, a) : gradedInspections(index, a)).filter((e) => !period || inPeriod(e, q));
    // "Which are judged good" asks about the latest inspection; "which have been judged inadequate" (or were, in a
    // period), about any.
    const latest = (q.ever || period) && grades.length ? [...dated].reverse().find(wanted) : dated[dated.length - 1];
    if (!latest) continue;
    const j = bestJudgement(latest, area);
    const date = toIso(eventDate(latest)!.start);
    if (!j) {
      // "Which councils were inspected in 2026?": every inspection held then counts, graded or not.
      if (period && !grades.length) rows.push({ authority: a, event: latest, grade: null, date });
      else if (area === 'overall' && afterReform(latest) && !q.ever && !period) noOverall.push(a);
      else if (area !== 'overall' && !q.ever && !period && notJudgedThen(latest, area, index)) notYet.push(a);
      continue;
    }
    if (grades.length && !grades.includes(j.grade)) continue;
    rows.push({ authority: a, event: latest, grade: j.grade, date });
  }
  rows.sort((x, y) => x.authority.localeCompare(y.authority));

  const facts: Fact[] = [];
  const lines = rows.map((r) => {
    const ns = r.grade
      ? sameGrade(r.event, area, r.grade).map((x) => cites.cite(x.evidence, [r.grade!]))
      : r.event.mentions.slice(0, 1).map((m) => cites.cite(m));
    const given = r.grade ?? ungradedText(r.event, area, index);
    const kind = period && !grades.length ? `${KIND_LABELS[r.event.kind]}, ` : '';
    facts.push({ label: r.authority, value: `${kind}${given}, ${whenText(r.event)}`, date: r.date, eventId: r.event.id, kind: r.event.kind, judgement: r.grade, citations: ns });
    return `${r.authority}: ${kind}${given}, ${whenText(r.event)} ${Citations.markers(ns)}`;
  });
  const areaText = area === 'overall' ? 'overall' : `for ${AREA_LABELS[area]}`;
  const what = grades.length ? `judged ${orList(grades)} ${areaText}` : `graded ${areaText}`;
  const reform = noOverall.length
    ? ` ${noOverall.length} ${noOverall.length === 1 ? 'authority was' : 'authorities were'} last inspected on or after ${formatDate({ year: 2026, month: 4, day: 1 })}, ` +
      `under the framework that gives no overall effectiveness grade, so ${noOverall.length === 1 ? 'it is' : 'they are'} not counted: ${andList(noOverall)}.`
    : '';
  const before = notYet.length
    ? ` ${notYet.length} ${notYet.length === 1 ? 'authority was' : 'authorities were'} last inspected before ${area === 'care leavers' ? 'care leavers were' : `${AREA_LABELS[area]} was`} judged separately, ` +
      `so ${notYet.length === 1 ? 'it is' : 'they are'} not counted.`
    : '';
  const when = q.during ? ` held in ${formatSpan(q.during.start, q.during.end)}` : q.since ? ` held since ${formatDate(q.since)}` : q.before ? ` held before ${formatDate(q.before)}` : '';
  if (!rows.length) {
    return {
      status: 'not_found',
      answer: period
        ? `No authority on record${among(q)} ${grades.length ? `was ${what} at an inspection${when}` : `was inspected${when.replace(' held', '')}`}.`
        : `No authority on record${among(q)} is ${what} at its latest graded inspection.${reform}${before}`,
      authority: null, facts: [], citations: cites.list,
    };
  }
  const n = rows.length;
  const head = period && !grades.length
    ? `${n} ${n === 1 ? 'authority' : 'authorities'}${among(q)} ${n === 1 ? 'was' : 'were'} inspected${when.replace(' held', '')} (the latest such inspection shown, with its overall grade)`
    : period
      ? `${n} ${n === 1 ? 'authority' : 'authorities'}${among(q)} ${n === 1 ? 'was' : 'were'} ${what} at an inspection${when} (by when it took place; the latest such inspection shown)`
      : q.ever && grades.length
        ? `${n} ${n === 1 ? 'authority' : 'authorities'}${among(q)} ${n === 1 ? 'has' : 'have'} been ${what} at an inspection on record (the latest such inspection shown)`
        : `${n} ${n === 1 ? 'authority' : 'authorities'}${among(q)} ${n === 1 ? 'is' : 'are'} ${what} at ${n === 1 ? 'its' : 'their'} latest graded inspection on record`;
  return { status: 'answered', answer: listText(head, lines, AUTHORITIES, period ? '' : `${reform}${before}`), authority: null, facts, citations: cites.list };
}

/** True for a question about events with no authority that reads as being about all of them ("list the short inspections in 2025"). */
export function isNationalEventQuestion(q: Query): boolean {
  if (q.authority !== null) return false;
  // "Which reports were published in January 2026?": reports of any authority, by when they came out.
  if (q.intents.includes('published') && (q.during || q.since) && /\b(?:which|what|how many|list|all)\b/i.test(q.text)) return true;
  return q.kind !== null && (q.intents.includes('list') || q.intents.includes('count'));
}

/** "Which reports were published in January 2026?", "How many inspection reports came out in 2025?": by publication date. */
function nationalPublishedAnswer(index: CorpusIndex, q: Query, cites: Citations): Answer {
  const kinds = q.kind && q.kind.label !== 'inspection' ? q.kind.kinds : GRADED_KINDS;
  const label = kinds === GRADED_KINDS ? 'inspection report' : `${q.kind!.label} report`;
  const published = (e: InspectionEvent) => publishedDate(e);
  const events = index.timeline.events
    .filter((e) => kinds.includes(e.kind) && authoritiesWithEvents(index, q).includes(e.authority))
    .filter((e) => {
      const p = published(e);
      if (!p) return false;
      if (q.during && !overlaps(p, q.during)) return false;
      return !q.since || sortKey(p.end, 'end') >= sortKey(q.since, 'start');
    })
    .sort((a, b) => sortKey(published(a)!.start) - sortKey(published(b)!.start) || a.authority.localeCompare(b.authority));
  const period = q.during ? ` in ${formatSpan(q.during.start, q.during.end)}` : q.since ? ` since ${formatDate(q.since)}` : '';
  if (!events.length) {
    return { status: 'not_found', answer: `No ${label} of any authority published${period} is on record.`, authority: null, facts: [], citations: [] };
  }
  const facts: Fact[] = [];
  const lines = events.map((e) => {
    const p = published(e)!;
    const o = occurredDate(e);
    const overall = bestJudgement(e, 'overall');
    const ns = [cites.cite(p.evidence, [p.text])];
    const held = o ? `; ${KIND_LABELS[e.kind]} held ${formatSpan(o.start, o.end)}` : `; ${KIND_LABELS[e.kind]}`;
    facts.push({ label: e.authority, value: `published ${formatSpan(p.start, p.end)}${held}`, date: toIso(p.start), eventId: e.id, kind: e.kind, judgement: overall?.grade ?? null, citations: ns });
    return `${e.authority}: published ${formatSpan(p.start, p.end)}${held}${overall ? `, ${overall.grade}` : ''} ${Citations.markers(ns)}`;
  });
  const n = events.length;
  const where = among(q) ? `the ${groupNamed(q.text)!.label}` : 'all authorities';
  const head = q.intents.includes('count')
    ? `${n} ${label}${n === 1 ? '' : 's'} published${period} ${n === 1 ? 'is' : 'are'} on record across ${where}`
    : `The ${label}s published${period} on record across ${where}, ${n} in all, in order of publication`;
  return { status: 'answered', answer: listText(head, lines, { one: label, many: `${label}s` }), authority: null, facts, citations: cites.list };
}

/** "List the short inspections in 2025", "How many monitoring visits were there in 2024?": across all authorities. */
export function nationalEventsAnswer(index: CorpusIndex, q: Query, cites: Citations): Answer {
  if (q.intents.includes('published')) return nationalPublishedAnswer(index, q, cites);
  const label = q.kind?.label ?? 'inspection';
  const events = authoritiesWithEvents(index, q)
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
    const o = eventDate(e)!;
    const overall = bestJudgement(e, 'overall');
    const ns = [cites.cite(o.evidence, [o.text])];
    facts.push({ label: e.authority, value: `${KIND_LABELS[e.kind]}, ${whenText(e)}`, date: toIso(o.start), eventId: e.id, kind: e.kind, judgement: overall?.grade ?? null, citations: ns });
    return `${e.authority}: ${whenText(e)}${overall ? `, ${overall.grade}` : ''} ${Citations.markers(ns)}`;
  });
  const n = events.length;
  const plural = n === 1 ? label : `${label}s`;
  const head = q.intents.includes('count')
    ? `${n} ${plural}${period} ${n === 1 ? 'is' : 'are'} on record across ${among(q) ? `the ${groupNamed(q.text)!.label}` : 'all authorities'}`
    : `The ${plural}${period} on record across ${among(q) ? `the ${groupNamed(q.text)!.label}` : 'all authorities'}, ${n} in all, in date order`;
  return { status: 'answered', answer: listText(head, lines, { one: label, many: `${label}s` }), authority: null, facts, citations: cites.list };
}

/**
 * Why Ofsted's national history gives an event no grade for an area, as a sentence citing the event's row: the
 * report's grades could not be read, or care leavers were not yet judged apart from children in care. Null when no
 * history row of the event says either (a blank cell, or the event is not in the history). `name` is how the answer
 * calls the event ("the standard inspection (21 February 2022 to 4 March 2022)").
 */
export function ungradedSentence(e: InspectionEvent, area: Area, name: string, cites: Citations): string | null {
  for (const m of e.mentions) {
    const doc = cites.document(m.file);
    const reason = doc ? ungradedReason(doc.text, m.start, area) : null;
    if (reason === 'unreadable') {
      const p = occurredDate(e) || name.includes('(') ? null : publishedDate(e);
      const n = cites.cite(m, ['data_unreadable']);
      return `The grades of ${e.authority}'s ${name.replace(/^the /, '')}${p ? ` (report published ${formatSpan(p.start, p.end)})` : ''} are not on record: ` +
        `Ofsted's national history could not read them from the report ${Citations.markers([n])}.`;
    }
    if (reason === 'not judged then' && area === 'care leavers') {
      const together = bestJudgement(e, 'children in care');
      const ns = [cites.cite(m, ['inspection_pre_dates_judgement'])];
      if (together) ns.push(cites.cite(together.evidence, [together.grade]));
      return `Care leavers were not judged separately at ${e.authority}'s ${name.replace(/^the /, '')}: the separate judgement for care leavers ` +
        `came in with the framework of January 2023, and before it their experiences were judged with those of children in care` +
        `${together ? `, which were judged '${together.grade}'` : ''} ${Citations.markers([...new Set(ns)])}.`;
    }
    if (reason === 'not judged then') {
      const n = cites.cite(m, ['inspection_pre_dates_judgement']);
      return `${AREA_LABELS[area].replace(/^./, (c) => c.toUpperCase())} was not judged separately at ${e.authority}'s ${name.replace(/^the /, '')}: the inspection came before that judgement ${Citations.markers([n])}.`;
    }
  }
  return null;
}

/** Lead inspectors named in an index's events, by lower-case name, built once per index. */
const leadsByIndex = new WeakMap<CorpusIndex, Map<string, string>>();

function leadInspectors(index: CorpusIndex): Map<string, string> {
  let leads = leadsByIndex.get(index);
  if (!leads) {
    leads = new Map();
    for (const e of index.timeline.events) for (const p of e.people) if (p.role === 'lead') leads.set(p.name.toLowerCase(), p.name);
    leadsByIndex.set(index, leads);
  }
  return leads;
}

/**
 * The lead inspector a question names ("How many inspections did John Roughton lead?"): a full name on record in any
 * case, or, in a question about leading, a surname written with a capital that only one lead inspector on record
 * has ("inspections led by Penswick"). Null when it names none.
 */
export function inspectorNamed(index: CorpusIndex, text: string): string | null {
  const leads = leadInspectors(index);
  const lower = ` ${text.toLowerCase().replace(/[^a-z'’-]+/g, ' ')} `;
  for (const [key, name] of leads) if (lower.includes(` ${key} `)) return name;
  // A surname alone may be a place too ("Wales"): it counts only in a question about leading an inspection.
  if (!/\b(?:led|lead|leads|leading|inspector)\b/i.test(text)) return null;
  const surnames = new Map<string, string[]>();
  for (const name of leads.values()) {
    const surname = name.split(' ').pop()!;
    surnames.set(surname, [...(surnames.get(surname) ?? []), name]);
  }
  for (const word of text.match(/\b\p{Lu}[\p{L}'’-]{3,}\b/gu) ?? []) {
    const names = surnames.get(word.replace(/['’]s$/, ''));
    if (names?.length === 1) return names[0]!;
  }
  return null;
}

/** "How many inspections did John Roughton lead?", "Which inspections has Steve Lowe led since 2024?": across all authorities. */
export function inspectorAnswer(index: CorpusIndex, q: Query, inspector: string, cites: Citations): Answer {
  const kinds = q.kind && q.kind.label !== 'inspection' ? q.kind.kinds : null;
  const led = index.timeline.events
    .filter((e) => e.people.some((p) => p.role === 'lead' && p.name === inspector) && isDated(e) && (!kinds || kinds.includes(e.kind)))
    .filter((e) => inPeriod(e, q))
    .sort((a, b) => eventSortKey(a) - eventSortKey(b) || a.authority.localeCompare(b.authority));
  const label = kinds ? q.kind!.label : 'inspection';
  const period = q.during ? ` in ${formatSpan(q.during.start, q.during.end)}` : q.since ? ` since ${formatDate(q.since)}` : q.before ? ` before ${formatDate(q.before)}` : '';
  if (!led.length) {
    return { status: 'not_found', answer: `No ${label}${period} led by ${inspector} is on record.`, authority: null, facts: [], citations: [] };
  }
  const facts: Fact[] = [];
  const lines = led.map((e) => {
    const o = eventDate(e)!;
    const lead = e.people.find((p) => p.role === 'lead' && p.name === inspector)!;
    const overall = bestJudgement(e, 'overall');
    const ns = [cites.cite(lead.evidence, [inspector])];
    facts.push({ label: e.authority, value: `${KIND_LABELS[e.kind]}, ${whenText(e)}`, date: toIso(o.start), eventId: e.id, kind: e.kind, judgement: overall?.grade ?? null, citations: ns });
    return `${e.authority}: ${KIND_LABELS[e.kind]}, ${whenText(e)}${overall ? `, ${overall.grade}` : ''} ${Citations.markers(ns)}`;
  });
  const n = led.length;
  const answer = listText(`${inspector} led ${n} ${label}${n === 1 ? '' : 's'}${period} on record, oldest first`, lines, { one: label, many: `${label}s` });
  return { status: 'answered', answer, authority: null, facts, citations: cites.list };
}

/** Grades from worst to best, for "improved" and "declined". */
const GRADE_ORDER: Grade[] = ['inadequate', 'requires improvement', 'adequate', 'good', 'outstanding'];

const GRADE_WORD = '(outstanding|good|requires?\\s+improvement(?:\\s+to\\s+be\\s+good)?|RI|inadequate)';

/** A change of grade between one graded inspection and the next that a question asks about. */
export interface GradeChange {
  from: Grade;
  /** The grade it went to, or null for any better ("improved from inadequate") or worse one. */
  to: Grade | null;
  direction: 'better' | 'worse' | null;
}

function gradeFrom(word: string): Grade {
  const w = word.toLowerCase();
  return w.startsWith('req') || w === 'ri' ? 'requires improvement' : (w as Grade);
}

/**
 * The change of grade a question asks about: "moved from inadequate to good", "improved from requires improvement",
 * "went down from good". Null when it asks about none.
 */
export function changeAsked(text: string): GradeChange | null {
  const m = new RegExp(`\\bfrom\\s+(?:being\\s+|an?\\s+)?['‘"“]?${GRADE_WORD}['’"”]?(?:\\s+(?:judge?ment|grade|rating))?(?:\\s+(?:to|into)\\s+(?:being\\s+|an?\\s+)?['‘"“]?${GRADE_WORD})?`, 'i').exec(text);
  if (!m) return null;
  const from = gradeFrom(m[1]!);
  const to = m[2] ? gradeFrom(m[2]) : null;
  const direction = /\b(?:improv\w*|better|up|rose|risen|climb\w*)\b/i.test(text) ? 'better'
    : /\b(?:declin\w*|worse|down|fell|fallen|dropp\w*|slipp\w*|deteriorat\w*)\b/i.test(text) ? 'worse' : null;
  if (!to && !direction) return null;
  return { from, to, direction };
}

/** "Which councils moved from inadequate to good?": authorities with one graded inspection, then the next, so judged. */
function changeAnswer(index: CorpusIndex, q: Query, area: Area, change: GradeChange, cites: Citations): Answer {
  const rank = (g: Grade): number => GRADE_ORDER.indexOf(g);
  const fits = (to: Grade): boolean => change.to ? to === change.to
    : change.direction === 'better' ? rank(to) > rank(change.from) : rank(to) < rank(change.from);
  const facts: Fact[] = [];
  const lines: string[] = [];
  for (const a of authoritiesWithEvents(index, q)) {
    const graded = gradedInspections(index, a).filter((e) => bestJudgement(e, area) !== null);
    // The latest such change: an authority that went from inadequate to good twice is shown once, at the latest.
    for (let i = graded.length - 1; i >= 1; i--) {
      const before = graded[i - 1]!, after = graded[i]!;
      const x = bestJudgement(before, area)!, y = bestJudgement(after, area)!;
      if (x.grade !== change.from || !fits(y.grade) || (!inPeriod(after, q) && (q.during !== null || q.since !== null || q.before !== null))) continue;
      const ns = [cites.cite(x.evidence, [x.grade]), cites.cite(y.evidence, [y.grade])];
      facts.push({ label: a, value: `${x.grade} (${whenText(before)}) to ${y.grade} (${whenText(after)})`, date: toIso(eventDate(after)!.start), eventId: after.id, kind: after.kind, judgement: y.grade, citations: ns });
      lines.push(`${a}: ${x.grade} (${whenText(before)}) to ${y.grade} (${whenText(after)}) ${Citations.markers(ns)}`);
      break;
    }
  }
  const areaText = area === 'overall' ? 'overall' : `for ${AREA_LABELS[area]}`;
  const to = change.to ?? (change.direction === 'better' ? 'a better grade' : 'a worse grade');
  const what = `went from ${change.from} to ${to} ${areaText} from one graded inspection to the next`;
  if (!facts.length) return { status: 'not_found', answer: `No authority on record${among(q)} ${what}.`, authority: null, facts: [], citations: [] };
  const n = facts.length;
  return {
    status: 'answered',
    answer: listText(`${n} ${n === 1 ? 'authority' : 'authorities'}${among(q)} ${what} (the latest such change shown)`, lines, AUTHORITIES),
    authority: null, facts, citations: cites.list,
  };
}

/** "Which councils have never been judged inadequate?": authorities none of whose graded inspections on record had the grade. */
function neverAnswer(index: CorpusIndex, q: Query, area: Area, cites: Citations): Answer {
  const facts: Fact[] = [];
  const lines: string[] = [];
  let unreadable = 0;
  for (const a of authoritiesWithEvents(index, q)) {
    const graded = gradedInspections(index, a).filter((e) => bestJudgement(e, area) !== null);
    const latest = graded[graded.length - 1];
    if (!latest || graded.some((e) => bestJudgement(e, area)!.grade === q.grade)) continue;
    if (inspectionsOf(index, a).some((e) => ungradedText(e, area, index) === 'grades not on record')) unreadable++;
    const j = bestJudgement(latest, area)!;
    const ns = [cites.cite(j.evidence, [j.grade])];
    facts.push({ label: a, value: `${j.grade}, ${whenText(latest)}`, date: toIso(eventDate(latest)!.start), eventId: latest.id, kind: latest.kind, judgement: j.grade, citations: ns });
    lines.push(`${a}: latest ${j.grade}, ${whenText(latest)} ${Citations.markers(ns)}`);
  }
  const areaText = area === 'overall' ? 'overall' : `for ${AREA_LABELS[area]}`;
  if (!facts.length) return { status: 'not_found', answer: `Every authority on record has been judged ${q.grade} ${areaText} at some inspection.`, authority: null, facts: [], citations: [] };
  const n = facts.length;
  const caveat = unreadable
    ? ` For ${unreadable} of them, the grades of older reports are not on record (Ofsted's national history could not read them), so those inspections are not counted.`
    : '';
  return {
    status: 'answered',
    answer: listText(`${n} ${n === 1 ? 'authority' : 'authorities'}${among(q)} ${n === 1 ? 'has' : 'have'} never been judged ${q.grade} ${areaText} at an inspection whose grades are on record`, lines, AUTHORITIES, caveat),
    authority: null, facts, citations: cites.list,
  };
}
