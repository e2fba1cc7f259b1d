/**
 * Two instances of the bot behind the real restify server, as Azure Bot Service would balance them, sharing
 * conversation memory and votes in Blob Storage (Azurite, started here on a free loopback port).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Server as TcpServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Activity, ConversationState } from 'botbuilder';
import type * as restify from 'restify';
import { BlobFeedbackLog, feedbackBlobName } from '../../src/bot/BlobFeedbackLog';
import type { FeedbackEntry } from '../../src/bot/FeedbackLog';
import { type ConversationMemory, InspectionBot, MEMORY_UNAVAILABLE_NOTICE, type RememberedReply, replyName } from '../../src/bot/InspectionBot';
import { keptKey, MAX_SAVE_ATTEMPTS, STORAGE_TURN_BUDGET_MS } from '../../src/bot/memoryStore';
import { FEEDBACK_SPOOL_NAME, openStateStore, type StateStore } from '../../src/bot/stateStorage';
import { teamsFeedback, teamsMessage, type Where } from '../../src/cli/teamsActivities';
import { loadConfig } from '../../src/config';
import { createAdapter } from '../../src/server/createAdapter';
import { createServer } from '../../src/server/createServer';
import { openFresh, SEED_DIR } from '../helpers';
import { type Azurite, startAzurite } from './azurite';

/** Replies whose path starts with this wait at the connector stand-in while it holds them. */
const HELD = '/held/';

/** A Bot Connector stand-in shared by both instances: records replies, gives each an id, and can hold some back. */
interface Connector {
  url: string;
  sent: { path: string; activity: Partial<Activity>; id: string }[];
  /** Holds replies to held paths from now on; resolves when the first arrives. */
  hold(): Promise<void>;
  /** Lets the held replies through, and stops holding. */
  release(): void;
  server: HttpServer;
}

async function startConnector(): Promise<Connector> {
  const sent: Connector['sent'] = [];
  let next = 0;
  let gate: { open: Promise<void>; release: () => void; arrived: () => void } | null = null;
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      const answer = (): void => {
        const id = `reply-${++next}`;
        sent.push({ path: req.url ?? '', activity: JSON.parse(body || '{}') as Partial<Activity>, id });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id }));
      };
      if (!gate || !req.url?.startsWith(HELD)) {
        answer();
        return;
      }
      gate.arrived();
      void gate.open.then(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    sent,
    hold: () => new Promise<void>((arrived) => {
      let release!: () => void;
      const open = new Promise<void>((r) => {
        release = r;
      });
      gate = { open, release, arrived };
    }),
    release: () => {
      gate?.release();
      gate = null;
    },
    server,
  };
}

/** A TCP relay in front of Azurite that passes traffic, refuses it (the store down), or holds it unanswered (paused). */
interface Relay {
  port: number;
  mode: 'up' | 'down' | 'paused';
  server: TcpServer;
  /** Sets the mode; going down or up drops every connection open now (the held ones too). */
  set(mode: Relay['mode']): void;
}

async function startRelay(target: number): Promise<Relay> {
  const open = new Set<Socket>();
  const relay: Relay = {
    port: 0,
    mode: 'up',
    server: createTcpServer((socket) => {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => undefined);
      if (relay.mode === 'down') {
        socket.destroy();
        return;
      }
      if (relay.mode === 'paused') return;
      const upstream = new Socket();
      open.add(upstream);
      upstream.on('close', () => open.delete(upstream));
      upstream.on('error', () => socket.destroy());
      upstream.connect(target, '127.0.0.1', () => {
        socket.pipe(upstream);
        upstream.pipe(socket);
      });
      socket.on('close', () => upstream.destroy());
    }),
    set(mode) {
      relay.mode = mode;
      for (const s of open) s.destroy();
    },
  };
  await new Promise<void>((resolve) => relay.server.listen(0, '127.0.0.1', resolve));
  relay.port = (relay.server.address() as AddressInfo).port;
  return relay;
}

interface Instance {
  url: string;
  store: StateStore;
  logged: string[];
  server: restify.Server;
  feedbackFile: string;
}

