import { createServer as createHttpServer, type Server } from 'node:http';
import { generateKeyPairSync, sign, createHmac, type JsonWebKey } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, type Activity } from 'botbuilder';
import type * as restify from 'restify';
import { loadConfig } from '../../src/config';
import { createAdapter } from '../../src/server/createAdapter';
import { createServer } from '../../src/server/createServer';
import { UNVERIFIED_TOKEN } from '../../src/server/reusedClients';
import { SIGNING_KEYS_MIN_REFRESH_MS, useSigningKeySets } from '../../src/server/signingKeys';

const APP_ID = '3d9e5c1a-7b2f-4e80-9a6d-1c4b8e2f0a57';
const APP_PASSWORD = 'made-up~app.password_for-these-tests';
const CREDENTIALS = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD, MicrosoftAppType: 'MultiTenant', HOST: '127.0.0.1' };
const SERVED = '0b7c2d4e-1111-4a2b-8c3d-5e6f7a8b9c0d';
const OTHER = '9f8e7d6c-2222-4b3a-9d4c-6e5f4a3b2c1d';
/** Where botframework-connector looks for the Bot Connector's signing keys; fetches of it go to the stand-in below. */
const MICROSOFT = 'https://login.botframework.com';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = publicKey.export({ format: 'jwk' }) as JsonWebKey;

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = (): number => Math.floor(Date.now() / 1000);
/** The claims of a token the Bot Connector sends this bot for an activity from SERVICE_URL. */
const claims = (extra: object = {}): object => ({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: SERVICE_URL, nbf: now() - 60, exp: now() + 3600, ...extra });
/** A token signed with the stand-in's private key, as the Bot Connector signs with Microsoft's. */
function signed(payload: object, kid = 'known-key'): string {
  const head = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(payload)}`;
  return `${head}.${sign('sha256', Buffer.from(head), privateKey).toString('base64url')}`;
}

const SERVICE_URL = 'http://127.0.0.1:1/';

/** The forged tokens: each must be refused with 401. */
const FORGED: [string, () => string][] = [
  ['alg=none with the right claims', () => `${b64({ alg: 'none', typ: 'JWT', kid: 'known-key' })}.${b64(claims())}.`],
  ['HS256 signed with the app password', () => {
    const head = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'known-key' })}.${b64(claims())}`;
    return `${head}.${createHmac('sha256', APP_PASSWORD).update(head).digest('base64url')}`;
  }],
  ['not valid for ten minutes yet', () => signed(claims({ nbf: now() + 600 }))],
  ['a kid the key set does not hold', () => signed(claims(), 'unknown-key')],
];

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`You said: ${context.activity.text}`);
      await next();
    });
  }
}

function message(tenant: string): Partial<Activity> {
  return {
    type: 'message', id: 'auth-1', channelId: 'msteams', serviceUrl: SERVICE_URL, deliveryMode: 'expectReplies', text: 'hello',
    conversation: { id: 'a:auth-conversation', isGroup: false, conversationType: 'personal', name: '', tenantId: tenant },
    from: { id: '29:auth-user', name: 'Sam Okafor' }, recipient: { id: `28:${APP_ID}`, name: 'Ofsted history' },
    channelData: { tenant: { id: tenant } },
  };
}

/** The stand-in for Microsoft's OpenID metadata and key set, counting what it is asked. */
let keyServer: Server;
let keyUrl: string;
const asked: string[] = [];
let reachable = true;

let bot: restify.Server;
let botUrl: string;
const log: string[] = [];

beforeAll(async () => {
  keyServer = createHttpServer((req, res) => {
    asked.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${MICROSOFT}/v1/.well-known/keys` }));
    else if (req.url === '/v1/.well-known/keys') res.end(JSON.stringify({ keys: [{ ...jwk, kid: 'known-key', use: 'sig', endorsements: ['msteams'] }] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
  keyUrl = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}`;

  bot = createServer({
    adapter: createAdapter(loadConfig(CREDENTIALS), (line) => log.push(line)), bot: new EchoBot(),
    health: () => ({ documents: 1, passages: 1, events: 1 }), log: (line) => log.push(line), allowedTenants: [SERVED],
  });
  await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', () => resolve()));
  botUrl = `http://127.0.0.1:${(bot.address() as AddressInfo).port}/api/messages`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    bot.close(() => resolve());
    bot.server.closeAllConnections();
  });
  await new Promise<void>((resolve) => keyServer.close(() => resolve()));
});

