/**
 * The `CreateExperimentInput` of schema.graphql as plain JSON (what the CLI sends, the gateway
 * forwards and the scheduler stores), parsed with zod. Structural and per-value rules live here;
 * libs/sweep's planExperiment() adds the rules that need the expanded search space.
 * Every problem is `AppError('INVALID_INPUT', message, { details: { field } })`.
 */
import { z } from 'zod';
import { invalidField, dropNulls, zodToAppError } from './issues.js';
import { BUILTIN_DATASET, datasetNameRule } from './datasets.js';
import { modelNameRule } from './models.js';
import { directionRule, epochMetricRule, objectiveMetricRule, DEFAULT_OBJECTIVE } from './objective.js';
import { modelParamsSchema, modelTemplateSchema } from './model-language.js';
import { paramRules } from './params.js';
import { nameText, storableText } from './text.js';

export const DOCUMENTED_RUNS = 'DOCUMENTED_RUNS';
export const SEARCH_ALGORITHMS = ['EXPLICIT', 'GRID', 'RANDOM'] as const;
export type SearchAlgorithm = (typeof SEARCH_ALGORITHMS)[number];

/** Longest experiment / trial name. */
export const MAX_NAME = 200;
/** Default registered model name of an MNIST experiment's best trial (see defaultModelName). */
export const DEFAULT_MODEL_NAME = 'Mnist_Best_Model';

const int = z.number({ error: 'must be a finite number' }).int({ error: 'must be an integer' });

export const trialParamsInputSchema = z.strictObject({
  name: nameText('trial name', MAX_NAME).optional(),
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
  optimizer: paramRules.optimizer.optional(),
  momentum: paramRules.momentum.optional(),
  weightDecay: paramRules.weightDecay.optional(),
  lrSchedule: paramRules.lrSchedule.optional(),
  lrDecay: paramRules.lrDecay.optional(),
  lrDecayEpochs: paramRules.lrDecayEpochs.optional(),
  warmupEpochs: paramRules.warmupEpochs.optional(),
  augmentShift: paramRules.augmentShift.optional(),
  augmentRotation: paramRules.augmentRotation.optional(),
  augmentZoom: paramRules.augmentZoom.optional(),
  earlyStoppingPatience: paramRules.earlyStoppingPatience.optional(),
  earlyStoppingMetric: paramRules.earlyStoppingMetric.optional(),
  /** An architecture in the model language (model-language.ts); excludes preset and the seed family's knobs. */
  model: modelTemplateSchema.optional(),
  /** Values of the model's parameters (`{ width: 64 }`); a search space sets them as `model.<name>`. */
  modelParams: modelParamsSchema.optional(),
});
export type TrialParamsInput = z.infer<typeof trialParamsInputSchema>;

const finite = (what: string) => z.number({ error: `${what} must be a finite number` });

export const paramRangeInputSchema = z.strictObject({
  name: storableText.min(1, { error: 'parameter name must not be empty' }),
  values: z.array(z.union([finite('a value'), storableText, z.boolean()], { error: 'values must be finite numbers, strings or booleans' })).optional(),
  min: finite('min').optional(),
  max: finite('max').optional(),
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

export const earlyStoppingInputSchema = z.strictObject({
  rule: z.literal('median', { error: 'only the "median" early-stopping rule is supported' }).default('median'),
  metric: epochMetricRule.default('val_accuracy'),
  direction: directionRule.default('MAXIMIZE'),
  minTrials: int.min(1, { error: 'earlyStopping.minTrials must be >= 1' }).default(2),
  startStep: int.min(0, { error: 'earlyStopping.startStep must be >= 0' }).default(1),
});
export type EarlyStoppingConfig = z.infer<typeof earlyStoppingInputSchema>;

export const objectiveInputSchema = z.strictObject({
  metric: objectiveMetricRule.default('test_accuracy'),
  direction: directionRule.default('MAXIMIZE'),
});

export const createExperimentInputSchema = z.strictObject({
  name: nameText('name', MAX_NAME),
  /** A dataset registered in the catalog (checked by the scheduler, which knows the catalog). */
  dataset: datasetNameRule.default(BUILTIN_DATASET),
  objective: objectiveInputSchema.default({ metric: 'test_accuracy', direction: DEFAULT_OBJECTIVE.direction }),
  searchSpace: searchSpaceInputSchema.optional(),
  preset: z.literal(DOCUMENTED_RUNS, { error: (iss) => `unknown preset ${JSON.stringify(iss.input)} (expected ${DOCUMENTED_RUNS})` }).optional(),
  maxParallelTrials: int.min(1, { error: 'maxParallelTrials must be an integer >= 1' }).default(2),
  maxFailedTrials: int.min(0, { error: 'maxFailedTrials must be an integer >= 0' }).default(3),
  earlyStopping: earlyStoppingInputSchema.optional(),
  /** Default: defaultModelName(dataset), `Mnist_Best_Model` for mnist (filled by libs/sweep's planExperiment). */
  modelName: modelNameRule.optional(),
  trainLimit: int.min(1, { error: 'trainLimit must be an integer >= 1' }).optional(),
  testLimit: int.min(1, { error: 'testLimit must be an integer >= 1' }).optional(),
  epochs: paramRules.epochs.optional(),
});
export type CreateExperimentInput = z.infer<typeof createExperimentInputSchema>;

/** Top-level field names of CreateExperimentInput. */
export const EXPERIMENT_INPUT_FIELDS = Object.keys(createExperimentInputSchema.shape) as (keyof CreateExperimentInput)[];

/**
 * Parse and default a raw input (explicit nulls count as absent). Throws AppError
 * INVALID_INPUT naming the field. Structural and per-value checks only; see sweep's planExperiment().
 */
export function parseExperimentInput(raw: unknown): CreateExperimentInput {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalidField('(root)', 'experiment input must be a JSON object');
  }
  const parsed = createExperimentInputSchema.safeParse(dropNulls(raw));
  if (!parsed.success) throw zodToAppError(parsed.error);
  return parsed.data;
}
