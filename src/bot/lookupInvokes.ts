/** The lookup card's traffic: the authority typeahead, its Action.Execute, and the submits of older clients. */
import type { Activity, InvokeResponse } from 'botbuilder';
import { z } from 'zod';
import { andList } from '../answer/words';
import { LOOKUP_KIND_IDS, LOOKUP_KINDS, LOOKUP_MAX_YEAR, LOOKUP_MIN_YEAR, type LookupCriteria, lookupEvents, type LookupKind } from '../answer/lookupEvents';
import type { AuthorityDirectory } from '../corpus/authorities';
import { authorityTypeahead, MAX_AUTHORITY_TEXT_LENGTH, MAX_TYPEAHEAD_RESULTS } from '../search/authorityTypeahead';
import type { CorpusIndex } from '../search/CorpusIndex';
import { currentIndex, type IndexSource } from '../search/IndexHolder';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../teams/answerCard';
import {
  AUTHORITY_DATASET, LOOKUP_CARD, LOOKUP_VERB, lookupFormMessage, type LookupFormValues, lookupResultMessage, MAX_WORDS_LENGTH,
  NEW_LOOKUP_VERB,
} from '../teams/lookupCard';

/** The response type of a typeahead search. */
export const SEARCH_RESPONSE_TYPE = 'application/vnd.microsoft.search.searchResponse';
/** The response type of an invoke the bot refuses. */
export const ERROR_RESPONSE_TYPE = 'application/vnd.microsoft.error';

/**
 * Longest text read from any field of a lookup invoke or submit (a dataset, a verb, a card's input), in UTF-16 code
 * units: a field over it is refused before any work. The card's own inputs are shorter (MAX_WORDS_LENGTH).
 */
export const MAX_LOOKUP_FIELD_LENGTH = 500;

/** Zod's message for a value of the wrong type: missing, or not what was expected. */
const missingOr = (expected: string) => (issue: { input: unknown }): string => (issue.input === undefined ? 'is missing' : `is not ${expected}`);

/** Text of at most `max` characters (UTF-16 code units), checked before anything reads it. */
const boundedText = (max = MAX_LOOKUP_FIELD_LENGTH) => z.string({ error: missingOr('text') }).max(max, `is longer than ${max} characters`);

/** A count Teams sends as a number (some clients as a string of digits). */
const count = z.union([z.number(), z.string().regex(/^\s*\d+\s*$/, 'is not a whole number')])
  .transform((v) => Number(v))
  .pipe(z.number().int('is not a whole number').min(0, 'is negative'));

/** The `application/search` invoke of a Data.Query typeahead. Teams sends no `kind`; the text may be empty. */
const searchValue = z.looseObject({
  queryText: boundedText(MAX_AUTHORITY_TEXT_LENGTH).optional(),
  dataset: boundedText(),
  queryOptions: z.looseObject({ skip: count.optional(), top: count.optional() }, { error: missingOr('an object') }).optional(),
}, { error: missingOr('an object') });

/** The `adaptiveCard/action` invoke of an Action.Execute. */
const actionValue = z.looseObject({
  action: z.looseObject({
    type: z.literal('Action.Execute', { error: missingOr('"Action.Execute"') }),
    verb: boundedText(),
    data: z.record(z.string(), z.unknown(), { error: missingOr('an object') }).optional(),
  }, { error: missingOr('an object') }),
}, { error: missingOr('an object') });

/** A field a card sends as text (numbers from number inputs may come as numbers). */
const cardText = z.union([boundedText(), z.number().transform(String)], { error: missingOr('text') }).optional();

/** Values a lookup card sends back, whichever way it was sent. */
const submission = z.looseObject({
  card: z.literal(LOOKUP_CARD),
  verb: boundedText().optional(),
  authority: cardText,
  kind: cardText,
  fromYear: cardText,
  toYear: cardText,
  words: cardText,
});

const KIND_LIST = LOOKUP_KIND_IDS.map((id) => `“${LOOKUP_KINDS[id].label}”`).join(', ');

/** What a card sent, checked: the criteria to look up, or what was wrong in words a user can act on. */
export type CheckedLookup = { ok: true; criteria: LookupCriteria } | { ok: false; message: string };

