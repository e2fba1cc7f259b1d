import type { Citation } from '../../src/answer/types';
import {
  citationEntity, clipOnWord, MAX_CITATION_ABSTRACT, MAX_CITATION_NAME, MAX_CITATIONS, MAX_KEYWORD_LENGTH, MAX_KEYWORDS,
} from '../../src/teams/citationEntity';
import { LAST_INSPECTION_AMBIGUOUS, manyCitations, WORCESTERSHIRE_HISTORY, WORCESTERSHIRE_VISITS } from './answerFixtures';

const SEVEN_VISITS = WORCESTERSHIRE_VISITS.citations[0]!;

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0]!;
}

describe('citationEntity module', () => {
  describe('clipOnWord', () => {
    it.each([
      ['Ofsted monitoring visit', 40, 'Ofsted monitoring visit', 'keeps a text that fits'],
      ['Ofsted monitoring visit', 23, 'Ofsted monitoring visit', 'keeps a text exactly max long'],
      ['To date there have been seven such visits', 20, 'To date there have…', 'cuts before the word that does not fit'],
      ['To date there have been seven such visits', 19, 'To date there have…', 'cuts at a space that falls on the limit'],
      ['in May 2017, September 2017, January 2018', 14, 'in May 2017…', 'drops the comma before the ellipsis'],
      ['Worcestershire', 6, 'Worce…', 'hard-cuts a single over-long word'],
      ['001_2d1bfb7a07081a1a_monitoring_letter.txt', 28, '001_2d1bfb7a07081a1a_monito…', 'hard-cuts a long file name'],
      ['  seven   such\n visits  ', 40, 'seven such visits', 'makes runs of white space single'],
      ['Worcestershire', 1, '…', 'leaves only the ellipsis when max is 1'],
      ['Worcestershire', 0, '', 'gives nothing when max is 0'],
    ])('clips %j to %d as %j: %s', (text, max, expected) => {
      expect(clipOnWord(text, max)).toBe(expected);
    });

    it('is never longer than max and, when it clips, ends on a word boundary with an ellipsis', () => {
      const text = SEVEN_VISITS.quote;
      for (let max = 1; max <= text.length + 5; max++) {
        const clipped = clipOnWord(text, max);
        expect(clipped.length).toBeLessThanOrEqual(max);
        if (clipped === text) continue;
        expect(clipped.endsWith('…')).toBe(true);
        const body = clipped.slice(0, -1);
        expect(text.startsWith(body)).toBe(true);
        // The first word, "To", is short: every clip past it stops at a word's end.
        if (max > 3) expect({ max, next: /^[\s,.]/.test(text.slice(body.length)) }).toEqual({ max, next: true });
      }
    });
  });

  describe('citationEntity', () => {
    it('gives exactly one schema.org Message root with a numbered Claim per citation', () => {
      const entity = citationEntity(WORCESTERSHIRE_VISITS.citations);
      expect(entity).toMatchObject({
        type: 'https://schema.org/Message',
        '@type': 'Message',
        '@context': 'https://schema.org',
        '@id': '',
      });
      expect(entity.citation.map((c) => [c['@type'], c.position, c.appearance['@type']])).toEqual([
        ['Claim', 1, 'DigitalDocument'],
        ['Claim', 2, 'DigitalDocument'],
        ['Claim', 3, 'DigitalDocument'],
      ]);
    });

    it('carries no AI-generated label', () => {
      const json = JSON.stringify(citationEntity(WORCESTERSHIRE_HISTORY.citations));
      expect(json).not.toMatch(/additionalType|AIGeneratedContent|usageInfo/);
    });

    it('keeps the first MAX_CITATIONS (the Agents Playground refuses more than 10) when there are 25 citations', () => {
      const entity = citationEntity(manyCitations(25));
      expect(MAX_CITATIONS).toBe(10);
      expect(entity.citation.map((c) => c.position)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    });

    it('keeps only the positions asked for, numbered as in the answer', () => {
      const entity = citationEntity(manyCitations(25), new Set([2, 5, 21]));
      expect(entity.citation.map((c) => c.position)).toEqual([2, 5]);
      expect(entity.citation[1]!.appearance.name).toContain('letter 5');
    });

    it('clips a 200-character title to MAX_CITATION_NAME on a word boundary', () => {
      const title = 'Inspection of Worcestershire local authority children’s services '.repeat(4).slice(0, 200);
      const { name } = only(citationEntity([{ ...SEVEN_VISITS, title }]).citation).appearance;
      expect(MAX_CITATION_NAME).toBe(80);
      expect(name.length).toBeLessThanOrEqual(80);
      expect(name).toBe('Inspection of Worcestershire local authority children’s services Inspection of…');
    });

    it('clips the real 112-character Worcestershire Children First title', () => {
      const { name } = citationEntity(WORCESTERSHIRE_HISTORY.citations).citation[0]!.appearance;
      expect(name).toBe('Worcestershire Children First – Ofsted Inspection of Worcestershire Local…');
    });

    it.each([
      ['', '001_2d1bfb7a07081a1a.txt', '001_2d1bfb7a07081a1a.txt'],
      ['   ', '001_2d1bfb7a07081a1a.txt', '001_2d1bfb7a07081a1a.txt'],
      ['', '', 'Source 1'],
    ])('names a citation with title %j after its file %j', (title, source, name) => {
      expect(only(citationEntity([{ ...SEVEN_VISITS, title, source }]).citation).appearance.name).toBe(name);
    });

    it('clips a long quote to MAX_CITATION_ABSTRACT, ending on a word boundary', () => {
      const quote = WORCESTERSHIRE_VISITS.citations[2]!.quote;
      expect(quote.length).toBeGreaterThan(160);
      const { abstract } = only(citationEntity([{ ...SEVEN_VISITS, quote }]).citation).appearance;
      expect(MAX_CITATION_ABSTRACT).toBe(160);
      expect(abstract.length).toBeLessThanOrEqual(160);
      expect(abstract).toBe('which took place on 8 and 9 January 2019 and focused on the local authority\'s arrangements for ' +
        'the protection of children and young people vulnerable to child…');
    });

    it('keeps a short quote whole', () => {
      expect(only(citationEntity([SEVEN_VISITS]).citation).appearance.abstract).toBe(SEVEN_VISITS.quote);
    });

    it('gives the date, paragraph and file name as keywords', () => {
      expect(only(citationEntity([SEVEN_VISITS]).citation).appearance.keywords)
        .toEqual(['6 March 2019', 'para 4', '001_2d1bfb7a07081a1a.txt']);
    });

    it.each<[string, Partial<Citation>, string[] | undefined]>([
      ['a month-only date', { date: '2019-03' }, ['March 2019', 'para 4', '001_2d1bfb7a07081a1a.txt']],
      ['no date', { date: null }, ['para 4', '001_2d1bfb7a07081a1a.txt']],
      ['no paragraph', { paragraph: null }, ['6 March 2019', '001_2d1bfb7a07081a1a.txt']],
      ['a paragraph too long for a keyword', { paragraph: 'Appendix 1, section 3.2.1 (b)(ii)' }, ['6 March 2019', '001_2d1bfb7a07081a1a.txt']],
      ['a long file name', { source: '001_monitoring_visit_feedback_march_2019.txt' }, ['6 March 2019', 'para 4', '001_monitoring_visit_feedba…']],
      ['nothing to say', { date: null, paragraph: null, source: '' }, undefined],
    ])('keeps only keywords that fit for %s', (_, change, keywords) => {
      expect(only(citationEntity([{ ...SEVEN_VISITS, ...change }]).citation).appearance.keywords).toEqual(keywords);
    });

    it('never gives more than MAX_KEYWORDS keywords of at most MAX_KEYWORD_LENGTH characters', () => {
      expect([MAX_KEYWORDS, MAX_KEYWORD_LENGTH]).toEqual([3, 28]);
      const all = [...manyCitations(20), ...WORCESTERSHIRE_HISTORY.citations, ...LAST_INSPECTION_AMBIGUOUS.citations];
      for (const { appearance } of citationEntity(all).citation) {
        expect(appearance.keywords?.length ?? 0).toBeLessThanOrEqual(MAX_KEYWORDS);
        for (const k of appearance.keywords ?? []) expect(k.length).toBeLessThanOrEqual(MAX_KEYWORD_LENGTH);
      }
    });

    it.each([
      ['https://example.org/reports/monitoring-visit-7', 'https://example.org/reports/monitoring-visit-7'],
      ['http://example.org/letter.pdf', 'http://example.org/letter.pdf'],
      ['file:///C:/reports/letter.pdf', undefined],
      ['reports/letter.pdf', undefined],
      ['javascript:alert(1)', undefined],
      [null, undefined],
    ])('gives url %j as %j', (url, expected) => {
      expect(only(citationEntity([{ ...SEVEN_VISITS, url }]).citation).appearance.url).toBe(expected);
    });

    it('names a citation by its distinguishing name, and reads a data row by its summary, where they are given', () => {
      const row = '80536,oxfordshire,https://files.ofsted.gov.uk/v1/file/50243682,children\'s services inspection - 09 april 2024.pdf,09/04/24,standard,Nicki Shaw,12/02/2024,23/02/2024,good,good,good,good,good,1';
      const citation: Citation = {
        source: 'history/ilacs-history.csv', title: 'Ofsted children’s services inspections: national history', date: '2026-08-20',
        paragraph: 'line 70', quote: row, url: 'https://files.ofsted.gov.uk/v1/file/50243682',
        name: 'Ofsted’s national inspection record: Oxfordshire',
        summary: 'Oxfordshire, standard inspection 12 to 23 February 2024, good (report published 9 April 2024)', place: 'line 70',
      };
      const { appearance } = only(citationEntity([citation]).citation);
      expect(appearance).toMatchObject({
        name: 'Ofsted’s national inspection record: Oxfordshire',
        abstract: 'Oxfordshire, standard inspection 12 to 23 February 2024, good (report published 9 April 2024)',
        url: 'https://files.ofsted.gov.uk/v1/file/50243682',
      });
      expect(appearance.keywords).toContain('line 70');
      expect(JSON.stringify(appearance)).not.toContain('para line');
    });

    it('clips a long name and summary to their limits', () => {
      const { appearance } = only(citationEntity([{ ...SEVEN_VISITS, name: 'Worcestershire '.repeat(10), summary: 'graded good '.repeat(20) }]).citation);
      expect(appearance.name.length).toBeLessThanOrEqual(MAX_CITATION_NAME);
      expect(appearance.abstract.length).toBeLessThanOrEqual(MAX_CITATION_ABSTRACT);
      expect(appearance.name.startsWith('Worcestershire Worcestershire')).toBe(true);
    });

    it.each<[string, Partial<Citation>, string | undefined]>([
      ['a PDF with the page of its quote', { source: 'ofsted/report.pdf', url: 'https://files.ofsted.gov.uk/v1/file/1', page: 4 }, 'https://files.ofsted.gov.uk/v1/file/1#page=4'],
      ['a PDF whose link has a fragment already', { source: 'report.PDF', url: 'https://example.org/r.pdf#top', page: 2 }, 'https://example.org/r.pdf#page=2'],
      ['a PDF without a page', { source: 'ofsted/report.pdf', url: 'https://files.ofsted.gov.uk/v1/file/1' }, 'https://files.ofsted.gov.uk/v1/file/1'],
      ['a text file with a page', { source: 'minutes.txt', url: 'https://example.org/minutes', page: 3 }, 'https://example.org/minutes'],
    ])('links %s to the page where it can', (_, change, url) => {
      expect(only(citationEntity([{ ...SEVEN_VISITS, ...change }]).citation).appearance.url).toBe(url);
    });

    it('gives the page and paragraph as one keyword where the quote’s page is known', () => {
      expect(only(citationEntity([{ ...SEVEN_VISITS, place: 'page 4, para 4', page: 4 }]).citation).appearance.keywords)
        .toEqual(['6 March 2019', 'page 4, para 4', '001_2d1bfb7a07081a1a.txt']);
    });

    it('gives no citation entries for no citations', () => {
      expect(citationEntity([]).citation).toEqual([]);
    });
  });
});
