import { parseQuestion } from '../../src/answer/parseQuestion';
import { directory } from '../helpers';

const ctx = () => ({ authorities: directory(), onRecord: ['Barking and Dagenham', 'Oxfordshire', 'Worcestershire'] });

describe('parseQuestion', () => {
  it.each([
    ['When was the last monitoring visit?', ['when'], 'monitoring', 'last'],
    ['last MV worcs?', ['when'], 'monitoring', 'last'],
    ['how many focused visits since 2018', ['count'], 'focused', null],
    ['list all the monitoring visit dates', ['list'], 'monitoring', 'all'],
    ['Who led the January 2019 monitoring visit?', ['lead'], 'monitoring', null],
    ['What did the seventh monitoring visit focus on?', ['focus'], 'monitoring', 'nth'],
    ['What was the overall judgement in the 2017 Ofsted report?', ['judgement'], 'standard', null],
    ['what does oxfordshire need to improve', ['improve'], null, null],
    ['how many areas for improvement did the 2023 inspection find', ['improveCount'], 'standard', null],
    ['How many things did Ofsted say Worcestershire needs to improve?', ['improveCount'], null, null],
    ['When did Ofsted publish the letter?', ['published'], null, null],
    ['When is the next inspection due?', ['next'], 'standard', null],
    ['What was the judgement at the inspection before the last one?', ['judgement'], 'standard', 'beforeLast'],
    ['Which councils are rated good?', ['authorities'], 'standard', null],
    ['Show the inspection history', ['history'], 'standard', null],
    ['Is Worcestershire still inadequate?', ['judgement'], 'standard', 'last'],
    ['Has Worcestershire ever been outstanding?', ['judgement'], null, null],
    ['Were we good in 2019?', ['judgement'], null, null],
    ['what did inspectors give us for leadership', ['judgement'], null, null],
    ['Who is the director of children’s services?', ['other'], null, null],
  ])('reads %j', (question, intents, kind, selector) => {
    const q = parseQuestion(question, ctx());
    expect(q.intents).toEqual(intents);
    expect(q.kind?.kinds[0] ?? null).toBe(kind);
    expect(q.selector?.type ?? null).toBe(selector);
  });

  it.each([
    ['last MV worcs?', 'Worcestershire'],
    ['what was LBBD judged in 2014', 'Barking and Dagenham'],
    ['list inspections for oxon', 'Oxfordshire'],
    ["When was Worcestershire Children First's last inspection?", 'Worcestershire'],
    ['when was barking & dagenham last inspected', 'Barking and Dagenham'],
  ])('finds the authority in %j', (question, authority) => {
    expect(parseQuestion(question, ctx()).authority).toBe(authority);
  });

  it.each([
    ['who led oxfordshires last inspection', 'Oxfordshire'],
    ['when was worcestershires latest MV', 'Worcestershire'],
    ['what did Lancashires focused visit find', 'Lancashire'],
  ])('reads a possessive typed without its apostrophe in %j', (question, authority) => {
    expect(parseQuestion(question, ctx()).authority).toBe(authority);
  });

  it.each([
    ['how many MVs have we had since going inadequate', 'inadequate', 'monitoring'],
    ['How many monitoring visits since the inadequate judgement?', 'inadequate', 'monitoring'],
    ['number of visits since we were rated requires improvement', 'requires improvement', 'monitoring'],
    ['how many focused visits since being judged good?', 'good', 'focused'],
  ])('reads %j as counting since a grade, not filtering by it', (question, sinceGrade, kind) => {
    const q = parseQuestion(question, ctx());
    expect(q.intents).toEqual(['count']);
    expect(q.sinceGrade).toBe(sinceGrade);
    expect(q.grade).toBeNull();
    expect(q.kind?.kinds[0]).toBe(kind);
  });

  it.each([
    ['when was the focused visit on care leavers?', ['care', 'leavers']],
    ['who led the JTAI into child exploitation in Oxfordshire', ['child', 'exploitation']],
    ['when was the monitoring visit that looked at the front door', ['front', 'door']],
    ['when was the last focused visit to Oxfordshire?', null],
  ])('reads the topic of %j', (question, topic) => {
    expect(parseQuestion(question, ctx()).topic ?? null).toEqual(topic);
  });

  it.each([
    ['what were the areas for priority action in the FV'],
    ['what did the focused visit say needs improving'],
    ['list the areas for further improvement from the MV'],
  ])('reads %j as asking what to improve', (question) => {
    expect(parseQuestion(question, ctx()).intents).toEqual(['improve']);
  });

  it.each([
    ['Who led the May 2016 standard inspection of Oxfordshire?', ['sif', 'inspection', 'older'], 'inspection'],
    ['What did the standard inspection of Oxfordshire in 2015 find?', ['sif', 'inspection', 'older'], 'inspection'],
    ['Who led the July 2019 standard inspection of Oxfordshire?', ['standard'], 'standard inspection'],
    ['Who led the short inspection of Oxfordshire in January 2018?', ['short'], 'short inspection'],
    ['List the standard inspections of Oxfordshire', ['standard'], 'standard inspection'],
  ])('reads the framework %j can mean at the time it gives', (question, kinds, label) => {
    expect(parseQuestion(question, ctx()).kind).toEqual({ kinds, label });
  });

  it('uses the default authority when the question names none', () => {
    expect(parseQuestion('when was the last visit?', { ...ctx(), defaultAuthority: 'Oxon' }).authority).toBe('Oxfordshire');
  });

  it('marks an authority with nothing on record, and a name that is no authority', () => {
    expect(parseQuestion("What was Birmingham's last Ofsted judgement?", ctx()).unknownAuthority).toBe('Birmingham');
    expect(parseQuestion("What was Narnia's last judgement?", ctx()).notAnAuthority?.name).toBe('Narnia');
  });

  it.each([
    ['What was Worcestershire judged in June 2019?', { during: { start: { year: 2019, month: 6 }, end: { year: 2019, month: 6 } } }],
    ['How many focused visits has Oxfordshire had since 2018?', { since: { year: 2018 } }],
    ['When was the inspection before the 2024 one?', { before: { year: 2024 } }],
  ])('reads the period in %j', (question, period) => {
    expect(parseQuestion(question, ctx())).toMatchObject(period);
  });

  it.each([
    ['Which councils were inspected under the new framework?', { since: { year: 2026, month: 4, day: 1 }, before: null }],
    ['How many short inspections have there been since the reform?', { since: { year: 2026, month: 4, day: 1 } }],
    ['Which councils were rated inadequate under the old framework?', { before: { year: 2026, month: 4, day: 1 }, since: null }],
    ['Which councils were inspected since 2025 under the new framework?', { since: { year: 2025 } }],
  ])('reads the April 2026 reform as a bound in %j', (question, period) => {
    expect(parseQuestion(question, ctx())).toMatchObject(period);
  });

  it.each([
    ['When was Worcestershire\'s first inspection on record?', 'first'],
    ['When was the first monitoring visit to Worcestershire?', 'nth'],
  ])('reads "first" of an inspection as the earliest, of a visit as its number in the series: %j', (question, selector) => {
    expect(parseQuestion(question, ctx()).selector?.type).toBe(selector);
  });

  it.each([
    'what did ofsted rate oxfordshire overall in 2019',
    'What did Ofsted judge care leavers in Oxfordshire in 2023?',
    'what did Oxfordshire get at its last inspection',
  ])('reads "rate" and "judge" as verbs asking for a judgement: %j', (question) => {
    expect(parseQuestion(question, ctx()).intents).toEqual(['judgement']);
  });

  it.each([
    ['What was Cherwell rated at its last Ofsted inspection?', 'Cherwell', 'Oxfordshire'],
    ['when was cherwell district council inspected', 'Cherwell', 'Oxfordshire'],
    ["Who led Sevenoaks's last inspection?", 'Sevenoaks', 'Kent'],
  ])('marks a district council as no children\'s services authority, with the one that is: %j', (question, name, authority) => {
    const q = parseQuestion(question, ctx());
    expect(q.authority).toBeNull();
    expect(q.notAnAuthority).toEqual({ name, suggestions: [authority] });
  });

  it('does not take a short word for a district unless it is written with a capital', () => {
    expect(parseQuestion('what was the hart of the oxfordshire judgement', ctx()).notAnAuthority).toBeNull();
    expect(parseQuestion('When was Hart last inspected?', ctx()).notAnAuthority).toEqual({ name: 'Hart', suggestions: ['Hampshire'] });
  });

  it.each([
    'Which London boroughs are outstanding?',
    'How many metropolitan boroughs are rated good?',
    'Which county councils are inadequate?',
    'How many unitary authorities are outstanding?',
  ])('reads a question about a group of authorities as one about authorities: %j', (question) => {
    expect(parseQuestion(question, ctx()).intents).toEqual(['authorities']);
  });

  it('asks for the judgement when a question about one authority names two grades joined by "or", and keeps the grade for a national one', () => {
    expect(parseQuestion('Was Oxfordshire good or outstanding at its last inspection?', ctx())).toMatchObject({ grade: null, intents: ['judgement'] });
    expect(parseQuestion('Which councils are good or outstanding?', ctx()).grade).not.toBeNull();
  });

  it.each([
    ['Which councils have had an inadequate judgement for care leavers?', true],
    ['Which councils have received an outstanding grade?', true],
    ['Which councils are inadequate now?', false],
  ])('reads "have had" and "have received" as any time in %j', (question, ever) => {
    expect(parseQuestion(question, ctx()).ever).toBe(ever);
  });

  it.each([
    ['Who has led inspections of Oxfordshire?', 'all'],
    ['Who led the last inspection of Oxfordshire?', 'last'],
    ['Who led the inspection of Oxfordshire in 2019?', null],
  ])('reads "who" with inspections in the plural as every one: %j', (question, selector) => {
    expect(parseQuestion(question, ctx()).selector?.type ?? null).toBe(selector);
  });
  describe('names typed with a slip', () => {
    /** Words the documents use, as the answer engine gives them from its index. */
    const used = new Set(['full', 'report', 'reports', 'shaw', 'nicki']);
    const typing = () => ({ ...ctx(), knownWord: (w: string) => used.has(w) });

    it.each([
      ['when was Worcestershre last inspected?', 'Worcestershire', 'Worcestershre'],
      ['what about Oxfordsire?', 'Oxfordshire', 'Oxfordsire'],
      ['what inspections has Kentt had?', 'Kent', 'Kentt'],
      ['Kentt', 'Kent', 'Kentt'],
      ['barking and dagenam monitoring visits', 'Barking and Dagenham', 'barking and dagenam'],
    ])('takes the one authority spelt nearest in %j', (question, authority, typed) => {
      const q = parseQuestion(question, { ...typing(), defaultAuthority: 'Worcestershire' });
      expect(q.authority).toBe(authority);
      expect(q.authorityFrom).toBe('question');
      expect(q.spelling).toEqual({ typed, authority });
    });

    it('offers the authorities spelt equally near as choices, and answers about none of them', () => {
      const q = parseQuestion('when was Suton last inspected?', { ...typing(), defaultAuthority: 'Worcestershire' });
      expect(q.authority).toBeNull();
      expect(q.authorityChoices).toEqual({ typed: 'Suton', choices: ['Luton', 'Sutton'], succession: null });
    });

    it.each([
      // A common word at the start of a question, near "Hull", is no name.
      ['Full inspection details?'],
      // A short word in lower case is not taken for a name ("sent" is near "Kent").
      ['when was the letter sent?'],
      // An inspector's name the documents use.
      ['how many inspections did Nicki Shaw lead?'],
    ])('leaves words that are no slip alone: %j', (question) => {
      const q = parseQuestion(question, { ...typing(), defaultAuthority: 'Worcestershire' });
      expect(q.spelling).toBeNull();
      expect(q.authorityChoices).toBeNull();
    });

    it('says the authority came from the caller when the question names none', () => {
      expect(parseQuestion('when was the last inspection?', { ...typing(), defaultAuthority: 'Oxfordshire' })).toMatchObject({ authority: 'Oxfordshire', authorityFrom: 'default' });
      expect(parseQuestion('when was Worcestershire last inspected?', { ...typing(), defaultAuthority: 'Oxfordshire' })).toMatchObject({ authority: 'Worcestershire', authorityFrom: 'question' });
    });

    it('reads "what about" a word the documents never use as a name that is no authority, not as a question about the default', () => {
      const q = parseQuestion('what about narnia?', { ...typing(), defaultAuthority: 'Worcestershire' });
      expect(q.authority).toBeNull();
      expect(q.notAnAuthority?.name).toBe('narnia');
    });
  });

  describe('names that stand for several authorities', () => {
    it.each([
      ['Cumbria', ['Cumberland', 'Westmorland and Furness'], '2023-04-01'],
      ['when was Northamptonshire last inspected?', ['North Northamptonshire', 'West Northamptonshire'], '2021-04-01'],
    ])('gives the authorities that replaced a former council as choices: %j', (question, choices, formed) => {
      const q = parseQuestion(question, { ...ctx(), defaultAuthority: 'Worcestershire' });
      expect(q.authority).toBeNull();
      expect(q.authorityChoices?.choices).toEqual(choices);
      expect(q.authorityChoices?.succession).toMatchObject({ successors: choices, formed });
    });
  });

  it.each([
    // [question, intents, the kind of event it is about]
    ['who inspected Worcestershire in September 2017?', ['lead'], null],
    ['list Worcestershire\'s inspections and visits', ['list'], null],
    ['what inspections has Kent had?', ['list'], 'standard'],
    ['Worcestershire', ['history'], null],
    ['what visits has Worcestershire had?', ['list'], 'monitoring'],
    ['what inspections has Kent had that were judged good?', ['judgement'], 'standard'],
  ])('reads %j as asking for %j', (question, intents, kind) => {
    const q = parseQuestion(question, ctx());
    expect(q.intents).toEqual(intents);
    expect(q.kind?.kinds[0] ?? null).toBe(kind);
  });
});
