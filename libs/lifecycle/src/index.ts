export { runService, closeServer, type RunServiceOptions, type RunningService, type ServiceContext } from './run-service.js';
export { DisposerStack, type Disposer } from './disposers.js';
export { startHealthServer, evaluateReadiness, type HealthState, type HealthReport, type ReadinessCheck } from './health.js';
