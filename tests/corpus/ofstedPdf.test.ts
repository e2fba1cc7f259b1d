import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StandardFonts, PDFDocument } from 'pdf-lib';
import { pageAt } from '../../src/answer/Citations';
import { readDocument } from '../../src/corpus/readDocument';
import { makeOfstedPdf, type OfstedPdfSpec, wrapText } from '../fixtures/makeOfstedPdf';
import { OTHER_REPORTS } from '../fixtures/ofsted-other-reports';
import { FIXTURES } from '../helpers';

const PROSE = 'Leaders have strengthened the multi-agency front door, and practitioners understand thresholds well. ' +
  'Children who need help are seen promptly, and their circumstances are assessed thoroughly by skilled practitioners.';

/** A three-page ILACS report: a header, a table with a wrapped grade, a list and numbered paragraphs. */
const SPEC: OfstedPdfSpec = {
  header: ['Inspection of Anyshire local authority children’s services', 'Inspection dates: 3 to 14 March 2025', 'Lead inspector: Ann Hale, HMI'],
  runningHeader: 'Inspection of Anyshire local authority children’s services',
  runningFooter: '3 to 14 March 2025',
  table: { rows: [['The experiences and progress of children who need help and protection', 'Requires improvement to be good'], ['Overall effectiveness', 'Good']] },
  body: [
    ...Array.from({ length: 10 }, (_, i) => ({ paragraph: `${PROSE} This is paragraph ${i + 1} of the summary.` })),
    { heading: 'What needs to improve?' },
    { bullets: ['The timeliness of assessments.', 'The quality of supervision.'] },
    ...Array.from({ length: 12 }, (_, i) => ({ number: `${i + 1}.`, paragraph: `${PROSE} Finding ${i + 1}.` })),
  ],
};

describe('makeOfstedPdf', () => {
  describe('wrapText', () => {
    it('breaks a hyphenated word after its hyphen and hyphenates a long word that does not fit', async () => {
      const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
      const width = font.widthOfTextAtSize('Leaders have strengthened the multi-', 11) + 1;
      const lines = wrapText('Leaders have strengthened the multi-agency arrangements considerably', font, 11, width);
      expect(lines[0]).toBe('Leaders have strengthened the multi-');
      expect(lines.every((l) => font.widthOfTextAtSize(l, 11) <= width)).toBe(true);
      const narrow = wrapText('the arrangements', font, 11, font.widthOfTextAtSize('the arrange-', 11));
      expect(narrow).toEqual(['the arrange-', 'ments']);
      expect(wrapText('the arrangements', font, 11, font.widthOfTextAtSize('the arrange-', 11), false)).toEqual(['the', 'arrangements']);
    });
  });

  describe('makeOfstedPdf', () => {
    let dir = '';
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'ofsted-pdf-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('writes pages that read back without their running header, footer and page numbers', async () => {
      const bytes = await makeOfstedPdf(SPEC);
      const pdf = await PDFDocument.load(bytes);
      expect(pdf.getPageCount()).toBeGreaterThanOrEqual(3);
      const path = join(dir, 'anyshire.pdf');
      writeFileSync(path, bytes);
      const { text } = await readDocument(path);
      // The title opens the text once; the header and footer of later pages are gone.
      expect(text).toMatch(/^Inspection of Anyshire local authority children’s\s+services\nInspection dates: 3 to 14 March 2025\n/);
      expect(text.split('Inspection of Anyshire local authority').length).toBe(2);
      expect(text).not.toMatch(/^3 to 14 March 2025/m);
      expect(text).not.toMatch(/^\d+$/m);
      // The table's grade stands apart from its label's first line; the words hyphenated at a line's end are joined.
      expect(text).toContain('need help and protection\nRequires improvement to\nbe good\nOverall effectiveness Good');
      expect(text).toMatch(/Finding\s+12\.$/);
      expect(text).not.toMatch(/\p{L}-\n/u);
    });

    it('gives where each page starts, so that every finding is placed on the page the PDF prints it on', async () => {
      const bytes = await makeOfstedPdf(SPEC);
      const path = join(dir, 'anyshire-pages.pdf');
      writeFileSync(path, bytes);
      const { text, pages } = await readDocument(path);
      const { extractText, getDocumentProxy } = await import('unpdf');
      const printed = (await extractText(await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 }), { mergePages: false })).text;
      expect(pages).toHaveLength(printed.length);
      expect(pages![0]).toBe(0);
      expect([...pages!].sort((a, b) => a - b)).toEqual(pages);
      const onPages = new Set<number>();
      for (let n = 1; n <= 12; n++) {
        const finding = new RegExp(`Finding\\s+${n}\\.(?!\\d)`);
        const page = printed.findIndex((p) => finding.test(p)) + 1;
        const at = text.search(finding);
        expect({ n, page: pageAt({ pages }, at) }).toEqual({ n, page });
        onPages.add(page);
      }
      // The findings run over more than one page, so the test tells pages apart.
      expect(onPages.size).toBeGreaterThan(1);
    });

    it('gives no page starts for a text file', async () => {
      const path = join(dir, 'notes.txt');
      writeFileSync(path, 'Notes of the meeting.');
      expect((await readDocument(path)).pages).toBeUndefined();
    });

    it('writes the same bytes from the same description', async () => {
      expect(Buffer.from(await makeOfstedPdf(SPEC)).equals(Buffer.from(await makeOfstedPdf(SPEC)))).toBe(true);
    });
  });

  describe('the reports of other councils', () => {
    it.each(OTHER_REPORTS.map((r) => [r.file, r] as const))('%s is the PDF its description writes', async (file, report) => {
      const committed = readFileSync(join(FIXTURES, 'ofsted-other', file));
      expect(Buffer.from(await makeOfstedPdf(report.spec)).equals(committed)).toBe(true);
    });

    it('lists every report in the catalog with its authority and date', () => {
      const catalog = JSON.parse(readFileSync(join(FIXTURES, 'ofsted-other', 'catalog.json'), 'utf8')) as { file: string; authority: string; date: string }[];
      expect(catalog.map((e) => [e.file, e.authority, e.date])).toEqual(OTHER_REPORTS.map((r) => [r.file, r.authority, r.date]));
    });
  });
});
