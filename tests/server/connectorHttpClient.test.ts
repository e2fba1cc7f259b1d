import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TurnContext } from 'botbuilder';
import { loadConfig } from '../../src/config';
import { createAdapter } from '../../src/server/createAdapter';

describe('replies to the Bot Connector', () => {
  let server: Server;
  let connections = 0;
  const bodies: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `reply-${bodies.length}` }));
      });
    });
    server.on('connection', () => (connections += 1));
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('go through one connection, turn after turn, each reply whole and answered with its id', async () => {
    const adapter = createAdapter(loadConfig({}), () => undefined);
    const serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const ids: (string | undefined)[] = [];
    for (let turn = 1; turn <= 5; turn++) {
      const reference = TurnContext.getConversationReference({
        type: 'message', id: `question-${turn}`, channelId: 'msteams', serviceUrl, conversation: { id: 'a:conversation', isGroup: false, conversationType: 'personal', name: '' },
        from: { id: 'user', name: 'User' }, recipient: { id: 'bot', name: 'Bot' },
      });
      await adapter.continueConversationAsync('', reference, async (context) => {
        ids.push((await context.sendActivity(`answer ${turn}`))?.id);
      });
    }
    expect(ids).toEqual(['reply-1', 'reply-2', 'reply-3', 'reply-4', 'reply-5']);
    expect(bodies.map((b) => (JSON.parse(b) as { text: string }).text)).toEqual(['answer 1', 'answer 2', 'answer 3', 'answer 4', 'answer 5']);
    expect(connections).toBe(1);
  });
});