/** One instance of the bot, as a separate process would run it: its own clients for the shared store. */
async function startInstance(connectionString: string): Promise<Instance> {
  // Its own folder for FEEDBACK_FILE, beside which votes Blob Storage cannot take are kept.
  const feedbackFile = join(mkdtempSync(join(tmpdir(), 'instance-')), 'feedback.jsonl');
  const config = loadConfig({ STATE_STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: connectionString, STATE_CONTAINER: 'shared-state', FEEDBACK_FILE: feedbackFile });
  const logged: string[] = [];
  const store = await openStateStore(config, undefined, (line) => logged.push(line));
  const bot = new InspectionBot({
    index: await openFresh(SEED_DIR),
    conversationState: new ConversationState(store.storage),
    feedback: store.feedback,
    defaultAuthority: null,
    log: (line) => logged.push(line),
  });
  const server = createServer({ adapter: createAdapter(config, (line) => logged.push(line)), bot, health: () => ({ documents: 5, passages: 1, events: 1 }) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, store, logged, server, feedbackFile };
}

let azurite: Azurite;
let connector: Connector;
let one: Instance;
let two: Instance;

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startConnector();
  [one, two] = await Promise.all([startInstance(azurite.connectionString), startInstance(azurite.connectionString)]);
});

afterAll(async () => {
  connector?.release();
  for (const instance of [one, two]) {
    if (!instance) continue;
    await new Promise<void>((resolve) => {
      instance.server.close(() => resolve());
      instance.server.server.closeAllConnections();
    });
  }
  if (connector) await new Promise<void>((resolve) => connector.server.close(() => resolve()));
  await azurite?.stop();
});

const where = (conversationId: string, held = false): Where => ({
  conversationId, conversationType: 'personal', botId: '28:bot', botName: 'Ofsted history', serviceUrl: held ? `${connector.url}held/` : connector.url,
});

