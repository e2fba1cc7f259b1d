import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AuthorityDirectory } from '../corpus/authorities';
import { catalogFolders, listReportFiles, loadCorpus, type ProgressListener } from '../corpus/loadCorpus';
import type { Corpus } from '../corpus/types';
import { buildTimeline } from '../timeline/buildTimeline';
import type { Timeline } from '../timeline/types';
import { CorpusIndex } from './CorpusIndex';

/** Bumped whenever extraction or indexing changes, so older snapshots are rebuilt. */
export const ENGINE_VERSION = 1;

/** Where a corpus folder keeps its snapshot. */
export function snapshotPath(dir: string): string {
  return join(dir, '.index', 'snapshot.json');
}

interface Snapshot {
  key: string;
  corpus: Corpus;
  timeline: Timeline;
  index: string;
}

export interface OpenOptions {
  /** Reuse and save the snapshot beside the corpus (default true). */
  snapshot?: boolean;
  onProgress?: ProgressListener;
  /** Told when the snapshot is used, rebuilt or cannot be written. */
  log?: (message: string) => void;
  /** Rebuild and save even when the snapshot is current. */
  forceRebuild?: boolean;
}

let engineHash: string | null = null;

/** A hash of the engine's own code (corpus, timeline, search), so a new version never reuses an old snapshot. */
function engineCodeHash(): string {
  if (engineHash) return engineHash;
  const h = createHash('sha256');
  for (const folder of ['corpus', 'timeline', 'search']) {
    const path = resolve(__dirname, '..', folder);
    for (const f of readdirSync(path).filter((x) => /\.(?:js|ts)$/.test(x)).sort()) h.update(readFileSync(join(path, f)));
  }
  engineHash = h.digest('hex');
  return engineHash;
}

/** A key over everything the index is made from: the sources' bytes, the catalog, the authority list, the engine. */
export function sourcesKey(dir: string, files: string[], authorities: AuthorityDirectory): string {
  const h = createHash('sha256');
  h.update(`engine ${ENGINE_VERSION} ${engineCodeHash()}\n`);
  h.update(JSON.stringify(authorities.all));
  for (const f of [...files, ...catalogFolders(files).map((d) => (d ? `${d}/catalog.json` : 'catalog.json'))].sort()) {
    h.update(`\n${f}\n`);
    try {
      h.update(readFileSync(join(dir, f)));
    } catch {
      h.update('(none)');
    }
  }
  return h.digest('hex');
}

/**
 * Opens a corpus folder: reloads its snapshot when the sources are unchanged, else reads, extracts and indexes
 * them and saves a new snapshot (a folder that cannot be written to is served without one).
 */
export async function openCorpus(dir: string, authorities: AuthorityDirectory, options: OpenOptions = {}): Promise<CorpusIndex> {
  const useSnapshot = options.snapshot ?? true;
  const log = options.log ?? (() => undefined);
  const key = sourcesKey(dir, listReportFiles(dir), authorities);
  if (useSnapshot && !options.forceRebuild) {
    try {
      const snap = JSON.parse(readFileSync(snapshotPath(dir), 'utf8')) as Snapshot;
      if (snap.key === key) return CorpusIndex.restore(snap.corpus, snap.timeline, authorities, snap.index);
      log('the sources or the engine changed since the snapshot; rebuilding the index');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') log(`snapshot unreadable (${(e as Error).message}); rebuilding`);
    }
  }
  const corpus = await loadCorpus(dir, authorities, options.onProgress);
  const timeline = buildTimeline(corpus, authorities);
  const index = CorpusIndex.build(corpus, timeline, authorities);
  // A folder whose permissions say read-only (a shared copy) is left as it is, even for root.
  const readOnly = (statSync(dir).mode & 0o222) === 0;
  if (useSnapshot && !readOnly) {
    try {
      const path = snapshotPath(dir);
      mkdirSync(join(dir, '.index'), { recursive: true });
      const snap: Snapshot = { key, corpus, timeline, index: index.indexJson() };
      writeFileSync(`${path}.tmp`, JSON.stringify(snap));
      renameSync(`${path}.tmp`, path);
    } catch (e) {
      log(`snapshot not saved (${(e as Error).message})`);
    }
  }
  return index;
}
