/**
 * The training step on the native TensorFlow backend (`@tensorflow/tfjs-node`), written as an
 * explicit forward and backward pass over TensorFlow kernels called one by one.
 *
 * Why not tfjs ops + `tf.variableGrads` as on wasm: profiled on the enhanced model (batch 128,
 * 2 cores), the generic path spent most of a step outside the math. tfjs-core's gradient of
 * `relu` is `dy · step(x)`, and tfjs-node implements `step` as seven ops that build two
 * full-size constant tensors in JavaScript; the gradient of a sum builds a `ones` tensor in
 * JavaScript too; seeded dropout masks (1.4M values per batch) were drawn in JavaScript; and
 * Adam ran as a JavaScript loop over copies of the 1.4M-weight kernel. Each of those ran on
 * the main thread while TensorFlow's thread pool waited. Here every step is a fixed list of
 * TensorFlow kernels (`Conv2D`, `MaxPoolGrad`, `ReluGrad`, `BiasAddGrad`, `MatMul` with
 * transposes, `SparseSoftmaxCrossEntropyWithLogits`, stateless Philox dropout masks) plus a
 * twelve-kernel Adam, all multi-threaded by TensorFlow, with no tape and no host copy except
 * the loss and accuracy scalars the caller asks for.
 *
 * Semantics are those of the generic path (Keras Sequential; Adam as in adam.ts; inverted
 * dropout; mean categorical cross-entropy), checked against it op by op in
 * native-step.test.ts. The dropout masks come from TensorFlow's stateless uniform generator
 * (Philox, keyed by the same per-batch seed), so a seed reproduces a run exactly on this
 * backend, while the masks, hence the trained weights, differ from the wasm/cpu backends'.
 */
import * as tf from '@tensorflow/tfjs';
import { AppError } from '@trialgrid/errors';
import { deriveSeed } from './rng.js';
import { layerShapes } from './spec.js';
import { resolveTrainOptions } from '@trialgrid/contracts';
import type { LayerSpec, ModelSpec, TrainParams } from './types.js';

/** The part of tfjs-node's NodeJSKernelBackend used here (tfjs-node 4.x). */
interface NodeBackend {
  binding: NodeBinding;
  getInputTensorIds(inputs: tf.Tensor[]): number[];
  executeSingleOutput(name: string, attrs: OpAttr[], inputs: tf.Tensor[]): tf.Tensor;
  executeMultipleOutputs(name: string, attrs: OpAttr[], inputs: tf.Tensor[], numOutputs: number): tf.Tensor[];
}

/** tfjs-node's N-API binding: TFE_Execute plus the TF_* enum values it exports. */
interface NodeBinding {
  executeOp(name: string, attrs: OpAttr[], inputIds: number[], numOutputs: number): unknown;
  [constant: string]: unknown;
}

interface OpAttr {
  name: string;
  type: number;
  value: number | number[] | string | boolean;
}

/**
 * Why `spec` (trained with `params`, when given) cannot use the native step, or undefined
 * when it can. The native step implements stride-1 'valid' convolutions, non-overlapping
 * 'valid' max-pooling, dropout, flatten and dense layers, and Adam without weight decay;
 * anything else trains through the generic tape step (step-runner.ts) on this backend.
 */
export function nativeStepUnsupported(spec: ModelSpec, params?: TrainParams): string | undefined {
  if (params !== undefined) {
    const o = resolveTrainOptions(params);
    if (o.optimizer !== 'adam') return `optimizer ${o.optimizer} (the native step applies Adam only)`;
    if (o.weightDecay > 0) return 'weight decay (the native step applies Adam without decay)';
  }
  const last = spec.layers.length - 1;
  for (const [i, layer] of spec.layers.entries()) {
    if (layer.type === 'dense' && layer.activation === 'softmax' && i !== last) return `dense layer ${i} has a softmax activation before the output`;
    if (layer.type === 'conv2d' && ((layer.strides ?? 1) !== 1 || (layer.padding ?? 'valid') !== 'valid')) return `conv2d layer ${i} has strides or 'same' padding`;
    if (layer.type === 'maxPooling2d' && ((layer.strides ?? layer.poolSize) !== layer.poolSize || (layer.padding ?? 'valid') !== 'valid')) {
      return `maxPooling2d layer ${i} has overlapping windows or 'same' padding`;
    }
    if (layer.type === 'batchNormalization' || layer.type === 'averagePooling2d' || layer.type === 'globalAveragePooling2d' || layer.type === 'activation') {
      return `layer ${i} is ${layer.type}`;
    }
  }
  if (spec.layers[last]?.type !== 'dense') return 'the last layer is not dense';
  return undefined;
}

