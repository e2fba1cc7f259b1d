import { ConversationState, type Storage, type StoreItem, type TurnContext } from 'botbuilder';

/**
 * How many times a turn's memory is written before giving up when other turns keep saving first. A write conflicts
 * only when another turn saved since this one read, and each turn saves once (a message, and a vote, which records
 * its activity id), so this many turns of one conversation at once are all kept. All within STORAGE_TURN_BUDGET_MS.
 */
export const MAX_SAVE_ATTEMPTS = 8;

/**
 * The longest one storage call (a read, a write, a delete) may take before the turn gives it up, in ms: a store that
 * hangs (paused, unreachable) then costs a turn this long, not the SDK's own timeouts and retries.
 */
export const STORAGE_CALL_DEADLINE_MS = 2_000;

/**
 * The longest all of a turn's storage calls may take together, in ms. Teams waits 15 s for a turn's reply (and
 * retries the activity after); this leaves the rest for answering and sending.
 */
export const STORAGE_TURN_BUDGET_MS = 6_000;

/** Conversations told at most this many at once that their memory cannot be read, so the list stays bounded. */
export const MAX_TOLD_UNAVAILABLE = 10_000;

/**
 * A change to a conversation's memory, as a function of the stored memory so it can be applied again. It may return
 * the names of items kept beside the memory (see MemoryStore.keep) that it made unneeded: they are deleted once the
 * memory is saved.
 */
export type MemoryChange<T> = (memory: T) => void | readonly string[];

/** A change recorded this turn, with the names it dropped when last applied. */
interface Recorded<T> {
  change: MemoryChange<T>;
  dropped: readonly string[];
}

/**
 * What claim() found: the turn is `claimed` (written to storage before its work), was `taken` already (by an earlier
 * delivery of the same activity, on any instance), or is `unknown` when storage could not say (then the turn goes on,
 * and its claim is saved with its other changes if it can be).
 */
export type ClaimOutcome = 'claimed' | 'taken' | 'unknown';

/** How a turn's save went: the attempts made (0 when the turn changed nothing), and whether it was stored. */
export interface SaveOutcome {
  attempts: number;
  saved: boolean;
}

export interface MemoryStoreOptions<T> {
  conversationState: ConversationState;
  /** The property of the conversation's state object that holds the memory. */
  property: string;
  /** The memory of a conversation that has none stored yet. */
  initial: () => T;
  log: (line: string) => void;
  /** At most this many writes per turn (default MAX_SAVE_ATTEMPTS). */
  maxAttempts?: number;
  /** The deadline of one storage call, in ms (default STORAGE_CALL_DEADLINE_MS). */
  callDeadlineMs?: number;
  /** The time all of a turn's storage calls may take, in ms (default STORAGE_TURN_BUDGET_MS). */
  turnBudgetMs?: number;
}

/** A storage call gave up at its deadline. */
export class StorageDeadlineError extends Error {
  constructor(what: string, ms: number) {
    super(`Storage: ${what} took longer than ${ms} ms and was given up`);
    this.name = 'StorageDeadlineError';
  }
}

/**
 * Gives botbuilder's ConversationState a storage conflict check that holds across instances. ConversationState's
 * saveChanges writes with eTag "*" (the last writer wins), so two instances answering the same conversation at once
 * would each drop the other's change. Here a turn records its changes as functions, writes with the eTag it read,
 * and when another turn saved first (an eTag conflict), reads the stored memory again, re-applies its changes and
 * tries again. A save that still fails is logged and dropped: the user's reply has already gone.
 */
export class MemoryStore<T extends object> {
  private readonly changes = Symbol('memory changes');
  private readonly keptItems = Symbol('items kept beside the memory');
  private readonly loaded = Symbol('stored state');
  private readonly unreadable = Symbol('memory could not be read');
  private readonly spent = Symbol('storage time spent');
  private readonly maxAttempts: number;
  /** Conversations told this process that their memory cannot be read, until it can be again. */
  private readonly told = new Set<string>();

  constructor(private readonly options: MemoryStoreOptions<T>) {
    this.maxAttempts = options.maxAttempts ?? MAX_SAVE_ATTEMPTS;
  }

