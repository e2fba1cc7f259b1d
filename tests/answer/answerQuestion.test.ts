import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerQuestion } from '../../src/answer/answerQuestion';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { openCorpus } from '../../src/search/openCorpus';
import { directory, FIXTURES, openFresh } from '../helpers';

/** Letters and papers written as councils and Ofsted write them, wrapped at a fixed width as PDF text is. */
const FILES: Record<string, { authority: string; date: string | null; title: string; text: string }> = {
  'halton-faq.txt': {
    authority: 'Halton', date: null, title: 'Ofsted and children’s services in Halton: your questions',
    text: [
      'Ofsted and children’s services in Halton: your questions',
      '',
      'When will Ofsted inspect us next?',
      '',
      'A full inspection is expected in the spring.',
    ].join('\n'),
  },
  'halton-news-2025.txt': {
    authority: 'Halton', date: '2025-07-20', title: 'Halton children’s services judged good',
    text: [
      'Halton children’s services judged good',
      '',
      'Ofsted inspected Halton’s children’s services from 2 to 13 June 2025 and judged them good.',
    ].join('\n'),
  },
  'rotherham-mv-2024.txt': {
    authority: 'Rotherham', date: '2024-05-02', title: 'Monitoring visit to Rotherham children’s services',
    text: [
      '2 May 2024',
      '',
      'Monitoring visit to Rotherham children’s services',
      '',
      'This letter summarises the findings of the monitoring visit to Rotherham children’s',
      'services on 3 and 4 April 2024. This was the third monitoring visit since the local',
      'authority was judged inadequate in March 2023. His Majesty’s Inspectors Anna Cole',
      'and Ben Fry carried out this visit.',
      '',
      'Inspectors evaluated the quality of support for young people leaving care, including',
      'the suitability of their accommodation.',
      '',
      'At the first monitoring visit, in June 2023, inspectors considered the front door.',
      'At the second monitoring visit, in October 2023, inspectors considered children in',
      'care.',
      '',
      'Yours sincerely',
      '',
      'Anna Cole',
      'His Majesty’s Inspector',
    ].join('\n'),
  },
  'rotherham-scrutiny-2017.txt': {
    authority: 'Rotherham', date: '2017-11-01', title: 'Improving Lives Select Commission',
    text: 'The last monitoring visit under the previous intervention took place on 12 and 13 September 2017.',
  },
  'sefton-focused-2024.txt': {
    authority: 'Sefton', date: '2024-03-20', title: 'Focused visit to Sefton children’s services',
    text: [
      '20 March 2024',
      '',
      'Focused visit to Sefton children’s services',
      '',
      'This letter summarises the findings of the focused visit to Sefton children’s',
      'services on 6 and 7 February 2024. Inspectors looked at the local authority’s',
      'arrangements for children in need and the front door.',
      '',
      'Areas for priority action',
      '',
      '- The timeliness of strategy discussions when children are at risk of',
      '  significant harm.',
      '- The quality of management oversight of contacts at the front door.',
      '',
      'Ofsted will take the findings from this focused visit into account at the next',
      'inspection.',
    ].join('\n'),
  },
  'sefton-minutes-2024.txt': {
    authority: 'Sefton', date: '2024-04-10', title: 'Overview and Scrutiny Committee (Children) minutes',
    text: 'Members recalled the previous focused visit of 8th–9th November 2021, which had looked at the council’s services for care leavers and found them well supported.',
  },
  'luton-jtai-2023.txt': {
    authority: 'Luton', date: '2023-10-20', title: 'Joint targeted area inspection in Luton',
    text: [
      'Joint targeted area inspection of the multi-agency response to child sexual',
      'abuse in the family environment in Luton',
      '',
      'This letter summarises the findings of a joint targeted area inspection (JTAI)',
      'of the multi-agency response to child sexual abuse in the family environment in',
      'Luton. This inspection took place from 11 to 15 September 2023.',
    ].join('\n'),
  },
  'luton-minutes-2023.txt': {
    authority: 'Luton', date: '2023-11-29', title: 'Children’s Services Review Group: minutes',
    text: [
      '7 Ofsted Inspection Outcome and Improvement Plan',
      '',
      'The Director reported on the inspection of children’s services that took place from 11 to 15 September',
      '2023, and on the multi-agency plan that responds to it.',
    ].join('\n'),
  },
  'luton-ilacs-2022.txt': {
    authority: 'Luton', date: '2022-05-06', title: 'Luton: Inspection of local authority children’s services',
    text: [
      'Inspection dates: 7 to 18 March 2022',
      'Lead inspector: Rachel Holden, His Majesty’s Inspector',
      '',
      'Overall effectiveness                                      Good',
    ].join('\n'),
  },
  'wirral-sif-2015.txt': {
    authority: 'Wirral', date: '2015-09-10', title: 'Wirral: Inspection of services for children in need of help and protection',
    text: [
      'Inspection date: 6 July to 29 July 2015',
      'Lead inspector: Mark Ashby',
      '',
      '1. Children who need help and protection                          Good',
      '2. Children looked after and achieving permanence                 Requires improvement',
      '   2.1 Experiences and progress of care leavers                    Requires improvement',
      '',
      'Young people leaving care are not yet well enough supported into education,',
      'employment or training, and pathway plans are too variable in quality.',
    ].join('\n'),
  },
  'wirral-scrutiny-2020.txt': {
    authority: 'Wirral', date: '2020-03-04', title: 'Children’s Services Improvement Update',
    text: 'Ofsted’s full inspection of July 2015 judged the Council’s children’s services to be ‘requires improvement’ overall. A focused visit took place on 14 and 15 January 2020.',
  },
  'cheshire-east-2026.txt': {
    authority: 'Cheshire East', date: '2026-09-01', title: 'Cheshire East: Inspection of local authority children’s services',
    text: [
      'Inspection dates: 6 to 17 July 2026',
      '',
      'Judgements',
      '',
      'Leadership and governance                                  Expected standard',
      'The experiences and progress of children in care           Strong standard',
      '',
      'Because one judgement is needs attention, Ofsted will carry out a monitoring activity within',
      '12 months. The next full inspection is expected to take place no later than July 2029.',
    ].join('\n'),
  },
  'dudley-cabinet-2019.txt': {
    authority: 'Dudley', date: '2019-03-01', title: 'Children’s services improvement: report to Cabinet',
    text: 'The next full inspection of children’s services is expected in the autumn, and the service is preparing for it.',
  },
  'dudley-ilacs-2019.txt': {
    authority: 'Dudley', date: '2019-12-20', title: 'Dudley: Inspection of local authority children’s services',
    text: [
      'Inspection dates: 4 to 15 November 2019',
      'Lead inspector: Lisa Walsh, Her Majesty’s Inspector',
      '',
      'Overall effectiveness                                      Requires improvement to be good',
    ].join('\n'),
  },
  'bexley-update-2023.txt': {
    authority: 'Bexley', date: '2023-06-01', title: 'Children’s services improvement update',
    text: 'Since the inadequate judgement in May 2021 there have been four monitoring visits by Ofsted. The inspection, which took place between 10 and 21 May 2021, found that services were inadequate overall.',
  },
};

