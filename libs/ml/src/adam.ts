/**
 * Adam as Keras/TensorFlow define it (epsilon outside the bias-corrected square root):
 *   m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,
 *   θ ← θ − lr·√(1−β2ᵗ)/(1−β1ᵗ) · m / (√v + ε).
 *
 * Why not tf.train.adam: its update is a chain of nine element-wise tensor ops (plus a
 * copy) per variable, each a full pass over the 1.4M-weight dense kernel; this is one pass.
 * Moments live in plain Float32Arrays, which also makes the checkpoint format simple.
 */
import * as tf from '@tensorflow/tfjs';

interface TensorData {
  memoryOffset: number;
}

/** Float32 values of a tensor: a zero-copy view of the wasm heap on wasm, a copy elsewhere. */
export function readValues(t: tf.Tensor): Float32Array {
  if (tf.getBackend() === 'wasm') {
    const backend = tf.backend() as unknown as { wasm: { HEAPF32: Float32Array }; dataIdMap: { get(id: object): TensorData | undefined } };
    const data = backend.dataIdMap.get(t.dataId);
    if (data !== undefined) return new Float32Array(backend.wasm.HEAPF32.buffer, data.memoryOffset, t.size);
  }
  return t.dataSync() as Float32Array;
}

export interface AdamState {
  iterations: number;
  m: Float32Array[];
  v: Float32Array[];
}

export class Adam {
  private iterations = 0;
  private m: Float32Array[] = [];
  private v: Float32Array[] = [];

  constructor(
    readonly learningRate: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-7,
  ) {}

  /** Applies one update; `grads[i]` belongs to `vars[i]`. Does not dispose the gradients. */
  apply(vars: readonly tf.Variable[], grads: readonly tf.Tensor[]): void {
    this.iterations++;
    const t = this.iterations;
    const lrT = (this.learningRate * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
    const { beta1: b1, beta2: b2, epsilon: eps } = this;
    vars.forEach((variable, i) => {
      const n = variable.size;
      const m = (this.m[i] ??= new Float32Array(n));
      const v = (this.v[i] ??= new Float32Array(n));
      const g = readValues(grads[i]!);
      const p = readValues(variable);
      const next = new Float32Array(n);
      for (let j = 0; j < n; j++) {
        const gj = g[j]!;
        const mj = b1 * m[j]! + (1 - b1) * gj;
        const vj = b2 * v[j]! + (1 - b2) * gj * gj;
        m[j] = mj;
        v[j] = vj;
        next[j] = p[j]! - (lrT * mj) / (Math.sqrt(vj) + eps);
      }
      // A fresh tensor rather than an in-place write: the wasm backend caches packed
      // weights per tensor, so a tensor's contents must never change under it.
      const updated = tf.tensor(next, variable.shape, 'float32');
      variable.assign(updated);
      updated.dispose();
    });
  }

  getState(): AdamState {
    return { iterations: this.iterations, m: this.m, v: this.v };
  }

  setState(state: AdamState): void {
    this.iterations = state.iterations;
    this.m = state.m;
    this.v = state.v;
  }
}
