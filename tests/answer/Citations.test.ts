import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerQuestion } from '../../src/answer/answerQuestion';
import { Citations, citationLink, citationName, pageAt, sourceKind } from '../../src/answer/Citations';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { openCorpus } from '../../src/search/openCorpus';
import { directory } from '../helpers';

const HEADER = 'urn,local_authority,inspection_link,pdf_filename,publication_date,inspection_framework,inspector_name,' +
  'inspection_start_date,inspection_end_date,overall_effectiveness_grade,impact_of_leaders_grade,help_and_protection_grade,' +
  'in_care_grade,care_leavers_grade,parser_version';
/** Rows as Ofsted's national history writes them, for two counties. */
const ROWS = [
  '90001,rutland,https://example.org/file/7001,children\'s services inspection - 30 june 2023.pdf,30/06/23,standard,Jo Marsh,15/05/2023,26/05/2023,good,good,good,requires improvement,good,1',
  '90001,rutland,https://example.org/file/7000,children\'s services inspection - 01 march 2019.pdf,01/03/19,short,Ray Lund,21/01/2019,25/01/2019,requires improvement,requires improvement,good,requires improvement,inspection_pre_dates_judgement,1',
  '90002,"bournemouth, christchurch & poole",https://example.org/file/7002,children\'s services inspection - 02 may 2025.pdf,02/05/25,,,,,data_unreadable,data_unreadable,data_unreadable,data_unreadable,data_unreadable,1',
];

const TITLE = 'Ofsted inspection of Rutland local authority children’s services';
/** Two Ofsted reports of one title, a letter and a council paper, as their files read. */
const FILES: Record<string, { title: string; kind: string; publisher: string; date: string; url: string | null; text: string }> = {
  'reports/rutland-2023.txt': {
    title: TITLE, kind: 'inspection report', publisher: 'Ofsted', date: '2023-06-30', url: 'https://example.org/file/7001',
    text: 'Inspection of Rutland local authority children’s services\nInspection dates: 15 to 26 May 2023\nLead inspector: Jo Marsh, His Majesty’s Inspector\n\n' +
      'Judgement\nGrade\nOverall effectiveness Good\n\nChildren in care live in stable homes close to their families.',
  },
  'reports/rutland-2019.txt': {
    title: TITLE, kind: 'inspection report', publisher: 'Ofsted', date: '2019-03-01', url: 'https://example.org/file/7000',
    text: 'Inspection of Rutland local authority children’s services\nInspection dates: 21 to 25 January 2019\nLead inspector: Ray Lund, Her Majesty’s Inspector\n\n' +
      'Judgement\nGrade\nOverall effectiveness Requires improvement to be good\n\nChildren in care wait too long for permanent homes.',
  },
  'reports/rutland-letter-2021.txt': {
    title: TITLE, kind: 'inspection report', publisher: 'Ofsted', date: '2021-11-20', url: null,
    text: 'Monitoring visit to Rutland children’s services\n\nDear Director,\n\nThis letter summarises the findings of the monitoring visit on 12 and 13 October 2021.',
  },
  'reports/scrutiny-2023.txt': {
    title: 'Outcome of the inspection of children’s services', kind: 'committee report', publisher: 'Rutland County Council – Scrutiny Panel', date: '2023-09-14', url: null,
    text: 'Outcome of the inspection of children’s services\n\n1. The panel is asked to note the outcome of the inspection held in May 2023.',
  },
};

