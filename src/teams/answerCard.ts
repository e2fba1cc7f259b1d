/** The Adaptive Card for answers of several rows: one row per fact, its sources quoted in full behind a toggle. */
import type { Attachment } from 'botbuilder';
import type { Answer, Citation, Fact } from '../answer/types';
import type { Grade } from '../timeline/types';
import { isHttpUrl, readableDate } from './citationEntity';

/** The Adaptive Card schema version: 1.5 is the highest Teams renders. */
export const CARD_VERSION = '1.5';
/** Largest card, in bytes of JSON (UTF-8); Teams refuses messages above about 28 KB in all. */
export const MAX_CARD_BYTES = 25_000;
/** The attachment content type of an Adaptive Card. */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** One element or action of an Adaptive Card, as JSON. */
export type CardElement = Record<string, unknown>;

/** The colour a judgement is shown in: green for good and better, amber, red; none for the old "adequate". */
export const GRADE_COLOURS: Record<Grade, string | null> = {
  outstanding: 'good',
  good: 'good',
  'requires improvement': 'warning',
  inadequate: 'attention',
  adequate: null,
};

/** A judgement as a bold, coloured text block ("Requires improvement" in amber). */
export function judgementBlock(grade: Grade): CardElement {
  const block: CardElement = { type: 'TextBlock', text: capitalise(grade), weight: 'bolder', wrap: true };
  const colour = GRADE_COLOURS[grade];
  if (colour) block.color = colour;
  return block;
}

/** A row's columns: its date or value in bold, its label, and its judgement when it has one. */
export function rowColumns(lead: string, label: string, grade: Grade | null): CardElement[] {
  const columns: CardElement[] = [
    column('auto', { type: 'TextBlock', text: lead, weight: 'bolder', wrap: true }),
    column('stretch', { type: 'TextBlock', text: label, wrap: true }),
  ];
  if (grade) columns.push(column('auto', judgementBlock(grade)));
  return columns;
}

/** An Adaptive Card (CARD_VERSION) attachment with this body and optional card-level actions. */
export function adaptiveCard(body: CardElement[], actions: CardElement[] = []): Attachment {
  const content: CardElement = { $schema: CARD_SCHEMA, type: 'AdaptiveCard', version: CARD_VERSION, body };
  if (actions.length) content.actions = actions;
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}

/** Size of an attachment or activity as sent, in bytes of JSON (UTF-8). */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/**
 * The card for an answer: a heading (`title`, else the authority), then one row per fact in the order given, each
 * with its sources behind "Show sources". Rows that would take the card past `maxBytes` are left off the end and
 * counted in a closing line.
 */
export function answerCard(answer: Answer, title?: string, maxBytes = MAX_CARD_BYTES): Attachment {
  return sizedAnswerCard(answer, title, maxBytes).card;
}

/** `answerCard`, with its size in bytes of JSON (UTF-8). */
export function sizedAnswerCard(answer: Answer, title?: string, maxBytes = MAX_CARD_BYTES): { card: Attachment; bytes: number } {
  const heading: CardElement = {
    type: 'TextBlock',
    text: title?.trim() || answer.authority || 'Answer',
    size: 'large',
    weight: 'bolder',
    style: 'heading',
    wrap: true,
  };
  const rows = answer.facts.map((fact, i) => factRow(fact, i, answer.citations));
  const build = (shown: number): Attachment => {
    const body = [heading, ...rows.slice(0, shown)];
    if (shown < rows.length) body.push(moreRowsNote(rows.length - shown));
    return adaptiveCard(body);
  };
  // A card's JSON is the card with the heading alone, plus a comma and each row's JSON for each row it shows (and
  // the closing note's for rows left off): each row is measured once, not the card once per try.
  const base = jsonBytes(build(0)) - (rows.length ? jsonBytes(moreRowsNote(rows.length)) + 1 : 0);
  const sizeWith = (shown: number, upTo: number): number =>
    upTo + (shown < rows.length ? jsonBytes(moreRowsNote(rows.length - shown)) + 1 : 0);
  let upTo = base;
  let shown = 0;
  for (; shown < rows.length; shown++) {
    const next = upTo + jsonBytes(rows[shown]) + 1;
    if (sizeWith(shown + 1, next) > maxBytes) break;
    upTo = next;
  }
  return { card: build(shown), bytes: sizeWith(shown, upTo) };
}

function factRow(fact: Fact, index: number, citations: readonly Citation[]): CardElement {
  const columns = rowColumns(fact.value, fact.label, fact.judgement);
  const items: CardElement[] = [{ type: 'ColumnSet', columns }];
  const sources = [...new Set(fact.citations)]
    .map((n) => citations[n - 1])
    .filter((c): c is Citation => c !== undefined);
  if (sources.length) {
    const id = `fact-${index + 1}-sources`;
    items.push(
      {
        type: 'ActionSet',
        actions: [{ type: 'Action.ToggleVisibility', title: sources.length === 1 ? 'Show source' : 'Show sources', targetElements: [id] }],
      },
      { type: 'Container', id, isVisible: false, items: sources.flatMap((c, i) => sourceItems(c, i > 0)) },
    );
  }
  const row: CardElement = { type: 'Container', items };
  if (index > 0) row.separator = true;
  return row;
}

function sourceItems(c: Citation, separator: boolean): CardElement[] {
  const title: CardElement = { type: 'TextBlock', text: c.title || c.source, weight: 'bolder', wrap: true };
  if (separator) title.separator = true;
  const where = [c.date ? readableDate(c.date) : null, c.paragraph ? `para ${c.paragraph}` : null, c.source]
    .filter((s): s is string => Boolean(s))
    .join(' · ');
  const items: CardElement[] = [
    title,
    { type: 'TextBlock', text: where, isSubtle: true, size: 'small', spacing: 'none', wrap: true },
    { type: 'TextBlock', text: `“${c.quote}”`, wrap: true },
  ];
  if (c.url && isHttpUrl(c.url)) {
    items.push({ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'Open the document', url: c.url }] });
  }
  return items;
}

function column(width: 'auto' | 'stretch', item: CardElement): CardElement {
  return { type: 'Column', width, items: [item] };
}

function moreRowsNote(n: number): CardElement {
  const text = n === 1 ? '1 more row is in the answer text.' : `${n} more rows are in the answer text.`;
  return { type: 'TextBlock', text, isSubtle: true, wrap: true, separator: true };
}

/** "good" → "Good". */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
