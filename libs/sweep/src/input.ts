/**
 * The `CreateExperimentInput` of schema.graphql as plain JSON (the gateway forwards it
 * unchanged), parsed and checked with zod. Every problem becomes
 * `AppError('INVALID_INPUT', message, { details: { field } })`, `field` being the dotted path
 * of the offending value (e.g. `searchSpace.trials.1.learningRate`).
 */
import { z } from 'zod';
import { AppError } from '@trialgrid/errors';

export const DOCUMENTED_RUNS = 'DOCUMENTED_RUNS';
export const MODEL_PRESETS = ['baseline', 'enhanced', 'optimized'] as const;
export type ModelPresetName = (typeof MODEL_PRESETS)[number];
export const SEARCH_ALGORITHMS = ['EXPLICIT', 'GRID', 'RANDOM'] as const;
export type SearchAlgorithm = (typeof SEARCH_ALGORITHMS)[number];
export type ObjectiveDirection = 'MAXIMIZE' | 'MINIMIZE';

/** Largest epoch count a trial may ask for. */
export const MAX_EPOCHS = 1000;

const int = z.number().int({ error: 'must be an integer' });

// Each hyperparameter's rule lives here once; explicit trials, grid/random bases and every
// expanded point are all checked with these.
export const paramRules = {
  preset: z.enum(MODEL_PRESETS, { error: (iss) => `unknown model preset ${JSON.stringify(iss.input)} (expected ${MODEL_PRESETS.join(', ')})` }),
  filters: int.min(1, { error: 'filters must be an integer >= 1' }).max(1024, { error: 'filters must be <= 1024' }),
  hiddenUnits: int.min(0, { error: 'hiddenUnits must be an integer >= 0' }).max(8192, { error: 'hiddenUnits must be <= 8192' }),
  convDropout: z.number().min(0, { error: 'convDropout must be in [0, 1)' }).lt(1, { error: 'convDropout must be in [0, 1)' }),
  denseDropout: z.number().min(0, { error: 'denseDropout must be in [0, 1)' }).lt(1, { error: 'denseDropout must be in [0, 1)' }),
  learningRate: z.number().finite().gt(0, { error: 'learningRate must be > 0' }),
  batchSize: int.min(1, { error: 'batchSize must be an integer >= 1' }),
  epochs: int.min(1, { error: 'epochs must be an integer in 1..1000' }).max(MAX_EPOCHS, { error: 'epochs must be an integer in 1..1000' }),
  validationSplit: z.number().min(0, { error: 'validationSplit must be in [0, 0.9]' }).max(0.9, { error: 'validationSplit must be in [0, 0.9]' }),
  seed: int,
} as const;

/** Names a search space may vary (GraphQL TrialParamsInput fields other than `name`). */
export const PARAM_NAMES = Object.keys(paramRules) as ParamName[];
export type ParamName = keyof typeof paramRules;

/** MLflow-style aliases accepted in `parameters[].name`, mapped to the camelCase field. */
export const PARAM_ALIASES: Readonly<Record<string, ParamName>> = {
  model_type: 'preset',
  hidden_units: 'hiddenUnits',
  conv_dropout: 'convDropout',
  dense_dropout: 'denseDropout',
  learning_rate: 'learningRate',
  batch_size: 'batchSize',
  validation_split: 'validationSplit',
};

export const trialParamsInputSchema = z.strictObject({
  name: z.string().trim().min(1, { error: 'trial name must not be empty' }).optional(),
  preset: paramRules.preset.optional(),
  filters: paramRules.filters.optional(),
  hiddenUnits: paramRules.hiddenUnits.optional(),
  convDropout: paramRules.convDropout.optional(),
  denseDropout: paramRules.denseDropout.optional(),
  learningRate: paramRules.learningRate.optional(),
  batchSize: paramRules.batchSize.optional(),
  epochs: paramRules.epochs.optional(),
  validationSplit: paramRules.validationSplit.optional(),
  seed: paramRules.seed.optional(),
});
export type TrialParamsInput = z.infer<typeof trialParamsInputSchema>;

export const paramRangeInputSchema = z.strictObject({
  name: z.string().min(1, { error: 'parameter name must not be empty' }),
  values: z.array(z.union([z.number(), z.string(), z.boolean()])).optional(),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  log: z.boolean().default(false),
  integer: z.boolean().default(false),
});
export type ParamRangeInput = z.infer<typeof paramRangeInputSchema>;

