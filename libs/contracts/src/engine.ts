/**
 * What the training engine (libs/ml) can train, declared once: the model family and its
 * specs, the training parameters, and the bounds of both. The gateway, the CLI, the scheduler
 * (through libs/sweep) and the worker (through libs/ml's train()) all check against these, so
 * a value accepted at creation is one the trainer accepts, and the reverse.
 *
 * ```ts
 * validateTrainParams({ learningRate: 0.001, batchSize: 128, epochs: 5, validationSplit: 0.1, seed: 42 }, 60000);
 * countParams(presetSpec('enhanced')); // 1_386_506 (Keras' model.count_params())
 * ```
 */
import { z } from 'zod';
import { invalidField, zodToAppError } from './issues.js';

/**
 * The engine's bounds. Sources: `batchSize` ≤ 8192 and `learningRate` < 10 are where libs/ml's
 * Adam on the seed CNNs stops being meaningful (larger batches exceed the 60,000-image MNIST
 * epoch budget the bench measures; lr ≥ 10 diverges in one step); `validationSplit` ≤ 0.9 keeps
 * at least a tenth of the images for training (Keras' validation_split semantics);
 * `maxParams` bounds memory: weights + two Adam moment tensors at 4 bytes each, 25 M params ≈ 300 MB.
 */
export const ENGINE_LIMITS = {
  learningRate: { gt: 0, lt: 10 },
  batchSize: { min: 1, max: 8192 },
  epochs: { min: 1, max: 1000 },
  validationSplit: { min: 0, max: 0.9 },
  filters: { min: 1, max: 1024 },
  hiddenUnits: { min: 0, max: 8192 },
  /** Dropout rates are in [0, lt). */
  dropout: { min: 0, lt: 1 },
  /** Data augmentation bounds: a shift of up to this many pixels, a rotation of up to ± this many degrees, a zoom of up to ± this fraction. */
  augmentShift: { max: 8 },
  augmentRotation: { max: 45 },
  augmentZoom: { max: 0.5 },
  /** Trainable parameters of one model (countParams). */
  maxParams: 25_000_000,
} as const;

const L = ENGINE_LIMITS;

/** Optimizers of the engine: Adam (Kingma & Ba), AdamW (Loshchilov & Hutter: Adam + decoupled weight decay), SGD with momentum. */
export const OPTIMIZERS = ['adam', 'adamw', 'sgd'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];
/** Learning-rate schedules (formulas in libs/ml schedule.ts). */
export const LR_SCHEDULES = ['constant', 'step', 'exponential', 'cosine', 'plateau'] as const;
export type LrScheduleName = (typeof LR_SCHEDULES)[number];
/** Epoch metrics per-trial early stopping can watch (val_loss is minimised, val_accuracy maximised). */
export const EARLY_STOPPING_METRICS = ['val_loss', 'val_accuracy'] as const;
const int = (what: string) => z.number({ error: `${what} must be a finite number` }).int({ error: `${what} must be an integer` });
const num = (what: string) => z.number({ error: `${what} must be a finite number` });