/** Whether the oneDNN kernels answered (probed once per process; see Kernels.onednn). */
let onednnAvailable: boolean | undefined;

/** Kernel-level helpers bound to the active tfjs-node backend. */
class Kernels {
  private readonly be: NodeBackend;
  private readonly T: OpAttr;
  readonly nhwc: OpAttr;

  constructor() {
    if (tf.getBackend() !== 'tensorflow') throw new AppError('UNAVAILABLE', `the native training step needs the tensorflow backend, not ${tf.getBackend()}`);
    this.be = tf.backend() as unknown as NodeBackend;
    this.T = this.type('T', 'TF_FLOAT');
    this.nhwc = this.str('data_format', 'NHWC');
    this.onednn = (onednnAvailable ??= this.probeOneDnn());
  }

  private constant(name: string): number {
    const value = this.be.binding[name];
    if (typeof value !== 'number') throw new AppError('UNAVAILABLE', `tfjs-node binding lacks ${name}`);
    return value;
  }
  type(name: string, tfType: 'TF_FLOAT' | 'TF_INT32'): OpAttr {
    return { name, type: this.constant('TF_ATTR_TYPE'), value: this.constant(tfType) };
  }
  ints(name: string, value: number[]): OpAttr {
    return { name, type: this.constant('TF_ATTR_INT'), value };
  }
  str(name: string, value: string): OpAttr {
    return { name, type: this.constant('TF_ATTR_STRING'), value };
  }
  bool(name: string, value: boolean): OpAttr {
    return { name, type: this.constant('TF_ATTR_BOOL'), value };
  }
  shape(name: string, value: number[]): OpAttr {
    return { name, type: this.constant('TF_ATTR_SHAPE'), value };
  }

  /** A float32 kernel (attribute T = float) with one output. */
  f(name: string, inputs: tf.Tensor[], attrs: OpAttr[] = []): tf.Tensor {
    return this.be.executeSingleOutput(name, [this.T, ...attrs], inputs);
  }
  /** A kernel with one output and exactly the given attributes. */
  op(name: string, inputs: tf.Tensor[], attrs: OpAttr[]): tf.Tensor {
    return this.be.executeSingleOutput(name, attrs, inputs);
  }
  multi(name: string, inputs: tf.Tensor[], attrs: OpAttr[], n: number): tf.Tensor[] {
    return this.be.executeMultipleOutputs(name, [this.T, ...attrs], inputs, n);
  }
  /** A kernel with no outputs. */
  run(name: string, inputs: tf.Tensor[], attrs: OpAttr[]): void {
    this.be.binding.executeOp(name, attrs, this.be.getInputTensorIds(inputs), 0);
  }

  /**
   * Whether TensorFlow's oneDNN kernels (`_MklNativeConv2D`, `_MklMatMul`, …) can be called.
   * The x86-64 wheels register them (TensorFlow ≥ 2.9 uses oneDNN on x86 by default) but eager
   * execution only picks them when asked by name, with the `_kernel` label their registration
   * carries. Measured on the enhanced model's shapes (batch 128, 2 cores): MaxPool+MaxPoolGrad
   * 60 → 14 ms of CPU, Conv2D 15 → 7, Conv2DBackpropFilter 16 → 12, MatMul 20 → 12-15;
   * results equal the Eigen kernels' to float rounding (engine.test.ts checks the gradients).
   */
  readonly onednn: boolean;

