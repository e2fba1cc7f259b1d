import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what is live before it collects the old generation, in per cent, by default. The
 * loaded indexes are most of a serving bot's heap (some 360 MB at national size), and V8's own rule lets the old
 * generation reach up to four times what is live when collections are rare, so the resident memory of a busy bot
 * climbed by a gigabyte before a collection brought it back. A quarter again keeps it within some 100 MB of the
 * indexes, at one collection every few seconds under full load, mostly on a helper thread.
 */
export const DEFAULT_HEAP_GROWTH_PERCENT = 25;

/**
 * Sets V8's heap growing factor to 1 + percent/100 from the next collection on (V8's --heap-growing-percent); 0 leaves
 * V8's own rule. Called once the indexes are loaded, so loading is not slowed by the extra collections.
 */
export function limitHeapGrowth(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0) throw new RangeError(`limitHeapGrowth: ${percent} is not a whole number of per cent of 0 or more`);
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
