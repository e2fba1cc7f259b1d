import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { answerQuestion, answerTurn } from '../../src/answer/answerQuestion';
import { parseQuestion } from '../../src/answer/parseQuestion';
import { DEFAULT_NEWS_MONTHS } from '../../src/answer/whatsNew';
import { cardHeading } from '../../src/teams/answerCard';
import { directory, openFresh } from '../helpers';
import { NEWS_ROWS, writeNewsCorpus } from './newsCorpus';

const DATA = join(__dirname, '../../data');
let dir: string;

beforeAll(() => {
  dir = writeNewsCorpus();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const parse = (text: string) => parseQuestion(text, { authorities: directory(), onRecord: ['Worcestershire', 'Kent', 'Luton'], newest: { year: 2025, month: 11, day: 30 } });

/** The list rows of an answer ("- …"). */
const rows = (text: string): string[] => text.split('\n').filter((l) => l.startsWith('- '));

describe('whatsNew', () => {
  describe('parseQuestion', () => {
    it.each([
      ["what's new?", null],
      ['whats new for Worcestershire since March?', null],
      ['What is new in 2025?', null],
      ['anything new since the last visit?', 'visit'],
      ['anything new for Kent since our last inspection?', 'inspection'],
      ['Any news for Luton?', null],
      ['any new monitoring visits?', null],
    ])('reads “%s” as asking what is new (counting from the last %s)', (text, after) => {
      const q = parse(text);
      expect(q.news).not.toBeNull();
      expect(q.news?.after?.label ?? null).toBe(after);
    });

    it.each([
      ['Which councils have been inspected under the new framework?'],
      ['what new services did inspectors say had been set up since the pandemic?'],
      ['What is the latest inspection of Kent?'],
      ['When was the report published? the news just says this month'],
    ])('does not read “%s” as asking what is new', (text) => {
      expect(parse(text).news).toBeNull();
    });

    it('reads a month without a year as the latest before the newest source, only in a question of what is new', () => {
      expect(parse('whats new for Kent since March?').since).toEqual({ year: 2025, month: 3 });
      expect(parse('how many visits to Kent since March?').since).toBeNull();
    });
  });

  describe('whatsNewAnswer', () => {
    it(`lists across all authorities, newest first, what is dated in the ${DEFAULT_NEWS_MONTHS} months to the newest source`, async () => {
      const index = await openFresh(dir);
      const a = answerQuestion(index, "what's new?");
      expect(a.status).toBe('answered');
      expect(a.answer.split('\n')[0]).toBe('What is new across all authorities in the 3 months to 30 November 2025, the date of the newest source on record (3 events, newest first):');
      expect(rows(a.answer)).toEqual([
        '- Dorset: short inspection 10 to 14 November 2025, good, report published on 28 November 2025 [1]',
        '- Rutland: short inspection 8 to 12 September 2025, good, report published on 24 October 2025 [2]',
        // Held in July, before the period; its report came out in it.
        '- Kent: standard inspection 7 to 18 July 2025, requires improvement, report published on 10 September 2025 [3]',
      ]);
      expect(a.facts.map((f) => f.label)).toEqual(['Dorset', 'Rutland', 'Kent']);
      // Every row is cited by its own line of the history, quoted word for word.
      const text = readFileSync(join(dir, 'national-history.csv'), 'utf8');
      expect(a.citations.map((c) => c.quote)).toEqual([NEWS_ROWS[0], NEWS_ROWS[1], NEWS_ROWS[3]]);
      for (const c of a.citations) expect(text).toContain(c.quote);
      expect(a.answer.split('\n\n').pop()).toBe("Ofsted's record as of 30 November 2025.");
      expect(cardHeading(a)).toEqual({ title: 'What is new across all authorities in the 3 months to 30 November 2025, the date of the newest source on record', note: '3 events, newest first.' });
    });

    it('reads "since March" as the March before the newest source, for one authority', async () => {
      const index = await openFresh(dir);
      const a = answerQuestion(index, "what's new for Luton since March?");
      expect(a.status).toBe('answered');
      expect(a.authority).toBe('Luton');
      expect(a.answer).toMatch(/^What is new for Luton since March 2025 \(1 event, newest first\):\n- Standard inspection 3 to 14 March 2025, inadequate, report published on 2 May 2025 \[1\]\n\n/);
    });

    it('says plainly when nothing is new in the period, and what the latest on record is', async () => {
      const index = await openFresh(dir);
      const a = answerQuestion(index, 'anything new for Luton?');
      expect(a.status).toBe('answered');
      expect(a.answer).toBe(
        'Nothing new for Luton is on record in the 3 months to 30 November 2025, the date of the newest source on record. ' +
        'No inspection or visit on record took place or had its report or letter published then. ' +
        'The latest on record is the standard inspection of 3 to 14 March 2025, inadequate, report published on 2 May 2025 [1].\n\n' +
        "Ofsted's record as of 30 November 2025.",
      );
      expect(a.citations[0]!.quote).toBe(NEWS_ROWS[4]);
    });

    it('lists only the kind asked for', async () => {
      const index = await openFresh(dir);
      const a = answerQuestion(index, 'any new short inspections?');
      expect(a.answer.split('\n')[0]).toMatch(/^New short inspections across all authorities in the 3 months to 30 November 2025/);
      expect(a.facts.map((f) => f.label)).toEqual(['Dorset', 'Rutland']);
    });

    it('says the date of the newest document of the authority asked about', async () => {
      const index = await openFresh(dir);
      const a = answerQuestion(index, 'any news for Rutland?');
      expect(rows(a.answer)).toEqual(['- Short inspection 8 to 12 September 2025, good, report published on 24 October 2025 [1]']);
      expect(a.answer.split('\n\n').pop()).toBe("Ofsted's record as of 30 November 2025. The newest document on record for Rutland is dated 1 October 2025.");
    });

    it('counts from the authority’s last visit, citing its date, and lists what came after it, newest first', async () => {
      const index = await openFresh(DATA);
      const a = answerQuestion(index, 'anything new for Worcestershire since the last visit?');
      expect(a.status).toBe('answered');
      const [head, ...listed] = a.answer.split('\n\n')[0]!.split('\n');
      expect(head).toMatch(/^What is new for Worcestershire since its last visit, the seventh monitoring visit of 8 and 9 January 2019 \[1\] \(3 events, newest first\):$/);
      expect(a.citations[0]!.quote).toContain('8 and 9 January 2019');
      expect(listed.map((l) => l.replace(/ \[.*$/, ''))).toEqual([
        '- Standard inspection 15 to 26 May 2023, good, report published on 14 July 2023',
        '- Standard inspection 17 to 28 June 2019, requires improvement, report published on 29 July 2019',
        // The visit's own letter came out after it.
        '- Seventh monitoring visit 8 and 9 January 2019, letter published on 31 January 2019',
      ]);
    });

    it('asks which authority when "since the last visit" names none', async () => {
      const index = await openFresh(DATA);
      const a = answerQuestion(index, 'anything new since the last visit?');
      expect(a.status).toBe('ambiguous');
      expect(a.choices).toContain('Worcestershire');
    });

    it('is never read as a follow-up of the previous answer', async () => {
      const index = await openFresh(dir);
      const first = answerTurn(index, 'When was the last inspection of Rutland?');
      const next = answerTurn(index, 'anything new since then?', { previous: first.turn });
      expect(next.followUp).toBeNull();
      expect(next.answer.answer).toMatch(/^What is new for Rutland in the 3 months to 30 November 2025/);
      expect(next.answer.answer).toContain('About Rutland, the authority of your last question.');
    });
  });
});
