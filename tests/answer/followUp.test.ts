import { answerTurn, type TurnResult } from '../../src/answer/answerQuestion';
import type { PreviousTurn } from '../../src/answer/followUp';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { FIXTURES, openFresh, SEED_DIR } from '../helpers';

/** Asks each question in turn, each read against the one before; returns every turn's result. */
function converse(index: CorpusIndex, questions: string[], authority: string | null = null): TurnResult[] {
  let previous: PreviousTurn | null = null;
  return questions.map((q) => {
    const r = answerTurn(index, q, { authority, previous });
    previous = r.turn;
    return r;
  });
}

describe('followUp', () => {
  let seed: CorpusIndex;
  let varied: CorpusIndex;
  beforeAll(async () => {
    seed = await openFresh(SEED_DIR);
    varied = await openFresh(`${FIXTURES}/varied`);
  });

  describe('readFollowUp', () => {
    it.each([
      // [questions, the last answer must contain, it must not contain, the follow-up kind]
      [['when was the last monitoring visit to Worcestershire?', 'who led it?'], 'Andy Waugh', 'not on record', 'same-event'],
      [['when was the last monitoring visit to Worcestershire?', 'and before that?'], 'October 2018', 'January 2019', 'earlier'],
      [['when was the last monitoring visit to Worcestershire?', 'and before that?', 'the one before?'], 'July 2018', 'October 2018', 'earlier'],
      [['what was Worcestershire judged at its last inspection?', 'what about Oxfordshire?'], 'Oxfordshire', 'Worcestershire', 'other-authority'],
      [['what was Worcestershire judged at its last inspection?', 'and Oxon?'], 'Oxfordshire', 'Worcestershire', 'other-authority'],
      [['when was the last inspection of Oxfordshire?', 'what was the judgement?'], 'good', 'not on record', 'same-event'],
      [['when was the last inspection of Oxfordshire?', 'and before that?'], 'April 2018', 'February 2024', 'earlier'],
      [['when was the last monitoring visit to Worcestershire?', 'what was the judgement?'], 'not graded', 'judged \'good\'', 'same-event'],
    ] as const)('%j → “%s”', (questions, contains, notContains, kind) => {
      const turns = converse(seed, [...questions]);
      const last = turns[turns.length - 1]!;
      expect(last.followUp).toBe(kind);
      expect(last.answer.answer).toContain(contains);
      expect(last.answer.answer).not.toContain(notContains);
    });

    it('reads “was … ever judged inadequate?” after a history as a question of its own, about every inspection', () => {
      const [, ever] = converse(seed, ['show the inspection history of Worcestershire', 'was Worcestershire ever judged inadequate?']);
      expect(ever!.followUp).toBeNull();
      expect(ever!.answer.answer).toMatch(/^Worcestershire was judged 'inadequate' at the single inspection \(2016\)/);
    });

    it('answers the pending question for the authority named next when the last answer asked which one', () => {
      const [first, second] = converse(seed, ['when was the last inspection?', 'Oxfordshire']);
      expect(first!.answer.status).toBe('ambiguous');
      expect(second!.followUp).toBe('other-authority');
      expect(second!.answer.status).toBe('answered');
      expect(second!.answer.answer).toContain('February 2024');
    });

    it('says an authority with no documents is not on record when a follow-up names it', () => {
      const [, second] = converse(seed, ['when was the last monitoring visit to Worcestershire?', 'what about Leeds?']);
      expect(second!.answer.status).toBe('not_found');
      expect(second!.answer.answer).toContain('Leeds');
    });

    it.each([
      ['a question that names its own kind of event', 'when was the last focused visit to Worcestershire?'],
      ['a question with its own period', 'what was Worcestershire judged in 2023?'],
      ['a question about another authority', 'who led the last inspection of Oxfordshire?'],
    ])('reads %s on its own', (_, question) => {
      const [, second] = converse(seed, ['when was the last monitoring visit to Worcestershire?', question]);
      expect(second!.followUp).toBeNull();
    });

    it('reads a follow-up that names an authority with a slip as asking about it, and says how it was read', () => {
      const [, second] = converse(seed, ['what was Worcestershire judged at its last inspection?', 'what about Oxfordsire?']);
      expect(second!.followUp).toBe('other-authority');
      expect(second!.answer.authority).toBe('Oxfordshire');
      expect(second!.answer.answer).toContain("Oxfordshire was judged 'good'");
      expect(second!.answer.answer).toMatch(/\n\nTaking Oxfordshire for “Oxfordsire”\.\n\nThe newest document on record for Oxfordshire is dated 20 May 2024\.$/);
    });

    it('never answers a question naming an authority it cannot read about the previous one', () => {
      const [, second] = converse(seed, ['when was the last monitoring visit to Worcestershire?', 'what about narnia?']);
      expect(second!.answer.status).toBe('not_found');
      expect(second!.answer.authority).toBeNull();
      expect(second!.answer.answer).toMatch(/^narnia is not an English children's services authority/);
    });

    it('offers the authorities a name could be, and answers the question for the one chosen', () => {
      const [first, second] = converse(seed, ['when was Cumbria last inspected?', 'Cumberland']);
      expect(first!.answer.status).toBe('ambiguous');
      expect(first!.answer.choices).toEqual(['Cumberland', 'Westmorland and Furness']);
      expect(second!.followUp).toBe('other-authority');
      expect(second!.answer.status).not.toBe('ambiguous');
      expect(second!.answer.authority).toBe('Cumberland');
    });

    it('says when a question that names no authority is answered about the one of the last question', () => {
      const turns = converse(seed, ['when was the last monitoring visit to Worcestershire?', 'how many monitoring visits have there been?', 'who led the last inspection of Oxfordshire?']);
      expect(turns[1]!.followUp).toBeNull();
      expect(turns[1]!.answer.answer).toMatch(/\n\nAbout Worcestershire, the authority of your last question\.$/);
      // Named in the question, or a follow-up about the event just answered: nothing to say.
      expect(turns[2]!.answer.answer).not.toContain('your last question');
      expect(converse(seed, ['when was the last monitoring visit to Worcestershire?', 'who led it?'])[1]!.answer.answer).not.toContain('your last question');
      // The caller's own default, with no question before it.
      expect(converse(seed, ['how many monitoring visits have there been?'], 'Worcestershire')[0]!.answer.answer).not.toContain('your last question');
    });

    it('answers "thanks" and "👍" briefly, and the question before them stays the one to follow up', () => {
      const turns = converse(seed, ['when was the last monitoring visit to Worcestershire?', 'thanks', '👍', 'and before that?']);
      for (const t of [turns[1]!, turns[2]!]) {
        expect(t.answer.answer).toBe('Glad to help. Ask another question whenever you like.');
        expect(t.answer.citations).toEqual([]);
      }
      expect(turns[3]!.followUp).toBe('earlier');
      expect(turns[3]!.answer.answer).toContain('October 2018');
    });

    it('reads nothing as a follow-up when there is no previous question', () => {
      const [only] = converse(seed, ['who led it?'], 'Worcestershire');
      expect(only!.followUp).toBeNull();
    });

    it('keeps the authority of the previous question for a question that names none', () => {
      const turns = converse(varied, ['how many monitoring visits has Sandwell had?', 'when was the last one?']);
      expect(turns[1]!.answer.authority).toBe('Sandwell');
    });

    it('remembers the event a not-on-record answer was about, so "before that" still moves back', () => {
      const turns = converse(seed, ['who led the sixth monitoring visit to Worcestershire?', 'and before that?']);
      expect(turns[0]!.turn.eventIds).toHaveLength(1);
      expect(turns[1]!.answer.answer).toContain('July 2018');
    });
  });
});
