import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateMedianRule, median, shouldStopByMedian, type StepValue } from './index.js';

const series = (...values: number[]): StepValue[] => values.map((value, step) => ({ step, value }));
const max = { direction: 'MAXIMIZE' as const, startStep: 1, minTrials: 2 };

test('median of odd and even lists', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test('stops a trial whose best is below the median of running averages', () => {
  const others = [series(0.9, 0.95), series(0.8, 0.9), series(0.85, 0.92)];
  // running averages at step 1: 0.925, 0.85, 0.885 -> median 0.885
  const d = evaluateMedianRule(max, series(0.5, 0.6), others, 1);
  assert.equal(d.stop, true);
  assert.equal(d.compared, 3);
  assert.ok(Math.abs(d.median! - 0.885) < 1e-12);
  assert.equal(d.best, 0.6);
  // best-so-far counts: an early good value keeps the trial alive
  assert.equal(shouldStopByMedian(max, series(0.95, 0.2), others, 1), false);
});

test('does not stop before startStep or with too few trials at the step', () => {
  const poor = series(0.1, 0.1, 0.1);
  const good = [series(0.9, 0.9, 0.9), series(0.9, 0.9, 0.9)];
  assert.equal(shouldStopByMedian({ ...max, startStep: 2 }, poor, good, 1), false);
  assert.equal(shouldStopByMedian({ ...max, startStep: 2 }, poor, good, 2), true);
  assert.equal(shouldStopByMedian({ ...max, minTrials: 3 }, poor, good, 1), false);
  // trials that have not reached the step are not compared
  assert.equal(shouldStopByMedian(max, poor, [series(0.9), series(0.9)], 1), false);
  assert.equal(shouldStopByMedian(max, [], good, 1), false);
});

test('equal to the median is not worse', () => {
  assert.equal(shouldStopByMedian(max, series(0.5, 0.5), [series(0.5, 0.5), series(0.5, 0.5)], 1), false);
});

test('MINIMIZE flips the comparison', () => {
  const min = { direction: 'MINIMIZE' as const, startStep: 1, minTrials: 2 };
  const others = [series(0.3, 0.2), series(0.4, 0.25)];
  assert.equal(shouldStopByMedian(min, series(0.9, 0.8), others, 1), true);
  assert.equal(shouldStopByMedian(min, series(0.9, 0.1), others, 1), false);
});

test('only steps up to the current one count', () => {
  // the other trials' later values (step 2) must not influence the decision at step 1
  const others = [[...series(0.5, 0.5), { step: 2, value: 0.99 }], [...series(0.5, 0.5), { step: 2, value: 0.99 }]];
  assert.equal(shouldStopByMedian(max, series(0.55, 0.55), others, 1), false);
  assert.equal(shouldStopByMedian(max, [...series(0.4, 0.4), { step: 2, value: 0.9 }], others, 1), true);
});
