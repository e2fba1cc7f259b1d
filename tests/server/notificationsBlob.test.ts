/**
 * Notifications from two instances of the bot that share Blob Storage (Azurite, started here on a free loopback
 * port), as Azure Bot Service would run them: each watches the same data and builds its own index, and each new event
 * is posted once to each subscribed conversation, not once per instance.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Notifier } from '../../src/bot/Notifier';
import { openStateStore } from '../../src/bot/stateStorage';
import { SubscriptionStore } from '../../src/bot/subscriptions';
import { teamsMessage } from '../../src/cli/teamsActivities';
import { loadConfig } from '../../src/config';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { IndexHolder } from '../../src/search/IndexHolder';
import { openCorpus } from '../../src/search/openCorpus';
import { directory, SEED_DIR } from '../helpers';
import { type Azurite, startAzurite } from './azurite';
import { answers, type BotHarness, startBotHarness } from './botHarness';

/** A made-up scrutiny panel note of a focused visit. */
const VISIT = `OXFORDSHIRE COUNTY COUNCIL
EDUCATION AND YOUNG PEOPLE OVERVIEW AND SCRUTINY COMMITTEE 9 DECEMBER 2025

1. The committee is asked to note the outcome of the Ofsted focused visit to Oxfordshire children's services, which took place on 4 and 5 November 2025.

2. The visit looked at the front door and early help. Priya Dent, His Majesty's Inspector, led the visit.
`;

const folders: string[] = [];
async function indexOf(docs: Record<string, string>): Promise<CorpusIndex> {
  const dir = mkdtempSync(join(tmpdir(), 'notify-blob-'));
  folders.push(dir);
  for (const f of readdirSync(SEED_DIR).filter((n) => n.endsWith('.txt') || n === 'catalog.json')) copyFileSync(join(SEED_DIR, f), join(dir, f));
  for (const [name, text] of Object.entries(docs)) writeFileSync(join(dir, name), text);
  return openCorpus(dir, directory(), { snapshot: false });
}

interface Instance {
  harness: BotHarness;
  holder: IndexHolder;
  notifier: Notifier;
}

/** One instance, as a separate process would run it: its own clients for the shared container, its own index. */
async function startInstance(connectionString: string, index: CorpusIndex): Promise<Instance> {
  const config = loadConfig({ STATE_STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: connectionString, STATE_CONTAINER: 'notify-state' });
  const store = await openStateStore(config);
  const holder = new IndexHolder(index);
  const subscriptions = new SubscriptionStore(store.storage);
  const harness = await startBotHarness({ index: holder, storage: store.storage, subscriptions });
  const notifier = new Notifier({ adapter: harness.adapter, appId: '', subscriptions, log: () => undefined, sleep: async () => undefined });
  notifier.listen(holder);
  return { harness, holder, notifier };
}

let azurite: Azurite;
const instances: Instance[] = [];

beforeAll(async () => {
  azurite = await startAzurite();
});

afterAll(async () => {
  for (const i of instances) await i.harness.close();
  await azurite?.stop();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('notifications from two instances on Blob Storage', () => {
  it('posts a new event once to each subscribed conversation, and nothing after a restart', async () => {
    const seed = await indexOf({});
    const [one, two] = await Promise.all([startInstance(azurite.connectionString, seed), startInstance(azurite.connectionString, seed)]);
    instances.push(one!, two!);
    // Each conversation is posted to at the connector stand-in it came through, whichever instance posts.
    const sent = (): string[] => [...one!.harness.connector.sent, ...two!.harness.connector.sent].map((s) => decodeURIComponent(s.path)).sort();
    const texts = (): string[] => [...one!.harness.connector.sent, ...two!.harness.connector.sent].map((s) => s.activity.text ?? '');
    const clear = (): void => {
      one!.harness.connector.sent.length = 0;
      two!.harness.connector.sent.length = 0;
    };
    const say = async (instance: Instance, text: string, id: string, type: 'personal' | 'groupChat' = 'personal'): Promise<string> => {
      const { replies } = await instance.harness.post(teamsMessage(text, instance.harness.where(id, type)));
      return answers(replies)[0]?.text ?? '';
    };
    expect(await say(one!, 'subscribe Oxfordshire', 'a:hana')).toMatch(/^Subscribed: /);
    expect(await say(two!, 'follow Oxon', '19:committee@thread.v2', 'groupChat')).toMatch(/^Subscribed: /);
    expect(await say(two!, 'subscribe Worcestershire', 'a:ivan')).toMatch(/^Subscribed: /);
    clear();

    const [a, b] = await Promise.all([indexOf({ 'oxon-focused-2025.txt': VISIT }), indexOf({ 'oxon-focused-2025.txt': VISIT })]);
    one!.holder.swap(a);
    two!.holder.swap(b);
    await Promise.all([one!.notifier.idle(), two!.notifier.idle()]);
    expect(sent()).toEqual([
      '/v3/conversations/19:committee@thread.v2/activities',
      '/v3/conversations/a:hana/activities',
    ]);
    expect(texts().every((t) => /^New on record for Oxfordshire: Focused visit to Oxfordshire/.test(t))).toBe(true);

    // A restarted instance, given the same new data again after an index without it, posts nothing.
    clear();
    const restarted = await startInstance(azurite.connectionString, seed);
    instances.push(restarted);
    restarted.holder.swap(await indexOf({ 'oxon-focused-2025.txt': VISIT }));
    await restarted.notifier.idle();
    expect(sent()).toEqual([]);
    expect(restarted.harness.connector.sent).toEqual([]);
  });
});
