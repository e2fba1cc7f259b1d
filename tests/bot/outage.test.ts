import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Activity, ActivityTypes, ConversationState, type Storage, type StoreItems, TestAdapter } from 'botbuilder';
import { FeedbackLog } from '../../src/bot/FeedbackLog';
import { FEEDBACK_RECORD_WAIT_MS, InspectionBot, MAX_FEEDBACK_COMMENT_CHARS, MEMORY_UNAVAILABLE_NOTICE } from '../../src/bot/InspectionBot';
import { STORAGE_CALL_DEADLINE_MS } from '../../src/bot/memoryStore';
import { CreateOnlyMemoryStorage } from '../../src/bot/stateStorage';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { openFresh, SEED_DIR } from '../helpers';

/** Teams waits this long for a turn's reply, in ms. */
const TEAMS_TURN_MS = 15_000;

/** A Storage that works, fails every call, or never answers, as the test says. */
class OutageStorage implements Storage {
  mode: 'up' | 'down' | 'hung' = 'up';
  readonly inner = new CreateOnlyMemoryStorage();

  private call<R>(work: () => Promise<R>): Promise<R> {
    if (this.mode === 'down') return Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:10000'), { code: 'ECONNREFUSED' }));
    if (this.mode === 'hung') return new Promise<R>(() => undefined);
    return work();
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.call(() => this.inner.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.call(() => this.inner.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.call(() => this.inner.delete(keys));
  }
}

let index: CorpusIndex;
beforeAll(async () => {
  index = await openFresh(SEED_DIR);
});

function harness(storage: Storage) {
  const feedbackFile = join(mkdtempSync(join(tmpdir(), 'outage-')), 'feedback.jsonl');
  const logged: string[] = [];
  const bot = new InspectionBot({
    index, conversationState: new ConversationState(storage), feedback: new FeedbackLog(feedbackFile), defaultAuthority: null, log: (l) => logged.push(l),
  });
  const adapter = new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams' });
  const turn = async (input: string | Partial<Activity>): Promise<Partial<Activity>[]> => {
    const activity = typeof input === 'string' ? { type: ActivityTypes.Message, text: input } : input;
    await adapter.processActivity({ id: randomUUID(), ...activity });
    return adapter.activeQueue.splice(0);
  };
  const texts = async (input: string | Partial<Activity>): Promise<string[]> =>
    (await turn(input)).filter((a) => a.type === ActivityTypes.Message).map((a) => a.text ?? '');
  return { bot, adapter, feedbackFile, logged, turn, texts };
}

describe('InspectionBot under a storage outage', () => {
  it('answers without memory, says so once, never confirms a setting it did not keep, and takes up again after', async () => {
    const storage = new OutageStorage();
    const { texts } = harness(storage);
    expect((await texts('use Oxfordshire')).join('\n')).toContain('OK: I will answer about Oxfordshire');

    storage.mode = 'down';
    const first = await texts('When was the last monitoring visit to Worcestershire?');
    expect(first[0]).toBe(MEMORY_UNAVAILABLE_NOTICE);
    expect(first.slice(1).join('\n')).toContain('8 and 9 January 2019');
    expect(first.join('\n')).not.toMatch(/sorry|went wrong/i);
    // Said once: not again on the next turns of the outage.
    const use = await texts('use Worcestershire');
    expect(use.join('\n')).not.toContain('OK');
    expect(use.join('\n')).toMatch(/could not keep that setting/);
    expect(use).not.toContain(MEMORY_UNAVAILABLE_NOTICE);
    expect((await texts('who led it?')).join('\n')).not.toContain(MEMORY_UNAVAILABLE_NOTICE);

    // Back: the conversation's authority is the one it kept, Oxfordshire, not one set during the outage.
    storage.mode = 'up';
    const after = (await texts('when was the last inspection?')).join('\n');
    expect(after).toContain('February 2024');
    expect(after).not.toContain(MEMORY_UNAVAILABLE_NOTICE);
  });

  it('does not confirm a setting when only the save fails', async () => {
    const storage = new OutageStorage();
    const { texts } = harness(storage);
    await texts('hello');
    const write = storage.write.bind(storage);
    storage.write = () => Promise.reject(new Error('Blob Storage answered 503 ServerBusy'));
    const use = (await texts('use Oxfordshire')).join('\n');
    expect(use).toMatch(/could not keep that setting/);
    expect(use).not.toContain('OK: I will');
    const forget = (await texts('forget')).join('\n');
    expect(forget).not.toContain('Done');
    storage.write = write;
    expect((await texts('use Oxfordshire')).join('\n')).toContain('OK: I will answer about Oxfordshire');
  });

  it(`ends a turn inside Teams' ${TEAMS_TURN_MS / 1000} s when the store never answers`, async () => {
    const storage = new OutageStorage();
    const { texts, logged } = harness(storage);
    await texts('use Oxfordshire');
    storage.mode = 'hung';
    for (const text of ['use Worcestershire', 'When was the last monitoring visit to Worcestershire?']) {
      const started = Date.now();
      const sent = (await texts(text)).join('\n');
      const took = Date.now() - started;
      expect(took).toBeLessThan(TEAMS_TURN_MS / 2);
      expect(took).toBeGreaterThanOrEqual(STORAGE_CALL_DEADLINE_MS - 50);
      expect(sent).not.toContain('OK: I will');
    }
    expect(logged.join('\n')).toContain(`took longer than ${STORAGE_CALL_DEADLINE_MS} ms`);
    storage.mode = 'up';
    expect((await texts('when was the last inspection?')).join('\n')).toContain('February 2024');
  }, 20_000);
});

describe('InspectionBot given an activity again', () => {
  it('answers a message delivered twice once, also by another instance sharing the storage', async () => {
    const storage = new CreateOnlyMemoryStorage();
    const one = harness(storage);
    const two = harness(storage);
    const message = { type: ActivityTypes.Message, id: 'activity-1', text: 'When was the last monitoring visit to Worcestershire?' };
    expect((await one.texts(message)).join('\n')).toContain('8 and 9 January 2019');
    expect(await one.texts(message)).toEqual([]);
    expect(await two.texts(message)).toEqual([]);
    expect(one.logged.join('\n')).toContain('activity-1: delivered again');
    // A new id is a new question.
    expect((await two.texts({ ...message, id: 'activity-2' })).join('\n')).toContain('8 and 9 January 2019');
  });

  it('answers the same message delivered again while the first is still being answered once', async () => {
    const { adapter } = harness(new CreateOnlyMemoryStorage());
    const message = { type: ActivityTypes.Message, id: 'activity-3', text: 'When was the last monitoring visit to Worcestershire?' };
    await Promise.all([adapter.processActivity(message), adapter.processActivity(message)]);
    expect(adapter.activeQueue.splice(0).filter((a) => a.type === ActivityTypes.Message)).toHaveLength(1);
  });

  it('answers a message given to two instances sharing the storage at the same moment once', async () => {
    const storage = new CreateOnlyMemoryStorage();
    const one = harness(storage);
    const two = harness(storage);
    for (const conversation of ['new conversation', 'conversation with a memory']) {
      const where = { conversation: { id: conversation } } as Partial<Activity>;
      if (conversation.includes('memory')) await one.texts({ ...where, text: 'use Worcestershire' });
      const message = { ...where, type: ActivityTypes.Message, id: `both-${conversation}`, text: 'When was the last monitoring visit to Worcestershire?' };
      // Both read the memory before either has answered, as two instances do when Teams delivers the activity again.
      const [first, second] = await Promise.all([one.texts(message), two.texts(message)]);
      expect([...first, ...second].filter((t) => t.includes('8 and 9 January 2019'))).toHaveLength(1);
      expect([...one.logged, ...two.logged].join('\n')).toContain(`${message.id}: delivered again`);
    }
  });

  it('answers a message delivered again while the store is down, as it cannot tell, and claims it once the store is back', async () => {
    const storage = new OutageStorage();
    const { texts, logged } = harness(storage);
    const message = { type: ActivityTypes.Message, id: 'while-down', text: 'When was the last monitoring visit to Worcestershire?' };
    storage.mode = 'down';
    expect((await texts(message)).join('\n')).toContain('8 and 9 January 2019');
    expect((await texts(message)).join('\n')).toContain('8 and 9 January 2019');
    storage.mode = 'up';
    expect((await texts(message)).join('\n')).toContain('8 and 9 January 2019');
    expect(await texts(message)).toEqual([]);
    expect(logged.join('\n')).toContain('while-down: delivered again');
  });

  it('records a vote delivered twice once', async () => {
    const { turn, feedbackFile } = harness(new CreateOnlyMemoryStorage());
    const vote = { type: ActivityTypes.Invoke, id: 'vote-1', name: 'message/submitAction', replyToId: 'r1', value: { actionName: 'feedback', actionValue: { reaction: 'like' } } };
    for (let i = 0; i < 2; i++) {
      const sent = await turn(vote);
      expect(sent.find((a) => a.type === ActivityTypes.InvokeResponse)?.value).toEqual(expect.objectContaining({ status: 200 }));
    }
    expect(readFileSync(feedbackFile, 'utf8').trim().split('\n')).toHaveLength(1);
  });
});

describe('InspectionBot votes', () => {
  it(`answers a vote after at most ${FEEDBACK_RECORD_WAIT_MS} ms when storing it takes longer`, async () => {
    const logged: string[] = [];
    let stored = 0;
    const bot = new InspectionBot({
      index, conversationState: new ConversationState(new CreateOnlyMemoryStorage()), defaultAuthority: null, log: (l) => logged.push(l),
      feedback: { record: () => new Promise<void>((resolve) => setTimeout(() => { stored++; resolve(); }, FEEDBACK_RECORD_WAIT_MS + 1_000)) },
    });
    const adapter = new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams' });
    const started = Date.now();
    await adapter.processActivity({ type: ActivityTypes.Invoke, id: 'slow-vote', name: 'message/submitAction', value: { actionName: 'feedback', actionValue: { reaction: 'like' } } });
    expect(Date.now() - started).toBeLessThan(FEEDBACK_RECORD_WAIT_MS + 500);
    expect(adapter.activeQueue.find((a) => a.type === ActivityTypes.InvokeResponse)?.value).toEqual(expect.objectContaining({ status: 200 }));
    expect(logged.join('\n')).toContain('still being written');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(stored).toBe(1);
  }, 10_000);

  it(`keeps at most ${MAX_FEEDBACK_COMMENT_CHARS} characters of a comment, however it is sent`, async () => {
    const { turn, feedbackFile } = harness(new CreateOnlyMemoryStorage());
    const long = 'The dates were right but the lead inspector was not named. '.repeat(2_000);
    for (const feedback of [JSON.stringify({ feedbackText: long }), long, `{"feedbackText":"${'\\u0041'.repeat(1_000_000)}"}`]) {
      await turn({ type: ActivityTypes.Invoke, name: 'message/submitAction', value: { actionName: 'feedback', actionValue: { reaction: 'dislike', feedback } } });
    }
    const comments = readFileSync(feedbackFile, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { comment: string }).comment);
    expect(comments).toHaveLength(3);
    for (const comment of comments) {
      expect(comment.length).toBeLessThanOrEqual(MAX_FEEDBACK_COMMENT_CHARS);
      expect(comment.length).toBeGreaterThan(MAX_FEEDBACK_COMMENT_CHARS / 2);
    }
    expect(comments[0]).toMatch(/^The dates were right/);
  });
});
