import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ExperimentRow, TrialRow, TrialConnectionModel, ExperimentConnectionModel, ExperimentEdgeModel, WorkerRow, ArtifactRow, TrialAttemptRow, TrialLogRow, RegisteredModelRow, ModelVersionModel, ModelEventModel, GateVerdictModel, ModelChangeModel, CompareResultModel, MetricModel, DatasetRow } from '../models.js';
import type { GatewayContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: Date; output: Date; }
  JSON: { input: unknown; output: unknown; }
};

/** An API token (its secret is shown only once, by createApiToken). */
export type ApiToken = {
  __typename?: 'ApiToken';
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  /** Who the token acts for: the actor recorded for its changes. */
  owner: Scalars['String']['output'];
  /** First characters of the secret, to tell tokens apart. */
  prefix: Scalars['String']['output'];
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  role: Role;
};

export type Artifact = {
  __typename?: 'Artifact';
  id: Scalars['ID']['output'];
  kind: Scalars['String']['output'];
  name: Scalars['String']['output'];
  path: Scalars['String']['output'];
  sha256?: Maybe<Scalars['String']['output']>;
  sizeBytes: Scalars['Int']['output'];
  /** Download URL on the gateway. */
  url: Scalars['String']['output'];
};

/** One change with no history of its own: experiment cancel, trial stop / retry, token create / revoke. */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  action: Scalars['String']['output'];
  actor: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  details: Scalars['JSON']['output'];
  id: Scalars['ID']['output'];
  targetId: Scalars['String']['output'];
  targetKind: Scalars['String']['output'];
};

export type CompareResult = {
  __typename?: 'CompareResult';
  /** Union of final metric keys. */
  metricKeys: Array<Scalars['String']['output']>;
  /** Union of param keys over the compared trials. */
  paramKeys: Array<Scalars['String']['output']>;
  trials: Array<Trial>;
};

export type CreateApiTokenInput = {
  /** Unset: never expires. */
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  name: Scalars['String']['input'];
  owner: Scalars['String']['input'];
  role: Role;
};

export type CreateExperimentInput = {
  /** A dataset registered in the catalog (`datasets`); an unknown name is BAD_USER_INPUT. */
  dataset?: Scalars['String']['input'];
  earlyStopping?: InputMaybe<EarlyStoppingInput>;
  /** Override epochs of every trial (quick runs). */
  epochs?: InputMaybe<Scalars['Int']['input']>;
  maxFailedTrials?: Scalars['Int']['input'];
  maxParallelTrials?: Scalars['Int']['input'];
  /** Registered model the best trial is registered under; default: the dataset's (`Mnist_Best_Model` for mnist). */
  modelName?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  objective?: InputMaybe<ObjectiveInput>;
  preset?: InputMaybe<ExperimentPreset>;
  /** A search space, or use `preset: DOCUMENTED_RUNS` for the three documented runs. */
  searchSpace?: InputMaybe<SearchSpaceInput>;
  testLimit?: InputMaybe<Scalars['Int']['input']>;
  /** Quick runs: train / test on the first N images only. */
  trainLimit?: InputMaybe<Scalars['Int']['input']>;
};

export type CreatedApiToken = {
  __typename?: 'CreatedApiToken';
  apiToken: ApiToken;
  /** The secret: send it as `Authorization: Bearer <token>`. It cannot be read back later. */
  token: Scalars['String']['output'];
};

/**
 * A named dataset of the catalog. Workers find its files by `location`: `{ kind: builtin }`
 * (mnist: the worker's DATA_DIR), `{ kind: directory, path }`, or `{ kind: url, url, checksums }`
 * (downloaded into the worker's cache, every file's SHA-256 verified).
 */
export type Dataset = {
  __typename?: 'Dataset';
  /** One name per class, in label order. */
  classNames: Array<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  createdBy?: Maybe<Scalars['String']['output']>;
  description?: Maybe<Scalars['String']['output']>;
  /** sha256 over the files' names and SHA-256 checksums; recorded in each trial's provenance. */
  fingerprint: Scalars['String']['output'];
  /** IDX */
  format: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** [height, width, channels] */
  imageShape: Array<Scalars['Int']['output']>;
  location: Scalars['JSON']['output'];
  name: Scalars['String']['output'];
  numClasses: Scalars['Int']['output'];
  testCount?: Maybe<Scalars['Int']['output']>;
  trainCount?: Maybe<Scalars['Int']['output']>;
};

export type EarlyStoppingInput = {
  direction?: ObjectiveDirection;
  metric?: Scalars['String']['input'];
  /** Trials that must have reached a step before the rule compares against them. */
  minTrials?: Scalars['Int']['input'];
  /** Only the median stopping rule is supported. */
  rule?: Scalars['String']['input'];
  /** First step (epoch index) at which the rule may stop a trial. */
  startStep?: Scalars['Int']['input'];
};

/** What a version's test metrics were measured on; versions are compared only on the same set. */
export type EvaluationSet = {
  __typename?: 'EvaluationSet';
  dataset: Scalars['String']['output'];
  /** e.g. 'mnist test[0:1000]'. */
  description: Scalars['String']['output'];
  /** sha256 of the evaluated images and labels; null when the registry could not read the data. */
  fingerprint?: Maybe<Scalars['String']['output']>;
  /** Images evaluated (the first `size` of the split). */
  size: Scalars['Int']['output'];
  split: Scalars['String']['output'];
};

export type Experiment = {
  __typename?: 'Experiment';
  bestTrial?: Maybe<Trial>;
  counts: TrialCounts;
  createdAt: Scalars['DateTime']['output'];
  dataset: Scalars['String']['output'];
  earlyStopping?: Maybe<Scalars['JSON']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  maxFailedTrials: Scalars['Int']['output'];
  maxParallelTrials: Scalars['Int']['output'];
  modelName: Scalars['String']['output'];
  name: Scalars['String']['output'];
  objective: Objective;
  options: Scalars['JSON']['output'];
  /** Hyperparameters that vary across the succeeded trials, by how much of the objective's variance their values explain (η², see README). */
  paramImportance: Array<ParamImportance>;
  /** Fraction of trial-epochs done, 0..1. */
  progress: Scalars['Float']['output'];
  searchSpace: Scalars['JSON']['output'];
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: ExperimentStatus;
  /** Param and metric keys its trials have (for column choosers and sort menus). */
  trialKeys: TrialKeys;
  /**
   * The experiment's trials. Sorted and filtered on the server by any column, hyperparameter
   * (`param:<key>`) or metric (`metric:<key>`: the final value, else the latest logged one), paged
   * with `after` = the previous page's `pageInfo.endCursor`. Keyset cursors: a page starts after the
   * previous page's last trial, so trials that change status (and leave a `status` filter) between
   * pages never make others be skipped.
   */
  trials: TrialConnection;
};


