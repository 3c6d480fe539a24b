import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countParams, type DataShape } from '@trialgrid/contracts';
import { AppError } from '@trialgrid/errors';
import { createRng, gridSize, parseExperimentInput, planExperiment } from './index.js';

function invalid(raw: unknown, field: string, options: { maxTrials?: number; message?: RegExp; data?: DataShape } = {}): void {
  assert.throws(
    () => planExperiment(raw, { ...(options.maxTrials === undefined ? {} : { maxTrials: options.maxTrials }), ...(options.data ? { data: options.data } : {}) }),
    (err: unknown) => {
      assert.ok(err instanceof AppError, `expected AppError, got ${String(err)}`);
      assert.equal(err.code, 'INVALID_INPUT');
      assert.equal(err.details?.['field'], field, err.message);
      if (options.message) assert.match(err.message, options.message);
      return true;
    },
  );
}

const explicit = (trial: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  name: 'e',
  searchSpace: { algorithm: 'EXPLICIT', trials: [trial] },
  ...extra,
});

test('DOCUMENTED_RUNS expands to exactly the seed runs', () => {
  const plan = planExperiment({ name: 'doc', preset: 'DOCUMENTED_RUNS' });
  assert.deepEqual(
    plan.trials.map((t) => t.name),
    ['run_1_baseline', 'run_2_enhanced', 'run_3_optimized'],
  );
  assert.deepEqual(
    plan.trials.map((t) => t.train),
    [
      { learningRate: 0.001, batchSize: 128, epochs: 5, validationSplit: 0.1, seed: 42 },
      { learningRate: 0.001, batchSize: 128, epochs: 5, validationSplit: 0.1, seed: 42 },
      { learningRate: 0.0005, batchSize: 64, epochs: 5, validationSplit: 0.1, seed: 42 },
    ],
  );
  const pick = (i: number) => {
    const p = plan.trials[i]!.params;
    return [p['model_type'], p['filters'], p['hidden_units'], p['conv_dropout'], p['dense_dropout'], p['learning_rate'], p['batch_size'], p['epochs'], p['validation_split'], p['seed'], p['optimizer'], p['dataset']];
  };
  assert.deepEqual(pick(0), ['baseline', 32, 0, 0, 0, 0.001, 128, 5, 0.1, 42, 'adam', 'mnist']);
  assert.deepEqual(pick(1), ['enhanced', 64, 128, 0.25, 0.5, 0.001, 128, 5, 0.1, 42, 'adam', 'mnist']);
  assert.deepEqual(pick(2), ['optimized', 64, 128, 0.25, 0.5, 0.0005, 64, 5, 0.1, 42, 'adam', 'mnist']);
  // Architectures: baseline conv→pool→flatten→dense(10); enhanced adds both dropouts and dense(128).
  assert.deepEqual(
    plan.trials[0]!.spec.layers.map((l) => l.type),
    ['conv2d', 'maxPooling2d', 'flatten', 'dense'],
  );
  assert.deepEqual(plan.trials[2]!.spec.layers, [
    { type: 'conv2d', filters: 64, kernelSize: 3, activation: 'relu' },
    { type: 'maxPooling2d', poolSize: 2 },
    { type: 'dropout', rate: 0.25 },
    { type: 'flatten' },
    { type: 'dense', units: 128, activation: 'relu' },
    { type: 'dropout', rate: 0.5 },
    { type: 'dense', units: 10, activation: 'softmax' },
  ]);
  assert.deepEqual(plan.searchSpace, { preset: 'DOCUMENTED_RUNS' });
  assert.deepEqual(plan.trials.map((t) => t.index), [0, 1, 2]);
});

