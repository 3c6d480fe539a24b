// The one validation path of CreateExperimentInput (planExperiment: the gateway, the CLI and the
// scheduler all call it), including the failing inputs of issue 11 and others of the same kinds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@trialgrid/errors';
import { ENGINE_LIMITS, dropNulls, validateTrainParams } from '@trialgrid/contracts';
import { planExperiment } from './expand.js';

function rejects(input: unknown, field: string, message?: RegExp, maxTrials = 1000): AppError {
  let caught: unknown;
  try {
    planExperiment(input, { maxTrials });
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof AppError, `expected INVALID_INPUT for ${field}, got ${String(caught)}`);
  assert.equal(caught.code, 'INVALID_INPUT', caught.message);
  assert.equal(caught.details?.['field'], field, caught.message);
  if (message) assert.match(caught.message, message);
  return caught;
}

const explicit = (trial: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ name: 'x', searchSpace: { algorithm: 'EXPLICIT', trials: [trial] }, ...extra });

test('grid size is the product of the value counts and is capped by the trial limit', () => {
  const grid = (a: number, b: number) => ({
    name: 'g',
    searchSpace: {
      algorithm: 'GRID',
      parameters: [
        { name: 'filters', values: Array.from({ length: a }, (_, i) => i + 1) },
        { name: 'batchSize', values: Array.from({ length: b }, (_, i) => i + 1) },
      ],
    },
  });
  assert.equal(planExperiment(grid(10, 100), { maxTrials: 1000 }).trials.length, 1000);
  rejects(grid(11, 100), 'searchSpace.parameters');
  rejects(grid(3, 3), 'searchSpace.parameters', undefined, 8);
});

test('negative or zero learning rates are rejected wherever they appear', () => {
  rejects({ name: 'x', searchSpace: { algorithm: 'EXPLICIT', trials: [{}, { learningRate: -0.1 }] } }, 'searchSpace.trials.1.learningRate');
  rejects({ name: 'x', searchSpace: { algorithm: 'GRID', base: { learningRate: 0 }, parameters: [{ name: 'epochs', values: [1] }] } }, 'searchSpace.base.learningRate');
  rejects({ name: 'x', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'learning_rate', values: [0.01, -1] }] } }, 'searchSpace.parameters.0.values.1');
  rejects({ name: 'x', searchSpace: { algorithm: 'RANDOM', trialCount: 3, parameters: [{ name: 'learningRate', min: -1, max: 0.1, log: true }] } }, 'searchSpace.parameters.0.min');
});

test('structure: a search space or a preset, counts and limits', () => {
  rejects({ name: 'x' }, 'searchSpace');
  rejects({ name: 'x', preset: 'DOCUMENTED_RUNS', searchSpace: { algorithm: 'EXPLICIT', trials: [{}] } }, 'preset');
  rejects({ name: ' ', preset: 'DOCUMENTED_RUNS' }, 'name');
  rejects({ name: 'x', preset: 'DOCUMENTED_RUNS', maxParallelTrials: 0 }, 'maxParallelTrials');
  rejects({ name: 'x', preset: 'DOCUMENTED_RUNS', epochs: 0 }, 'epochs');
  rejects({ name: 'x', searchSpace: { algorithm: 'EXPLICIT', trials: [] } }, 'searchSpace.trials');
  rejects({ name: 'x', searchSpace: { algorithm: 'RANDOM', trialCount: 1001, parameters: [{ name: 'seed', min: 1, max: 9 }] } }, 'searchSpace.trialCount');
  rejects(explicit({ convDropout: 1 }), 'searchSpace.trials.0.convDropout');
  assert.equal(planExperiment({ name: 'x', preset: 'DOCUMENTED_RUNS' }).trials.length, 3);
});

test('dropNulls drops null object fields (GraphQL "not given") but keeps array items and falsy values', () => {
  assert.deepEqual(dropNulls({ a: null, b: 0, c: false, d: { e: null, f: [1, { g: null, h: '' }] } }), { b: 0, c: false, d: { f: [1, { h: '' }] } });
});

