import { join } from 'node:path';
import { answerQuestion } from '../../src/answer/answerQuestion';
import { CHAT_ROWS } from '../../src/answer/nationalAnswer';
import { FIXTURES, openFresh } from '../helpers';

const HISTORY = join(__dirname, '../../data/history');
const SAMPLE = join(FIXTURES, 'history');

describe('nationalAnswer', () => {
  describe('authoritiesAnswer', () => {
    it('counts each authority by its latest graded inspection only', async () => {
      const index = await openFresh(SAMPLE);
      // Bournemouth, Christchurch and Poole was inadequate in 2021 and requires improvement since; Norfolk is now.
      const a = answerQuestion(index, 'Which councils are inadequate now?');
      expect(a.status).toBe('answered');
      expect(a.facts.map((f) => f.label)).toEqual(['Norfolk']);
      expect(a.answer).toMatch(/^1 authority is judged inadequate overall at its latest graded inspection on record: Norfolk/);
    });

    it('counts "have been judged" over every inspection on record', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'Which councils have been judged inadequate?');
      expect(a.facts.map((f) => f.label)).toEqual(['Bournemouth, Christchurch and Poole', 'Norfolk']);
    });

    it('leaves out an authority last inspected after the reform, and says why', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'Which authorities are judged outstanding?');
      expect(a.facts.map((f) => f.label)).toEqual(['Camden', 'Derby', 'Wiltshire']);
      expect(a.answer).toContain('1 authority was last inspected on or after 1 April 2026, under the framework that gives no overall effectiveness grade, so it is not counted: Blackpool.');
    });

    it('answers for one judgement area when the question names it', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'Which councils have care leavers judged outstanding?');
      expect(a.facts.map((f) => f.label)).toEqual(['Blackpool', 'Camden', 'Derby', 'Wiltshire']);
    });

    it(`writes ${CHAT_ROWS} rows in chat and keeps every row as a fact for the card`, async () => {
      const index = await openFresh(HISTORY);
      const a = answerQuestion(index, 'Which councils are judged outstanding?');
      expect(a.facts.length).toBeGreaterThan(CHAT_ROWS);
      expect(a.answer).toContain(`and ${a.facts.length - CHAT_ROWS} more authorities (all ${a.facts.length} are listed in the card)`);
      const labels = a.facts.map((f) => f.label);
      expect(labels).toEqual([...labels].sort((x, y) => x.localeCompare(y)));
      for (const f of a.facts) expect(f.citations.length).toBeGreaterThan(0);
    });
  });

  describe('nationalEventsAnswer', () => {
    it('lists events of a kind held in a year across all authorities, in date order', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'list the short inspections in 2025');
      // Leicester's inspection of September 2024, published in 2025, was not held in 2025.
      expect(a.facts.map((f) => f.label)).toEqual(['Camden', 'Derby']);
      expect(a.answer).toMatch(/^The short inspections in 2025 on record across all authorities, 2 in all, in date order: Camden, 3 to 7 March 2025 \(outstanding\)/);
    });

    it('counts them', async () => {
      const index = await openFresh(SAMPLE);
      expect(answerQuestion(index, 'How many standard inspections were there in 2019?').answer)
        .toMatch(/^1 standard inspection in 2019 is on record across all authorities: Wiltshire, 3 to 14 June 2019 \(good\)/);
    });

    it('says when there are none', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'list the monitoring visits in 2024');
      expect(a.status).toBe('not_found');
      expect(a.answer).toBe('No monitoring visit in 2024 of any authority is on record.');
    });
  });

  describe('questions without an authority', () => {
    it('asks which authority, listing only those with papers of their own when there are many', async () => {
      const index = await openFresh(HISTORY);
      const a = answerQuestion(index, 'who led the last inspection?');
      expect(a.status).toBe('ambiguous');
      expect(a.answer).toContain('Any of the 153 authorities on record can be named.');
      expect(a.choices).toEqual([]);
    });

    it('says a name is no English children\'s services authority, with the closest names', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'What was Narnia judged?');
      expect(a.status).toBe('not_found');
      expect(a.answer).toMatch(/^Narnia is not an English children's services authority\. Did you mean /);
    });
  });
});
