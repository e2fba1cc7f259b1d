import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Activity, ActivityTypes, ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { FeedbackLog } from '../../src/bot/FeedbackLog';
import { InspectionBot } from '../../src/bot/InspectionBot';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { corpusFingerprint, CorpusWatcher } from '../../src/search/CorpusWatcher';
import { IndexHolder } from '../../src/search/IndexHolder';
import * as opening from '../../src/search/openCorpus';
import { makePdf } from '../fixtures/makeFiles';
import { directory, SEED_DIR } from '../helpers';

/** Ofsted's letter after a focused visit, wrapped to the page as in its PDFs (Latin-1 text, as makePdf writes it). */
const NORFOLK_LETTER = [
  "Focused visit to Norfolk children's services",
  "Dear Director of Children's Services",
  'This letter summarises the findings of the focused visit to Norfolk',
  "children's services on 18 and 19 October 2022. His Majesty's Inspector Jane Doe",
  "led the visit. Inspectors looked at the local authority's arrangements for care",
  'leavers. Young people leaving care are well supported by their personal advisers.',
];

const NORFOLK_QUESTION = 'When was the last focused visit to Norfolk?';

function copyOfSeeds(): string {
  const dir = mkdtempSync(join(tmpdir(), 'watched-'));
  cpSync(SEED_DIR, dir, { recursive: true, filter: (src) => !src.includes('.index') });
  return dir;
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface Watched {
  dir: string;
  holder: IndexHolder;
  watcher: CorpusWatcher;
  swaps: CorpusIndex[];
  logs: string[];
  warnings: string[];
  /** Asks the bot, which reads the holder, and returns the text of its answer. */
  ask: (text: string) => Promise<Partial<Activity>>;
}

const started: Watched[] = [];

async function watched(): Promise<Watched> {
  const dir = copyOfSeeds();
  const cache: opening.SourceCache = new Map();
  const loadedFingerprint = corpusFingerprint(dir);
  const holder = new IndexHolder(await opening.openCorpus(dir, directory(), { cache }));
  const swaps: CorpusIndex[] = [];
  const logs: string[] = [];
  const warnings: string[] = [];
  const watcher = new CorpusWatcher(dir, directory(), holder, {
    intervalMs: 100, cache, loadedFingerprint, log: (m) => logs.push(m), warn: (m) => warnings.push(m), onSwap: (i) => swaps.push(i),
  }).start();
  const bot = new InspectionBot({
    index: holder,
    conversationState: new ConversationState(new MemoryStorage()),
    feedback: new FeedbackLog(join(dir, 'feedback.jsonl')),
    defaultAuthority: null,
    log: () => undefined,
  });
  // A new conversation for each question, so that no follow-up memory colours the answer.
  const ask = async (text: string): Promise<Partial<Activity>> => {
    const conversation = new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams' });
    await conversation.processActivity({ type: ActivityTypes.Message, text });
    return conversation.activeQueue.splice(0).find((a) => a.type === ActivityTypes.Message) ?? {};
  };
  const w = { dir, holder, watcher, swaps, logs, warnings, ask };
  started.push(w);
  return w;
}

afterEach(async () => {
  for (const w of started.splice(0)) {
    w.watcher.stop();
    await w.watcher.idle();
    rmSync(w.dir, { recursive: true, force: true });
  }
  jest.restoreAllMocks();
});

describe('search', () => {
  describe('CorpusWatcher', () => {
    it('swaps in an index with a document added to the folder, answering from the old one until then', async () => {
      const w = await watched();
      const old = w.holder.current;
      const before = await w.ask(NORFOLK_QUESTION);
      expect(before.text).not.toContain('October 2022');

      // The build is held back once done, so that requests certainly arrive while it runs.
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const realOpen = opening.openCorpus;
      jest.spyOn(opening, 'openCorpus').mockImplementation(async (...args) => {
        const index = await realOpen(...args);
        await held;
        return index;
      });
      writeFileSync(join(w.dir, 'norfolk-focused-visit-2022.pdf'), makePdf(NORFOLK_LETTER));
      await until(() => w.watcher.rebuilding, 'the rebuild to start');

      const during = await w.ask(NORFOLK_QUESTION);
      expect(w.watcher.rebuilding).toBe(true);
      expect(w.holder.current).toBe(old);
      expect(during.text).toBe(before.text);
      expect(during.entities).toEqual(before.entities);
      const worcestershire = await w.ask('When was the last monitoring visit to Worcestershire?');
      expect(worcestershire.text).toContain('8 and 9 January 2019');

      release();
      await until(() => w.swaps.length === 1, 'the swap');
      expect(w.holder.current).toBe(w.swaps[0]);
      expect(w.holder.current.corpus.documents).toHaveLength(old.corpus.documents.length + 1);
      const after = await w.ask(NORFOLK_QUESTION);
      expect(after.text).toContain('18 and 19 October 2022');
      expect(w.logs).toEqual(expect.arrayContaining([expect.stringMatching(/changed; building a new index$/), expect.stringMatching(/^new index in place in .*: 6 documents/)]));

      // Its own snapshot, written inside the folder, is no change to act on.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(w.swaps).toHaveLength(1);
    });

    it('reads only the file that changed', async () => {
      const w = await watched();
      const read: string[] = [];
      const realOpen = opening.openCorpus;
      jest.spyOn(opening, 'openCorpus').mockImplementation((dir, authorities, options) =>
        realOpen(dir, authorities, { ...options, onProgress: (_d, _t, f) => read.push(f) }));
      appendFileSync(join(w.dir, '001_2d1bfb7a07081a1a.txt'), '\n\nThe panel noted the update on the monitoring visit.\n');
      await until(() => w.swaps.length === 1, 'the swap');
      expect(read).toEqual(['001_2d1bfb7a07081a1a.txt']);
    });

    it('drops a removed document', async () => {
      const w = await watched();
      unlinkSync(join(w.dir, '003_b3a3b50b9d6fd335.txt'));
      await until(() => w.swaps.length === 1, 'the swap');
      expect(w.holder.current.document('003_b3a3b50b9d6fd335.txt')).toBeUndefined();
      expect(w.holder.current.corpus.documents).toHaveLength(4);
    });

    it('keeps serving the old index when a rebuild fails, and says why', async () => {
      const w = await watched();
      const old = w.holder.current;
      jest.spyOn(opening, 'openCorpus').mockRejectedValueOnce(new Error('ENOSPC: no space left on device, write'));
      writeFileSync(join(w.dir, 'norfolk-focused-visit-2022.pdf'), makePdf(NORFOLK_LETTER));
      await until(() => w.warnings.length > 0, 'the warning');
      expect(w.warnings[0]).toMatch(new RegExp(`^rebuilding the index of ${w.dir} failed \\(ENOSPC: no space left on device, write\\); still serving the index loaded at \\d{4}-`));
      expect(w.holder.current).toBe(old);
      expect((await w.ask(NORFOLK_QUESTION)).text).not.toContain('October 2022');

      // The next change is built and swapped in.
      mkdirSync(join(w.dir, 'letters'));
      writeFileSync(join(w.dir, 'letters', 'note.txt'), 'Worcestershire Children First\n\nThe panel noted the monitoring visit in January 2019.');
      await until(() => w.swaps.length === 1, 'the swap after the failure');
      expect((await w.ask(NORFOLK_QUESTION)).text).toContain('18 and 19 October 2022');
    });
  });

  describe('corpusFingerprint', () => {
    it.each<[string, boolean, (dir: string) => void]>([
      ['a file added', true, (dir) => writeFileSync(join(dir, 'new.txt'), 'Kent was inspected in May 2023.')],
      ['a file rewritten', true, (dir) => appendFileSync(join(dir, '000_86a8131df8e299f6.txt'), '\nAddendum.')],
      ['a file removed', true, (dir) => unlinkSync(join(dir, '000_86a8131df8e299f6.txt'))],
      ['the catalog edited', true, (dir) => appendFileSync(join(dir, 'catalog.json'), '\n')],
      ['the snapshot written', false, (dir) => {
        mkdirSync(join(dir, '.index'), { recursive: true });
        writeFileSync(join(dir, '.index', 'snapshot.json'), '{}');
      }],
      ['a file that is no report', false, (dir) => writeFileSync(join(dir, 'notes.xlsx'), 'x')],
    ])('after %s, tells a change: %s', (_case, changed, change) => {
      const dir = copyOfSeeds();
      const before = corpusFingerprint(dir);
      change(dir);
      expect(corpusFingerprint(dir) !== before).toBe(changed);
      rmSync(dir, { recursive: true, force: true });
    });
  });
});
