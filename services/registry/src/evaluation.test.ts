import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEvaluation, sameEvaluation, testSetSize } from './evaluation.js';

const set = (size: number, fingerprint: string | null) => ({ dataset: 'mnist', split: 'test', size, fingerprint, description: describeEvaluation('mnist', 'test', size) });

test('evaluation sets compare by fingerprint, else by description', () => {
  assert.equal(describeEvaluation('mnist', 'test', 1000), 'mnist test[0:1000]');
  assert.equal(sameEvaluation(set(1000, 'sha256:a'), set(1000, 'sha256:a')), true);
  assert.equal(sameEvaluation(set(1000, 'sha256:a'), set(1000, 'sha256:b')), false, 'same size, different bytes');
  assert.equal(sameEvaluation(set(1000, null), set(1000, null)), true);
  assert.equal(sameEvaluation(set(1000, null), set(10000, null)), false);
  assert.equal(sameEvaluation(set(1000, 'sha256:a'), null), false, 'a version without an evaluation set is never like for like');
});

test('test-set size: the confusion matrix total, else testLimit capped at the split, else the split', () => {
  assert.equal(testSetSize({ confusionMatrix: [[3, 1], [0, 6]] }, 500), 10);
  assert.equal(testSetSize({}, 1000), 1000);
  assert.equal(testSetSize(null, 50_000), 10_000);
  assert.equal(testSetSize(undefined, undefined), 10_000);
});
