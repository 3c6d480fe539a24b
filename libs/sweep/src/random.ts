/**
 * A small seeded PRNG (mulberry32) so a RANDOM search with a seed expands to the same trials
 * on every machine and every run.
 */
export type Rng = () => number;

/** Uniform numbers in [0, 1) determined entirely by `seed` (any integer). */
export function createRng(seed: number): Rng {
  let state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rounds to `digits` significant digits, so sampled learning rates read well (0.000734, not 0.00073459123). */
export function roundSignificant(value: number, digits = 6): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(digits));
}
