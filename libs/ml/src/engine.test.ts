// The training engine across backends: every backend this machine has (cpu, wasm, tensorflow)
// computes the seed models' forward pass and gradients as the cpu reference does, and a model
// trained and saved on one backend predicts the same on every other. A missing backend is
// reported as skipped with the reason.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { availableBackends } from './backends.test-helper.js';
import { initBackend } from './backend.js';
import { loadDataset } from './dataset.js';
import { loadModel } from './model-io.js';
import { NativeTrainer, nativeDropoutMask } from './native-step.js';
import { buildLayersModel, forwardLogits, modelVariables } from './network.js';
import { presetSpec } from './spec.js';
import { testDataDir } from './test-data.js';
import { train } from './train.js';
import type { Dataset, ModelSpec } from './types.js';

const backends = await availableBackends();
const available = backends.filter(([, skip]) => skip === false).map(([name]) => name);
let data: Dataset;
const tmpDirs: string[] = [];

before(async () => {
  data = await loadDataset({ dir: testDataDir(), trainLimit: 512, testLimit: 64 });
});
after(async () => {
  for (const d of tmpDirs) await rm(d, { recursive: true, force: true });
});

const SPECS: [string, ModelSpec][] = [
  ['baseline', presetSpec('baseline')],
  ['enhanced (filters 16, hidden 32)', presetSpec('enhanced', { filters: 16, hiddenUnits: 32 })],
];

/** Weights of a model built from `seed`, as host arrays, so every backend starts from the same values. */
function initialWeights(spec: ModelSpec, seed: number): Float32Array[] {
  const model = buildLayersModel(spec, seed);
  const values = modelVariables(model).map((v) => v.dataSync() as Float32Array);
  model.dispose();
  return values;
}

/** Forward logits and the gradient of the mean cross-entropy for every variable, on the active backend, no dropout. */
function forwardAndGradients(spec: ModelSpec, weights: Float32Array[], images: Float32Array, labels: Uint8Array): { logits: Float32Array; loss: number; grads: Float32Array[] } {
  const model = buildLayersModel(spec, 1);
  const vars = modelVariables(model);
  vars.forEach((v, i) => v.assign(tf.tensor(weights[i]!, v.shape, 'float32')));
  const n = labels.length;
  const x = tf.tensor4d(images, [n, ...spec.inputShape]);
  const y = tf.tensor1d(Array.from(labels), 'int32');
  try {
    const logits = tf.tidy(() => forwardLogits(spec, vars, x)).dataSync() as Float32Array;
    if (tf.getBackend() === 'tensorflow') {
      const trainer = new NativeTrainer(spec, vars, 0.001);
      try {
        const { loss, grads } = trainer.gradients(x, y);
        const out = { logits, loss: loss.dataSync()[0]!, grads: grads.map((g) => g.dataSync() as Float32Array) };
        tf.dispose([loss, ...grads]);
        return out;
      } finally {
        trainer.dispose();
      }
    }
    const oneHot = tf.oneHot(y, spec.numClasses);
    const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(oneHot, forwardLogits(spec, vars, x)), vars);
    const out = { logits, loss: value.dataSync()[0]!, grads: vars.map((v) => grads[v.name]!.dataSync() as Float32Array) };
    tf.dispose([value, oneHot, ...Object.values(grads)]);
    return out;
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}

/** Largest |a−b| relative to the largest |b| (1 when b is all zeros). */
function relativeError(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / Math.max(scale, 1e-12);
}

