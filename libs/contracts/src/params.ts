/**
 * The hyperparameters a search space may set or vary, with their one rule each and their one
 * name map: camelCase as in schema.graphql's TrialParamsInput, snake_case as MLflow logs them
 * (`learning_rate`), both accepted in `parameters[].name`. Parameters of a model template
 * (`model.width`) are the model language's (model-language.ts).
 */
import { z } from 'zod';
import { engineRules, PRESET_NAMES, TRAIN_OPTION_NAMES, trainParamsSchema, validateTrainParams, type TrainParams } from './engine.js';
import { invalidField, zodToAppError } from './issues.js';

/** Each hyperparameter's rule: the engine's bounds, plus the preset name. */
export const paramRules = {
  preset: z.enum(PRESET_NAMES, { error: (iss) => `unknown model preset ${JSON.stringify(iss.input)} (expected ${PRESET_NAMES.join(', ')})` }),
  ...engineRules,
} as const;

export type ParamName = keyof typeof paramRules;

/** camelCase field → the snake_case name a trial logs it under. The only copy of this map. */
export const PARAM_LOG_NAMES: Readonly<Record<ParamName, string>> = {
  preset: 'model_type',
  filters: 'filters',
  hiddenUnits: 'hidden_units',
  convDropout: 'conv_dropout',
  denseDropout: 'dense_dropout',
  learningRate: 'learning_rate',
  batchSize: 'batch_size',
  epochs: 'epochs',
  validationSplit: 'validation_split',
  seed: 'seed',
  optimizer: 'optimizer',
  momentum: 'momentum',
  weightDecay: 'weight_decay',
  lrSchedule: 'lr_schedule',
  lrDecay: 'lr_decay',
  lrDecayEpochs: 'lr_decay_epochs',
  warmupEpochs: 'warmup_epochs',
  augmentShift: 'augment_shift',
  augmentRotation: 'augment_rotation',
  augmentZoom: 'augment_zoom',
  earlyStoppingPatience: 'early_stopping_patience',
  earlyStoppingMetric: 'early_stopping_metric',
};

/** Names a search space may vary (TrialParamsInput fields other than `name`). */
export const PARAM_NAMES = Object.keys(PARAM_LOG_NAMES) as ParamName[];

/** Parameters whose values are integers (a RANDOM range over them samples integers). */
export const INTEGER_PARAMS: ReadonlySet<ParamName> = new Set(['filters', 'hiddenUnits', 'batchSize', 'epochs', 'seed', 'lrDecayEpochs', 'augmentShift', 'earlyStoppingPatience']);

// A Map, not an object: a name such as `__proto__` or `constructor` must find nothing.
const BY_NAME: ReadonlyMap<string, ParamName> = new Map<string, ParamName>([
  ...PARAM_NAMES.map((n) => [n, n] as const),
  ...PARAM_NAMES.map((n) => [PARAM_LOG_NAMES[n], n] as const),
]);

/**
 * The camelCase name of a search parameter given either spelling, or INVALID_INPUT naming
 * `field` for anything else (whatever the string is).
 */
export function canonicalParamName(name: string, field: string): ParamName {
  const found = BY_NAME.get(name);
  if (found !== undefined) return found;
  throw invalidField(
    field,
    `unknown parameter ${JSON.stringify(name)} (expected one of ${PARAM_NAMES.join(', ')}, or ${PARAM_NAMES.map((n) => PARAM_LOG_NAMES[n]).filter((n, i) => n !== PARAM_NAMES[i]).join(', ')}, or model.<name> for a parameter of the experiment's model)`,
    { name },
  );
}

const OPTION_NAMES: ReadonlySet<string> = new Set(TRAIN_OPTION_NAMES);

/**
 * The TrainParams a stored trial's logged params (`learning_rate`, `batch_size`, `lr_schedule`,
 * ...) carry, read through PARAM_LOG_NAMES: how a stored trial's dispatch is rebuilt from its
 * params. The seed's five (learning_rate, batch_size, epochs, validation_split, seed) are
 * required; an option is taken when present. Nothing is filled in: a missing required value,
 * or any value its rule refuses, is AppError INVALID_INPUT naming the logged key in
 * `details.field` (`learning_rate`), so a trial is never trained with a value it did not plan.
 */
export function trainParamsFromLogged(params: Readonly<Record<string, unknown>>): TrainParams {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(trainParamsSchema.shape) as (keyof TrainParams)[]) {
    const key = PARAM_LOG_NAMES[name];
    const value = Object.hasOwn(params, key) ? params[key] : undefined;
    if (value === undefined || value === null) {
      if (!OPTION_NAMES.has(name)) throw invalidField(key, `the trial has no ${key} param`, { param: key });
      continue;
    }
    const parsed = paramRules[name].safeParse(value);
    if (!parsed.success) throw zodToAppError(parsed.error, key);
    out[name] = parsed.data;
  }
  // The cross-field checks (momentum only with sgd, ...), named by the camelCase field.
  return validateTrainParams(out);
}
