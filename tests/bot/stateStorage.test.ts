import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerClient } from '@azure/storage-blob';
import type { Storage } from 'botbuilder';
import { BlobFeedbackLog, feedbackBlobName } from '../../src/bot/BlobFeedbackLog';
import { FeedbackLog, type FeedbackEntry } from '../../src/bot/FeedbackLog';
import { isETagConflict } from '../../src/bot/memoryStore';
import { CreateOnlyMemoryStorage, openStateStore, StateStoreError, type StateStoreSettings } from '../../src/bot/stateStorage';
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

    it('refuses to write an item that is not an object, naming its key', async () => {
      const storage = new CreateOnlyMemoryStorage();
      await expect(storage.write({ 'msteams/conversations/a:1': null as unknown as object })).rejects.toThrow('Storage: the item to write under "msteams/conversations/a:1" is not an object');
      expect(storage.keys()).toEqual([]);
    });
  });

  describe('BlobFeedbackLog', () => {
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
