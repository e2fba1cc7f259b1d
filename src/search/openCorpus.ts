import { createHash, type Hash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { AsPlainObject } from 'minisearch';
import { z } from 'zod';
import type { AuthorityDirectory } from '../corpus/authorities';
import {
  assembleCorpus, catalogFolders, corpusCatalog, listReportEntries, MAX_DOCUMENT_BYTES, type ProgressListener, readSourceFile, type ReportListing, type SourceFile,
} from '../corpus/loadCorpus';
import { MAX_CATALOG_BYTES } from '../corpus/catalog';
import { readRegularFile } from '../corpus/readDocument';
import type { CatalogEntry, CorpusWarning, Passage, SourceDocument } from '../corpus/types';
import { documentFindings, timelineOf } from '../timeline/buildTimeline';
import type { DocumentFindings } from '../timeline/extractDocument';
import type { Timeline } from '../timeline/types';
import { CorpusIndex, type IndexLoader, type IndexStore } from './CorpusIndex';

/** Bumped whenever extraction or indexing changes, so older snapshots are rebuilt. */
export const ENGINE_VERSION = 3;

/** The layout of snapshot.json, its text file and its index files; a snapshot of another layout is rebuilt. */
export const SNAPSHOT_VERSION = 5;

/** Where a corpus folder keeps its snapshot: this manifest, with the documents' text and the search indexes in files beside it. */
export function snapshotPath(dir: string): string {
  return join(dir, '.index', 'snapshot.json');
}

/** One report file as read and extracted, reused while its key (its bytes, catalog entry and the engine) is unchanged. */
export interface SourceRecord extends SourceFile {
  key: string;
  /** The file's size and modification time when read: unchanged, its bytes are taken to be unchanged too. */
  stat: string;
  /** SHA-256 of the file's bytes. */
  bytes: string;
  /** What extraction found in the file; null while it is still in `findingsFile` (read only when the timeline is rebuilt). */
  findings: DocumentFindings | null;
  /** The snapshot's findings file that holds this file's findings, when `findings` is null. */
  findingsFile?: string | undefined;
}

/** Report files as read, by path relative to the corpus folder: pass the same map to successive opens of a folder. */
export type SourceCache = Map<string, SourceRecord>;

interface Snapshot {
  version: typeof SNAPSHOT_VERSION;
  /**
   * SHA-256 of each file of `.index/` the snapshot names (its text, findings and index files), by name: a file that
   * does not match is not used. snapshot.json itself carries the checksum of the rest of it as its first field.
   */
  checksums: Record<string, string>;
  /** Over the engine, every source's key and the catalogs: equal, the whole snapshot is reused. */
  key: string;
  /** Over the engine's code and the authority list: unequal, no source is reused. */
  engine: string;
  /** Over the engine, the files' names, sizes and times, and the catalogs (see `quickKey`). */
  quick: string;
  /** Passages are saved as rows, without their text, which is their document's text between their offsets. */
  sources: Record<string, SavedSource>;
  /**
   * The documents' text, one after another, in a file of `.index/`, and its length in UTF-16 code units: read as one
   * string, it needs no JSON parsing, and each document's text is a slice of it. Null when no text is saved there.
   */
  texts: { file: string; length: number } | null;
  /**
   * The sources' findings by file, in a file of `.index/`: needed only to rebuild the timeline when a source changed,
   * so a snapshot reloaded as it is does not read them.
   */
  findings: string | null;
  catalogWarnings: CorpusWarning[];
  timeline: Timeline;
  /** The search indexes' files in `.index/`, by key (see `CorpusIndex.shardKeys`). */
  indexes: Record<string, string>;
}

// An array whose items are not looked at: a snapshot holds hundreds of thousands of them.
/** The name of an index file in `.index/`: the snapshot's key, then a number. */
const INDEX_FILE = /^index-[0-9a-f]{12}-\d+\.json$/;

/** The name of the documents' text file in `.index/`: the snapshot's key. */
const TEXTS_FILE = /^texts-[0-9a-f]{12}\.txt$/;

/** The name of the sources' findings file in `.index/`: the snapshot's key. */
const FINDINGS_FILE = /^findings-[0-9a-f]{12}\.json$/;

const SHA256 = /^[0-9a-f]{64}$/;

const anyArray = z.custom<unknown[]>((v) => Array.isArray(v), 'expected an array');

/** A passage as saved: its index, number, heading and offsets; its id and file follow from its source's. */
type PassageRow = [index: number, number: string | null, heading: string | null, start: number, end: number];

/** A document as saved: its text as it is, or where it starts in the snapshot's text file and how long it is. */
type SavedDocument = Omit<SourceDocument, 'text'> & { text?: string; at?: [start: number, length: number] };

/** A source as saved: its document, and its passages as rows where they are plain, or as they are. */
type SavedSource = Omit<SourceRecord, 'passages' | 'document' | 'findings' | 'findingsFile'> & {
  document: SavedDocument | null;
  passages: (PassageRow | Passage)[];
};

// The top of the snapshot and of each source: enough to tell a truncated or foreign file, cheap on a large corpus.
const snapshotShape = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  key: z.string(),
  engine: z.string(),
  quick: z.string(),
  // Each source is checked by `sourceProblem`, cheaper than a schema at thousands of files.
  sources: z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'expected an object'),
  catalogWarnings: anyArray,
  timeline: z.object({ events: anyArray, expectations: anyArray, counts: anyArray }),
  indexes: z.record(z.string(), z.string().regex(INDEX_FILE)),
  texts: z.object({ file: z.string().regex(TEXTS_FILE), length: z.number().int().nonnegative() }).nullable(),
  findings: z.string().regex(FINDINGS_FILE).nullable(),
  checksums: z.record(z.string(), z.string().regex(SHA256)),
});

