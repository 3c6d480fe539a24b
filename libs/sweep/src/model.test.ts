import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countParams, MNIST_SHAPE, PRESET_MODELS, PRESET_NAMES, PRESET_RUNS, presetSpec, resolveModel, type ModelTemplate } from '@trialgrid/contracts';
import { isAppError } from '@trialgrid/errors';
import { planExperiment } from './expand.js';

/** planExperiment must refuse `raw` with INVALID_INPUT naming `field` (and a message matching `message`). */
function refused(raw: unknown, field: string, message?: RegExp): void {
  assert.throws(
    () => planExperiment(raw),
    (err: unknown) => {
      assert.ok(isAppError(err), String(err));
      assert.equal(err.code, 'INVALID_INPUT');
      assert.equal(err.details?.['field'], field, err.message);
      if (message) assert.match(err.message, message);
      return true;
    },
  );
}

const cnn: ModelTemplate = {
  name: 'cnn',
  params: { width: 16, blocks: 2, head: 'flatten', rate: 0.25 },
  layers: [
    {
      repeat: '$blocks',
      layers: [
        { type: 'conv2d', filters: '$width', kernelSize: 3, padding: 'same', activation: 'linear' },
        { type: 'batchNormalization' },
        { type: 'activation', activation: 'relu' },
        { type: 'maxPooling2d', poolSize: 2 },
      ],
    },
    {
      choose: '$head',
      options: {
        flatten: [{ type: 'flatten' }, { type: 'dense', units: 64, activation: 'relu' }, { type: 'dropout', rate: '$rate' }],
        gap: [{ type: 'globalAveragePooling2d' }],
      },
    },
  ],
};

test('the three documented models written in the language are exactly the presets (specs, parameter counts)', () => {
  for (const name of PRESET_NAMES) {
    const resolved = resolveModel(PRESET_MODELS[name], {}, MNIST_SHAPE).spec;
    assert.deepEqual(resolved, presetSpec(name), name);
  }
  assert.deepEqual(
    PRESET_NAMES.map((n) => countParams(resolveModel(PRESET_MODELS[n], {}, MNIST_SHAPE).spec)),
    [54_410, 1_386_506, 1_386_506],
  );
  // The documented runs are planned from the language; same specs, same logged params as before.
  const plan = planExperiment({ name: 'docs', preset: 'DOCUMENTED_RUNS' });
  assert.deepEqual(
    plan.trials.map((t) => t.spec),
    PRESET_RUNS.map((r) => presetSpec(r.preset)),
  );
  assert.deepEqual(Object.keys(plan.trials[0]!.params), ['model_type', 'filters', 'hidden_units', 'conv_dropout', 'dense_dropout', 'learning_rate', 'batch_size', 'epochs', 'validation_split', 'seed', 'optimizer', 'dataset']);
});

