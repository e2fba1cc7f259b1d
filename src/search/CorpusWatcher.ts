import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthorityDirectory } from '../corpus/authorities';
import { catalogFolders, listReportEntries } from '../corpus/loadCorpus';
import type { CorpusIndex } from './CorpusIndex';
import { saveSnapshotApart } from './corpusWorker';
import type { IndexHolder } from './IndexHolder';
import { engineCodeChanged, isReadOnly, openCorpus, restoreCorpus, type SourceCache } from './openCorpus';

/** How often the data folder is looked at by default, in ms. */
export const DEFAULT_WATCH_INTERVAL_MS = 2000;

/**
 * How long after a failed rebuild the folder is built again though it did not change, in ms (30 s), doubling after
 * each failure up to RETRY_MAX_MS: what failed may pass (a disk that was full, node_modules being reinstalled).
 */
export const RETRY_FIRST_MS = 30_000;

/** The longest wait between tries of a rebuild that keeps failing, in ms (15 minutes). */
export const RETRY_MAX_MS = 15 * 60_000;

/**
 * A cheap summary of a corpus folder: the path, size and modification time of every report file and catalog. Any
 * file added, removed or rewritten changes it; nothing is read.
 */
export function corpusFingerprint(dir: string): string {
  const { files, skipped } = listReportEntries(dir);
  const catalogs = catalogFolders(files).map((d) => (d ? `${d}/catalog.json` : 'catalog.json'));
  // Entries skipped (a named pipe, a link out of the folder) count too: the rebuild tells of them.
  return [...files, ...catalogs].map((f) => {
    try {
      const s = statSync(join(dir, f));
      return `${f} ${s.size} ${s.mtimeMs}`;
    } catch {
      return `${f} -`;
    }
  }).concat(skipped.map((s) => `${s.file} (${s.message})`)).join('\n');
}

export interface WatchOptions {
  /** How often to look at the folder, in ms (default 2000). A change is acted on once the folder is unchanged for one interval. */
  intervalMs?: number;
  /** Told when a new index is built and put in place. */
  log?: (line: string) => void;
  /** Told when a rebuild fails (the previous index stays) or the snapshot was corrupt. */
  warn?: (line: string) => void;
  /** The folder's fingerprint when the served index was opened (default: as it is when watching starts). */
  loadedFingerprint?: string;
  /** Files already read, so that a rebuild reads only those that changed (default: the snapshot alone). */
  cache?: SourceCache;
  /** Called after each swap with the new index. */
  onSwap?: (index: CorpusIndex) => void;
  /** How long after a failed rebuild to try again, in ms, doubling up to RETRY_MAX_MS (default RETRY_FIRST_MS). */
  retryMs?: number;
  /**
   * Build a new index on a worker thread, which saves it as the folder's snapshot, then restore that here (default
   * true): the thread that serves is held up only by the restore, a fraction of the build. A read-only folder, where
   * no snapshot can be saved, is built on this thread.
   */
  apart?: boolean;
}

/**
 * Watches a corpus folder by polling: when its files change, builds a new index aside (reading only the changed
 * files), on a worker thread, and swaps it into the holder whole. While it builds, and when the build fails, the old
 * index is served.
 */
export class CorpusWatcher {
  private readonly intervalMs: number;
  private readonly log: (line: string) => void;
  private readonly warn: (line: string) => void;
  private readonly cache: SourceCache;
  private served: string;
  private seen: string;
  private building: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private unreadable = false;
  private readonly apart: boolean;
  /** When a failed rebuild is tried again, and the wait before that (0 while the last rebuild did not fail). */
  private retryAt: number | null = null;
  private retryWait = 0;
  private toldOfNewCode = false;

  constructor(
    private readonly dir: string,
    private readonly authorities: AuthorityDirectory,
    private readonly holder: IndexHolder,
    private readonly options: WatchOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? DEFAULT_WATCH_INTERVAL_MS;
    this.log = options.log ?? (() => undefined);
    this.warn = options.warn ?? this.log;
    this.cache = options.cache ?? new Map();
    this.apart = options.apart ?? true;
    this.served = options.loadedFingerprint ?? corpusFingerprint(dir);
    this.seen = this.served;
  }

