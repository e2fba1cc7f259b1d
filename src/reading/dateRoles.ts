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
  { name: 'other business', examples: ['set up by the council in ', 'who began in her role in ', 'was appointed in ', 'established in '], re: /\b(?:set\s+up|established|began|begin|begun|started|joined|appointed|created|formed|founded|launched|became|implemented|introduced|replaced|took\s+over|agreed|approved|elected|came\s+into\s+(?:force|effect)|in\s+force|retired|left|resigned|opened|closed)\b[^.;]{0,60}$/i, value: 'other' },
  { name: 'a framework brought in', examples: ['had implemented a new inspection regime for Local Authority Children\'s Services (ILACS) in ', 'introduced the single inspection framework in '], re: /\b(?:implemented|introduced|replaced|brought\s+in)\b[^.;]{0,60}\b(?:framework|regime|ILACS|SIF|inspections?)\b[^.;]{0,60}$/i, value: 'other' },
];

/** Rules on the words just after a date. */
export const ROLE_AFTER: Rule<DateRole>[] = [
  { name: 'published after', examples: [' the report was published', ' (report published', '’s publication of Ofsted’s Inspection Report'], re: /^[^.;]{0,20}?\b(?:publish(?:ed)?|publication|released)\b/i, value: 'published' },
  { name: 'report is published after', examples: [' the inspection report is published', ' the findings have been published'], re: /^[^.;]{0,30}?\b(?:report|letter|findings|outcome)\b[^.;]{0,15}?\b(?:is|was|has\s+been|have\s+been|were)\s+(?:now\s+)?published\b/i, value: 'published' },
  { name: 'meeting after', examples: [' meeting', ' at 10am'], re: /^\s*(?:meeting\b|at\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)\b|\d{1,2}(?:\.\d\d)?\s*(?:am|pm|p\.m\.|a\.m\.))/i, value: 'meeting' },
];

