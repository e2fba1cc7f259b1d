import { headingText, isContents, isHeading, paragraphNumber, splitPassages } from '../../src/corpus/splitPassages';
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
      ['1. Children who need help and protection Good', false],
    ])('takes %j as a heading: %s', (line, expected) => {
      expect(isHeading(line)).toBe(expected);
    });
  });

  describe('headingText', () => {
    it.each([
      ['What needs to improve?', 'What needs to improve?'],
      ['The experiences and progress of children who need help and\nprotection: requires improvement to be good',
        'The experiences and progress of children who need help and protection: requires improvement to be good'],
      ['The experiences and progress of care leavers: good', 'The experiences and progress of care leavers: good'],
      ['Summary of key findings', 'Summary of key findings'],
      ['Children and families receive timely help\nfrom the early help service.', null],
      ['Worcestershire County Council\nChildren’s Services', null],
    ])('reads %j as the heading %j', (text, expected) => {
      expect(headingText(text)).toBe(expected);
    });
  });

  describe('isContents', () => {
    it('finds a table of contents', () => {
      expect(isContents('Contents\nSection 1: the local authority 3\nSummary of key findings 3\nWhat does the local authority need to improve? 5\nInformation about this inspection 6')).toBe(true);
    });

    it.each([
      ['numbered paragraphs', '1. Children are seen promptly.\n2. Plans are clear.\n3. Managers review cases regularly.'],
      ['a judgement table', '1. Children who need help and protection Good\n2. Children looked after and achieving permanence Good'],
      ['a table of figures', 'Children in need 3,104\nChildren in care 412\nChild protection plans 301\nCare leavers 289\nPrivate fostering 12'],
      ['a short list of visits', 'Monitoring visit 1\nMonitoring visit 2\nMonitoring visit 3'],
    ])('takes %s for no contents', (_name, text) => {
      expect(isContents(text)).toBe(false);
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

    /** A report as PDF text gives it: no blank lines but at page breaks, headings wrapped, paragraphs numbered. */
    const report = [
      'Senior leaders know there is more to do to ensure that all children in care receive a',
      'consistent social work service.',
      'What needs to improve?',
      '◼ The timeliness of strategy meetings for children at risk of exploitation.',
      '◼ The quality of plans for children in care, so that they are specific and are',
      'updated when children’s circumstances change.',
      'The experiences and progress of children who need help and',
      'protection: requires improvement to be good',
      '1. Children and families receive timely help from the early help service. Social',
      'workers visit children promptly.',
      '2. Strategy meetings are not always held promptly when risks increase.',
      '',
      'make good use of direct work tools.',
      '3. Thresholds are understood by partners.',
      'The experiences and progress of children in care: good',
      '4. Decisions for children to come into care are timely.',
    ].join('\n');

    it('splits text set without blank lines at its headings, lists and numbered paragraphs', () => {
      const passages = splitPassages('r.pdf', report);
      expect(passages.map((p) => [p.number, p.heading, p.text.split('\n')[0]])).toEqual([
        [null, null, 'Senior leaders know there is more to do to ensure that all children in care receive a'],
        [null, null, 'What needs to improve?'],
        [null, 'What needs to improve?', '◼ The timeliness of strategy meetings for children at risk of exploitation.'],
        [null, null, 'The experiences and progress of children who need help and'],
        ['1', 'The experiences and progress of children who need help and protection: requires improvement to be good', '1. Children and families receive timely help from the early help service. Social'],
        ['2', 'The experiences and progress of children who need help and protection: requires improvement to be good', '2. Strategy meetings are not always held promptly when risks increase.'],
        [null, 'The experiences and progress of children who need help and protection: requires improvement to be good', 'make good use of direct work tools.'],
        ['3', 'The experiences and progress of children who need help and protection: requires improvement to be good', '3. Thresholds are understood by partners.'],
        [null, null, 'The experiences and progress of children in care: good'],
        ['4', 'The experiences and progress of children in care: good', '4. Decisions for children to come into care are timely.'],
      ]);
      for (const p of passages) expect(report.slice(p.start, p.end)).toBe(p.text);
    });

    it('takes a judgement heading wrapped before its grade as a heading after a list', () => {
      const text = [
        'What needs to improve?',
        '• The quality of return home conversations for children who have been missing.',
        '• The consistency of life-story work for children in long-term foster care.',
        'The experiences and progress of children who need help and protection:',
        'good',
        '1. Families who need early help receive it from family hubs across the city.',
      ].join('\n');
      const passages = splitPassages('r.pdf', text);
      expect(passages.map((p) => [p.heading, p.text.split('\n')[0]])).toEqual([
        [null, 'What needs to improve?'],
        ['What needs to improve?', '• The quality of return home conversations for children who have been missing.'],
        [null, 'The experiences and progress of children who need help and protection:'],
        ['The experiences and progress of children who need help and protection: good', '1. Families who need early help receive it from family hubs across the city.'],
      ]);
    });

    it('makes no passage of a table of contents', () => {
      const text = 'Contents\nSection 1: the local authority 3\nSummary of key findings 3\nWhat does the local authority need to improve? 5\n\nSection 1: the local authority\n\nSummary of key findings';
      expect(splitPassages('r.pdf', text).map((p) => p.text)).toEqual(['Section 1: the local authority', 'Summary of key findings']);
    });

    it('keeps the rows of a numbered judgement table out of the headings', () => {
      const table = 'The overall judgement is good.\n1. Children who need help and protection Good\n2. Children looked after and achieving permanence Good\n3. Leadership, management and governance Good';
      expect(splitPassages('r.pdf', table).map((p) => p.heading)).toEqual([null, null, null, null]);
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
        'joins a list of names wrapped in the middle of a name',
        'Lead inspector: Emmy Tomsett HMI\nTeam inspectors: Fiona Millns HMI, Sean Tarpey HMI, Pauline Turner HMI, Aelwyn\nPugh HMI, Stephanie Murray HMI, Paul Johnston',
        ['Lead inspector: Emmy Tomsett HMI', 'Team inspectors: Fiona Millns HMI, Sean Tarpey HMI, Pauline Turner HMI, Aelwyn\nPugh HMI, Stephanie Murray HMI, Paul Johnston'],
      ],
      [
        'runs a sentence on over a page break',
        'Social workers visit children and families promptly and\n\fensure safety plans are in place. Communication is good.',
        ['Social workers visit children and families promptly and\n\fensure safety plans are in place.', 'Communication is good.'],
      ],
      [
        'joins a name wrapped between its words in text set in a proportional font',
        'This letter summarises the findings of the focused visit to Rochdale children’s\nservices on 20 and 21 July 2021. Her Majesty’s Inspectors for this visit were Fiona\nCarr and Idris Malik.\nInspectors looked at the local authority’s arrangements for children in need.\nYours sincerely\nFiona Carr\nHer Majesty’s Inspector',
        [
          'This letter summarises the findings of the focused visit to Rochdale children’s\nservices on 20 and 21 July 2021.',
          'Her Majesty’s Inspectors for this visit were Fiona\nCarr and Idris Malik.',
          'Inspectors looked at the local authority’s arrangements for children in need.',
          'Yours sincerely', 'Fiona Carr', 'Her Majesty’s Inspector',
        ],
      ],
      [
        'joins a name wrapped after a title',
        'This was the seventh monitoring visit since the\nlocal authority was judged inadequate in March 2022. His Majesty’s Inspectors Lucy\nBarnes and Amir Haddad carried out this visit.',
        ['This was the seventh monitoring visit since the\nlocal authority was judged inadequate in March 2022.', 'His Majesty’s Inspectors Lucy\nBarnes and Amir Haddad carried out this visit.'],
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
