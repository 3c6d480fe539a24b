import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bernoulliMask, mulberry32 } from './rng.js';

test('mulberry32 draws the published sequence (values × 2³², computed with the reference implementation)', () => {
  const draws = (seed: number): number[] => {
    const rng = mulberry32(seed);
    return [rng(), rng(), rng()].map((x) => x * 4294967296);
  };
  assert.deepEqual(draws(0), [1144304738, 1416247, 958946056]);
  assert.deepEqual(draws(42), [2581720956, 1925393290, 3661312704]);
  // Seeds are taken as 32 bits: 2³²−1 and −1 are the same seed; negative seeds are valid.
  assert.deepEqual(draws(0xffffffff), [3850105811, 813802916, 3073704848]);
  assert.deepEqual(draws(-1), draws(0xffffffff));
  assert.deepEqual(draws(-7), [1860010037, 1397564179, 2337619704]);
});

test('bernoulliMask equals the mask drawn one value at a time from mulberry32', () => {
  for (const [n, rate, seed] of [
    [10_000, 0.25, 1],
    [10_000, 0.5, 0xdeadbeef],
    [4_097, 0.1, -3],
    [1_000, 0, 9],
    [1_000, 1, 9],
  ] as const) {
    const value = rate < 1 ? 1 / (1 - rate) : 0;
    const rng = mulberry32(seed);
    const expected = Float32Array.from({ length: n }, () => (rng() >= rate ? value : 0));
    assert.deepEqual(bernoulliMask(n, rate, value, seed), expected, `n=${n} rate=${rate} seed=${seed}`);
  }
  const kept = bernoulliMask(100_000, 0.25, 1, 5).reduce((a, b) => a + b, 0) / 100_000;
  assert.ok(Math.abs(kept - 0.75) < 0.01, `keep fraction ${kept}`);
});
