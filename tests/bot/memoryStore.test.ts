import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Activity, ActivityTypes, ConversationState, type Storage, type StoreItems, TestAdapter, TurnContext } from 'botbuilder';
import { FeedbackLog } from '../../src/bot/FeedbackLog';
import { type ConversationMemory, InspectionBot, REMEMBERED_REPLIES, replyName } from '../../src/bot/InspectionBot';
import { keptKey, MAX_SAVE_ATTEMPTS, MemoryStore, STORAGE_CALL_DEADLINE_MS, STORAGE_TURN_BUDGET_MS } from '../../src/bot/memoryStore';
import { CreateOnlyMemoryStorage } from '../../src/bot/stateStorage';
import { openFresh, SEED_DIR } from '../helpers';

interface Notes {
  authority: string | null;
  replies: string[];
}

const CONVERSATION = { id: 'a:memory-1', isGroup: false, conversationType: 'personal', name: '' };
/** ConversationState's key for the test conversation. */
const KEY = `msteams/conversations/${CONVERSATION.id}/`;

/** A turn's context in the test conversation, as one instance of the bot would have it. */
function turn(text: string): TurnContext {
  const adapter = new TestAdapter(async () => undefined, { channelId: 'msteams', conversation: CONVERSATION });
  return new TurnContext(adapter, { type: ActivityTypes.Message, text, channelId: 'msteams', conversation: CONVERSATION, id: text } as Partial<Activity>);
}

function store(storage: Storage, logged: string[] = []): MemoryStore<Notes> {
  return new MemoryStore<Notes>({
    conversationState: new ConversationState(storage), property: 'memory', initial: () => ({ authority: null, replies: [] }), log: (l) => logged.push(l),
  });
}

const reply = (id: string) => (m: Notes): void => {
  m.replies.push(id);
};

/** A Storage whose writes always fail with this error after reading as usual. */
class FailingStorage extends CreateOnlyMemoryStorage {
  constructor(private readonly error: (key: string) => Error) {
    super();
  }

  override write(changes: StoreItems): Promise<void> {
    return Promise.reject(this.error(Object.keys(changes)[0]!));
  }
}

/** A turn in the test conversation whose read hangs. */
function turnHung(): TurnContext {
  const context = turn('hung again');
  return context;
}

/** A Storage whose every call takes `ms`, and whose writes conflict when `conflict`. */
class SlowStorage extends CreateOnlyMemoryStorage {
  writes = 0;

  constructor(private readonly ms: number, private readonly conflict: boolean) {
    super();
  }

  private later<R>(value: () => Promise<R>): Promise<R> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.ms);
      timer.unref();
    }).then(value);
  }

  override read(keys: string[]): Promise<StoreItems> {
    return this.later(() => super.read(keys));
  }

  override write(changes: StoreItems): Promise<void> {
    this.writes++;
    return this.later(() => (this.conflict ? Promise.reject(new Error(`Storage: error writing "${Object.keys(changes)[0]!}" due to eTag conflict.`)) : super.write(changes)));
  }
}

