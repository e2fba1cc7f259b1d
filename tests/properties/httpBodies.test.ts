import fc from 'fast-check';
import { teamsMessage } from '../../src/cli/teamsActivities';
import { MAX_CHANNEL_ID_CHARS, MAX_ID_CHARS, MAX_SERVICE_URL_CHARS } from '../../src/server/createServer';
import { answers, type BotHarness, startBotHarness } from '../server/botHarness';
import { PROPERTY_OPTIONS } from './runs';

let harness: BotHarness;
const log: string[] = [];
beforeAll(async () => {
  harness = await startBotHarness({ log: (line) => log.push(line) });
});
afterAll(async () => harness.close());

/** Posts a body as JSON to /api/messages and returns the status. */
async function postRaw(body: string | Uint8Array): Promise<number> {
  const res = await fetch(`${harness.botUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  await res.arrayBuffer();
  return res.status;
}

/** A status a bad request may get: a success, or a client error; never a server error. */
function expectNoServerError(status: number, body: unknown): void {
  if (status < 200 || status >= 500) throw new Error(`status ${status} for ${JSON.stringify(body)?.slice(0, 500)}; log: ${log.slice(-3).join(' | ')}`);
}

const anyJson = fc.jsonValue({ maxDepth: 3 });
const text = fc.oneof({ weight: 4, arbitrary: fc.string({ maxLength: 60 }) }, { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) }, { weight: 1, arbitrary: anyJson });
/** One of the values mostly; anything at all sometimes. */
const oneOf = (...values: unknown[]) => fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: anyJson });
const maybe = (arbitrary: fc.Arbitrary<unknown>) => fc.oneof({ weight: 30, arbitrary }, { weight: 1, arbitrary: anyJson });

/**
 * Bodies shaped like activities, with every field sometimes right, sometimes anything. Replies go only to the
 * connector stand-in or to nowhere (port 1), never to an arbitrary host.
 */
function activities(): fc.Arbitrary<Record<string, unknown>> {
  const str = maybe(fc.string({ maxLength: 40 }));
  const account = maybe(fc.record({ id: oneOf('29:1-local-user', '28:ofsted-history-bot', ''), name: str, aadObjectId: str, role: oneOf('user', 'bot') }, { requiredKeys: ['id'] }));
  const fields = {
    type: oneOf('message', 'invoke', 'conversationUpdate', 'messageReaction', 'event', 'typing', 'installationUpdate', 'endOfConversation', 'message '),
    serviceUrl: fc.oneof({ weight: 4, arbitrary: fc.constant(harness.connector.url) }, fc.constantFrom('http://127.0.0.1:1/', 'not a url', ''), anyJson),
    conversation: maybe(fc.record({ id: oneOf('a:prop-conversation', 'a:prop-other', '19:channel@thread.tacv2'), conversationType: oneOf('personal', 'channel', 'groupChat'), isGroup: maybe(fc.boolean()), tenantId: str, name: str }, { requiredKeys: ['id'] })),
    from: account,
    recipient: account,
    name: oneOf('application/search', 'adaptiveCard/action', 'message/submitAction', 'composeExtension/query', 'composeExtension/selectItem', 'composeExtension/queryLink', 'composeExtension/submitAction'),
    id: fc.string({ maxLength: 40 }),
    text: oneOf('When was the last monitoring visit to Worcestershire?', 'help', 'use Leeds', 'lookup worcs', '<at>Ofsted history</at> who led it?', 'forget'),
    value: anyJson,
    channelData: maybe(fc.record({ tenant: maybe(fc.record({ id: text }, { requiredKeys: [] })), source: anyJson, team: anyJson, channel: anyJson }, { requiredKeys: [] })),
    entities: maybe(fc.array(maybe(fc.record({ type: oneOf('mention', 'clientInfo'), mentioned: account, text }, { requiredKeys: [] })), { maxLength: 3 })),
    membersAdded: maybe(fc.array(account, { maxLength: 2 })),
    membersRemoved: maybe(fc.array(account, { maxLength: 2 })),
    reactionsAdded: anyJson,
    channelId: oneOf('msteams', 'emulator', 'directline'),
    deliveryMode: oneOf('expectReplies', 'normal'),
    timestamp: oneOf('2025-11-23T10:15:00.000Z', 'yesterday'),
    localTimestamp: text,
    replyToId: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('reply-1', 'reply-2')),
    locale: oneOf('en-GB'),
    textFormat: oneOf('plain', 'markdown', 'xml'),
    attachments: anyJson,
  };
  return fc.oneof(
    // Mostly the fields every activity has, so that most bodies reach a turn.
    { weight: 3, arbitrary: fc.record(fields, { requiredKeys: ['type', 'channelId', 'serviceUrl', 'conversation', 'from', 'recipient'] }) },
    { weight: 1, arbitrary: fc.record(fields, { requiredKeys: [] }) },
  );
}

describe('properties: POST /api/messages', () => {
  it('answers any bytes with a 2xx or 4xx', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
      expectNoServerError(await postRaw(bytes), Buffer.from(bytes).toString('base64'));
    }), PROPERTY_OPTIONS);
  });

  it('answers any JSON with a 2xx or 4xx', async () => {
    await fc.assert(fc.asyncProperty(anyJson, async (json) => {
      expectNoServerError(await postRaw(JSON.stringify(json)), json);
    }), PROPERTY_OPTIONS);
  });

  it('answers any activity-shaped JSON with a 2xx or 4xx, reaching a turn with many', async () => {
    let reached = 0;
    let runs = 0;
    await fc.assert(fc.asyncProperty(activities(), async (activity) => {
      const status = await postRaw(JSON.stringify(activity));
      expectNoServerError(status, activity);
      runs += 1;
      if (status < 300) reached += 1;
    }), PROPERTY_OPTIONS);
    // Bodies that all stop at the boundary check would prove nothing about the bot behind it.
    expect(reached / runs).toBeGreaterThan(0.2);
    // The one failure expected: replies to port 1, where no connector listens, cannot be sent.
    expect(log.filter((line) => line.startsWith('turn error') && !line.includes('ECONNREFUSED 127.0.0.1:1'))).toEqual([]);
  });

  it('refuses JSON in any charset but UTF-8 with 415, and accepts UTF-8 however it is written', async () => {
    const charset = fc.oneof(fc.constantFrom('utf-8', 'UTF-8', 'utf8', 'utf-16', 'UTF-16LE', 'latin1', 'iso-8859-1', 'us-ascii', 'windows-1252', 'utf-32'), fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/));
    await fc.assert(fc.asyncProperty(charset, fc.boolean(), async (name, quoted) => {
      const utf8 = name.toLowerCase() === 'utf-8' || name.toLowerCase() === 'utf8';
      const body = JSON.stringify(teamsMessage('hello', harness.where('a:prop-charset')));
      const res = await fetch(`${harness.botUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': `application/json; charset=${quoted ? `"${name}"` : name}` }, body });
      await res.arrayBuffer();
      expect(res.status === 415).toBe(!utf8);
    }), PROPERTY_OPTIONS);
  });

  it('refuses an activity with any id, serviceUrl or channelId past its limit with 400 naming it, and writes a short log line', async () => {
    const field = fc.constantFrom<[string, number, (a: Record<string, unknown>, v: string) => void]>(
      ['id', MAX_ID_CHARS, (a, v) => { a['id'] = v; }],
      ['replyToId', MAX_ID_CHARS, (a, v) => { a['replyToId'] = v; }],
      ['conversation.id', MAX_ID_CHARS, (a, v) => { (a['conversation'] as Record<string, unknown>)['id'] = v; }],
      ['from.id', MAX_ID_CHARS, (a, v) => { (a['from'] as Record<string, unknown>)['id'] = v; }],
      ['recipient.id', MAX_ID_CHARS, (a, v) => { (a['recipient'] as Record<string, unknown>)['id'] = v; }],
      ['channelId', MAX_CHANNEL_ID_CHARS, (a, v) => { a['channelId'] = v; }],
      ['serviceUrl', MAX_SERVICE_URL_CHARS, (a, v) => { a['serviceUrl'] = `https://smba.example/${v}`; }],
    );
    await fc.assert(fc.asyncProperty(field, fc.integer({ min: 1, max: 20_000 }), fc.string({ minLength: 1, maxLength: 1 }), async ([name, limit, set], extra, unit) => {
      const activity = teamsMessage('hello', harness.where('a:prop-ids')) as unknown as Record<string, unknown>;
      set(activity, unit.repeat(limit + extra));
      log.length = 0;
      const res = await fetch(`${harness.botUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain(`${name} is longer than ${limit} characters`);
      expect(log.every((line) => line.length < 400)).toBe(true);
    }), PROPERTY_OPTIONS);
  });

  it('still answers a question, and reports healthy, after all of them', async () => {
    const res = await harness.post(teamsMessage('When was the last monitoring visit to Worcestershire?', harness.where('a:after-properties')), true);
    expect(res.status).toBe(200);
    expect(answers(res.replies)[0]!.text).toContain('8 and 9 January 2019');
    expect((await fetch(`${harness.botUrl}/healthz`)).status).toBe(200);
  });
});
