/**
 * The seeded PRNG (mulberry32, from @trialgrid/contracts) for RANDOM search, so a seed expands to the
 * same trials on every machine and every run.
 */
import { mulberry32, type Rng } from '@trialgrid/contracts';

export type { Rng };

/** Uniform numbers in [0, 1) determined entirely by `seed` (any integer). */
export function createRng(seed: number): Rng {
  return mulberry32((Math.trunc(seed) ^ 0x9e3779b9) >>> 0);
}

/** Rounds to `digits` significant digits, so sampled learning rates read well (0.000734, not 0.00073459123). */
export function roundSignificant(value: number, digits = 6): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(digits));
}
