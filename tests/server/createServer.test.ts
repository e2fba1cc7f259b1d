import type { AddressInfo } from 'node:net';
import { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import type * as restify from 'restify';
import { loadConfig } from '../../src/config';
import { createAdapter, TURN_ERROR_REPLY } from '../../src/server/createAdapter';
import { createServer, MAX_BODY_BYTES, MAX_CHANNEL_ID_CHARS, MAX_ID_CHARS, MAX_SERVICE_URL_CHARS, type HealthCounts } from '../../src/server/createServer';
import { MAX_LOG_LINE_CHARS, makeLogger } from '../../src/server/logger';

/** Replies with the text it got. */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`You said: ${context.activity.text}`);
      await next();
    });
  }
}

/** Fails every message, as a bug in the answer engine would. */
class ThrowingBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async () => {
      throw new Error('index lookup failed');
    });
  }
}

/** Replies only once `release()` is called; `started` resolves when a turn is waiting. */
class GatedBot extends ActivityHandler {
  release: () => void = () => undefined;
  readonly started: Promise<void>;

  constructor() {
    super();
    const gate = new Promise<void>((resolve) => {
      this.release = resolve;
    });
    let markStarted: () => void = () => undefined;
    this.started = new Promise<void>((resolve) => {
      markStarted = resolve;
    });
    this.onMessage(async (context, next) => {
      markStarted();
      await gate;
      await context.sendActivity('Finished after all.');
      await next();
    });
  }
}

const APP_ID = '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const SEED_COUNTS: HealthCounts = { documents: 12, passages: 480, events: 57 };

/** A message as Teams (through the Bot Connector) or the Emulator posts it, asking for the replies in the response. */
function teamsMessage(text: string, overrides: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'message',
    id: '1700000000001',
    timestamp: new Date('2025-11-23T10:15:00.000Z'),
    channelId: 'msteams',
    // Nothing listens on port 1: with expectReplies the adapter must not call it, and if it did it would fail fast.
    serviceUrl: 'http://127.0.0.1:1/',
    conversation: { id: 'a:1Zx-conversation', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: '29:1user-aad-id', name: 'Priya Shah' },
    recipient: { id: `28:${APP_ID}`, name: 'Ofsted history' },
    text,
    textFormat: 'plain',
    locale: 'en-GB',
    deliveryMode: 'expectReplies',
    ...overrides,
  };
}

/** base64url of a JSON value, for a hand-made JWT. */
function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * A well-formed JWT, signed by no one, claiming to be for our app. Its issuer is not one botbuilder trusts, so it is
 * refused before any signing key is looked up: a Bot Framework issuer would make botbuilder fetch OpenID metadata
 * from login.botframework.com.
 */
const FORGED_JWT = [
  b64({ alg: 'RS256', typ: 'JWT', kid: 'forged-key' }),
  b64({ iss: 'https://sts.forged.example/', aud: APP_ID, serviceurl: 'http://127.0.0.1:1/', nbf: 1_700_000_000, exp: 4_000_000_000 }),
  Buffer.from('not a signature').toString('base64url'),
].join('.');

const servers: restify.Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.server.closeAllConnections();
    });
  }
  jest.restoreAllMocks();
});

interface Running {
  url: string;
  server: restify.Server;
  log: string[];
}

