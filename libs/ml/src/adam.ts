/**
 * Adam as Keras/TensorFlow define it (epsilon outside the bias-corrected square root):
 *   m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,
 *   θ ← θ − lr·√(1−β2ᵗ)/(1−β1ᵗ) · m / (√v + ε).
 *
 * Why not tf.train.adam: its update is a chain of nine element-wise tensor ops (plus a
 * copy) per variable, each a full pass over the 1.4M-weight dense kernel; this is one pass.
 * Moments live in plain Float32Arrays, which also makes the checkpoint format simple.
 * SGD with momentum (below) keeps its velocity the same way.
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

/** The optimizers of the generic (tape) step: one update per batch over plain-array state. */
export interface Optimizer {
  /** The learning rate of the next apply() (a schedule sets it before each step). */
  learningRate: number;
  /** Applies one update; `grads[i]` belongs to `vars[i]`. Does not dispose the gradients. */
  apply(vars: readonly tf.Variable[], grads: readonly tf.Tensor[]): void;
  getState(): AdamState;
  setState(state: AdamState): void;
}

/**
 * Adam, and AdamW when `weightDecay` > 0: the decoupled decay θ ← θ − lr·wd·θ is applied before
 * the Adam update (Loshchilov & Hutter 2019; Keras 3's `weight_decay`, PyTorch's AdamW), to
 * every trained variable.
 */
export class Adam implements Optimizer {
  private iterations = 0;
  private m: Float32Array[] = [];
  private v: Float32Array[] = [];

  constructor(
    public learningRate: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-7,
    readonly weightDecay = 0,
  ) {}

  /** Applies one update; `grads[i]` belongs to `vars[i]`. Does not dispose the gradients. */
  apply(vars: readonly tf.Variable[], grads: readonly tf.Tensor[]): void {
    this.iterations++;
    const t = this.iterations;
    const lrT = (this.learningRate * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
    const keep = 1 - this.learningRate * this.weightDecay;
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
        next[j] = p[j]! * keep - (lrT * mj) / (Math.sqrt(vj) + eps);
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

/**
 * SGD with momentum as Keras defines it (nesterov off): v ← μ·v − lr·g;  θ ← θ·(1 − lr·wd) + v.
 * The velocity is kept in the state's `m` (checkpoint layout of AdamState; `v` stays empty).
 */
export class SgdMomentum implements Optimizer {
  private iterations = 0;
  private velocity: Float32Array[] = [];

  constructor(
    public learningRate: number,
    readonly momentum = 0.9,
    readonly weightDecay = 0,
  ) {}

  apply(vars: readonly tf.Variable[], grads: readonly tf.Tensor[]): void {
    this.iterations++;
    const lr = this.learningRate;
    const mu = this.momentum;
    const keep = 1 - lr * this.weightDecay;
    vars.forEach((variable, i) => {
      const n = variable.size;
      const vel = (this.velocity[i] ??= new Float32Array(n));
      const g = readValues(grads[i]!);
      const p = readValues(variable);
      const next = new Float32Array(n);
      for (let j = 0; j < n; j++) {
        const vj = mu * vel[j]! - lr * g[j]!;
        vel[j] = vj;
        next[j] = p[j]! * keep + vj;
      }
      const updated = tf.tensor(next, variable.shape, 'float32');
      variable.assign(updated);
      updated.dispose();
    });
  }

  getState(): AdamState {
    return { iterations: this.iterations, m: this.velocity, v: [] };
  }

  setState(state: AdamState): void {
    this.iterations = state.iterations;
    this.velocity = state.m;
  }
}
