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
    "\n  fragment ApiTokenFields on ApiToken { id name owner role prefix createdBy createdAt expiresAt lastUsedAt revokedAt }\n": typeof types.ApiTokenFieldsFragmentDoc,
    "\n  query ApiTokens { apiTokens { ...ApiTokenFields } }\n": typeof types.ApiTokensDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { ...ApiTokenFields } } }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) { ...ApiTokenFields } }\n": typeof types.RevokeApiTokenDocument,
    "\n  fragment ExperimentSummary on Experiment {\n    id name status progress modelName error createdAt startedAt finishedAt\n    counts { total queued running succeeded failed stopped cancelled }\n  }\n  fragment TrialRow on Trial {\n    id experimentId index name status paramMap currentEpoch latestMetrics finalMetrics attempt error startedAt finishedAt\n  }\n  fragment VersionRow on ModelVersion {\n    id modelName version stage aliases description tags metrics createdAt trial { id name experimentId }\n    evaluation { description size fingerprint } gate { passed checks { criterion measured passed message } }\n  }\n  fragment DatasetFields on Dataset {\n    name format location imageShape numClasses classNames fingerprint trainCount testCount description\n  }\n": typeof types.ExperimentSummaryFragmentDoc,
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
};
const documents: Documents = {
    "\n  fragment ApiTokenFields on ApiToken { id name owner role prefix createdBy createdAt expiresAt lastUsedAt revokedAt }\n": types.ApiTokenFieldsFragmentDoc,
    "\n  query ApiTokens { apiTokens { ...ApiTokenFields } }\n": types.ApiTokensDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { ...ApiTokenFields } } }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) { ...ApiTokenFields } }\n": types.RevokeApiTokenDocument,
    "\n  fragment ExperimentSummary on Experiment {\n    id name status progress modelName error createdAt startedAt finishedAt\n    counts { total queued running succeeded failed stopped cancelled }\n  }\n  fragment TrialRow on Trial {\n    id experimentId index name status paramMap currentEpoch latestMetrics finalMetrics attempt error startedAt finishedAt\n  }\n  fragment VersionRow on ModelVersion {\n    id modelName version stage aliases description tags metrics createdAt trial { id name experimentId }\n    evaluation { description size fingerprint } gate { passed checks { criterion measured passed message } }\n  }\n  fragment DatasetFields on Dataset {\n    name format location imageShape numClasses classNames fingerprint trainCount testCount description\n  }\n": types.ExperimentSummaryFragmentDoc,
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
};

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
export function graphql(source: "\n  fragment ExperimentSummary on Experiment {\n    id name status progress modelName error createdAt startedAt finishedAt\n    counts { total queued running succeeded failed stopped cancelled }\n  }\n  fragment TrialRow on Trial {\n    id experimentId index name status paramMap currentEpoch latestMetrics finalMetrics attempt error startedAt finishedAt\n  }\n  fragment VersionRow on ModelVersion {\n    id modelName version stage aliases description tags metrics createdAt trial { id name experimentId }\n    evaluation { description size fingerprint } gate { passed checks { criterion measured passed message } }\n  }\n  fragment DatasetFields on Dataset {\n    name format location imageShape numClasses classNames fingerprint trainCount testCount description\n  }\n"): typeof import('./graphql.js').ExperimentSummaryFragmentDoc;
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


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
