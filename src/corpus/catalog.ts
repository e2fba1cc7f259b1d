import { lstatSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { z } from 'zod';
import { parseIso } from '../timeline/dates';
import { readRegularFile } from './readDocument';
import type { CatalogEntry } from './types';

/** The largest catalog.json read, in bytes (16 MB): a larger one is refused whole, with a warning. */
export const MAX_CATALOG_BYTES = 16 * 1024 * 1024;

/**
 * The most entries a catalog.json may hold (20,000): one with more is refused whole, with a warning, and its folder's
 * reports are read without it. A national corpus holds some 5,000 reports.
 */
export const MAX_CATALOG_ENTRIES = 20_000;

/** The most problems told of one catalog, one by one (50); the rest are counted in one more line. */
export const MAX_CATALOG_PROBLEMS = 50;

const isoDate = z.string().refine((s) => /^\d{4}-\d{2}(-\d{2})?$/.test(s) && parseIso(s) !== null, {
  message: 'is not a date (YYYY-MM-DD or YYYY-MM)',
});

const entrySchema = z.object({
  file: z.string().min(1, 'is empty (a file name inside the folder)'),
  title: z.string().optional(),
  authority: z.string().nullish().transform((v) => v ?? undefined),
  publisher: z.string().nullish().transform((v) => v ?? undefined),
  /** Who the publisher is: "council", "Ofsted", "council-owned company or trust", "newspaper". */
  publisher_kind: z.string().nullish().transform((v) => v ?? undefined),
  kind: z.string().nullish().transform((v) => v ?? undefined),
  date: isoDate.nullish().transform((v) => v ?? undefined),
  url: z.string().nullish(),
  /** The licence the document is published under ("OGL v3"): kept with the catalog, not read. */
  licence: z.string().nullish(),
});

/** The fields an entry may have. */
const FIELDS = Object.keys(entrySchema.shape);

/** A catalog's valid entries by file name, their places in it (from 1), and a message for each problem. */
export interface Catalog {
  entries: Map<string, CatalogEntry>;
  positions: Map<string, number>;
  problems: string[];
}

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

/** One problem of an entry, naming the field, the value given and what was expected. */
function describeIssue(issue: z.core.$ZodIssue, item: unknown): string {
  const field = issue.path.map(String).join('.') || '(entry)';
  const value = typeof item === 'object' && item !== null && issue.path[0] !== undefined ? (item as Record<string, unknown>)[String(issue.path[0])] : item;
  if (issue.path[0] === 'file' && value === undefined) return 'file is missing: give the name of the report file in the folder';
  if (issue.code === 'invalid_type') {
    const expected = issue.expected === 'string' ? 'text' : issue.expected;
    return `${field} ${JSON.stringify(value)} is ${typeName(value)}, not ${expected}`;
  }
  return `${field} ${JSON.stringify(value)} ${issue.message}`;
}

/**
 * Reads `dir/catalog.json` if there is one: an array of entries, each validated on its own. An invalid entry is
 * reported (naming the entry, each bad field, the value and what was expected) and left out; its file is still read.
 * A field the catalog does not know is reported and ignored.
 */
export function loadCatalog(dir: string): Catalog {
  const path = join(dir, 'catalog.json');
  const entries = new Map<string, CatalogEntry>();
  const positions = new Map<string, number>();
  const problems: string[] = [];
  let text: string;
  try {
    // A link is followed only to a file inside the catalog's folder; a pipe or device is never opened.
    if (lstatSync(path).isSymbolicLink()) {
      const target = realpathSync(path);
      const folder = realpathSync(dir);
      if (!target.startsWith(folder.endsWith(sep) ? folder : folder + sep)) {
        problems.push(`catalog.json: it is a link to ${target}, outside its folder; not followed, the folder's reports are read without a catalog`);
        return { entries, positions, problems };
      }
    }
    text = readRegularFile(path, MAX_CATALOG_BYTES).toString('utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries, positions, problems };
    problems.push(`catalog.json: not read (${(e as Error).message}); the folder's reports are read without a catalog`);
    return { entries, positions, problems };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    problems.push(`catalog.json: not valid JSON (${(e as Error).message}); fix it or remove it`);
    return { entries, positions, problems };
  }
  if (!Array.isArray(raw)) {
    problems.push('catalog.json: expected an array of entries like [{"file": "report.txt", "date": "2024-05-20"}]');
    return { entries, positions, problems };
  }
  if (raw.length > MAX_CATALOG_ENTRIES) {
    problems.push(`catalog.json: it holds ${raw.length.toLocaleString('en-GB')} entries, over the ${MAX_CATALOG_ENTRIES.toLocaleString('en-GB')} ` +
      'a catalog may; refused whole, the folder\'s reports are read without it; split the folder');
    return { entries, positions, problems };
  }
  let untold = 0;
  const push = problems.push.bind(problems);
  const tell = (line: string): void => {
    if (problems.length < MAX_CATALOG_PROBLEMS) push(line);
    else untold++;
  };
  raw.forEach((item: unknown, i) => {
    const parsed = entrySchema.safeParse(item);
    const file = typeof item === 'object' && item !== null ? (item as { file?: unknown }).file : undefined;
    const name = typeof file === 'string' ? JSON.stringify(file) : '(no file)';
    const where = `catalog.json: entry ${i + 1} (${name})`;
    if (!parsed.success) {
      tell(`${where}: ${parsed.error.issues.map((issue) => describeIssue(issue, item)).join('; ')}; the entry is left out`);
      return;
    }
    const unknown = Object.keys(item as object).filter((k) => !FIELDS.includes(k));
    if (unknown.length) {
      tell(`${where}: ${unknown.map((k) => JSON.stringify(k)).join(', ')} ${unknown.length === 1 ? 'is not a field' : 'are not fields'} ` +
        `of the catalog (${FIELDS.join(', ')}); ignored`);
    }
    if (entries.has(parsed.data.file)) {
      tell(`${where}: file is listed twice (first as entry ${positions.get(parsed.data.file)}); the first entry is used`);
      return;
    }
    entries.set(parsed.data.file, parsed.data);
    positions.set(parsed.data.file, i + 1);
  });
  if (untold) push(`catalog.json: ${untold.toLocaleString('en-GB')} more problems like these`);
  return { entries, positions, problems };
}