/** One zod rule per training parameter / architecture knob (camelCase field names). */
export const engineRules = {
  filters: int('filters')
    .min(L.filters.min, { error: `filters must be an integer in ${L.filters.min}..${L.filters.max}` })
    .max(L.filters.max, { error: `filters must be an integer in ${L.filters.min}..${L.filters.max}` }),
  hiddenUnits: int('hiddenUnits')
    .min(L.hiddenUnits.min, { error: `hiddenUnits must be an integer in ${L.hiddenUnits.min}..${L.hiddenUnits.max}` })
    .max(L.hiddenUnits.max, { error: `hiddenUnits must be an integer in ${L.hiddenUnits.min}..${L.hiddenUnits.max}` }),
  convDropout: num('convDropout').min(L.dropout.min, { error: 'convDropout must be in [0, 1)' }).lt(L.dropout.lt, { error: 'convDropout must be in [0, 1)' }),
  denseDropout: num('denseDropout').min(L.dropout.min, { error: 'denseDropout must be in [0, 1)' }).lt(L.dropout.lt, { error: 'denseDropout must be in [0, 1)' }),
  learningRate: num('learningRate')
    .gt(L.learningRate.gt, { error: `learningRate must be > 0 and < ${L.learningRate.lt}` })
    .lt(L.learningRate.lt, { error: `learningRate must be > 0 and < ${L.learningRate.lt}` }),
  batchSize: int('batchSize')
    .min(L.batchSize.min, { error: `batchSize must be an integer in ${L.batchSize.min}..${L.batchSize.max}` })
    .max(L.batchSize.max, { error: `batchSize must be an integer in ${L.batchSize.min}..${L.batchSize.max} (the largest batch the engine trains)` }),
  epochs: int('epochs')
    .min(L.epochs.min, { error: `epochs must be an integer in ${L.epochs.min}..${L.epochs.max}` })
    .max(L.epochs.max, { error: `epochs must be an integer in ${L.epochs.min}..${L.epochs.max}` }),
  validationSplit: num('validationSplit')
    .min(L.validationSplit.min, { error: `validationSplit must be in [${L.validationSplit.min}, ${L.validationSplit.max}]` })
    .max(L.validationSplit.max, { error: `validationSplit must be in [${L.validationSplit.min}, ${L.validationSplit.max}]` }),
  seed: int('seed'),
  optimizer: z.enum(OPTIMIZERS, { error: (iss) => `unknown optimizer ${JSON.stringify(iss.input)} (expected ${OPTIMIZERS.join(', ')})` }),
  momentum: num('momentum').min(0, { error: 'momentum must be in [0, 1)' }).lt(1, { error: 'momentum must be in [0, 1)' }),
  weightDecay: num('weightDecay').min(0, { error: 'weightDecay must be in [0, 1)' }).lt(1, { error: 'weightDecay must be in [0, 1)' }),
  lrSchedule: z.enum(LR_SCHEDULES, { error: (iss) => `unknown lrSchedule ${JSON.stringify(iss.input)} (expected ${LR_SCHEDULES.join(', ')})` }),
  lrDecay: num('lrDecay').gt(0, { error: 'lrDecay must be > 0 and < 1' }).lt(1, { error: 'lrDecay must be > 0 and < 1' }),
  lrDecayEpochs: int('lrDecayEpochs')
    .min(1, { error: `lrDecayEpochs must be an integer in 1..${L.epochs.max}` })
    .max(L.epochs.max, { error: `lrDecayEpochs must be an integer in 1..${L.epochs.max}` }),
  warmupEpochs: num('warmupEpochs').min(0, { error: `warmupEpochs must be in [0, ${L.epochs.max}]` }).max(L.epochs.max, { error: `warmupEpochs must be in [0, ${L.epochs.max}]` }),
  augmentShift: int('augmentShift')
    .min(0, { error: `augmentShift must be an integer in 0..${L.augmentShift.max} (pixels)` })
    .max(L.augmentShift.max, { error: `augmentShift must be an integer in 0..${L.augmentShift.max} (pixels)` }),
  augmentRotation: num('augmentRotation')
    .min(0, { error: `augmentRotation must be in [0, ${L.augmentRotation.max}] (degrees)` })
    .max(L.augmentRotation.max, { error: `augmentRotation must be in [0, ${L.augmentRotation.max}] (degrees)` }),
  augmentZoom: num('augmentZoom')
    .min(0, { error: `augmentZoom must be in [0, ${L.augmentZoom.max}]` })
    .max(L.augmentZoom.max, { error: `augmentZoom must be in [0, ${L.augmentZoom.max}]` }),
  earlyStoppingPatience: int('earlyStoppingPatience')
    .min(0, { error: `earlyStoppingPatience must be an integer in 0..${L.epochs.max} (0: off)` })
    .max(L.epochs.max, { error: `earlyStoppingPatience must be an integer in 0..${L.epochs.max} (0: off)` }),
  earlyStoppingMetric: z.enum(EARLY_STOPPING_METRICS, { error: (iss) => `unknown earlyStoppingMetric ${JSON.stringify(iss.input)} (expected ${EARLY_STOPPING_METRICS.join(', ')})` }),
} as const;

// ---------------------------------------------------------------- training parameters

/**
 * Training parameters. The first five are the seed's and required; the options after them
 * are optional, and absent means the seed's training (Adam, constant learning rate, no
 * augmentation, no early stopping), so a dispatch of a documented run is unchanged.
 */