describe('Citations module', () => {
  let dir: string;
  let index: CorpusIndex;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'citations-'));
    mkdirSync(join(dir, 'history'));
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'history/national.csv'), [HEADER, ...ROWS].join('\n') + '\n');
    writeFileSync(join(dir, 'history/catalog.json'), JSON.stringify([{ file: 'national.csv', title: 'Children’s services inspections: national history', kind: 'national inspection history', date: '2026-01-01' }]));
    for (const [file, d] of Object.entries(FILES)) writeFileSync(join(dir, file), d.text);
    writeFileSync(join(dir, 'reports/catalog.json'), JSON.stringify(Object.entries(FILES).map(([file, d]) => ({
      file: file.replace('reports/', ''), authority: 'Rutland', title: d.title, kind: d.kind, publisher: d.publisher, date: d.date, url: d.url,
    }))));
    index = await openCorpus(dir, directory(), { snapshot: false });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Cites the passage of a file that holds `words`, as answers cite a sentence. */
  function citeWords(words: string, cites = new Citations(index)): Citations {
    const passage = index.corpus.passages.find((p) => p.text.includes(words));
    if (!passage) throw new Error(`no passage holds ${JSON.stringify(words)}`);
    const start = passage.start + passage.text.indexOf(words);
    cites.cite({ file: passage.file, passage: passage.id, start, end: start + words.length });
    return cites;
  }

  describe('a row of the national history', () => {
    it('is named as the national record of its authority and read as a sentence, its quote the row word for word', () => {
      const [c] = citeWords(ROWS[0]!).list;
      expect(c).toMatchObject({
        source: 'history/national.csv',
        quote: ROWS[0],
        name: "Ofsted's national inspection record: Rutland",
        summary: 'Rutland, standard inspection 15 to 26 May 2023, good (report published 30 June 2023)',
        place: 'line 2',
      });
    });

    it.each([
      ['a short inspection', ROWS[1]!, 'Rutland, short inspection 21 to 25 January 2019, requires improvement (report published 1 March 2019)'],
      ['a row without dates or grades it could read', ROWS[2]!, 'Bournemouth, Christchurch and Poole, inspection (report published 2 May 2025)'],
    ])('reads %s as a sentence', (_, row, summary) => {
      expect(citeWords(row).list[0]!.summary).toBe(summary);
    });

    it('is cited so by answers that take facts from it', () => {
      const a = answerQuestion(index, 'when was the last short inspection of Rutland?', { authority: null });
      const row = a.citations.find((c) => c.source === 'history/national.csv');
      expect(row?.quote).toBe(ROWS[1]);
      expect(row?.summary).toMatch(/^Rutland, short inspection 21 to 25 January 2019/);
    });
  });

  describe('names of documents', () => {
    it('tells two reports of one title apart by when the inspection took place', () => {
      const cites = citeWords('Children in care live in stable homes');
      citeWords('Children in care wait too long', cites);
      expect(cites.list.map((c) => c.name)).toEqual([
        'Ofsted inspection of Rutland, May 2023 (report)',
        'Ofsted inspection of Rutland, January 2019 (report)',
      ]);
      expect(cites.list.map((c) => c.title)).toEqual([TITLE, TITLE]);
    });

    it('names a letter by its own heading whatever the catalog calls it', () => {
      expect(citeWords('This letter summarises').list[0]!.name).toBe('Ofsted inspection of Rutland, October 2021 (monitoring visit letter)');
    });

    it('names the authority of a council paper whose title does not, and dates it by its own date, within 80 characters', () => {
      expect(citeWords('The panel is asked to note').list[0]!.name).toBe('Rutland: Outcome of the inspection of…, September 2023 (committee paper)');
    });

    it.each([
      ['press release', 'news'], ['news', 'news'], ['committee minutes', 'minutes'], ['report to cabinet', 'committee paper'],
      ['web page', 'web page'], ['', null],
    ])('calls a document of kind %j %j', (kind, name) => {
      expect(sourceKind({ text: 'Some words.', kind })).toBe(name);
    });

    it('keeps every name within the Teams limit of 80 characters', () => {
      const long = { ...index.document('reports/scrutiny-2023.txt')!, file: 'x.txt', title: 'An update on the improvement of children’s services '.repeat(4) };
      const name = citationName(index, long);
      expect(name.length).toBeLessThanOrEqual(80);
      expect(name).toMatch(/…, September 2023 \(committee paper\)$/);
    });
  });

  describe('pages', () => {
    it.each([
      [0, 1], [99, 1], [100, 2], [250, 3], [10_000, 3],
    ])('places offset %d on page %d', (offset, page) => {
      expect(pageAt({ pages: [0, 100, 250] }, offset)).toBe(page);
    });

    it('places nothing without page starts', () => {
      expect(pageAt({}, 10)).toBeNull();
    });

    it('cites the page of a PDF that holds the quote, and links to it', () => {
      const passage = index.corpus.passages.find((p) => p.text.includes('Children in care live in stable homes'))!;
      const doc = index.document(passage.file)!;
      // As a PDF is read: the page starts readDocument gives, here the quote on the second page.
      const saved = doc.pages;
      doc.pages = [0, passage.start];
      try {
        const c = citeWords('Children in care live in stable homes').list[0]!;
        expect(c.page).toBe(2);
        expect(c.place).toMatch(/^page 2(, para \S+)?$/);
        expect(citationLink({ ...c, source: 'rutland-2023.pdf' })).toBe('https://example.org/file/7001#page=2');
      } finally {
        doc.pages = saved;
      }
    });
  });
});
