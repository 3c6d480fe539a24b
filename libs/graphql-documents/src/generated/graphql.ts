/* eslint-disable */
import type * as Types from '@trialgrid/graphql-types';
import { TypedDocumentString } from '@trialgrid/graphql-types';
export type ExperimentSummaryFragment = { id: string, name: string, status: Types.ExperimentStatus, progress: number, modelName: string, error: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, counts: { total: number, queued: number, running: number, succeeded: number, failed: number, stopped: number, cancelled: number } };

export type TrialRowFragment = { id: string, experimentId: string, index: number, name: string, status: Types.TrialStatus, paramMap: unknown, currentEpoch: number | null, latestMetrics: unknown, finalMetrics: unknown | null, attempt: number, error: string | null, startedAt: string | null, finishedAt: string | null };

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

export type CompareTrialsQueryVariables = Types.Exact<{
  ids: Array<Types.Scalars['ID']['input']> | Types.Scalars['ID']['input'];
  keys?: Types.InputMaybe<Array<Types.Scalars['String']['input']> | Types.Scalars['String']['input']>;
  maxPoints?: Types.InputMaybe<Types.Scalars['Int']['input']>;
}>;


export type CompareTrialsQuery = { compareTrials: { paramKeys: Array<string>, metricKeys: Array<string>, trials: Array<{ id: string, experimentId: string, index: number, name: string, status: Types.TrialStatus, paramMap: unknown, currentEpoch: number | null, latestMetrics: unknown, finalMetrics: unknown | null, attempt: number, error: string | null, startedAt: string | null, finishedAt: string | null, experiment: { id: string, name: string, options: unknown }, metrics: Array<{ key: string, totalPoints: number, points: Array<{ step: number, value: number, loggedAt: string | null }> }> }> } };

export type CompareTrialUpdatedSubscriptionVariables = Types.Exact<{
  trialId?: Types.InputMaybe<Types.Scalars['ID']['input']>;
}>;


export type CompareTrialUpdatedSubscription = { trialUpdated: { id: string, experimentId: string, index: number, name: string, status: Types.TrialStatus, paramMap: unknown, currentEpoch: number | null, latestMetrics: unknown, finalMetrics: unknown | null, attempt: number, error: string | null, startedAt: string | null, finishedAt: string | null } };

export type CompareMetricLoggedSubscriptionVariables = Types.Exact<{
  trialId?: Types.InputMaybe<Types.Scalars['ID']['input']>;
}>;


export type CompareMetricLoggedSubscription = { metricLogged: Array<{ trialId: string, experimentId: string, key: string, step: number, value: number, loggedAt: string }> };

export type ExperimentPageQueryVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
  first?: Types.InputMaybe<Types.Scalars['Int']['input']>;
  after?: Types.InputMaybe<Types.Scalars['String']['input']>;
  status?: Types.InputMaybe<Types.TrialStatus>;
  orderBy?: Types.InputMaybe<Types.TrialOrderInput>;
  filters?: Types.InputMaybe<Array<Types.TrialFilterInput> | Types.TrialFilterInput>;
  keys?: Types.InputMaybe<Array<Types.Scalars['String']['input']> | Types.Scalars['String']['input']>;
  maxPoints?: Types.InputMaybe<Types.Scalars['Int']['input']>;
}>;


export type ExperimentPageQuery = { experiment: { dataset: string, maxParallelTrials: number, maxFailedTrials: number, earlyStopping: unknown | null, options: unknown, id: string, name: string, status: Types.ExperimentStatus, progress: number, modelName: string, error: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, trialKeys: { params: Array<string>, metrics: Array<string> }, paramImportance: Array<{ param: string, importance: number, groups: number, trials: number }>, trials: { totalCount: number, pageInfo: { endCursor: string | null, hasNextPage: boolean }, nodes: Array<{ id: string, experimentId: string, index: number, name: string, status: Types.TrialStatus, paramMap: unknown, currentEpoch: number | null, latestMetrics: unknown, finalMetrics: unknown | null, attempt: number, error: string | null, startedAt: string | null, finishedAt: string | null, metrics: Array<{ key: string, totalPoints: number, points: Array<{ step: number, value: number, loggedAt: string | null }> }> }> }, objective: { metric: string, direction: Types.ObjectiveDirection }, bestTrial: { id: string, name: string, finalMetrics: unknown | null, paramMap: unknown } | null, counts: { total: number, queued: number, running: number, succeeded: number, failed: number, stopped: number, cancelled: number } } | null };

