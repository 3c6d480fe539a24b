/**
 * The worker: pulls trial dispatches one at a time per slot, trains them with libs/ml, and
 * reports everything as events. It never writes to Postgres; it reads the
 * trial row only to skip trials that are already finished or asked to stop.
 *
 * ```ts
 * const worker = createWorker({ db, messaging, logger, config });
 * await worker.start();   // initialises the TF backend, starts heartbeats and pulling
 * await worker.stop();    // stops pulling; a trial in progress is stopped and nak'ed for another worker
 * ```
 */
import { readFile } from 'node:fs/promises';
import { findTrial, TERMINAL_TRIAL_STATUSES, type Database } from '@trialgrid/db';
import { AppError, errorMessage } from '@trialgrid/errors';
import type { Logger } from '@trialgrid/logger';
import {
  fetchOne,
  publishCore,
  publishJs,
  subscribeCore,
  type JsDelivery,
  type Messaging,
  type TrialDispatch,
  type TrialFinished,
  type TrialLog,
  type WorkerHeartbeat,
} from '@trialgrid/messaging';
import type { BackendInfo, Checkpoint, Dataset, EpochMetrics, TrainResult } from '@trialgrid/ml';
import { createArtifactStore, type ArtifactStore } from './artifacts.js';
import type { WorkerConfig } from './config.js';
import { mlEngine, type TrainingEngine } from './engine.js';
import { baseProvenance, resolveGitCommit, type RunProvenance } from './provenance.js';