/** Words of an event taking place, in a clause with no name of one. */
const OCCURRED_VERB = /\b(?:took\s+place|taken\s+place|carried\s+out|undertaken|conducted|held|happened|visited|inspected|arrived|returned|(?:were|was|came)\s+back|spent|on\s+site|concluded|commenced|began|started|ran|completed)\b/i;
/** What may stand between an event's name and its date: "the inspection in May", "a visit by His Majesty’s inspectors on…", "Monitoring visit 1   15.07.2021". */
const NEXT_TO_EVENT = /^[\s,]*(?:\d{1,2}\s+)?(?:(?:to|of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?(?=(?:on|in|between|from|during)\b))?(?:(?:(?:our|its|their|the|[A-Z][\w'’]+['’]s)\s+(?:[\w'’-]+\s+){0,4}?)?(?:to\s+be\s+|as\s+)?['‘"“]?(?:outstanding|good|inadequate|requires?\s+improvement(?:\s+to\s+be\s+good)?|requiring\s+improvement)['’"”]?\s*(?:overall\s+)?(?:by\s+Ofsted\s+)?)?(?:(?:by|from)\s+(?:the\s+)?(?:(?:Her|His)\s+Majesty['’]s\s+|HM\s+)?(?:Ofsted\s+)?(?:[Ii]nspectors?|HMIs?|Ofsted|OFSTED)\s*)?(?:(?:which|that)\s+(?:took\s+place|was\s+held|happened)\s+)?(?:in|on|between|from|during|of|dated|held|on\s+site|carried\s+out|undertaken|conducted|took\s+place|,)?\s*(?:in|on|between|from|during)?\s*(?:the\s+(?:week\s+(?:of|commencing|beginning)\s+)?)?(?:(?:early|mid|late)[- ]?)?$/i;
/** A page's own date line: "Published: Friday, 25th November 2022", "Date Released - 25/03/2025", "Posted 12 May". */
const DATE_LINE = /^\s*(?:(?:date\s+)?(?:published|released|posted|issued|updated|date)\b\s*[:\-–]?\s*(?:on\s+)?)?(?:[A-Z][a-z]+day,?\s+)?$/i;

/**
 * The role of a date in a sentence. `clause` holds it; `eventNamed` tells whether the clause (or its sentence) names
 * an inspection or visit, so that a date there is the event's unless its words say otherwise.
 */
export function dateRole(text: string, d: DateMention, clause: Clause, mentions: readonly { start: number; end: number; report: boolean }[], floor = 0): DateRole {
  // A clause in brackets reads on from the words before it ("has been published (Tuesday 11 March)").
  const from = /\(\s*$/.test(text.slice(0, clause.start)) ? 0 : clause.start;
  const before = text.slice(Math.max(from, floor, d.index - 70), d.index);
  const after = text.slice(d.index + d.text.length, Math.min(clause.end, d.index + d.text.length + 40));
  // A line that holds little but the date is the page's own.
  if (DATE_LINE.test(text.slice(0, d.index)) && /^\s*\W*\s*$/.test(text.slice(d.index + d.text.length)) && text.length < 60) return 'page';
  const dEnd = d.index + d.text.length;
  // An inspection or visit named right before the date, its report aside ("…follows their inspection in June").
  const namedBefore = mentions.filter((k) => !k.report && k.end <= d.index && NEXT_TO_EVENT.test(text.slice(k.end, d.index))).pop();
  // "Before the 2019 Ofsted inspection": a date on an event's name is that event's, whatever stands before it.
  const onName = mentions.some((k) => !k.report && k.start >= dEnd && /^\s*(?:['’]s)?\s*(?:ofsted\s+|full\s+|ILACS\s+)?$/i.test(text.slice(dEnd, k.start)));
  if (onName && clause.time !== 'future' && !/\bsince\s+(?:the\s+)?$/i.test(before)) return 'occurred';
  for (const r of ROLE_BEFORE) {
    const re = r.re;
    if (re.test(before)) {
      // "published by … " is a publication, "no later than" after a future clause is the expected date.
      if (r.value === 'deadline' && clause.time === 'future') return 'expected';
      const word = before.search(/\b(?:publish|publication|released?|issued|came|dated|embargoed)/i);
      // "The report, published today, follows their inspection in June": the date is the inspection's.
      const at = d.index - before.length + word;
      if (r.value === 'published' && (OCCURRED_VERB.test(before.slice(word)) ||
          (namedBefore && namedBefore.start > at && /\b(?:follow(?:s|ed|ing)?|after)\b/i.test(text.slice(at, namedBefore.start))))) break;
      // "introduced the report on the Ofsted focused visit carried out on 4 and 5 March 2025", "set up after the
      // inspection in May": an event named between the other business and the date has the date.
      if (r.value === 'other' && namedBefore && namedBefore.start > d.index - before.length + before.search(r.re)) break;
      return r.value;
    }
  }
  for (const r of ROLE_AFTER) {
    if (!r.re.test(after)) continue;
    // "…took place in December 2025 and the findings have been published today": the later date is the publication's.
    if (r.value === 'published') {
      const word = after.search(/\bpublish|\breleased\b/i);
      const nextDate = /\b(?:today|yesterday|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2}\b|\d{1,2}[./]\d{1,2}[./]\d{2,4})/.exec(text.slice(dEnd + word, dEnd + word + 30));
      if (word >= 0 && nextDate) continue;
    }
    return r.value;
  }
  if (clause.time === 'future') return 'expected';
  const inClause = text.slice(clause.start, clause.end);
  // The date stands by an event's name ("the inspection in May", "the May 2023 inspection"), or the clause says one took place.
  const namedAfter = mentions.some((k) => k.start >= dEnd && /^\s*(?:['’]s)?\s*$/.test(text.slice(dEnd, k.start)));
  if (namedBefore || namedAfter || OCCURRED_VERB.test(inClause)) return 'occurred';
  // A date at the head of a clause that names an event ("In March, Ofsted carried out…", "On 8 and 9 January 2019 inspectors…").
  if (mentions.some((k) => !k.report) && !d.relative && /^\W*(?:\(?(?:\d{1,3}|[ivx]{1,5}|[a-h])[.)]\s+|\d{1,2}\.\d{1,2}\s+)?(?:in|on|during|between|from|in\s+the\s+week\s+of|the\s+week\s+(?:commencing|beginning))?\s*$/i.test(text.slice(clause.start, d.index))) return 'occurred';
  return 'other';
}
