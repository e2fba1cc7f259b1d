import { join } from 'node:path';
import { occurredDate, publishedDate } from '../../src/timeline/buildTimeline';
import { readFileSync } from 'node:fs';
import { readHistoryRows } from '../../src/corpus/inspectionHistory';
import { gradeOf, historyRowAt, parseDayMonthYear, ungradedReason } from '../../src/timeline/historyEvents';
import type { InspectionEvent } from '../../src/timeline/types';
import { FIXTURES, openFresh } from '../helpers';

const DIR = join(FIXTURES, 'history');

async function eventsOf(authority: string): Promise<InspectionEvent[]> {
  const index = await openFresh(DIR);
  return index.timeline.events.filter((e) => e.authority === authority);
}

describe('historyEvents', () => {
  describe('parseDayMonthYear', () => {
    it.each([
      ['22/07/19', { year: 2019, month: 7, day: 22 }],
      ['03/06/2019', { year: 2019, month: 6, day: 3 }],
      ['1/4/2026', { year: 2026, month: 4, day: 1 }],
    ])('reads %s', (text, date) => expect(parseDayMonthYear(text)).toEqual(date));

    it.each(['', '31/02/2024', '13/13/20', '2024-05-01', 'data_unreadable'])('refuses %j', (text) => {
      expect(parseDayMonthYear(text)).toBeNull();
    });
  });

  describe('historyDrafts', () => {
    it('makes a row an event with its kind, dates, publication, lead and five grades, cited by the row', async () => {
      const [, latest] = await eventsOf('Wiltshire');
      expect(latest!.kind).toBe('short');
      expect(occurredDate(latest!)!.start).toEqual({ year: 2023, month: 9, day: 25 });
      expect(publishedDate(latest!)!.start).toEqual({ year: 2023, month: 11, day: 10 });
      expect(latest!.people).toEqual([expect.objectContaining({ name: 'Kathryn Grindrod', role: 'lead' })]);
      const fromRow = latest!.judgements.filter((j) => j.evidence.file === 'ilacs-sample.csv').map((j) => `${j.area}: ${j.grade}`);
      expect(fromRow).toEqual(['overall: outstanding', 'leaders: outstanding', 'help and protection: good', 'children in care: outstanding', 'care leavers: outstanding']);
      expect(latest!.people[0]!.evidence.url).toBe('https://files.ofsted.gov.uk/v1/file/50230001');
    });

    it('reads special values as what they mean, never as grades', async () => {
      const [wiltshire2019] = await eventsOf('Wiltshire');
      expect(wiltshire2019!.judgements.map((j) => j.area)).not.toContain('care leavers');
      const [blackpool] = await eventsOf('Blackpool');
      expect(blackpool!.judgements.map((j) => j.area)).toEqual(['leaders', 'help and protection', 'children in care', 'care leavers']);
      const norfolk = await eventsOf('Norfolk');
      expect(norfolk.slice(0, 2).map((e) => e.judgements.length)).toEqual([0, 0]);
    });

    it('gives a report of unstated framework its kind by date: older before 2014, single inspection to 2018', async () => {
      expect((await eventsOf('Norfolk')).map((e) => e.kind)).toEqual(['older', 'sif', 'short']);
    });

    it('reads an authority written in lower case with "&"', async () => {
      expect((await eventsOf('Bournemouth, Christchurch and Poole')).map((e) => e.people[0]?.name)).toEqual(['Steve Lowe', 'Tom Anthony']);
    });
  });

  describe('merging with documents', () => {
    it('merges a row and a committee paper about the same inspection into one event citing both', async () => {
      const events = await eventsOf('Wiltshire');
      expect(events).toHaveLength(2);
      expect(new Set(events[1]!.mentions.map((m) => m.file))).toEqual(new Set(['ilacs-sample.csv', 'wiltshire-cabinet-2023.txt']));
      expect(events[1]!.judgements.filter((j) => j.area === 'overall').map((j) => j.evidence.file).sort())
        .toEqual(['ilacs-sample.csv', 'wiltshire-cabinet-2023.txt']);
    });
  });

  describe('gradeOf', () => {
    it.each([
      ['good', 'good'],
      ['Requires Improvement', 'requires improvement'],
      ['requires improvement to be good', 'requires improvement'],
      ['to requires improvement', 'requires improvement'],
      ['  inadequate ', 'inadequate'],
    ])('reads %j as %j', (cell, grade) => expect(gradeOf(cell)).toBe(grade));

    it.each(['', 'data_unreadable', 'inspection_pre_dates_judgement', 'not_reported_post_reform', 'good to outstanding', 'the report said that practice was good in most of the teams'])(
      'gives no grade for %j', (cell) => expect(gradeOf(cell)).toBeNull(),
    );
  });

  describe('ungradedReason', () => {
    const text = readFileSync(join(DIR, 'ilacs-sample.csv'), 'utf8');
    const rows = readHistoryRows(text);
    const row = (authority: string, published: string) => rows.find((r) => r.cells.local_authority?.value === authority && r.cells.publication_date?.value === published)!;

    it('says why a row gives no grade for an area, and nothing when it gives one', () => {
      const wiltshire2019 = row('wiltshire', '22/07/19');
      expect(ungradedReason(text, wiltshire2019.start, 'care leavers')).toBe('not judged then');
      expect(ungradedReason(text, wiltshire2019.start, 'children in care')).toBeNull();
      expect(ungradedReason(text, row('blackpool', '31/07/26').start, 'overall')).toBe('not given after reform');
      expect(ungradedReason(text, row('norfolk', '16/08/13').start, 'overall')).toBe('unreadable');
    });

    it('reads a blank overall cell in a row of unreadable grades as unreadable, and a blank one elsewhere as blank', () => {
      expect(ungradedReason(text, row('norfolk', '20/10/15').start, 'overall')).toBe('unreadable');
      const blank = text.replace('10/11/23,short,Kathryn Grindrod,25/09/2023,29/09/2023,outstanding,', '10/11/23,short,Kathryn Grindrod,25/09/2023,29/09/2023,,');
      const r = readHistoryRows(blank).find((x) => x.cells.publication_date?.value === '10/11/23')!;
      expect(ungradedReason(blank, r.start, 'overall')).toBe('blank');
    });

    it('gives null for a text that is no history, or an offset where no row starts', () => {
      expect(ungradedReason('Ofsted judged care leavers good.', 0, 'care leavers')).toBeNull();
      expect(historyRowAt(text, row('wiltshire', '22/07/19').start + 1)).toBeNull();
      expect(historyRowAt(text, row('wiltshire', '22/07/19').start)?.line).toBe(2);
    });
  });
});