const realFetch = globalThis.fetch;
beforeEach(() => {
  asked.length = 0;
  log.length = 0;
  reachable = true;
  useSigningKeySets().clear();
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  // Microsoft's endpoints are the stand-in; any other address but this machine's is refused, so no test reaches out.
  jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith(MICROSOFT)) {
      if (!reachable) return Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) }));
      return realFetch(keyUrl + url.slice(MICROSOFT.length), init);
    }
    if (!url.startsWith('http://127.0.0.1:')) return Promise.reject(new Error(`the test reached for ${url}`));
    return realFetch(input, init);
  });
});
afterEach(() => jest.restoreAllMocks());

const post = (tenant: string, token: string | null): Promise<Response> => realFetch(botUrl, {
  method: 'POST', body: JSON.stringify(message(tenant)),
  headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
});

describe('tokens, with app credentials', () => {
  it('answers a request signed with a published key', async () => {
    const res = await post(SERVED, signed(claims()));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { activities: { text: string }[] }).activities.map((a) => a.text)).toEqual(['You said: hello']);
    expect(asked).toEqual(['/v1/.well-known/openidconfiguration', '/v1/.well-known/keys']);
  });

  describe.each([['reachable', true], ['out of reach', false]])('with Microsoft\'s endpoints %s', (_case, up) => {
    it.each(FORGED)('refuses a token %s with 401, a body telling nothing, and a log line saying why', async (_name, forge) => {
      reachable = up;
      const res = await post(SERVED, forge());
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ code: 'Unauthorized', message: UNVERIFIED_TOKEN });
      expect(log).toEqual(expect.arrayContaining([expect.stringMatching(/^POST \/api\/messages: 401 the token could not be verified: \w+: ./)]));
      if (!up) expect(log.join('\n')).toMatch(/signing keys could not be fetched|Signing Key could not be retrieved/);
    });
  });

  it('fetches the signing keys once for 50 tokens naming 50 new kids, and again only after the stated interval', async () => {
    const statuses = await Promise.all(Array.from({ length: 50 }, (_, i) => post(SERVED, signed(claims(), `new-kid-${i}`)).then((r) => r.status)));
    expect(statuses).toEqual(Array(50).fill(401));
    expect(asked.filter((u) => u.endsWith('/keys'))).toHaveLength(1);
    for (let i = 0; i < 10; i += 1) await post(SERVED, signed(claims(), `later-kid-${i}`));
    expect(asked.filter((u) => u.endsWith('/keys'))).toHaveLength(1);
    const start = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(start + SIGNING_KEYS_MIN_REFRESH_MS + 1000);
    await post(SERVED, signed(claims({ nbf: 0, exp: 4_000_000_000 }), 'after-the-interval'));
    expect(asked.filter((u) => u.endsWith('/keys'))).toHaveLength(2);
  });

  it('does not call out on every token while the endpoints are out of reach', async () => {
    reachable = false;
    const calls = jest.mocked(globalThis.fetch);
    for (let i = 0; i < 20; i += 1) expect((await post(SERVED, signed(claims(), `kid-${i}`))).status).toBe(401);
    expect(calls.mock.calls.filter(([input]) => String(input).startsWith(MICROSOFT))).toHaveLength(1);
  });
});

describe('an unsigned or forged request, with ALLOWED_TENANTS', () => {
  it.each<[string, () => string | null]>([
    ['no token', () => null],
    ['a forged token', () => FORGED[0]![1]()],
    ['a token with a kid the key set does not hold', () => signed(claims(), 'unknown-key')],
  ])('gets the same answer with %s from a served tenant and from another', async (_case, token) => {
    const served = await post(SERVED, token());
    const other = await post(OTHER, token());
    expect(served.status).toBe(401);
    expect(other.status).toBe(served.status);
    expect(await other.text()).toBe(await served.text());
    expect(other.headers.get('content-type')).toBe(served.headers.get('content-type'));
  });

  it('tells a signed request from another tenant that the tenant is not served', async () => {
    const res = await post(OTHER, signed(claims()));
    expect(res.status).toBe(403);
  });
});
