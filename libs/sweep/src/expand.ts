/**
 * Expanding a validated experiment input into concrete trials: EXPLICIT (the list as given),
 * GRID (cartesian product of `parameters[].values` over `base`), RANDOM (seeded sampling),
 * or the DOCUMENTED_RUNS preset (the seed's three runs, exactly).
 *
 * ```ts
 * const plan = planExperiment(rawJson, { maxTrials: 1000 });
 * plan.trials[0]; // { index: 0, name: 'run_1_baseline', spec, train, params }
 * ```
 */
import {
  buildSpec,
  defaultModelName,
  MNIST_SHAPE,
  canonicalParamName,
  DOCUMENTED_RUNS,
  INTEGER_PARAMS,
  invalidField,
  metricNeedsValidationSplit,
  modelParamOf,
  modelParamValueSchema,
  PRESET_MODELS,
  resolveModel,
  resolveTrainOptions,
  TRAIN_OPTION_NAMES,
  PARAM_LOG_NAMES,
  paramRules,
  parseExperimentInput,
  presetArchitecture,
  presetSpec,
  PRESET_NAMES,
  PRESET_RUNS,
  trialParamsInputSchema,
  validateTrainParams,
  zodToAppError,
  type ArchitectureParams,
  type CreateExperimentInput,
  type DataShape,
  type EarlyStoppingConfig,
  type ModelParams,
  type ModelSpec,
  type ObjectiveDirection,
  type ParamName,
  type ParamRangeInput,
  type SearchSpaceInput,
  type TrainParams,
  type TrialParamsInput,
} from '@trialgrid/contracts';
import { isAppError } from '@trialgrid/errors';
import { createRng, roundSignificant, type Rng } from './random.js';

/** Training parameters a trial gets unless it says otherwise (the seed's). */
export const DEFAULT_TRAIN_PARAMS: Readonly<TrainParams> = { learningRate: 0.001, batchSize: 128, epochs: 5, validationSplit: 0.1, seed: 42 };

/** Default cap on trials per experiment (MAX_GRID_TRIALS). */
export const DEFAULT_MAX_TRIALS = 1000;

/** Sampler seed of a RANDOM search that names none. */
export const DEFAULT_RANDOM_SEED = 42;

/** Param values as logged (MLflow style): model_type, filters, learning_rate, ... */
export type TrialParamValues = Record<string, string | number | boolean>;

export interface TrialPlan {
  /** 0-based position in the experiment. */
  index: number;
  name: string;
  /** libs/ml model to train. */
  spec: ModelSpec;
  train: TrainParams;
  /** model_type, filters, hidden_units, conv_dropout, dense_dropout, learning_rate, batch_size, epochs, validation_split, seed, dataset, optimizer. */
  params: TrialParamValues;
}

export interface ExperimentOptions {
  trainLimit?: number;
  testLimit?: number;
  /** Epoch override applied to every trial. */
  epochs?: number;
}

export interface ExperimentPlan {
  name: string;
  dataset: string;
  objective: { metric: string; direction: ObjectiveDirection };
  /** What to store as experiments.search_space: the normalised search space, or `{ preset }`. */
  searchSpace: Record<string, unknown>;
  maxParallelTrials: number;
  maxFailedTrials: number;
  earlyStopping: EarlyStoppingConfig | null;
  modelName: string;
  options: ExperimentOptions;
  trials: TrialPlan[];
}

export interface SweepOptions {
  /** Largest number of trials one experiment may expand to (default 1000). */
  maxTrials?: number;
  /**
   * The shape of the experiment's dataset as the catalog records it (image shape, class
   * count); every trial's model is built for it. Default: MNIST (28×28×1, 10 classes).
   */
  data?: DataShape;
}

interface PointContext {
  dataset: string;
  data: DataShape;
  epochsOverride: number | undefined;
  /** Training images a trial gets (the experiment's trainLimit), when known. */
  trainLimit: number | undefined;
}

