/**
 * What a date in a sentence is the date of: when something took place, when its report came out, when it is
 * expected, a meeting, a bound ("since", "by"), the page's own date line, or other business (a hub set up, a
 * director appointed). Found by the words around the date in its clause; the binder then decides whose date it is.
 */
import type { DateMention } from '../timeline/dates';
import type { Clause } from './clauses';
import type { Rule } from './rules';

export type DateRole = 'occurred' | 'published' | 'expected' | 'meeting' | 'since' | 'deadline' | 'page' | 'other';

/** Rules on the words just before a date. */
export const ROLE_BEFORE: Rule<DateRole>[] = [
  { name: 'since', examples: ['since '], re: /\bsince\s+(?:the\s+)?(?:start\s+of\s+|end\s+of\s+)?$/i, value: 'since' },
  { name: 'deadline', examples: ['by ', 'no later than ', 'until '], re: /\b(?:by|until|till|no\s+later\s+than|before|deadline\s+of)\s+(?:the\s+)?(?:end\s+of\s+)?$/i, value: 'deadline' },
  { name: 'meeting', examples: ['the meeting held on ', 'the next meeting is on ', 'Minutes of the last meeting held on ', 'Meeting of Extraordinary, Overview & Scrutiny Committee, '], re: /\bmeeting\b[^.;]{0,50}?\b(?:on|held|of|dated)?\s*(?:the\s+)?$|\bmeeting\s+(?:of\s+)?[^.;]{0,60},\s*$|\bcommittee\s+(?:on|of)\s+$/i, value: 'meeting' },
  { name: 'published', examples: ['published on ', 'The report, published today, ', 'letter (dated ', 'embargoed until publication on the ', 'published by Ofsted on ', 'the letter was published today (', 'has been published (', 'report published '], re: /\b(?:publish(?:ed|es|ing)?|publication|released?|issued|came\s+out|dated|embargoed)\b[^.;]{0,80}$/i, value: 'published' },
  { name: 'other business', examples: ['set up by the council in ', 'who began in her role in ', 'was appointed in ', 'established in ', 'had implemented a new inspection regime for Local Authority Children\'s Services (ILACS) in '], re: /\b(?:set\s+up|established|began|begin|begun|started|joined|appointed|created|formed|founded|launched|became|implemented|introduced|replaced|took\s+over|agreed|approved|elected|came\s+into\s+(?:force|effect)|in\s+force|retired|left|resigned|opened|closed)\b[^.;]{0,60}$/i, value: 'other' },
];

/** Rules on the words just after a date. */
export const ROLE_AFTER: Rule<DateRole>[] = [
  { name: 'published after', examples: [' the report was published', ' (report published'], re: /^[^.;]{0,20}?\b(?:publish(?:ed)?|released)\b/i, value: 'published' },
  { name: 'report is published after', examples: [' the inspection report is published', ' the findings have been published'], re: /^[^.;]{0,30}?\b(?:report|letter|findings|outcome)\b[^.;]{0,15}?\b(?:is|was|has\s+been|have\s+been|were)\s+(?:now\s+)?published\b/i, value: 'published' },
  { name: 'meeting after', examples: [' meeting', ' at 10am'], re: /^\s*(?:meeting\b|at\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)\b|\d{1,2}(?:\.\d\d)?\s*(?:am|pm|p\.m\.|a\.m\.))/i, value: 'meeting' },
];

/** Words of an event taking place, in a clause with no name of one. */
const OCCURRED_VERB = /\b(?:took\s+place|taken\s+place|carried\s+out|undertaken|conducted|held|happened|visited|inspected|arrived|returned|spent|on\s+site|concluded|commenced|began|started|ran|completed)\b/i;
/** A page's own date line: "Published: Friday, 25th November 2022", "Date Released - 25/03/2025", "Posted 12 May". */
const DATE_LINE = /^\s*(?:(?:date\s+)?(?:published|released|posted|issued|updated|date)\b\s*[:\-–]?\s*(?:on\s+)?)?(?:[A-Z][a-z]+day,?\s+)?$/i;

/**
 * The role of a date in a sentence. `clause` holds it; `eventNamed` tells whether the clause (or its sentence) names
 * an inspection or visit, so that a date there is the event's unless its words say otherwise.
 */
export function dateRole(text: string, d: DateMention, clause: Clause, eventNamed: boolean, floor = 0): DateRole {
  const before = text.slice(Math.max(clause.start, floor, d.index - 70), d.index);
  const after = text.slice(d.index + d.text.length, Math.min(clause.end, d.index + d.text.length + 40));
  // A line that holds little but the date is the page's own.
  if (DATE_LINE.test(text.slice(0, d.index)) && /^\s*\W*\s*$/.test(text.slice(d.index + d.text.length)) && text.length < 60) return 'page';
  for (const r of ROLE_BEFORE) {
    const re = r.re;
    if (re.test(before)) {
      // "published by … " is a publication, "no later than" after a future clause is the expected date.
      if (r.value === 'deadline' && clause.time === 'future') return 'expected';
      if (r.value === 'published' && OCCURRED_VERB.test(before.slice(before.search(/\b(?:publish|publication|released?|issued|came|dated|embargoed)/i)))) break;
      return r.value;
    }
  }
  for (const r of ROLE_AFTER) if (r.re.test(after)) return r.value;
  if (clause.time === 'future') return 'expected';
  if (eventNamed || OCCURRED_VERB.test(text.slice(clause.start, clause.end))) return 'occurred';
  return 'other';
}
