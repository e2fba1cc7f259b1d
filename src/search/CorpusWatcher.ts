import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthorityDirectory } from '../corpus/authorities';
import { catalogFolders, listReportFiles } from '../corpus/loadCorpus';
import type { CorpusIndex } from './CorpusIndex';
import type { IndexHolder } from './IndexHolder';
import { openCorpus, type SourceCache } from './openCorpus';

/** How often the data folder is looked at by default, in ms. */
export const DEFAULT_WATCH_INTERVAL_MS = 2000;

/**
 * A cheap summary of a corpus folder: the path, size and modification time of every report file and catalog. Any
 * file added, removed or rewritten changes it; nothing is read.
 */
export function corpusFingerprint(dir: string): string {
  const files = listReportFiles(dir);
  const catalogs = catalogFolders(files).map((d) => (d ? `${d}/catalog.json` : 'catalog.json'));
  return [...files, ...catalogs].map((f) => {
    try {
      const s = statSync(join(dir, f));
      return `${f} ${s.size} ${s.mtimeMs}`;
    } catch {
      return `${f} -`;
    }
  }).join('\n');
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
}

/**
 * Watches a corpus folder by polling: when its files change, builds a new index aside (reading only the changed
 * files) and swaps it into the holder whole. While it builds, and when the build fails, the old index is served.
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
    if (now === this.served || this.building) return;
    this.building = this.rebuild(now).finally(() => {
      this.building = null;
    });
    await this.building;
  }

  private async rebuild(fingerprint: string): Promise<void> {
    const started = Date.now();
    this.log(`${this.dir} changed; building a new index`);
    try {
      const next = await openCorpus(this.dir, this.authorities, {
        snapshot: true, cache: this.cache, log: this.log, warn: this.warn,
      });
      this.holder.swap(next);
      this.log(`new index in place in ${((Date.now() - started) / 1000).toFixed(1)} s: ${next.corpus.documents.length} documents, ` +
        `${next.corpus.passages.length} passages, ${next.timeline.events.length} events`);
      this.options.onSwap?.(next);
    } catch (e) {
      this.warn(`rebuilding the index of ${this.dir} failed (${(e as Error).message}); still serving the index loaded at ` +
        `${this.holder.loadedAt.toISOString()}, until the folder changes again`);
    }
    // A failed build is not retried until the folder changes again.
    this.served = fingerprint;
  }
}