describe('memoryStore', () => {
  describe('MemoryStore', () => {
    it('re-applies a turn’s changes to the stored memory when another turn saved after it read', async () => {
      const storage = new CreateOnlyMemoryStorage();
      const logged: string[] = [];
      const memory = store(storage, logged);
      const [a, b] = [turn('first'), turn('second')];
      expect(await memory.recall(a)).toEqual({ authority: null, replies: [] });
      expect(await memory.recall(b)).toEqual({ authority: null, replies: [] });
      await memory.change(a, (m) => {
        m.authority = 'Oxfordshire';
      });
      await memory.change(a, reply('reply-1'));
      await memory.change(b, reply('reply-2'));
      expect(await memory.recall(b)).toEqual({ authority: null, replies: ['reply-2'] });

      expect(await memory.save(a)).toEqual({ attempts: 1, saved: true });
      expect(await memory.save(b)).toEqual({ attempts: 2, saved: true });
      expect((await storage.read([KEY]))[KEY]!.memory).toEqual({ authority: 'Oxfordshire', replies: ['reply-1', 'reply-2'] });
      expect(logged).toEqual([expect.stringMatching(new RegExp(`^conversation a:memory-1: memory saved by another turn since this one read it; .*\\(attempt 2 of ${MAX_SAVE_ATTEMPTS}\\)$`))]);
    });

    it('writes nothing for a turn that changed nothing', async () => {
      const storage = new CreateOnlyMemoryStorage();
      const memory = store(storage);
      const context = turn('help');
      await memory.recall(context);
      expect(await memory.save(context)).toEqual({ attempts: 0, saved: false });
      expect(await storage.read([KEY])).toEqual({});
    });

    it(`gives up after ${MAX_SAVE_ATTEMPTS} conflicting writes, saying so, without throwing`, async () => {
      const logged: string[] = [];
      const memory = store(new FailingStorage((key) => new Error(`Storage: error writing "${key}" due to eTag conflict.`)), logged);
      const context = turn('use Oxfordshire');
      await memory.change(context, reply('reply-1'));
      expect(await memory.save(context)).toEqual({ attempts: MAX_SAVE_ATTEMPTS, saved: false });
      expect(logged).toHaveLength(MAX_SAVE_ATTEMPTS);
      expect(logged.at(-1)).toBe(`conversation a:memory-1: could not save its memory after ${MAX_SAVE_ATTEMPTS} attempts, each time saved first ` +
        'by another turn; the reply was sent, but this turn will not be remembered');
    });

    it('writes items kept beside the memory with it, and deletes those a saved change dropped', async () => {
      const storage = new CreateOnlyMemoryStorage();
      const memory = store(storage);
      const first = turn('first');
      memory.keep(first, 'notes/1', { text: 'one' });
      await memory.change(first, reply('1'));
      expect(await memory.save(first)).toEqual({ attempts: 1, saved: true });
      expect(await memory.kept(turn('later'), 'notes/1')).toEqual(expect.objectContaining({ text: 'one' }));

      const second = turn('second');
      memory.keep(second, 'notes/2', { text: 'two' });
      await memory.change(second, (m) => {
        m.replies = ['2'];
        return ['notes/1'];
      });
      expect(await memory.save(second)).toEqual({ attempts: 1, saved: true });
      expect(await memory.kept(turn('later'), 'notes/1')).toBeUndefined();
      expect(await memory.kept(turn('later'), 'notes/2')).toEqual(expect.objectContaining({ text: 'two' }));
      expect(storage.keys().sort()).toEqual([KEY, keptKey(KEY, 'notes/2')]);
    });

    it('writes an item kept in a turn that changed nothing else', async () => {
      const storage = new CreateOnlyMemoryStorage();
      const memory = store(storage);
      const context = turn('note');
      memory.keep(context, 'notes/only', { text: 'alone' });
      expect(await memory.save(context)).toEqual({ attempts: 1, saved: true });
      expect(await memory.kept(turn('later'), 'notes/only')).toEqual(expect.objectContaining({ text: 'alone' }));
    });

    it('deletes what a change drops when applied again after a conflict, not what it dropped the first time', async () => {
      const storage = new CreateOnlyMemoryStorage();
      const memory = store(storage);
      const setup = turn('setup');
      for (const id of ['a', 'b']) memory.keep(setup, `notes/${id}`, { id });
      await memory.change(setup, (m) => {
        m.replies = ['a', 'b'];
      });
      await memory.save(setup);
      const [x, y] = [turn('x'), turn('y')];
      const dropOldest = (m: Notes): string[] => m.replies.splice(0, 1).map((id) => `notes/${id}`);
      await memory.change(x, dropOldest);
      await memory.change(y, dropOldest);
      expect(await memory.save(x)).toEqual({ attempts: 1, saved: true });
      // y read ['a', 'b'] and dropped a; applied again to ['b'], it drops b.
      expect(await memory.save(y)).toEqual({ attempts: 2, saved: true });
      expect((await storage.read([KEY]))[KEY]!.memory).toEqual({ authority: null, replies: [] });
      expect(await memory.kept(turn('later'), 'notes/a')).toBeUndefined();
      expect(await memory.kept(turn('later'), 'notes/b')).toBeUndefined();
    });

    it('logs a storage failure once, without retrying or throwing', async () => {
      const logged: string[] = [];
      const memory = store(new FailingStorage(() => new Error('connect ECONNREFUSED 127.0.0.1:10000')), logged);
      const context = turn('use Oxfordshire');
      await memory.change(context, reply('reply-1'));
      expect(await memory.save(context)).toEqual({ attempts: 1, saved: false });
      expect(logged).toEqual(['conversation a:memory-1: could not save its memory, so this turn will not be remembered: connect ECONNREFUSED 127.0.0.1:10000']);
    });
  });

  describe('MemoryStore deadlines', () => {
    it('leaves the turn within its storage budget when every write conflicts slowly', async () => {
      const storage = new SlowStorage(60, true);
      const logged: string[] = [];
      const memory = new MemoryStore<Notes>({
        conversationState: new ConversationState(storage), property: 'memory', initial: () => ({ authority: null, replies: [] }), log: (l) => logged.push(l),
        maxAttempts: 100, callDeadlineMs: 100, turnBudgetMs: 250,
      });
      const context = turn('slow');
      await memory.change(context, reply('reply-1'));
      const started = Date.now();
      expect((await memory.save(context)).saved).toBe(false);
      expect(Date.now() - started).toBeLessThan(400);
      expect(logged.at(-1)).toMatch(/could not read its memory again.*the turn's 250 ms for storage were spent|took longer than/);
    });

    it('goes on with a new memory, not saved, when a read hangs past its deadline', async () => {
      const storage = new SlowStorage(1_000_000, false);
      const logged: string[] = [];
      const memory = new MemoryStore<Notes>({
        conversationState: new ConversationState(storage), property: 'memory', initial: () => ({ authority: null, replies: [] }), log: (l) => logged.push(l), callDeadlineMs: 50,
      });
      const context = turn('hung');
      expect(await memory.recall(context)).toEqual({ authority: null, replies: [] });
      expect(memory.readable(context)).toBe(false);
      expect(memory.tellUnreadable(context)).toBe(true);
      // Told once: not on the next turn that cannot read it either.
      const again = turnHung();
      await memory.recall(again);
      expect(memory.readable(again)).toBe(false);
      expect(memory.tellUnreadable(again)).toBe(false);
      await memory.change(context, reply('reply-1'));
      expect(await memory.save(context)).toEqual({ attempts: 0, saved: false });
      expect(storage.writes).toBe(0);
      expect(logged[0]).toMatch(/cannot read its memory, so this turn is answered without it and not remembered: Storage: reading the memory took longer than 50 ms/);
    });

    it(`keeps a turn's storage calls inside Teams' 15 s by default (${STORAGE_TURN_BUDGET_MS} ms, ${STORAGE_CALL_DEADLINE_MS} ms a call)`, () => {
      expect(STORAGE_TURN_BUDGET_MS).toBeLessThanOrEqual(8_000);
      expect(STORAGE_CALL_DEADLINE_MS).toBeLessThan(STORAGE_TURN_BUDGET_MS);
    });
  });

  describe('InspectionBot', () => {
    it('still answers, without an apology, when the conversation memory cannot be saved', async () => {
      const logged: string[] = [];
      const bot = new InspectionBot({
        index: await openFresh(SEED_DIR),
        conversationState: new ConversationState(new FailingStorage(() => new Error('Blob Storage answered 503 ServerBusy'))),
        feedback: new FeedbackLog('/nonexistent/feedback.jsonl'),
        defaultAuthority: null,
        log: (l) => logged.push(l),
      });
      const adapter = new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams' });
      await adapter.processActivity({ type: ActivityTypes.Message, text: 'When was the last monitoring visit to Worcestershire?' });
      const sent = adapter.activeQueue.splice(0).filter((a) => a.type === ActivityTypes.Message);
      expect(sent.map((a) => a.text)).toEqual([expect.stringContaining('8 and 9 January 2019')]);
      expect(logged).toEqual([
        expect.stringMatching(/could not claim this turn before answering it \(Blob Storage answered 503 ServerBusy\); answering it/),
        expect.stringMatching(/could not save its memory, so this turn will not be remembered: Blob Storage answered 503 ServerBusy$/),
      ]);
    });

    it('keeps the memory shape a conversation stored before', async () => {
      const storage = new CreateOnlyMemoryStorage();
      const stored: ConversationMemory = { authority: 'Oxfordshire', previous: null, replies: [{ id: 'reply-0', question: 'q', answer: 'a' }] };
      await storage.write({ 'msteams/conversations/convo1/': { memory: stored } });
      const feedbackFile = join(mkdtempSync(join(tmpdir(), 'votes-')), 'feedback.jsonl');
      const bot = new InspectionBot({
        index: await openFresh(SEED_DIR), conversationState: new ConversationState(storage), feedback: new FeedbackLog(feedbackFile), defaultAuthority: null, log: () => undefined,
      });
      const adapter = new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams', conversation: { id: 'convo1', isGroup: false, conversationType: 'personal', name: '' } });
      await adapter.processActivity({ type: ActivityTypes.Message, text: 'when was the last inspection?' });
      const reply = adapter.activeQueue.splice(0).find((a) => a.type === ActivityTypes.Message)!;
      expect(reply.text).toContain('February 2024');
      const memory = (await storage.read(['msteams/conversations/convo1/']))['msteams/conversations/convo1/']!.memory as ConversationMemory;
      expect(memory.authority).toBe('Oxfordshire');
      expect(memory.replies).toEqual([{ id: 'reply-0', question: 'q', answer: 'a' }, reply.id]);

      // A vote on the reply stored the old way is recorded with its question and answer.
      await adapter.processActivity({ type: ActivityTypes.Invoke, name: 'message/submitAction', replyToId: 'reply-0', value: { actionName: 'feedback', actionValue: { reaction: 'like' } } });
      const [line] = readFileSync(feedbackFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(line).toEqual(expect.objectContaining({ replyId: 'reply-0', question: 'q', answer: 'a' }));
    });

    it(`remembers the last ${REMEMBERED_REPLIES} replies for votes, keeping their answers out of the memory read every turn`, async () => {
      const storage = new CreateOnlyMemoryStorage();
      const feedbackFile = join(mkdtempSync(join(tmpdir(), 'votes-')), 'feedback.jsonl');
      const bot = new InspectionBot({
        index: await openFresh(SEED_DIR), conversationState: new ConversationState(storage), feedback: new FeedbackLog(feedbackFile), defaultAuthority: null, log: () => undefined,
      });
      const adapter = new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams', conversation: CONVERSATION });
      const ids: string[] = [];
      for (let i = 0; i <= REMEMBERED_REPLIES; i++) {
        await adapter.processActivity({ type: ActivityTypes.Message, text: i % 2 ? 'What areas for improvement did Ofsted identify for Oxfordshire?' : `When was the last monitoring visit to Worcestershire? (${i})` });
        ids.push(adapter.activeQueue.splice(0).find((a) => a.type === ActivityTypes.Message)!.id!);
      }
      const stored = (await storage.read([KEY]))[KEY]!;
      expect((stored.memory as ConversationMemory).replies).toEqual(ids.slice(1));
      // Ids and the last question's reading only: the answers are kept beside it.
      expect(JSON.stringify(stored).length).toBeLessThan(2_000);
      expect((await storage.read([keptKey(KEY, replyName(ids[0]!))]))).toEqual({});

      for (const id of [ids[0]!, ids.at(-1)!]) {
        await adapter.processActivity({ type: ActivityTypes.Invoke, name: 'message/submitAction', replyToId: id, value: { actionName: 'feedback', actionValue: { reaction: 'like' } } });
      }
      const lines = readFileSync(feedbackFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toEqual([
        expect.objectContaining({ replyId: ids[0], question: null, answer: null }),
        expect.objectContaining({ replyId: ids.at(-1), question: `When was the last monitoring visit to Worcestershire? (${REMEMBERED_REPLIES})`, answer: expect.stringContaining('8 and 9 January 2019') }),
      ]);
    });
  });
});
