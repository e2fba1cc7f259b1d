import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { type Activity, ActivityTypes, ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { FeedbackLog } from '../../src/bot/FeedbackLog';
import { InspectionBot } from '../../src/bot/InspectionBot';
import { loadConfig } from '../../src/config';
import { corpusNotices, MAX_DOCUMENT_CHARS } from '../../src/corpus/loadCorpus';
import type { CorpusIndex } from '../../src/search/CorpusIndex';
import { corpusFingerprint, CorpusWatcher } from '../../src/search/CorpusWatcher';
import * as apart from '../../src/search/corpusWorker';
import { IndexHolder } from '../../src/search/IndexHolder';
import * as opening from '../../src/search/openCorpus';
import { createAdapter } from '../../src/server/createAdapter';
import { createServer } from '../../src/server/createServer';
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

/** Prose of a council's papers, of our own writing, some `chars` long: slow enough to read that a build takes seconds. */
function longMinutes(chars: number): string {
  const paragraphs: string[] = [];
  for (let n = 0, length = 0; length < chars; n++) {
    const day = (n % 27) + 1;
    const paragraph = `${n + 1}. On ${day} March 2021 the panel of Northshire heard from the director that visits to children in care ` +
      `had risen to ${60 + (n % 40)} in the month, and that Ofsted's monitoring visit of ${day} February had found progress. ` +
      `Members asked how many care leavers had a personal adviser; ${n % 9} had none, and the service would report again.`;
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  return paragraphs.join('\n\n');
}

async function watched(options: { apart?: boolean; retryMs?: number } = {}): Promise<Watched> {
  const dir = copyOfSeeds();
  const cache: opening.SourceCache = new Map();
  const loadedFingerprint = corpusFingerprint(dir);
  const holder = new IndexHolder(await opening.openCorpus(dir, directory(), { cache }));
  const swaps: CorpusIndex[] = [];
  const logs: string[] = [];
  const warnings: string[] = [];
  const watcher = new CorpusWatcher(dir, directory(), holder, {
    intervalMs: 100, cache, loadedFingerprint, log: (m) => logs.push(m), warn: (m) => warnings.push(m), onSwap: (i) => swaps.push(i), ...options,
  }).start();
  const bot = new InspectionBot({
    index: holder,
    conversationState: new ConversationState(new MemoryStorage()),
    feedback: new FeedbackLog(join(dir, 'feedback.jsonl')),
    defaultAuthority: null,
    log: () => undefined,
  });
  // A new conversation for each question, so that no follow-up memory colours the answer.
  let asked = 0;
  const ask = async (text: string): Promise<Partial<Activity>> => {
    const conversation = new TestAdapter(async (context) => bot.run(context), { channelId: 'msteams' });
    // Each question its own activity id: TestAdapter numbers them from 0, and a repeated id is answered once.
    await conversation.processActivity({ type: ActivityTypes.Message, text, id: `ask-${++asked}` });
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
      const realBuild = apart.saveSnapshotApart;
      jest.spyOn(apart, 'saveSnapshotApart').mockImplementation(async (...args) => {
        await realBuild(...args);
        await held;
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

    it('reads only the file that changed, on a worker thread', async () => {
      const w = await watched();
      const here = jest.spyOn(opening, 'openCorpus');
      appendFileSync(join(w.dir, '001_2d1bfb7a07081a1a.txt'), '\n\nThe panel noted the update on the monitoring visit.\n');
      await until(() => w.swaps.length === 1, 'the swap');
      // The worker's own log, passed on.
      expect(w.logs).toContain('1 file changed or added and 0 removed since the snapshot; reading those and rebuilding the timeline and index');
      expect(here).not.toHaveBeenCalled();
      expect(w.holder.current.corpus.passages.some((p) => p.text.includes('The panel noted the update on the monitoring visit.'))).toBe(true);
    });

    it('builds on the main thread, once saying why, when the engine\'s code on disk is no longer the code it runs', async () => {
      const w = await watched();
      jest.spyOn(opening, 'engineCodeChanged').mockReturnValue(true);
      const worker = jest.spyOn(apart, 'saveSnapshotApart');
      appendFileSync(join(w.dir, '001_2d1bfb7a07081a1a.txt'), '\n\nThe panel noted the update on the monitoring visit.\n');
      await until(() => w.swaps.length === 1, 'the swap');
      unlinkSync(join(w.dir, '003_b3a3b50b9d6fd335.txt'));
      await until(() => w.swaps.length === 2, 'the second swap');
      expect(worker).not.toHaveBeenCalled();
      expect(w.warnings).toEqual([expect.stringMatching(/^the engine's code changed on disk since the bot started \(dist\/ built again\): .*; restart the bot to run the new code$/)]);
      expect(w.holder.current.corpus.documents).toHaveLength(4);
    });

    it('reads only the file that changed, on the main thread when told to', async () => {
      const w = await watched({ apart: false });
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
      jest.spyOn(apart, 'saveSnapshotApart').mockRejectedValueOnce(new Error('ENOSPC: no space left on device, write'));
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

  describe('CorpusWatcher after a failed rebuild', () => {
    it('tries again after a while though the folder did not change, and says when', async () => {
      const w = await watched({ retryMs: 300 });
      jest.spyOn(apart, 'saveSnapshotApart').mockRejectedValueOnce(new Error("Cannot find module 'zod'"));
      writeFileSync(join(w.dir, 'norfolk-focused-visit-2022.pdf'), makePdf(NORFOLK_LETTER));
      await until(() => w.warnings.length > 0, 'the warning');
      expect(w.warnings[0]).toMatch(/; trying again in 0 s, or when the folder changes again$/);
      expect(w.swaps).toHaveLength(0);
      await until(() => w.swaps.length === 1, 'the swap on trying again');
      expect((await w.ask(NORFOLK_QUESTION)).text).toContain('18 and 19 October 2022');
      expect(w.warnings).toHaveLength(1);
    });
  });

  describe('CorpusWatcher while it rebuilds', () => {
    it('answers /healthz at once while a slow rebuild runs, with the counts of the index in service', async () => {
      const w = await watched();
      const old = w.holder.current;
      const counts = (): { documents: number; passages: number; events: number } => ({
        documents: w.holder.current.corpus.documents.length, passages: w.holder.current.corpus.passages.length, events: w.holder.current.timeline.events.length,
      });
      const served = counts();
      const bot = new InspectionBot({
        index: w.holder, conversationState: new ConversationState(new MemoryStorage()), feedback: new FeedbackLog(join(w.dir, 'feedback.jsonl')), defaultAuthority: null, log: () => undefined,
      });
      const server = createServer({ adapter: createAdapter(loadConfig({}), () => undefined), bot, health: counts, log: () => undefined, allowedTenants: null });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
      try {
        // About 1.5 MB of prose: some seconds of reading, extracting and indexing, were it done on this thread.
        writeFileSync(join(w.dir, 'northshire-minutes.txt'), `Northshire County Council\n\nMinutes of the panel\n\n${longMinutes(1_500_000)}`);
        await until(() => w.watcher.rebuilding, 'the rebuild to start');
        const waits: number[] = [];
        const during: unknown[] = [];
        while (w.watcher.rebuilding) {
          const asked = Date.now();
          const res = await fetch(url);
          const body = await res.json() as Record<string, unknown>;
          waits.push(Date.now() - asked);
          if (w.watcher.rebuilding && w.holder.current === old) during.push({ status: res.status, documents: body['documents'], passages: body['passages'] });
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(w.swaps).toHaveLength(1);
        expect(during.length).toBeGreaterThan(10);
        expect(new Set(during.map((d) => JSON.stringify(d)))).toEqual(new Set([JSON.stringify({ status: 200, documents: served.documents, passages: served.passages })]));
        // A build on this thread keeps /healthz waiting for seconds; restoring the worker's snapshot takes a fraction.
        expect(Math.max(...waits)).toBeLessThan(750);
        expect(counts().documents).toBe(served.documents + 1);
      } finally {
        server.server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });

    it('refuses a file over the size limit, says so, and serves the rest', async () => {
      const w = await watched();
      writeFileSync(join(w.dir, 'export.txt'), 'Northshire was inspected in May 2023. '.repeat(Math.ceil(MAX_DOCUMENT_CHARS / 38) + 10));
      appendFileSync(join(w.dir, '001_2d1bfb7a07081a1a.txt'), '\n\nThe panel noted the update on the monitoring visit.\n');
      await until(() => w.swaps.length === 1, 'the swap');
      expect(w.holder.current.document('export.txt')).toBeUndefined();
      expect(w.holder.current.corpus.documents).toHaveLength(5);
      expect(corpusNotices(w.holder.current.corpus, 'data').warnings).toEqual([
        expect.stringMatching(/^data\/export\.txt: skipped: its text is 2,\d{3},\d{3} characters, over the 2,000,000 a report may hold/),
      ]);
    });
  });

  describe('CorpusWatcher with hostile files dropped in', () => {
    it('skips a named pipe, a link out of the folder and a link in a loop, naming each, and serves the rest', async () => {
      const w = await watched();
      execFileSync('mkfifo', [join(w.dir, 'pipe.txt')]);
      symlinkSync('/etc/passwd', join(w.dir, 'passwd.txt'));
      symlinkSync('loop.txt', join(w.dir, 'loop.txt'));
      writeFileSync(join(w.dir, 'norfolk-focused-visit-2022.pdf'), makePdf(NORFOLK_LETTER));
      await until(() => w.swaps.length === 1, 'the swap');
      expect(w.holder.current.corpus.documents).toHaveLength(6);
      expect(corpusNotices(w.holder.current.corpus, 'data').warnings).toEqual([
        'data/loop.txt: skipped: it is a link that goes round in a loop',
        expect.stringMatching(/^data\/passwd\.txt: skipped: it is a link to \/etc\/passwd, outside the data folder/),
        'data/pipe.txt: skipped: it is a named pipe, not a regular file',
      ]);
      expect(w.holder.current.document('norfolk-focused-visit-2022.pdf')).toBeDefined();
    });

    it('tells of a pipe dropped in alone, though no report changed', async () => {
      const w = await watched();
      execFileSync('mkfifo', [join(w.dir, 'pipe.md')]);
      await until(() => w.swaps.length === 1, 'the swap');
      expect(corpusNotices(w.holder.current.corpus, 'data').warnings).toEqual(['data/pipe.md: skipped: it is a named pipe, not a regular file']);
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