export type ExperimentPageUpdatedSubscriptionVariables = Types.Exact<{
  id?: Types.InputMaybe<Types.Scalars['ID']['input']>;
}>;


export type ExperimentPageUpdatedSubscription = { experimentUpdated: { options: unknown, id: string, name: string, status: Types.ExperimentStatus, progress: number, modelName: string, error: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, objective: { metric: string, direction: Types.ObjectiveDirection }, bestTrial: { id: string, name: string, finalMetrics: unknown | null, paramMap: unknown } | null, counts: { total: number, queued: number, running: number, succeeded: number, failed: number, stopped: number, cancelled: number } } };

export type ExperimentTrialUpdatedSubscriptionVariables = Types.Exact<{
  experimentId?: Types.InputMaybe<Types.Scalars['ID']['input']>;
}>;


export type ExperimentTrialUpdatedSubscription = { trialUpdated: { id: string, experimentId: string, index: number, name: string, status: Types.TrialStatus, paramMap: unknown, currentEpoch: number | null, latestMetrics: unknown, finalMetrics: unknown | null, attempt: number, error: string | null, startedAt: string | null, finishedAt: string | null } };

export type ExperimentMetricLoggedSubscriptionVariables = Types.Exact<{
  experimentId?: Types.InputMaybe<Types.Scalars['ID']['input']>;
}>;


export type ExperimentMetricLoggedSubscription = { metricLogged: Array<{ trialId: string, experimentId: string, key: string, step: number, value: number, loggedAt: string }> };

export type TrialSeriesQueryVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
  keys?: Types.InputMaybe<Array<Types.Scalars['String']['input']> | Types.Scalars['String']['input']>;
  maxPoints?: Types.InputMaybe<Types.Scalars['Int']['input']>;
}>;


export type TrialSeriesQuery = { trial: { metrics: Array<{ key: string, totalPoints: number, points: Array<{ step: number, value: number, loggedAt: string | null }> }> } | null };

export type ParamImportanceQueryVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
}>;


export type ParamImportanceQuery = { experiment: { paramImportance: Array<{ param: string, importance: number, groups: number, trials: number }> } | null };

export type CancelExperimentMutationVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
}>;


export type CancelExperimentMutation = { cancelExperiment: { options: unknown, id: string, name: string, status: Types.ExperimentStatus, progress: number, modelName: string, error: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, objective: { metric: string, direction: Types.ObjectiveDirection }, bestTrial: { id: string, name: string, finalMetrics: unknown | null, paramMap: unknown } | null, counts: { total: number, queued: number, running: number, succeeded: number, failed: number, stopped: number, cancelled: number } } };

export type StopTrialMutationVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
}>;


export type StopTrialMutation = { stopTrial: { id: string, experimentId: string, index: number, name: string, status: Types.TrialStatus, paramMap: unknown, currentEpoch: number | null, latestMetrics: unknown, finalMetrics: unknown | null, attempt: number, error: string | null, startedAt: string | null, finishedAt: string | null } };

export type RetryTrialMutationVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
}>;


export type RetryTrialMutation = { retryTrial: { id: string, experimentId: string, index: number, name: string, status: Types.TrialStatus, paramMap: unknown, currentEpoch: number | null, latestMetrics: unknown, finalMetrics: unknown | null, attempt: number, error: string | null, startedAt: string | null, finishedAt: string | null } };

export type ExperimentListQueryVariables = Types.Exact<{
  first?: Types.InputMaybe<Types.Scalars['Int']['input']>;
  status?: Types.InputMaybe<Types.ExperimentStatus>;
}>;


export type ExperimentListQuery = { experiments: { totalCount: number, nodes: Array<{ options: unknown, id: string, name: string, status: Types.ExperimentStatus, progress: number, modelName: string, error: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, objective: { metric: string, direction: Types.ObjectiveDirection }, bestTrial: { id: string, name: string, finalMetrics: unknown | null, paramMap: unknown } | null, counts: { total: number, queued: number, running: number, succeeded: number, failed: number, stopped: number, cancelled: number } }> } };

