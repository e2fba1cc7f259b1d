import { AnswerCache } from '../../src/bot/AnswerCache';

describe('AnswerCache', () => {
  it('works a reply out once per key and index, and keeps it', () => {
    const cache = new AnswerCache<string>(5);
    const index = {};
    let made = 0;
    const make = (): string => `reply ${++made}`;
    expect(cache.get(index, 'a', make)).toBe('reply 1');
    expect(cache.get(index, 'a', make)).toBe('reply 1');
    expect(cache.get(index, 'b', make)).toBe('reply 2');
    expect(cache.get({}, 'a', make)).toBe('reply 3');
    expect(cache.stats()).toEqual({ hits: 1, misses: 3 });
  });

  it('drops the least recently used reply of an index when it is full', () => {
    const cache = new AnswerCache<string>(2);
    const index = {};
    cache.get(index, 'a', () => 'A');
    cache.get(index, 'b', () => 'B');
    cache.get(index, 'a', () => 'A again');
    cache.get(index, 'c', () => 'C');
    expect(cache.get(index, 'a', () => 'A anew')).toBe('A');
    expect(cache.get(index, 'b', () => 'B anew')).toBe('B anew');
  });

  it('keeps nothing at capacity 0, and refuses a capacity that is not a whole number of 0 or more', () => {
    const cache = new AnswerCache<number>(0);
    let n = 0;
    cache.get({}, 'a', () => ++n);
    const index = {};
    expect(cache.get(index, 'a', () => ++n)).toBe(2);
    expect(cache.get(index, 'a', () => ++n)).toBe(3);
    expect(() => new AnswerCache(-1)).toThrow(RangeError);
    expect(() => new AnswerCache(1.5)).toThrow('not a whole number');
  });
});
