/**
 * The seeded PRNG every process uses (mulberry32): a seed is part of a trial's contract, so the
 * scheduler's RANDOM sampling and the engine's shuffles and dropout masks draw the same numbers
 * on every machine. Streams derive from (seed, purpose, epoch, batch), which also means a
 * resumed run needs no saved generator state.
 */
export type Rng = () => number;

/** The generator's state increment (mulberry32, Tommy Ettinger's 32-bit generator). */
const MULBERRY_STEP = 0x6d2b79f5;

/** mulberry32's output function: the 32-bit draw (unsigned) for state `a`. */
function mulberry32Draw(a: number): number {
  let t = a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/** A stream of uniform numbers in [0, 1) (multiples of 2⁻³²) from `seed` (taken as 32 bits). */
export function mulberry32(seed: number): Rng {
  let a = seed | 0;
  return () => {
    a = (a + MULBERRY_STEP) | 0;
    return mulberry32Draw(a) / 4294967296;
  };
}

/**
 * `n` values, each `value` where the matching draw of `mulberry32(seed)` is ≥ `rate`, else 0:
 * exactly `Float32Array.from({ length: n }, () => (rng() >= rate ? value : 0))` with
 * `rng = mulberry32(seed)`, about twice as fast (integer threshold ⌈rate·2³²⌉, no call per
 * draw). Used for inverted-dropout masks (`value` = 1/(1−rate)); `rate` in [0, 1].
 */
export function bernoulliMask(n: number, rate: number, value: number, seed: number): Float32Array {
  const threshold = Math.ceil(rate * 4294967296);
  const mask = new Float32Array(n);
  let a = seed | 0;
  for (let i = 0; i < n; i++) {
    a = (a + MULBERRY_STEP) | 0;
    mask[i] = mulberry32Draw(a) >= threshold ? value : 0;
  }
  return mask;
}

/** Mixes several integers into one 32-bit seed (splitmix-style avalanche). */
export function deriveSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Fisher-Yates permutation of 0..n-1. */
export function permutation(n: number, rng: Rng): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}
