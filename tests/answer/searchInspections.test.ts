import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  linkedReport, MAX_PAGE, normaliseUrl, resultDetail, type SearchOutcome, type SearchResult, searchInspections,
} from '../../src/answer/searchInspections';
import type { Citation } from '../../src/answer/types';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { openFresh, SEED_DIR, seedWithAddresses } from '../helpers';

/** The seed corpus with web addresses in its catalog, as a corpus whose reports were downloaded would have. */
const URLS: Record<string, string> = {
  '002_bafe8324dc1c07ae.txt': 'https://files.ofsted.gov.uk/v1/file/50223271',
  '000_86a8131df8e299f6.txt': 'https://reports.ofsted.gov.uk/provider/44/80617',
};

let index: CorpusIndex;
let linked: CorpusIndex;
let linkedDir: string;

beforeAll(async () => {
  linkedDir = seedWithAddresses(URLS);
  [index, linked] = await Promise.all([openFresh(SEED_DIR), openFresh(linkedDir)]);
});

afterAll(() => rmSync(linkedDir, { recursive: true, force: true }));

const fold = (s: string): string => s.replace(/\s+/g, ' ').trim();

function found(outcome: SearchOutcome): { results: SearchResult[]; total: number } {
  if (outcome.status !== 'found') throw new Error(`expected results, got the message: ${outcome.message}`);
  return outcome;
}

function search(text: string, skip = 0, count = MAX_PAGE): SearchResult[] {
  return found(searchInspections(index, text, { skip, count })).results;
}

/** True when a citation's quote stands word for word in its source (line breaks read as spaces). */
function inSource(c: Citation, from: CorpusIndex = index): boolean {
  const doc = from.document(c.source);
  return doc !== undefined && fold(doc.text).includes(fold(c.quote));
}

