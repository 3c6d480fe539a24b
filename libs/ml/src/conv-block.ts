/**
 * The first block of every model in the family, conv2d(relu) → maxPool → [dropout], as one
 * op with a hand-written gradient.
 *
 * Why: through the generic ops, the backward pass of this block walks the full-size
 * [batch, 26, 26, filters] activation six times (relu step, cast, multiply, max-pool
 * gradient, bias sum, filter gradient) and was most of a training step on wasm. Here one
 * pass over the pooled gradient finds each window's arg-max, and only those positions (at
 * most a quarter, fewer after dropout and relu) contribute to the filter and bias gradients.
 * It is only used where the block's input is the data batch, so no input gradient is needed.
 */
import * as tf from '@tensorflow/tfjs';

interface TensorData {
  memoryOffset: number;
}

/** A read-only Float32Array view of a float32 tensor: zero-copy on wasm, a copy elsewhere. */
function valuesOf(t: tf.Tensor): Float32Array {
  const backend = tf.backend() as unknown as { wasm?: { HEAPF32: Float32Array }; dataIdMap: { get(id: object): TensorData | undefined } };
  if (tf.getBackend() === 'wasm' && backend.wasm !== undefined) {
    const data = backend.dataIdMap.get(t.dataId);
    if (data !== undefined) return new Float32Array(backend.wasm.HEAPF32.buffer, data.memoryOffset, t.size);
  }
  return t.dataSync() as Float32Array;
}

export interface ConvBlockShape {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  k: number;
  filters: number;
  pool: number;
}

/**
 * Filter and bias gradients of relu(conv(x, W) + b) → maxPool(pool) → ×mask, given the
 * relu output `z` and the gradient `dy` of the (masked) pooled output.
 */
export function convBlockGrads(
  x: Float32Array,
  z: Float32Array,
  dy: Float32Array,
  mask: Float32Array | undefined,
  s: ConvBlockShape,
): { dW: Float32Array; db: Float32Array } {
  const { batch, inH, inW, inC, k, filters: C, pool } = s;
  const zH = inH - k + 1;
  const zW = inW - k + 1;
  const pH = Math.floor(zH / pool);
  const pW = Math.floor(zW / pool);
  const taps = k * k * inC;
  const windows = pool * pool;
  const dW = new Float64Array(taps * C);
  const db = new Float64Array(C);
  const best = new Float32Array(C);
  const where = new Int32Array(C);
  // patches[w * taps + t]: input values under the filter when it sits at window position w.
  const patches = new Float64Array(windows * taps);
  const rowStride = zW * C;
  for (let b = 0; b < batch; b++) {
    const xb = b * inH * inW * inC;
    const zb = b * zH * zW * C;
    for (let oh = 0; oh < pH; oh++) {
      for (let ow = 0; ow < pW; ow++) {
        const g0 = ((b * pH + oh) * pW + ow) * C;
        const z0 = zb + (oh * pool * zW + ow * pool) * C;
        // Arg-max per channel; ties go to the first in row-major order, like MaxPoolGrad.
        if (pool === 2) {
          // The common case, unrolled (about a third faster than the general loop).
          const z1 = z0 + C;
          const z2 = z0 + rowStride;
          const z3 = z2 + C;
          for (let c = 0; c < C; c++) {
            let m = z[z0 + c]!;
            let at = 0;
            let v = z[z1 + c]!;
            if (v > m) {
              m = v;
              at = 1;
            }
            v = z[z2 + c]!;
            if (v > m) {
              m = v;
              at = 2;
            }
            v = z[z3 + c]!;
            if (v > m) {
              m = v;
              at = 3;
            }
            best[c] = m;
            where[c] = at;
          }
        } else {
          best.fill(-Infinity);
          for (let i = 0; i < pool; i++) {
            for (let j = 0; j < pool; j++) {
              const zp = z0 + i * rowStride + j * C;
              for (let c = 0; c < C; c++) {
                const v = z[zp + c]!;
                if (v > best[c]!) {
                  best[c] = v;
                  where[c] = i * pool + j;
                }
              }
            }
          }
        }
        let t = 0;
        for (let i = 0; i < pool; i++) {
          for (let j = 0; j < pool; j++) {
            for (let fh = 0; fh < k; fh++) {
              const xr = xb + ((oh * pool + i + fh) * inW + ow * pool + j) * inC;
              for (let q = 0; q < k * inC; q++) patches[t++] = x[xr + q]!;
            }
          }
        }
        for (let c = 0; c < C; c++) {
          // relu output 0 ⇔ pre-activation ≤ 0 ⇔ zero gradient (tfjs uses step(x) = x > 0).
          if (!(best[c]! > 0)) continue;
          const g = mask === undefined ? dy[g0 + c]! : dy[g0 + c]! * mask[g0 + c]!;
          if (g === 0) continue;
          db[c]! += g;
          const p = where[c]! * taps;
          for (let q = 0; q < taps; q++) dW[q * C + c]! += g * patches[p + q]!;
        }
      }
    }
  }
  return { dW: Float32Array.from(dW), db: Float32Array.from(db) };
}

/**
 * relu(conv2d(x, w) + b) → maxPool → optional dropout mask (inverted-dropout values), with
 * the gradient above. `x` must be data (its gradient is reported as zeros).
 */
export function convBlock(x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D, pool: number, mask?: Float32Array): tf.Tensor4D {
  // customGrad's save() copies what it saves; the relu output is the largest tensor of the
  // step, so it is kept by reference instead and released by the gradient.
  const state = (tf.engine() as unknown as { state: { gradientDepth: number; kernelDepth: number } }).state;
  const recording = state.gradientDepth > 0 && state.kernelDepth === 0;
  let kept: tf.Tensor4D | undefined;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xIn, wIn, bIn] = args as [tf.Tensor4D, tf.Tensor4D, tf.Tensor1D];
    const xt = xIn;
    // The kernel directly: tf.fused.conv2d un-fuses itself while gradients are being recorded.
    const z = tf.engine().runKernel<tf.Tensor4D>('FusedConv2D', { x: xt, filter: wIn, bias: bIn }, {
      strides: [1, 1],
      pad: 'valid',
      dataFormat: 'NHWC',
      dilations: [1, 1],
      activation: 'relu',
    });
    const pooled = tf.maxPool(z, pool, pool, 'valid');
    const value = mask === undefined ? pooled : tf.mul(pooled, tf.tensor(mask, pooled.shape, 'float32'));
    if (recording) kept = tf.keep(z);
    return {
      value,
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
        const zs = kept;
        if (zs === undefined) throw new Error('convBlock: gradient requested outside a gradient scope');
        kept = undefined;
        const [batch, inH, inW, inC] = xt.shape;
        const [k, , , filters] = wIn.shape;
        const grads = convBlockGrads(valuesOf(xt), valuesOf(zs), valuesOf(dy as tf.Tensor), mask, { batch, inH, inW, inC, k, filters, pool });
        zs.dispose();
        return [tf.zerosLike(xt), tf.tensor4d(grads.dW, [k, k, inC, filters]), tf.tensor1d(grads.db)];
      },
    };
  });
  return op(x, w, b) as tf.Tensor4D;
}
