/* eslint-disable */
import type * as Types from '@trialgrid/graphql-types';
import { TypedDocumentString } from '@trialgrid/graphql-types';
export type ApiTokenFieldsFragment = { id: string, name: string, owner: string, role: Types.Role, prefix: string, createdBy: string, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null };

export type ApiTokensQueryVariables = Types.Exact<{ [key: string]: never; }>;


export type ApiTokensQuery = { apiTokens: Array<{ id: string, name: string, owner: string, role: Types.Role, prefix: string, createdBy: string, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null }> };

export type CreateApiTokenMutationVariables = Types.Exact<{
  input: Types.CreateApiTokenInput;
}>;


export type CreateApiTokenMutation = { createApiToken: { token: string, apiToken: { id: string, name: string, owner: string, role: Types.Role, prefix: string, createdBy: string, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null } } };

export type RevokeApiTokenMutationVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
}>;


export type RevokeApiTokenMutation = { revokeApiToken: { id: string, name: string, owner: string, role: Types.Role, prefix: string, createdBy: string, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null } };

export type ExperimentSummaryFragment = { id: string, name: string, status: Types.ExperimentStatus, progress: number, modelName: string, error: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, counts: { total: number, queued: number, running: number, succeeded: number, failed: number, stopped: number, cancelled: number } };

export type TrialRowFragment = { id: string, experimentId: string, index: number, name: string, status: Types.TrialStatus, paramMap: unknown, currentEpoch: number | null, latestMetrics: unknown, finalMetrics: unknown | null, attempt: number, error: string | null, startedAt: string | null, finishedAt: string | null };

export type VersionRowFragment = { id: string, modelName: string, version: number, stage: Types.ModelStage, aliases: Array<string>, description: string | null, tags: unknown, metrics: unknown, createdAt: string, trial: { id: string, name: string, experimentId: string } | null, evaluation: { description: string, size: number, fingerprint: string | null } | null, gate: { passed: boolean, checks: Array<{ criterion: string, measured: number | null, passed: boolean, message: string }> } | null };

export type DatasetFieldsFragment = { name: string, format: string, location: unknown, imageShape: Array<number>, numClasses: number, classNames: Array<string>, fingerprint: string, trainCount: number | null, testCount: number | null, description: string | null };

export type CreateMutationVariables = Types.Exact<{
  input: Types.CreateExperimentInput;
}>;


export type CreateMutation = { createExperiment: { id: string, name: string, status: Types.ExperimentStatus, progress: number, modelName: string, error: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, trials: { totalCount: number, nodes: Array<{ id: string, experimentId: string, index: number, name: string, status: Types.TrialStatus, paramMap: unknown, currentEpoch: number | null, latestMetrics: unknown, finalMetrics: unknown | null, attempt: number, error: string | null, startedAt: string | null, finishedAt: string | null }> }, counts: { total: number, queued: number, running: number, succeeded: number, failed: number, stopped: number, cancelled: number } } };

export type ListQueryVariables = Types.Exact<{
  first?: Types.InputMaybe<Types.Scalars['Int']['input']>;
  status?: Types.InputMaybe<Types.ExperimentStatus>;
}>;


export type ListQuery = { experiments: { totalCount: number, nodes: Array<{ id: string, name: string, status: Types.ExperimentStatus, progress: number, modelName: string, error: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, counts: { total: number, queued: number, running: number, succeeded: number, failed: number, stopped: number, cancelled: number } }> } };

export type ExperimentDetailQueryVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
  first?: Types.InputMaybe<Types.Scalars['Int']['input']>;
  after?: Types.InputMaybe<Types.Scalars['String']['input']>;
  status?: Types.InputMaybe<Types.TrialStatus>;
}>;


export type ExperimentDetailQuery = { experiment: { dataset: string, maxParallelTrials: number, options: unknown, id: string, name: string, status: Types.ExperimentStatus, progress: number, modelName: string, error: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, objective: { metric: string, direction: Types.ObjectiveDirection }, bestTrial: { id: string, name: string, finalMetrics: unknown | null } | null, trials: { totalCount: number, pageInfo: { endCursor: string | null, hasNextPage: boolean }, nodes: Array<{ id: string, experimentId: string, index: number, name: string, status: Types.TrialStatus, paramMap: unknown, currentEpoch: number | null, latestMetrics: unknown, finalMetrics: unknown | null, attempt: number, error: string | null, startedAt: string | null, finishedAt: string | null }> }, counts: { total: number, queued: number, running: number, succeeded: number, failed: number, stopped: number, cancelled: number } } | null };

