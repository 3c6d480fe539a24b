/**
 * The GraphQL documents the CLI sends. schema.graphql is the contract: the result and
 * variables types of each document are generated from it (`npm run codegen`, into
 * @trialgrid/graphql-documents; CI fails when they drift), never written by hand.
 */
import { graphql } from '@trialgrid/graphql-documents';
import type {
  DatasetFieldsFragment,
  ExperimentDetailQuery,
  ExperimentSummaryFragment,
  MetricLoggedSubscription,
  ModelQuery,
  TrialRowFragment,
  VersionRowFragment,
} from '@trialgrid/graphql-documents';

export type { ExperimentStatus, TrialStatus } from '@trialgrid/graphql-types';

/** An experiment as lists and live views show it. */
export type ExperimentSummary = ExperimentSummaryFragment;
/** `show`: the experiment with a page of its trials. */
export type ExperimentDetail = NonNullable<ExperimentDetailQuery['experiment']>;
export type TrialRow = TrialRowFragment;
export type TrialCounts = ExperimentSummary['counts'];
export type ModelVersionRow = VersionRowFragment;
export type RegisteredModelRow = NonNullable<ModelQuery['registeredModel']>;
export type ModelEventRow = RegisteredModelRow['history'][number];
/** A dataset of the catalog as the CLI reads it. */
export type DatasetRow = DatasetFieldsFragment;
export type MetricEvent = MetricLoggedSubscription['metricLogged'][number];

/** The API's JSON fields narrowed (one definition, shared with the dashboard). */
export { jsonNumbers, jsonObject } from '@trialgrid/format';

/** The CLI's own fragments (ExperimentSummary and TrialRow are shared with the dashboard: @trialgrid/graphql-documents). */
export const FRAGMENTS = graphql(`
  fragment VersionRow on ModelVersion {
    id modelName version stage aliases description tags metrics createdAt trial { id name experimentId }
    evaluation { description size fingerprint } gate { passed checks { criterion measured passed message } }
  }
  fragment DatasetFields on Dataset {
    name format location imageShape numClasses classNames fingerprint trainCount testCount description
  }
`);

export const CREATE_EXPERIMENT = graphql(`
  mutation Create($input: CreateExperimentInput!) {
    createExperiment(input: $input) { ...ExperimentSummary trials(first: 1000) { totalCount nodes { ...TrialRow } } }
  }
`);

export const LIST_EXPERIMENTS = graphql(`
  query List($first: Int, $status: ExperimentStatus) {
    experiments(first: $first, status: $status) { totalCount nodes { ...ExperimentSummary } }
  }
`);

export const EXPERIMENT = graphql(`
  query ExperimentDetail($id: ID!, $first: Int, $after: String, $status: TrialStatus) {
    experiment(id: $id) {
      ...ExperimentSummary dataset maxParallelTrials options objective { metric direction }
      bestTrial { id name finalMetrics }
      trials(first: $first, after: $after, status: $status) { totalCount pageInfo { endCursor hasNextPage } nodes { ...TrialRow } }
    }
  }
`);

export const TRIAL = graphql(`
  query Trial($id: ID!) {
    trial(id: $id) {
      ...TrialRow summary provenance
      metrics(maxPoints: 500) { key totalPoints points { step value } }
      artifacts { name kind sizeBytes url }
      logs(tail: 20) { level message loggedAt }
    }
  }
`);

export const COMPARE = graphql(`
  query Compare($ids: [ID!]!) {
    compareTrials(ids: $ids) { paramKeys metricKeys trials { ...TrialRow experiment { name options } } }
  }
`);

export const CANCEL = graphql(`
  mutation Cancel($id: ID!) { cancelExperiment(id: $id) { ...ExperimentSummary } }
`);
export const STOP = graphql(`
  mutation Stop($id: ID!) { stopTrial(id: $id) { ...TrialRow } }
`);
export const RETRY = graphql(`
  mutation Retry($id: ID!) { retryTrial(id: $id) { ...TrialRow } }
`);

export const TRANSITION = graphql(`
  mutation Transition($modelName: String!, $version: Int!, $stage: ModelStage!, $archiveExisting: Boolean, $override: Boolean, $reason: String) {
    transitionModelVersionStage(modelName: $modelName, version: $version, stage: $stage, archiveExisting: $archiveExisting, override: $override, reason: $reason) { ...VersionRow }
  }
`);

export const MODELS = graphql(`
  query Models($search: String) {
    registeredModels(search: $search) { name description aliases updatedAt
      latestVersion { ...VersionRow } production { ...VersionRow } versions { version } history { kind } }
  }
`);

export const MODEL = graphql(`
  query Model($name: String!) {
    registeredModel(name: $name) {
      name description tags aliases updatedAt latestVersion { ...VersionRow } production { ...VersionRow }
      promotionPolicy { minTestAccuracy maxLatencyMs maxModelSizeBytes maxClassAccuracyGap }
      versions { ...VersionRow }
      history { kind version alias fromValue toValue actor reason at }
    }
  }
`);

export const DATASET_SHAPE = graphql(`
  query DatasetShape($name: String!) { dataset(name: $name) { imageShape numClasses } }
`);
export const DATASETS = graphql(`
  query Datasets { datasets { ...DatasetFields } }
`);
export const REGISTER_DATASET = graphql(`
  mutation RegisterDataset($input: RegisterDatasetInput!) { registerDataset(input: $input) { ...DatasetFields } }
`);

export const EXPERIMENT_UPDATED = graphql(`
  subscription ExperimentUpdated($id: ID) { experimentUpdated(id: $id) { ...ExperimentSummary } }
`);
export const TRIAL_UPDATED = graphql(`
  subscription TrialUpdated($experimentId: ID) { trialUpdated(experimentId: $experimentId) { ...TrialRow } }
`);
export const METRIC_LOGGED = graphql(`
  subscription MetricLogged($experimentId: ID) { metricLogged(experimentId: $experimentId) { trialId key step value } }
`);
