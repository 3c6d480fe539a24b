import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareTrials, selectBestTrial, type BestTrialCandidate } from './index.js';

const trial = (id: string, acc: number | undefined, last: { train?: number; val?: number; loss?: number } = {}, seconds?: number): BestTrialCandidate => ({
  id,
  finalMetrics: acc === undefined ? {} : { test_accuracy: acc, training_seconds: seconds ?? 100 },
  lastEpoch: { train_accuracy: last.train ?? 0.99, val_accuracy: last.val ?? 0.98, val_loss: last.loss ?? 0.05 },
});

test('highest test accuracy wins', () => {
  const best = selectBestTrial([trial('a', 0.98), trial('b', 0.991), trial('c', 0.985)], { metric: 'test_accuracy', direction: 'MAXIMIZE' });
  assert.equal(best?.id, 'b');
});

test('default objective is test_accuracy, maximised', () => {
  assert.equal(selectBestTrial([trial('a', 0.5), trial('b', 0.7)])?.id, 'b');
});

test('tie on accuracy: lowest validation loss', () => {
  const best = selectBestTrial([trial('a', 0.99, { loss: 0.06 }), trial('b', 0.99, { loss: 0.04 }), trial('c', 0.98, { loss: 0.01 })]);
  assert.equal(best?.id, 'b');
});

test('tie on accuracy and val loss: smallest train/val gap', () => {
  const best = selectBestTrial([trial('a', 0.99, { train: 0.999, val: 0.98 }), trial('b', 0.99, { train: 0.985, val: 0.98 }), trial('c', 0.99, { train: 0.97, val: 0.98 })]);
  // gaps: a 0.019, b 0.005, c 0.01 (absolute)
  assert.equal(best?.id, 'b');
});

test('tie on everything else: shortest training time', () => {
  const best = selectBestTrial([trial('a', 0.99, {}, 300), trial('b', 0.99, {}, 120), trial('c', 0.99, {}, 200)]);
  assert.equal(best?.id, 'b');
  // explicit trainingSeconds takes precedence over finalMetrics.training_seconds
  const x = { ...trial('x', 0.99, {}, 500), trainingSeconds: 10 };
  assert.equal(selectBestTrial([trial('a', 0.99, {}, 50), x])?.id, 'x');
});

test('float noise within epsilon is a tie', () => {
  const best = selectBestTrial([trial('a', 0.99, { loss: 0.06 }), trial('b', 0.99 + 1e-12, { loss: 0.04 })]);
  assert.equal(best?.id, 'b');
});

test('trials without the objective are skipped; empty list gives null', () => {
  assert.equal(selectBestTrial([trial('a', undefined), trial('b', 0.5)])?.id, 'b');
  assert.equal(selectBestTrial([trial('a', undefined)]), null);
  assert.equal(selectBestTrial([]), null);
  assert.equal(selectBestTrial([{ id: 'n', finalMetrics: null, lastEpoch: null }]), null);
});

test('missing last-epoch metrics rank last on their criterion', () => {
  const noEpoch: BestTrialCandidate = { id: 'n', finalMetrics: { test_accuracy: 0.99 }, lastEpoch: null };
  assert.equal(selectBestTrial([noEpoch, trial('b', 0.99)])?.id, 'b');
});

test('MINIMIZE objective (e.g. test_loss)', () => {
  const a: BestTrialCandidate = { id: 'a', finalMetrics: { test_loss: 0.05 }, lastEpoch: null };
  const b: BestTrialCandidate = { id: 'b', finalMetrics: { test_loss: 0.03 }, lastEpoch: null };
  assert.equal(selectBestTrial([a, b], { metric: 'test_loss', direction: 'MINIMIZE' })?.id, 'b');
  assert.ok(compareTrials(b, a, { metric: 'test_loss', direction: 'MINIMIZE' }) < 0);
});

test('complete tie keeps the earlier trial', () => {
  assert.equal(selectBestTrial([trial('first', 0.99), trial('second', 0.99)])?.id, 'first');
});
