import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerQuestion } from '../../src/answer/answerQuestion';
import { fragmentKind, words } from '../../src/answer/evidenceAnswer';
import type { Answer } from '../../src/answer/types';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { openCorpus } from '../../src/search/openCorpus';
import { tokenize } from '../../src/search/searchOptions';
import { directory } from '../helpers';

/** Pages written as councils and newspapers write them, for one county. */
const FILES: Record<string, { date: string | null; title: string; publisher: string; kind: string; text: string }> = {
  'news-2024.txt': {
    date: '2024-07-02', title: 'Ofsted rates Northumberland children’s services good', publisher: 'Northumberland County Council', kind: 'press release',
    text: [
      'Ofsted rates Northumberland children’s services good',
      '',
      'Ofsted inspected the council’s children’s services from 3 to 14 June 2024 and judged them good.',
      '',
      'Lead inspector Ann Cole said the council had responded well to the 2021 focused visit.',
      '',
      'Cllr Guy Renshaw, Cabinet Member for Children and Young People, said: “This is a result for every social worker in the county.”',
      '',
      'Inspectors made six recommendations, including the timeliness of assessments.',
    ].join('\n'),
  },
  'minutes-2025.txt': {
    date: '2025-03-10', title: 'Children’s Services Scrutiny Committee – minutes', publisher: 'Northumberland County Council – Scrutiny Committee', kind: 'committee minutes',
    text: [
      'Children’s Services Scrutiny Committee',
      '',
      'Present: Cllr Beth Moor (Chair)',
      '',
      'The committee was reminded that the inspection of 3–14 June 2024 had judged services good.',
      '',
      'Cllr Ian Shaw, Cabinet Member for Children and Young People, introduced the report.',
      '',
      'Cllr Beth Moor asked whether the independent reviewer had reported on the front door. The Director confirmed that the review had recommended a single duty team.',
    ].join('\n'),
  },
  'paper-2024.txt': {
    date: '2024-07-01', title: 'County children’s services rated good', publisher: 'Northumberland Evening Star', kind: 'newspaper article',
    text: 'County children’s services rated good\n\nThe report follows an inspection carried out between 3 and 13 June 2024.',
  },
  'herald-2026.txt': {
    date: '2026-06-10', title: 'Northumberland rated good overall as Ofsted returns', publisher: 'Northumberland Evening Star', kind: 'newspaper article',
    text: [
      'Northumberland rated good overall as Ofsted returns',
      '',
      'Ofsted inspectors were in the county from 20 April to 1 May 2026, and the council has been rated good overall.',
      '',
      'The council’s action plan must be sent to Ofsted by 14 August 2026.',
      '',
      'Partners discussed the draft partnership action plan for the inspection on 9 June 2026.',
    ].join('\n'),
  },
};

