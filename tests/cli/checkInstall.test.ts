import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A clone's root with its own lock and the check, and what node_modules holds (nothing when `installed` is null). */
function cloneWith(installed: Record<string, { version: string }> | null): string {
  const root = mkdtempSync(join(tmpdir(), 'check-install-'));
  mkdirSync(join(root, 'scripts'));
  copyFileSync(join(__dirname, '../../scripts/checkInstall.mjs'), join(root, 'scripts/checkInstall.mjs'));
  const lock = { packages: { '': { name: 'bot' }, 'node_modules/zod': { version: '4.6.7' }, 'node_modules/fsevents': { version: '2.3.3', optional: true } } };
  writeFileSync(join(root, 'package-lock.json'), JSON.stringify(lock));
  if (installed) {
    mkdirSync(join(root, 'node_modules'));
    writeFileSync(join(root, 'node_modules/.package-lock.json'), JSON.stringify({ packages: installed }));
  }
  return root;
}

const run = (root: string): { status: number | null; stderr: string } => {
  const r = spawnSync(process.execPath, [join(root, 'scripts/checkInstall.mjs')], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
};

describe('scripts/checkInstall', () => {
  it('stops, saying to run npm ci, before any install', () => {
    const { status, stderr } = run(cloneWith(null));
    expect(status).toBe(1);
    expect(stderr).toMatch(/not installed: run `npm ci` first/);
  });

  it('stops when the lock wants another version than the one installed', () => {
    const { status, stderr } = run(cloneWith({ 'node_modules/zod': { version: '3.0.0' } }));
    expect(status).toBe(1);
    expect(stderr).toMatch(/zod 3\.0\.0, the lock wants 4\.6\.7/);
  });

  it('goes on when what is installed is what the lock names, optional packages aside', () => {
    expect(run(cloneWith({ 'node_modules/zod': { version: '4.6.7' } }))).toEqual({ status: 0, stderr: '' });
  });
});
