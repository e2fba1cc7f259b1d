/** An Answer as a Teams message: markdown text with [n] markers, the citations they point at, and a card of rows. */
import type { Activity, SuggestedActions } from 'botbuilder';
import type { Answer } from '../answer/types';
import { jsonBytes, MAX_CARD_BYTES, sizedAnswerCard } from './answerCard';
import { citationEntity, MAX_CITATIONS } from './citationEntity';

/** Largest whole message, in bytes of JSON (UTF-8): Teams refuses messages above about 28 KB. */
export const MAX_MESSAGE_BYTES = 28_000;
/** Most authorities offered as buttons when a question is ambiguous. */
export const MAX_SUGGESTED_ACTIONS = 10;

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
  const cited = new Set<number>();
  const text = escapeMarkdown(keepCitedMarkers(answer.answer, Math.min(answer.citations.length, MAX_CITATIONS), cited));

  const message: Partial<Activity> = {
    type: 'message',
    text,
    textFormat: 'markdown',
    channelData: { feedbackLoop: { type: 'default' } },
  };
  if (cited.size) message.entities = [citationEntity(answer.citations, cited)];
  if (answer.status === 'ambiguous' && answer.choices?.length) {
    const actions = answer.choices.slice(0, MAX_SUGGESTED_ACTIONS)
      .map((choice) => ({ type: 'imBack', title: choice, value: choice }));
    // The schema types `to` as required, but botbuilder's own MessageFactory leaves it out, showing them to all.
    message.suggestedActions = { actions } as SuggestedActions;
  }
  if (answer.facts.length >= 2) {
    const budget = Math.min(MAX_CARD_BYTES, MAX_MESSAGE_BYTES - jsonBytes(message));
    const { card, bytes } = sizedAnswerCard(answer, options.cardTitle, budget);
    // When even the heading does not fit beside a very long text, the text alone still gets through.
    if (bytes <= budget) message.attachments = [card];
  }
  return message;
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
 * `text` made safe to send as Teams markdown: `*`, `_`, and backtick escaped, `#` escaped at the start of a
 * line, `<` and `>` written as entities. [n] markers are kept as they are.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_`]/g, (c) => `\\${c}`)
    .replace(/^(\s*)#/gm, '$1\\#')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