export type ExperimentListUpdatedSubscriptionVariables = Types.Exact<{ [key: string]: never; }>;


export type ExperimentListUpdatedSubscription = { experimentUpdated: { options: unknown, id: string, name: string, status: Types.ExperimentStatus, progress: number, modelName: string, error: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, objective: { metric: string, direction: Types.ObjectiveDirection }, bestTrial: { id: string, name: string, finalMetrics: unknown | null, paramMap: unknown } | null, counts: { total: number, queued: number, running: number, succeeded: number, failed: number, stopped: number, cancelled: number } } };

export type ModelVersionPageQueryVariables = Types.Exact<{
  name: Types.Scalars['String']['input'];
  version: Types.Scalars['Int']['input'];
}>;


export type ModelVersionPageQuery = { modelVersion: { modelUrl: string | null, id: string, modelName: string, version: number, stage: Types.ModelStage, aliases: Array<string>, description: string | null, tags: unknown, metrics: unknown, createdAt: string, trial: { id: string, name: string, paramMap: unknown, summary: unknown | null, provenance: unknown | null, experiment: { id: string, name: string, options: unknown, objective: { metric: string, direction: Types.ObjectiveDirection } } } | null, evaluation: { description: string, size: number, fingerprint: string | null } | null, gate: { passed: boolean, checks: Array<{ criterion: string, measured: number | null, op: string, threshold: number, passed: boolean, message: string }> } | null, experiment: { id: string, name: string } | null } | null, registeredModel: { promotionPolicy: { minTestAccuracy: number, maxLatencyMs: number, maxModelSizeBytes: number, maxClassAccuracyGap: number }, history: Array<{ id: string, kind: string, version: number | null, alias: string | null, fromValue: string | null, toValue: string | null, actor: string, reason: string | null, at: string }> } | null };

export type ModelVersionChangedSubscriptionVariables = Types.Exact<{
  name?: Types.InputMaybe<Types.Scalars['String']['input']>;
}>;


export type ModelVersionChangedSubscription = { modelChanged: { modelName: string, version: number | null, event: string } };

export type VersionFieldsFragment = { id: string, modelName: string, version: number, stage: Types.ModelStage, aliases: Array<string>, description: string | null, tags: unknown, metrics: unknown, createdAt: string, evaluation: { description: string, size: number, fingerprint: string | null } | null, gate: { passed: boolean, checks: Array<{ criterion: string, measured: number | null, op: string, threshold: number, passed: boolean, message: string }> } | null, trial: { id: string, name: string } | null, experiment: { id: string, name: string } | null };

export type HistoryFieldsFragment = { id: string, kind: string, version: number | null, alias: string | null, fromValue: string | null, toValue: string | null, actor: string, reason: string | null, at: string };

export type PolicyFieldsFragment = { minTestAccuracy: number, maxLatencyMs: number, maxModelSizeBytes: number, maxClassAccuracyGap: number };

export type RegistryQueryVariables = Types.Exact<{
  search?: Types.InputMaybe<Types.Scalars['String']['input']>;
}>;


export type RegistryQuery = { registeredModels: Array<{ id: string, name: string, description: string | null, tags: unknown, aliases: unknown, updatedAt: string, production: { version: number } | null, promotionPolicy: { minTestAccuracy: number, maxLatencyMs: number, maxModelSizeBytes: number, maxClassAccuracyGap: number }, versions: Array<{ id: string, modelName: string, version: number, stage: Types.ModelStage, aliases: Array<string>, description: string | null, tags: unknown, metrics: unknown, createdAt: string, evaluation: { description: string, size: number, fingerprint: string | null } | null, gate: { passed: boolean, checks: Array<{ criterion: string, measured: number | null, op: string, threshold: number, passed: boolean, message: string }> } | null, trial: { id: string, name: string } | null, experiment: { id: string, name: string } | null }>, history: Array<{ id: string, kind: string, version: number | null, alias: string | null, fromValue: string | null, toValue: string | null, actor: string, reason: string | null, at: string }> }> };

export type PromoteVersionMutationVariables = Types.Exact<{
  modelName: Types.Scalars['String']['input'];
  version: Types.Scalars['Int']['input'];
  stage: Types.ModelStage;
  override?: Types.InputMaybe<Types.Scalars['Boolean']['input']>;
  reason?: Types.InputMaybe<Types.Scalars['String']['input']>;
}>;