/** Turns the lookup card's invokes and submits into lookups, forms and the responses Teams expects. */
export class LookupInvokes {
  /** Every method runs without awaiting, so each call answers from one index even while `source` may be swapped. */
  constructor(private readonly source: IndexSource, private readonly log: (line: string) => void = () => undefined) {}

  private get index(): CorpusIndex {
    return currentIndex(this.source);
  }

  /** True for a message whose value a lookup card submitted (a client without universal actions). */
  static isSubmit(value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<string, unknown>).card === LOOKUP_CARD;
  }

  /** The form, with the authority filled in when one is given. */
  form(authority: string | null = null): Partial<Activity> {
    return lookupFormMessage({ authoritiesOnRecord: this.index.authoritiesOnRecord(), values: authority ? { authority } : {} });
  }

  /** Answers `application/search`: the authorities matching what was typed, a page at a time. */
  search(value: unknown, activityId = ''): InvokeResponse {
    const parsed = searchValue.safeParse(value);
    if (!parsed.success) return this.refuse(activityId, 'search', `The search request is not valid: ${issues(parsed.error, 'value')}.`);
    const { dataset, queryText = '', queryOptions = {} } = parsed.data;
    if (dataset !== AUTHORITY_DATASET) {
      return this.refuse(activityId, 'search', `There is no dataset ${JSON.stringify(dataset)} to search: the only one is "${AUTHORITY_DATASET}".`);
    }
    const results = authorityTypeahead(this.index.authorities).search(queryText, {
      skip: queryOptions.skip ?? 0,
      top: Math.min(queryOptions.top ?? MAX_TYPEAHEAD_RESULTS, MAX_TYPEAHEAD_RESULTS),
      onRecord: this.index.authoritiesOnRecord(),
    });
    return invokeResponse(200, { statusCode: 200, type: SEARCH_RESPONSE_TYPE, value: { results } });
  }

  /** Answers `adaptiveCard/action`: the result card (or the form again, saying what to fix), to replace the card. */
  action(value: unknown, activityId = ''): InvokeResponse {
    const parsed = actionValue.safeParse(value);
    if (!parsed.success) return this.refuse(activityId, 'card action', `The card action is not valid: ${issues(parsed.error, 'value')}.`);
    const { verb, data = {} } = parsed.data.action;
    if (verb !== LOOKUP_VERB && verb !== NEW_LOOKUP_VERB) {
      return this.refuse(activityId, 'card action', `The card action ${JSON.stringify(verb)} is not one this bot knows: it knows "${LOOKUP_VERB}" and "${NEW_LOOKUP_VERB}".`);
    }
    const card = this.reply({ ...data, card: LOOKUP_CARD, verb }, activityId).attachments![0]!.content as unknown;
    return invokeResponse(200, { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card });
  }

  /** Answers a lookup card's submit (a message whose value holds the card's data) with the card to show next. */
  submit(value: unknown, activityId = ''): Partial<Activity> {
    return this.reply(value, activityId);
  }

  /** The message for a card's data: the result, the form to fill again with what was wrong, or a new form. */
  private reply(value: unknown, activityId: string): Partial<Activity> {
    const parsed = submission.safeParse(value);
    const authoritiesOnRecord = this.index.authoritiesOnRecord();
    if (!parsed.success) {
      this.log(`lookup ${activityId}: not a lookup card's values: ${issues(parsed.error, 'value')}`);
      return lookupFormMessage({ authoritiesOnRecord, error: `The lookup could not be read (${issues(parsed.error, 'value')}). Fill in the form again.` });
    }
    const values: LookupFormValues = {
      authority: parsed.data.authority, kind: parsed.data.kind, fromYear: parsed.data.fromYear, toYear: parsed.data.toYear, words: parsed.data.words,
    };
    const verb = parsed.data.verb ?? LOOKUP_VERB;
    if (verb === NEW_LOOKUP_VERB) return lookupFormMessage({ authoritiesOnRecord, values });
    if (verb !== LOOKUP_VERB) {
      this.log(`lookup ${activityId}: unknown verb ${JSON.stringify(verb)}`);
      return lookupFormMessage({ authoritiesOnRecord, values, error: `The card asked for ${JSON.stringify(verb)}, which this bot does not do. Press “Look up” to look up.` });
    }
    const checked = checkLookup(values, this.index.authorities);
    if (!checked.ok) return lookupFormMessage({ authoritiesOnRecord, values, error: checked.message });
    return lookupResultMessage(lookupEvents(this.index, checked.criteria));
  }

  private refuse(activityId: string, what: string, message: string): InvokeResponse {
    this.log(`lookup ${activityId}: ${what} refused: ${message}`);
    return invokeResponse(400, { statusCode: 400, type: ERROR_RESPONSE_TYPE, value: { code: 'BadRequest', message } });
  }
}

