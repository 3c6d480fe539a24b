/**
 * What the parts of a worker share: NATS, the config, the engine, the artifact store, the
 * trials in progress (one per slot), the shutdown signal, and what start() learned (backend,
 * provenance). Each part (heartbeat.ts, datasets.ts, trial-run.ts, slots.ts) takes this.
 */
import type { Logger } from '@trialgrid/logger';
import type { Messaging, WorkerHeartbeat } from '@trialgrid/messaging';
import type { BackendInfo } from '@trialgrid/ml';
import type { ArtifactStore } from './artifacts.js';
import type { WorkerConfig } from './config.js';
import type { TrainingEngine } from './engine.js';
import type { RunProvenance } from './provenance.js';

/** One trial in progress in one slot. */
export interface RunningTrial {
  trialId: string;
  /** shouldStop() answer: set by a stop request or by shutdown. */
  stop: boolean;
  stopReason: string | undefined;
  /** Set by shutdown: hand the trial back (nak) instead of finishing it. */
  handBack: boolean;
}

export interface WorkerRuntime {
  m: Messaging;
  config: WorkerConfig;
  log: Logger;
  engine: TrainingEngine;
  store: ArtifactStore;
  running: Map<string, RunningTrial>;
  abort: AbortController;
  backend: BackendInfo | undefined;
  provenance: RunProvenance | undefined;
  /** Publishes a heartbeat now (status from the running trials unless given). */
  heartbeat(status?: WorkerHeartbeat['status']): void;
}
