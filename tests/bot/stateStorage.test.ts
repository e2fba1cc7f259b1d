import { createServer, type Server } from 'node:net';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerClient } from '@azure/storage-blob';
import type { Storage } from 'botbuilder';
import { BlobFeedbackLog, FEEDBACK_APPEND_DEADLINE_MS, feedbackBlobName } from '../../src/bot/BlobFeedbackLog';
import { FeedbackLog, type FeedbackEntry } from '../../src/bot/FeedbackLog';
import { keptKey } from '../../src/bot/memoryStore';
import { DEFAULT_MEMORY_CONVERSATIONS } from '../../src/config';
import { SUBSCRIPTIONS_KEY } from '../../src/bot/subscriptions';
import { isETagConflict } from '../../src/bot/memoryStore';
import { conversationOfKey, CreateOnlyMemoryStorage, FEEDBACK_SPOOL_NAME, openStateStore, StateStoreError, type StateStoreSettings } from '../../src/bot/stateStorage';
import { AZURITE_ACCOUNT, type Azurite, azuriteConnectionString, startAzurite } from '../server/azurite';

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite?.stop());

const AZURITE_KEY = /AccountKey=([^;]+)/.exec(azuriteConnectionString(1))![1]!;
const FAST = { maxTries: 1, tryTimeoutInMs: 2_000 };

const blob = (container: string, connectionString = azurite.connectionString): StateStoreSettings => ({
  stateStorage: 'blob', storageConnectionString: connectionString, stateContainer: container, feedbackFile: '/nonexistent/feedback.jsonl',
});

/** The error openStateStore gives for these settings. */
async function failureOf(settings: StateStoreSettings): Promise<StateStoreError> {
  const error = await openStateStore(settings, FAST).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(StateStoreError);
  return error as StateStoreError;
}

/** A vote as the bot records it. */
const vote = (time: string, comment: string): FeedbackEntry => ({
  time, reaction: 'like', comment, replyId: 'reply-1', conversationId: 'a:1', question: 'When was the last inspection?', answer: 'Ofsted’s last inspection – 2024',
});

/** A port on loopback where nothing listens. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The shared conflict rules of both storages, as the conversation memory relies on them. */
async function expectConflictRules(storage: Storage): Promise<void> {
  const key = 'msteams/conversations/a:rules';
  await storage.write({ [key]: { memory: { authority: 'Oxfordshire' } } });
  const again = await storage.write({ [key]: { memory: { authority: 'Worcestershire' } } }).then(() => null, (e: unknown) => e);
  expect(isETagConflict(again)).toBe(true);
  const read = (await storage.read([key]))[key]!;
  expect(read.memory).toEqual({ authority: 'Oxfordshire' });
  await storage.write({ [key]: { ...read, memory: { authority: 'Slough' } } });
  const stale = await storage.write({ [key]: { ...read, memory: { authority: 'Leeds' } } }).then(() => null, (e: unknown) => e);
  expect(isETagConflict(stale)).toBe(true);
  await storage.write({ [key]: { memory: { authority: 'Kent' }, eTag: '*' } });
  expect((await storage.read([key]))[key]!.memory).toEqual({ authority: 'Kent' });
}

