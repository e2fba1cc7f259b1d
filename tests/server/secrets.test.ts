import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage, type StoreItems } from 'botbuilder';
import type * as restify from 'restify';
import { FeedbackLog } from '../../src/bot/FeedbackLog';
import { InspectionBot } from '../../src/bot/InspectionBot';
import { teamsMessage, type Where } from '../../src/cli/teamsActivities';
import { loadConfig } from '../../src/config';
import { createAdapter } from '../../src/server/createAdapter';
import { createServer } from '../../src/server/createServer';
import { makeLogger, redactor, routeConsole, secretValues } from '../../src/server/logger';
import { openFresh, SEED_DIR } from '../helpers';

const APP_ID = '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
/** Shaped like an Entra client secret. */
const APP_PASSWORD = 'Xq8~kP2.vL9_mN4-rT6sW1yZ3aB5cD7eF0gH';
const ACCOUNT_KEY = 'c2VjcmV0LWtleS1mb3Itb2ZzdGVkLWJvdC1zdGF0ZS1zdG9yYWdlLWFjY291bnQtMDEyMzQ1Njc4OQ==';
const CONNECTION = `DefaultEndpointsProtocol=https;AccountName=ofstedbotstate;AccountKey=${ACCOUNT_KEY};EndpointSuffix=core.windows.net`;

/** The environment of a deployed bot: app credentials, and Blob storage for state. */
const ENV: NodeJS.ProcessEnv = {
  MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD, MicrosoftAppType: 'MultiTenant', HOST: '127.0.0.1',
  AZURE_STORAGE_CONNECTION_STRING: CONNECTION, LOG_LEVEL: 'debug',
};

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token the (stand-in) Bot Connector signs its requests with: a bearer credential, as secret as a password. */
const CONNECTOR_TOKEN = [
  b64({ alg: 'RS256', typ: 'JWT', kid: 'connector-key' }),
  b64({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: 'http://127.0.0.1:1/', exp: 4_000_000_000 }),
  Buffer.from('the connector signature').toString('base64url'),
].join('.');
/** A token signed by no one, from an issuer botbuilder does not trust (so it is refused without the network). */
const FORGED_TOKEN = [
  b64({ alg: 'RS256', typ: 'JWT', kid: 'forged-key' }),
  b64({ iss: 'https://sts.forged.example/', aud: APP_ID, serviceurl: 'http://127.0.0.1:1/', nbf: 1_700_000_000, exp: 4_000_000_000 }),
  Buffer.from('not a signature').toString('base64url'),
].join('.');
const BASIC = `Basic ${Buffer.from(`${APP_ID}:${APP_PASSWORD}`).toString('base64')}`;

/** Every secret, and the ways one may be written. */
const SECRETS = [APP_PASSWORD, ACCOUNT_KEY, CONNECTION, CONNECTOR_TOKEN, FORGED_TOKEN, BASIC, BASIC.slice(6)];

/** Blob storage refusing the account key: its error quotes the connection string, as a careless client might. */
class RefusingStorage extends MemoryStorage {
  override async read(keys: string[]): Promise<StoreItems> {
    if (keys.some((k) => k.includes('a:storage-down'))) {
      throw new Error(`Server failed to authenticate the request using connection string "${CONNECTION}": AccountKey ${ACCOUNT_KEY} was refused`);
    }
    return super.read(keys);
  }
}

