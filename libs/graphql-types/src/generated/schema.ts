// Generated from /schema.graphql by libs/graphql-types/codegen.cjs (npm run codegen). Do not edit.
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: Date | string; output: string; }
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
