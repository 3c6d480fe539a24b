/**
 * Fragments both clients select with: the CLI and the dashboard spread them by name in their
 * documents (`...ExperimentSummary`, `...TrialRow`), and their result types are
 * `ExperimentSummaryFragment` and `TrialRowFragment`.
 */
import { graphql } from './generated/gql.js';

/** An experiment as lists and live views show it: status, progress and its trials counted by status. */
export const EXPERIMENT_SUMMARY = graphql(`
  fragment ExperimentSummary on Experiment {
    id name status progress modelName error createdAt startedAt finishedAt
    counts { total queued running succeeded failed stopped cancelled }
  }
`);

/** A trial as a table row: parameters, epoch, latest and final metrics, attempt. */
export const TRIAL_ROW = graphql(`
  fragment TrialRow on Trial {
    id experimentId index name status paramMap currentEpoch latestMetrics finalMetrics attempt error startedAt finishedAt
  }
`);