describe('secrets in the log', () => {
  const written: string[] = [];
  let server: restify.Server;
  let url: string;
  const saved = { error: console.error, warn: console.warn, log: console.log, info: console.info, debug: console.debug };

  beforeAll(async () => {
    // Everything the process might print: the logger's streams, the console, and stdout and stderr themselves.
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
    // As main.ts wires it.
    const config = loadConfig(ENV);
    const log = makeLogger(config.logLevel, redactor(secretValues(ENV)));
    routeConsole(log);
    // The connector's token stands for a verified one: checking a real one would fetch signing keys from the network.
    const authenticate = ConfigurationBotFrameworkAuthentication.prototype.authenticateRequest;
    const userTokenClient = ConfigurationBotFrameworkAuthentication.prototype.createUserTokenClient;
    const anonymous = new ConfigurationBotFrameworkAuthentication({});
    jest.spyOn(ConfigurationBotFrameworkAuthentication.prototype, 'authenticateRequest').mockImplementation(function (this: ConfigurationBotFrameworkAuthentication, activity, header) {
      return header === `Bearer ${CONNECTOR_TOKEN}` ? authenticate.call(anonymous, activity, '') : authenticate.call(this, activity, header);
    });
    jest.spyOn(ConfigurationBotFrameworkAuthentication.prototype, 'createUserTokenClient').mockImplementation((identity) => userTokenClient.call(anonymous, identity));
    const bot = new InspectionBot({
      index: await openFresh(SEED_DIR), conversationState: new ConversationState(new RefusingStorage()),
      feedback: new FeedbackLog(join(mkdtempSync(join(tmpdir(), 'secrets-')), 'feedback.jsonl')), defaultAuthority: null, log: (line) => log.info(line),
    });
    server = createServer({ adapter: createAdapter(config, (line) => log.error(line)), bot, health: () => ({ documents: 1, passages: 1, events: 1 }), log: (line) => log.error(line) });
    server.on('after', (req: restify.Request, res: restify.Response) => log.debug(`${req.method} ${req.url} ${res.statusCode}`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  });

  afterAll(async () => {
    Object.assign(console, saved);
    jest.restoreAllMocks();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.server.closeAllConnections();
    });
  });

  const where = (conversationId: string): Where => ({ conversationId, conversationType: 'personal', botId: `28:${APP_ID}`, botName: 'Ofsted history', serviceUrl: 'http://127.0.0.1:1/' });
  const post = (body: string, headers: Record<string, string> = {}) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('writes no secret while refusing tokens, refusing bodies and failing a turn', async () => {
    const message = JSON.stringify(teamsMessage('When was the last monitoring visit to Worcestershire?', where('a:answers')));

    // Tokens: none, forged, not a JWT, a password sent as Basic credentials.
    for (const authorization of [undefined, `Bearer ${FORGED_TOKEN}`, 'Bearer not-a-token', BASIC]) {
      const res = await post(message, authorization ? { authorization } : {});
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain(APP_PASSWORD);
    }
    // Bodies: broken JSON quoting a token (the parser's message repeats it), and not an activity, with a valid token.
    const signed = { authorization: `Bearer ${CONNECTOR_TOKEN}` };
    expect((await post(`{"type":"message","authorization":"Bearer ${CONNECTOR_TOKEN}", "text": `, signed)).status).toBe(400);
    expect((await post(JSON.stringify({ type: 'message', text: APP_PASSWORD }), signed)).status).toBe(400);
    // A turn whose state storage fails, quoting its connection string (answered with the apology, or without memory);
    // then one that works.
    const failing = await post(JSON.stringify(teamsMessage('When was the last monitoring visit to Worcestershire?', where('a:storage-down'))), signed);
    expect(failing.status).toBe(200);
    expect(((await failing.json()) as { activities: { text?: string }[] }).activities.map((a) => a.text)).not.toEqual([]);
    const answered = await post(message, signed);
    expect(answered.status).toBe(200);

    const output = written.join('');
    // The errors were driven and written: the refused token, the bad body, the storage failure, the requests.
    expect(output).toMatch(/AuthenticationError|Unauthorized/);
    expect(output).toMatch(/POST \/api\/messages: 401 the token could not be verified: Error: Unauthorized\. No valid identity\./);
    expect(output).toContain('POST /api/messages: 400 Invalid JSON');
    expect(output).toContain('Server failed to authenticate the request');
    expect(output).toContain('POST /api/messages 200');
    for (const secret of SECRETS) expect(output).not.toContain(secret);
  });
});

describe('.gitignore', () => {
  it('keeps .env, where the secrets are set, out of git', () => {
    const lines = readFileSync(join(__dirname, '..', '..', '.gitignore'), 'utf8').split(/\r?\n/).map((l) => l.trim());
    expect(lines).toContain('.env');
  });
});
