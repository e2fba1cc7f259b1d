import type { Activity, Attachment } from 'botbuilder';
import type { Answer } from '../../src/answer/types';
import { ADAPTIVE_CARD_CONTENT_TYPE, jsonBytes, MAX_CARD_BYTES } from '../../src/teams/answerCard';
import {
  answerMessage, escapeMarkdown, MAX_CHOICE_BUTTONS, MAX_MESSAGE_BYTES, MAX_SUGGESTED_ACTIONS, TEAMS_MAX_MESSAGE_BYTES, utf16Bytes,
} from '../../src/teams/answerMessage';
import { type CitationEntity, citationEntity, MAX_CITATIONS } from '../../src/teams/citationEntity';
import {
  BARKING_IMPROVE_NOT_FOUND, LAST_INSPECTION_AMBIGUOUS, longHistory, manyCitations, WORCESTERSHIRE_HISTORY,
  WORCESTERSHIRE_VISIT_COUNT, WORCESTERSHIRE_VISITS,
} from './answerFixtures';
import { cardNodes, cardProblems } from './cardProblems';

const FIXTURES: [string, Answer][] = [
  ['a list of visits', WORCESTERSHIRE_VISITS],
  ['a count', WORCESTERSHIRE_VISIT_COUNT],
  ['a history', WORCESTERSHIRE_HISTORY],
  ['an ambiguous question', LAST_INSPECTION_AMBIGUOUS],
  ['nothing on record', BARKING_IMPROVE_NOT_FOUND],
  ['300 events', longHistory(300)],
];

