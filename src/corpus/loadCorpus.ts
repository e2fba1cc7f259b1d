import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, realpathSync, type Stats, statSync } from 'node:fs';
import { join, posix, sep } from 'node:path';
import type { AuthorityDirectory } from './authorities';
import { loadCatalog } from './catalog';
import { documentAuthority, documentDate, documentTitle } from './documentFacts';
import { historyPassages, historyProblems, isHistoryText } from './inspectionHistory';
import { isReadable, READABLE_EXTENSIONS, readDocument, UnreadableFile } from './readDocument';
import { splitPassages } from './splitPassages';
import type { CatalogEntry, Corpus, CorpusWarning, Passage, SourceDocument } from './types';

/** Called after each file is read, for progress bars on large folders. */
export type ProgressListener = (done: number, total: number, file: string) => void;

/** Sub-folders deeper than this are not read: a corpus is a folder of folders, not a file system. */
const MAX_DEPTH = 3;

/**
 * The largest report file read, in bytes (64 MB): a larger one is skipped without being opened. PDFs run large with
 * their images; their text is far smaller.
 */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/**
 * The most text a report may hold, in characters (2,000,000, some 600 pages): a document with more is skipped. Reading
 * a million characters of prose and indexing it takes some 4 s and 150 MB; an inspection report holds about 100,000.
 */
export const MAX_DOCUMENT_CHARS = 2_000_000;

/** What is said of a file over a limit (the reason in a skipped file's warning). */
class DocumentTooLarge extends Error {}

/** A size in megabytes as people read it: "40.0 MB". */
function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Throws DocumentTooLarge when a file of this size is not to be opened. */
function checkDocumentSize(bytes: number): void {
  if (bytes > MAX_DOCUMENT_BYTES) {
    throw new DocumentTooLarge(`it is ${megabytes(bytes)}, over the ${megabytes(MAX_DOCUMENT_BYTES)} a report file may be; split it into smaller files`);
  }
}

function checkTextLength(chars: number): void {
  if (chars > MAX_DOCUMENT_CHARS) {
    throw new DocumentTooLarge(`its text is ${chars.toLocaleString('en-GB')} characters, over the ${MAX_DOCUMENT_CHARS.toLocaleString('en-GB')} ` +
      'a report may hold (some 600 pages); split it into smaller files');
  }
}

/** The report files of a corpus folder, and the entries skipped with why (not regular files, links out of the folder). */
export interface ReportListing {
  files: string[];
  skipped: CorpusWarning[];
}

/** What an entry is when it is neither a regular file nor a folder, as people read it. */
function entryKind(stat: Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * The report files of a corpus folder and its sub-folders, as paths relative to it with `/` ("ofsted/x.pdf"),
 * sorted, and the entries skipped. Hidden folders (the snapshot's `.index`) and node_modules are skipped. Nothing is
 * opened: each entry is told apart by lstat. A named pipe, socket or device is skipped with a warning naming it; so
 * is a link that leads out of the folder (to /etc/passwd, say, or /dev/zero), nowhere, or round in a loop, and a link
 * to a folder (whose reports, inside the folder, are read under their own names). A link to a file inside the folder
 * is followed.
 */
export function listReportEntries(dir: string): ReportListing {
  const found: string[] = [];
  const skipped: CorpusWarning[] = [];
  const root = realpathSync(dir);
  const inside = (target: string): boolean => target === root || target.startsWith(root.endsWith(sep) ? root : root + sep);
  const walk = (relative: string, depth: number): void => {
    for (const entry of readdirSync(join(dir, relative), { withFileTypes: true })) {
      const name = entry.name;
      const path = relative ? posix.join(relative, name) : name;
      const full = join(dir, path);
      let stat: Stats;
      try {
        stat = lstatSync(full);
        if (stat.isSymbolicLink()) {
          let target: string;
          try {
            target = realpathSync(full);
          } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            skipped.push({ file: path, message: `skipped: it is a link that ${code === 'ELOOP' ? 'goes round in a loop' : 'leads to nothing'}` });
            continue;
          }
          if (!inside(target)) {
            skipped.push({ file: path, message: `skipped: it is a link to ${target}, outside the data folder; links are followed only inside it` });
            continue;
          }
          stat = lstatSync(target);
          // Every folder inside is read under its own name: through a link its reports would be read twice (or round a loop).
          if (stat.isDirectory()) {
            skipped.push({ file: path, message: 'skipped: it is a link to a folder; only links to files are followed' });
            continue;
          }
        }
      } catch (e) {
        skipped.push({ file: path, message: `skipped: it cannot be looked at (${(e as Error).message})` });
        continue;
      }
      if (stat.isFile()) {
        if (isReadable(name)) found.push(path);
      } else if (stat.isDirectory()) {
        if (depth < MAX_DEPTH && !name.startsWith('.') && name !== 'node_modules') walk(path, depth + 1);
      } else if (!relative.split('/').some((p) => p.startsWith('.'))) {
        skipped.push({ file: path, message: `skipped: it is ${entryKind(stat)}, not a regular file` });
      }
    }
  };
  walk('', 0);
  return { files: found.sort(), skipped: skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)) };
}