export type TrialQueryVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
}>;


export type TrialQuery = { trial: { summary: unknown | null, provenance: unknown | null, id: string, experimentId: string, index: number, name: string, status: Types.TrialStatus, paramMap: unknown, currentEpoch: number | null, latestMetrics: unknown, finalMetrics: unknown | null, attempt: number, error: string | null, startedAt: string | null, finishedAt: string | null, metrics: Array<{ key: string, totalPoints: number, points: Array<{ step: number, value: number }> }>, artifacts: Array<{ name: string, kind: string, sizeBytes: number, url: string }>, logs: Array<{ level: string, message: string, loggedAt: string }> } | null };

export type CompareQueryVariables = Types.Exact<{
  ids: Array<Types.Scalars['ID']['input']> | Types.Scalars['ID']['input'];
}>;


export type CompareQuery = { compareTrials: { paramKeys: Array<string>, metricKeys: Array<string>, trials: Array<{ id: string, experimentId: string, index: number, name: string, status: Types.TrialStatus, paramMap: unknown, currentEpoch: number | null, latestMetrics: unknown, finalMetrics: unknown | null, attempt: number, error: string | null, startedAt: string | null, finishedAt: string | null, experiment: { name: string, options: unknown } }> } };

export type CancelMutationVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
}>;


export type CancelMutation = { cancelExperiment: { id: string, name: string, status: Types.ExperimentStatus, progress: number, modelName: string, error: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, counts: { total: number, queued: number, running: number, succeeded: number, failed: number, stopped: number, cancelled: number } } };

export type StopMutationVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
}>;


export type StopMutation = { stopTrial: { id: string, experimentId: string, index: number, name: string, status: Types.TrialStatus, paramMap: unknown, currentEpoch: number | null, latestMetrics: unknown, finalMetrics: unknown | null, attempt: number, error: string | null, startedAt: string | null, finishedAt: string | null } };

export type RetryMutationVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
}>;


export type RetryMutation = { retryTrial: { id: string, experimentId: string, index: number, name: string, status: Types.TrialStatus, paramMap: unknown, currentEpoch: number | null, latestMetrics: unknown, finalMetrics: unknown | null, attempt: number, error: string | null, startedAt: string | null, finishedAt: string | null } };

export type TransitionMutationVariables = Types.Exact<{
  modelName: Types.Scalars['String']['input'];
  version: Types.Scalars['Int']['input'];
  stage: Types.ModelStage;
  archiveExisting?: Types.InputMaybe<Types.Scalars['Boolean']['input']>;
  override?: Types.InputMaybe<Types.Scalars['Boolean']['input']>;
  reason?: Types.InputMaybe<Types.Scalars['String']['input']>;
}>;


export type TransitionMutation = { transitionModelVersionStage: { id: string, modelName: string, version: number, stage: Types.ModelStage, aliases: Array<string>, description: string | null, tags: unknown, metrics: unknown, createdAt: string, trial: { id: string, name: string, experimentId: string } | null, evaluation: { description: string, size: number, fingerprint: string | null } | null, gate: { passed: boolean, checks: Array<{ criterion: string, measured: number | null, passed: boolean, message: string }> } | null } };

export type ModelsQueryVariables = Types.Exact<{
  search?: Types.InputMaybe<Types.Scalars['String']['input']>;
}>;


export type ModelsQuery = { registeredModels: Array<{ name: string, description: string | null, aliases: unknown, updatedAt: string, latestVersion: { id: string, modelName: string, version: number, stage: Types.ModelStage, aliases: Array<string>, description: string | null, tags: unknown, metrics: unknown, createdAt: string, trial: { id: string, name: string, experimentId: string } | null, evaluation: { description: string, size: number, fingerprint: string | null } | null, gate: { passed: boolean, checks: Array<{ criterion: string, measured: number | null, passed: boolean, message: string }> } | null } | null, production: { id: string, modelName: string, version: number, stage: Types.ModelStage, aliases: Array<string>, description: string | null, tags: unknown, metrics: unknown, createdAt: string, trial: { id: string, name: string, experimentId: string } | null, evaluation: { description: string, size: number, fingerprint: string | null } | null, gate: { passed: boolean, checks: Array<{ criterion: string, measured: number | null, passed: boolean, message: string }> } | null } | null, versions: Array<{ version: number }>, history: Array<{ kind: string }> }> };

