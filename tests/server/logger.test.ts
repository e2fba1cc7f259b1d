import { AuthenticationError } from 'botframework-connector';
import { makeLogger, oneLine, REDACTED, redactor, routeConsole, secretValues } from '../../src/server/logger';

const APP_PASSWORD = 'Xq8~kP2.vL9_mN4-rT6sW1yZ3aB5cD7eF0gH';
const ACCOUNT_KEY = 'c2VjcmV0LWtleS1mb3Itb2ZzdGVkLWJvdC1zdGF0ZS1zdG9yYWdlLWFjY291bnQtMDEyMzQ1Njc4OQ==';
const CONNECTION = `DefaultEndpointsProtocol=https;AccountName=ofstedbotstate;AccountKey=${ACCOUNT_KEY};EndpointSuffix=core.windows.net`;

describe('server/logger', () => {
  describe('secretValues', () => {
    it('takes the secret variables, and the key inside a connection string, longest first', () => {
      const values = secretValues({
        MicrosoftAppPassword: APP_PASSWORD, AZURE_STORAGE_CONNECTION_STRING: CONNECTION, MicrosoftAppId: '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b', PORT: '3978',
      });
      expect(values).toEqual([CONNECTION, ACCOUNT_KEY, APP_PASSWORD]);
    });

    it('skips values too short to search for, and unset ones', () => {
      expect(secretValues({ MicrosoftAppPassword: 'abc', CLIENT_SECRET: '', API_TOKEN: undefined })).toEqual([]);
    });
  });

  describe('redactor', () => {
    const redact = redactor([APP_PASSWORD, ACCOUNT_KEY]);

    it.each<[string, string, string]>([
      ['a known secret', `login failed for secret ${APP_PASSWORD}.`, `login failed for secret ${REDACTED}.`],
      ['an account key in a message', `Invalid AccountKey ${ACCOUNT_KEY}`, `Invalid AccountKey ${REDACTED}`],
      ['a bearer token', 'sending Bearer abc.def-ghi_jkl to the connector', `sending Bearer ${REDACTED} to the connector`],
      ['a JSON web token alone', 'token eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJib3QifQ.c2lnbmF0dXJl refused', `token ${REDACTED} refused`],
      ['an Authorization header', '{"authorization":"Basic dXNlcjpwYXNz"}', `{"authorization":"${REDACTED}"}`],
      ['an unknown connection string\'s key', 'AccountName=other;AccountKey=b3RoZXIta2V5;EndpointSuffix=core.windows.net', `AccountName=other;AccountKey=${REDACTED};EndpointSuffix=core.windows.net`],
      ['a SAS signature', 'GET https://acct.blob.core.windows.net/state/x?sv=2024-01-01&sig=abc%2Fdef%3D&se=2026', `GET https://acct.blob.core.windows.net/state/x?sv=2024-01-01&sig=${REDACTED}&se=2026`],
    ])('blanks out %s', (_case, line, expected) => {
      expect(redact(line)).toBe(expected);
    });

    it('leaves a line without secrets as it is', () => {
      const line = 'turn error: activity 1700000000001 (message) in conversation a:1: Error: index lookup failed';
      expect(redact(line)).toBe(line);
    });
  });

  describe('oneLine', () => {
    it('escapes line breaks and control characters, so a request cannot forge a log line', () => {
      expect(oneLine('tenant "x"\n2026-01-01T00:00:00.000Z forged\r\u0000\u2028')).toBe('tenant "x"\\n2026-01-01T00:00:00.000Z forged\\u000d\\u0000\\u2028');
    });
  });

  describe('makeLogger', () => {
    function capture(level: 'error' | 'info' | 'debug') {
      const out: string[] = [];
      const err: string[] = [];
      const log = makeLogger(level, redactor([APP_PASSWORD]), { out: { write: (t) => out.push(t) }, err: { write: (t) => err.push(t) } });
      return { log, out, err };
    }

    it.each<['error' | 'info' | 'debug', number]>([['error', 0], ['info', 1], ['debug', 2]])('at %s writes %d lines to stdout, and errors to stderr', (level, lines) => {
      const { log, out, err } = capture(level);
      log.error('e');
      log.info('i');
      log.debug('d');
      expect(out).toHaveLength(lines);
      expect(err).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z e\n$/)]);
    });

    it('redacts and keeps each entry on one line', () => {
      const { log, err } = capture('info');
      log.error(`Error: bad secret ${APP_PASSWORD}\n    at stack (file.ts:1:1)`);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(/Error: bad secret \[redacted\]\\n {4}at stack \(file\.ts:1:1\)\n$/);
    });
  });

  describe('routeConsole', () => {
    it('sends console output through the logger, formatted and redacted', () => {
      const lines: string[] = [];
      const target = { error: console.error, warn: console.warn, log: console.log, info: console.info, debug: console.debug };
      routeConsole({ error: (l) => lines.push(`E ${l}`), info: (l) => lines.push(`I ${l}`), debug: (l) => lines.push(`D ${l}`) }, target);
      target.error(new Error('refused'));
      target.warn('BadRequest: %s', 'missing type');
      target.log('Activity Log:', { id: 1 });
      target.debug('detail');
      target.error(new AuthenticationError('The request is not authorized', 401));
      expect(lines).toEqual([
        expect.stringMatching(/^E Error: refused\n {4}at /), 'E BadRequest: missing type', 'I Activity Log: { id: 1 }', 'D detail',
        // A refused token, which the server logs in a line of its own.
        expect.stringMatching(/^D AuthenticationError: The request is not authorized/),
      ]);
    });
  });
});
