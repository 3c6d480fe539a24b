import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExperimentProgress } from './progress.js';
import type { TrialRow } from './queries.js';

const trial = (over: Partial<TrialRow>): TrialRow => ({
  id: 't1',
  experimentId: 'e1',
  index: 0,
  name: 'run_1_baseline',
  status: 'QUEUED',
  paramMap: { epochs: 4 },
  currentEpoch: null,
  latestMetrics: {},
  finalMetrics: null,
  attempt: 1,
  error: null,
  startedAt: null,
  finishedAt: null,
  ...over,
});

test('metric events advance epochs; terminal success is 100%', () => {
  const p = new ExperimentProgress('e1');
  p.applyExperiment({ name: 'exp', status: 'RUNNING', progress: 0.25 });
  p.applyTrial(trial({ status: 'RUNNING' }));
  p.applyTrial(trial({ id: 't2', index: 1, name: 'run_2', status: 'QUEUED' }));
  p.applyMetrics([
    { trialId: 't1', key: 'train_loss', step: 0, value: 0.5 },
    { trialId: 't1', key: 'val_accuracy', step: 1, value: 0.97 },
    { trialId: 'other', key: 'val_accuracy', step: 3, value: 0.1 },
  ]);
  const t1 = p.trials.get('t1')!;
  assert.equal(t1.epochsDone, 2);
  assert.equal(p.fraction(t1), 0.5);
  const lines = p.render();
  assert.equal(lines.length, 3);
  assert.match(lines[0]!, /^experiment exp {2}RUNNING .* 0\/2 trials done$/);
  assert.match(lines[1]!, /run_1_baseline {2}RUNNING .*\[#{12}\.{12}\] {2}50% {2}epoch 2\/4 +val_acc 97\.00 %/);
  assert.match(lines[2]!, /run_2 .*QUEUED .* 0% {2}epoch 0\/4/);

  // A stale row (currentEpoch behind the metric events) does not move the bar back.
  p.applyTrial(trial({ status: 'RUNNING', currentEpoch: 1 }));
  assert.equal(p.trials.get('t1')!.epochsDone, 2);
  p.applyTrial(trial({ status: 'SUCCEEDED', currentEpoch: 4, finalMetrics: { test_accuracy: 0.98, test_loss: 0.06 } }));
  assert.equal(p.fraction(p.trials.get('t1')!), 1);
  assert.match(p.render()[1]!, /SUCCEEDED .*100% .*test_acc 98\.00 % +test_loss 0\.06/);
});

test('a retried trial starts from zero', () => {
  const p = new ExperimentProgress('e1');
  p.applyTrial(trial({ status: 'FAILED', currentEpoch: 3, error: 'boom' }));
  assert.match(p.render()[1]!, /FAILED .* boom$/);
  p.applyTrial(trial({ status: 'QUEUED', currentEpoch: 0 }));
  assert.equal(p.trials.get('t1')!.epochsDone, 0);
});