export type PromoteVersionMutation = { transitionModelVersionStage: { id: string, version: number, stage: Types.ModelStage } };

export type UpdateModelMutationVariables = Types.Exact<{
  name: Types.Scalars['String']['input'];
  description?: Types.InputMaybe<Types.Scalars['String']['input']>;
  tags?: Types.InputMaybe<Types.Scalars['JSON']['input']>;
}>;


export type UpdateModelMutation = { updateRegisteredModel: { id: string } };

export type UpdateVersionMutationVariables = Types.Exact<{
  modelName: Types.Scalars['String']['input'];
  version: Types.Scalars['Int']['input'];
  description?: Types.InputMaybe<Types.Scalars['String']['input']>;
  tags?: Types.InputMaybe<Types.Scalars['JSON']['input']>;
}>;


export type UpdateVersionMutation = { updateModelVersion: { id: string } };

export type SetPolicyMutationVariables = Types.Exact<{
  modelName: Types.Scalars['String']['input'];
  policy: Types.PromotionPolicyInput;
  reason?: Types.InputMaybe<Types.Scalars['String']['input']>;
}>;


export type SetPolicyMutation = { setPromotionPolicy: { id: string } };

export type RegistryChangedSubscriptionVariables = Types.Exact<{ [key: string]: never; }>;


export type RegistryChangedSubscription = { modelChanged: { modelName: string, version: number | null, event: string } };

export type TrialPageQueryVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
  keys?: Types.InputMaybe<Array<Types.Scalars['String']['input']> | Types.Scalars['String']['input']>;
  maxPoints?: Types.InputMaybe<Types.Scalars['Int']['input']>;
}>;


export type TrialPageQuery = { trial: { spec: unknown, summary: unknown | null, provenance: unknown | null, queuedAt: string | null, id: string, experimentId: string, index: number, name: string, status: Types.TrialStatus, paramMap: unknown, currentEpoch: number | null, latestMetrics: unknown, finalMetrics: unknown | null, attempt: number, error: string | null, startedAt: string | null, finishedAt: string | null, experiment: { id: string, name: string, options: unknown }, metrics: Array<{ key: string, totalPoints: number, points: Array<{ step: number, value: number, loggedAt: string | null }> }>, artifacts: Array<{ id: string, name: string, kind: string, sizeBytes: number, sha256: string | null, url: string }>, logs: Array<{ level: string, message: string, loggedAt: string }>, attempts: Array<{ attempt: number, workerId: string | null, status: Types.TrialStatus, error: string | null, startedAt: string, finishedAt: string | null }>, worker: { id: string, hostname: string, backend: string } | null } | null };

export type TrialPageUpdatedSubscriptionVariables = Types.Exact<{
  trialId?: Types.InputMaybe<Types.Scalars['ID']['input']>;
}>;


export type TrialPageUpdatedSubscription = { trialUpdated: { id: string, experimentId: string, index: number, name: string, status: Types.TrialStatus, paramMap: unknown, currentEpoch: number | null, latestMetrics: unknown, finalMetrics: unknown | null, attempt: number, error: string | null, startedAt: string | null, finishedAt: string | null } };

export type TrialMetricLoggedSubscriptionVariables = Types.Exact<{
  trialId?: Types.InputMaybe<Types.Scalars['ID']['input']>;
}>;


export type TrialMetricLoggedSubscription = { metricLogged: Array<{ trialId: string, experimentId: string, key: string, step: number, value: number, loggedAt: string }> };

export type TrialPageStopMutationVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
}>;


export type TrialPageStopMutation = { stopTrial: { id: string, status: Types.TrialStatus } };

export type TrialPageRetryMutationVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
}>;


export type TrialPageRetryMutation = { retryTrial: { id: string, status: Types.TrialStatus } };

export type WorkersQueryVariables = Types.Exact<{
  all?: Types.InputMaybe<Types.Scalars['Boolean']['input']>;
}>;


export type WorkersQuery = { workers: Array<{ id: string, hostname: string, pid: number, backend: string, status: Types.WorkerStatus, alive: boolean, busy: boolean, concurrency: number, startedAt: string, lastHeartbeatAt: string, currentTrial: { id: string, name: string, experiment: { id: string, name: string } } | null }> };