describe('answers from the documents’ own sentences', () => {
  let dir: string;
  let index: CorpusIndex;
  const ask = (q: string): Answer => answerQuestion(index, q, { authority: 'Northumberland' });
  const quotes = (a: Answer): string => a.citations.map((c) => c.quote).join(' | ');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'evidence-'));
    for (const [file, doc] of Object.entries(FILES)) writeFileSync(join(dir, file), doc.text);
    writeFileSync(join(dir, 'catalog.json'), JSON.stringify(Object.entries(FILES).map(([file, d]) => ({
      file, authority: 'Northumberland', date: d.date, title: d.title, publisher: d.publisher, kind: d.kind,
    }))));
    index = await openCorpus(dir, directory(), { snapshot: false });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the person in a council role from the latest document that names one', () => {
    const a = ask('Who is the cabinet member for children?');
    expect(a.status).toBe('answered');
    expect(a.answer).toMatch(/^Ian Shaw\b/);
    expect(quotes(a)).toContain('Cllr Ian Shaw, Cabinet Member for Children and Young People');
  });

  it('counts a thing other than events from the sentence that counts it', () => {
    const a = ask('How many recommendations did inspectors make?');
    expect(a.status).toBe('answered');
    expect(quotes(a)).toContain('Inspectors made six recommendations');
  });

  it('answers a deadline with a date something is due by, not another date', () => {
    const a = ask('Deadline for the partnership action plan?');
    expect(a.status).toBe('answered');
    expect(quotes(a)).toContain('must be sent to Ofsted by 14 August 2026');
  });

  it('reads a question put at a meeting with the answer minuted after it', () => {
    const a = ask('What did the independent reviewer recommend?');
    expect(a.status).toBe('answered');
    expect(quotes(a)).toContain('The Director confirmed that the review had recommended a single duty team.');
  });

  it('answers when an inspection started from its dates', () => {
    const a = ask('When did the 2024 inspection start?');
    expect(a.status).toBe('answered');
    expect(a.answer).toMatch(/^The (?:standard )?inspection of Northumberland took place from 3 to 14 June 2024/);
  });

  it('never answers a count of other things with a count of inspections when no sentence counts them', () => {
    const a = ask('How many inspectors were on the 2024 inspection team?');
    expect(a.status).toBe('not_found');
    expect(a.answer).not.toMatch(/\brecord \d+ inspections?\b|\bhas had \d+\b/);
  });

  it('quotes an inspector speaking of an earlier visit rather than saying she led it', () => {
    const a = ask('Who led the 2021 focused visit?');
    expect(a.status).toBe('not_found');
    expect(a.answer).toMatch(/is not on record/);
    expect(a.answer).not.toMatch(/Ann Cole led/);
    expect(quotes(a)).toContain('Lead inspector Ann Cole said');
  });

  it('gives the inspection’s lead from a quoted inspector speaking of it', () => {
    expect(ask('Who led the 2024 inspection?').answer).toMatch(/^Ann Cole led the inspection/);
  });

  it('dates an inspection by the council’s papers over a newspaper, and says the newspaper differs', () => {
    const a = ask('When was the 2024 inspection?');
    expect(a.answer).toMatch(/from 3 to 14 June 2024/);
    expect(a.answer).toMatch(/Another source gives 3 to 13 June 2024/);
  });

  it('gives no overall grade to an inspection after April 2026, quoting the paper that gives one', () => {
    const a = ask('What was the overall judgement at the 2026 inspection?');
    expect(a.answer).toMatch(/gives no overall effectiveness grade/);
    expect(a.answer).toMatch(/One source calls it 'good' overall/);
    expect(a.answer).not.toMatch(/was judged 'good' at/);
  });

  it('reads a question with misspelt words of the domain', () => {
    const a = ask('when was the last inspetion');
    expect(a.status).toBe('answered');
    expect(a.answer).toMatch(/2026/);
  });
});

describe('an authority of many documents', () => {
  let dir: string;
  let index: CorpusIndex;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'evidence-large-'));
    // 40 papers of 10 paragraphs each: inspectors everywhere, supervision in one.
    const catalog = [];
    for (let n = 0; n < 40; n++) {
      const paragraphs = Array.from({ length: 10 }, (_, i) => `${i + 1}. Inspectors met staff in team ${n * 10 + i} and looked at case records with managers.`);
      if (n === 27) paragraphs[4] = '5. Inspectors said that supervision of social workers is regular and reflective.';
      writeFileSync(join(dir, `paper-${n}.txt`), `Paper ${n}\n\n${paragraphs.join('\n\n')}`);
      catalog.push({ file: `paper-${n}.txt`, authority: 'Northumberland', date: `2024-0${(n % 9) + 1}-01`, title: `Paper ${n}` });
    }
    writeFileSync(join(dir, 'catalog.json'), JSON.stringify(catalog));
    index = await openCorpus(dir, directory(), { snapshot: false });
    expect(index.corpus.passages.length).toBeGreaterThan(300);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the one sentence on the matter among passages that all name inspectors', () => {
    const a = answerQuestion(index, 'What did inspectors say about supervision?', { authority: 'Northumberland' });
    expect(a.status).toBe('answered');
    expect(a.citations.map((c) => c.quote)).toContain('Inspectors said that supervision of social workers is regular and reflective.');
  });
});

describe('words', () => {
  it.each([
    'Ofsted’s letter of 4.3.2024 (£3.5m) – the council’s “good” rating.', 'café naïve résumé', '...a.b 1.2.3 .5 5. x', '',
    'It’s 12.30pm; HMIs’ visit — 3 days.',
  ])('splits %j as the index does', (text) => expect(words(text)).toEqual(tokenize(text)));
});