export const trainParamsSchema = z.strictObject({
  learningRate: engineRules.learningRate,
  batchSize: engineRules.batchSize,
  epochs: engineRules.epochs,
  /** Fraction of the training arrays held out from the END, like Keras validation_split. */
  validationSplit: engineRules.validationSplit,
  seed: engineRules.seed,
  /** Default adam. */
  optimizer: engineRules.optimizer.optional(),
  /** SGD momentum (Keras SGD: v ← μ·v − lr·g; θ ← θ + v). Default 0.9; only with optimizer sgd. */
  momentum: engineRules.momentum.optional(),
  /** Decoupled weight decay per step (θ ← θ − lr·wd·θ, Keras 3 / AdamW). Default 0, adamw 0.01. */
  weightDecay: engineRules.weightDecay.optional(),
  /** Default constant. */
  lrSchedule: engineRules.lrSchedule.optional(),
  /** The factor of step / exponential / plateau (default 0.5). */
  lrDecay: engineRules.lrDecay.optional(),
  /** step: decay every this many epochs; exponential: the decay period; plateau: the patience (default 2). */
  lrDecayEpochs: engineRules.lrDecayEpochs.optional(),
  /** Linear warm-up from 0 over this many (possibly fractional) epochs, before the schedule. Default 0. */
  warmupEpochs: engineRules.warmupEpochs.optional(),
  /** Random translation of each training image by up to this many pixels in x and y. Default 0. */
  augmentShift: engineRules.augmentShift.optional(),
  /** Random rotation by up to ± this many degrees. Default 0. */
  augmentRotation: engineRules.augmentRotation.optional(),
  /** Random zoom by a factor in [1 − z, 1 + z]. Default 0. */
  augmentZoom: engineRules.augmentZoom.optional(),
  /** Stop the trial after this many epochs without improvement of earlyStoppingMetric (0: off, the default). */
  earlyStoppingPatience: engineRules.earlyStoppingPatience.optional(),
  /** Default val_loss. */
  earlyStoppingMetric: engineRules.earlyStoppingMetric.optional(),
});
export type TrainParams = z.infer<typeof trainParamsSchema>;

/** The training options of TrainParams (everything after the seed's five). */
export const TRAIN_OPTION_NAMES = [
  'optimizer',
  'momentum',
  'weightDecay',
  'lrSchedule',
  'lrDecay',
  'lrDecayEpochs',
  'warmupEpochs',
  'augmentShift',
  'augmentRotation',
  'augmentZoom',
  'earlyStoppingPatience',
  'earlyStoppingMetric',
] as const satisfies readonly (keyof TrainParams)[];
export type TrainOptionName = (typeof TRAIN_OPTION_NAMES)[number];

/** Every training option with its default filled in: what the trainer runs with. */
export type ResolvedTrainOptions = Required<Pick<TrainParams, TrainOptionName>>;

/**
 * The options with their defaults (the one place the defaults are written): adam, momentum
 * 0.9, weight decay 0 (adamw: 0.01, PyTorch's AdamW default), constant schedule, lrDecay 0.5
 * every 2 epochs, no warm-up, no augmentation, no early stopping (patience 0) on val_loss.
 */
export function resolveTrainOptions(p: TrainParams): ResolvedTrainOptions {
  const optimizer = p.optimizer ?? 'adam';
  return {
    optimizer,
    momentum: p.momentum ?? 0.9,
    weightDecay: p.weightDecay ?? (optimizer === 'adamw' ? 0.01 : 0),
    lrSchedule: p.lrSchedule ?? 'constant',
    lrDecay: p.lrDecay ?? 0.5,
    lrDecayEpochs: p.lrDecayEpochs ?? 2,
    warmupEpochs: p.warmupEpochs ?? 0,
    augmentShift: p.augmentShift ?? 0,
    augmentRotation: p.augmentRotation ?? 0,
    augmentZoom: p.augmentZoom ?? 0,
    earlyStoppingPatience: p.earlyStoppingPatience ?? 0,
    earlyStoppingMetric: p.earlyStoppingMetric ?? 'val_loss',
  };
}

