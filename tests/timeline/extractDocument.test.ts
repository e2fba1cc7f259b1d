import { joinPages } from '../../src/corpus/readDocument';
import { splitPassages } from '../../src/corpus/splitPassages';
import type { SourceDocument } from '../../src/corpus/types';
import { type Draft, extractDocument } from '../../src/timeline/extractDocument';
import { formatSpan } from '../../src/timeline/dates';
import { directory } from '../helpers';

/** An Ofsted report as its PDF's pages read: running headers, page numbers, wrapped labels and headings. */
function report(file: string, authority: string, pages: string[][]): { doc: SourceDocument; drafts: Draft[] } {
  const text = joinPages(pages.map((lines) => lines.join('\n')));
  const doc: SourceDocument = {
    file, title: `Ofsted inspection of ${authority} local authority children's services`, authority, publisher: 'Ofsted',
    kind: 'inspection report', date: null, url: null, text, hash: file,
  };
  return { doc, drafts: extractDocument(doc, splitPassages(file, text), directory()).drafts };
}

/** The drafts in brief: kind, dates, judgements by area and the people, as a reader would check them. */
function brief(d: Draft): { kind: string; when: string | null; grades: Record<string, string>; people: string[] } {
  const o = d.occurred[0];
  const grades: Record<string, string> = {};
  for (const j of d.judgements) grades[j.area] ??= j.grade;
  return { kind: d.kind, when: o ? formatSpan(o.start, o.end) : null, grades, people: d.people.map((p) => `${p.name}/${p.role}`) };
}

/** The text a fact's evidence covers, on one line. */
function quoted(doc: SourceDocument, ev: { start: number; end: number }): string {
  return doc.text.slice(ev.start, ev.end).replace(/\s+/g, ' ');
}

const HEADER = (page: number): string[] => ['Inspection of Derbyshire local authority children’s services', `6 to 17 March 2023 ${page}`];

const ILACS_2023 = [
  [
    'Inspection of Derbyshire local',
    'authority children’s services',
    'Inspection dates: 6 to 17 March 2023',
    'Lead inspector: Marcus Fry, His Majesty’s Inspector',
    'Judgement Grade',
    'The impact of leaders on social work',
    'practice with children and families',
    'Good',
    'The experiences and progress of',
    'children who need help and protection',
    'Requires improvement to be good',
    'The experiences and progress of',
    'children in care',
    'Good',
    'The experiences and progress of care',
    'leavers',
    'Good',
    'Overall effectiveness Good',
    'Since the last inspection, in February 2019, when services for children in',
    'Derbyshire were judged requires improvement to be good, leaders have made',
    'steady progress. Management oversight of practice is good in most teams.',
  ],
  [
    ...HEADER(2),
    'What needs to improve?',
    '◼ The timeliness of strategy meetings for children at risk of exploitation.',
    '◼ The quality of plans for children in care, so that they are specific and are',
    'updated when children’s circumstances change. Plans should be shared with',
    'children in a way they understand.',
    '◼ The sufficiency of local homes for children in care, including for children',
  ],
  [
    ...HEADER(3),
    'with complex needs.',
    'The experiences and progress of children who need help and',
    'protection: requires improvement to be good',
    '1. Children and families receive timely help from the early help service. The',
    'quality of assessments is good.',
    '2. Strategy meetings are not always held promptly when risks increase.',
    'The experiences and progress of children in care: good',
    '3. Decisions for children to come into care are timely. A local authority that is',
    'inadequate would not see this.',
  ],
];