export type WorkerUpdatedSubscriptionVariables = Types.Exact<{ [key: string]: never; }>;


export type WorkerUpdatedSubscription = { workerUpdated: { id: string } };

export type ExperimentCardFragment = { options: unknown, id: string, name: string, status: Types.ExperimentStatus, progress: number, modelName: string, error: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, objective: { metric: string, direction: Types.ObjectiveDirection }, bestTrial: { id: string, name: string, finalMetrics: unknown | null, paramMap: unknown } | null, counts: { total: number, queued: number, running: number, succeeded: number, failed: number, stopped: number, cancelled: number } };

export type SeriesFieldsFragment = { key: string, totalPoints: number, points: Array<{ step: number, value: number, loggedAt: string | null }> };

export type MetricEventFieldsFragment = { trialId: string, experimentId: string, key: string, step: number, value: number, loggedAt: string };


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
export const VersionFieldsFragmentDoc = new TypedDocumentString(`
    fragment VersionFields on ModelVersion {
  id
  modelName
  version
  stage
  aliases
  description
  tags
  metrics
  createdAt
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
      op
      threshold
      passed
      message
    }
  }
  trial {
    id
    name
  }
  experiment {
    id
    name
  }
}
    `, {"fragmentName":"VersionFields"}) as unknown as TypedDocumentString<VersionFieldsFragment, unknown>;
export const HistoryFieldsFragmentDoc = new TypedDocumentString(`
    fragment HistoryFields on ModelEvent {
  id
  kind
  version
  alias
  fromValue
  toValue
  actor
  reason
  at
}
    `, {"fragmentName":"HistoryFields"}) as unknown as TypedDocumentString<HistoryFieldsFragment, unknown>;
export const PolicyFieldsFragmentDoc = new TypedDocumentString(`
    fragment PolicyFields on PromotionPolicy {
  minTestAccuracy
  maxLatencyMs
  maxModelSizeBytes
  maxClassAccuracyGap
}
    `, {"fragmentName":"PolicyFields"}) as unknown as TypedDocumentString<PolicyFieldsFragment, unknown>;
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
export const ExperimentCardFragmentDoc = new TypedDocumentString(`
    fragment ExperimentCard on Experiment {
  ...ExperimentSummary
  options
  objective {
    metric
    direction
  }
  bestTrial {
    id
    name
    finalMetrics
    paramMap
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
}`, {"fragmentName":"ExperimentCard"}) as unknown as TypedDocumentString<ExperimentCardFragment, unknown>;
export const SeriesFieldsFragmentDoc = new TypedDocumentString(`
    fragment SeriesFields on MetricSeries {
  key
  totalPoints
  points {
    step
    value
    loggedAt
  }
}
    `, {"fragmentName":"SeriesFields"}) as unknown as TypedDocumentString<SeriesFieldsFragment, unknown>;