/**
 * Checks a lookup form's values: an authority (a known name or short form), a kind the form offers, years of four
 * digits in range with from ≤ to, and words of at most MAX_WORDS_LENGTH characters. An authority's text over
 * MAX_AUTHORITY_TEXT_LENGTH, and words over MAX_WORDS_LENGTH before spaces are folded, are refused unread.
 */
export function checkLookup(values: LookupFormValues, directory: AuthorityDirectory): CheckedLookup {
  const problems: string[] = [];
  const authorityText = values.authority ?? '';
  const authority = checkAuthority(authorityText.length > MAX_AUTHORITY_TEXT_LENGTH ? authorityText : authorityText.trim(), directory, problems);
  const kindText = values.kind?.trim() || 'any';
  const kind = (LOOKUP_KIND_IDS as string[]).includes(kindText) ? kindText as LookupKind : null;
  if (!kind) problems.push(`The kind ${JSON.stringify(kindText)} is not one I know: choose one of ${KIND_LIST}.`);
  const fromYear = checkYear('From year', values.fromYear, problems);
  const toYear = checkYear('To year', values.toYear, problems);
  if (fromYear !== null && toYear !== null && fromYear > toYear) {
    problems.push(`From year ${fromYear} is after to year ${toYear}: swap them, or leave one empty.`);
  }
  const rawWords = values.words ?? '';
  const words = rawWords.length > MAX_WORDS_LENGTH ? '' : rawWords.trim().replace(/\s+/g, ' ');
  if (rawWords.length > MAX_WORDS_LENGTH) problems.push(`The words are ${rawWords.length} characters long: ${MAX_WORDS_LENGTH} at most.`);
  if (problems.length || authority === null || kind === null) return { ok: false, message: problems.join(' ') };
  return { ok: true, criteria: { authority, kind, fromYear, toYear, words } };
}

function checkAuthority(name: string, directory: AuthorityDirectory, problems: string[]): string | null {
  if (name.length > MAX_AUTHORITY_TEXT_LENGTH) {
    problems.push(`The authority is ${name.length} characters long, and no authority's name is over ${MAX_AUTHORITY_TEXT_LENGTH}: choose one from the list as you type.`);
    return null;
  }
  if (!name) {
    problems.push('Choose an authority: start typing its name, e.g. “Worcestershire” or “LBBD”.');
    return null;
  }
  const canonical = directory.get(name);
  if (canonical) return canonical.name;
  const { matches, suggestions } = directory.resolve(name);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) problems.push(`“${name}” could be ${orList(matches)}: choose one.`);
  else if (suggestions.length) problems.push(`“${name}” is not an English children's services authority I know. Did you mean ${orList(suggestions)}?`);
  else problems.push(`“${name}” is not an English children's services authority I know: choose one from the list as you type.`);
  return null;
}

function checkYear(label: string, value: string | undefined, problems: string[]): number | null {
  const text = value?.trim() ?? '';
  if (!text) return null;
  if (!/^\d{4}$/.test(text)) {
    problems.push(`${label} ${JSON.stringify(text)} is not a year: type four digits, e.g. 2019, or leave it empty.`);
    return null;
  }
  const year = Number(text);
  if (year < LOOKUP_MIN_YEAR || year > LOOKUP_MAX_YEAR) {
    problems.push(`${label} ${year} is out of range: give a year from ${LOOKUP_MIN_YEAR} to ${LOOKUP_MAX_YEAR}.`);
    return null;
  }
  return year;
}

function orList(items: string[]): string {
  return andList(items).replace(/ and ([^,]+)$/, ' or $1');
}

/** Zod's issues as one line: "value.queryOptions.top: is negative". */
function issues(error: z.ZodError, root: string): string {
  return error.issues.map((i) => `${[root, ...i.path.map(String)].join('.')} ${i.message}`).join('; ');
}

function invokeResponse(status: number, body: unknown): InvokeResponse {
  return { status, body };
}
