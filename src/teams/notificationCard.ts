/**
 * The message a subscribed conversation is sent when a new inspection or visit of its authority is on record: a line
 * of text that says what is new with its main quote (all a client that refuses the card shows), and an Adaptive Card
 * with the event's kind, dates, judgements, what it looked at and must improve, the quote behind it with its document
 * and link, every source behind one toggle, and an Unsubscribe button.
 */
import type { Activity, Attachment } from 'botbuilder';
import { citationLink } from '../answer/Citations';
import type { ResultDetail } from '../answer/searchInspections';
import type { Citation } from '../answer/types';
import { adaptiveCard, breakableRow, type CardElement, cardText, detailLine, markdownLink, rowHeader, sourcesSection, sourceTitle } from './answerCard';
import { markdownText } from './answerMessage';
import { isHttpUrl, readableDate } from './citationEntity';

/** Most rows of facts on a notification card; the rest are in the event's full card ("lookup"). */
export const MAX_NOTIFICATION_ROWS = 8;
/** The title of the card's button that unsubscribes the conversation from the event's authority. */
export const UNSUBSCRIBE_TITLE = 'Unsubscribe';

/** Labels of the rows the card shows, in this order of preference; the kind and the main date are in its heading. */
const ROW_ORDER = ['Report published', 'Report', 'Lead inspector', 'Theme', 'Focus', 'Areas for improvement', 'To improve'];

/**
 * The notification of one new event. Its button sends "unsubscribe <authority>" as a card submit (`question`, no
 * `msteams` imBack, which the Agents Playground's renderer throws on).
 */
export function notificationMessage(detail: ResultDetail, authority: string): Partial<Activity> {
  const { result } = detail;
  const main = result.citations[0];
  const text = [markdownText(`New on record for ${authority}: ${result.title}. ${result.fact}`), main ? `“${markdownText(main.quote)}” (${whereText(main, markdownText)})` : null]
    .filter(Boolean).join('\n\n');
  return { type: 'message', text, textFormat: 'markdown', attachments: [notificationCard(detail, authority)] };
}

/** The card of a notification (Adaptive Card 1.5). */
export function notificationCard(detail: ResultDetail, authority: string): Attachment {
  const { result, facts, citations } = detail;
  const body: CardElement[] = [
    { type: 'TextBlock', text: cardText(`New on record for ${authority}`), isSubtle: true, size: 'small', weight: 'bolder', wrap: true },
    { ...rowHeader(cardText(result.title), result.judgement), spacing: 'small' },
  ];
  if (result.dateText) body.push(detailLine(cardText(result.dateText)));
  body.push({ type: 'TextBlock', text: cardText(result.fact), wrap: true, spacing: 'small' });
  // Judgements by area first (shown with their grade), then the rows people look for in a new letter.
  const judged = facts.filter((f) => f.judgement && f.label !== 'Overall effectiveness');
  const others = facts.filter((f) => ROW_ORDER.includes(f.label)).sort((a, b) => ROW_ORDER.indexOf(a.label) - ROW_ORDER.indexOf(b.label));
  const rows = [...judged, ...others].slice(0, MAX_NOTIFICATION_ROWS);
  if (rows.length) {
    body.push({
      type: 'Container',
      separator: true,
      items: rows.map((f) => (f.judgement
        ? { ...rowHeader(`${cardText(f.label)} ${markers(f.citations)}`, f.judgement), spacing: 'small' }
        : { type: 'TextBlock', text: `**${cardText(f.label)}**: ${cardText(f.value)} ${markers(f.citations)}`, wrap: true, spacing: 'small' })),
    });
  }
  if (result.citations[0]) body.push(quoteBlock(result.citations[0]));
  body.push(...sourcesSection(citations.map((citation, i) => ({ n: i + 1, citation }))));
  const actions: CardElement[] = [];
  const link = result.citations.map(citationLink).find((l): l is string => Boolean(l && isHttpUrl(l)));
  if (link) actions.push({ type: 'Action.OpenUrl', title: 'Open the report', url: link });
  actions.push({ type: 'Action.Submit', title: UNSUBSCRIBE_TITLE, data: { question: `unsubscribe ${authority}` } });
  return adaptiveCard(body, actions);
}

/** "[1] [2]": a row's citations as the sources section numbers them. */
function markers(ns: readonly number[]): string {
  return ns.map((n) => `[${n}]`).join(' ');
}

/** The main quote, word for word, and under it its document, date, place and a link to it. */
function quoteBlock(c: Citation): CardElement {
  const said: CardElement[] = c.summary
    ? [
      { type: 'TextBlock', text: cardText(c.summary), wrap: true },
      { type: 'TextBlock', text: `“${cardText(breakableRow(c.quote))}”`, wrap: true, isSubtle: true, size: 'small', spacing: 'none', fontType: 'monospace' },
    ]
    : [{ type: 'TextBlock', text: `“${cardText(c.quote)}”`, wrap: true }];
  return { type: 'Container', separator: true, items: [...said, detailLine(whereText(c, cardText))] };
}

/**
 * "Ofsted inspection of …, May 2023 (report) · 6 March 2019 · para 4 · file.txt · [Open the document](…)", each part
 * escaped by `escape` for the markdown it goes into.
 */
function whereText(c: Citation, escape: (text: string) => string): string {
  const parts = [sourceTitle(c), c.date ? readableDate(c.date) : null, c.place ?? (c.paragraph ? `para ${c.paragraph}` : null), c.source];
  const said = [...new Set(parts.filter((s): s is string => Boolean(s)))].map(escape);
  const link = citationLink(c);
  if (link && isHttpUrl(link)) said.push(markdownLink('Open the document', link));
  return said.join(' · ');
}
