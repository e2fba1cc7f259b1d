/**
 * The Adaptive Card for answers of several rows, laid out for a narrow chat column: a heading that says what the list
 * is, one row per fact (what it is about first and wide, its judgement once, in its colour, then its details), and
 * every source quoted in full behind one toggle for the whole card.
 */
import type { Attachment } from 'botbuilder';
import { citationLink, sourceName } from '../answer/Citations';
import type { Answer, Citation, Fact } from '../answer/types';
import type { Grade } from '../timeline/types';
import { isHttpUrl, readableDate } from './citationEntity';

/** The Adaptive Card schema version of cards in messages: 1.5 is the highest Teams renders. */
export const CARD_VERSION = '1.5';
/** Largest card, in bytes of JSON (UTF-8); Teams refuses messages above about 28 KB in all. */
export const MAX_CARD_BYTES = 25_000;
/** The attachment content type of an Adaptive Card. */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Longest heading taken from an answer's own opening words, in characters; a longer one reads as a paragraph. */
export const MAX_HEADING_CHARS = 120;
/** The title of the one toggle that shows and hides a card's sources. */
export const SOURCES_TOGGLE_TITLE = 'Show the sources';
/** The id of the container of a card's sources, which the toggle shows. */
export const SOURCES_ID = 'sources';

const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/**
 * Text from a user or a document as a card's TextBlock (which reads markdown) shows it, as written: every character
 * that could start markdown's links, images, emphasis, code or HTML escaped with a backslash (an `_` inside a word,
 * as in a file's name, starts nothing and is left as it is). Every TextBlock's text
 * is markdown: the bot's own markers and links are added to text passed through this.
 */
