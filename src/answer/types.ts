/** Questions as understood, and answers as given: text, facts and the citations that support them. */
import type { Succession } from '../corpus/authorities';
import type { PartialDate } from '../timeline/dates';
import type { Area, EventKind, Grade } from '../timeline/types';

export type Intent =
  | 'when' // when did it take place
  | 'judgement' // what was it judged, overall or for an area
  | 'count' // how many
  | 'list' // list the events of a kind
  | 'history' // the whole timeline
  | 'lead' // who led it
  | 'focus' // what it looked at
  | 'improve' // what needs to improve
  | 'improveCount' // how many areas for improvement
  | 'published' // when its letter or report came out
  | 'next' // when the next one is expected
  | 'number' // which in its series
  | 'authorities' // which authorities are judged X
  | 'other'; // anything else: the best passages

/** What the user asks about: kinds of event, or any graded inspection, or any visit. */
export type KindFilter = { kinds: EventKind[]; label: string } | null;

export type Selector =
  | { type: 'last' }
  | { type: 'first' }
  | { type: 'beforeLast' }
  | { type: 'nth'; n: number }
  | { type: 'all' };

export interface Query {
  text: string;
  intents: Intent[];
  /** The authority asked about, from the question or else the caller's default. */
  authority: string | null;
  /** Authorities the question names that the corpus has nothing on. */
  unknownAuthority: string | null;
  /** A name that looks like a place but is no English children's services authority, with the closest names. */
  notAnAuthority: { name: string; suggestions: string[] } | null;
  kind: KindFilter;
  selector: Selector | null;
  /** Only events in this period ("in 2019", "in June 2019"). */
  during: { start: PartialDate; end: PartialDate } | null;
  /** Only events after this ("since 2018"). */
  since: PartialDate | null;
  /** Only events before this one ("the inspection before the 2024 one"). */
  before: PartialDate | null;
  grade: Grade | null;
  area: Area | null;
  /** "before it went inadequate": the event before the latest one with this grade. */
  beforeGrade: Grade | null;
  /** "since going inadequate": only events after the latest one with this grade (and not a filter by grade). */
  sinceGrade?: Grade | null;
  /** "the focused visit on care leavers": words the event's focus or theme should hold. */
  topic?: string[] | null;
  /** "have been judged": at any time, not only at the latest inspection. */
  ever: boolean;
  /** Only these events: a follow-up about "it" means the events of the previous answer. */
  eventIds: string[] | null;
  /** Where `authority` came from: the question's own words, or the caller's default (the conversation's). */
  authorityFrom?: 'question' | 'default' | null;
  /** A name typed with a slip, read as the one authority spelt nearest ("Worcestershre" as Worcestershire). */
  spelling?: { typed: string; authority: string } | null;
  /** A name that stands for several authorities: spelt near each of them, or a former council they replaced. */
  authorityChoices?: { typed: string; choices: string[]; succession: Succession | null } | null;
  /**
   * "what's new?", "anything new since the last visit?": the events dated in a period up to the newest source on
   * record. `after` is the kind of event whose latest one opens the period ("since the last visit"); the question's
   * `kind` then names that event, not the kinds to list.
   */
  news?: { after: KindFilter | null } | null;
}

/** A source for a claim: a quote that stands word for word in a corpus file. */
export interface Citation {
  /** File name in the corpus folder. */
  source: string;
  title: string;
  /** The document's date, YYYY-MM-DD or YYYY-MM. */
  date: string | null;
  /** The source's paragraph number, or its passage number when it has none. */
  paragraph: string | null;
  quote: string;
  url: string | null;
  /**
   * A name that tells this source from the others: its authority, date and kind ("Ofsted inspection of
   * Worcestershire, May 2023 (report)", "Ofsted's national inspection record: Oxfordshire"). Shown instead of the
   * title where there is one.
   */
  name?: string;
  /**
   * The quote as a person reads it, where the quote is a data row ("Oxfordshire, standard inspection 12 to 23
   * February 2024, good (report published 9 April 2024)"); the quote stays the row word for word.
   */
  summary?: string;
  /** Where in the source the quote stands, as a person looks for it: "para 16", "page 4, para 16", "line 70". */
  place?: string;
  /** The page of a PDF that holds the quote, from 1. */
  page?: number;
}

/** One row of an answer: an event or a value, with the citations (1-based) that support it. */
export interface Fact {
  label: string;
  value: string;
  /** ISO date the fact is about, for ordering and cards. */
  date: string | null;
  eventId: string | null;
  kind: EventKind | null;
  judgement: Grade | null;
  citations: number[];
}

export type AnswerStatus = 'answered' | 'ambiguous' | 'not_found';

export interface Answer {
  status: AnswerStatus;
  /** The answer, leading with the direct answer and its date, with [n] markers for citations. */
  answer: string;
  authority: string | null;
  facts: Fact[];
  citations: Citation[];
  /** For "ambiguous": the authorities to choose from. */
  choices?: string[];
}
