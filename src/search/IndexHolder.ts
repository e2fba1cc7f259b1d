import type { CorpusIndex } from './CorpusIndex';

/**
 * The index being served, replaced whole when the corpus is reloaded. Read `current` once per turn and keep it for
 * the turn: a swap never shows a request part of one index and part of another.
 */
export class IndexHolder {
  private index: CorpusIndex;
  private loaded: Date;
  private readonly listeners: ((next: CorpusIndex, previous: CorpusIndex) => void)[] = [];

  constructor(index: CorpusIndex) {
    this.index = index;
    this.loaded = new Date();
  }

  get current(): CorpusIndex {
    return this.index;
  }

  /** When the current index was put in place. */
  get loadedAt(): Date {
    return this.loaded;
  }

  /** Puts a new index in place of the current one. */
  swap(next: CorpusIndex): void {
    const previous = this.index;
    this.index = next;
    this.loaded = new Date();
    for (const listener of this.listeners) listener(next, previous);
  }

  /** Calls `listener` after each swap with the new index and the one it replaced; it must not throw. */
  onSwap(listener: (next: CorpusIndex, previous: CorpusIndex) => void): void {
    this.listeners.push(listener);
  }
}

/** What the bot is given: one index for its lifetime, or a holder whose index may be swapped. */
export type IndexSource = CorpusIndex | IndexHolder;

/** The index to use now: the holder's current one, or the fixed index. */
export function currentIndex(source: IndexSource): CorpusIndex {
  return source instanceof IndexHolder ? source.current : source;
}
