/**
 * A deterministic synthetic corpus at national size: authorities × documents of the real kinds (Ofsted reports and
 * letters, committee reports, news items, minutes), written as .txt files with a catalog.json, and the ground truth
 * of every event they report.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { splitPassages } from '../corpus/splitPassages';
import { parseOrExplain, runIfMain } from '../cli/args';
import { addDays, day, dayNumber, iso } from './calendar';
import { authorityHistory, expectedEvent, type ExpectedEvent, type WorldEvent, WORLD_END } from './corpusWorld';
import {
  committeeReport, fillerPaper, focusedLetter, type GeneratedDocument, ilacsReport, jtaiLetter, minutes, monitoringLetter, newsItem, sifReport,
} from './corpusTemplates';
import { Random } from './random';

/** The sizes the bench uses: one like the seed corpus (about 120 passages), and a national one. */
export const SIZES = {
  seed: { authorities: 2, passages: 120 },
  national: { authorities: 150, passages: 100_000 },
} as const;

export const DEFAULT_SEED = 20_240_520;

export interface GenerateOptions {
  authorities: number;
  /** The number of passages to aim for (as the corpus loader splits them); the result is within a few of it. */
  passages: number;
  seed?: number;
}

/** A catalog.json entry, as data/reports/catalog.json has them. */
export interface CatalogRow {
  file: string;
  title: string;
  authority: string;
  publisher: string;
  kind: string;
  date: string;
  url: string | null;
}

export interface GeneratedCorpus {
  catalog: CatalogRow[];
  /** Every event with an Ofsted report or letter in the corpus, and what an answer about it should say. */
  events: ExpectedEvent[];
  authorities: string[];
  passages: number;
  seed: number;
}

/** Where the generator keeps its ground truth inside a corpus folder (hidden folders are not read as reports). */
export function expectedPath(dir: string): string {
  return join(dir, '.bench', 'expected.json');
}

/** The names of the English children's services authorities, from data/authorities.json. */
export function authorityNames(file = resolve(__dirname, '../../data/authorities.json')): string[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { name: string }[]).map((a) => a.name);
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function countPassages(file: string, text: string): number {
  return splitPassages(file, text).length;
}

/** The documents about one authority's events: Ofsted's own first (newest first), then councils' papers on them. */
function* eventDocuments(rng: Random, history: WorldEvent[]): Generator<{ doc: GeneratedDocument; primary: boolean }> {
  const newestFirst = [...history].reverse();
  const previousGraded = (e: WorldEvent): WorldEvent | null =>
    [...history].filter((x) => x.judgements.length && dayNumber(x.end) < dayNumber(e.start)).pop() ?? null;
  for (const e of newestFirst) {
    if (e.kind === 'standard') yield { doc: ilacsReport(rng, e, previousGraded(e)), primary: true };
    else if (e.kind === 'sif') yield { doc: sifReport(rng, e), primary: true };
    else if (e.kind === 'monitoring') yield { doc: monitoringLetter(rng, e, previousGraded(e) ?? e), primary: true };
    else if (e.kind === 'focused') yield { doc: focusedLetter(rng, e, previousGraded(e)), primary: true };
    else yield { doc: jtaiLetter(rng, e), primary: true };
  }
  let item = rng.int(4, 9);
  for (const e of newestFirst) {
    const i = history.indexOf(e);
    const before = history.slice(0, i);
    const next = history.slice(i + 1).find((x) => x.kind === 'standard') ?? null;
    const meeting = addDays(e.published, rng.int(14, 60));
    if (dayNumber(meeting) <= dayNumber(WORLD_END) + 60) yield { doc: committeeReport(rng, e, before, next, meeting), primary: false };
    if (e.kind !== 'monitoring' || rng.chance(0.5)) yield { doc: newsItem(rng, e), primary: false };
    if (rng.chance(0.5)) yield { doc: minutes(rng, e, addDays(meeting, rng.int(20, 50)), item++), primary: false };
  }
}

/**
 * Generates a corpus and hands each document to `write` as it is made, so a national corpus is never all in memory.
 * The same options give the same documents, byte for byte.
 */
