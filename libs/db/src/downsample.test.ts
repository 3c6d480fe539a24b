import { test } from 'node:test';
import assert from 'node:assert/strict';
import { downsampleLttb, type MetricPoint } from './downsample.js';

const series = (n: number, f: (i: number) => number): MetricPoint[] => Array.from({ length: n }, (_, i) => ({ step: i, value: f(i) }));

test('short series are returned unchanged (as a copy)', () => {
  const s = series(5, (i) => i * 2);
  const out = downsampleLttb(s, 10);
  assert.deepEqual(out, s);
  assert.notEqual(out, s);
});

test('keeps first and last, bounds the count, and stays in step order', () => {
  for (const [n, max] of [[1000, 50], [101, 3], [10, 9], [7, 2], [7, 1], [12345, 200]] as const) {
    const s = series(n, (i) => Math.sin(i / 10) + i / n);
    const out = downsampleLttb(s, max);
    assert.equal(out.length, Math.max(2, max), `n=${n} max=${max}`);
    assert.deepEqual(out[0], s[0]);
    assert.deepEqual(out.at(-1), s.at(-1));
    for (let i = 1; i < out.length; i++) assert.ok(out[i]!.step > out[i - 1]!.step, 'strictly increasing steps');
    for (const p of out) assert.equal(p.value, s[p.step]!.value, 'every output point is a real sample');
  }
});

test('a single spike survives downsampling', () => {
  const s = series(1000, (i) => (i === 437 ? 100 : 0));
  const out = downsampleLttb(s, 20);
  assert.ok(out.some((p) => p.step === 437 && p.value === 100));
});

test('non-finite values do not break selection', () => {
  const s = series(100, (i) => (i === 50 ? Number.NaN : i));
  const out = downsampleLttb(s, 10);
  assert.equal(out.length, 10);
});
