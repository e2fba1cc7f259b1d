import { UnfilledPlaceholderError, fillManifest, placeholdersIn } from '../../src/package/fillManifest';
import { BOT_ID } from './fixtures';

const TEMPLATE = {
  id: '${{TEAMS_APP_ID}}',
  developer: { websiteUrl: '${{ DEVELOPER_WEBSITE_URL }}', privacyUrl: '${{DEVELOPER_WEBSITE_URL}}/privacy' },
  bots: [{ botId: '${{MICROSOFT_APP_ID}}', scopes: ['personal'], supportsFiles: false }],
  composeExtensions: [{ botId: '${{MICROSOFT_APP_ID}}' }],
  '${{NOT_A_VALUE}}': 'keys are left alone',
  accentColor: '#1D70B8',
  order: 3,
};

const VALUES = {
  TEAMS_APP_ID: 'c0ffee00-1234-4abc-8def-0123456789ab',
  MICROSOFT_APP_ID: BOT_ID,
  DEVELOPER_WEBSITE_URL: 'https://www.oxfordshire.gov.uk',
};

describe('fillManifest', () => {
  describe('placeholdersIn', () => {
    it('lists the placeholders in string values once each, in order, with spaces inside the braces allowed', () => {
      expect(placeholdersIn(TEMPLATE)).toEqual(['TEAMS_APP_ID', 'DEVELOPER_WEBSITE_URL', 'MICROSOFT_APP_ID']);
    });
  });

  describe('fillManifest', () => {
    it('fills every placeholder in nested values and inside longer strings, and leaves everything else as it was', () => {
      expect(fillManifest(TEMPLATE, VALUES)).toEqual({
        id: 'c0ffee00-1234-4abc-8def-0123456789ab',
        developer: { websiteUrl: 'https://www.oxfordshire.gov.uk', privacyUrl: 'https://www.oxfordshire.gov.uk/privacy' },
        bots: [{ botId: BOT_ID, scopes: ['personal'], supportsFiles: false }],
        composeExtensions: [{ botId: BOT_ID }],
        '${{NOT_A_VALUE}}': 'keys are left alone',
        accentColor: '#1D70B8',
        order: 3,
      });
    });

    it('does not change the template', () => {
      const template = structuredClone(TEMPLATE);
      fillManifest(template, VALUES);
      expect(template).toEqual(TEMPLATE);
    });

    it('inserts values with quotes and dollar signs as they are', () => {
      expect(fillManifest({ name: '${{DEVELOPER_NAME}}' }, { DEVELOPER_NAME: 'Children\'s "Services" $&' })).toEqual({ name: 'Children\'s "Services" $&' });
    });

    it('names each placeholder that has no value, and those that do', () => {
      const template = { ...TEMPLATE, version: '${{TEAMS_APP_VERSION}}', name: { short: '${{APP_NAME}}' } };
      expect(() => fillManifest(template, VALUES)).toThrow(UnfilledPlaceholderError);
      expect(() => fillManifest(template, VALUES)).toThrow(
        'the manifest template uses ${{TEAMS_APP_VERSION}}, ${{APP_NAME}}, which are not filled in (the placeholders filled are ' +
        '${{TEAMS_APP_ID}}, ${{MICROSOFT_APP_ID}}, ${{DEVELOPER_WEBSITE_URL}}): write the value in the template or use one of those');
    });
  });
});