/** The report files of a corpus folder and its sub-folders, as `listReportEntries` finds them. */
export function listReportFiles(dir: string): string[] {
  return listReportEntries(dir).files;
}

/** The folders (relative, '' for the top) that hold report files, each of which may have its own catalog.json. */
export function catalogFolders(files: string[]): string[] {
  return [...new Set(['', ...files.map((f) => posix.dirname(f)).map((d) => (d === '.' ? '' : d))])].sort();
}

/** The catalogs of a corpus folder: valid entries keyed by their path relative to it, and what was wrong. */
export interface CorpusCatalog {
  entries: Map<string, CatalogEntry>;
  /** Invalid entries, unreadable catalogs, and entries for files that are not in the folder. */
  warnings: CorpusWarning[];
}

/** Every folder's catalog, with entries keyed by their path relative to the corpus folder. */
export function corpusCatalog(dir: string, files: string[], skipped: CorpusWarning[] = []): CorpusCatalog {
  const entries = new Map<string, CatalogEntry>();
  // Entries skipped by the listing are told with the catalogs' problems: like those, they are said in full.
  const warnings: CorpusWarning[] = [...skipped];
  const present = new Set(files);
  for (const folder of catalogFolders(files)) {
    const catalog = loadCatalog(join(dir, folder));
    const catalogFile = folder ? `${folder}/catalog.json` : 'catalog.json';
    // The warning's file names the catalog, so the message goes on from there.
    warnings.push(...catalog.problems.map((message) => ({ file: catalogFile, message: message.replace(/^catalog\.json: /, '') })));
    for (const [file, entry] of catalog.entries) {
      const path = folder ? `${folder}/${file}` : file;
      entries.set(path, { ...entry, file: path });
      if (!present.has(path)) {
        warnings.push({
          file: catalogFile,
          message: `entry ${catalog.positions.get(file)} (${JSON.stringify(file)}): file: there is no such report in ${folder ? `${folder}/` : 'the folder'}`,
        });
      }
    }
  }
  return { entries, warnings };
}

/** One report file as read: the document (null when it could not be read), its passages, and what was wrong. */
export interface SourceFile {
  document: SourceDocument | null;
  passages: Passage[];
  warnings: CorpusWarning[];
}

/** Reads and splits one report file of a corpus folder; a file that cannot be read gives a warning, not an error. */
export async function readSourceFile(dir: string, file: string, entry: CatalogEntry | undefined, authorities: AuthorityDirectory): Promise<SourceFile> {
  const warnings: CorpusWarning[] = [];
  try {
    const document = await loadDocument(dir, file, entry, authorities, warnings);
    const passages = isHistoryText(document.text) ? historyPassages(file, document.text) : splitPassages(file, document.text);
    return { document, passages, warnings };
  } catch (e) {
    const why = e instanceof DocumentTooLarge || e instanceof UnreadableFile ? `skipped: ${e.message}` : `could not be read, skipped: ${(e as Error).message}`;
    warnings.push({ file, message: why });
    return { document: null, passages: [], warnings };
  }
}

/** What is said of a corpus when it is put in service: warnings to give in full, and how many others there are. */
export interface CorpusNotices {
  /**
   * Each to be said in full, the file first: every catalog's problems (they lose a report's metadata), every file
   * skipped and why, and a folder with no document to answer from.
   */
  warnings: string[];
  /** How many warnings besides (a paragraph or a row that could not be read, a report naming no authority). */
  others: number;
}

