/**
 * The bench's child processes, so each measurement has a process of its own: `build DIR` (read, extract, index and
 * save the snapshot), `load DIR` (open the saved snapshot, cold), `serve DIR inspection CACHE_SIZE` (the bot behind the
 * real server, unsigned local mode), `serve DIR echo-our-server|echo` (an echo bot behind the same server and adapter,
 * or as botbuilder's own echo sample serves it: restify, bodyParser and a CloudAdapter, nothing else) and `connector`
 * (a stand-in for the Bot Connector that answers replies).
 * Results go to the parent over IPC.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState } from 'botbuilder';
import * as restify from 'restify';
import { FeedbackLog } from '../bot/FeedbackLog';
import { AnswerCache } from '../bot/AnswerCache';
import { type CachedReply, InspectionBot } from '../bot/InspectionBot';
import { CreateOnlyMemoryStorage } from '../bot/stateStorage';
import { loadConfig } from '../config';
import { AuthorityDirectory } from '../corpus/authorities';
import { openCorpus } from '../search/openCorpus';
import { createAdapter } from '../server/createAdapter';
import { createServer } from '../server/createServer';
import { limitHeapGrowth } from '../server/heapGrowth';
import { EchoBot } from './echoBot';

/** What a child tells the parent. */
export type ChildMessage =
  | { type: 'built' | 'loaded'; seconds: number; maxRssMb: number; documents: number; passages: number; events: number }
  | { type: 'ready'; port: number }
  | {
    type: 'memory'; heapUsedMb: number; heapTotalMb: number; externalMb: number; rssMb: number; gc: boolean; turnErrors: number; requests: number;
    cacheHits: number; cacheMisses: number;
  }
  /** Without a gc: the CPU time the process has used so far, its memory now, and the requests it has had. */
  | { type: 'usage'; cpuMs: number; rssMb: number; heapUsedMb: number; requests: number }
  | { type: 'error'; message: string };

/** What the parent asks a serving child: memory after a gc, or usage as it stands. */
export type ParentMessage = { type: 'memory' | 'usage' };

const mb = (bytes: number): number => bytes / 1_048_576;

function send(m: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send) process.send(m, () => resolve());
    else {
      process.stdout.write(`${JSON.stringify(m)}\n`);
      resolve();
    }
  });
}

async function buildOrLoad(mode: 'build' | 'load', dir: string): Promise<void> {
  const authorities = AuthorityDirectory.load();
  const started = performance.now();
  const index = await openCorpus(dir, authorities, { forceRebuild: mode === 'build' });
  const seconds = (performance.now() - started) / 1000;
  await send({
    type: mode === 'build' ? 'built' : 'loaded', seconds, maxRssMb: process.resourceUsage().maxRSS / 1024,
    documents: index.corpus.documents.length, passages: index.corpus.passages.length, events: index.timeline.events.length,
  });
}

/** The requests a served bot has had, and its turns that failed. */
const counts = { requests: 0, turnErrors: 0 };

async function serve(dir: string, which: string, cacheSize: number): Promise<void> {
  if (which === 'echo') return servePlainEcho();
  const log = (line: string): void => {
    if (line.startsWith('turn error')) counts.turnErrors += 1;
  };
  // The served bot's settings are the defaults, but for the heap's growth, to measure with V8's own (0).
  const config = loadConfig({ HEAP_GROWTH_PERCENT: process.env.HEAP_GROWTH_PERCENT, MEMORY_CONVERSATIONS: process.env.MEMORY_CONVERSATIONS });
  const adapter = createAdapter(config, log);
  const answerCache = new AnswerCache<CachedReply>(cacheSize);
  let bot;
  let health = { documents: 0, passages: 0, events: 0 };
  const feedbackDir = mkdtempSync(join(tmpdir(), 'bench-feedback-'));
  if (which === 'echo-our-server') {
    bot = new EchoBot();
  } else if (which === 'inspection') {
    const index = await openCorpus(dir, AuthorityDirectory.load());
    // Measured at the steady state: the authorities' indexes read, as they are a few seconds after the bot starts.
    await index.warmUp();
    limitHeapGrowth(config.heapGrowthPercent);
    health = { documents: index.corpus.documents.length, passages: index.corpus.passages.length, events: index.timeline.events.length };
    bot = new InspectionBot({
      index, conversationState: new ConversationState(new CreateOnlyMemoryStorage(config.memoryConversations)), feedback: new FeedbackLog(join(feedbackDir, 'feedback.jsonl')),
      defaultAuthority: null, log, answerCache,
    });
  } else {
    throw new Error(`serve: bot "${which}" is not one of inspection, echo-our-server, echo`);
  }
  const server = createServer({ adapter, bot, health: () => health, log });
  await listen(server, () => {
    const { hits, misses } = answerCache.stats();
    return { cacheHits: hits, cacheMisses: misses };
  }, () => rmSync(feedbackDir, { recursive: true, force: true }));
}

/** botbuilder's echo sample as it serves itself: restify with bodyParser, a CloudAdapter as configured, no more. */
async function servePlainEcho(): Promise<void> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (context) => {
    counts.turnErrors += 1;
    await context.sendActivity('The bot encountered an error.');
  };
  const bot = new EchoBot();
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await listen(server, () => ({ cacheHits: 0, cacheMisses: 0 }), () => undefined);
}

/** Counts the server's requests, answers the parent's questions, and tells it the port once listening. */
async function listen(server: restify.Server, cache: () => { cacheHits: number; cacheMisses: number }, cleanUp: () => void): Promise<void> {
  server.pre((_req, _res, next) => {
    counts.requests += 1;
    next();
  });
  process.on('message', (m: ParentMessage) => {
    if (m.type === 'usage') {
      const cpu = process.cpuUsage();
      const u = process.memoryUsage();
      void send({ type: 'usage', cpuMs: (cpu.user + cpu.system) / 1000, rssMb: mb(u.rss), heapUsedMb: mb(u.heapUsed), requests: counts.requests });
      return;
    }
    if (m.type !== 'memory') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const u = process.memoryUsage();
    void send({ type: 'memory', heapUsedMb: mb(u.heapUsed), heapTotalMb: mb(u.heapTotal), externalMb: mb(u.external), rssMb: mb(u.rss), gc: gc !== undefined, ...counts, ...cache() });
  });
  process.on('disconnect', () => {
    cleanUp();
    process.exit(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await send({ type: 'ready', port: (server.address() as AddressInfo).port });
}

async function connector(): Promise<void> {
  let next = 0;
  const server = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${++next}` }));
    });
  });
  server.keepAliveTimeout = 60_000;
  process.on('disconnect', () => process.exit(0));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await send({ type: 'ready', port: (server.address() as AddressInfo).port });
}

async function main(argv: string[]): Promise<void> {
  const [mode, dir, which, cache] = argv;
  if ((mode === 'build' || mode === 'load') && dir) await buildOrLoad(mode, dir);
  else if (mode === 'serve' && dir && which && /^\d+$/.test(cache ?? '')) await serve(dir, which, Number(cache));
  else if (mode === 'connector') await connector();
  else throw new Error(`benchChild: "${argv.join(' ')}" is not build DIR, load DIR, serve DIR inspection|echo-our-server|echo CACHE_SIZE or connector`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch(async (e: unknown) => {
    await send({ type: 'error', message: (e as Error).message });
    process.exit(1);
  });
}
