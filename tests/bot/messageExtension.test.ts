import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Activity, ActivityTypes, ConversationState, MemoryStorage, type MessagingExtensionResponse, TestAdapter } from 'botbuilder';
import { FeedbackLog } from '../../src/bot/FeedbackLog';
import { InspectionBot } from '../../src/bot/InspectionBot';
import { linkQueryResponse, MAX_LINK_LENGTH, MAX_PARAMETERS, SEARCH_COMMAND_ID, searchQueryResponse, selectItemResponse } from '../../src/bot/messageExtension';
import { isContactDetails, MAX_PAGE, searchInspections } from '../../src/answer/searchInspections';
import { HISTORY_COLUMNS } from '../../src/corpus/inspectionHistory';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { openCorpus } from '../../src/search/openCorpus';
import { directory, openFresh, SEED_DIR, seedWithAddresses } from '../helpers';

const REPORT_URL = 'https://files.ofsted.gov.uk/v1/file/50223271';

let index: CorpusIndex;
let linked: CorpusIndex;
let linkedDir: string;

beforeAll(async () => {
  // The seed corpus, its Oxfordshire report given the address it would have on Ofsted's site.
  linkedDir = seedWithAddresses({ '002_bafe8324dc1c07ae.txt': REPORT_URL });
  [index, linked] = await Promise.all([openFresh(SEED_DIR), openFresh(linkedDir)]);
});

afterAll(() => rmSync(linkedDir, { recursive: true, force: true }));

interface Invoked {
  status: number | undefined;
  body: MessagingExtensionResponse;
}

/** A bot on a corpus, and a way to send it one invoke and read its invoke response. */
function harness(from: () => CorpusIndex = () => index): { invoke: (name: string, value: unknown) => Promise<Invoked>; logged: string[] } {
  const logged: string[] = [];
  const bot = new InspectionBot({
    index: from(), conversationState: new ConversationState(new MemoryStorage()),
    feedback: new FeedbackLog(join(mkdtempSync(join(tmpdir(), 'feedback-')), 'feedback.jsonl')), defaultAuthority: null, log: (l) => logged.push(l),
  });
  const adapter = new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams' });
  const invoke = async (name: string, value: unknown): Promise<Invoked> => {
    await adapter.processActivity({ type: ActivityTypes.Invoke, name, value, id: 'invoke-1' });
    const sent: Partial<Activity>[] = adapter.activeQueue.splice(0);
    const response = sent.find((a) => a.type === 'invokeResponse')?.value as { status?: number; body?: MessagingExtensionResponse } | undefined;
    return { status: response?.status, body: response?.body ?? {} };
  };
  return { invoke, logged };
}

const search = (query: string, queryOptions = { skip: 0, count: 25 }): Record<string, unknown> => ({
  commandId: SEARCH_COMMAND_ID, parameters: [{ name: 'query', value: query }], queryOptions,
});

const titles = (r: MessagingExtensionResponse): string[] =>
  (r.composeExtension?.attachments ?? []).map((a) => ((a.content as { body: { text: string }[] }).body[0]!.text));

