/** Files that a data folder may hold by mistake or by malice: none of them may stop the corpus loading, or hang it. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog, MAX_CATALOG_ENTRIES, MAX_CATALOG_PROBLEMS } from '../../src/corpus/catalog';
import { corpusNotices, listReportEntries, loadCorpus } from '../../src/corpus/loadCorpus';
import { checkZipSizes, htmlText, MAX_DOCX_INFLATED_BYTES, readDocument, readRegularFile } from '../../src/corpus/readDocument';
import { MAX_PASSAGE_CHARS, splitPassages } from '../../src/corpus/splitPassages';
import { MAX_SENTENCE_CHARS, splitSentences } from '../../src/corpus/splitSentences';
import { corpusFingerprint } from '../../src/search/CorpusWatcher';
import { openCorpus } from '../../src/search/openCorpus';
import { makePdf, zip } from '../fixtures/makeFiles';
import { directory } from '../helpers';

const GOOD = 'Inspection of Norfolk local authority children’s services\n\nNorfolk was inspected in May 2023. Overall effectiveness: good.\n';

function folder(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** A Word document's main part of `bytes` bytes or more of one paragraph repeated: a few kB deflated. */
function bigDocumentXml(bytes: number): Buffer {
  const paragraph = '<w:p><w:r><w:t>The service for children in care was judged good at the inspection.</w:t></w:r></w:p>';
  return Buffer.from(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraph.repeat(Math.ceil(bytes / paragraph.length))}</w:body></w:document>`);
}

describe('a data folder with hostile files', () => {
  it('skips a named pipe, naming it, without opening it, and reads the rest', async () => {
    const dir = folder({ 'good.txt': GOOD });
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    mkdirSync(join(dir, 'sub'));
    execFileSync('mkfifo', [join(dir, 'sub', 'catalog.json')]);
    writeFileSync(join(dir, 'sub', 'other.txt'), GOOD);
    const corpus = await loadCorpus(dir, directory());
    expect(corpus.documents.map((d) => d.file)).toEqual(['good.txt', 'sub/other.txt']);
    expect(corpus.warnings).toContainEqual({ file: 'pipe.txt', message: 'skipped: it is a named pipe, not a regular file' });
    expect(corpus.warnings).toContainEqual({ file: 'sub/catalog.json', message: expect.stringMatching(/named pipe/) });
    expect(corpusNotices(corpus, '').warnings).toContain('pipe.txt: skipped: it is a named pipe, not a regular file');
    // The snapshot's keys and the watcher's fingerprint do not open it either.
    const index = await openCorpus(dir, directory(), { snapshot: true });
    expect(index.corpus.documents).toHaveLength(2);
    expect(corpusFingerprint(dir)).toContain('pipe.txt');
    expect(() => readRegularFile(join(dir, 'pipe.txt'))).toThrow(/named pipe/);
  });

  it('does not follow a link out of the folder, a link in a loop or a link to nothing; follows one inside it', async () => {
    const dir = folder({ 'good.txt': GOOD });
    symlinkSync('/etc/passwd', join(dir, 'passwd.txt'));
    symlinkSync('/dev/zero', join(dir, 'zero.txt'));
    symlinkSync('loop.txt', join(dir, 'loop.txt'));
    symlinkSync('gone.txt', join(dir, 'dangling.txt'));
    symlinkSync('good.txt', join(dir, 'alias.txt'));
    symlinkSync('/etc/passwd', join(dir, 'catalog.json'));
    const { files, skipped } = listReportEntries(dir);
    expect(files).toEqual(['alias.txt', 'good.txt']);
    expect(skipped).toEqual([
      { file: 'catalog.json', message: expect.stringMatching(/^skipped: it is a link to \/etc\/passwd, outside the data folder/) },
      { file: 'dangling.txt', message: 'skipped: it is a link that leads to nothing' },
      { file: 'loop.txt', message: 'skipped: it is a link that goes round in a loop' },
      { file: 'passwd.txt', message: expect.stringMatching(/^skipped: it is a link to \/etc\/passwd, outside the data folder/) },
      { file: 'zero.txt', message: expect.stringMatching(/^skipped: it is a link to \/dev\/zero, outside the data folder/) },
    ]);
    const corpus = await loadCorpus(dir, directory());
    expect(corpus.documents.map((d) => d.file)).toEqual(['alias.txt', 'good.txt']);
    expect(corpus.passages.some((p) => p.text.includes('root:'))).toBe(false);
    expect(loadCatalog(dir).problems).toEqual([expect.stringMatching(/^catalog\.json: it is a link to \/etc\/passwd, outside its folder; not followed/)]);
  });

  it('does not follow a link to a folder, so no report is read twice or round a loop', async () => {
    const dir = folder({ 'good.txt': GOOD, 'ofsted/other.txt': GOOD });
    symlinkSync('.', join(dir, 'again'));
    symlinkSync('ofsted', join(dir, 'alias'));
    symlinkSync('/etc', join(dir, 'etc'));
    const { files, skipped } = listReportEntries(dir);
    expect(files).toEqual(['good.txt', 'ofsted/other.txt']);
    expect(skipped).toEqual([
      { file: 'again', message: 'skipped: it is a link to a folder; only links to files are followed' },
      { file: 'alias', message: 'skipped: it is a link to a folder; only links to files are followed' },
      { file: 'etc', message: expect.stringMatching(/^skipped: it is a link to \/etc, outside the data folder/) },
    ]);
  });

  it('does not index binary content as text', async () => {
    const binary = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n'), Buffer.alloc(64, 0), Buffer.from('Norfolk was judged good in 2023.')]);
    const controls = Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 8) : 0x41 + (i % 26))));
    const dir = folder({ 'good.txt': GOOD, 'image.txt': binary, 'page.html': binary, 'notes.md': controls });
    const corpus = await loadCorpus(dir, directory());
    expect(corpus.documents.map((d) => d.file)).toEqual(['good.txt']);
    expect(corpus.warnings).toEqual(expect.arrayContaining([
      { file: 'image.txt', message: 'skipped: it is binary, not text (it holds NUL bytes)' },
      { file: 'page.html', message: 'skipped: it is binary, not text (it holds NUL bytes)' },
      { file: 'notes.md', message: 'skipped: it is binary, not text (it holds control characters)' },
    ]));
  });

  it('tells of a catalog of the wrong type, and refuses one with too many entries, reading the reports without it', async () => {
    const dir = folder({ 'good.txt': GOOD, 'catalog.json': JSON.stringify({ file: 3, entries: 'x' }) });
    expect(loadCatalog(dir).problems).toEqual([expect.stringMatching(/^catalog\.json: expected an array of entries/)]);
    writeFileSync(join(dir, 'catalog.json'), JSON.stringify(Array.from({ length: 100_000 }, (_, i) => ({ file: `r${i}.txt`, date: '2023-05-01' }))));
    const refused = loadCatalog(dir);
    expect(refused.entries.size).toBe(0);
    expect(refused.problems).toEqual([`catalog.json: it holds 100,000 entries, over the ${MAX_CATALOG_ENTRIES.toLocaleString('en-GB')} a catalog may; ` +
      'refused whole, the folder\'s reports are read without it; split the folder']);
    const corpus = await loadCorpus(dir, directory());
    expect(corpus.documents.map((d) => d.file)).toEqual(['good.txt']);
    expect(corpusNotices(corpus, '').warnings).toEqual([expect.stringMatching(/^catalog\.json: it holds 100,000 entries/)]);
  });

  it('tells of a catalog\'s first problems one by one and counts the rest', () => {
    const dir = folder({ 'catalog.json': JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ file: i, date: [] }))) });
    const { problems } = loadCatalog(dir);
    expect(problems).toHaveLength(MAX_CATALOG_PROBLEMS + 1);
    expect(problems[0]).toMatch(/^catalog\.json: entry 1 \(\(no file\)\): .*file 0 is a number, not text/);
    expect(problems[MAX_CATALOG_PROBLEMS]).toBe(`catalog.json: ${(5000 - MAX_CATALOG_PROBLEMS).toLocaleString('en-GB')} more problems like these`);
  });

  describe('a Word document that inflates too far (a zip bomb)', () => {
    const parts = (xml: Buffer, claim?: number): { name: string; data: Buffer; claim?: number }[] => {
      return [
        { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>') },
        { name: '_rels/.rels', data: Buffer.from('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>') },
        { name: 'word/document.xml', data: xml, ...(claim !== undefined ? { claim } : {}) },
      ];
    };

    it('is skipped from its zip directory\'s sizes, before it is inflated, and the rest are read', async () => {
      const bomb = zip(parts(bigDocumentXml(MAX_DOCX_INFLATED_BYTES + 1024)));
      // A small file: it is its inflated size that is over the limit.
      expect(bomb.length).toBeLessThan(MAX_DOCX_INFLATED_BYTES / 50);
      const dir = folder({ 'good.txt': GOOD, 'bomb.docx': bomb, 'fine.docx': zip(parts(bigDocumentXml(100_000))) });
      const corpus = await loadCorpus(dir, directory());
      expect(corpus.documents.map((d) => d.file)).toEqual(['fine.docx', 'good.txt']);
      expect(corpus.warnings).toContainEqual({ file: 'bomb.docx', message: expect.stringMatching(/^skipped: it inflates to more than 24 MB, more than a Word document may/) });
    });

    it('is skipped when its zip understates a part\'s size', () => {
      const liar = zip(parts(bigDocumentXml(200_000), 1000));
      expect(() => checkZipSizes(liar)).toThrow(/inflates to more than the size its directory gives/);
      expect(() => checkZipSizes(zip(parts(bigDocumentXml(200_000))))).not.toThrow();
      expect(() => checkZipSizes(Buffer.from('not a zip at all'))).toThrow(/not a Word document/);
    });
  });

  it('stops reading a PDF as soon as its text runs past the limit, page by page', async () => {
    const dir = folder({ 'report.pdf': makePdf(['Norfolk was inspected in May 2023.', 'Overall effectiveness: good.']) });
    await expect(readDocument(join(dir, 'report.pdf'), Infinity, 20)).rejects.toThrow(/^its text runs past 20 characters by page 1 of 1/);
    expect((await readDocument(join(dir, 'report.pdf'), Infinity, 1000)).text).toContain('Norfolk was inspected in May 2023.');
  });

  describe('a web page with openings never closed', () => {
    it('is read as the same text, in work that grows with its length, not its square', () => {
      // Each opening left open made the patterns scan to the end from each of them: minutes at 2 MB.
      for (const piece of ['<script>x ', '<!-- x ', '<a x ', '<p x ']) {
        const page = `<p>Norfolk was judged good.</p>${piece.repeat(200_000)}`;
        const text = htmlText(page);
        expect(text.startsWith('Norfolk was judged good.')).toBe(true);
        expect(text.length).toBeGreaterThan(300_000);
      }
    }, 10_000);

    it('reads the text of well-formed pages as before', () => {
      expect(htmlText('<p>A</p><script>var x = "<p>";</script><SCRIPT>y</SCRIPT><!-- c --><p>B &amp; C</p><style>p{}</style>unclosed <b>bold</b> <i')).toBe('A\n\nB & C\n\nunclosed bold <i');
      expect(htmlText('<script>never closed <p>kept</p>')).toBe('never closed\n\nkept');
    });
  });

  describe('a paragraph with no full stop', () => {
    // Dated, graded mentions with no sentence end: what the readers of dates and grades work hardest on.
    const mentions = Array.from({ length: 3700 }, (_, i) => `judged good on ${1 + (i % 28)} May ${2010 + (i % 14)} and inadequate in June ${2012 + (i % 9)}`).join(', ');

    it('is read as sentences and passages of bounded length, with exact offsets', () => {
      const text = `Inspection of Norfolk local authority children’s services\n\n${mentions}\n`;
      expect(mentions.length).toBeGreaterThan(200_000);
      const passages = splitPassages('long.txt', text);
      expect(Math.max(...passages.map((p) => p.text.length))).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
      expect(passages.length).toBeGreaterThan(200_000 / MAX_PASSAGE_CHARS);
      for (const p of passages) expect(text.slice(p.start, p.end)).toBe(p.text);
      // Together the passages hold every word of the paragraph.
      expect(passages.slice(1).map((p) => p.text).join(' ').split(/\s+/)).toEqual(mentions.split(/\s+/));
      const sentences = passages.flatMap((p) => splitSentences(p.text, p.start));
      expect(Math.max(...sentences.map((s) => s.text.length))).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
      for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
    });

    it('cuts a run of text with no space at the limit', () => {
      const run = 'x'.repeat(3 * MAX_SENTENCE_CHARS + 5);
      const sentences = splitSentences(run, 10);
      expect(sentences.map((s) => s.text.length)).toEqual([MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 5]);
      expect(sentences.map((s) => s.start)).toEqual([10, 10 + MAX_SENTENCE_CHARS, 10 + 2 * MAX_SENTENCE_CHARS, 10 + 3 * MAX_SENTENCE_CHARS]);
    });
  });
});