const SIF_2015 = [
  [
    'Walsall Metropolitan Borough Council',
    'Inspection of services for children in need of help and',
    'protection, children looked after and care leavers',
    'and',
    'Review of the effectiveness of the local safeguarding children',
    'board1',
    'Inspection date: 12 January 2015 – 4 February 2015',
    'Report published: 25 March 2015',
    'Children’s services in Walsall are inadequate',
    '1. Children who need help and protection Inadequate',
    '2. Children looked after and achieving',
    'permanence Requires improvement',
    '2.1 Adoption performance Good',
    '2.2 Experiences and progress of care leavers Requires improvement',
    '3. Leadership, management and governance Inadequate',
    'The effectiveness of the Local Safeguarding Children Board (LSCB) is good.',
  ],
  [
    '2',
    'Contents',
    'Section 1: the local authority 3',
    'Summary of key findings 3',
    'What does the local authority need to improve? 3',
    'Information about this inspection 4',
  ],
  [
    '3',
    'Section 1: the local authority',
    'What does the local authority need to improve?',
    'Areas for improvement',
    '1. Ensure that all children at risk of significant harm are protected by timely',
    'strategy discussions. This was an area for improvement at the last inspection.',
    '2. Improve the quality of assessments so that they address all risks to children.',
    'Inspection judgements about the local authority',
    'The experiences and progress of children who need help and protection',
    'are inadequate',
    '3. Too many children wait too long for help. Parents’ attendance at conferences is',
    'good.',
    'The graded judgement for the experiences and progress of care leavers is that it',
    'requires improvement',
    '4. Pathway plans are not consistently updated.',
  ],
  [
    '4',
    'What the inspection judgements mean: the local authority',
    'An inspection judgement is a single word that describes the overall quality of services.',
    'A local authority that is inadequate is providing services where there are widespread',
    'or serious failures.',
    'The Local Safeguarding Children Board (LSCB)',
    'The effectiveness of the LSCB requires improvement',
    'Recommendations',
    '\uF0B7 The board should ensure that all its audits are completed on time.',
    'The inspection team',
    'Lead inspector: Karen Wright HMI',
    'Deputy lead inspector: Tom Black HMI',
    'Team inspectors: Anna Green HMI, Omar Khan HMI, Ruth Lloyd HMI, Ben',
    'Cole HMI, Sara Ames',
  ],
];