export const MetricEventFieldsFragmentDoc = new TypedDocumentString(`
    fragment MetricEventFields on Metric {
  trialId
  experimentId
  key
  step
  value
  loggedAt
}
    `, {"fragmentName":"MetricEventFields"}) as unknown as TypedDocumentString<MetricEventFieldsFragment, unknown>;
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
export const CompareTrialsDocument = new TypedDocumentString(`
    query CompareTrials($ids: [ID!]!, $keys: [String!], $maxPoints: Int) {
  compareTrials(ids: $ids) {
    paramKeys
    metricKeys
    trials {
      ...TrialRow
      experiment {
        id
        name
        options
      }
      metrics(keys: $keys, maxPoints: $maxPoints) {
        ...SeriesFields
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
}
fragment SeriesFields on MetricSeries {
  key
  totalPoints
  points {
    step
    value
    loggedAt
  }
}`) as unknown as TypedDocumentString<CompareTrialsQuery, CompareTrialsQueryVariables>;
export const CompareTrialUpdatedDocument = new TypedDocumentString(`
    subscription CompareTrialUpdated($trialId: ID) {
  trialUpdated(trialId: $trialId) {
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
}`) as unknown as TypedDocumentString<CompareTrialUpdatedSubscription, CompareTrialUpdatedSubscriptionVariables>;
export const CompareMetricLoggedDocument = new TypedDocumentString(`
    subscription CompareMetricLogged($trialId: ID) {
  metricLogged(trialId: $trialId) {
    ...MetricEventFields
  }
}
    fragment MetricEventFields on Metric {
  trialId
  experimentId
  key
  step
  value
  loggedAt
}`) as unknown as TypedDocumentString<CompareMetricLoggedSubscription, CompareMetricLoggedSubscriptionVariables>;
export const ExperimentPageDocument = new TypedDocumentString(`
    query ExperimentPage($id: ID!, $first: Int, $after: String, $status: TrialStatus, $orderBy: TrialOrderInput, $filters: [TrialFilterInput!], $keys: [String!], $maxPoints: Int) {
  experiment(id: $id) {
    ...ExperimentCard
    dataset
    maxParallelTrials
    maxFailedTrials
    earlyStopping
    trialKeys {
      params
      metrics
    }
    paramImportance {
      param
      importance
      groups
      trials
    }
    trials(
      first: $first
      after: $after
      status: $status
      orderBy: $orderBy
      filters: $filters
    ) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        ...TrialRow
        metrics(keys: $keys, maxPoints: $maxPoints) {
          ...SeriesFields
        }
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
}
fragment ExperimentCard on Experiment {
  ...ExperimentSummary
  options
  objective {
    metric
    direction
  }
  bestTrial {
    id
    name
    finalMetrics
    paramMap
  }
}
fragment SeriesFields on MetricSeries {
  key
  totalPoints
  points {
    step
    value
    loggedAt
  }
}`) as unknown as TypedDocumentString<ExperimentPageQuery, ExperimentPageQueryVariables>;
export const ExperimentPageUpdatedDocument = new TypedDocumentString(`
    subscription ExperimentPageUpdated($id: ID) {
  experimentUpdated(id: $id) {
    ...ExperimentCard
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
fragment ExperimentCard on Experiment {
  ...ExperimentSummary
  options
  objective {
    metric
    direction
  }
  bestTrial {
    id
    name
    finalMetrics
    paramMap
  }
}`) as unknown as TypedDocumentString<ExperimentPageUpdatedSubscription, ExperimentPageUpdatedSubscriptionVariables>;
export const ExperimentTrialUpdatedDocument = new TypedDocumentString(`
    subscription ExperimentTrialUpdated($experimentId: ID) {
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
}`) as unknown as TypedDocumentString<ExperimentTrialUpdatedSubscription, ExperimentTrialUpdatedSubscriptionVariables>;
export const ExperimentMetricLoggedDocument = new TypedDocumentString(`
    subscription ExperimentMetricLogged($experimentId: ID) {
  metricLogged(experimentId: $experimentId) {
    ...MetricEventFields
  }
}
    fragment MetricEventFields on Metric {
  trialId
  experimentId
  key
  step
  value
  loggedAt
}`) as unknown as TypedDocumentString<ExperimentMetricLoggedSubscription, ExperimentMetricLoggedSubscriptionVariables>;
export const TrialSeriesDocument = new TypedDocumentString(`
    query TrialSeries($id: ID!, $keys: [String!], $maxPoints: Int) {
  trial(id: $id) {
    metrics(keys: $keys, maxPoints: $maxPoints) {
      ...SeriesFields
    }
  }
}
    fragment SeriesFields on MetricSeries {
  key
  totalPoints
  points {
    step
    value
    loggedAt
  }
}`) as unknown as TypedDocumentString<TrialSeriesQuery, TrialSeriesQueryVariables>;
export const ParamImportanceDocument = new TypedDocumentString(`
    query ParamImportance($id: ID!) {
  experiment(id: $id) {
    paramImportance {
      param
      importance
      groups
      trials
    }
  }
}
    `) as unknown as TypedDocumentString<ParamImportanceQuery, ParamImportanceQueryVariables>;
