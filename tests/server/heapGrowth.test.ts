import { DEFAULT_HEAP_GROWTH_PERCENT, limitHeapGrowth } from '../../src/server/heapGrowth';

describe('limitHeapGrowth', () => {
  it.each([[-1], [2.5], [Number.NaN]])('refuses %p per cent, naming it', (percent) => {
    expect(() => limitHeapGrowth(percent)).toThrow(`limitHeapGrowth: ${percent} is not a whole number of per cent of 0 or more`);
  });

  it("leaves V8's own rule at 0, and takes the default", () => {
    expect(() => limitHeapGrowth(0)).not.toThrow();
    expect(() => limitHeapGrowth(DEFAULT_HEAP_GROWTH_PERCENT)).not.toThrow();
  });
});
