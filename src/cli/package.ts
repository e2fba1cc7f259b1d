import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { AppPackageError, MANIFEST_DIR, buildAppPackage } from '../package/buildAppPackage';
import { PackageSettingsError, manifestPlaceholders, readPackageSettings } from '../package/packageSettings';
import { parseOrExplain, runIfMain } from './args';

/** Where the package is written without --out (the build output folder). */
export const DEFAULT_OUT = resolve(__dirname, '../../dist/teams-app.zip');

const USAGE = `Usage: npm run package -- [--out FILE] [--manifest DIR]

Builds the Teams app package to sideload or upload: fills manifest/manifest.json with the bot's
Microsoft App ID and the developer's details, checks it against the Teams manifest schema (offline)
and checks the icons, then zips manifest.json, color.png and outline.png.

  --out FILE       where to write the zip (default: dist/teams-app.zip; a folder gets teams-app.zip)
  --manifest DIR   the folder holding manifest.json and its icons (default: manifest)
  --help           show this help

From the environment or .env (see .env.example): MicrosoftAppId (required, the bot's app id),
TEAMS_APP_ID (default: MicrosoftAppId), TEAMS_APP_VERSION (default: package.json's version),
TEAMS_APP_DEVELOPER, TEAMS_APP_WEBSITE_URL, TEAMS_APP_PRIVACY_URL, TEAMS_APP_TERMS_URL.

Exit status: 0 when the package is written, 1 when a setting, the manifest or an icon is wrong, 2 for usage.`;

/** Runs the command on argv (without node and the script); reads `env`, or .env and the environment when not given. */
export async function main(argv: string[], env?: NodeJS.ProcessEnv): Promise<number> {
  const args = parseOrExplain('package', argv, { values: ['--out', '--manifest'], switches: ['--help'] }, USAGE);
  if (!args) return 2;
  if (args.switches.has('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.positional.length) {
    process.stderr.write(`package: unexpected argument ${JSON.stringify(args.positional[0])}\n\n${USAGE}\n`);
    return 2;
  }
  const manifestDir = resolve(args.values.get('--manifest') ?? MANIFEST_DIR);
  if (!existsSync(manifestDir) || !statSync(manifestDir).isDirectory()) {
    process.stderr.write(`package: --manifest ${manifestDir}: no such folder\n`);
    return 2;
  }
  const outArg = args.values.get('--out');
  let out = resolve(outArg ?? DEFAULT_OUT);
  if (/[\\/]$/.test(outArg ?? '') || (existsSync(out) && statSync(out).isDirectory())) out = join(out, basename(DEFAULT_OUT));

  if (!env) loadDotenv({ quiet: true });
  let built;
  try {
    const { settings, notes } = readPackageSettings(env ?? process.env);
    for (const note of notes) process.stderr.write(`package: note: ${note}\n`);
    built = { settings, pkg: await buildAppPackage(manifestDir, manifestPlaceholders(settings)) };
  } catch (e) {
    if (!(e instanceof PackageSettingsError || e instanceof AppPackageError)) throw e;
    process.stderr.write(`package: cannot build the Teams app package:\n${e.problems.map((p) => `  - ${p}\n`).join('')}`);
    return 1;
  }
  const { settings, pkg } = built;
  try {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, pkg.zip);
  } catch (e) {
    process.stderr.write(`package: cannot write ${out}: ${(e as Error).message}\n`);
    return 1;
  }
  process.stdout.write(
    `Wrote ${shown(out)} (${(pkg.zip.length / 1024).toFixed(1)} kB): ${pkg.files.join(', ')}\n` +
    `  app id ${settings.appId}, bot id ${settings.botId}, version ${settings.version}\n` +
    'Upload it in Teams: Apps > Manage your apps > Upload an app.\n',
  );
  return 0;
}

/** A path relative to the working folder when it lies inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

runIfMain(module, 'package', main);
