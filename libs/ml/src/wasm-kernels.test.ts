import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from './backend.js';
import { convBlock, convBlockGrads } from './conv-block.js';
import { mulberry32 } from './rng.js';

// Every kernel supplied for wasm is compared with tfjs's pure-JS cpu backend, forward and
// through gradients, on several shapes.

function rand(n: number, seed: number, ints = false): Float32Array {
  const r = mulberry32(seed);
  // Small integers create exact ties (max-pool) the way saturated MNIST pixels do.
  return Float32Array.from({ length: n }, () => (ints ? Math.floor(r() * 4) - 1 : r() * 2 - 1));
}

type Inputs = Record<string, { values: Float32Array; shape: number[] }>;

/** Runs `f` on wasm and on cpu with the same inputs, returns both outputs as flat arrays. */
async function onBoth(inputs: Inputs, f: (t: Record<string, tf.Tensor>) => tf.Tensor | tf.Tensor[]): Promise<{ wasm: Float32Array[]; cpu: Float32Array[]; shapes: number[][] }> {
  const run = async (backend: 'wasm' | 'cpu') => {
    await initBackend(backend);
    return tf.tidy(() => {
      const t = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, tf.tensor(v.values, v.shape, 'float32')]));
      const out = f(t);
      return (Array.isArray(out) ? out : [out]).map((o) => ({ values: o.dataSync() as Float32Array, shape: o.shape }));
    });
  };
  const w = await run('wasm');
  const c = await run('cpu');
  await initBackend('wasm');
  return { wasm: w.map((o) => o.values), cpu: c.map((o) => o.values), shapes: w.map((o) => o.shape) };
}

function assertClose(actual: Float32Array, expected: Float32Array, label: string, tol = 1e-4): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const err = Math.abs(actual[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!));
    if (!(err <= worst)) worst = err;
  }
  assert.ok(worst <= tol, `${label}: max relative error ${worst} > ${tol}`);
}

before(async () => {
  await initBackend('wasm');
});

describe('BatchMatMul (wasm) matches cpu for every transpose combination', () => {
  const cases: { a: number[]; b: number[] }[] = [
    { a: [5, 7], b: [7, 3] },
    { a: [64, 6], b: [6, 300] }, // big right operand: the swapped path
    { a: [2, 300], b: [300, 4] },
    { a: [3, 4, 6], b: [3, 6, 5] }, // batched
  ];
  for (const [i, c] of cases.entries()) {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      test(`${c.a.join('×')} · ${c.b.join('×')} transposeA=${ta} transposeB=${tb}`, async () => {
        const swap = (s: number[], t: boolean) => (t ? [...s.slice(0, -2), s[s.length - 1]!, s[s.length - 2]!] : s);
        const aShape = swap(c.a, ta);
        const bShape = swap(c.b, tb);
        const size = (s: number[]) => s.reduce((x, y) => x * y, 1);
        const r = await onBoth({ a: { values: rand(size(aShape), i * 10 + 1), shape: aShape }, b: { values: rand(size(bShape), i * 10 + 2), shape: bShape } }, (t) =>
          tf.matMul(t['a']!, t['b']!, ta, tb),
        );
        assertClose(r.wasm[0]!, r.cpu[0]!, 'matMul');
      });
    }
  }
  test('gradients of a dense layer', async () => {
    const r = await onBoth({ x: { values: rand(8 * 40, 3), shape: [8, 40] }, w: { values: rand(40 * 16, 4), shape: [40, 16] } }, (t) => {
      const g = tf.grads((x: tf.Tensor, w: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, w))));
      return g([t['x']!, t['w']!]);
    });
    assertClose(r.wasm[0]!, r.cpu[0]!, 'dx');
    assertClose(r.wasm[1]!, r.cpu[1]!, 'dW');
  });
});

describe('Conv2DBackpropFilter (wasm) matches cpu', () => {
  const cases = [
    { x: [2, 7, 7, 1], f: [3, 3, 1, 4], stride: 1, pad: 'valid' as const },
    { x: [3, 8, 9, 3], f: [3, 3, 3, 5], stride: 2, pad: 'same' as const },
    { x: [1, 6, 6, 2], f: [2, 2, 2, 3], stride: 1, pad: 'valid' as const },
    { x: [4, 28, 28, 1], f: [3, 3, 1, 8], stride: 1, pad: 'valid' as const },
  ];
  for (const [i, c] of cases.entries()) {
    test(`x ${c.x.join('×')} filter ${c.f.join('×')} stride ${c.stride} ${c.pad}`, async () => {
      const size = (s: number[]) => s.reduce((x, y) => x * y, 1);
      const r = await onBoth({ x: { values: rand(size(c.x), 20 + i), shape: c.x }, w: { values: rand(size(c.f), 30 + i), shape: c.f } }, (t) => {
        const y = tf.conv2d(t['x'] as tf.Tensor4D, t['w'] as tf.Tensor4D, c.stride, c.pad);
        const dy = tf.tensor(rand(y.size, 40 + i), y.shape);
        const direct = tf.engine().runKernel<tf.Tensor>('Conv2DBackpropFilter', { x: t['x']!, dy }, {
          strides: [c.stride, c.stride],
          pad: c.pad,
          dataFormat: 'NHWC',
          filterShape: c.f,
        });
        const viaGrad = tf.grad((w: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(t['x'] as tf.Tensor4D, w as tf.Tensor4D, c.stride, c.pad), dy)))(t['w']!);
        return [y, direct, viaGrad];
      });
      assertClose(r.wasm[0]!, r.cpu[0]!, 'forward');
      assertClose(r.wasm[1]!, r.cpu[1]!, 'kernel');
      assertClose(r.wasm[2]!, r.cpu[2]!, 'gradient');
    });
  }
});

