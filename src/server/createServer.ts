import type { Activity, ActivityHandler, CloudAdapter } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import * as restify from 'restify';
import { z } from 'zod';
import { UNVERIFIED_TOKEN } from './reusedClients';
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
  /**
   * Checks a request's token, throwing when it cannot be verified: the tenant gate asks it before refusing a tenant,
   * so an unsigned caller learns nothing of which tenants are served. The adapter's own authentication when absent.
   */
  authenticate?: (activity: Activity, authHeader: string) => Promise<unknown>;
}

/**
 * The longest id accepted (the activity's, its conversation's, from's and recipient's, replyToId, a tenant id): Teams'
 * are well under 300 characters, and a conversation id becomes part of a state storage key (Azure blob names stop at
 * 1,024 characters).
 */
export const MAX_ID_CHARS = 512;
/** The longest serviceUrl accepted; Teams' are under 100 characters. */
export const MAX_SERVICE_URL_CHARS = 512;
/** The longest channelId accepted ("msteams", "emulator", "directline" and the like). */
export const MAX_CHANNEL_ID_CHARS = 64;

const text = z.string({ error: 'is not text' });
const id = text.max(MAX_ID_CHARS, { error: `is longer than ${MAX_ID_CHARS} characters` });

/**
 * An account (`from`, `recipient`, a member added): botbuilder reads its id unchecked, and a reply carries it back,
 * where the connector client refuses fields of the wrong type.
 */
const account = z.looseObject({
  id, name: text.optional(), aadObjectId: text.optional(), role: text.optional(),
}, { error: 'is not an object with an id' });

/** The conversation, which every reply carries back too. */
const conversation = z.looseObject({
  id: id.min(1, { error: 'is empty' }), name: text.optional(), isGroup: z.boolean({ error: 'is not true or false' }).optional(),
  conversationType: text.optional(), tenantId: id.optional(), aadObjectId: text.optional(), role: text.optional(),
}, { error: 'is not an object with an id' });

/**
 * The boundary check: the fields the Bot Framework protocol requires, and the types of those botbuilder reads
 * without checking (a serviceUrl that is not text, or a missing conversation id, would fail inside the adapter as
 * a 500). CloudAdapter fixes up the rest of the activity.
 */
const activitySchema = z.looseObject({
  type: text.min(1, { error: 'is empty' }),
  channelId: text.min(1, { error: 'is empty' }).max(MAX_CHANNEL_ID_CHARS, { error: `is longer than ${MAX_CHANNEL_ID_CHARS} characters` }),
  serviceUrl: text.max(MAX_SERVICE_URL_CHARS, { error: `is longer than ${MAX_SERVICE_URL_CHARS} characters` })
    .pipe(z.url({ protocol: /^https?$/, error: 'is not an http(s) address' })),
  conversation,
  from: account,
  recipient: account,
  id: id.optional(),
  name: text.optional(),
  text: text.optional(),
  replyToId: id.optional(),
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

/** A 500's body: the error itself goes to the log only. */
const INTERNAL_ERROR = 'The activity could not be processed.';

/** The one answer to a request whose token could not be verified, whoever sends it and whatever its tenant. */
function refuseToken(res: restify.Response): void {
  sendError(res, 401, 'Unauthorized', UNVERIFIED_TOKEN);
}

/**
 * What CloudAdapter answers, held back (it calls status, header, send and end) so that its error bodies, which are
 * its errors' messages, are replaced before anything is sent.
 */
class HeldResponse {
  code = 200;
  body: unknown = undefined;
  readonly headers: [string, string][] = [];

  status(code: number): this {
    this.code = code;
    return this;
  }

  header(name: string, value: string): this {
    this.headers.push([name, value]);
    return this;
  }

  send(body: unknown): this {
    this.body = body;
    return this;
  }

  end(): this {
    return this;
  }
}

/** The authentication a CloudAdapter checks tokens with (a protected field of botbuilder's), if it has one. */
function authenticationOf(adapter: CloudAdapter): ((activity: Activity, authHeader: string) => Promise<unknown>) | null {
  const authentication = (adapter as unknown as { botFrameworkAuthentication?: BotFrameworkAuthentication }).botFrameworkAuthentication;
  return authentication ? (activity, authHeader) => authentication.authenticateRequest(activity, authHeader) : null;
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
    tenantGate(options.allowedTenants ?? null, log, options.authenticate ?? authenticationOf(adapter), refuseToken),
    async (req: restify.Request, res: restify.Response) => {
      const answer = new HeldResponse();
      try {
        await adapter.process(req, answer as unknown as restify.Response, (context) => bot.run(context));
      } catch (e) {
        // CloudAdapter answers turn and authentication failures itself; this is for anything that escapes it.
        log(`POST /api/messages: 500 ${(e as Error).message}`);
        if (!res.headersSent) sendError(res, 500, 'InternalServerError', INTERNAL_ERROR);
        return;
      }
      if (res.headersSent) return;
      // CloudAdapter's error bodies are its errors' messages (a jsonwebtoken or fetch error, a turn's exception).
      if (answer.code === 401) {
        refuseToken(res);
      } else if (answer.code >= 500) {
        log(`POST /api/messages: ${answer.code} ${typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? null)}`);
        sendError(res, 500, 'InternalServerError', INTERNAL_ERROR);
      } else {
        for (const [name, value] of answer.headers) res.header(name, value);
        if (answer.body === undefined) {
          res.status(answer.code);
          res.end();
        } else {
          res.send(answer.code, answer.body);
        }
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

/** The charset a Content-Type header names, lower case and unquoted (`application/json; charset="UTF-16"`: utf-16), or null. */
export function charsetOf(contentType: string): string | null {
  for (const parameter of contentType.split(';').slice(1)) {
    const eq = parameter.indexOf('=');
    if (eq < 0 || parameter.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    return parameter.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
  }
  return null;
}

/**
 * Rejects, before the body is read, anything but uncompressed JSON in UTF-8: bodyParser would otherwise ignore other
 * types, read every charset as UTF-8, and inflate gzip without limit (its maxBodySize counts compressed bytes).
 */
function requirePlainJson(log: (line: string) => void): restify.RequestHandler {
  return function requirePlainJson(req: restify.Request, res: restify.Response, next: restify.Next): void {
    const type = req.getContentType().toLowerCase();
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    const charset = charsetOf(req.headers['content-type'] ?? '');
    if (type !== 'application/json') {
      log(`POST /api/messages: 415 content type ${type}`);
      sendError(res, 415, 'UnsupportedMediaType', `Content-Type "${type}" is not accepted: send application/json.`);
      next(false);
    } else if (charset !== null && charset !== 'utf-8' && charset !== 'utf8') {
      const shown = JSON.stringify(charset.slice(0, 40));
      log(`POST /api/messages: 415 charset ${shown}`);
      sendError(res, 415, 'UnsupportedMediaType', `The charset ${shown} is not accepted: send JSON in UTF-8 (charset=utf-8, or no charset).`);
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
