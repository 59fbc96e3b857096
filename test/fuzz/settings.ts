// How much the mocha suites fuzz: a fixed seed and a short run, so `npm test` stays fast and
// reproducible. FUZZ_SEED / FUZZ_SCALE in the environment change them for a local run.
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261122);

/** Number of inputs for a target whose CI share is `n` runs. */
export function runs(n: number): number {
  return Math.max(1, Math.round(n * Number(process.env.FUZZ_SCALE ?? 1)));
}