function markers(text: string | undefined): number[] {
  return [...new Set([...(text ?? '').matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
}

function positions(message: Partial<Activity>): number[] {
  const entities = (message.entities ?? []) as CitationEntity[];
  return entities.flatMap((e) => e.citation.map((c) => c.position)).sort((a, b) => a - b);
}

function cards(message: Partial<Activity>): Attachment[] {
  return (message.attachments ?? []).filter((a) => a.contentType === ADAPTIVE_CARD_CONTENT_TYPE);
}

/** An answer citing `n` letters, its text marking each one. */
function citingAll(n: number): Answer {
  const citations = manyCitations(n);
  const answer = 'Worcestershire has had ' + citations.map((c, i) => `a visit in ${c.date} [${i + 1}]`).join(', ') + '.';
  return { status: 'answered', answer, authority: 'Worcestershire', facts: [], citations };
}

describe('answerMessage module', () => {
  describe('answerMessage', () => {
    it('makes a markdown message with one citation entity and the feedback buttons', () => {
      const message = answerMessage(WORCESTERSHIRE_VISIT_COUNT);
      expect(message).toMatchObject({
        type: 'message',
        textFormat: 'markdown',
        text: WORCESTERSHIRE_VISIT_COUNT.answer,
        channelData: { feedbackLoop: { type: 'default' } },
      });
      expect(message.entities).toHaveLength(1);
      expect(message.entities![0]).toMatchObject({ type: 'https://schema.org/Message', '@type': 'Message' });
    });

    it.each(FIXTURES)('matches every [n] in the text to a citation and back for %s', (_, answer) => {
      const message = answerMessage(answer);
      expect(positions(message)).toEqual(markers(message.text));
      expect(message.entities?.length ?? 0).toBe(markers(message.text).length ? 1 : 0);
    });

    it.each(FIXTURES)('adds no AI-generated label for %s', (_, answer) => {
      expect(JSON.stringify(answerMessage(answer))).not.toMatch(/additionalType|AIGeneratedContent|usageInfo/);
    });

    it('removes markers beyond MAX_CITATIONS, and the space before them, when there are 25 citations', () => {
      const message = answerMessage(citingAll(25));
      expect(markers(message.text)).toEqual(Array.from({ length: MAX_CITATIONS }, (_, i) => i + 1));
      expect(positions(message)).toEqual(markers(message.text));
      expect(message.text).toContain('a visit in 2000-10 [10], a visit in 2000-11, a visit in 2000-12,');
      expect(message.text).toMatch(/a visit in 2002-01\.$/);
    });

    it.each([
      ['the visit was on 8 and 9 January 2019 [1][4].', 'the visit was on 8 and 9 January 2019 [1].', 'a number past the last citation'],
      ['the visit was on 8 and 9 January 2019 [0][3].', 'the visit was on 8 and 9 January 2019 [1].', 'number 0'],
      ['[9] The last visit was in January 2019 [2].', 'The last visit was in January 2019 [1].', 'a marker that starts the text'],
      ['It was judged good [1] [7] and then [2].', 'It was judged good [1] and then [2].', 'spaced markers'],
      ['Visits: [a], [1a] and [12345678901234567890].', 'Visits: \\[a\\], \\[1a\\] and.', 'things that only look like markers'],
    ])('turns %j into %j (%s)', (text, expected) => {
      const answer = { ...WORCESTERSHIRE_VISITS, answer: text };
      expect(answerMessage(answer).text).toBe(expected);
    });

    it('leaves the entity out when the answer has no citations', () => {
      const message = answerMessage(BARKING_IMPROVE_NOT_FOUND);
      expect(message.entities).toBeUndefined();
      expect(message.text).toBe(BARKING_IMPROVE_NOT_FOUND.answer);
    });

    it('leaves the entity out when no marker is left', () => {
      const answer = { ...BARKING_IMPROVE_NOT_FOUND, answer: 'Nothing on record [3].' };
      const message = answerMessage(answer);
      expect(message.text).toBe('Nothing on record.');
      expect(message.entities).toBeUndefined();
    });

    it('cites only the citations the text marks, numbered from 1 in the order the text cites them', () => {
      const answer = { ...WORCESTERSHIRE_VISITS, answer: 'The last monitoring visit was on 8 and 9 January 2019 [3].' };
      const message = answerMessage(answer);
      expect(positions(message)).toEqual([1]);
      const entity = message.entities![0] as CitationEntity;
      expect(entity.citation[0]!.appearance).toEqual(citationEntity([WORCESTERSHIRE_VISITS.citations[2]!]).citation[0]!.appearance);
      expect(message.text).toBe('The last monitoring visit was on 8 and 9 January 2019 [1].');
    });

    it('keeps the first source of every claim when the claims cite more than MAX_CITATIONS in all', () => {
      // 12 claims of two sources each: the first of each claim is kept before any claim's second.
      const citations = manyCitations(24);
      const answer: Answer = {
        status: 'answered', authority: 'Worcestershire', facts: [], citations,
        answer: Array.from({ length: 12 }, (_, i) => `visit ${i + 1} [${2 * i + 2}][${2 * i + 1}]`).join('; ') + '.',
      };
      const message = answerMessage(answer);
      const entity = message.entities![0] as CitationEntity;
      expect(entity.citation).toHaveLength(MAX_CITATIONS);
      // Every one of the first ten claims keeps exactly one source, the first it named.
      const claims = message.text!.split('; ');
      claims.slice(0, 10).forEach((claim, i) => {
        expect(markers(claim)).toEqual([i + 1]);
        expect(entity.citation[i]!.appearance).toEqual(citationEntity([citations[2 * i + 1]!]).citation[0]!.appearance);
      });
      expect(markers(claims.slice(10).join(' '))).toEqual([]);
    });

    it('numbers the citations in the order the text cites them when they are within MAX_CITATIONS', () => {
      const citations = manyCitations(4);
      const answer: Answer = { status: 'answered', authority: 'Worcestershire', facts: [], citations, answer: 'It was on 8 January [1][3][4]. Its letter came out on 31 January [2].' };
      const message = answerMessage(answer);
      expect(message.text).toBe('It was on 8 January [1][2][3]. Its letter came out on 31 January [4].');
      const entity = message.entities![0] as CitationEntity;
      expect(entity.citation.map((c) => c.appearance)).toEqual([0, 2, 3, 1].map((i) => citationEntity([citations[i]!]).citation[0]!.appearance));
    });

    it('cites a quote given twice once', () => {
      const [a, b] = manyCitations(2);
      const answer: Answer = { status: 'answered', authority: 'Worcestershire', facts: [], citations: [a!, b!, { ...a! }], answer: 'First [1], second [2], first again [3].' };
      const message = answerMessage(answer);
      expect(message.text).toBe('First [1], second [2], first again [1].');
      expect(positions(message)).toEqual([1, 2]);
    });

    it.each([
      ['a history', WORCESTERSHIRE_HISTORY, 1],
      ['a list of visits', WORCESTERSHIRE_VISITS, 1],
      ['a single count', WORCESTERSHIRE_VISIT_COUNT, 0],
      ['nothing on record', BARKING_IMPROVE_NOT_FOUND, 0],
    ])('attaches a card for %s only when there are two or more facts', (_, answer, count) => {
      expect(cards(answerMessage(answer))).toHaveLength(count);
    });

    it('heads the card with the title given', () => {
      const card = cards(answerMessage(WORCESTERSHIRE_HISTORY, { cardTitle: 'Worcestershire: inspection history' }))[0]!;
      expect(card.content.body[0]).toMatchObject({ type: 'TextBlock', text: 'Worcestershire: inspection history' });
    });

    it('offers the authorities as buttons in a card, not as suggested actions, when the question is ambiguous', () => {
      const message = answerMessage(LAST_INSPECTION_AMBIGUOUS);
      // Teams shows suggested actions in personal chats only; the Agents Playground shows their message's text raw.
      expect(message.suggestedActions).toBeUndefined();
      const buttons = cardNodes(cards(message)[0]!.content).filter((n) => n.type === 'Action.Submit');
      expect(buttons).toEqual([
        { type: 'Action.Submit', title: 'Barking and Dagenham', data: { question: 'Barking and Dagenham' } },
        { type: 'Action.Submit', title: 'Oxfordshire', data: { question: 'Oxfordshire' } },
        { type: 'Action.Submit', title: 'Worcestershire', data: { question: 'Worcestershire' } },
      ]);
    });

    it.each([
      ['an answered question with choices', { ...WORCESTERSHIRE_VISITS, choices: ['Oxfordshire'] }],
      ['an ambiguous question with no choices', { ...LAST_INSPECTION_AMBIGUOUS, choices: [] }],
      ['an ambiguous question without choices', { ...LAST_INSPECTION_AMBIGUOUS, choices: undefined }],
    ])('offers no buttons for %s', (_, answer) => {
      const message = answerMessage(answer);
      expect(message.suggestedActions).toBeUndefined();
      expect(cards(message).flatMap((c) => cardNodes(c.content)).filter((n) => n.type === 'Action.Submit')).toEqual([]);
    });

    it(`offers at most ${MAX_CHOICE_BUTTONS} authorities as buttons in a card`, () => {
      const choices = Array.from({ length: 15 }, (_, i) => `Authority ${i + 1}`);
      const message = answerMessage({ ...LAST_INSPECTION_AMBIGUOUS, choices });
      expect(MAX_SUGGESTED_ACTIONS).toBe(3);
      expect(message.suggestedActions).toBeUndefined();
      const buttons = cardNodes(cards(message)[0]!.content).filter((n) => n.type === 'Action.Submit');
      expect(buttons.map((b) => (b.data as { question: string }).question)).toEqual(choices.slice(0, MAX_CHOICE_BUTTONS));
      expect(cardProblems(cards(message)[0]!.content)).toEqual([]);
    });

    it('puts the choices inside the card, not as suggested actions, on a message that carries a card', () => {
      const message = answerMessage({ ...WORCESTERSHIRE_HISTORY, status: 'ambiguous', choices: ['Oxfordshire', 'Kent'] });
      expect(message.suggestedActions).toBeUndefined();
      const card = cards(message)[0]!;
      const actions = (card.content as { actions: { type: string; title: string; data: unknown }[] }).actions;
      expect(actions.slice(-2)).toEqual([
        { type: 'Action.Submit', title: 'Oxfordshire', data: { question: 'Oxfordshire' } },
        { type: 'Action.Submit', title: 'Kent', data: { question: 'Kent' } },
      ]);
    });

    it('counts a message as Teams does, in UTF-16, and holds it under the limit it aims for', () => {
      expect(utf16Bytes({ text: 'ab' })).toBe(2 * '{"text":"ab"}'.length);
      expect(MAX_MESSAGE_BYTES).toBeLessThan(TEAMS_MAX_MESSAGE_BYTES);
      const message = answerMessage({ ...WORCESTERSHIRE_VISIT_COUNT, answer: `${'Worcestershire was inspected. '.repeat(5000)}[1]` });
      expect(utf16Bytes(message)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      expect(message.text).toMatch(/^Worcestershire was inspected\./);
    });

    it('stays under MAX_MESSAGE_BYTES with a valid card for a history of 1,000 events', () => {
      const message = answerMessage(longHistory(1000));
      const card = cards(message)[0]!;
      expect(utf16Bytes(message)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      expect(jsonBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
      expect(cardProblems(card.content)).toEqual([]);
      expect(cardNodes(card.content).some((n) => /\d+ more rows?\b/.test(String(n.text)))).toBe(true);
    });

    it('cuts a text too long for one message, keeping room for its citations and a card', () => {
      const answer = { ...WORCESTERSHIRE_HISTORY, answer: `[1] ${'Worcestershire was inspected. '.repeat(3000)}[2]` };
      const message = answerMessage(answer);
      expect(utf16Bytes(message)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      expect(message.text!.endsWith('…')).toBe(true);
      expect(markers(message.text)).toEqual([1]);
      expect(positions(message)).toEqual([1]);
      expect(cards(message)).toHaveLength(1);
    });

    it('writes a list’s items as lines starting “• ”, not as a markdown list, whose items show no citations', () => {
      const answer = { ...WORCESTERSHIRE_VISITS, answer: 'Visits on record:\n- May 2017 [1]\n- September 2017 [2]\n\nA - dash inside a line stays.' };
      expect(answerMessage(answer).text).toBe('Visits on record:\n\n• May 2017 [1]\n\n• September 2017 [2]\n\nA - dash inside a line stays.');
    });

    it('escapes markdown in the answer but keeps its markers', () => {
      const answer = { ...WORCESTERSHIRE_VISIT_COUNT, answer: "The letter said *much* further progress was needed [1]." };
      expect(answerMessage(answer).text).toBe('The letter said \\*much\\* further progress was needed [1].');
    });
  });

  describe('escapeMarkdown', () => {
    it.each([
      ["Worcestershire's 7 monitoring visits [1][2]", "Worcestershire's 7 monitoring visits [1][2]", 'plain text and markers'],
      ['judged **good**', 'judged \\*\\*good\\*\\*', 'asterisks'],
      ['see 001_2d1bfb7a07081a1a.txt', 'see 001\\_2d1bfb7a07081a1a.txt', 'underscores'],
      ['# Ofsted', '\\# Ofsted', 'a hash at the start'],
      ['first line\n  ## second', 'first line\n  \\## second', 'a hash at the start of a later line'],
      ['item #3 of the plan', 'item #3 of the plan', 'a hash inside a line'],
      ['<b>inadequate</b> > good', '&lt;b&gt;inadequate&lt;/b&gt; &gt; good', 'angle brackets'],
      ['the `code` and C:\\reports', 'the \\`code\\` and C:\\\\reports', 'backticks and backslashes'],
      ['Children’s services – “good”', 'Children’s services – “good”', 'typographic quotes and dashes'],
    ])('escapes %j as %j (%s)', (text, expected) => {
      expect(escapeMarkdown(text)).toBe(expected);
    });
  });
});
