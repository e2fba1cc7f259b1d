/** The synthetic corpus's ground truth: for each authority, a plausible history of Ofsted inspections and visits. */
import { addDays, type Day, day, dayNumber, iso, nextWeekday } from './calendar';
import type { Random } from './random';

export type BenchGrade = 'outstanding' | 'good' | 'requires improvement' | 'inadequate';
export type BenchKind = 'sif' | 'standard' | 'monitoring' | 'focused' | 'jtai';
export type BenchArea = 'overall' | 'leaders' | 'help and protection' | 'children in care' | 'care leavers';

/** One inspection or visit as it happened, with what the documents about it say. */
export interface WorldEvent {
  id: string;
  authority: string;
  kind: BenchKind;
  /** Its place in a series of monitoring visits (1 = the first), else null. */
  number: number | null;
  start: Day;
  end: Day;
  /** When Ofsted published its letter or report. */
  published: Day;
  /** Overall and area grades (graded inspections only). */
  judgements: { area: BenchArea; grade: BenchGrade }[];
  lead: string;
  inspectors: string[];
  improvements: string[];
  /** What a visit looked at ("care leavers"), or a JTAI's theme. */
  focus: string | null;
}

/** Her and His Majesty's Inspectors: names for lead and fellow inspectors. */
const FIRST_NAMES = ['Andy', 'Alison', 'Dominic', 'Rebecca', 'Martin', 'Helen', 'Nigel', 'Joanne', 'Samir', 'Kathryn',
  'Lisa', 'Tom', 'Sarah', 'Steve', 'John', 'Fiona', 'Marcie', 'Brenda', 'Neil', 'Louise', 'Rachel', 'Matt', 'Emmy',
  'Anne', 'Paul', 'Jansy', 'Caroline', 'David', 'Lorna', 'Peter', 'Shabana', 'Nick', 'Tracey', 'Vevene', 'Kate', 'Ian'];
const LAST_NAMES = ['Waugh', 'Smale', 'Stevens', 'Oyelaran', 'Pryce', 'Carrington', 'Prentice', 'Whitfield', 'Qureshi',
  'Ashworth', 'Canto', 'Lowe', 'Roughton', 'Castell', 'Taylor', 'Bennett', 'Lambert', 'Oakes', 'Hollins', 'McGarry',
  'Kelleher', 'Tynan', 'Gorman', 'Halliday', 'Whittaker', 'Ndlovu', 'Fairbairn', 'Pickering', 'Okafor', 'Redmond'];

/** Things Ofsted tells authorities to improve, as its reports word them. */
export const IMPROVEMENTS = [
  'The timeliness of assessments for children in need',
  'The quality of child protection plans, so that they are specific and measurable',
  'The availability of suitable accommodation for care leavers',
  'The quality and timeliness of pathway plans',
  'Management oversight and supervision of social work practice',
  'The response to children who go missing from home or care',
  'The use of the pre-proceedings stage of the public law outline',
  'The quality of direct work with disabled children who are in care',
  'The sufficiency of local placements for children in care',
  'The response to 16- and 17-year-olds who present as homeless',
  'The recording of the rationale for management decisions',
  'The quality of return home interviews and the use of the information they provide',
  'The stability of the social work workforce',
  'Multi-agency arrangements for children at risk of criminal exploitation',
  'The consistency of strategy discussions and the attendance of partner agencies',
  'The effectiveness of the independent reviewing officer service',
  'The take-up of education, employment and training by care leavers',
  'The quality of life-story work for children who cannot live with their families',
  'The timeliness of initial health assessments for children coming into care',
  'The quality of the local authority’s own audits of practice',
  'Planning for children living in unregistered children’s homes',
  'The identification of private fostering arrangements',
];

/** What focused and monitoring visits look at. */
export const VISIT_FOCUS = [
  'the local authority’s arrangements for care leavers',
  'the front door, including the multi-agency safeguarding hub',
  'children in need and children subject to a child protection plan',
  'the arrangements for children in care and permanence planning',
  'children who are at risk of exploitation and who go missing from home or care',
  'the experiences of disabled children',
  'the local authority’s arrangements for children in care who live in unregistered children’s homes',
  'decision-making for children at the edge of care',
];

