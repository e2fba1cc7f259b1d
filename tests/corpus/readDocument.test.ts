import { join } from 'node:path';
import { joinPages, PAGE_BREAK, readDocument } from '../../src/corpus/readDocument';

/** Pages of an inspection report as a PDF reader gives them: a running header and the page number on each page. */
const PAGES = [
  [
    'Inspection of Derbyshire local',
    'authority children’s services',
    'Inspection dates: 6 to 17 March 2023',
    'Lead inspector: Marcus Fry, His Majesty’s Inspector',
    'Leaders have made progress since the last inspection, and multi-',
    'agency work is now strong.',
  ].join('\n'),
  [
    'Inspection of Derbyshire local authority children’s services',
    '6 to 17 March 2023 2',
    'What needs to improve?',
    '◼ The sufficiency of local homes for children in care, including for children',
  ].join('\n'),
  [
    'Inspection of Derbyshire local authority children’s services',
    '6 to 17 March 2023 3',
    'with complex needs.',
    '1. Children and families receive timely help from the early help service.',
  ].join('\n'),
  [
    'Inspection of Derbyshire local authority children’s services',
    '6 to 17 March 2023 4',
    '2. Strategy meetings are not always held promptly when risks increase.',
  ].join('\n'),
];

describe('readDocument', () => {
  describe('joinPages', () => {
    const text = joinPages(PAGES);

    it('leaves out running headers and page numbers, whatever the page', () => {
      expect(text).not.toContain('Inspection of Derbyshire local authority children’s services');
      expect(text).not.toMatch(/March 2023 \d/);
      expect(text).toContain('Inspection of Derbyshire local\nauthority children’s services\nInspection dates: 6 to 17 March 2023');
    });

    it('joins a word hyphenated at a line’s end as pdftotext does, keeping the width of the lines', () => {
      expect(text).toContain('since the last inspection, and multiagency\nwork is now strong.');
    });

    it('ends a passage at a page break, unless the sentence runs on into the next page', () => {
      expect(text).toContain(`work is now strong.\n\nWhat needs to improve?`);
      expect(text).toContain(`including for children\n${PAGE_BREAK}with complex needs.`);
      expect(text).toContain('the early help service.\n\n2. Strategy meetings');
    });

    it.each([
      ['a bare number at the foot of the page', ['Some text.\n1', 'More text.\n2', 'Last text.\n3'], 'Some text.\n\nMore text.\n\nLast text.'],
      ['"Page 2 of 3"', ['Page 1 of 3\nSome text.', 'Page 2 of 3\nMore text.', 'Page 3 of 3\nLast text.'], 'Some text.\n\nMore text.\n\nLast text.'],
    ])('leaves out %s', (_name, pages, expected) => {
      expect(joinPages(pages)).toBe(expected);
    });

    it('runs a sentence on over a page break where the page stops on a word that needs a next one', () => {
      expect(joinPages(['The review was carried out by the', 'Local Safeguarding Children Board in May.'])).toBe(
        `The review was carried out by the\n${PAGE_BREAK}Local Safeguarding Children Board in May.`,
      );
      expect(joinPages(['The plans are reviewed by the', '1. Children are seen promptly.'])).toBe('The plans are reviewed by the\n\n1. Children are seen promptly.');
    });

    it('sets a footnote apart from its number, as the text marks it', () => {
      const page = 'Review of the effectiveness of the local safeguarding children\nboard1\nInspection date: 12 January 2015\n1 Ofsted produces this report under its power to combine reports.';
      expect(joinPages([page])).toBe(
        'Review of the effectiveness of the local safeguarding children\nboard1\nInspection date: 12 January 2015\nOfsted produces this report under its power to combine reports.',
      );
      expect(joinPages(['Children in need\n12 Children were seen.'])).toBe('Children in need\n12 Children were seen.');
    });

    it('keeps a blank line within a page, and none at its edges', () => {
      expect(joinPages(['\nFirst paragraph.\n\n\nSecond paragraph.\n\n1\n', '\nThird paragraph.\n2'])).toBe(
        'First paragraph.\n\nSecond paragraph.\n\nThird paragraph.',
      );
    });

    it('keeps a one-page document as it is', () => {
      expect(joinPages(['Walsall Council\nChildren’s services'])).toBe('Walsall Council\nChildren’s services');
    });

    it('keeps a line that opens only one page however it reads', () => {
      expect(joinPages(['Summary\nFirst page.', 'Findings\nSecond page.', 'Next steps\nThird page.'])).toBe(
        'Summary\nFirst page.\n\nFindings\nSecond page.\n\nNext steps\nThird page.',
      );
    });
  });

  describe('a real Ofsted report', () => {
    it('reads its text without running headers, page numbers or split words', async () => {
      const { text } = await readDocument(join(__dirname, '../../data/ofsted/ofsted-worcestershire-14-july-2023.pdf'));
      expect(text.startsWith('Inspection of Worcestershire local\nauthority children’s services\nInspection dates: 15 to 26 May 2023')).toBe(true);
      expect(text).not.toMatch(/^15 to 26 May 2023 \d+$/m);
      expect(text).not.toMatch(/^\d+$/m);
      expect(text).toContain('Multiagency');
      expect(text).toContain(`Social workers visit children and families promptly and\n${PAGE_BREAK}ensure safety plans are in place.`);
    });
  });
});
