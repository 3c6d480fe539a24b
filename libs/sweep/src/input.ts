/**
 * The experiment input and its rules live in @trialgrid/contracts (the only copy); this module
 * re-exports them under the names libs/sweep has always offered.
 */
export {
  DOCUMENTED_RUNS,
  PARAM_LOG_NAMES,
  PARAM_NAMES,
  PRESET_NAMES as MODEL_PRESETS,
  SEARCH_ALGORITHMS,
  createExperimentInputSchema,
  dropNulls,
  earlyStoppingInputSchema,
  fieldPath,
  invalidField,
  paramRangeInputSchema,
  paramRules,
  parseExperimentInput,
  searchSpaceInputSchema,
  trialParamsInputSchema,
  zodToAppError,
  type CreateExperimentInput,
  type EarlyStoppingConfig,
  type ObjectiveDirection,
  type ParamName,
  type ParamRangeInput,
  type PresetName as ModelPresetName,
  type SearchAlgorithm,
  type SearchSpaceInput,
  type TrialParamsInput,
} from '@trialgrid/contracts';