export interface WorkerDeps {
  db: Database;
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

/** One trial in progress in one slot. */
interface RunningTrial {
  trialId: string;
  /** shouldStop() answer: set by a stop request or by shutdown. */
  stop: boolean;
  stopReason: string | undefined;
  /** Set by shutdown: hand the trial back (nak) instead of finishing it. */
  handBack: boolean;
}

/** Loaded datasets kept per (dir, trainLimit, testLimit), least recently used dropped first. */
const DATASET_CACHE_SIZE = 2;

const METRIC_KEYS = ['train_loss', 'train_accuracy', 'val_loss', 'val_accuracy'] as const;

function finiteEntries(values: Record<string, number | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(values)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

export function createWorker(deps: WorkerDeps): Worker {
  const { db, messaging: m, config } = deps;
  const log = deps.logger.child({ component: 'worker', workerId: config.workerId });
  const engine = deps.trainer ?? mlEngine();
  const store: ArtifactStore = createArtifactStore({ root: config.artifactDir });
  const running = new Map<string, RunningTrial>();
  const datasets = new Map<string, Promise<Dataset>>();
  const abort = new AbortController();

  let backend: BackendInfo | undefined;
  let provenance: RunProvenance | undefined;
  let started = false;
  let stopping: Promise<void> | undefined;
  let loops: Promise<void>[] = [];
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let unsubscribeStop: (() => void) | undefined;

  // ------------------------------------------------------------------ heartbeats

  function heartbeat(status?: WorkerHeartbeat['status']): void {
    if (m.nc.isClosed()) return;
    const ids = [...running.keys()];
    try {
      publishCore(m, m.subjects.workerHeartbeat, 'worker.heartbeat', {
        workerId: config.workerId,
        hostname: provenance?.hostname ?? 'unknown',
        pid: process.pid,
        backend: backend?.name ?? 'unknown',
        status: status ?? (ids.length > 0 ? 'BUSY' : 'IDLE'),
        currentTrialId: ids[0] ?? null,
        concurrency: config.concurrency,
        details: { runningTrials: ids, backendDetails: backend?.details ?? {} },
      });
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'heartbeat publish failed');
    }
  }

  // ------------------------------------------------------------------ data

  async function loadData(trainLimit: number | undefined, testLimit: number | undefined): Promise<Dataset> {
    const key = `${config.dataDir}|${trainLimit ?? ''}|${testLimit ?? ''}`;
    let pending = datasets.get(key);
    if (!pending) {
      pending = (async () => {
        const opts = { dir: config.dataDir, ...(trainLimit ? { trainLimit } : {}), ...(testLimit ? { testLimit } : {}) };
        try {
          return await engine.loadDataset(opts);
        } catch (err) {
          if (!config.dataMirror || !(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
          log.info({ dir: config.dataDir, mirror: config.dataMirror }, 'dataset missing; downloading from mirror');
          await engine.downloadDataset({ mirror: config.dataMirror, dir: config.dataDir });
          return engine.loadDataset(opts);
        }
      })();
      datasets.set(key, pending);
      // A failed load must not poison the cache: the next trial tries again.
      pending.catch(() => datasets.delete(key));
      // Full MNIST is ~200 MB as floats: keep only the most recent few variants.
      while (datasets.size > DATASET_CACHE_SIZE) {
        const oldest = datasets.keys().next().value;
        if (oldest === undefined) break;
        datasets.delete(oldest);
      }
    } else {
      datasets.delete(key);
      datasets.set(key, pending);
    }
    return pending;
  }

  // ------------------------------------------------------------------ events

  async function publishLog(trialId: string, level: TrialLog['level'], message: string): Promise<void> {
    try {
      await publishJs(m, m.subjects.trialLog(trialId), 'trial.log', { trialId, level, message });
    } catch (err) {
      // Logs are best effort: losing one must not fail a trial.
      log.warn({ trialId, err: errorMessage(err) }, 'trial.log publish failed');
    }
  }

  /** Epochs the checkpoint of a trial holds (0 when there is none or it is unreadable). */
  async function checkpointEpochs(checkpointRel: string): Promise<number> {
    try {
      const raw = JSON.parse(await readFile(store.resolve(`${checkpointRel}/checkpoint.json`), 'utf8')) as Partial<Checkpoint>;
      return typeof raw.epochsDone === 'number' && raw.epochsDone > 0 ? raw.epochsDone : 0;
    } catch {
      return 0;
    }
  }

  // ------------------------------------------------------------------ one trial

  async function handle(delivery: JsDelivery<'trial.dispatch'>): Promise<void> {
    const d: TrialDispatch = delivery.data;
    const tlog = log.child({ trialId: d.trialId, delivery: delivery.deliveryCount });

    // Registered before the DB read, so a stop request that arrives meanwhile is not lost.
    const entry: RunningTrial = { trialId: d.trialId, stop: false, stopReason: undefined, handBack: false };
    running.set(d.trialId, entry);
    let row: Awaited<ReturnType<typeof findTrial>>;
    try {
      row = await findTrial(db, d.trialId);
    } catch (err) {
      running.delete(d.trialId);
      throw err;
    }
    if (!row) {
      running.delete(d.trialId);
      tlog.warn('dispatch for a trial that does not exist; dropping it');
      delivery.term('trial not found');
      return;
    }
    if (TERMINAL_TRIAL_STATUSES.includes(row.status) || row.stopRequested) {
      running.delete(d.trialId);
      tlog.info({ status: row.status, stopRequested: row.stopRequested }, 'trial already finished or stop requested; skipping');
      delivery.ack();
      return;
    }

    heartbeat();
    const working = setInterval(() => delivery.working(), config.heartbeatIntervalMs);
    let lastWorking = Date.now();
    try {
      const checkpointRel = store.checkpointPath(d.trialId);
      // libs/ml writes checkpoint.json (epochsDone, ...) before it reports the epoch.
      const resumedFromEpoch = await checkpointEpochs(checkpointRel);

      await publishJs(
        m,
        m.subjects.trialStarted(d.trialId),
        'trial.started',
        { trialId: d.trialId, workerId: config.workerId, delivery: delivery.deliveryCount, backend: backend?.name ?? 'unknown', resumedFromEpoch },
        { msgID: `${d.trialId}:started:${delivery.streamSeq}:${delivery.deliveryCount}` },
      );
      await publishLog(
        d.trialId,
        'info',
        `${resumedFromEpoch > 0 ? `resuming at epoch ${resumedFromEpoch + 1}` : 'starting'} on ${config.workerId} ` +
          `(backend ${backend?.name ?? 'unknown'}, delivery ${delivery.deliveryCount}, ${d.train.epochs} epochs, batch ${d.train.batchSize}, lr ${d.train.learningRate})`,
      );

      let outcome: Awaited<ReturnType<TrainingEngine['train']>>;
      // Set when reporting (NATS) failed inside a callback: that is not the trial's fault.
      let reportError: Error | undefined;
      let epochsSeen = resumedFromEpoch;
      try {
        const data = await loadData(d.options.trainLimit, d.options.testLimit);
        outcome = await engine.train({
          spec: d.spec,
          params: d.train,
          data,
          checkpointDir: store.resolve(checkpointRel),
          ...(resumedFromEpoch > 0 ? { resumeFrom: store.resolve(checkpointRel) } : {}),
          shouldStop: () => entry.stop,
          onBatch: async () => {
            const now = Date.now();
            if (now - lastWorking >= 1000) {
              lastWorking = now;
              delivery.working();
            }
            // Training runs synchronously between these callbacks: give the event loop a turn
            // so stop requests, heartbeats and in-progress acks get through mid-epoch.
            await new Promise<void>((r) => setImmediate(r));
          },
          onEpoch: async (e) => {
            const step = e.epoch;
            await publishJs(
              m,
              m.subjects.trialMetrics(d.trialId),
              'trial.metrics',
              {
                trialId: d.trialId,
                experimentId: d.experimentId,
                workerId: config.workerId,
                points: METRIC_KEYS.filter((k) => Number.isFinite(e[k])).map((key) => ({ key, step, value: e[key] })),
              },
              { msgID: `${d.trialId}:m:${step}` },
            ).catch((err: unknown) => {
              reportError = err instanceof Error ? err : new Error(errorMessage(err));
              throw reportError;
            });
            epochsSeen = step + 1;
            await publishLog(
              d.trialId,
              'info',
              `epoch ${step + 1}/${d.train.epochs}: loss ${e.train_loss.toFixed(4)} acc ${e.train_accuracy.toFixed(4)} ` +
                `val_loss ${e.val_loss.toFixed(4)} val_acc ${e.val_accuracy.toFixed(4)} (${e.seconds.toFixed(1)} s, ${Math.round(e.imagesPerSecond)} img/s)`,
            );
          },
        });
      } catch (err) {
        if (entry.handBack) {
          tlog.info({ err: errorMessage(err) }, 'training interrupted by shutdown; handing the trial back');
          delivery.nak(0);
          return;
        }
        if (reportError !== undefined) {
          // NATS trouble while reporting, not a training failure: let another delivery try.
          throw reportError;
        }
        tlog.error({ err: errorMessage(err) }, 'training failed');
        await publishLog(d.trialId, 'error', `training failed: ${errorMessage(err)}`);
        await finish(delivery, d, { status: 'FAILED', error: errorMessage(err), summary: { epochsRun: epochsSeen } });
        return;
      }

      const { result } = outcome;
      if (entry.handBack) {
        outcome.model?.dispose();
        tlog.info('worker shutting down; handing the trial back for redelivery');
        await publishLog(d.trialId, 'warn', `worker ${config.workerId} shutting down; trial handed back`);
        delivery.nak(0);
        return;
      }
      const allEpochs = result.epochs;
      if (result.status === 'stopped' || entry.stop) {
        outcome.model?.dispose();
        const reason = entry.stopReason ?? 'stop requested';
        await publishLog(d.trialId, 'warn', `stopped after ${allEpochs.length} epoch(s): ${reason}`);
        await finish(delivery, d, {
          status: 'STOPPED',
          error: reason,
          finalMetrics: finiteEntries({ training_seconds: result.trainingSeconds, param_count: result.paramCount }),
          summary: { epochsRun: allEpochs.length, reason },
          result,
        });
        return;
      }

      const artifacts = await writeArtifacts(d, result, allEpochs, outcome.model);
      await publishLog(
        d.trialId,
        'info',
        `finished: test_accuracy ${result.test_accuracy.toFixed(4)} test_loss ${result.test_loss.toFixed(4)} in ${result.trainingSeconds.toFixed(1)} s`,
      );
      await finish(delivery, d, {
        status: 'SUCCEEDED',
        finalMetrics: finiteEntries({
          test_loss: result.test_loss,
          test_accuracy: result.test_accuracy,
          training_seconds: result.trainingSeconds,
          images_per_second: result.imagesPerSecond,
          param_count: result.paramCount,
          model_size_bytes: artifacts.find((a) => a.name === 'model')?.sizeBytes,
        }),
        summary: { confusionMatrix: result.confusionMatrix, perClassAccuracy: result.perClassAccuracy, epochsRun: allEpochs.length },
        artifacts,
        result,
      });
    } finally {
      clearInterval(working);
      running.delete(d.trialId);
      heartbeat();
    }
  }

  async function writeArtifacts(
    d: TrialDispatch,
    result: TrainResult,
    epochs: EpochMetrics[],
    model: Awaited<ReturnType<TrainingEngine['train']>>['model'],
  ): Promise<TrialFinished['artifacts']> {
    const base = store.trialPath(d.experimentId, d.trialId);
    const refs: TrialFinished['artifacts'] = [];
    if (model) {
      try {
        const saved = await store.writeDir(`${base}/model`, async (tmp) => {
          await model.save(tmp);
        });
        refs.push({ name: 'model', kind: 'model', ...saved });
      } finally {
        model.dispose();
      }
    }
    const cm = await store.writeJson(`${base}/confusion_matrix.json`, {
      labels: Array.from({ length: result.confusionMatrix.length }, (_, i) => i),
      matrix: result.confusionMatrix,
      perClassAccuracy: result.perClassAccuracy,
    });
    refs.push({ name: 'confusion_matrix.json', kind: 'confusion_matrix', ...cm });
    const curves = await store.writeJson(`${base}/training_curves.json`, {
      epochs: epochs.map((e) => ({
        epoch: e.epoch,
        train_loss: e.train_loss,
        train_accuracy: e.train_accuracy,
        val_loss: e.val_loss,
        val_accuracy: e.val_accuracy,
        seconds: e.seconds,
        images_per_second: e.imagesPerSecond,
      })),
    });
    refs.push({ name: 'training_curves.json', kind: 'training_curves', ...curves });
    return refs;
  }

  async function finish(
    delivery: JsDelivery<'trial.dispatch'>,
    d: TrialDispatch,
    outcome: {
      status: TrialFinished['status'];
      error?: string;
      finalMetrics?: Record<string, number>;
      summary: Record<string, unknown>;
      artifacts?: TrialFinished['artifacts'];
      result?: TrainResult;
    },
  ): Promise<void> {
    const run = outcome.result?.backend;
    await publishJs(
      m,
      m.subjects.trialFinished(d.trialId),
      'trial.finished',
      {
        trialId: d.trialId,
        experimentId: d.experimentId,
        workerId: config.workerId,
        status: outcome.status,
        finalMetrics: outcome.finalMetrics ?? {},
        summary: outcome.summary,
        provenance: {
          ...provenance,
          ...(run ? { backend: run.name, packages: run.versions } : {}),
          seed: d.train.seed,
          dataset: d.dataset,
          delivery: delivery.deliveryCount,
        },
        artifacts: outcome.artifacts ?? [],
        ...(outcome.error === undefined ? {} : { error: outcome.error }),
      },
      // Per dispatch message: a redelivery of it is deduplicated, a retry (a new dispatch) is not.
      { msgID: `${d.trialId}:finished:${delivery.streamSeq}` },
    );
    // The event is stored: only now may the dispatch go away.
    delivery.ack();
    await store.remove(`trials/${d.trialId}`).catch((err: unknown) => log.warn({ err: errorMessage(err) }, 'could not remove checkpoint'));
    log.info({ trialId: d.trialId, status: outcome.status }, 'trial finished');
  }

  // ------------------------------------------------------------------ slots

  async function slot(index: number): Promise<void> {
    const slog = log.child({ slot: index });
    let failures = 0;
    while (!abort.signal.aborted) {
      let delivery: JsDelivery<'trial.dispatch'> | null;
      try {
        delivery = await fetchOne(m, {
          stream: m.streams.trials,
          consumer: m.streams.workersConsumer,
          type: 'trial.dispatch',
          expiresMs: 5000,
          signal: abort.signal,
          logger: slog,
        });
        failures = 0;
      } catch (err) {
        if (abort.signal.aborted) break;
        failures++;
        const wait = Math.min(10_000, 500 * 2 ** Math.min(failures, 5));
        slog.warn({ err: errorMessage(err), retryInMs: wait }, 'pull failed (is the TRIALS stream set up?); retrying');
        await sleep(wait, abort.signal);
        continue;
      }
      if (!delivery) continue;
      if (abort.signal.aborted) {
        // Pulled just as we began stopping: give it straight back.
        delivery.nak(0);
        break;
      }
      try {
        await handle(delivery);
      } catch (err) {
        slog.error({ trialId: delivery.data.trialId, err: errorMessage(err) }, 'trial handling failed; leaving it for redelivery');
        delivery.fail(err);
      }
    }
  }

  return {
    async start() {
      if (started) return;
      started = true;
      backend = await engine.initBackend(config.backend, config.wasmThreads ? { wasmThreads: config.wasmThreads } : {});
      const gitCommit = await resolveGitCommit(deps.repoDir ?? process.cwd(), config.gitCommit);
      provenance = baseProvenance({
        gitCommit,
        packages: backend.versions,
        backend: backend.name,
        backendDetails: backend.details,
        workerId: config.workerId,
      });
      log.info({ backend: backend.name, tfBackend: backend.tfBackend, versions: backend.versions, details: backend.details, gitCommit }, 'training backend ready');

      unsubscribeStop = subscribeCore(
        m,
        m.subjects.trialStopAll,
        'trial.stop',
        (msg) => {
          const entry = running.get(msg.trialId);
          if (!entry) return;
          log.info({ trialId: msg.trialId, reason: msg.reason }, 'stop requested');
          entry.stopReason = msg.reason;
          entry.stop = true;
        },
        { logger: log },
      );
      // The subscription must be known to the server before we take work, or an early stop is lost.
      await m.nc.flush();
      heartbeat();
      heartbeatTimer = setInterval(() => heartbeat(), config.heartbeatIntervalMs);
      loops = Array.from({ length: config.concurrency }, (_, i) => slot(i));
      log.info({ concurrency: config.concurrency }, 'worker pulling trials');
    },

    stop() {
      stopping ??= (async () => {
        abort.abort();
        for (const entry of running.values()) {
          entry.handBack = true;
          entry.stop = true;
          entry.stopReason = 'worker shutting down';
        }
        await Promise.allSettled(loops);
        if (heartbeatTimer) clearInterval(heartbeatTimer);
        unsubscribeStop?.();
        if (started) heartbeat('STOPPED');
        log.info('worker stopped');
      })();
      return stopping;
    },

    status() {
      return { workerId: config.workerId, backend, running: [...running.keys()], started, stopping: stopping !== undefined };
    },
  };
}