  private probeOneDnn(): boolean {
    if (process.env['TRIALGRID_ONEDNN'] === '0') return false;
    try {
      tf.tidy(() => this.conv2d(tf.ones([1, 3, 3, 1]), tf.ones([2, 2, 1, 1]), true).dataSync());
      return true;
    } catch {
      return false;
    }
  }

  private label(): OpAttr[] {
    return [this.str('_kernel', 'MklNameChangeOp')];
  }
  private convAttrs(): OpAttr[] {
    return [this.ints('strides', [1, 1, 1, 1]), this.str('padding', 'VALID'), this.nhwc, this.ints('dilations', [1, 1, 1, 1]), this.bool('use_cudnn_on_gpu', true), this.ints('explicit_paddings', [])];
  }
  private poolAttrs(size: number): OpAttr[] {
    return [this.ints('ksize', [1, size, size, 1]), this.ints('strides', [1, size, size, 1]), this.str('padding', 'VALID'), this.nhwc];
  }
  /** 'VALID' stride-1 convolution, NHWC. */
  conv2d(x: tf.Tensor, filter: tf.Tensor, onednn = this.onednn): tf.Tensor {
    return onednn ? this.f('_MklNativeConv2D', [x, filter], [...this.convAttrs(), ...this.label()]) : this.f('Conv2D', [x, filter], this.convAttrs());
  }
  conv2dFilterGrad(x: tf.Tensor, filterShape: number[], dy: tf.Tensor): tf.Tensor {
    const inputs = [x, tf.tensor1d(filterShape, 'int32'), dy];
    return this.onednn ? this.f('_MklNativeConv2DBackpropFilter', inputs, [...this.convAttrs(), ...this.label()]) : this.f('Conv2DBackpropFilter', inputs, this.convAttrs());
  }
  conv2dInputGrad(inputShape: number[], filter: tf.Tensor, dy: tf.Tensor): tf.Tensor {
    const inputs = [tf.tensor1d(inputShape, 'int32'), filter, dy];
    return this.onednn ? this.f('_MklNativeConv2DBackpropInput', inputs, [...this.convAttrs(), ...this.label()]) : this.f('Conv2DBackpropInput', inputs, this.convAttrs());
  }
  /** Max-pooling (size × size windows, stride size, 'VALID'); `workspace` is what maxPoolGrad needs besides input and output. */
  maxPool(x: tf.Tensor, size: number): { out: tf.Tensor; workspace?: tf.Tensor } {
    if (!this.onednn) return { out: this.f('MaxPool', [x], this.poolAttrs(size)) };
    const [out, workspace] = this.multi('_MklNativeMaxPool', [x], [...this.poolAttrs(size), this.bool('workspace_enabled', false), ...this.label()], 2);
    return { out: out!, workspace: workspace! };
  }
  maxPoolGrad(input: tf.Tensor, pooled: { out: tf.Tensor; workspace?: tf.Tensor }, dy: tf.Tensor, size: number): tf.Tensor {
    if (pooled.workspace === undefined) return this.f('MaxPoolGrad', [input, pooled.out, dy], this.poolAttrs(size));
    return this.f('_MklNativeMaxPoolGrad', [input, pooled.out, dy, pooled.workspace], [...this.poolAttrs(size), this.bool('workspace_enabled', false), ...this.label()]);
  }
  matMul(a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean): tf.Tensor {
    const attrs = [this.bool('transpose_a', transposeA), this.bool('transpose_b', transposeB)];
    return this.onednn ? this.f('_MklMatMul', [a, b], [...attrs, ...this.label()]) : this.f('MatMul', [a, b], attrs);
  }
  biasAdd(x: tf.Tensor, b: tf.Tensor): tf.Tensor {
    return this.f('BiasAdd', [x, b], [this.nhwc]);
  }
  biasAddGrad(dy: tf.Tensor): tf.Tensor {
    return this.f('BiasAddGrad', [dy], [this.nhwc]);
  }
  /** Inverted-dropout mask: 1/(1−rate) where a Philox uniform keyed by `seed` is ≥ rate, else 0. */
  dropoutMask(shape: number[], rate: number, seed: number): tf.Tensor {
    const u = this.op('StatelessRandomUniform', [tf.tensor1d(shape, 'int32'), tf.tensor1d([seed | 0, 0x5eed], 'int32')], [
      this.type('dtype', 'TF_FLOAT'),
      this.type('T', 'TF_INT32'),
      this.type('Tseed', 'TF_INT32'),
    ]);
    const keep = this.f('GreaterEqual', [u, tf.scalar(rate)]);
    return this.f('SelectV2', [keep, tf.scalar(1 / (1 - rate)), tf.scalar(0)]);
  }