/** Images left for training after the validation split (Keras: the last fraction is held out). */
export function trainingImages(trainCount: number, validationSplit: number): number {
  return Math.floor(trainCount * (1 - validationSplit));
}

/**
 * Checks training parameters against the engine's bounds, and, when `trainCount` (images in
 * the training arrays) is known, that the validation split leaves at least one training image.
 * Throws AppError INVALID_INPUT with `details.field` (prefixed by `prefix`).
 */
export function validateTrainParams(p: unknown, trainCount?: number, prefix = ''): TrainParams {
  const parsed = trainParamsSchema.safeParse(p);
  if (!parsed.success) throw zodToAppError(parsed.error, prefix);
  const t = parsed.data;
  const at = (name: string) => (prefix ? `${prefix}.${name}` : name);
  if (t.momentum !== undefined && (t.optimizer ?? 'adam') !== 'sgd') {
    throw invalidField(at('momentum'), `momentum applies to optimizer sgd, not ${t.optimizer ?? 'adam'}`, { optimizer: t.optimizer ?? 'adam' });
  }
  const schedule = t.lrSchedule ?? 'constant';
  if ((t.lrDecay !== undefined || t.lrDecayEpochs !== undefined) && (schedule === 'constant' || schedule === 'cosine')) {
    throw invalidField(at(t.lrDecay !== undefined ? 'lrDecay' : 'lrDecayEpochs'), `lrDecay and lrDecayEpochs apply to lrSchedule step, exponential or plateau, not ${schedule}`, { lrSchedule: schedule });
  }
  if (t.warmupEpochs !== undefined && t.warmupEpochs >= t.epochs && t.warmupEpochs > 0) {
    throw invalidField(at('warmupEpochs'), `warmupEpochs ${t.warmupEpochs} must be less than epochs ${t.epochs}`, { warmupEpochs: t.warmupEpochs, epochs: t.epochs });
  }
  if (t.earlyStoppingMetric !== undefined && !(t.earlyStoppingPatience !== undefined && t.earlyStoppingPatience > 0)) {
    throw invalidField(at('earlyStoppingMetric'), 'earlyStoppingMetric needs earlyStoppingPatience > 0');
  }
  if ((t.earlyStoppingPatience ?? 0) > 0 && t.validationSplit === 0) {
    throw invalidField(at('earlyStoppingPatience'), 'per-trial early stopping watches a validation metric: it needs validationSplit > 0');
  }
  if (schedule === 'plateau' && t.validationSplit === 0) {
    throw invalidField(at('lrSchedule'), 'lrSchedule plateau watches val_loss: it needs validationSplit > 0');
  }
  if (trainCount !== undefined && trainingImages(trainCount, t.validationSplit) < 1) {
    const field = prefix ? `${prefix}.validationSplit` : 'validationSplit';
    throw invalidField(field, `validationSplit ${t.validationSplit} leaves no training images out of ${trainCount}`, { value: t.validationSplit, trainCount });
  }
  return t;
}

// ---------------------------------------------------------------- model specs