/** A SHA-256 as the snapshot writes it. */
const SHA256_HEX = '[0-9a-f]{64}';
/** How snapshot.json starts: the checksum of what follows it (its other fields, as `{` and the rest). */
const CHECKSUM_FIELD = new RegExp(`^\\{"checksum":"(${SHA256_HEX})",`);

/**
 * The checksums of the snapshot files (by path) this thread read of a snapshot or wrote itself: a findings or index
 * file is used only when it matches, as it is read later than its snapshot.
 */
const knownChecksums = new Map<string, string>();

/** Takes a snapshot's checksums of its files as those to check them against. */
function knowChecksums(dir: string, snap: Snapshot): void {
  for (const [file, sum] of Object.entries(snap.checksums)) knownChecksums.set(join(dir, '.index', file), sum);
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

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
  /**
   * Build the search indexes on worker threads, each in a small heap of its own, when the corpus has at least this
   * many passages (default `INDEX_THREADS_FROM`; 0 for always). Only indexes saved with the snapshot are.
   */
  indexThreadsFrom?: number;
  /** How many worker threads build the indexes (default: one per core but one, at least one). */
  indexThreads?: number;
}

/**
 * Passages from which the indexes are built on worker threads by default: below it a worker's start costs more than
 * the memory it saves.
 */
export const INDEX_THREADS_FROM = 20_000;

let engineHash: string | null = null;

/** A hash of the engine's own code (corpus, timeline, search), so a new version never reuses an old snapshot. */
function engineCodeHash(): string {
  engineHash ??= hashEngineCode();
  return engineHash;
}

/** The engine's code as it is on disk now, hashed. */
function hashEngineCode(): string {
  const h = createHash('sha256');
  for (const folder of ['corpus', 'reading', 'timeline', 'search']) {
    const path = resolve(__dirname, '..', folder);
    for (const f of readdirSync(path).filter((x) => /\.(?:js|ts)$/.test(x)).sort()) h.update(readFileSync(join(path, f)));
  }
  return h.digest('hex');
}