export const JTAI_THEMES = [
  'children at risk of criminal exploitation',
  'children who are victims of domestic abuse',
  'children in need of help and protection aged under five',
  'children with mental ill health',
  'serious youth violence',
];

const GRADED: readonly BenchGrade[] = ['outstanding', 'good', 'requires improvement', 'inadequate'];

function inspector(rng: Random): string {
  return `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
}

function team(rng: Random): { lead: string; inspectors: string[] } {
  const lead = inspector(rng);
  const others = new Set<string>();
  const n = rng.int(1, 2);
  while (others.size < n) {
    const o = inspector(rng);
    if (o !== lead) others.add(o);
  }
  return { lead, inspectors: [...others] };
}

/** A grade near another: services seldom move more than one step between inspections. */
function gradeAfter(rng: Random, previous: BenchGrade | null, allowInadequate: boolean): BenchGrade {
  const weights: Record<BenchGrade, number> = previous === 'inadequate'
    ? { outstanding: 0, good: 0.35, 'requires improvement': 0.65, inadequate: 0 }
    : previous === 'requires improvement'
      ? { outstanding: 0.02, good: 0.5, 'requires improvement': 0.33, inadequate: 0.15 }
      : previous === 'good'
        ? { outstanding: 0.2, good: 0.6, 'requires improvement': 0.15, inadequate: 0.05 }
        : previous === 'outstanding'
          ? { outstanding: 0.6, good: 0.4, 'requires improvement': 0, inadequate: 0 }
          : { outstanding: 0.04, good: 0.3, 'requires improvement': 0.44, inadequate: 0.22 };
  if (!allowInadequate) weights.inadequate = 0;
  return rng.weighted(GRADED.map((g) => [g, weights[g]] as const));
}

/** Area grades around an overall one: mostly the same, now and then one step off (never better than outstanding). */
function areaGrades(rng: Random, overall: BenchGrade, kind: 'sif' | 'standard'): { area: BenchArea; grade: BenchGrade }[] {
  const areas: BenchArea[] = kind === 'sif' ? ['help and protection', 'children in care', 'leaders'] : ['leaders', 'help and protection', 'children in care', 'care leavers'];
  const i = GRADED.indexOf(overall);
  const out = areas.map((area) => {
    const step = rng.weighted([[0, 0.7], [1, 0.2], [-1, 0.1]] as const);
    const grade = GRADED[Math.min(3, Math.max(0, i + step))]!;
    return { area, grade: area === 'leaders' && overall === 'inadequate' ? 'inadequate' as BenchGrade : grade };
  });
  return [{ area: 'overall', grade: overall }, ...out];
}

/** Avoids the months inspections stopped for the pandemic (April to September 2020). */
function avoidPause(x: Day): Day {
  return x.y === 2020 && x.m >= 3 && x.m <= 9 ? day(2020, 10, x.d) : x;
}

/** An inspection or visit lasting some weekdays, starting on the Monday (or Tuesday) on or after a day. */
function span(start0: Day, days: number, weekday = 1): { start: Day; end: Day } {
  const start = nextWeekday(avoidPause(start0), weekday);
  let end = addDays(start, days - 1);
  // Spans of a week or more end on a Friday, as Ofsted's on-site weeks do.
  if (days >= 5) end = nextWeekday(end, 5);
  return { start, end };
}

/** The last day events are generated up to: documents are dated no later than this. */
export const WORLD_END = day(2025, 9, 30);

/** A plausible inspection history of one authority from 2014 to 2025, oldest first. */
export function authorityHistory(rng: Random, authority: string, idPrefix: string): WorldEvent[] {
  const events: WorldEvent[] = [];
  const add = (kind: BenchKind, when: { start: Day; end: Day }, extra: Partial<WorldEvent> = {}): WorldEvent => {
    const t = team(rng);
    const e: WorldEvent = {
      id: `${idPrefix}-${events.length + 1}`, authority, kind, number: null, start: when.start, end: when.end,
      published: addDays(when.end, kind === 'monitoring' || kind === 'focused' ? rng.int(20, 32) : rng.int(35, 56)),
      judgements: [], lead: t.lead, inspectors: t.inspectors, improvements: [], focus: null, ...extra,
    };
    events.push(e);
    return e;
  };
  const improvements = (n: number): string[] => rng.sample(IMPROVEMENTS, n);
  const monitoringSeries = (after: Day, until: Day): Day => {
    let at = addDays(after, rng.int(90, 130));
    let n = 0;
    while (dayNumber(at) < dayNumber(until) - 60 && n < 8) {
      n += 1;
      const e = add('monitoring', span(at, 2, 2), { number: n, focus: rng.pick(VISIT_FOCUS) });
      at = addDays(e.end, rng.int(95, 125));
    }
    return at;
  };

  // A single inspection (SIF), 2014–2017: four weeks on site.
  const sifGrade = gradeAfter(rng, null, true);
  let inadequateUsed = sifGrade === 'inadequate';
  const sif = add('sif', span(day(rng.int(2014, 2016), rng.int(1, 12), rng.int(1, 28)), 22), { improvements: improvements(rng.int(3, 6)) });
  sif.judgements = areaGrades(rng, sifGrade, 'sif');
  let last: WorldEvent;
  if (sifGrade === 'inadequate') {
    const until = day(Math.min(2019, sif.end.y + rng.int(2, 3)), rng.int(1, 12), 1);
    const next = monitoringSeries(sif.published, until);
    const g = gradeAfter(rng, 'inadequate', false);
    // Re-inspected under the framework of the day: a single inspection before ILACS began in January 2018.
    const kind = next.y < 2018 ? 'sif' : 'standard';
    last = add(kind, span(next, kind === 'sif' ? 22 : 10), { improvements: improvements(rng.int(3, 5)) });
    last.judgements = areaGrades(rng, g, kind);
  } else {
    const g = gradeAfter(rng, sifGrade, true);
    inadequateUsed = g === 'inadequate';
    last = add('standard', span(day(Math.max(2018, sif.end.y + 3), rng.int(1, 12), rng.int(1, 28)), 10), { improvements: improvements(rng.int(2, 5)) });
    last.judgements = areaGrades(rng, g, 'standard');
    if (g === 'inadequate') monitoringSeries(last.published, day(last.end.y + 2, last.end.m, 1));
  }
  // Focused visits between standard inspections, and now and then a joint targeted area inspection.
  const lastGrade = last.judgements[0]!.grade;
  let cursor = addDays(last.published, rng.int(200, 400));
  const nextStandard = day(Math.min(2025, last.end.y + rng.int(3, 4)), rng.int(1, 12), rng.int(1, 28));
  if (lastGrade !== 'inadequate') {
    const visits = rng.int(1, 2);
    for (let i = 0; i < visits && dayNumber(cursor) < dayNumber(nextStandard) - 120; i++) {
      const fv = add('focused', span(cursor, 2, 2), { focus: rng.pick(VISIT_FOCUS), improvements: improvements(rng.int(1, 3)) });
      cursor = addDays(fv.published, rng.int(250, 400));
    }
  }
  if (rng.chance(0.35)) {
    const at = day(rng.int(2018, 2024), rng.int(1, 11), rng.int(1, 28));
    add('jtai', span(at, 5), { focus: rng.pick(JTAI_THEMES), improvements: improvements(rng.int(2, 4)) });
  }
  if (dayNumber(nextStandard) < dayNumber(WORLD_END) - 120 && lastGrade !== 'inadequate') {
    const g = gradeAfter(rng, lastGrade, !inadequateUsed);
    const std = add('standard', span(nextStandard, 10), { improvements: improvements(rng.int(2, 5)) });
    std.judgements = areaGrades(rng, g, 'standard');
    if (g === 'inadequate') monitoringSeries(std.published, WORLD_END);
  }
  const inWorld = events.filter((e) => dayNumber(e.published) <= dayNumber(WORLD_END));
  inWorld.sort((a, b) => dayNumber(a.start) - dayNumber(b.start));
  return inWorld;
}

/** The event as an answer check expects it: ISO dates. */
export interface ExpectedEvent {
  id: string;
  authority: string;
  kind: BenchKind;
  number: number | null;
  start: string;
  end: string;
  published: string;
  judgements: { area: BenchArea; grade: BenchGrade }[];
  lead: string;
  inspectors: string[];
  improvements: string[];
  focus: string | null;
  /** The corpus files that report it. */
  files: string[];
}

export function expectedEvent(e: WorldEvent, files: string[]): ExpectedEvent {
  return { ...e, start: iso(e.start), end: iso(e.end), published: iso(e.published), files };
}