export const PRESET_NAMES = ['baseline', 'enhanced', 'optimized'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

const positiveInt = z.number().int().positive();
const padding = z.enum(['valid', 'same']);

/**
 * A declarative layer list (Keras Sequential semantics, channels last). Fields added after
 * the seed's family are optional and default to Keras' defaults, so a stored spec of the
 * three documented models stays byte-identical:
 * - `conv2d`: `strides` (default 1), `padding` (`valid` default: out = ⌊(in−k)/s⌋+1; `same`: ⌈in/s⌉).
 * - `maxPooling2d` / `averagePooling2d`: `strides` (default poolSize), `padding` (default `valid`).
 * - `batchNormalization` over the last axis: `momentum` of the moving statistics (Keras 0.99),
 *   `epsilon` (Keras 1e-3); 4·channels parameters (γ, β trainable; moving mean and variance not).
 * - `activation`: an activation on its own (after a batch normalization).
 * - `globalAveragePooling2d`: H×W×C → C.
 */
export const layerSpecSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('conv2d'),
    filters: engineRules.filters,
    kernelSize: positiveInt,
    strides: positiveInt.optional(),
    padding: padding.optional(),
    activation: z.enum(['relu', 'linear']),
  }),
  z.strictObject({ type: z.literal('maxPooling2d'), poolSize: positiveInt, strides: positiveInt.optional(), padding: padding.optional() }),
  z.strictObject({ type: z.literal('averagePooling2d'), poolSize: positiveInt, strides: positiveInt.optional(), padding: padding.optional() }),
  z.strictObject({
    type: z.literal('batchNormalization'),
    momentum: num('momentum').min(0, { error: 'momentum must be in [0, 1)' }).lt(1, { error: 'momentum must be in [0, 1)' }).optional(),
    epsilon: num('epsilon').gt(0, { error: 'epsilon must be > 0 and < 1' }).lt(1, { error: 'epsilon must be > 0 and < 1' }).optional(),
  }),
  z.strictObject({ type: z.literal('activation'), activation: z.enum(['relu', 'linear']) }),
  z.strictObject({
    type: z.literal('dropout'),
    rate: num('rate').min(L.dropout.min, { error: `rate must be in [${L.dropout.min}, ${L.dropout.lt})` }).lt(L.dropout.lt, { error: `rate must be in [${L.dropout.min}, ${L.dropout.lt})` }),
  }),
  z.strictObject({ type: z.literal('flatten') }),
  z.strictObject({ type: z.literal('globalAveragePooling2d') }),
  z.strictObject({ type: z.literal('dense'), units: positiveInt.max(L.hiddenUnits.max), activation: z.enum(['relu', 'softmax', 'linear']) }),
]);
export type LayerSpec = z.infer<typeof layerSpecSchema>;
/** The layer type names (`conv2d`, `maxPooling2d`, ...). */
export const LAYER_TYPES = layerSpecSchema.options.map((o) => o.shape.type.value);

/** Keras' BatchNormalization defaults. */
export const BATCH_NORM_DEFAULTS = { momentum: 0.99, epsilon: 1e-3 } as const;

/** The shape of a model spec; `checkModelSpec` adds the layer-shape and size checks. */
export const modelSpecSchema = z.strictObject({
  /** e.g. 'baseline', 'enhanced', or 'custom'. Logged as `model_type`. */
  modelType: z.string().min(1).max(64),
  inputShape: z.tuple([positiveInt, positiveInt, positiveInt]),
  numClasses: positiveInt,
  layers: z.array(layerSpecSchema).min(1),
});
export type ModelSpec = z.infer<typeof modelSpecSchema>;

/** Architecture knobs a search space may vary; presets fill the rest. */
export interface ArchitectureParams {
  filters?: number;
  /** 0 = no hidden dense layer. */
  hiddenUnits?: number;
  /** Dropout after pooling; 0 = none. */
  convDropout?: number;
  /** Dropout after the hidden dense layer; 0 = none. */
  denseDropout?: number;
}

/** The three documented runs of the seed workload (SEED.md), in order. */
export interface PresetRun {
  name: string;
  preset: PresetName;
  arch: Required<ArchitectureParams>;
  params: TrainParams;
}

const ENHANCED_ARCH: Required<ArchitectureParams> = { filters: 64, hiddenUnits: 128, convDropout: 0.25, denseDropout: 0.5 };

export const PRESET_RUNS: readonly PresetRun[] = [
  {
    name: 'run_1_baseline',
    preset: 'baseline',
    arch: { filters: 32, hiddenUnits: 0, convDropout: 0, denseDropout: 0 },
    params: { learningRate: 0.001, batchSize: 128, epochs: 5, validationSplit: 0.1, seed: 42 },
  },
  {
    name: 'run_2_enhanced',
    preset: 'enhanced',
    arch: { ...ENHANCED_ARCH },
    params: { learningRate: 0.001, batchSize: 128, epochs: 5, validationSplit: 0.1, seed: 42 },
  },
  {
    name: 'run_3_optimized',
    preset: 'optimized',
    arch: { ...ENHANCED_ARCH },
    params: { learningRate: 0.0005, batchSize: 64, epochs: 5, validationSplit: 0.1, seed: 42 },
  },
];

