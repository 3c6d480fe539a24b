/**
 * The bodies of every message that crosses a process boundary over NATS (JetStream events and
 * core NATS messages). Subjects, streams and the envelope live in libs/messaging; the shapes
 * live here so that a producer and a consumer cannot disagree.
 */
import { z } from 'zod';
import { datasetRefSchema } from './datasets.js';
import { modelSpecSchema, trainParamsSchema } from './engine.js';
import { EXPERIMENT_STATUSES, TERMINAL_EXPERIMENT_STATUS_TUPLE, TRIAL_OUTCOMES, TRIAL_STATUSES } from './status.js';

// ---------------------------------------------------------------- shared pieces

const id = z.string().min(1);
const finite = z.number().finite();

export const trialParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));


// ---------------------------------------------------------------- JetStream messages

/** scheduler -> worker: train this trial. */
export const trialDispatchSchema = z.object({
  trialId: id,
  experimentId: id,
  name: z.string(),
  dataset: z.string(),
  /**
   * The catalog entry of `dataset` as the experiment pinned it at creation: where the files
   * are, their shape, classes and fingerprint. Absent in dispatches from before the catalog
   * (then the worker's DATA_DIR, i.e. mnist).
   */
  datasetRef: datasetRefSchema.optional(),
  /** The model to train, checked against the engine's limits on receipt. */
  spec: modelSpecSchema,
  train: trainParamsSchema,
  /** All params as logged (model_type, filters, learning_rate, ...). */
  params: trialParamsSchema,
  options: z.object({ trainLimit: z.number().int().positive().optional(), testLimit: z.number().int().positive().optional() }).default({}),
});
export type TrialDispatch = z.infer<typeof trialDispatchSchema>;

export const trialStartedSchema = z.object({
  trialId: id,
  workerId: id,
  /** JetStream delivery count of the dispatch message (1 = first try). */
  delivery: z.number().int().positive(),
  backend: z.string(),
  resumedFromEpoch: z.number().int().nonnegative().default(0),
});
export type TrialStarted = z.infer<typeof trialStartedSchema>;

export const metricPointSchema = z.object({ key: z.string().min(1), step: z.number().int().nonnegative(), value: finite });
export type MetricPoint = z.infer<typeof metricPointSchema>;

export const trialMetricsSchema = z.object({
  trialId: id,
  experimentId: id,
  workerId: id,
  points: z.array(metricPointSchema).min(1),
});
export type TrialMetrics = z.infer<typeof trialMetricsSchema>;

export const trialLogSchema = z.object({
  trialId: id,
  level: z.enum(['debug', 'info', 'warn', 'error']),
  message: z.string(),
});
export type TrialLog = z.infer<typeof trialLogSchema>;

export const artifactRefSchema = z.object({
  name: z.string(),
  kind: z.string(),
  path: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().optional(),
});
export type ArtifactRef = z.infer<typeof artifactRefSchema>;

export const trialFinishedSchema = z.object({
  trialId: id,
  experimentId: id,
  workerId: id,
  status: z.enum(TRIAL_OUTCOMES),
  /** test_loss, test_accuracy, training_seconds, images_per_second, param_count, model_size_bytes, ... */
  finalMetrics: z.record(z.string(), finite).default({}),
  /** confusion matrix, per-class accuracy and other structured results. */
  summary: z.record(z.string(), z.unknown()).default({}),
  provenance: z.record(z.string(), z.unknown()).default({}),
  artifacts: z.array(artifactRefSchema).default([]),
  /**
   * Every per-epoch metric point of the attempt that produced this result (the points its
   * trial.metrics events carried, resumed epochs included). The finish stores them with the
   * result, once per (trial, key, step), so a finished trial never lacks an epoch whose
   * trial.metrics event is still unapplied (e.g. held by a scheduler that died). Empty when
   * no epoch completed, and in events from workers before this field.
   */
  points: z.array(metricPointSchema).default([]),
  error: z.string().optional(),
});
export type TrialFinished = z.infer<typeof trialFinishedSchema>;

export const experimentFinishedSchema = z.object({
  experimentId: id,
  status: z.enum(TERMINAL_EXPERIMENT_STATUS_TUPLE),
  modelName: z.string(),
});
export type ExperimentFinished = z.infer<typeof experimentFinishedSchema>;

// ---------------------------------------------------------------- core NATS messages

export const workerHeartbeatSchema = z.object({
  workerId: id,
  hostname: z.string(),
  pid: z.number().int(),
  backend: z.string(),
  status: z.enum(['IDLE', 'BUSY', 'STOPPED']),
  currentTrialId: z.string().nullable(),
  concurrency: z.number().int().positive(),
  details: z.record(z.string(), z.unknown()).default({}),
  /**
   * A random id of this worker process, new at every start. The scheduler tells a restarted
   * worker (same workerId, new instance: the process that ran its trials is gone) from a live
   * one by it. Absent from workers before this field.
   */
  instance: z.string().min(1).optional(),
});
export type WorkerHeartbeat = z.infer<typeof workerHeartbeatSchema>;

export const trialStopSchema = z.object({ trialId: id, reason: z.string() });
export type TrialStop = z.infer<typeof trialStopSchema>;

export const experimentUpdateSchema = z.object({ experimentId: id, status: z.enum(EXPERIMENT_STATUSES) });
export type ExperimentUpdate = z.infer<typeof experimentUpdateSchema>;

export const trialUpdateSchema = z.object({
  experimentId: id,
  trialId: id,
  status: z.enum(TRIAL_STATUSES),
  currentEpoch: z.number().int().nullable().optional(),
});
export type TrialUpdate = z.infer<typeof trialUpdateSchema>;

export const metricUpdateSchema = z.object({
  experimentId: id,
  trialId: id,
  points: z.array(metricPointSchema),
  loggedAt: z.string(),
});
export type MetricUpdate = z.infer<typeof metricUpdateSchema>;

export const modelUpdateSchema = z.object({ modelName: z.string(), version: z.number().int().optional(), event: z.string() });
export type ModelUpdate = z.infer<typeof modelUpdateSchema>;


/** Message type names used in envelopes, with their schemas. */
export const MESSAGE_SCHEMAS = {
  'trial.dispatch': trialDispatchSchema,
  'trial.started': trialStartedSchema,
  'trial.metrics': trialMetricsSchema,
  'trial.log': trialLogSchema,
  'trial.finished': trialFinishedSchema,
  'experiment.finished': experimentFinishedSchema,
  'worker.heartbeat': workerHeartbeatSchema,
  'trial.stop': trialStopSchema,
  'experiment.update': experimentUpdateSchema,
  'trial.update': trialUpdateSchema,
  'metric.update': metricUpdateSchema,
  'model.update': modelUpdateSchema,
} as const;
export type MessageType = keyof typeof MESSAGE_SCHEMAS;
export type MessageOf<T extends MessageType> = z.infer<(typeof MESSAGE_SCHEMAS)[T]>;
