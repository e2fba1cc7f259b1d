import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { blankToUndefined, GUID, optional } from '../config';

/** The developer website used when TEAMS_APP_WEBSITE_URL is not set: enough to sideload, not to publish. */
export const PLACEHOLDER_WEBSITE_URL = 'https://www.example.com';

/** The developer name used when TEAMS_APP_DEVELOPER is not set. */
export const DEFAULT_DEVELOPER_NAME = 'Ofsted history bot';

/** Teams' limit on developer.name, in characters. */
export const MAX_DEVELOPER_NAME = 32;

/** What the Teams app package is filled in with: the bot's and the app's ids, the version and the developer. */
export interface PackageSettings {
  /** The bot's Microsoft App ID (MicrosoftAppId), a GUID. */
  botId: string;
  /** The Teams app's id (TEAMS_APP_ID, default the bot id), a GUID. */
  appId: string;
  /** The app's version, x.y.z (TEAMS_APP_VERSION, default package.json's); Teams wants it raised for each update. */
  version: string;
  developerName: string;
  websiteUrl: string;
  privacyUrl: string;
  termsUrl: string;
}

/** The environment does not describe a package that can be built; `problems` holds one line per problem. */
export class PackageSettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'PackageSettingsError';
  }
}

const SEMVER = /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)$/;

const httpsUrl = z.string().refine((v) => {
  try {
    return new URL(v).protocol === 'https:';
  } catch {
    return false;
  }
}, { error: 'is not an https:// URL (Teams requires https for the developer\'s pages)' });

const guid = z.string().regex(GUID, { error: 'is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)' });

const envSchema = z.object({
  MicrosoftAppId: z.preprocess(blankToUndefined, z.string({
    error: 'is not set: set it to the bot\'s Microsoft App ID (a GUID) from its Azure Bot resource or the Teams ' +
      'Developer Portal, in .env or the environment',
  }).regex(GUID, { error: 'is not a GUID: set it to the bot\'s Microsoft App ID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)' })),
  TEAMS_APP_ID: optional(guid),
  TEAMS_APP_VERSION: optional(z.string().regex(SEMVER, { error: 'is not a version number of the form 1.2.3' })),
  TEAMS_APP_DEVELOPER: optional(z.string().max(MAX_DEVELOPER_NAME, { error: `is longer than Teams allows (${MAX_DEVELOPER_NAME} characters)` })),
  TEAMS_APP_WEBSITE_URL: optional(httpsUrl),
  TEAMS_APP_PRIVACY_URL: optional(httpsUrl),
  TEAMS_APP_TERMS_URL: optional(httpsUrl),
});

/** package.json's version (this file sits in src/package under ts-jest and in dist/package when built). */
export function projectVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '1.0.0';
}

/**
 * Reads the package settings from `env` (only from it: the command loads .env first). Blank variables count as
 * unset. Returns the settings and notes on the defaults that only suit sideloading; throws a PackageSettingsError
 * listing every problem, each naming its variable, the value and what was expected.
 */
export function readPackageSettings(env: NodeJS.ProcessEnv = process.env): { settings: PackageSettings; notes: string[] } {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new PackageSettingsError(parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '(environment)');
      const value = env[name]?.trim();
      return `${name}${value ? ` ${JSON.stringify(value)}` : ''} ${issue.message}`;
    }));
  }
  const v = parsed.data;
  const websiteUrl = v.TEAMS_APP_WEBSITE_URL ?? PLACEHOLDER_WEBSITE_URL;
  const notes: string[] = [];
  if (!v.TEAMS_APP_WEBSITE_URL) {
    notes.push(`TEAMS_APP_WEBSITE_URL is not set, so the developer's website is ${PLACEHOLDER_WEBSITE_URL}: ` +
      'fine for sideloading; set it (and TEAMS_APP_PRIVACY_URL, TEAMS_APP_TERMS_URL) before publishing the app to your organisation');
  }
  return {
    settings: {
      botId: v.MicrosoftAppId,
      appId: v.TEAMS_APP_ID ?? v.MicrosoftAppId,
      version: v.TEAMS_APP_VERSION ?? projectVersion(),
      developerName: v.TEAMS_APP_DEVELOPER ?? DEFAULT_DEVELOPER_NAME,
      websiteUrl,
      privacyUrl: v.TEAMS_APP_PRIVACY_URL ?? websiteUrl,
      termsUrl: v.TEAMS_APP_TERMS_URL ?? websiteUrl,
    },
    notes,
  };
}

/** The values of the manifest template's `${{NAME}}` placeholders. */
export function manifestPlaceholders(s: PackageSettings): Record<string, string> {
  return {
    MICROSOFT_APP_ID: s.botId,
    TEAMS_APP_ID: s.appId,
    TEAMS_APP_VERSION: s.version,
    DEVELOPER_NAME: s.developerName,
    DEVELOPER_WEBSITE_URL: s.websiteUrl,
    DEVELOPER_PRIVACY_URL: s.privacyUrl,
    DEVELOPER_TERMS_URL: s.termsUrl,
  };
}
