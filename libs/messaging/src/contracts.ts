/**
 * Every subject, stream and consumer of trialgrid, declared in one place. Bodies (from
 * @trialgrid/contracts) travel in a versioned envelope `{ v, type, id, ts, data }` and are
 * validated with zod on receipt (see envelope.ts).
 *
 * Flow:
 *  gateway --request cmd.*--> scheduler/registry (core NATS request/reply, replies carry AppError codes)
 *  scheduler --trial.dispatch--> TRIALS work-queue stream --> durable pull consumer 'workers'
 *  worker --request cmd.trial.state--> scheduler (is the dispatched trial still runnable? workers hold no database)
 *  worker --trial.started/metrics/log/finished--> EVENTS stream --> durable consumer 'scheduler'
 *  scheduler persists, then publishes updates.* (core NATS) --> gateway subscriptions
 *  worker heartbeats --> workers.heartbeat (core NATS) --> scheduler
 *  scheduler --control.trial.<id>.stop--> workers (core NATS)
 */
import type { CommandName } from '@trialgrid/contracts';

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

// ---------------------------------------------------------------- bodies and commands

// Every message body and the command table live in @trialgrid/contracts (the only copy);
// re-exported here so `import { TrialDispatch } from '@trialgrid/messaging'` keeps working.
export {
  artifactRefSchema,
  commandReplySchema,
  COMMAND_NAMES,
  COMMANDS,
  experimentFinishedSchema,
  experimentUpdateSchema,
  MESSAGE_SCHEMAS,
  metricPointSchema,
  metricUpdateSchema,
  modelUpdateSchema,
  predictRequestSchema,
  trainParamsSchema,
  trialDispatchSchema,
  trialFinishedSchema,
  trialLogSchema,
  trialMetricsSchema,
  trialParamsSchema,
  trialStartedSchema,
  trialStopSchema,
  trialUpdateSchema,
  workerHeartbeatSchema,
  type ArtifactRef,
  type CommandName,
  type CommandReply,
  type CommandReplyData,
  type CommandRequest,
  type CommandRequestInput,
  type CommandsSentBy,
  type ExperimentFinished,
  type ExperimentUpdate,
  type MessageOf,
  type MessageType,
  type MetricPoint,
  type MetricUpdate,
  type ModelUpdate,
  type PredictReply,
  type PredictRequest,
  type TrialDispatch,
  type TrialFinished,
  type TrialLog,
  type TrialMetrics,
  type TrialStarted,
  type TrialStop,
  type TrialUpdate,
  type WorkerHeartbeat,
} from '@trialgrid/contracts';
