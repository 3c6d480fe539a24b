/**
 * The worker: pulls trial dispatches one at a time per slot, trains them with libs/ml, and
 * reports everything as events. Its parts: slots.ts (pull loop), trial-run.ts (one trial),
 * datasets.ts (dataset cache), heartbeat.ts, runtime.ts (what they share).
 * It holds no database: the dispatch carries what training needs, and before training the
 * worker asks the scheduler (trial.state) whether the trial is already finished or asked to
 * stop, so a worker node needs NATS credentials only.
 *
 * ```ts
 * const worker = createWorker({ messaging, logger, config });
 * await worker.start();   // initialises the TF backend, starts heartbeats and pulling
 * await worker.stop();    // stops pulling; a trial in progress is stopped and nak'ed for another worker
 * ```
 */
import { DisposerStack } from '@trialgrid/lifecycle';
import type { Logger } from '@trialgrid/logger';
import { subscribeCore, type Messaging } from '@trialgrid/messaging';
import type { BackendInfo } from '@trialgrid/ml';
import { createArtifactStore } from './artifacts.js';
import type { WorkerConfig } from './config.js';
import { createDatasetCache } from './datasets.js';
import { mlEngine, type TrainingEngine } from './engine.js';
import { publishHeartbeat } from './heartbeat.js';
import { baseProvenance, resolveGitCommit } from './provenance.js';
import type { WorkerRuntime } from './runtime.js';
import { runSlot } from './slots.js';

export interface WorkerDeps {
  /** NATS: the only connection a worker has (it pulls dispatches, reports events, asks trial.state). */
  messaging: Messaging;
  logger: Logger;
  config: WorkerConfig;
  /** Training engine; default: libs/ml. */
  trainer?: TrainingEngine;
  /** Folder whose git commit is recorded in provenance (default: the process's cwd). */
  repoDir?: string;
}

export interface WorkerStatus {
  workerId: string;
  backend: BackendInfo | undefined;
  running: string[];
  started: boolean;
  stopping: boolean;
}

export interface Worker {
  start(): Promise<void>;
  /** Stops pulling; trials in progress are stopped and nak'ed. Idempotent. */
  stop(): Promise<void>;
  status(): WorkerStatus;
}

export function createWorker(deps: WorkerDeps): Worker {
  const { config } = deps;
  const log = deps.logger.child({ component: 'worker', workerId: config.workerId });
  const engine = deps.trainer ?? mlEngine();
  const rt: WorkerRuntime = {
    m: deps.messaging,
    config,
    log,
    engine,
    store: createArtifactStore({ root: config.artifactDir }),
    running: new Map(),
    abort: new AbortController(),
    backend: undefined,
    provenance: undefined,
    heartbeat: (status) => publishHeartbeat(rt, status),
  };
  const loadData = createDatasetCache(engine, config, log);
  const disposers = new DisposerStack(log);
  let started = false;
  let stopping: Promise<void> | undefined;

  return {
    async start() {
      if (started) return;
      started = true;
      const backend = await engine.initBackend(config.backend, {
        ...(config.wasmThreads ? { wasmThreads: config.wasmThreads } : {}),
        ...(config.tfThreads ? { tfThreads: config.tfThreads } : {}),
      });
      rt.backend = backend;
      const nativeMissing = backend.details['tensorflowUnavailable'];
      if (backend.tfBackend !== 'tensorflow' && nativeMissing !== undefined) {
        log.info(`native TensorFlow engine not used (${String(nativeMissing)}); training on ${backend.name}`);
      }
      const gitCommit = await resolveGitCommit(deps.repoDir ?? process.cwd(), config.gitCommit);
      rt.provenance = baseProvenance({
        gitCommit,
        packages: backend.versions,
        backend: backend.name,
        backendDetails: backend.details,
        workerId: config.workerId,
      });
      log.info({ backend: backend.name, tfBackend: backend.tfBackend, versions: backend.versions, details: backend.details, gitCommit }, 'training backend ready');

      // Registered first, so it runs last on shutdown.
      disposers.add('final heartbeat', () => rt.heartbeat('STOPPED'));
      disposers.add(
        'stop requests',
        subscribeCore(
          rt.m,
          rt.m.subjects.trialStopAll,
          'trial.stop',
          (msg) => {
            const entry = rt.running.get(msg.trialId);
            if (!entry) return;
            log.info({ trialId: msg.trialId, reason: msg.reason }, 'stop requested');
            entry.stopReason = msg.reason;
            entry.stop = true;
          },
          { logger: log },
        ),
      );
      // The subscription must be known to the server before we take work, or an early stop is lost.
      await rt.m.nc.flush();
      rt.heartbeat();
      const heartbeatTimer = setInterval(() => rt.heartbeat(), config.heartbeatIntervalMs);
      disposers.add('heartbeat timer', () => clearInterval(heartbeatTimer));
      const loops = Array.from({ length: config.concurrency }, (_, i) => runSlot(rt, loadData, i));
      disposers.add('slots', async () => {
        rt.abort.abort();
        for (const entry of rt.running.values()) {
          entry.handBack = true;
          entry.stop = true;
          entry.stopReason = 'worker shutting down';
        }
        await Promise.allSettled(loops);
      });
      log.info({ concurrency: config.concurrency }, 'worker pulling trials');
    },

    stop() {
      stopping ??= (async () => {
        rt.abort.abort();
        await disposers.dispose();
        log.info('worker stopped');
      })();
      return stopping;
    },

    status() {
      return { workerId: config.workerId, backend: rt.backend, running: [...rt.running.keys()], started, stopping: stopping !== undefined };
    },
  };
}