describe('messageExtension', () => {
  describe('composeExtension/query', () => {
    it('answers a search with the matching events as cards', async () => {
      const { status, body } = await harness().invoke('composeExtension/query', search('worcestershire monitoring 2019'));
      expect(status).toBe(200);
      expect(body.composeExtension).toEqual(expect.objectContaining({ type: 'result', attachmentLayout: 'list' }));
      expect(titles(body)).toEqual(['Seventh monitoring visit to Worcestershire']);
    });

    it.each([
      ['initialRun', [{ name: 'initialRun', value: 'true' }]],
      ['initialRun as a boolean', [{ name: 'initialRun', value: true }]],
      ['blank words', [{ name: 'query', value: '  ' }]],
      ['no value', [{ name: 'query' }]],
    ])('lists the most recent events for %s', async (_, parameters) => {
      const { body } = await harness().invoke('composeExtension/query', { commandId: SEARCH_COMMAND_ID, parameters, queryOptions: { skip: 0, count: 3 } });
      expect(titles(body)).toEqual(['Standard inspection of Oxfordshire', 'Standard inspection of Worcestershire', 'Standard inspection of Worcestershire']);
    });

    it('pages with queryOptions, and pages by 25 without them', async () => {
      const { invoke } = harness();
      const all = titles((await invoke('composeExtension/query', { commandId: SEARCH_COMMAND_ID, parameters: [{ name: 'query', value: 'worcestershire' }] })).body);
      expect(all).toHaveLength(10);
      expect(titles((await invoke('composeExtension/query', search('worcestershire', { skip: 2, count: 4 }))).body)).toEqual(all.slice(2, 6));
    });

    it('says so, and what to try, when nothing matches', async () => {
      const { body } = await harness().invoke('composeExtension/query', search('oxfordshire monitoring'));
      expect(body.composeExtension?.type).toBe('message');
      expect(body.composeExtension?.text).toMatch(/^No monitoring visits to Oxfordshire are on record\. Try fewer words/);
    });

    it.each([
      ['a value that is not an object', 'worcestershire', /^This search could not be read \(value: .*\)\. Close the search box and open it again\.$/],
      ['no parameters', { commandId: SEARCH_COMMAND_ID }, /could not be read \(parameters: /],
      ['parameters that are not name/value pairs', { commandId: SEARCH_COMMAND_ID, parameters: ['worcs'] }, /could not be read \(parameters\.0: /],
      ['a negative skip', { ...search('worcs'), queryOptions: { skip: -5, count: 10 } }, /could not be read \(queryOptions\.skip: /],
      ['another command', { ...search('worcs'), commandId: 'searchCats' }, /^This app has no search command "searchCats"\. Use "Search inspection history" \(searchInspections\)\.$/],
      ['no query parameter', { commandId: SEARCH_COMMAND_ID, parameters: [{ name: 'q', value: 'worcs' }] }, /^This search has no "query" parameter \(it has "q"\)/],
      ['words that are not text', { commandId: SEARCH_COMMAND_ID, parameters: [{ name: 'query', value: 42 }] }, /^The search words must be text, not number\./],
      ['a command id of 40,000 characters', { ...search('worcs'), commandId: 'c'.repeat(40_000) }, /^This search could not be read \(commandId: Too big: expected string to have <=100 characters\)/],
      ['a parameter name of 40,000 characters', { commandId: SEARCH_COMMAND_ID, parameters: [{ name: 'q'.repeat(40_000), value: 'worcs' }] }, /could not be read \(parameters\.0\.name: /],
      ['11 parameters', { commandId: SEARCH_COMMAND_ID, parameters: Array.from({ length: MAX_PARAMETERS + 1 }, () => ({ name: 'query', value: 'worcs' })) }, /could not be read \(parameters: /],
    ])('answers %s with a message saying what was wrong, and logs it', async (_, value, message) => {
      const { invoke, logged } = harness();
      const { status, body } = await invoke('composeExtension/query', value);
      expect(status).toBe(200);
      expect(body.composeExtension?.type).toBe('message');
      expect(body.composeExtension?.text).toMatch(message);
      expect(logged).toEqual([expect.stringMatching(/^composeExtension\/query invoke-1: /)]);
    });
  });

  describe('composeExtension/selectItem', () => {
    it('gives the full card of the result whose preview was tapped', async () => {
      const { invoke } = harness();
      const listed = (await invoke('composeExtension/query', search('waugh'))).body;
      const tap = (listed.composeExtension!.attachments![0]!.preview!.content as { tap: { value: unknown } }).tap.value;
      expect(tap).toEqual({ type: 'event', id: 'worcestershire:monitoring:2019-01-08' });
      const { status, body } = await invoke('composeExtension/selectItem', tap);
      expect(status).toBe(200);
      expect(titles(body)).toEqual(['Seventh monitoring visit to Worcestershire']);
      expect(JSON.stringify(body)).toContain('Alison Smale');
    });

    it('says a result is no longer on record when its id is stale', async () => {
      const { body } = await harness().invoke('composeExtension/selectItem', { type: 'event', id: 'worcestershire:monitoring:2030-01' });
      expect(body.composeExtension).toEqual({
        type: 'message', text: 'That inspection or visit is no longer on record: the reports have changed since the search. Search again.',
      });
    });

    it.each([
      ['nothing', undefined],
      ['a string', 'worcestershire:monitoring:2019-01-08'],
      ['an unknown type', { type: 'person', id: 'Andy Waugh' }],
      ['no id', { type: 'event' }],
    ])('answers %s with a message saying what was wrong', async (_, value) => {
      const { body } = await harness().invoke('composeExtension/selectItem', value);
      expect(body.composeExtension?.type).toBe('message');
      expect(body.composeExtension?.text).toMatch(/^This result could not be opened \(.+\)\. Search again and pick a result from the list\.$/);
    });
  });

  describe('composeExtension/queryLink', () => {
    it('unfolds a link to a report the corpus holds into its card', async () => {
      const { status, body } = await harness(() => linked).invoke('composeExtension/queryLink', { url: `${REPORT_URL}/?utm_source=email` });
      expect(status).toBe(200);
      expect(body.composeExtension?.attachments).toHaveLength(1);
      expect(titles(body)).toEqual(["Inspection of Local Authority Children's Services (ILACS) Outcome Report"]);
    });

    it.each([
      ['a report the corpus does not hold', 'https://files.ofsted.gov.uk/v1/file/99999999'],
      ['the site itself', 'https://reports.ofsted.gov.uk/'],
      ['something that is no address', 'files dot ofsted'],
    ])('shows no card for %s', async (_, url) => {
      const { status, body } = await harness(() => linked).invoke('composeExtension/queryLink', { url });
      expect(status).toBe(200);
      expect(body).toEqual({ composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } });
    });

    it('reads a link of MAX_LINK_LENGTH characters, and answers a longer one with a message', async () => {
      const at = (n: number) => `${REPORT_URL}?${'x'.repeat(n - REPORT_URL.length - 1)}`;
      expect((await harness(() => linked).invoke('composeExtension/queryLink', { url: at(MAX_LINK_LENGTH) })).body.composeExtension?.type).toBe('result');
      const { body } = await harness(() => linked).invoke('composeExtension/queryLink', { url: at(40_000) });
      expect(body.composeExtension?.text).toMatch(/^This link could not be read \(url: Too big: expected string to have <=2048 characters\)/);
    });

    it('answers a value without a url with a message', async () => {
      const { body } = await harness().invoke('composeExtension/queryLink', { link: REPORT_URL });
      expect(body.composeExtension?.type).toBe('message');
      expect(body.composeExtension?.text).toMatch(/^This link could not be read \(url: .+\)/);
    });
  });

  describe('the handlers without the bot', () => {
    it('answer the same as through it', () => {
      const log = (): void => undefined;
      expect(searchQueryResponse(index, search('lbbd'), log).composeExtension?.attachments).toHaveLength(2);
      expect(selectItemResponse(index, { type: 'passage', id: '001_2d1bfb7a07081a1a.txt#5' }, log).composeExtension?.type).toBe('result');
      expect(linkQueryResponse(index, { url: REPORT_URL }, log).composeExtension?.attachments).toEqual([]);
    });
  });

  describe('the order and kind of results', () => {
    /** A corpus of our own writing, its facts made up: a council paper that ends with its contact details, and a national history. */
    let mixed: CorpusIndex;
    let mixedDir: string;

    const HISTORY = [
      HISTORY_COLUMNS.join(','),
      '90001,wiltshire,https://files.ofsted.gov.uk/v1/file/90000001,children\'s services inspection - 01 march 2019.pdf,01/03/19,standard,Quentin Hollowell,14/01/2019,25/01/2019,requires improvement,requires improvement,good,requires improvement,requires improvement,1',
      '90001,wiltshire,https://files.ofsted.gov.uk/v1/file/90000002,children\'s services inspection - 05 july 2023.pdf,05/07/23,short,Quentin Hollowell,15/05/2023,19/05/2023,good,good,good,good,good,1',
      '90002,dorset,https://files.ofsted.gov.uk/v1/file/90000003,children\'s services inspection - 02 june 2021.pdf,02/06/21,short,Quentin Hollowell,12/04/2021,16/04/2021,good,good,good,good,good,1',
      '',
    ].join('\n');

    const PAPER = [
      'Children\'s Services Scrutiny Panel',
      '',
      '1. The panel received an update on the fostering recruitment campaign, which has brought forward more carers than in any year before.',
      '',
      '2. Members asked how the fostering service supports carers once they are approved; officers described the training offered.',
      '',
      'Contact Points',
      '',
      'Sam Fieldfare, Head of Fostering, 01632 960418 sfieldfare@example.org',
      '',
      'Contact Officer: Robin Dunnock, Fostering Team Manager',
      '',
    ].join('\n');

    beforeAll(async () => {
      mixedDir = mkdtempSync(join(tmpdir(), 'mixed-corpus-'));
      mkdirSync(join(mixedDir, 'history'));
      mkdirSync(join(mixedDir, 'papers'));
      writeFileSync(join(mixedDir, 'history', 'national.csv'), HISTORY);
      writeFileSync(join(mixedDir, 'history', 'catalog.json'), JSON.stringify([
        { file: 'national.csv', title: 'National history of inspections (our sample)', authority: null, publisher: 'Ofsted', kind: 'national inspection history', date: '2026-01-10', url: null },
      ]));
      writeFileSync(join(mixedDir, 'papers', 'fostering-update.txt'), PAPER);
      writeFileSync(join(mixedDir, 'papers', 'catalog.json'), JSON.stringify([
        { file: 'fostering-update.txt', title: 'Fostering update', authority: 'Wiltshire', publisher: 'Wiltshire Council – Children\'s Services Scrutiny Panel', kind: 'committee report', date: '2024-02-01', url: null },
      ]));
      mixed = await openCorpus(mixedDir, directory(), { snapshot: false });
    });

    afterAll(() => rmSync(mixedDir, { recursive: true, force: true }));

    interface Shown {
      type: string;
      date: string | null;
      quote: string;
    }

    function found(from: CorpusIndex, text: string): Shown[] {
      const outcome = searchInspections(from, text, { skip: 0, count: MAX_PAGE });
      if (outcome.status !== 'found') return [];
      return outcome.results.map((r) => ({ type: r.ref.type, date: r.date, quote: r.citations.map((c) => c.quote).join(' | ') }));
    }

    const newestFirst = (dates: (string | null)[]): boolean => dates.every((d, i) => i === 0 || (d ?? '') <= (dates[i - 1] ?? ''));

    it.each([
      ['words found in events and passages', 'oxfordshire care leavers'],
      ['words alone', 'exploitation'],
      ['an authority alone', 'worcestershire'],
      ['an authority and words', 'worcestershire children'],
    ])('lists events newest first, then passages newest first, for %s', (_, text) => {
      const shown = found(index, text);
      expect(shown.length).toBeGreaterThan(1);
      const types = shown.map((r) => r.type);
      expect(types.indexOf('passage') === -1 || types.lastIndexOf('event') < types.indexOf('passage')).toBe(true);
      expect(newestFirst(shown.filter((r) => r.type === 'event').map((r) => r.date))).toBe(true);
      expect(newestFirst(shown.filter((r) => r.type === 'passage').map((r) => r.date))).toBe(true);
    });

    it('puts events in date order whatever their match: every inspection one inspector led, newest first', () => {
      expect(found(mixed, 'Quentin Hollowell').map((r) => [r.type, r.date])).toEqual([
        ['event', '2023-05-15'], ['event', '2021-04-12'], ['event', '2019-01-14'],
      ]);
    });

    it('never lists contact details as a result, and still finds the paragraphs beside them', () => {
      for (const text of ['fostering', 'fostering contact', 'contact officer', 'wiltshire fostering', 'sfieldfare', 'Robin Dunnock']) {
        const shown = found(mixed, text);
        for (const r of shown) {
          expect(r.quote).not.toMatch(/01632|@|Contact (?:Points|Officer)/);
        }
      }
      expect(found(mixed, 'fostering').filter((r) => r.type === 'passage').map((r) => r.quote)).toEqual(expect.arrayContaining([
        expect.stringContaining('fostering recruitment campaign'),
        expect.stringContaining('fostering service supports carers'),
      ]));
    });

    it('never lists a row of the national history as a passage: its inspections come as events', () => {
      for (const text of ['Quentin Hollowell', 'files', 'pdf', 'children\'s services inspection', 'wiltshire good']) {
        expect(found(mixed, text).filter((r) => r.type === 'passage' && /^\d+,[a-z]/.test(r.quote))).toEqual([]);
      }
      const shown = found(mixed, 'wiltshire');
      expect(shown.map((r) => [r.type, r.date])).toEqual([['event', '2023-05-15'], ['event', '2019-01-14']]);
      const inspector = found(mixed, 'Quentin Hollowell');
      expect(inspector.every((r) => r.type === 'event')).toBe(true);
    });
  });

  describe('isContactDetails', () => {
    it.each([
      ['Sam Fieldfare, Head of Fostering, 01632 960418', true],
      ['Email: sfieldfare@example.org', true],
      ['Tel: 0163 296 0418', true],
      ['Contact Points', true],
      ['County Council Contact Points', true],
      ['Contact Officer: Robin Dunnock, Fostering Team Manager', true],
      ['Care leavers know how to contact their social worker and personal adviser.', false],
      ['Children benefit from supported contact with family members.', false],
      ['In 2019, 1,240 contacts were received by the front door, 312 more than in 2018.', false],
    ])('%j is contact details: %j', (text, expected) => {
      expect(isContactDetails(text)).toBe(expected);
    });
  });
});
