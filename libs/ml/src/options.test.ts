import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { MNIST_SHAPE, resolveModel, resolveTrainOptions, type ModelTemplate } from '@trialgrid/contracts';
import { augmentBatch } from './augment.js';
import { availableBackends } from './backends.test-helper.js';
import { initBackend } from './backend.js';
import { loadDataset } from './dataset.js';
import { loadModel } from './model-io.js';
import { nativeStepUnsupported } from './native-step.js';
import { buildLayersModel, forwardLogits, modelStatistics, modelVariables } from './network.js';
import { mulberry32 } from './rng.js';
import { learningRateAt, plateauReductions, shouldStopEarly } from './schedule.js';
import { countParams, presetSpec } from './spec.js';
import { createRunner } from './step-runner.js';
import { testDataDir } from './test-data.js';
import { train } from './train.js';
import type { Dataset, EpochMetrics, ModelSpec, TrainParams } from './types.js';

// The model language's layers and the training options, on every backend this machine has.
// Small subsets, one or two epochs: behaviour, not accuracy.
let data: Dataset;
const tmpDirs: string[] = [];
const params: TrainParams = { learningRate: 0.002, batchSize: 64, epochs: 2, validationSplit: 0.1, seed: 11 };
const backends = await availableBackends();

/** Every new layer kind: strided and 'same' convolutions, batch normalization, a lone activation, average and global pooling. */
const template: ModelTemplate = {
  name: 'bn-gap',
  params: { width: 6, blocks: 2, head: 'gap' },
  layers: [
    {
      repeat: '$blocks',
      layers: [
        { type: 'conv2d', filters: '$width', kernelSize: 3, padding: 'same', activation: 'linear' },
        // Momentum 0.9: the moving statistics must settle within the test's 20 steps (Keras' 0.99 needs hundreds).
        { type: 'batchNormalization', momentum: 0.9 },
        { type: 'activation', activation: 'relu' },
      ],
    },
    { type: 'maxPooling2d', poolSize: 3, strides: 2, padding: 'same' },
    { type: 'conv2d', filters: 16, kernelSize: 3, strides: 2, activation: 'relu' },
    {
      choose: '$head',
      options: {
        gap: [{ type: 'averagePooling2d', poolSize: 2 }, { type: 'globalAveragePooling2d' }, { type: 'dense', units: 16, activation: 'relu' }],
        flat: [{ type: 'averagePooling2d', poolSize: 2, strides: 1 }, { type: 'flatten' }],
      },
    },
  ],
};
const spec: ModelSpec = resolveModel(template, {}, MNIST_SHAPE).spec;
/** The same network with a flatten head: a single conv block under global pooling learns too slowly for a 14-step test. */
const flatSpec: ModelSpec = resolveModel(template, { head: 'flat' }, MNIST_SHAPE).spec;

before(async () => {
  data = await loadDataset({ dir: testDataDir(), trainLimit: 448, testLimit: 100 });
});
after(async () => {
  for (const d of tmpDirs) await rm(d, { recursive: true, force: true });
});
const tmp = async (): Promise<string> => {
  const d = await mkdtemp(path.join(tmpdir(), 'tg-ml-options-'));
  tmpDirs.push(d);
  return d;
};

test('the language resolves to the expected layers, shapes and Keras parameter count', () => {
  assert.deepEqual(
    spec.layers.map((l) => l.type),
    ['conv2d', 'batchNormalization', 'activation', 'conv2d', 'batchNormalization', 'activation', 'maxPooling2d', 'conv2d', 'averagePooling2d', 'globalAveragePooling2d', 'dense', 'dense'],
  );
  // conv 1→6 (same): 60; BN 24; conv 6→6: 330; BN 24; pool 28→14; conv 6→16 stride 2 valid: 14→6, 880; avgpool 6→3; GAP; dense 16·16+16 = 272; dense 16·10+10 = 170.
  assert.equal(countParams(spec), 60 + 24 + 330 + 24 + 880 + 272 + 170);
  const model = buildLayersModel(spec, 1);
  assert.equal(model.countParams(), countParams(spec), 'tfjs-layers (Keras) agrees');
  assert.deepEqual(model.outputs[0]!.shape, [null, 10]);
  model.dispose();
});