  /**
   * A resource variable (VarHandleOp) initialised with a copy of `init`. TensorFlow keeps it in
   * its resource manager under `name` until destroyVariable: names must be unique per process.
   */
  variable(init: tf.Tensor, name: string): tf.Tensor {
    const handle = this.op('VarHandleOp', [], [this.type('dtype', 'TF_FLOAT'), this.shape('shape', init.shape), this.str('container', ''), this.str('shared_name', name)]);
    this.assignVariable(handle, init);
    return handle;
  }
  assignVariable(handle: tf.Tensor, value: tf.Tensor): void {
    this.run('AssignVariableOp', [handle, value], [this.type('dtype', 'TF_FLOAT'), this.bool('validate_shape', true)]);
  }
  /** The variable's current value; TensorFlow copies on the next write, so the result stays valid. */
  readVariable(handle: tf.Tensor): tf.Tensor {
    return this.op('ReadVariableOp', [handle], [this.type('dtype', 'TF_FLOAT')]);
  }
  destroyVariable(handle: tf.Tensor): void {
    this.run('DestroyResourceOp', [handle], [this.bool('ignore_lookup_error', true)]);
  }
  /** TensorFlow's ResourceApplyAdam: one pass updating var, m and v in place. */
  applyAdam(vars: { p: tf.Tensor; m: tf.Tensor; v: tf.Tensor }, scalars: tf.Tensor[], grad: tf.Tensor): void {
    this.run('ResourceApplyAdam', [vars.p, vars.m, vars.v, ...scalars, grad], [this.T, this.bool('use_locking', false), this.bool('use_nesterov', false)]);
  }
}

/**
 * One stage of the forward pass and what its backward pass needs. A conv2d directly followed
 * by max-pooling is one stage, pooled before the bias and activation: max-pooling commutes
 * with a per-channel bias and with relu (both monotonic, exactly so in floating point), so
 * the bias, relu and their gradients run on the pooled tensor, a quarter of the size.
 */
type Stage =
  | { kind: 'conv'; layer: number; w: number; relu: boolean; pool?: number }
  | { kind: 'pool'; layer: number; size: number }
  | { kind: 'dropout'; layer: number; rate: number }
  | { kind: 'flatten'; layer: number }
  | { kind: 'dense'; layer: number; w: number; relu: boolean };

type Pooled = { out: tf.Tensor; workspace?: tf.Tensor };

type Saved =
  | { kind: 'conv'; stage: Extract<Stage, { kind: 'conv' }>; input: tf.Tensor; conv: tf.Tensor; pooled?: Pooled; out: tf.Tensor }
  | { kind: 'pool'; input: tf.Tensor; pooled: Pooled; size: number }
  | { kind: 'dropout'; mask: tf.Tensor }
  | { kind: 'flatten'; shape: number[] }
  | { kind: 'dense'; stage: Extract<Stage, { kind: 'dense' }>; input: tf.Tensor; out: tf.Tensor };

