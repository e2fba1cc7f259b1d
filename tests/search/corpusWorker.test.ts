import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveSnapshotApart } from '../../src/search/corpusWorker';
import { snapshotPath } from '../../src/search/openCorpus';
import { directory, SEED_DIR } from '../helpers';

function copyOfSeeds(): string {
  const dir = mkdtempSync(join(tmpdir(), 'apart-'));
  cpSync(SEED_DIR, dir, { recursive: true, filter: (src) => !src.includes('.index') });
  return dir;
}

describe('saveSnapshotApart', () => {
  it('stops a build that takes longer than its time limit, saying so', async () => {
    const dir = copyOfSeeds();
    await expect(saveSnapshotApart(dir, directory(), { timeLimitMs: 5 })).rejects.toThrow('the worker building the index took longer than 0.005 s, and was stopped');
    expect(existsSync(snapshotPath(dir))).toBe(false);
  });

  it('saves the snapshot within its time limit', async () => {
    const dir = copyOfSeeds();
    await saveSnapshotApart(dir, directory(), { timeLimitMs: 120_000 });
    expect(existsSync(snapshotPath(dir))).toBe(true);
  }, 130_000);
});
