import { splitClauses } from '../../src/reading/clauses';
import { readFocus, readImprovement, readTheme, tableCells } from '../../src/reading/findings';
import { readGrades } from '../../src/reading/grades';
import { readKinds } from '../../src/reading/kinds';
import { readQuantities, seriesNumber } from '../../src/reading/numbers';
import { readPeople } from '../../src/reading/people';
import { referenceDate, urlDate, weekdayYear } from '../../src/reading/referenceDate';

const kinds = (t: string) => readKinds(t).map((k) => [k.text, k.kind, k.relation, k.by]);
const grades = (t: string) => readGrades(t).map((g) => [g.grade, g.areas]);
const people = (t: string) => readPeople(t).map((p) => [p.name, p.role, p.speaker]);
const clauses = (t: string) => splitClauses(t).map((c) => [t.slice(c.start, c.end).trim(), c.time]);

describe('readKinds', () => {
  it.each([
    ['The third monitoring visit took place in May.', [['monitoring visit', 'monitoring', 'plain', 'noun']]],
    ['The next full inspection is expected in the spring.', [['full inspection', 'standard', 'future', 'noun']]],
    ['Since the last inspection in 2021, services have improved.', [['inspection', null, 'prior', 'noun']]],
    ['This JTAI looked at neglect.', [['JTAI', 'jtai', 'this', 'noun']]],
    ['Services were re-inspected in March 2024.', [['were re-inspected', 'standard', 'plain', 'verb']]],
    ['Ofsted, the CQC, HMICFRS and HMI Probation reported jointly.', [['Ofsted', 'jtai', 'plain', 'verb']]],
  ])('reads the events %j names', (text, expected) => expect(kinds(text)).toEqual(expected));

  it.each(['The inspection framework changed in 2018.', 'Social workers carried out home visits.', 'Ofsted published its letter on 3 June.'])(
    'finds no event in %j', (text) => expect(readKinds(text)).toEqual([]));

  it('marks a plural name, which is no one event', () => {
    expect(readKinds('There have been two focused visits.').map((k) => k.plural)).toEqual([true]);
  });
});

describe('readGrades', () => {
  it.each([
    ['Services were judged inadequate in 2022.', [['inadequate', ['overall']]]],
    ['It moved from requires improvement to good.', [['good', ['overall']]]],
    ['Overall effectiveness: Requires improvement to be good', [['requires improvement', ['overall']]]],
    ['All four areas were judged good.', [['good', ['overall', 'leaders', 'help and protection', 'children in care', 'care leavers']]]],
    ['rated good, leaders outstanding', [['good', ['overall']], ['outstanding', ['leaders']]]],
    ['Care leavers were judged outstanding, with the other areas good.', [['outstanding', ['care leavers']]]],
    ['The three outstanding judgements were for: the impact of leaders; children in care and care leavers.', [['outstanding', ['leaders', 'children in care', 'care leavers']]]],
    // Table rows a page ran together on one line: each grade is its own cell's label's.
    ['The impact of leaders | Outstanding | Help and protection | Good | The experiences and progress of care leavers | Outstanding |',
      [['outstanding', ['leaders']], ['good', ['help and protection']], ['outstanding', ['care leavers']]]],
  ])('reads the grades of %j', (text, expected) => expect(grades(text)).toEqual(expected));

  it.each([
    'The council hopes to be rated outstanding next time.',
    'Services are not inadequate.',
    'That leaves three of the four areas good.',
    'There were areas of practice requiring improvement.',
    'The director said 28% of local authorities are rated good or outstanding.',
  ])('finds no judgement in %j', (text) => expect(readGrades(text)).toEqual([]));
});

describe('readPeople', () => {
  it.each([
    ['Councillor Mary Jones, Cabinet Member for Children, said the result was welcome.', [['Mary Jones', 'cabinet member', false]]],
    ['The visit was led by Peter Grant HMI.', [['Peter Grant', 'lead inspector', true]]],
    ['Lead inspector Ann Cole said the service had improved.', [['Ann Cole', 'lead inspector', true]]],
    ['The inspectors, Ruth Lane and Omar Hale, met staff.', [['Ruth Lane', 'inspector', false], ['Omar Hale', 'inspector', false]]],
    ['Director of Children’s Services Helen Ward welcomed the report.', [['Helen Ward', 'director', false]]],
    ['Since the direction, a government-appointed commissioner, Rhona Pike, has chaired the improvement board.', [['Rhona Pike', 'commissioner', false]]],
  ])('reads who %j names, in what role', (text, expected) => expect(people(text)).toEqual(expected));
});

