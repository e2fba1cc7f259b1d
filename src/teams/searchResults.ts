/**
 * Message extension responses: search results as Adaptive Cards with the thumbnail previews Teams lists them by,
 * the full card of a chosen result, the card a pasted report link unfurls into, and plain messages.
 */
import { type Attachment, CardFactory, type MessagingExtensionAttachment, type MessagingExtensionResponse } from 'botbuilder';
import { citationLink } from '../answer/Citations';
import type { LinkedReport, ResultDetail, ResultRef, SearchResult } from '../answer/searchInspections';
import type { Citation } from '../answer/types';
import { ADAPTIVE_CARD_CONTENT_TYPE, adaptiveCard, answerCard, breakableRow, capitalise, cardText, sourceTitle, type CardElement, detailLine, jsonBytes, judgementBlock, MAX_CARD_BYTES, rowHeader } from './answerCard';
import { clipOnWord, isHttpUrl, readableDate } from './citationEntity';

/** Adaptive Card version of an unfurled link: Teams renders link unfurling cards up to 1.3 only. */
export const LINK_CARD_VERSION = '1.3';
/** Longest text of a preview in the result list, in characters (the list shows about two lines). */
export const MAX_PREVIEW_TEXT = 160;
/** Longest title of a preview, in characters. */
export const MAX_PREVIEW_TITLE = 80;
/** Most "Open …" buttons on a result card. */
export const MAX_OPEN_ACTIONS = 3;

const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';


/** The thumbnail card Teams shows for each result in the list, and beside an unfurled link; its text reads markdown. */
interface ThumbnailContent {
  title: string;
  text: string;
  tap?: { type: 'invoke'; title: string; value: ResultRef };
}

/** A page of search results: one Adaptive Card per result, each with the preview its tap opens. */
export function searchResultsResponse(results: readonly SearchResult[]): MessagingExtensionResponse {
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: results.map(resultAttachment) } };
}

/** A plain message in the search box (no formatting: Teams shows it as written). */
export function messageResponse(text: string): MessagingExtensionResponse {
  return { composeExtension: { type: 'message', text } };
}

/** The full card of a chosen result, for Teams to put in the message being written. */
export function selectedItemResponse(detail: ResultDetail): MessagingExtensionResponse {
  const attachment: MessagingExtensionAttachment = { ...detailCard(detail), preview: preview(detail.result) };
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [attachment] } };
}

/** The card a pasted link to a report of the corpus unfurls into, with its preview. */
export function linkResponse(report: LinkedReport): MessagingExtensionResponse {
  const attachment: MessagingExtensionAttachment = { ...linkCard(report), preview: linkPreview(report) };
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [attachment] } };
}

/** The answer to a link the corpus does not hold: an empty result, so Teams leaves the link as it is. */
export function noLinkResponse(): MessagingExtensionResponse {
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } };
}

/** One result as the list gives it: its card, and a preview whose tap asks for the full card. */
export function resultAttachment(result: SearchResult): MessagingExtensionAttachment {
  return { ...resultCard(result), preview: preview(result, true) };
}

/**
 * A result's card (Adaptive Card 1.5): title, the fact, authority, date and judgement, then each quote word for
 * word with its source (title, date, paragraph, file), and a button to open each source that has an address.
 */
export function resultCard(result: SearchResult, note?: string): Attachment {
  const body: CardElement[] = [...heading(result)];
  result.citations.forEach((c, i) => body.push(quoteBlock(c, i === 0)));
  if (note) body.push({ type: 'TextBlock', text: cardText(note), isSubtle: true, size: 'small', wrap: true });
  return adaptiveCard(body, openActions(result.citations));
}

/**
 * The full card of a result: for an event, its heading, then every fact on record, all their sources behind one
 * "Show the sources"; for a passage, the whole paragraph quoted.
 */
export function detailCard(detail: ResultDetail): Attachment {
  const { result } = detail;
  if (detail.facts.length === 0) {
    return resultCard(result, detail.clipped ? 'The paragraph goes on in the report.' : undefined);
  }
  const extra: CardElement[] = heading(result).slice(1);
  const card = answerCard(
    { status: 'answered', answer: result.fact, authority: result.authority, facts: detail.facts, citations: detail.citations },
    result.title,
    MAX_CARD_BYTES - jsonBytes(extra),
  );
  const content = card.content as { body: CardElement[]; actions?: CardElement[] };
  content.body.splice(1, 0, ...extra);
  const actions = openActions(detail.citations);
  if (actions.length) content.actions = actions;
  return card;
}

/**
 * The card of a linked report (Adaptive Card LINK_CARD_VERSION), for a narrow column: its title; its authority, kind
 * of document, date and publisher on one line; then each event it records, most recent first, as a row (the event
 * first, its judgement once, beside it in its colour) with its date and the report's own sentence about it.
 */
