import { ConversationState, type Storage, type StoreItem, type TurnContext } from 'botbuilder';

/**
 * How many times a turn's memory is written before giving up when other turns keep saving first. A write conflicts
 * only when another turn saved since this one read, and each turn saves once, so this many turns of one conversation
 * at once are all kept.
 */
export const MAX_SAVE_ATTEMPTS = 4;

/** A change to a conversation's memory, as a function of the stored memory so it can be applied again. */
export type MemoryChange<T> = (memory: T) => void;

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
    change(await this.recall(context));
    const recorded = context.turnState.get(this.changes) as MemoryChange<T>[] | undefined;
    if (recorded) recorded.push(change);
    else context.turnState.set(this.changes, [change]);
  }

  /** Writes this turn's changes, if any; never throws (a failure is logged). */
  async save(context: TurnContext): Promise<SaveOutcome> {
    const recorded = (context.turnState.get(this.changes) as MemoryChange<T>[] | undefined) ?? [];
    if (!recorded.length) return { attempts: 0, saved: false };
    context.turnState.delete(this.changes);
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
        await storage.write({ [key]: { ...state } });
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
      for (const change of recorded) change(memory);
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