describe('searchInspections', () => {
  describe('searchInspections', () => {
    it.each([[''], ['   ']])('lists every event, most recent first, for blank words (%j)', (text) => {
      const { results, total } = found(searchInspections(index, text, { skip: 0, count: MAX_PAGE }));
      expect(total).toBe(index.timeline.events.length);
      expect(results[0]!.title).toBe('Standard inspection of Oxfordshire');
      expect(results[0]!.dateText).toBe('February 2024');
      const dates = results.map((r) => r.date).filter((d): d is string => d !== null);
      expect(dates).toEqual([...dates].sort().reverse());
    });

    it('reads authority, kind and year as chat does: “worcestershire monitoring 2019”', () => {
      const results = search('worcestershire monitoring 2019');
      expect(results.map((r) => r.ref)).toEqual([{ type: 'event', id: 'worcestershire:monitoring:2019-01-08' }]);
      const [r] = results;
      expect(r!.title).toBe('Seventh monitoring visit to Worcestershire');
      expect(r!.fact).toBe('Took place on 8 and 9 January 2019, led by Andy Waugh.');
      expect(r!.citations[0]!.quote).toContain('8 and 9 January 2019');
      expect(r!.citations.some((c) => c.quote.includes('Andy Waugh'))).toBe(true);
    });

    it.each([
      ['worcs inadequate', ['worcestershire:sif:2016'], 'a short form and a grade'],
      ['lbbd', ['barking-and-dagenham:standard:2019-02', 'barking-and-dagenham:sif:2014'], 'an abbreviation, most recent first'],
      ['latest inspection oxon', ['oxfordshire:standard:2024-02'], '"latest" picks one'],
      ['seventh monitoring visit', ['worcestershire:monitoring:2019-01-08'], 'a number in a series'],
      ['worcestershire monitoring visits before 2018', ['worcestershire:monitoring:2017-09', 'worcestershire:monitoring:2017-05'], 'before a year'],
      ['worcestershire focussed visits', [], 'a kind the authority never had'],
    ])('%j finds %j (%s)', (text, ids) => {
      const outcome = searchInspections(index, text, { skip: 0, count: MAX_PAGE });
      if (ids.length === 0) expect(outcome.status).toBe('none');
      else expect(found(outcome).results.map((r) => r.ref.id)).toEqual(ids);
    });

    it('searches the words left over in the events’ accounts, then in the passages', () => {
      const results = search('exploitation');
      expect(results[0]!.ref).toEqual({ type: 'event', id: 'worcestershire:monitoring:2019-01-08' });
      const passages = results.filter((r) => r.ref.type === 'passage');
      expect(passages.length).toBeGreaterThan(0);
      for (const p of passages) {
        expect(p.citations[0]!.quote.toLowerCase()).toContain('exploitation');
        expect(p.fact).toMatch(/^Paragraph \S+.* of the committee report about Worcestershire\.$/);
      }
    });

    it('keeps passages to the authority named beside the words', () => {
      const results = search('oxfordshire care leavers');
      expect(results.length).toBeGreaterThan(1);
      expect(results.every((r) => r.authority === 'Oxfordshire')).toBe(true);
      expect(results.some((r) => r.ref.type === 'passage' && /care leavers/i.test(r.citations[0]!.quote))).toBe(true);
    });

    it('quotes every result word for word from its source, with the document’s title and date', () => {
      for (const text of ['', 'worcestershire', 'exploitation', 'oxfordshire care leavers', 'social workers', 'lbbd']) {
        for (const r of search(text)) {
          expect(r.citations.length).toBeGreaterThan(0);
          for (const c of r.citations) {
            expect({ text, quote: c.quote, found: inSource(c) }).toEqual({ text, quote: c.quote, found: true });
            expect(c.title).toBe(index.document(c.source)!.title);
            expect(c.date).toBe(index.document(c.source)!.date);
          }
        }
      }
    });

    it('gives the page asked for with skip and count', () => {
      const all = search('worcestershire');
      expect(all).toHaveLength(10);
      expect(search('worcestershire', 3, 3).map((r) => r.ref)).toEqual(all.slice(3, 6).map((r) => r.ref));
      expect(search('worcestershire', 8, 5).map((r) => r.ref)).toEqual(all.slice(8).map((r) => r.ref));
    });

    it('gives an empty page past the end, with the total', () => {
      const outcome = found(searchInspections(index, 'worcestershire', { skip: 40, count: 10 }));
      expect(outcome).toEqual({ status: 'found', results: [], total: 10 });
    });

    it(`never gives more than ${MAX_PAGE} results a page, nor fewer than one`, async () => {
      // A paper of 40 paragraphs that each speak of fostering alike: 40 passages as good as one another.
      const dir = mkdtempSync(join(tmpdir(), 'many-passages-'));
      const paragraphs = Array.from({ length: 40 }, (_, i) => `${i + 1}. Fostering panel note ${i + 1}: the panel reviewed fostering households in the county.`);
      writeFileSync(join(dir, 'fostering-panel.txt'), `Fostering panel notes for Worcestershire\n\n${paragraphs.join('\n\n')}\n`);
      try {
        const many = await openFresh(dir);
        const { results, total } = found(searchInspections(many, 'fostering', { skip: 0, count: 500 }));
        expect(total).toBeGreaterThan(MAX_PAGE);
        expect(results).toHaveLength(MAX_PAGE);
        expect(found(searchInspections(many, 'fostering', { skip: 0, count: 0 })).results).toHaveLength(1);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('searches every successor of a name two authorities replaced (“cumbria”)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'successors-'));
      const header = 'urn,local_authority,inspection_link,pdf_filename,publication_date,inspection_framework,inspector_name,inspection_start_date,inspection_end_date,overall_effectiveness_grade,impact_of_leaders_grade,help_and_protection_grade,in_care_grade,care_leavers_grade,parser_version';
      writeFileSync(join(dir, 'history.csv'), [
        header,
        '90101,cumberland,https://reports.example.org/1,a.pdf,20/03/25,standard,A. Inspector,03/02/2025,14/02/2025,good,good,good,good,good,1',
        '90102,westmorland and furness,https://reports.example.org/2,b.pdf,21/03/25,standard,B. Inspector,10/02/2025,21/02/2025,requires improvement,requires improvement,good,good,good,1',
        '90103,wiltshire,https://reports.example.org/3,c.pdf,22/07/19,standard,C. Inspector,03/06/2019,14/06/2019,good,good,good,good,good,1',
      ].join('\n') + '\n');
      writeFileSync(join(dir, 'catalog.json'), JSON.stringify([{ file: 'history.csv', title: 'Inspection history (test)', authority: null, publisher: 'Ofsted', kind: 'national inspection history', date: '2026-08-20' }]));
      try {
        const history = await openFresh(dir);
        const { results } = found(searchInspections(history, 'cumbria', { skip: 0, count: 25 }));
        expect(new Set(results.map((r) => r.authority))).toEqual(new Set(['Cumberland', 'Westmorland and Furness']));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it.each([
      ['xyzzy', /Nothing on record matches “xyzzy”: no passage holds “xyzzy”\. Try fewer words/],
      ['oxfordshire monitoring', /^No monitoring visits to Oxfordshire are on record\. Try/],
      ['worcs outstanding', /^No inspections of Worcestershire judged outstanding are on record\./],
      ['worcestershire ninth monitoring visit', /^No monitoring visits numbered 9 to Worcestershire are on record\./],
      ['leeds', /^Nothing about Leeds is on record/],
      ['what about Narnia', /^Narnia is not an English children's services authority\./],
    ])('says what is not on record and what to try for %j', (text, message) => {
      const outcome = searchInspections(index, text, { skip: 0, count: MAX_PAGE });
      expect(outcome.status).toBe('none');
      if (outcome.status === 'none') {
        expect(outcome.message).toMatch(message);
        expect(outcome.message).toContain('Barking and Dagenham, Oxfordshire and Worcestershire');
      }
    });
  });

  describe('resultDetail', () => {
    it('gives every fact on record about an event, each with its quote', () => {
      const detail = resultDetail(index, { type: 'event', id: 'worcestershire:monitoring:2019-01-08' })!;
      expect(detail.result.title).toBe('Seventh monitoring visit to Worcestershire');
      const rows = detail.facts.map((f) => [f.value, f.label]);
      expect(rows).toEqual(expect.arrayContaining([
        ['8 and 9 January 2019', 'Took place'],
        ['31 January 2019', 'Report published'],
        ['Andy Waugh', 'Lead inspector'],
        ['Alison Smale', 'Inspector'],
        ['monitoring visit no. 7', 'Number in the series'],
      ]));
      expect(detail.facts.filter((f) => f.label === 'Focus')).toHaveLength(1);
      for (const f of detail.facts) {
        expect(f.citations.length).toBe(1);
        expect(inSource(detail.citations[f.citations[0]! - 1]!)).toBe(true);
      }
    });

    it('gives every judgement of an inspection, by area', () => {
      const detail = resultDetail(index, { type: 'event', id: 'oxfordshire:standard:2024-02' })!;
      const judgements = detail.facts.filter((f) => f.judgement !== null);
      expect(judgements.map((f) => [f.label, f.judgement])).toEqual([
        ['Overall effectiveness', 'good'],
        ['The impact of leaders on social work practice with children and families', 'good'],
        ['The experiences and progress of children who need help and protection', 'good'],
        ['The experiences and progress of children in care', 'good'],
        ['The experiences and progress of care leavers', 'good'],
      ]);
    });

    it('quotes a passage’s whole paragraph, without its list number', () => {
      const passage = index.passage('001_2d1bfb7a07081a1a.txt#5')!;
      const detail = resultDetail(index, { type: 'passage', id: passage.id })!;
      expect(detail.facts).toEqual([]);
      expect(detail.clipped).toBe(false);
      const quote = detail.citations[0]!.quote;
      expect(quote.startsWith('On 24 January 2017, Ofsted published')).toBe(true);
      expect(fold(passage.text).endsWith(fold(quote))).toBe(true);
    });

    it.each([
      [{ type: 'event' as const, id: 'worcestershire:monitoring:2031-01' }],
      [{ type: 'passage' as const, id: 'missing.txt#3' }],
      [{ type: 'passage' as const, id: 'worcestershire:monitoring:2019-01-08' }],
    ])('is null for %j, which the corpus does not hold', (ref) => {
      expect(resultDetail(index, ref)).toBeNull();
    });
  });

  describe('linkedReport', () => {
    it('finds a report by its catalog address, with the events it records and the latest judgement', () => {
      const report = linkedReport(linked, 'https://files.ofsted.gov.uk/v1/file/50223271')!;
      expect(report).toEqual(expect.objectContaining({
        file: '002_bafe8324dc1c07ae.txt', authority: 'Oxfordshire', documentKind: 'committee report', date: '2024-05-20',
        url: 'https://files.ofsted.gov.uk/v1/file/50223271', eventCount: 2,
      }));
      expect(report.events.map((e) => [e.eventId, e.dateText, e.judgement])).toEqual([
        ['oxfordshire:standard:2024-02', 'February 2024', 'good'],
        ['oxfordshire:standard:2018-04', 'April 2018', 'good'],
      ]);
      expect(report.judgement).toEqual({ grade: 'good', event: report.events[0] });
      for (const e of report.events) {
        expect(e.citation.source).toBe(report.file);
        expect(inSource(e.citation, linked)).toBe(true);
      }
    });

    it('finds the reports of each index by that index’s own catalog, as after a reload that changed an address', async () => {
      const moved = 'https://files.ofsted.gov.uk/v1/file/99999999';
      const dir = seedWithAddresses({ '002_bafe8324dc1c07ae.txt': moved });
      try {
        const reloaded = await openFresh(dir);
        expect(linkedReport(linked, 'https://files.ofsted.gov.uk/v1/file/50223271')?.file).toBe('002_bafe8324dc1c07ae.txt');
        expect(linkedReport(reloaded, 'https://files.ofsted.gov.uk/v1/file/50223271')).toBeNull();
        expect(linkedReport(reloaded, moved)?.eventCount).toBe(linkedReport(linked, 'https://files.ofsted.gov.uk/v1/file/50223271')?.eventCount);
        expect(linkedReport(linked, moved)).toBeNull();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('gives the latest judgement, not the latest event’s lack of one', () => {
      const report = linkedReport(linked, 'https://reports.ofsted.gov.uk/provider/44/80617')!;
      expect(report.events.map((e) => e.name)).toEqual(['Standard inspection', 'Standard inspection', 'Single inspection']);
      expect(report.judgement?.grade).toBe('good');
      expect(report.judgement?.event.dateText).toBe('15 to 26 May 2023');
    });

    it.each([
      ['HTTP://Files.Ofsted.GOV.uk/v1/file/50223271', 'scheme and host case'],
      ['http://files.ofsted.gov.uk/v1/file/50223271/', 'http, and a trailing slash'],
      ['https://files.ofsted.gov.uk:443/v1/file/50223271?utm_source=teams#page=2', 'default port, query and fragment'],
      ['  https://files.ofsted.gov.uk/v1/file/50223271  ', 'spaces around it'],
    ])('matches %j (%s)', (url) => {
      expect(linkedReport(linked, url)?.file).toBe('002_bafe8324dc1c07ae.txt');
    });

    it.each([
      ['https://files.ofsted.gov.uk/v1/file/50223272', 'another file'],
      ['https://files.ofsted.gov.uk/V1/file/50223271', 'the path in another case'],
      ['https://reports.ofsted.gov.uk/', 'the site, not a report'],
      ['ftp://files.ofsted.gov.uk/v1/file/50223271', 'not the web'],
      ['not a link', 'not an address'],
    ])('finds nothing for %j (%s)', (url) => {
      expect(linkedReport(linked, url)).toBeNull();
    });

    it('finds nothing in a corpus whose catalog has no addresses', () => {
      expect(linkedReport(index, 'https://files.ofsted.gov.uk/v1/file/50223271')).toBeNull();
    });
  });

  describe('normaliseUrl', () => {
    it.each([
      ['https://Reports.Ofsted.gov.uk/provider/44/80617/', 'reports.ofsted.gov.uk/provider/44/80617'],
      ['http://example.org:8080/a//', 'example.org:8080/a'],
      ['https://example.org', 'example.org'],
      ['mailto:someone@example.org', null],
      ['', null],
    ])('%j → %j', (url, expected) => {
      expect(normaliseUrl(url)).toBe(expected);
    });
  });
});
