import { resolve } from 'node:path';
import { answerTurn } from '../../src/answer/answerQuestion';
import { LookupInvokes } from '../../src/bot/lookupInvokes';
import { QUERY_PARAMETER, SEARCH_COMMAND_ID, searchQueryResponse } from '../../src/bot/messageExtension';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { HISTORY_COLUMNS } from '../../src/corpus/inspectionHistory';
import { AUTHORITY_DATASET } from '../../src/teams/lookupCard';
import { monthNumber } from '../../src/timeline/dates';
import { gradeOf, ungradedReason } from '../../src/timeline/historyEvents';
import { openFresh, SEED_DIR } from '../helpers';

/** The bundled data: the reports and the national history, as the bot serves them. */
const DATA_DIR = resolve(__dirname, '../../data');

/** Every name an object inherits: a table keyed by user words that reads one of them returns no word of its own. */
const NAMES = Object.getOwnPropertyNames(Object.prototype);

/** Questions that carry a name alone, as an authority, and among ordinary words. */
const questions = (name: string): string[] => [
  name,
  `${name}?`,
  `when was ${name} last inspected?`,
  `What was ${name}'s last Ofsted judgement?`,
  `who led the ${name} monitoring visit in 2019?`,
  `what did Ofsted say Worcestershire must ${name}?`,
  `how many ${name} visits has Oxfordshire had since 2019`,
  `${name} ${name} inadequate care leavers`,
];

describe('properties: words an object inherits', () => {
  let indexes: [string, CorpusIndex][];
  beforeAll(async () => {
    indexes = [['reports', await openFresh(SEED_DIR)], ['reports and history', await openFresh(DATA_DIR)]];
  });

  it('answers every Object.prototype name, alone and inside a question, as a first question and a follow-up', () => {
    for (const [what, index] of indexes) {
      const before = answerTurn(index, 'when was the last inspection of Worcestershire?');
      for (const name of NAMES) {
        for (const q of questions(name)) {
          for (const previous of [undefined, before.turn]) {
            let answer;
            try {
              answer = answerTurn(index, q, previous ? { previous } : {}).answer;
            } catch (e) {
              throw new Error(`${what}: ${JSON.stringify(q)}${previous ? ' (a follow-up)' : ''} threw ${(e as Error).message}`, { cause: e });
            }
            expect(['answered', 'ambiguous', 'not_found']).toContain(answer.status);
            expect(answer.answer).not.toMatch(/function|\[object /);
          }
        }
      }
    }
  });

  it('reads no Object.prototype name as a grade, a special value or a month', () => {
    for (const name of NAMES) {
      expect({ name, grade: gradeOf(name), month: monthNumber(name) }).toEqual({ name, grade: null, month: undefined });
    }
    // A history of our own writing whose one row names each inherited word as its overall grade.
    const header = `${HISTORY_COLUMNS.join(',')}\n`;
    for (const name of NAMES) {
      const row = `1,Worcestershire,,,2019-01-01,ILACS,A Person,2018-12-01,2018-12-05,${name},,,,\n`;
      expect({ name, reason: ungradedReason(header + row, header.length, 'overall') }).toEqual({ name, reason: 'blank' });
    }
  });

  it('searches the message extension and the typeahead for every Object.prototype name', () => {
    for (const [what, index] of indexes) {
      const lookups = new LookupInvokes(index);
      for (const name of NAMES) {
        for (const text of [name, `worcestershire ${name} 2019`]) {
          const log: string[] = [];
          const found = searchQueryResponse(index, { commandId: SEARCH_COMMAND_ID, parameters: [{ name: QUERY_PARAMETER, value: text }] }, (l) => log.push(l));
          expect(found.composeExtension).toBeDefined();
          expect(log).toEqual([]);
          const typed = lookups.search({ queryText: text, dataset: AUTHORITY_DATASET });
          expect({ what, text, status: typed.status }).toEqual({ what, text, status: 200 });
        }
      }
    }
  });
});