function planStages(spec: ModelSpec): Stage[] {
  const stages: Stage[] = [];
  const last = spec.layers.length - 1;
  let w = 0;
  for (let i = 0; i <= last; i++) {
    const layer: LayerSpec = spec.layers[i]!;
    switch (layer.type) {
      case 'conv2d': {
        const next = spec.layers[i + 1];
        const pool = next?.type === 'maxPooling2d' ? next.poolSize : undefined;
        stages.push({ kind: 'conv', layer: i, w, relu: layer.activation === 'relu', ...(pool !== undefined ? { pool } : {}) });
        if (pool !== undefined) i++;
        w += 2;
        break;
      }
      case 'maxPooling2d':
        stages.push({ kind: 'pool', layer: i, size: layer.poolSize });
        break;
      case 'dropout':
        if (layer.rate > 0) stages.push({ kind: 'dropout', layer: i, rate: layer.rate });
        break;
      case 'flatten':
        stages.push({ kind: 'flatten', layer: i });
        break;
      case 'dense':
        stages.push({ kind: 'dense', layer: i, w, relu: i !== last && layer.activation === 'relu' });
        w += 2;
        break;
    }
  }
  return stages;
}

/** Adam moments and step count as plain arrays: the checkpoint layout of adam.ts. */
export interface NativeAdamState {
  iterations: number;
  m: Float32Array[];
  v: Float32Array[];
}

/**
 * The forward pass of `stages` over `params` (model order) for input `x`; logits [batch, classes].
 * With `dropoutSeed`, dropout is active; with `saved`, what the backward pass needs is recorded.
 */
function forward(k: Kernels, stages: Stage[], params: tf.Tensor[], x: tf.Tensor, dropoutSeed?: number, saved?: Saved[]): tf.Tensor {
  const batch = x.shape[0];
  let h: tf.Tensor = x;
  for (const stage of stages) {
    switch (stage.kind) {
      case 'conv': {
        const conv = k.conv2d(h, params[stage.w]!);
        const pooled = stage.pool === undefined ? undefined : k.maxPool(conv, stage.pool);
        const z = k.biasAdd(pooled?.out ?? conv, params[stage.w + 1]!);
        const out = stage.relu ? k.f('Relu', [z]) : z;
        saved?.push({ kind: 'conv', stage, input: h, conv, ...(pooled !== undefined ? { pooled } : {}), out });
        h = out;
        break;
      }
      case 'pool': {
        const pooled = k.maxPool(h, stage.size);
        saved?.push({ kind: 'pool', input: h, pooled, size: stage.size });
        h = pooled.out;
        break;
      }
      case 'dropout': {
        if (dropoutSeed === undefined) break;
        const mask = k.dropoutMask(h.shape, stage.rate, deriveSeed(dropoutSeed, stage.layer) | 0);
        saved?.push({ kind: 'dropout', mask });
        h = k.f('Mul', [h, mask]);
        break;
      }
      case 'flatten':
        saved?.push({ kind: 'flatten', shape: h.shape });
        h = tf.reshape(h, [batch, -1]);
        break;
      case 'dense': {
        const z = k.biasAdd(k.matMul(h, params[stage.w]!, false, false), params[stage.w + 1]!);
        const out = stage.relu ? k.f('Relu', [z]) : z;
        saved?.push({ kind: 'dense', stage, input: h, out });
        h = out;
        break;
      }
    }
  }
  return h;
}

/**
 * Inference-mode logits [batch, classes] of `spec` with weights `vars` (model order) for `x`
 * [batch, h, w, c], through the same TensorFlow kernels as the native step. Requires the
 * tensorflow backend and a spec nativeStepUnsupported() accepts (callers check both).
 */
export function nativeLogits(spec: ModelSpec, vars: readonly tf.Tensor[], x: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => forward(new Kernels(), planStages(spec), [...vars], x) as tf.Tensor2D);
}

let instances = 0;

/**
 * The inverted-dropout mask the native step applies: shape `shape`, each value 1/(1−rate)
 * with probability 1−rate, else 0, from TensorFlow's stateless Philox generator keyed by
 * `seed` (the same seed gives the same mask). Needs the tensorflow backend.
 */