describe('stateStorage', () => {
  describe('openStateStore', () => {
    it('keeps state in this process and votes in FEEDBACK_FILE for memory', async () => {
      const feedbackFile = join(mkdtempSync(join(tmpdir(), 'votes-')), 'feedback.jsonl');
      const store = await openStateStore({ stateStorage: 'memory', storageConnectionString: null, stateContainer: 'bot-state', feedbackFile });
      expect(store.feedback).toBeInstanceOf(FeedbackLog);
      await store.feedback.record(vote('2026-03-05T10:00:00.000Z', 'useful'));
      expect(JSON.parse(readFileSync(feedbackFile, 'utf8'))).toEqual(vote('2026-03-05T10:00:00.000Z', 'useful'));
      expect(store.description).toContain(feedbackFile);
    });

    it('creates a missing container, and says where without the key', async () => {
      const store = await openStateStore(blob('made-at-start'), FAST);
      expect(await new ContainerClient(azurite.connectionString, 'made-at-start').exists()).toBe(true);
      expect(store.feedback).toBeInstanceOf(BlobFeedbackLog);
      expect(store.description).toBe(`conversation memory and votes in Blob Storage container "made-at-start" at http://127.0.0.1:${azurite.port}/${AZURITE_ACCOUNT}`);
      expect(store.description).not.toContain(AZURITE_KEY);
    });

    it('opens a container that exists already', async () => {
      await openStateStore(blob('opened-twice'), FAST);
      await expect(openStateStore(blob('opened-twice'), FAST)).resolves.toEqual(expect.objectContaining({ description: expect.stringContaining('"opened-twice"') }));
    });

    it('says so, without the key, when the account cannot be reached', async () => {
      const port = await closedPort();
      const error = await failureOf(blob('bot-state', azuriteConnectionString(port)));
      expect(error.message).toBe(`cannot use Blob Storage container "bot-state" at http://127.0.0.1:${port}/${AZURITE_ACCOUNT}: it cannot be reached ` +
        '(ECONNREFUSED): check the account name or endpoint in AZURE_STORAGE_CONNECTION_STRING and the network');
    });

    it('says so, without the key, when the account refuses the key', async () => {
      const wrongKey = azurite.connectionString.replace(AZURITE_KEY, Buffer.from('not the account key').toString('base64'));
      const error = await failureOf(blob('bot-state', wrongKey));
      expect(error.message).toMatch(/^cannot use Blob Storage container "bot-state" at .*: the account refused the credentials \(403\): check the account key or SAS/);
      expect(error.message).not.toContain(AZURITE_KEY);
    });

    it('says so, without repeating it, when the connection string names no endpoint', async () => {
      const error = await failureOf(blob('bot-state', `AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY}`));
      expect(error.message).toMatch(/^AZURE_STORAGE_CONNECTION_STRING is not a usable connection string: it needs DefaultEndpointsProtocol/);
      expect(error.message).not.toContain(AZURITE_KEY);
    });
  });

  describe('the blob Storage', () => {
    it('creates an item written without an eTag only once, updates it with the eTag read, and overwrites with "*"', async () => {
      await expectConflictRules((await openStateStore(blob('conflict-rules'), FAST)).storage);
    });

    it('round-trips text beyond ASCII', async () => {
      const { storage } = await openStateStore(blob('round-trip'), FAST);
      const key = 'msteams/conversations/19:abc@thread.tacv2;messageid=1';
      await storage.write({ [key]: { memory: { answer: 'Ofsted’s judgement – “good”' } } });
      const item = (await storage.read([key]))[key]!;
      expect(item.memory).toEqual({ answer: 'Ofsted’s judgement – “good”' });
      await storage.write({ [key]: { ...item, memory: { answer: 'Ofsted’s judgement – “requires improvement”' } } });
      expect((await storage.read([key]))[key]!.memory).toEqual({ answer: 'Ofsted’s judgement – “requires improvement”' });
    });
  });

  describe('CreateOnlyMemoryStorage', () => {
    it('follows the same conflict rules as the blob Storage', async () => {
      await expectConflictRules(new CreateOnlyMemoryStorage());
    });

    it('gives each read a copy of its own, with the eTag of the last write', async () => {
      const storage = new CreateOnlyMemoryStorage();
      const key = 'msteams/conversations/a:copies';
      await storage.write({ [key]: { memory: { replies: ['1'] } } });
      const first = (await storage.read([key]))[key]!;
      (first.memory as { replies: string[] }).replies.push('changed after reading');
      const second = (await storage.read([key]))[key]!;
      expect(second.memory).toEqual({ replies: ['1'] });
      expect(second.eTag).toBe(first.eTag);
      await storage.write({ [key]: { ...second, memory: { replies: ['1', '2'] } } });
      const third = (await storage.read([key]))[key]!;
      expect(third.eTag).not.toBe(second.eTag);
      expect(third.memory).toEqual({ replies: ['1', '2'] });
    });

    it('changes none of a write\'s items when one of them conflicts', async () => {
      const storage = new CreateOnlyMemoryStorage();
      await storage.write({ taken: { value: 'first' } });
      const failed = await storage.write({ fresh: { value: 'new' }, taken: { value: 'second' } }).then(() => null, (e: unknown) => e);
      expect(isETagConflict(failed)).toBe(true);
      expect(await storage.read(['fresh', 'taken'])).toEqual({ taken: expect.objectContaining({ value: 'first' }) });
    });

    it('forgets a deleted item and its key, and reads nothing for keys it never had', async () => {
      const storage = new CreateOnlyMemoryStorage();
      await storage.write({ kept: { value: 1 }, dropped: { value: 2 } });
      await storage.delete(['dropped', 'never written']);
      expect(storage.keys()).toEqual(['kept']);
      expect(await storage.read(['dropped', 'never written'])).toEqual({});
      await storage.write({ dropped: { value: 3 } });
      expect((await storage.read(['dropped'])).dropped).toEqual(expect.objectContaining({ value: 3 }));
    });

    it('keeps at most the conversations it is given, forgetting the one used longest ago with the items beside it', async () => {
      const storage = new CreateOnlyMemoryStorage(3);
      const key = (n: number): string => `msteams/conversations/a:lru-${n}/`;
      await storage.write({ [SUBSCRIPTIONS_KEY]: { conversations: {} } });
      for (const n of [1, 2, 3]) await storage.write({ [key(n)]: { memory: { n } }, [keptKey(key(n), 'replies/r1')]: { question: 'q', answer: 'a' } });
      // Conversation 1 read again: 2 is now the one used longest ago.
      await storage.read([key(1)]);
      await storage.write({ [key(4)]: { memory: { n: 4 } } });
      expect(storage.conversationCount()).toBe(3);
      expect(await storage.read([key(2), keptKey(key(2), 'replies/r1')])).toEqual({});
      expect(Object.keys(await storage.read([key(1), key(3), key(4), keptKey(key(1), 'replies/r1')]))).toHaveLength(4);
      expect(Object.keys(await storage.read([SUBSCRIPTIONS_KEY]))).toEqual([SUBSCRIPTIONS_KEY]);
      // Deleting a conversation's every item lets it go from the count.
      await storage.delete([key(4)]);
      expect(storage.conversationCount()).toBe(2);
    });

    it('tells the conversation of a key: its own, an item kept beside it, or none', () => {
      const cases: [string, string | null][] = [
        ['msteams/conversations/a:1/', 'msteams/conversations/a:1/'],
        [keptKey('msteams/conversations/a:1/', 'replies/x%2Fkept%2Fy'), 'msteams/conversations/a:1/'],
        [SUBSCRIPTIONS_KEY, null],
        ['subscriptions/notified/oxfordshire', null],
      ];
      for (const [key, conversation] of cases) expect({ key, conversation: conversationOfKey(key) }).toEqual({ key, conversation });
    });

    it(`keeps ${DEFAULT_MEMORY_CONVERSATIONS} conversations by default, or as many as set, with STATE_STORAGE=memory`, async () => {
      const feedbackFile = join(mkdtempSync(join(tmpdir(), 'votes-')), 'feedback.jsonl');
      const settings = { stateStorage: 'memory' as const, storageConnectionString: null, stateContainer: 'bot-state', feedbackFile };
      expect((await openStateStore(settings)).description).toContain(`${DEFAULT_MEMORY_CONVERSATIONS} latest conversations`);
      const store = await openStateStore({ ...settings, memoryConversations: 5 });
      for (let n = 0; n < 20; n++) await store.storage.write({ [`msteams/conversations/a:${n}/`]: { memory: { n } } });
      expect((store.storage as CreateOnlyMemoryStorage).conversationCount()).toBe(5);
    });

    it('refuses to write an item that is not an object, naming its key', async () => {
      const storage = new CreateOnlyMemoryStorage();
      await expect(storage.write({ 'msteams/conversations/a:1': null as unknown as object })).rejects.toThrow('Storage: the item to write under "msteams/conversations/a:1" is not an object');
      expect(storage.keys()).toEqual([]);
    });
  });

  describe('FeedbackLog', () => {
    it('writes the votes that arrived while it was writing in one append, in order', async () => {
      const feedbackFile = join(mkdtempSync(join(tmpdir(), 'votes-')), 'feedback.jsonl');
      const log = new FeedbackLog(feedbackFile);
      const votes = Array.from({ length: 100 }, (_v, i) => vote(`2026-03-05T10:00:00.${String(i).padStart(3, '0')}Z`, `comment ${i}`));
      const recorded = votes.map((v) => log.record(v));
      // The first vote's write is under way; the other 99 are written by the next append, all at once.
      await recorded[1];
      const lines = readFileSync(feedbackFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as FeedbackEntry);
      expect(lines).toEqual(votes);
      await Promise.all(recorded);
    });
  });

  describe('BlobFeedbackLog', () => {
    /** A container that is the Azurite one while up, refuses every call while down, and never answers while hung. */
    function outage(name: string): { container: ContainerClient; mode: { now: 'up' | 'down' | 'hung' } } {
      const real = new ContainerClient(azurite.connectionString, name);
      const mode = { now: 'up' as 'up' | 'down' | 'hung' };
      const gate = <R>(call: () => Promise<R>): Promise<R> => {
        if (mode.now === 'down') return Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
        if (mode.now === 'hung') return new Promise<R>(() => undefined);
        return call();
      };
      const container = {
        getAppendBlobClient: (blobName: string) => {
          const client = real.getAppendBlobClient(blobName);
          return {
            appendBlock: (body: Buffer, length: number) => gate(() => client.appendBlock(body, length)),
            createIfNotExists: (options: Parameters<typeof client.createIfNotExists>[0]) => gate(() => client.createIfNotExists(options)),
          };
        },
      } as unknown as ContainerClient;
      return { container, mode };
    }

    const blobLines = async (container: string, time: string): Promise<FeedbackEntry[]> => {
      const client = new ContainerClient(azurite.connectionString, container).getBlobClient(feedbackBlobName(time));
      if (!(await client.exists())) return [];
      return (await client.downloadToBuffer()).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as FeedbackEntry);
    };

    it('keeps the votes Blob Storage does not take on disk, and appends them when it takes votes again', async () => {
      await new ContainerClient(azurite.connectionString, 'spooled').createIfNotExists();
      const spoolFile = join(mkdtempSync(join(tmpdir(), 'spool-')), FEEDBACK_SPOOL_NAME);
      const { container, mode } = outage('spooled');
      const logged: string[] = [];
      const log = new BlobFeedbackLog(container, { spoolFile, log: (l) => logged.push(l), appendDeadlineMs: 200, retryMs: 60_000 });
      try {
        await log.record(vote('2026-04-01T09:00:00.000Z', 'before'));
        mode.now = 'down';
        await log.record(vote('2026-04-01T09:01:00.000Z', 'while down'));
        mode.now = 'hung';
        const started = Date.now();
        await log.record(vote('2026-04-02T09:02:00.000Z', 'while hung'));
        expect(Date.now() - started).toBeLessThan(1_000);
        expect(readFileSync(spoolFile, 'utf8').trim().split('\n')).toHaveLength(2);
        expect(logged.join('\n')).toContain('kept it in');
        // Still down: the votes stay on disk.
        mode.now = 'down';
        await log.drain();
        expect(readFileSync(spoolFile, 'utf8').trim().split('\n')).toHaveLength(2);

        mode.now = 'up';
        await log.drain();
        expect(await blobLines('spooled', '2026-04-01')).toEqual([vote('2026-04-01T09:00:00.000Z', 'before'), vote('2026-04-01T09:01:00.000Z', 'while down')]);
        expect(await blobLines('spooled', '2026-04-02')).toEqual([vote('2026-04-02T09:02:00.000Z', 'while hung')]);
        expect(existsSync(spoolFile)).toBe(false);
        expect(logged.at(-1)).toContain('appended 2 vote(s)');
      } finally {
        log.close();
      }
    });

    it('appends at start the votes an earlier run kept on disk', async () => {
      await new ContainerClient(azurite.connectionString, 'spooled-before').createIfNotExists();
      const spoolFile = join(mkdtempSync(join(tmpdir(), 'spool-')), FEEDBACK_SPOOL_NAME);
      await new FeedbackLog(spoolFile).record(vote('2026-04-03T09:00:00.000Z', 'kept by the last run'));
      const { container } = outage('spooled-before');
      const log = new BlobFeedbackLog(container, { spoolFile });
      await log.drain();
      log.close();
      expect(await blobLines('spooled-before', '2026-04-03')).toEqual([vote('2026-04-03T09:00:00.000Z', 'kept by the last run')]);
    });

    it(`waits at most ${FEEDBACK_APPEND_DEADLINE_MS} ms by default for Blob Storage before keeping a vote on disk`, () => {
      expect(FEEDBACK_APPEND_DEADLINE_MS).toBeLessThanOrEqual(5_000);
    });

    it('appends votes from two instances at once to the day’s blob, one JSON line each', async () => {
      const [a, b] = await Promise.all([openStateStore(blob('votes'), FAST), openStateStore(blob('votes'), FAST)]);
      const votes = Array.from({ length: 12 }, (_v, i) => vote(`2026-03-05T10:00:${String(i).padStart(2, '0')}.000Z`, `comment ${i}`));
      await Promise.all(votes.map((v, i) => (i % 2 ? a! : b!).feedback.record(v)));
      await a!.feedback.record(vote('2026-03-06T00:00:01.000Z', 'the next day'));

      const container = new ContainerClient(azurite.connectionString, 'votes');
      const lines = async (time: string): Promise<FeedbackEntry[]> => (await container.getBlobClient(feedbackBlobName(time)).downloadToBuffer())
        .toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as FeedbackEntry);
      expect((await lines('2026-03-05')).sort((x, y) => x.time.localeCompare(y.time))).toEqual(votes);
      expect(await lines('2026-03-06')).toEqual([vote('2026-03-06T00:00:01.000Z', 'the next day')]);
      const properties = await container.getBlobClient('feedback/2026-03-05.jsonl').getProperties();
      expect(properties.blobType).toBe('AppendBlob');
    });
  });
});
