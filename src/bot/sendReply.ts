/**
 * Sends a reply so that it arrives: held to Teams' pace of sends per conversation, retried when the connector is busy
 * or briefly down, and sent again in a simpler form when the connector refuses the form it was given.
 */
import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import { textAlone, withSourcesWrittenOut } from '../teams/answerMessage';

/** Most messages Teams takes from a bot in one conversation each second. */
export const TEAMS_SENDS_PER_SECOND = 7;
/**
 * The connector's answers this bot waits out: too many requests, and a failed precondition (the conversation was
 * busy). Teams asks for these and for 502 and 504 to be retried with back-off: the Bot Connector client already
 * retries every 5xx but 501 and 505 with exponential back-off, and a 429 that carries Retry-After, so trying those
 * again here would multiply its tries.
 */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([412, 429]);
/** Tries of one form of a reply, the first included, when the connector answers with a RETRY_STATUSES status. */
export const MAX_SEND_ATTEMPTS = 4;
/** The first wait before trying again, doubled each time, when the connector gives no Retry-After. */
export const FIRST_RETRY_MS = 500;
/** The longest wait before trying again, whatever Retry-After says. */
export const MAX_RETRY_MS = 8_000;

/** How to wait; tests pass one that does not. */
export type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The times of recent sends by conversation, to keep each under TEAMS_SENDS_PER_SECOND. */
export class SendPace {
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now, private readonly perSecond = TEAMS_SENDS_PER_SECOND) {}

  /** How long to wait before the next send in `conversation`, in milliseconds; the send is counted at that time. */
  reserve(conversation: string): number {
    const now = this.now();
    const times = (this.recent.get(conversation) ?? []).filter((t) => t > now - 1000);
    const wait = times.length < this.perSecond ? 0 : times[times.length - this.perSecond]! + 1000 - now;
    times.push(now + wait);
    this.recent.set(conversation, times);
    // Forget conversations that have gone quiet, so the map does not grow with every conversation ever served.
    if (this.recent.size > 10_000) {
      for (const [id, t] of this.recent) if (t.every((x) => x <= now - 1000)) this.recent.delete(id);
    }
    return wait;
  }
}

export interface SendReplyOptions {
  log: (line: string) => void;
  pace?: SendPace;
  sleep?: Sleep;
}

/** The forms of a reply, fullest first. */
const FORMS: readonly { name: string; make: (m: Partial<Activity>) => Partial<Activity> }[] = [
  { name: 'the full reply', make: (m) => m },
  { name: 'the text with its sources written out', make: withSourcesWrittenOut },
  { name: 'the text alone', make: textAlone },
];

/**
 * Sends `message` in reply: retries a busy or failing connector with back-off, and when the connector refuses the
 * message (400, 413), sends it again as text with its sources written out, then as text alone, logging why. Throws
 * only when every form failed.
 */
export async function sendReply(context: TurnContext, message: Partial<Activity>, options: SendReplyOptions): Promise<ResourceResponse | undefined> {
  const sleep = options.sleep ?? realSleep;
  const conversation = context.activity.conversation?.id ?? '';
  const forms = FORMS.map((f) => ({ name: f.name, activity: f.make(message) }))
    // A form no different from the one before it (a reply with no sources or card) is not tried again.
    .filter((f, i, all) => i === 0 || JSON.stringify(f.activity) !== JSON.stringify(all[i - 1]!.activity));
  let lastError: unknown;
  for (const [i, form] of forms.entries()) {
    try {
      return await sendWithRetries(context, form.activity, conversation, options, sleep);
    } catch (error) {
      lastError = error;
      const status = statusOf(error);
      const next = forms[i + 1];
      // Only a refusal of the message itself is worth sending again in another form.
      if (!next || (status !== 400 && status !== 413)) throw error;
      options.log(`reply to ${context.activity.id ?? '(no id)'}: the connector refused ${form.name} (${status}: ${reasonOf(error)}); sending ${next.name}`);
    }
  }
  throw lastError;
}

async function sendWithRetries(
  context: TurnContext, activity: Partial<Activity>, conversation: string, options: SendReplyOptions, sleep: Sleep,
): Promise<ResourceResponse | undefined> {
  for (let attempt = 1; ; attempt++) {
    const wait = options.pace?.reserve(conversation) ?? 0;
    if (wait > 0) await sleep(wait);
    try {
      return await context.sendActivity(activity);
    } catch (error) {
      const status = statusOf(error);
      if (status === undefined || !RETRY_STATUSES.has(status) || attempt >= MAX_SEND_ATTEMPTS) throw error;
      const delay = retryDelay(error, attempt);
      options.log(`reply to ${context.activity.id ?? '(no id)'}: the connector answered ${status}; trying again in ${delay} ms (try ${attempt + 1} of ${MAX_SEND_ATTEMPTS})`);
      await sleep(delay);
    }
  }
}

/** Retry-After when the connector sent one (in seconds), else FIRST_RETRY_MS doubled per try; at most MAX_RETRY_MS. */
export function retryDelay(error: unknown, attempt: number): number {
  const header = headerOf(error, 'retry-after');
  const seconds = header === undefined ? NaN : Number(header);
  const ms = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : FIRST_RETRY_MS * 2 ** (attempt - 1);
  return Math.min(MAX_RETRY_MS, Math.round(ms));
}

/** The HTTP status of a connector's error, however the client library carries it. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  for (const s of [e.statusCode, e.status, e.response?.status]) if (typeof s === 'number') return s;
  return undefined;
}

function headerOf(error: unknown, name: string): string | undefined {
  const headers = (error as { response?: { headers?: unknown } } | null)?.response?.headers;
  if (!headers || typeof headers !== 'object') return undefined;
  const h = headers as { get?: (n: string) => unknown } & Record<string, unknown>;
  const value = typeof h.get === 'function' ? h.get(name) : (h[name] ?? h[name.replace(/(^|-)\w/g, (c) => c.toUpperCase())]);
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 200);
}