test('inference: the explicit forward pass equals tfjs-layers (Keras semantics) for every new layer kind', async () => {
  await initBackend('cpu');
  const model = buildLayersModel(spec, 5);
  // Statistics away from Keras' initial 0 / 1, so that the comparison covers their use.
  modelStatistics(model).forEach((v, i) => v.assign(tf.randomUniform(v.shape, i % 2 === 0 ? -0.2 : 0.5, i % 2 === 0 ? 0.2 : 1.5, 'float32', i)));
  const x = tf.tensor4d(data.testImages.subarray(0, 8 * 784), [8, 28, 28, 1]);
  const ours = tf.softmax(forwardLogits(spec, modelVariables(model), x, undefined, { stats: modelStatistics(model) }));
  const keras = model.predict(x) as tf.Tensor;
  const a = ours.dataSync();
  const b = keras.dataSync();
  assert.ok(a.every((v, i) => Math.abs(v - b[i]!) < 1e-5), 'probabilities agree');
  assert.throws(() => forwardLogits(spec, modelVariables(model), x), /needs its statistics/);
  tf.dispose([x, ours, keras]);
  model.dispose();
});

test('augmentation: a pure shift moves pixels exactly; the same seed gives the same batch; off is identity', () => {
  const shape = [5, 5, 1] as const;
  const img = new Float32Array(25);
  img[12] = 1; // the centre
  const shifted = Float32Array.from(img);
  augmentBatch(shifted, 1, shape, { augmentShift: 2, augmentRotation: 0, augmentZoom: 0 }, mulberry32(3));
  const at = shifted.findIndex((v) => v === 1);
  assert.equal(shifted.reduce((a, b) => a + b, 0), 1, 'a shift of the centre pixel keeps it whole');
  assert.ok(Math.abs((at % 5) - 2) <= 2 && Math.abs(Math.floor(at / 5) - 2) <= 2);
  const again = Float32Array.from(img);
  augmentBatch(again, 1, shape, { augmentShift: 2, augmentRotation: 0, augmentZoom: 0 }, mulberry32(3));
  assert.deepEqual(again, shifted);
  // Over many draws every shift in −2..2 occurs on both axes.
  const xs = new Set<number>();
  const rng = mulberry32(9);
  for (let i = 0; i < 200; i++) {
    const b = Float32Array.from(img);
    augmentBatch(b, 1, shape, { augmentShift: 2, augmentRotation: 0, augmentZoom: 0 }, rng);
    xs.add(b.findIndex((v) => v === 1) % 5);
  }
  assert.deepEqual([...xs].sort(), [0, 1, 2, 3, 4]);
  // Rotation by up to 10° and zoom keep a centred blob centred and roughly its mass.
  const blob = new Float32Array(28 * 28);
  for (let y = 10; y < 18; y++) for (let x = 10; x < 18; x++) blob[y * 28 + x] = 1;
  const rotated = Float32Array.from(blob);
  augmentBatch(rotated, 1, [28, 28, 1], { augmentShift: 0, augmentRotation: 10, augmentZoom: 0.1 }, mulberry32(5));
  const mass = rotated.reduce((a, b) => a + b, 0);
  assert.ok(mass > 64 * 0.75 && mass < 64 * 1.3, `mass ${mass}`);
  assert.notDeepEqual(rotated, blob);
  const off = Float32Array.from(blob);
  augmentBatch(off, 1, [28, 28, 1], { augmentShift: 0, augmentRotation: 0, augmentZoom: 0 }, mulberry32(5));
  assert.deepEqual(off, blob);
});

