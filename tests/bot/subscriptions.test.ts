import type { Activity, Storage, StoreItems } from 'botbuilder';
import { STORAGE_CALL_DEADLINE_MS, StorageDeadlineError } from '../../src/bot/memoryStore';
import { subscriptionReply, type SubscriptionCommand } from '../../src/bot/subscriptionCommands';
import { CreateOnlyMemoryStorage } from '../../src/bot/stateStorage';
import { conversationKey, referenceOf, SUBSCRIPTIONS_KEY, SubscriptionStore } from '../../src/bot/subscriptions';
import { teamsMessage, type Where } from '../../src/cli/teamsActivities';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { openFresh, SEED_DIR } from '../helpers';

const where = (conversationId: string, conversationType: Where['conversationType'] = 'personal'): Where => ({
  conversationId, conversationType, botId: '28:bot', botName: 'Ofsted history', serviceUrl: 'https://smba.trafficmanager.net/uk/',
});
/** A Storage whose calls never end, or whose writes always find another writer was first (after `writeMs`). */
class StuckStorage implements Storage {
  constructor(private readonly mode: 'hung' | 'conflicts', private readonly writeMs = 0) {}
  readonly inner = new CreateOnlyMemoryStorage();
  read(keys: string[]): Promise<StoreItems> {
    return this.mode === 'hung' ? new Promise<StoreItems>(() => undefined) : this.inner.read(keys);
  }
  write(changes: StoreItems): Promise<void> {
    if (this.mode === 'hung') return new Promise<void>(() => undefined);
    const key = Object.keys(changes)[0]!;
    return new Promise((_, reject) => setTimeout(() => reject(new Error(`Storage: error writing "${key}" due to eTag conflict.`)), this.writeMs));
  }
  delete(): Promise<void> {
    return new Promise<void>(() => undefined);
  }
}

const inChat = (id: string, type: Where['conversationType'] = 'personal'): Partial<Activity> => teamsMessage('hi', where(id, type));