export type ModelQueryVariables = Types.Exact<{
  name: Types.Scalars['String']['input'];
}>;


export type ModelQuery = { registeredModel: { name: string, description: string | null, tags: unknown, aliases: unknown, updatedAt: string, latestVersion: { id: string, modelName: string, version: number, stage: Types.ModelStage, aliases: Array<string>, description: string | null, tags: unknown, metrics: unknown, createdAt: string, trial: { id: string, name: string, experimentId: string } | null, evaluation: { description: string, size: number, fingerprint: string | null } | null, gate: { passed: boolean, checks: Array<{ criterion: string, measured: number | null, passed: boolean, message: string }> } | null } | null, production: { id: string, modelName: string, version: number, stage: Types.ModelStage, aliases: Array<string>, description: string | null, tags: unknown, metrics: unknown, createdAt: string, trial: { id: string, name: string, experimentId: string } | null, evaluation: { description: string, size: number, fingerprint: string | null } | null, gate: { passed: boolean, checks: Array<{ criterion: string, measured: number | null, passed: boolean, message: string }> } | null } | null, promotionPolicy: { minTestAccuracy: number, maxLatencyMs: number, maxModelSizeBytes: number, maxClassAccuracyGap: number }, versions: Array<{ id: string, modelName: string, version: number, stage: Types.ModelStage, aliases: Array<string>, description: string | null, tags: unknown, metrics: unknown, createdAt: string, trial: { id: string, name: string, experimentId: string } | null, evaluation: { description: string, size: number, fingerprint: string | null } | null, gate: { passed: boolean, checks: Array<{ criterion: string, measured: number | null, passed: boolean, message: string }> } | null }>, history: Array<{ kind: string, version: number | null, alias: string | null, fromValue: string | null, toValue: string | null, actor: string, reason: string | null, at: string }> } | null };

export type DatasetShapeQueryVariables = Types.Exact<{
  name: Types.Scalars['String']['input'];
}>;


export type DatasetShapeQuery = { dataset: { imageShape: Array<number>, numClasses: number } | null };

export type DatasetsQueryVariables = Types.Exact<{ [key: string]: never; }>;


export type DatasetsQuery = { datasets: Array<{ name: string, format: string, location: unknown, imageShape: Array<number>, numClasses: number, classNames: Array<string>, fingerprint: string, trainCount: number | null, testCount: number | null, description: string | null }> };

export type RegisterDatasetMutationVariables = Types.Exact<{
  input: Types.RegisterDatasetInput;
}>;


export type RegisterDatasetMutation = { registerDataset: { name: string, format: string, location: unknown, imageShape: Array<number>, numClasses: number, classNames: Array<string>, fingerprint: string, trainCount: number | null, testCount: number | null, description: string | null } };

export type ExperimentUpdatedSubscriptionVariables = Types.Exact<{
  id?: Types.InputMaybe<Types.Scalars['ID']['input']>;
}>;


export type ExperimentUpdatedSubscription = { experimentUpdated: { id: string, name: string, status: Types.ExperimentStatus, progress: number, modelName: string, error: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, counts: { total: number, queued: number, running: number, succeeded: number, failed: number, stopped: number, cancelled: number } } };

export type TrialUpdatedSubscriptionVariables = Types.Exact<{
  experimentId?: Types.InputMaybe<Types.Scalars['ID']['input']>;
}>;


export type TrialUpdatedSubscription = { trialUpdated: { id: string, experimentId: string, index: number, name: string, status: Types.TrialStatus, paramMap: unknown, currentEpoch: number | null, latestMetrics: unknown, finalMetrics: unknown | null, attempt: number, error: string | null, startedAt: string | null, finishedAt: string | null } };

export type MetricLoggedSubscriptionVariables = Types.Exact<{
  experimentId?: Types.InputMaybe<Types.Scalars['ID']['input']>;
}>;


export type MetricLoggedSubscription = { metricLogged: Array<{ trialId: string, key: string, step: number, value: number }> };


export const ApiTokenFieldsFragmentDoc = new TypedDocumentString(`
    fragment ApiTokenFields on ApiToken {
  id
  name
  owner
  role
  prefix
  createdBy
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
}
    `, {"fragmentName":"ApiTokenFields"}) as unknown as TypedDocumentString<ApiTokenFieldsFragment, unknown>;