describe('forward and gradients match the cpu reference', () => {
  const reference = new Map<string, ReturnType<typeof forwardAndGradients>>();
  const weights = new Map<string, Float32Array[]>();
  const batch = 32;
  before(async () => {
    await initBackend('cpu');
    for (const [label, spec] of SPECS) {
      weights.set(label, initialWeights(spec, 5));
      reference.set(label, forwardAndGradients(spec, weights.get(label)!, data.trainImages.subarray(0, batch * 784), data.trainLabels.subarray(0, batch)));
    }
  });
  for (const [name, skip] of backends) {
    if (name === 'cpu') continue;
    for (const [label, spec] of SPECS) {
      test(`${name}: ${label}`, { skip }, async () => {
        await initBackend(name);
        const ours = forwardAndGradients(spec, weights.get(label)!, data.trainImages.subarray(0, batch * 784), data.trainLabels.subarray(0, batch));
        const ref = reference.get(label)!;
        assert.ok(relativeError(ours.logits, ref.logits) < 1e-5, `logits differ by ${relativeError(ours.logits, ref.logits)}`);
        assert.ok(Math.abs(ours.loss - ref.loss) < 1e-5 * Math.max(1, ref.loss), `loss ${ours.loss} vs ${ref.loss}`);
        ours.grads.forEach((g, i) => {
          const err = relativeError(g, ref.grads[i]!);
          assert.ok(err < 1e-4, `gradient of variable ${i} (${g.length} values) differs by ${err}`);
        });
      });
    }
  }
});

describe('a model saved on one backend predicts the same on every other', () => {
  for (const [name, skip] of backends) {
    test(`trained on ${name}`, { skip }, async () => {
      await initBackend(name);
      const { model } = await train({
        spec: presetSpec('enhanced', { filters: 8, hiddenUnits: 16 }),
        params: { learningRate: 0.002, batchSize: 64, epochs: 1, validationSplit: 0, seed: 3 },
        data,
      });
      const dir = await mkdtemp(path.join(tmpdir(), 'tg-ml-engine-'));
      tmpDirs.push(dir);
      await model.save(dir);
      const images = data.testImages.subarray(0, 64 * 784);
      const expected = await model.predict(images, 64);
      model.dispose();
      for (const other of available) {
        await initBackend(other);
        const loaded = await loadModel(dir);
        const got = await loaded.predict(images, 64);
        loaded.dispose();
        assert.deepEqual(got.classes, expected.classes, `classes on ${other}`);
        for (let i = 0; i < 64; i++) {
          for (let j = 0; j < 10; j++) {
            assert.ok(Math.abs(got.probabilities[i]![j]! - expected.probabilities[i]![j]!) < 1e-4, `probability [${i}][${j}] on ${other}`);
          }
        }
      }
    });
  }
});

describe('native training step (tensorflow)', { skip: backends.find(([n]) => n === 'tensorflow')![1] }, () => {
  before(() => initBackend('tensorflow'));

  test('dropout masks are seeded, keep about 1−rate, and scale by 1/(1−rate)', () => {
    const values = (seed: number) => {
      const mask = nativeDropoutMask([100, 1000], 0.25, seed);
      const v = mask.dataSync() as Float32Array;
      mask.dispose();
      return v;
    };
    const a = values(9);
    assert.deepEqual(values(9), a, 'same seed, same mask');
    assert.notDeepEqual(values(10), a, 'another seed, another mask');
    const kept = a.filter((v) => v !== 0);
    assert.ok(kept.every((v) => Math.abs(v - 1 / 0.75) < 1e-6), 'kept values are scaled by 1/(1−rate)');
    assert.ok(a.every((v) => v === 0 || v === kept[0]), 'every value is 0 or the scale');
    // 100,000 Bernoulli(0.75) draws: the kept share is within ±1 % with overwhelming probability.
    assert.ok(Math.abs(kept.length / a.length - 0.75) < 0.01, `kept ${kept.length / a.length}`);
  });

  test('leaks no tensors and frees its TensorFlow variables', () => {
    const spec = presetSpec('enhanced', { filters: 8, hiddenUnits: 16 });
    const model = buildLayersModel(spec, 1);
    const before = tf.memory().numTensors;
    const trainer = new NativeTrainer(spec, modelVariables(model), 0.001);
    const x = tf.tensor4d(data.trainImages.subarray(0, 32 * 784), [32, 28, 28, 1]);
    const y = tf.tensor1d(Array.from(data.trainLabels.subarray(0, 32)), 'int32');
    for (let i = 0; i < 3; i++) {
      const { loss, correct } = trainer.step(x, y, i);
      tf.dispose([loss, correct]);
    }
    tf.dispose([x, y]);
    trainer.syncWeights();
    trainer.dispose();
    assert.equal(tf.memory().numTensors, before);
    model.dispose();
  });
});