/** The preset's architecture (a copy). Throws INVALID_INPUT for an unknown preset. */
export function presetArchitecture(name: PresetName): Required<ArchitectureParams> {
  const run = PRESET_RUNS.find((r) => r.preset === name);
  if (run === undefined) throw invalidField('preset', `unknown preset ${String(name)} (expected ${PRESET_NAMES.join(', ')})`, { preset: name });
  return { ...run.arch };
}

/** What a model takes from its dataset: the image shape [height, width, channels] and the class count. */
export interface DataShape {
  inputShape: [number, number, number];
  numClasses: number;
}

/** MNIST's shape (28×28 grayscale, 10 classes): the default of buildSpec and presetSpec. */
export const MNIST_SHAPE: Readonly<DataShape> = { inputShape: [28, 28, 1], numClasses: 10 };

/** The preset's architecture, with any knob in `arch` overriding it, for images of `data`'s shape. */
export function presetSpec(name: PresetName, arch: ArchitectureParams = {}, data: DataShape = MNIST_SHAPE): ModelSpec {
  const defined = Object.fromEntries(Object.entries(arch).filter(([, v]) => v !== undefined));
  return buildSpec({ ...presetArchitecture(name), ...defined }, name, data);
}

const ARCH_RULES = {
  filters: engineRules.filters,
  hiddenUnits: engineRules.hiddenUnits,
  convDropout: engineRules.convDropout,
  denseDropout: engineRules.denseDropout,
} as const;

/**
 * Conv2D(f, 3×3, relu) → MaxPool 2×2 → [Dropout] → Flatten → [Dense(h, relu) → [Dropout]] →
 * Dense(numClasses, softmax), the seed's family of models, for images of `data.inputShape`
 * (default MNIST: 28×28×1, 10 classes). Throws INVALID_INPUT (details.field) for a knob out of
 * ENGINE_LIMITS, images too small for the layers, or a model over `maxParams` parameters.
 */
export function buildSpec(arch: ArchitectureParams, modelType = 'custom', data: DataShape = MNIST_SHAPE): ModelSpec {
  const filters = arch.filters ?? 32;
  const hidden = arch.hiddenUnits ?? 0;
  const convDropout = arch.convDropout ?? 0;
  const denseDropout = arch.denseDropout ?? 0;
  const values = { filters, hiddenUnits: hidden, convDropout, denseDropout };
  for (const [field, rule] of Object.entries(ARCH_RULES)) {
    const value = values[field as keyof typeof values];
    const r = rule.safeParse(value);
    if (!r.success) throw invalidField(field, r.error.issues[0]?.message ?? `${field} is invalid`, { [field]: value });
  }
  const layers: LayerSpec[] = [
    { type: 'conv2d', filters, kernelSize: 3, activation: 'relu' },
    { type: 'maxPooling2d', poolSize: 2 },
  ];
  if (convDropout > 0) layers.push({ type: 'dropout', rate: convDropout });
  layers.push({ type: 'flatten' });
  if (hidden > 0) {
    layers.push({ type: 'dense', units: hidden, activation: 'relu' });
    if (denseDropout > 0) layers.push({ type: 'dropout', rate: denseDropout });
  }
  layers.push({ type: 'dense', units: data.numClasses, activation: 'softmax' });
  const spec: ModelSpec = { modelType, inputShape: [...data.inputShape], numClasses: data.numClasses, layers };
  checkModelSize(spec, hidden > 0 ? 'hiddenUnits' : 'filters');
  return spec;
}

function checkModelSize(spec: ModelSpec, field: string): void {
  const params = countParams(spec);
  if (params > L.maxParams) {
    throw invalidField(field, `the model would have ${params} parameters, more than the engine's limit of ${L.maxParams}`, { paramCount: params, limit: L.maxParams });
  }
}

/** Output size along one axis of a convolution or pooling window (Keras/TensorFlow `valid` / `same`). */
export function windowOutput(size: number, window: number, stride: number, pad: 'valid' | 'same' = 'valid'): number {
  return pad === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}

/**
 * Shape of each layer's output (without the batch dimension), validating the spec on the way.
 * Throws INVALID_INPUT with field `spec.layers.<i>` (a layer whose input has the wrong rank or
 * whose output is empty) or `spec.layers` (the last layer is not Dense(numClasses)).
 */
