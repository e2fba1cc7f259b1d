/**
 * Runs per property: 200 keeps the suite fast and still reaches the odd corners; PROPERTY_RUNS=5000 searches longer.
 * The seed is fixed so that every run of the suite (and CI) tries the same cases; PROPERTY_SEED=n tries others or
 * replays a failure fast-check reported, and PROPERTY_SEED=random draws a new seed each run.
 */
export const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 200);

/** The seed every run uses unless PROPERTY_SEED says otherwise. */
const DEFAULT_SEED = 20261123;

const seedSetting = process.env['PROPERTY_SEED'];

/** fast-check's options for every property: the runs, and the seed. */
export const PROPERTY_OPTIONS = {
  numRuns: RUNS,
  ...(seedSetting === 'random' ? {} : { seed: seedSetting ? Number(seedSetting) : DEFAULT_SEED }),
};