/**
 * True when the engine's code on disk is no longer the code this process opened its first corpus with (dist/ was
 * built again since): a worker thread would run the new code, whose snapshot this process would not take.
 */
export function engineCodeChanged(): boolean {
  return engineHash !== null && hashEngineCode() !== engineHash;
}

/** A key over what every file's reading depends on besides the file: the engine's code and the authority list. */
function engineKey(authorities: AuthorityDirectory): string {
  return createHash('sha256').update(`engine ${ENGINE_VERSION} ${engineCodeHash()}\n`).update(JSON.stringify(authorities.all)).digest('hex');
}

/** What a file's key is made from: the hash of its bytes and its size and modification time. */
interface FileKey {
  key: string;
  stat: string;
  bytes: string;
}

/**
 * A file's key: its path, bytes and catalog entry under one engine; null when it cannot be read (so never reused).
 * The bytes are read and hashed only when the file's size or modification time differ from those of `known`.
 */
function sourceKey(dir: string, file: string, entry: CatalogEntry | undefined, engine: string, known: SourceRecord | undefined): FileKey | null {
  try {
    const path = join(dir, file);
    const stat = fileStat(path);
    if (stat === null) return null;
    // A file too large to be read is not read to be hashed either: its size and time stand for its bytes.
    const tooLarge = Number(stat.split(' ')[0]) > MAX_DOCUMENT_BYTES;
    const bytes = known && known.stat === stat && known.bytes ? known.bytes
      : tooLarge ? `unread ${stat}` : createHash('sha256').update(readRegularFile(path, MAX_DOCUMENT_BYTES)).digest('hex');
    const key = createHash('sha256').update(`${engine}\n${file}\n${JSON.stringify(entry ?? null)}\n${bytes}`).digest('hex');
    return { key, stat, bytes };
  } catch {
    return null;
  }
}

/** A key over everything the index is made from: the sources' keys, the catalogs' bytes and the engine. */
function corpusKey(dir: string, engine: string, keys: Map<string, FileKey | null>, skipped: CorpusWarning[]): string {
  const h = createHash('sha256');
  h.update(`${engine}\n`);
  hashSkipped(h, skipped);
  for (const [file, key] of keys) h.update(`${file} ${key?.key ?? '(unreadable)'}\n`);
  hashCatalogs(h, dir, [...keys.keys()]);
  return h.digest('hex');
}

/**
 * A key over what can be had without reading the sources: the engine, each file's name, size and modification time,
 * and the catalogs' bytes. Equal to the snapshot's, the snapshot is reloaded as it is, without parsing the catalogs
 * or hashing each file's key (the sources' bytes are taken to be unchanged while their size and time are, as
 * `sourceKey` takes them).
 */
function quickKey(dir: string, engine: string, files: string[], skipped: CorpusWarning[]): string {
  const h = createHash('sha256');
  h.update(`${engine}\n`);
  hashSkipped(h, skipped);
  for (const file of files) h.update(`${file} ${fileStat(join(dir, file)) ?? '(unreadable)'}\n`);
  hashCatalogs(h, dir, files);
  return h.digest('hex');
}

/** The entries the listing skipped (a pipe, a link out of the folder): told in the snapshot's warnings, so a change to them is one to the snapshot. */
function hashSkipped(h: Hash, skipped: CorpusWarning[]): void {
  for (const s of skipped) h.update(`skipped ${s.file} ${s.message}\n`);
}

/** A file's size and modification time, or null when it cannot be had. */
function fileStat(path: string): string | null {
  try {
    const s = statSync(path);
    return `${s.size} ${s.mtimeMs}`;
  } catch {
    return null;
  }
}

function hashCatalogs(h: Hash, dir: string, files: string[]): void {
  for (const folder of catalogFolders(files)) {
    const catalog = folder ? `${folder}/catalog.json` : 'catalog.json';
    h.update(`\n${catalog}\n`);
    try {
      h.update(readRegularFile(join(dir, catalog), MAX_CATALOG_BYTES));
    } catch (e) {
      h.update((e as NodeJS.ErrnoException).code === 'ENOENT' ? '(none)' : `(unread: ${(e as Error).message})`);
    }
  }
}