test('repeat, choose and $params resolve per point; a search varies block count, width and the alternative', () => {
  const plan = planExperiment({
    name: 'm',
    searchSpace: {
      algorithm: 'GRID',
      base: { model: cnn, epochs: 1 },
      parameters: [
        { name: 'model.blocks', values: [1, 3] },
        { name: 'model.head', values: ['flatten', 'gap'] },
        { name: 'model.width', values: [8] },
      ],
    },
  });
  assert.equal(plan.trials.length, 4);
  const [one, oneGap, three, threeGap] = plan.trials.map((t) => t.spec);
  assert.equal(one!.layers.filter((l) => l.type === 'conv2d').length, 1);
  assert.equal(three!.layers.filter((l) => l.type === 'conv2d').length, 3);
  assert.ok(oneGap!.layers.some((l) => l.type === 'globalAveragePooling2d'));
  assert.ok(threeGap!.layers.every((l) => l.type !== 'flatten'));
  assert.ok(one!.layers.every((l) => l.type !== 'conv2d' || l.filters === 8));
  // conv 1→8: 80, BN 32; flatten 14·14·8 = 1568 → 64: 100,416; → 10: 650.
  assert.equal(countParams(one!), 80 + 32 + 1568 * 64 + 64 + 650);
  assert.equal(one!.modelType, 'cnn');
  assert.deepEqual(plan.trials[0]!.params, {
    model_type: 'cnn',
    'model.width': 8,
    'model.blocks': 1,
    'model.head': 'flatten',
    'model.rate': 0.25,
    learning_rate: 0.001,
    batch_size: 128,
    epochs: 1,
    validation_split: 0.1,
    seed: 42,
    optimizer: 'adam',
    dataset: 'mnist',
  });
  assert.equal(plan.trials[1]!.name, 'trial_2 (model.blocks=1, model.head=gap, model.width=8)');
  // The output layer comes from the dataset.
  const other = planExperiment({ name: 'm', searchSpace: { algorithm: 'EXPLICIT', trials: [{ model: cnn }] } }, { data: { inputShape: [12, 10, 3], numClasses: 4 } });
  assert.deepEqual(other.trials[0]!.spec.layers.at(-1), { type: 'dense', units: 4, activation: 'softmax' });
  assert.deepEqual(other.trials[0]!.spec.inputShape, [12, 10, 3]);
  // RANDOM over an integer model parameter samples integers.
  const random = planExperiment({ name: 'r', searchSpace: { algorithm: 'RANDOM', trialCount: 5, base: { model: cnn }, parameters: [{ name: 'model.width', min: 4, max: 40 }] } });
  for (const t of random.trials) assert.ok(Number.isInteger(t.params['model.width']));
});

test('shape errors are refused at creation, naming the template layer', () => {
  const base = (layers: unknown[]) => ({ name: 'x', searchSpace: { algorithm: 'EXPLICIT', trials: [{ model: { layers } }] } });
  refused(base([{ type: 'conv2d', filters: 8, kernelSize: 3, activation: 'relu' }, { type: 'dense', units: 8, activation: 'relu' }]), 'searchSpace.trials.0.model.layers.1', /dense needs a flat input, got 26×26×8/);
  refused(base([{ type: 'flatten' }, { type: 'conv2d', filters: 8, kernelSize: 3, activation: 'relu' }]), 'searchSpace.trials.0.model.layers.1', /conv2d needs a 3-d input/);
  // Five 2×2 poolings of 28×28: 14, 7, 3, 1, then a 2×2 window on a 1×1 input.
  refused(
    base([{ repeat: 5, layers: [{ type: 'maxPooling2d', poolSize: 2 }] }, { type: 'flatten' }]),
    'searchSpace.trials.0.model.layers.0.layers.0',
    /pool 2×2 is larger than its 1×1 input/,
  );
  refused(base([{ type: 'conv2d', filters: 8, kernelSize: 30, activation: 'relu' }, { type: 'flatten' }]), 'searchSpace.trials.0.model.layers.0', /kernel 30×30 is larger than its 28×28 input/);
  // The same template is fine with padding 'same'.
  planExperiment(base([{ type: 'conv2d', filters: 8, kernelSize: 30, padding: 'same', activation: 'relu' }, { type: 'flatten' }]));
  // A depth that only breaks for some points of the search: the failing point is refused.
  refused(
    { name: 'x', searchSpace: { algorithm: 'GRID', base: { model: cnn }, parameters: [{ name: 'model.blocks', values: [2, 6] }] } },
    'searchSpace.parameters.model.layers.0.layers.3',
    /pool 2×2 is larger than its 1×1 input/,
  );
});

