/**
 * Notifications of new events, end to end: conversations subscribe through the real restify server, a new document
 * arrives in a watched folder (or a new index is swapped in), and the Bot Connector stand-in records what is posted.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { Notifier } from '../../src/bot/Notifier';
import { CreateOnlyMemoryStorage } from '../../src/bot/stateStorage';
import { SubscriptionStore } from '../../src/bot/subscriptions';
import { teamsCardSubmit, teamsInstall, teamsMessage, type Where } from '../../src/cli/teamsActivities';
import { type CorpusIndex } from '../../src/search/CorpusIndex';
import { corpusFingerprint, CorpusWatcher } from '../../src/search/CorpusWatcher';
import { IndexHolder } from '../../src/search/IndexHolder';
import { openCorpus } from '../../src/search/openCorpus';
import { directory, SEED_DIR } from '../helpers';
import { answers, type BotHarness, startBotHarness } from './botHarness';

/** A scrutiny panel's note of a focused visit, as a council would publish it (made up for these tests). */
const FOCUSED_VISIT = `WORCESTERSHIRE COUNTY COUNCIL
CHILDREN AND FAMILIES OVERVIEW AND SCRUTINY PANEL 12 NOVEMBER 2025

OFSTED FOCUSED VISIT FEEDBACK

Summary

1. The panel is asked to note the outcome of the Ofsted focused visit to Worcestershire children's services, which took place on 7 and 8 October 2025.

2. The visit looked at the Council's arrangements for children in care who live away from the county. Jane Harrow, His Majesty's Inspector, led the visit.

3. Ofsted published its letter on 5 November 2025. Inspectors found that leaders know their services well and that most children in care live in stable homes.
`;

/** Another made-up note, of a later visit, for a second new event. */
const LATER_VISIT = `WORCESTERSHIRE COUNTY COUNCIL
CHILDREN AND FAMILIES OVERVIEW AND SCRUTINY PANEL 4 MARCH 2026

OFSTED FOCUSED VISIT FEEDBACK

1. The panel is asked to note the outcome of the Ofsted focused visit to Worcestershire children's services, which took place on 20 and 21 January 2026.

2. The visit looked at the help given to care leavers. Sam Tolley, His Majesty's Inspector, led the visit.
`;

/** A copy of the seed corpus with these documents added, in a folder of its own. */
function corpusWith(docs: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'notify-corpus-'));
  for (const f of readdirSync(SEED_DIR).filter((n) => n.endsWith('.txt') || n === 'catalog.json')) copyFileSync(join(SEED_DIR, f), join(dir, f));
  for (const [name, text] of Object.entries(docs)) writeFileSync(join(dir, name), text);
  return dir;
}

const made: string[] = [];
function folder(docs: Record<string, string> = {}): string {
  const dir = corpusWith(docs);
  made.push(dir);
  return dir;
}

const open = (dir: string): Promise<CorpusIndex> => openCorpus(dir, directory(), { snapshot: false });

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A bot behind the real server with subscriptions kept in `storage`, notifying after each swap of its holder. */
interface Instance {
  harness: BotHarness;
  holder: IndexHolder;
  notifier: Notifier;
  subscriptions: SubscriptionStore;
  logged: string[];
}

async function startInstance(index: CorpusIndex, storage: CreateOnlyMemoryStorage): Promise<Instance> {
  const logged: string[] = [];
  const log = (line: string): void => {
    logged.push(line);
  };
  const holder = new IndexHolder(index);
  const subscriptions = new SubscriptionStore(storage, log);
  const harness = await startBotHarness({ index: holder, storage, subscriptions, log });
  const notifier = new Notifier({ adapter: harness.adapter, appId: '', subscriptions, log, sleep: async () => undefined });
  notifier.listen(holder);
  return { harness, holder, notifier, subscriptions, logged };
}

async function say(instance: Instance, text: string, where: Where): Promise<string> {
  const { status, replies } = await instance.harness.post(teamsMessage(text, where));
  expect(status).toBe(200);
  const [reply] = answers(replies);
  return reply?.text ?? '';
}

/** The connector paths of the conversations posted to. */
const paths = (sent: { path: string }[]): string[] => sent.map((s) => decodeURIComponent(s.path)).sort();

interface CardJson {
  version: string;
  body: unknown[];
  actions: { type: string; title: string; data?: unknown; url?: string }[];
}
const cardOf = (a: Partial<Activity>): CardJson => a.attachments![0]!.content as CardJson;