export const searchSpaceInputSchema = z.strictObject({
  algorithm: z.enum(SEARCH_ALGORITHMS, { error: (iss) => `unknown search algorithm ${JSON.stringify(iss.input)} (expected EXPLICIT, GRID or RANDOM)` }),
  trials: z.array(trialParamsInputSchema).optional(),
  parameters: z.array(paramRangeInputSchema).optional(),
  base: trialParamsInputSchema.optional(),
  trialCount: int.min(1, { error: 'trialCount must be an integer >= 1' }).optional(),
  seed: int.optional(),
});
export type SearchSpaceInput = z.infer<typeof searchSpaceInputSchema>;

const direction = z.enum(['MAXIMIZE', 'MINIMIZE'], { error: 'direction must be MAXIMIZE or MINIMIZE' });

export const earlyStoppingInputSchema = z.strictObject({
  rule: z.literal('median', { error: 'only the "median" early-stopping rule is supported' }).default('median'),
  metric: z.string().min(1).default('val_accuracy'),
  direction: direction.default('MAXIMIZE'),
  minTrials: int.min(1, { error: 'earlyStopping.minTrials must be >= 1' }).default(2),
  startStep: int.min(0, { error: 'earlyStopping.startStep must be >= 0' }).default(1),
});
export type EarlyStoppingConfig = z.infer<typeof earlyStoppingInputSchema>;

export const createExperimentInputSchema = z.strictObject({
  name: z.string().trim().min(1, { error: 'name must not be empty' }).max(200, { error: 'name must be at most 200 characters' }),
  dataset: z.string().trim().min(1, { error: 'dataset must not be empty' }).default('mnist'),
  objective: z
    .strictObject({
      metric: z.string().min(1).default('test_accuracy'),
      direction: direction.default('MAXIMIZE'),
    })
    .default({ metric: 'test_accuracy', direction: 'MAXIMIZE' }),
  searchSpace: searchSpaceInputSchema.optional(),
  preset: z.literal(DOCUMENTED_RUNS, { error: (iss) => `unknown preset ${JSON.stringify(iss.input)} (expected ${DOCUMENTED_RUNS})` }).optional(),
  maxParallelTrials: int.min(1, { error: 'maxParallelTrials must be an integer >= 1' }).default(2),
  maxFailedTrials: int.min(0, { error: 'maxFailedTrials must be an integer >= 0' }).default(3),
  earlyStopping: earlyStoppingInputSchema.optional(),
  modelName: z.string().trim().min(1, { error: 'modelName must not be empty' }).default('Mnist_Best_Model'),
  trainLimit: int.min(1, { error: 'trainLimit must be an integer >= 1' }).optional(),
  testLimit: int.min(1, { error: 'testLimit must be an integer >= 1' }).optional(),
  epochs: paramRules.epochs.optional(),
});
export type CreateExperimentInput = z.infer<typeof createExperimentInputSchema>;

/**
 * GraphQL sends explicit `null` for omitted optional inputs. Object keys holding null are
 * dropped so defaults apply; array elements are kept (and rejected if null).
 */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== null && v !== undefined) out[k] = dropNulls(v);
    }
    return out;
  }
  return value;
}

/** `a.b.0.c` from a zod path, with a prefix. */
export function fieldPath(path: readonly PropertyKey[], prefix = ''): string {
  const parts = path.map((p) => String(p));
  return [prefix, ...parts].filter((p) => p.length > 0).join('.');
}

export function invalidField(field: string, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('INVALID_INPUT', message, { details: { field, ...extra } });
}

/** Turns the first zod issue into an INVALID_INPUT AppError naming its field. */
export function zodToAppError(error: z.ZodError, prefix = ''): AppError {
  const issue = error.issues[0];
  if (!issue) return invalidField(prefix || '(root)', 'invalid input');
  let path = issue.path;
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    path = [...issue.path, key];
    message = `unknown field ${key}`;
  } else if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    message = `${fieldPath(path) || 'value'} is required`;
  }
  const field = fieldPath(path, prefix) || '(root)';
  const last = String(path[path.length - 1] ?? '');
  return invalidField(field, last && message.includes(last) ? message : `${field}: ${message}`, {
    issues: error.issues.slice(0, 10).map((i) => ({ field: fieldPath(i.path, prefix), message: i.message })),
  });
}

/** Parse and default the raw input. Throws AppError INVALID_INPUT. Structural checks only; see planExperiment(). */
export function parseExperimentInput(raw: unknown): CreateExperimentInput {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalidField('(root)', 'experiment input must be a JSON object');
  }
  const parsed = createExperimentInputSchema.safeParse(dropNulls(raw));
  if (!parsed.success) throw zodToAppError(parsed.error);
  return parsed.data;
}
