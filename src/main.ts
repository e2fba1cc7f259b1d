import { existsSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { isAbsolute, relative } from 'node:path';
import { ConversationState } from 'botbuilder';
import { config as loadDotenv } from 'dotenv';
import type * as restify from 'restify';
import { AnswerCache } from './bot/AnswerCache';
import { openUnansweredLog } from './bot/BlobUnansweredLog';
import { InspectionBot } from './bot/InspectionBot';
import { Notifier } from './bot/Notifier';
import { RateLimiter } from './bot/RateLimiter';
import { SendPace } from './bot/sendReply';
import { openStateStore, type StateStore, StateStoreError } from './bot/stateStorage';
import { SubscriptionStore } from './bot/subscriptions';
import { ConfigError, type Config, isLoopback, loadConfig } from './config';
import { AuthorityDirectory } from './corpus/authorities';
import { corpusNotices, MAX_DOCUMENT_BYTES, MAX_DOCUMENT_CHARS } from './corpus/loadCorpus';
import type { CorpusIndex } from './search/CorpusIndex';
import { corpusFingerprint, CorpusWatcher } from './search/CorpusWatcher';
import { IndexHolder } from './search/IndexHolder';
import { isReadOnly, openCorpus, type SourceCache } from './search/openCorpus';
import { createAdapter } from './server/createAdapter';
import { createServer } from './server/createServer';
import { limitHeapGrowth } from './server/heapGrowth';
import { type Logger, makeLogger, redactor, routeConsole, secretValues } from './server/logger';
import { sourceCounts } from './teams/helpMessage';

/** How long a stop signal waits for requests in flight before exiting anyway, in ms. */
export const SHUTDOWN_GRACE_MS = 10_000;

async function loadIndex(config: Config, authorities: AuthorityDirectory, cache: SourceCache, log: Logger): Promise<CorpusIndex> {
  log.info(`loading reports from ${config.dataDir} (a file over ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MB, or a text over ` +
    `${MAX_DOCUMENT_CHARS.toLocaleString('en-GB')} characters, is skipped)`);
  const started = Date.now();
  let lastReport = 0;
  const index = await openCorpus(config.dataDir, authorities, {
    snapshot: true,
    cache,
    log: (line) => log.info(line),
    warn: (line) => log.error(`warning: ${line}`),
    onProgress: (done, total) => {
      // Once a second at most: a first build reads every document, which can take minutes.
      if (done === total || Date.now() - lastReport >= 1000) {
        lastReport = Date.now();
        log.info(`read ${done}/${total} documents`);
      }
    },
  });
  log.info(`loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  reportWarnings(index, log);
  return index;
}

/**
 * Catalogs' problems, every file skipped and why, and a folder with no report, in full; the rest as a count, which
 * `npm run ingest` lists.
 */
function reportWarnings(index: CorpusIndex, log: Logger): void {
  // The folder as the project's own (data/ofsted/x.pdf), or where it is outside it.
  const inside = relative(process.cwd(), index.corpus.dir);
  const { warnings, others } = corpusNotices(index.corpus, inside.startsWith('..') || isAbsolute(inside) ? index.corpus.dir : inside || '.');
  for (const line of warnings) log.error(`warning: ${line}`);
  if (others) {
    log.info(`${warnings.length ? 'and ' : ''}${others} ${warnings.length ? 'other ' : ''}warning${others === 1 ? '' : 's'} about the reports, ` +
      `not shown here: npm run ingest lists ${others === 1 ? 'it' : 'them'}`);
  }
}

function urlHost(address: AddressInfo): string {
  if (address.family === 'IPv6') return address.address === '::' ? '[::]' : `[${address.address}]`;
  return address.address;
}

function startLine(config: Config, address: AddressInfo, index: CorpusIndex): string {
  const { corpus, timeline } = index;
  const base = `http://${urlHost(address)}:${address.port}`;
  const counts = `${corpus.documents.length} documents, ${corpus.passages.length} passages, ${timeline.events.length} events`;
  let mode: string;
  if (config.authenticated) {
    mode = `requests must carry a Bot Framework token for app ${config.appId} (${config.appType})`;
  } else if (isLoopback(address.address)) {
    mode = `local mode: accepting unsigned requests on ${address.address} only; for the Bot Framework Emulator use ` +
      `${base}/api/messages with no app id or password`;
  } else {
    mode = `local mode: accepting unsigned requests on ${address.address} from any host (ALLOW_UNAUTHENTICATED=true)`;
  }
  return `listening on ${base}/api/messages (${counts}); ${mode}`;
}

/** Which tenants are served, how often a user may ask, and how long a question may be. */
function limitsLine(config: Config): string {
  const tenants = config.allowedTenants ? `serving tenants ${config.allowedTenants.join(', ')} only` : 'serving every tenant (ALLOWED_TENANTS is not set)';
  const rate = config.rateLimitPerMinute > 0 && config.rateLimitBurst > 0
    ? `${config.rateLimitPerMinute} questions a minute per user, ${config.rateLimitBurst} at once`
    : 'no rate limit';
  const cache = config.answerCacheSize > 0 ? `${config.answerCacheSize} replies kept for questions asked again` : 'no replies kept (ANSWER_CACHE_SIZE=0)';
  const heap = config.heapGrowthPercent > 0 ? `heap collected at ${config.heapGrowthPercent} % over what is live` : 'heap collected when V8 decides (HEAP_GROWTH_PERCENT=0)';
  return `${tenants}; ${rate}; questions of up to ${config.maxQuestionChars} characters; ${cache}; ${heap}`;
}

/** Stops on SIGTERM or SIGINT: no new connections, requests in flight finish, then exit 0 (1 after the grace period). */
function stopOnSignals(server: restify.Server, log: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log.error(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log.info(`${signal}: finishing requests in flight, then exiting`);
    setTimeout(() => {
      log.error(`requests still in flight after ${SHUTDOWN_GRACE_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    server.close(() => {
      log.info('stopped');
      process.exit(0);
    });
    // close() drops only the connections idle at the time; a keep-alive connection that finishes its request later
    // would otherwise hold the exit until the client or keepAliveTimeout closes it.
    setInterval(() => server.server.closeIdleConnections(), 100).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`Cannot start: fix the environment (or .env; see .env.example):\n${e.problems.map((p) => `  ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  const log = makeLogger(config.logLevel, redactor(secretValues(process.env)));
  routeConsole(log);
  if (!existsSync(config.dataDir) || !statSync(config.dataDir).isDirectory()) {
    log.error(`DATA_DIR "${config.dataDir}" is not a folder: set DATA_DIR to the folder of report documents`);
    process.exit(1);
  }

  let store: StateStore;
  try {
    store = await openStateStore(config, undefined, (line) => log.info(line));
  } catch (e) {
    if (!(e instanceof StateStoreError)) throw e;
    log.error(`Cannot start: STATE_STORAGE "blob": ${e.message}`);
    process.exit(1);
  }
  log.info(`keeping ${store.description}`);
  const unanswered = openUnansweredLog(config);
  log.info(`keeping ${unanswered.description} (npm run report lists them)`);

  // Loaded before listening; the 503 that /healthz gives while loading is there for a future reload.
  const authorities = AuthorityDirectory.load();
  const cache: SourceCache = new Map();
  const fingerprint = corpusFingerprint(config.dataDir);
  const holder = new IndexHolder(await loadIndex(config, authorities, cache, log));
  limitHeapGrowth(config.heapGrowthPercent);
  const conversationState = new ConversationState(store.storage);
  // Subscriptions live beside the conversations' memory, shared by every instance; replies and notifications share a pace.
  const subscriptions = new SubscriptionStore(store.storage, (line) => log.info(line));
  const sendPace = new SendPace();
  const bot = new InspectionBot({
    index: holder,
    conversationState,
    feedback: store.feedback,
    unanswered: unanswered.sink,
    defaultAuthority: config.defaultAuthority,
    log: (line) => log.info(line),
    rateLimiter: config.rateLimitPerMinute > 0 && config.rateLimitBurst > 0
      ? new RateLimiter({ perMinute: config.rateLimitPerMinute, burst: config.rateLimitBurst })
      : null,
    maxQuestionChars: config.maxQuestionChars,
    answerCache: new AnswerCache(config.answerCacheSize),
    subscriptions,
    sendPace,
  });
  const adapter = createAdapter(config, (line) => log.error(line));
  // Each swap of the index posts its new events to the conversations subscribed to their authorities.
  new Notifier({ adapter, appId: config.appId ?? '', subscriptions, log: (line) => log.info(line), pace: sendPace }).listen(holder);
  const server = createServer({
    adapter,
    bot,
    // The index being served: while a new one is built after a change, the old one's counts.
    health: () => ({
      ...sourceCounts(holder.current),
      passages: holder.current.corpus.passages.length,
      events: holder.current.timeline.events.length,
    }),
    log: (line) => log.error(line),
    allowedTenants: config.allowedTenants,
  });
  server.on('after', (req: restify.Request, res: restify.Response) => {
    log.debug(`${req.method} ${req.url} ${res.statusCode}`);
  });
  // restify re-emits the http server's errors on itself, where an unheard 'error' would crash with a stack trace.
  server.once('error', (e: NodeJS.ErrnoException) => {
    log.error(`cannot listen on ${config.host}:${config.port}: ${e.code === 'EADDRINUSE' ? 'the port is in use (set PORT)' : e.message}`);
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    log.info(startLine(config, server.address(), holder.current));
    log.info(limitsLine(config));
  });
  if (config.watchData) {
    new CorpusWatcher(config.dataDir, authorities, holder, {
      intervalMs: config.watchIntervalMs,
      loadedFingerprint: fingerprint,
      cache,
      log: (line) => log.info(line),
      warn: (line) => log.error(`warning: ${line}`),
      onSwap: (index) => reportWarnings(index, log),
    }).start();
    const where = isReadOnly(config.dataDir) ? 'on the main thread, as the folder is read-only' : 'on a worker thread while this one serves';
    log.info(`watching ${config.dataDir} for changes every ${config.watchIntervalMs / 1000} s (WATCH_DATA=false to stop); ` +
      `a changed index is built ${where}`);
  }
  stopOnSignals(server, log);
}

main().catch((e: unknown) => {
  process.stderr.write(`Cannot start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
