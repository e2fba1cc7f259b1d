import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { AppPackageError, MANIFEST_DIR, buildAppPackage } from '../../src/package/buildAppPackage';
import { manifestPlaceholders, readPackageSettings } from '../../src/package/packageSettings';
import { APP_ID, BOT_ID, COUNCIL_ENV, manifestFolderCopy } from './fixtures';

const VALUES = manifestPlaceholders(readPackageSettings(COUNCIL_ENV).settings);

/** The problems buildAppPackage reports for a manifest folder. */
async function problems(dir: string): Promise<readonly string[]> {
  try {
    await buildAppPackage(dir, VALUES);
  } catch (e) {
    if (e instanceof AppPackageError) return e.problems;
    throw e;
  }
  throw new Error(`${dir} was packaged without complaint`);
}

describe('buildAppPackage', () => {
  describe('buildAppPackage', () => {
    it('zips exactly manifest.json and the two icons, at the root, with the placeholders filled', async () => {
      const pkg = await buildAppPackage(MANIFEST_DIR, VALUES);
      const zip = await JSZip.loadAsync(pkg.zip);
      const names = Object.values(zip.files).map((f) => f.name);
      expect(names.sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
      expect(pkg.files).toEqual(['manifest.json', 'color.png', 'outline.png']);

      const text = await zip.file('manifest.json')!.async('string');
      expect(text).not.toContain('${{');
      const manifest = JSON.parse(text) as { id: string; version: string; bots: { botId: string }[]; composeExtensions: { botId: string }[]; developer: { name: string } };
      expect(manifest).toEqual(pkg.manifest);
      expect([manifest.id, manifest.version, manifest.developer.name]).toEqual([APP_ID, '1.4.0', 'Worcestershire County Council']);
      expect([manifest.bots[0]!.botId, manifest.composeExtensions[0]!.botId]).toEqual([BOT_ID, BOT_ID]);

      for (const icon of ['color.png', 'outline.png']) {
        expect(await zip.file(icon)!.async('nodebuffer')).toEqual(readFileSync(join(MANIFEST_DIR, icon)));
      }
    });

    it('packs the icons the manifest names', async () => {
      const dir = manifestFolderCopy((m) => { m['icons'] = { color: 'worcs-colour.png', outline: 'worcs-outline.png' }; });
      writeFileSync(join(dir, 'worcs-colour.png'), readFileSync(join(dir, 'color.png')));
      writeFileSync(join(dir, 'worcs-outline.png'), readFileSync(join(dir, 'outline.png')));
      const zip = await JSZip.loadAsync((await buildAppPackage(dir, VALUES)).zip);
      expect(Object.keys(zip.files).sort()).toEqual(['manifest.json', 'worcs-colour.png', 'worcs-outline.png']);
    });

    it('names a missing field and a bad id in the manifest, with their paths', async () => {
      const dir = manifestFolderCopy((m) => {
        delete m['accentColor'];
        m['id'] = 'ofsted-history-bot';
      });
      expect(await problems(dir)).toEqual([
        'manifest.json /: must have required property \'accentColor\'',
        expect.stringMatching(/^manifest\.json \/id: must match pattern/),
      ]);
    });

    it('names a placeholder the package step does not fill', async () => {
      const dir = manifestFolderCopy((m) => { m['name'] = { short: '${{APP_SHORT_NAME}}', full: 'Ofsted inspection history' }; });
      expect(await problems(dir)).toEqual([expect.stringMatching(/manifest\.json: the manifest template uses \$\{\{APP_SHORT_NAME\}\}, which is not filled in/)]);
    });

    it('names a manifest that is not JSON, and a folder without one', async () => {
      const dir = manifestFolderCopy();
      writeFileSync(join(dir, 'manifest.json'), 'null');
      expect(await problems(dir)).toEqual(['manifest.json /: is not a JSON object']);
      writeFileSync(join(dir, 'manifest.json'), '{ "manifestVersion": "1.30", }');
      expect(await problems(dir)).toEqual([expect.stringMatching(/manifest\.json: is not valid JSON \(.+\)$/)]);
      rmSync(join(dir, 'manifest.json'));
      expect(await problems(dir)).toEqual([expect.stringMatching(/manifest\.json: not found: the manifest folder must hold manifest\.json$/)]);
    });

    it('names a missing icon and a wrong one, and checks both', async () => {
      const dir = manifestFolderCopy();
      rmSync(join(dir, 'outline.png'));
      const small = new PNG({ width: 96, height: 96 });
      small.data.fill(200);
      writeFileSync(join(dir, 'color.png'), PNG.sync.write(small));
      expect(await problems(dir)).toEqual([
        'color.png: is 96×96 pixels; Teams wants the color icon 192×192',
        `manifest.json /icons/outline: ${join(dir, 'outline.png')} not found`,
      ]);
    });

    it('refuses icons outside the manifest folder and one file for both icons', async () => {
      const dir = manifestFolderCopy((m) => { m['icons'] = { color: '../color.png', outline: '../color.png' }; });
      expect(await problems(dir)).toEqual([
        'manifest.json /icons/color: "../color.png" is not a file name: keep the icons beside manifest.json and name them there',
        'manifest.json /icons/outline: "../color.png" is not a file name: keep the icons beside manifest.json and name them there',
      ]);
      const same = manifestFolderCopy((m) => { m['icons'] = { color: 'color.png', outline: 'color.png' }; });
      expect(await problems(same)).toEqual(['manifest.json /icons/outline: "color.png" is also the colour icon: Teams needs two different files']);
    });
  });
});
