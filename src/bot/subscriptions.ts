/**
 * Which conversations are told about new inspections and visits of which authorities, kept in the bot's Storage
 * (memory, or Blob Storage shared by every instance), and which notifications have been claimed, so that none is
 * sent twice. Every change is a read, a change and a write with the eTag read; when another instance wrote first,
 * the change is applied again to what it wrote.
 */
import { type Activity, type ConversationReference, type Storage, type StoreItem, TurnContext } from 'botbuilder';
import { isETagConflict, STORAGE_CALL_DEADLINE_MS, STORAGE_TURN_BUDGET_MS, StorageDeadlineError, withDeadline } from './memoryStore';

/** Where the subscribed conversations are kept: one item, so that every change to it is checked by one eTag. */
export const SUBSCRIPTIONS_KEY = 'subscriptions/conversations';
/** Where the events already notified about an authority are kept, one item per authority after this prefix. */
export const NOTIFIED_PREFIX = 'subscriptions/notified/';
/** Most writes of one item when other instances keep writing it first. */
export const MAX_WRITE_ATTEMPTS = 6;

/** A conversation that may be posted to, with the authorities it is told about. */
export interface Subscriber {
  /** What botbuilder needs to post to the conversation unasked (continueConversationAsync). */
  reference: Partial<ConversationReference>;
  /** Authorities' canonical names, in the order subscribed. */
  authorities: string[];
  /** When the reference was last taken (ISO time). */
  updated: string;
}

/** A subscriber with the key it is kept under. */
export interface KeyedSubscriber extends Subscriber {
  key: string;
}

interface Registry extends StoreItem {
  conversations?: Record<string, Subscriber>;
}

/** An event notified, when it was claimed, and the conversations it was claimed for. */
interface NotifiedEvent {
  at: string;
  conversations: string[];
}

interface Notified extends StoreItem {
  events?: Record<string, NotifiedEvent>;
}

