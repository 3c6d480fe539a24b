import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@trialgrid/errors';
import { loadRegistryConfig } from './config.js';
import { evaluateCriteria, median } from './criteria.js';
import { checkImages } from './registry.js';

test('median of odd and even samples', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test('production criteria: all four thresholds of the seed', () => {
  const ok = evaluateCriteria({ testAccuracy: 0.991, perClassAccuracy: [0.99, 0.995, 0.98], latencyMs: 3, sizeBytes: 1_000_000 });
  assert.equal(ok.meets_all, true);
  assert.ok(Math.abs(ok.per_class_accuracy_spread! - 0.015) < 1e-12);
  const bad = evaluateCriteria({ testAccuracy: 0.95, perClassAccuracy: [0.99, 0.8], latencyMs: 150, sizeBytes: 20 * 1024 * 1024 });
  assert.deepEqual([bad.accuracy_ok, bad.class_balance_ok, bad.latency_ok, bad.size_ok, bad.meets_all], [false, false, false, false, false]);
  const unknown = evaluateCriteria({ testAccuracy: undefined, perClassAccuracy: undefined, latencyMs: 1, sizeBytes: 1 });
  assert.equal(unknown.test_accuracy, null);
  assert.equal(unknown.meets_all, false);
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
