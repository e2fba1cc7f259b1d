import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseIso } from '../timeline/dates';
import type { CatalogEntry } from './types';

const isoDate = z.string().refine((s) => /^\d{4}-\d{2}(-\d{2})?$/.test(s) && parseIso(s) !== null, {
  message: 'is not a date (YYYY-MM-DD or YYYY-MM)',
});

const entrySchema = z.object({
  file: z.string().min(1, 'is empty (a file name inside the folder)'),
  title: z.string().optional(),
  authority: z.string().nullish().transform((v) => v ?? undefined),
  publisher: z.string().nullish().transform((v) => v ?? undefined),
  kind: z.string().nullish().transform((v) => v ?? undefined),
  date: isoDate.nullish().transform((v) => v ?? undefined),
  url: z.string().nullish(),
});

/** A catalog's valid entries by file name, and a message for each entry that was not valid. */
export interface Catalog {
  entries: Map<string, CatalogEntry>;
  problems: string[];
}

/**
 * Reads `dir/catalog.json` if there is one: an array of entries, each validated on its own. An invalid entry is
 * reported (naming the entry, the field and what was expected) and left out; its file is still read.
 */
export function loadCatalog(dir: string): Catalog {
  const path = join(dir, 'catalog.json');
  const entries = new Map<string, CatalogEntry>();
  const problems: string[] = [];
  if (!existsSync(path)) return { entries, problems };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    problems.push(`catalog.json: not valid JSON (${(e as Error).message}); fix it or remove it`);
    return { entries, problems };
  }
  if (!Array.isArray(raw)) {
    problems.push('catalog.json: expected an array of entries like [{"file": "report.txt", "date": "2024-05-20"}]');
    return { entries, problems };
  }
  raw.forEach((item: unknown, i) => {
    const parsed = entrySchema.safeParse(item);
    const name = typeof item === 'object' && item !== null && 'file' in item ? JSON.stringify((item as { file: unknown }).file) : '(no file)';
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || '(entry)';
      const value = typeof item === 'object' && item !== null && issue?.path[0] !== undefined
        ? (item as Record<string, unknown>)[String(issue.path[0])] : item;
      const message = issue?.code === 'invalid_type' ? `expected ${issue.expected}` : issue?.message ?? 'is not valid';
      problems.push(`catalog.json: entry ${i + 1} (${name}): ${field} ${JSON.stringify(value)} ${message}`);
      return;
    }
    if (entries.has(parsed.data.file)) {
      problems.push(`catalog.json: entry ${i + 1} (${name}): file is listed twice; the first entry is used`);
      return;
    }
    entries.set(parsed.data.file, parsed.data);
  });
  return { entries, problems };
}