describe('notifications of new events', () => {
  let seedIndex: CorpusIndex;
  let withVisitIndex: CorpusIndex;

  beforeAll(async () => {
    seedIndex = await open(folder());
    withVisitIndex = await open(folder({ 'worcs-focused-2025.txt': FOCUSED_VISIT }));
    expect(withVisitIndex.event('worcestershire:focused:2025-10-07')).toBeDefined();
  });

  it('posts a document dropped into a watched folder once to each subscribed conversation and to no other', async () => {
    const dir = folder();
    const instance = await startInstance(await open(dir), new CreateOnlyMemoryStorage());
    const { harness } = instance;
    const watcher = new CorpusWatcher(dir, directory(), instance.holder, { intervalMs: 100, apart: false, loadedFingerprint: corpusFingerprint(dir) });
    try {
      const alice = harness.where('a:alice');
      const channel = harness.where('19:local-channel@thread.tacv2;messageid=1700000000001', 'channel');
      const oxon = harness.where('19:oxon-group@thread.v2', 'groupChat');
      const bob = harness.where('a:bob');
      await harness.post(teamsInstall(channel));
      expect(await say(instance, 'subscribe Worcestershire', alice)).toMatch(/^Subscribed: I will post each new inspection or visit of Worcestershire to you/);
      expect(await say(instance, 'notify us about Worcs', channel)).toMatch(/^Subscribed: .* of Worcestershire to this channel/);
      expect(await say(instance, 'follow Oxfordshire', oxon)).toMatch(/^Subscribed: .* of Oxfordshire to this chat/);
      expect(await say(instance, 'When was the last inspection of Worcestershire?', bob)).toMatch(/2023/);
      expect(await say(instance, 'subscriptions', channel)).toMatch(/^Subscribed to Worcestershire:/);

      harness.connector.sent.length = 0;
      const before = instance.holder.current;
      watcher.start();
      writeFileSync(join(dir, 'worcs-focused-2025.txt'), FOCUSED_VISIT);
      await until(() => instance.holder.current !== before);
      await instance.notifier.idle();

      const sent = harness.connector.sent;
      // The channel's notification opens a post in the channel itself, not in the thread it was subscribed from.
      expect(paths(sent)).toEqual([
        '/v3/conversations/19:local-channel@thread.tacv2/activities',
        '/v3/conversations/a:alice/activities',
      ]);
      for (const { activity } of sent) {
        expect(activity.text).toMatch(/^New on record for Worcestershire: Focused visit to Worcestershire\. Took place on 7 and 8 October 2025/);
        expect(activity.text).toContain('worcs-focused-2025.txt');
        const card = cardOf(activity);
        expect(card.version).toBe('1.5');
        const json = JSON.stringify(card);
        expect(json).toContain('Jane Harrow');
        expect(json).toContain('worcs-focused-2025.txt');
        expect(card.actions.find((a) => a.title === 'Unsubscribe')).toEqual({ type: 'Action.Submit', title: 'Unsubscribe', data: { question: 'unsubscribe Worcestershire' } });
        expect(json).not.toContain('msteams');
      }

      // The card's button unsubscribes; the folder read again with nothing new posts nothing.
      const tapped = await harness.post(teamsCardSubmit({ question: 'unsubscribe Worcestershire' }, alice));
      expect(answers(tapped.replies)[0]!.text).toMatch(/Unsubscribed: I will no longer post new inspections or visits of Worcestershire to you/);
      harness.connector.sent.length = 0;
      const second = instance.holder.current;
      const file = join(dir, 'worcs-focused-2025.txt');
      utimesSync(file, new Date(), new Date(Date.now() + 5_000));
      await until(() => instance.holder.current !== second);
      await instance.notifier.idle();
      expect(harness.connector.sent).toEqual([]);
    } finally {
      watcher.stop();
      await watcher.idle();
      await harness.close();
    }
  });

  it('posts once, not twice, when two instances sharing one Storage swap in the same new index', async () => {
    const storage = new CreateOnlyMemoryStorage();
    const a = await startInstance(seedIndex, storage);
    const b = await startInstance(seedIndex, storage);
    try {
      await say(a, 'subscribe Worcestershire', a.harness.where('a:carol'));
      await say(b, 'subscribe Worcestershire', b.harness.where('19:panel@thread.v2', 'groupChat'));
      a.harness.connector.sent.length = 0;
      b.harness.connector.sent.length = 0;
      // Each instance's watcher builds its own copy of the same new data.
      const [mine, theirs] = [await open(folder({ 'worcs-focused-2025.txt': FOCUSED_VISIT })), withVisitIndex];
      a.holder.swap(mine);
      b.holder.swap(theirs);
      await Promise.all([a.notifier.idle(), b.notifier.idle()]);
      const sent = [...a.harness.connector.sent, ...b.harness.connector.sent];
      expect(paths(sent)).toEqual(['/v3/conversations/19:panel@thread.v2/activities', '/v3/conversations/a:carol/activities']);
      expect([...a.logged, ...b.logged].some((l) => /written by another instance since it was read/.test(l))).toBe(true);
    } finally {
      await a.harness.close();
      await b.harness.close();
    }
  });

  it('sends nothing after a restart: a new instance on the same Storage and data, given events notified before', async () => {
    const storage = new CreateOnlyMemoryStorage();
    const first = await startInstance(seedIndex, storage);
    // The connector stand-in of the first instance stays up: it is the Bot Connector the conversation's reference names.
    const connector = first.harness.connector;
    let restarted: Instance | null = null;
    try {
      await say(first, 'subscribe Worcestershire', first.harness.where('a:dan'));
      connector.sent.length = 0;
      first.holder.swap(withVisitIndex);
      await first.notifier.idle();
      expect(paths(connector.sent)).toEqual(['/v3/conversations/a:dan/activities']);
      connector.sent.length = 0;

      // Started on the same data, with no index before it: nothing to compare, nothing sent.
      restarted = await startInstance(withVisitIndex, storage);
      // Its watcher reads a folder that lost and regained the document: the event was notified before.
      restarted.holder.swap(seedIndex);
      restarted.holder.swap(await open(folder({ 'worcs-focused-2025.txt': FOCUSED_VISIT })));
      await restarted.notifier.idle();
      expect(connector.sent).toEqual([]);
      expect(restarted.harness.connector.sent).toEqual([]);
      expect(await restarted.subscriptions.notified('Worcestershire')).toEqual(['worcestershire:focused:2025-10-07']);

      // A document that is new after all is posted, through the subscription kept in the Storage.
      restarted.holder.swap(await open(folder({ 'worcs-focused-2025.txt': FOCUSED_VISIT, 'worcs-focused-2026.txt': LATER_VISIT })));
      await restarted.notifier.idle();
      expect(paths(connector.sent)).toEqual(['/v3/conversations/a:dan/activities']);
      expect(connector.sent[0]!.activity.text).toMatch(/20 and 21 January 2026/);
    } finally {
      await restarted?.harness.close();
      await first.harness.close();
    }
  });

  it('drops the subscriptions of a conversation the connector answers 403 for, and logs it', async () => {
    const instance = await startInstance(seedIndex, new CreateOnlyMemoryStorage());
    const { harness } = instance;
    try {
      const gone = harness.where('a:erin');
      const stays = harness.where('a:frank');
      await say(instance, 'subscribe Worcestershire', gone);
      await say(instance, 'subscribe Oxfordshire', gone);
      await say(instance, 'subscribe Worcs', stays);
      harness.connector.sent.length = 0;
      harness.connector.refuse = (a) => (a.conversation?.id === 'a:erin' ? { status: 403, body: { error: { code: 'BotDisabledByAdmin', message: 'The bot is blocked' } } } : null);
      instance.holder.swap(withVisitIndex);
      await instance.notifier.idle();
      expect(harness.connector.refused.map((r) => r.status)).toEqual([403]);
      expect(paths(harness.connector.sent)).toEqual(['/v3/conversations/a:frank/activities']);
      expect((await instance.subscriptions.subscribers()).map((s) => s.key)).toEqual(['msteams|a:frank']);
      expect(instance.logged.some((l) => /a:erin: Teams answered 403 .*dropped its subscriptions to Worcestershire, Oxfordshire/.test(l))).toBe(true);
    } finally {
      await harness.close();
    }
  });

  it('waits out a 429 and posts the notification once', async () => {
    const instance = await startInstance(seedIndex, new CreateOnlyMemoryStorage());
    const { harness } = instance;
    try {
      await say(instance, 'subscribe Worcestershire', harness.where('a:gail'));
      harness.connector.sent.length = 0;
      let busy = 2;
      harness.connector.refuse = () => (busy-- > 0 ? { status: 429 } : null);
      instance.holder.swap(withVisitIndex);
      await instance.notifier.idle();
      expect(harness.connector.refused.map((r) => r.status)).toEqual([429, 429]);
      expect(harness.connector.sent).toHaveLength(1);
      expect(instance.logged.filter((l) => /the connector answered 429; trying again in (500|1000) ms/.test(l))).toHaveLength(2);
    } finally {
      await harness.close();
    }
  });
});

/** Resolves once `condition` holds, looking every 50 ms for up to 20 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 50) {
    if (waited > 20_000) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
