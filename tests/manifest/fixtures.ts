import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_DIR } from '../../src/package/buildAppPackage';
import { fillManifest } from '../../src/package/fillManifest';
import { manifestPlaceholders, readPackageSettings } from '../../src/package/packageSettings';

/** A bot id as the Azure Bot resource shows it. */
export const BOT_ID = '8a1f5c2e-3b4d-4e6f-9a0b-1c2d3e4f5a6b';

/** A separate Teams app id, as the Teams Developer Portal assigns one. */
export const APP_ID = 'c0ffee00-1234-4abc-8def-0123456789ab';

/** The environment of a council deploying the bot. */
export const COUNCIL_ENV: NodeJS.ProcessEnv = {
  MicrosoftAppId: BOT_ID,
  TEAMS_APP_ID: APP_ID,
  TEAMS_APP_VERSION: '1.4.0',
  TEAMS_APP_DEVELOPER: 'Worcestershire County Council',
  TEAMS_APP_WEBSITE_URL: 'https://www.worcestershire.gov.uk/inspection-bot',
  TEAMS_APP_PRIVACY_URL: 'https://www.worcestershire.gov.uk/privacy',
  TEAMS_APP_TERMS_URL: 'https://www.worcestershire.gov.uk/inspection-bot/terms',
};

/** The checked-in manifest template, parsed. */
export function template(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8')) as Record<string, unknown>;
}

/** The checked-in template filled for `env`, as the package step fills it. */
export function filledManifest(env: NodeJS.ProcessEnv = COUNCIL_ENV): Record<string, unknown> {
  return fillManifest(template(), manifestPlaceholders(readPackageSettings(env).settings)) as Record<string, unknown>;
}

/** A copy of the project's manifest folder in a temporary folder, with the manifest changed by `edit` when given. */
export function manifestFolderCopy(edit?: (manifest: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'teams-manifest-'));
  cpSync(MANIFEST_DIR, dir, { recursive: true });
  if (edit) {
    const manifest = template();
    edit(manifest);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  }
  return dir;
}