function defined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const ARCH_KNOBS = ['filters', 'hiddenUnits', 'convDropout', 'denseDropout'] as const;

/** Re-throws an engine/contracts INVALID_INPUT with its field under `field`. */
function underField<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (isAppError(err)) {
      const inner = typeof err.details?.['field'] === 'string' ? err.details['field'] : '';
      throw invalidField(inner ? `${field}.${inner}` : field, err.message, { ...err.details, field: inner ? `${field}.${inner}` : field });
    }
    throw err;
  }
}

/** A validated point of the search space as a trial (spec, train params, logged params). */
function resolvePoint(point: TrialParamsInput, ctx: PointContext, field: string): Omit<TrialPlan, 'index' | 'name'> {
  const train: TrainParams = {
    ...(defined(Object.fromEntries(TRAIN_OPTION_NAMES.map((k) => [k, point[k]]))) as Partial<TrainParams>),
    learningRate: point.learningRate ?? DEFAULT_TRAIN_PARAMS.learningRate,
    batchSize: point.batchSize ?? DEFAULT_TRAIN_PARAMS.batchSize,
    epochs: ctx.epochsOverride ?? point.epochs ?? DEFAULT_TRAIN_PARAMS.epochs,
    validationSplit: point.validationSplit ?? DEFAULT_TRAIN_PARAMS.validationSplit,
    seed: point.seed ?? DEFAULT_TRAIN_PARAMS.seed,
  };
  if (point.model !== undefined) {
    const clash = (['preset', ...ARCH_KNOBS] as const).find((k) => point[k] !== undefined);
    if (clash !== undefined) throw invalidField(`${field}.${clash}`, `${clash} belongs to the preset family; a point with a model sets its architecture with modelParams (model.<name>)`);
    // The model language's own checks (shape errors name the template's layer), then the trainer's.
    const model = resolveModel(point.model, point.modelParams ?? {}, ctx.data, `${field}.model`, `${field}.modelParams`);
    validateTrainParams(train, ctx.trainLimit, field);
    return { spec: model.spec, train, params: loggedParams(model.spec.modelType, { model: model.params }, train, ctx.dataset) };
  }
  if (point.modelParams !== undefined) throw invalidField(`${field}.modelParams`, 'modelParams needs a model (the model language) in the same point or the base');
  const knobs: ArchitectureParams = defined({
    filters: point.filters,
    hiddenUnits: point.hiddenUnits,
    convDropout: point.convDropout,
    denseDropout: point.denseDropout,
  });
  const arch: Required<ArchitectureParams> = {
    ...(point.preset ? presetArchitecture(point.preset) : { filters: 32, hiddenUnits: 0, convDropout: 0, denseDropout: 0 }),
    ...knobs,
  };
  const spec: ModelSpec = underField(field, () => (point.preset ? presetSpec(point.preset, knobs, ctx.data) : buildSpec(arch, 'custom', ctx.data)));
  // The trainer's own check, here at creation: what passes is what the worker can train.
  validateTrainParams(train, ctx.trainLimit, field);
  return { spec, train, params: loggedParams(spec.modelType, arch, train, ctx.dataset) };
}

/**
 * The MLflow-style params of one trial: the architecture (the seed family's knobs, or each
 * parameter of a model template as `model.<name>`), the training parameters, and every
 * training option the trial sets (with the defaults of its companions, e.g. lr_decay for a step
 * schedule); a trial that sets none logs exactly the seed's params.
 */
