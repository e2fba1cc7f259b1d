import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Activity, ActivityTypes, ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import fc from 'fast-check';
import { LOOKUP_KIND_IDS } from '../../src/answer/lookupEvents';
import { FeedbackLog } from '../../src/bot/FeedbackLog';
import { InspectionBot } from '../../src/bot/InspectionBot';
import { INITIAL_RUN_PARAMETER, QUERY_PARAMETER, SEARCH_COMMAND_ID } from '../../src/bot/messageExtension';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { AUTHORITY_DATASET, LOOKUP_CARD, LOOKUP_VERB, NEW_LOOKUP_VERB } from '../../src/teams/lookupCard';
import { openFresh, seedWithAddresses } from '../helpers';
import { PROPERTY_OPTIONS } from './runs';

let index: CorpusIndex;
let bot: InspectionBot;
beforeAll(async () => {
  index = await openFresh(seedWithAddresses());
  bot = new InspectionBot({
    index, conversationState: new ConversationState(new MemoryStorage()), feedback: new FeedbackLog(join(mkdtempSync(join(tmpdir(), 'prop-')), 'fb.jsonl')),
    defaultAuthority: null, log: () => undefined,
  });
});

/** Any JSON value, not too deep. */
const anyJson = fc.jsonValue({ maxDepth: 3 });
/** Values where a field is read: the right kind mostly, anything sometimes. */
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 600 }), anyJson);
const number = fc.oneof(fc.integer({ min: -5, max: 100 }), fc.double(), fc.constantFrom('3', ' 10 ', '-1', '1e9', Number.MAX_SAFE_INTEGER), anyJson);
const oneOf = (...values: unknown[]) => fc.oneof(fc.constantFrom(...values), anyJson);
/** An object with some of the given fields, sometimes with others, sometimes not an object at all. */
const shaped = (fields: Record<string, fc.Arbitrary<unknown>>) => fc.oneof(
  { weight: 4, arbitrary: fc.record(fields, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 3 })).map(([a, b]) => ({ ...b, ...a })) },
  { weight: 1, arbitrary: anyJson },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
);

const lookupData = shaped({
  card: oneOf(LOOKUP_CARD), authority: oneOf('Worcestershire', 'worcs', 'LBBD', 'Narnia', ''), kind: oneOf(...LOOKUP_KIND_IDS),
  fromYear: oneOf('2014', '2019', '1989', '20x9', 2019), toYear: oneOf('2024', '2101', '', 2023), words: text,
});

/** For each invoke the bot answers, values near what Teams sends, and anything at all. */
const VALUES: Record<string, () => fc.Arbitrary<unknown>> = {
  'application/search': () => shaped({ queryText: text, dataset: oneOf(AUTHORITY_DATASET), queryOptions: shaped({ skip: number, top: number }) }),
  'adaptiveCard/action': () => shaped({
    action: shaped({ type: oneOf('Action.Execute'), verb: oneOf(LOOKUP_VERB, NEW_LOOKUP_VERB), id: text, data: lookupData }), trigger: oneOf('manual', 'automatic'),
  }),
  'message/submitAction': () => shaped({
    actionName: oneOf('feedback'), actionValue: shaped({ reaction: oneOf('like', 'dislike'), feedback: fc.oneof(text, fc.jsonValue().map((v) => JSON.stringify(v))) }),
  }),
  'composeExtension/query': () => shaped({
    commandId: oneOf(SEARCH_COMMAND_ID),
    parameters: fc.oneof(fc.array(shaped({ name: oneOf(QUERY_PARAMETER, INITIAL_RUN_PARAMETER), value: fc.oneof(text, fc.constantFrom(true, 'true')) }), { maxLength: 3 }), anyJson),
    queryOptions: shaped({ skip: number, count: number }),
  }),
  'composeExtension/selectItem': () => shaped({
    type: oneOf('event', 'passage'),
    id: fc.oneof(fc.constantFrom(...index.timeline.events.slice(0, 5).map((e) => e.id), ...index.corpus.passages.slice(0, 5).map((p) => p.id)), text),
  }),
  'composeExtension/queryLink': () => shaped({
    url: fc.oneof(fc.constantFrom('https://files.ofsted.gov.uk/v1/file/50223271', 'https://reports.ofsted.gov.uk/provider/44/80617', 'https://files.ofsted.gov.uk/v1/file/1'), fc.webUrl(), text),
  }),
};

/** Invokes the bot does not answer itself: botbuilder's defaults must still give a status, not throw. */
const OTHER_NAMES = [
  'composeExtension/submitAction', 'composeExtension/fetchTask', 'composeExtension/querySettingUrl', 'composeExtension/setting',
  'composeExtension/onCardButtonClicked', 'composeExtension/anonymousQueryLink', 'task/fetch', 'task/submit', 'tab/fetch', 'tab/submit',
  'config/fetch', 'config/submit', 'fileConsent/invoke', 'actionableMessage/executeAction', 'signin/verifyState', 'signin/tokenExchange',
  'message/fetchTask', 'handoff/action', 'healthCheck',
];

/** Runs one invoke through the bot (a throw fails the test: a TestAdapter has no error handler) and returns its response. */
async function invoke(name: string | undefined, value: unknown): Promise<{ status: number; body?: unknown }> {
  const adapter = new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams' });
  const activity: Partial<Activity> = {
    type: ActivityTypes.Invoke, value, channelData: { tenant: { id: '00000000-0000-4000-8000-00000000000a' }, source: { name: 'compose' } },
    ...(name === undefined ? {} : { name }),
  };
  await adapter.processActivity(activity);
  const response = adapter.activeQueue.find((a) => a.type === ActivityTypes.InvokeResponse)?.value as { status?: unknown; body?: unknown } | undefined;
  if (!response || typeof response.status !== 'number') throw new Error(`no invoke response with a status for ${name}: ${JSON.stringify(response)}`);
  return { status: response.status, body: response.body };
}

describe('properties: InspectionBot invokes', () => {
  it.each(Object.keys(VALUES))('answers %s with any value with a 2xx or 4xx response, never a throw', async (name) => {
    await fc.assert(fc.asyncProperty(VALUES[name]!(), async (value) => {
      const { status } = await invoke(name, value);
      expect(status).toBeGreaterThanOrEqual(200);
      expect(status).toBeLessThan(500);
    }), PROPERTY_OPTIONS);
  });

  it.each(OTHER_NAMES)('answers %s, which the app does not declare, even with a null value, with a 400', async (name) => {
    expect((await invoke(name, null)).status).toBe(400);
  });

  it('answers an invoke it does not handle, whatever its name and value, with a 4xx, never a throw', async () => {
    const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...OTHER_NAMES) }, fc.string({ maxLength: 30 }), fc.constant(undefined));
    // null and undefined often: a handler that reads a field of the value unchecked throws on them alone.
    const value = fc.oneof(fc.constant(null), fc.constant(undefined), anyJson);
    await fc.assert(fc.asyncProperty(name, value, async (n, v) => {
      const { status } = await invoke(n, v);
      expect(status).toBe(400);
    }), PROPERTY_OPTIONS);
  });
});