test('DOCUMENTED_RUNS honours epochs / trainLimit / testLimit overrides and defaults', () => {
  const plan = planExperiment({ name: 'quick', preset: 'DOCUMENTED_RUNS', epochs: 1, trainLimit: 500, testLimit: 100 });
  assert.deepEqual(plan.trials.map((t) => t.train.epochs), [1, 1, 1]);
  assert.deepEqual(plan.trials.map((t) => t.params['epochs']), [1, 1, 1]);
  assert.deepEqual(plan.options, { trainLimit: 500, testLimit: 100, epochs: 1 });
  assert.equal(plan.maxParallelTrials, 2);
  assert.equal(plan.maxFailedTrials, 3);
  assert.equal(plan.modelName, 'Mnist_Best_Model');
  assert.equal(plan.dataset, 'mnist');
  assert.deepEqual(plan.objective, { metric: 'test_accuracy', direction: 'MAXIMIZE' });
  assert.equal(plan.earlyStopping, null);
});

test('GraphQL nulls count as omitted', () => {
  const plan = planExperiment({ name: 'n', preset: 'DOCUMENTED_RUNS', searchSpace: null, objective: null, earlyStopping: null, epochs: null, trainLimit: null });
  assert.equal(plan.trials.length, 3);
  assert.deepEqual(plan.options, {});
});

test('early stopping defaults', () => {
  const plan = planExperiment({ name: 'es', preset: 'DOCUMENTED_RUNS', earlyStopping: {} });
  assert.deepEqual(plan.earlyStopping, { rule: 'median', metric: 'val_accuracy', direction: 'MAXIMIZE', minTrials: 2, startStep: 1 });
  invalid({ name: 'es', preset: 'DOCUMENTED_RUNS', earlyStopping: { rule: 'asha' } }, 'earlyStopping.rule');
});

test('EXPLICIT keeps the list, fills seed defaults, applies presets and knobs', () => {
  const plan = planExperiment({
    name: 'e',
    dataset: 'fashion-mnist',
    searchSpace: {
      algorithm: 'EXPLICIT',
      trials: [{ name: 'small', filters: 8 }, { preset: 'enhanced', learningRate: 0.002, hiddenUnits: 32 }, {}],
    },
  });
  assert.deepEqual(plan.trials.map((t) => t.name), ['small', 'trial_2_enhanced', 'trial_3']);
  assert.deepEqual(plan.trials[0]!.train, { learningRate: 0.001, batchSize: 128, epochs: 5, validationSplit: 0.1, seed: 42 });
  assert.equal(plan.trials[0]!.spec.modelType, 'custom');
  assert.equal(plan.trials[0]!.params['filters'], 8);
  assert.equal(plan.trials[0]!.params['dataset'], 'fashion-mnist');
  const t1 = plan.trials[1]!;
  assert.equal(t1.spec.modelType, 'enhanced');
  assert.equal(t1.params['hidden_units'], 32);
  assert.equal(t1.params['conv_dropout'], 0.25);
  assert.equal(t1.params['learning_rate'], 0.002);
  assert.deepEqual(t1.spec.layers[4], { type: 'dense', units: 32, activation: 'relu' });
});

test('GRID is the cartesian product over base, last parameter fastest', () => {
  const plan = planExperiment({
    name: 'g',
    epochs: 2,
    searchSpace: {
      algorithm: 'GRID',
      base: { preset: 'baseline', batchSize: 32 },
      parameters: [
        { name: 'learning_rate', values: [0.001, 0.01] },
        { name: 'filters', values: [8, 16, 32] },
      ],
    },
  });
  assert.equal(plan.trials.length, 6);
  assert.deepEqual(
    plan.trials.map((t) => [t.train.learningRate, t.params['filters']]),
    [[0.001, 8], [0.001, 16], [0.001, 32], [0.01, 8], [0.01, 16], [0.01, 32]],
  );
  assert.ok(plan.trials.every((t) => t.train.batchSize === 32 && t.train.epochs === 2 && t.spec.modelType === 'baseline'));
  assert.equal(plan.trials[4]!.name, 'trial_5 (learning_rate=0.01, filters=16)');
  assert.equal(gridSize({ algorithm: 'GRID', parameters: [{ name: 'a', values: [1, 2], log: false, integer: false }, { name: 'b', values: [1, 2, 3], log: false, integer: false }] }), 6);
});