export function generateCorpus(
  options: GenerateOptions,
  names: string[],
  write: (file: string, text: string) => void,
  onProgress?: (authoritiesDone: number, total: number, passages: number) => void,
): GeneratedCorpus {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(options.authorities) || options.authorities < 1 || options.authorities > names.length) {
    throw new Error(`authorities ${options.authorities} is not a number from 1 to ${names.length} (the authorities in data/authorities.json)`);
  }
  if (!Number.isInteger(options.passages) || options.passages < options.authorities * 10) {
    throw new Error(`passages ${options.passages} is too few: give at least 10 per authority (${options.authorities * 10})`);
  }
  const chosen = Random.derive(seed, 'authorities').sample(names, options.authorities).sort();
  const catalog: CatalogRow[] = [];
  const events: ExpectedEvent[] = [];
  let total = 0;
  let seq = 0;
  chosen.forEach((authority, a) => {
    const rng = Random.derive(seed, authority);
    // The remainder of the division goes to the first authorities, so the total is what was asked.
    const budget = Math.floor(options.passages / chosen.length) + (a < options.passages % chosen.length ? 1 : 0);
    const history = authorityHistory(rng, authority, `${slug(authority)}`);
    const files = new Map<string, string[]>();
    let used = 0;
    const emit = (doc: GeneratedDocument, n: number): void => {
      const file = `${String(seq++).padStart(5, '0')}_${slug(authority)}_${slug(doc.kind)}_${iso(doc.date)}.txt`;
      write(file, doc.text);
      catalog.push({ file, title: doc.title, authority: doc.authority, publisher: doc.publisher, kind: doc.kind, date: iso(doc.date), url: doc.url });
      for (const id of doc.reports) files.set(id, [...(files.get(id) ?? []), file]);
      used += n;
    };
    for (const { doc, primary } of eventDocuments(rng, history)) {
      const n = countPassages('x.txt', doc.text);
      // Each authority has at least its latest report; older ones and councils' papers as its share allows.
      if (used + n > budget && (used > 0 || !primary)) {
        if (primary) continue;
        break;
      }
      emit(doc, n);
    }
    // Council papers on other business fill the authority's share.
    while (used < budget) {
      const left = budget - used;
      const date = addDays(day(2015, 1, 5), rng.int(0, dayNumber(WORLD_END) - dayNumber(day(2015, 1, 5))));
      let paragraphs = Math.min(left, rng.int(8, 24));
      let doc = fillerPaper(rng, authority, date, paragraphs);
      let n = countPassages('x.txt', doc.text);
      while (n > left && paragraphs > 1) {
        paragraphs -= n - left;
        if (paragraphs < 1) paragraphs = 1;
        doc = fillerPaper(Random.derive(seed, `${authority}-${seq}-${paragraphs}`), authority, date, paragraphs);
        n = countPassages('x.txt', doc.text);
      }
      if (n > left && used > 0) break;
      emit(doc, n);
    }
    for (const e of history) {
      const f = files.get(e.id);
      if (f) events.push(expectedEvent(e, f));
    }
    total += used;
    onProgress?.(a + 1, chosen.length, total);
  });
  return { catalog, events, authorities: chosen, passages: total, seed };
}

export interface WriteOptions {
  /** Write into a folder that already holds files. */
  force?: boolean;
  onProgress?: (authoritiesDone: number, total: number, passages: number) => void;
}

/** Generates a corpus into a folder: the .txt files, catalog.json, and .bench/expected.json with the ground truth. */
export function writeCorpus(dir: string, options: GenerateOptions, write: WriteOptions = {}): GeneratedCorpus {
  if (existsSync(dir) && readdirSync(dir).length > 0 && !write.force) {
    throw new Error(`${dir} is not empty: give an empty or new folder, or --force to write into it`);
  }
  mkdirSync(dir, { recursive: true });
  const result = generateCorpus(options, authorityNames(), (file, text) => writeFileSync(join(dir, file), text), write.onProgress);
  writeFileSync(join(dir, 'catalog.json'), `${JSON.stringify(result.catalog, null, 2)}\n`);
  mkdirSync(join(dir, '.bench'), { recursive: true });
  writeFileSync(expectedPath(dir), JSON.stringify({ seed: result.seed, authorities: result.authorities, passages: result.passages, events: result.events }));
  return result;
}

/** The ground truth saved beside a generated corpus. */
export function readExpected(dir: string): Pick<GeneratedCorpus, 'seed' | 'authorities' | 'passages' | 'events'> {
  const path = expectedPath(dir);
  if (!existsSync(path)) throw new Error(`${dir} has no ${path}: it was not made by npm run generate`);
  return JSON.parse(readFileSync(path, 'utf8')) as Pick<GeneratedCorpus, 'seed' | 'authorities' | 'passages' | 'events'>;
}

const USAGE = `Usage: npm run generate -- --out DIR [--authorities N] [--passages N] [--seed N] [--force]

Writes a synthetic corpus of English local authorities' Ofsted reports and letters, committee reports, news items
and minutes into DIR: .txt files, catalog.json, and .bench/expected.json with every event's expected answers.
The same options always give the same files.

  --out DIR          the folder to write (must be empty or new unless --force)
  --authorities N    how many authorities (default ${SIZES.national.authorities}, at most 153)
  --passages N       how many passages in all, as the corpus loader splits them (default ${SIZES.national.passages})
  --seed N           the random seed (default ${DEFAULT_SEED})
  --force            write into a folder that is not empty
  --help             show this help`;

function positiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} "${value}" is not a whole number`);
  return n;
}

/** Runs the command on argv (without node and the script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const args = parseOrExplain('generate', argv, { values: ['--out', '--authorities', '--passages', '--seed'], switches: ['--force', '--help'] }, USAGE);
  if (!args) return 2;
  if (args.switches.has('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const out = args.values.get('--out');
  if (!out || args.positional.length) {
    process.stderr.write(`generate: ${out ? `unexpected argument ${args.positional[0]}` : '--out DIR is required'}\n\n${USAGE}\n`);
    return 2;
  }
  let options: GenerateOptions;
  try {
    options = {
      authorities: positiveInt('--authorities', args.values.get('--authorities'), SIZES.national.authorities),
      passages: positiveInt('--passages', args.values.get('--passages'), SIZES.national.passages),
      seed: positiveInt('--seed', args.values.get('--seed'), DEFAULT_SEED),
    };
  } catch (e) {
    process.stderr.write(`generate: ${(e as Error).message}\n`);
    return 2;
  }
  const started = Date.now();
  const progress = (done: number, total: number, passages: number): void => {
    const line = `generating: ${done}/${total} authorities, ${passages} passages`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
    else if (done === total || done % 25 === 0) process.stderr.write(`${line}\n`);
  };
  const result = writeCorpus(resolve(out), options, { force: args.switches.has('--force'), onProgress: progress });
  process.stdout.write(`${result.catalog.length} documents, ${result.passages} passages, ${result.events.length} events for ` +
    `${result.authorities.length} authorities in ${((Date.now() - started) / 1000).toFixed(1)} s → ${resolve(out)}\n`);
  return 0;
}

runIfMain(module, 'generate', main);
