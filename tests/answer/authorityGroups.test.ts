import { groupNamed, inGroup } from '../../src/answer/authorityGroups';
import { directory } from '../helpers';

describe('authorityGroups', () => {
  describe('groupNamed', () => {
    it.each([
      ['Which London boroughs are outstanding?', 'London boroughs'],
      ['Which councils in London are inadequate?', 'London boroughs'],
      ['How many metropolitan boroughs are rated good?', 'metropolitan boroughs'],
      ['Which councils in Greater Manchester are inadequate?', 'Greater Manchester authorities'],
      ['Which county councils are requires improvement?', 'county councils'],
      ['Which counties are outstanding?', 'county councils'],
      ['How many unitary authorities are outstanding?', 'unitary authorities'],
    ])('reads %j', (text, label) => expect(groupNamed(text)?.label).toBe(label));

    it.each(['Which councils are outstanding?', 'When was Kent County Council last inspected?', 'Who led the London Borough of Barnet\'s inspection?', 'Is Barnsley Metropolitan Borough Council good?', 'Is Wiltshire a unitary authority?', 'Tell me about London'])('finds none in %j', (text) => {
      expect(groupNamed(text)).toBeNull();
    });
  });

  describe('inGroup', () => {
    it('puts every authority of the directory in exactly one of London, metropolitan, county and unitary', () => {
      const groups = ['London boroughs', 'metropolitan boroughs', 'county councils', 'unitary authorities']
        .map((label) => groupNamed(`Which ${label} are good?`)!);
      const names = directory().all.map((a) => a.name);
      const sizes = groups.map((g) => names.filter((n) => inGroup(g, n)).length);
      expect(sizes).toEqual([33, 36, 21, names.length - 90]);
      for (const n of names) expect(groups.filter((g) => inGroup(g, n))).toHaveLength(1);
    });

    it('names only authorities the directory knows', () => {
      const authorities = directory();
      for (const label of ['London boroughs', 'metropolitan boroughs', 'county councils']) {
        for (const name of groupNamed(`Which ${label} are good?`)!.members!) expect(authorities.resolve(name).matches).toEqual([name]);
      }
    });
  });
});