test('GRID may vary the preset', () => {
  const plan = planExperiment({ name: 'g', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'preset', values: ['baseline', 'enhanced'] }] } });
  assert.deepEqual(plan.trials.map((t) => t.params['model_type']), ['baseline', 'enhanced']);
  invalid({ name: 'g', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'preset', values: ['huge'] }] } }, 'searchSpace.parameters.0.values.0');
});

test('grid size limit is configurable (default 1000)', () => {
  const values = Array.from({ length: 40 }, (_, i) => i + 1);
  const big = { name: 'g', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'filters', values }, { name: 'seed', values }] } };
  invalid(big, 'searchSpace.parameters', { message: /1600 trials exceeds the limit of 1000/ });
  assert.equal(planExperiment(big, { maxTrials: 1600 }).trials.length, 1600);
  invalid({ name: 'g', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'filters', values: [1, 2, 3] }] } }, 'searchSpace.parameters', { maxTrials: 2 });
  invalid({ name: 'e', searchSpace: { algorithm: 'EXPLICIT', trials: [{}, {}, {}] } }, 'searchSpace.trials', { maxTrials: 2 });
  invalid({ name: 'r', searchSpace: { algorithm: 'RANDOM', trialCount: 3, parameters: [{ name: 'seed', min: 1, max: 9 }] } }, 'searchSpace.trialCount', { maxTrials: 2 });
});

test('RANDOM is reproducible with a seed and respects ranges', () => {
  const raw = (seed: number) => ({
    name: 'r',
    searchSpace: {
      algorithm: 'RANDOM',
      trialCount: 25,
      seed,
      parameters: [
        { name: 'learningRate', min: 0.0001, max: 0.1, log: true },
        { name: 'filters', min: 8, max: 64, integer: true },
        { name: 'denseDropout', min: 0, max: 0.5 },
        { name: 'batchSize', values: [32, 64, 128] },
      ],
      base: { preset: 'enhanced' },
    },
  });
  const a = planExperiment(raw(7));
  const b = planExperiment(raw(7));
  const c = planExperiment(raw(8));
  assert.deepEqual(a.trials, b.trials);
  assert.notDeepEqual(a.trials.map((t) => t.params), c.trials.map((t) => t.params));
  assert.equal(a.trials.length, 25);
  for (const t of a.trials) {
    const lr = t.train.learningRate;
    assert.ok(lr >= 0.0001 && lr <= 0.1, `lr ${lr}`);
    const f = t.params['filters'] as number;
    assert.ok(Number.isInteger(f) && f >= 8 && f <= 64, `filters ${f}`);
    const d = t.params['dense_dropout'] as number;
    assert.ok(d >= 0 && d <= 0.5);
    assert.ok([32, 64, 128].includes(t.train.batchSize));
    assert.equal(t.params['hidden_units'], 128); // from the preset
  }
  // A log-uniform sampler spreads over the decades: some lr below 0.001 and some above 0.01.
  assert.ok(a.trials.some((t) => t.train.learningRate < 0.001));
  assert.ok(a.trials.some((t) => t.train.learningRate > 0.01));
});

