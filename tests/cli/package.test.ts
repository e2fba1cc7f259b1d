import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { main } from '../../src/cli/package';
import { BOT_ID, COUNCIL_ENV, manifestFolderCopy } from '../manifest/fixtures';

/** Runs the package command with `env` as the environment, capturing what it prints. */
async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => { err += String(s); return true; });
  try {
    const code = await main(argv, env);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'teams-package-'));

describe('cli', () => {
  describe('package', () => {
    it('writes the zip where --out says, says what it wrote, and exits 0', async () => {
      const out = join(tempDir(), 'worcestershire.zip');
      const { code, out: printed, err } = await run(['--out', out], COUNCIL_ENV);
      expect(code).toBe(0);
      expect(err).toBe('');
      expect(printed).toContain(`Wrote ${out} (`);
      expect(printed).toContain('manifest.json, color.png, outline.png');
      expect(printed).toContain(`bot id ${BOT_ID}, version 1.4.0`);
      const zip = await JSZip.loadAsync(readFileSync(out));
      expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { bots: { botId: string }[] };
      expect(manifest.bots[0]!.botId).toBe(BOT_ID);
    });

    it('packages the prompt starters of each scope, as validated', async () => {
      const out = join(tempDir(), 'starters.zip');
      expect((await run(['--out', out], COUNCIL_ENV)).code).toBe(0);
      const zip = await JSZip.loadAsync(readFileSync(out));
      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { bots: { commandLists: { scopes: string[]; commands: { type?: string; prompt?: string }[] }[] }[] };
      const starters = manifest.bots[0]!.commandLists.map((l) => [l.scopes.join(), l.commands.filter((c) => c.type === 'prompt').length]);
      expect(starters).toEqual([['personal', 6], ['groupChat', 6], ['team', 6]]);
    });

    it('writes teams-app.zip into a folder given as --out, creating it', async () => {
      const folder = join(tempDir(), 'packages');
      const { code } = await run([`--out=${folder}/`], { MicrosoftAppId: BOT_ID });
      expect(code).toBe(0);
      expect(existsSync(join(folder, 'teams-app.zip'))).toBe(true);
    });

    it('notes that the developer pages are a placeholder site when they are not set', async () => {
      const { code, err } = await run(['--out', join(tempDir(), 'a.zip')], { MicrosoftAppId: BOT_ID });
      expect(code).toBe(0);
      expect(err).toMatch(/^package: note: TEAMS_APP_WEBSITE_URL is not set/);
    });

    it.each([
      ['MicrosoftAppId is missing', {}, /MicrosoftAppId is not set/],
      ['MicrosoftAppId is not a GUID', { MicrosoftAppId: '28:ofsted-bot' }, /MicrosoftAppId "28:ofsted-bot" is not a GUID/],
    ])('exits 1 without writing when %s, naming it', async (_, env, problem) => {
      const out = join(tempDir(), 'teams-app.zip');
      const { code, out: printed, err } = await run(['--out', out], env);
      expect(code).toBe(1);
      expect(printed).toBe('');
      expect(err).toMatch(/^package: cannot build the Teams app package:\n {2}- /);
      expect(err).toMatch(problem);
      expect(existsSync(out)).toBe(false);
    });

    it('exits 1 with each schema problem and its path for a broken manifest in --manifest', async () => {
      const dir = manifestFolderCopy((m) => {
        delete m['developer'];
        (m['bots'] as { supportsFiles: unknown }[])[0]!.supportsFiles = 'no';
      });
      const { code, err } = await run(['--manifest', dir, '--out', join(tempDir(), 'x.zip')], COUNCIL_ENV);
      expect(code).toBe(1);
      expect(err.split('\n').filter((l) => l.startsWith('  - '))).toEqual([
        '  - manifest.json /: must have required property \'developer\'',
        '  - manifest.json /bots/0/supportsFiles: must be boolean',
      ]);
    });

    it('exits 1 when the zip cannot be written', async () => {
      const file = join(tempDir(), 'not-a-folder');
      writeFileSync(file, '');
      const { code, err } = await run(['--out', join(file, 'teams-app.zip')], COUNCIL_ENV);
      expect(code).toBe(1);
      expect(err).toMatch(/^package: cannot write .*not-a-folder\/teams-app\.zip: /);
    });

    it.each([
      [['--bogus'], 'unknown option --bogus'],
      [['--out'], '--out needs a value'],
      [['teams-app.zip'], 'unexpected argument "teams-app.zip"'],
      [['--manifest', '/no/such/folder'], '--manifest /no/such/folder: no such folder'],
    ])('refuses %j with exit code 2', async (argv, message) => {
      const { code, err } = await run(argv, COUNCIL_ENV);
      expect(code).toBe(2);
      expect(err).toContain(message);
    });

    it('prints its help, naming the variables it reads, and exits 0', async () => {
      const { code, out } = await run(['--help'], {});
      expect(code).toBe(0);
      expect(out).toMatch(/^Usage: npm run package -- \[--out FILE\] \[--manifest DIR\]/);
      for (const name of ['MicrosoftAppId', 'TEAMS_APP_ID', 'TEAMS_APP_VERSION', 'TEAMS_APP_DEVELOPER', 'TEAMS_APP_WEBSITE_URL', 'TEAMS_APP_PRIVACY_URL', 'TEAMS_APP_TERMS_URL']) {
        expect(out).toContain(name);
      }
    });
  });
});
