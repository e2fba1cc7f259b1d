/** Per-user token buckets: how many questions each user may ask, on average and at once. */

/** Users remembered at most; past it the longest idle is forgotten (and starts again with a full bucket). */
export const MAX_TRACKED_USERS = 10_000;

export interface RateLimitOptions {
  /** Questions refilled per minute, on average. */
  perMinute: number;
  /** The bucket's size: questions that may be asked at once. */
  burst: number;
  /** Users remembered at most (default MAX_TRACKED_USERS). */
  maxUsers?: number;
  /** The clock, in ms (default Date.now). */
  now?: () => number;
}

/** Whether a question may be asked now; if not, how long until it may, in ms. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date, in ms. */
  updated: number;
}

/**
 * A token bucket per key (tenant and user): each holds up to `burst` tokens, refilled at `perMinute` a minute; a
 * question takes one (or `cost`). A bucket idle long enough to be full again is forgotten, being the same as a new
 * one, and at most `maxUsers` are kept, so memory stays bounded whatever the number of users.
 */
export class RateLimiter {
  /** In order of last use, oldest first (a Map keeps insertion order; a used key is moved to the end). */
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly burst: number;
  private readonly maxUsers: number;
  private readonly now: () => number;
  /** How long an empty bucket takes to fill, in ms: after that a bucket is forgotten. */
  private readonly refillMs: number;

  constructor(options: RateLimitOptions) {
    if (!(options.perMinute > 0) || !(options.burst > 0)) {
      throw new RangeError(`A rate limit needs a positive rate and burst (got ${options.perMinute} a minute, burst ${options.burst}); use no limiter to turn it off.`);
    }
    this.perMs = options.perMinute / 60_000;
    this.burst = options.burst;
    this.maxUsers = Math.max(1, options.maxUsers ?? MAX_TRACKED_USERS);
    this.now = options.now ?? Date.now;
    this.refillMs = Math.ceil(this.burst / this.perMs);
  }

  /** Users currently remembered. */
  get size(): number {
    return this.buckets.size;
  }

  /** Takes `cost` tokens from the key's bucket when it holds them; otherwise says how long until it will. */
  take(key: string, cost = 1): RateDecision {
    const now = this.now();
    this.forgetIdle(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updated: now };
    // Refilled for the time since its last use; a clock that went back refills nothing.
    bucket.tokens = Math.min(this.burst, bucket.tokens + Math.max(0, now - bucket.updated) * this.perMs);
    bucket.updated = now;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    while (this.buckets.size > this.maxUsers) this.buckets.delete(this.buckets.keys().next().value!);
    // A hair of tolerance: refills in floating point may fall short of a whole token by rounding alone.
    if (bucket.tokens + 1e-9 >= cost) {
      bucket.tokens = Math.max(0, bucket.tokens - cost);
      return { allowed: true };
    }
    // Rounded up to the ms, less floating-point noise (2000.0000001 ms is 2000 ms).
    return { allowed: false, retryAfterMs: Math.max(1, Math.ceil((cost - bucket.tokens) / this.perMs - 1e-6)) };
  }

  /** Drops, oldest first, the buckets unused for long enough to be full again. */
  private forgetIdle(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updated < this.refillMs) break;
      this.buckets.delete(key);
    }
  }
}