  /** Starts looking at the folder every interval. */
  start(): this {
    if (!this.stopped) return this;
    this.stopped = false;
    this.schedule();
    return this;
  }

  /** Stops looking; a rebuild under way still finishes and is put in place. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** True while a new index is being built. */
  get rebuilding(): boolean {
    return this.building !== null;
  }

  /** Resolves when no rebuild is under way. */
  async idle(): Promise<void> {
    while (this.building) await this.building;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.tick().finally(() => this.schedule());
    }, this.intervalMs);
    // Watching alone does not keep the process alive.
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let now: string;
    try {
      now = corpusFingerprint(this.dir);
      this.unreadable = false;
    } catch (e) {
      if (!this.unreadable) this.warn(`cannot look at ${this.dir} (${(e as Error).message}); still serving the index loaded at ${this.holder.loadedAt.toISOString()}`);
      this.unreadable = true;
      return;
    }
    if (now !== this.seen) {
      // Files are still arriving or being written: wait until the folder is quiet for one interval.
      this.seen = now;
      return;
    }
    const retry = this.retryAt !== null && Date.now() >= this.retryAt;
    if ((now === this.served && !retry) || this.building) return;
    this.building = this.rebuild(now).finally(() => {
      this.building = null;
    });
    await this.building;
  }

  private async rebuild(fingerprint: string): Promise<void> {
    const started = Date.now();
    this.log(`${this.dir} changed; building a new index`);
    try {
      const next = await this.build(fingerprint);
      this.retryAt = null;
      this.retryWait = 0;
      if (next) {
        this.holder.swap(next);
        this.log(`new index in place in ${((Date.now() - started) / 1000).toFixed(1)} s: ${next.corpus.documents.length} documents, ` +
          `${next.corpus.passages.length} passages, ${next.timeline.events.length} events`);
        this.options.onSwap?.(next);
      }
    } catch (e) {
      this.retryWait = Math.min(RETRY_MAX_MS, this.retryWait ? this.retryWait * 2 : this.options.retryMs ?? RETRY_FIRST_MS);
      this.retryAt = Date.now() + this.retryWait;
      this.warn(`rebuilding the index of ${this.dir} failed (${(e as Error).message}); still serving the index loaded at ` +
        `${this.holder.loadedAt.toISOString()}; trying again in ${seconds(this.retryWait)}, or when the folder changes again`);
    }
    this.served = fingerprint;
  }

  /** The new index; null when the folder changed again while it was built (the next look builds that). */
  private async build(fingerprint: string): Promise<CorpusIndex | null> {
    const options = { snapshot: true, cache: this.cache, log: this.log, warn: this.warn };
    if (!this.apart || isReadOnly(this.dir)) return openCorpus(this.dir, this.authorities, options);
    if (engineCodeChanged()) {
      if (!this.toldOfNewCode) this.warn('the engine\'s code changed on disk since the bot started (dist/ built again): changed indexes are built on the main thread; restart the bot to run the new code');
      this.toldOfNewCode = true;
      return openCorpus(this.dir, this.authorities, options);
    }
    await saveSnapshotApart(this.dir, this.authorities, { log: this.log, warn: this.warn });
    const restored = restoreCorpus(this.dir, this.authorities, { cache: this.cache, warn: this.warn });
    if (restored) return restored;
    if (corpusFingerprint(this.dir) !== fingerprint) {
      this.log(`${this.dir} changed again while the index was built; building it again once the folder is quiet`);
      return null;
    }
    // The worker could not save the snapshot (it said why): build here instead.
    this.log('the snapshot built on a worker thread could not be saved; building the index on the main thread');
    return openCorpus(this.dir, this.authorities, options);
  }
}

/** "30 s", "2 min": a wait as people read it. */
function seconds(ms: number): string {
  return ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}
