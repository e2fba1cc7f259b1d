import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { answerQuestion } from '../../src/answer/answerQuestion';
import { historyNote, newestDocumentNote, newestSourceDate } from '../../src/answer/freshness';
import { cardHeading } from '../../src/teams/answerCard';
import { openFresh, SEED_DIR } from '../helpers';
import { writeNewsCorpus } from './newsCorpus';

const DATA = join(__dirname, '../../data');
let dir: string;

beforeAll(() => {
  dir = writeNewsCorpus();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The answer's last paragraph: where the notes of how fresh it is stand. */
const closing = (text: string): string => text.split('\n\n').pop()!;

describe('freshness', () => {
  describe('historyNote', () => {
    it('gives the date of the national history an answer cites, from its catalog, not the clock', async () => {
      const index = await openFresh(dir);
      const a = answerQuestion(index, 'What was Kent judged?');
      expect(a.citations.map((c) => c.source)).toEqual(['national-history.csv']);
      expect(historyNote(index, a)).toBe("Ofsted's record as of 30 November 2025.");
      // Kent has no document of its own: no newest document to speak of.
      expect(closing(a.answer)).toBe("Ofsted's record as of 30 November 2025.");
    });

    it('says nothing of the national record in an answer that does not cite it', async () => {
      const seed = await openFresh(SEED_DIR);
      const a = answerQuestion(seed, 'When was the last monitoring visit to Worcestershire?');
      expect(a.status).toBe('answered');
      expect(a.answer).not.toContain("Ofsted's record");
      expect(closing(a.answer)).toBe('The newest document on record for Worcestershire is dated 27 September 2023.');
    });
  });

  describe('newestDocumentNote', () => {
    it('dates the newest document of an authority, leaving out the national history, which is about none', async () => {
      const index = await openFresh(dir);
      expect(newestSourceDate(index)).toEqual({ year: 2025, month: 11, day: 30 });
      expect(newestDocumentNote(index, 'Rutland')).toBe('The newest document on record for Rutland is dated 1 October 2025.');
      expect(newestDocumentNote(index, 'Kent')).toBeNull();
    });
  });

  describe('answers', () => {
    it.each([
      ['When was the last inspection of Rutland?'],
      ['What was Rutland judged?'],
      ['Who led the latest inspection of Rutland?'],
    ])('ends an answer about the latest of an authority with both dates: %s', async (question) => {
      const index = await openFresh(dir);
      const a = answerQuestion(index, question);
      expect(a.authority).toBe('Rutland');
      expect(closing(a.answer)).toBe("Ofsted's record as of 30 November 2025. The newest document on record for Rutland is dated 1 October 2025.");
    });

    it.each([
      ['What was Rutland judged in 2019?'],
      ['list the inspections of Rutland'],
      ['How many inspections has Rutland had?'],
    ])('gives only the record’s date where the answer is not about the latest: %s', async (question) => {
      const index = await openFresh(dir);
      const a = answerQuestion(index, question);
      expect(closing(a.answer)).toBe("Ofsted's record as of 30 November 2025.");
    });

    it('puts the note after a list, on a line of its own, and leaves the card heading as the list’s', async () => {
      const index = await openFresh(DATA);
      const a = answerQuestion(index, 'Which councils are inadequate now?');
      const paragraphs = a.answer.split('\n\n');
      expect(paragraphs[0]).toMatch(/^11 authorities are judged inadequate overall at their latest graded inspection on record:\n- /);
      expect(paragraphs[paragraphs.length - 1]).toBe("Ofsted's record as of 20 August 2026.");
      expect(cardHeading(a).title).toBe('Authorities judged inadequate overall at their latest graded inspection (11)');
    });

    it('writes no colon in a note, so an answer without one keeps the heading it had', async () => {
      const index = await openFresh(dir);
      const a = answerQuestion(index, 'When was the last inspection of Rutland?');
      expect(a.answer).not.toContain(':');
      expect(cardHeading(a).title).toBe('Rutland');
    });

    it('adds no note to a question of which authority, nor says how fresh an ambiguous answer is', async () => {
      const index = await openFresh(dir);
      const a = answerQuestion(index, 'When was the last inspection?');
      expect(a.status).toBe('ambiguous');
      expect(a.answer).not.toContain("Ofsted's record as of");
      expect(a.answer).not.toContain('newest document');
    });
  });
});