test('schedules: step, exponential, cosine, plateau, warm-up (formulas of schedule.ts)', () => {
  const clock = (epoch: number, batch = 0) => ({ epoch, batch, batchesPerEpoch: 10, epochs: 10 });
  const o = (p: Partial<TrainParams>) => resolveTrainOptions({ ...params, epochs: 10, ...p });
  assert.equal(learningRateAt(0.1, o({}), clock(7), []), 0.1);
  const step = o({ lrSchedule: 'step', lrDecay: 0.5, lrDecayEpochs: 3 });
  assert.deepEqual([0, 2, 3, 5, 6, 9].map((e) => learningRateAt(0.1, step, clock(e), [])), [0.1, 0.1, 0.05, 0.05, 0.025, 0.0125]);
  const exp = o({ lrSchedule: 'exponential', lrDecay: 0.5, lrDecayEpochs: 2 });
  assert.ok(Math.abs(learningRateAt(0.1, exp, clock(2), []) - 0.05) < 1e-12);
  assert.ok(Math.abs(learningRateAt(0.1, exp, clock(1, 0), []) - 0.1 * Math.SQRT1_2) < 1e-12);
  const cos = o({ lrSchedule: 'cosine' });
  assert.equal(learningRateAt(0.1, cos, clock(0), []), 0.1);
  assert.ok(Math.abs(learningRateAt(0.1, cos, clock(5), []) - 0.05) < 1e-12);
  assert.ok(learningRateAt(0.1, cos, clock(9, 9), []) < 0.001);
  const warm = o({ lrSchedule: 'cosine', warmupEpochs: 2 });
  assert.ok(Math.abs(learningRateAt(0.1, warm, clock(0, 0), []) - 0.1 / 20) < 1e-12, 'first step: 1/20 of the rate');
  assert.ok(Math.abs(learningRateAt(0.1, warm, clock(1, 9), []) - 0.1) < 1e-12, 'the warm-up ends at the full rate');
  assert.ok(Math.abs(learningRateAt(0.1, warm, clock(6), []) - 0.05) < 1e-12, 'cosine counted after the warm-up');
  const e = (val_loss: number, val_accuracy = 0): EpochMetrics => ({ epoch: 0, train_loss: 0, train_accuracy: 0, val_loss, val_accuracy, seconds: 0, imagesPerSecond: 0, images: 0 });
  const history = [1, 0.9, 0.95, 0.92, 0.91, 0.5, 0.6, 0.7].map((v) => e(v));
  assert.equal(plateauReductions(history, 2), 2); // after 0.92 (two epochs without a best), and after 0.7
  const plateau = o({ lrSchedule: 'plateau', lrDecay: 0.1, lrDecayEpochs: 2 });
  assert.ok(Math.abs(learningRateAt(1, plateau, clock(8), history) - 0.01) < 1e-12);
  // Early stopping: patience counts epochs without a strict improvement.
  assert.equal(shouldStopEarly([e(1), e(0.9), e(0.95)], 'val_loss', 2), false);
  assert.equal(shouldStopEarly([e(1), e(0.9), e(0.95), e(0.9)], 'val_loss', 2), true);
  assert.equal(shouldStopEarly([e(0, 0.5), e(0, 0.6), e(0, 0.6)], 'val_accuracy', 1), true);
  assert.equal(shouldStopEarly([e(0, 0.5), e(0, 0.6), e(0, 0.6)], 'val_accuracy', 0), false, 'patience 0 is off');
  assert.equal(shouldStopEarly([e(NaN), e(NaN)], 'val_loss', 2), true, 'non-finite values never improve');
});