  /**
   * The conversation's memory, read from storage once per turn. Change it only through change(). When the storage
   * cannot be read (down, or past its deadline) the turn goes on with a new memory, which is not saved: see readable().
   */
  async recall(context: TurnContext): Promise<T> {
    if (context.turnState.get(this.unreadable)) return this.memoryOf(context.turnState.get(this.loaded) as StoreItem);
    try {
      const state = await this.load(context);
      this.told.delete(this.conversationOf(context));
      return this.memoryOf(state);
    } catch (e) {
      this.options.log(`conversation ${this.conversationOf(context)}: cannot read its memory, so this turn is answered without it and not remembered: ${messageOf(e)}`);
      const state: StoreItem = {};
      context.turnState.set(this.unreadable, true);
      context.turnState.set(this.loaded, state);
      return this.memoryOf(state);
    }
  }

  /** False when this turn's memory could not be read: then nothing the turn changes is saved. */
  readable(context: TurnContext): boolean {
    return !context.turnState.get(this.unreadable);
  }

  /**
   * True once per conversation while its memory cannot be read (again after it has been read since), so that the
   * user is told once, not on every turn.
   */
  tellUnreadable(context: TurnContext): boolean {
    if (this.readable(context)) return false;
    const conversation = this.conversationOf(context);
    if (this.told.has(conversation)) return false;
    if (this.told.size >= MAX_TOLD_UNAVAILABLE) this.told.delete(this.told.values().next().value as string);
    this.told.add(conversation);
    return true;
  }

  private conversationOf(context: TurnContext): string {
    return context.activity.conversation?.id ?? '(no conversation)';
  }

  /**
   * Runs one storage call within its deadline and what is left of the turn's budget; rejects with a
   * StorageDeadlineError when past either (the call itself may still finish later).
   */
  private timed<R>(context: TurnContext, what: string, call: () => Promise<R>): Promise<R> {
    const budget = this.options.turnBudgetMs ?? STORAGE_TURN_BUDGET_MS;
    const spent = (context.turnState.get(this.spent) as number | undefined) ?? 0;
    const ms = Math.min(this.options.callDeadlineMs ?? STORAGE_CALL_DEADLINE_MS, budget - spent);
    if (ms <= 0) return Promise.reject(new StorageDeadlineError(`${what} (the turn's ${budget} ms for storage were spent)`, 0));
    const started = Date.now();
    return withDeadline(what, ms, call).finally(() => {
      context.turnState.set(this.spent, ((context.turnState.get(this.spent) as number | undefined) ?? 0) + (Date.now() - started));
    });
  }

  /**
   * The conversation's stored state, read once per turn (again when `force`d). Read from the storage directly:
   * ConversationState.load also serializes the whole state to tell a change at saveChanges, which is not used here.
   */
  private async load(context: TurnContext, force = false): Promise<StoreItem> {
    const held = context.turnState.get(this.loaded) as StoreItem | undefined;
    if (held && !force) return held;
    const key = this.options.conversationState.getStorageKey(context);
    const storage = StorageOf.storage(this.options.conversationState);
    const state: StoreItem = key ? ((await this.timed(context, 'reading the memory', () => storage.read([key])))[key] as StoreItem | undefined) ?? {} : {};
    context.turnState.set(this.loaded, state);
    return state;
  }

