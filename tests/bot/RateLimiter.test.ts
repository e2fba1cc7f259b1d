import { RateLimiter } from '../../src/bot/RateLimiter';

/** A limiter on a clock the test moves by hand. */
function limiter(perMinute: number, burst: number, maxUsers?: number): { limiter: RateLimiter; advance: (ms: number) => void } {
  let now = 1_700_000_000_000;
  const made = new RateLimiter({ perMinute, burst, now: () => now, ...(maxUsers === undefined ? {} : { maxUsers }) });
  return { limiter: made, advance: (ms) => { now += ms; } };
}

const USER = 'tenant-a|00000000-0000-4000-8000-000000000001';

describe('bot/RateLimiter', () => {
  describe('take', () => {
    it('allows a burst at once, then refuses, saying how long until the next token', () => {
      const { limiter: l } = limiter(20, 10);
      for (let i = 0; i < 10; i++) expect(l.take(USER)).toEqual({ allowed: true });
      // 20 a minute is one every 3 s.
      expect(l.take(USER)).toEqual({ allowed: false, retryAfterMs: 3000 });
    });

    it('refills at the per-minute rate, never beyond the burst', () => {
      const { limiter: l, advance } = limiter(20, 10);
      for (let i = 0; i < 10; i++) l.take(USER);
      advance(1000);
      expect(l.take(USER)).toEqual({ allowed: false, retryAfterMs: 2000 });
      advance(2000);
      expect(l.take(USER)).toEqual({ allowed: true });
      expect(l.take(USER).allowed).toBe(false);
      advance(60 * 60_000);
      for (let i = 0; i < 10; i++) expect(l.take(USER).allowed).toBe(true);
      expect(l.take(USER).allowed).toBe(false);
    });

    it('keeps one bucket per key: another user, or the same user in another tenant, is not held back', () => {
      const { limiter: l } = limiter(6, 2);
      l.take(USER);
      l.take(USER);
      expect(l.take(USER).allowed).toBe(false);
      expect(l.take('tenant-a|29:other-user').allowed).toBe(true);
      expect(l.take('tenant-b|00000000-0000-4000-8000-000000000001').allowed).toBe(true);
    });

    it('takes a fractional cost: four searches typed cost one question', () => {
      const { limiter: l } = limiter(1, 1);
      for (let i = 0; i < 4; i++) expect(l.take(USER, 0.25).allowed).toBe(true);
      expect(l.take(USER, 0.25)).toEqual({ allowed: false, retryAfterMs: 15_000 });
    });

    it('refills nothing when the clock goes back', () => {
      const { limiter: l, advance } = limiter(60, 1);
      l.take(USER);
      advance(-5000);
      expect(l.take(USER).allowed).toBe(false);
    });
  });

  describe('memory', () => {
    it('forgets users idle long enough for their bucket to be full again', () => {
      const { limiter: l, advance } = limiter(20, 10);
      for (let i = 0; i < 50; i++) l.take(`tenant|user-${i}`);
      expect(l.size).toBe(50);
      // 10 tokens at 20 a minute refill in 30 s.
      advance(29_000);
      l.take('tenant|latecomer');
      expect(l.size).toBe(51);
      advance(1000);
      l.take('tenant|latecomer');
      expect(l.size).toBe(1);
    });

    it('keeps at most maxUsers, forgetting the longest idle first', () => {
      const { limiter: l, advance } = limiter(20, 2, 3);
      l.take('t|first');
      advance(10);
      l.take('t|second');
      advance(10);
      l.take('t|third');
      advance(10);
      // "first" is used again, so "second" is now the longest idle.
      expect(l.take('t|first').allowed).toBe(true);
      l.take('t|fourth');
      expect(l.size).toBe(3);
      // "first" was kept: its bucket is (all but) empty; "second" was forgotten: it starts full.
      expect(l.take('t|first').allowed).toBe(false);
      l.take('t|second');
      expect(l.take('t|second').allowed).toBe(true);
    });

    it('stays bounded under a flood of distinct users', () => {
      const { limiter: l, advance } = limiter(20, 10, 1000);
      for (let i = 0; i < 20_000; i++) {
        l.take(`t|user-${i}`);
        advance(1);
      }
      expect(l.size).toBeLessThanOrEqual(1000);
    });
  });

  describe('constructor', () => {
    it.each<[number, number]>([[0, 10], [20, 0], [-1, 10], [Number.NaN, 10]])('refuses %d a minute with a burst of %d, saying what to do', (perMinute, burst) => {
      expect(() => new RateLimiter({ perMinute, burst })).toThrow(/positive rate and burst.*use no limiter to turn it off/);
    });
  });
});