/**
 * What to tell whoever runs the bot about a corpus: catalog problems and skipped files in full, the rest counted.
 * Files are named inside `folder`, the corpus folder as it is to be shown (default: as the corpus has it).
 */
export function corpusNotices(corpus: Corpus, folder: string = corpus.dir): CorpusNotices {
  const read = new Set(corpus.documents.map((d) => d.file));
  const shown = (file: string): string => (folder === '' || folder === '.' ? file : posix.join(folder.replace(/\\/g, '/'), file));
  const catalog = (file: string): boolean => file === 'catalog.json' || file.endsWith('/catalog.json');
  const warnings: string[] = [];
  let others = 0;
  for (const w of corpus.warnings) {
    // A file with a warning and no document was skipped: the warning says why.
    if (catalog(w.file) || !read.has(w.file)) warnings.push(`${shown(w.file)}: ${w.message}`);
    else others++;
  }
  if (corpus.documents.length === 0) {
    warnings.push(`${folder || '.'} holds no report that could be read (${READABLE_EXTENSIONS.join(' ')}, in it or in sub-folders down to ` +
      `${MAX_DEPTH} levels): every question will be answered as not on record; add reports there or set DATA_DIR`);
  }
  return { warnings, others };
}

/** A corpus from its catalog's warnings and its files as read, in the order given. */
export function assembleCorpus(dir: string, catalogWarnings: CorpusWarning[], sources: SourceFile[]): Corpus {
  const corpus: Corpus = { dir, documents: [], passages: [], warnings: [...catalogWarnings] };
  // Loops rather than flatMap: at 100,000 passages it is a good part of reopening a snapshot.
  for (const s of sources) {
    if (s.document) corpus.documents.push(s.document);
    for (const p of s.passages) corpus.passages.push(p);
    for (const w of s.warnings) corpus.warnings.push(w);
  }
  return corpus;
}

/**
 * Reads a corpus folder: every report file, with the catalog's metadata where it has an entry and the text's own
 * authority and date where it has not. A file that cannot be read becomes a warning; the rest still load.
 */
export async function loadCorpus(dir: string, authorities: AuthorityDirectory, onProgress?: ProgressListener): Promise<Corpus> {
  const { files, skipped } = listReportEntries(dir);
  const catalog = corpusCatalog(dir, files, skipped);
  const sources: SourceFile[] = [];
  for (const [i, file] of files.entries()) {
    sources.push(await readSourceFile(dir, file, catalog.entries.get(file), authorities));
    onProgress?.(i + 1, files.length, file);
  }
  return assembleCorpus(dir, catalog.warnings, sources);
}

async function loadDocument(
  dir: string,
  file: string,
  entry: CatalogEntry | undefined,
  authorities: AuthorityDirectory,
  warnings: CorpusWarning[],
): Promise<SourceDocument> {
  checkDocumentSize(statSync(join(dir, file)).size);
  const { text, bytes, pages } = await readDocument(join(dir, file), MAX_DOCUMENT_BYTES, MAX_DOCUMENT_CHARS);
  checkTextLength(text.length);
  if (!text.trim()) throw new Error('it holds no text');
  const title = entry?.title ?? documentTitle(text, file);
  let authority: string | null = null;
  if (entry?.authority) {
    const resolved = authorities.resolve(entry.authority);
    authority = resolved.matches[0] ?? null;
    if (!authority) {
      warnings.push({ file, message: `catalog.json: authority "${entry.authority}" is not an English children's services authority; inferred from the text instead` });
    }
  }
  const national = isHistoryText(text);
  if (!national) authority ??= documentAuthority(text, title, authorities);
  // A national history is about every authority, row by row.
  if (national) warnings.push(...historyProblems(text, authorities).map((message) => ({ file, message })));
  if (!authority && !national) warnings.push({ file, message: 'names no authority; give one in catalog.json' });
  return {
    file,
    title,
    authority,
    publisher: entry?.publisher ?? null,
    publisherKind: entry?.publisher_kind ?? null,
    kind: entry?.kind ?? null,
    date: entry?.date ?? documentDate(text),
    url: entry?.url ?? null,
    text,
    hash: createHash('sha256').update(bytes).digest('hex'),
    ...(pages ? { pages } : {}),
  };
}
