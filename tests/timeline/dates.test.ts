import { findDates, formatSpan, overlaps, parseIso, sortKey, toIso } from '../../src/timeline/dates';

const REF = { year: 2019, month: 3, day: 6 };

describe('dates', () => {
  describe('findDates', () => {
    it.each([
      ['took place on 8 and 9 January 2019 and', '8 and 9 January 2019', '8 and 9 January 2019'],
      ['between 15 – 26 May 2023 and', '15 – 26 May 2023', '15 to 26 May 2023'],
      ['from 22 February to 16 March 2016.', '22 February to 16 March 2016', '22 February 2016 to 16 March 2016'],
      ['Inspection dates: 23 to 27 February 2026', '23 to 27 February 2026', '23 to 27 February 2026'],
      ['visited on 15.07.2021.', '15.07.2021', '15 July 2021'],
      ['Meeting: 17/05/2023 - Assembly', '17/05/2023', '17 May 2023'],
      ['dated 2021-07-15', '2021-07-15', '15 July 2021'],
      ['in February and March of 2019.', 'February and March of 2019', 'February 2019 to March 2019'],
      ['on the Ofsted website on 9th April 2024.', '9th April 2024', '9 April 2024'],
      ['Published Thursday, 12th October 2017', 'Thursday, 12th October 2017', '12 October 2017'],
      ['on October 12, 2017 the letter', 'October 12, 2017', '12 October 2017'],
      ['In 2016 the local authority', '2016', '2016'],
      ['expected in spring 2019', 'spring 2019', 'spring 2019'],
      ['in the autumn of 2018', 'the autumn of 2018', 'autumn 2018'],
      ['between 28 November and 2 December 2022', '28 November and 2 December 2022', '28 November 2022 to 2 December 2022'],
    ])('reads %j as %j', (text, written, formatted) => {
      const [d] = findDates(text, REF);
      expect(d?.text).toBe(written);
      expect(d && formatSpan(d.start, d.end)).toBe(formatted);
      expect(text.slice(d!.index, d!.index + d!.text.length)).toBe(written);
    });

    it.each([
      ['a full inspection can be expected in the spring', 'future', 'spring 2019'],
      ['the Monitoring Visit in January was our last', 'past', 'January 2019'],
      ['a visit in September found improvement', 'past', 'September 2018'],
      ['a visit is planned in September', 'future', 'September 2019'],
      ['the third visit, in early-March, looked at children in care', 'past', 'March 2019'],
      ['inspectors came back in mid-January', 'past', 'January 2019'],
      ['was last month formally appointed', 'past', 'February 2019'],
      ['in a letter published today', 'past', '6 March 2019'],
      ['earlier this year', 'past', '2019'],
    ] as const)('resolves %j (%s) against the document date to %s', (text, tense, formatted) => {
      const [d] = findDates(text, REF, tense);
      expect(d && formatSpan(d.start, d.end)).toBe(formatted);
      expect(d?.relative).toBe(true);
    });

    it('keeps relative dates out when there is no document date', () => {
      expect(findDates('was last month formally appointed', null)).toEqual([]);
    });

    it('lists each date of a list of months, not a range across the last two', () => {
      const found = findDates('seven such visits in May 2017, September 2017, January 2018, October 2018 and January 2019.');
      expect(found.map((d) => formatSpan(d.start, d.end))).toEqual(['May 2017', 'September 2017', 'January 2018', 'October 2018', 'January 2019']);
    });

    it.each([
      ['the Children Act 2004 and the Localism Act 2011'],
      ['Tel: 01905 846354'],
      ['an extra £5.1 million'],
      ['Covid 19 pandemic'],
      ['section 20(8) Children Act 2004'],
      ['you may find'],
    ])('finds no date in %j', (text) => {
      expect(findDates(text, REF)).toEqual([]);
    });

    it('reads lower-case months only when asked to (typed questions)', () => {
      expect(findDates('visits in may 2017').map((d) => d.text)).toEqual(['2017']);
      expect(findDates('visits in may 2017', null, 'past', true).map((d) => d.text)).toEqual(['may 2017']);
    });
  });

  describe('ordering and formatting', () => {
    it('orders a season, a month and a day by where they start', () => {
      expect(sortKey({ year: 2019, season: 'spring' })).toBeLessThan(sortKey({ year: 2019, month: 6 }));
      expect(sortKey({ year: 2019 }, 'end')).toBeGreaterThan(sortKey({ year: 2019, month: 12, day: 30 }));
    });

    it('says a month overlaps a day inside it and not one outside', () => {
      const jan = { start: { year: 2019, month: 1 }, end: { year: 2019, month: 1 } };
      expect(overlaps(jan, { start: { year: 2019, month: 1, day: 8 }, end: { year: 2019, month: 1, day: 9 } })).toBe(true);
      expect(overlaps(jan, { start: { year: 2019, month: 2, day: 1 }, end: { year: 2019, month: 2, day: 1 } })).toBe(false);
    });

    it.each([
      ['2019', { year: 2019 }],
      ['2019-03', { year: 2019, month: 3 }],
      ['2019-03-06', { year: 2019, month: 3, day: 6 }],
    ])('parses and prints ISO %s', (iso, date) => {
      expect(parseIso(iso)).toEqual(date);
      expect(toIso(date)).toBe(iso);
    });

    it.each(['2019-13-01', '2019-00', 'March 2019', ''])('rejects %j as an ISO date', (s) => {
      expect(parseIso(s)).toBeNull();
    });
  });
});
