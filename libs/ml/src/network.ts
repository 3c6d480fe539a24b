/**
 * The model as a tfjs LayersModel (the saved format and weight container) plus an explicit
 * forward pass over its variables, used for training so that dropout is seeded per batch
 * and every op lands on a kernel with a fast gradient.
 */
import * as tf from '@tensorflow/tfjs';
import { convBlock } from './conv-block.js';
import { nativeLogits, nativeStepUnsupported } from './native-step.js';
import { bernoulliMask, deriveSeed } from './rng.js';
import { layerShapes } from './spec.js';
import { BATCH_NORM_DEFAULTS } from '@trialgrid/contracts';
import type { ModelSpec } from './types.js';

/**
 * Builds a Keras-equivalent Sequential model; initializers are seeded (glorot-uniform kernels
 * keyed by the layer index, zero biases; batch normalization γ = 1, β = 0, moving mean 0,
 * moving variance 1, as Keras).
 */
export function buildLayersModel(spec: ModelSpec, seed: number): tf.LayersModel {
  layerShapes(spec);
  const model = tf.sequential();
  spec.layers.forEach((layer, i) => {
    const first = i === 0 ? { inputShape: spec.inputShape } : {};
    const kernelInitializer = tf.initializers.glorotUniform({ seed: deriveSeed(seed, 7, i) });
    switch (layer.type) {
      case 'conv2d':
        model.add(
          tf.layers.conv2d({
            ...first,
            filters: layer.filters,
            kernelSize: layer.kernelSize,
            strides: layer.strides ?? 1,
            padding: layer.padding ?? 'valid',
            activation: layer.activation,
            kernelInitializer,
          }),
        );
        break;
      case 'maxPooling2d':
        model.add(tf.layers.maxPooling2d({ ...first, poolSize: layer.poolSize, strides: layer.strides ?? layer.poolSize, padding: layer.padding ?? 'valid' }));
        break;
      case 'averagePooling2d':
        model.add(tf.layers.averagePooling2d({ ...first, poolSize: layer.poolSize, strides: layer.strides ?? layer.poolSize, padding: layer.padding ?? 'valid' }));
        break;
      case 'batchNormalization':
        model.add(tf.layers.batchNormalization({ ...first, axis: -1, momentum: layer.momentum ?? BATCH_NORM_DEFAULTS.momentum, epsilon: layer.epsilon ?? BATCH_NORM_DEFAULTS.epsilon }));
        break;
      case 'activation':
        model.add(tf.layers.activation({ ...first, activation: layer.activation }));
        break;
      case 'dropout':
        model.add(tf.layers.dropout({ ...first, rate: layer.rate }));
        break;
      case 'flatten':
        model.add(tf.layers.flatten(first));
        break;
      case 'globalAveragePooling2d':
        model.add(tf.layers.globalAveragePooling2d(first));
        break;
      case 'dense':
        model.add(tf.layers.dense({ ...first, units: layer.units, activation: layer.activation, kernelInitializer }));
        break;
    }
  });
  return model;
}

/** The model's trainable variables in layer order (kernel, bias per layer; γ, β per batch normalization). */
export function modelVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}

/**
 * The model's statistics (not trained by gradients): moving mean, moving variance per batch
 * normalization, in layer order. Empty for a model without batch normalization.
 */
export function modelStatistics(model: tf.LayersModel): tf.Variable[] {
  return model.nonTrainableWeights.map((w) => w.read() as tf.Variable);
}

/** Whether the spec has layers whose inference output depends on statistics (batch normalization). */
export function hasStatistics(spec: ModelSpec): boolean {
  return spec.layers.some((l) => l.type === 'batchNormalization');
}

/**
 * After a training step: moving ← momentum·moving + (1 − momentum)·batch for each batch
 * normalization's mean and variance (Keras' update; the batch variance is the biased one).
 * `batch` holds what forwardLogits pushed into `batchStats` (mean, variance per layer).
 */
export function updateStatistics(spec: ModelSpec, stats: readonly tf.Variable[], batch: readonly tf.Tensor[]): void {
  let k = 0;
  tf.tidy(() => {
    for (const layer of spec.layers) {
      if (layer.type !== 'batchNormalization') continue;
      const momentum = layer.momentum ?? BATCH_NORM_DEFAULTS.momentum;
      for (const j of [0, 1]) {
        const moving = stats[2 * k + j]!;
        moving.assign(tf.add(tf.mul(moving, momentum), tf.mul(batch[2 * k + j]!, 1 - momentum)));
      }
      k++;
    }
  });
}

/** Inverted-dropout mask (0 or 1/(1-rate)) from a seeded stream. */
function dropoutValues(n: number, rate: number, seed: number): Float32Array {
  return bernoulliMask(n, rate, 1 / (1 - rate), seed);
}

export interface ForwardOptions {
  /** Use the fused first conv block (default: on for the wasm and cpu backends). */
  fused?: boolean;
  /** Inference: the moving mean and variance of each batch normalization (modelStatistics). Required when the spec has one. */
  stats?: readonly tf.Tensor[];
  /** Training: receives each batch normalization's batch mean and variance (kept tensors; the caller disposes them). */
  batchStats?: tf.Tensor[];
}

