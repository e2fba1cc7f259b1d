import { districtCouncil, districtText, findDistrictCouncil } from '../../src/answer/districtCouncils';
import { directory } from '../helpers';

describe('districtCouncils', () => {
  describe('districtCouncil', () => {
    it.each([
      ['Cherwell', 'Cherwell', 'Oxfordshire', null],
      ['cherwell district council', 'Cherwell', 'Oxfordshire', null],
      ['Kings Lynn & West Norfolk', "King's Lynn and West Norfolk", 'Norfolk', null],
      ['Saint Albans City and District Council', 'St Albans', 'Hertfordshire', null],
      ['newcastle under lyme', 'Newcastle-under-Lyme', 'Staffordshire', null],
      ['Harrogate Borough Council', 'Harrogate', 'North Yorkshire', 2023],
      ['Barrow-in-Furness', 'Barrow-in-Furness', 'Westmorland and Furness', 2023],
    ])('knows %j', (typed, name, authority, abolished) => {
      expect(districtCouncil(typed)).toEqual({ name, authority, abolished });
    });

    it.each(['Oxfordshire', 'Narnia', 'Kent County Council', ''])('knows %j is no district', (typed) => {
      expect(districtCouncil(typed)).toBeNull();
    });

    it('names as the authority for each district one that the directory of children\'s services authorities knows', () => {
      const authorities = directory();
      for (const name of ['Cherwell', 'Sevenoaks', 'Harrogate', 'Wycombe', 'Weymouth and Portland', 'Carlisle', 'Eden', 'Northampton', 'Taunton Deane']) {
        const d = districtCouncil(name)!;
        expect(authorities.resolve(d.authority).matches).toEqual([d.authority]);
      }
    });
  });

  describe('findDistrictCouncil', () => {
    it.each([
      ['What was Cherwell rated at its last Ofsted inspection?', 'Cherwell'],
      ['when was tunbridge wells last inspected', 'Tunbridge Wells'],
      ["Who led Sevenoaks's last inspection?", 'Sevenoaks'],
      ['How is Hart doing?', 'Hart'],
    ])('finds the district in %j', (question, name) => {
      expect(findDistrictCouncil(question)?.name).toBe(name);
    });

    it.each(['how is hart doing', 'what was the rugby score', 'When was Oxfordshire last inspected?'])('finds none in %j', (question) => {
      expect(findDistrictCouncil(question)).toBeNull();
    });
  });

  describe('districtText', () => {
    it('says a district is no children\'s services authority and names the county that runs them', () => {
      expect(districtText(districtCouncil('Cherwell')!)).toBe(
        "Cherwell is a district council, not a children's services authority: Ofsted inspects children's services authorities, " +
        "and Oxfordshire County Council runs children's services there. Ask about Oxfordshire, for example “When was Oxfordshire last inspected?”.",
      );
    });

    it('says when a district was abolished and which unitary authority runs children\'s services now', () => {
      expect(districtText(districtCouncil('Harrogate')!)).toMatch(/^Harrogate was a district council \(abolished in 2023\), not a children's services authority: .* North Yorkshire runs children's services there now\./);
    });
  });
});