describe('extractDocument', () => {
  describe('an inspection report of 2018 onwards', () => {
    const { doc, drafts } = report('derbyshire.pdf', 'Derbyshire', ILACS_2023);
    const main = drafts.find((d) => d.occurred.some((o) => o.text === '6 to 17 March 2023'))!;

    it('reads the header and the judgement table, labels and grades on lines of their own', () => {
      expect(brief(main)).toEqual({
        kind: 'standard',
        when: '6 to 17 March 2023',
        grades: { leaders: 'good', 'help and protection': 'requires improvement', 'children in care': 'good', 'care leavers': 'good', overall: 'good' },
        people: ['Marcus Fry/lead'],
      });
      expect(quoted(doc, main.judgements.find((j) => j.area === 'care leavers')!.evidence)).toBe('The experiences and progress of care leavers Good');
    });

    it('takes the judgement headings as the report’s own, and no judgement from its narrative', () => {
      const headed = main.judgements.filter((j) => /:/.test(quoted(doc, j.evidence)));
      expect(headed.map((j) => [j.area, j.grade])).toEqual([['help and protection', 'requires improvement'], ['children in care', 'good']]);
      const sentences = main.judgements.map((j) => quoted(doc, j.evidence));
      expect(sentences.filter((t) => /oversight|assessments|local authority that is/.test(t))).toEqual([]);
    });

    it('dates the previous inspection and its grade apart from the report’s', () => {
      expect(drafts.filter((d) => d !== main).map(brief)).toEqual([
        { kind: 'inspection', when: 'February 2019', grades: { overall: 'requires improvement' }, people: [] },
      ]);
    });

    it('lists what needs to improve, an item going on over sentences and pages', () => {
      expect(main.improvements.map((i) => i.text)).toEqual([
        'The timeliness of strategy meetings for children at risk of exploitation.',
        'The quality of plans for children in care, so that they are specific and are updated when children’s circumstances change. Plans should be shared with children in a way they understand.',
        'The sufficiency of local homes for children in care, including for children  with complex needs.',
      ]);
      expect(quoted(doc, main.improvements[0]!.evidence)).toBe('The timeliness of strategy meetings for children at risk of exploitation.');
    });
  });

  describe('a single inspection framework (SIF) report', () => {
    const { doc, drafts } = report('walsall.pdf', 'Walsall', SIF_2015);
    const main = drafts.find((d) => d.kind === 'sif')!;

    it('reads the header, the one-line verdict and the table of grades', () => {
      expect(brief(main)).toEqual({
        kind: 'sif',
        when: '12 January 2015 to 4 February 2015',
        grades: { overall: 'inadequate', 'help and protection': 'inadequate', 'children in care': 'requires improvement', 'care leavers': 'requires improvement', leaders: 'inadequate' },
        people: ['Karen Wright/lead', 'Tom Black/inspector', 'Anna Green/inspector', 'Omar Khan/inspector', 'Ruth Lloyd/inspector', 'Ben Cole/inspector', 'Sara Ames/inspector'],
      });
      expect(main.published.map((p) => p.text)).toEqual(['25 March 2015']);
    });

    it('takes no grade for adoption performance, the LSCB, the judgements’ definitions or the narrative', () => {
      expect(main.judgements.filter((j) => j.grade === 'good')).toEqual([]);
      expect(main.judgements.filter((j) => j.area === 'overall').map((j) => quoted(doc, j.evidence))).toEqual(['Children’s services in Walsall are inadequate']);
    });

    it('quotes a table row with its grade beside it by its label, and a heading whole', () => {
      const help = main.judgements.filter((j) => j.area === 'help and protection').map((j) => quoted(doc, j.evidence));
      expect(help).toEqual(['Children who need help and protection', 'The experiences and progress of children who need help and protection are inadequate']);
      const leavers = main.judgements.filter((j) => j.area === 'care leavers').map((j) => quoted(doc, j.evidence));
      expect(leavers).toEqual(['Experiences and progress of care leavers', 'The graded judgement for the experiences and progress of care leavers is that it requires improvement']);
    });

    it('lists the authority’s areas for improvement, not the contents’ titles nor the board’s recommendations', () => {
      expect(main.improvements.map((i) => i.text)).toEqual([
        'Ensure that all children at risk of significant harm are protected by timely strategy discussions. This was an area for improvement at the last inspection.',
        'Improve the quality of assessments so that they address all risks to children.',
      ]);
    });
  });

  describe('a report after the April 2026 reform', () => {
    const { drafts } = report('somerset.pdf', 'Somerset', [[
      'Inspection of Somerset local',
      'authority children’s services',
      'Inspection dates: 23 to 27 February 2026',
      'Lead inspector:',
      'Priya Castellano, His Majesty’s Inspector',
      'Judgement Grade',
      'The impact of leaders on social work practice',
      'with children and families',
      'Good',
      'The experiences and progress of children who',
      'need help and protection',
      'Requires improvement',
      'to be good',
      'The experiences and progress of children in care Good',
      'The experiences and progress of care leavers Outstanding',
      'Leaders have a clear understanding of the quality of practice, and they have acted on what they know.',
      'What needs to improve?',
      '1. The timeliness of initial child protection conferences.',
      '2. The quality of plans for children who need help and protection.',
      'The experiences and progress of children who need help and',
      'protection: requires improvement to be good',
      '1. Children and families receive help from the early help service when they need it.',
    ]]);

    it('lists what needs to improve in numbered items, apart from the numbered paragraphs that follow', () => {
      expect(drafts[0]!.improvements.map((i) => i.text)).toEqual([
        'The timeliness of initial child protection conferences.',
        'The quality of plans for children who need help and protection.',
      ]);
    });

    it('reads four judgements and no overall grade, and the lead named on the line after the field', () => {
      expect(drafts.map(brief)).toEqual([{
        kind: 'standard',
        when: '23 to 27 February 2026',
        grades: { leaders: 'good', 'help and protection': 'requires improvement', 'children in care': 'good', 'care leavers': 'outstanding' },
        people: ['Priya Castellano/lead'],
      }]);
    });
  });

  describe('a report of 2018–2019', () => {
    const { drafts } = report('worcestershire.pdf', 'Worcestershire', [[
      'Worcestershire',
      'Inspection of children’s social care services',
      'Inspection dates: 17 June 2019 to 28 June 2019',
      'Lead inspector: Peter McEntee',
      'Her Majesty’s Inspector',
      'Judgement Grade',
      'The experiences and progress of children in care and care',
      'leavers',
      'Requires improvement',
      'to be good',
      'Overall effectiveness Requires improvement',
      'to be good',
    ]]);

    it('reads one judgement of children in care and care leavers together as both', () => {
      expect(drafts.map(brief)).toEqual([{
        kind: 'standard',
        when: '17 to 28 June 2019',
        grades: { 'children in care': 'requires improvement', 'care leavers': 'requires improvement', overall: 'requires improvement' },
        people: ['Peter McEntee/lead'],
      }]);
    });
  });

  describe('a committee paper on a new inspection after an older one', () => {
    const text = [
      'CABINET',
      '',
      '12 OCTOBER 2022',
      '',
      'OFSTED INSPECTION OF CHILDREN’S SERVICES',
      '',
      'Background',
      '',
      '2. In March 2018 an Ofsted inspection of children’s services took place and the council was judged \'good\'.',
      '',
      'Ofsted Inspection Report 2022',
      '',
      '3. An Ofsted inspection took place between 4 – 15 July 2022 and a judgement of \'outstanding\' was awarded (Ofsted ' +
        'report attached at Appendix A). All areas of the inspection were judged to be \'outstanding\', with the ' +
        'exception of the \'experiences and progress of care leavers\' which was judged \'good\'.',
    ].join('\n');
    const doc: SourceDocument = {
      file: 'telford-cabinet.txt', title: 'Ofsted inspection of children’s services', authority: 'Telford and Wrekin',
      publisher: 'Telford and Wrekin Council', kind: 'committee report', date: '2022-10-12', url: null, text, hash: 'telford',
    };
    const drafts = extractDocument(doc, splitPassages(doc.file, text), directory()).drafts;
    const older = drafts.find((d) => d.occurred.some((o) => o.start.year === 2018))!;
    const newer = drafts.find((d) => d.occurred.some((o) => o.start.year === 2022))!;

    it('does not give the older inspection the later report’s year as its publication', () => {
      expect(older.published).toEqual([]);
      expect(older.judgements.map((j) => j.grade)).toEqual(['good']);
    });

    it('reads “the inspection” after a dated one in the same paragraph as that one', () => {
      const areas = newer.judgements.filter((j) => quoted(doc, j.evidence).startsWith('All areas'));
      expect(areas.length).toBeGreaterThan(0);
      expect(newer.judgements.map((j) => j.grade)).toContain('outstanding');
    });
  });
});

