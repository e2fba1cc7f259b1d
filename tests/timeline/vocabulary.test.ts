import { findGrades, findKindMentions, findPeople, labelAreas, mentionNumber } from '../../src/timeline/vocabulary';

describe('vocabulary', () => {
  describe('findKindMentions', () => {
    it.each([
      ["Ofsted's seventh Monitoring Visit of the Council's services", 'monitoring'],
      ['the focused visit in November 2021', 'focused'],
      ['an interim visit took place', 'focused'],
      ['the joint targeted area inspection (JTAI) of the response to neglect', 'jtai'],
      ['a short inspection in March 2022', 'short'],
      ['a full OFSTED Inspection of Local Authority Children’s Services (ILACS) inspection in 2019', 'standard'],
      ['the single inspection framework inspection', 'sif'],
      ['the last MV was in January', 'monitoring'],
      ['A joint targeted inspection in 2016 identified issues', 'jtai'],
      ['the inspection found', null],
    ])('finds in %j a mention of kind %s', (text, kind) => {
      expect(findKindMentions(text)[0]?.kind ?? null).toBe(kind);
    });

    it('ignores an inspection framework, which is no event', () => {
      expect(findKindMentions('under the ILACS framework since 2018')).toEqual([]);
    });

    it('marks future, plural and demonstrative mentions', () => {
      const [next] = findKindMentions('ready for the next inspection');
      expect(next?.future).toBe(true);
      const [many] = findKindMentions('a series of Monitoring Visits');
      expect(many?.plural).toBe(true);
      const [own] = findKindMentions('in response to this inspection');
      expect(own?.demonstrative).toBe(true);
    });
  });

  describe('mentionNumber', () => {
    it.each([
      ["Ofsted's seventh Monitoring Visit", 7, false],
      ['Feedback from Ofsted Monitoring Visit – No.7', 7, false],
      ['the 3rd monitoring visit', 3, false],
      ['the final monitoring visit', 0, true],
    ])('reads the number in %j', (text, value, final) => {
      const [m] = findKindMentions(text);
      expect(mentionNumber(text, m!)).toEqual({ value, final });
    });

    it("does not take a person's count of visits for the series number", () => {
      const text = 'This was the fifth monitoring visit that Andy Waugh has been involved in';
      expect(mentionNumber(text, findKindMentions(text)[0]!)).toBeNull();
    });
  });

  describe('findGrades', () => {
    it.each([
      ["The overall judgement for Worcestershire was 'inadequate'.", [['inadequate', 'overall']]],
      ['Oxfordshire was last formally inspected in April 2018, when an overall judgement of Good was given.', [['good', 'overall']]],
      ['The experience and progress of care leavers; good', [['good', 'care leavers']]],
      ["All areas were judged to be 'good', with the exception of the 'experiences and progress of children in care' which was highlighted as 'requires improvement to be good'.",
        [['good', 'all'], ['requires improvement', 'children in care']]],
      ['We achieved a good outcome across all 5 inspected areas', [['good', 'all']]],
      ["Children's services in Bristol are inadequate", [['inadequate', 'overall']]],
      ['2. Children looked after and achieving permanence           Requires improvement', [['requires improvement', 'children in care']]],
      ['Children looked after and achieving permanence    Good', [['good', 'children in care']]],
      ['The experiences and progress of care leavers Outstanding', [['outstanding', 'care leavers']]],
      ['The experiences and progress of children in care and care leavers is good', [['good', 'care leavers'], ['good', 'children in care']]],
      ['Since the last inspection, when services were judged requires improvement to be good, leaders have made progress.', [['requires improvement', 'overall']]],
    ])('reads %j', (text, expected) => {
      expect(findGrades(text).map((g) => [g.grade, g.area])).toEqual(expected);
    });

    it.each([
      ['OFSTED uses classifications for its judgements. ‘Inadequate’; ‘Requires Improvement’; ‘Good’ and ‘Outstanding’.'],
      ['the pace of improvements needed to go further if the Council were to meet ‘Good’ by the next inspection.'],
      ['Inspectors saw good progress and good practice in the front door.'],
      ['There are outstanding actions from the plan.'],
      ['A local authority that is inadequate is providing services where there are widespread or serious failures.'],
      ['In a local authority that requires improvement, there are no widespread or serious failures.'],
      ['An LSCB requires improvement if it does not yet demonstrate the characteristics of good.'],
      ['The effectiveness of the Local Safeguarding Children Board (LSCB) is good.'],
      ['2.1 Adoption performance Good'],
      ['The authority is not yet good.'],
    ])('finds no judgement in %j', (text) => {
      expect(findGrades(text)).toEqual([]);
    });
  });

  describe('labelAreas', () => {
    it.each([
      ['The experiences and progress of children in care and care leavers', ['children in care', 'care leavers']],
      ['The impact of leaders on social work practice with children and families', ['leaders']],
      ['Overall effectiveness', ['overall']],
      ['Adoption performance', []],
      ['The effectiveness of the Local Safeguarding Children Board (LSCB)', []],
    ])('reads the areas %j names', (label, areas) => {
      expect(labelAreas(label)).toEqual(areas);
    });
  });

  describe('findPeople', () => {
    it.each([
      ["Andy Waugh Her Majesty's Inspector (HMI) from Ofsted, led the inspection, working alongside fellow Ofsted inspector Alison Smale, (HMI).",
        [['Andy Waugh', 'lead'], ['Alison Smale', 'inspector']]],
      ["Her Majesty's Inspector Dominic Stevens made it clear", [['Dominic Stevens', 'inspector']]],
      ["Lead inspector: Sarah Canto, His Majesty's Inspector", [['Sarah Canto', 'lead']]],
      ['The visit was led by Steve Lowe, HMI.', [['Steve Lowe', 'lead']]],
      ['Councillor Andy Roberts, Cabinet Member, said', []],
      ['Visit                 Date         Focus                          Lead HMI', []],
      ['Lead inspector: Peter McEntee', [['Peter McEntee', 'lead']]],
      ['Lead inspector: Brendan Parkinson, HMI', [['Brendan Parkinson', 'lead']]],
      ['Deputy lead inspector: Linda Steele HMI', [['Linda Steele', 'inspector']]],
      ['Team inspectors: Mike Ferguson, Wendy Ghaffar, Penny Fisher (HMIs) and Sara Goodinge and Ian MacDonald (associate inspectors)',
        [['Mike Ferguson', 'inspector'], ['Wendy Ghaffar', 'inspector'], ['Penny Fisher', 'inspector'], ['Sara Goodinge', 'inspector'], ['Ian MacDonald', 'inspector']]],
    ])('names the inspectors in %j', (text, expected) => {
      expect(findPeople(text).map((p) => [p.name, p.role])).toEqual(expected);
    });
  });
});
