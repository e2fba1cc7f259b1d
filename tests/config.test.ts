import { resolve } from 'node:path';
import { DEFAULT_DATA_DIR } from '../src/cli/paths';
import { ConfigError, DEFAULT_FEEDBACK_FILE, isSecretVariable, loadConfig } from '../src/config';

const APP_ID = '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const TENANT = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
/** A registered bot's settings, as an Azure deployment would set them. */
const AZURE = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret' };

/** The problems loadConfig reports for an environment, or [] when it accepts it. */
function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return [...e.problems];
  }
}

describe('config', () => {
  describe('loadConfig', () => {
    it('uses the local defaults when nothing is set', () => {
      expect(loadConfig({})).toEqual({
        port: 3978,
        host: '127.0.0.1',
        dataDir: DEFAULT_DATA_DIR,
        appId: null,
        appPassword: null,
        appType: 'MultiTenant',
        appTenantId: null,
        authenticated: false,
        allowUnauthenticated: false,
        defaultAuthority: null,
        feedbackFile: DEFAULT_FEEDBACK_FILE,
        unansweredFile: resolve(__dirname, '..', 'feedback', 'unanswered.jsonl'),
        logLevel: 'info',
        watchData: true,
        watchIntervalMs: 2000,
        stateStorage: 'memory',
        storageConnectionString: null,
        stateContainer: 'bot-state',
        allowedTenants: null,
        rateLimitPerMinute: 20,
        rateLimitBurst: 10,
        maxQuestionChars: 500,
        answerCacheSize: 1000,
        memoryConversations: 5_000,
        heapGrowthPercent: 25,
      });
    });

    it('puts the default data and feedback folders under the repository root', () => {
      const root = resolve(__dirname, '..');
      expect(DEFAULT_DATA_DIR).toBe(resolve(root, 'data'));
      expect(DEFAULT_FEEDBACK_FILE).toBe(resolve(root, 'feedback/feedback.jsonl'));
    });

    it('reads only the env object it is given', () => {
      const saved = process.env['PORT'];
      process.env['PORT'] = 'not a port';
      try {
        expect(loadConfig({}).port).toBe(3978);
      } finally {
        if (saved === undefined) delete process.env['PORT'];
        else process.env['PORT'] = saved;
      }
    });

    it('returns a frozen config', () => {
      const config = loadConfig({});
      expect(Object.isFrozen(config)).toBe(true);
      expect(() => {
        (config as { port: number }).port = 1;
      }).toThrow(TypeError);
    });

    it.each<[string, NodeJS.ProcessEnv, Partial<ReturnType<typeof loadConfig>>]>([
      ['port and host as given', { PORT: '8080', HOST: 'localhost' }, { port: 8080, host: 'localhost' }],
      ['port 0 (any free port)', { PORT: '0' }, { port: 0 }],
      ['blank variables as unset', { PORT: '', HOST: '  ', DEFAULT_AUTHORITY: '' }, { port: 3978, host: '127.0.0.1', defaultAuthority: null }],
      ['a trimmed default authority', { DEFAULT_AUTHORITY: ' Leeds ' }, { defaultAuthority: 'Leeds' }],
      ['relative folders from the working directory', { DATA_DIR: 'some/reports', FEEDBACK_FILE: 'fb.jsonl' }, { dataDir: resolve('some/reports'), feedbackFile: resolve('fb.jsonl') }],
      ['absolute folders as given', { DATA_DIR: '/srv/reports', FEEDBACK_FILE: '/var/log/bot/fb.jsonl' }, { dataDir: '/srv/reports', feedbackFile: '/var/log/bot/fb.jsonl' }],
      ['unanswered questions beside the votes by default', { FEEDBACK_FILE: '/var/log/bot/fb.jsonl' }, { unansweredFile: '/var/log/bot/unanswered.jsonl' }],
      ['unanswered questions where UNANSWERED_FILE says', { FEEDBACK_FILE: '/var/log/bot/fb.jsonl', UNANSWERED_FILE: 'gaps.jsonl' }, { unansweredFile: resolve('gaps.jsonl') }],
      ['credentials, listening on all interfaces by default', AZURE, { authenticated: true, host: '0.0.0.0', appId: APP_ID, appType: 'MultiTenant' }],
      ['the app type in any case', { ...AZURE, MicrosoftAppType: 'singletenant', MicrosoftAppTenantId: TENANT }, { appType: 'SingleTenant', appTenantId: TENANT }],
      ['a managed identity without a password', { MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT }, { appType: 'UserAssignedMSI', authenticated: true, appPassword: null }],
      ['credentials on an explicit host', { ...AZURE, HOST: '10.0.0.4' }, { host: '10.0.0.4' }],
      ['unsigned requests on a public host when allowed', { HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: 'TRUE' }, { host: '0.0.0.0', allowUnauthenticated: true, authenticated: false }],
      ['::1 as a loopback host', { HOST: '::1' }, { host: '::1' }],
      ['any 127.x address as a loopback host', { HOST: '127.0.0.2' }, { host: '127.0.0.2' }],
      ['a log level', { LOG_LEVEL: 'debug' }, { logLevel: 'debug' }],
      ['watching the data folder turned off, in any case', { WATCH_DATA: 'False' }, { watchData: false }],
      ['a watch interval in milliseconds', { WATCH_INTERVAL_MS: '500' }, { watchData: true, watchIntervalMs: 500 }],
      ['allowed tenants, in lower case, without repeats', { ALLOWED_TENANTS: ` ${TENANT.toUpperCase()}, 72f988bf-86f1-41af-91ab-2d7cd011db47,${TENANT} ` }, { allowedTenants: [TENANT, '72f988bf-86f1-41af-91ab-2d7cd011db47'] }],
      ['commas alone as every tenant', { ALLOWED_TENANTS: ' , ' }, { allowedTenants: null }],
      ['a rate limit', { RATE_LIMIT_PER_MINUTE: '6', RATE_LIMIT_BURST: '3' }, { rateLimitPerMinute: 6, rateLimitBurst: 3 }],
      ['0 as no rate limit', { RATE_LIMIT_PER_MINUTE: '0' }, { rateLimitPerMinute: 0 }],
      ['a question length', { MAX_QUESTION_CHARS: '280' }, { maxQuestionChars: 280 }],
      ['no answer cache', { ANSWER_CACHE_SIZE: '0' }, { answerCacheSize: 0 }],
      ['a larger answer cache', { ANSWER_CACHE_SIZE: '5000' }, { answerCacheSize: 5000 }],
      ['fewer conversations kept in memory', { MEMORY_CONVERSATIONS: '500' }, { memoryConversations: 500 }],
      ["0 as V8's own heap growth", { HEAP_GROWTH_PERCENT: '0' }, { heapGrowthPercent: 0 }],
      ['a heap growth', { HEAP_GROWTH_PERCENT: '100' }, { heapGrowthPercent: 100 }],
    ])('reads %s', (_case, env, expected) => {
      expect(loadConfig(env)).toMatchObject(expected);
    });

    it.each<[string, NodeJS.ProcessEnv, string]>([
      ['a word as PORT', { PORT: 'abc' }, 'PORT "abc" is not a port number (0-65535)'],
      ['a port above 65535', { PORT: '70000' }, 'PORT "70000" is not a port number (0-65535)'],
      ['a negative port', { PORT: '-1' }, 'PORT "-1" is not a port number (0-65535)'],
      ['a URL as HOST', { HOST: 'http://localhost' }, 'HOST "http://localhost" is not a host name or IP address'],
      ['an app id that is not a GUID', { MicrosoftAppId: 'my-bot', MicrosoftAppPassword: 'x' }, 'MicrosoftAppId "my-bot" is not an app id (a GUID'],
      ['an unknown app type', { ...AZURE, MicrosoftAppType: 'Multi' }, 'MicrosoftAppType "Multi" is not an app type (MultiTenant, SingleTenant, UserAssignedMSI)'],
      ['yes as ALLOW_UNAUTHENTICATED', { ALLOW_UNAUTHENTICATED: 'yes' }, 'ALLOW_UNAUTHENTICATED "yes" is not a boolean (true, false)'],
      ['an unknown log level', { LOG_LEVEL: 'verbose' }, 'LOG_LEVEL "verbose" is not a log level (error, info, debug)'],
      ['on as WATCH_DATA', { WATCH_DATA: 'on' }, 'WATCH_DATA "on" is not a boolean (true, false)'],
      ['seconds as WATCH_INTERVAL_MS', { WATCH_INTERVAL_MS: '5s' }, 'WATCH_INTERVAL_MS "5s" is not a number of milliseconds (100 or more, e.g. 2000)'],
      ['a watch interval under 100 ms', { WATCH_INTERVAL_MS: '10' }, 'WATCH_INTERVAL_MS "10" is not a number of milliseconds (100 or more'],
      ['a tenant name among tenant ids', { ALLOWED_TENANTS: `${TENANT},contoso.onmicrosoft.com` }, 'ALLOWED_TENANTS "' + TENANT + ',contoso.onmicrosoft.com" has "contoso.onmicrosoft.com", which is not a tenant id: list Microsoft Entra tenant ids (GUIDs) separated by commas'],
      ['a fraction as a rate', { RATE_LIMIT_PER_MINUTE: '2.5' }, 'RATE_LIMIT_PER_MINUTE "2.5" is not a number of questions a minute (a whole number from 0 to 100000)'],
      ['a negative burst', { RATE_LIMIT_BURST: '-1' }, 'RATE_LIMIT_BURST "-1" is not a number of questions (a whole number from 0 to 100000)'],
      ['0 as the question length', { MAX_QUESTION_CHARS: '0' }, 'MAX_QUESTION_CHARS "0" is not a number of characters (1 or more)'],
      ['a word as the question length', { MAX_QUESTION_CHARS: 'long' }, 'MAX_QUESTION_CHARS "long" is not a number of characters (a whole number from 0 to 100000)'],
      ['no conversations kept in memory', { MEMORY_CONVERSATIONS: '0' }, 'MEMORY_CONVERSATIONS "0" is not a number of conversations to keep (a whole number from 1 to 10000000)'],
      ['a negative answer cache', { ANSWER_CACHE_SIZE: '-1' }, 'ANSWER_CACHE_SIZE "-1" is not a number of replies (a whole number from 0 to 1000000)'],
      ['a heap growth in a fraction', { HEAP_GROWTH_PERCENT: '0.5' }, 'HEAP_GROWTH_PERCENT "0.5" is not a number of per cent (a whole number from 0 to 1000)'],
    ])('rejects %s, naming the variable, the value and what was expected', (_case, env, message) => {
      const problems = problemsOf(env);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(message);
    });

    it.each<[string, NodeJS.ProcessEnv, RegExp]>([
      ['a public host without credentials', { HOST: '0.0.0.0' }, /^HOST "0.0.0.0" is not a loopback address, but MicrosoftAppId is not set.*ALLOW_UNAUTHENTICATED=true/],
      ['a LAN address without credentials', { HOST: '192.168.1.20', ALLOW_UNAUTHENTICATED: 'false' }, /^HOST "192.168.1.20" is not a loopback address/],
      ['a password without an app id', { MicrosoftAppPassword: 'secret-value' }, /^MicrosoftAppPassword is set but MicrosoftAppId is not/],
      ['an app id without a password', { MicrosoftAppId: APP_ID }, /^MicrosoftAppPassword is required when MicrosoftAppId is set and MicrosoftAppType is "MultiTenant"/],
      ['SingleTenant without a tenant id', { ...AZURE, MicrosoftAppType: 'SingleTenant' }, /^MicrosoftAppTenantId is required when MicrosoftAppType is "SingleTenant"/],
      ['UserAssignedMSI without a tenant id', { MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI' }, /^MicrosoftAppTenantId is required when MicrosoftAppType is "UserAssignedMSI"/],
      ['UserAssignedMSI with a password', { ...AZURE, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT }, /^MicrosoftAppPassword must not be set when MicrosoftAppType is "UserAssignedMSI"/],
      ['SingleTenant without an app id', { MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT }, /^MicrosoftAppType "SingleTenant" needs MicrosoftAppId/],
    ])('rejects %s', (_case, env, message) => {
      const problems = problemsOf(env);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(message);
    });

    it('never repeats the password in a message', () => {
      const problems = problemsOf({ MicrosoftAppPassword: 'secret-value' });
      expect(problems.join('\n')).not.toContain('secret-value');
    });

    it.each([
      'MicrosoftAppPassword', 'AZURE_STORAGE_CONNECTION_STRING', 'STORAGE_ACCOUNT_KEY', 'CLIENT_SECRET', 'API_TOKEN', 'BLOB_SAS',
    ])('counts %s as a secret', (name) => {
      expect(isSecretVariable(name)).toBe(true);
    });

    it.each(['PORT', 'HOST', 'MicrosoftAppId', 'ALLOWED_TENANTS', 'DATA_DIR', 'LOG_LEVEL', 'AZURE_STORAGE_CONTAINER'])('does not count %s as a secret', (name) => {
      expect(isSecretVariable(name)).toBe(false);
    });

    it('reports every problem at once, in one ConfigError', () => {
      const env = { PORT: 'abc', LOG_LEVEL: 'loud', HOST: '0.0.0.0', MicrosoftAppType: 'SingleTenant' };
      expect(() => loadConfig(env)).toThrow(ConfigError);
      const problems = problemsOf(env);
      expect(problems).toEqual([
        expect.stringMatching(/^PORT "abc"/),
        expect.stringMatching(/^LOG_LEVEL "loud"/),
        expect.stringMatching(/^MicrosoftAppType "SingleTenant" needs MicrosoftAppId/),
        expect.stringMatching(/^MicrosoftAppTenantId is required/),
        expect.stringMatching(/^HOST "0.0.0.0" is not a loopback address/),
      ]);
      try {
        loadConfig(env);
      } catch (e) {
        expect((e as Error).message).toBe(problems.join('\n'));
      }
    });

    it('does not report a bad app id a second time as a missing one', () => {
      expect(problemsOf({ MicrosoftAppId: 'my-bot', MicrosoftAppPassword: 'x', HOST: '0.0.0.0' })).toEqual([
        expect.stringMatching(/^MicrosoftAppId "my-bot"/),
      ]);
    });

    it('still checks the rules that do not involve a bad variable', () => {
      expect(problemsOf({ MicrosoftAppType: 'Single', HOST: '0.0.0.0' })).toEqual([
        expect.stringMatching(/^MicrosoftAppType "Single" is not an app type/),
        expect.stringMatching(/^HOST "0.0.0.0" is not a loopback address/),
      ]);
    });
  });

  describe('loadConfig: state storage', () => {
    const AZURITE = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;' +
      'AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
      'BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;';

    it('reads the Blob Storage settings', () => {
      const config = loadConfig({ STATE_STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: AZURITE, STATE_CONTAINER: 'teams-bot-2' });
      expect(config).toEqual(expect.objectContaining({ stateStorage: 'blob', storageConnectionString: AZURITE, stateContainer: 'teams-bot-2' }));
    });

    it('keeps no connection string when state stays in memory', () => {
      expect(loadConfig({ AZURE_STORAGE_CONNECTION_STRING: AZURITE }).storageConnectionString).toBeNull();
    });

    it.each([
      ['blob without a connection string', { STATE_STORAGE: 'blob' }, /^AZURE_STORAGE_CONNECTION_STRING is required when STATE_STORAGE is "blob"/],
      ['an unknown storage', { STATE_STORAGE: 'cosmos' }, /^STATE_STORAGE "cosmos" is not a state storage \(memory, blob\)/],
      ['a container name in capitals', { STATE_CONTAINER: 'BotState' }, /^STATE_CONTAINER "BotState" is not a Blob Storage container name/],
      ['a container name of two letters', { STATE_CONTAINER: 'bs' }, /^STATE_CONTAINER "bs" is not a Blob Storage container name/],
      ['a container name with two hyphens together', { STATE_CONTAINER: 'bot--state' }, /^STATE_CONTAINER "bot--state" is not/],
      ['a container name ending in a hyphen', { STATE_CONTAINER: 'bot-state-' }, /^STATE_CONTAINER "bot-state-" is not/],
      ['a container name of 64 characters', { STATE_CONTAINER: 'a'.repeat(64) }, /^STATE_CONTAINER "a{64}" is not/],
    ])('rejects %s', (_case, env, message) => {
      const problems = problemsOf(env);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(message);
    });

    it('accepts container names at the limits of Azure\'s rules', () => {
      for (const name of ['abc', 'a'.repeat(63), '0-state', 'bot-state-2']) expect(loadConfig({ STATE_CONTAINER: name }).stateContainer).toBe(name);
    });

    it('never repeats the connection string in a message', () => {
      const problems = problemsOf({ STATE_STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'AccountKey secret-value without pairs' });
      expect(problems).toEqual([expect.stringMatching(/^AZURE_STORAGE_CONNECTION_STRING is not an Azure Storage connection string/)]);
      expect(problems.join('\n')).not.toContain('secret-value');
    });
  });
});