/** The snapshot, or null when there is none; a corrupt one is reported through `warn` and comes back as null. */
function readSnapshot(dir: string, warn: (message: string) => void): Snapshot | null {
  const path = snapshotPath(dir);
  let raw: unknown;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
    raw = JSON.parse(text);
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
  const saved = raw as Snapshot & { checksum?: string };
  for (const [file, source] of Object.entries(saved.sources)) {
    const problem = sourceProblem(source);
    if (problem) {
      warn(`snapshot ${path} is not a snapshot of this engine (sources.${file}.${problem}); rebuilding it from the sources`);
      return null;
    }
  }
  // An edit that leaves it well formed (a judgement changed) is told by its checksum.
  const sum = CHECKSUM_FIELD.exec(text);
  if (!sum || sha256(`{${text.slice(sum[0].length)}`) !== sum[1]) {
    warn(`snapshot ${path} does not match its checksum ${sum ? '(it was changed after it was written)' : '(it has none)'}; rebuilding it from the sources`);
    return null;
  }
  delete saved.checksum;
  return saved;
}

/** What is wrong with the top of a saved source ("key: expected a string"), or null; as cheap as can be at 100,000 passages. */
function sourceProblem(source: unknown): string | null {
  if (typeof source !== 'object' || source === null) return '(top): expected an object';
  const s = source as Record<string, unknown>;
  for (const field of ['key', 'stat', 'bytes']) if (typeof s[field] !== 'string') return `${field}: expected a string`;
  for (const field of ['passages', 'warnings']) if (!Array.isArray(s[field])) return `${field}: expected an array`;
  const d = s['document'] as Record<string, unknown> | null;
  if (d !== null && (typeof d !== 'object' || typeof d['file'] !== 'string' || !(typeof d['text'] === 'string' || isSpan(d['at'])))) {
    return 'document: expected a document or null';
  }
  return null;
}

function isFindings(f: unknown): f is DocumentFindings {
  return typeof f === 'object' && f !== null && ['drafts', 'expectations', 'counts'].every((k) => Array.isArray((f as Record<string, unknown>)[k]));
}

/**
 * Fills in the findings of records that have them still in a findings file, reading each such file once. Gives the
 * files whose findings could not be had (the file gone, unreadable, or without them), with a warning: those are read
 * again from the sources.
 */
function loadFindings(records: Map<string, SourceRecord>, warn: (message: string) => void): Set<string> {
  const missing = new Set<string>();
  const files = new Map<string, Record<string, unknown> | null>();
  for (const [file, record] of records) {
    if (record.findings || !record.findingsFile) continue;
    const path = record.findingsFile;
    if (!files.has(path)) {
      try {
        const bytes = readFileSync(path);
        const expected = knownChecksums.get(path);
        if (!expected || sha256(bytes) !== expected) throw new Error('it does not match its checksum in the snapshot');
        const read = JSON.parse(bytes.toString('utf8')) as unknown;
        if (typeof read !== 'object' || read === null || Array.isArray(read)) throw new Error('expected an object of findings by file');
        files.set(path, read as Record<string, unknown>);
      } catch (e) {
        warn(`snapshot findings file ${path} is unreadable (${(e as Error).message}); reading its sources again`);
        files.set(path, null);
      }
    }
    const found = files.get(path)?.[file];
    if (isFindings(found)) {
      record.findings = found;
      record.findingsFile = undefined;
    } else {
      if (files.get(path)) warn(`snapshot findings file ${path} has no findings for ${file}; reading it again`);
      missing.add(file);
    }
  }
  return missing;
}

function isSpan(at: unknown): at is [number, number] {
  return Array.isArray(at) && at.length === 2 && at.every((n) => Number.isInteger(n) && (n as number) >= 0);
}

