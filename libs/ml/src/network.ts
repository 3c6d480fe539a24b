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
import type { ModelSpec } from './types.js';

/** Builds a Keras-equivalent Sequential model; initializers are seeded (glorot-uniform kernels, zero biases). */
export function buildLayersModel(spec: ModelSpec, seed: number): tf.LayersModel {
  layerShapes(spec);
  const model = tf.sequential();
  spec.layers.forEach((layer, i) => {
    const first = i === 0 ? { inputShape: spec.inputShape } : {};
    const kernelInitializer = tf.initializers.glorotUniform({ seed: deriveSeed(seed, 7, i) });
    switch (layer.type) {
      case 'conv2d':
        model.add(tf.layers.conv2d({ ...first, filters: layer.filters, kernelSize: layer.kernelSize, activation: layer.activation, kernelInitializer }));
        break;
      case 'maxPooling2d':
        model.add(tf.layers.maxPooling2d({ ...first, poolSize: layer.poolSize }));
        break;
      case 'dropout':
        model.add(tf.layers.dropout({ ...first, rate: layer.rate }));
        break;
      case 'flatten':
        model.add(tf.layers.flatten(first));
        break;
      case 'dense':
        model.add(tf.layers.dense({ ...first, units: layer.units, activation: layer.activation, kernelInitializer }));
        break;
    }
  });
  return model;
}

/** The model's trainable variables in layer order (kernel, bias per layer). */
export function modelVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}

/** Inverted-dropout mask (0 or 1/(1-rate)) from a seeded stream. */
function dropoutValues(n: number, rate: number, seed: number): Float32Array {
  return bernoulliMask(n, rate, 1 / (1 - rate), seed);
}

export interface ForwardOptions {
  /** Use the fused first conv block (default: on for the wasm and cpu backends). */
  fused?: boolean;
}

/**
 * Logits (pre-softmax output of the last dense layer) for a batch. With `dropoutSeed` set,
 * dropout layers are active with masks drawn from that seed; otherwise they are identity.
 */
export function forwardLogits(spec: ModelSpec, vars: readonly tf.Tensor[], x: tf.Tensor4D, dropoutSeed?: number, opts: ForwardOptions = {}): tf.Tensor2D {
  // Inference on tfjs-node: TensorFlow's (oneDNN) kernels called directly, as in training.
  if (dropoutSeed === undefined && tf.getBackend() === 'tensorflow' && nativeStepUnsupported(spec) === undefined) return nativeLogits(spec, vars, x);
  let h: tf.Tensor = x;
  let v = 0;
  const last = spec.layers.length - 1;
  const fused = opts.fused ?? tf.getBackend() !== 'tensorflow';
  let skip = 0;
  spec.layers.forEach((layer, i) => {
    if (skip > 0) {
      skip--;
      return;
    }
    const next = spec.layers[i + 1];
    if (fused && i === 0 && layer.type === 'conv2d' && layer.activation === 'relu' && next?.type === 'maxPooling2d') {
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
        const z = tf.add(tf.conv2d(h as tf.Tensor4D, vars[v] as tf.Tensor4D, 1, 'valid'), vars[v + 1]!);
        h = layer.activation === 'relu' ? tf.relu(z) : z;
        v += 2;
        break;
      }
      case 'maxPooling2d':
        h = tf.maxPool(h as tf.Tensor4D, layer.poolSize, layer.poolSize, 'valid');
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