export const ExperimentSummaryFragmentDoc = new TypedDocumentString(`
    fragment ExperimentSummary on Experiment {
  id
  name
  status
  progress
  modelName
  error
  createdAt
  startedAt
  finishedAt
  counts {
    total
    queued
    running
    succeeded
    failed
    stopped
    cancelled
  }
}
    `, {"fragmentName":"ExperimentSummary"}) as unknown as TypedDocumentString<ExperimentSummaryFragment, unknown>;
export const TrialRowFragmentDoc = new TypedDocumentString(`
    fragment TrialRow on Trial {
  id
  experimentId
  index
  name
  status
  paramMap
  currentEpoch
  latestMetrics
  finalMetrics
  attempt
  error
  startedAt
  finishedAt
}
    `, {"fragmentName":"TrialRow"}) as unknown as TypedDocumentString<TrialRowFragment, unknown>;
export const VersionRowFragmentDoc = new TypedDocumentString(`
    fragment VersionRow on ModelVersion {
  id
  modelName
  version
  stage
  aliases
  description
  tags
  metrics
  createdAt
  trial {
    id
    name
    experimentId
  }
  evaluation {
    description
    size
    fingerprint
  }
  gate {
    passed
    checks {
      criterion
      measured
      passed
      message
    }
  }
}
    `, {"fragmentName":"VersionRow"}) as unknown as TypedDocumentString<VersionRowFragment, unknown>;
export const DatasetFieldsFragmentDoc = new TypedDocumentString(`
    fragment DatasetFields on Dataset {
  name
  format
  location
  imageShape
  numClasses
  classNames
  fingerprint
  trainCount
  testCount
  description
}
    `, {"fragmentName":"DatasetFields"}) as unknown as TypedDocumentString<DatasetFieldsFragment, unknown>;
