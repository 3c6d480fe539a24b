/**
 * The GraphQL documents the CLI sends (schema.graphql is the contract) and the shapes of
 * their results.
 */

export type ExperimentStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
export type TrialStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'STOPPED' | 'CANCELLED';

export const TERMINAL_EXPERIMENT: readonly ExperimentStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
export const TERMINAL_TRIAL: readonly TrialStatus[] = ['SUCCEEDED', 'FAILED', 'STOPPED', 'CANCELLED'];

export interface TrialCounts {
  total: number;
  queued: number;
  running: number;
  succeeded: number;
  failed: number;
  stopped: number;
  cancelled: number;
}

export interface TrialRow {
  id: string;
  experimentId: string;
  index: number;
  name: string;
  status: TrialStatus;
  paramMap: Record<string, unknown>;
  currentEpoch: number | null;
  latestMetrics: Record<string, number>;
  finalMetrics: Record<string, number> | null;
  attempt: number;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ExperimentSummary {
  id: string;
  name: string;
  status: ExperimentStatus;
  progress: number;
  counts: TrialCounts;
  modelName: string;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ExperimentDetail extends ExperimentSummary {
  dataset: string;
  objective: { metric: string; direction: 'MAXIMIZE' | 'MINIMIZE' };
  maxParallelTrials: number;
  options: Record<string, unknown>;
  trials: { totalCount: number; pageInfo: { endCursor: string | null; hasNextPage: boolean }; nodes: TrialRow[] };
  bestTrial: { id: string; name: string; finalMetrics: Record<string, number> | null } | null;
}

export interface ModelVersionRow {
  id: string;
  modelName: string;
  version: number;
  stage: string;
  aliases: string[];
  tags: Record<string, unknown>;
  metrics: Record<string, unknown>;
  createdAt: string;
  description: string | null;
  trial: { id: string; name: string; experimentId: string } | null;
  evaluation: { description: string; size: number; fingerprint: string | null } | null;
  gate: { passed: boolean; checks: { criterion: string; measured: number | null; passed: boolean; message: string }[] } | null;
}

export interface ModelEventRow {
  kind: string;
  version: number | null;
  alias: string | null;
  fromValue: string | null;
  toValue: string | null;
  actor: string;
  reason: string | null;
  at: string;
}

export interface RegisteredModelRow {
  name: string;
  description: string | null;
  tags?: Record<string, string>;
  promotionPolicy: { minTestAccuracy: number; maxLatencyMs: number; maxModelSizeBytes: number; maxClassAccuracyGap: number };
  aliases: Record<string, number>;
  latestVersion: ModelVersionRow | null;
  production: ModelVersionRow | null;
  versions: ModelVersionRow[];
  history: ModelEventRow[];
  updatedAt: string;
}

const EXPERIMENT_SUMMARY = `id name status progress modelName error createdAt startedAt finishedAt
  counts { total queued running succeeded failed stopped cancelled }`;

export const TRIAL_ROW = `id experimentId index name status paramMap currentEpoch latestMetrics finalMetrics attempt error startedAt finishedAt`;

const VERSION_ROW = `id modelName version stage aliases description tags metrics createdAt trial { id name experimentId }
  evaluation { description size fingerprint } gate { passed checks { criterion measured passed message } }`;

export const CREATE_EXPERIMENT = `mutation Create($input: CreateExperimentInput!) {
  createExperiment(input: $input) { ${EXPERIMENT_SUMMARY} trials(first: 1000) { totalCount nodes { ${TRIAL_ROW} } } }
}`;

export const LIST_EXPERIMENTS = `query List($first: Int, $status: ExperimentStatus) {
  experiments(first: $first, status: $status) { totalCount nodes { ${EXPERIMENT_SUMMARY} } }
}`;

export const EXPERIMENT = `query Experiment($id: ID!, $first: Int, $after: String, $status: TrialStatus) {
  experiment(id: $id) {
    ${EXPERIMENT_SUMMARY} dataset maxParallelTrials options objective { metric direction }
    bestTrial { id name finalMetrics }
    trials(first: $first, after: $after, status: $status) { totalCount pageInfo { endCursor hasNextPage } nodes { ${TRIAL_ROW} } }
  }
}`;

export const TRIAL = `query Trial($id: ID!) {
  trial(id: $id) {
    ${TRIAL_ROW} summary provenance
    metrics(maxPoints: 500) { key totalPoints points { step value } }
    artifacts { name kind sizeBytes url }
    logs(tail: 20) { level message loggedAt }
  }
}`;

export const COMPARE = `query Compare($ids: [ID!]!) {
  compareTrials(ids: $ids) { paramKeys metricKeys trials { ${TRIAL_ROW} experiment { name options } } }
}`;

export const CANCEL = `mutation Cancel($id: ID!) { cancelExperiment(id: $id) { ${EXPERIMENT_SUMMARY} } }`;
export const STOP = `mutation Stop($id: ID!) { stopTrial(id: $id) { ${TRIAL_ROW} } }`;
export const RETRY = `mutation Retry($id: ID!) { retryTrial(id: $id) { ${TRIAL_ROW} } }`;

export const TRANSITION = `mutation Transition($modelName: String!, $version: Int!, $stage: ModelStage!, $archiveExisting: Boolean, $override: Boolean, $reason: String) {
  transitionModelVersionStage(modelName: $modelName, version: $version, stage: $stage, archiveExisting: $archiveExisting, override: $override, reason: $reason) { ${VERSION_ROW} }
}`;

export const MODELS = `query Models($search: String) { registeredModels(search: $search) { name description aliases updatedAt
  latestVersion { ${VERSION_ROW} } production { ${VERSION_ROW} } versions { version } history { kind } } }`;

export const MODEL = `query Model($name: String!) { registeredModel(name: $name) {
  name description tags aliases updatedAt latestVersion { ${VERSION_ROW} } production { ${VERSION_ROW} }
  promotionPolicy { minTestAccuracy maxLatencyMs maxModelSizeBytes maxClassAccuracyGap }
  versions { ${VERSION_ROW} }
  history { kind version alias fromValue toValue actor reason at }
} }`;

/** A dataset of the catalog as the CLI reads it. */
export interface DatasetRow {
  name: string;
  format: string;
  location: { kind: string } & Record<string, unknown>;
  imageShape: number[];
  numClasses: number;
  classNames: string[];
  fingerprint: string;
  trainCount: number | null;
  testCount: number | null;
  description: string | null;
}

const DATASET_FIELDS = `name format location imageShape numClasses classNames fingerprint trainCount testCount description`;
export const DATASET_SHAPE = `query DatasetShape($name: String!) { dataset(name: $name) { imageShape numClasses } }`;
export const DATASETS = `query Datasets { datasets { ${DATASET_FIELDS} } }`;
export const REGISTER_DATASET = `mutation RegisterDataset($input: RegisterDatasetInput!) { registerDataset(input: $input) { ${DATASET_FIELDS} } }`;

export const EXPERIMENT_UPDATED = `subscription ExperimentUpdated($id: ID) { experimentUpdated(id: $id) { ${EXPERIMENT_SUMMARY} } }`;
export const TRIAL_UPDATED = `subscription TrialUpdated($experimentId: ID) { trialUpdated(experimentId: $experimentId) { ${TRIAL_ROW} } }`;
export const METRIC_LOGGED = `subscription MetricLogged($experimentId: ID) { metricLogged(experimentId: $experimentId) { trialId key step value } }`;

export interface MetricEvent {
  trialId: string;
  key: string;
  step: number;
  value: number;
}
