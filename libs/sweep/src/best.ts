/**
 * The best-trial choice is a rule both the scheduler and the registry apply: it lives in
 * @trialgrid/contracts (objective.ts), re-exported here.
 */
export {
  DEFAULT_OBJECTIVE,
  TIE_EPSILON,
  compareTrials,
  objectiveValue,
  selectBestTrial,
  type BestTrialCandidate,
  type LastEpochMetrics,
  type Objective,
} from '@trialgrid/contracts';