  /**
   * Claims the turn in the stored memory before its work, so that of two instances given the same activity at once
   * only one goes on: unless `claimed(memory)` says the stored memory holds the claim already, applies `claim` and
   * writes the memory at once with the eTag it was read with. The instance that writes second gets an eTag conflict,
   * reads the memory again, and finds the claim. A claim that cannot be written (storage down, past its deadline) is
   * `unknown`: the turn goes on, as answering twice is better than not at all, and the claim is saved with the rest.
   */
  async claim(context: TurnContext, claimed: (memory: T) => boolean, claim: MemoryChange<T>): Promise<ClaimOutcome> {
    const conversation = this.conversationOf(context);
    const key = this.options.conversationState.getStorageKey(context);
    let memory: T = await this.recall(context);
    if (!this.readable(context) || !key) return 'unknown';
    const storage = StorageOf.storage(this.options.conversationState);
    for (let attempt = 1; ; attempt++) {
      if (claimed(memory)) return 'taken';
      const state = context.turnState.get(this.loaded) as StoreItem;
      claim(memory);
      const item: StoreItem = { ...state };
      try {
        await this.timed(context, 'claiming the turn', () => storage.write({ [key]: item }));
        // This app's storages give the written item its new eTag; with one that does not, the memory is read again
        // (if it can be), so that the turn's save is not taken for a conflict with itself.
        if (item.eTag !== undefined && item.eTag !== state.eTag) state.eTag = item.eTag;
        else await this.load(context, true).catch(() => undefined);
        return 'claimed';
      } catch (e) {
        if (!isETagConflict(e) || attempt >= this.maxAttempts) {
          this.options.log(`conversation ${conversation}: could not claim this turn before answering it (${messageOf(e)}); ` +
            'answering it, in case no other instance does');
          await this.change(context, claim);
          return 'unknown';
        }
      }
      try {
        memory = this.memoryOf(await this.load(context, true));
      } catch (e) {
        this.options.log(`conversation ${conversation}: could not read its memory again to claim this turn (${messageOf(e)}); answering it`);
        await this.change(context, claim);
        return 'unknown';
      }
    }
  }

  /** Applies a change to this turn's memory now, and records it for save(). */
  async change(context: TurnContext, change: MemoryChange<T>): Promise<void> {
    const dropped = change(await this.recall(context)) ?? [];
    const recorded = context.turnState.get(this.changes) as Recorded<T>[] | undefined;
    if (recorded) recorded.push({ change, dropped });
    else context.turnState.set(this.changes, [{ change, dropped }]);
  }

  /**
   * Keeps an item beside the conversation's memory under `name`, written with the memory at save(), once: for what is
   * looked up rarely, so that the memory read and written on every turn stays small. Give the name of a new item; a
   * change that makes it unneeded returns the name, and it is deleted then.
   */
  keep(context: TurnContext, name: string, item: object): void {
    const kept = context.turnState.get(this.keptItems) as Map<string, object> | undefined;
    if (kept) kept.set(name, item);
    else context.turnState.set(this.keptItems, new Map([[name, item]]));
  }

  /** The item kept beside the conversation's memory under `name`, or undefined when there is none. */
  async kept(context: TurnContext, name: string): Promise<StoreItem | undefined> {
    const key = this.options.conversationState.getStorageKey(context);
    if (!key || !this.readable(context)) return undefined;
    const itemKey = keptKey(key, name);
    const storage = StorageOf.storage(this.options.conversationState);
    try {
      return (await this.timed(context, 'reading an item beside the memory', () => storage.read([itemKey])))[itemKey] as StoreItem | undefined;
    } catch (e) {
      this.options.log(`conversation ${this.conversationOf(context)}: cannot read an item beside its memory: ${messageOf(e)}`);
      return undefined;
    }
  }

