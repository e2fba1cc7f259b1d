import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AuthorityDirectory } from '../src/corpus/authorities';
import type { CorpusIndex } from '../src/search/CorpusIndex';
import { openCorpus } from '../src/search/openCorpus';

export const SEED_DIR = resolve(__dirname, '../data/reports');
export const FIXTURES = resolve(__dirname, 'fixtures');

let authorities: AuthorityDirectory | null = null;

/** The authority list, loaded once per test file. */
export function directory(): AuthorityDirectory {
  authorities ??= AuthorityDirectory.load();
  return authorities;
}

const opened = new Map<string, Promise<CorpusIndex>>();

/** A corpus folder opened without touching its snapshot, once per test file. */
export function openFresh(dir: string): Promise<CorpusIndex> {
  if (!opened.has(dir)) opened.set(dir, openCorpus(dir, directory(), { snapshot: false }));
  return opened.get(dir)!;
}

/** The seed reports with web addresses in their catalog, as downloaded from Ofsted's site would have them. */
export const SEED_ADDRESSES: Readonly<Record<string, string>> = {
  '002_bafe8324dc1c07ae.txt': 'https://files.ofsted.gov.uk/v1/file/50223271',
  '000_86a8131df8e299f6.txt': 'https://reports.ofsted.gov.uk/provider/44/80617',
};

/** A temporary copy of the seed corpus whose catalog gives these addresses; remove it with rmSync when done. */
export function seedWithAddresses(addresses: Readonly<Record<string, string>> = SEED_ADDRESSES): string {
  const dir = mkdtempSync(join(tmpdir(), 'linked-corpus-'));
  for (const f of readdirSync(SEED_DIR).filter((n) => n.endsWith('.txt'))) copyFileSync(join(SEED_DIR, f), join(dir, f));
  const catalog = (JSON.parse(readFileSync(join(SEED_DIR, 'catalog.json'), 'utf8')) as { file: string }[])
    .map((e) => ({ ...e, url: addresses[e.file] ?? null }));
  writeFileSync(join(dir, 'catalog.json'), JSON.stringify(catalog, null, 2));
  return dir;
}

/** What a command printed, and its exit code. */
export interface CommandRun {
  code: number;
  out: string;
  err: string;
}

/** Runs a command's main(argv), capturing what it writes to stdout and stderr. */
export async function runCommand(main: (argv: string[]) => Promise<number>, argv: string[]): Promise<CommandRun> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => { err += String(s); return true; });
  try {
    const code = await main(argv);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
