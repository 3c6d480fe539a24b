/**
 * The Postgres schema (drizzle). Migrations under `libs/db/drizzle/` are generated from this
 * file with `npm run db:generate -w @trialgrid/db` and committed.
 */
import type { DatasetFormat, DatasetLocation, ExperimentStatus, GateVerdict, ModelStage, PromotionPolicy, TrialStatus } from '@trialgrid/contracts';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => ts('created_at').notNull().defaultNow();
const updatedAt = () => ts('updated_at').notNull().defaultNow();

// Status vocabularies and the stage list are contracts (the only copy); the columns store them as text.
export {
  ACTIVE_EXPERIMENT_STATUSES,
  ACTIVE_TRIAL_STATUSES,
  EXPERIMENT_STATUSES,
  MODEL_STAGES,
  TERMINAL_EXPERIMENT_STATUSES,
  TERMINAL_TRIAL_STATUSES,
  TRIAL_STATUSES,
  type ExperimentStatus,
  type ModelStage,
  type TrialStatus,
} from '@trialgrid/contracts';
// The production gate's shapes cross the registry's command boundary: contracts (commands.ts).
export type { GateCheck, GateVerdict, PromotionPolicy } from '@trialgrid/contracts';

export const experiments = pgTable(
  'experiments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    dataset: text('dataset').notNull().default('mnist'),
    objectiveMetric: text('objective_metric').notNull().default('test_accuracy'),
    objectiveDirection: text('objective_direction').$type<'MAXIMIZE' | 'MINIMIZE'>().notNull().default('MAXIMIZE'),
    /** The search space as submitted (explicit / grid / random), for display and re-expansion. */
    searchSpace: jsonb('search_space').notNull(),
    status: text('status').$type<ExperimentStatus>().notNull().default('PENDING'),
    maxParallelTrials: integer('max_parallel_trials').notNull().default(2),
    maxFailedTrials: integer('max_failed_trials').notNull().default(3),
    /** e.g. { rule: 'median', metric: 'val_accuracy', minTrials: 3, startStep: 1 } */
    earlyStopping: jsonb('early_stopping'),
    /** Registered model name the registry uses for this experiment's best trial. */
    modelName: text('model_name').notNull().default('Mnist_Best_Model'),
    /** Run options that are not hyperparameters: { trainLimit, testLimit }. */
    options: jsonb('options').notNull().default(sql`'{}'::jsonb`),
    trialCount: integer('trial_count').notNull().default(0),
    bestTrialId: uuid('best_trial_id'),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('experiments_status_created_idx').on(t.status, t.createdAt), index('experiments_created_idx').on(t.createdAt, t.id)],
);

export const trials = pgTable(
  'trials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    experimentId: uuid('experiment_id')
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    /** Position within the experiment (0-based), stable across restarts. */
    index: integer('index').notNull(),
    name: text('name').notNull(),
    status: text('status').$type<TrialStatus>().notNull().default('QUEUED'),
    /** The model architecture to train (libs/ml ModelSpec). */
    spec: jsonb('spec').notNull(),
    /** Deliveries started so far (1 on first run). */
    attempt: integer('attempt').notNull().default(0),
    workerId: text('worker_id'),
    currentEpoch: integer('current_epoch'),
    stopRequested: boolean('stop_requested').notNull().default(false),
    /** Final metrics: test_loss, test_accuracy, training_seconds, images_per_second, param_count, ... */
    finalMetrics: jsonb('final_metrics'),
    /** Structured results: confusion matrix, per-class accuracy, epochs run, ... */
    summary: jsonb('summary'),
    /** Git commit, package versions, backend, seed, host. */
    provenance: jsonb('provenance'),
    error: text('error'),
    queuedAt: ts('queued_at'),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('trials_experiment_index_uq').on(t.experimentId, t.index), index('trials_experiment_status_idx').on(t.experimentId, t.status)],
);

/** Hyperparameters, one row per key (MLflow params); value keeps its JSON type. */
export const trialParams = pgTable(
  'trial_params',
  {
    trialId: uuid('trial_id')
      .notNull()
      .references(() => trials.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.trialId, t.key] })],
);