test('the language refuses what it cannot build, naming the field', () => {
  const point = (p: Record<string, unknown>) => ({ name: 'x', searchSpace: { algorithm: 'EXPLICIT', trials: [p] } });
  refused(point({ model: { layers: [{ type: 'conv3d' }] } }), 'searchSpace.trials.0.model.layers.0.type');
  refused(point({ model: { layers: [{ type: 'conv2d', filters: '$w', kernelSize: 3, activation: 'relu' }, { type: 'flatten' }] } }), 'searchSpace.trials.0.model.layers.0.filters', /\$w names no model parameter/);
  refused(point({ model: { params: { w: 'wide' }, layers: [{ type: 'conv2d', filters: '$w', kernelSize: 3, activation: 'relu' }, { type: 'flatten' }] } }), 'searchSpace.trials.0.model.layers.0.filters');
  refused(point({ model: { params: { w: 0 }, layers: [{ type: 'conv2d', filters: '$w', kernelSize: 3, activation: 'relu' }, { type: 'flatten' }] } }), 'searchSpace.trials.0.model.layers.0.filters', /filters must be an integer in 1..1024/);
  refused(point({ model: cnn, modelParams: { depth: 3 } }), 'searchSpace.trials.0.modelParams.depth', /not declared/);
  refused(point({ model: cnn, modelParams: { head: 'attention' } }), 'searchSpace.trials.0.model.layers.1.choose', /not one of the options flatten, gap/);
  refused(point({ model: cnn, modelParams: { blocks: 65 } }), 'searchSpace.trials.0.model.layers.0.repeat', /0..64/);
  refused(point({ model: { layers: [{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }] } }), 'searchSpace.trials.0.model.layers.1.activation', /trialgrid adds/);
  refused(point({ model: { layers: [{ type: 'flatten' }, { type: 'dense', units: 8192, activation: 'relu' }, { type: 'dense', units: 8192, activation: 'relu' }] } }), 'searchSpace.trials.0.model', /more than the engine's limit/);
  refused(point({ model: cnn, preset: 'baseline' }), 'searchSpace.trials.0.preset', /modelParams/);
  refused(point({ model: cnn, filters: 8 }), 'searchSpace.trials.0.filters');
  // A dropout rate out of range names the range (it said "must be a finite number").
  for (const rate of [1, 1.5, -0.1]) {
    refused(point({ model: { layers: [{ type: 'flatten' }, { type: 'dropout', rate }] } }), 'searchSpace.trials.0.model.layers.1.rate', /rate must be in \[0, 1\)/);
  }
  refused(point({ modelParams: { width: 8 } }), 'searchSpace.trials.0.modelParams', /needs a model/);
  refused({ name: 'x', searchSpace: { algorithm: 'GRID', base: { model: cnn }, parameters: [{ name: 'model.depth', values: [1] }] } }, 'searchSpace.parameters.0.name', /declares no parameter depth/);
  refused({ name: 'x', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'model.width', values: [1] }] } }, 'searchSpace.parameters.0.name', /searchSpace.base.model/);
});

test('a "__proto__" key in a template\'s params, in modelParams or in a layer is refused naming it, not dropped (as "constructor" is refused)', () => {
  // JSON.parse makes "__proto__" an own key; zod's record used to drop it without a word, so the
  // model trained with the template's defaults instead of the value sent.
  const point = (p: Record<string, unknown>) => ({ name: 'x', searchSpace: { algorithm: 'EXPLICIT', trials: [p] } });
  const proto = (json: string): Record<string, unknown> => JSON.parse(json) as Record<string, unknown>;
  refused(point({ model: cnn, modelParams: proto('{"width": 8, "__proto__": 3}') }), 'searchSpace.trials.0.modelParams.__proto__', /"__proto__" is reserved/);
  refused(point({ model: cnn, modelParams: proto('{"constructor": 3}') }), 'searchSpace.trials.0.modelParams.constructor', /not declared/);
  refused(point({ model: { ...cnn, params: proto('{"width": 16, "blocks": 2, "head": "flatten", "rate": 0.25, "__proto__": {"width": 4}}') } }), 'searchSpace.trials.0.model.params.__proto__', /reserved/);
  refused(point({ model: { layers: [{ type: 'flatten' }, proto('{"type": "dense", "units": 16, "activation": "relu", "__proto__": {"units": 4}}')] } }), 'searchSpace.trials.0.model.layers.1.__proto__', /reserved/);
  refused({ name: 'x', searchSpace: { algorithm: 'GRID', base: { model: cnn, modelParams: proto('{"__proto__": 1}') }, parameters: [{ name: 'model.width', values: [8] }] } }, 'searchSpace.base.modelParams.__proto__');
  // resolveModel on its own (the worker's and the CLI's path) refuses it the same way.
  assert.throws(() => resolveModel({ ...cnn, params: proto('{"__proto__": 1}') }, {}, MNIST_SHAPE), (err: unknown) => isAppError(err) && err.details?.['field'] === 'model.params.__proto__');
});