test('createRng is deterministic and in [0,1)', () => {
  const r1 = createRng(123);
  const r2 = createRng(123);
  const xs = Array.from({ length: 1000 }, () => r1());
  assert.deepEqual(xs, Array.from({ length: 1000 }, () => r2()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.05, `mean ${mean}`);
});

test('validation: every documented error names its field', () => {
  invalid({ name: 'x', preset: 'EVERYTHING' }, 'preset', { message: /unknown preset/ });
  invalid(explicit({ learningRate: -0.1 }), 'searchSpace.trials.0.learningRate', { message: /learningRate must be > 0/ });
  invalid(explicit({ learningRate: 0 }), 'searchSpace.trials.0.learningRate');
  invalid(explicit({ batchSize: 0 }), 'searchSpace.trials.0.batchSize', { message: /batchSize/ });
  invalid(explicit({ epochs: 0 }), 'searchSpace.trials.0.epochs');
  invalid(explicit({ epochs: 1001 }), 'searchSpace.trials.0.epochs');
  invalid({ name: 'x', preset: 'DOCUMENTED_RUNS', epochs: 0 }, 'epochs');
  invalid({ name: 'x', preset: 'DOCUMENTED_RUNS', epochs: 5000 }, 'epochs');
  invalid(explicit({ convDropout: 1 }), 'searchSpace.trials.0.convDropout', { message: /\[0, 1\)/ });
  invalid(explicit({ denseDropout: -0.1 }), 'searchSpace.trials.0.denseDropout');
  invalid(explicit({ validationSplit: 0.95 }), 'searchSpace.trials.0.validationSplit');
  invalid(explicit({ validationSplit: -0.1 }), 'searchSpace.trials.0.validationSplit');
  invalid({ name: 'x', searchSpace: { algorithm: 'EXPLICIT', trials: [] } }, 'searchSpace.trials', { message: /empty search space/ });
  invalid({ name: 'x', searchSpace: { algorithm: 'GRID', parameters: [] } }, 'searchSpace.parameters', { message: /empty search space/ });
  invalid({ name: 'x', searchSpace: { algorithm: 'RANDOM', trialCount: 2 } }, 'searchSpace.parameters', { message: /empty search space/ });
  invalid({ name: 'x', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'filters', values: [] }] } }, 'searchSpace.parameters.0.values', { message: /empty/ });
  invalid({ name: 'x' }, 'searchSpace', { message: /searchSpace or preset/ });
  invalid({ name: 'x', preset: 'DOCUMENTED_RUNS', searchSpace: { algorithm: 'EXPLICIT', trials: [{}] } }, 'preset');
  invalid({ name: 'x', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'nesterov', values: [0.9] }] } }, 'searchSpace.parameters.0.name', { message: /unknown parameter/ });
  invalid({ name: 'x', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'seed', values: [1] }, { name: 'seed', values: [2] }] } }, 'searchSpace.parameters.1.name');
  invalid({ name: 'x', searchSpace: { algorithm: 'RANDOM', parameters: [{ name: 'seed', values: [1, 2] }] } }, 'searchSpace.trialCount', { message: /trialCount/ });
  invalid({ name: 'x', preset: 'DOCUMENTED_RUNS', maxParallelTrials: 0 }, 'maxParallelTrials');
  invalid({ name: '' , preset: 'DOCUMENTED_RUNS' }, 'name', { message: /name must not be empty/ });
  invalid({ name: '   ', preset: 'DOCUMENTED_RUNS' }, 'name');
  invalid({ preset: 'DOCUMENTED_RUNS' }, 'name', { message: /required/ });
  invalid({ name: 'x', searchSpace: { algorithm: 'BAYES', parameters: [] } }, 'searchSpace.algorithm');
  invalid({ name: 'x', preset: 'DOCUMENTED_RUNS', maxFailedTrials: -1 }, 'maxFailedTrials');
  invalid({ name: 'x', preset: 'DOCUMENTED_RUNS', trainLimit: 0 }, 'trainLimit');
  invalid({ name: 'x', preset: 'DOCUMENTED_RUNS', color: 'red' }, 'color', { message: /unknown field/ });
  invalid('not an object', '(root)');
});

