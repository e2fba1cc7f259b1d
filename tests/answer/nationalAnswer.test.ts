import { join } from 'node:path';
import { answerQuestion } from '../../src/answer/answerQuestion';
import { CHAT_ROWS, changeAsked, gradesAsked, inspectorNamed } from '../../src/answer/nationalAnswer';
import { parseQuestion } from '../../src/answer/parseQuestion';
import { directory, FIXTURES, openFresh } from '../helpers';

const HISTORY = join(__dirname, '../../data/history');
const SAMPLE = join(FIXTURES, 'history');

describe('nationalAnswer', () => {
  describe('authoritiesAnswer', () => {
    it('counts each authority by its latest graded inspection only', async () => {
      const index = await openFresh(SAMPLE);
      // Bournemouth, Christchurch and Poole was inadequate in 2021 and requires improvement since; Norfolk is now.
      const a = answerQuestion(index, 'Which councils are inadequate now?');
      expect(a.status).toBe('answered');
      expect(a.facts.map((f) => f.label)).toEqual(['Norfolk']);
      expect(a.answer).toMatch(/^1 authority is judged inadequate overall at its latest graded inspection on record:\n- Norfolk: inadequate, 23 to 27 February 2026 \[1\]\n\n/);
    });

    it('counts "have been judged" over every inspection on record', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'Which councils have been judged inadequate?');
      expect(a.facts.map((f) => f.label)).toEqual(['Bournemouth, Christchurch and Poole', 'Norfolk']);
    });

    it('leaves out an authority last inspected after the reform, and says why', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'Which authorities are judged outstanding?');
      expect(a.facts.map((f) => f.label)).toEqual(['Camden', 'Derby', 'Wiltshire']);
      expect(a.answer).toContain('1 authority was last inspected on or after 1 April 2026, under the framework that gives no overall effectiveness grade, so it is not counted: Blackpool.');
    });

    it('answers for one judgement area when the question names it', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'Which councils have care leavers judged outstanding?');
      expect(a.facts.map((f) => f.label)).toEqual(['Blackpool', 'Camden', 'Derby', 'Wiltshire']);
    });

    it(`writes ${CHAT_ROWS} rows in chat and keeps every row as a fact for the card`, async () => {
      const index = await openFresh(HISTORY);
      const a = answerQuestion(index, 'Which councils are judged outstanding?');
      expect(a.facts.length).toBeGreaterThan(CHAT_ROWS);
      // A short line a row in chat, and one line for the rest.
      const rows = a.answer.split('\n').filter((l) => l.startsWith('- '));
      expect(rows).toHaveLength(CHAT_ROWS + 1);
      expect(rows[0]).toMatch(/^- \S.*: outstanding, .* \[1\]$/);
      expect(rows[CHAT_ROWS]).toBe(`- and ${a.facts.length - CHAT_ROWS} more authorities (all ${a.facts.length} are listed in the card)`);
      const labels = a.facts.map((f) => f.label);
      expect(labels).toEqual([...labels].sort((x, y) => x.localeCompare(y)));
      for (const f of a.facts) expect(f.citations.length).toBeGreaterThan(0);
    });
  });

  describe('authoritiesAnswer in a period', () => {
    it('counts the authorities judged a grade at an inspection held in a year, not published in it', async () => {
      const index = await openFresh(SAMPLE);
      // Bournemouth, Christchurch and Poole's inadequate inspection of December 2021 was published in 2022.
      expect(answerQuestion(index, 'Which councils were judged inadequate in 2022?').status).toBe('not_found');
      const a = answerQuestion(index, 'Which councils were judged inadequate in 2021?');
      expect(a.facts.map((f) => f.label)).toEqual(['Bournemouth, Christchurch and Poole']);
      expect(a.answer).toMatch(/^1 authority was judged inadequate overall at an inspection held in 2021 /);
    });

    it('lists every authority inspected in a period when it names no grade, an inspection without an overall grade too', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'Which councils were inspected in 2026?');
      expect(a.facts.map((f) => `${f.label}: ${f.value}`)).toEqual([
        'Blackpool: standard inspection, no overall grade under the 2026 framework, 8 to 19 June 2026',
        'Norfolk: short inspection, inadequate, 23 to 27 February 2026',
      ]);
      expect(a.answer).toMatch(/^2 authorities were inspected in 2026 /);
      for (const f of a.facts) expect(f.citations.length).toBe(1);
    });

    it('reads "under the new framework" as since 1 April 2026', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'Which councils have been inspected under the new framework?');
      expect(a.facts.map((f) => f.label)).toEqual(['Blackpool']);
    });
  });

  describe('gradesAsked', () => {
    const ask = (text: string) => gradesAsked(parseQuestion(text, { authorities: directory(), onRecord: [] }));
    it.each([
      ['Which councils are good or outstanding?', ['outstanding', 'good']],
      ['How many authorities are RI or inadequate now?', ['requires improvement', 'inadequate']],
      ['Which councils are rated requires improvement to be good?', ['requires improvement']],
      ['Which councils are judged outstanding?', ['outstanding']],
      ['Which councils are inspected?', []],
    ])('reads %j', (text, grades) => expect(ask(text)).toEqual(grades));

    it('counts the authorities at either grade', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'Which councils are good or outstanding now?');
      expect(a.facts.map((f) => `${f.label}: ${f.judgement}`)).toEqual(['Birmingham: good', 'Camden: outstanding', 'Derby: outstanding', 'Wiltshire: outstanding']);
      expect(a.answer).toMatch(/^4 authorities are judged outstanding or good overall at their latest graded inspection on record/);
    });
  });

  describe('areas not yet judged', () => {
    it('says how many authorities were last inspected before care leavers were judged separately', async () => {
      const index = await openFresh(HISTORY);
      const a = answerQuestion(index, 'Which councils are outstanding for care leavers now?');
      expect(a.facts).toHaveLength(46);
      expect(a.answer).toMatch(/\n\n(?:.* )?1 authority was last inspected before care leavers were judged separately, so it is not counted\.\n\nOfsted's record as of 20 August 2026\.$/);
    });
  });

  describe('ungradedSentence', () => {
    it('says the grades of a report the history could not read are not on record, citing its row', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'What was Norfolk judged in 2015?');
      expect(a.answer).toContain("The grades of Norfolk's single inspection (report published 20 October 2015) are not on record: Ofsted's national history could not read them from the report [1].");
      expect(a.citations[0]!.quote).toContain('50004306');
    });

    it('does not answer "never" while some inspection\'s grades are unknown, and says which', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'Has Norfolk ever been outstanding?');
      expect(a.status).toBe('not_found');
      expect(a.answer).toMatch(/^No inspection judged outstanding for Norfolk is on record in the documents\. The grades of Norfolk's single inspection \(report published 20 October 2015\) are not on record: .* Whether it was judged outstanding then is not known from the record\./);
      expect(a.answer).toMatch(/\n\nWhat is on record for Norfolk:\n- 23 to 27 February 2026: short inspection, inadequate \[\d+\]\n- /);
    });

    it('says care leavers were not judged separately before 2023, giving the children in care judgement that covered them', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'How were care leavers judged at Wiltshire\'s 2019 inspection?');
      expect(a.answer).toMatch(/^Care leavers were not judged separately at Wiltshire's standard inspection \(3 to 14 June 2019\): .* judged with those of children in care, which were judged 'good' \[1\]\.\n\nOfsted's record as of 20 August 2026\.$/);
      expect(a.citations[0]!.quote).toContain('inspection_pre_dates_judgement');
    });
  });

  describe('inspectorAnswer', () => {
    it('lists the inspections a lead inspector led, across authorities, oldest first', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'How many inspections did Steve Lowe lead?');
      expect(a.status).toBe('answered');
      expect(a.facts.map((f) => f.label)).toEqual(['Wiltshire', 'Bournemouth, Christchurch and Poole']);
      expect(a.answer).toMatch(/^Steve Lowe led 2 inspections on record, oldest first:\n- Wiltshire: standard inspection, 3 to 14 June 2019, good \[1\]\n- /);
    });

    it('keeps to a period and a kind', async () => {
      const index = await openFresh(SAMPLE);
      expect(answerQuestion(index, 'Which short inspections has Steve Lowe led?').status).toBe('not_found');
      expect(answerQuestion(index, 'inspections led by Lowe since 2021').facts.map((f) => f.label)).toEqual(['Bournemouth, Christchurch and Poole']);
    });

    it('takes a surname alone for an inspector only in a question about leading', async () => {
      const index = await openFresh(HISTORY);
      expect(inspectorNamed(index, 'inspections led by Penswick')).toBe('Neil Penswick');
      expect(inspectorNamed(index, 'Is Wales covered?')).toBeNull();
      expect(inspectorNamed(index, 'what did sophie wales find')).toBe('Sophie Wales');
    });
  });

  describe('changes of grade', () => {
    it.each([
      ['Which councils moved from inadequate to good?', { from: 'inadequate', to: 'good', direction: null }],
      ['Which councils have improved from requires improvement?', { from: 'requires improvement', to: null, direction: 'better' }],
      ['How many councils went down from outstanding?', { from: 'outstanding', to: null, direction: 'worse' }],
      ['Which authorities went from RI to outstanding for care leavers?', { from: 'requires improvement', to: 'outstanding', direction: null }],
    ])('reads %j', (text, change) => expect(changeAsked(text)).toEqual(change));

    it.each(['Which councils are inadequate?', 'What was Wiltshire judged from 2019?', 'Which councils were judged good from 2024 on?'])('reads no change in %j', (text) => {
      expect(changeAsked(text)).toBeNull();
    });

    it('lists the authorities whose next graded inspection after one grade gave the other', async () => {
      const index = await openFresh(SAMPLE);
      // Bournemouth, Christchurch and Poole: inadequate in 2021, requires improvement in 2024.
      const a = answerQuestion(index, 'Which councils went from inadequate to requires improvement?');
      expect(a.facts.map((f) => f.label)).toEqual(['Bournemouth, Christchurch and Poole']);
      expect(a.answer).toMatch(/^1 authority went from inadequate to requires improvement overall from one graded inspection to the next \(the latest such change shown\):\n- Bournemouth, Christchurch and Poole: inadequate \(6 to 17 December 2021\) to requires improvement \(2 to 13 December 2024\) \[1\]\[2\]\n\nOfsted's record as of 20 August 2026\.$/);
      expect(answerQuestion(index, 'Which councils improved from inadequate?').facts.map((f) => f.label)).toEqual(['Bournemouth, Christchurch and Poole']);
      expect(answerQuestion(index, 'Which councils went from good to inadequate?').status).toBe('not_found');
    });
  });

  describe('never judged', () => {
    it('lists the authorities none of whose graded inspections had the grade, and says when older grades are not on record', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'Which councils have never been judged inadequate?');
      expect(a.facts.map((f) => f.label)).toEqual(['Birmingham', 'Camden', 'Derby', 'Leicester', 'Wiltshire']);
      expect(a.answer).not.toContain('not on record');
      // Norfolk's two older reports have unreadable grades; it was judged inadequate in 2026, so it is not listed.
      const good = answerQuestion(index, 'Which councils have never been judged good?');
      expect(good.facts.map((f) => f.label)).toEqual(['Bournemouth, Christchurch and Poole', 'Camden', 'Derby', 'Leicester', 'Norfolk']);
      expect(good.answer).toContain('For 1 of them, the grades of older reports are not on record');
    });
  });

  describe('groups of authorities', () => {
    it('counts only the authorities of the group the question names', async () => {
      const index = await openFresh(HISTORY);
      const a = answerQuestion(index, 'Which councils in London are judged inadequate?');
      expect(a.facts.map((f) => f.label)).toEqual(['Harrow', 'Havering']);
      expect(a.answer).toMatch(/^2 authorities among the London boroughs are judged inadequate overall/);
      expect(answerQuestion(index, 'list the short inspections of London boroughs in 2025').answer).toMatch(/^The short inspections in 2025 on record across the London boroughs, 6 in all/);
    });
  });

  describe('reports by when they were published', () => {
    it('lists the reports of every authority published in a period, in order of publication', async () => {
      const index = await openFresh(SAMPLE);
      // Leicester's and Bournemouth, Christchurch and Poole's inspections of 2024 were published in January 2025.
      const a = answerQuestion(index, 'Which reports were published in 2025?');
      expect(a.facts.map((f) => f.label)).toEqual(['Leicester', 'Bournemouth, Christchurch and Poole', 'Camden', 'Derby']);
      expect(a.answer).toMatch(/^The inspection reports published in 2025 on record across all authorities, 4 in all, in order of publication:\n- Leicester: published 8 January 2025; short inspection held 23 to 27 September 2024, requires improvement \[1\]\n- /);
      expect(answerQuestion(index, 'How many inspections were published in 2025?').answer).toMatch(/^4 inspection reports published in 2025 are on record/);
    });

    it('says when none was published then', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'Which reports were published in 2017?');
      expect(a.status).toBe('not_found');
      expect(a.answer).toBe('No inspection report of any authority published in 2017 is on record.');
    });
  });

  describe('nationalEventsAnswer', () => {
    it('lists events of a kind held in a year across all authorities, in date order', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'list the short inspections in 2025');
      // Leicester's inspection of September 2024, published in 2025, was not held in 2025.
      expect(a.facts.map((f) => f.label)).toEqual(['Camden', 'Derby']);
      expect(a.answer).toMatch(/^The short inspections in 2025 on record across all authorities, 2 in all, in date order:\n- Camden: 3 to 7 March 2025, outstanding \[1\]\n- /);
    });

    it('counts them', async () => {
      const index = await openFresh(SAMPLE);
      expect(answerQuestion(index, 'How many standard inspections were there in 2019?').answer)
        .toMatch(/^1 standard inspection in 2019 is on record across all authorities:\n- Wiltshire: 3 to 14 June 2019, good \[1\]\n\nOfsted's record as of 20 August 2026\.$/);
    });

    it('says when there are none', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'list the monitoring visits in 2024');
      expect(a.status).toBe('not_found');
      expect(a.answer).toBe('No monitoring visit in 2024 of any authority is on record.');
    });
  });

  describe('questions without an authority', () => {
    it('asks which authority, listing only those with papers of their own when there are many', async () => {
      const index = await openFresh(HISTORY);
      const a = answerQuestion(index, 'who led the last inspection?');
      expect(a.status).toBe('ambiguous');
      expect(a.answer).toContain('Any of the 153 authorities on record can be named.');
      expect(a.choices).toEqual([]);
    });

    it('says a name is no English children\'s services authority, with the closest names', async () => {
      const index = await openFresh(SAMPLE);
      const a = answerQuestion(index, 'What was Narnia judged?');
      expect(a.status).toBe('not_found');
      expect(a.answer).toMatch(/^Narnia is not an English children's services authority\. Did you mean /);
    });
  });
});