test('the native step names what it does not implement (these train on the tape on the tensorflow backend)', () => {
  assert.equal(nativeStepUnsupported(presetSpec('enhanced'), params), undefined);
  assert.match(nativeStepUnsupported(spec) ?? '', /conv2d layer 0 has strides or 'same' padding/);
  const bnOnly = resolveModel({ layers: [{ type: 'conv2d', filters: 4, kernelSize: 3, activation: 'linear' }, { type: 'batchNormalization' }, { type: 'flatten' }] }, {}, MNIST_SHAPE).spec;
  assert.match(nativeStepUnsupported(bnOnly) ?? '', /layer 1 is batchNormalization/);
  assert.match(nativeStepUnsupported(presetSpec('baseline'), { ...params, optimizer: 'sgd' }) ?? '', /optimizer sgd/);
  assert.match(nativeStepUnsupported(presetSpec('baseline'), { ...params, optimizer: 'adamw' }) ?? '', /optimizer adamw/);
  assert.match(nativeStepUnsupported(presetSpec('baseline'), { ...params, weightDecay: 0.01 }) ?? '', /weight decay/);
  // Schedules, augmentation and early stopping need nothing of the step but its learning rate.
  assert.equal(nativeStepUnsupported(presetSpec('baseline'), { ...params, lrSchedule: 'cosine', warmupEpochs: 1, augmentShift: 2, earlyStoppingPatience: 2 }), undefined);
});

