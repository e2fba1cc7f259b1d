/** An Answer as a Teams message: markdown text with [n] markers, the citations they point at, and a card of rows. */
import type { Activity, Attachment } from 'botbuilder';
import type { Answer } from '../answer/types';
import { adaptiveCard, type CardElement, MAX_CARD_BYTES, markdownLink, sizedAnswerCard, withCardButtons } from './answerCard';
import { type CitationEntity, citationEntity, MAX_CITATIONS } from './citationEntity';
import { rankCitations } from './rankCitations';

/** Teams refuses a message above about 100 KB, counted in UTF-16: two bytes for each character of its JSON. */
export const TEAMS_MAX_MESSAGE_BYTES = 100_000;
/** What a reply is held under, counted as Teams counts (utf16Bytes), leaving room for what the connector adds. */
export const MAX_MESSAGE_BYTES = 80_000;
/**
 * Most suggested actions Teams shows under a message, and none on a message that carries a card, in personal chats
 * only. The bot sends none: its choices are buttons in a card (MAX_CHOICE_BUTTONS), which every chat shows.
 */
export const MAX_SUGGESTED_ACTIONS = 3;
/** Most authorities offered as buttons in a card when a question could be about several. */
export const MAX_CHOICE_BUTTONS = 10;

/** Room kept for a message's citation entity beside a long text (MAX_CITATIONS of about 300 characters each). */
const CITATIONS_ROOM_BYTES = 10_000;

/** The size of `value`'s JSON as Teams counts a message: in UTF-16, two bytes a code unit. */
export function utf16Bytes(value: unknown): number {
  return JSON.stringify(value).length * 2;
}

/** How to render an answer. */
export interface AnswerMessageOptions {
  /** Heading of the card; the answer's authority when not given. */
  cardTitle?: string;
}

/**
 * The message for an answer: its text as Teams markdown, every [n] marker matched by a citation in one citation
 * entity, an Adaptive Card when there are two or more facts, and the authorities as buttons when it is ambiguous.
 */
export function answerMessage(answer: Answer, options: AnswerMessageOptions = {}): Partial<Activity> {
  const ranked = rankCitations(answer, MAX_CITATIONS);
  const cited = new Set<number>();
  // The text is cut short only when it alone would pass the limit, leaving room for the citations.
  const said = clipToBytes(ranked.answer, MAX_MESSAGE_BYTES - CITATIONS_ROOM_BYTES);
  const text = asLines(escapeMarkdown(keepCitedMarkers(said, Math.min(ranked.citations.length, MAX_CITATIONS), cited)));

  const message: Partial<Activity> = {
    type: 'message',
    text,
    textFormat: 'markdown',
    channelData: { feedbackLoop: { type: 'default' } },
  };
  if (cited.size) message.entities = [citationEntity(ranked.citations, cited)];
  const choices = ranked.status === 'ambiguous' ? (ranked.choices ?? []) : [];
  const buttons = choices.slice(0, MAX_CHOICE_BUTTONS).map((choice) => questionButton(choice, choice));
  if (ranked.facts.length >= 2) {
    // The card's budget in UTF-8 bytes: a character takes at least half as many bytes in UTF-8 as Teams counts.
    const budget = Math.min(MAX_CARD_BYTES, Math.floor((MAX_MESSAGE_BYTES - utf16Bytes(message)) / 2));
    const { card, bytes } = sizedAnswerCard(ranked, options.cardTitle, budget);
    // When even the heading does not fit beside a very long text, the text alone still gets through.
    if (bytes <= budget) {
      // Teams shows no suggested actions on a message with a card: the choices go inside it.
      message.attachments = [buttons.length ? withCardButtons(card, buttons) : card];
      return message;
    }
  }
  // Choices come as a card's buttons, never as suggested actions: Teams shows those in personal chats only, and
  // the Agents Playground shows a message that has them without its markdown and citations.
  if (buttons.length) message.attachments = [choicesCard(buttons)];
  return message;
}

/**
 * A card button that asks `question`: its data arrives as the message's value, read as the question, and the answer
 * says what was asked. Not Teams' imBack (`msteams` in the data), which the Agents Playground's card renderer throws
 * on, so that the button does nothing there.
 */
export function questionButton(title: string, question: string): CardElement {
  return { type: 'Action.Submit', title, data: { question } };
}