  /** Writes this turn's changes and kept items, if any; never throws (a failure is logged). */
  async save(context: TurnContext): Promise<SaveOutcome> {
    const recorded = (context.turnState.get(this.changes) as Recorded<T>[] | undefined) ?? [];
    const kept = (context.turnState.get(this.keptItems) as Map<string, object> | undefined) ?? new Map<string, object>();
    if (!recorded.length && !kept.size) return { attempts: 0, saved: false };
    context.turnState.delete(this.changes);
    context.turnState.delete(this.keptItems);
    const { conversationState, log } = this.options;
    const conversation = this.conversationOf(context);
    if (!this.readable(context)) {
      // Saving a memory made from nothing would overwrite what is stored, which the conversation takes up again later.
      log(`conversation ${conversation}: not saving this turn's changes: its memory could not be read`);
      return { attempts: 0, saved: false };
    }
    const key = conversationState.getStorageKey(context);
    if (!key) {
      log(`conversation ${conversation}: not saving its memory: the activity has no channel or conversation id`);
      return { attempts: 0, saved: false };
    }
    const storage = StorageOf.storage(conversationState);
    let state: StoreItem;
    try {
      state = await this.load(context);
    } catch (e) {
      log(`conversation ${conversation}: could not read its memory, so this turn will not be remembered: ${messageOf(e)}`);
      return { attempts: 0, saved: false };
    }
    for (let attempt = 1; ; attempt++) {
      try {
        // The eTag is the one read this turn; none for a conversation not stored yet, which then must not exist.
        // Kept items are new, so written whatever is stored; written again with the memory after a conflict.
        const items: Record<string, StoreItem> = { [key]: { ...state } };
        for (const [name, item] of kept) items[keptKey(key, name)] = { ...item, eTag: '*' };
        await this.timed(context, 'writing the memory', () => storage.write(items));
        await this.deleteDropped(context, storage, key, recorded, kept, conversation);
        return { attempts: attempt, saved: true };
      } catch (e) {
        if (!isETagConflict(e)) {
          log(`conversation ${conversation}: could not save its memory, so this turn will not be remembered: ${messageOf(e)}`);
          return { attempts: attempt, saved: false };
        }
        if (attempt >= this.maxAttempts) {
          log(`conversation ${conversation}: could not save its memory after ${attempt} attempts, each time saved ` +
            'first by another turn; the reply was sent, but this turn will not be remembered');
          return { attempts: attempt, saved: false };
        }
        log(`conversation ${conversation}: memory saved by another turn since this one read it; applying this ` +
          `turn's changes to the stored memory (attempt ${attempt + 1} of ${this.maxAttempts})`);
      }
      try {
        state = await this.load(context, true);
      } catch (e) {
        log(`conversation ${conversation}: could not read its memory again, so this turn will not be remembered: ${messageOf(e)}`);
        return { attempts: attempt, saved: false };
      }
      const memory = this.memoryOf(state);
      for (const r of recorded) r.dropped = r.change(memory) ?? [];
    }
  }

  /** Deletes the kept items the saved changes made unneeded; a failure is logged, and leaves them stored. */
  private async deleteDropped(context: TurnContext, storage: Storage, key: string, recorded: Recorded<T>[], kept: Map<string, object>, conversation: string): Promise<void> {
    const names = [...new Set(recorded.flatMap((r) => r.dropped))].filter((name) => !kept.has(name));
    if (!names.length) return;
    try {
      await this.timed(context, 'deleting items beside the memory', () => storage.delete(names.map((name) => keptKey(key, name))));
    } catch (e) {
      this.options.log(`conversation ${conversation}: could not delete ${names.length} item(s) no longer needed beside its memory: ${messageOf(e)}`);
    }
  }

  private memoryOf(state: StoreItem): T {
    const stored = state[this.options.property] as T | undefined;
    if (stored) return stored;
    const memory = this.options.initial();
    state[this.options.property] = memory;
    return memory;
  }
}

/**
 * Runs one storage call, rejecting with a StorageDeadlineError when it takes longer than `ms` (the call itself may
 * still finish later: a write given up may yet land).
 */
export function withDeadline<R>(what: string, ms: number, call: () => Promise<R>): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageDeadlineError(what, ms)), ms);
  });
  return Promise.race([Promise.resolve().then(call), deadline]).finally(() => clearTimeout(timer));
}

/** Where an item kept beside a conversation's memory is stored: under the conversation's own key. */
export function keptKey(conversationKey: string, name: string): string {
  return `${conversationKey}${conversationKey.endsWith('/') ? '' : '/'}kept/${name}`;
}

/**
 * Whether a Storage write failed because the item changed since it was read. botbuilder's storages (MemoryStorage,
 * BlobsStorage) say so only in the message, `Storage: error writing "<key>" due to eTag conflict.`.
 */
export function isETagConflict(error: unknown): boolean {
  return error instanceof Error && /due to etag conflict/i.test(error.message);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Reaches the Storage a ConversationState was made with, which botbuilder keeps protected. */
class StorageOf extends ConversationState {
  static storage(state: ConversationState): Storage {
    return (state as StorageOf).storage;
  }
}