async function start(options: {
  bot?: ActivityHandler;
  adapter?: CloudAdapter;
  health?: () => HealthCounts | null;
  env?: NodeJS.ProcessEnv;
} = {}): Promise<Running> {
  const log: string[] = [];
  const adapter = options.adapter ?? createAdapter(loadConfig(options.env ?? {}), (line) => log.push(line));
  const server = createServer({
    adapter,
    bot: options.bot ?? new EchoBot(),
    health: options.health ?? (() => SEED_COUNTS),
    log: (line) => log.push(line),
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, log };
}

function post(url: string, body: string | Uint8Array | ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Promise<Response> {
  const init: RequestInit & { duplex?: 'half' } = {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body,
  };
  if (body instanceof ReadableStream) init.duplex = 'half';
  return fetch(`${url}/api/messages`, init);
}

/** The texts of the replies an expectReplies request got back. */
async function replyTexts(res: Response): Promise<string[]> {
  const body = (await res.json()) as { activities: Partial<Activity>[] };
  return body.activities.map((a) => a.text ?? '');
}

/** The server still answers: used after every request that should have been refused. */
async function expectStillServing(url: string): Promise<void> {
  const res = await post(url, JSON.stringify(teamsMessage('still there?', { id: 'after' })));
  expect(res.status).toBe(200);
  expect(await replyTexts(res)).toEqual(['You said: still there?']);
}

describe('server/createServer', () => {
  describe('createServer', () => {
    describe('GET /healthz', () => {
      it('reports the corpus counts once it is loaded', async () => {
        const { url } = await start();
        const res = await fetch(`${url}/healthz`);
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(await res.json()).toEqual({ status: 'ok', documents: 12, passages: 480, events: 57 });
      });

      it('says how many authorities are on record and the newest source\'s own date, when given them', async () => {
        const { url } = await start({ health: () => ({ ...SEED_COUNTS, authorities: 153, authoritiesWithDocuments: 3, newestSource: '2026-08-20' }) });
        expect(await (await fetch(`${url}/healthz`)).json()).toEqual({
          status: 'ok', documents: 12, passages: 480, events: 57, authorities: 153, authoritiesWithDocuments: 3, newestSource: '2026-08-20',
        });
      });

      it('answers 503 while the corpus is loading', async () => {
        let counts: HealthCounts | null = null;
        const { url } = await start({ health: () => counts });
        const loading = await fetch(`${url}/healthz`);
        expect(loading.status).toBe(503);
        expect(await loading.json()).toEqual({ status: 'loading' });
        counts = SEED_COUNTS;
        expect((await fetch(`${url}/healthz`)).status).toBe(200);
      });
    });

    describe('POST /api/messages', () => {
      it('runs the bot on a Teams message and returns its reply', async () => {
        const { url } = await start();
        const res = await post(url, JSON.stringify(teamsMessage('When was Leeds last inspected?')));
        expect(res.status).toBe(200);
        expect(await replyTexts(res)).toEqual(['You said: When was Leeds last inspected?']);
      });

      it('answers malformed JSON with a 400 JSON error, and keeps serving', async () => {
        const { url, log } = await start();
        const res = await post(url, '{"type":"message","text":');
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual({ code: 'InvalidContent', message: expect.stringContaining('Invalid JSON') });
        expect(log).toEqual([expect.stringMatching(/^POST \/api\/messages: 400 Invalid JSON/)]);
        await expectStillServing(url);
      });

      it.each<[string, (big: string) => string | ReadableStream<Uint8Array>]>([
        ['with a Content-Length', (big) => big],
        ['chunked', (big) => new ReadableStream({
          start(controller) {
            const bytes = new TextEncoder().encode(big);
            for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024));
            controller.close();
          },
        })],
      ])('answers a 2 MB body sent %s with 413, and keeps serving', async (_case, send) => {
        const { url } = await start();
        const big = JSON.stringify(teamsMessage('x'.repeat(2 * MAX_BODY_BYTES)));
        const res = await post(url, send(big));
        expect(res.status).toBe(413);
        expect(await res.json()).toEqual({ code: 'PayloadTooLarge', message: `Request body size exceeds ${MAX_BODY_BYTES}` });
        await expectStillServing(url);
      });

      it('accepts a body just under the limit', async () => {
        const { url } = await start();
        const message = teamsMessage('');
        const padding = MAX_BODY_BYTES - Buffer.byteLength(JSON.stringify(message)) - 1;
        const res = await post(url, JSON.stringify({ ...message, text: 'y'.repeat(padding) }));
        expect(res.status).toBe(200);
      });

      it.each<[string, string]>([
        ['an object without a type', '{"foo":1}'],
        ['an array', '[]'],
        ['a string', '"message"'],
        ['null', 'null'],
        ['a numeric type', '{"type":3}'],
        ['an empty type', '{"type":""}'],
        ['an empty body', ''],
      ])('answers %s with 400, and keeps serving', async (_case, body) => {
        const { url } = await start();
        const res = await post(url, body);
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual({ code: 'BadRequest', message: expect.stringContaining('not a Bot Framework activity') });
        await expectStillServing(url);
      });

      it.each<[string, Partial<Activity> | Record<string, unknown>, string]>([
        ['no conversation', { conversation: undefined }, 'conversation is not an object with an id'],
        ['an empty conversation id', { conversation: { id: '' } }, 'conversation.id is empty'],
        ['a serviceUrl that is not an address', { serviceUrl: 'service' }, 'serviceUrl is not an http(s) address'],
        ['no channelId', { channelId: undefined }, 'channelId is not text'],
        ['a sender without an id', { from: { name: 'Priya Shah' } }, 'from.id is not text'],
        ['isGroup as text', { conversation: { id: 'a:1', isGroup: 'no' } }, 'conversation.isGroup is not true or false'],
        ['text that is not text', { text: { question: 'hello' } }, 'text is not text'],
        ['entities that are not a list', { entities: { type: 'mention' } }, 'entities is not a list'],
      ])('answers an activity with %s with 400 naming the field, and keeps serving', async (_case, overrides, problem) => {
        const { url, log } = await start();
        const res = await post(url, JSON.stringify(teamsMessage('hello', overrides as Partial<Activity>)));
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual({ code: 'BadRequest', message: expect.stringContaining(`not a Bot Framework activity: ${problem}.`) });
        expect(log).toEqual([`POST /api/messages: 400 body is not an activity: ${problem}`]);
        await expectStillServing(url);
      });

      it.each<[string, Record<string, string>, string]>([
        ['text/plain', { 'content-type': 'text/plain' }, 'Content-Type "text/plain"'],
        ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, 'Content-Type "application/x-www-form-urlencoded"'],
        ['no content type', { 'content-type': '' }, 'Content-Type "application/octet-stream"'],
        ['a gzipped body', { 'content-encoding': 'gzip' }, 'Content-Encoding "gzip"'],
        ['JSON in UTF-16', { 'content-type': 'application/json; charset=utf-16' }, 'The charset "utf-16" is not accepted'],
        ['JSON in latin1, quoted', { 'content-type': 'application/json; charset="ISO-8859-1"' }, 'The charset "iso-8859-1" is not accepted'],
      ])('answers %s with 415, and keeps serving', async (_case, headers, message) => {
        const { url } = await start();
        const body = JSON.stringify(teamsMessage('hello'));
        const res = await post(url, headers['content-encoding'] ? gzipSync(body) : body, headers);
        expect(res.status).toBe(415);
        expect(await res.json()).toEqual({ code: 'UnsupportedMediaType', message: expect.stringContaining(message) });
        await expectStillServing(url);
      });

      it.each<[string, Record<string, string>]>([
        ['charset=utf-8', { 'content-type': 'application/json; charset=utf-8' }],
        ['charset="UTF-8"', { 'content-type': 'application/json;charset="UTF-8"' }],
        ['no charset', { 'content-type': 'application/json' }],
      ])('accepts JSON with %s', async (_case, headers) => {
        const { url } = await start();
        const res = await post(url, JSON.stringify(teamsMessage('hello')), headers);
        expect(res.status).toBe(200);
      });

      it.each<[string, Partial<Activity> | Record<string, unknown>, string]>([
        ['conversation id', { conversation: { id: `a:${'c'.repeat(10_000)}` } }, 'conversation.id'],
        ['activity id', { id: 'i'.repeat(MAX_ID_CHARS + 1) }, 'id'],
        ['from.id', { from: { id: `29:${'f'.repeat(MAX_ID_CHARS)}` } }, 'from.id'],
        ['recipient.id', { recipient: { id: `28:${'r'.repeat(MAX_ID_CHARS)}` } }, 'recipient.id'],
        ['replyToId', { replyToId: 'p'.repeat(MAX_ID_CHARS + 1) }, 'replyToId'],
        ['conversation tenant id', { conversation: { id: 'a:1', tenantId: 't'.repeat(MAX_ID_CHARS + 1) } }, 'conversation.tenantId'],
        ['channelId', { channelId: 'm'.repeat(MAX_CHANNEL_ID_CHARS + 1) }, 'channelId'],
        ['serviceUrl', { serviceUrl: `https://smba.example/${'s'.repeat(MAX_SERVICE_URL_CHARS)}` }, 'serviceUrl'],
      ])('refuses a %s too long with 400 and the reason, before any turn, and keeps serving', async (_case, overrides, field) => {
        const bot = new EchoBot();
        const run = jest.spyOn(bot, 'run');
        const { url, log } = await start({ bot });
        const res = await post(url, JSON.stringify(teamsMessage('hello', overrides as Partial<Activity>)));
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual({ code: 'BadRequest', message: expect.stringMatching(new RegExp(`not a Bot Framework activity: ${field.replace('.', '\\.')} is longer than \\d+ characters`)) });
        expect(run).not.toHaveBeenCalled();
        expect(log).toHaveLength(1);
        expect(log[0]!.length).toBeLessThan(200);
        run.mockRestore();
        await expectStillServing(url);
      });

      it('accepts ids as long as Teams\' own, and longer', async () => {
        const { url } = await start();
        const long = { id: `19:${'x'.repeat(400)}@thread.tacv2;messageid=1700000000001`, conversationType: 'channel', isGroup: true };
        const res = await post(url, JSON.stringify(teamsMessage('hello', { conversation: long as Activity['conversation'], replyToId: '1700000000001' })));
        expect(res.status).toBe(200);
        expect(await replyTexts(res)).toEqual(['You said: hello']);
      });

      it('writes no log line longer than MAX_LOG_LINE_CHARS, saying how much it left out', () => {
        const lines: string[] = [];
        const logger = makeLogger('debug', (line) => line, { out: { write: (t: string) => lines.push(t) }, err: { write: (t: string) => lines.push(t) } });
        logger.error(`turn error: activity 1 (message) in conversation a:${'c'.repeat(10_000)}: Error: storage key too long`);
        logger.info('a short line');
        expect(lines).toHaveLength(2);
        const [long, short] = lines.map((l) => l.replace(/^\S+ /, '').replace(/\n$/, ''));
        expect(long!.length).toBeLessThanOrEqual(MAX_LOG_LINE_CHARS);
        expect(long).toMatch(/^turn error: activity 1 \(message\) in conversation a:c+… \(\d+ more characters\)$/);
        const omitted = Number(/\((\d+) more characters\)$/.exec(long!)![1]);
        expect(long!.indexOf('…') + omitted).toBe(`turn error: activity 1 (message) in conversation a:${'c'.repeat(10_000)}: Error: storage key too long`.length);
        expect(short).toBe('a short line');
      });

      it('turns a failing turn into the polite reply and a log line with the activity id', async () => {
        const { url, log } = await start({ bot: new ThrowingBot() });
        const res = await post(url, JSON.stringify(teamsMessage('Tell me about Leeds', { id: 'act-throws' })));
        expect(res.status).toBe(200);
        const texts = await replyTexts(res);
        expect(texts).toEqual([TURN_ERROR_REPLY]);
        expect(texts.join(' ')).not.toContain('index lookup failed');
        expect(log).toEqual([expect.stringMatching(/^turn error: activity act-throws \(message\) in conversation a:1Zx-conversation: Error: index lookup failed/)]);
      });

      it('answers 500 when a turn fails with no error handler, and keeps serving', async () => {
        jest.spyOn(console, 'error').mockImplementation(() => undefined);
        const bare = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
        const { url } = await start({ bot: new ThrowingBot(), adapter: bare });
        const res = await post(url, JSON.stringify(teamsMessage('Tell me about Leeds')));
        expect(res.status).toBe(500);
        // The adapter's own body would be the turn's error message.
        expect(await res.json()).toEqual({ code: 'InternalServerError', message: 'The activity could not be processed.' });
        const after = await post(url, JSON.stringify(teamsMessage('again')));
        expect(after.status).toBe(500);
        expect((await fetch(`${url}/healthz`)).status).toBe(200);
      });

      it('answers 500 without details when the adapter itself throws, and keeps serving', async () => {
        const broken = { process: async () => Promise.reject(new Error('adapter internals')) } as unknown as CloudAdapter;
        const { url, log } = await start({ adapter: broken });
        const res = await post(url, JSON.stringify(teamsMessage('hello')));
        expect(res.status).toBe(500);
        expect(await res.json()).toEqual({ code: 'InternalServerError', message: 'The activity could not be processed.' });
        expect(log).toEqual(['POST /api/messages: 500 adapter internals']);
        expect((await fetch(`${url}/healthz`)).status).toBe(200);
      });

      describe('with app credentials', () => {
        const CREDENTIALS = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'made-up-secret', MicrosoftAppType: 'MultiTenant', HOST: '127.0.0.1' };

        /** Where sockets connected during the test, to prove token checks stay on this machine. */
        function recordConnections(): string[] {
          const seen: string[] = [];
          const connect = Socket.prototype.connect;
          jest.spyOn(Socket.prototype, 'connect').mockImplementation(function (this: Socket, ...args: unknown[]) {
            const first = args[0];
            const options = (Array.isArray(first) ? first[0] : first) as { host?: string; path?: string } | number;
            seen.push(typeof options === 'object' ? options.host ?? options.path ?? '?' : String(args[1] ?? 'localhost'));
            return (connect as (...a: unknown[]) => Socket).apply(this, args);
          });
          return seen;
        }

        it.each<[string, Record<string, string>]>([
          ['no Authorization header', {}],
          ['a forged bearer token', { authorization: `Bearer ${FORGED_JWT}` }],
          ['a bearer token that is not a JWT', { authorization: 'Bearer not-a-token' }],
          ['another scheme', { authorization: `Basic ${Buffer.from('user:pass').toString('base64')}` }],
        ])('refuses a request with %s with 401, without the network', async (_case, headers) => {
          jest.spyOn(console, 'error').mockImplementation(() => undefined);
          const bot = new EchoBot();
          const run = jest.spyOn(bot, 'run');
          const { url } = await start({ bot, env: CREDENTIALS });
          const seen = recordConnections();
          const res = await post(url, JSON.stringify(teamsMessage('hello')), headers);
          expect(res.status).toBe(401);
          expect(run).not.toHaveBeenCalled();
          expect(seen.length).toBeGreaterThan(0);
          expect(seen.filter((host) => host !== '127.0.0.1')).toEqual([]);
        });
      });
    });

    describe('close', () => {
      it('lets a request in flight finish, and refuses new connections', async () => {
        const bot = new GatedBot();
        const { url, server } = await start({ bot });
        const inFlight = post(url, JSON.stringify(teamsMessage('a slow question')));
        await bot.started;
        let closed = false;
        const done = new Promise<void>((resolve) => server.close(() => {
          closed = true;
          resolve();
        }));
        await expect(fetch(`${url}/healthz`)).rejects.toThrow();
        expect(closed).toBe(false);
        bot.release();
        const res = await inFlight;
        expect(res.status).toBe(200);
        expect(await replyTexts(res)).toEqual(['Finished after all.']);
        // As main.ts does while stopping: the finished keep-alive connection would otherwise linger for seconds.
        server.server.closeIdleConnections();
        await done;
        expect(closed).toBe(true);
      });
    });
  });
});
