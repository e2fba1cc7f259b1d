/**
 * The message extension's invokes: a search from the compose box (`composeExtension/query`), the result a user
 * picks (`composeExtension/selectItem`) and a pasted report link (`composeExtension/queryLink`). Each value is
 * checked with zod; a value that is not what Teams sends gets a message saying what was wrong, never an error.
 */
import type { MessagingExtensionResponse } from 'botbuilder';
import { z } from 'zod';
import { linkedReport, MAX_PAGE, resultDetail, searchInspections } from '../answer/searchInspections';
import type { CorpusIndex } from '../search/CorpusIndex';
import { linkResponse, messageResponse, noLinkResponse, searchResultsResponse, selectedItemResponse } from '../teams/searchResults';

/** The search command's id in the app manifest. */
export const SEARCH_COMMAND_ID = 'searchInspections';
/** The search command's title in the app manifest. */
export const SEARCH_COMMAND_TITLE = 'Search inspection history';
/** The name of the search command's one parameter. */
export const QUERY_PARAMETER = 'query';
/** The parameter Teams sends instead when the command opens with `initialRun`. */
export const INITIAL_RUN_PARAMETER = 'initialRun';
/** Longest search text read by default, in characters; Teams' search box is far shorter. */
export const MAX_QUERY_LENGTH = 500;

/** Longest command id or parameter name read, in characters; the manifest's are far shorter. */
export const MAX_NAME_LENGTH = 100;
/** Most parameters read from one search; the search command has one. */
export const MAX_PARAMETERS = 10;
/** Longest result id read from a pick, in characters; ids the bot makes are far shorter. */
export const MAX_RESULT_ID_LENGTH = 500;
/** Longest pasted address read, in characters: the longest URL browsers and servers commonly accept. */
export const MAX_LINK_LENGTH = 2048;

/** `composeExtension/query`: the command, its parameters as name/value pairs, and the page wanted. */
const queryValue = z.object({
  commandId: z.string().max(MAX_NAME_LENGTH),
  parameters: z.array(z.object({ name: z.string().max(MAX_NAME_LENGTH), value: z.unknown().optional() })).max(MAX_PARAMETERS),
  queryOptions: z.object({
    skip: z.number().int().min(0).optional(),
    count: z.number().int().min(1).optional(),
  }).optional(),
});

/** `composeExtension/selectItem`: what a result's preview tap carries. */
const selectValue = z.object({
  type: z.enum(['event', 'passage']),
  id: z.string().min(1).max(MAX_RESULT_ID_LENGTH),
});

/** `composeExtension/queryLink`: the address pasted. */
const linkValue = z.object({ url: z.string().min(1).max(MAX_LINK_LENGTH) });

/** Writes one line about an invoke that could not be read. */
export type InvokeLog = (line: string) => void;

/**
 * Answers a search: the results for the `query` parameter (the most recent events for an initial run or blank
 * text), or a message when nothing matches, the text is longer than `maxChars` characters, or the value is not a
 * search of SEARCH_COMMAND_ID.
 */
export function searchQueryResponse(index: CorpusIndex, value: unknown, log: InvokeLog, maxChars = MAX_QUERY_LENGTH): MessagingExtensionResponse {
  const parsed = queryValue.safeParse(value);
  if (!parsed.success) {
    log(`not a search: ${issues(parsed.error)}`);
    return messageResponse(`This search could not be read (${issues(parsed.error)}). Close the search box and open it again.`);
  }
  const { commandId, parameters, queryOptions } = parsed.data;
  if (commandId !== SEARCH_COMMAND_ID) {
    log(`unknown command ${JSON.stringify(commandId)}`);
    return messageResponse(`This app has no search command "${commandId}". Use "${SEARCH_COMMAND_TITLE}" (${SEARCH_COMMAND_ID}).`);
  }
  const initialRun = parameters.some((p) => p.name === INITIAL_RUN_PARAMETER && (p.value === true || p.value === 'true'));
  const query = parameters.find((p) => p.name === QUERY_PARAMETER);
  let text = '';
  if (!initialRun) {
    if (!query) {
      const names = parameters.map((p) => JSON.stringify(p.name)).join(', ') || 'none';
      log(`no "${QUERY_PARAMETER}" parameter (parameters: ${names})`);
      return messageResponse(`This search has no "${QUERY_PARAMETER}" parameter (it has ${names}). Type words such as "worcestershire monitoring 2019".`);
    }
    if (query.value !== undefined && query.value !== null && typeof query.value !== 'string') {
      log(`"${QUERY_PARAMETER}" is ${typeof query.value}, not text`);
      return messageResponse(`The search words must be text, not ${typeof query.value}. Type words such as "worcestershire monitoring 2019".`);
    }
    text = query.value ?? '';
    const length = charCount(text);
    if (length > maxChars) {
      log(`search text of ${length} characters, over ${maxChars}`);
      return messageResponse(`That search is ${length} characters long: I read searches of up to ${maxChars} characters. Type fewer words, such as "worcestershire monitoring 2019".`);
    }
  }
  const outcome = searchInspections(index, text, { skip: queryOptions?.skip ?? 0, count: queryOptions?.count ?? MAX_PAGE });
  return outcome.status === 'found' ? searchResultsResponse(outcome.results) : messageResponse(outcome.message);
}

/** Answers a pick from the results: the result's full card, or a message when it is no longer on record. */
export function selectItemResponse(index: CorpusIndex, value: unknown, log: InvokeLog): MessagingExtensionResponse {
  const parsed = selectValue.safeParse(value);
  if (!parsed.success) {
    log(`not a search result: ${issues(parsed.error)}`);
    return messageResponse(`This result could not be opened (${issues(parsed.error)}). Search again and pick a result from the list.`);
  }
  const detail = resultDetail(index, parsed.data);
  if (!detail) {
    log(`no ${parsed.data.type} ${JSON.stringify(parsed.data.id)} on record`);
    return messageResponse(`That ${parsed.data.type === 'event' ? 'inspection or visit' : 'passage'} is no longer on record: the reports have changed since the search. Search again.`);
  }
  return selectedItemResponse(detail);
}

/** Answers a pasted link: the report's card when the corpus holds it, else an empty result, so Teams shows none. */
export function linkQueryResponse(index: CorpusIndex, value: unknown, log: InvokeLog): MessagingExtensionResponse {
  const parsed = linkValue.safeParse(value);
  if (!parsed.success) {
    log(`not a link: ${issues(parsed.error)}`);
    return messageResponse(`This link could not be read (${issues(parsed.error)}). Paste the report's full address, such as https://files.ofsted.gov.uk/v1/file/50223271.`);
  }
  const report = linkedReport(index, parsed.data.url);
  return report ? linkResponse(report) : noLinkResponse();
}

/** Characters as people count them (code points, so an emoji is one). */
export function charCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += 1, n += 1) {
    const c = text.charCodeAt(i);
    // A surrogate pair is one character; a lone surrogate counts as one too.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i += 1;
  }
  return n;
}

/** "parameters: expected array, received undefined": where each problem is and what it is, for people and logs. */
function issues(error: z.ZodError): string {
  return error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join('.') : 'value'}: ${i.message}`).join('; ');
}
