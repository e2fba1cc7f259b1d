import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { answerTurn } from '../../src/answer/answerQuestion';
import { keepEntityProperties } from '../../src/server/keepEntityProperties';
import { sendRepliesAsPlainJson } from '../../src/server/plainJsonReplies';
import { answerMessage } from '../../src/teams/answerMessage';
import { lookupFormMessage } from '../../src/teams/lookupCard';
import { openFresh, SEED_DIR } from '../helpers';

/** What the stand-in for the Bot Connector received. */
interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
}

/** A Bot Connector stand-in that records each request's bytes and answers with an id, or with `status` when set. */
async function startConnector(): Promise<{ url: string; received: Received[]; server: Server; fail: { status: number | null } }> {
  const received: Received[] = [];
  const fail = { status: null as number | null };
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, bytes: Buffer.concat(chunks) });
      res.writeHead(fail.status ?? 200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(fail.status ? { error: { code: 'ConversationNotFound', message: 'no such conversation' } } : { id: `reply-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, received, server, fail };
}

/** A client as botbuilder makes one in unsigned (local) mode. */
async function newClient(serviceUrl: string): Promise<ConnectorClient> {
  const auth = new ConfigurationBotFrameworkAuthentication({});
  const request = { type: 'message', channelId: 'msteams', serviceUrl, conversation: { id: 'a:1' }, from: { id: 'u' }, recipient: { id: 'b' } } as Activity;
  const result = await auth.authenticateRequest(request, '');
  return result.connectorFactory!.create(serviceUrl, result.audience);
}

/** A reply as botbuilder sends it: the message, addressed back to the conversation. */
function addressed(message: Partial<Activity>, serviceUrl: string): Partial<Activity> {
  return {
    ...message, channelId: 'msteams', serviceUrl, locale: 'en-GB', replyToId: '1:question',
    conversation: { id: 'a:1', conversationType: 'personal', tenantId: 'tenant-1' } as Activity['conversation'],
    from: { id: '28:bot', name: 'Ofsted history' }, recipient: { id: '29:user', name: 'A User', aadObjectId: 'aad-1' },
  };
}

describe('sendRepliesAsPlainJson', () => {
  let connector: Awaited<ReturnType<typeof startConnector>>;
  let replies: Partial<Activity>[];

  beforeAll(async () => {
    keepEntityProperties();
    connector = await startConnector();
    const index = await openFresh(SEED_DIR);
    const asked = ['When was the last monitoring visit to Worcestershire?', 'What did Ofsted say Oxfordshire must improve?', 'list the inspections of Worcestershire'];
    replies = [
      ...asked.map((q) => answerMessage(answerTurn(index, q, { authority: null, previous: null }).answer)),
      lookupFormMessage({ authoritiesOnRecord: index.authoritiesOnRecord() }),
      { type: 'message', text: 'Ofsted’s judgement – “requires improvement” 👍', timestamp: new Date('2026-11-23T10:00:00Z') },
    ].map((m) => addressed(m, connector.url));
  });

  afterAll(() => new Promise<void>((resolve) => connector.server.close(() => resolve())));

  beforeEach(() => {
    connector.received.length = 0;
    connector.fail.status = null;
  });

  it('sends each reply as the same JSON as the Activity mapper did, to the same address with the same headers', async () => {
    const mapped = await newClient(connector.url);
    const plain = sendRepliesAsPlainJson(await newClient(connector.url));
    for (const [i, reply] of replies.entries()) {
      await mapped.conversations.replyToActivity('a:1', '1:question', reply);
      await plain.conversations.replyToActivity('a:1', '1:question', reply);
      await mapped.conversations.sendToConversation('a:1', reply);
      await plain.conversations.sendToConversation('a:1', reply);
      const [viaMapper, viaPlain, sentMapper, sentPlain] = connector.received.slice(-4);
      for (const [before, after] of [[viaMapper!, viaPlain!], [sentMapper!, sentPlain!]] as const) {
        expect({ reply: i, body: JSON.parse(after.bytes.toString('utf8')) }).toEqual({ reply: i, body: JSON.parse(before.bytes.toString('utf8')) });
        expect(after.path).toBe(before.path);
        expect(after.method).toBe('POST');
        expect(after.headers['content-type']).toBe(before.headers['content-type']);
        expect(after.headers['x-ms-conversation-id']).toBe(before.headers['x-ms-conversation-id']);
        expect(Number(after.headers['content-length'])).toBe(after.bytes.length);
      }
      expect(viaPlain!.path).toBe('/v3/conversations/a%3A1/activities/1%3Aquestion');
      expect(viaPlain!.headers['x-ms-conversation-id']).toBe('a:1');
      expect(sentPlain!.path).toBe('/v3/conversations/a%3A1/activities');
    }
    const entities = JSON.parse(connector.received.at(-1)!.bytes.toString('utf8')) as { timestamp: string };
    expect(entities.timestamp).toBe('2026-11-23T10:00:00.000Z');
  });

  it('sends text outside ASCII as UTF-8 and measures the body in bytes', async () => {
    const plain = sendRepliesAsPlainJson(await newClient(connector.url));
    await plain.conversations.replyToActivity('a:1', '1:question', replies.at(-1)!);
    const { bytes, headers } = connector.received[0]!;
    expect(bytes.toString('utf8')).toContain('Ofsted’s judgement – “requires improvement” 👍');
    expect(Number(headers['content-length'])).toBe(Buffer.byteLength(bytes.toString('utf8'), 'utf8'));
  });

  it('sends properties the Activity mapper does not declare, which it dropped', async () => {
    const reply = { ...replies[0]!, speakAs: 'a property newer than the mapper' } as Partial<Activity>;
    await (await newClient(connector.url)).conversations.replyToActivity('a:1', '1:question', reply);
    await sendRepliesAsPlainJson(await newClient(connector.url)).conversations.replyToActivity('a:1', '1:question', reply);
    const [viaMapper, viaPlain] = connector.received.map((r) => JSON.parse(r.bytes.toString('utf8')) as Record<string, unknown>);
    expect(viaMapper!.speakAs).toBeUndefined();
    expect(viaPlain!.speakAs).toBe('a property newer than the mapper');
  });

  it('gives back the id the connector answered with', async () => {
    const plain = sendRepliesAsPlainJson(await newClient(connector.url));
    expect((await plain.conversations.replyToActivity('a:1', '1:question', replies[0]!)).id).toBe('reply-1');
    expect((await plain.conversations.sendToConversation('a:1', replies[0]!)).id).toBe('reply-2');
  });

  it('fails as the mapped client does when the connector refuses a reply', async () => {
    connector.fail.status = 404;
    const failure = async (client: ConnectorClient): Promise<unknown> => client.conversations.replyToActivity('a:1', '1:question', replies[0]!).then(() => null, (e: unknown) => e);
    const mapped = (await failure(await newClient(connector.url))) as { statusCode?: number; message?: string };
    const plain = (await failure(sendRepliesAsPlainJson(await newClient(connector.url)))) as { statusCode?: number; message?: string };
    expect(plain).toBeInstanceOf(Error);
    expect(plain.statusCode).toBe(404);
    expect(plain.statusCode).toBe(mapped.statusCode);
    expect(plain.message).toBe(mapped.message);
  });

  it('changes a client once however often it is asked to', async () => {
    const client = await newClient(connector.url);
    expect(sendRepliesAsPlainJson(sendRepliesAsPlainJson(client))).toBe(client);
    const policies = (client as unknown as { client: { pipeline: { getOrderedPolicies(): { name: string }[] } } }).client.pipeline.getOrderedPolicies();
    expect(policies.filter((p) => p.name === 'plainJsonRepliesUtf8Body')).toHaveLength(1);
    await client.conversations.replyToActivity('a:1', '1:question', replies[0]!);
    expect(JSON.parse(connector.received[0]!.bytes.toString('utf8'))).toEqual(expect.objectContaining({ text: replies[0]!.text }));
  });
});
