import { chmodSync, mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../../src/corpus/catalog';
import { documentDate } from '../../src/corpus/documentFacts';
import { corpusNotices, loadCorpus, MAX_DOCUMENT_BYTES, MAX_DOCUMENT_CHARS } from '../../src/corpus/loadCorpus';
import { htmlText } from '../../src/corpus/readDocument';
import { makeDocx, makePdf } from '../fixtures/makeFiles';
import { directory } from '../helpers';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('corpus', () => {
  describe('loadCatalog', () => {
    it.each([
      [[{ file: 'a.txt', date: '2019-13-01' }], 'catalog.json: entry 1 ("a.txt"): date "2019-13-01" is not a date (YYYY-MM-DD or YYYY-MM); the entry is left out'],
      [[{ file: 'a.txt' }, { file: 'x.pdf', date: '22/05/2018' }], 'catalog.json: entry 2 ("x.pdf"): date "22/05/2018" is not a date (YYYY-MM-DD or YYYY-MM); the entry is left out'],
      [[{ title: 'no file' }], 'catalog.json: entry 1 ((no file)): file is missing: give the name of the report file in the folder; the entry is left out'],
      [[{ file: 'a.txt', authority: 7 }], 'catalog.json: entry 1 ("a.txt"): authority 7 is a number, not text; the entry is left out'],
      [[{ file: 'a.txt', title: ['Ofsted letter'], date: '2019' }],
        'catalog.json: entry 1 ("a.txt"): title ["Ofsted letter"] is a list, not text; date "2019" is not a date (YYYY-MM-DD or YYYY-MM); the entry is left out'],
      [[{ file: 'a.txt', Date: '2019-05-01' }], 'catalog.json: entry 1 ("a.txt"): "Date" is not a field of the catalog (file, title, authority, publisher, publisher_kind, kind, date, url, licence); ignored'],
      [[{ file: 'a.txt' }, { file: 'a.txt', title: 'Again' }], 'catalog.json: entry 2 ("a.txt"): file is listed twice (first as entry 1); the first entry is used'],
      [{ file: 'a.txt' }, 'catalog.json: expected an array of entries like [{"file": "report.txt", "date": "2024-05-20"}]'],
    ])('reports %j as %j', (catalog, message) => {
      const dir = folder({ 'catalog.json': JSON.stringify(catalog) });
      expect(loadCatalog(dir).problems).toEqual([message]);
    });

    it('reports a catalog that is not JSON', () => {
      const dir = folder({ 'catalog.json': '[{"file": ' });
      expect(loadCatalog(dir).problems[0]).toMatch(/^catalog\.json: not valid JSON/);
    });

    it('reads who the publisher is and keeps the licence, without a word', async () => {
      const dir = folder({
        'a.txt': 'Ofsted rates Northshire good.',
        'catalog.json': JSON.stringify([{ file: 'a.txt', authority: 'Kent', publisher: 'Kent County Council', publisher_kind: 'council', licence: 'OGL v3' }]),
      });
      expect(loadCatalog(dir).problems).toEqual([]);
      const corpus = await loadCorpus(dir, directory());
      expect(corpus.documents[0]).toMatchObject({ publisher: 'Kent County Council', publisherKind: 'council' });
    });

    it('keeps the valid entries when one is not', () => {
      const dir = folder({ 'catalog.json': JSON.stringify([{ file: 'a.txt', date: '2024-05' }, { file: 'b.txt', date: 'May' }]) });
      const { entries, problems } = loadCatalog(dir);
      expect([...entries.keys()]).toEqual(['a.txt']);
      expect(problems).toHaveLength(1);
    });
  });

  describe('loadCorpus', () => {
    it('names the catalog of a sub-folder, the entry and the field, and still reads the files', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
      mkdirSync(join(dir, 'ofsted'));
      writeFileSync(join(dir, 'ofsted', 'oxfordshire-2018.txt'), 'Inspection of Oxfordshire children\'s services\n\nInspection dates: 7 to 18 May 2018');
      writeFileSync(join(dir, 'ofsted', 'catalog.json'), JSON.stringify([
        { file: 'oxfordshire-2018.txt', title: 'Oxfordshire ILACS', date: '22/05/2018' },
        { file: 'worcestershire-2019.pdf', authority: 'Worcestershire' },
      ]));
      const corpus = await loadCorpus(dir, directory());
      expect(corpus.warnings).toEqual([
        { file: 'ofsted/catalog.json', message: 'entry 1 ("oxfordshire-2018.txt"): date "22/05/2018" is not a date (YYYY-MM-DD or YYYY-MM); the entry is left out' },
        { file: 'ofsted/catalog.json', message: 'entry 2 ("worcestershire-2019.pdf"): file: there is no such report in ofsted/' },
      ]);
      // Left out, the entry's title is not used either: the document's own is.
      expect(corpus.documents).toEqual([expect.objectContaining({ file: 'ofsted/oxfordshire-2018.txt', authority: 'Oxfordshire', title: 'Inspection of Oxfordshire children\'s services' })]);
    });

    it('reads the files of a folder whose catalog is not JSON, with a warning naming it', async () => {
      const dir = folder({ 'catalog.json': '[{"file": "a.txt", ', 'a.txt': 'Norfolk was inspected in May 2023.' });
      const corpus = await loadCorpus(dir, directory());
      expect(corpus.warnings).toEqual([{ file: 'catalog.json', message: expect.stringMatching(/^not valid JSON \(.*\); fix it or remove it$/) }]);
      expect(corpus.documents.map((d) => d.file)).toEqual(['a.txt']);
    });

    it('infers the authority and the date from the text when the catalog has none', async () => {
      const dir = folder({
        'news.txt': 'Ofsted praises Sandwell\n\nPublished 14 March 2024\n\nInspectors who visited Sandwell Children\'s Trust in January found improvement.',
      });
      const corpus = await loadCorpus(dir, directory());
      expect(corpus.documents[0]).toMatchObject({ authority: 'Sandwell', date: '2024-03-14', title: 'Ofsted praises Sandwell' });
    });

    it('reports an unreadable file and still loads the rest', async () => {
      const dir = folder({ 'good.txt': 'Norfolk was inspected in May 2023.', 'bad.pdf': 'not a pdf at all', 'empty.md': '   ' });
      const corpus = await loadCorpus(dir, directory());
      expect(corpus.documents.map((d) => d.file)).toEqual(['good.txt']);
      expect(corpus.warnings.map((w) => w.file).sort()).toEqual(['bad.pdf', 'empty.md']);
    });

    it('skips a file it may not read, with a warning', async () => {
      const dir = folder({ 'a.txt': 'Norfolk was inspected in May 2023.', 'b.txt': 'Kent was inspected.' });
      chmodSync(join(dir, 'b.txt'), 0o000);
      const corpus = await loadCorpus(dir, directory());
      // root may read it anyway; either way nothing else is lost
      expect(corpus.documents.map((d) => d.file)).toContain('a.txt');
    });
  });

  describe('size limits', () => {
    it('skips a text longer than MAX_DOCUMENT_CHARS, saying how long it is and what the limit is, and reads the rest', async () => {
      const line = 'The panel of Northshire heard that the service for care leavers had improved again this year.\n\n';
      const dir = folder({
        'good.txt': 'Norfolk was inspected in May 2023.',
        'huge.txt': line.repeat(Math.ceil((MAX_DOCUMENT_CHARS + 1) / line.length)),
        'just-under.txt': `Kent was inspected in June 2022.\n\n${'x'.repeat(MAX_DOCUMENT_CHARS - 40)}`,
      });
      const corpus = await loadCorpus(dir, directory());
      expect(corpus.documents.map((d) => d.file)).toEqual(['good.txt', 'just-under.txt']);
      expect(corpus.passages.some((p) => p.file === 'huge.txt')).toBe(false);
      expect(corpus.warnings).toEqual([{
        file: 'huge.txt',
        message: expect.stringMatching(/^skipped: its text is 2,0\d\d,\d{3} characters, over the 2,000,000 a report may hold \(some 600 pages\); split it into smaller files$/),
      }]);
    });

    it('skips a file larger than MAX_DOCUMENT_BYTES without reading it', async () => {
      const dir = folder({ 'good.txt': 'Norfolk was inspected in May 2023.', 'scan.pdf': '' });
      // A sparse file: its size is over the limit, and no byte of it need be written or read.
      truncateSync(join(dir, 'scan.pdf'), MAX_DOCUMENT_BYTES + 1024 * 1024);
      const corpus = await loadCorpus(dir, directory());
      expect(corpus.documents.map((d) => d.file)).toEqual(['good.txt']);
      expect(corpus.warnings).toEqual([{ file: 'scan.pdf', message: 'skipped: it is 65.0 MB, over the 64.0 MB a report file may be; split it into smaller files' }]);
    });
  });

  describe('corpusNotices', () => {
    it('names every file skipped and why, and the catalog problems, and counts the other warnings', async () => {
      const dir = folder({
        'good.txt': 'Norfolk was inspected in May 2023.',
        'nameless.txt': 'The council was inspected in May 2023.',
        'corrupt.pdf': '%PDF-1.4 this is not really a PDF',
        'catalog.json': JSON.stringify([{ file: 'good.txt', date: 'May' }]),
      });
      const corpus = await loadCorpus(dir, directory());
      const notices = corpusNotices(corpus, 'data');
      expect(notices.warnings).toEqual([
        'data/catalog.json: entry 1 ("good.txt"): date "May" is not a date (YYYY-MM-DD or YYYY-MM); the entry is left out',
        expect.stringMatching(/^data\/corrupt\.pdf: could not be read, skipped: ./),
      ]);
      // "nameless.txt names no authority" is read, and only counted.
      expect(notices.others).toBe(1);
    });

    it('warns of a folder that holds no report it could read', async () => {
      const empty = folder({ 'notes.xlsx': 'x' });
      expect(corpusNotices(await loadCorpus(empty, directory()), 'reports').warnings).toEqual([
        'reports holds no report that could be read (.txt .md .html .htm .pdf .docx .csv, in it or in sub-folders down to 3 levels): ' +
          'every question will be answered as not on record; add reports there or set DATA_DIR',
      ]);
      const unreadable = folder({ 'bad.pdf': 'not a pdf' });
      const notices = corpusNotices(await loadCorpus(unreadable, directory()), 'reports');
      expect(notices.warnings).toHaveLength(2);
      expect(notices.warnings[0]).toMatch(/^reports\/bad\.pdf: could not be read, skipped: /);
      expect(notices.warnings[1]).toMatch(/^reports holds no report that could be read/);
      expect(corpusNotices(await loadCorpus(folder({ 'a.txt': 'Kent was inspected.' }), directory()), 'reports')).toEqual({ warnings: [], others: 0 });
    });
  });

  describe('documentDate', () => {
    it.each([
      ['Evidence of improvement\n\nPublished Thursday, 12th October 2017\n\nThe latest visit…', '2017-10-12'],
      ['Divisions Affected - All\n\nCOMMITTEE – 20 May 2024\n\nReport', '2024-05-20'],
      ['Meeting: 17/05/2023 - Assembly (Item 10)', '2023-05-17'],
      ['CHILDREN AND YOUNG PEOPLE OVERVIEW AND SCRUTINY COMMITTEE\n\n14 MARCH 2022\n\nUPDATE', '2022-03-14'],
      ['SCRUTINY BOARD (CHILDREN AND FAMILIES)\n\nTUESDAY, 8TH OCTOBER, 2024\n\nPRESENT', '2024-10-08'],
      ['A report with no date at the top.', null],
    ])('finds the date line of %j', (text, iso) => {
      expect(documentDate(text)).toBe(iso);
    });
  });

  describe('htmlText', () => {
    it('drops markup and scripts, keeps blocks apart and decodes entities', () => {
      const html = '<html><head><style>p{}</style><script>x()</script></head><body><h1>Ofsted&nbsp;letter</h1><p>Judged &lsquo;good&rsquo; &amp; safe.</p><ul><li>One</li><li>Two</li></ul></body></html>';
      expect(htmlText(html)).toBe('Ofsted letter\n\nJudged ‘good’ & safe.\n\nOne\n\nTwo');
    });
  });
});

describe('readDocument', () => {
  it('reads the text of a Word document and of a PDF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'formats-'));
    writeFileSync(join(dir, 'letter.docx'), makeDocx(['Focused visit to Wirral children’s services', 'Inspectors visited on 8 and 9 March 2022.']));
    writeFileSync(join(dir, 'report.pdf'), makePdf(['Inspection of Devon local authority children services', 'Inspection dates: 23 to 27 January 2023']));
    const corpus = await loadCorpus(dir, directory());
    expect(corpus.warnings).toEqual([]);
    const byFile = new Map(corpus.documents.map((d) => [d.file, d]));
    expect(byFile.get('letter.docx')?.text).toContain('Inspectors visited on 8 and 9 March 2022.');
    expect(byFile.get('letter.docx')?.authority).toBe('Wirral');
    expect(byFile.get('report.pdf')?.text).toContain('Inspection dates: 23 to 27 January 2023');
    expect(byFile.get('report.pdf')?.authority).toBe('Devon');
  });
});