/** One row per delivery of a trial to a worker. */
export const trialAttempts = pgTable(
  'trial_attempts',
  {
    trialId: uuid('trial_id')
      .notNull()
      .references(() => trials.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    workerId: text('worker_id'),
    status: text('status').$type<TrialStatus>().notNull(),
    error: text('error'),
    startedAt: ts('started_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.trialId, t.attempt] })],
);

/** Per-step metrics. Unique on (trial, key, step): a redelivered message cannot duplicate a row. */
export const metrics = pgTable(
  'metrics',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    trialId: uuid('trial_id')
      .notNull()
      .references(() => trials.id, { onDelete: 'cascade' }),
    experimentId: uuid('experiment_id')
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    step: integer('step').notNull(),
    value: doublePrecision('value').notNull(),
    loggedAt: ts('logged_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('metrics_trial_key_step_uq').on(t.trialId, t.key, t.step),
    index('metrics_experiment_key_step_idx').on(t.experimentId, t.key, t.step),
  ],
);

export const trialLogs = pgTable(
  'trial_logs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    trialId: uuid('trial_id')
      .notNull()
      .references(() => trials.id, { onDelete: 'cascade' }),
    level: text('level').notNull().default('info'),
    message: text('message').notNull(),
    loggedAt: ts('logged_at').notNull().defaultNow(),
  },
  (t) => [index('trial_logs_trial_idx').on(t.trialId, t.id)],
);

export const artifacts = pgTable(
  'artifacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trialId: uuid('trial_id')
      .notNull()
      .references(() => trials.id, { onDelete: 'cascade' }),
    /** e.g. 'model', 'confusion_matrix.json', 'training_curves.json'. */
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    /** Path relative to the artifact store root. */
    path: text('path').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('artifacts_trial_name_uq').on(t.trialId, t.name)],
);

/**
 * The alias that always names the Production version: promoting a version moves it there,
 * taking a version out of Production removes it (libs/db models.ts keeps the two together).
 */
export const CHAMPION_ALIAS = 'champion';


/**
 * The seed's production criteria (SEED.md "Model Selection Criteria"): test accuracy >= 99 %,
 * inference latency < 100 ms, model size < 10 MB, no significant bias across classes, which
 * trialgrid defines as the worst class no more than 3 points below the overall accuracy.
 */
export const DEFAULT_PROMOTION_POLICY: Readonly<PromotionPolicy> = Object.freeze({
  minTestAccuracy: 0.99,
  maxLatencyMs: 100,
  maxModelSizeBytes: 10 * 1024 * 1024,
  maxClassAccuracyGap: 0.03,
});

export const registeredModels = pgTable('registered_models', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  description: text('description'),
  /** Free-form string tags (MLflow registered-model tags). */
  tags: jsonb('tags').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
  /** The production gate; every model has one (the seed's criteria unless changed). */
  promotionPolicy: jsonb('promotion_policy')
    .$type<PromotionPolicy>()
    .notNull()
    .default(sql.raw(`'${JSON.stringify(DEFAULT_PROMOTION_POLICY)}'::jsonb`)),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const modelVersions = pgTable(
  'model_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => registeredModels.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    trialId: uuid('trial_id').references(() => trials.id, { onDelete: 'set null' }),
    experimentId: uuid('experiment_id').references(() => experiments.id, { onDelete: 'set null' }),
    /** Model files, relative to the artifact store root. */
    artifactPath: text('artifact_path').notNull(),
    stage: text('stage').$type<ModelStage>().notNull().default('None'),
    tags: jsonb('tags').notNull().default(sql`'{}'::jsonb`),
    /** Metrics copied from the trial at registration (test_accuracy, size, latency, ...). */
    metrics: jsonb('metrics').notNull().default(sql`'{}'::jsonb`),
    description: text('description'),
    /** What test_accuracy / test_loss were measured on (EvaluationSet); null for versions registered before it was recorded. */
    evaluation: jsonb('evaluation').$type<EvaluationSet>(),
    /** The production gate's verdict under the model's current policy (GateVerdict). */
    gate: jsonb('gate').$type<GateVerdict>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('model_versions_model_version_uq').on(t.modelId, t.version), index('model_versions_trial_idx').on(t.trialId)],
);

export const modelAliases = pgTable(
  'model_aliases',
  {
    modelId: uuid('model_id')
      .notNull()
      .references(() => registeredModels.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => modelVersions.id, { onDelete: 'cascade' }),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.alias] })],
);