export function loggedParams(modelType: string, arch: Required<ArchitectureParams> | { model: ModelParams }, train: TrainParams, dataset: string): TrialParamValues {
  const architecture: TrialParamValues =
    'model' in arch
      ? Object.fromEntries(Object.entries(arch.model).map(([k, v]) => [`model.${k}`, v]))
      : {
          [PARAM_LOG_NAMES.filters]: arch.filters,
          [PARAM_LOG_NAMES.hiddenUnits]: arch.hiddenUnits,
          [PARAM_LOG_NAMES.convDropout]: arch.convDropout,
          [PARAM_LOG_NAMES.denseDropout]: arch.denseDropout,
        };
  const resolved = resolveTrainOptions(train);
  const options: TrialParamValues = {};
  const set = (name: (typeof TRAIN_OPTION_NAMES)[number]) => (options[PARAM_LOG_NAMES[name]] = resolved[name]);
  if (train.optimizer !== undefined || train.weightDecay !== undefined || train.momentum !== undefined) {
    set('weightDecay');
    if (resolved.optimizer === 'sgd') set('momentum');
  }
  if (train.lrSchedule !== undefined || train.warmupEpochs !== undefined) {
    set('lrSchedule');
    if (['step', 'exponential', 'plateau'].includes(resolved.lrSchedule)) {
      set('lrDecay');
      set('lrDecayEpochs');
    }
    set('warmupEpochs');
  }
  if (train.augmentShift !== undefined || train.augmentRotation !== undefined || train.augmentZoom !== undefined) {
    set('augmentShift');
    set('augmentRotation');
    set('augmentZoom');
  }
  if (resolved.earlyStoppingPatience > 0) {
    set('earlyStoppingPatience');
    set('earlyStoppingMetric');
  }
  return {
    [PARAM_LOG_NAMES.preset]: modelType,
    ...architecture,
    [PARAM_LOG_NAMES.learningRate]: train.learningRate,
    [PARAM_LOG_NAMES.batchSize]: train.batchSize,
    [PARAM_LOG_NAMES.epochs]: train.epochs,
    [PARAM_LOG_NAMES.validationSplit]: train.validationSplit,
    [PARAM_LOG_NAMES.seed]: train.seed,
    [PARAM_LOG_NAMES.optimizer]: resolved.optimizer,
    ...options,
    dataset,
  };
}

/** A search dimension's name: a hyperparameter, or `model.<name>` for a parameter of the model template. */
type DimensionName = ParamName | `model.${string}`;

function pointName(index: number, varied: Partial<Record<DimensionName, unknown>>): string {
  const parts = Object.entries(varied).map(([k, v]) => `${modelParamOf(k) !== undefined ? k : PARAM_LOG_NAMES[k as ParamName]}=${String(v)}`);
  return parts.length ? `trial_${index + 1} (${parts.join(', ')})` : `trial_${index + 1}`;
}

export { canonicalParamName };

function checkValue(name: DimensionName, value: unknown, field: string): string | number | boolean {
  const parsed = (modelParamOf(name) !== undefined ? modelParamValueSchema : paramRules[name as ParamName]).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidField(field, `${name}: ${issue?.message ?? 'invalid value'}`, { name, value });
  }
  return parsed.data;
}

function checkPoint(point: unknown, field: string): TrialParamsInput {
  const parsed = trialParamsInputSchema.safeParse(point);
  if (!parsed.success) throw zodToAppError(parsed.error, field);
  return parsed.data;
}

interface Dimension {
  name: DimensionName;
  range: ParamRangeInput;
  field: string;
  /** Sample integers (an integer hyperparameter, or a model parameter whose default is an integer). */
  integer: boolean;
}

/** `base` with the varied values: hyperparameters as fields, model parameters merged into modelParams. */
function pointOf(base: TrialParamsInput, varied: Partial<Record<DimensionName, unknown>>): Record<string, unknown> {
  const point: Record<string, unknown> = { ...base, name: undefined };
  const modelParams: Record<string, unknown> = { ...(base.modelParams ?? {}) };
  let anyModel = false;
  for (const [k, v] of Object.entries(varied)) {
    const m = modelParamOf(k);
    if (m === undefined) point[k] = v;
    else {
      modelParams[m] = v;
      anyModel = true;
    }
  }
  if (anyModel) point['modelParams'] = modelParams;
  return point;
}

