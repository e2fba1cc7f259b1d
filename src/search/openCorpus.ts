import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { AuthorityDirectory } from '../corpus/authorities';
import {
  assembleCorpus, catalogFolders, corpusCatalog, listReportFiles, type ProgressListener, readSourceFile, type SourceFile,
} from '../corpus/loadCorpus';
import type { CatalogEntry, CorpusWarning } from '../corpus/types';
import { documentFindings, timelineOf } from '../timeline/buildTimeline';
import type { DocumentFindings } from '../timeline/extractDocument';
import type { Timeline } from '../timeline/types';
import { CorpusIndex } from './CorpusIndex';

/** Bumped whenever extraction or indexing changes, so older snapshots are rebuilt. */
export const ENGINE_VERSION = 1;

/** The layout of snapshot.json; a snapshot of another layout is rebuilt. */
export const SNAPSHOT_VERSION = 2;

/** Where a corpus folder keeps its snapshot. */
export function snapshotPath(dir: string): string {
  return join(dir, '.index', 'snapshot.json');
}

/** One report file as read and extracted, reused while its key (its bytes, catalog entry and the engine) is unchanged. */
export interface SourceRecord extends SourceFile {
  key: string;
  findings: DocumentFindings;
}

/** Report files as read, by path relative to the corpus folder: pass the same map to successive opens of a folder. */
export type SourceCache = Map<string, SourceRecord>;

interface Snapshot {
  version: typeof SNAPSHOT_VERSION;
  /** Over the engine, every source's key and the catalogs: equal, the whole snapshot is reused. */
  key: string;
  /** Over the engine's code and the authority list: unequal, no source is reused. */
  engine: string;
  sources: Record<string, SourceRecord>;
  catalogWarnings: CorpusWarning[];
  timeline: Timeline;
  index: string;
}

const anyArray = z.array(z.unknown());

// The top of the snapshot and of each source: enough to tell a truncated or foreign file, cheap on a large corpus.
const snapshotShape = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  key: z.string(),
  engine: z.string(),
  sources: z.record(z.string(), z.object({
    key: z.string(),
    document: z.object({ file: z.string(), text: z.string() }).loose().nullable(),
    passages: anyArray,
    warnings: anyArray,
    findings: z.object({ drafts: anyArray, expectations: anyArray, counts: anyArray }),
  })),
  catalogWarnings: anyArray,
  timeline: z.object({ events: anyArray, expectations: anyArray, counts: anyArray }),
  index: z.string(),
});

export interface OpenOptions {
  /** Reuse and save the snapshot beside the corpus (default true). */
  snapshot?: boolean;
  /** Called after each file that is read (not for files reused from the snapshot): `total` counts those read. */
  onProgress?: ProgressListener;
  /** Told when the snapshot is used, updated or cannot be written. */
  log?: (message: string) => void;
  /** Told when the snapshot is corrupt and is rebuilt (default: `log`). */
  warn?: (message: string) => void;
  /** Read every file again, even those unchanged since the snapshot, and save a new one. */
  forceRebuild?: boolean;
  /** Files read by an earlier open of the same folder, consulted before the snapshot; updated with this open's. */
  cache?: SourceCache;
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

/** A key over what every file's reading depends on besides the file: the engine's code and the authority list. */
function engineKey(authorities: AuthorityDirectory): string {
  return createHash('sha256').update(`engine ${ENGINE_VERSION} ${engineCodeHash()}\n`).update(JSON.stringify(authorities.all)).digest('hex');
}

/** A file's key: its path, bytes and catalog entry under one engine; null when it cannot be read (so never reused). */
function sourceKey(dir: string, file: string, entry: CatalogEntry | undefined, engine: string): string | null {
  try {
    const bytes = readFileSync(join(dir, file));
    return createHash('sha256').update(`${engine}\n${file}\n${JSON.stringify(entry ?? null)}\n`).update(bytes).digest('hex');
  } catch {
    return null;
  }
}

/** A key over everything the index is made from: the sources' keys, the catalogs' bytes and the engine. */
function corpusKey(dir: string, engine: string, keys: Map<string, string | null>): string {
  const h = createHash('sha256');
  h.update(`${engine}\n`);
  for (const [file, key] of keys) h.update(`${file} ${key ?? '(unreadable)'}\n`);
  for (const folder of catalogFolders([...keys.keys()])) {
    const catalog = folder ? `${folder}/catalog.json` : 'catalog.json';
    h.update(`\n${catalog}\n`);
    try {
      h.update(readFileSync(join(dir, catalog)));
    } catch {
      h.update('(none)');
    }
  }
  return h.digest('hex');
}

/** The snapshot, or null when there is none; a corrupt one is reported through `warn` and comes back as null. */
function readSnapshot(dir: string, warn: (message: string) => void): Snapshot | null {
  const path = snapshotPath(dir);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') warn(`snapshot ${path} is unreadable (${(e as Error).message}); rebuilding it from the sources`);
    return null;
  }
  const version = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['version'] : undefined;
  if (version !== SNAPSHOT_VERSION) {
    warn(`snapshot ${path} has layout ${JSON.stringify(version ?? 1)}, not ${SNAPSHOT_VERSION}; rebuilding it from the sources`);
    return null;
  }
  const checked = snapshotShape.safeParse(raw);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    warn(`snapshot ${path} is not a snapshot of this engine (${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'not valid'}); rebuilding it from the sources`);
    return null;
  }
  // Checked at the top only: the passages and events inside are the engine's own output.
  return raw as Snapshot;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Opens a corpus folder. When nothing changed since its snapshot, the snapshot is reloaded as it is. Otherwise only
 * the files that changed or were added are read and extracted again (the others come from the snapshot or `cache`),
 * removed ones are dropped, and the timeline and search index are rebuilt from all of them; the new snapshot is
 * saved (a folder that cannot be written to is served without one). A corrupt snapshot is reported and rebuilt.
 */
