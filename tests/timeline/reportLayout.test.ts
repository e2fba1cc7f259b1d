import { isBoardHeading, isVerdict, leadNamedBelow, letterKind, numberedRowLabel, reportKind } from '../../src/timeline/reportLayout';
import { findGrades } from '../../src/timeline/vocabulary';

describe('reportLayout', () => {
  describe('reportKind', () => {
    it.each([
      ['an ILACS report of 2023', 'Inspection of Worcestershire local\nauthority children’s services\nInspection dates: 15 to 26 May 2023\nLead inspector: Rebecca Quested', 'standard'],
      ['an ILACS report of 2019', 'Worcestershire\nInspection of children’s social care services\nInspection dates: 17 June 2019 to 28 June 2019', 'standard'],
      ['a SIF report', 'Oxfordshire County Council\nInspection of services for children in need of help and\nprotection, children looked after and care leavers\nand\nReview of the effectiveness of the local safeguarding children\nboard1\nInspection date: 29 April 2014 – 21 May 2014', 'sif'],
      ['a report after the 2026 reform', 'Inspection of Somerset local\nauthority children’s services\nInspection dates: 23 to 27 February 2026', 'standard'],
    ])('reads %s', (_name, text, kind) => {
      expect(reportKind(`${text}\nJudgement Grade\nOverall effectiveness Good`)).toBe(kind);
    });

    it.each([
      ['a committee report', 'CHILDREN’S SCRUTINY COMMITTEE – 12 JULY 2022\nOfsted inspection of children’s services\nThe inspection took place from 6 to 17 June 2022.'],
      ['a monitoring visit letter', '14 March 2024\nMonitoring visit to Sandwell children’s services\nThis letter summarises the findings of the monitoring visit on 6 and 7 February 2024.'],
    ])('takes %s for no Ofsted report', (_name, text) => {
      expect(reportKind(text)).toBeNull();
    });
  });

  describe('numberedRowLabel', () => {
    it.each([
      ['1. Children who need help and protection Good', 'Children who need help and protection'],
      ['2. Children looked after and achieving permanence Requires improvement', 'Children looked after and achieving permanence'],
      ['2.2 Experiences and progress of care leavers requires improvement', 'Experiences and progress of care leavers'],
      ['The overall judgement is good.', null],
      ['3. Leaders have a clear understanding of what needs to improve.', null],
    ])('finds in %j the label %j', (row, label) => {
      const span = numberedRowLabel(row);
      expect(span ? row.slice(span.start, span.end) : null).toBe(label);
    });
  });

  describe('isVerdict', () => {
    it.each([
      ['The overall judgement is good.', true],
      ['Children’s services in Worcestershire are inadequate', true],
      ['Overall, services for children in Stoke-on-Trent require improvement to be good.', true],
      ['The graded judgement about the experience and progress of care leavers is that it is inadequate', true],
      ['2.2 Experiences and progress of care leavers Requires improvement', true],
      ['The impact of leaders on social work practice with children and families: good', true],
      ['Management oversight of practice is good.', false],
      ['18. The quality and range of information provided to care leavers about entitlements is good.', false],
      ['The experiences and progress of children are good across all aspects of the inspection framework.', false],
    ])('takes %j for a verdict: %s', (line, expected) => {
      expect(isVerdict(line, findGrades(line))).toBe(expected);
    });
  });

  describe('isBoardHeading', () => {
    it.each([
      ['The Local Safeguarding Children Board (LSCB)', true],
      ['Section 2: The effectiveness of the Local Safeguarding Children Board', true],
      ['Review of the effectiveness of the local safeguarding children\nboard1', false],
      ['The LSCB coordinates the activity of statutory partners and has mechanisms in place.', false],
    ])('takes %j for the board’s section: %s', (text, expected) => {
      expect(isBoardHeading(text)).toBe(expected);
    });
  });

  describe('leadNamedBelow', () => {
    it.each([
      ['Lead inspector:', 'Priya Castellano, His Majesty’s Inspector', 'Priya Castellano'],
      ['Lead inspector', 'Peter McEntee HMI', 'Peter McEntee'],
      ['Lead inspector: Peter McEntee', 'Her Majesty’s Inspector', null],
      ['Lead inspector:', 'The inspection was carried out under section 136.', null],
    ])('reads under %j in %j the lead %j', (field, line, name) => {
      expect(leadNamedBelow(field, line)).toBe(name);
    });
  });

  describe('letterKind', () => {
    const ADDRESS = 'Ofsted\nPiccadilly Gate\nStore Street\nManchester M1 2WD\n15 July 2022\nMs Alison Leyland\nDirector of Children’s Services\nDear Ms Leyland\n';
    it.each([
      ['a monitoring visit letter under its address and greeting', `${ADDRESS}Monitoring visit to Tameside children’s services\nThis letter summarises…`, 'monitoring'],
      ['a focused visit letter', `${ADDRESS}Focused visit to Rochdale local authority children’s services\nThis letter summarises…`, 'focused'],
      ['a committee paper that mentions a visit in its prose', 'Report to Cabinet\nThe monitoring visit to Tameside took place in June and found progress.\nRecommendations', null],
      ['an inspection report', 'Inspection of Derby local authority children’s services\nInspection dates: 20 April 2026 to 1 May 2026', null],
    ])('reads %s', (_name, text, kind) => {
      expect(letterKind(text)).toBe(kind);
    });
  });
});
