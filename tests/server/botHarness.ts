/** The bot behind the real restify server, with a stand-in for the Bot Connector service, for end-to-end tests. */
import { mkdtempSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Activity, type CloudAdapter, ConversationState, MemoryStorage, type Storage } from 'botbuilder';
import type * as restify from 'restify';
import { FeedbackLog } from '../../src/bot/FeedbackLog';
import { InspectionBot } from '../../src/bot/InspectionBot';
import type { RateLimiter } from '../../src/bot/RateLimiter';
import type { SubscriptionStore } from '../../src/bot/subscriptions';
import type { Where } from '../../src/cli/teamsActivities';
import { loadConfig } from '../../src/config';
import { createAdapter } from '../../src/server/createAdapter';
import type { IndexSource } from '../../src/search/IndexHolder';
import { createServer } from '../../src/server/createServer';
import { openFresh, SEED_DIR } from '../helpers';

/** How the connector stand-in answers an activity it refuses. */
export interface Refusal {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A stand-in for the Bot Connector service: records what the bot sends and gives each reply an id. */
export interface Connector {
  url: string;
  sent: { path: string; activity: Partial<Activity>; id: string }[];
  /** Activities the stand-in refused, with how. */
  refused: { activity: Partial<Activity>; status: number }[];
  /** When set, asked about each activity: a refusal to answer with, or null to take it. */
  refuse: ((activity: Partial<Activity>) => Refusal | null) | null;
  server: HttpServer;
}

export interface Posted {
  status: number;
  body: string;
  /** With expectReplies, the replies in the response body; otherwise those the connector stand-in received. */
  replies: Partial<Activity>[];
}

export interface BotHarness {
  botUrl: string;
  connector: Connector;
  /** The waits the bot asked for before sending again, in milliseconds. */
  waits: number[];
  feedbackFile: string;
  /** The adapter behind the server, for proactive messages. */
  adapter: CloudAdapter;
  /** Where a test conversation is: personal unless said otherwise, served by the connector stand-in. */
  where(conversationId: string, conversationType?: Where['conversationType']): Where;
  /** Posts an activity the way the Bot Connector does. */
  post(activity: Partial<Activity>, expectReplies?: boolean): Promise<Posted>;
  close(): Promise<void>;
}

async function startConnector(): Promise<Connector> {
  let next = 0;
  const connector: Connector = { url: '', sent: [], refused: [], refuse: null, server: undefined as unknown as HttpServer };
  connector.server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      const activity = JSON.parse(body || '{}') as Partial<Activity>;
      const refusal = connector.refuse?.(activity) ?? null;
      if (refusal) {
        connector.refused.push({ activity, status: refusal.status });
        res.writeHead(refusal.status, { 'Content-Type': 'application/json', ...refusal.headers });
        res.end(JSON.stringify(refusal.body ?? { error: { code: 'BadArgument', message: 'refused' } }));
        return;
      }
      const id = `reply-${++next}`;
      connector.sent.push({ path: req.url ?? '', activity, id });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => connector.server.listen(0, '127.0.0.1', resolve));
  connector.url = `http://127.0.0.1:${(connector.server.address() as AddressInfo).port}/`;
  return connector;
}

/** What a test may change about the bot it starts. */
export interface HarnessOptions {
  /** The corpus folder (default: the seed corpus). */
  dir?: string;
  storage?: Storage;
  allowedTenants?: readonly string[] | null;
  rateLimiter?: RateLimiter | null;
  maxQuestionChars?: number;
  /** Receives the bot's, the adapter's and the server's log lines. */
  log?: (line: string) => void;
  /** How the bot waits before sending again (default: not at all, and the waits are recorded in `waits`). */
  sleep?: (ms: number) => Promise<void>;
  /** The index to answer from (default: the folder's, opened fresh), such as a holder whose index a test swaps. */
  index?: IndexSource;
  /** Where subscriptions are kept (default: none taken). */
  subscriptions?: SubscriptionStore | null;
}

/** Starts the bot on the seed corpus (or another folder) on a free loopback port, and a connector stand-in. */
export async function startBotHarness(dirOrOptions: string | HarnessOptions = SEED_DIR): Promise<BotHarness> {
  const options = typeof dirOrOptions === 'string' ? { dir: dirOrOptions } : dirOrOptions;
  const log = options.log ?? (() => undefined);
  const index = options.index ?? await openFresh(options.dir ?? SEED_DIR);
  const feedbackFile = join(mkdtempSync(join(tmpdir(), 'e2e-')), 'feedback.jsonl');
  const waits: number[] = [];
  const config = loadConfig({});
  const inspectionBot = new InspectionBot({
    index, conversationState: new ConversationState(options.storage ?? new MemoryStorage()), feedback: new FeedbackLog(feedbackFile), defaultAuthority: null, log,
    rateLimiter: options.rateLimiter ?? null, subscriptions: options.subscriptions ?? null, ...(options.maxQuestionChars === undefined ? {} : { maxQuestionChars: options.maxQuestionChars }),
    sleep: options.sleep ?? (async (ms) => {
      waits.push(ms);
    }),
  });
  const adapter = createAdapter(config, log);
  const bot: restify.Server = createServer({
    adapter, bot: inspectionBot, health: () => ({ documents: 5, passages: 1, events: 1 }), log, allowedTenants: options.allowedTenants ?? null,
  });
  await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
  const botUrl = `http://127.0.0.1:${(bot.address() as AddressInfo).port}`;
  const connector = await startConnector();

  return {
    botUrl,
    connector,
    waits,
    feedbackFile,
    adapter,
    where: (conversationId, conversationType = 'personal') => ({
      conversationId, conversationType, botId: '28:bot', botName: 'Ofsted history', serviceUrl: connector.url,
    }),
    async post(activity, expectReplies = false) {
      const before = connector.sent.length;
      const res = await fetch(`${botUrl}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...activity, deliveryMode: expectReplies ? 'expectReplies' : undefined }),
      });
      const body = await res.text();
      const replies = expectReplies
        ? (JSON.parse(body) as { activities: Partial<Activity>[] }).activities
        : connector.sent.slice(before).map((s) => s.activity);
      return { status: res.status, body, replies };
    },
    async close() {
      await new Promise<void>((resolve) => {
        bot.close(() => resolve());
        bot.server.closeAllConnections();
      });
      await new Promise<void>((resolve) => connector.server.close(() => resolve()));
    },
  };
}

/** The message replies among a turn's activities (not typing indicators). */
export const answers = (replies: Partial<Activity>[]): Partial<Activity>[] => replies.filter((a) => a.type === 'message');
