import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { availableBackends } from './backends.test-helper.js';
import { initBackend } from './backend.js';
import { loadDataset } from './dataset.js';
import { loadModel } from './model-io.js';
import { presetSpec } from './spec.js';
import { testDataDir } from './test-data.js';
import { train } from './train.js';
import type { Dataset, TrainParams } from './types.js';

// Small subsets and one or two epochs: these check behaviour, not accuracy. Every test runs on
// each backend this machine has (cpu, wasm, tensorflow); a missing one is reported as skipped
// with the reason.
let data: Dataset;
const tmpDirs: string[] = [];
const params: TrainParams = { learningRate: 0.001, batchSize: 64, epochs: 1, validationSplit: 0.1, seed: 7 };
const backends = await availableBackends();

before(async () => {
  data = await loadDataset({ dir: testDataDir(), trainLimit: 640, testLimit: 200 });
});
after(async () => {
  for (const d of tmpDirs) await rm(d, { recursive: true, force: true });
});

const tmp = async (): Promise<string> => {
  const d = await mkdtemp(path.join(tmpdir(), 'tg-ml-train-'));
  tmpDirs.push(d);
  return d;
};

for (const [name, skip] of backends) {
  describe(`train on ${name}`, { skip }, () => {
    before(() => initBackend(name));
    test('reports every metric, learns, and leaks no tensors', async () => {
      const before = tf.memory().numTensors;
      const seen: number[] = [];
      const batches: number[] = [];
      const { result, model } = await train({
        spec: presetSpec('baseline'),
        params: { ...params, epochs: 2 },
        data,
        onEpoch: (m) => void seen.push(m.epoch),
        onBatch: (p) => void batches.push(p.batch),
      });
      model.dispose();
      assert.equal(tf.memory().numTensors, before, 'tensors leaked');
      assert.equal(result.status, 'completed');
      assert.deepEqual(seen, [0, 1]);
      assert.deepEqual(batches, [8, 8]); // 576 images / 64 = 9 batches; progress at the last one
      assert.equal(result.epochs.length, 2);
      for (const e of result.epochs) {
        for (const k of ['train_loss', 'train_accuracy', 'val_loss', 'val_accuracy', 'seconds', 'imagesPerSecond'] as const) {
          assert.ok(Number.isFinite(e[k]) && e[k] >= 0, `${k} = ${e[k]}`);
        }
      }
      assert.ok(result.epochs[1]!.train_loss < result.epochs[0]!.train_loss, 'loss falls');
      assert.ok(result.test_accuracy > 0.5, `test accuracy ${result.test_accuracy}`);
      assert.equal(result.confusionMatrix.length, 10);
      assert.equal(result.confusionMatrix.flat().reduce((a, b) => a + b, 0), 200);
      const correct = result.confusionMatrix.reduce((a, row, i) => a + row[i]!, 0);
      assert.equal(correct / 200, result.test_accuracy);
      assert.equal(result.perClassAccuracy.length, 10);
      assert.equal(result.paramCount, 54_410);
      assert.equal(result.backend.name, name);
      assert.ok(result.imagesPerSecond > 0 && result.trainingSeconds > 0);
    });

    test('the same seed gives identical metrics; another seed does not', async () => {
      const spec = presetSpec('enhanced', { hiddenUnits: 32, filters: 8 });
      const run = async (seed: number) => {
        const { result, model } = await train({ spec, params: { ...params, seed }, data });
        model.dispose();
        return result.epochs.map(({ train_loss, train_accuracy, val_loss, val_accuracy }) => ({ train_loss, train_accuracy, val_loss, val_accuracy }));
      };
      const a = await run(11);
      const b = await run(11);
      const c = await run(12);
      assert.deepEqual(a, b);
      assert.notDeepEqual(a, c);
    });

    test('validation split holds out the last 10% before shuffling', async () => {
      // With validationSplit 0.5 the held-out half is images 320..639; training only on the
      // first half must give the same validation metrics whatever follows in the arrays.
      const half = { ...data, trainImages: data.trainImages.slice(0, 640 * 784), trainLabels: data.trainLabels.slice(0, 640) };
      const { result, model } = await train({ spec: presetSpec('baseline'), params: { ...params, validationSplit: 0.5 }, data: half });
      model.dispose();
      const swapped = { ...half, trainImages: half.trainImages.slice(), trainLabels: half.trainLabels.slice() };
      // Changing a validation image must change val metrics but not training metrics.
      swapped.trainImages.fill(0, 600 * 784, 640 * 784);
      const { result: r2, model: m2 } = await train({ spec: presetSpec('baseline'), params: { ...params, validationSplit: 0.5 }, data: swapped });
      m2.dispose();
      assert.equal(r2.epochs[0]!.train_loss, result.epochs[0]!.train_loss);
      assert.notEqual(r2.epochs[0]!.val_loss, result.epochs[0]!.val_loss);
    });

    test('stops between batches when asked', async () => {
      const before = tf.memory().numTensors;
      let batches = 0;
      const { result, model } = await train({
        spec: presetSpec('baseline'),
        params: { ...params, batchSize: 32, epochs: 3 },
        data,
        onBatch: () => void batches++,
        shouldStop: () => true,
      });
      model.dispose();
      assert.equal(result.status, 'stopped');
      assert.equal(result.epochs.length, 0);
      assert.equal(batches, 0);
      assert.equal(tf.memory().numTensors, before);
    });

    test('checkpoint + resume reproduces an uninterrupted run exactly', async () => {
      const spec = presetSpec('enhanced', { hiddenUnits: 32, filters: 8 });
      const full = await train({ spec, params: { ...params, epochs: 2 }, data });
      full.model.dispose();
      const dir = await tmp();
      let epochs = 0;
      const first = await train({ spec, params: { ...params, epochs: 2 }, data, checkpointDir: dir, onEpoch: () => void epochs++, shouldStop: () => epochs >= 1 });
      first.model.dispose();
      assert.equal(first.result.status, 'stopped');
      assert.deepEqual((await readdir(dir)).sort(), ['checkpoint.json', 'state-1.bin']);
      const before = tf.memory().numTensors;
      const resumed = await train({ spec, params: { ...params, epochs: 2 }, data, resumeFrom: dir, checkpointDir: dir });
      resumed.model.dispose();
      assert.equal(tf.memory().numTensors, before);
      assert.deepEqual((await readdir(dir)).sort(), ['checkpoint.json', 'state-2.bin']);
      const strip = (r: typeof full.result) => r.epochs.map(({ train_loss, val_loss, val_accuracy }) => ({ train_loss, val_loss, val_accuracy }));
      assert.deepEqual(strip(resumed.result), strip(full.result));
      assert.equal(resumed.result.test_loss, full.result.test_loss);
    });

    test('a checkpoint of another architecture is refused', async () => {
      const dir = await tmp();
      const a = await train({ spec: presetSpec('baseline'), params, data, checkpointDir: dir });
      a.model.dispose();
      await assert.rejects(train({ spec: presetSpec('baseline', { filters: 8 }), params: { ...params, epochs: 2 }, data, resumeFrom: dir }), { code: 'CONFLICT' });
    });

    test('invalid parameters are INVALID_INPUT', async () => {
      for (const bad of [{ learningRate: 0 }, { batchSize: 0 }, { epochs: 0 }, { validationSplit: 1 }]) {
        await assert.rejects(train({ spec: presetSpec('baseline'), params: { ...params, ...bad }, data }), { code: 'INVALID_INPUT' });
      }
      const wrongShape: Dataset = { ...data, imageShape: [14, 56, 1] };
      await assert.rejects(train({ spec: presetSpec('baseline'), params, data: wrongShape }), { code: 'INVALID_INPUT' });
    });
  });

  describe(`save / load / predict on ${name}`, { skip }, () => {
    before(() => initBackend(name));
    test('round-trips the layers format; batch-1 and batch-32 predictions agree', async () => {
      const { model, result } = await train({ spec: presetSpec('enhanced', { hiddenUnits: 32, filters: 8 }), params, data });
      const dir = await tmp();
      const saved = await model.save(dir);
      assert.deepEqual((await readdir(dir)).sort(), ['model.json', 'weights.bin']);
      assert.ok(saved.sizeBytes > (80 + 13 * 13 * 8 * 32) * 4);
      const loaded = await loadModel(dir);
      assert.deepEqual(loaded.spec, model.spec);
      const images = data.testImages.subarray(0, 32 * 784);
      const a = await model.predict(images, 32);
      const b = await loaded.predict(images, 32);
      assert.deepEqual(b.classes, a.classes);
      for (let i = 0; i < 32; i++) {
        assert.ok(Math.abs(a.probabilities[i]!.reduce((x, y) => x + y, 0) - 1) < 1e-4);
        for (let j = 0; j < 10; j++) assert.ok(Math.abs(a.probabilities[i]![j]! - b.probabilities[i]![j]!) < 1e-6);
      }
      const one = await loaded.predict(images.subarray(5 * 784, 6 * 784), 1);
      assert.equal(one.classes[0], b.classes[5]);
      // The saved Keras-format model computes what training evaluated with its own forward pass.
      const all = await loaded.predict(data.testImages, 200);
      const right = all.classes.filter((c, i) => c === data.testLabels[i]).length;
      assert.equal(right / 200, result.test_accuracy);
      await assert.rejects(loaded.predict(images, 31), { code: 'INVALID_INPUT' });
      model.dispose();
      loaded.dispose();
    });

    test('missing or corrupt model directories', async () => {
      const dir = await tmp();
      await assert.rejects(loadModel(dir), { code: 'NOT_FOUND' });
      const { model } = await train({ spec: presetSpec('baseline'), params, data });
      await model.save(dir);
      model.dispose();
      const { truncate } = await import('node:fs/promises');
      await truncate(path.join(dir, 'weights.bin'), 1000);
      await assert.rejects(loadModel(dir), { code: 'DATA_CORRUPT' });
    });
  });
}

// One backend is enough: the yield is in train.ts's evaluation loop, not in a backend.
const [yieldBackend, yieldSkip] = backends.find(([, skip]) => skip === false) ?? ['wasm', 'no backend initialises here'];
describe(`evaluation on ${yieldBackend}`, { skip: yieldSkip }, () => {
  before(() => initBackend(yieldBackend));
  test('the test-set evaluation yields to the event loop between batches (heartbeats and in-progress acks keep flowing)', async () => {
    // 1,500 test images = 3 evaluation batches of 500.
    const big = await loadDataset({ dir: testDataDir(), trainLimit: 128, testLimit: 1500 });
    let evaluating = false;
    let ticks = 0;
    const timer = setInterval(() => {
      if (evaluating) ticks++;
    }, 0);
    try {
      const { model } = await train({
        spec: presetSpec('baseline'),
        params: { ...params, validationSplit: 0 },
        data: big,
        // After the last epoch's report only the test-set evaluation runs before train() resolves.
        onEpoch: () => {
          evaluating = true;
        },
      });
      evaluating = false;
      model.dispose();
    } finally {
      clearInterval(timer);
    }
    assert.ok(ticks >= 2, `a timer ran ${ticks} time(s) during the evaluation of 3 batches`);
  });
});