export type ExperimentTrialsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filters?: InputMaybe<Array<TrialFilterInput>>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<TrialOrderInput>;
  status?: InputMaybe<TrialStatus>;
};

export type ExperimentConnection = {
  __typename?: 'ExperimentConnection';
  edges: Array<ExperimentEdge>;
  nodes: Array<Experiment>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ExperimentEdge = {
  __typename?: 'ExperimentEdge';
  cursor: Scalars['String']['output'];
  node: Experiment;
};

export type ExperimentPreset =
  /** run_1_baseline, run_2_enhanced, run_3_optimized exactly as documented. */
  | 'DOCUMENTED_RUNS';

export type ExperimentStatus =
  | 'CANCELLED'
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING'
  | 'SUCCEEDED';

/** One criterion of the production gate with its measured value. */
export type GateCheck = {
  __typename?: 'GateCheck';
  /** test_accuracy, inference_latency_ms, model_size_bytes or class_bias. */
  criterion: Scalars['String']['output'];
  /** Null when it could not be measured (the criterion then fails). */
  measured?: Maybe<Scalars['Float']['output']>;
  /** e.g. 'test_accuracy 0.924 < 0.99'. */
  message: Scalars['String']['output'];
  /** measured <op> threshold must hold: >=, < or <=. */
  op: Scalars['String']['output'];
  passed: Scalars['Boolean']['output'];
  threshold: Scalars['Float']['output'];
};

/** The production gate's verdict on a version under its model's current policy. */
export type GateVerdict = {
  __typename?: 'GateVerdict';
  checks: Array<GateCheck>;
  evaluatedAt: Scalars['DateTime']['output'];
  passed: Scalars['Boolean']['output'];
  policy: PromotionPolicy;
};

export type LogLine = {
  __typename?: 'LogLine';
  level: Scalars['String']['output'];
  loggedAt: Scalars['DateTime']['output'];
  message: Scalars['String']['output'];
};

export type Metric = {
  __typename?: 'Metric';
  experimentId: Scalars['ID']['output'];
  key: Scalars['String']['output'];
  loggedAt: Scalars['DateTime']['output'];
  step: Scalars['Int']['output'];
  trialId: Scalars['ID']['output'];
  value: Scalars['Float']['output'];
};

export type MetricPoint = {
  __typename?: 'MetricPoint';
  /** When the point was stored (wall time; relative time = loggedAt - the trial's startedAt). */
  loggedAt?: Maybe<Scalars['DateTime']['output']>;
  step: Scalars['Int']['output'];
  value: Scalars['Float']['output'];
};

export type MetricSeries = {
  __typename?: 'MetricSeries';
  key: Scalars['String']['output'];
  points: Array<MetricPoint>;
  /** Points stored before downsampling. */
  totalPoints: Scalars['Int']['output'];
};

/** A change in the model registry (registration, stage, alias, gate, policy, edit). */
export type ModelChange = {
  __typename?: 'ModelChange';
  /** REGISTERED, CANDIDATE, STAGE:<stage>, ALIAS:<alias>, ALIAS_REMOVED:<alias>, UPDATED, POLICY. */
  event: Scalars['String']['output'];
  modelName: Scalars['String']['output'];
  version?: Maybe<Scalars['Int']['output']>;
};

export type ModelEvent = {
  __typename?: 'ModelEvent';
  actor: Scalars['String']['output'];
  alias?: Maybe<Scalars['String']['output']>;
  at: Scalars['DateTime']['output'];
  /** Structured detail: the gate verdict, an override, the fields an update changed. */
  details?: Maybe<Scalars['JSON']['output']>;
  fromValue?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  kind: Scalars['String']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  toValue?: Maybe<Scalars['String']['output']>;
  version?: Maybe<Scalars['Int']['output']>;
};

export type ModelPreset =
  | 'baseline'
  | 'enhanced'
  | 'optimized';

export type ModelStage =
  | 'Archived'
  | 'None'
  | 'Production'
  | 'Staging';

export type ModelVersion = {
  __typename?: 'ModelVersion';
  aliases: Array<Scalars['String']['output']>;
  artifactPath: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  description?: Maybe<Scalars['String']['output']>;
  /** What test_accuracy / test_loss were measured on (null for versions registered before it was recorded). */
  evaluation?: Maybe<EvaluationSet>;
  experiment?: Maybe<Experiment>;
  /** The production gate's verdict (null for versions registered before the gate). */
  gate?: Maybe<GateVerdict>;
  id: Scalars['ID']['output'];
  metrics: Scalars['JSON']['output'];
  modelName: Scalars['String']['output'];
  /** Download of the saved model (a directory listing of model.json + weights) on the gateway. */
  modelUrl?: Maybe<Scalars['String']['output']>;
  stage: ModelStage;
  tags: Scalars['JSON']['output'];
  /** Lineage: the trial (and experiment) the version was trained by. */
  trial?: Maybe<Trial>;
  updatedAt: Scalars['DateTime']['output'];
  version: Scalars['Int']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  cancelExperiment: Experiment;
  /** A new API token (admin). The secret is in the reply only. */
  createApiToken: CreatedApiToken;
  createExperiment: Experiment;
  /** Add a named dataset to the catalog (editor). A directory is read and checked by the scheduler; a URL is verified by each worker as it downloads. */
  registerDataset: Dataset;
  registerModelVersion: ModelVersion;
  retryTrial: Trial;
  /** Revoke an API token (admin); idempotent. */
  revokeApiToken: ApiToken;
  /** Point an alias at a version. `champion` is the Production version: setting it promotes (same rules as transitionModelVersionStage). */
  setModelAlias: ModelVersion;
  /** Change a model's production gate; every version is re-judged (the history records which verdicts flipped). */
  setPromotionPolicy: RegisteredModel;
  stopTrial: Trial;
  /**
   * Move a version to a stage. Production holds one version and the `champion` alias follows it.
   * Promoting a version that fails the production gate is refused (CONFLICT) unless `override`
   * is true and a `reason` is given; the history records both.
   */
  transitionModelVersionStage: ModelVersion;
  /** Edit a model version: description (null clears it) and tags ({key: value}, null value deletes the tag). */
  updateModelVersion: ModelVersion;
  /** Edit a registered model: description (null clears it) and tags ({key: value}, null value deletes the tag). */
  updateRegisteredModel: RegisteredModel;
};


export type MutationCancelExperimentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateApiTokenArgs = {
  input: CreateApiTokenInput;
};


export type MutationCreateExperimentArgs = {
  input: CreateExperimentInput;
};


export type MutationRegisterDatasetArgs = {
  input: RegisterDatasetInput;
};


export type MutationRegisterModelVersionArgs = {
  input: RegisterModelVersionInput;
};


export type MutationRetryTrialArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokeApiTokenArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetModelAliasArgs = {
  alias: Scalars['String']['input'];
  modelName: Scalars['String']['input'];
  override?: InputMaybe<Scalars['Boolean']['input']>;
  reason?: InputMaybe<Scalars['String']['input']>;
  version: Scalars['Int']['input'];
};


export type MutationSetPromotionPolicyArgs = {
  modelName: Scalars['String']['input'];
  policy: PromotionPolicyInput;
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationStopTrialArgs = {
  id: Scalars['ID']['input'];
};


export type MutationTransitionModelVersionStageArgs = {
  archiveExisting?: InputMaybe<Scalars['Boolean']['input']>;
  modelName: Scalars['String']['input'];
  override?: InputMaybe<Scalars['Boolean']['input']>;
  reason?: InputMaybe<Scalars['String']['input']>;
  stage: ModelStage;
  version: Scalars['Int']['input'];
};


export type MutationUpdateModelVersionArgs = {
  description?: InputMaybe<Scalars['String']['input']>;
  modelName: Scalars['String']['input'];
  tags?: InputMaybe<Scalars['JSON']['input']>;
  version: Scalars['Int']['input'];
};


export type MutationUpdateRegisteredModelArgs = {
  description?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  tags?: InputMaybe<Scalars['JSON']['input']>;
};

export type Objective = {
  __typename?: 'Objective';
  direction: ObjectiveDirection;
  metric: Scalars['String']['output'];
};

export type ObjectiveDirection =
  | 'MAXIMIZE'
  | 'MINIMIZE';

export type ObjectiveInput = {
  direction?: ObjectiveDirection;
  /** Metric to optimise, e.g. test_accuracy or val_loss. */
  metric?: Scalars['String']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Param = {
  __typename?: 'Param';
  key: Scalars['String']['output'];
  value: Scalars['JSON']['output'];
};

export type ParamImportance = {
  __typename?: 'ParamImportance';
  /** Groups the trials were split into (numbers with many values: 5 rank groups). */
  groups: Scalars['Int']['output'];
  /** η² in [0, 1]: share of the objective's variance explained by this parameter's values alone. */
  importance: Scalars['Float']['output'];
  param: Scalars['String']['output'];
  trials: Scalars['Int']['output'];
};

/** Values to sweep for one parameter. Give either `values` or (for RANDOM) `min`/`max`. */
export type ParamRangeInput = {
  /** RANDOM only: sample integers. */
  integer?: InputMaybe<Scalars['Boolean']['input']>;
  /** RANDOM only: sample on a log scale (learning rates). */
  log?: InputMaybe<Scalars['Boolean']['input']>;
  max?: InputMaybe<Scalars['Float']['input']>;
  min?: InputMaybe<Scalars['Float']['input']>;
  name: Scalars['String']['input'];
  /** Explicit values (numbers as JSON, or preset names). */
  values?: InputMaybe<Array<Scalars['JSON']['input']>>;
};

export type Prediction = {
  __typename?: 'Prediction';
  classes: Array<Scalars['Int']['output']>;
  /** Server-side inference time for the whole batch. */
  latencyMs: Scalars['Float']['output'];
  modelName: Scalars['String']['output'];
  probabilities: Array<Array<Scalars['Float']['output']>>;
  version: Scalars['Int']['output'];
};

/** The identity of the calling token. */
export type Principal = {
  __typename?: 'Principal';
  owner: Scalars['String']['output'];
  role: Role;
  tokenName: Scalars['String']['output'];
};

/**
 * A registered model's production gate (the seed's criteria unless changed): test accuracy >=
 * minTestAccuracy, batch-1 latency < maxLatencyMs, model size < maxModelSizeBytes, and the worst
 * class's accuracy at most maxClassAccuracyGap below the overall accuracy (class bias).
 */
export type PromotionPolicy = {
  __typename?: 'PromotionPolicy';
  maxClassAccuracyGap: Scalars['Float']['output'];
  maxLatencyMs: Scalars['Float']['output'];
  maxModelSizeBytes: Scalars['Float']['output'];
  minTestAccuracy: Scalars['Float']['output'];
};

/**
 * The production gate of a registered model. Omitted fields keep their current value.
 * Accuracy as a fraction (0.99 = 99 %), latency in milliseconds, size in bytes.
 */
export type PromotionPolicyInput = {
  /** Overall test accuracy minus the worst class's accuracy, at most (0.03 = 3 points). */
  maxClassAccuracyGap?: InputMaybe<Scalars['Float']['input']>;
  maxLatencyMs?: InputMaybe<Scalars['Float']['input']>;
  maxModelSizeBytes?: InputMaybe<Scalars['Float']['input']>;
  minTestAccuracy?: InputMaybe<Scalars['Float']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** Every API token, newest first (admin). */
  apiTokens: Array<ApiToken>;
  /** Audit events, newest first, optionally of one target (admin). */
  auditEvents: Array<AuditEvent>;
  /** Compare trials, possibly from several experiments. */
  compareTrials: CompareResult;
  dataset?: Maybe<Dataset>;
  /** The dataset catalog, by name. */
  datasets: Array<Dataset>;
  experiment?: Maybe<Experiment>;
  experiments: ExperimentConnection;
  /** Who the calling token is. */
  me: Principal;
  modelVersion?: Maybe<ModelVersion>;
  /**
   * Classify images (each a flat array of the model's H·W·C values in [0,1], channels last: 784 for an MNIST model) with the model's Production version (or the given alias).
   * At most 1000 images per request (the gateway sends them to the registry in parts that fit a NATS message, all answered by one version); the request body is bounded by MAX_BODY_BYTES.
   */
  predict: Prediction;
  registeredModel?: Maybe<RegisteredModel>;
  /** Registered models by name; `search` matches name, description or a tag key/value (case-insensitive). */
  registeredModels: Array<RegisteredModel>;
  trial?: Maybe<Trial>;
  workers: Array<Worker>;
};


export type QueryAuditEventsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  targetId?: InputMaybe<Scalars['String']['input']>;
  targetKind?: InputMaybe<Scalars['String']['input']>;
};


export type QueryCompareTrialsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryDatasetArgs = {
  name: Scalars['String']['input'];
};


export type QueryExperimentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryExperimentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<ExperimentStatus>;
};


export type QueryModelVersionArgs = {
  modelName: Scalars['String']['input'];
  version: Scalars['Int']['input'];
};


export type QueryPredictArgs = {
  alias?: InputMaybe<Scalars['String']['input']>;
  images: Array<Array<Scalars['Float']['input']>>;
  modelName?: InputMaybe<Scalars['String']['input']>;
};


export type QueryRegisteredModelArgs = {
  name: Scalars['String']['input'];
};


export type QueryRegisteredModelsArgs = {
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryTrialArgs = {
  id: Scalars['ID']['input'];
};


export type QueryWorkersArgs = {
  includeDead?: InputMaybe<Scalars['Boolean']['input']>;
};

/**
 * A dataset to register: a name, and exactly one of `directory` (read by the scheduler and every
 * worker; shape and classes are read from the files) or `url` (needs `checksums` for the four
 * IDX files, `imageShape` and `numClasses`).
 */
export type RegisterDatasetInput = {
  /** SHA-256 per file name, e.g. { "train-images-idx3-ubyte.gz": "<hex>" } */
  checksums?: InputMaybe<Scalars['JSON']['input']>;
  classNames?: InputMaybe<Array<Scalars['String']['input']>>;
  description?: InputMaybe<Scalars['String']['input']>;
  directory?: InputMaybe<Scalars['String']['input']>;
  format?: InputMaybe<Scalars['String']['input']>;
  /** [height, width, channels]; checked against the files of a directory */
  imageShape?: InputMaybe<Array<Scalars['Int']['input']>>;
  /** lower-case letters, digits, '.', '_' or '-' */
  name: Scalars['String']['input'];
  numClasses?: InputMaybe<Scalars['Int']['input']>;
  url?: InputMaybe<Scalars['String']['input']>;
};

export type RegisterModelVersionInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  modelName: Scalars['String']['input'];
  tags?: InputMaybe<Scalars['JSON']['input']>;
  trialId: Scalars['ID']['input'];
};

export type RegisteredModel = {
  __typename?: 'RegisteredModel';
  aliases: Scalars['JSON']['output'];
  createdAt: Scalars['DateTime']['output'];
  description?: Maybe<Scalars['String']['output']>;
  history: Array<ModelEvent>;
  id: Scalars['ID']['output'];
  latestVersion?: Maybe<ModelVersion>;
  name: Scalars['String']['output'];
  production?: Maybe<ModelVersion>;
  promotionPolicy: PromotionPolicy;
  /** String tags (key -> value). */
  tags: Scalars['JSON']['output'];
  updatedAt: Scalars['DateTime']['output'];
  versions: Array<ModelVersion>;
};

/** API token roles, each allowed what the ones before it are: viewer (queries, subscriptions), editor (experiments and trials), admin (registry stages and aliases, tokens, queue board actions). */
export type Role =
  | 'admin'
  | 'editor'
  | 'viewer';

export type SearchAlgorithm =
  | 'EXPLICIT'
  | 'GRID'
  | 'RANDOM';

export type SearchSpaceInput = {
  algorithm: SearchAlgorithm;
  /** GRID / RANDOM: values shared by every trial. */
  base?: InputMaybe<TrialParamsInput>;
  /** GRID / RANDOM: the parameters to vary. */
  parameters?: InputMaybe<Array<ParamRangeInput>>;
  /** RANDOM: sampler seed (reproducible searches). */
  seed?: InputMaybe<Scalars['Int']['input']>;
  /** RANDOM: how many trials to sample. */
  trialCount?: InputMaybe<Scalars['Int']['input']>;
  /** EXPLICIT: the trials, one element each. */
  trials?: InputMaybe<Array<TrialParamsInput>>;
};

export type SortDirection =
  | 'ASC'
  | 'DESC';

export type Subscription = {
  __typename?: 'Subscription';
  experimentUpdated: Experiment;
  /** Each batch of metric points as it is stored. Give experimentId or trialId. */
  metricLogged: Array<Metric>;
  /** Registry changes, of one model or of all. */
  modelChanged: ModelChange;
  trialUpdated: Trial;
  /** Workers as their heartbeats arrive (every HEARTBEAT_INTERVAL per worker). */
  workerUpdated: Worker;
};


export type SubscriptionExperimentUpdatedArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionMetricLoggedArgs = {
  experimentId?: InputMaybe<Scalars['ID']['input']>;
  trialId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionModelChangedArgs = {
  modelName?: InputMaybe<Scalars['String']['input']>;
};


export type SubscriptionTrialUpdatedArgs = {
  experimentId?: InputMaybe<Scalars['ID']['input']>;
  trialId?: InputMaybe<Scalars['ID']['input']>;
};

export type Trial = {
  __typename?: 'Trial';
  artifacts: Array<Artifact>;
  attempt: Scalars['Int']['output'];
  attempts: Array<TrialAttempt>;
  currentEpoch?: Maybe<Scalars['Int']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  experiment: Experiment;
  experimentId: Scalars['ID']['output'];
  finalMetrics?: Maybe<Scalars['JSON']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  index: Scalars['Int']['output'];
  /** Latest value of each metric key. */
  latestMetrics: Scalars['JSON']['output'];
  logs: Array<LogLine>;
  /** Per-step metrics, downsampled on the server to at most maxPoints per key. */
  metrics: Array<MetricSeries>;
  name: Scalars['String']['output'];
  /** Params as one JSON object (key -> value). */
  paramMap: Scalars['JSON']['output'];
  params: Array<Param>;
  provenance?: Maybe<Scalars['JSON']['output']>;
  queuedAt?: Maybe<Scalars['DateTime']['output']>;
  spec: Scalars['JSON']['output'];
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: TrialStatus;
  /** Confusion matrix, per-class accuracy and other structured results. */
  summary?: Maybe<Scalars['JSON']['output']>;
  worker?: Maybe<Worker>;
};


export type TrialLogsArgs = {
  tail?: InputMaybe<Scalars['Int']['input']>;
};


export type TrialMetricsArgs = {
  keys?: InputMaybe<Array<Scalars['String']['input']>>;
  maxPoints?: InputMaybe<Scalars['Int']['input']>;
};

export type TrialAttempt = {
  __typename?: 'TrialAttempt';
  attempt: Scalars['Int']['output'];
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  startedAt: Scalars['DateTime']['output'];
  status: TrialStatus;
  workerId?: Maybe<Scalars['String']['output']>;
};

export type TrialConnection = {
  __typename?: 'TrialConnection';
  nodes: Array<Trial>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type TrialCounts = {
  __typename?: 'TrialCounts';
  cancelled: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  queued: Scalars['Int']['output'];
  running: Scalars['Int']['output'];
  stopped: Scalars['Int']['output'];
  succeeded: Scalars['Int']['output'];
  total: Scalars['Int']['output'];
};

export type TrialFilterInput = {
  /** Same fields as TrialOrderInput. */
  field: Scalars['String']['input'];
  op: TrialFilterOp;
  /** A number, string or boolean; CONTAINS takes a string (case-insensitive). */
  value: Scalars['JSON']['input'];
};

export type TrialFilterOp =
  | 'CONTAINS'
  | 'EQ'
  | 'GT'
  | 'GTE'
  | 'LT'
  | 'LTE'
  | 'NE';

export type TrialKeys = {
  __typename?: 'TrialKeys';
  metrics: Array<Scalars['String']['output']>;
  params: Array<Scalars['String']['output']>;
};

export type TrialOrderInput = {
  direction?: SortDirection;
  /** index, name, status, currentEpoch, startedAt, finishedAt, param:<key> or metric:<key>. */
  field: Scalars['String']['input'];
};

/**
 * One point of a search space. Every field is optional: a preset fills the architecture,
 * and training parameters default to the seed's (lr 0.001, batch 128, epochs 5, split 0.1, seed 42).
 * The training options (optimizer .. earlyStoppingMetric) default to the seed's training: Adam,
 * constant learning rate, no augmentation, no per-trial early stopping. Rules and defaults:
 * libs/contracts engine.ts; README "Training options".
 */
export type TrialParamsInput = {
  /** Random rotation by up to ± this many degrees (0..45, default 0). */
  augmentRotation?: InputMaybe<Scalars['Float']['input']>;
  /** Random translation of training images by up to this many pixels (0..8, default 0). */
  augmentShift?: InputMaybe<Scalars['Int']['input']>;
  /** Random zoom by a factor in [1 − z, 1 + z] (0..0.5, default 0). */
  augmentZoom?: InputMaybe<Scalars['Float']['input']>;
  batchSize?: InputMaybe<Scalars['Int']['input']>;
  convDropout?: InputMaybe<Scalars['Float']['input']>;
  denseDropout?: InputMaybe<Scalars['Float']['input']>;
  /** val_loss (default) or val_accuracy. */
  earlyStoppingMetric?: InputMaybe<Scalars['String']['input']>;
  /** Stop a trial after this many epochs without improvement of earlyStoppingMetric (default 0: off). */
  earlyStoppingPatience?: InputMaybe<Scalars['Int']['input']>;
  epochs?: InputMaybe<Scalars['Int']['input']>;
  filters?: InputMaybe<Scalars['Int']['input']>;
  hiddenUnits?: InputMaybe<Scalars['Int']['input']>;
  learningRate?: InputMaybe<Scalars['Float']['input']>;
  /** Factor of step / exponential / plateau, in (0, 1) (default 0.5). */
  lrDecay?: InputMaybe<Scalars['Float']['input']>;
  /** step: decay every this many epochs; exponential: the decay period; plateau: the patience (default 2). */
  lrDecayEpochs?: InputMaybe<Scalars['Int']['input']>;
  /** constant (default), step, exponential, cosine or plateau. */
  lrSchedule?: InputMaybe<Scalars['String']['input']>;
  /**
   * An architecture in the model language: { name, params, layers } where layers are
   * { type: conv2d | maxPooling2d | averagePooling2d | batchNormalization | activation | dropout |
   * flatten | globalAveragePooling2d | dense, ... }, { repeat, layers } or { choose, options }, and
   * any field may be "$param". Excludes preset and the preset family's knobs. README "Models".
   */
  model?: InputMaybe<Scalars['JSON']['input']>;
  /** Values of the model's params ({ width: 64 }); a search space varies them as model.<name>. */
  modelParams?: InputMaybe<Scalars['JSON']['input']>;
  /** SGD momentum in [0, 1) (default 0.9); only with optimizer sgd. */
  momentum?: InputMaybe<Scalars['Float']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  /** adam (default), adamw or sgd. */
  optimizer?: InputMaybe<Scalars['String']['input']>;
  preset?: InputMaybe<ModelPreset>;
  seed?: InputMaybe<Scalars['Int']['input']>;
  validationSplit?: InputMaybe<Scalars['Float']['input']>;
  /** Linear warm-up over this many (possibly fractional) epochs (default 0). */
  warmupEpochs?: InputMaybe<Scalars['Float']['input']>;
  /** Decoupled weight decay per step in [0, 1) (default 0; adamw 0.01). */
  weightDecay?: InputMaybe<Scalars['Float']['input']>;
};

export type TrialStatus =
  | 'CANCELLED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'STOPPED'
  | 'SUCCEEDED';

export type Worker = {
  __typename?: 'Worker';
  alive: Scalars['Boolean']['output'];
  backend: Scalars['String']['output'];
  busy: Scalars['Boolean']['output'];
  concurrency: Scalars['Int']['output'];
  currentTrial?: Maybe<Trial>;
  details: Scalars['JSON']['output'];
  hostname: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  lastHeartbeatAt: Scalars['DateTime']['output'];
  pid: Scalars['Int']['output'];
  startedAt: Scalars['DateTime']['output'];
  status: WorkerStatus;
};

export type WorkerStatus =
  | 'BUSY'
  | 'IDLE'
  | 'STOPPED';



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = {}, TContext = {}, TArgs = {}> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = {}, TContext = {}, TArgs = {}> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = {}, TContext = {}> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = {}, TContext = {}> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = {}, TParent = {}, TContext = {}, TArgs = {}> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  ApiToken: ResolverTypeWrapper<ApiToken>;
  Artifact: ResolverTypeWrapper<ArtifactRow>;
  AuditEvent: ResolverTypeWrapper<AuditEvent>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CompareResult: ResolverTypeWrapper<CompareResultModel>;
  CreateApiTokenInput: CreateApiTokenInput;
  CreateExperimentInput: CreateExperimentInput;
  CreatedApiToken: ResolverTypeWrapper<CreatedApiToken>;
  Dataset: ResolverTypeWrapper<DatasetRow>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  EarlyStoppingInput: EarlyStoppingInput;
  EvaluationSet: ResolverTypeWrapper<EvaluationSet>;
  Experiment: ResolverTypeWrapper<ExperimentRow>;
  ExperimentConnection: ResolverTypeWrapper<ExperimentConnectionModel>;
  ExperimentEdge: ResolverTypeWrapper<ExperimentEdgeModel>;
  ExperimentPreset: ExperimentPreset;
  ExperimentStatus: ExperimentStatus;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  GateCheck: ResolverTypeWrapper<GateCheck>;
  GateVerdict: ResolverTypeWrapper<GateVerdictModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LogLine: ResolverTypeWrapper<TrialLogRow>;
  Metric: ResolverTypeWrapper<MetricModel>;
  MetricPoint: ResolverTypeWrapper<MetricPoint>;
  MetricSeries: ResolverTypeWrapper<MetricSeries>;
  ModelChange: ResolverTypeWrapper<ModelChangeModel>;
  ModelEvent: ResolverTypeWrapper<ModelEventModel>;
  ModelPreset: ModelPreset;
  ModelStage: ModelStage;
  ModelVersion: ResolverTypeWrapper<ModelVersionModel>;
  Mutation: ResolverTypeWrapper<{}>;
  Objective: ResolverTypeWrapper<Objective>;
  ObjectiveDirection: ObjectiveDirection;
  ObjectiveInput: ObjectiveInput;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Param: ResolverTypeWrapper<Param>;
  ParamImportance: ResolverTypeWrapper<ParamImportance>;
  ParamRangeInput: ParamRangeInput;
  Prediction: ResolverTypeWrapper<Prediction>;
  Principal: ResolverTypeWrapper<Principal>;
  PromotionPolicy: ResolverTypeWrapper<PromotionPolicy>;
  PromotionPolicyInput: PromotionPolicyInput;
  Query: ResolverTypeWrapper<{}>;
  RegisterDatasetInput: RegisterDatasetInput;
  RegisterModelVersionInput: RegisterModelVersionInput;
  RegisteredModel: ResolverTypeWrapper<RegisteredModelRow>;
  Role: Role;
  SearchAlgorithm: SearchAlgorithm;
  SearchSpaceInput: SearchSpaceInput;
  SortDirection: SortDirection;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<{}>;
  Trial: ResolverTypeWrapper<TrialRow>;
  TrialAttempt: ResolverTypeWrapper<TrialAttemptRow>;
  TrialConnection: ResolverTypeWrapper<TrialConnectionModel>;
  TrialCounts: ResolverTypeWrapper<TrialCounts>;
  TrialFilterInput: TrialFilterInput;
  TrialFilterOp: TrialFilterOp;
  TrialKeys: ResolverTypeWrapper<TrialKeys>;
  TrialOrderInput: TrialOrderInput;
  TrialParamsInput: TrialParamsInput;
  TrialStatus: TrialStatus;
  Worker: ResolverTypeWrapper<WorkerRow>;
  WorkerStatus: WorkerStatus;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  ApiToken: ApiToken;
  Artifact: ArtifactRow;
  AuditEvent: AuditEvent;
  Boolean: Scalars['Boolean']['output'];
  CompareResult: CompareResultModel;
  CreateApiTokenInput: CreateApiTokenInput;
  CreateExperimentInput: CreateExperimentInput;
  CreatedApiToken: CreatedApiToken;
  Dataset: DatasetRow;
  DateTime: Scalars['DateTime']['output'];
  EarlyStoppingInput: EarlyStoppingInput;
  EvaluationSet: EvaluationSet;
  Experiment: ExperimentRow;
  ExperimentConnection: ExperimentConnectionModel;
  ExperimentEdge: ExperimentEdgeModel;
  Float: Scalars['Float']['output'];
  GateCheck: GateCheck;
  GateVerdict: GateVerdictModel;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  JSON: Scalars['JSON']['output'];
  LogLine: TrialLogRow;
  Metric: MetricModel;
  MetricPoint: MetricPoint;
  MetricSeries: MetricSeries;
  ModelChange: ModelChangeModel;
  ModelEvent: ModelEventModel;
  ModelVersion: ModelVersionModel;
  Mutation: {};
  Objective: Objective;
  ObjectiveInput: ObjectiveInput;
  PageInfo: PageInfo;
  Param: Param;
  ParamImportance: ParamImportance;
  ParamRangeInput: ParamRangeInput;
  Prediction: Prediction;
  Principal: Principal;
  PromotionPolicy: PromotionPolicy;
  PromotionPolicyInput: PromotionPolicyInput;
  Query: {};
  RegisterDatasetInput: RegisterDatasetInput;
  RegisterModelVersionInput: RegisterModelVersionInput;
  RegisteredModel: RegisteredModelRow;
  SearchSpaceInput: SearchSpaceInput;
  String: Scalars['String']['output'];
  Subscription: {};
  Trial: TrialRow;
  TrialAttempt: TrialAttemptRow;
  TrialConnection: TrialConnectionModel;
  TrialCounts: TrialCounts;
  TrialFilterInput: TrialFilterInput;
  TrialKeys: TrialKeys;
  TrialOrderInput: TrialOrderInput;
  TrialParamsInput: TrialParamsInput;
  Worker: WorkerRow;
};

export type ApiTokenResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ApiToken'] = ResolversParentTypes['ApiToken']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ArtifactResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Artifact'] = ResolversParentTypes['Artifact']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sha256?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sizeBytes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AuditEventResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  details?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  targetId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  targetKind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CompareResultResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CompareResult'] = ResolversParentTypes['CompareResult']> = {
  metricKeys?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  paramKeys?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  trials?: Resolver<Array<ResolversTypes['Trial']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CreatedApiTokenResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CreatedApiToken'] = ResolversParentTypes['CreatedApiToken']> = {
  apiToken?: Resolver<ResolversTypes['ApiToken'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DatasetResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Dataset'] = ResolversParentTypes['Dataset']> = {
  classNames?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fingerprint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageShape?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  location?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  numClasses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  testCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  trainCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EvaluationSetResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['EvaluationSet'] = ResolversParentTypes['EvaluationSet']> = {
  dataset?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fingerprint?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  split?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ExperimentResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Experiment'] = ResolversParentTypes['Experiment']> = {
  bestTrial?: Resolver<Maybe<ResolversTypes['Trial']>, ParentType, ContextType>;
  counts?: Resolver<ResolversTypes['TrialCounts'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  dataset?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  earlyStopping?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  maxFailedTrials?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxParallelTrials?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  modelName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  objective?: Resolver<ResolversTypes['Objective'], ParentType, ContextType>;
  options?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  paramImportance?: Resolver<Array<ResolversTypes['ParamImportance']>, ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  searchSpace?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ExperimentStatus'], ParentType, ContextType>;
  trialKeys?: Resolver<ResolversTypes['TrialKeys'], ParentType, ContextType>;
  trials?: Resolver<ResolversTypes['TrialConnection'], ParentType, ContextType, RequireFields<ExperimentTrialsArgs, 'first'>>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ExperimentConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ExperimentConnection'] = ResolversParentTypes['ExperimentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ExperimentEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Experiment']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ExperimentEdgeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ExperimentEdge'] = ResolversParentTypes['ExperimentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type GateCheckResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['GateCheck'] = ResolversParentTypes['GateCheck']> = {
  criterion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  measured?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  op?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  passed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  threshold?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type GateVerdictResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['GateVerdict'] = ResolversParentTypes['GateVerdict']> = {
  checks?: Resolver<Array<ResolversTypes['GateCheck']>, ParentType, ContextType>;
  evaluatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  passed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  policy?: Resolver<ResolversTypes['PromotionPolicy'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LogLineResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['LogLine'] = ResolversParentTypes['LogLine']> = {
  level?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  loggedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MetricResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Metric'] = ResolversParentTypes['Metric']> = {
  experimentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  loggedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  step?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  trialId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MetricPointResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MetricPoint'] = ResolversParentTypes['MetricPoint']> = {
  loggedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  step?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MetricSeriesResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MetricSeries'] = ResolversParentTypes['MetricSeries']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  points?: Resolver<Array<ResolversTypes['MetricPoint']>, ParentType, ContextType>;
  totalPoints?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ModelChangeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ModelChange'] = ResolversParentTypes['ModelChange']> = {
  event?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  modelName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ModelEventResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ModelEvent'] = ResolversParentTypes['ModelEvent']> = {
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  alias?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  details?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  fromValue?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  toValue?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ModelVersionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ModelVersion'] = ResolversParentTypes['ModelVersion']> = {
  aliases?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  artifactPath?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  evaluation?: Resolver<Maybe<ResolversTypes['EvaluationSet']>, ParentType, ContextType>;
  experiment?: Resolver<Maybe<ResolversTypes['Experiment']>, ParentType, ContextType>;
  gate?: Resolver<Maybe<ResolversTypes['GateVerdict']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metrics?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  modelName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  modelUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  stage?: Resolver<ResolversTypes['ModelStage'], ParentType, ContextType>;
  tags?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  trial?: Resolver<Maybe<ResolversTypes['Trial']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  cancelExperiment?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType, RequireFields<MutationCancelExperimentArgs, 'id'>>;
  createApiToken?: Resolver<ResolversTypes['CreatedApiToken'], ParentType, ContextType, RequireFields<MutationCreateApiTokenArgs, 'input'>>;
  createExperiment?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType, RequireFields<MutationCreateExperimentArgs, 'input'>>;
  registerDataset?: Resolver<ResolversTypes['Dataset'], ParentType, ContextType, RequireFields<MutationRegisterDatasetArgs, 'input'>>;
  registerModelVersion?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType, RequireFields<MutationRegisterModelVersionArgs, 'input'>>;
  retryTrial?: Resolver<ResolversTypes['Trial'], ParentType, ContextType, RequireFields<MutationRetryTrialArgs, 'id'>>;
  revokeApiToken?: Resolver<ResolversTypes['ApiToken'], ParentType, ContextType, RequireFields<MutationRevokeApiTokenArgs, 'id'>>;
  setModelAlias?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType, RequireFields<MutationSetModelAliasArgs, 'alias' | 'modelName' | 'override' | 'version'>>;
  setPromotionPolicy?: Resolver<ResolversTypes['RegisteredModel'], ParentType, ContextType, RequireFields<MutationSetPromotionPolicyArgs, 'modelName' | 'policy'>>;
  stopTrial?: Resolver<ResolversTypes['Trial'], ParentType, ContextType, RequireFields<MutationStopTrialArgs, 'id'>>;
  transitionModelVersionStage?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType, RequireFields<MutationTransitionModelVersionStageArgs, 'archiveExisting' | 'modelName' | 'override' | 'stage' | 'version'>>;
  updateModelVersion?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType, RequireFields<MutationUpdateModelVersionArgs, 'modelName' | 'version'>>;
  updateRegisteredModel?: Resolver<ResolversTypes['RegisteredModel'], ParentType, ContextType, RequireFields<MutationUpdateRegisteredModelArgs, 'name'>>;
};

export type ObjectiveResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Objective'] = ResolversParentTypes['Objective']> = {
  direction?: Resolver<ResolversTypes['ObjectiveDirection'], ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ParamResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Param'] = ResolversParentTypes['Param']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ParamImportanceResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ParamImportance'] = ResolversParentTypes['ParamImportance']> = {
  groups?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  importance?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  param?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  trials?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PredictionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Prediction'] = ResolversParentTypes['Prediction']> = {
  classes?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  latencyMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  modelName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  probabilities?: Resolver<Array<Array<ResolversTypes['Float']>>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PrincipalResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Principal'] = ResolversParentTypes['Principal']> = {
  owner?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  tokenName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PromotionPolicyResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PromotionPolicy'] = ResolversParentTypes['PromotionPolicy']> = {
  maxClassAccuracyGap?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  maxLatencyMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  maxModelSizeBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  minTestAccuracy?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  apiTokens?: Resolver<Array<ResolversTypes['ApiToken']>, ParentType, ContextType>;
  auditEvents?: Resolver<Array<ResolversTypes['AuditEvent']>, ParentType, ContextType, RequireFields<QueryAuditEventsArgs, 'first'>>;
  compareTrials?: Resolver<ResolversTypes['CompareResult'], ParentType, ContextType, RequireFields<QueryCompareTrialsArgs, 'ids'>>;
  dataset?: Resolver<Maybe<ResolversTypes['Dataset']>, ParentType, ContextType, RequireFields<QueryDatasetArgs, 'name'>>;
  datasets?: Resolver<Array<ResolversTypes['Dataset']>, ParentType, ContextType>;
  experiment?: Resolver<Maybe<ResolversTypes['Experiment']>, ParentType, ContextType, RequireFields<QueryExperimentArgs, 'id'>>;
  experiments?: Resolver<ResolversTypes['ExperimentConnection'], ParentType, ContextType, RequireFields<QueryExperimentsArgs, 'first'>>;
  me?: Resolver<ResolversTypes['Principal'], ParentType, ContextType>;
  modelVersion?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType, RequireFields<QueryModelVersionArgs, 'modelName' | 'version'>>;
  predict?: Resolver<ResolversTypes['Prediction'], ParentType, ContextType, RequireFields<QueryPredictArgs, 'images' | 'modelName'>>;
  registeredModel?: Resolver<Maybe<ResolversTypes['RegisteredModel']>, ParentType, ContextType, RequireFields<QueryRegisteredModelArgs, 'name'>>;
  registeredModels?: Resolver<Array<ResolversTypes['RegisteredModel']>, ParentType, ContextType, Partial<QueryRegisteredModelsArgs>>;
  trial?: Resolver<Maybe<ResolversTypes['Trial']>, ParentType, ContextType, RequireFields<QueryTrialArgs, 'id'>>;
  workers?: Resolver<Array<ResolversTypes['Worker']>, ParentType, ContextType, RequireFields<QueryWorkersArgs, 'includeDead'>>;
};

export type RegisteredModelResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RegisteredModel'] = ResolversParentTypes['RegisteredModel']> = {
  aliases?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['ModelEvent']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  latestVersion?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  production?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  promotionPolicy?: Resolver<ResolversTypes['PromotionPolicy'], ParentType, ContextType>;
  tags?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  versions?: Resolver<Array<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  experimentUpdated?: SubscriptionResolver<ResolversTypes['Experiment'], "experimentUpdated", ParentType, ContextType, Partial<SubscriptionExperimentUpdatedArgs>>;
  metricLogged?: SubscriptionResolver<Array<ResolversTypes['Metric']>, "metricLogged", ParentType, ContextType, Partial<SubscriptionMetricLoggedArgs>>;
  modelChanged?: SubscriptionResolver<ResolversTypes['ModelChange'], "modelChanged", ParentType, ContextType, Partial<SubscriptionModelChangedArgs>>;
  trialUpdated?: SubscriptionResolver<ResolversTypes['Trial'], "trialUpdated", ParentType, ContextType, Partial<SubscriptionTrialUpdatedArgs>>;
  workerUpdated?: SubscriptionResolver<ResolversTypes['Worker'], "workerUpdated", ParentType, ContextType>;
};

export type TrialResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Trial'] = ResolversParentTypes['Trial']> = {
  artifacts?: Resolver<Array<ResolversTypes['Artifact']>, ParentType, ContextType>;
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  attempts?: Resolver<Array<ResolversTypes['TrialAttempt']>, ParentType, ContextType>;
  currentEpoch?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  experiment?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType>;
  experimentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  finalMetrics?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  latestMetrics?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  logs?: Resolver<Array<ResolversTypes['LogLine']>, ParentType, ContextType, RequireFields<TrialLogsArgs, 'tail'>>;
  metrics?: Resolver<Array<ResolversTypes['MetricSeries']>, ParentType, ContextType, RequireFields<TrialMetricsArgs, 'maxPoints'>>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  paramMap?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  params?: Resolver<Array<ResolversTypes['Param']>, ParentType, ContextType>;
  provenance?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  queuedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  spec?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TrialStatus'], ParentType, ContextType>;
  summary?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  worker?: Resolver<Maybe<ResolversTypes['Worker']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TrialAttemptResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TrialAttempt'] = ResolversParentTypes['TrialAttempt']> = {
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TrialStatus'], ParentType, ContextType>;
  workerId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TrialConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TrialConnection'] = ResolversParentTypes['TrialConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Trial']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TrialCountsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TrialCounts'] = ResolversParentTypes['TrialCounts']> = {
  cancelled?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  queued?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  running?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stopped?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  succeeded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TrialKeysResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TrialKeys'] = ResolversParentTypes['TrialKeys']> = {
  metrics?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  params?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type WorkerResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Worker'] = ResolversParentTypes['Worker']> = {
  alive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  backend?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  busy?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  concurrency?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currentTrial?: Resolver<Maybe<ResolversTypes['Trial']>, ParentType, ContextType>;
  details?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  hostname?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastHeartbeatAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  pid?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['WorkerStatus'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type Resolvers<ContextType = GatewayContext> = {
  ApiToken?: ApiTokenResolvers<ContextType>;
  Artifact?: ArtifactResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  CompareResult?: CompareResultResolvers<ContextType>;
  CreatedApiToken?: CreatedApiTokenResolvers<ContextType>;
  Dataset?: DatasetResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  EvaluationSet?: EvaluationSetResolvers<ContextType>;
  Experiment?: ExperimentResolvers<ContextType>;
  ExperimentConnection?: ExperimentConnectionResolvers<ContextType>;
  ExperimentEdge?: ExperimentEdgeResolvers<ContextType>;
  GateCheck?: GateCheckResolvers<ContextType>;
  GateVerdict?: GateVerdictResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  LogLine?: LogLineResolvers<ContextType>;
  Metric?: MetricResolvers<ContextType>;
  MetricPoint?: MetricPointResolvers<ContextType>;
  MetricSeries?: MetricSeriesResolvers<ContextType>;
  ModelChange?: ModelChangeResolvers<ContextType>;
  ModelEvent?: ModelEventResolvers<ContextType>;
  ModelVersion?: ModelVersionResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Objective?: ObjectiveResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Param?: ParamResolvers<ContextType>;
  ParamImportance?: ParamImportanceResolvers<ContextType>;
  Prediction?: PredictionResolvers<ContextType>;
  Principal?: PrincipalResolvers<ContextType>;
  PromotionPolicy?: PromotionPolicyResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RegisteredModel?: RegisteredModelResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Trial?: TrialResolvers<ContextType>;
  TrialAttempt?: TrialAttemptResolvers<ContextType>;
  TrialConnection?: TrialConnectionResolvers<ContextType>;
  TrialCounts?: TrialCountsResolvers<ContextType>;
  TrialKeys?: TrialKeysResolvers<ContextType>;
  Worker?: WorkerResolvers<ContextType>;
};