export const CancelExperimentDocument = new TypedDocumentString(`
    mutation CancelExperiment($id: ID!) {
  cancelExperiment(id: $id) {
    ...ExperimentCard
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
fragment ExperimentCard on Experiment {
  ...ExperimentSummary
  options
  objective {
    metric
    direction
  }
  bestTrial {
    id
    name
    finalMetrics
    paramMap
  }
}`) as unknown as TypedDocumentString<CancelExperimentMutation, CancelExperimentMutationVariables>;
export const StopTrialDocument = new TypedDocumentString(`
    mutation StopTrial($id: ID!) {
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
}`) as unknown as TypedDocumentString<StopTrialMutation, StopTrialMutationVariables>;
export const RetryTrialDocument = new TypedDocumentString(`
    mutation RetryTrial($id: ID!) {
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
}`) as unknown as TypedDocumentString<RetryTrialMutation, RetryTrialMutationVariables>;
export const ExperimentListDocument = new TypedDocumentString(`
    query ExperimentList($first: Int, $status: ExperimentStatus) {
  experiments(first: $first, status: $status) {
    totalCount
    nodes {
      ...ExperimentCard
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
fragment ExperimentCard on Experiment {
  ...ExperimentSummary
  options
  objective {
    metric
    direction
  }
  bestTrial {
    id
    name
    finalMetrics
    paramMap
  }
}`) as unknown as TypedDocumentString<ExperimentListQuery, ExperimentListQueryVariables>;
export const ExperimentListUpdatedDocument = new TypedDocumentString(`
    subscription ExperimentListUpdated {
  experimentUpdated {
    ...ExperimentCard
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
fragment ExperimentCard on Experiment {
  ...ExperimentSummary
  options
  objective {
    metric
    direction
  }
  bestTrial {
    id
    name
    finalMetrics
    paramMap
  }
}`) as unknown as TypedDocumentString<ExperimentListUpdatedSubscription, ExperimentListUpdatedSubscriptionVariables>;
export const ModelVersionPageDocument = new TypedDocumentString(`
    query ModelVersionPage($name: String!, $version: Int!) {
  modelVersion(modelName: $name, version: $version) {
    ...VersionFields
    modelUrl
    trial {
      id
      name
      paramMap
      summary
      provenance
      experiment {
        id
        name
        options
        objective {
          metric
          direction
        }
      }
    }
  }
  registeredModel(name: $name) {
    promotionPolicy {
      ...PolicyFields
    }
    history {
      ...HistoryFields
    }
  }
}
    fragment VersionFields on ModelVersion {
  id
  modelName
  version
  stage
  aliases
  description
  tags
  metrics
  createdAt
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
      op
      threshold
      passed
      message
    }
  }
  trial {
    id
    name
  }
  experiment {
    id
    name
  }
}
fragment HistoryFields on ModelEvent {
  id
  kind
  version
  alias
  fromValue
  toValue
  actor
  reason
  at
}
fragment PolicyFields on PromotionPolicy {
  minTestAccuracy
  maxLatencyMs
  maxModelSizeBytes
  maxClassAccuracyGap
}`) as unknown as TypedDocumentString<ModelVersionPageQuery, ModelVersionPageQueryVariables>;
export const ModelVersionChangedDocument = new TypedDocumentString(`
    subscription ModelVersionChanged($name: String) {
  modelChanged(modelName: $name) {
    modelName
    version
    event
  }
}
    `) as unknown as TypedDocumentString<ModelVersionChangedSubscription, ModelVersionChangedSubscriptionVariables>;
export const RegistryDocument = new TypedDocumentString(`
    query Registry($search: String) {
  registeredModels(search: $search) {
    id
    name
    description
    tags
    aliases
    updatedAt
    production {
      version
    }
    promotionPolicy {
      ...PolicyFields
    }
    versions {
      ...VersionFields
    }
    history {
      ...HistoryFields
    }
  }
}
    fragment VersionFields on ModelVersion {
  id
  modelName
  version
  stage
  aliases
  description
  tags
  metrics
  createdAt
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
      op
      threshold
      passed
      message
    }
  }
  trial {
    id
    name
  }
  experiment {
    id
    name
  }
}
fragment HistoryFields on ModelEvent {
  id
  kind
  version
  alias
  fromValue
  toValue
  actor
  reason
  at
}
fragment PolicyFields on PromotionPolicy {
  minTestAccuracy
  maxLatencyMs
  maxModelSizeBytes
  maxClassAccuracyGap
}`) as unknown as TypedDocumentString<RegistryQuery, RegistryQueryVariables>;
export const PromoteVersionDocument = new TypedDocumentString(`
    mutation PromoteVersion($modelName: String!, $version: Int!, $stage: ModelStage!, $override: Boolean, $reason: String) {
  transitionModelVersionStage(
    modelName: $modelName
    version: $version
    stage: $stage
    archiveExisting: true
    override: $override
    reason: $reason
  ) {
    id
    version
    stage
  }
}
    `) as unknown as TypedDocumentString<PromoteVersionMutation, PromoteVersionMutationVariables>;
