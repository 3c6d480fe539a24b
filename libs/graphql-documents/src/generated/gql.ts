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
    "\n  fragment ExperimentSummary on Experiment {\n    id name status progress modelName error createdAt startedAt finishedAt\n    counts { total queued running succeeded failed stopped cancelled }\n  }\n": typeof types.ExperimentSummaryFragmentDoc,
    "\n  fragment TrialRow on Trial {\n    id experimentId index name status paramMap currentEpoch latestMetrics finalMetrics attempt error startedAt finishedAt\n  }\n": typeof types.TrialRowFragmentDoc,
    "\n  fragment ApiTokenFields on ApiToken { id name owner role prefix createdBy createdAt expiresAt lastUsedAt revokedAt }\n": typeof types.ApiTokenFieldsFragmentDoc,
    "\n  query ApiTokens { apiTokens { ...ApiTokenFields } }\n": typeof types.ApiTokensDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { ...ApiTokenFields } } }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) { ...ApiTokenFields } }\n": typeof types.RevokeApiTokenDocument,
    "\n  fragment VersionRow on ModelVersion {\n    id modelName version stage aliases description tags metrics createdAt trial { id name experimentId }\n    evaluation { description size fingerprint } gate { passed checks { criterion measured passed message } }\n  }\n  fragment DatasetFields on Dataset {\n    name format location imageShape numClasses classNames fingerprint trainCount testCount description\n  }\n": typeof types.VersionRowFragmentDoc,
    "\n  mutation Create($input: CreateExperimentInput!) {\n    createExperiment(input: $input) { ...ExperimentSummary trials(first: 1000) { totalCount nodes { ...TrialRow } } }\n  }\n": typeof types.CreateDocument,
    "\n  query List($first: Int, $status: ExperimentStatus) {\n    experiments(first: $first, status: $status) { totalCount nodes { ...ExperimentSummary } }\n  }\n": typeof types.ListDocument,
    "\n  query ExperimentDetail($id: ID!, $first: Int, $after: String, $status: TrialStatus) {\n    experiment(id: $id) {\n      ...ExperimentSummary dataset maxParallelTrials options objective { metric direction }\n      bestTrial { id name finalMetrics }\n      trials(first: $first, after: $after, status: $status) { totalCount pageInfo { endCursor hasNextPage } nodes { ...TrialRow } }\n    }\n  }\n": typeof types.ExperimentDetailDocument,
    "\n  query Trial($id: ID!) {\n    trial(id: $id) {\n      ...TrialRow summary provenance\n      metrics(maxPoints: 500) { key totalPoints points { step value } }\n      artifacts { name kind sizeBytes url }\n      logs(tail: 20) { level message loggedAt }\n    }\n  }\n": typeof types.TrialDocument,
    "\n  query Compare($ids: [ID!]!) {\n    compareTrials(ids: $ids) { paramKeys metricKeys trials { ...TrialRow experiment { name options } } }\n  }\n": typeof types.CompareDocument,
    "\n  mutation Cancel($id: ID!) { cancelExperiment(id: $id) { ...ExperimentSummary } }\n": typeof types.CancelDocument,
    "\n  mutation Stop($id: ID!) { stopTrial(id: $id) { ...TrialRow } }\n": typeof types.StopDocument,
    "\n  mutation Retry($id: ID!) { retryTrial(id: $id) { ...TrialRow } }\n": typeof types.RetryDocument,
    "\n  mutation Transition($modelName: String!, $version: Int!, $stage: ModelStage!, $archiveExisting: Boolean, $override: Boolean, $reason: String) {\n    transitionModelVersionStage(modelName: $modelName, version: $version, stage: $stage, archiveExisting: $archiveExisting, override: $override, reason: $reason) { ...VersionRow }\n  }\n": typeof types.TransitionDocument,
    "\n  query Models($search: String) {\n    registeredModels(search: $search) { name description aliases updatedAt\n      latestVersion { ...VersionRow } production { ...VersionRow } versions { version } history { kind } }\n  }\n": typeof types.ModelsDocument,
    "\n  query Model($name: String!) {\n    registeredModel(name: $name) {\n      name description tags aliases updatedAt latestVersion { ...VersionRow } production { ...VersionRow }\n      promotionPolicy { minTestAccuracy maxLatencyMs maxModelSizeBytes maxClassAccuracyGap }\n      versions { ...VersionRow }\n      history { kind version alias fromValue toValue actor reason at }\n    }\n  }\n": typeof types.ModelDocument,
    "\n  query DatasetShape($name: String!) { dataset(name: $name) { imageShape numClasses } }\n": typeof types.DatasetShapeDocument,
    "\n  query Datasets { datasets { ...DatasetFields } }\n": typeof types.DatasetsDocument,
    "\n  mutation RegisterDataset($input: RegisterDatasetInput!) { registerDataset(input: $input) { ...DatasetFields } }\n": typeof types.RegisterDatasetDocument,
    "\n  subscription ExperimentUpdated($id: ID) { experimentUpdated(id: $id) { ...ExperimentSummary } }\n": typeof types.ExperimentUpdatedDocument,
    "\n  subscription TrialUpdated($experimentId: ID) { trialUpdated(experimentId: $experimentId) { ...TrialRow } }\n": typeof types.TrialUpdatedDocument,
    "\n  subscription MetricLogged($experimentId: ID) { metricLogged(experimentId: $experimentId) { trialId key step value } }\n": typeof types.MetricLoggedDocument,
    "\n  query CompareTrials($ids: [ID!]!, $keys: [String!], $maxPoints: Int) {\n    compareTrials(ids: $ids) { paramKeys metricKeys trials { ...TrialRow experiment { id name options } metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields } } }\n  }\n": typeof types.CompareTrialsDocument,
    "\n  subscription CompareTrialUpdated($trialId: ID) { trialUpdated(trialId: $trialId) { ...TrialRow } }\n": typeof types.CompareTrialUpdatedDocument,
    "\n  subscription CompareMetricLogged($trialId: ID) { metricLogged(trialId: $trialId) { ...MetricEventFields } }\n": typeof types.CompareMetricLoggedDocument,
    "\n  query ExperimentPage($id: ID!, $first: Int, $after: String, $status: TrialStatus, $orderBy: TrialOrderInput, $filters: [TrialFilterInput!], $keys: [String!], $maxPoints: Int) {\n    experiment(id: $id) {\n      ...ExperimentCard dataset maxParallelTrials maxFailedTrials earlyStopping\n      trialKeys { params metrics }\n      paramImportance { param importance groups trials }\n      trials(first: $first, after: $after, status: $status, orderBy: $orderBy, filters: $filters) {\n        totalCount pageInfo { endCursor hasNextPage }\n        nodes { ...TrialRow metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields } }\n      }\n    }\n  }\n": typeof types.ExperimentPageDocument,
    "\n  subscription ExperimentPageUpdated($id: ID) { experimentUpdated(id: $id) { ...ExperimentCard } }\n": typeof types.ExperimentPageUpdatedDocument,
    "\n  subscription ExperimentTrialUpdated($experimentId: ID) { trialUpdated(experimentId: $experimentId) { ...TrialRow } }\n": typeof types.ExperimentTrialUpdatedDocument,
    "\n  subscription ExperimentMetricLogged($experimentId: ID) { metricLogged(experimentId: $experimentId) { ...MetricEventFields } }\n": typeof types.ExperimentMetricLoggedDocument,
    "\n  query TrialSeries($id: ID!, $keys: [String!], $maxPoints: Int) { trial(id: $id) { metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields } } }\n": typeof types.TrialSeriesDocument,
    "\n  query ParamImportance($id: ID!) { experiment(id: $id) { paramImportance { param importance groups trials } } }\n": typeof types.ParamImportanceDocument,
    "\n  mutation CancelExperiment($id: ID!) { cancelExperiment(id: $id) { ...ExperimentCard } }\n": typeof types.CancelExperimentDocument,
    "\n  mutation StopTrial($id: ID!) { stopTrial(id: $id) { ...TrialRow } }\n": typeof types.StopTrialDocument,
    "\n  mutation RetryTrial($id: ID!) { retryTrial(id: $id) { ...TrialRow } }\n": typeof types.RetryTrialDocument,
    "\n  query ExperimentList($first: Int, $status: ExperimentStatus) { experiments(first: $first, status: $status) { totalCount nodes { ...ExperimentCard } } }\n": typeof types.ExperimentListDocument,
    "\n  subscription ExperimentListUpdated { experimentUpdated { ...ExperimentCard } }\n": typeof types.ExperimentListUpdatedDocument,
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
    "\n  fragment ExperimentCard on Experiment {\n    ...ExperimentSummary options objective { metric direction } bestTrial { id name finalMetrics paramMap }\n  }\n": typeof types.ExperimentCardFragmentDoc,
    "\n  fragment SeriesFields on MetricSeries { key totalPoints points { step value loggedAt } }\n": typeof types.SeriesFieldsFragmentDoc,
    "\n  fragment MetricEventFields on Metric { trialId experimentId key step value loggedAt }\n": typeof types.MetricEventFieldsFragmentDoc,
};
const documents: Documents = {
    "\n  fragment ExperimentSummary on Experiment {\n    id name status progress modelName error createdAt startedAt finishedAt\n    counts { total queued running succeeded failed stopped cancelled }\n  }\n": types.ExperimentSummaryFragmentDoc,
    "\n  fragment TrialRow on Trial {\n    id experimentId index name status paramMap currentEpoch latestMetrics finalMetrics attempt error startedAt finishedAt\n  }\n": types.TrialRowFragmentDoc,
    "\n  fragment ApiTokenFields on ApiToken { id name owner role prefix createdBy createdAt expiresAt lastUsedAt revokedAt }\n": types.ApiTokenFieldsFragmentDoc,
    "\n  query ApiTokens { apiTokens { ...ApiTokenFields } }\n": types.ApiTokensDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { ...ApiTokenFields } } }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) { ...ApiTokenFields } }\n": types.RevokeApiTokenDocument,
    "\n  fragment VersionRow on ModelVersion {\n    id modelName version stage aliases description tags metrics createdAt trial { id name experimentId }\n    evaluation { description size fingerprint } gate { passed checks { criterion measured passed message } }\n  }\n  fragment DatasetFields on Dataset {\n    name format location imageShape numClasses classNames fingerprint trainCount testCount description\n  }\n": types.VersionRowFragmentDoc,
    "\n  mutation Create($input: CreateExperimentInput!) {\n    createExperiment(input: $input) { ...ExperimentSummary trials(first: 1000) { totalCount nodes { ...TrialRow } } }\n  }\n": types.CreateDocument,
    "\n  query List($first: Int, $status: ExperimentStatus) {\n    experiments(first: $first, status: $status) { totalCount nodes { ...ExperimentSummary } }\n  }\n": types.ListDocument,
    "\n  query ExperimentDetail($id: ID!, $first: Int, $after: String, $status: TrialStatus) {\n    experiment(id: $id) {\n      ...ExperimentSummary dataset maxParallelTrials options objective { metric direction }\n      bestTrial { id name finalMetrics }\n      trials(first: $first, after: $after, status: $status) { totalCount pageInfo { endCursor hasNextPage } nodes { ...TrialRow } }\n    }\n  }\n": types.ExperimentDetailDocument,
    "\n  query Trial($id: ID!) {\n    trial(id: $id) {\n      ...TrialRow summary provenance\n      metrics(maxPoints: 500) { key totalPoints points { step value } }\n      artifacts { name kind sizeBytes url }\n      logs(tail: 20) { level message loggedAt }\n    }\n  }\n": types.TrialDocument,
    "\n  query Compare($ids: [ID!]!) {\n    compareTrials(ids: $ids) { paramKeys metricKeys trials { ...TrialRow experiment { name options } } }\n  }\n": types.CompareDocument,
    "\n  mutation Cancel($id: ID!) { cancelExperiment(id: $id) { ...ExperimentSummary } }\n": types.CancelDocument,
    "\n  mutation Stop($id: ID!) { stopTrial(id: $id) { ...TrialRow } }\n": types.StopDocument,
    "\n  mutation Retry($id: ID!) { retryTrial(id: $id) { ...TrialRow } }\n": types.RetryDocument,
    "\n  mutation Transition($modelName: String!, $version: Int!, $stage: ModelStage!, $archiveExisting: Boolean, $override: Boolean, $reason: String) {\n    transitionModelVersionStage(modelName: $modelName, version: $version, stage: $stage, archiveExisting: $archiveExisting, override: $override, reason: $reason) { ...VersionRow }\n  }\n": types.TransitionDocument,
    "\n  query Models($search: String) {\n    registeredModels(search: $search) { name description aliases updatedAt\n      latestVersion { ...VersionRow } production { ...VersionRow } versions { version } history { kind } }\n  }\n": types.ModelsDocument,
    "\n  query Model($name: String!) {\n    registeredModel(name: $name) {\n      name description tags aliases updatedAt latestVersion { ...VersionRow } production { ...VersionRow }\n      promotionPolicy { minTestAccuracy maxLatencyMs maxModelSizeBytes maxClassAccuracyGap }\n      versions { ...VersionRow }\n      history { kind version alias fromValue toValue actor reason at }\n    }\n  }\n": types.ModelDocument,
    "\n  query DatasetShape($name: String!) { dataset(name: $name) { imageShape numClasses } }\n": types.DatasetShapeDocument,
    "\n  query Datasets { datasets { ...DatasetFields } }\n": types.DatasetsDocument,
    "\n  mutation RegisterDataset($input: RegisterDatasetInput!) { registerDataset(input: $input) { ...DatasetFields } }\n": types.RegisterDatasetDocument,
    "\n  subscription ExperimentUpdated($id: ID) { experimentUpdated(id: $id) { ...ExperimentSummary } }\n": types.ExperimentUpdatedDocument,
    "\n  subscription TrialUpdated($experimentId: ID) { trialUpdated(experimentId: $experimentId) { ...TrialRow } }\n": types.TrialUpdatedDocument,
    "\n  subscription MetricLogged($experimentId: ID) { metricLogged(experimentId: $experimentId) { trialId key step value } }\n": types.MetricLoggedDocument,
    "\n  query CompareTrials($ids: [ID!]!, $keys: [String!], $maxPoints: Int) {\n    compareTrials(ids: $ids) { paramKeys metricKeys trials { ...TrialRow experiment { id name options } metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields } } }\n  }\n": types.CompareTrialsDocument,
    "\n  subscription CompareTrialUpdated($trialId: ID) { trialUpdated(trialId: $trialId) { ...TrialRow } }\n": types.CompareTrialUpdatedDocument,
    "\n  subscription CompareMetricLogged($trialId: ID) { metricLogged(trialId: $trialId) { ...MetricEventFields } }\n": types.CompareMetricLoggedDocument,
    "\n  query ExperimentPage($id: ID!, $first: Int, $after: String, $status: TrialStatus, $orderBy: TrialOrderInput, $filters: [TrialFilterInput!], $keys: [String!], $maxPoints: Int) {\n    experiment(id: $id) {\n      ...ExperimentCard dataset maxParallelTrials maxFailedTrials earlyStopping\n      trialKeys { params metrics }\n      paramImportance { param importance groups trials }\n      trials(first: $first, after: $after, status: $status, orderBy: $orderBy, filters: $filters) {\n        totalCount pageInfo { endCursor hasNextPage }\n        nodes { ...TrialRow metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields } }\n      }\n    }\n  }\n": types.ExperimentPageDocument,
    "\n  subscription ExperimentPageUpdated($id: ID) { experimentUpdated(id: $id) { ...ExperimentCard } }\n": types.ExperimentPageUpdatedDocument,
    "\n  subscription ExperimentTrialUpdated($experimentId: ID) { trialUpdated(experimentId: $experimentId) { ...TrialRow } }\n": types.ExperimentTrialUpdatedDocument,
    "\n  subscription ExperimentMetricLogged($experimentId: ID) { metricLogged(experimentId: $experimentId) { ...MetricEventFields } }\n": types.ExperimentMetricLoggedDocument,
    "\n  query TrialSeries($id: ID!, $keys: [String!], $maxPoints: Int) { trial(id: $id) { metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields } } }\n": types.TrialSeriesDocument,
    "\n  query ParamImportance($id: ID!) { experiment(id: $id) { paramImportance { param importance groups trials } } }\n": types.ParamImportanceDocument,
    "\n  mutation CancelExperiment($id: ID!) { cancelExperiment(id: $id) { ...ExperimentCard } }\n": types.CancelExperimentDocument,
    "\n  mutation StopTrial($id: ID!) { stopTrial(id: $id) { ...TrialRow } }\n": types.StopTrialDocument,
    "\n  mutation RetryTrial($id: ID!) { retryTrial(id: $id) { ...TrialRow } }\n": types.RetryTrialDocument,
    "\n  query ExperimentList($first: Int, $status: ExperimentStatus) { experiments(first: $first, status: $status) { totalCount nodes { ...ExperimentCard } } }\n": types.ExperimentListDocument,
    "\n  subscription ExperimentListUpdated { experimentUpdated { ...ExperimentCard } }\n": types.ExperimentListUpdatedDocument,
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
    "\n  fragment ExperimentCard on Experiment {\n    ...ExperimentSummary options objective { metric direction } bestTrial { id name finalMetrics paramMap }\n  }\n": types.ExperimentCardFragmentDoc,
    "\n  fragment SeriesFields on MetricSeries { key totalPoints points { step value loggedAt } }\n": types.SeriesFieldsFragmentDoc,
    "\n  fragment MetricEventFields on Metric { trialId experimentId key step value loggedAt }\n": types.MetricEventFieldsFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExperimentSummary on Experiment {\n    id name status progress modelName error createdAt startedAt finishedAt\n    counts { total queued running succeeded failed stopped cancelled }\n  }\n"): typeof import('./graphql.js').ExperimentSummaryFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TrialRow on Trial {\n    id experimentId index name status paramMap currentEpoch latestMetrics finalMetrics attempt error startedAt finishedAt\n  }\n"): typeof import('./graphql.js').TrialRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiTokenFields on ApiToken { id name owner role prefix createdBy createdAt expiresAt lastUsedAt revokedAt }\n"): typeof import('./graphql.js').ApiTokenFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTokens { apiTokens { ...ApiTokenFields } }\n"): typeof import('./graphql.js').ApiTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { ...ApiTokenFields } } }\n"): typeof import('./graphql.js').CreateApiTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) { ...ApiTokenFields } }\n"): typeof import('./graphql.js').RevokeApiTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VersionRow on ModelVersion {\n    id modelName version stage aliases description tags metrics createdAt trial { id name experimentId }\n    evaluation { description size fingerprint } gate { passed checks { criterion measured passed message } }\n  }\n  fragment DatasetFields on Dataset {\n    name format location imageShape numClasses classNames fingerprint trainCount testCount description\n  }\n"): typeof import('./graphql.js').VersionRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Create($input: CreateExperimentInput!) {\n    createExperiment(input: $input) { ...ExperimentSummary trials(first: 1000) { totalCount nodes { ...TrialRow } } }\n  }\n"): typeof import('./graphql.js').CreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query List($first: Int, $status: ExperimentStatus) {\n    experiments(first: $first, status: $status) { totalCount nodes { ...ExperimentSummary } }\n  }\n"): typeof import('./graphql.js').ListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExperimentDetail($id: ID!, $first: Int, $after: String, $status: TrialStatus) {\n    experiment(id: $id) {\n      ...ExperimentSummary dataset maxParallelTrials options objective { metric direction }\n      bestTrial { id name finalMetrics }\n      trials(first: $first, after: $after, status: $status) { totalCount pageInfo { endCursor hasNextPage } nodes { ...TrialRow } }\n    }\n  }\n"): typeof import('./graphql.js').ExperimentDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Trial($id: ID!) {\n    trial(id: $id) {\n      ...TrialRow summary provenance\n      metrics(maxPoints: 500) { key totalPoints points { step value } }\n      artifacts { name kind sizeBytes url }\n      logs(tail: 20) { level message loggedAt }\n    }\n  }\n"): typeof import('./graphql.js').TrialDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Compare($ids: [ID!]!) {\n    compareTrials(ids: $ids) { paramKeys metricKeys trials { ...TrialRow experiment { name options } } }\n  }\n"): typeof import('./graphql.js').CompareDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Cancel($id: ID!) { cancelExperiment(id: $id) { ...ExperimentSummary } }\n"): typeof import('./graphql.js').CancelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Stop($id: ID!) { stopTrial(id: $id) { ...TrialRow } }\n"): typeof import('./graphql.js').StopDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Retry($id: ID!) { retryTrial(id: $id) { ...TrialRow } }\n"): typeof import('./graphql.js').RetryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Transition($modelName: String!, $version: Int!, $stage: ModelStage!, $archiveExisting: Boolean, $override: Boolean, $reason: String) {\n    transitionModelVersionStage(modelName: $modelName, version: $version, stage: $stage, archiveExisting: $archiveExisting, override: $override, reason: $reason) { ...VersionRow }\n  }\n"): typeof import('./graphql.js').TransitionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Models($search: String) {\n    registeredModels(search: $search) { name description aliases updatedAt\n      latestVersion { ...VersionRow } production { ...VersionRow } versions { version } history { kind } }\n  }\n"): typeof import('./graphql.js').ModelsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Model($name: String!) {\n    registeredModel(name: $name) {\n      name description tags aliases updatedAt latestVersion { ...VersionRow } production { ...VersionRow }\n      promotionPolicy { minTestAccuracy maxLatencyMs maxModelSizeBytes maxClassAccuracyGap }\n      versions { ...VersionRow }\n      history { kind version alias fromValue toValue actor reason at }\n    }\n  }\n"): typeof import('./graphql.js').ModelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DatasetShape($name: String!) { dataset(name: $name) { imageShape numClasses } }\n"): typeof import('./graphql.js').DatasetShapeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Datasets { datasets { ...DatasetFields } }\n"): typeof import('./graphql.js').DatasetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterDataset($input: RegisterDatasetInput!) { registerDataset(input: $input) { ...DatasetFields } }\n"): typeof import('./graphql.js').RegisterDatasetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExperimentUpdated($id: ID) { experimentUpdated(id: $id) { ...ExperimentSummary } }\n"): typeof import('./graphql.js').ExperimentUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TrialUpdated($experimentId: ID) { trialUpdated(experimentId: $experimentId) { ...TrialRow } }\n"): typeof import('./graphql.js').TrialUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MetricLogged($experimentId: ID) { metricLogged(experimentId: $experimentId) { trialId key step value } }\n"): typeof import('./graphql.js').MetricLoggedDocument;
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
export function graphql(source: "\n  query ExperimentPage($id: ID!, $first: Int, $after: String, $status: TrialStatus, $orderBy: TrialOrderInput, $filters: [TrialFilterInput!], $keys: [String!], $maxPoints: Int) {\n    experiment(id: $id) {\n      ...ExperimentCard dataset maxParallelTrials maxFailedTrials earlyStopping\n      trialKeys { params metrics }\n      paramImportance { param importance groups trials }\n      trials(first: $first, after: $after, status: $status, orderBy: $orderBy, filters: $filters) {\n        totalCount pageInfo { endCursor hasNextPage }\n        nodes { ...TrialRow metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields } }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ExperimentPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExperimentPageUpdated($id: ID) { experimentUpdated(id: $id) { ...ExperimentCard } }\n"): typeof import('./graphql.js').ExperimentPageUpdatedDocument;
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
export function graphql(source: "\n  mutation CancelExperiment($id: ID!) { cancelExperiment(id: $id) { ...ExperimentCard } }\n"): typeof import('./graphql.js').CancelExperimentDocument;
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
export function graphql(source: "\n  query ExperimentList($first: Int, $status: ExperimentStatus) { experiments(first: $first, status: $status) { totalCount nodes { ...ExperimentCard } } }\n"): typeof import('./graphql.js').ExperimentListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExperimentListUpdated { experimentUpdated { ...ExperimentCard } }\n"): typeof import('./graphql.js').ExperimentListUpdatedDocument;
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
export function graphql(source: "\n  fragment ExperimentCard on Experiment {\n    ...ExperimentSummary options objective { metric direction } bestTrial { id name finalMetrics paramMap }\n  }\n"): typeof import('./graphql.js').ExperimentCardFragmentDoc;
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