/** Audit trail of every registration, stage transition and alias change. */
export const modelEvents = pgTable(
  'model_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => registeredModels.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id').references(() => modelVersions.id, { onDelete: 'set null' }),
    kind: text('kind').$type<ModelEventKind>().notNull(),
    alias: text('alias'),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    actor: text('actor').notNull().default('system'),
    reason: text('reason'),
    /** Structured detail: a gate verdict, an override, the fields an update changed. */
    details: jsonb('details').$type<Record<string, unknown>>(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('model_events_model_idx').on(t.modelId, t.id)],
);

/**
 * Registry audit events: REGISTERED, STAGE (from → to; details.override when a failing version
 * was promoted by hand), ALIAS_SET / ALIAS_REMOVED, GATE (the verdict at registration or after
 * a policy change), UPDATED (description / tags), POLICY (the promotion policy changed).
 */
export type ModelEventKind = 'REGISTERED' | 'STAGE' | 'ALIAS_SET' | 'ALIAS_REMOVED' | 'GATE' | 'UPDATED' | 'POLICY';

/**
 * The data a version's test metrics were measured on. Two versions are compared like for like
 * only when their `fingerprint`s are equal (or, lacking fingerprints, their descriptions).
 */
export interface EvaluationSet {
  /** e.g. 'mnist'. */
  dataset: string;
  /** e.g. 'test' (MNIST's t10k files). */
  split: string;
  /** Images evaluated (the first `size` of the split). */
  size: number;
  /** 'sha256:<hex>' of the evaluated image and label bytes; null when the data was not readable. */
  fingerprint: string | null;
  /** Human-readable, e.g. 'mnist test[0:1000]'. */
  description: string;
}



export const workers = pgTable('workers', {
  id: text('id').primaryKey(),
  hostname: text('hostname').notNull(),
  pid: integer('pid').notNull(),
  backend: text('backend').notNull(),
  status: text('status').$type<'IDLE' | 'BUSY' | 'STOPPED'>().notNull().default('IDLE'),
  currentTrialId: uuid('current_trial_id'),
  concurrency: integer('concurrency').notNull().default(1),
  details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
  startedAt: ts('started_at').notNull().defaultNow(),
  lastHeartbeatAt: ts('last_heartbeat_at').notNull().defaultNow(),
});

export const ROLES = ['viewer', 'editor', 'admin'] as const;
/** viewer: queries and subscriptions; editor: + experiments and trials; admin: + registry stages/aliases, tokens, queue board actions. */
export type Role = (typeof ROLES)[number];

/**
 * API tokens. The secret itself is never stored: `token_hash` is its SHA-256 (the secret is 32
 * random bytes, so a fast hash is enough — there is nothing to brute-force). `prefix` is the
 * secret's first characters, shown in listings so a user can tell tokens apart.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    owner: text('owner').notNull(),
    role: text('role').$type<Role>().notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    expiresAt: ts('expires_at'),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_idx').on(t.tokenHash)],
);

/**
 * Who did what, for actions that have no history of their own: experiment cancel, trial
 * stop / retry (from GraphQL or the queue board) and token changes. Model stage and alias
 * changes are in `model_events` with the same actor names.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actor: text('actor').notNull(),
    /** e.g. 'experiment.cancel', 'trial.retry', 'token.create', 'token.revoke' */
    action: text('action').notNull(),
    /** 'experiment' | 'trial' | 'token' */
    targetKind: text('target_kind').notNull(),
    targetId: text('target_id').notNull(),
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('audit_events_target_idx').on(t.targetKind, t.targetId, t.id)],
);

/**
 * The dataset catalog: one row per named dataset. `location` is a DatasetLocation of
 * @trialgrid/contracts ({ kind: 'builtin' } for mnist, a directory, or a URL with SHA-256
 * checksums); `fingerprint` is 'sha256:<hex>' over the files' checksums (libs/ml datasetFingerprint).
 */
export const datasets = pgTable('datasets', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  format: text('format').$type<DatasetFormat>().notNull().default('IDX'),
  location: jsonb('location').$type<DatasetLocation>().notNull(),
  /** [height, width, channels] */
  imageShape: jsonb('image_shape').$type<[number, number, number]>().notNull(),
  numClasses: integer('num_classes').notNull(),
  classNames: jsonb('class_names').$type<string[]>().notNull(),
  fingerprint: text('fingerprint').notNull(),
  trainCount: integer('train_count'),
  testCount: integer('test_count'),
  description: text('description'),
  createdBy: text('created_by'),
  createdAt: createdAt(),
});