describe('extractDocument rules for the layouts of other councils’ reports', () => {
  it('ends a numbered list of recommendations at the heading after it, and reads the lead inspector under that heading', () => {
    const { drafts } = report('sefton.pdf', 'Sefton', [[
      'Sefton Metropolitan Borough Council',
      'Inspection of services for children in need of help and protection, children',
      'looked after and care leavers',
      'Inspection date: 6 June 2016 to 30 June 2016',
      'Report published: 19 August 2016',
      'Children’s services in Sefton are inadequate',
      'Executive summary',
      'There are widespread and serious failures in the help and protection given to children in Sefton.',
      'Recommendations',
      '1. Ensure that all referrals are screened promptly by qualified staff.',
      '2. Improve the quality of pathway plans for care leavers, so that each plan sets',
      'out the help a young person will receive.',
      'Information about this inspection',
      'The inspection team consisted of eight of Her Majesty’s Inspectors (HMI) from',
      'Ofsted.',
      'The inspection team',
      'Lead inspector: Marcus Hollings HMI',
      'Deputy lead inspector: Priya Ramsden HMI',
    ]]);
    const main = drafts.find((d) => d.kind === 'sif')!;
    expect(main.improvements.map((i) => i.text)).toEqual([
      'Ensure that all referrals are screened promptly by qualified staff.',
      'Improve the quality of pathway plans for care leavers, so that each plan sets out the help a young person will receive.',
    ]);
    expect(brief(main).people).toEqual(['Marcus Hollings/lead', 'Priya Ramsden/inspector']);
  });

  it('dates no inspection by the date from which its framework applies', () => {
    const { drafts } = report('derby.pdf', 'Derby', [[
      'Inspection of Derby local authority children’s services',
      'Inspection dates: 20 April 2026 to 1 May 2026',
      'Lead inspector: Ruth Okonjo, His Majesty’s Inspector',
      'This inspection was carried out under the framework that applies from 1 April 2026. Inspectors make four',
      'judgements and no longer give a judgement of overall effectiveness.',
    ]]);
    expect(drafts.map((d) => brief(d).when)).toEqual(['20 April 2026 to 1 May 2026']);
  });

  it('ends a bulleted list at a paragraph on a line of its own after the last item', () => {
    const { drafts } = report('bury.pdf', 'Bury', [[
      'Inspection of Bury local authority children’s services',
      'Inspection dates: 11 to 22 May 2026',
      'This is the first inspection of Bury under the framework introduced in April 2026.',
      'What needs to improve?',
      '• The response to children at risk of harm. Strategy meetings should include the',
      'police.',
      '• Placement sufficiency.',
      'Practitioners in the borough know children well, and the help they give makes a difference',
      'to most families.',
    ]]);
    expect(drafts.map((d) => brief(d).when)).toEqual(['11 to 22 May 2026']);
    expect(drafts[0]!.improvements.map((i) => i.text)).toEqual([
      'The response to children at risk of harm. Strategy meetings should include the police.',
      'Placement sufficiency.',
    ]);
  });

  it('counts a monitoring visit letter’s own number in its series as the visits so far', () => {
    const text = [
      'Monitoring visit to Tameside children’s services',
      'This letter summarises the findings of the monitoring visit to Tameside children’s services on 14 June 2022 and',
      '15 June 2022. This visit was the fifth monitoring visit since the local authority was judged inadequate in',
      'November 2019. Her Majesty’s Inspectors for this visit were Sarah Lindqvist and Tom Aderinto.',
    ].join('\n');
    const doc: SourceDocument = {
      file: 'tameside.pdf', title: 'Monitoring visit to Tameside children’s services', authority: 'Tameside', publisher: 'Ofsted',
      kind: 'monitoring visit letter', date: '2022-07-15', url: null, text, hash: 'tameside',
    };
    const { counts } = extractDocument(doc, splitPassages(doc.file, text), directory());
    expect(counts.map((c) => [c.authority, c.kind, c.count, c.asOf, quoted(doc, c.evidence)])).toEqual([
      ['Tameside', 'monitoring', 5, '2022-07-15', 'This visit was the fifth monitoring visit since the local authority was judged inadequate in November 2019.'],
    ]);
  });

  it.each([
    ['a JTAI', 'Joint Targeted Area Inspection: Outcome and Action Plan', 'the joint targeted area inspection of the multi-agency response to children living with domestic abuse, which took place on 5 to 9 February 2024', 'jtai'],
    ['a focused visit', 'Outcome of the Ofsted Focused Visit', 'the Ofsted focused visit of the Council’s children’s services, which took place on 6 and 7 February 2024', 'focused'],
  ])('keeps a graded inspection that a report on %s recalls apart from the event it reports', (_, title, phrase, kind) => {
    const text = [
      'CHILDREN’S SERVICES SCRUTINY BOARD', '', '12 MARCH 2024', '', title.toUpperCase(), '', 'Summary', '',
      `1. The Director of Children’s Services will update the Board on the outcome of ${phrase}.`, '', 'Background', '',
      '2. Ofsted’s inspection of April 2015 judged the Council’s children’s services to be ‘requires improvement’ overall.', '',
      '3. In July 2018 the local authority was inspected by Ofsted and judged ‘inadequate’.',
    ].join('\n');
    const doc: SourceDocument = {
      file: 'board.txt', title, authority: 'Southampton', publisher: null, kind: 'committee report', date: '2024-03-12', url: null, text, hash: 'board.txt',
    };
    const drafts = extractDocument(doc, splitPassages(doc.file, text), directory()).drafts;
    expect(drafts.map(brief)).toEqual([
      { kind, when: kind === 'jtai' ? '5 to 9 February 2024' : '6 and 7 February 2024', grades: {}, people: [] },
      { kind: 'inspection', when: 'April 2015', grades: { overall: 'requires improvement' }, people: [] },
      { kind: 'inspection', when: 'July 2018', grades: { overall: 'inadequate' }, people: [] },
    ]);
  });
});