describe('MaxPoolGrad (wasm) matches cpu, ties included', () => {
  const cases = [
    { x: [2, 6, 6, 3], pool: 2, stride: 2, pad: 'valid' as const },
    { x: [1, 7, 7, 2], pool: 3, stride: 2, pad: 'same' as const },
    { x: [3, 26, 26, 4], pool: 2, stride: 2, pad: 'valid' as const },
  ];
  for (const [i, c] of cases.entries()) {
    test(`x ${c.x.join('×')} pool ${c.pool} stride ${c.stride} ${c.pad}`, async () => {
      const size = c.x.reduce((x, y) => x * y, 1);
      const r = await onBoth({ x: { values: rand(size, 50 + i, true), shape: c.x } }, (t) => {
        const f = (x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, c.pool, c.stride, c.pad);
        const y = f(t['x']!);
        const dy = tf.tensor(rand(y.size, 60 + i), y.shape);
        return [y, tf.grad((x: tf.Tensor) => tf.sum(tf.mul(f(x), dy)))(t['x']!)];
      });
      assertClose(r.wasm[0]!, r.cpu[0]!, 'forward');
      assertClose(r.wasm[1]!, r.cpu[1]!, 'gradient');
    });
  }
});

describe('Sum (wasm) matches cpu', () => {
  const shape = [4, 5, 6, 7];
  for (const [axis, keepDims] of [[[0, 1, 2], false], [[0], true], [[2, 0, 1], false], [[3], false], [[1, 2], false], [undefined, false]] as const) {
    test(`axis ${JSON.stringify(axis)} keepDims ${keepDims}`, async () => {
      const r = await onBoth({ x: { values: rand(4 * 5 * 6 * 7, 70), shape } }, (t) => tf.sum(t['x']!, axis as number[] | undefined, keepDims));
      assertClose(r.wasm[0]!, r.cpu[0]!, 'sum');
      assert.deepEqual(r.shapes[0], tf.tidy(() => tf.sum(tf.zeros(shape), axis as number[] | undefined, keepDims).shape));
    });
  }
  test('bias gradient of conv + bias', async () => {
    const r = await onBoth({ x: { values: rand(3 * 9 * 9 * 4, 71), shape: [3, 9, 9, 4] }, b: { values: rand(4, 72), shape: [4] } }, (t) =>
      tf.grad((b: tf.Tensor) => tf.sum(tf.square(tf.add(t['x']!, b))))(t['b']!),
    );
    assertClose(r.wasm[0]!, r.cpu[0]!, 'bias grad');
  });
});

describe('fused conv block', () => {
  for (const [i, c] of [
    { batch: 3, filters: 5, pool: 2, masked: false },
    { batch: 2, filters: 8, pool: 2, masked: true },
    { batch: 2, filters: 4, pool: 3, masked: true },
  ].entries()) {
    test(`matches the unfused ops (cpu reference) — ${JSON.stringify(c)}`, async () => {
      const xShape = [c.batch, 12, 12, 1];
      const wShape = [3, 3, 1, c.filters];
      const pooled = Math.floor(10 / c.pool);
      const maskValues = c.masked ? Float32Array.from(rand(c.batch * pooled * pooled * c.filters, 80 + i), (v) => (v > -0.5 ? 1 / 0.75 : 0)) : undefined;
      const inputs: Inputs = {
        // Image-like data with saturated pixels, so max-pool windows have exact ties.
        x: { values: Float32Array.from(rand(c.batch * 144, 81 + i), (v) => Math.max(0, Math.min(1, v * 2))), shape: xShape },
        w: { values: rand(9 * c.filters, 82 + i), shape: wShape },
        b: { values: rand(c.filters, 83 + i), shape: [c.filters] },
      };
      const dyValues = rand(c.batch * pooled * pooled * c.filters, 84 + i);
      const loss = (y: tf.Tensor) => tf.sum(tf.mul(y, tf.tensor(dyValues, y.shape)));
      const plain = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => {
        const z = tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid'), b)) as tf.Tensor4D;
        const p = tf.maxPool(z, c.pool, c.pool, 'valid');
        return maskValues === undefined ? p : tf.mul(p, tf.tensor(maskValues, p.shape));
      };
      const fused = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => convBlock(x as tf.Tensor4D, w as tf.Tensor4D, b as tf.Tensor1D, c.pool, maskValues);
      const grads = (f: typeof plain) => (t: Record<string, tf.Tensor>) => {
        const [gw, gb] = tf.grads((w: tf.Tensor, b: tf.Tensor) => loss(f(t['x']!, w, b)))([t['w']!, t['b']!]);
        return [f(t['x']!, t['w']!, t['b']!), gw!, gb!];
      };
      const ref = await onBoth(inputs, grads(plain));
      const got = await onBoth(inputs, grads(fused));
      for (const [j, name] of ['forward', 'dW', 'db'].entries()) {
        assertClose(got.wasm[j]!, ref.cpu[j]!, `wasm fused ${name}`);
        assertClose(got.cpu[j]!, ref.cpu[j]!, `cpu fused ${name}`);
      }
    });
  }
  test('convBlockGrads skips windows whose maximum is not positive', () => {
    const s = { batch: 1, inH: 4, inW: 4, inC: 1, k: 3, filters: 1, pool: 2 };
    const g = convBlockGrads(new Float32Array(16).fill(1), new Float32Array(4).fill(0), new Float32Array(1).fill(1), undefined, s);
    assert.deepEqual([...g.db], [0]);
    assert.ok(g.dW.every((v) => v === 0));
  });
});