describe('fragmentKind', () => {
  it.each<[string, 'cut' | 'leadIn' | null]>([
    ['- the experiences and progress of care leavers and:', 'cut'],
    ['the quality of plans for children,', 'cut'],
    ['Leaders have improved the quality of plans, and', 'cut'],
    ['Areas for improvement:', 'leadIn'],
    ['We achieved a good outcome across all five inspected areas including;**', 'leadIn'],
    ['Inspectors found the following strengths in practice:', 'leadIn'],
    ['Children in care live in stable homes close to their families.', null],
    ['• The experiences and progress of care leavers – Good', null],
  ])('reads %j as %j', (text, kind) => {
    expect(fragmentKind(text)).toBe(kind);
  });
});

describe('questions about what an inspection said', () => {
  /** Two inspection reports of one county, a council paper that lists the grades, and a news page. */
  const REPORTS: Record<string, { date: string; title: string; publisher: string; kind: string; text: string }> = {
    'report-2018.txt': {
      date: '2018-06-01', title: 'Ofsted inspection of Rutland local authority children’s services', publisher: 'Ofsted', kind: 'inspection report',
      text: [
        'Inspection of Rutland local authority children’s services',
        'Inspection dates: 16 to 27 April 2018',
        'Lead inspector: Jo Marsh, Her Majesty’s Inspector',
        '',
        'Overall effectiveness Good',
        '',
        'The experiences and progress of children in care',
        '',
        '12. Most children in care live with foster carers who know them well, and their plans are reviewed on time.',
        '',
        '13. Social workers visit children regularly and see them alone.',
      ].join('\n'),
    },
    'report-2014.txt': {
      date: '2014-07-01', title: 'Ofsted inspection of Rutland local authority children’s services', publisher: 'Ofsted', kind: 'inspection report',
      text: [
        'Inspection of Rutland local authority children’s services',
        'Inspection dates: 19 May to 11 June 2014',
        'Lead inspector: Ray Lund, Her Majesty’s Inspector',
        '',
        'Overall effectiveness Requires improvement',
        '',
        '20. Too many children in care wait a long time for a permanent home, and the 2018 target for adoption is not yet in sight.',
      ].join('\n'),
    },
    'paper-2024.txt': {
      date: '2024-05-20', title: 'Outcome of the inspection', publisher: 'Rutland County Council – Scrutiny Panel', kind: 'committee report',
      text: [
        'Outcome of the inspection',
        '',
        '2. We achieved a good outcome across all five inspected areas including;',
        ' - the experiences and progress of children in care,',
        ' - the experiences and progress of care leavers and:',
        ' - overall effectiveness.',
        '',
        '3. Ofsted found that new systems for tracking children’s plans are now in place across every team.',
        '',
        '4. Placements for older children remain hard to find, and the council is recruiting more foster carers.',
      ].join('\n'),
    },
  };
  let dir: string;
  let index: CorpusIndex;
  const ask = (q: string): Answer => answerQuestion(index, q, { authority: 'Rutland' });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'evidence-inspections-'));
    for (const [file, doc] of Object.entries(REPORTS)) writeFileSync(join(dir, file), doc.text);
    writeFileSync(join(dir, 'catalog.json'), JSON.stringify(Object.entries(REPORTS).map(([file, d]) => ({
      file, authority: 'Rutland', date: d.date, title: d.title, publisher: d.publisher, kind: d.kind,
    }))));
    index = await openCorpus(dir, directory(), { snapshot: false });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('quotes the report of the inspection a question names by its year, about the area it asks of', () => {
    const a = ask('What did the 2018 inspection say about children in care?');
    expect(a.status).toBe('answered');
    expect(a.citations[0]?.source).toBe('report-2018.txt');
    expect(a.citations[0]?.quote).toMatch(/children in care live with foster carers/);
  });

  it('quotes the older report for the older year', () => {
    const a = ask('What did the 2014 inspection say about children in care?');
    expect(a.citations[0]?.source).toBe('report-2014.txt');
  });

  it('quotes a sentence about placements, not one where something is "in place"', () => {
    const a = ask('What did Ofsted say about placements?');
    expect(a.status).toBe('answered');
    expect(a.citations.map((c) => c.quote).join(' | ')).toMatch(/Placements for older children/);
    expect(a.answer).not.toMatch(/now in place/);
  });

  it('never answers with a list item cut off, nor with a heading', () => {
    for (const q of ['What did the council say about care leavers?', 'What did the 2024 report say about care leavers and overall effectiveness?']) {
      const a = ask(q);
      const quotes = a.citations.map((c) => c.quote);
      expect({ q, quotes: quotes.filter((t) => /\band:$|^The experiences and progress of children in care$/.test(t)) }).toEqual({ q, quotes: [] });
    }
  });
});