/** Whether layer `i` (a conv2d) and the next (a max-pooling) are the fused block's shape: stride 1, valid, non-overlapping pool. */
function fusable(spec: ModelSpec, i: number): boolean {
  const layer = spec.layers[i];
  const next = spec.layers[i + 1];
  return (
    layer?.type === 'conv2d' &&
    layer.activation === 'relu' &&
    (layer.strides ?? 1) === 1 &&
    (layer.padding ?? 'valid') === 'valid' &&
    next?.type === 'maxPooling2d' &&
    (next.strides ?? next.poolSize) === next.poolSize &&
    (next.padding ?? 'valid') === 'valid'
  );
}

/**
 * Logits (pre-softmax output of the last dense layer) for a batch. With `dropoutSeed` set,
 * the pass is in training mode: dropout layers are active with masks drawn from that seed and
 * batch normalization uses the batch's statistics (pushed into `opts.batchStats`); otherwise
 * dropout is identity and batch normalization uses `opts.stats`.
 */
export function forwardLogits(spec: ModelSpec, vars: readonly tf.Tensor[], x: tf.Tensor4D, dropoutSeed?: number, opts: ForwardOptions = {}): tf.Tensor2D {
  // Inference on tfjs-node: TensorFlow's (oneDNN) kernels called directly, as in training.
  if (dropoutSeed === undefined && tf.getBackend() === 'tensorflow' && nativeStepUnsupported(spec) === undefined) return nativeLogits(spec, vars, x);
  const training = dropoutSeed !== undefined;
  if (!training && hasStatistics(spec) && opts.stats === undefined) throw new Error('forwardLogits: a model with batch normalization needs its statistics (opts.stats) for inference');
  let h: tf.Tensor = x;
  let v = 0;
  let bn = 0;
  const last = spec.layers.length - 1;
  const fused = opts.fused ?? tf.getBackend() !== 'tensorflow';
  let skip = 0;
  spec.layers.forEach((layer, i) => {
    if (skip > 0) {
      skip--;
      return;
    }
    const next = spec.layers[i + 1];
    if (fused && i === 0 && fusable(spec, i) && next?.type === 'maxPooling2d') {
      const after = spec.layers[i + 2];
      const pooled = layerShapes(spec)[i + 1]!;
      const n = x.shape[0] * pooled.reduce((a, b) => a * b, 1);
      const drop = after?.type === 'dropout' ? after : undefined;
      const mask = drop !== undefined && drop.rate > 0 && dropoutSeed !== undefined ? dropoutValues(n, drop.rate, deriveSeed(dropoutSeed, i + 2)) : undefined;
      h = convBlock(x, vars[0] as tf.Tensor4D, vars[1] as tf.Tensor1D, next.poolSize, mask);
      v = 2;
      skip = drop !== undefined ? 2 : 1;
      return;
    }
    switch (layer.type) {
      case 'conv2d': {
        const s = layer.strides ?? 1;
        const z = tf.add(tf.conv2d(h as tf.Tensor4D, vars[v] as tf.Tensor4D, s, layer.padding ?? 'valid'), vars[v + 1]!);
        h = layer.activation === 'relu' ? tf.relu(z) : z;
        v += 2;
        break;
      }
      case 'maxPooling2d':
        h = tf.maxPool(h as tf.Tensor4D, layer.poolSize, layer.strides ?? layer.poolSize, layer.padding ?? 'valid');
        break;
      case 'averagePooling2d':
        h = tf.avgPool(h as tf.Tensor4D, layer.poolSize, layer.strides ?? layer.poolSize, layer.padding ?? 'valid');
        break;
      case 'globalAveragePooling2d':
        h = tf.mean(h, [1, 2]);
        break;
      case 'batchNormalization': {
        const epsilon = layer.epsilon ?? BATCH_NORM_DEFAULTS.epsilon;
        const axes = h.shape.slice(0, -1).map((_, a) => a);
        let mean: tf.Tensor;
        let variance: tf.Tensor;
        if (training) {
          ({ mean, variance } = tf.moments(h, axes));
          opts.batchStats?.push(tf.keep(tf.clone(mean)), tf.keep(tf.clone(variance)));
        } else {
          mean = opts.stats![2 * bn]!;
          variance = opts.stats![2 * bn + 1]!;
        }
        const normalized = tf.mul(tf.sub(h, mean), tf.rsqrt(tf.add(variance, epsilon)));
        h = tf.add(tf.mul(normalized, vars[v]!), vars[v + 1]!);
        v += 2;
        bn++;
        break;
      }
      case 'activation':
        if (layer.activation === 'relu') h = tf.relu(h);
        break;
      case 'dropout':
        if (dropoutSeed !== undefined && layer.rate > 0) h = tf.mul(h, tf.tensor(dropoutValues(h.size, layer.rate, deriveSeed(dropoutSeed, i)), h.shape, 'float32'));
        break;
      case 'flatten':
        h = tf.reshape(h, [h.shape[0], -1]);
        break;
      case 'dense': {
        const z = tf.add(tf.matMul(h as tf.Tensor2D, vars[v] as tf.Tensor2D), vars[v + 1]!);
        v += 2;
        if (i === last || layer.activation === 'linear') h = z;
        else h = layer.activation === 'relu' ? tf.relu(z) : tf.softmax(z);
        break;
      }
    }
  });
  return h as tf.Tensor2D;
}
