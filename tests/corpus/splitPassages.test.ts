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

    it.each([
      [
        'joins a sentence when a letter is wrapped at a fixed width',
        'This letter summarises the findings of the monitoring visit to Rotherham\nchildren’s services on 3 and 4 April 2024. This was the second monitoring visit\nsince the local authority was judged inadequate. His Majesty’s Inspectors Anna\nCole and Ben Fry carried out this visit.',
        [
          'This letter summarises the findings of the monitoring visit to Rotherham\nchildren’s services on 3 and 4 April 2024.',
          'This was the second monitoring visit\nsince the local authority was judged inadequate.',
          'His Majesty’s Inspectors Anna\nCole and Ben Fry carried out this visit.',
        ],
      ],
      [
        'joins a wrapped list item but keeps the items apart',
        '- The quality of plans for children in care, so that they are reviewed when\n  circumstances change.\n- The timeliness of visits.',
        ['- The quality of plans for children in care, so that they are reviewed when\n  circumstances change.', '- The timeliness of visits.'],
      ],
      [
        'keeps a judgement table whose cells stand on lines of their own apart',
        'The experiences and progress of children who need help and protection\nRequires improvement to be good\nOverall effectiveness\nGood',
        ['The experiences and progress of children who need help and protection', 'Requires improvement to be good', 'Overall effectiveness', 'Good'],
      ],
      [
        'keeps the rows of a table set out in columns apart',
        'Visit                 Date         Focus                          Lead HMI\nMonitoring visit 1    12.05.2022   Front door and thresholds      Jo Bell\nMonitoring visit 2    14.10.2022   Children in care               Jo Bell',
        [
          'Visit                 Date         Focus                          Lead HMI',
          'Monitoring visit 1    12.05.2022   Front door and thresholds      Jo Bell',
          'Monitoring visit 2    14.10.2022   Children in care               Jo Bell',
        ],
      ],
      [
        'keeps apart a list of items that each stand on a line of their own',
        'The experiences and progress of children who need help and\nprotection; good\nThe experiences and progress of children in care; good\nThe experience and progress of care leavers; good',
        ['The experiences and progress of children who need help and\nprotection; good', 'The experiences and progress of children in care; good', 'The experience and progress of care leavers; good'],
      ],
      [
        'keeps the fields of a report’s header apart',
        'Inspection dates: 22 February 2016 to 16 March 2016\nReport published: 27 April 2016\nLead inspector: Graham Whitcombe',
        ['Inspection dates: 22 February 2016 to 16 March 2016', 'Report published: 27 April 2016', 'Lead inspector: Graham Whitcombe'],
      ],
      [
        'keeps the lines of an address apart',
        'Children’s Services\nSefton Council\nBootle\nL20 3NJ',
        ['Children’s Services', 'Sefton Council', 'Bootle', 'L20 3NJ'],
      ],
    ])('%s', (_name, text, expected) => {
      const sentences = splitSentences(text, 7);
      expect(sentences.map((s) => s.text)).toEqual(expected);
      for (const s of sentences) expect(text.slice(s.start - 7, s.end - 7)).toBe(s.text);
    });
  });
});
