/**
 * Every trialgrid metric, defined once: name, help, labels and buckets. Services record into
 * these (or add sources to the sampled gauges); deploy/grafana/trialgrid.json queries them by
 * these names, and test/src/observability.test.ts fails when the two drift apart.
 *
 * Names follow the Prometheus conventions: the `trialgrid_` namespace, base units (`_seconds`),
 * `_total` on counters, no unit on plain counts of things (`trialgrid_trials`). Label values are
 * bounded sets: trial states, error codes, worker ids, backend names, and at most
 * MAX_OPERATION_NAMES GraphQL operation names.
 *
 * | metric | type | labels | recorded by |
 * |---|---|---|---|
 * | trialgrid_trials | gauge | state | scheduler (count in Postgres at scrape time) |
 * | trialgrid_trials_dispatched_total | counter | | scheduler |
 * | trialgrid_trials_finished_total | counter | state | scheduler |
 * | trialgrid_queue_pending_messages | gauge | stream, consumer | scheduler (JetStream consumer info at scrape time) |
 * | trialgrid_queue_ack_pending_messages | gauge | stream, consumer | scheduler (idem) |
 * | trialgrid_dispatch_latency_seconds | histogram | | scheduler |
 * | trialgrid_epoch_duration_seconds | histogram | worker, backend | worker |
 * | trialgrid_epoch_images_per_second | gauge | worker, backend | worker |
 * | trialgrid_training_images_total | counter | worker, backend | worker |
 * | trialgrid_graphql_operation_duration_seconds | histogram | operation, type, status | gateway |
 * | trialgrid_nats_disconnects_total, trialgrid_nats_reconnects_total | counter | | every service |
 * | trialgrid_db_pool_connections | gauge | state (idle, active) | every service with a pool |
 * | trialgrid_db_pool_max_connections, trialgrid_db_pool_waiting_clients | gauge | | idem |
 * | trialgrid_metric_sample_errors_total | counter | metric | sampled gauges (sampled.ts) |
 *
 * A process exports only what it records: the scheduler's counters once it calls
 * `useMetrics(...SCHEDULER_METRICS)`, a sampled gauge once something adds a source (the pool
 * gauges only where there is a pool); the labelled worker and gateway series appear with their
 * first observation.
 */
import { Counter, Gauge, Histogram } from 'prom-client';
import { defineMetrics, registry } from './registry.js';
import { SampledGauge } from './sampled.js';

const registers = [registry];

// ---- trials and the queue (scheduler) ----

export const trialsByState = new SampledGauge<'state'>({
  name: 'trialgrid_trials',
  help: 'Trials stored in the database, by state (QUEUED, RUNNING, SUCCEEDED, FAILED, STOPPED, CANCELLED); read from Postgres at scrape time.',
  labelNames: ['state'],
});

export const trialsDispatched = new Counter({
  name: 'trialgrid_trials_dispatched_total',
  help: 'Trial dispatch messages the scheduler published to the TRIALS work queue (redispatches after a lost message included).',
  registers: [],
});

export const trialsFinished = new Counter({
  name: 'trialgrid_trials_finished_total',
  help: 'Trials the scheduler finished from the workers\' events, by final state: a worker\'s report (SUCCEEDED, FAILED, STOPPED) or the crash limit (FAILED).',
  labelNames: ['state'] as const,
  registers: [],
});

export const queuePending = new SampledGauge<'stream' | 'consumer'>({
  name: 'trialgrid_queue_pending_messages',
  help: 'Messages of a JetStream stream not yet delivered to its durable consumer (num_pending): for stream TRIALS and consumer workers, trials waiting for a worker.',
  labelNames: ['stream', 'consumer'],
});

export const queueAckPending = new SampledGauge<'stream' | 'consumer'>({
  name: 'trialgrid_queue_ack_pending_messages',
  help: 'Messages delivered to a durable JetStream consumer and not yet acknowledged (num_ack_pending): for TRIALS/workers, trials being trained.',
  labelNames: ['stream', 'consumer'],
});

export const dispatchLatency = new Histogram({
  name: 'trialgrid_dispatch_latency_seconds',
  help: 'Time from a trial\'s dispatch to the work queue until a worker reported it started (both instants taken by the Postgres clock).',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
  registers: [],
});

/**
 * The scheduler's counters and histogram: exported only by a process that runs a scheduler
 * (it calls `useMetrics(...SCHEDULER_METRICS)` when it starts), so that the other services do
 * not report `trialgrid_trials_dispatched_total 0`. The scheduler's sampled gauges join with
 * their sources (sampled.ts).
 */
export const SCHEDULER_METRICS = [trialsDispatched, trialsFinished, dispatchLatency] as const;
defineMetrics(...SCHEDULER_METRICS);

// ---- training (worker) ----

export const epochDuration = new Histogram({
  name: 'trialgrid_epoch_duration_seconds',
  help: 'Wall time of one training epoch, by worker id and training backend (tensorflow, wasm, cpu, …).',
  labelNames: ['worker', 'backend'] as const,
  buckets: [0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600, 1800],
  registers,
});

export const epochImagesPerSecond = new Gauge({
  name: 'trialgrid_epoch_images_per_second',
  help: 'Training throughput of the last finished epoch (images per second), by worker id and backend.',
  labelNames: ['worker', 'backend'] as const,
  registers,
});

export const trainingImages = new Counter({
  name: 'trialgrid_training_images_total',
  help: 'Training images processed (epochs × images per epoch), by worker id and backend; rate() of it is the throughput over a window.',
  labelNames: ['worker', 'backend'] as const,
  registers,
});

// ---- control plane (gateway) ----

/** Operation names kept as label values before the rest are reported as `(other)`. */
export const MAX_OPERATION_NAMES = 200;

export const graphqlOperationDuration = new Histogram({
  name: 'trialgrid_graphql_operation_duration_seconds',
  help: 'Duration of GraphQL queries and mutations over HTTP, by operation name, operation type and status (ok, or the first error\'s extensions.code).',
  labelNames: ['operation', 'type', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers,
});

// ---- connections (every service) ----

export const natsDisconnects = new Counter({
  name: 'trialgrid_nats_disconnects_total',
  help: 'Times this process lost its NATS connection.',
  registers,
});

export const natsReconnects = new Counter({
  name: 'trialgrid_nats_reconnects_total',
  help: 'Times this process reconnected to NATS after losing the connection.',
  registers,
});

export const dbPoolConnections = new SampledGauge<'state'>({
  name: 'trialgrid_db_pool_connections',
  help: 'Postgres connections open in this process\'s pool, by state: idle, or active (checked out by a query or transaction).',
  labelNames: ['state'],
});

export const dbPoolMaxConnections = new SampledGauge<never>({
  name: 'trialgrid_db_pool_max_connections',
  help: 'Most Postgres connections this process\'s pool may open.',
});

export const dbPoolWaitingClients = new SampledGauge<never>({
  name: 'trialgrid_db_pool_waiting_clients',
  help: 'Queries waiting for a free Postgres connection in this process\'s pool (non-zero for long: the pool is too small).',
});