function dimensions(space: SearchSpaceInput): Dimension[] {
  const params = space.parameters ?? [];
  if (params.length === 0) throw invalidField('searchSpace.parameters', `empty search space: ${space.algorithm} needs at least one parameter`);
  const seen = new Set<DimensionName>();
  return params.map((range, i) => {
    const field = `searchSpace.parameters.${i}`;
    const modelParam = modelParamOf(range.name);
    let name: DimensionName;
    let integer: boolean;
    if (modelParam !== undefined) {
      const declared = space.base?.model?.params;
      if (space.base?.model === undefined) throw invalidField(`${field}.name`, `${range.name} varies a model parameter: give the model in searchSpace.base.model`, { name: range.name });
      if (declared === undefined || !Object.hasOwn(declared, modelParam)) {
        throw invalidField(`${field}.name`, `${range.name}: the model declares no parameter ${modelParam} (declared: ${Object.keys(declared ?? {}).join(', ') || 'none'})`, { name: range.name });
      }
      name = `model.${modelParam}`;
      const d = declared[modelParam];
      integer = range.integer || (typeof d === 'number' && Number.isInteger(d));
    } else {
      name = canonicalParamName(range.name, `${field}.name`);
      integer = range.integer || INTEGER_PARAMS.has(name);
    }
    if (seen.has(name)) throw invalidField(`${field}.name`, `parameter ${name} is given twice`, { name });
    seen.add(name);
    return { name, range, field, integer };
  });
}

function expandExplicit(space: SearchSpaceInput, ctx: PointContext, maxTrials: number): TrialPlan[] {
  const list = space.trials ?? [];
  if (list.length === 0) throw invalidField('searchSpace.trials', 'empty search space: EXPLICIT needs at least one trial');
  if (list.length > maxTrials) {
    throw invalidField('searchSpace.trials', `${list.length} trials exceed the limit of ${maxTrials}`, { size: list.length, maxTrials });
  }
  return list.map((point, index) => {
    const field = `searchSpace.trials.${index}`;
    const resolved = resolvePoint(point, ctx, field);
    return { index, name: point.name ?? (point.preset ? `trial_${index + 1}_${point.preset}` : `trial_${index + 1}`), ...resolved };
  });
}

/** Number of GRID trials (product of value counts), without enumerating them. */
export function gridSize(space: SearchSpaceInput): number {
  return (space.parameters ?? []).reduce((n, p) => n * (p.values?.length ?? 0), space.parameters?.length ? 1 : 0);
}

function expandGrid(space: SearchSpaceInput, ctx: PointContext, maxTrials: number): TrialPlan[] {
  const dims = dimensions(space);
  const columns = dims.map(({ name, range, field }) => {
    if (range.values === undefined) throw invalidField(`${field}.values`, `GRID parameter ${name} needs values`, { name });
    if (range.values.length === 0) throw invalidField(`${field}.values`, `empty search space: parameter ${name} has no values`, { name });
    return range.values.map((v, j) => checkValue(name, v, `${field}.values.${j}`));
  });
  const size = columns.reduce((n, c) => n * c.length, 1);
  if (size > maxTrials) {
    throw invalidField('searchSpace.parameters', `grid of ${size} trials exceeds the limit of ${maxTrials}`, { size, maxTrials });
  }
  const base = space.base ?? {};
  const trials: TrialPlan[] = [];
  // Odometer over the columns: the last parameter varies fastest.
  const at = columns.map(() => 0);
  for (let index = 0; index < size; index++) {
    const varied: Partial<Record<DimensionName, unknown>> = {};
    dims.forEach((d, k) => (varied[d.name] = columns[k]![at[k]!]));
    const field = `searchSpace.parameters`;
    const point = checkPoint(pointOf(base, varied), field);
    trials.push({ index, name: pointName(index, varied), ...resolvePoint(point, ctx, field) });
    for (let k = at.length - 1; k >= 0; k--) {
      at[k]!++;
      if (at[k]! < columns[k]!.length) break;
      at[k] = 0;
    }
  }
  return trials;
}

