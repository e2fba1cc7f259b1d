import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPT = resolve(__dirname, '../../scripts/build.mjs');

/**
 * A stand-in for tsc: writes dist/<path>.js for each source under src/ and dist/.tsbuildinfo, and notes in calls.log
 * whether it started with a build record (incremental) or without (full). A source holding "BROKEN" fails the build.
 */
const FAKE_TSC = `
const { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');
const root = join(__dirname, '..', '..', '..');
appendFileSync(join(root, 'calls.log'), (existsSync(join(root, 'dist', '.tsbuildinfo')) ? 'incremental' : 'full') + '\\n');
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]);
for (const f of walk(join(root, 'src'))) {
  const text = readFileSync(f, 'utf8');
  if (text.includes('BROKEN')) { process.stdout.write(relative(root, f) + ': error TS1005\\n'); process.exit(2); }
  const out = join(root, 'dist', relative(join(root, 'src'), f).replace(/\\.ts$/, '.js'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
}
writeFileSync(join(root, 'dist', '.tsbuildinfo'), '{}');
`;

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'build-step-'));
  mkdirSync(join(root, 'scripts'));
  copyFileSync(SCRIPT, join(root, 'scripts', 'build.mjs'));
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  writeFileSync(join(root, 'src', 'main.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'src', 'cli', 'ask.ts'), 'export const b = 2;\n');
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json']) writeFileSync(join(root, f), '{}\n');
  mkdirSync(join(root, 'node_modules', 'typescript', 'bin'), { recursive: true });
  writeFileSync(join(root, 'node_modules', 'typescript', 'package.json'), '{"version": "6.0.3"}\n');
  writeFileSync(join(root, 'node_modules', 'typescript', 'bin', 'tsc'), FAKE_TSC);
  return root;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The compiler's runs since the last look: "full" or "incremental" each. */
  builds: string[];
}

function build(root: string, ...args: string[]): Run {
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), ...args], { cwd: root, encoding: 'utf8' });
  const log = join(root, 'calls.log');
  const builds = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  rmSync(log, { force: true });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, builds };
}

/** Gives a file a modification time a few seconds on, as an edit would. */
function touch(path: string): void {
  const later = new Date(Date.now() + 5000);
  utimesSync(path, later, later);
}

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

function fresh(): string {
  const root = project();
  roots.push(root);
  return root;
}

describe('scripts/build.mjs', () => {
  it('builds once, then does nothing until a source changes, printing nothing on stdout', () => {
    const root = fresh();
    const first = build(root);
    expect(first).toMatchObject({ status: 0, stdout: '', builds: ['full'] });
    expect(first.stderr).toMatch(/^building dist\/ \(no build recorded in dist\/\)… done in \d+\.\d s\n$/);
    expect(readFileSync(join(root, 'dist', 'cli', 'ask.js'), 'utf8')).toBe('export const b = 2;\n');

    expect(build(root)).toEqual({ status: 0, stdout: '', stderr: '', builds: [] });

    writeFileSync(join(root, 'src', 'cli', 'ask.ts'), 'export const b = 3;\n');
    touch(join(root, 'src', 'cli', 'ask.ts'));
    const changed = build(root);
    expect(changed).toMatchObject({ status: 0, stdout: '', builds: ['incremental'] });
    expect(changed.stderr).toMatch(/^building dist\/ \(1 file changed \(src\/cli\/ask\.ts\)\)/);
    expect(readFileSync(join(root, 'dist', 'cli', 'ask.js'), 'utf8')).toBe('export const b = 3;\n');
    expect(build(root).builds).toEqual([]);
  });

  it.each<[string, (root: string) => void, string, RegExp]>([
    ['a source added', (root) => writeFileSync(join(root, 'src', 'cli', 'check.ts'), 'export const c = 1;\n'), 'incremental', /1 file changed \(src\/cli\/check\.ts\)/],
    ['a tsconfig edited', (root) => touch(join(root, 'tsconfig.build.json')), 'incremental', /1 file changed \(tsconfig\.build\.json\)/],
    ['the lock file changed', (root) => touch(join(root, 'package-lock.json')), 'incremental', /1 file changed \(package-lock\.json\)/],
    ['another TypeScript', (root) => writeFileSync(join(root, 'node_modules', 'typescript', 'package.json'), '{"version": "6.0.4"}\n'), 'incremental', /another TypeScript version/],
    // tsc --incremental would not write again a file whose source it has seen unchanged.
    ['a compiled file deleted', (root) => rmSync(join(root, 'dist', 'main.js')), 'full', /dist\/main\.js is missing/],
  ])('builds again after %s', (_case, change, kind, why) => {
    const root = fresh();
    build(root);
    change(root);
    const run = build(root);
    expect(run).toMatchObject({ status: 0, stdout: '', builds: [kind] });
    expect(run.stderr).toMatch(why);
    expect(existsSync(join(root, 'dist', 'main.js'))).toBe(true);
    expect(build(root).builds).toEqual([]);
  });

  it('removes the compiled files of a source that was removed', () => {
    const root = fresh();
    build(root);
    expect(existsSync(join(root, 'dist', 'cli', 'ask.js'))).toBe(true);
    rmSync(join(root, 'src', 'cli', 'ask.ts'));
    expect(build(root).builds).toEqual(['incremental']);
    expect(existsSync(join(root, 'dist', 'cli', 'ask.js'))).toBe(false);
  });

  it('builds in full with --force, whatever changed', () => {
    const root = fresh();
    build(root);
    const forced = build(root, '--force');
    expect(forced).toMatchObject({ status: 0, stdout: '', builds: ['full'] });
    expect(forced.stderr).toMatch(/^building dist\/ \(a full build\)/);
  });

  it('fails with the compiler when the sources do not compile, and tries again next time', () => {
    const root = fresh();
    build(root);
    writeFileSync(join(root, 'src', 'main.ts'), 'BROKEN\n');
    touch(join(root, 'src', 'main.ts'));
    const failed = build(root);
    expect(failed.status).toBe(2);
    expect(failed.stdout).toBe('src/main.ts: error TS1005\n');
    expect(failed.stderr).toMatch(/ failed\n$/);
    expect(build(root).builds).toEqual(['incremental']);
    expect(existsSync(join(root, 'dist', '.build-lock'))).toBe(false);
  });

  it('says to run npm ci when TypeScript is not installed', () => {
    const root = fresh();
    rmSync(join(root, 'node_modules'), { recursive: true });
    const run = build(root);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('cannot build dist/ (no build recorded in dist/): TypeScript is not installed; run npm ci first\n');
  });

  it('lets two commands that start at once build one after the other', async () => {
    const root = fresh();
    const runs = await Promise.all([0, 1].map(() => new Promise<number | null>((done) => {
      spawn(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'ignore' }).on('exit', (code) => done(code));
    })));
    expect(runs).toEqual([0, 0]);
    // The second waited for the first, then found dist/ up to date.
    expect(readFileSync(join(root, 'calls.log'), 'utf8').trim().split('\n')).toEqual(['full']);
    expect(existsSync(join(root, 'dist', '.build-lock'))).toBe(false);
  });
});
