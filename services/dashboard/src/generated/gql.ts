/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query CompareTrials($ids: [ID!]!, $keys: [String!], $maxPoints: Int) {\n    compareTrials(ids: $ids) { paramKeys metricKeys trials { ...TrialRow experiment { id name options } metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields } } }\n  }\n": typeof types.CompareTrialsDocument,
    "\n  subscription CompareTrialUpdated($trialId: ID) { trialUpdated(trialId: $trialId) { ...TrialRow } }\n": typeof types.CompareTrialUpdatedDocument,
    "\n  subscription CompareMetricLogged($trialId: ID) { metricLogged(trialId: $trialId) { ...MetricEventFields } }\n": typeof types.CompareMetricLoggedDocument,
    "\n  query ExperimentPage($id: ID!, $first: Int, $after: String, $status: TrialStatus, $orderBy: TrialOrderInput, $filters: [TrialFilterInput!], $keys: [String!], $maxPoints: Int) {\n    experiment(id: $id) {\n      ...ExperimentSummary dataset maxParallelTrials maxFailedTrials earlyStopping\n      trialKeys { params metrics }\n      paramImportance { param importance groups trials }\n      trials(first: $first, after: $after, status: $status, orderBy: $orderBy, filters: $filters) {\n        totalCount pageInfo { endCursor hasNextPage }\n        nodes { ...TrialRow metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields } }\n      }\n    }\n  }\n": typeof types.ExperimentPageDocument,
    "\n  subscription ExperimentPageUpdated($id: ID) { experimentUpdated(id: $id) { ...ExperimentSummary } }\n": typeof types.ExperimentPageUpdatedDocument,
    "\n  subscription ExperimentTrialUpdated($experimentId: ID) { trialUpdated(experimentId: $experimentId) { ...TrialRow } }\n": typeof types.ExperimentTrialUpdatedDocument,
    "\n  subscription ExperimentMetricLogged($experimentId: ID) { metricLogged(experimentId: $experimentId) { ...MetricEventFields } }\n": typeof types.ExperimentMetricLoggedDocument,
    "\n  query TrialSeries($id: ID!, $keys: [String!], $maxPoints: Int) { trial(id: $id) { metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields } } }\n": typeof types.TrialSeriesDocument,
    "\n  query ParamImportance($id: ID!) { experiment(id: $id) { paramImportance { param importance groups trials } } }\n": typeof types.ParamImportanceDocument,
    "\n  mutation CancelExperiment($id: ID!) { cancelExperiment(id: $id) { ...ExperimentSummary } }\n": typeof types.CancelExperimentDocument,
    "\n  mutation StopTrial($id: ID!) { stopTrial(id: $id) { ...TrialRow } }\n": typeof types.StopTrialDocument,
    "\n  mutation RetryTrial($id: ID!) { retryTrial(id: $id) { ...TrialRow } }\n": typeof types.RetryTrialDocument,
    "\n  query ExperimentList($first: Int, $status: ExperimentStatus) { experiments(first: $first, status: $status) { totalCount nodes { ...ExperimentSummary } } }\n": typeof types.ExperimentListDocument,
    "\n  subscription ExperimentListUpdated { experimentUpdated { ...ExperimentSummary } }\n": typeof types.ExperimentListUpdatedDocument,
    "\n  query ModelVersionPage($name: String!, $version: Int!) {\n    modelVersion(modelName: $name, version: $version) {\n      ...VersionFields modelUrl\n      trial { id name paramMap summary provenance experiment { id name options objective { metric direction } } }\n    }\n    registeredModel(name: $name) { promotionPolicy { ...PolicyFields } history { ...HistoryFields } }\n  }\n": typeof types.ModelVersionPageDocument,
    "\n  subscription ModelVersionChanged($name: String) { modelChanged(modelName: $name) { modelName version event } }\n": typeof types.ModelVersionChangedDocument,
    "\n  fragment VersionFields on ModelVersion {\n    id modelName version stage aliases description tags metrics createdAt\n    evaluation { description size fingerprint } gate { passed checks { criterion measured op threshold passed message } }\n    trial { id name } experiment { id name }\n  }\n": typeof types.VersionFieldsFragmentDoc,
    "\n  fragment HistoryFields on ModelEvent { id kind version alias fromValue toValue actor reason at }\n": typeof types.HistoryFieldsFragmentDoc,
    "\n  fragment PolicyFields on PromotionPolicy { minTestAccuracy maxLatencyMs maxModelSizeBytes maxClassAccuracyGap }\n": typeof types.PolicyFieldsFragmentDoc,
    "\n  query Registry($search: String) {\n    registeredModels(search: $search) {\n      id name description tags aliases updatedAt production { version }\n      promotionPolicy { ...PolicyFields }\n      versions { ...VersionFields }\n      history { ...HistoryFields }\n    }\n  }\n": typeof types.RegistryDocument,
    "\n  mutation PromoteVersion($modelName: String!, $version: Int!, $stage: ModelStage!, $override: Boolean, $reason: String) {\n    transitionModelVersionStage(modelName: $modelName, version: $version, stage: $stage, archiveExisting: true, override: $override, reason: $reason) { id version stage }\n  }\n": typeof types.PromoteVersionDocument,
    "\n  mutation UpdateModel($name: String!, $description: String, $tags: JSON) { updateRegisteredModel(name: $name, description: $description, tags: $tags) { id } }\n": typeof types.UpdateModelDocument,
    "\n  mutation UpdateVersion($modelName: String!, $version: Int!, $description: String, $tags: JSON) {\n    updateModelVersion(modelName: $modelName, version: $version, description: $description, tags: $tags) { id }\n  }\n": typeof types.UpdateVersionDocument,
    "\n  mutation SetPolicy($modelName: String!, $policy: PromotionPolicyInput!, $reason: String) { setPromotionPolicy(modelName: $modelName, policy: $policy, reason: $reason) { id } }\n": typeof types.SetPolicyDocument,
    "\n  subscription RegistryChanged { modelChanged { modelName version event } }\n": typeof types.RegistryChangedDocument,
    "\n  query TrialPage($id: ID!, $keys: [String!], $maxPoints: Int) {\n    trial(id: $id) {\n      ...TrialRow experiment { id name options } spec summary provenance queuedAt\n      metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields }\n      artifacts { id name kind sizeBytes sha256 url }\n      logs(tail: 100) { level message loggedAt }\n      attempts { attempt workerId status error startedAt finishedAt }\n      worker { id hostname backend }\n    }\n  }\n": typeof types.TrialPageDocument,
    "\n  subscription TrialPageUpdated($trialId: ID) { trialUpdated(trialId: $trialId) { ...TrialRow } }\n": typeof types.TrialPageUpdatedDocument,
    "\n  subscription TrialMetricLogged($trialId: ID) { metricLogged(trialId: $trialId) { ...MetricEventFields } }\n": typeof types.TrialMetricLoggedDocument,
    "\n  mutation TrialPageStop($id: ID!) { stopTrial(id: $id) { id status } }\n": typeof types.TrialPageStopDocument,
    "\n  mutation TrialPageRetry($id: ID!) { retryTrial(id: $id) { id status } }\n": typeof types.TrialPageRetryDocument,
    "\n  query Workers($all: Boolean) {\n    workers(includeDead: $all) { id hostname pid backend status alive busy concurrency startedAt lastHeartbeatAt currentTrial { id name experiment { id name } } }\n  }\n": typeof types.WorkersDocument,
    "\n  subscription WorkerUpdated { workerUpdated { id } }\n": typeof types.WorkerUpdatedDocument,
    "\n  fragment ExperimentSummary on Experiment {\n    id name status progress modelName error createdAt startedAt finishedAt options\n    counts { total queued running succeeded failed stopped cancelled } objective { metric direction } bestTrial { id name finalMetrics paramMap }\n  }\n": typeof types.ExperimentSummaryFragmentDoc,
    "\n  fragment TrialRow on Trial { id experimentId index name status paramMap currentEpoch latestMetrics finalMetrics attempt error startedAt finishedAt }\n": typeof types.TrialRowFragmentDoc,
    "\n  fragment SeriesFields on MetricSeries { key totalPoints points { step value loggedAt } }\n": typeof types.SeriesFieldsFragmentDoc,
    "\n  fragment MetricEventFields on Metric { trialId experimentId key step value loggedAt }\n": typeof types.MetricEventFieldsFragmentDoc,
};
const documents: Documents = {
    "\n  query CompareTrials($ids: [ID!]!, $keys: [String!], $maxPoints: Int) {\n    compareTrials(ids: $ids) { paramKeys metricKeys trials { ...TrialRow experiment { id name options } metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields } } }\n  }\n": types.CompareTrialsDocument,
    "\n  subscription CompareTrialUpdated($trialId: ID) { trialUpdated(trialId: $trialId) { ...TrialRow } }\n": types.CompareTrialUpdatedDocument,
    "\n  subscription CompareMetricLogged($trialId: ID) { metricLogged(trialId: $trialId) { ...MetricEventFields } }\n": types.CompareMetricLoggedDocument,
    "\n  query ExperimentPage($id: ID!, $first: Int, $after: String, $status: TrialStatus, $orderBy: TrialOrderInput, $filters: [TrialFilterInput!], $keys: [String!], $maxPoints: Int) {\n    experiment(id: $id) {\n      ...ExperimentSummary dataset maxParallelTrials maxFailedTrials earlyStopping\n      trialKeys { params metrics }\n      paramImportance { param importance groups trials }\n      trials(first: $first, after: $after, status: $status, orderBy: $orderBy, filters: $filters) {\n        totalCount pageInfo { endCursor hasNextPage }\n        nodes { ...TrialRow metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields } }\n      }\n    }\n  }\n": types.ExperimentPageDocument,
    "\n  subscription ExperimentPageUpdated($id: ID) { experimentUpdated(id: $id) { ...ExperimentSummary } }\n": types.ExperimentPageUpdatedDocument,
    "\n  subscription ExperimentTrialUpdated($experimentId: ID) { trialUpdated(experimentId: $experimentId) { ...TrialRow } }\n": types.ExperimentTrialUpdatedDocument,
    "\n  subscription ExperimentMetricLogged($experimentId: ID) { metricLogged(experimentId: $experimentId) { ...MetricEventFields } }\n": types.ExperimentMetricLoggedDocument,
    "\n  query TrialSeries($id: ID!, $keys: [String!], $maxPoints: Int) { trial(id: $id) { metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields } } }\n": types.TrialSeriesDocument,
    "\n  query ParamImportance($id: ID!) { experiment(id: $id) { paramImportance { param importance groups trials } } }\n": types.ParamImportanceDocument,
    "\n  mutation CancelExperiment($id: ID!) { cancelExperiment(id: $id) { ...ExperimentSummary } }\n": types.CancelExperimentDocument,
    "\n  mutation StopTrial($id: ID!) { stopTrial(id: $id) { ...TrialRow } }\n": types.StopTrialDocument,
    "\n  mutation RetryTrial($id: ID!) { retryTrial(id: $id) { ...TrialRow } }\n": types.RetryTrialDocument,
    "\n  query ExperimentList($first: Int, $status: ExperimentStatus) { experiments(first: $first, status: $status) { totalCount nodes { ...ExperimentSummary } } }\n": types.ExperimentListDocument,
    "\n  subscription ExperimentListUpdated { experimentUpdated { ...ExperimentSummary } }\n": types.ExperimentListUpdatedDocument,
    "\n  query ModelVersionPage($name: String!, $version: Int!) {\n    modelVersion(modelName: $name, version: $version) {\n      ...VersionFields modelUrl\n      trial { id name paramMap summary provenance experiment { id name options objective { metric direction } } }\n    }\n    registeredModel(name: $name) { promotionPolicy { ...PolicyFields } history { ...HistoryFields } }\n  }\n": types.ModelVersionPageDocument,
    "\n  subscription ModelVersionChanged($name: String) { modelChanged(modelName: $name) { modelName version event } }\n": types.ModelVersionChangedDocument,
    "\n  fragment VersionFields on ModelVersion {\n    id modelName version stage aliases description tags metrics createdAt\n    evaluation { description size fingerprint } gate { passed checks { criterion measured op threshold passed message } }\n    trial { id name } experiment { id name }\n  }\n": types.VersionFieldsFragmentDoc,
    "\n  fragment HistoryFields on ModelEvent { id kind version alias fromValue toValue actor reason at }\n": types.HistoryFieldsFragmentDoc,
    "\n  fragment PolicyFields on PromotionPolicy { minTestAccuracy maxLatencyMs maxModelSizeBytes maxClassAccuracyGap }\n": types.PolicyFieldsFragmentDoc,
    "\n  query Registry($search: String) {\n    registeredModels(search: $search) {\n      id name description tags aliases updatedAt production { version }\n      promotionPolicy { ...PolicyFields }\n      versions { ...VersionFields }\n      history { ...HistoryFields }\n    }\n  }\n": types.RegistryDocument,
    "\n  mutation PromoteVersion($modelName: String!, $version: Int!, $stage: ModelStage!, $override: Boolean, $reason: String) {\n    transitionModelVersionStage(modelName: $modelName, version: $version, stage: $stage, archiveExisting: true, override: $override, reason: $reason) { id version stage }\n  }\n": types.PromoteVersionDocument,
    "\n  mutation UpdateModel($name: String!, $description: String, $tags: JSON) { updateRegisteredModel(name: $name, description: $description, tags: $tags) { id } }\n": types.UpdateModelDocument,
    "\n  mutation UpdateVersion($modelName: String!, $version: Int!, $description: String, $tags: JSON) {\n    updateModelVersion(modelName: $modelName, version: $version, description: $description, tags: $tags) { id }\n  }\n": types.UpdateVersionDocument,
    "\n  mutation SetPolicy($modelName: String!, $policy: PromotionPolicyInput!, $reason: String) { setPromotionPolicy(modelName: $modelName, policy: $policy, reason: $reason) { id } }\n": types.SetPolicyDocument,
    "\n  subscription RegistryChanged { modelChanged { modelName version event } }\n": types.RegistryChangedDocument,
    "\n  query TrialPage($id: ID!, $keys: [String!], $maxPoints: Int) {\n    trial(id: $id) {\n      ...TrialRow experiment { id name options } spec summary provenance queuedAt\n      metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields }\n      artifacts { id name kind sizeBytes sha256 url }\n      logs(tail: 100) { level message loggedAt }\n      attempts { attempt workerId status error startedAt finishedAt }\n      worker { id hostname backend }\n    }\n  }\n": types.TrialPageDocument,
    "\n  subscription TrialPageUpdated($trialId: ID) { trialUpdated(trialId: $trialId) { ...TrialRow } }\n": types.TrialPageUpdatedDocument,
    "\n  subscription TrialMetricLogged($trialId: ID) { metricLogged(trialId: $trialId) { ...MetricEventFields } }\n": types.TrialMetricLoggedDocument,
    "\n  mutation TrialPageStop($id: ID!) { stopTrial(id: $id) { id status } }\n": types.TrialPageStopDocument,
    "\n  mutation TrialPageRetry($id: ID!) { retryTrial(id: $id) { id status } }\n": types.TrialPageRetryDocument,
    "\n  query Workers($all: Boolean) {\n    workers(includeDead: $all) { id hostname pid backend status alive busy concurrency startedAt lastHeartbeatAt currentTrial { id name experiment { id name } } }\n  }\n": types.WorkersDocument,
    "\n  subscription WorkerUpdated { workerUpdated { id } }\n": types.WorkerUpdatedDocument,
    "\n  fragment ExperimentSummary on Experiment {\n    id name status progress modelName error createdAt startedAt finishedAt options\n    counts { total queued running succeeded failed stopped cancelled } objective { metric direction } bestTrial { id name finalMetrics paramMap }\n  }\n": types.ExperimentSummaryFragmentDoc,
    "\n  fragment TrialRow on Trial { id experimentId index name status paramMap currentEpoch latestMetrics finalMetrics attempt error startedAt finishedAt }\n": types.TrialRowFragmentDoc,
    "\n  fragment SeriesFields on MetricSeries { key totalPoints points { step value loggedAt } }\n": types.SeriesFieldsFragmentDoc,
    "\n  fragment MetricEventFields on Metric { trialId experimentId key step value loggedAt }\n": types.MetricEventFieldsFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompareTrials($ids: [ID!]!, $keys: [String!], $maxPoints: Int) {\n    compareTrials(ids: $ids) { paramKeys metricKeys trials { ...TrialRow experiment { id name options } metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields } } }\n  }\n"): typeof import('./graphql.js').CompareTrialsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CompareTrialUpdated($trialId: ID) { trialUpdated(trialId: $trialId) { ...TrialRow } }\n"): typeof import('./graphql.js').CompareTrialUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CompareMetricLogged($trialId: ID) { metricLogged(trialId: $trialId) { ...MetricEventFields } }\n"): typeof import('./graphql.js').CompareMetricLoggedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExperimentPage($id: ID!, $first: Int, $after: String, $status: TrialStatus, $orderBy: TrialOrderInput, $filters: [TrialFilterInput!], $keys: [String!], $maxPoints: Int) {\n    experiment(id: $id) {\n      ...ExperimentSummary dataset maxParallelTrials maxFailedTrials earlyStopping\n      trialKeys { params metrics }\n      paramImportance { param importance groups trials }\n      trials(first: $first, after: $after, status: $status, orderBy: $orderBy, filters: $filters) {\n        totalCount pageInfo { endCursor hasNextPage }\n        nodes { ...TrialRow metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields } }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ExperimentPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExperimentPageUpdated($id: ID) { experimentUpdated(id: $id) { ...ExperimentSummary } }\n"): typeof import('./graphql.js').ExperimentPageUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExperimentTrialUpdated($experimentId: ID) { trialUpdated(experimentId: $experimentId) { ...TrialRow } }\n"): typeof import('./graphql.js').ExperimentTrialUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExperimentMetricLogged($experimentId: ID) { metricLogged(experimentId: $experimentId) { ...MetricEventFields } }\n"): typeof import('./graphql.js').ExperimentMetricLoggedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrialSeries($id: ID!, $keys: [String!], $maxPoints: Int) { trial(id: $id) { metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields } } }\n"): typeof import('./graphql.js').TrialSeriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ParamImportance($id: ID!) { experiment(id: $id) { paramImportance { param importance groups trials } } }\n"): typeof import('./graphql.js').ParamImportanceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelExperiment($id: ID!) { cancelExperiment(id: $id) { ...ExperimentSummary } }\n"): typeof import('./graphql.js').CancelExperimentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StopTrial($id: ID!) { stopTrial(id: $id) { ...TrialRow } }\n"): typeof import('./graphql.js').StopTrialDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryTrial($id: ID!) { retryTrial(id: $id) { ...TrialRow } }\n"): typeof import('./graphql.js').RetryTrialDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExperimentList($first: Int, $status: ExperimentStatus) { experiments(first: $first, status: $status) { totalCount nodes { ...ExperimentSummary } } }\n"): typeof import('./graphql.js').ExperimentListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExperimentListUpdated { experimentUpdated { ...ExperimentSummary } }\n"): typeof import('./graphql.js').ExperimentListUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelVersionPage($name: String!, $version: Int!) {\n    modelVersion(modelName: $name, version: $version) {\n      ...VersionFields modelUrl\n      trial { id name paramMap summary provenance experiment { id name options objective { metric direction } } }\n    }\n    registeredModel(name: $name) { promotionPolicy { ...PolicyFields } history { ...HistoryFields } }\n  }\n"): typeof import('./graphql.js').ModelVersionPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ModelVersionChanged($name: String) { modelChanged(modelName: $name) { modelName version event } }\n"): typeof import('./graphql.js').ModelVersionChangedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VersionFields on ModelVersion {\n    id modelName version stage aliases description tags metrics createdAt\n    evaluation { description size fingerprint } gate { passed checks { criterion measured op threshold passed message } }\n    trial { id name } experiment { id name }\n  }\n"): typeof import('./graphql.js').VersionFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HistoryFields on ModelEvent { id kind version alias fromValue toValue actor reason at }\n"): typeof import('./graphql.js').HistoryFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PolicyFields on PromotionPolicy { minTestAccuracy maxLatencyMs maxModelSizeBytes maxClassAccuracyGap }\n"): typeof import('./graphql.js').PolicyFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Registry($search: String) {\n    registeredModels(search: $search) {\n      id name description tags aliases updatedAt production { version }\n      promotionPolicy { ...PolicyFields }\n      versions { ...VersionFields }\n      history { ...HistoryFields }\n    }\n  }\n"): typeof import('./graphql.js').RegistryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PromoteVersion($modelName: String!, $version: Int!, $stage: ModelStage!, $override: Boolean, $reason: String) {\n    transitionModelVersionStage(modelName: $modelName, version: $version, stage: $stage, archiveExisting: true, override: $override, reason: $reason) { id version stage }\n  }\n"): typeof import('./graphql.js').PromoteVersionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateModel($name: String!, $description: String, $tags: JSON) { updateRegisteredModel(name: $name, description: $description, tags: $tags) { id } }\n"): typeof import('./graphql.js').UpdateModelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateVersion($modelName: String!, $version: Int!, $description: String, $tags: JSON) {\n    updateModelVersion(modelName: $modelName, version: $version, description: $description, tags: $tags) { id }\n  }\n"): typeof import('./graphql.js').UpdateVersionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPolicy($modelName: String!, $policy: PromotionPolicyInput!, $reason: String) { setPromotionPolicy(modelName: $modelName, policy: $policy, reason: $reason) { id } }\n"): typeof import('./graphql.js').SetPolicyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RegistryChanged { modelChanged { modelName version event } }\n"): typeof import('./graphql.js').RegistryChangedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrialPage($id: ID!, $keys: [String!], $maxPoints: Int) {\n    trial(id: $id) {\n      ...TrialRow experiment { id name options } spec summary provenance queuedAt\n      metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields }\n      artifacts { id name kind sizeBytes sha256 url }\n      logs(tail: 100) { level message loggedAt }\n      attempts { attempt workerId status error startedAt finishedAt }\n      worker { id hostname backend }\n    }\n  }\n"): typeof import('./graphql.js').TrialPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TrialPageUpdated($trialId: ID) { trialUpdated(trialId: $trialId) { ...TrialRow } }\n"): typeof import('./graphql.js').TrialPageUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TrialMetricLogged($trialId: ID) { metricLogged(trialId: $trialId) { ...MetricEventFields } }\n"): typeof import('./graphql.js').TrialMetricLoggedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrialPageStop($id: ID!) { stopTrial(id: $id) { id status } }\n"): typeof import('./graphql.js').TrialPageStopDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrialPageRetry($id: ID!) { retryTrial(id: $id) { id status } }\n"): typeof import('./graphql.js').TrialPageRetryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Workers($all: Boolean) {\n    workers(includeDead: $all) { id hostname pid backend status alive busy concurrency startedAt lastHeartbeatAt currentTrial { id name experiment { id name } } }\n  }\n"): typeof import('./graphql.js').WorkersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WorkerUpdated { workerUpdated { id } }\n"): typeof import('./graphql.js').WorkerUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExperimentSummary on Experiment {\n    id name status progress modelName error createdAt startedAt finishedAt options\n    counts { total queued running succeeded failed stopped cancelled } objective { metric direction } bestTrial { id name finalMetrics paramMap }\n  }\n"): typeof import('./graphql.js').ExperimentSummaryFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TrialRow on Trial { id experimentId index name status paramMap currentEpoch latestMetrics finalMetrics attempt error startedAt finishedAt }\n"): typeof import('./graphql.js').TrialRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SeriesFields on MetricSeries { key totalPoints points { step value loggedAt } }\n"): typeof import('./graphql.js').SeriesFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MetricEventFields on Metric { trialId experimentId key step value loggedAt }\n"): typeof import('./graphql.js').MetricEventFieldsFragmentDoc;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