export function linkCard(report: LinkedReport): Attachment {
  const about = [
    report.authority,
    [report.documentKind ? capitalise(report.documentKind) : null, report.date ? readableDate(report.date) : null].filter(Boolean).join(', ') || null,
    report.publisher ? `published by ${report.publisher}` : null,
  ].filter((s): s is string => Boolean(s));
  const body: CardElement[] = [{ type: 'TextBlock', text: cardText(report.title), size: 'medium', weight: 'bolder', wrap: true }];
  if (about.length) body.push(detailLine(cardText(about.join(' · '))));
  if (report.events.length) {
    body.push({ type: 'TextBlock', text: 'What the report records', weight: 'bolder', isSubtle: true, size: 'small', wrap: true, separator: true });
    report.events.forEach((e, i) => {
      const items: CardElement[] = [rowHeader(cardText(e.name), e.judgement)];
      if (e.dateText) items.push(detailLine(cardText(e.dateText)));
      items.push({ type: 'TextBlock', text: `“${cardText(e.citation.quote)}”`, isSubtle: true, wrap: true, spacing: 'small' });
      const row: CardElement = { type: 'Container', items };
      if (i > 0) row.separator = true;
      body.push(row);
    });
    const more = report.eventCount - report.events.length;
    if (more > 0) body.push({ type: 'TextBlock', text: `${more} more ${more === 1 ? 'event is' : 'events are'} in the report.`, isSubtle: true, wrap: true });
  } else {
    body.push({ type: 'TextBlock', text: 'No inspection or visit is on record from this report.', isSubtle: true, wrap: true });
  }
  const content: CardElement = {
    $schema: CARD_SCHEMA, type: 'AdaptiveCard', version: LINK_CARD_VERSION, body,
    actions: [{ type: 'Action.OpenUrl', title: 'Open the report', url: report.url }],
  };
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}

// ---------------------------------------------------------------------------------------------------------------

/** Title, fact, and a line of authority and date with the judgement beside it. */
function heading(result: SearchResult): CardElement[] {
  const elements: CardElement[] = [
    { type: 'TextBlock', text: cardText(result.title), size: 'medium', weight: 'bolder', style: 'heading', wrap: true },
    { type: 'TextBlock', text: cardText(result.fact), wrap: true, spacing: 'small' },
  ];
  const meta = [result.authority, result.dateText].filter((s): s is string => Boolean(s)).join(' · ');
  if (result.judgement) {
    const judgement = judgementBlock(result.judgement);
    elements.push({
      type: 'ColumnSet',
      spacing: 'small',
      columns: [
        { type: 'Column', width: 'stretch', items: [{ type: 'TextBlock', text: cardText(meta) || ' ', isSubtle: true, wrap: true }] },
        { type: 'Column', width: 'auto', items: [judgement] },
      ],
    });
  } else if (meta) {
    elements.push({ type: 'TextBlock', text: cardText(meta), isSubtle: true, wrap: true, spacing: 'small' });
  }
  return elements;
}

/** A quote word for word, and under it where it comes from. */
function quoteBlock(c: Citation, first: boolean): CardElement {
  const where = [sourceTitle(c), c.date ? readableDate(c.date) : null, c.place ?? (c.paragraph ? `para ${c.paragraph}` : null), c.source]
    .filter((s): s is string => Boolean(s));
  const said: CardElement[] = c.summary
    ? [
      { type: 'TextBlock', text: cardText(c.summary), wrap: true },
      { type: 'TextBlock', text: `“${cardText(breakableRow(c.quote))}”`, wrap: true, isSubtle: true, size: 'small', spacing: 'none', fontType: 'monospace' },
    ]
    : [{ type: 'TextBlock', text: `“${cardText(c.quote)}”`, wrap: true }];
  const block: CardElement = {
    type: 'Container',
    items: [
      ...said,
      { type: 'TextBlock', text: cardText([...new Set(where)].join(' · ')), isSubtle: true, size: 'small', spacing: 'none', wrap: true },
    ],
  };
  if (first) block.separator = true;
  return block;
}

/** "Open the report" for each source with a web address, at most MAX_OPEN_ACTIONS. */
function openActions(citations: readonly Citation[]): CardElement[] {
  const byUrl = new Map<string, Citation>();
  for (const c of citations) {
    const link = citationLink(c);
    if (link && isHttpUrl(link) && !byUrl.has(c.url ?? link)) byUrl.set(c.url ?? link, c);
  }
  const list = [...byUrl.values()].slice(0, MAX_OPEN_ACTIONS);
  return list.map((c) => ({
    type: 'Action.OpenUrl',
    title: list.length === 1 ? 'Open the report' : `Open “${clipOnWord(sourceTitle(c), 40)}”`,
    url: citationLink(c)!,
  }));
}

function preview(result: SearchResult, tap = false): Attachment {
  const main = result.citations[0];
  const lead = [result.dateText, result.judgement ? `judged ${result.judgement}` : null].filter(Boolean).join(', ');
  // An event's fact says what happened; a passage is best shown by its own words.
  const text = result.ref.type === 'event' ? result.fact : `${lead ? `${lead}: ` : ''}“${main?.quote ?? ''}”`;
  const content: ThumbnailContent = {
    title: cardText(clipOnWord(result.title, MAX_PREVIEW_TITLE)),
    text: cardText(clipOnWord(text, MAX_PREVIEW_TEXT)),
  };
  if (tap) content.tap = { type: 'invoke', title: content.title, value: result.ref };
  return { contentType: CardFactory.contentTypes.thumbnailCard, content };
}

function linkPreview(report: LinkedReport): Attachment {
  const parts = [report.authority, report.documentKind, report.date ? readableDate(report.date) : null];
  if (report.judgement) parts.push(`judged ${report.judgement.grade} (${eventLine(report.judgement.event.name, report.judgement.event.dateText)})`);
  const content: ThumbnailContent = {
    title: cardText(clipOnWord(report.title, MAX_PREVIEW_TITLE)),
    text: cardText(clipOnWord(parts.filter((s): s is string => Boolean(s)).join(' · '), MAX_PREVIEW_TEXT)),
  };
  return { contentType: CardFactory.contentTypes.thumbnailCard, content };
}

function eventLine(name: string, dateText: string | null): string {
  return dateText ? `${name}, ${dateText}` : name;
}

