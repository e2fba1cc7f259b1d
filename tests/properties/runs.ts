/**
 * Runs per property: 200 keeps the suite fast and still reaches the odd corners; PROPERTY_RUNS=5000 searches longer
 * (and PROPERTY_SEED=n replays a failure fast-check reported).
 */
export const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 200);

/** fast-check's options for every property: the runs, and the seed when one is given. */
export const PROPERTY_OPTIONS = {
  numRuns: RUNS,
  ...(process.env['PROPERTY_SEED'] ? { seed: Number(process.env['PROPERTY_SEED']) } : {}),
};
