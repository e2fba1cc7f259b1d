import { LOOKUP_KINDS, type LookupCriteria, lookupEvents, type LookupResult, lookupSummary } from '../../src/answer/lookupEvents';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { GRADED_KINDS } from '../../src/timeline/types';
import { openFresh, SEED_DIR } from '../helpers';

let index: CorpusIndex;
beforeAll(async () => {
  index = await openFresh(SEED_DIR);
});

const criteria = (c: Partial<LookupCriteria> & { authority: string }): LookupCriteria => ({
  kind: 'any', fromYear: null, toYear: null, words: '', ...c,
});

/** The quotes behind a row, as the result holds them. */
const quotesOf = (result: LookupResult, i: number): string[] => result.rows[i]!.citations.map((n) => result.citations[n - 1]!.quote);

const fold = (s: string): string => s.replace(/\s+/g, ' ');

describe('lookupEvents module', () => {
  describe('lookupEvents', () => {
    it('lists every event of the authority oldest first, with kind, number, dates and judgement', () => {
      const { rows } = lookupEvents(index, criteria({ authority: 'Worcestershire' }));
      expect(rows.map((r) => [r.date, r.label, r.judgement])).toEqual([
        ['2016', 'Single inspection', 'inadequate'],
        ['2017-05', 'Monitoring visit no. 1', null],
        ['2017-09', 'Monitoring visit no. 2', null],
        ['2018-01', 'Monitoring visit no. 3', null],
        ['2018-04', 'Monitoring visit no. 4', null],
        ['2018-07', 'Monitoring visit no. 5', null],
        ['2018-10', 'Monitoring visit no. 6', null],
        ['2019-01-08', 'Monitoring visit no. 7', null],
        ['2019-06', 'Standard inspection', 'requires improvement'],
        ['2023-05-15', 'Standard inspection', 'good'],
      ]);
      const seventh = rows[7]!;
      expect(seventh).toEqual(expect.objectContaining({
        number: 7, held: '8 and 9 January 2019', published: '31 January 2019', lead: 'Andy Waugh', kind: 'monitoring',
      }));
    });

    it('gives the sub-judgements in the framework’s order', () => {
      const { rows } = lookupEvents(index, criteria({ authority: 'Oxfordshire', kind: 'standard', fromYear: 2024, toYear: 2024 }));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.published).toBe('9 April 2024');
      expect(rows[0]!.areas.map((a) => [a.area, a.grade])).toEqual([
        ['leaders', 'good'], ['help and protection', 'good'], ['children in care', 'good'], ['care leavers', 'good'],
      ]);
    });

    it.each([
      ['monitoring visits', 'Worcestershire', 'monitoring', ['2017-05', '2017-09', '2018-01', '2018-04', '2018-07', '2018-10', '2019-01-08']],
      ['single inspections', 'Worcestershire', 'sif', ['2016']],
      ['standard inspections', 'Oxfordshire', 'standard', ['2018-04', '2024-02']],
      ['graded inspections of any framework', 'Barking and Dagenham', 'graded', ['2014', '2019-02']],
      ['focused visits (none on record)', 'Oxfordshire', 'focused', []],
    ] as const)('filters by kind: %s', (_, authority, kind, dates) => {
      const { rows } = lookupEvents(index, criteria({ authority, kind }));
      expect(rows.map((r) => r.date)).toEqual(dates);
      const kinds = LOOKUP_KINDS[kind].kinds ?? [];
      for (const r of rows) expect(kinds).toContain(r.kind);
    });

    it('counts every graded framework as a graded inspection', () => {
      expect(LOOKUP_KINDS.graded.kinds).toEqual([...GRADED_KINDS]);
    });

    it.each([
      ['one year', 2018, 2018, ['2018-01', '2018-04', '2018-07', '2018-10']],
      ['a span', 2017, 2018, ['2017-05', '2017-09', '2018-01', '2018-04', '2018-07', '2018-10']],
      ['a start only', 2019, null, ['2019-01-08']],
      ['an end only', null, 2017, ['2017-05', '2017-09']],
      ['years with none', 2010, 2012, []],
    ] as const)('filters by years: %s', (_, fromYear, toYear, dates) => {
      const { rows } = lookupEvents(index, criteria({ authority: 'Worcestershire', kind: 'monitoring', fromYear, toYear }));
      expect(rows.map((r) => r.date)).toEqual(dates);
    });

    it('keeps the events whose documents mention the words, and quotes the sentences that do', () => {
      const result = lookupEvents(index, criteria({ authority: 'Worcestershire', words: 'sexual exploitation' }));
      expect(result.rows.map((r) => r.eventId)).toEqual(['worcestershire:monitoring:2019-01-08']);
      expect(quotesOf(result, 0).some((q) => /sexual exploitation/.test(q))).toBe(true);
    });

    it('finds the words spelt a little wrong', () => {
      const { rows } = lookupEvents(index, criteria({ authority: 'Worcestershire', words: 'exploitaton' }));
      expect(rows.map((r) => r.eventId)).toEqual(['worcestershire:monitoring:2019-01-08']);
    });

    it('takes a word as written before a near spelling: “leavers” quotes no sentence only about “leaders”', () => {
      const plain = lookupEvents(index, criteria({ authority: 'Oxfordshire', fromYear: 2024 }));
      const result = lookupEvents(index, criteria({ authority: 'Oxfordshire', fromYear: 2024, words: 'leavers' }));
      expect(result.rows.map((r) => r.eventId)).toEqual(['oxfordshire:standard:2024-02']);
      const before = new Set(quotesOf(plain, 0));
      const added = quotesOf(result, 0).filter((q) => !before.has(q));
      expect(added.length).toBeGreaterThan(0);
      for (const q of added) expect(q).toMatch(/\bleavers?\b/i);
    });

    it('needs every word: words that never meet in one event’s documents match nothing', () => {
      const { rows, onRecord } = lookupEvents(index, criteria({ authority: 'Worcestershire', words: 'exploitation dagenham' }));
      expect(rows).toEqual([]);
      expect(onRecord).toHaveLength(10);
    });

    it('ignores words the index does not search for (“the”, “of”)', () => {
      const plain = lookupEvents(index, criteria({ authority: 'Oxfordshire' }));
      const stop = lookupEvents(index, criteria({ authority: 'Oxfordshire', words: 'the of' }));
      expect(stop.rows.map((r) => r.eventId)).toEqual(plain.rows.map((r) => r.eventId));
    });

    it('quotes every source word for word, and names its document and date', () => {
      const result = lookupEvents(index, criteria({ authority: 'Worcestershire', words: '' }));
      // Every event row cites at least one source.
      expect(result.citations.length).toBeGreaterThanOrEqual(result.rows.length);
      expect(result.rows.length).toBe(10);
      for (const c of result.citations) {
        const doc = index.document(c.source);
        expect(doc).toBeDefined();
        expect(fold(doc!.text)).toContain(fold(c.quote));
        expect(c.title).toBe(doc!.title);
        expect(c.date).toBe(doc!.date);
      }
      for (const row of result.rows) {
        expect(row.citations.length).toBeGreaterThan(0);
        const files = [...new Set(row.citations.map((n) => result.citations[n - 1]!.source))];
        expect(row.sources.map((s) => s.file)).toEqual(files);
      }
    });

    it('quotes the date it shows', () => {
      const result = lookupEvents(index, criteria({ authority: 'Worcestershire', kind: 'monitoring', fromYear: 2019, toYear: 2019 }));
      expect(quotesOf(result, 0).some((q) => q.includes('8 and 9 January 2019'))).toBe(true);
      expect(quotesOf(result, 0).some((q) => q.includes('31 January 2019'))).toBe(true);
    });

    it('says what is on record for the authority when nothing matches', () => {
      const result = lookupEvents(index, criteria({ authority: 'Oxfordshire', kind: 'jtai' }));
      expect(result.rows).toEqual([]);
      expect(result.onRecord.map((r) => [r.date, r.label, r.judgement])).toEqual([
        ['2018-04', 'Standard inspection', 'good'],
        ['2024-02', 'Standard inspection', 'good'],
      ]);
      expect(result.onRecord.every((r) => r.citations.length > 0)).toBe(true);
    });

    it('has nothing on record for an authority no document is about, and says which are', () => {
      const result = lookupEvents(index, criteria({ authority: 'Leeds' }));
      expect(result.rows).toEqual([]);
      expect(result.onRecord).toEqual([]);
      expect(result.authoritiesOnRecord).toEqual(['Barking and Dagenham', 'Oxfordshire', 'Worcestershire']);
    });
  });

  describe('lookupSummary', () => {
    it.each([
      [{}, 'inspections and visits'],
      [{ kind: 'monitoring' }, 'monitoring visits'],
      [{ kind: 'jtai', fromYear: 2019, toYear: 2019 }, 'joint targeted area inspections, in 2019'],
      [{ fromYear: 2017, toYear: 2019 }, 'inspections and visits, 2017 to 2019'],
      [{ fromYear: 2017 }, 'inspections and visits, from 2017'],
      [{ toYear: 2019 }, 'inspections and visits, up to 2019'],
      [{ kind: 'graded', words: ' care leavers ' }, 'graded inspections, mentioning “care leavers”'],
    ] as const)('describes %j as “%s”', (c, text) => {
      expect(lookupSummary(criteria({ authority: 'Worcestershire', ...c }))).toBe(text);
    });
  });
});