/** Posts an activity to an instance as the Bot Connector does; returns the HTTP status and body. */
async function post(instance: Instance, activity: Partial<Activity>): Promise<{ status: number; body: string }> {
  const res = await fetch(`${instance.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...activity, deliveryMode: undefined }),
  });
  return { status: res.status, body: await res.text() };
}

/** The message the bot sent in reply to an activity (not its typing indicator). */
function replyTo(activity: Partial<Activity>): { id: string; text: string } {
  const found = connector.sent.filter((s) => s.activity.type === 'message' && s.activity.replyToId === activity.id);
  expect(found).toHaveLength(1);
  return { id: found[0]!.id, text: found[0]!.activity.text ?? '' };
}

/** What the shared store remembers of a conversation. */
async function memoryOf(conversationId: string): Promise<ConversationMemory> {
  const key = `msteams/conversations/${conversationId}/`;
  const items = await one.store.storage.read([key]);
  return (items[key] as { memory: ConversationMemory }).memory;
}

/** The replies a conversation remembers, newest last, with the question and answer kept beside its memory. */
async function repliesOf(conversationId: string): Promise<RememberedReply[]> {
  const key = `msteams/conversations/${conversationId}/`;
  const ids = (await memoryOf(conversationId)).replies.map((r) => (typeof r === 'string' ? r : r.id));
  const kept = await one.store.storage.read(ids.map((id) => keptKey(key, replyName(id))));
  return ids.map((id) => ({ id, question: kept[keptKey(key, replyName(id))]?.question, answer: kept[keptKey(key, replyName(id))]?.answer }));
}

async function votesOn(time: string): Promise<FeedbackEntry[]> {
  const { ContainerClient } = await import('@azure/storage-blob');
  const blob = new ContainerClient(azurite.connectionString, 'shared-state').getBlobClient(feedbackBlobName(time));
  const text = (await blob.downloadToBuffer()).toString('utf8');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as FeedbackEntry);
}

const RETRIED = new RegExp(`memory saved by another turn since this one read it; applying this turn.s changes to the stored memory \\(attempt 2 of ${MAX_SAVE_ATTEMPTS}\\)`);

describe('two instances sharing Blob Storage', () => {
  it('answers a follow-up on one instance for the authority set with “use” on the other', async () => {
    const use = teamsMessage('use Oxfordshire', where('a:two-1'));
    expect((await post(one, use)).status).toBe(200);
    expect(replyTo(use).text).toContain('Oxfordshire');
    const question = teamsMessage('when was the last inspection?', where('a:two-1'));
    expect((await post(two, question)).status).toBe(200);
    const { text } = replyTo(question);
    expect(text).toContain('Oxfordshire');
    expect(text).toContain('February 2024');
    expect((await memoryOf('a:two-1')).authority).toBe('Oxfordshire');
  });

  it('keeps both turns when the other instance saves between a turn’s read and its save (an eTag conflict)', async () => {
    const opening = teamsMessage('use Worcestershire', where('a:two-2'));
    await post(two, opening);
    const before = one.logged.length;
    // Instance one reads the memory, then waits at the connector with its reply; instance two answers and saves.
    const held = teamsMessage('When was the last monitoring visit?', where('a:two-2', true));
    const arrived = connector.hold();
    const first = post(one, held);
    await arrived;
    const meanwhile = teamsMessage('who led the seventh monitoring visit?', where('a:two-2'));
    await post(two, meanwhile);
    connector.release();
    expect((await first).status).toBe(200);

    expect(one.logged.slice(before)).toEqual([expect.stringMatching(RETRIED)]);
    expect(replyTo(held).text).toContain('8 and 9 January 2019');
    expect(replyTo(meanwhile).text).toContain('Andy Waugh');
    const memory = await memoryOf('a:two-2');
    // "use" replies are not voted on, so not remembered; the turn saved second comes last.
    expect(memory.replies).toEqual([replyTo(meanwhile).id, replyTo(held).id]);
    expect(memory.authority).toBe('Worcestershire');
  });

  it('keeps both first turns of a new conversation started on both instances at once', async () => {
    const before = one.logged.length;
    const held = teamsMessage('When was the last monitoring visit to Worcestershire?', where('a:two-3', true));
    const arrived = connector.hold();
    const first = post(one, held);
    await arrived;
    const meanwhile = teamsMessage('What was Oxfordshire judged at its last inspection?', where('a:two-3'));
    await post(two, meanwhile);
    connector.release();
    await first;

    expect(one.logged.slice(before)).toEqual([expect.stringMatching(RETRIED)]);
    expect((await repliesOf('a:two-3')).map((r) => r.question)).toEqual([
      'What was Oxfordshire judged at its last inspection?', 'When was the last monitoring visit to Worcestershire?',
    ]);
  });

  it('answers an activity delivered to both instances at once a single time, in a new conversation and a known one', async () => {
    for (const conversation of ['a:two-once-new', 'a:two-once-known']) {
      if (conversation.endsWith('known')) await post(one, teamsMessage('use Worcestershire', where(conversation)));
      const question = teamsMessage('When was the last monitoring visit to Worcestershire?', where(conversation));
      const results = await Promise.all([post(one, question), post(two, question)]);
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      const replies = connector.sent.filter((s) => s.activity.type === 'message' && s.activity.replyToId === question.id);
      expect(replies).toHaveLength(1);
      expect(replies[0]!.activity.text).toContain('8 and 9 January 2019');
      expect([...one.logged, ...two.logged].join('\n')).toContain(`${question.id!}: delivered again`);
      expect((await memoryOf(conversation)).answered).toContain(question.id);
    }
  });

  it('remembers every reply and records every vote when both instances take turns in one conversation at once', async () => {
    // As many turns at once as a save has attempts: each conflict means another of them saved, so all are kept.
    const questions = [
      'When was the last monitoring visit to Worcestershire?', 'What was Oxfordshire judged at its last inspection?',
      'who led the seventh monitoring visit to Worcestershire?', 'When was the last inspection of Barking and Dagenham?',
    ].slice(0, MAX_SAVE_ATTEMPTS).map((q) => teamsMessage(q, where('a:two-4')));
    const asked = await Promise.all(questions.map((q, i) => post(i % 2 ? two : one, q)));
    expect(asked.map((a) => a.status)).toEqual(questions.map(() => 200));
    const replies = questions.map(replyTo);
    expect((await repliesOf('a:two-4')).map((r) => r.id).sort()).toEqual(replies.map((r) => r.id).sort());

    // Votes on every reply, on both instances, while two more questions arrive.
    const votes = replies.map((r, i) => teamsFeedback(r.id, i % 2 ? 'dislike' : 'like', `vote ${i + 1}`, where('a:two-4')));
    const more = ['who led it?', 'what about Oxfordshire?'].map((q) => teamsMessage(q, where('a:two-4')));
    const started = new Date().toISOString();
    const results = await Promise.all([...votes.map((v, i) => post(i % 2 ? one : two, v)), ...more.map((m, i) => post(i % 2 ? one : two, m))]);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    expect([...one.logged, ...two.logged].filter((l) => /could not/.test(l))).toEqual([]);

    const recorded = (await votesOn(started)).filter((v) => v.conversationId === 'a:two-4');
    expect(recorded.map((v) => v.comment).sort()).toEqual(votes.map((_v, i) => `vote ${i + 1}`).sort());
    for (const [i, reply] of replies.entries()) {
      const vote = recorded.find((v) => v.replyId === reply.id);
      expect(vote).toEqual(expect.objectContaining({ reaction: i % 2 ? 'dislike' : 'like', question: questions[i]!.text, answer: expect.any(String) }));
    }
    const remembered = await repliesOf('a:two-4');
    expect(remembered.map((r) => r.id).sort()).toEqual([...replies, ...more.map(replyTo)].map((r) => r.id).sort());
    expect(remembered.every((r) => typeof r.question === 'string' && typeof r.answer === 'string')).toBe(true);
  });

  describe('with the store out of reach', () => {
    let azuriteRelay: Relay;
    let three: Instance;
    beforeAll(async () => {
      azuriteRelay = await startRelay(azurite.port);
      three = await startInstance(azurite.connectionString.replace(`127.0.0.1:${azurite.port}/`, `127.0.0.1:${azuriteRelay.port}/`));
    });
    afterAll(async () => {
      (three?.store.feedback as BlobFeedbackLog | undefined)?.close();
      azuriteRelay?.set('down');
      if (three) {
        await new Promise<void>((resolve) => {
          three.server.close(() => resolve());
          three.server.server.closeAllConnections();
        });
      }
      if (azuriteRelay) await new Promise<void>((resolve) => azuriteRelay.server.close(() => resolve()));
    });

    /** Asks instance three, and returns the texts it sent in reply. */
    const ask = async (text: string): Promise<string[]> => {
      const message = teamsMessage(text, where('a:outage'));
      expect((await post(three, message)).status).toBe(200);
      return connector.sent.filter((s) => s.activity.replyToId === message.id).map((s) => s.activity.text ?? '');
    };

    it('answers without memory while the store is down or paused, never confirms what it did not keep, keeps votes, and takes up again', async () => {
      expect((await ask('use Oxfordshire')).join('\n')).toContain('OK: I will answer about Oxfordshire');

      azuriteRelay.set('down');
      const answered = await ask('When was the last monitoring visit to Worcestershire?');
      expect(answered[0]).toBe(MEMORY_UNAVAILABLE_NOTICE);
      expect(answered.join('\n')).toContain('8 and 9 January 2019');
      const use = (await ask('use Worcestershire')).join('\n');
      expect(use).toMatch(/could not keep that setting/);
      expect(use).not.toContain('OK: I will');
      const vote = teamsFeedback('reply-during-outage', 'like', 'kept while the store was down', where('a:outage'));
      expect((await post(three, vote)).status).toBe(200);
      const spool = join(three.feedbackFile, '..', FEEDBACK_SPOOL_NAME);
      expect(readFileSync(spool, 'utf8')).toContain('kept while the store was down');

      azuriteRelay.set('paused');
      const started = Date.now();
      const paused = (await ask('When was the last monitoring visit to Worcestershire?')).join('\n');
      expect(Date.now() - started).toBeLessThan(STORAGE_TURN_BUDGET_MS + 3_000);
      expect(paused).toContain('8 and 9 January 2019');

      azuriteRelay.set('up');
      const after = (await ask('when was the last inspection?')).join('\n');
      expect(after).toContain('February 2024');
      expect(after).not.toContain(MEMORY_UNAVAILABLE_NOTICE);
      await (three.store.feedback as BlobFeedbackLog).drain();
      expect(existsSync(spool)).toBe(false);
      const votes = await votesOn(new Date().toISOString());
      expect(votes.filter((v) => v.comment === 'kept while the store was down')).toHaveLength(1);
    }, 60_000);
  });
});