export const UpdateModelDocument = new TypedDocumentString(`
    mutation UpdateModel($name: String!, $description: String, $tags: JSON) {
  updateRegisteredModel(name: $name, description: $description, tags: $tags) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateModelMutation, UpdateModelMutationVariables>;
export const UpdateVersionDocument = new TypedDocumentString(`
    mutation UpdateVersion($modelName: String!, $version: Int!, $description: String, $tags: JSON) {
  updateModelVersion(
    modelName: $modelName
    version: $version
    description: $description
    tags: $tags
  ) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateVersionMutation, UpdateVersionMutationVariables>;
export const SetPolicyDocument = new TypedDocumentString(`
    mutation SetPolicy($modelName: String!, $policy: PromotionPolicyInput!, $reason: String) {
  setPromotionPolicy(modelName: $modelName, policy: $policy, reason: $reason) {
    id
  }
}
    `) as unknown as TypedDocumentString<SetPolicyMutation, SetPolicyMutationVariables>;
export const RegistryChangedDocument = new TypedDocumentString(`
    subscription RegistryChanged {
  modelChanged {
    modelName
    version
    event
  }
}
    `) as unknown as TypedDocumentString<RegistryChangedSubscription, RegistryChangedSubscriptionVariables>;
export const TrialPageDocument = new TypedDocumentString(`
    query TrialPage($id: ID!, $keys: [String!], $maxPoints: Int) {
  trial(id: $id) {
    ...TrialRow
    experiment {
      id
      name
      options
    }
    spec
    summary
    provenance
    queuedAt
    metrics(keys: $keys, maxPoints: $maxPoints) {
      ...SeriesFields
    }
    artifacts {
      id
      name
      kind
      sizeBytes
      sha256
      url
    }
    logs(tail: 100) {
      level
      message
      loggedAt
    }
    attempts {
      attempt
      workerId
      status
      error
      startedAt
      finishedAt
    }
    worker {
      id
      hostname
      backend
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
}
fragment SeriesFields on MetricSeries {
  key
  totalPoints
  points {
    step
    value
    loggedAt
  }
}`) as unknown as TypedDocumentString<TrialPageQuery, TrialPageQueryVariables>;
export const TrialPageUpdatedDocument = new TypedDocumentString(`
    subscription TrialPageUpdated($trialId: ID) {
  trialUpdated(trialId: $trialId) {
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
}`) as unknown as TypedDocumentString<TrialPageUpdatedSubscription, TrialPageUpdatedSubscriptionVariables>;
export const TrialMetricLoggedDocument = new TypedDocumentString(`
    subscription TrialMetricLogged($trialId: ID) {
  metricLogged(trialId: $trialId) {
    ...MetricEventFields
  }
}
    fragment MetricEventFields on Metric {
  trialId
  experimentId
  key
  step
  value
  loggedAt
}`) as unknown as TypedDocumentString<TrialMetricLoggedSubscription, TrialMetricLoggedSubscriptionVariables>;
export const TrialPageStopDocument = new TypedDocumentString(`
    mutation TrialPageStop($id: ID!) {
  stopTrial(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<TrialPageStopMutation, TrialPageStopMutationVariables>;
export const TrialPageRetryDocument = new TypedDocumentString(`
    mutation TrialPageRetry($id: ID!) {
  retryTrial(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<TrialPageRetryMutation, TrialPageRetryMutationVariables>;
export const WorkersDocument = new TypedDocumentString(`
    query Workers($all: Boolean) {
  workers(includeDead: $all) {
    id
    hostname
    pid
    backend
    status
    alive
    busy
    concurrency
    startedAt
    lastHeartbeatAt
    currentTrial {
      id
      name
      experiment {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WorkersQuery, WorkersQueryVariables>;
export const WorkerUpdatedDocument = new TypedDocumentString(`
    subscription WorkerUpdated {
  workerUpdated {
    id
  }
}
    `) as unknown as TypedDocumentString<WorkerUpdatedSubscription, WorkerUpdatedSubscriptionVariables>;