export function nativeDropoutMask(shape: number[], rate: number, seed: number): tf.Tensor {
  const k = new Kernels();
  return tf.tidy(() => k.dropoutMask(shape, rate, seed));
}

/**
 * One model's training on the tensorflow backend: `step()` runs forward, backward and the
 * Adam update (Keras/TensorFlow formula, ε = 1e-7, as in adam.ts) for one batch. Weights and
 * Adam moments live in TensorFlow resource variables while training; `syncWeights()` copies
 * the weights back into the model's tfjs variables (before evaluation, saving or checkpoints).
 *
 * Shapes: `x` [batch, h, w, c] float32 in [0,1]; `labels` [batch] int32 class ids.
 * Throws AppError('UNAVAILABLE') when the tensorflow backend is not active and
 * AppError('INVALID_INPUT') when `nativeStepUnsupported(spec)` names a reason.
 */
export class NativeTrainer {
  private readonly k = new Kernels();
  private readonly stages: Stage[];
  private readonly slots: { p: tf.Tensor; m: tf.Tensor; v: tf.Tensor }[];
  private iterations = 0;

  constructor(
    spec: ModelSpec,
    private readonly vars: tf.Variable[],
    /** The learning rate of the next step (a schedule sets it before each step). */
    public learningRate: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-7,
  ) {
    const why = nativeStepUnsupported(spec);
    if (why !== undefined) throw new AppError('INVALID_INPUT', `the native training step does not support this model: ${why}`);
    layerShapes(spec);
    this.stages = planStages(spec);
    const id = `trialgrid-${process.pid}-${++instances}`;
    this.slots = vars.map((p, i) => {
      const zeros = tf.zeros(p.shape);
      try {
        return { p: this.k.variable(p, `${id}/p${i}`), m: this.k.variable(zeros, `${id}/m${i}`), v: this.k.variable(zeros, `${id}/v${i}`) };
      } finally {
        zeros.dispose();
      }
    });
  }

  /**
   * Trains on one batch. `dropoutSeed` keys the dropout masks (omit it for no dropout).
   * Returns the batch's mean loss and its number of correct predictions (training mode) as
   * scalar tensors that the caller disposes; nothing is read back to the host here.
   */
  step(x: tf.Tensor4D, labels: tf.Tensor1D, dropoutSeed?: number): { loss: tf.Scalar; correct: tf.Scalar } {
    return tf.tidy(() => {
      const { loss, correct, grads } = this.forwardBackward(x, labels, dropoutSeed);
      this.applyAdam(grads);
      return { loss, correct };
    });
  }

  /**
   * The batch's mean loss and the gradient of it for every variable (model order: kernel,
   * bias per layer), without updating anything. Used by step() and by the parity tests.
   */
  gradients(x: tf.Tensor4D, labels: tf.Tensor1D, dropoutSeed?: number): { loss: tf.Scalar; grads: tf.Tensor[] } {
    return tf.tidy(() => {
      const { loss, grads } = this.forwardBackward(x, labels, dropoutSeed);
      return { loss, grads };
    });
  }