/** A small card of buttons, for more choices than Teams shows as suggested actions. */
function choicesCard(buttons: CardElement[]): Attachment {
  // One action set per choice stacks the buttons, so long names are not cut short side by side.
  return adaptiveCard(buttons.map((b): CardElement => ({ type: 'ActionSet', actions: [b] })));
}

/**
 * The message as text alone, its sources written out under it: for a connector that refused its citation entity or
 * card. Held under MAX_MESSAGE_BYTES.
 */
export function withSourcesWrittenOut(message: Partial<Activity>): Partial<Activity> {
  const claims = (message.entities ?? []).flatMap((e) => ((e as Partial<CitationEntity>).citation ?? []));
  const lines = claims.map((c) => {
    const { name, abstract, url } = c.appearance;
    return `${c.position}. ${markdownText(name)}: “${markdownText(abstract)}”${url ? ` ${markdownLink('Open the document', url)}` : ''}`;
  });
  const text = lines.length ? `${message.text ?? ''}\n\nSources:\n\n${lines.join('\n\n')}` : (message.text ?? '');
  return { type: 'message', text: clipToBytes(text, MAX_MESSAGE_BYTES), textFormat: 'markdown' };
}

/** The message's text alone, without its [n] markers: the last form tried when a connector refuses the others. */
export function textAlone(message: Partial<Activity>): Partial<Activity> {
  const text = (message.text ?? '').replace(/\s*\[\d+\]/g, '');
  return { type: 'message', text: clipToBytes(text, MAX_MESSAGE_BYTES), textFormat: 'markdown' };
}

/** `text` cut at a line or word so that a message holding it stays under `max` bytes as Teams counts. */
function clipToBytes(text: string, max: number): string {
  // Room for the message's other fields and JSON escapes.
  const room = Math.floor((max - 400) / 2);
  const escaped = JSON.stringify(text).length - 2;
  if (escaped <= room) return text;
  let cut = text.slice(0, Math.floor(room * text.length / escaped));
  const space = cut.search(/\s\S*$/);
  if (space > cut.length / 2) cut = cut.slice(0, space);
  return `${cut}…`;
}

/**
 * `text` without the [n] markers that no citation 1…`available` stands behind, each removed with the space before it;
 * the numbers of the markers kept are added to `cited`.
 */
function keepCitedMarkers(text: string, available: number, cited: Set<number>): string {
  let out = '';
  let end = 0;
  // The space of a removed marker, owed to a kept marker right after it: "2019 [0][3]" gives "2019 [3]".
  let owed = '';
  for (const m of text.matchAll(/(\s*)\[(\d+)\]/g)) {
    const space = m[1] ?? '';
    const n = Number(m[2]);
    if (m.index !== end) owed = '';
    out += text.slice(end, m.index);
    end = m.index + m[0].length;
    if (n >= 1 && n <= available) {
      cited.add(n);
      out += `${space || owed}[${n}]`;
      owed = '';
    } else {
      owed = space || owed;
    }
  }
  return (out + text.slice(end)).trim();
}

/**
 * A list's "- " items as short paragraphs of their own starting "• ": the Agents Playground shows a citation marker
 * inside a markdown list item as the bare "[1]", not as the citation it points at, and runs lines broken by one
 * newline together.
 */
export function asLines(text: string): string {
  return text.replace(/\n*^- /gm, '\n\n• ').replace(/^\n+/, '');
}

/**
 * Text from a user or a document as Teams markdown shows it, as written: `\`, `*`, `_`, backtick, `~`, `[` and `]`
 * escaped with a backslash (so no link, image, emphasis or code starts in it), `#` escaped at the start of a line,
 * `<` and `>` written as entities (so no HTML and no autolink).
 */
export function markdownText(text: string): string {
  return text
    .replace(/[\\*_`~[\]]/g, (c) => `\\${c}`)
    .replace(/^(\s*)#/gm, '$1\\#')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A citation marker the answer engine writes: "[1]". */
const MARKER = /\[\d+\]/g;

/**
 * An answer's text made safe to send as Teams markdown: everything but its [n] markers as markdownText escapes it.
 * The markers stay as they are, except that none may become part of a link: a `(` or `:` right after a marker (a
 * link's address, a link definition) is escaped.
 */
export function escapeMarkdown(text: string): string {
  let out = '';
  let end = 0;
  for (const m of text.matchAll(MARKER)) {
    out += markdownText(text.slice(end, m.index));
    end = m.index + m[0].length;
    out += text[end] === '(' || text[end] === ':' ? `${m[0]}\\` : m[0];
  }
  return out + markdownText(text.slice(end));
}