export const ApiTokensDocument = new TypedDocumentString(`
    query ApiTokens {
  apiTokens {
    ...ApiTokenFields
  }
}
    fragment ApiTokenFields on ApiToken {
  id
  name
  owner
  role
  prefix
  createdBy
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
}`) as unknown as TypedDocumentString<ApiTokensQuery, ApiTokensQueryVariables>;
export const CreateApiTokenDocument = new TypedDocumentString(`
    mutation CreateApiToken($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    token
    apiToken {
      ...ApiTokenFields
    }
  }
}
    fragment ApiTokenFields on ApiToken {
  id
  name
  owner
  role
  prefix
  createdBy
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
}`) as unknown as TypedDocumentString<CreateApiTokenMutation, CreateApiTokenMutationVariables>;
export const RevokeApiTokenDocument = new TypedDocumentString(`
    mutation RevokeApiToken($id: ID!) {
  revokeApiToken(id: $id) {
    ...ApiTokenFields
  }
}
    fragment ApiTokenFields on ApiToken {
  id
  name
  owner
  role
  prefix
  createdBy
  createdAt
  expiresAt
  lastUsedAt
  revokedAt
}`) as unknown as TypedDocumentString<RevokeApiTokenMutation, RevokeApiTokenMutationVariables>;
export const CreateDocument = new TypedDocumentString(`
    mutation Create($input: CreateExperimentInput!) {
  createExperiment(input: $input) {
    ...ExperimentSummary
    trials(first: 1000) {
      totalCount
      nodes {
        ...TrialRow
      }
    }
  }
}
    fragment ExperimentSummary on Experiment {
  id
  name
  status
  progress
  modelName
  error
  createdAt
  startedAt
  finishedAt
  counts {
    total
    queued
    running
    succeeded
    failed
    stopped
    cancelled
  }
}
fragment TrialRow on Trial {
  id
  experimentId
  index
  name
  status
  paramMap
  currentEpoch
  latestMetrics
  finalMetrics
  attempt
  error
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<CreateMutation, CreateMutationVariables>;
export const ListDocument = new TypedDocumentString(`
    query List($first: Int, $status: ExperimentStatus) {
  experiments(first: $first, status: $status) {
    totalCount
    nodes {
      ...ExperimentSummary
    }
  }
}
    fragment ExperimentSummary on Experiment {
  id
  name
  status
  progress
  modelName
  error
  createdAt
  startedAt
  finishedAt
  counts {
    total
    queued
    running
    succeeded
    failed
    stopped
    cancelled
  }
}`) as unknown as TypedDocumentString<ListQuery, ListQueryVariables>;
export const ExperimentDetailDocument = new TypedDocumentString(`
    query ExperimentDetail($id: ID!, $first: Int, $after: String, $status: TrialStatus) {
  experiment(id: $id) {
    ...ExperimentSummary
    dataset
    maxParallelTrials
    options
    objective {
      metric
      direction
    }
    bestTrial {
      id
      name
      finalMetrics
    }
    trials(first: $first, after: $after, status: $status) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        ...TrialRow
      }
    }
  }
}
    fragment ExperimentSummary on Experiment {
  id
  name
  status
  progress
  modelName
  error
  createdAt
  startedAt
  finishedAt
  counts {
    total
    queued
    running
    succeeded
    failed
    stopped
    cancelled
  }
}
fragment TrialRow on Trial {
  id
  experimentId
  index
  name
  status
  paramMap
  currentEpoch
  latestMetrics
  finalMetrics
  attempt
  error
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<ExperimentDetailQuery, ExperimentDetailQueryVariables>;
export const TrialDocument = new TypedDocumentString(`
    query Trial($id: ID!) {
  trial(id: $id) {
    ...TrialRow
    summary
    provenance
    metrics(maxPoints: 500) {
      key
      totalPoints
      points {
        step
        value
      }
    }
    artifacts {
      name
      kind
      sizeBytes
      url
    }
    logs(tail: 20) {
      level
      message
      loggedAt
    }
  }
}
    fragment TrialRow on Trial {
  id
  experimentId
  index
  name
  status
  paramMap
  currentEpoch
  latestMetrics
  finalMetrics
  attempt
  error
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<TrialQuery, TrialQueryVariables>;
export const CompareDocument = new TypedDocumentString(`
    query Compare($ids: [ID!]!) {
  compareTrials(ids: $ids) {
    paramKeys
    metricKeys
    trials {
      ...TrialRow
      experiment {
        name
        options
      }
    }
  }
}
    fragment TrialRow on Trial {
  id
  experimentId
  index
  name
  status
  paramMap
  currentEpoch
  latestMetrics
  finalMetrics
  attempt
  error
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<CompareQuery, CompareQueryVariables>;
export const CancelDocument = new TypedDocumentString(`
    mutation Cancel($id: ID!) {
  cancelExperiment(id: $id) {
    ...ExperimentSummary
  }
}
    fragment ExperimentSummary on Experiment {
  id
  name
  status
  progress
  modelName
  error
  createdAt
  startedAt
  finishedAt
  counts {
    total
    queued
    running
    succeeded
    failed
    stopped
    cancelled
  }
}`) as unknown as TypedDocumentString<CancelMutation, CancelMutationVariables>;
export const StopDocument = new TypedDocumentString(`
    mutation Stop($id: ID!) {
  stopTrial(id: $id) {
    ...TrialRow
  }
}
    fragment TrialRow on Trial {
  id
  experimentId
  index
  name
  status
  paramMap
  currentEpoch
  latestMetrics
  finalMetrics
  attempt
  error
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<StopMutation, StopMutationVariables>;
export const RetryDocument = new TypedDocumentString(`
    mutation Retry($id: ID!) {
  retryTrial(id: $id) {
    ...TrialRow
  }
}
    fragment TrialRow on Trial {
  id
  experimentId
  index
  name
  status
  paramMap
  currentEpoch
  latestMetrics
  finalMetrics
  attempt
  error
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<RetryMutation, RetryMutationVariables>;
export const TransitionDocument = new TypedDocumentString(`
    mutation Transition($modelName: String!, $version: Int!, $stage: ModelStage!, $archiveExisting: Boolean, $override: Boolean, $reason: String) {
  transitionModelVersionStage(
    modelName: $modelName
    version: $version
    stage: $stage
    archiveExisting: $archiveExisting
    override: $override
    reason: $reason
  ) {
    ...VersionRow
  }
}
    fragment VersionRow on ModelVersion {
  id
  modelName
  version
  stage
  aliases
  description
  tags
  metrics
  createdAt
  trial {
    id
    name
    experimentId
  }
  evaluation {
    description
    size
    fingerprint
  }
  gate {
    passed
    checks {
      criterion
      measured
      passed
      message
    }
  }
}`) as unknown as TypedDocumentString<TransitionMutation, TransitionMutationVariables>;
export const ModelsDocument = new TypedDocumentString(`
    query Models($search: String) {
  registeredModels(search: $search) {
    name
    description
    aliases
    updatedAt
    latestVersion {
      ...VersionRow
    }
    production {
      ...VersionRow
    }
    versions {
      version
    }
    history {
      kind
    }
  }
}
    fragment VersionRow on ModelVersion {
  id
  modelName
  version
  stage
  aliases
  description
  tags
  metrics
  createdAt
  trial {
    id
    name
    experimentId
  }
  evaluation {
    description
    size
    fingerprint
  }
  gate {
    passed
    checks {
      criterion
      measured
      passed
      message
    }
  }
}`) as unknown as TypedDocumentString<ModelsQuery, ModelsQueryVariables>;
export const ModelDocument = new TypedDocumentString(`
    query Model($name: String!) {
  registeredModel(name: $name) {
    name
    description
    tags
    aliases
    updatedAt
    latestVersion {
      ...VersionRow
    }
    production {
      ...VersionRow
    }
    promotionPolicy {
      minTestAccuracy
      maxLatencyMs
      maxModelSizeBytes
      maxClassAccuracyGap
    }
    versions {
      ...VersionRow
    }
    history {
      kind
      version
      alias
      fromValue
      toValue
      actor
      reason
      at
    }
  }
}
    fragment VersionRow on ModelVersion {
  id
  modelName
  version
  stage
  aliases
  description
  tags
  metrics
  createdAt
  trial {
    id
    name
    experimentId
  }
  evaluation {
    description
    size
    fingerprint
  }
  gate {
    passed
    checks {
      criterion
      measured
      passed
      message
    }
  }
}`) as unknown as TypedDocumentString<ModelQuery, ModelQueryVariables>;
export const DatasetShapeDocument = new TypedDocumentString(`
    query DatasetShape($name: String!) {
  dataset(name: $name) {
    imageShape
    numClasses
  }
}
    `) as unknown as TypedDocumentString<DatasetShapeQuery, DatasetShapeQueryVariables>;
export const DatasetsDocument = new TypedDocumentString(`
    query Datasets {
  datasets {
    ...DatasetFields
  }
}
    fragment DatasetFields on Dataset {
  name
  format
  location
  imageShape
  numClasses
  classNames
  fingerprint
  trainCount
  testCount
  description
}`) as unknown as TypedDocumentString<DatasetsQuery, DatasetsQueryVariables>;
export const RegisterDatasetDocument = new TypedDocumentString(`
    mutation RegisterDataset($input: RegisterDatasetInput!) {
  registerDataset(input: $input) {
    ...DatasetFields
  }
}
    fragment DatasetFields on Dataset {
  name
  format
  location
  imageShape
  numClasses
  classNames
  fingerprint
  trainCount
  testCount
  description
}`) as unknown as TypedDocumentString<RegisterDatasetMutation, RegisterDatasetMutationVariables>;
export const ExperimentUpdatedDocument = new TypedDocumentString(`
    subscription ExperimentUpdated($id: ID) {
  experimentUpdated(id: $id) {
    ...ExperimentSummary
  }
}
    fragment ExperimentSummary on Experiment {
  id
  name
  status
  progress
  modelName
  error
  createdAt
  startedAt
  finishedAt
  counts {
    total
    queued
    running
    succeeded
    failed
    stopped
    cancelled
  }
}`) as unknown as TypedDocumentString<ExperimentUpdatedSubscription, ExperimentUpdatedSubscriptionVariables>;
export const TrialUpdatedDocument = new TypedDocumentString(`
    subscription TrialUpdated($experimentId: ID) {
  trialUpdated(experimentId: $experimentId) {
    ...TrialRow
  }
}
    fragment TrialRow on Trial {
  id
  experimentId
  index
  name
  status
  paramMap
  currentEpoch
  latestMetrics
  finalMetrics
  attempt
  error
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<TrialUpdatedSubscription, TrialUpdatedSubscriptionVariables>;
export const MetricLoggedDocument = new TypedDocumentString(`
    subscription MetricLogged($experimentId: ID) {
  metricLogged(experimentId: $experimentId) {
    trialId
    key
    step
    value
  }
}
    `) as unknown as TypedDocumentString<MetricLoggedSubscription, MetricLoggedSubscriptionVariables>;