/**
 * The snapshot's text file, checked against the length the snapshot gives it; null, with a warning, when it is missing
 * or of another length (the snapshot is then rebuilt).
 */
function readTexts(dir: string, snap: Snapshot, warn: (message: string) => void): string | null {
  if (!snap.texts) return '';
  const path = join(dir, '.index', snap.texts.file);
  try {
    const bytes = readFileSync(path);
    const texts = bytes.toString('utf8');
    if (texts.length === snap.texts.length && sha256(bytes) !== snap.checksums[snap.texts.file]) {
      warn(`snapshot text file ${path} does not match its checksum; rebuilding the snapshot from the sources`);
      return null;
    }
    if (texts.length === snap.texts.length) return texts;
    warn(`snapshot text file ${path} holds ${texts.length} characters, not ${snap.texts.length}; rebuilding the snapshot from the sources`);
  } catch (e) {
    warn(`snapshot text file ${path} is unreadable (${(e as Error).message}); rebuilding the snapshot from the sources`);
  }
  return null;
}

/** A saved source as read: its document's text from the text file, and its passages whole again, with their text from the document's. */
function restoreSource(file: string, saved: SavedSource, texts: string, findingsFile: string | undefined): SourceRecord {
  let document: SourceDocument | null = null;
  if (saved.document) {
    const { at, text, ...rest } = saved.document;
    document = { ...rest, text: at ? texts.slice(at[0], at[0] + at[1]) : text ?? '' };
  }
  const text = document?.text ?? '';
  const passages = saved.passages.map((p): Passage => {
    if (!Array.isArray(p)) return p.text === undefined ? { ...p, text: text.slice(p.start, p.end) } : p;
    const [index, number, heading, start, end] = p;
    return { id: `${file}#${index}`, file, index, number, heading, start, end, text: text.slice(start, end) };
  });
  return { ...saved, document, passages, findings: null, findingsFile };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The snapshot of a folder as read, its sources restored, the folder's quick key now, and how to serve the snapshot as it is. */
interface SavedState {
  snap: Snapshot | null;
  saved: Map<string, SourceRecord>;
  quick: string;
  /** The snapshot's index, its sources remembered in the cache; only when every file is among `saved`. */
  restore: () => CorpusIndex;
}

function savedState(
  dir: string, authorities: AuthorityDirectory, engine: string, listing: ReportListing, read: boolean, warn: (message: string) => void, cache: SourceCache | undefined,
): SavedState {
  const { files, skipped } = listing;
  const snap = read ? readSnapshot(dir, warn) : null;
  if (snap) knowChecksums(dir, snap);
  const texts = snap && snap.engine === engine ? readTexts(dir, snap, warn) : null;
  const saved = new Map<string, SourceRecord>();
  const findingsFile = snap?.findings ? join(dir, '.index', snap.findings) : undefined;
  if (snap && texts !== null) for (const [file, record] of Object.entries(snap.sources)) saved.set(file, restoreSource(file, record, texts, findingsFile));
  const quick = quickKey(dir, engine, files, skipped);
  const restore = (): CorpusIndex => {
    const sources = files.map((f) => saved.get(f)!);
    const index = CorpusIndex.restore(assembleCorpus(dir, snap!.catalogWarnings, sources), snap!.timeline, authorities, {
      keys: Object.keys(snap!.indexes), load: indexFileLoader(join(dir, '.index'), new Map(Object.entries(snap!.indexes))), warn,
    });
    remember(cache, files, sources);
    void index.warmUp(false);
    return index;
  };
  return { snap, saved, quick, restore };
}

/**
 * The folder's index from its snapshot alone, when the snapshot is of the folder as it is now (every file's name, size
 * and modification time, and the catalogs, as when it was saved); null otherwise, having read nothing but the
 * snapshot. Reading no source, it takes a fraction of the time a build does: a build done elsewhere (a worker thread
 * that saved the snapshot) is put in service with it.
 */
export function restoreCorpus(dir: string, authorities: AuthorityDirectory, options: Pick<OpenOptions, 'log' | 'warn' | 'cache'> = {}): CorpusIndex | null {
  const warn = options.warn ?? options.log ?? (() => undefined);
  const engine = engineKey(authorities);
  const listing = listReportEntries(dir);
  const files = listing.files;
  const { snap, saved, quick, restore } = savedState(dir, authorities, engine, listing, true, warn, options.cache);
  return snap?.quick === quick && files.every((f) => saved.has(f)) ? restore() : null;
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
  const listing = listReportEntries(dir);
  const files = listing.files;

  const { snap, saved, quick, restore } = savedState(dir, authorities, engine, listing, useSnapshot && !options.forceRebuild, warn, options.cache);
  if (snap?.quick === quick && files.every((f) => saved.has(f))) return restore();

  const catalog = corpusCatalog(dir, files, listing.skipped);
  const known = new Map<string, SourceRecord>();
  if (!options.forceRebuild) {
    for (const [file, record] of options.cache ?? []) known.set(file, record);
    for (const [file, record] of saved) if (!known.has(file)) known.set(file, record);
  }
  const keys = new Map(files.map((f) => [f, sourceKey(dir, f, catalog.entries.get(f), engine, known.get(f))]));
  const key = corpusKey(dir, engine, keys, listing.skipped);

  if (snap?.key === key && files.every((f) => saved.has(f))) {
    // Files touched but not changed: the snapshot takes their new times, so the next open need not hash them again.
    if (!isReadOnly(dir)) {
      try {
        for (const [file, source] of Object.entries(snap.sources)) {
          source.stat = keys.get(file)?.stat ?? source.stat;
          saved.get(file)!.stat = source.stat;
        }
        writeManifest(dir, { ...snap, quick });
      } catch (e) {
        log(`snapshot not updated (${(e as Error).message})`);
      }
    }
    return restore();
  }
  if (snap && snap.engine !== engine) log('the engine or the authority list changed since the snapshot; reading every file again');

  const reused = new Map(files.flatMap((f) => (keys.get(f) !== null && known.get(f)?.key === keys.get(f)?.key ? [[f, known.get(f)!] as const] : [])));
  const unfound = loadFindings(reused, warn);
  const toRead = files.filter((f) => !reused.has(f) || unfound.has(f));
  if (known.size) {
    const removed = [...known.keys()].filter((f) => !keys.has(f)).length;
    log(`${plural(toRead.length, 'file')} changed or added and ${removed} removed since the snapshot; ` +
      `${toRead.length ? 'reading those' : 'reusing the rest'} and rebuilding the timeline and index`);
  }
  const reading = new Set(toRead);
  const sources: SourceRecord[] = [];
  let done = 0;
  for (const file of files) {
    const reused = reading.has(file) ? undefined : known.get(file);
    if (reused) {
      sources.push(reused);
      continue;
    }
    const read = await readSourceFile(dir, file, catalog.entries.get(file), authorities);
    const findings: DocumentFindings = read.document
      ? documentFindings(read.document, read.passages, authorities)
      : { drafts: [], expectations: [], counts: [] };
    const k = keys.get(file);
    sources.push({ ...read, findings, key: k?.key ?? '', stat: k?.stat ?? '', bytes: k?.bytes ?? '' });
    options.onProgress?.(++done, toRead.length, file);
  }
  known.clear();
  saved.clear();
  const corpus = assembleCorpus(dir, catalog.warnings, sources);
  // Merging joins and amends drafts in place; the records keep their own for the next open.
  const timeline = timelineOf(structuredClone(sources.map((s) => s.findings!)));
  const readOnly = isReadOnly(dir);
  const folder = join(dir, '.index');
  const prefix = `index-${key.slice(0, 12)}-`;
  const named = new Map<string, string>();
  const written = new Map<string, string>();
  let store: IndexStore | null = null;
  if (useSnapshot && !readOnly) {
    try {
      mkdirSync(folder, { recursive: true });
      store = {
        fileFor: (k) => {
          if (!named.has(k)) named.set(k, `${prefix}${named.size}.json`);
          return join(folder, named.get(k)!);
        },
        saved: (k) => {
          written.set(k, named.get(k)!);
          const path = join(folder, named.get(k)!);
          knownChecksums.set(path, sha256(readFileSync(path)));
        },
        load: indexFileLoader(folder, written),
        warn,
      };
    } catch (e) {
      log(`snapshot not saved (${(e as Error).message})`);
    }
  }
  const apart = store !== null && corpus.passages.length >= (options.indexThreadsFrom ?? INDEX_THREADS_FROM);
  const index = apart ? await CorpusIndex.buildApart(corpus, timeline, authorities, store!, options.indexThreads) : CorpusIndex.build(corpus, timeline, authorities, store);
  remember(options.cache, files, sources);
  if (store) {
    let texts: TextFile | null = null;
    try {
      // An index the store could not take is written here, or the snapshot is not saved.
      for (const k of index.shardKeys()) {
        if (written.has(k)) continue;
        writeFileSync(store.fileFor(k), index.shardJson(k));
        store.saved(k);
      }
      texts = new TextFile(join(folder, `texts-${key.slice(0, 12)}.txt`));
      const snap: Snapshot = {
        version: SNAPSHOT_VERSION, key, engine, quick, catalogWarnings: catalog.warnings, timeline, indexes: Object.fromEntries(written),
        // A file that could not be hashed is read again next time.
        sources: Object.fromEntries(files.flatMap((f, i) => (sources[i]!.key ? [[f, savedSource(f, sources[i]!, texts!)] as const] : []))),
        texts: texts.close(),
        findings: writeFindings(join(folder, `findings-${key.slice(0, 12)}.json`), files, sources),
        checksums: {},
      };
      for (const name of [...written.values(), snap.texts?.file, snap.findings]) {
        if (name) snap.checksums[name] = knownChecksums.get(join(folder, name))!;
      }
      writeManifest(dir, snap);
      // The index files of the snapshot replaced, and files a writer that stopped half way left behind.
      for (const f of readdirSync(folder)) {
        const replaced = (INDEX_FILE.test(f) && !f.startsWith(prefix)) || (TEXTS_FILE.test(f) && f !== snap.texts?.file) ||
          (FINDINGS_FILE.test(f) && f !== snap.findings) || (TMP_FILE.test(f) && abandoned(join(folder, f)));
        if (replaced) rmSync(join(folder, f), { force: true });
      }
    } catch (e) {
      texts?.discard();
      log(`snapshot not saved (${(e as Error).message})`);
    }
    void index.warmUp(false);
  }
  return index;
}

/** A folder whose permissions say read-only (a shared copy) is left as it is, even for root. */
export function isReadOnly(dir: string): boolean {
  return (statSync(dir).mode & 0o222) === 0;
}

/** A file written before it is renamed into place (see `tmpName`). */
const TMP_FILE = /\.\d+-\d+\.tmp$/;

/** How old a file being written must be to be taken as left behind by a writer that stopped, in ms (an hour). */
const ABANDONED_MS = 60 * 60 * 1000;

function abandoned(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > ABANDONED_MS;
  } catch {
    return false;
  }
}

