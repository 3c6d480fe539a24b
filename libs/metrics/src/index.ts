/**
 * Prometheus metrics of a trialgrid process: one registry, every metric defined in one place,
 * served at `/metrics` by libs/lifecycle's health server (and by the gateway on its port).
 *
 * ```ts
 * import { observeEpoch, trialsFinished, renderMetrics } from '@trialgrid/metrics';
 * trialsFinished.inc({ state: 'SUCCEEDED' });
 * observeEpoch({ worker: 'w1', backend: 'wasm', seconds: 3.2, imagesPerSecond: 1800, images: 5400 });
 * const { body } = await renderMetrics();   // text exposition format
 * ```
 */
export { registry, enableDefaultMetrics, renderMetrics, metricsHandler, describeMetrics, useMetrics, type MetricDescription } from './registry.js';
export { SampledGauge, sampleErrors, type Sample, type SampleSource } from './sampled.js';
export {
  trialsByState,
  trialsDispatched,
  trialsFinished,
  queuePending,
  queueAckPending,
  dispatchLatency,
  SCHEDULER_METRICS,
  epochDuration,
  epochImagesPerSecond,
  trainingImages,
  MAX_OPERATION_NAMES,
  graphqlOperationDuration,
  natsDisconnects,
  natsReconnects,
  dbPoolConnections,
  dbPoolMaxConnections,
  dbPoolWaitingClients,
} from './definitions.js';
export { observeEpoch, watchDbPool, type EpochObservation, type PoolLike } from './record.js';