export function cardText(text: string): string {
  return text.replace(/[\\*`[\]<>]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, (c) => `\\${c}`);
}

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

/**
 * The first line of a row: what it is about in bold (`lead`, markdown: pass text through cardText), taking the
 * width, and its judgement (when it has one) beside it on the right. Words wrap whole: the judgement column is only
 * as wide as its longest word needs.
 */
export function rowHeader(lead: string, grade: Grade | null): CardElement {
  const leadBlock: CardElement = { type: 'TextBlock', text: lead, weight: 'bolder', wrap: true };
  if (!grade) return leadBlock;
  return {
    type: 'ColumnSet',
    columns: [
      { type: 'Column', width: 'stretch', items: [leadBlock] },
      { type: 'Column', width: 'auto', verticalContentAlignment: 'top', items: [judgementBlock(grade)] },
    ],
  };
}

/** A small grey line under a row's first line (`text`, markdown: pass text through cardText). */
export function detailLine(text: string): CardElement {
  return { type: 'TextBlock', text, isSubtle: true, size: 'small', spacing: 'none', wrap: true };
}

/** An Adaptive Card (CARD_VERSION) attachment with this body and optional card-level actions. */
export function adaptiveCard(body: CardElement[], actions: CardElement[] = []): Attachment {
  const content: CardElement = { $schema: CARD_SCHEMA, type: 'AdaptiveCard', version: CARD_VERSION, body };
  if (actions.length) content.actions = actions;
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}

/**
 * The card with `buttons` added after its own card-level actions (a card with none gets an `actions` array), for
 * follow-up buttons put on a card once it is built. The card is changed in place and returned.
 */
export function withCardButtons(card: Attachment, buttons: readonly CardElement[]): Attachment {
  if (!buttons.length) return card;
  const content = card.content as CardElement;
  const actions = Array.isArray(content.actions) ? (content.actions as CardElement[]) : [];
  actions.push(...buttons);
  content.actions = actions;
  return card;
}

/** Size of an attachment or activity as sent, in bytes of JSON (UTF-8). */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/** What a card's heading says, and a line under it for what the answer adds in brackets ("oldest first"). */
export interface CardHeading {
  title: string;
  note: string | null;
}

/**
 * The card for an answer: a heading (`title`, else what the answer's opening words say the list is), then one row per
 * fact in the order given, then one toggle for all their sources. Rows that would take the card past `maxBytes` are
 * left off the end and counted in a closing line.
 */
export function answerCard(answer: Answer, title?: string, maxBytes = MAX_CARD_BYTES): Attachment {
  return sizedAnswerCard(answer, title, maxBytes).card;
}

/** `answerCard`, with its size in bytes of JSON (UTF-8). */
export function sizedAnswerCard(answer: Answer, title?: string, maxBytes = MAX_CARD_BYTES): { card: Attachment; bytes: number } {
  const given = title?.trim();
  const { title: text, note } = given ? { title: given, note: null } : cardHeading(answer);
  const top: CardElement[] = [{ type: 'TextBlock', text: cardText(text), size: 'medium', weight: 'bolder', style: 'heading', wrap: true }];
  if (note) top.push({ type: 'TextBlock', text: cardText(note), isSubtle: true, size: 'small', spacing: 'none', wrap: true });
  const rows = factRows(answer.facts);
  const build = (shown: number): Attachment => {
    const body = [...top, ...rows.slice(0, shown).map((r) => r.element)];
    if (shown < rows.length) body.push(moreRowsNote(rows.length - shown));
    const cited = [...new Set(rows.slice(0, shown).flatMap((r) => r.citations))]
      .sort((a, b) => a - b)
      .filter((n) => answer.citations[n - 1] !== undefined);
    body.push(...sourcesSection(cited.map((n) => ({ n, citation: answer.citations[n - 1]! }))));
    return adaptiveCard(body);
  };
  const card = build(mostRowsThatFit(rows.length, build, maxBytes));
  return { card, bytes: jsonBytes(card) };
}

/**
 * How many of `count` rows the card `build(shown)` makes can show within `maxBytes` (0 when not even none fit). Each
 * row adds hundreds of bytes and a closing note of rows left off at most a few, so size grows with the rows shown:
 * the most that fit is found by halving, measuring a handful of cards rather than one per row.
 */
export function mostRowsThatFit(count: number, build: (shown: number) => unknown, maxBytes: number): number {
  let low = 0;
  let high = count;
  if (jsonBytes(build(high)) <= maxBytes) return high;
  high -= 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (jsonBytes(build(mid)) <= maxBytes) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * What a card about this answer is headed: the answer's own opening words, up to the colon that starts its list,
 * said as a title ("11 authorities are judged inadequate …" becomes "Authorities judged inadequate … (11)"), with
 * what it says in brackets as a note; else the authority; else "What is on record".
 */
export function cardHeading(answer: Answer): CardHeading {
  const fallback: CardHeading = { title: answer.authority ?? 'What is on record', note: null };
  const colon = /:(?:\s|$)/.exec(answer.answer);
  if (!colon) return fallback;
  let lead = answer.answer.slice(0, colon.index).replace(/\s*\[\d+\]/g, '').replace(/\s+/g, ' ').trim();
  let paren: string | null = null;
  const bracketed = /\s*\(([^()]*)\)$/.exec(lead);
  if (bracketed) {
    paren = bracketed[1]!.trim();
    lead = lead.slice(0, bracketed.index);
  }
  const heading = headingOf(lead, paren);
  if (!heading.title || heading.title.length > MAX_HEADING_CHARS) return fallback;
  return heading;
}

/** The ways an answer opens its list, each said as a title with its count in brackets. */
function headingOf(lead: string, paren: string | null): CardHeading {
  const noted = (title: string, note: string | null): CardHeading => ({ title, note: note ? sentence(note) : null });
  const count = paren ? /^(\d+) [^\s,]+(.*)$/.exec(paren) : null;
  let m = /^(\d+) authorit(?:y|ies)((?: among the .+?)?) (are|is|were|was|ha(?:ve|s)(?: never)? been|went|moved) (.+)$/.exec(lead);
  if (m) {
    const verb = m[3]!;
    const how = verb.includes('never') ? 'never ' : /^(?:went|moved)$/.test(verb) ? `that ${verb} ` : '';
    const what = m[4]!.replace(/ (inspections?) on record$/, ' $1').replace(/\bits\b/g, 'their');
    return noted(`Authorities${m[2]} ${how}${what} (${m[1]})`, paren);
  }
  m = /^(\d+) (.+?) (?:is|are) on record across (.+)$/.exec(lead);
  if (m) return noted(`${capitalise(m[2]!)} across ${m[3]} (${m[1]})`, paren);
  m = /^The (.+?) on record across (.+?), (\d+) in all(?:, (.+))?$/.exec(lead);
  if (m) return noted(`${capitalise(m[1]!)} across ${m[2]} (${m[3]})`, m[4] ?? paren);
  m = /^(.+?) has had (\d+) (.+?)(?: on record)?$/.exec(lead);
  if (m) return noted(`${m[1]}: ${m[3]} (${m[2]})`, paren);
  m = /^(.+?) led (\d+) (.+?)(?: on record)?(?:, (.+))?$/.exec(lead);
  if (m) return noted(`${capitalise(m[3]!)} led by ${m[1]} (${m[2]})`, m[4] ?? paren);
  m = /^(.+?)['’]s (.+?)(?: on record)?$/.exec(lead);
  if (m && count) return noted(`${m[1]}: ${m[2]} (${count[1]})`, count[2]!.replace(/^,\s*/, '') || null);
  // Words that are not one plain statement ("Which authority do you mean? On record") are no title.
  return /[?!]|[.;]\s/.test(lead) ? { title: '', note: null } : noted(capitalise(lead), paren);
}

/** A fact's row and the citations it points at. */
interface FactRow {
  element: CardElement;
  citations: number[];
}

/**
 * One row per fact: its label first, its judgement beside it (once per event: an event's later rows do not repeat
 * it), and its value under it without the judgement it would say again, with the row's citation markers.
 */
function factRows(facts: readonly Fact[]): FactRow[] {
  const graded = new Set<string>();
  return facts.map((fact, i) => {
    const citations = [...new Set(fact.citations)].sort((a, b) => a - b);
    let grade = fact.judgement;
    if (grade && fact.eventId) {
      const key = `${fact.eventId}|${grade}`;
      if (graded.has(key)) grade = null;
      else graded.add(key);
    }
    const detail = withoutGrade(fact.value, fact.judgement);
    const markers = citations.filter((n) => n >= 1).map((n) => `[${n}]`).join('');
    const items: CardElement[] = [rowHeader(cardText(capitalise(fact.label)), grade)];
    const line = [cardText(capitalise(detail)), markers].filter(Boolean).join(' ');
    if (line) items.push(detailLine(line));
    const element: CardElement = { type: 'Container', items };
    if (i > 0) element.separator = true;
    return { element, citations };
  });
}

/** "inadequate, 26 February 2024 to 8 March 2024" without the grade shown beside it: "26 February 2024 to 8 March 2024". */
export function withoutGrade(value: string, grade: Grade | null): string {
  if (!grade) return value;
  return value.split(/,\s+/).filter((part) => part.trim().toLowerCase() !== grade).join(', ');
}

/**
 * The toggle and, hidden under it, each source numbered as the answer's [n] markers are: the document's title (once
 * for a run of quotes from it), the quote in full, and where it stands, with a link to the document where it has one.
 */
export function sourcesSection(sources: readonly { n: number; citation: Citation }[], toggleTitle = SOURCES_TOGGLE_TITLE): CardElement[] {
  if (!sources.length) return [];
  const items: CardElement[] = [];
  let previous: string | null = null;
  for (const { n, citation: c } of sources) {
    const title = sourceTitle(c);
    if (title !== previous) {
      const heading: CardElement = { type: 'TextBlock', text: cardText(title), weight: 'bolder', wrap: true };
      if (previous !== null) heading.separator = true;
      items.push(heading);
      previous = title;
    }
    if (c.summary) {
      // A data row reads as its summary; the row itself, word for word, is the quote it stands on.
      items.push({ type: 'TextBlock', text: `[${n}] ${cardText(c.summary)}`, wrap: true, spacing: 'small' });
      items.push({ type: 'TextBlock', text: `“${cardText(breakableRow(c.quote))}”`, wrap: true, isSubtle: true, size: 'small', spacing: 'none', fontType: 'monospace' });
    } else {
      items.push({ type: 'TextBlock', text: `[${n}] “${cardText(c.quote)}”`, wrap: true, spacing: 'small' });
    }
    items.push(detailLine(placeOf(c)));
  }
  return [
    { type: 'ActionSet', separator: true, actions: [{ type: 'Action.ToggleVisibility', title: toggleTitle, targetElements: [SOURCES_ID] }] },
    { type: 'Container', id: SOURCES_ID, isVisible: false, items },
  ];
}

/**
 * What a source is called on a card, which has room for a whole title: the citation's short name where it tells
 * documents apart without cutting the title short, else the title.
 */
export function sourceTitle(c: Citation): string {
  return sourceName(c);
}

/**
 * A data row that may break after its commas in a narrow column: a zero-width space after each, so the row reads
 * and copies as it stands but wraps between fields rather than mid-word.
 */
export function breakableRow(row: string): string {
  return row.replace(/,(?=\S)/g, ',\u200b');
}

/** "6 March 2019 · para 4 · 001_2d1b….txt · [Open the document](…)": where a quote stands, as card markdown. */
function placeOf(c: Citation): string {
  const parts = [c.date ? readableDate(c.date) : null, c.place ?? (c.paragraph ? `para ${c.paragraph}` : null), c.source]
    .filter((s): s is string => Boolean(s)).map(cardText);
  const link = citationLink(c);
  if (link && isHttpUrl(link)) parts.push(markdownLink(`Open the document${c.page ? ` at page ${c.page}` : ''}`, link));
  return parts.join(' · ');
}

/**
 * A markdown link the bot makes: `title` (its own words) to `url` when that is an http(s) address, else the title
 * alone. Characters that would end the address early or leave it (brackets, spaces, angle brackets) are
 * percent-encoded.
 */
export function markdownLink(title: string, url: string): string {
  if (!isHttpUrl(url)) return title;
  // encodeURIComponent leaves brackets as they are.
  return `[${title}](${url.replace(/[()<>\s\\]/g, (c) => (c === '(' ? '%28' : c === ')' ? '%29' : encodeURIComponent(c)))})`;
}

function moreRowsNote(n: number): CardElement {
  const text = n === 1 ? '1 more row did not fit in the card.' : `${n} more rows did not fit in the card.`;
  return { type: 'TextBlock', text, isSubtle: true, wrap: true, separator: true };
}

/** "oldest first" → "Oldest first." */
function sentence(s: string): string {
  const t = capitalise(s.trim());
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** "good" → "Good". */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
