import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@trialgrid/errors';
import { resolveTrainOptions, validateTrainParams } from '@trialgrid/contracts';
import type { Experiment, Trial } from '@trialgrid/db';
import { planExperiment } from '@trialgrid/sweep';
import { buildDispatch, dispatchMsgId, loadSchedulerConfig } from './index.js';

test('config defaults follow ENV.md', () => {
  assert.deepEqual(loadSchedulerConfig({}), {
    maxGridTrials: 1000,
    ackWaitMs: 60_000,
    maxDeliver: 3,
    workerStaleAfterMs: 30_000,
    dispatchIntervalMs: 5_000,
    reconcileIntervalMs: 30_000,
  });
  const c = loadSchedulerConfig({ MAX_GRID_TRIALS: '20', ACK_WAIT: '2s', MAX_DELIVER: '5', WORKER_STALE_AFTER: '1m' });
  assert.deepEqual([c.maxGridTrials, c.ackWaitMs, c.maxDeliver, c.workerStaleAfterMs], [20, 2000, 5, 60_000]);
  assert.throws(() => loadSchedulerConfig({ MAX_DELIVER: '0', ACK_WAIT: 'soon' }), (err: unknown) => {
    assert.ok(err instanceof AppError);
    assert.match(err.message, /MAX_DELIVER/);
    assert.match(err.message, /ACK_WAIT/);
    return true;
  });
});

test('buildDispatch carries spec, camelCase train params, MLflow params and run options', () => {
  const plan = planExperiment({ name: 'd', preset: 'DOCUMENTED_RUNS', epochs: 1, trainLimit: 300 });
  const run3 = plan.trials[2]!;
  const trial = { id: 't-3', experimentId: 'e-1', name: run3.name, spec: run3.spec, attempt: 0, updatedAt: new Date(1000) } as unknown as Trial;
  const exp = { id: 'e-1', dataset: 'mnist', options: plan.options } as unknown as Experiment;
  const d = buildDispatch(trial, exp, run3.params);
  // optimizer: every trial logs it (the seed's adam here), so its dispatch names it.
  assert.deepEqual(d.train, { optimizer: 'adam', learningRate: 0.0005, batchSize: 64, epochs: 1, validationSplit: 0.1, seed: 42 });
  assert.deepEqual(d.options, { trainLimit: 300 });
  assert.equal(d.params['model_type'], 'optimized');
  assert.equal(d.name, 'run_3_optimized');
  assert.deepEqual(d.spec, run3.spec);
  assert.equal(dispatchMsgId(trial), 't-3:1:1000');
  assert.equal(dispatchMsgId({ id: 't-3', attempt: 2, updatedAt: new Date(1000) }, 'r1'), 't-3:3:1000:r1');
  // Stopped while queued and retried at once: same attempt count, new row version, new id
  // (the old id would be dropped as a duplicate within the stream's 2-minute window).
  assert.notEqual(dispatchMsgId({ id: 't-3', attempt: 0, updatedAt: new Date(2000) }), dispatchMsgId(trial));
});

test('buildDispatch carries the training options a trial sets (issue 15): what the worker trains is what was planned', () => {
  const plan = planExperiment({
    name: 'o',
    searchSpace: {
      algorithm: 'GRID',
      base: { preset: 'baseline', epochs: 4, lrSchedule: 'step', warmupEpochs: 0.5, augmentShift: 2, augmentRotation: 5, earlyStoppingPatience: 2, earlyStoppingMetric: 'val_accuracy' },
      parameters: [{ name: 'optimizer', values: ['adam', 'adamw', 'sgd'] }],
    },
  });
  for (const t of plan.trials) {
    const trial = { id: `t-${t.index}`, experimentId: 'e-1', name: t.name, spec: t.spec, attempt: 0, updatedAt: new Date(1000) } as unknown as Trial;
    const d = buildDispatch(trial, { id: 'e-1', dataset: 'mnist', options: plan.options } as unknown as Experiment, t.params);
    assert.deepEqual(resolveTrainOptions(validateTrainParams(d.train)), resolveTrainOptions(t.train), t.name);
    assert.deepEqual(d.train.lrSchedule, 'step');
  }
  const sgd = plan.trials[2]!;
  const d = buildDispatch({ id: 't', experimentId: 'e-1', name: sgd.name, spec: sgd.spec, attempt: 0, updatedAt: new Date(1000) } as unknown as Trial, { id: 'e-1', dataset: 'mnist', options: {} } as unknown as Experiment, sgd.params);
  assert.deepEqual(
    { optimizer: d.train.optimizer, momentum: d.train.momentum, weightDecay: d.train.weightDecay, augmentShift: d.train.augmentShift, earlyStoppingPatience: d.train.earlyStoppingPatience },
    { optimizer: 'sgd', momentum: 0.9, weightDecay: 0, augmentShift: 2, earlyStoppingPatience: 2 },
  );
});

test('buildDispatch reads the train params through the one name map and fills nothing in: a missing or invalid stored value is INVALID_INPUT naming it', () => {
  const plan = planExperiment({ name: 'm', preset: 'DOCUMENTED_RUNS', epochs: 1 });
  const run = plan.trials[0]!;
  const trial = { id: 't', experimentId: 'e-1', name: run.name, spec: run.spec, attempt: 0, updatedAt: new Date(1000) } as unknown as Trial;
  const exp = { id: 'e-1', dataset: 'mnist', options: {} } as unknown as Experiment;
  const refused = (params: Record<string, unknown>, field: string) =>
    assert.throws(
      () => buildDispatch(trial, exp, params),
      (err: unknown) => err instanceof AppError && err.code === 'INVALID_INPUT' && err.details?.['field'] === field && err.message.includes(field),
      JSON.stringify(params),
    );
  // Issue 11 case 1's shape: these used to train silently with 0.001, 128, 5 epochs, 0.1, 42.
  const { learning_rate: _lr, ...noLr } = run.params;
  refused(noLr, 'learning_rate');
  refused({ ...run.params, learning_rate: null }, 'learning_rate');
  refused({ ...run.params, learning_rate: 'fast' }, 'learning_rate');
  refused({ ...run.params, batch_size: 0 }, 'batch_size');
  refused({ ...run.params, epochs: 2.5 }, 'epochs');
  refused({ ...run.params, validation_split: 1 }, 'validation_split');
  // An option present but out of its rule is refused too (it used to be dropped, i.e. the default trained).
  refused({ ...run.params, lr_schedule: 'sometimes' }, 'lr_schedule');
  // Only own keys are stored values (a value inherited through the prototype is not).
  refused(Object.assign(Object.create({ seed: 7 }) as Record<string, unknown>, Object.fromEntries(Object.entries(run.params).filter(([k]) => k !== 'seed'))), 'seed');
  assert.equal(buildDispatch(trial, exp, run.params).train.learningRate, run.train.learningRate);
});