describe('answerQuestion', () => {
  let dir: string;
  let index: CorpusIndex;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'answer-'));
    for (const [file, doc] of Object.entries(FILES)) writeFileSync(join(dir, file), doc.text);
    writeFileSync(join(dir, 'catalog.json'), JSON.stringify(Object.entries(FILES).map(([file, d]) => ({
      file, authority: d.authority, date: d.date, title: d.title,
    }))));
    index = await openCorpus(dir, directory(), { snapshot: false });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('answerQuestion', () => {
    it.each([
      // [question, default authority, the answer must contain, it must not contain, a quote must contain]
      ['when was the latest monitoring visit?', 'Rotherham', '3 and 4 April 2024', 'September 2017', 'on 3 and 4 April 2024'],
      ['who led the most recent MV?', 'Rotherham', 'Anna Cole led', 'not on record', 'Anna Cole'],
      ['how many MVs have there been since going inadequate', 'Rotherham', '3 monitoring visits', 'No monitoring visit', 'third monitoring visit'],
      ['how many monitoring visits since the inadequate judgement?', 'Bexley', '4 monitoring visits', 'judged inadequate for', 'there have been four monitoring visits'],
      ['what did the last monitoring visit focus on', 'Rotherham', 'young people leaving care', 'not on record', 'leaving care, including'],
      ['what were the areas for priority action in the FV', 'Sefton', 'strategy discussions', 'not on record', 'significant harm'],
      ['what did seftons focused visit say needs improving', null, 'management oversight', 'Which authority', 'front door'],
      ['when was the focused visit on care leavers?', 'Sefton', 'November 2021', 'February 2024', '8th–9th November 2021'],
      ['when was the focused visit that looked at the front door?', 'Sefton', 'February 2024', 'November 2021', '6 and 7 February 2024'],
      ['what was the theme of the JTAI', 'Luton', 'child sexual abuse in the family environment', 'not on record', 'child sexual abuse'],
      ['when was Luton last inspected?', null, 'from 7 to 18 March 2022', 'September 2023', '7 to 18 March 2022'],
      ['what was Luton judged at its last inspection?', null, "'good'", 'not on record', 'Good'],
      ['who led the July 2015 standard inspection?', 'Wirral', 'Mark Ashby led the single inspection', 'standard inspection', 'Mark Ashby'],
      ['care leavers grade at the 2015 inspection?', 'Wirral', "'requires improvement to be good'", 'not on record', 'Young people leaving care are not yet well enough supported'],
      ['what was the children in care judgement in 2026', 'Cheshire East', 'Strong standard', 'not on record', 'children in care           Strong standard'],
      // The paper's expectation is out of date: the inspection it expected is the latest on record.
      ['when is the next inspection due?', 'Dudley', 'No date for the next inspection of Dudley is on record. The latest on record is the inspection of 4 to 15 November 2019', 'was expected in', 'expected in the autumn'],
      ['when is our next full inspection due?', 'Cheshire East', 'no later than July 2029', 'not on record', 'no later than July 2029'],
      // An undated page's expectation is quoted, and the latest inspection on record said after it.
      ['when is the next full inspection expected?', 'Halton', 'expected in the spring.” [1] The latest on record is the inspection of 2 to 13 June 2025 [2]', 'was expected in', 'expected in the spring'],
    ])('answers %j (default %s)', (question, authority, contains, notContains, quoted) => {
      const a = answerQuestion(index, question, { authority });
      expect(a.status).toBe('answered');
      expect(a.answer).toContain(contains);
      expect(a.answer).not.toContain(notContains);
      expect(a.citations.some((c) => c.quote.includes(quoted))).toBe(true);
      for (const c of a.citations) {
        expect(FILES[c.source]!.text.replace(/\s+/g, ' ')).toContain(c.quote.replace(/\s+/g, ' '));
      }
    });
  });

  describe('on the bundled data, as people type questions', () => {
    const DATA = join(__dirname, '../../data');
    /** Every quote stands word for word in its file. */
    const quotesHold = (index: CorpusIndex, a: ReturnType<typeof answerQuestion>): void => {
      for (const c of a.citations) expect(index.document(c.source)!.text.replace(/\s+/g, ' ')).toContain(c.quote.replace(/\s+/g, ' '));
    };

    it('names the visit of the month asked about and its inspector for "who inspected"', async () => {
      const data = await openFresh(DATA);
      const a = answerQuestion(data, 'who inspected Worcestershire in September 2017?');
      expect(a.answer).toBe('Dominic Stevens was the inspector for the second monitoring visit (September 2017) [1].');
      expect(a.citations[0]!.quote).toContain("Her Majesty's Inspector Dominic Stevens");
      quotesHold(data, a);
    });

    it('names the areas not given a grade for "which area wasn’t good?", and says when every area was', async () => {
      const data = await openFresh(DATA);
      const some = answerQuestion(data, 'which area wasn’t good in Barking and Dagenham’s 2023 inspection?');
      expect(some.answer).toMatch(/^In the standard inspection \(10 to 21 July 2023\), the areas not judged good: /);
      expect(some.answer).toContain('the experiences and progress of children in care, judged requires improvement');
      expect(some.answer).not.toContain('care leavers, judged good');
      quotesHold(data, some);
      const every = answerQuestion(data, 'Which areas were not judged good at Oxfordshire’s 2024 inspection?');
      expect(every.answer).toMatch(/^In the standard inspection \(12 to 23 February 2024\), every area was judged good \[1\]\./);
    });

    it('lists every inspection on record for "what inspections has Kent had?", a line each', async () => {
      const data = await openFresh(DATA);
      const a = answerQuestion(data, 'what inspections has Kent had?');
      expect(a.status).toBe('answered');
      const rows = a.answer.split('\n').filter((l) => l.startsWith('- '));
      expect(rows).toHaveLength(4);
      expect(rows[2]).toBe('- 9 to 20 May 2022: standard inspection, judged outstanding [3]');
      expect(rows[3]).toBe('- 3 to 7 November 2025: short inspection, judged good [4]');
      quotesHold(data, a);
    });

    it('gives the latest judgements for "what did Ofsted find in Cornwall?" and says the reports\' text is not held', async () => {
      const data = await openFresh(DATA);
      const a = answerQuestion(data, 'what did Ofsted find in Cornwall?');
      expect(a.status).toBe('answered');
      expect(a.answer).toMatch(/^Cornwall was judged 'good' at the short inspection \(1 to 5 July 2024\) \[1\]\./);
      expect(a.answer).toContain('care leavers: outstanding [1]');
      expect(a.answer).toContain("none of the documents holds the text of Cornwall's reports, so what else Ofsted found is not on record.");
      quotesHold(data, a);
    });

    it('lists inspections and visits of every kind, oldest first, a short line each', async () => {
      const data = await openFresh(DATA);
      const a = answerQuestion(data, "list Worcestershire's inspections and visits");
      const [list, note] = a.answer.split('\n\n');
      const [head, ...rows] = list!.split('\n');
      expect(head).toBe("Worcestershire's inspection history on record (12 events, oldest first):");
      expect(rows).toHaveLength(12);
      // A history, not the latest event: the national record's date, and nothing of the newest document.
      expect(note).toBe("Ofsted's record as of 20 August 2026.");
      expect(rows[0]).toMatch(/^- October 2010: inspection, judged inadequate \[1\]/);
      expect(rows[3]).toMatch(/^- May 2017: monitoring visit no\. 1 \[\d+\]$/);
      expect(new Set(a.facts.map((f) => f.kind))).toEqual(new Set(['inspection', 'sif', 'monitoring', 'standard']));
      quotesHold(data, a);
    });

    it('gives every time an authority was judged inadequate, 2010 included', async () => {
      const data = await openFresh(DATA);
      const a = answerQuestion(data, 'was Worcestershire ever judged inadequate?');
      expect(a.answer).toMatch(/^Worcestershire has been judged inadequate twice on record:\n- .*\(October 2010\).*\n- .*\(24 October 2016 to 17 November 2016\)/);
      quotesHold(data, a);
    });

    it('says no next date is known, and the latest on record, rather than an old paper\'s expectation', async () => {
      const data = await openFresh(DATA);
      const a = answerQuestion(data, 'when is the next inspection due?', { authority: 'Worcestershire' });
      expect(a.answer).toMatch(/^No date for the next inspection of Worcestershire is on record\. The latest on record is the standard inspection of 15 to 26 May 2023 \[\d+\]\[\d+\], and Worcestershire was judged 'good'/);
      expect(a.answer).not.toContain('spring');
      quotesHold(data, a);
    });

    it('says which authorities replaced Cumbria and offers both', async () => {
      const data = await openFresh(DATA);
      const a = answerQuestion(data, 'Cumbria');
      expect(a.status).toBe('ambiguous');
      expect(a.choices).toEqual(['Cumberland', 'Westmorland and Furness']);
      expect(a.answer).toBe([
        'Cumbria was replaced on 1 April 2023 by two authorities, Cumberland, and Westmorland and Furness. Which do you mean? The latest inspection of each on record:',
        '- Cumberland: standard inspection, 7 to 18 October 2024, judged good [1]',
        '- Westmorland and Furness: standard inspection, 22 April 2024 to 3 May 2024, judged good [2]',
      ].join('\n'));
      quotesHold(data, a);
    });

    it.each(['👍', 'thanks', 'ok', 'Thank you!'])('acknowledges %j briefly, without searching', async (text) => {
      const data = await openFresh(DATA);
      expect(answerQuestion(data, text)).toEqual({ status: 'answered', answer: 'Glad to help. Ask another question whenever you like.', authority: null, facts: [], citations: [] });
    });

    it('takes the one authority a slip is spelt nearest, and says so', async () => {
      const data = await openFresh(DATA);
      const a = answerQuestion(data, 'when was Oxfordsire last inspected?', { authority: 'Worcestershire' });
      expect(a.authority).toBe('Oxfordshire');
      expect(a.answer).toMatch(/^The last standard inspection of Oxfordshire took place from 12 to 23 February 2024/);
      expect(a.answer).toMatch(/\n\nTaking Oxfordshire for “Oxfordsire”\.\n\nOfsted's record as of 20 August 2026\. The newest document on record for Oxfordshire is dated 20 May 2024\.$/);
    });

    it('offers the authorities a slip is spelt as near to, with what is on record for each', async () => {
      const data = await openFresh(DATA);
      const a = answerQuestion(data, 'when was Suton last inspected?', { authority: 'Worcestershire' });
      expect(a.status).toBe('ambiguous');
      expect(a.choices).toEqual(['Luton', 'Sutton']);
      expect(a.answer).toMatch(/^“Suton” is spelt like Luton or Sutton\. Which do you mean\? On record:\n- Luton: .* \[1\]\n- Sutton: .* \[2\]$/);
      expect(a.answer).not.toContain('Worcestershire');
    });
  });

  describe('on the national history', () => {
    const SAMPLE = join(FIXTURES, 'history');

    it('says a district council is no children\'s services authority and names the one that is', async () => {
      const history = await openFresh(SAMPLE);
      const a = answerQuestion(history, 'When was Sevenoaks last inspected by Ofsted?');
      expect(a.status).toBe('not_found');
      expect(a.answer).toMatch(/^Sevenoaks is a district council, not a children's services authority: .*Kent County Council runs children's services there\./);
      expect(a.choices).toEqual(['Kent']);
    });

    it('names an inspection dated only by its report by its publication', async () => {
      // Redcar and Cleveland's row of 2022 gives no framework and no inspection dates.
      const history = await openFresh(join(__dirname, '../../data/history'));
      const a = answerQuestion(history, 'What grades did Redcar and Cleveland get in 2022?');
      expect(a.answer).toMatch(/^Redcar and Cleveland was judged 'requires improvement to be good' at the inspection \(report published 22 September 2022\) \[1\]\./);
    });

    it('counts the inspections with a grade when the question asks how many times it was given', async () => {
      const history = await openFresh(join(__dirname, '../../data/history'));
      // Dorset: good in 2021, outstanding in 2025.
      expect(answerQuestion(history, 'How many times has Dorset been judged outstanding?').answer).toMatch(/^Dorset has been judged outstanding once \[1\]\./);
      expect(answerQuestion(history, 'How many times has Dorset been inspected?').answer).toMatch(/^Dorset has had 2 inspections, /);
    });

    it('gives every area when the question asks for the grades, not only those that differ from the overall one', async () => {
      const history = await openFresh(join(__dirname, '../../data/history'));
      const areas = /The impact of leaders .*: (\w[\w ]*) \[1\], .*help and protection: (\w[\w ]*) \[1\], .*children in care: (\w[\w ]*) \[1\] and .*care leavers: (\w[\w ]*) \[1\]\./;
      expect(areas.exec(answerQuestion(history, 'What were the judgements for each area at Cornwall\'s last inspection?').answer)?.slice(1)).toEqual(['good', 'good', 'good', 'outstanding']);
      // Asked for the overall grade alone, only the area that differs is added.
      expect(answerQuestion(history, 'What was Cornwall judged at its last inspection?').answer).toBe(
        "Cornwall was judged 'good' at the short inspection (1 to 5 July 2024) [1]. The experiences and progress of care leavers: outstanding [1].\n\n" +
        "Ofsted's record as of 20 August 2026.",
      );
    });
  });
});