export function layerShapes(spec: ModelSpec): number[][] {
  let shape: number[] = [...spec.inputShape];
  const out: number[][] = [];
  const bad = (i: number, why: string): never => {
    throw invalidField(`spec.layers.${i}`, `layer ${i} (${spec.layers[i]?.type ?? '?'}): ${why}`, { layer: i });
  };
  const spatial = (i: number, what: string): [number, number, number] => {
    if (shape.length !== 3) bad(i, `${what} needs a 3-d input (height × width × channels), got ${shape.join('×')}; put it before flatten / globalAveragePooling2d`);
    return shape as [number, number, number];
  };
  for (const [i, layer] of spec.layers.entries()) {
    switch (layer.type) {
      case 'conv2d': {
        const [h, w] = spatial(i, 'conv2d');
        const s = layer.strides ?? 1;
        if (layer.padding !== 'same' && (layer.kernelSize > h || layer.kernelSize > w)) bad(i, `kernel ${layer.kernelSize}×${layer.kernelSize} is larger than its ${h}×${w} input (use padding: same, or fewer pooling layers before it)`);
        shape = [windowOutput(h, layer.kernelSize, s, layer.padding), windowOutput(w, layer.kernelSize, s, layer.padding), layer.filters];
        break;
      }
      case 'maxPooling2d':
      case 'averagePooling2d': {
        const [h, w, c] = spatial(i, layer.type);
        const s = layer.strides ?? layer.poolSize;
        if (layer.padding !== 'same' && (layer.poolSize > h || layer.poolSize > w)) bad(i, `pool ${layer.poolSize}×${layer.poolSize} is larger than its ${h}×${w} input`);
        shape = [windowOutput(h, layer.poolSize, s, layer.padding), windowOutput(w, layer.poolSize, s, layer.padding), c];
        break;
      }
      case 'globalAveragePooling2d': {
        const [, , c] = spatial(i, 'globalAveragePooling2d');
        shape = [c];
        break;
      }
      case 'batchNormalization':
      case 'activation':
      case 'dropout':
        break;
      case 'flatten':
        shape = [shape.reduce((a, b) => a * b, 1)];
        break;
      case 'dense':
        if (shape.length !== 1) bad(i, `dense needs a flat input, got ${shape.join('×')} (put flatten or globalAveragePooling2d before it)`);
        shape = [layer.units];
        break;
    }
    if (shape.some((d) => !(d >= 1))) bad(i, `output shape ${shape.join('×')} is empty`);
    out.push(shape);
  }
  const last = spec.layers[spec.layers.length - 1];
  if (last?.type !== 'dense' || last.units !== spec.numClasses) {
    throw invalidField('spec.layers', 'the last layer must be a dense layer with numClasses units', { numClasses: spec.numClasses });
  }
  return out;
}

/**
 * Parameters of the model as Keras' model.count_params(): kernels and biases, plus 4 per
 * channel of a batch normalization (γ, β, moving mean, moving variance; the last two are
 * statistics, not trained).
 */
export function countParams(spec: ModelSpec): number {
  const shapes = layerShapes(spec);
  let inChannels = spec.inputShape[2];
  let inFeatures = 0;
  let total = 0;
  spec.layers.forEach((layer, i) => {
    const out = shapes[i]!;
    if (layer.type === 'conv2d') {
      total += layer.kernelSize * layer.kernelSize * inChannels * layer.filters + layer.filters;
    } else if (layer.type === 'dense') {
      total += inFeatures * layer.units + layer.units;
    } else if (layer.type === 'batchNormalization') {
      total += 4 * out[out.length - 1]!;
    }
    if (out.length === 3) inChannels = out[2]!;
    if (out.length === 1) inFeatures = out[0]!;
  });
  return total;
}

/**
 * A model spec as it arrives over the wire (a dispatch message, a stored row): its shape, its
 * layer shapes and its size, all checked. Throws INVALID_INPUT (details.field under `spec`).
 */
export function checkModelSpec(value: unknown): ModelSpec {
  const parsed = modelSpecSchema.safeParse(value);
  if (!parsed.success) throw zodToAppError(parsed.error, 'spec');
  checkModelSize(parsed.data, 'spec');
  return parsed.data;
}