for (const [name, skip] of backends) {
  describe(`model language and training options on ${name}`, { skip }, () => {
    before(() => initBackend(name));
    // tfjs' pure-JavaScript cpu backend needs minutes for these trainings on two cores; the
    // layers' forward pass is checked on it above, and these same trainings run on wasm and tensorflow.
    const heavy = name === 'cpu' ? 'the cpu backend (pure JavaScript) is too slow for a training run per test; covered on wasm and tensorflow' : false;

    test('batch normalization, same/strided convolutions and pooling train, save and reload with their statistics', { skip: heavy }, async () => {
      const start = tf.memory().numTensors;
      const { result, model } = await train({ spec: flatSpec, params: { ...params, learningRate: 0.01, augmentShift: 2, augmentRotation: 8, augmentZoom: 0.1, lrSchedule: 'cosine', warmupEpochs: 0.5 }, data });
      try {
        assert.equal(result.status, 'completed');
        assert.equal(result.paramCount, countParams(flatSpec));
        assert.ok(result.epochs[1]!.train_loss < result.epochs[0]!.train_loss, `loss falls: ${result.epochs.map((e) => e.train_loss).join(' → ')}`);
        assert.ok(result.test_accuracy > 0.2, `test accuracy ${result.test_accuracy} (chance 0.1; 0.37 on wasm)`);
        // The moving statistics were trained: not Keras' initial 0 / 1 any more.
        const stats = modelStatistics((model as unknown as { model: tf.LayersModel }).model);
        assert.equal(stats.length, 4);
        assert.ok(stats[0]!.dataSync().some((v) => Math.abs(v) > 1e-3), 'moving means moved from 0');
        assert.ok(stats[1]!.dataSync().some((v) => Math.abs(v - 1) > 1e-3), 'moving variances moved from 1');
        const dir = await tmp();
        await model.save(dir);
        const loaded = await loadModel(dir);
        try {
          assert.deepEqual(loaded.spec.layers, flatSpec.layers, 'the spec round-trips through the saved layer configs');
          const images = data.testImages.subarray(0, 50 * 784);
          const a = await model.predict(images, 50);
          const b = await loaded.predict(images, 50);
          assert.deepEqual(b.classes, a.classes);
          const correct = a.classes.filter((c, i) => c === data.testLabels[i]).length;
          assert.equal(correct / 50 > 0.2, true, 'predict uses the moving statistics (inference mode)');
        } finally {
          loaded.dispose();
        }
      } finally {
        model.dispose();
      }
      assert.equal(tf.memory().numTensors, start, 'tensors leaked');
    });

    for (const optimizer of ['adamw', 'sgd'] as const) {
      test(`${optimizer} learns a batch-normalized conv net; checkpoint + resume reproduces the run (optimizer state and statistics kept)`, { skip: heavy }, async () => {
        const p: TrainParams = { ...params, optimizer, learningRate: optimizer === 'sgd' ? 0.05 : 0.002, ...(optimizer === 'sgd' ? { momentum: 0.9, weightDecay: 0.0005 } : {}), lrSchedule: 'step', lrDecay: 0.5, lrDecayEpochs: 1 };
        const bnSpec = resolveModel(
          { layers: [{ type: 'conv2d', filters: 8, kernelSize: 3, activation: 'linear' }, { type: 'batchNormalization', momentum: 0.8 }, { type: 'activation', activation: 'relu' }, { type: 'maxPooling2d', poolSize: 2 }, { type: 'flatten' }] },
          {},
          MNIST_SHAPE,
        ).spec;
        const full = await train({ spec: bnSpec, params: p, data });
        full.model.dispose();
        assert.ok(full.result.test_accuracy > 0.5, `${optimizer}: test accuracy ${full.result.test_accuracy}`);
        const dir = await tmp();
        let epochs = 0;
        const first = await train({ spec: bnSpec, params: p, data, checkpointDir: dir, onEpoch: () => void epochs++, shouldStop: () => epochs >= 1 });
        first.model.dispose();
        assert.equal(first.result.status, 'stopped');
        const resumed = await train({ spec: bnSpec, params: p, data, resumeFrom: dir, checkpointDir: dir });
        resumed.model.dispose();
        const strip = (r: typeof full.result) => r.epochs.map(({ train_loss, val_loss }) => [train_loss, val_loss]);
        const close = (a: number[][], b: number[][]) => a.every((row, i) => row.every((v, j) => Math.abs(v - b[i]![j]!) <= 1e-5 * Math.max(1, Math.abs(v))));
        assert.ok(close(strip(resumed.result), strip(full.result)), `resumed ${JSON.stringify(strip(resumed.result))} vs ${JSON.stringify(strip(full.result))}`);
      });
    }

    test('the learning rate set by a schedule reaches the step (native and tape)', () => {
      for (const s of [presetSpec('baseline', { filters: 4 }), spec]) {
        const model = buildLayersModel(s, 3);
        const vars = modelVariables(model);
        const runner = createRunner(s, vars, 0.01, 10, { params, stats: modelStatistics(model) });
        if (name === 'tensorflow') assert.equal(runner.kind, s === spec ? 'tape' : 'native');
        const x = tf.tensor4d(data.trainImages.subarray(0, 16 * 784), [16, 28, 28, 1]);
        const y = tf.tensor1d(Array.from(data.trainLabels.subarray(0, 16)), 'int32');
        const weights = () => {
          runner.syncWeights();
          return vars.map((v) => Array.from(v.dataSync()));
        };
        const w0 = weights();
        runner.setLearningRate(0);
        tf.dispose(Object.values(runner.step(x, y, 1)));
        assert.deepEqual(weights(), w0, 'learning rate 0: no change');
        runner.setLearningRate(0.01);
        tf.dispose(Object.values(runner.step(x, y, 2)));
        assert.notDeepEqual(weights(), w0, 'learning rate 0.01: the weights move');
        runner.dispose();
        tf.dispose([x, y]);
        model.dispose();
      }
    });

    test('per-trial early stopping ends a trial that stops improving; it completes with its test metrics', async () => {
      // A learning rate too small to change any prediction: val_accuracy ties from the first epoch on.
      const { result, model } = await train({ spec: presetSpec('baseline', { filters: 4 }), params: { ...params, learningRate: 1e-9, epochs: 5, earlyStoppingPatience: 2, earlyStoppingMetric: 'val_accuracy' }, data });
      model.dispose();
      assert.equal(result.status, 'completed');
      assert.equal(result.epochs.length, 3);
      assert.deepEqual(result.earlyStopped, { afterEpochs: 3, metric: 'val_accuracy', patience: 2 });
      assert.ok(Number.isFinite(result.test_accuracy));
    });
  });
}
