import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_DATA_DIR } from './cli/paths';
import { DEFAULT_WATCH_INTERVAL_MS } from './search/CorpusWatcher';
import { DEFAULT_HEAP_GROWTH_PERCENT } from './server/heapGrowth';

/** The project's root folder (this file sits in src/ under ts-jest and in dist/ when built). */
const REPO_ROOT = resolve(__dirname, '..');

/** Where votes on replies are appended when FEEDBACK_FILE is not set. */
export const DEFAULT_FEEDBACK_FILE = join(REPO_ROOT, 'feedback', 'feedback.jsonl');

/** The name of the file beside FEEDBACK_FILE that unanswered questions are appended to when UNANSWERED_FILE is not set. */
export const DEFAULT_UNANSWERED_NAME = 'unanswered.jsonl';

/** The port the Bot Framework Emulator and the Teams samples expect. */
export const DEFAULT_PORT = 3978;

/** How the bot's Microsoft Entra identity is set up (botbuilder's MicrosoftAppType). */
export const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
export type AppType = (typeof APP_TYPES)[number];

/** How much main.ts prints: errors only, plus start-up and turn lines (default), plus one line per request. */
export const LOG_LEVELS = ['error', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where conversation memory and votes are kept: in this process (and FEEDBACK_FILE), or in Azure Blob Storage. */
export const STATE_STORAGES = ['memory', 'blob'] as const;
export type StateStorage = (typeof STATE_STORAGES)[number];

/** The Blob Storage container used when STATE_CONTAINER is not set. */
export const DEFAULT_STATE_CONTAINER = 'bot-state';

/** Azure's rule for container names: 3-63 lowercase letters, digits and single hyphens, not at either end. */
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The bot's settings, read once from the environment at start. */
export interface Config {
  port: number;
  host: string;
  /** The folder of report documents (absolute). */
  dataDir: string;
  appId: string | null;
  appPassword: string | null;
  appType: AppType;
  appTenantId: string | null;
  /** True when MicrosoftAppId is set, so that requests must carry a Bot Framework token. */
  authenticated: boolean;
  /** Accept unsigned requests on a non-loopback HOST (ALLOW_UNAUTHENTICATED=true). */
  allowUnauthenticated: boolean;
  /** The authority to assume when a question names none. */
  defaultAuthority: string | null;
  /** The JSON-lines file votes on replies are appended to (absolute). */
  feedbackFile: string;
  /**
   * The JSON-lines file questions the bot could not answer are appended to (absolute), with STATE_STORAGE=memory;
   * with blob they go to `unanswered/YYYY-MM-DD.jsonl` in the container.
   */
  unansweredFile: string;
  logLevel: LogLevel;
  /** Rebuild the index when the files in dataDir change, and swap it in whole (WATCH_DATA, default true). */
  watchData: boolean;
  /** How often dataDir is looked at for changes, in ms (WATCH_INTERVAL_MS). */
  watchIntervalMs: number;
  /** memory: state in this process, votes in feedbackFile; blob: both in Azure Blob Storage, shared by instances. */
  stateStorage: StateStorage;
  /** The Azure Storage connection string (a secret); set when stateStorage is blob. */
  storageConnectionString: string | null;
  /** The Blob Storage container for state and votes, when stateStorage is blob. */
  stateContainer: string;
  /** The Microsoft Entra tenants whose activities are served (lower case), or null for every tenant. */
  allowedTenants: readonly string[] | null;
  /** Questions a user may ask per minute, on average; 0 turns the rate limit off. */
  rateLimitPerMinute: number;
  /** Questions a user may ask at once before the per-minute rate applies; 0 turns the rate limit off. */
  rateLimitBurst: number;
  /** The longest question (or message-extension search) read, in characters. */
  maxQuestionChars: number;
  /** Replies kept to answer a question asked again in the same circumstances without working it out again; 0 for none. */
  answerCacheSize: number;
  /**
   * With STATE_STORAGE=memory, how many conversations' memory is kept in this process; the one used longest ago is
   * forgotten first.
   */
  memoryConversations: number;
  /** How far the heap may grow past what is live before V8 collects, in per cent; 0 for V8's own rule. */
  heapGrowthPercent: number;
}

/** The environment does not describe a usable configuration; `problems` holds one line per problem. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Questions a user may ask per minute by default. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 20;
/** Questions a user may ask at once by default. */
export const DEFAULT_RATE_LIMIT_BURST = 10;
/** The longest question read by default, in characters. */
export const DEFAULT_MAX_QUESTION_CHARS = 500;
/** Replies kept by default: at about 10 kB each, some 10 MB. */
export const DEFAULT_ANSWER_CACHE_SIZE = 1000;

/**
 * How many conversations STATE_STORAGE=memory remembers when MEMORY_CONVERSATIONS is not set: some 3 kB of heap for a
 * conversation of two questions, up to some 20 kB for one with REMEMBERED_REPLIES long replies.
 */
export const DEFAULT_MEMORY_CONVERSATIONS = 5_000;

/**
 * Variables whose values are never repeated in an error message or a log line: the app's client secret, and any
 * password, secret, key, token or connection string (AZURE_STORAGE_CONNECTION_STRING and the like).
 */
export function isSecretVariable(name: string): boolean {
  return name === 'MicrosoftAppPassword' || /password|secret|connection_?string|(?:^|_)key$|accountkey|token|sas$/i.test(name);
}

const LOOPBACK = /^(?:localhost|::1|127(?:\.\d{1,3}){3})$/i;
/** A GUID, as app and tenant ids are written. */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a listen address is reachable only from this machine. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

// An empty variable (`DEFAULT_AUTHORITY=` in .env) means "not set"; a set one is read without surrounding spaces.
export const blankToUndefined = (v: unknown): unknown => {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  return t === '' ? undefined : t;
};

/** An environment variable that may be unset or blank, else read by `schema`. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToUndefined, schema.optional());
}

function oneOf<T extends readonly string[]>(values: T, what: string) {
  return z.string().transform((v, ctx) => {
    const found = values.find((x) => x.toLowerCase() === v.toLowerCase());
    if (found === undefined) {
      ctx.addIssue({ code: 'custom', message: `is not ${what} (${values.join(', ')})` });
      return z.NEVER;
    }
    return found as T[number];
  });
}

/** A whole number from 0 to `max`, as a variable holds it. */
function wholeNumber(unit: string, max: number) {
  const message = `is not a number of ${unit} (a whole number from 0 to ${max})`;
  return z.string()
    .regex(/^\d{1,9}$/, { error: message })
    .transform(Number)
    .refine((n) => n <= max, { error: message });
}

const envSchema = z.object({
  PORT: optional(z.string()
    .regex(/^\d{1,5}$/, { error: 'is not a port number (0-65535)' })
    .transform(Number)
    .refine((n) => n <= 65535, { error: 'is not a port number (0-65535)' })),
  HOST: optional(z.string().regex(/^[^\s/]+$/, { error: 'is not a host name or IP address (e.g. 127.0.0.1 or 0.0.0.0)' })),
  DATA_DIR: optional(z.string()),
  MicrosoftAppId: optional(z.string().regex(GUID, { error: 'is not an app id (a GUID: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)' })),
  MicrosoftAppPassword: optional(z.string()),
  MicrosoftAppType: optional(oneOf(APP_TYPES, 'an app type')),
  MicrosoftAppTenantId: optional(z.string()),
  ALLOW_UNAUTHENTICATED: optional(oneOf(['true', 'false'] as const, 'a boolean')),
  DEFAULT_AUTHORITY: optional(z.string()),
  FEEDBACK_FILE: optional(z.string()),
  UNANSWERED_FILE: optional(z.string()),
  LOG_LEVEL: optional(oneOf(LOG_LEVELS, 'a log level')),
  WATCH_DATA: optional(oneOf(['true', 'false'] as const, 'a boolean')),
  WATCH_INTERVAL_MS: optional(z.string()
    .regex(/^\d{1,9}$/, { error: 'is not a number of milliseconds (100 or more, e.g. 2000)' })
    .transform(Number)
    .refine((n) => n >= 100, { error: 'is not a number of milliseconds (100 or more, e.g. 2000)' })),
  STATE_STORAGE: optional(oneOf(STATE_STORAGES, 'a state storage')),
  AZURE_STORAGE_CONNECTION_STRING: optional(z.string().regex(/^(?:[^=;]+=[^;]*;?)+$/, {
    error: 'is not an Azure Storage connection string (Name=value pairs separated by ";", as the storage account\'s ' +
      'Access keys page gives it)',
  })),
  STATE_CONTAINER: optional(z.string().regex(CONTAINER_NAME, {
    error: 'is not a Blob Storage container name (3-63 lowercase letters, digits and hyphens, starting and ending ' +
      'with a letter or digit, no two hyphens together)',
  })),
  ALLOWED_TENANTS: optional(z.string().transform((v, ctx) => {
    const ids = v.split(',').map((t) => t.trim()).filter((t) => t !== '');
    const bad = ids.filter((t) => !GUID.test(t));
    if (bad.length) {
      ctx.addIssue({ code: 'custom', message: `has ${bad.map((t) => JSON.stringify(t)).join(', ')}, which ${bad.length === 1 ? 'is not a tenant id' : 'are not tenant ids'}: list Microsoft Entra tenant ids (GUIDs) separated by commas, or leave it empty to serve every tenant` });
      return z.NEVER;
    }
    return [...new Set(ids.map((t) => t.toLowerCase()))];
  })),
  RATE_LIMIT_PER_MINUTE: optional(wholeNumber('questions a minute', 100_000)),
  RATE_LIMIT_BURST: optional(wholeNumber('questions', 100_000)),
  MAX_QUESTION_CHARS: optional(wholeNumber('characters', 100_000).refine((n) => n >= 1, { error: 'is not a number of characters (1 or more)' })),
  ANSWER_CACHE_SIZE: optional(wholeNumber('replies', 1_000_000)),
  MEMORY_CONVERSATIONS: optional(wholeNumber('conversations', 10_000_000)
    .refine((n) => n >= 1, { error: 'is not a number of conversations to keep (a whole number from 1 to 10000000)' })),
  HEAP_GROWTH_PERCENT: optional(wholeNumber('per cent', 1000)),
});

type Env = z.infer<typeof envSchema>;

function describeIssue(issue: z.core.$ZodIssue, env: NodeJS.ProcessEnv): string {
  const name = String(issue.path[0] ?? '(environment)');
  const value = env[name];
  const shown = isSecretVariable(name) || value === undefined ? '' : ` ${JSON.stringify(value)}`;
  return `${name}${shown} ${issue.message}`;
}

interface Rule {
  /** The variables the rule reads: it is skipped when one of them is itself invalid (a bad app id is not a missing one). */
  uses: readonly (keyof Env)[];
  /** The problem, or null when the rule holds. `host` is HOST or its default. */
  check: (v: Env, host: string) => string | null;
}

const appTypeOf = (v: Env): AppType => v.MicrosoftAppType ?? 'MultiTenant';

/** Rules that involve more than one variable; each problem names the variables and what to change. */
const RULES: readonly Rule[] = [
  {
    uses: ['MicrosoftAppId', 'MicrosoftAppPassword'],
    check: (v) => (v.MicrosoftAppPassword && !v.MicrosoftAppId
      ? 'MicrosoftAppPassword is set but MicrosoftAppId is not: set both (from the bot\'s Azure registration) or neither'
      : null),
  },
  {
    uses: ['MicrosoftAppId', 'MicrosoftAppType'],
    check: (v) => (appTypeOf(v) !== 'MultiTenant' && !v.MicrosoftAppId
      ? `MicrosoftAppType "${appTypeOf(v)}" needs MicrosoftAppId: set it, or leave MicrosoftAppType unset for local use`
      : null),
  },
  {
    uses: ['MicrosoftAppType', 'MicrosoftAppTenantId'],
    check: (v) => (appTypeOf(v) !== 'MultiTenant' && !v.MicrosoftAppTenantId
      ? `MicrosoftAppTenantId is required when MicrosoftAppType is "${appTypeOf(v)}": set it to the bot's Microsoft Entra tenant id`
      : null),
  },
  {
    uses: ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType'],
    check: (v) => (v.MicrosoftAppId && appTypeOf(v) !== 'UserAssignedMSI' && !v.MicrosoftAppPassword
      ? `MicrosoftAppPassword is required when MicrosoftAppId is set and MicrosoftAppType is "${appTypeOf(v)}": ` +
        'set it to the app registration\'s client secret'
      : null),
  },
  {
    uses: ['MicrosoftAppPassword', 'MicrosoftAppType'],
    check: (v) => (appTypeOf(v) === 'UserAssignedMSI' && v.MicrosoftAppPassword
      ? 'MicrosoftAppPassword must not be set when MicrosoftAppType is "UserAssignedMSI": a managed identity has no password'
      : null),
  },
  {
    uses: ['HOST', 'MicrosoftAppId', 'ALLOW_UNAUTHENTICATED'],
    check: (v, host) => (!v.MicrosoftAppId && !isLoopback(host) && v.ALLOW_UNAUTHENTICATED !== 'true'
      ? `HOST "${host}" is not a loopback address, but MicrosoftAppId is not set, so the bot would accept unsigned ` +
        'requests from the network: set MicrosoftAppId and MicrosoftAppPassword, use HOST=127.0.0.1, ' +
        'or set ALLOW_UNAUTHENTICATED=true if something else guards the port'
      : null),
  },
  {
    uses: ['STATE_STORAGE', 'AZURE_STORAGE_CONNECTION_STRING'],
    check: (v) => (v.STATE_STORAGE === 'blob' && !v.AZURE_STORAGE_CONNECTION_STRING
      ? 'AZURE_STORAGE_CONNECTION_STRING is required when STATE_STORAGE is "blob": set it to the storage account\'s ' +
        'connection string (Azure portal: the storage account > Access keys), or use STATE_STORAGE=memory'
      : null),
  },
];

/**
 * Reads the bot's configuration from `env` (only from it: main.ts loads .env first). Blank variables count as unset.
 * Throws a ConfigError listing every problem found, each naming its variable, the value and what was expected.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const issues = parsed.error?.issues ?? [];
  const problems = issues.map((i) => describeIssue(i, env));
  // Reparse without the bad variables so that the rules between the good ones are checked too.
  const bad = new Set(issues.map((i) => String(i.path[0])));
  const v = parsed.data ?? envSchema.parse(Object.fromEntries(Object.entries(env).filter(([k]) => !bad.has(k))));
  const host = v.HOST ?? (v.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1');
  for (const rule of RULES) {
    if (rule.uses.some((k) => bad.has(k))) continue;
    const problem = rule.check(v, host);
    if (problem) problems.push(problem);
  }
  if (problems.length) throw new ConfigError(problems);
  const feedbackFile = v.FEEDBACK_FILE ? resolve(v.FEEDBACK_FILE) : DEFAULT_FEEDBACK_FILE;
  return Object.freeze({
    port: v.PORT ?? DEFAULT_PORT,
    host,
    dataDir: v.DATA_DIR ? resolve(v.DATA_DIR) : DEFAULT_DATA_DIR,
    appId: v.MicrosoftAppId ?? null,
    appPassword: v.MicrosoftAppPassword ?? null,
    appType: appTypeOf(v),
    appTenantId: v.MicrosoftAppTenantId ?? null,
    authenticated: Boolean(v.MicrosoftAppId),
    allowUnauthenticated: v.ALLOW_UNAUTHENTICATED === 'true',
    defaultAuthority: v.DEFAULT_AUTHORITY ?? null,
    feedbackFile,
    unansweredFile: v.UNANSWERED_FILE ? resolve(v.UNANSWERED_FILE) : join(dirname(feedbackFile), DEFAULT_UNANSWERED_NAME),
    logLevel: v.LOG_LEVEL ?? 'info',
    watchData: v.WATCH_DATA !== 'false',
    watchIntervalMs: v.WATCH_INTERVAL_MS ?? DEFAULT_WATCH_INTERVAL_MS,
    stateStorage: v.STATE_STORAGE ?? 'memory',
    storageConnectionString: v.STATE_STORAGE === 'blob' ? v.AZURE_STORAGE_CONNECTION_STRING ?? null : null,
    stateContainer: v.STATE_CONTAINER ?? DEFAULT_STATE_CONTAINER,
    allowedTenants: v.ALLOWED_TENANTS?.length ? Object.freeze(v.ALLOWED_TENANTS) : null,
    rateLimitPerMinute: v.RATE_LIMIT_PER_MINUTE ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
    rateLimitBurst: v.RATE_LIMIT_BURST ?? DEFAULT_RATE_LIMIT_BURST,
    maxQuestionChars: v.MAX_QUESTION_CHARS ?? DEFAULT_MAX_QUESTION_CHARS,
    answerCacheSize: v.ANSWER_CACHE_SIZE ?? DEFAULT_ANSWER_CACHE_SIZE,
    memoryConversations: v.MEMORY_CONVERSATIONS ?? DEFAULT_MEMORY_CONVERSATIONS,
    heapGrowthPercent: v.HEAP_GROWTH_PERCENT ?? DEFAULT_HEAP_GROWTH_PERCENT,
  });
}
