import { isHeading, paragraphNumber, splitPassages } from '../../src/corpus/splitPassages';
import { splitSentences } from '../../src/corpus/splitSentences';

describe('splitPassages', () => {
  describe('paragraphNumber', () => {
    it.each([
      ['5. An Ofsted Inspection', '5'],
      ['- 2. This report shares', '2'],
      ['(ii) Note the Self-Evaluation', '(ii)'],
      ['b) the second item', 'b'],
      ['In 2016 the local authority', null],
    ])('reads %j as paragraph %s', (line, n) => {
      expect(paragraphNumber(line)).toBe(n);
    });
  });

  describe('isHeading', () => {
    it.each([
      ['Background', true],
      ['Feedback from Ofsted Monitoring Visit – No.7', true],
      ['CHILDREN AND FAMILIES OVERVIEW AND SCRUTINY PANEL', true],
      ['What needs to improve?', true],
      ['5. An Ofsted Inspection of WCF took place.', false],
      ['The visit focused on the arrangements for children.', false],
    ])('takes %j as a heading: %s', (line, expected) => {
      expect(isHeading(line)).toBe(expected);
    });
  });

  describe('splitPassages', () => {
    const text = 'Title of the Report\n\nBackground\n\n2. In 2016 the authority was judged inadequate.\n3. In June 2019 it was judged good.\n\nNext Steps\n\n7. A full inspection is expected.\n 1. First item\n 2. Second item\n';

    it('keeps headings, paragraph numbers and exact offsets', () => {
      const passages = splitPassages('r.txt', text);
      expect(passages.map((p) => [p.number, p.heading])).toEqual([
        [null, null], [null, null], ['2', 'Background'], ['3', 'Background'], [null, null], ['7', 'Next Steps'],
      ]);
      for (const p of passages) expect(text.slice(p.start, p.end)).toBe(p.text);
    });

    it('keeps a sub-list inside the paragraph that introduces it', () => {
      const last = splitPassages('r.txt', text).pop()!;
      expect(last.text).toContain('2. Second item');
    });
  });

  describe('splitSentences', () => {
    it('splits at full stops but not after a list number, an initial or "No."', () => {
      const text = '1. The visit was led by J. Smith. See Monitoring Visit No. 7 for more. Next sentence?\nA new line';
      const sentences = splitSentences(text, 100);
      expect(sentences.map((s) => s.text)).toEqual([
        '1. The visit was led by J. Smith.', 'See Monitoring Visit No. 7 for more.', 'Next sentence?', 'A new line',
      ]);
      for (const s of sentences) expect(text.slice(s.start - 100, s.end - 100)).toBe(s.text);
    });
  });
});
