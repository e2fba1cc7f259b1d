/** The lookup cards: a form (authority typeahead, kind, years, words), its result as a dated timeline, and its errors. */
import type { Activity, Attachment } from 'botbuilder';
import { andList } from '../answer/words';
import { LOOKUP_KIND_IDS, LOOKUP_KINDS, LOOKUP_MAX_YEAR, LOOKUP_MIN_YEAR, type LookupResult, type LookupRow } from '../answer/lookupEvents';
import type { Area } from '../timeline/types';
import { adaptiveCard, type CardElement, cardText, detailLine, MAX_CARD_BYTES, mostRowsThatFit, rowHeader, sourcesSection } from './answerCard';

/** The `card` field of every value a lookup card sends back, telling its submits from other cards'. */
export const LOOKUP_CARD = 'lookup';
/** Runs the lookup with the form's inputs. */
export const LOOKUP_VERB = 'lookup';
/** Shows the form again, filled in with the values the action carries (none for a fresh form). */
export const NEW_LOOKUP_VERB = 'newLookup';

/** The Data.Query dataset the authority input asks the bot for. */
export const AUTHORITY_DATASET = 'authorities';

/** The title of the toggle that shows a result's quotes. */
export const QUOTES_TOGGLE_TITLE = 'Show the quotes';

/** Longest words input, in characters. */
export const MAX_WORDS_LENGTH = 200;

/** What a form shows in its inputs: values as a card sends them back (strings), all optional. */
export interface LookupFormValues {
  authority?: string | undefined;
  kind?: string | undefined;
  fromYear?: string | undefined;
  toYear?: string | undefined;
  words?: string | undefined;
}

export interface LookupFormOptions {
  /** Offered before anything is typed (and the only choices for clients without typeahead search). */
  authoritiesOnRecord: readonly string[];
  values?: LookupFormValues;
  /** What was wrong with the last submit, shown above the inputs. */
  error?: string | null;
}


const AREA_SHORT: Record<Exclude<Area, 'overall'>, string> = {
  leaders: 'Leaders',
  'help and protection': 'Help and protection',
  'children in care': 'Children in care',
  'care leavers': 'Care leavers',
  adoption: 'Adoption',
};

/**
 * An Action.Execute (answered in place by the bot) that falls back to an Action.Submit with the same data for clients
 * without universal actions; the submit's data names the verb, since a message carries none.
 */
function executeAction(title: string, verb: string, data: Record<string, string> = {}, style?: 'positive'): CardElement {
  const action: CardElement = { type: 'Action.Execute', title, verb, data: { card: LOOKUP_CARD, ...data } };
  const fallback: CardElement = { type: 'Action.Submit', title, data: { card: LOOKUP_CARD, verb, ...data } };
  if (style) {
    action.style = style;
    fallback.style = style;
  }
  action.fallback = fallback;
  return action;
}

/** The lookup form. The authority input searches all authorities as the user types (Teams' dynamic typeahead). */
export function lookupFormCard(options: LookupFormOptions): Attachment {
  const values = options.values ?? {};
  const onRecord = [...options.authoritiesOnRecord];
  const authority = values.authority?.trim() ?? '';
  // The chosen authority must be among the static choices for the input to show it.
  const choices = authority && !onRecord.includes(authority) ? [authority, ...onRecord] : onRecord;
  const authorityInput: CardElement = {
    type: 'Input.ChoiceSet',
    id: 'authority',
    label: 'Authority',
    style: 'filtered',
    placeholder: 'Type a council’s name, e.g. Worcestershire or LBBD',
    isRequired: true,
    errorMessage: 'Choose an authority.',
    choices: choices.map((name) => ({ title: name, value: name })),
    'choices.data': { type: 'Data.Query', dataset: AUTHORITY_DATASET },
  };
  if (authority) authorityInput.value = authority;
  const kind = values.kind && (LOOKUP_KIND_IDS as string[]).includes(values.kind) ? values.kind : 'any';
  const body: CardElement[] = [
    { type: 'TextBlock', text: 'Look up an inspection timeline', size: 'large', weight: 'bolder', style: 'heading', wrap: true },
    {
      type: 'TextBlock',
      text: 'Choose an authority; the rest is optional. Every row comes with the documents’ own words.',
      isSubtle: true,
      wrap: true,
      spacing: 'none',
    },
  ];
  if (options.error) body.push({ type: 'TextBlock', text: cardText(options.error), color: 'attention', weight: 'bolder', wrap: true });
  body.push(
    authorityInput,
    {
      type: 'Input.ChoiceSet',
      id: 'kind',
      label: 'Kind of inspection or visit',
      value: kind,
      choices: LOOKUP_KIND_IDS.map((id) => ({ title: LOOKUP_KINDS[id].label, value: id })),
    },
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', items: [yearInput('fromYear', 'From year', values.fromYear)] },
        { type: 'Column', width: 'stretch', items: [yearInput('toYear', 'To year', values.toYear)] },
      ],
    },
    {
      type: 'Input.Text',
      id: 'words',
      label: 'Words (optional)',
      placeholder: 'e.g. care leavers, exploitation',
      maxLength: MAX_WORDS_LENGTH,
      ...(values.words ? { value: values.words } : {}),
    },
    { type: 'ActionSet', actions: [executeAction('Look up', LOOKUP_VERB, {}, 'positive')] },
  );
  return adaptiveCard(body);
}

