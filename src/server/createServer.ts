import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import * as restify from 'restify';
import { z } from 'zod';
import { tenantGate } from './tenantGate';

/** The largest request body accepted, in bytes (1 MiB); Teams activities are far smaller. */
export const MAX_BODY_BYTES = 1_048_576;

/** What /healthz reports once the corpus is loaded. */
export interface HealthCounts {
  documents: number;
  passages: number;
  events: number;
  /** Authorities with any document or inspection on record. */
  authorities?: number;
  /** Authorities that documents of their own are about, not only rows of the national record. */
  authoritiesWithDocuments?: number;
  /** The newest document's own date (YYYY-MM-DD or YYYY-MM), not the clock's; null when none is dated. */
  newestSource?: string | null;
}

export interface ServerOptions {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  /** The loaded corpus's counts, or null while it is (re)loading. */
  health: () => HealthCounts | null;
  /** Told about rejected requests and server errors, one line each. */
  log?: (line: string) => void;
  /** The tenant ids (lower case) whose activities are served; null or absent serves every tenant. */
  allowedTenants?: readonly string[] | null;
}

const text = z.string({ error: 'is not text' });

/**
 * An account (`from`, `recipient`, a member added): botbuilder reads its id unchecked, and a reply carries it back,
 * where the connector client refuses fields of the wrong type.
 */
const account = z.looseObject({
  id: text, name: text.optional(), aadObjectId: text.optional(), role: text.optional(),
}, { error: 'is not an object with an id' });

/** The conversation, which every reply carries back too. */
const conversation = z.looseObject({
  id: text.min(1, { error: 'is empty' }), name: text.optional(), isGroup: z.boolean({ error: 'is not true or false' }).optional(),
  conversationType: text.optional(), tenantId: text.optional(), aadObjectId: text.optional(), role: text.optional(),
}, { error: 'is not an object with an id' });

/**
 * The boundary check: the fields the Bot Framework protocol requires, and the types of those botbuilder reads
 * without checking (a serviceUrl that is not text, or a missing conversation id, would fail inside the adapter as
 * a 500). CloudAdapter fixes up the rest of the activity.
 */
const activitySchema = z.looseObject({
  type: text.min(1, { error: 'is empty' }),
  channelId: text.min(1, { error: 'is empty' }),
  serviceUrl: z.url({ protocol: /^https?$/, error: 'is not an http(s) address' }),
  conversation,
  from: account,
  recipient: account,
  id: text.optional(),
  name: text.optional(),
  text: text.optional(),
  replyToId: text.optional(),
  deliveryMode: text.optional(),
  locale: text.optional(),
  channelData: z.record(z.string(), z.unknown(), { error: 'is not an object' }).optional(),
  entities: z.array(z.record(z.string(), z.unknown(), { error: 'is not an object' }), { error: 'is not a list' }).optional(),
  membersAdded: z.array(account, { error: 'is not a list' }).optional(),
  membersRemoved: z.array(account, { error: 'is not a list' }).optional(),
}, { error: 'is not a JSON object' });

/** "conversation.id is not text; from is not an object with an id": what is wrong with a body, for a 400. */
function problemsOf(error: z.ZodError): string {
  return error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join('.') : 'the body'} ${i.message}`).join('; ');
}

function sendError(res: restify.Response, status: number, code: string, message: string): void {
  res.send(status, { code, message });
}

/**
 * A restify server, not yet listening: `POST /api/messages` runs the bot through the adapter and `GET /healthz`
 * reports the corpus. Bad requests get 4xx JSON errors ({code, message}) and a failing turn a 500; neither stops it.
 */
export function createServer(options: ServerOptions): restify.Server {
  const { adapter, bot, health } = options;
  const log = options.log ?? (() => undefined);
  const server = restify.createServer({ name: 'ofsted-history-bot', handleUncaughtExceptions: false });

  // restify answers its own errors (bad JSON 400, too large 413, no route 404) itself; this only logs them.
  server.on('restifyError', (req: restify.Request, _res: restify.Response, err: Error & { statusCode?: number }, done: () => void) => {
    log(`${req.method} ${req.url}: ${err.statusCode ?? 500} ${err.message}`);
    done();
  });

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.header('Cache-Control', 'no-store');
    try {
      const counts = health();
      if (counts) {
        const { documents, passages, events, authorities, authoritiesWithDocuments, newestSource } = counts;
        res.send(200, { status: 'ok', documents, passages, events, authorities, authoritiesWithDocuments, newestSource });
      } else {
        res.send(503, { status: 'loading' });
      }
    } catch (e) {
      log(`GET /healthz: ${(e as Error).message}`);
      res.send(500, { status: 'error' });
    }
  });

  server.post(
    '/api/messages',
    requirePlainJson(log),
    // Reads the whole body but keeps at most maxBodySize bytes, then answers 413 itself (also for chunked bodies).
    ...restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES }),
    requireActivity(log),
    // Before the adapter: a refused tenant's activity starts no turn and reads no state.
    tenantGate(options.allowedTenants ?? null, log),
    async (req: restify.Request, res: restify.Response) => {
      try {
        await adapter.process(req, res, (context) => bot.run(context));
      } catch (e) {
        // CloudAdapter answers turn and authentication failures itself; this is for anything that escapes it.
        log(`POST /api/messages: 500 ${(e as Error).message}`);
        if (!res.headersSent) sendError(res, 500, 'InternalServerError', 'The activity could not be processed.');
      }
    },
  );

  return server;
}

/** Answers 400 to a parsed body that is not an activity. */
function requireActivity(log: (line: string) => void): restify.RequestHandler {
  return function requireActivity(req: restify.Request, res: restify.Response, next: restify.Next): void {
    const parsed = activitySchema.safeParse(req.body);
    if (parsed.success) {
      next();
      return;
    }
    const problems = problemsOf(parsed.error);
    log(`POST /api/messages: 400 body is not an activity: ${problems}`);
    sendError(res, 400, 'BadRequest', `The body is not a Bot Framework activity: ${problems}. Send an activity with a type, channelId, serviceUrl, conversation.id, from.id and recipient.id.`);
    next(false);
  };
}

/**
 * Rejects, before the body is read, anything but uncompressed JSON: bodyParser would otherwise ignore other types
 * and inflate gzip without limit (its maxBodySize counts compressed bytes).
 */
function requirePlainJson(log: (line: string) => void): restify.RequestHandler {
  return function requirePlainJson(req: restify.Request, res: restify.Response, next: restify.Next): void {
    const type = req.getContentType().toLowerCase();
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (type !== 'application/json') {
      log(`POST /api/messages: 415 content type ${type}`);
      sendError(res, 415, 'UnsupportedMediaType', `Content-Type "${type}" is not accepted: send application/json.`);
      next(false);
    } else if (encoding !== 'identity') {
      log(`POST /api/messages: 415 content encoding ${encoding}`);
      sendError(res, 415, 'UnsupportedMediaType', `Content-Encoding "${encoding}" is not accepted: send the body uncompressed.`);
      next(false);
    } else {
      next();
    }
  };
}