test('training options: searchable, validated, recorded with the trial', () => {
  const plan = planExperiment({
    name: 'opts',
    searchSpace: {
      algorithm: 'GRID',
      base: { preset: 'baseline', epochs: 6, augmentShift: 2, lrSchedule: 'cosine', warmupEpochs: 1, earlyStoppingPatience: 2 },
      parameters: [
        { name: 'optimizer', values: ['adam', 'adamw', 'sgd'] },
        { name: 'augment_rotation', values: [0, 10] },
      ],
    },
  });
  assert.equal(plan.trials.length, 6);
  const sgd = plan.trials.find((t) => t.train.optimizer === 'sgd' && t.train.augmentRotation === 10)!;
  assert.deepEqual(sgd.train, { optimizer: 'sgd', lrSchedule: 'cosine', warmupEpochs: 1, augmentShift: 2, augmentRotation: 10, earlyStoppingPatience: 2, learningRate: 0.001, batchSize: 128, epochs: 6, validationSplit: 0.1, seed: 42 });
  assert.deepEqual(
    { ...sgd.params },
    {
      model_type: 'baseline',
      filters: 32,
      hidden_units: 0,
      conv_dropout: 0,
      dense_dropout: 0,
      learning_rate: 0.001,
      batch_size: 128,
      epochs: 6,
      validation_split: 0.1,
      seed: 42,
      optimizer: 'sgd',
      weight_decay: 0,
      momentum: 0.9,
      lr_schedule: 'cosine',
      warmup_epochs: 1,
      augment_shift: 2,
      augment_rotation: 10,
      augment_zoom: 0,
      early_stopping_patience: 2,
      early_stopping_metric: 'val_loss',
      dataset: 'mnist',
    },
  );
  assert.equal(plan.trials.find((t) => t.train.optimizer === 'adamw')!.params['weight_decay'], 0.01, 'AdamW records its default decay');
  const point = (p: Record<string, unknown>) => ({ name: 'x', searchSpace: { algorithm: 'EXPLICIT', trials: [p] } });
  refused(point({ optimizer: 'rmsprop' }), 'searchSpace.trials.0.optimizer', /expected adam, adamw, sgd/);
  refused(point({ momentum: 0.9 }), 'searchSpace.trials.0.momentum', /applies to optimizer sgd/);
  refused(point({ lrSchedule: 'cosine', lrDecay: 0.5 }), 'searchSpace.trials.0.lrDecay', /not cosine/);
  refused(point({ warmupEpochs: 5, epochs: 5 }), 'searchSpace.trials.0.warmupEpochs', /less than epochs/);
  refused(point({ augmentShift: 9 }), 'searchSpace.trials.0.augmentShift', /0..8/);
  refused(point({ augmentRotation: 90 }), 'searchSpace.trials.0.augmentRotation');
  refused(point({ earlyStoppingMetric: 'val_accuracy' }), 'searchSpace.trials.0.earlyStoppingMetric', /needs earlyStoppingPatience/);
  refused(point({ earlyStoppingPatience: 2, validationSplit: 0 }), 'searchSpace.trials.0.earlyStoppingPatience', /validationSplit > 0/);
  refused({ name: 'x', searchSpace: { algorithm: 'RANDOM', trialCount: 2, parameters: [{ name: 'lr_decay', min: 0.5, max: 1.5 }] } }, 'searchSpace.parameters.0.max');
});