/**
 * Where a file is written before it is renamed into place: a name of this process and thread's own, so that two
 * writers of one snapshot (the bot and npm run ingest, say) never write into the same file.
 */
function tmpName(path: string): string {
  return `${path}.${process.pid}-${threadId}.tmp`;
}

/** Writes snapshot.json whole, or leaves the one there as it is. */
function writeManifest(dir: string, snap: Snapshot): void {
  const path = snapshotPath(dir);
  const tmp = tmpName(path);
  const body = JSON.stringify(snap);
  writeFileSync(tmp, `{"checksum":"${sha256(`{${body.slice(1)}`)}",${body.slice(1)}`);
  renameSync(tmp, path);
}

/**
 * A record to save: its document's text in the text file (kept in the record when the text is not well-formed UTF-16,
 * which the file's UTF-8 could not give back), and its passages as rows where they are plain and their text is their
 * document's between their offsets.
 */
function savedSource(file: string, source: SourceRecord, texts: TextFile): SavedSource {
  const record: SavedSource = { key: source.key, stat: source.stat, bytes: source.bytes, warnings: source.warnings, document: null, passages: source.passages };
  const document = source.document;
  if (!document) return record;
  const { text, ...rest } = document;
  const passages = source.passages.map((p): PassageRow | Passage => {
    const plain = Object.keys(p).length === 8 && p.file === file && p.id === `${file}#${p.index}` && text.slice(p.start, p.end) === p.text;
    return plain ? [p.index, p.number, p.heading, p.start, p.end] : p;
  });
  return { ...record, document: wellFormed(text) ? { ...rest, at: texts.append(text) } : document, passages };
}

/** Writes the sources' findings by file (those saved in the snapshot): the name of the file, for the snapshot. */
function writeFindings(path: string, files: string[], sources: SourceRecord[]): string {
  const byFile = Object.fromEntries(files.flatMap((f, i) => (sources[i]!.key ? [[f, sources[i]!.findings] as const] : [])));
  const tmp = tmpName(path);
  const json = JSON.stringify(byFile);
  writeFileSync(tmp, json);
  renameSync(tmp, path);
  knownChecksums.set(path, sha256(json));
  return basename(path);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function wellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** The snapshot's text file as it is written: texts appended one after another, then closed in place under its name. */
class TextFile {
  private readonly fd: number;
  private readonly tmp: string;
  private length = 0;
  private readonly hash = createHash('sha256');

  constructor(private readonly path: string) {
    this.tmp = tmpName(path);
    this.fd = openSync(this.tmp, 'w');
  }

  /** Where the text starts in the file, counted in UTF-16 code units as a string read from the file counts them, and its length. */
  append(text: string): [number, number] {
    const start = this.length;
    writeSync(this.fd, text);
    this.hash.update(text);
    this.length += text.length;
    return [start, text.length];
  }

  /** Closes the file under its name: what the snapshot records of it. */
  close(): Snapshot['texts'] {
    closeSync(this.fd);
    renameSync(this.tmp, this.path);
    knownChecksums.set(this.path, this.hash.digest('hex'));
    return { file: basename(this.path), length: this.length };
  }

  /** Closes and removes the file half written, when the snapshot cannot be saved. */
  discard(): void {
    try {
      closeSync(this.fd);
    } catch {
      // Closed already.
    }
    rmSync(this.tmp, { force: true });
  }
}

/** Reads index files of a folder by key; null for a key it has no file for, or whose file is gone. */
function indexFileLoader(folder: string, files: Map<string, string>): IndexLoader {
  return (k) => {
    const file = files.get(k);
    if (!file) return null;
    try {
      const bytes = readFileSync(join(folder, file));
      const plain = JSON.parse(bytes.toString('utf8')) as AsPlainObject;
      // A file that is no index is told as such where it is loaded; one that is, but was changed, here.
      const looksLikeIndex = typeof plain === 'object' && plain !== null && typeof plain.documentCount === 'number';
      if (looksLikeIndex && sha256(bytes) !== knownChecksums.get(join(folder, file))) throw new Error('it does not match its checksum in the snapshot');
      return plain;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new Error(`${join(folder, file)}: ${(e as Error).message}`, { cause: e });
    }
  };
}

function remember(cache: SourceCache | undefined, files: string[], sources: SourceRecord[]): void {
  if (!cache) return;
  cache.clear();
  files.forEach((f, i) => {
    if (sources[i]!.key) cache.set(f, sources[i]!);
  });
}
