import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DEFAULT_DEVELOPER_NAME, PLACEHOLDER_WEBSITE_URL, PackageSettingsError, manifestPlaceholders, readPackageSettings,
} from '../../src/package/packageSettings';
import { APP_ID, BOT_ID, COUNCIL_ENV } from './fixtures';

const PROJECT_VERSION = (JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;

/** The problems readPackageSettings reports for `env`, or [] when it accepts it. */
function problems(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    readPackageSettings(env);
    return [];
  } catch (e) {
    if (!(e instanceof PackageSettingsError)) throw e;
    return e.problems;
  }
}

describe('packageSettings', () => {
  describe('readPackageSettings', () => {
    it('reads every setting a council sets', () => {
      expect(readPackageSettings(COUNCIL_ENV)).toEqual({
        settings: {
          botId: BOT_ID,
          appId: APP_ID,
          version: '1.4.0',
          developerName: 'Worcestershire County Council',
          websiteUrl: 'https://www.worcestershire.gov.uk/inspection-bot',
          privacyUrl: 'https://www.worcestershire.gov.uk/privacy',
          termsUrl: 'https://www.worcestershire.gov.uk/inspection-bot/terms',
        },
        notes: [],
      });
    });

    it('needs only the bot id: the app id is the bot id, the version package.json\'s, the pages a placeholder site', () => {
      const { settings, notes } = readPackageSettings({ MicrosoftAppId: BOT_ID, TEAMS_APP_ID: '  ', TEAMS_APP_VERSION: '' });
      expect(settings).toEqual({
        botId: BOT_ID,
        appId: BOT_ID,
        version: PROJECT_VERSION,
        developerName: DEFAULT_DEVELOPER_NAME,
        websiteUrl: PLACEHOLDER_WEBSITE_URL,
        privacyUrl: PLACEHOLDER_WEBSITE_URL,
        termsUrl: PLACEHOLDER_WEBSITE_URL,
      });
      expect(notes).toEqual([expect.stringMatching(/^TEAMS_APP_WEBSITE_URL is not set, so the developer's website is https:\/\/www\.example\.com: .*before publishing/)]);
    });

    it('uses the website for the privacy and terms pages when they are not set', () => {
      const { settings } = readPackageSettings({ MicrosoftAppId: BOT_ID, TEAMS_APP_WEBSITE_URL: 'https://www.oxfordshire.gov.uk/ofsted-bot' });
      expect([settings.privacyUrl, settings.termsUrl]).toEqual(['https://www.oxfordshire.gov.uk/ofsted-bot', 'https://www.oxfordshire.gov.uk/ofsted-bot']);
    });

    it.each([
      [{}, /^MicrosoftAppId is not set: set it to the bot's Microsoft App ID \(a GUID\)/],
      [{ MicrosoftAppId: '   ' }, /^MicrosoftAppId is not set/],
      [{ MicrosoftAppId: 'ofsted-bot' }, /^MicrosoftAppId "ofsted-bot" is not a GUID/],
      [{ MicrosoftAppId: `{${BOT_ID}}` }, /^MicrosoftAppId "\{8a1f5c2e-.*\}" is not a GUID/],
      [{ MicrosoftAppId: BOT_ID, TEAMS_APP_ID: '12345' }, /^TEAMS_APP_ID "12345" is not a GUID/],
      [{ MicrosoftAppId: BOT_ID, TEAMS_APP_VERSION: 'v2' }, /^TEAMS_APP_VERSION "v2" is not a version number of the form 1\.2\.3$/],
      [{ MicrosoftAppId: BOT_ID, TEAMS_APP_VERSION: '1.4' }, /^TEAMS_APP_VERSION "1\.4" is not a version number/],
      [{ MicrosoftAppId: BOT_ID, TEAMS_APP_WEBSITE_URL: 'http://www.worcestershire.gov.uk' }, /^TEAMS_APP_WEBSITE_URL "http:\/\/www\.worcestershire\.gov\.uk" is not an https:\/\/ URL/],
      [{ MicrosoftAppId: BOT_ID, TEAMS_APP_PRIVACY_URL: 'worcestershire.gov.uk/privacy' }, /^TEAMS_APP_PRIVACY_URL "worcestershire\.gov\.uk\/privacy" is not an https:\/\/ URL/],
      [{ MicrosoftAppId: BOT_ID, TEAMS_APP_DEVELOPER: 'Worcestershire Children First Limited' }, /^TEAMS_APP_DEVELOPER ".*" is longer than Teams allows \(32 characters\)$/],
    ] as [NodeJS.ProcessEnv, RegExp][])('refuses %j, naming the variable and the value', (env, problem) => {
      expect(problems(env)).toEqual([expect.stringMatching(problem)]);
    });

    it('lists every problem at once', () => {
      expect(problems({ TEAMS_APP_ID: 'x', TEAMS_APP_TERMS_URL: 'ftp://example.org/terms' }).map((p) => p.split(' ')[0])).toEqual([
        'MicrosoftAppId', 'TEAMS_APP_ID', 'TEAMS_APP_TERMS_URL',
      ]);
    });
  });

  describe('manifestPlaceholders', () => {
    it('gives a value for each placeholder the template uses', () => {
      expect(manifestPlaceholders(readPackageSettings(COUNCIL_ENV).settings)).toEqual({
        MICROSOFT_APP_ID: BOT_ID,
        TEAMS_APP_ID: APP_ID,
        TEAMS_APP_VERSION: '1.4.0',
        DEVELOPER_NAME: 'Worcestershire County Council',
        DEVELOPER_WEBSITE_URL: 'https://www.worcestershire.gov.uk/inspection-bot',
        DEVELOPER_PRIVACY_URL: 'https://www.worcestershire.gov.uk/privacy',
        DEVELOPER_TERMS_URL: 'https://www.worcestershire.gov.uk/inspection-bot/terms',
      });
    });
  });
});