test('issue 11 case 1 and its kind: non-finite numbers are refused in every numeric field', () => {
  for (const bad of [Infinity, -Infinity, NaN]) {
    rejects(explicit({ learningRate: bad }), 'searchSpace.trials.0.learningRate', /finite/);
    rejects(explicit({ convDropout: bad }), 'searchSpace.trials.0.convDropout');
    rejects(explicit({ batchSize: bad }), 'searchSpace.trials.0.batchSize');
    rejects({ name: 'x', searchSpace: { algorithm: 'RANDOM', trialCount: 2, parameters: [{ name: 'learningRate', min: 0.001, max: bad }] } }, 'searchSpace.parameters.0.max');
    rejects({ name: 'x', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'learningRate', values: [0.01, bad] }] } }, 'searchSpace.parameters.0.values.1');
    rejects({ name: 'x', preset: 'DOCUMENTED_RUNS', maxParallelTrials: bad }, 'maxParallelTrials');
  }
});

test('issue 11 case 2 and its kind: what the trainer refuses is refused at creation, naming the field', () => {
  rejects(explicit({ batchSize: 10000 }), 'searchSpace.trials.0.batchSize', /8192/);
  rejects(explicit({ batchSize: ENGINE_LIMITS.batchSize.max + 1 }), 'searchSpace.trials.0.batchSize');
  rejects(explicit({ learningRate: 10 }), 'searchSpace.trials.0.learningRate');
  rejects(explicit({ validationSplit: 0.95 }), 'searchSpace.trials.0.validationSplit');
  rejects({ name: 'x', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'batch_size', values: [64, 10000] }] } }, 'searchSpace.parameters.0.values.1');
  rejects({ name: 'x', searchSpace: { algorithm: 'RANDOM', trialCount: 2, parameters: [{ name: 'batchSize', min: 32, max: 20000 }] } }, 'searchSpace.parameters.0.max');
  // A validation split that leaves no training image out of trainLimit: the trainer's check, at creation.
  rejects(explicit({ validationSplit: 0.5 }, { trainLimit: 1 }), 'searchSpace.trials.0.validationSplit', /no training images/);
  rejects({ name: 'x', preset: 'DOCUMENTED_RUNS', trainLimit: 1 }, 'preset.validationSplit', /no training images/);
  // A model larger than the engine's parameter limit.
  rejects(explicit({ filters: 1024, hiddenUnits: 8192 }), 'searchSpace.trials.0.hiddenUnits', /parameters/);
  // A model name the registry would refuse.
  rejects({ name: 'x', preset: 'DOCUMENTED_RUNS', modelName: 'm'.repeat(257) }, 'modelName');
  // And every value the creation check accepts, the trainer accepts.
  const plan = planExperiment({ name: 'x', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'batchSize', values: [1, 8192] }, { name: 'learningRate', values: [1e-9, 9.99] }] } });
  for (const t of plan.trials) assert.doesNotThrow(() => validateTrainParams(t.train, 60000));
});

test('issue 11 case 3 and its kind: text that Postgres cannot store is refused, naming the field', () => {
  rejects({ name: 'a\u0000b', preset: 'DOCUMENTED_RUNS' }, 'name', /NUL/);
  rejects({ name: 'bad\uD800', preset: 'DOCUMENTED_RUNS' }, 'name', /surrogate/);
  rejects({ name: 'x', preset: 'DOCUMENTED_RUNS', modelName: 'm\u0000' }, 'modelName');
  rejects({ name: 'x', preset: 'DOCUMENTED_RUNS', dataset: '\u0000' }, 'dataset');
  rejects(explicit({ name: 'run\u0000' }), 'searchSpace.trials.0.name');
  rejects({ name: 'x', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'preset', values: ['base\u0000line'] }] } }, 'searchSpace.parameters.0.values.0');
  // A paired surrogate (an emoji) is fine.
  assert.equal(planExperiment({ name: 'ok 🚀', preset: 'DOCUMENTED_RUNS' }).name, 'ok 🚀');
});

