import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Activity, ActivityTypes, ConversationState, MemoryStorage, type MessagingExtensionResponse, TestAdapter } from 'botbuilder';
import { FeedbackLog } from '../../src/bot/FeedbackLog';
import { InspectionBot } from '../../src/bot/InspectionBot';
import { linkQueryResponse, SEARCH_COMMAND_ID, searchQueryResponse, selectItemResponse } from '../../src/bot/messageExtension';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { openFresh, SEED_DIR, seedWithAddresses } from '../helpers';

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
});
