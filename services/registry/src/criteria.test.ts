import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PROMOTION_POLICY } from '@trialgrid/db';
import { AppError } from '@trialgrid/errors';
import { loadRegistryConfig } from './config.js';
import { classBiasGap, judgeGate, median, promotionPolicyInputSchema, storedMeasurements } from './criteria.js';
import { checkImages } from './prediction.js';

test('median of odd and even samples', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test('the default policy is the seed: 99 % accuracy, < 100 ms, < 10 MB, worst class within 3 points', () => {
  assert.deepEqual({ ...DEFAULT_PROMOTION_POLICY }, { minTestAccuracy: 0.99, maxLatencyMs: 100, maxModelSizeBytes: 10 * 1024 * 1024, maxClassAccuracyGap: 0.03 });
});

test('gate: a 99.1 % model with balanced classes passes every criterion', () => {
  const v = judgeGate({ testAccuracy: 0.991, perClassAccuracy: [0.99, 0.995, 0.98], latencyMs: 3, sizeBytes: 1_000_000 });
  assert.equal(v.passed, true);
  assert.deepEqual(v.checks.map((c) => [c.criterion, c.passed]), [['test_accuracy', true], ['inference_latency_ms', true], ['model_size_bytes', true], ['class_bias', true]]);
  assert.ok(Math.abs(v.checks[3]!.measured! - 0.011) < 1e-12);
});

test('gate: the quick demo model (92.4 %) fails with each failed criterion and its measured value', () => {
  const v = judgeGate({ testAccuracy: 0.924, perClassAccuracy: [0.98, 0.97, 0.81, 0.95], latencyMs: 150, sizeBytes: 20 * 1024 * 1024 });
  assert.equal(v.passed, false);
  assert.deepEqual(v.checks.filter((c) => !c.passed).map((c) => c.message), [
    'test_accuracy 0.924 < 0.99',
    'latency_ms 150 >= 100',
    'model_size_bytes 20971520 >= 10485760',
    'worst-class gap 0.114 > 0.03',
  ]);
});

test('gate: boundaries follow the seed wording (>= 99 %, < 100 ms, < 10 MB)', () => {
  const at = judgeGate({ testAccuracy: 0.99, perClassAccuracy: [0.96], latencyMs: 100, sizeBytes: 10 * 1024 * 1024 });
  assert.deepEqual(at.checks.map((c) => c.passed), [true, false, false, true]);
});

test('gate: unknown accuracy or per-class accuracy fails (never passes by default)', () => {
  const v = judgeGate({ testAccuracy: undefined, perClassAccuracy: undefined, latencyMs: 1, sizeBytes: 1 });
  assert.equal(v.passed, false);
  assert.match(v.checks[0]!.message, /unknown/);
  assert.equal(classBiasGap(0.9, []), null);
});

test('gate: a per-model policy changes the thresholds', () => {
  const m = { testAccuracy: 0.93, perClassAccuracy: [0.9, 0.95], latencyMs: 5, sizeBytes: 300_000 };
  assert.equal(judgeGate(m).passed, false);
  assert.equal(judgeGate(m, { ...DEFAULT_PROMOTION_POLICY, minTestAccuracy: 0.9, maxClassAccuracyGap: 0.05 }).passed, true);
});

test('stored measurements re-judge a version from its metrics', () => {
  const m = storedMeasurements({ test_accuracy: 0.95, inference_latency_ms_b1: 2, model_size_bytes: 1000, worst_class_accuracy: 0.94 });
  assert.deepEqual(m, { testAccuracy: 0.95, perClassAccuracy: [0.94], latencyMs: 2, sizeBytes: 1000 });
  assert.equal(judgeGate(m, { ...DEFAULT_PROMOTION_POLICY, minTestAccuracy: 0.9 }).passed, true);
  assert.equal(judgeGate(storedMeasurements({})).passed, false);
});

test('policy input: each field bounded, unknown fields refused', () => {
  assert.ok(promotionPolicyInputSchema.safeParse({ minTestAccuracy: 0.9 }).success);
  assert.ok(!promotionPolicyInputSchema.safeParse({ minTestAccuracy: 1.5 }).success);
  assert.ok(!promotionPolicyInputSchema.safeParse({ maxLatencyMs: -1 }).success);
  assert.ok(!promotionPolicyInputSchema.safeParse({ maxModelSizeBytes: 1.5 }).success);
  assert.ok(!promotionPolicyInputSchema.safeParse({ maxLatencyMs: Infinity }).success);
  assert.ok(!promotionPolicyInputSchema.safeParse({ minAccuracy: 0.9 }).success);
});

test('checkImages flattens valid images and names the bad one', () => {
  const img = new Array<number>(784).fill(0.5);
  const flat = checkImages([img, img]);
  assert.equal(flat.length, 2 * 784);
  const isInvalid = (re: RegExp) => (err: unknown) => err instanceof AppError && err.code === 'INVALID_INPUT' && re.test(err.message);
  assert.throws(() => checkImages([]), isInvalid(/at least one/));
  assert.throws(() => checkImages([img, img.slice(1)]), isInvalid(/images\.1 must have 784/));
  assert.throws(() => checkImages([img.map((v, i) => (i === 3 ? 1.5 : v))]), isInvalid(/images\.0\[3\]/));
  assert.throws(() => checkImages([img.map((v, i) => (i === 3 ? Number.NaN : v))]), isInvalid(/images\.0\[3\]/));
  assert.throws(() => checkImages([img.map((v, i) => (i === 3 ? '0.5' : v))]), isInvalid(/images\.0\[3\]/));
});

test('registry config defaults and parsing', () => {
  const c = loadRegistryConfig({});
  assert.equal(c.modelName, 'Mnist_Best_Model');
  assert.equal(c.autoRegister, true);
  assert.equal(loadRegistryConfig({ AUTO_REGISTER: 'false' }).autoRegister, false);
  assert.throws(() => loadRegistryConfig({ AUTO_REGISTER: 'maybe' }), AppError);
});

test('registry config: DATA_DIR for like-for-like evaluation', () => {
  assert.equal(loadRegistryConfig({}).dataDir, './.data/datasets/mnist');
  assert.equal(loadRegistryConfig({ DATA_DIR: '/data/mnist' }).dataDir, '/data/mnist');
});