describe('subscriptions', () => {
  describe('conversationKey and referenceOf', () => {
    it('keeps a channel subscription as the channel, whichever thread it was asked in', () => {
      const one = inChat('19:local-channel@thread.tacv2;messageid=111', 'channel');
      const other = inChat('19:local-channel@thread.tacv2;messageid=222', 'channel');
      expect(conversationKey(one)).toBe('msteams|19:local-channel@thread.tacv2');
      expect(conversationKey(other)).toBe(conversationKey(one));
      const reference = referenceOf(one);
      expect(reference.conversation?.id).toBe('19:local-channel@thread.tacv2');
      expect(reference.activityId).toBeUndefined();
      expect(reference.serviceUrl).toBe('https://smba.trafficmanager.net/uk/');
      expect(reference.conversation?.tenantId).toBe('00000000-0000-4000-8000-00000000000a');
      // The user by id alone: the name is not kept.
      expect(reference.user).toEqual({ id: '29:1-local-user', name: '' });
    });

    it('keeps a personal or group chat as its conversation', () => {
      expect(conversationKey(inChat('a:1'))).toBe('msteams|a:1');
      expect(conversationKey(inChat('19:group@thread.v2', 'groupChat'))).toBe('msteams|19:group@thread.v2');
    });
  });

  describe('SubscriptionStore', () => {
    it('subscribes, lists and unsubscribes a conversation, once each', async () => {
      const store = new SubscriptionStore(new CreateOnlyMemoryStorage());
      const chat = inChat('a:1');
      expect(await store.subscribe(chat, 'Worcestershire')).toBe(true);
      expect(await store.subscribe(chat, 'Worcestershire')).toBe(false);
      expect(await store.subscribe(chat, 'Oxfordshire')).toBe(true);
      expect(await store.authoritiesOf(chat)).toEqual(['Worcestershire', 'Oxfordshire']);
      expect(await store.unsubscribe(chat, 'Worcestershire')).toBe(true);
      expect(await store.unsubscribe(chat, 'Worcestershire')).toBe(false);
      expect((await store.subscribers()).map((s) => [s.key, s.authorities])).toEqual([['msteams|a:1', ['Oxfordshire']]]);
    });

    it('keeps a reference on install without subscribing, and keeps subscriptions when installed again', async () => {
      const store = new SubscriptionStore(new CreateOnlyMemoryStorage());
      const chat = inChat('19:group@thread.v2', 'groupChat');
      await store.remember(chat);
      expect(await store.subscribers()).toEqual([]);
      await store.subscribe(chat, 'Kent');
      await store.remember(chat);
      expect(await store.authoritiesOf(chat)).toEqual(['Kent']);
    });

    it('keeps both of two subscriptions made at once by instances sharing the Storage', async () => {
      const storage = new CreateOnlyMemoryStorage();
      const logged: string[] = [];
      const a = new SubscriptionStore(storage, (l) => logged.push(l));
      const b = new SubscriptionStore(storage, (l) => logged.push(l));
      await Promise.all([a.subscribe(inChat('a:1'), 'Kent'), b.subscribe(inChat('a:2'), 'Kent'), b.subscribe(inChat('a:1'), 'Sandwell')]);
      expect((await a.subscribers()).map((s) => [s.key, [...s.authorities].sort()])).toEqual([['msteams|a:1', ['Kent', 'Sandwell']], ['msteams|a:2', ['Kent']]]);
      expect(logged.some((l) => l.startsWith(`${SUBSCRIPTIONS_KEY}: written by another instance`))).toBe(true);
    });

    it('claims each new event once, whichever instance asks first', async () => {
      const storage = new CreateOnlyMemoryStorage();
      const a = new SubscriptionStore(storage);
      const b = new SubscriptionStore(storage);
      const [first, second] = await Promise.all([a.claim('Kent', ['kent:focused:2025-01'], ['msteams|a:1']), b.claim('Kent', ['kent:focused:2025-01'], ['msteams|a:1'])]);
      expect([...first, ...second]).toEqual(['kent:focused:2025-01']);
      expect(await a.claim('Kent', ['kent:focused:2025-01', 'kent:standard:2025-06'], ['msteams|a:1'])).toEqual(['kent:standard:2025-06']);
      expect(await b.notified('Kent')).toEqual(['kent:focused:2025-01', 'kent:standard:2025-06']);
      expect(await b.notified('Sandwell')).toEqual([]);
    });

    it('gives up a storage call that never ends at its deadline, for every kind of call', async () => {
      const store = new SubscriptionStore(new StuckStorage('hung'), undefined, { callDeadlineMs: 100 });
      const chat = inChat('a:1');
      const calls: [string, () => Promise<unknown>][] = [
        ['subscribe', () => store.subscribe(chat, 'Kent')], ['unsubscribe', () => store.unsubscribe(chat, 'Kent')],
        ['remember', () => store.remember(chat)], ['authoritiesOf', () => store.authoritiesOf(chat)], ['subscribers', () => store.subscribers()],
        ['drop', () => store.drop('msteams|a:1')], ['claim', () => store.claim('Kent', ['e1'], ['msteams|a:1'])], ['notified', () => store.notified('Kent')],
      ];
      for (const [name, call] of calls) {
        const started = Date.now();
        await expect(call()).rejects.toBeInstanceOf(StorageDeadlineError);
        expect({ name, withinASecond: Date.now() - started < 1_000 }).toEqual({ name, withinASecond: true });
      }
    });

    it('stops a change that keeps conflicting when its time is spent, before its attempts are', async () => {
      const store = new SubscriptionStore(new StuckStorage('conflicts', 150), undefined, { callDeadlineMs: 1_000, changeBudgetMs: 400 });
      const started = Date.now();
      await expect(store.subscribe(inChat('a:1'), 'Kent')).rejects.toThrow(/the change's 400 ms for storage were spent|took longer than/);
      expect(Date.now() - started).toBeLessThan(700);
    });

    it('drops a conversation whole, saying what it was subscribed to', async () => {
      const store = new SubscriptionStore(new CreateOnlyMemoryStorage());
      await store.subscribe(inChat('a:1'), 'Kent');
      await store.subscribe(inChat('a:1'), 'Sandwell');
      expect(await store.drop('msteams|a:1')).toEqual(['Kent', 'Sandwell']);
      expect(await store.authoritiesOf(inChat('a:1'))).toEqual([]);
    });
  });

  describe('subscriptionReply', () => {
    let index: CorpusIndex;
    beforeAll(async () => {
      index = await openFresh(SEED_DIR);
    });

    const reply = (store: SubscriptionStore, activity: Partial<Activity>, command: SubscriptionCommand): Promise<string | null> => subscriptionReply(store, index, activity, command);

    it('takes a misspelt or short name as the authority it is, and says so for a misspelling', async () => {
      const store = new SubscriptionStore(new CreateOnlyMemoryStorage());
      const chat = inChat('a:1');
      expect(await reply(store, chat, { type: 'subscribe', name: 'Worcestershre' })).toMatch(/^Subscribed: .*Worcestershire to you .*\(Taking Worcestershire for “Worcestershre”\.\)/);
      expect(await reply(store, chat, { type: 'subscribe', name: 'Worcs' })).toBe('You are already subscribed to Worcestershire.');
      expect(await store.authoritiesOf(chat)).toEqual(['Worcestershire']);
    });

    it('says when an authority has no documents yet, and subscribes it all the same', async () => {
      const store = new SubscriptionStore(new CreateOnlyMemoryStorage());
      const text = await reply(store, inChat('19:c@thread.tacv2', 'channel'), { type: 'subscribe', name: 'Sandwell' });
      expect(text).toMatch(/to this channel .*None of my documents is about Sandwell yet; the first one will be posted\./);
    });

    it('asks which when a name is a council several replaced', async () => {
      const store = new SubscriptionStore(new CreateOnlyMemoryStorage());
      expect(await reply(store, inChat('a:1'), { type: 'subscribe', name: 'Cumbria' })).toMatch(/^Cumbria .*replaced.* by Cumberland and Westmorland and Furness\. Which one\? Say, for example, “subscribe Cumberland”\./);
      expect(await store.authoritiesOf(inChat('a:1'))).toEqual([]);
    });

    it('offers the nearest names for a name that is no authority, subscribing nothing', async () => {
      const store = new SubscriptionStore(new CreateOnlyMemoryStorage());
      expect(await reply(store, inChat('a:1'), { type: 'subscribe', name: 'Oxfordshore' })).toMatch(/^Subscribed: .*Oxfordshire/);
      expect(await reply(store, inChat('a:2'), { type: 'subscribe', name: 'Narnia' })).toMatch(/^“Narnia” is not an English children's services authority I know\. Did you mean .*\?$/);
      expect(await store.authoritiesOf(inChat('a:2'))).toEqual([]);
    });

    it(`says a subscription was not kept, within Teams' time, when the store never answers`, async () => {
      const logged: string[] = [];
      const store = new SubscriptionStore(new StuckStorage('hung'));
      const chat = inChat('a:1');
      for (const command of [{ type: 'subscribe', name: 'Worcs' }, { type: 'unsubscribe', name: 'Kent' }, { type: 'subscriptions' }] as SubscriptionCommand[]) {
        const started = Date.now();
        const text = await subscriptionReply(store, index, chat, command, (l) => logged.push(l));
        expect(Date.now() - started).toBeLessThan(STORAGE_CALL_DEADLINE_MS + 1_000);
        expect(text).toMatch(command.type === 'subscriptions'
          ? /^I cannot read the subscriptions just now, as my storage cannot be reached\./
          : new RegExp(`^I could not keep that (subscription|change to the subscriptions) just now.*Please say “${command.type} ${command.type === 'subscribe' ? 'Worcs' : 'Kent'}” again`));
      }
      expect(logged).toEqual([expect.stringContaining('could not change its subscriptions'), expect.stringContaining('could not change its subscriptions'),
        expect.stringContaining('could not read its subscriptions')]);
      expect(logged[0]).toContain(`took longer than ${STORAGE_CALL_DEADLINE_MS} ms`);
    }, 15_000);

    it('lists and unsubscribes', async () => {
      const store = new SubscriptionStore(new CreateOnlyMemoryStorage());
      const chat = inChat('19:g@thread.v2', 'groupChat');
      expect(await reply(store, chat, { type: 'subscriptions' })).toMatch(/^No subscriptions: I post nothing to this chat unasked\./);
      await reply(store, chat, { type: 'subscribe', name: 'Oxfordshire' });
      await reply(store, chat, { type: 'subscribe', name: 'Worcestershire' });
      expect(await reply(store, chat, { type: 'subscriptions' })).toMatch(/^Subscribed to Oxfordshire and Worcestershire: /);
      expect(await reply(store, chat, { type: 'unsubscribe', name: 'oxon' })).toBe('Unsubscribed: I will no longer post new inspections or visits of Oxfordshire to this chat.');
      expect(await reply(store, chat, { type: 'unsubscribe', name: 'Oxfordshire' })).toBe('This chat is not subscribed to Oxfordshire. Subscribed to Worcestershire.');
    });
  });
});
