/**
 * Replies already worked out, kept per index so that a question asked again in the same circumstances (the same
 * words, the same authority by default, the same previous turn) is answered without working it out again: in a tenant
 * many people ask the same few questions. An index swapped out after a reload takes its replies with it, so a reply
 * is never served from an index other than the one the turn answers from.
 */
export class AnswerCache<T> {
  private readonly byIndex = new WeakMap<object, Map<string, T>>();
  private hitCount = 0;
  private missCount = 0;

  /** `capacity` replies are kept per index, the least recently used dropped first; 0 keeps none. */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`AnswerCache: capacity ${capacity} is not a whole number of 0 or more`);
  }

  /** The reply kept for `key` in `index`'s replies, or the one `make` works out, kept for next time. */
  get(index: object, key: string, make: () => T): T {
    if (this.capacity === 0) {
      this.missCount += 1;
      return make();
    }
    let entries = this.byIndex.get(index);
    if (!entries) {
      entries = new Map();
      this.byIndex.set(index, entries);
    }
    const kept = entries.get(key);
    if (kept !== undefined) {
      this.hitCount += 1;
      // Most recently used last: a Map keeps the order keys were set in.
      entries.delete(key);
      entries.set(key, kept);
      return kept;
    }
    this.missCount += 1;
    const made = make();
    entries.set(key, made);
    if (entries.size > this.capacity) entries.delete(entries.keys().next().value!);
    return made;
  }

  /** How many replies were served from the cache and how many worked out, since the bot started. */
  stats(): { hits: number; misses: number } {
    return { hits: this.hitCount, misses: this.missCount };
  }
}
