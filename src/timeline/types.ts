/** The inspection timeline: events extracted from documents, each fact with the passage that evidences it. */
import type { PartialDate } from './dates';

/** Kinds of Ofsted activity, from the most to the least specific. */
export type EventKind =
  | 'standard' // a full (standard) ILACS inspection
  | 'short' // a short ILACS inspection
  | 'sif' // a single inspection (SIF), 2013–2017
  | 'inspection' // a graded inspection of unstated framework
  | 'focused' // a focused visit (also interim and assurance visits)
  | 'monitoring' // a monitoring visit after an inadequate judgement
  | 'jtai' // a joint targeted area inspection
  | 'older' // an older framework: safeguarding and looked after children, annual performance assessment…
  | 'provider' // an inspection of one service or setting (an adoption agency, a fostering service, a children's home)
  | 'pilot'; // a pilot of a new framework: its result is no judgement of record

/** Kinds that give graded judgements. */
export const GRADED_KINDS: readonly EventKind[] = ['standard', 'short', 'sif', 'inspection', 'older'];

export type Grade = 'outstanding' | 'good' | 'requires improvement' | 'inadequate' | 'adequate';

/** The judgement areas: overall effectiveness and the four sub-judgements. */
export type Area = 'overall' | 'leaders' | 'help and protection' | 'children in care' | 'care leavers' | 'adoption';

export const AREA_LABELS: Record<Area, string> = {
  overall: 'overall effectiveness',
  leaders: 'the impact of leaders on social work practice with children and families',
  'help and protection': 'the experiences and progress of children who need help and protection',
  'children in care': 'the experiences and progress of children in care',
  'care leavers': 'the experiences and progress of care leavers',
  adoption: 'adoption performance',
};

/** Where a fact stands in the corpus: offsets into a document's text. */
export interface Evidence {
  file: string;
  passage: string;
  start: number;
  end: number;
  /** Where the fact can be read online when it is not the document's own address (a history row's report). */
  url?: string;
  /** How far its document is trusted where documents disagree (see reading/sourceRank); absent for the middle rank. */
  rank?: number;
}

export interface DatedFact {
  start: PartialDate;
  end: PartialDate;
  /** As the source wrote it ("in the spring", "8 and 9 January 2019"). */
  text: string;
  relative: boolean;
  evidence: Evidence;
}

export interface JudgementFact {
  area: Area;
  grade: Grade;
  evidence: Evidence;
}

export interface PersonFact {
  name: string;
  role: 'lead' | 'inspector';
  evidence: Evidence;
}

export interface TextFact {
  text: string;
  evidence: Evidence;
}

export interface NumberFact {
  value: number;
  evidence: Evidence;
}

/** One inspection or visit, merged from every mention of it in every document. */
export interface InspectionEvent {
  id: string;
  authority: string;
  kind: EventKind;
  /** For a JTAI: its theme ("children at risk of criminal exploitation"). */
  theme: TextFact | null;
  /** Its number in a series ("the seventh monitoring visit"). */
  number: NumberFact | null;
  /** Evidence that it was the last of its series ("the final monitoring visit"). */
  final: Evidence | null;
  /** Every date given for when it took place; sources may disagree. */
  occurred: DatedFact[];
  /** Every date given for the publication of its letter or report. */
  published: DatedFact[];
  /** Evidence that its outcome was not published. */
  notPublished: Evidence | null;
  judgements: JudgementFact[];
  people: PersonFact[];
  focus: TextFact[];
  improvements: TextFact[];
  /** "The inspection identified 4 areas…". */
  improvementCount: NumberFact | null;
  /** A date written only relatively ("last month") in a document with no date of its own: shown as written. */
  vague: TextFact | null;
  /** A publication date written without a year in a document that carries none ("published on 18 December"). */
  vaguePublished?: TextFact | null;
  /** Events it followed from a vague date ("since that time we have had one focused visit"): after this date. */
  after: DatedFact | null;
  /**
   * For an event its documents give no date of its own: the date of a document that reports it ("the inspection
   * report" in minutes of a meeting, a press release of a given day), by which it had taken place.
   */
  reported?: DatedFact | null;
  /** Files whose subject it is (the event a press release or a letter reports), beside those that only mention it. */
  subjectOf?: string[];
  /** Every passage that mentions it. */
  mentions: Evidence[];
}

/** "The next inspection was due to take place in 2023." */
export interface Expectation {
  authority: string;
  kind: EventKind;
  date: DatedFact;
  /** The date of the document that said so. */
  asOf: string | null;
}

/** "To date there have been seven such visits." */
export interface CountClaim {
  authority: string;
  kind: EventKind;
  count: number;
  since: PartialDate | null;
  asOf: string | null;
  evidence: Evidence;
}

export interface Timeline {
  events: InspectionEvent[];
  expectations: Expectation[];
  counts: CountClaim[];
}
