import { MAX_RETRY_MS, retryDelay, SendPace, statusOf, TEAMS_SENDS_PER_SECOND } from '../../src/bot/sendReply';

describe('bot/sendReply', () => {
  describe('SendPace', () => {
    it(`lets ${TEAMS_SENDS_PER_SECOND} sends a second through one conversation and holds the next until a second has passed`, () => {
      let now = 10_000;
      const pace = new SendPace(() => now);
      const waits = Array.from({ length: TEAMS_SENDS_PER_SECOND }, () => pace.reserve('a'));
      expect(waits.every((w) => w === 0)).toBe(true);
      expect(pace.reserve('a')).toBe(1000);
      // Another conversation has a pace of its own.
      expect(pace.reserve('b')).toBe(0);
      now += 1500;
      expect(pace.reserve('a')).toBe(0);
    });

    it('spaces a burst out second by second', () => {
      const pace = new SendPace(() => 0, 2);
      expect([1, 2, 3, 4, 5].map(() => pace.reserve('a'))).toEqual([0, 0, 1000, 1000, 2000]);
    });
  });

  describe('retryDelay', () => {
    const withRetryAfter = (value: string): unknown => ({ statusCode: 429, response: { headers: { get: (n: string) => (n === 'retry-after' ? value : undefined) } } });

    it.each([
      [{ statusCode: 429 }, 1, 500],
      [{ statusCode: 429 }, 2, 1000],
      [{ statusCode: 412 }, 3, 2000],
      [{ statusCode: 429 }, 10, MAX_RETRY_MS],
      [withRetryAfter('2'), 1, 2000],
      [withRetryAfter('0.25'), 3, 250],
      [withRetryAfter('600'), 1, MAX_RETRY_MS],
      [withRetryAfter('soon'), 2, 1000],
    ])('waits for %j on try %i: %i ms', (error, attempt, ms) => {
      expect(retryDelay(error, attempt)).toBe(ms);
    });
  });

  describe('statusOf', () => {
    it.each([
      [{ statusCode: 400 }, 400],
      [{ status: 413 }, 413],
      [{ response: { status: 429 } }, 429],
      [new Error('offline'), undefined],
      [null, undefined],
    ])('reads %j as %s', (error, status) => {
      expect(statusOf(error)).toBe(status);
    });
  });
});
