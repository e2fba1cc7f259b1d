/**
 * Tells subscribed conversations about new events when a new index replaces the one in service: an event whose id
 * the old index did not have, about an authority a conversation is subscribed to, is posted there once, as a card.
 */
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { resultDetail } from '../answer/searchInspections';
import type { CorpusIndex } from '../search/CorpusIndex';
import type { IndexHolder } from '../search/IndexHolder';
import { notificationMessage } from '../teams/notificationCard';
import type { InspectionEvent } from '../timeline/types';
import { SendPace, sendReply, type Sleep, statusOf } from './sendReply';
import type { KeyedSubscriber, SubscriptionStore } from './subscriptions';

export interface NotifierOptions {
  /** The adapter that serves the bot; only its continueConversationAsync is used. */
  adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
  /** The bot's Microsoft app id; '' in local mode, where botbuilder asks for no token. */
  appId: string;
  subscriptions: SubscriptionStore;
  log: (line: string) => void;
  /** Keeps each conversation's sends under Teams' pace (default: a pace of its own); share the bot's. */
  pace?: SendPace;
  /** How to wait before sending again (default: a timer). */
  sleep?: Sleep;
}

/** What one round of notifications did. */
export interface NotifyOutcome {
  /** Each notification sent: the conversation's key and the event's id. */
  sent: { conversation: string; event: string }[];
  /** New events about subscribed authorities that another instance (or an earlier start) had already claimed. */
  claimedElsewhere: number;
  /** Conversations dropped because Teams answered 403. */
  dropped: string[];
  /** Notifications that could not be sent for another reason (logged). */
  failed: number;
}

/** The events of `next` whose ids `previous` did not have, by authority, in the timeline's order. */
export function newEvents(previous: CorpusIndex, next: CorpusIndex): Map<string, InspectionEvent[]> {
  const byAuthority = new Map<string, InspectionEvent[]>();
  for (const e of next.timeline.events) {
    if (previous.event(e.id)) continue;
    const list = byAuthority.get(e.authority) ?? [];
    list.push(e);
    byAuthority.set(e.authority, list);
  }
  return byAuthority;
}

/** Posts notifications of new events to subscribed conversations, one round at a time. */
export class Notifier {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly pace: SendPace;

  constructor(private readonly options: NotifierOptions) {
    this.pace = options.pace ?? new SendPace();
  }

  /** Notifies after every swap of the holder's index. */
  listen(holder: IndexHolder): void {
    holder.onSwap((next, previous) => {
      void this.notify(previous, next);
    });
  }

  /** Resolves when every round started so far has finished. */
  async idle(): Promise<void> {
    for (let last; last !== this.queue;) {
      last = this.queue;
      await last;
    }
  }

  /** Compares the indexes and posts what is new; rounds run one after another. Never throws: failures are logged. */
  notify(previous: CorpusIndex, next: CorpusIndex): Promise<NotifyOutcome> {
    const round = this.queue.then(() => this.round(previous, next)).catch((e: unknown): NotifyOutcome => {
      this.options.log(`notifications: not sent: ${messageOf(e)}`);
      return { sent: [], claimedElsewhere: 0, dropped: [], failed: 0 };
    });
    this.queue = round;
    return round;
  }

  private async round(previous: CorpusIndex, next: CorpusIndex): Promise<NotifyOutcome> {
    const outcome: NotifyOutcome = { sent: [], claimedElsewhere: 0, dropped: [], failed: 0 };
    const fresh = newEvents(previous, next);
    if (!fresh.size) return outcome;
    const { subscriptions, log } = this.options;
    const subscribers = await subscriptions.subscribers();
    const gone = new Set<string>();
    for (const [authority, events] of fresh) {
      const told = subscribers.filter((s) => s.authorities.includes(authority));
      if (!told.length) continue;
      const ids = events.map((e) => e.id);
      const claimed = new Set(await subscriptions.claim(authority, ids, told.map((s) => s.key)));
      outcome.claimedElsewhere += ids.length - claimed.size;
      if (!claimed.size) continue;
      log(`notifications: ${claimed.size} new event(s) of ${authority} (${[...claimed].join(', ')}) for ${told.length} conversation(s)`);
      for (const id of ids.filter((i) => claimed.has(i))) {
        const detail = resultDetail(next, { type: 'event', id });
        if (!detail) continue;
        const message = notificationMessage(detail, authority);
        for (const subscriber of told) {
          if (gone.has(subscriber.key)) continue;
          const sent = await this.post(subscriber, message, id);
          if (sent === 'sent') outcome.sent.push({ conversation: subscriber.key, event: id });
          else if (sent === 'gone') {
            gone.add(subscriber.key);
            outcome.dropped.push(subscriber.key);
            const was = await subscriptions.drop(subscriber.key);
            log(`notifications: conversation ${subscriber.key}: Teams answered 403 (the app was removed from it or blocked); ` +
              `dropped its subscription${was.length === 1 ? '' : 's'} to ${was.join(', ') || 'nothing'}`);
          } else outcome.failed++;
        }
      }
    }
    return outcome;
  }

  /**
   * Posts one notification through continueConversationAsync: at the conversation's pace, 412 and 429 waited out
   * and the 5xx retried by the connector client (sendReply). Errors are caught inside the turn, where the adapter's
   * onTurnError would otherwise post an apology to the conversation.
   */
  private async post(subscriber: KeyedSubscriber, message: ReturnType<typeof notificationMessage>, eventId: string): Promise<'sent' | 'gone' | 'failed'> {
    const { adapter, appId, log } = this.options;
    let result: 'sent' | 'gone' | 'failed' = 'failed';
    let failure: unknown = null;
    try {
      await adapter.continueConversationAsync(appId, subscriber.reference as ConversationReference, async (context) => {
        // A post of its own, not a reply to the continuation's made-up activity id: in a channel, a new post.
        context.onSendActivities(async (_context, activities, next) => {
          for (const a of activities) delete a.replyToId;
          return next();
        });
        try {
          await sendReply(context, message, { log, pace: this.pace, ...(this.options.sleep ? { sleep: this.options.sleep } : {}) });
          result = 'sent';
        } catch (e) {
          failure = e;
          result = statusOf(e) === 403 ? 'gone' : 'failed';
        }
      });
    } catch (e) {
      failure = e;
    }
    if (result === 'failed') log(`notifications: conversation ${subscriber.key}: could not post ${eventId}: ${messageOf(failure)}`);
    return result;
  }
}

function messageOf(error: unknown): string {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return `${status === undefined ? '' : `${status}: `}${message.replace(/\s+/g, ' ').slice(0, 200)}`;
}
