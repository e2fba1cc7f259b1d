import { parseQuestion } from '../../src/answer/parseQuestion';
import { matchingEvents } from '../../src/answer/selectEvents';
import type { Area, Grade, InspectionEvent } from '../../src/timeline/types';
import { directory } from '../helpers';

const EV = { file: 'medway.pdf', passage: 'medway.pdf#0', start: 0, end: 10 };

/** A standard inspection of Medway on the given dates with the given judgements. */
function inspection(id: string, from: { year: number; month: number; day: number }, grades: [Area, Grade][]): InspectionEvent {
  return {
    id, authority: 'Medway', kind: 'standard', theme: null, number: null, final: null,
    occurred: [{ start: from, end: from, text: `${from.day}/${from.month}/${from.year}`, relative: false, evidence: EV }],
    published: [], notPublished: null, judgements: grades.map(([area, grade]) => ({ area, grade, evidence: EV })),
    people: [], focus: [], improvements: [], improvementCount: null, vague: null, after: null, mentions: [EV],
  };
}

describe('selectEvents', () => {
  describe('matchingEvents', () => {
    const before = inspection('a', { year: 2022, month: 3, day: 7 }, [['overall', 'good'], ['help and protection', 'inadequate']]);
    const after = inspection('b', { year: 2026, month: 6, day: 8 }, [['leaders', 'requires improvement'], ['help and protection', 'inadequate'], ['care leavers', 'requires improvement']]);
    const ask = (question: string): string[] => {
      const q = parseQuestion(question, { authorities: directory(), onRecord: ['Medway'] });
      return matchingEvents([before, after], q, 'Medway').map((e) => e.id);
    };

    it.each([
      ['matches an inspection after the April 2026 reform by any of its four judgements', 'Has Medway ever been judged inadequate?', ['b']],
      ['matches one before the reform by its overall grade only', 'When was Medway judged good?', ['a']],
      ['matches neither when no judgement has the grade', 'When was Medway judged outstanding?', []],
    ])('%s', (_name, question, ids) => {
      expect(ask(question)).toEqual(ids);
    });
  });
});