function yearInput(id: string, label: string, value: string | undefined): CardElement {
  const input: CardElement = { type: 'Input.Number', id, label, placeholder: 'e.g. 2019', min: LOOKUP_MIN_YEAR, max: LOOKUP_MAX_YEAR };
  const year = value === undefined ? NaN : Number(value.trim());
  if (value?.trim() && Number.isInteger(year)) input.value = year;
  return input;
}

/** The lookup form as a message of its own (the reply to "lookup"). */
export function lookupFormMessage(options: LookupFormOptions): Partial<Activity> {
  return { type: 'message', attachments: [lookupFormCard(options)] };
}

/**
 * The result of a lookup: the matching events as dated rows (kind and number first, judgement beside it, then dates,
 * lead inspector, areas and source documents), with every quote behind one "Show the quotes" toggle; when none match,
 * what is on record for the authority. Rows that would take the card past `maxBytes` are left off the end and
 * counted. Ends with actions to change the lookup or start a new one.
 */
export function lookupResultCard(result: LookupResult, maxBytes = MAX_CARD_BYTES): Attachment {
  const { criteria } = result;
  const heading: CardElement = { type: 'TextBlock', text: cardText(`${criteria.authority}: ${result.summary}`), size: 'medium', weight: 'bolder', style: 'heading', wrap: true };
  const intro: CardElement[] = [];
  let rows: LookupRow[];
  if (result.rows.length) {
    const n = result.rows.length;
    intro.push(subtle(`${n} on record, oldest first.`, true));
    rows = result.rows;
  } else {
    intro.push({ type: 'TextBlock', text: cardText(`Nothing on record for ${criteria.authority} matches this lookup (${result.summary}).`), weight: 'bolder', wrap: true });
    if (result.onRecord.length) {
      const n = result.onRecord.length;
      intro.push(subtle(cardText(`What is on record for ${criteria.authority} (${n === 1 ? '1 inspection or visit' : `${n} inspections and visits`}, oldest first):`)));
      rows = result.onRecord;
    } else {
      const others = result.authoritiesOnRecord.filter((a) => a !== criteria.authority);
      intro.push(subtle(cardText(`None of the documents is about ${criteria.authority}.${others.length ? ` The documents on record cover ${andList(others)}.` : ''}`)));
      rows = [];
    }
  }
  const elements = rows.map((row, i) => rowElement(row, i > 0));
  const actions: CardElement = {
    type: 'ActionSet',
    separator: true,
    actions: [
      executeAction('Change this lookup', NEW_LOOKUP_VERB, {
        authority: criteria.authority,
        kind: criteria.kind,
        fromYear: criteria.fromYear === null ? '' : String(criteria.fromYear),
        toYear: criteria.toYear === null ? '' : String(criteria.toYear),
        words: criteria.words,
      }),
      executeAction('New lookup', NEW_LOOKUP_VERB),
    ],
  };
  const build = (shown: number): Attachment => {
    const body = [heading, ...intro, ...elements.slice(0, shown)];
    if (shown < elements.length) body.push(moreRows(elements.length - shown));
    const cited = [...new Set(rows.slice(0, shown).flatMap((r) => r.citations))]
      .sort((a, b) => a - b)
      .filter((n) => result.citations[n - 1] !== undefined);
    body.push(...sourcesSection(cited.map((n) => ({ n, citation: result.citations[n - 1]! })), QUOTES_TOGGLE_TITLE));
    body.push(actions);
    return adaptiveCard(body);
  };
  return build(mostRowsThatFit(elements.length, build, maxBytes));
}

/** The lookup's result as a message (the reply to a submit from a client without universal actions). */
export function lookupResultMessage(result: LookupResult): Partial<Activity> {
  return { type: 'message', attachments: [lookupResultCard(result)] };
}

function rowElement(row: LookupRow, separator: boolean): CardElement {
  const when = row.held ?? (row.published ? `Report published ${row.published}` : row.writtenDate ? `“${row.writtenDate}”` : 'Date not on record');
  const items: CardElement[] = [rowHeader(cardText(row.label), row.judgement)];
  const markers = [...new Set(row.citations)].sort((a, b) => a - b).map((n) => `[${n}]`).join('');
  const details = [
    when,
    row.held && row.published ? `published ${row.published}` : null,
    row.lead ? `led by ${row.lead}` : null,
    row.otherJudgements.length ? `also reported: ${row.otherJudgements.join(', ')}` : null,
  ].filter((s): s is string => s !== null);
  items.push(detailLine(`${cardText(details.join(' · '))}${markers ? ` ${markers}` : ''}`));
  if (row.areas.length) items.push(detailLine(cardText(row.areas.map((a) => `${AREA_SHORT[a.area as Exclude<Area, 'overall'>] ?? a.label}: ${a.grade}`).join(' · '))));
  const element: CardElement = { type: 'Container', items };
  if (separator) element.separator = true;
  return element;
}

function subtle(text: string, small = false): CardElement {
  const block: CardElement = { type: 'TextBlock', text, isSubtle: true, wrap: true };
  if (small) {
    block.size = 'small';
    block.spacing = 'none';
  }
  return block;
}

function moreRows(n: number): CardElement {
  const text = `${n} more row${n === 1 ? ' is' : 's are'} left off to keep the card small enough for Teams: narrow the years or the kind.`;
  return { type: 'TextBlock', text, isSubtle: true, wrap: true, separator: true };
}