type Sampler = (rng: Rng) => string | number | boolean;

function sampler(d: Dimension): Sampler {
  const { name, range, field } = d;
  if (modelParamOf(name) !== undefined && range.values === undefined && (range.min === undefined || range.max === undefined)) {
    throw invalidField(`${field}.values`, `${name} needs values, or min and max`, { name });
  }
  if (range.values !== undefined) {
    if (range.values.length === 0) throw invalidField(`${field}.values`, `empty search space: parameter ${name} has no values`, { name });
    const values = range.values.map((v, j) => checkValue(name, v, `${field}.values.${j}`));
    return (rng) => values[Math.min(values.length - 1, Math.floor(rng() * values.length))]!;
  }
  if (name === 'preset') throw invalidField(`${field}.values`, 'preset can only be chosen among values', { name });
  if (range.min === undefined || range.max === undefined) {
    throw invalidField(`${field}.min`, `RANDOM parameter ${name} needs values or both min and max`, { name });
  }
  const { min, max } = range;
  if (min > max) throw invalidField(`${field}.min`, `${name}: min ${min} is greater than max ${max}`, { name, min, max });
  const integer = d.integer;
  if (integer && Math.ceil(min) > Math.floor(max)) {
    throw invalidField(`${field}.min`, `${name}: no integer lies in [${min}, ${max}]`, { name, min, max });
  }
  checkValue(name, integer ? Math.ceil(min) : min, `${field}.min`);
  checkValue(name, integer ? Math.floor(max) : max, `${field}.max`);
  if (range.log && min <= 0) throw invalidField(`${field}.min`, `${name}: a log-scale range needs min > 0`, { name, min });
  return (rng) => {
    const u = rng();
    if (integer) {
      const lo = Math.ceil(min);
      const hi = Math.floor(max);
      if (range.log) {
        const v = Math.round(Math.exp(Math.log(Math.max(lo, Number.MIN_VALUE)) + u * (Math.log(hi) - Math.log(Math.max(lo, Number.MIN_VALUE)))));
        return Math.min(hi, Math.max(lo, v));
      }
      return Math.min(hi, lo + Math.floor(u * (hi - lo + 1)));
    }
    const raw = range.log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
    const v = roundSignificant(raw);
    // Rounding may step just past an open bound (dropout < 1) or the range: clamp back.
    return checkValue(name, Math.min(max, Math.max(min, v)), field);
  };
}

function expandRandom(space: SearchSpaceInput, ctx: PointContext, maxTrials: number): TrialPlan[] {
  const dims = dimensions(space);
  if (space.trialCount === undefined) throw invalidField('searchSpace.trialCount', 'RANDOM search needs trialCount');
  if (space.trialCount > maxTrials) {
    throw invalidField('searchSpace.trialCount', `trialCount ${space.trialCount} exceeds the limit of ${maxTrials}`, { size: space.trialCount, maxTrials });
  }
  const samplers = dims.map((d) => ({ name: d.name, sample: sampler(d) }));
  const rng = createRng(space.seed ?? DEFAULT_RANDOM_SEED);
  const base = space.base ?? {};
  const trials: TrialPlan[] = [];
  for (let index = 0; index < space.trialCount; index++) {
    const varied: Partial<Record<DimensionName, unknown>> = {};
    for (const s of samplers) varied[s.name] = s.sample(rng);
    const point = checkPoint(pointOf(base, varied), 'searchSpace.parameters');
    trials.push({ index, name: pointName(index, varied), ...resolvePoint(point, ctx, 'searchSpace.parameters') });
  }
  return trials;
}

