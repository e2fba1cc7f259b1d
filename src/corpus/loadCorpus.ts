import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthorityDirectory } from './authorities';
import { loadCatalog } from './catalog';
import { documentAuthority, documentDate, documentTitle } from './documentFacts';
import { isReadable, readDocument } from './readDocument';
import { splitPassages } from './splitPassages';
import type { Corpus, CorpusWarning, SourceDocument } from './types';

/** Called after each file is read, for progress bars on large folders. */
export type ProgressListener = (done: number, total: number, file: string) => void;

/** The report files of a corpus folder, sorted by name. */
export function listReportFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => isReadable(f) && statSync(join(dir, f)).isFile())
    .sort();
}

/**
 * Reads a corpus folder: every report file, with the catalog's metadata where it has an entry and the text's own
 * authority and date where it has not. A file that cannot be read becomes a warning; the rest still load.
 */
export async function loadCorpus(dir: string, authorities: AuthorityDirectory, onProgress?: ProgressListener): Promise<Corpus> {
  const catalog = loadCatalog(dir);
  const warnings: CorpusWarning[] = catalog.problems.map((message) => ({ file: 'catalog.json', message }));
  const files = listReportFiles(dir);
  for (const file of catalog.entries.keys()) {
    if (!files.includes(file)) warnings.push({ file, message: `catalog.json lists ${file}, which is not in the folder` });
  }
  const documents: SourceDocument[] = [];
  for (const [i, file] of files.entries()) {
    try {
      documents.push(await loadDocument(dir, file, catalog.entries.get(file), authorities, warnings));
    } catch (e) {
      warnings.push({ file, message: `could not be read, skipped: ${(e as Error).message}` });
    }
    onProgress?.(i + 1, files.length, file);
  }
  const passages = documents.flatMap((d) => splitPassages(d.file, d.text));
  return { dir, documents, passages, warnings };
}

async function loadDocument(
  dir: string,
  file: string,
  entry: import('./types').CatalogEntry | undefined,
  authorities: AuthorityDirectory,
  warnings: CorpusWarning[],
): Promise<SourceDocument> {
  const { text, bytes } = await readDocument(join(dir, file));
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
  authority ??= documentAuthority(text, title, authorities);
  if (!authority) warnings.push({ file, message: 'names no authority; give one in catalog.json' });
  return {
    file,
    title,
    authority,
    publisher: entry?.publisher ?? null,
    kind: entry?.kind ?? null,
    date: entry?.date ?? documentDate(text),
    url: entry?.url ?? null,
    text,
    hash: createHash('sha256').update(bytes).digest('hex'),
  };
}
