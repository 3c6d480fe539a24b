import { databaseEnv, duration, int, logLevel, natsEnv, port, loadConfig, type ConfigOf, type Env } from '@trialgrid/config';

/** The scheduler's environment (README.md's configuration table lists every variable). */
export const schedulerEnv = {
  ...databaseEnv,
  ...natsEnv,
  LOG_LEVEL: logLevel(),
  HEALTH_PORT: port(4101),
  /** Largest number of trials one experiment may expand to. */
  MAX_GRID_TRIALS: int(1000, 1, 100_000),
  /** ack_wait of the `workers` consumer (workers send in-progress acks while training). */
  ACK_WAIT: duration('60s'),
  /**
   * Crashes of one trial before it FAILS: times its worker died while training it (restarted
   * or silent past WORKER_STALE_AFTER). Redeliveries after a hand-back or lost acks do not count.
   */
  MAX_DELIVER: int(3, 1, 100),
  /** Heartbeat age after which a worker counts as dead. */
  WORKER_STALE_AFTER: duration('30s'),
  /** Safety-net period of the dispatcher (it also runs on every state change). */
  DISPATCH_INTERVAL: duration('5s'),
  /** Period of the reconciliation pass (lost dispatches, dead workers, missed advisories). */
  RECONCILE_INTERVAL: duration('30s'),
};

export type SchedulerEnvConfig = ConfigOf<typeof schedulerEnv>;

/** The checked configuration createScheduler() takes. */
export interface SchedulerConfig {
  maxGridTrials: number;
  ackWaitMs: number;
  maxDeliver: number;
  workerStaleAfterMs: number;
  dispatchIntervalMs: number;
  reconcileIntervalMs: number;
}

export const DEFAULT_SCHEDULER_CONFIG: SchedulerConfig = {
  maxGridTrials: 1000,
  ackWaitMs: 60_000,
  maxDeliver: 3,
  workerStaleAfterMs: 30_000,
  dispatchIntervalMs: 5_000,
  reconcileIntervalMs: 30_000,
};

export function toSchedulerConfig(env: SchedulerEnvConfig): SchedulerConfig {
  return {
    maxGridTrials: env.MAX_GRID_TRIALS,
    ackWaitMs: env.ACK_WAIT,
    maxDeliver: env.MAX_DELIVER,
    workerStaleAfterMs: env.WORKER_STALE_AFTER,
    dispatchIntervalMs: env.DISPATCH_INTERVAL,
    reconcileIntervalMs: env.RECONCILE_INTERVAL,
  };
}

export function loadSchedulerConfig(env: Env): SchedulerConfig {
  return toSchedulerConfig(loadConfig(schedulerEnv, env));
}
