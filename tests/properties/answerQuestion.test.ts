import fc from 'fast-check';
import { answerQuestion, answerTurn } from '../../src/answer/answerQuestion';
import type { Answer } from '../../src/answer/types';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { openFresh, SEED_DIR } from '../helpers';
import { PROPERTY_OPTIONS } from './runs';


let index: CorpusIndex;
beforeAll(async () => {
  index = await openFresh(SEED_DIR);
});

/** Words questions are made of: authorities (on record, not, misspelt), kinds, judgements, dates, follow-ups. */
const WORDS = [
  'when', 'was', 'the', 'last', 'first', 'next', 'previous', 'before', 'after', 'since', 'in', 'of', 'to', 'and', 'or', 'not',
  'who', 'led', 'what', 'how', 'many', 'which', 'list', 'all', 'history', 'it', 'that', 'one', 'third', '7th', 'second',
  'Worcestershire', 'worcs', 'Oxfordshire', 'Barking and Dagenham', 'LBBD', 'Leeds', 'Birmingham', 'Worcestershre', 'Narnia', 'England',
  'inspection', 'ILACS', 'SIF', 'monitoring visit', 'focused visit', 'JTAI', 'inspected', 'judged', 'rated', 'grade',
  'inadequate', 'requires improvement', 'good', 'outstanding', 'overall effectiveness', 'care leavers', 'children in care', 'leadership',
  'improve', 'areas for improvement', 'priority action', 'published', 'letter', 'report', 'focus', 'looked at',
  '2014', '2017', '2019', '2023', '2024', '1999', '2099', 'January 2019', '8 and 9 January 2019', '31/01/2019', '2019-01-08',
  '?', '!', ',', '"', '“', '’', '(', ')', '[1]', '<at>Bot</at>', '&amp;', '\n', '\t', '  ', '👍', 'é', '\u0000', '\uFFFF', '\uD800',
];

/** Questions: arbitrary text of every kind, and text made of the words questions are made of. */
const question: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 14 }).map((words) => words.join(' ')),
  fc.tuple(fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }), fc.string({ maxLength: 20 }), fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }))
    .map(([a, b, c]) => [...a, b, ...c].join(' ')),
);

/** Text with line breaks and runs of spaces read as one space, as the quotes are written. */
const fold = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Checks that an answer is well formed: a known status, text, and every citation quoted word for word. */
function expectWellFormed(answer: Answer): void {
  expect(['answered', 'ambiguous', 'not_found']).toContain(answer.status);
  expect(typeof answer.answer).toBe('string');
  expect(answer.answer.trim()).not.toBe('');
  for (const c of answer.citations) {
    const doc = index.document(c.source);
    if (!doc) throw new Error(`citation of ${JSON.stringify(c.source)}, which is not in the corpus`);
    expect(c.quote.trim()).not.toBe('');
    expect(fold(doc.text)).toContain(fold(c.quote));
  }
  for (const fact of answer.facts) {
    for (const n of fact.citations) expect(n >= 1 && n <= answer.citations.length).toBe(true);
  }
  for (const [, n] of answer.answer.matchAll(/\[(\d+)\]/g)) expect(Number(n)).toBeLessThanOrEqual(answer.citations.length);
}

describe('properties: answer/answerQuestion', () => {
  it('gives a well-formed answer to any text, without throwing', () => {
    fc.assert(fc.property(question, (q) => expectWellFormed(answerQuestion(index, q))), PROPERTY_OPTIONS);
  });

  it('gives a well-formed answer with a default authority, on record or not', () => {
    fc.assert(fc.property(question, fc.constantFrom('Worcestershire', 'Oxfordshire', 'Leeds', 'Not A Place'), (q, authority) => {
      expectWellFormed(answerQuestion(index, q, { authority }));
    }), PROPERTY_OPTIONS);
  });

  it('gives a well-formed answer to any text asked after any other, as a follow-up', () => {
    fc.assert(fc.property(question, question, (first, second) => {
      const before = answerTurn(index, first);
      expectWellFormed(answerTurn(index, second, { previous: before.turn }).answer);
    }), PROPERTY_OPTIONS);
  });
});