describe('splitClauses', () => {
  it.each([
    ['Services were rated good, having been judged inadequate in 2019.', [['Services were rated good,', 'main'], ['having been judged inadequate in 2019.', 'prior']]],
    ['Following the previous inspection in 2020, a plan was agreed.', [['Following the previous inspection in 2020,', 'prior'], ['a plan was agreed.', 'main']]],
    ['The council was last rated good in 2014; it is now inadequate.', [['The council was last rated good in 2014;', 'prior'], ['it is now inadequate.', 'main']]],
    ['The next expected Ofsted activity is a focused visit, with a short inspection to follow in 2028.', [['The next expected Ofsted activity is a focused visit, with a short inspection to follow in 2028.', 'future']]],
  ])('reads the clauses of %j and the time each is in', (text, expected) => expect(clauses(text)).toEqual(expected));
});

describe('seriesNumber', () => {
  const at = (text: string, name = 'monitoring visit') => {
    const i = text.toLowerCase().indexOf(name);
    return seriesNumber(text, { start: i, end: i + name.length });
  };
  it.each([
    ['the seventh monitoring visit since 2019', 7, false],
    ['the fourth and final monitoring visit', 4, true],
    ['Monitoring visit 3 took place in May', 3, false],
    ['The monitoring visit in May was our last.', 0, true],
  ])('reads %j as number %d (final: %s)', (text, value, final) => {
    expect(at(text)).toMatchObject({ value, final });
  });

  it('leaves a count of one person’s visits alone', () => {
    expect(at('the fifth monitoring visit that Jo Bell has led')).toBeNull();
  });
});

describe('readQuantities', () => {
  it.each([
    ['Inspectors made nine recommendations.', [[9, 'recommendations']]],
    ['A team of six inspectors spent two weeks.', [[6, 'inspectors'], [2, 'weeks']]],
    ['Ofsted visited twice.', [[2, 'times']]],
    ['The report was published on 4 March 2024.', []],
  ])('reads the counts in %j', (text, expected) => expect(readQuantities(text).map((q) => [q.value, q.noun])).toEqual(expected));
});

describe('findings', () => {
  it('reads what a visit looked at, or that a list of it follows', () => {
    expect(readFocus('The visit focused on children in care.')).toMatchObject({ text: 'children in care', listFollows: false });
    expect(readFocus('Inspectors looked at:')).toMatchObject({ text: '', listFollows: true });
    expect(readFocus('Inspectors reviewed case files and data.')).toBeNull();
  });

  it('reads what must improve, or that a list of it follows', () => {
    expect(readImprovement('Areas for improvement include the timeliness of assessments.', false)).toMatchObject({ text: 'the timeliness of assessments' });
    expect(readImprovement('What needs to improve:', false)).toMatchObject({ listFollows: true });
    expect(readImprovement('The visit focused on children in care.', false)).toBeNull();
  });

  it('splits a table row into cells, and a joint inspection’s name from its theme', () => {
    expect(tableCells('Children in care\tGood\tNew')).toEqual(['Children in care', 'Good', 'New']);
    expect(tableCells('a | b')).toBeNull();
    expect(readTheme('Joint targeted area inspection of Northshire – children affected by domestic abuse')?.text).toBe('children affected by domestic abuse');
  });
});

describe('referenceDate', () => {
  it('takes the catalog’s date first, then the address’s, then the weekdays’', () => {
    expect(referenceDate({ date: '2024-05-02', url: 'https://example.gov.uk/2019/01/x', text: '' })).toEqual({ date: { year: 2024, month: 5, day: 2 }, from: 'catalog' });
    expect(urlDate('https://news.example.gov.uk/2024/03/ofsted-result')).toEqual({ year: 2024, month: 3 });
    expect(urlDate('https://example.gov.uk/news')).toBeNull();
    expect(referenceDate({ date: null, url: null, text: 'The report came out in 2023. Inspectors returned on Monday 22 January.' })?.date)
      .toEqual({ year: 2024, month: 1, day: 22 });
  });

  it('places no page by weekdays that several years fit', () => {
    // Monday 22 January: 2018 and 2024 both.
    expect(weekdayYear('The inspection ran from Monday 22 January to Friday 26 January.')).toBeNull();
    expect(weekdayYear('Nothing dated here.')).toBeNull();
  });
});