export async function openCorpus(dir: string, authorities: AuthorityDirectory, options: OpenOptions = {}): Promise<CorpusIndex> {
  const useSnapshot = options.snapshot ?? true;
  const log = options.log ?? (() => undefined);
  const warn = options.warn ?? log;
  const engine = engineKey(authorities);
  const files = listReportFiles(dir);
  const catalog = corpusCatalog(dir, files);
  const keys = new Map(files.map((f) => [f, sourceKey(dir, f, catalog.entries.get(f), engine)]));
  const key = corpusKey(dir, engine, keys);

  const known = new Map<string, SourceRecord>();
  if (!options.forceRebuild) {
    for (const [file, record] of options.cache ?? []) known.set(file, record);
    const snap = useSnapshot ? readSnapshot(dir, warn) : null;
    if (snap?.key === key && files.every((f) => snap.sources[f])) {
      try {
        const sources = files.map((f) => snap.sources[f]!);
        const index = CorpusIndex.restore(assembleCorpus(dir, snap.catalogWarnings, sources), snap.timeline, authorities, snap.index);
        remember(options.cache, files, sources);
        return index;
      } catch (e) {
        warn(`snapshot ${snapshotPath(dir)} could not be restored (${(e as Error).message}); rebuilding it from the sources`);
      }
    } else if (snap && snap.engine !== engine) {
      log('the engine or the authority list changed since the snapshot; reading every file again');
    } else if (snap) {
      for (const [file, record] of Object.entries(snap.sources)) if (!known.has(file)) known.set(file, record);
    }
  }

  const toRead = files.filter((f) => keys.get(f) === null || known.get(f)?.key !== keys.get(f));
  if (known.size) {
    const removed = [...known.keys()].filter((f) => !keys.has(f)).length;
    log(`${plural(toRead.length, 'file')} changed or added and ${removed} removed since the snapshot; ` +
      `${toRead.length ? 'reading those' : 'reusing the rest'} and rebuilding the timeline and index`);
  }
  const sources: SourceRecord[] = [];
  let done = 0;
  for (const file of files) {
    const reused = toRead.includes(file) ? undefined : known.get(file);
    if (reused) {
      sources.push(reused);
      continue;
    }
    const read = await readSourceFile(dir, file, catalog.entries.get(file), authorities);
    const findings: DocumentFindings = read.document
      ? documentFindings(read.document, read.passages, authorities)
      : { drafts: [], expectations: [], counts: [] };
    sources.push({ ...read, findings, key: keys.get(file) ?? '' });
    options.onProgress?.(++done, toRead.length, file);
  }
  const corpus = assembleCorpus(dir, catalog.warnings, sources);
  // Merging joins and amends drafts in place; the records keep their own for the next open.
  const timeline = timelineOf(structuredClone(sources.map((s) => s.findings)));
  const index = CorpusIndex.build(corpus, timeline, authorities);
  remember(options.cache, files, sources);

  // A folder whose permissions say read-only (a shared copy) is left as it is, even for root.
  const readOnly = (statSync(dir).mode & 0o222) === 0;
  if (useSnapshot && !readOnly) {
    try {
      const path = snapshotPath(dir);
      mkdirSync(join(dir, '.index'), { recursive: true });
      const snap: Snapshot = {
        version: SNAPSHOT_VERSION, key, engine, catalogWarnings: catalog.warnings, timeline, index: index.indexJson(),
        // A file that could not be hashed is read again next time.
        sources: Object.fromEntries(files.flatMap((f, i) => (sources[i]!.key ? [[f, sources[i]!] as const] : []))),
      };
      writeFileSync(`${path}.tmp`, JSON.stringify(snap));
      renameSync(`${path}.tmp`, path);
    } catch (e) {
      log(`snapshot not saved (${(e as Error).message})`);
    }
  }
  return index;
}

function remember(cache: SourceCache | undefined, files: string[], sources: SourceRecord[]): void {
  if (!cache) return;
  cache.clear();
  files.forEach((f, i) => {
    if (sources[i]!.key) cache.set(f, sources[i]!);
  });
}