/** The seed's three documented runs, with the experiment's epoch override applied. */
export function documentedRuns(ctx: { dataset?: string; epochs?: number; trainLimit?: number; data?: DataShape } = {}): TrialPlan[] {
  return PRESET_RUNS.map((run, index) => {
    const train: TrainParams = { ...run.params, ...(ctx.epochs === undefined ? {} : { epochs: ctx.epochs }) };
    validateTrainParams(train, ctx.trainLimit, 'preset');
    // The documented models as written in the model language (PRESET_MODELS); the same specs as presetSpec().
    const spec = resolveModel(PRESET_MODELS[run.preset], {}, ctx.data ?? MNIST_SHAPE, 'preset').spec;
    return { index, name: run.name, spec, train, params: loggedParams(spec.modelType, run.arch, train, ctx.dataset ?? 'mnist') };
  });
}

/** Expand a parsed input into trials. Throws AppError INVALID_INPUT (details.field). */
export function expandTrials(input: CreateExperimentInput, options: SweepOptions = {}): TrialPlan[] {
  const maxTrials = options.maxTrials ?? DEFAULT_MAX_TRIALS;
  const data = options.data ?? MNIST_SHAPE;
  const ctx: PointContext = { dataset: input.dataset, data, epochsOverride: input.epochs, trainLimit: input.trainLimit };
  if (input.preset !== undefined && input.searchSpace !== undefined) {
    throw invalidField('preset', 'give either searchSpace or preset, not both');
  }
  if (input.preset === DOCUMENTED_RUNS) {
    return documentedRuns({
      dataset: input.dataset,
      data,
      ...(input.epochs === undefined ? {} : { epochs: input.epochs }),
      ...(input.trainLimit === undefined ? {} : { trainLimit: input.trainLimit }),
    });
  }
  const space = input.searchSpace;
  if (!space) throw invalidField('searchSpace', 'give a searchSpace or preset: DOCUMENTED_RUNS');
  switch (space.algorithm) {
    case 'EXPLICIT':
      return expandExplicit(space, ctx, maxTrials);
    case 'GRID':
      return expandGrid(space, ctx, maxTrials);
    case 'RANDOM':
      return expandRandom(space, ctx, maxTrials);
  }
}

/**
 * A metric the experiment ranks or stops trials by must be one every trial reports: val_loss /
 * val_accuracy are measured on the validation split, so a trial with `validationSplit: 0` would
 * report none and could never be the best trial (nor be compared by the median rule). Throws
 * INVALID_INPUT naming `field` and the first such trial.
 */
function requireProducedMetric(field: string, what: string, metric: string, trials: readonly TrialPlan[]): void {
  if (!metricNeedsValidationSplit(metric)) return;
  const without = trials.find((t) => t.train.validationSplit === 0);
  if (without) {
    throw invalidField(field, `${what} metric ${metric} is measured on the validation split, but trial ${without.name} has validationSplit 0 and would report no ${metric}`, {
      metric,
      trial: without.name,
    });
  }
}

/**
 * Parse, validate and expand a raw CreateExperimentInput (JSON as the gateway forwards it).
 * Nothing is written anywhere; throws AppError('INVALID_INPUT', msg, { details: { field } }).
 */
export function planExperiment(raw: unknown, options: SweepOptions = {}): ExperimentPlan {
  const input = parseExperimentInput(raw);
  const trials = expandTrials(input, options);
  requireProducedMetric('objective.metric', 'objective', input.objective.metric, trials);
  if (input.earlyStopping) requireProducedMetric('earlyStopping.metric', 'early stopping', input.earlyStopping.metric, trials);
  const experimentOptions: ExperimentOptions = defined({ trainLimit: input.trainLimit, testLimit: input.testLimit, epochs: input.epochs });
  return {
    name: input.name,
    dataset: input.dataset,
    objective: input.objective,
    searchSpace: input.preset ? { preset: input.preset } : (input.searchSpace as Record<string, unknown>),
    maxParallelTrials: input.maxParallelTrials,
    maxFailedTrials: input.maxFailedTrials,
    earlyStopping: input.earlyStopping ?? null,
    modelName: input.modelName ?? defaultModelName(input.dataset),
    options: experimentOptions,
    trials,
  };
}

export { PRESET_NAMES as MODEL_PRESETS };
