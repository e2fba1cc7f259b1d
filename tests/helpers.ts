import { resolve } from 'node:path';
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
