/**
 * Every subject, stream, consumer and message body of trialgrid, declared in one place.
 * Bodies travel in a versioned envelope `{ v, type, id, ts, data }` and are validated with
 * zod on receipt (see envelope.ts).
 *
 * Flow:
 *  gateway --request cmd.*--> scheduler/registry (core NATS request/reply, replies carry AppError codes)
 *  scheduler --trial.dispatch--> TRIALS work-queue stream --> durable pull consumer 'workers'
 *  worker --trial.started/metrics/log/finished--> EVENTS stream --> durable consumer 'scheduler'
 *  scheduler persists, then publishes updates.* (core NATS) --> gateway subscriptions
 *  worker heartbeats --> workers.heartbeat (core NATS) --> scheduler
 *  scheduler --control.trial.<id>.stop--> workers (core NATS)
 */
import { z } from 'zod';

export const ENVELOPE_VERSION = 1;

/** Subject names for one deployment prefix (tests use a random prefix for isolation). */
export function subjects(prefix: string) {
  return {
    // JetStream work queue
    trialDispatch: `${prefix}.trials.dispatch`,
    // JetStream events from workers
    eventsAll: `${prefix}.events.>`,
    trialStarted: (trialId: string) => `${prefix}.events.trial.${trialId}.started`,
    trialMetrics: (trialId: string) => `${prefix}.events.trial.${trialId}.metrics`,
    trialLog: (trialId: string) => `${prefix}.events.trial.${trialId}.log`,
    trialFinished: (trialId: string) => `${prefix}.events.trial.${trialId}.finished`,
    trialEventsAll: `${prefix}.events.trial.>`,
    // JetStream: scheduler -> registry when an experiment reaches a terminal state
    experimentFinished: (experimentId: string) => `${prefix}.events.experiment.${experimentId}.finished`,
    experimentFinishedAll: `${prefix}.events.experiment.*.finished`,
    // core NATS
    workerHeartbeat: `${prefix}.workers.heartbeat`,
    trialStop: (trialId: string) => `${prefix}.control.trial.${trialId}.stop`,
    trialStopAll: `${prefix}.control.trial.*.stop`,
    updatesExperiment: (experimentId: string) => `${prefix}.updates.experiment.${experimentId}`,
    updatesExperimentAll: `${prefix}.updates.experiment.*`,
    updatesTrial: (experimentId: string, trialId: string) => `${prefix}.updates.trial.${experimentId}.${trialId}`,
    updatesTrialAll: `${prefix}.updates.trial.>`,
    updatesMetric: (experimentId: string, trialId: string) => `${prefix}.updates.metric.${experimentId}.${trialId}`,
    updatesMetricAll: `${prefix}.updates.metric.>`,
    updatesModel: `${prefix}.updates.model`,
    // request/reply commands
    cmd: (name: CommandName) => `${prefix}.cmd.${name}`,
    // JetStream advisory when a message exhausts max_deliver
    maxDeliveriesAdvisory: (stream: string, consumer: string) => `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${stream}.${consumer}`,
  };
}
export type Subjects = ReturnType<typeof subjects>;

export function streamNames(prefix: string) {
  const up = prefix.toUpperCase().replace(/[^A-Z0-9_-]/g, '_');
  return {
    trials: `${up}_TRIALS`,
    events: `${up}_EVENTS`,
    workersConsumer: 'workers',
    /** on EVENTS, filtered to <prefix>.events.trial.> */
    schedulerConsumer: 'scheduler',
    /** on EVENTS, filtered to <prefix>.events.experiment.*.finished */
    registryConsumer: 'registry',
  };
}

// ---------------------------------------------------------------- shared pieces

const id = z.string().min(1);
const finite = z.number().finite();

export const trialParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const trainParamsSchema = z.object({
  learningRate: z.number().positive(),
  batchSize: z.number().int().positive(),
  epochs: z.number().int().positive(),
  validationSplit: z.number().min(0).max(0.9),
  seed: z.number().int(),
});

// ---------------------------------------------------------------- JetStream messages

/** scheduler -> worker: train this trial. */
export const trialDispatchSchema = z.object({
  trialId: id,
  experimentId: id,
  name: z.string(),
  dataset: z.string(),
  /** libs/ml ModelSpec, validated by the engine. */
  spec: z.record(z.string(), z.unknown()),
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
  status: z.enum(['SUCCEEDED', 'FAILED', 'STOPPED']),
  /** test_loss, test_accuracy, training_seconds, images_per_second, param_count, model_size_bytes, ... */
  finalMetrics: z.record(z.string(), finite).default({}),
  /** confusion matrix, per-class accuracy and other structured results. */
  summary: z.record(z.string(), z.unknown()).default({}),
  provenance: z.record(z.string(), z.unknown()).default({}),
  artifacts: z.array(artifactRefSchema).default([]),
  error: z.string().optional(),
});
export type TrialFinished = z.infer<typeof trialFinishedSchema>;

export const experimentFinishedSchema = z.object({
  experimentId: id,
  status: z.enum(['SUCCEEDED', 'FAILED', 'CANCELLED']),
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
});
export type WorkerHeartbeat = z.infer<typeof workerHeartbeatSchema>;

export const trialStopSchema = z.object({ trialId: id, reason: z.string() });
export type TrialStop = z.infer<typeof trialStopSchema>;

export const experimentUpdateSchema = z.object({ experimentId: id, status: z.string() });
export type ExperimentUpdate = z.infer<typeof experimentUpdateSchema>;

export const trialUpdateSchema = z.object({
  experimentId: id,
  trialId: id,
  status: z.string(),
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

// ---------------------------------------------------------------- commands (request/reply)

export const COMMAND_NAMES = [
  'experiment.create',
  'experiment.cancel',
  'trial.stop',
  'trial.retry',
  'model.register',
  'model.transition',
  'model.setAlias',
  'model.edit',
  'model.setPolicy',
  'model.predict',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/**
 * `model.predict` request. Shape only: the pixel values are checked by the registry so that
 * its error names the offending image.
 */
export const predictRequestSchema = z.object({
  images: z.array(z.array(z.unknown())),
  modelName: z.string().min(1),
  alias: z.string().min(1).nullish(),
});
export type PredictRequest = z.infer<typeof predictRequestSchema>;

/** `model.predict` reply (the data of an ok command reply). */
export interface PredictReply {
  classes: number[];
  probabilities: number[][];
  modelName: string;
  version: number;
  latencyMs: number;
}

/** The reply body of every command: ok + data, or an AppError's code and message. */
export const commandReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
  }),
]);
export type CommandReply = z.infer<typeof commandReplySchema>;

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