test('validation: grid values and random ranges are checked per parameter', () => {
  invalid({ name: 'x', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'learningRate', values: [0.01, -1] }] } }, 'searchSpace.parameters.0.values.1', { message: /> 0/ });
  invalid({ name: 'x', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'batchSize', values: [0] }] } }, 'searchSpace.parameters.0.values.0');
  invalid({ name: 'x', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'convDropout', values: [1.0] }] } }, 'searchSpace.parameters.0.values.0');
  invalid({ name: 'x', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'epochs', min: 1, max: 3 }] } }, 'searchSpace.parameters.0.values');
  invalid({ name: 'x', searchSpace: { algorithm: 'GRID', base: { learningRate: -1 }, parameters: [{ name: 'seed', values: [1] }] } }, 'searchSpace.base.learningRate');
  const random = (range: Record<string, unknown>) => ({ name: 'x', searchSpace: { algorithm: 'RANDOM', trialCount: 3, parameters: [range] } });
  invalid(random({ name: 'learningRate', min: 0, max: 0.1, log: true }), 'searchSpace.parameters.0.min');
  invalid(random({ name: 'learningRate', min: 0.1, max: 0.01 }), 'searchSpace.parameters.0.min', { message: /greater than max/ });
  invalid(random({ name: 'learningRate', min: 0.1 }), 'searchSpace.parameters.0.min', { message: /min and max/ });
  invalid(random({ name: 'validationSplit', min: 0, max: 0.95 }), 'searchSpace.parameters.0.max');
  invalid(random({ name: 'filters', min: 4.2, max: 4.8 }), 'searchSpace.parameters.0.min', { message: /no integer/ });
  invalid(random({ name: 'preset', min: 0, max: 1 }), 'searchSpace.parameters.0.values');
  invalid({ name: 'x', searchSpace: { algorithm: 'RANDOM', trialCount: 0, parameters: [{ name: 'seed', values: [1] }] } }, 'searchSpace.trialCount');
});

test('parseExperimentInput applies schema defaults', () => {
  const input = parseExperimentInput({ name: ' spaced ', preset: 'DOCUMENTED_RUNS' });
  assert.equal(input.name, 'spaced');
  assert.equal(input.maxParallelTrials, 2);
  assert.equal(input.dataset, 'mnist');
  // The model name follows the dataset; planExperiment fills it.
  assert.equal(input.modelName, undefined);
  assert.equal(planExperiment(input).modelName, 'Mnist_Best_Model');
});

test('a dataset of another shape: every trial model takes its image shape and class count', () => {
  const data = { inputShape: [12, 10, 3] as [number, number, number], numClasses: 4 };
  const plan = planExperiment({ name: 'd', dataset: 'shapes-4', preset: 'DOCUMENTED_RUNS' }, { data });
  assert.equal(plan.modelName, 'Shapes_4_Best_Model');
  for (const t of plan.trials) {
    assert.deepEqual(t.spec.inputShape, [12, 10, 3]);
    assert.equal(t.spec.numClasses, 4);
    assert.deepEqual(t.spec.layers.at(-1), { type: 'dense', units: 4, activation: 'softmax' });
    assert.equal(t.params['dataset'], 'shapes-4');
  }
  // conv 3×3 (10×8) → pool 2 (5×4) → 32 filters → Dense(4): 3·3·3·32+32 + 5·4·32·4+4
  assert.equal(countParams(plan.trials[0]!.spec), 3 * 3 * 3 * 32 + 32 + 5 * 4 * 32 * 4 + 4);
  // Images too small for the layers: refused at creation, naming the layer.
  invalid({ name: 'tiny', preset: 'DOCUMENTED_RUNS' }, 'preset.layers.0', { data: { inputShape: [2, 2, 1], numClasses: 3 }, message: /larger than its 2×2 input/ });
  // A dataset name that is not a catalog name is refused by the input rules.
  invalid({ name: 'x', dataset: 'CIFAR 10', preset: 'DOCUMENTED_RUNS' }, 'dataset');
});

test('snake_case and camelCase parameter names are equivalent', () => {
  const a = planExperiment({ name: 'a', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'batch_size', values: [16] }, { name: 'hidden_units', values: [8] }] } });
  const b = planExperiment({ name: 'a', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'batchSize', values: [16] }, { name: 'hiddenUnits', values: [8] }] } });
  assert.deepEqual(a.trials[0]!.params, b.trials[0]!.params);
  assert.equal(a.trials[0]!.train.batchSize, 16);
});
