import { ConversationState, type Storage, type StoreItem, type TurnContext } from 'botbuilder';

/**
 * How many times a turn's memory is written before giving up when other turns keep saving first. A write conflicts
 * only when another turn saved since this one read, and each turn saves once, so this many turns of one conversation
 * at once are all kept.
 */
export const MAX_SAVE_ATTEMPTS = 4;

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
  private readonly maxAttempts: number;

  constructor(private readonly options: MemoryStoreOptions<T>) {
    this.maxAttempts = options.maxAttempts ?? MAX_SAVE_ATTEMPTS;
  }

  /** The conversation's memory, read from storage once per turn. Change it only through change(). */
  async recall(context: TurnContext): Promise<T> {
    return this.memoryOf(await this.load(context));
  }

  /**
   * The conversation's stored state, read once per turn (again when `force`d). Read from the storage directly:
   * ConversationState.load also serializes the whole state to tell a change at saveChanges, which is not used here.
   */
  private async load(context: TurnContext, force = false): Promise<StoreItem> {
    const held = context.turnState.get(this.loaded) as StoreItem | undefined;
    if (held && !force) return held;
    const key = this.options.conversationState.getStorageKey(context);
    const state: StoreItem = key ? ((await StorageOf.storage(this.options.conversationState).read([key]))[key] as StoreItem | undefined) ?? {} : {};
    context.turnState.set(this.loaded, state);
    return state;
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
    if (!key) return undefined;
    const itemKey = keptKey(key, name);
    return (await StorageOf.storage(this.options.conversationState).read([itemKey]))[itemKey] as StoreItem | undefined;
  }

  /** Writes this turn's changes and kept items, if any; never throws (a failure is logged). */
  async save(context: TurnContext): Promise<SaveOutcome> {
    const recorded = (context.turnState.get(this.changes) as Recorded<T>[] | undefined) ?? [];
    const kept = (context.turnState.get(this.keptItems) as Map<string, object> | undefined) ?? new Map<string, object>();
    if (!recorded.length && !kept.size) return { attempts: 0, saved: false };
    context.turnState.delete(this.changes);
    context.turnState.delete(this.keptItems);
    const { conversationState, log } = this.options;
    const conversation = context.activity.conversation?.id ?? '(no conversation)';
    const key = conversationState.getStorageKey(context);
    if (!key) {
      log(`conversation ${conversation}: not saving its memory: the activity has no channel or conversation id`);
      return { attempts: 0, saved: false };
    }
    const storage = StorageOf.storage(conversationState);
    let state = await this.load(context);
    for (let attempt = 1; ; attempt++) {
      try {
        // The eTag is the one read this turn; none for a conversation not stored yet, which then must not exist.
        // Kept items are new, so written whatever is stored; written again with the memory after a conflict.
        const items: Record<string, StoreItem> = { [key]: { ...state } };
        for (const [name, item] of kept) items[keptKey(key, name)] = { ...item, eTag: '*' };
        await storage.write(items);
        await this.deleteDropped(storage, key, recorded, kept, conversation);
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
  private async deleteDropped(storage: Storage, key: string, recorded: Recorded<T>[], kept: Map<string, object>, conversation: string): Promise<void> {
    const names = [...new Set(recorded.flatMap((r) => r.dropped))].filter((name) => !kept.has(name));
    if (!names.length) return;
    try {
      await storage.delete(names.map((name) => keptKey(key, name)));
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
