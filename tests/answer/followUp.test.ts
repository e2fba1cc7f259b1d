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