test('issue 11 case 4 and its kind: any unknown parameter name is INVALID_INPUT, inherited object keys included', () => {
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'learningrate', '']) {
    const field = name === '' ? 'searchSpace.parameters.0.name' : 'searchSpace.parameters.0.name';
    rejects({ name: 'x', searchSpace: { algorithm: 'GRID', parameters: [{ name, values: [1] }] } }, field);
    rejects({ name: 'x', searchSpace: { algorithm: 'RANDOM', trialCount: 1, parameters: [{ name, min: 1, max: 2 }] } }, field);
  }
  // Unknown keys inside objects are refused too (JSON can carry a "__proto__" key).
  rejects(JSON.parse('{"name":"x","preset":"DOCUMENTED_RUNS","__proto__":{"x":1}}'), '__proto__');
});

test('issue 11 case 6 and its kind: objectives and early-stopping metrics must be ones the trials produce', () => {
  rejects({ name: 'x', preset: 'DOCUMENTED_RUNS', objective: { metric: 'val_acc', direction: 'MAXIMIZE' } }, 'objective.metric', /val_accuracy/);
  rejects({ name: 'x', preset: 'DOCUMENTED_RUNS', objective: { metric: 'accuracy' } }, 'objective.metric');
  rejects({ name: 'x', preset: 'DOCUMENTED_RUNS', earlyStopping: { metric: 'test_accuracy' } }, 'earlyStopping.metric');
  for (const metric of ['val_loss', 'test_loss', 'test_accuracy', 'val_accuracy', 'training_seconds']) {
    assert.equal(planExperiment({ name: 'x', preset: 'DOCUMENTED_RUNS', objective: { metric, direction: 'MINIMIZE' } }).objective.metric, metric);
  }
});

test('an objective or early-stopping metric on the validation split is refused when a trial holds out none (validationSplit 0)', () => {
  // Before: accepted; the trial trained, reported no val_loss, and the experiment ended SUCCEEDED with no best trial and no model.
  rejects(explicit({ validationSplit: 0 }, { objective: { metric: 'val_loss', direction: 'MINIMIZE' } }), 'objective.metric', /trial_1 has validationSplit 0/);
  rejects(explicit({ validationSplit: 0 }, { objective: { metric: 'val_accuracy', direction: 'MAXIMIZE' } }), 'objective.metric', /val_accuracy/);
  // One trial of a grid without a validation split is enough to refuse; the median rule on val_* too.
  const grid = { algorithm: 'GRID', base: { preset: 'baseline' }, parameters: [{ name: 'validation_split', values: [0.1, 0] }] };
  rejects({ name: 'x', searchSpace: grid, objective: { metric: 'val_loss', direction: 'MINIMIZE' } }, 'objective.metric', /validationSplit 0/);
  rejects({ name: 'x', searchSpace: grid, earlyStopping: { metric: 'val_accuracy' } }, 'earlyStopping.metric', /validationSplit 0/);
  rejects(explicit({ validationSplit: 0 }, { earlyStopping: { metric: 'val_loss', direction: 'MINIMIZE' } }), 'earlyStopping.metric');
  // Metrics every trial reports stay accepted with validationSplit 0.
  for (const metric of ['test_accuracy', 'train_loss', 'train_accuracy']) {
    assert.equal(planExperiment(explicit({ validationSplit: 0 }, { objective: { metric, direction: 'MAXIMIZE' } })).objective.metric, metric);
  }
  assert.equal(planExperiment(explicit({ validationSplit: 0 }, { earlyStopping: { metric: 'train_loss', direction: 'MINIMIZE' } })).earlyStopping?.metric, 'train_loss');
  assert.equal(planExperiment(explicit({ validationSplit: 0.1 }, { objective: { metric: 'val_loss', direction: 'MINIMIZE' } })).objective.metric, 'val_loss');
});