  private forwardBackward(x: tf.Tensor4D, labels: tf.Tensor1D, dropoutSeed: number | undefined): { loss: tf.Scalar; correct: tf.Scalar; grads: tf.Tensor[] } {
    const { k } = this;
    {
      const batch = x.shape[0];
      const params = this.slots.map((s) => k.readVariable(s.p));
      const saved: Saved[] = [];
      const h = forward(k, this.stages, params, x, dropoutSeed, saved);
      // Softmax cross-entropy: per-example loss and d(loss_i)/d(logits); the batch loss is the mean.
      const [perExample, backprop] = k.multi('SparseSoftmaxCrossEntropyWithLogits', [h, labels], [k.type('Tlabels', 'TF_INT32')], 2);
      const loss = tf.mean<tf.Scalar>(perExample!);
      const correct = tf.sum<tf.Scalar>(tf.cast(tf.equal(tf.argMax(h, 1), labels), 'int32'));
      let dy: tf.Tensor = k.f('Mul', [backprop!, tf.scalar(1 / batch)]);

      const grads = new Array<tf.Tensor>(this.vars.length);
      for (let s = saved.length - 1; s >= 0; s--) {
        const rec = saved[s]!;
        const needInputGrad = s > 0;
        switch (rec.kind) {
          case 'dense': {
            if (rec.stage.relu) dy = k.f('ReluGrad', [dy, rec.out]);
            grads[rec.stage.w] = k.matMul(rec.input, dy, true, false);
            grads[rec.stage.w + 1] = k.biasAddGrad(dy);
            if (needInputGrad) dy = k.matMul(dy, params[rec.stage.w]!, false, true);
            break;
          }
          case 'flatten':
            dy = tf.reshape(dy, rec.shape);
            break;
          case 'dropout':
            dy = k.f('Mul', [dy, rec.mask]);
            break;
          case 'pool':
            dy = k.maxPoolGrad(rec.input, rec.pooled, dy, rec.size);
            break;
          case 'conv': {
            const { stage } = rec;
            if (stage.relu) dy = k.f('ReluGrad', [dy, rec.out]);
            grads[stage.w + 1] = k.biasAddGrad(dy);
            if (stage.pool !== undefined) dy = k.maxPoolGrad(rec.conv, rec.pooled!, dy, stage.pool);
            const filter = params[stage.w]!;
            grads[stage.w] = k.conv2dFilterGrad(rec.input, filter.shape, dy);
            if (needInputGrad) dy = k.conv2dInputGrad(rec.input.shape, filter, dy);
            break;
          }
        }
      }
      return { loss, correct, grads };
    }
  }

  /** m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  θ ← θ − lr·√(1−β2ᵗ)/(1−β1ᵗ) · m / (√v + ε): ResourceApplyAdam. */
  private applyAdam(grads: tf.Tensor[]): void {
    this.iterations++;
    const t = this.iterations;
    const scalars = [tf.scalar(this.beta1 ** t), tf.scalar(this.beta2 ** t), tf.scalar(this.learningRate), tf.scalar(this.beta1), tf.scalar(this.beta2), tf.scalar(this.epsilon)];
    this.slots.forEach((slot, i) => this.k.applyAdam(slot, scalars, grads[i]!));
  }

  /** Copies the trained weights into the model's tfjs variables. */
  syncWeights(): void {
    tf.tidy(() => this.slots.forEach((slot, i) => this.vars[i]!.assign(this.k.readVariable(slot.p))));
  }

  /** Moments as host arrays (copies), for checkpoints. */
  getState(): NativeAdamState {
    return tf.tidy(() => ({
      iterations: this.iterations,
      m: this.slots.map((s) => this.k.readVariable(s.m).dataSync() as Float32Array),
      v: this.slots.map((s) => this.k.readVariable(s.v).dataSync() as Float32Array),
    }));
  }

  /** Restores moments written by getState (or adam.ts: same layout) and reloads the weights from the model's variables. */
  setState(state: NativeAdamState): void {
    this.iterations = state.iterations;
    tf.tidy(() =>
      this.slots.forEach((slot, i) => {
        const shape = this.vars[i]!.shape;
        this.k.assignVariable(slot.p, this.vars[i]!);
        this.k.assignVariable(slot.m, tf.tensor(state.m[i]!, shape, 'float32'));
        this.k.assignVariable(slot.v, tf.tensor(state.v[i]!, shape, 'float32'));
      }),
    );
  }

  /** Destroys the resource variables. The model's tfjs variables are untouched. */
  dispose(): void {
    for (const slot of this.slots) {
      for (const handle of [slot.p, slot.m, slot.v]) {
        this.k.destroyVariable(handle);
        handle.dispose();
      }
    }
    this.slots.length = 0;
  }
}
