/**
 * Search spaces of trialgrid, as pure functions: validate a CreateExperimentInput and expand
 * it into trials; the median stopping rule; the best-trial selection of the seed.
 *
 * ```ts
 * import { planExperiment, selectBestTrial, shouldStopByMedian } from '@trialgrid/sweep';
 *
 * const plan = planExperiment({ name: 'doc', preset: 'DOCUMENTED_RUNS', epochs: 1 }, { maxTrials: 1000 });
 * plan.trials.map((t) => t.name); // ['run_1_baseline', 'run_2_enhanced', 'run_3_optimized']
 * ```
 */
export {
  DOCUMENTED_RUNS,
  MODEL_PRESETS,
  PARAM_LOG_NAMES,
  PARAM_NAMES,
  SEARCH_ALGORITHMS,
  createExperimentInputSchema,
  earlyStoppingInputSchema,
  parseExperimentInput,
  type CreateExperimentInput,
  type EarlyStoppingConfig,
  type ModelPresetName,
  type ObjectiveDirection,
  type ParamName,
  type ParamRangeInput,
  type SearchAlgorithm,
  type SearchSpaceInput,
  type TrialParamsInput,
} from './input.js';
export {
  DEFAULT_MAX_TRIALS,
  DEFAULT_RANDOM_SEED,
  DEFAULT_TRAIN_PARAMS,
  canonicalParamName,
  documentedRuns,
  expandTrials,
  gridSize,
  loggedParams,
  planExperiment,
  type ExperimentOptions,
  type ExperimentPlan,
  type SweepOptions,
  type TrialParamValues,
  type TrialPlan,
} from './expand.js';
export { createRng, roundSignificant, type Rng } from './random.js';
export { evaluateMedianRule, median, shouldStopByMedian, type MedianDecision, type MedianRuleOptions, type StepValue } from './median.js';
export {
  DEFAULT_OBJECTIVE,
  TIE_EPSILON,
  compareTrials,
  selectBestTrial,
  type BestTrialCandidate,
  type LastEpochMetrics,
  type Objective,
} from './best.js';
