import { AuthorityDirectory } from '../../src/corpus/authorities';
import { AuthorityTypeahead, authorityTypeahead, MAX_TYPEAHEAD_RESULTS } from '../../src/search/authorityTypeahead';
import { directory } from '../helpers';

const ON_RECORD = ['Barking and Dagenham', 'Oxfordshire', 'Worcestershire'];

const matcher = (): AuthorityTypeahead => authorityTypeahead(directory());

describe('authorityTypeahead module', () => {
  describe('AuthorityTypeahead.search', () => {
    it.each([
      ['the start of a name', 'worc', 'Worcestershire', 'Worcestershire'],
      ['the start of each word', 'barking and dag', 'Barking and Dagenham', 'Barking and Dagenham'],
      ['a name in another case', 'OXFORDSHIRE', 'Oxfordshire', 'Oxfordshire'],
      ['a name with a typo', 'Worcestershrie', 'Worcestershire', 'Worcestershire'],
      ['a name with a letter missing', 'bristl', 'Bristol', 'Bristol'],
      ['a short form', 'Worcs', 'Worcestershire', 'Worcestershire (Worcs)'],
      ['an abbreviation in lower case', 'lbbd', 'Barking and Dagenham', 'Barking and Dagenham (LBBD)'],
      ['an abbreviation with an ampersand', 'B&NES', 'Bath and North East Somerset', 'Bath and North East Somerset (B&NES)'],
      ['a nickname', 'brum', 'Birmingham', 'Birmingham (Brum)'],
      ['a council’s full title', 'Worcestershire County Council', 'Worcestershire', 'Worcestershire'],
      ['a company that runs the services', 'Worcestershire Children First', 'Worcestershire', 'Worcestershire (Worcestershire Children First)'],
      ['a part of a longer name', 'hull', 'Kingston upon Hull', 'Kingston upon Hull'],
      ['a start with an accent-free spelling', 'southend', 'Southend-on-Sea', 'Southend-on-Sea'],
    ])('finds %s (“%s”) first', (_, typed, value, title) => {
      const [first] = matcher().search(typed, { onRecord: ON_RECORD });
      expect(first).toEqual({ title, value });
    });

    it('offers every authority a former name or a shared company stands for', () => {
      expect(matcher().search('Cumbria')).toEqual([
        { title: 'Cumberland (formerly Cumbria)', value: 'Cumberland' },
        { title: 'Westmorland and Furness (formerly Cumbria)', value: 'Westmorland and Furness' },
      ]);
      expect(matcher().search('achieving for children').map((c) => c.value).sort()).toEqual(
        ['Kingston upon Thames', 'Richmond upon Thames', 'Windsor and Maidenhead'],
      );
    });

    it('finds the names that share a word, those starting with it first, then those with a word starting so', () => {
      const values = matcher().search('north').map((c) => c.value);
      const starting = directory().all.map((a) => a.name).filter((n) => n.startsWith('North '));
      expect(starting.length).toBeGreaterThan(3);
      expect(values.slice(0, starting.length).sort()).toEqual(starting.sort());
      expect(values).toContain('Bath and North East Somerset');
      expect(values).toContain('Northumberland');
    });

    it('finds nothing for text no name is like', () => {
      expect(matcher().search('zzzzqqq')).toEqual([]);
    });

    it('gives canonical names as values, each authority once', () => {
      const names = new Set(directory().all.map((a) => a.name));
      for (const typed of ['north', 'london', 'shire', 'kingston', 'bcp', 'city']) {
        const values = matcher().search(typed).map((c) => c.value);
        expect(new Set(values).size).toBe(values.length);
        for (const v of values) expect(names.has(v)).toBe(true);
      }
    });

    it('lists the authorities on record first, then the rest alphabetically, when nothing is typed', () => {
      const all = directory().all.map((a) => a.name).sort((a, b) => a.localeCompare(b));
      const pages: string[] = [];
      for (let skip = 0; skip < all.length; skip += MAX_TYPEAHEAD_RESULTS) {
        const page = matcher().search('', { skip, top: MAX_TYPEAHEAD_RESULTS, onRecord: ON_RECORD });
        expect(page.length).toBe(Math.min(MAX_TYPEAHEAD_RESULTS, all.length - skip));
        pages.push(...page.map((c) => c.value));
      }
      expect(pages.slice(0, 3)).toEqual(ON_RECORD);
      expect(pages.slice(3)).toEqual(all.filter((n) => !ON_RECORD.includes(n)));
      expect(matcher().search('   ', { onRecord: ON_RECORD })[0]).toEqual({ title: 'Barking and Dagenham', value: 'Barking and Dagenham' });
    });

    it('reads text of only filler words (“the council”) as nothing typed', () => {
      expect(matcher().search('the council', { onRecord: ON_RECORD }).slice(0, 3).map((c) => c.value)).toEqual(ON_RECORD);
    });

    it('pages a long list of matches by skip and top', () => {
      const first = matcher().search('london', { skip: 0, top: 5 });
      const second = matcher().search('london', { skip: 5, top: 5 });
      const both = matcher().search('london', { skip: 0, top: 10 });
      expect(first).toHaveLength(5);
      expect([...first, ...second]).toEqual(both);
    });

    it.each([
      ['more than Teams shows', { top: 50 }, MAX_TYPEAHEAD_RESULTS],
      ['none', { top: 0 }, 0],
      ['past the end', { skip: 500 }, 0],
    ])('returns at most %s', (_, options, length) => {
      expect(matcher().search('', options)).toHaveLength(length);
    });

    it('puts an authority on record first among equal matches', () => {
      const list = AuthorityDirectory.fromList([
        { name: 'North Dale', aliases: [], companies: [], formerly: [] },
        { name: 'North Vale', aliases: [], companies: [], formerly: [] },
      ]);
      const own = new AuthorityTypeahead(list);
      expect(own.search('north').map((c) => c.value)).toEqual(['North Dale', 'North Vale']);
      expect(own.search('north', { onRecord: ['North Vale'] }).map((c) => c.value)).toEqual(['North Vale', 'North Dale']);
    });

    it('answers fast enough for each keystroke', () => {
      const typed = ['w', 'wo', 'wor', 'worc', 'worce', 'worces', 'worcest', 'worcesterhsire', 'barking and dag', 'lbbd'];
      const start = process.hrtime.bigint();
      for (let i = 0; i < 20; i++) for (const t of typed) matcher().search(t);
      const perQuery = Number(process.hrtime.bigint() - start) / 1e6 / (20 * typed.length);
      expect(perQuery).toBeLessThan(25);
    });
  });

  describe('authorityTypeahead', () => {
    it('builds one matcher per directory and keeps it', () => {
      expect(authorityTypeahead(directory())).toBe(authorityTypeahead(directory()));
      const other = AuthorityDirectory.fromList([{ name: 'Rutland', aliases: ['Rutland County Council'], companies: [], formerly: [] }]);
      expect(authorityTypeahead(other)).not.toBe(authorityTypeahead(directory()));
      expect(authorityTypeahead(other).search('')).toEqual([{ title: 'Rutland', value: 'Rutland' }]);
    });
  });
});