/** The storage key of an authority's notified events. */
export function notifiedKey(authority: string): string {
  return `${NOTIFIED_PREFIX}${authority.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/**
 * The conversation an activity belongs to, as a subscription is kept: a channel's own id for a message in one of its
 * threads (`19:…@thread.tacv2;messageid=…`), so the subscription is the channel's and a notification opens a new post.
 */
export function conversationKey(activity: Partial<Activity>): string {
  const channel = (activity.channelData as { channel?: { id?: unknown } } | undefined)?.channel?.id;
  const id = activity.conversation?.conversationType === 'channel' && typeof channel === 'string' && channel
    ? channel
    : (activity.conversation?.id ?? '').split(';')[0]!;
  return `${activity.channelId ?? ''}|${id}`;
}

/**
 * The reference to post to an activity's conversation unasked: for a channel, the channel itself, not the thread
 * the activity was in; not a reply to the activity; the user by id only.
 */
export function referenceOf(activity: Partial<Activity>): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(activity);
  delete reference.activityId;
  const id = conversationKey(activity).slice((activity.channelId ?? '').length + 1);
  if (reference.conversation) reference.conversation = { ...reference.conversation, id };
  if (reference.user) reference.user = { id: reference.user.id, name: '' };
  return reference;
}

export interface SubscriptionStoreLimits {
  /** The longest one storage call may take, in ms (default STORAGE_CALL_DEADLINE_MS). */
  callDeadlineMs?: number;
  /** The longest one change may take, all its reads and writes together, in ms (default STORAGE_TURN_BUDGET_MS). */
  changeBudgetMs?: number;
}

/**
 * Subscriptions and claimed notifications in a botbuilder Storage. Every storage call has a deadline, and every
 * change a time budget, so that a turn that subscribes ends inside Teams' 15 s when the store hangs; past either the
 * call rejects with a StorageDeadlineError.
 */
export class SubscriptionStore {
  private readonly callDeadlineMs: number;
  private readonly changeBudgetMs: number;

  constructor(private readonly storage: Storage, private readonly log: (line: string) => void = () => undefined, limits: SubscriptionStoreLimits = {}) {
    this.callDeadlineMs = limits.callDeadlineMs ?? STORAGE_CALL_DEADLINE_MS;
    this.changeBudgetMs = limits.changeBudgetMs ?? STORAGE_TURN_BUDGET_MS;
  }

  /** Keeps the conversation's reference (when the bot is added to it), with the authorities it already has. */
  async remember(activity: Partial<Activity>): Promise<void> {
    const key = conversationKey(activity);
    const reference = referenceOf(activity);
    await this.changeRegistry((conversations) => {
      conversations[key] = { reference, authorities: conversations[key]?.authorities ?? [], updated: new Date().toISOString() };
    });
  }

  /** Subscribes the activity's conversation to `authority`; false when it already was. The reference is taken again. */
  async subscribe(activity: Partial<Activity>, authority: string): Promise<boolean> {
    const key = conversationKey(activity);
    const reference = referenceOf(activity);
    return this.changeRegistry((conversations) => {
      const authorities = conversations[key]?.authorities ?? [];
      const added = !authorities.includes(authority);
      conversations[key] = { reference, authorities: added ? [...authorities, authority] : authorities, updated: new Date().toISOString() };
      return added;
    });
  }

  /** Stops telling the activity's conversation about `authority`; false when it was not subscribed. */
  async unsubscribe(activity: Partial<Activity>, authority: string): Promise<boolean> {
    const key = conversationKey(activity);
    return this.changeRegistry((conversations) => {
      const entry = conversations[key];
      if (!entry?.authorities.includes(authority)) return false;
      conversations[key] = { ...entry, authorities: entry.authorities.filter((a) => a !== authority) };
      return true;
    });
  }

  /** The authorities the activity's conversation is subscribed to, in the order subscribed. */
  async authoritiesOf(activity: Partial<Activity>): Promise<string[]> {
    const { conversations } = await this.readRegistry();
    return conversations?.[conversationKey(activity)]?.authorities ?? [];
  }

  /** Every conversation subscribed to at least one authority. */
  async subscribers(): Promise<KeyedSubscriber[]> {
    const { conversations } = await this.readRegistry();
    return Object.entries(conversations ?? {}).filter(([, s]) => s.authorities.length > 0).map(([key, s]) => ({ key, ...s }));
  }

  /** Forgets a conversation and all its subscriptions (the app was removed from it); returns what it was subscribed to. */
  async drop(key: string): Promise<string[]> {
    return this.changeRegistry((conversations) => {
      const authorities = conversations[key]?.authorities ?? [];
      delete conversations[key];
      return authorities;
    });
  }

  /**
   * Claims the notifications of these new events of one authority for these conversations: the events not claimed
   * before, by this instance or another, are recorded as notified, with the conversations, in one write checked by
   * its eTag. Returns the events claimed now; only those are to be sent, and by this caller alone.
   */
  async claim(authority: string, eventIds: readonly string[], conversations: readonly string[]): Promise<string[]> {
    const claimed = await this.change<Notified, string[]>(notifiedKey(authority), (item) => {
      const events = item.events ?? {};
      const fresh = eventIds.filter((id) => !Object.hasOwn(events, id));
      const at = new Date().toISOString();
      for (const id of fresh) events[id] = { at, conversations: [...conversations] };
      item.events = events;
      return fresh.length ? fresh : null;
    });
    return claimed ?? [];
  }

  /** The ids of the events already notified about an authority. */
  async notified(authority: string): Promise<string[]> {
    const key = notifiedKey(authority);
    const item = (await this.read(key, this.callDeadlineMs)) as Notified | undefined;
    return Object.keys(item?.events ?? {});
  }

  private async readRegistry(): Promise<Registry> {
    return ((await this.read(SUBSCRIPTIONS_KEY, this.callDeadlineMs)) as Registry | undefined) ?? {};
  }

  private async read(key: string, ms: number): Promise<StoreItem | undefined> {
    return (await withDeadline(`reading ${key}`, ms, () => this.storage.read([key])))[key];
  }

  private async changeRegistry<R>(change: (conversations: Record<string, Subscriber>) => R): Promise<R> {
    let result!: R;
    await this.change<Registry, true>(SUBSCRIPTIONS_KEY, (item) => {
      const conversations = item.conversations ?? {};
      result = change(conversations);
      item.conversations = conversations;
      return true;
    });
    return result;
  }

  /**
   * Reads an item, changes it, and writes it with the eTag read (none for an item not stored yet, which must then
   * not exist); when another writer wrote first, does it all again. `change` returns null to write nothing.
   */
  private async change<T extends StoreItem, R>(key: string, change: (item: T) => R | null): Promise<R | null> {
    const started = Date.now();
    // Each call gets its deadline, or what is left of the change's budget if less.
    const left = (what: string): number => {
      const ms = Math.min(this.callDeadlineMs, this.changeBudgetMs - (Date.now() - started));
      if (ms <= 0) throw new StorageDeadlineError(`${what} (the change's ${this.changeBudgetMs} ms for storage were spent)`, 0);
      return ms;
    };
    for (let attempt = 1; ; attempt++) {
      const stored = (await this.read(key, left(`reading ${key}`))) as T | undefined;
      const item = (stored ? JSON.parse(JSON.stringify(stored)) : {}) as T;
      const result = change(item);
      if (result === null) return null;
      // An item not stored yet is written without an eTag: the Storage creates it only if no one else has.
      if (!stored) delete item.eTag;
      try {
        await withDeadline(`writing ${key}`, left(`writing ${key}`), () => this.storage.write({ [key]: item }));
        return result;
      } catch (e) {
        if (!isETagConflict(e) || attempt >= MAX_WRITE_ATTEMPTS) throw e;
        this.log(`${key}: written by another instance since it was read; applying the change again (attempt ${attempt + 1} of ${MAX_WRITE_ATTEMPTS})`);
      }
    }
  }
}
