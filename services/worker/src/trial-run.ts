/**
 * One trial, from a dispatch message to its trial.finished event: skip it when the scheduler
 * says it is already finished or asked to stop (trial.state), train it with the engine
 * (metrics and logs as it goes), save its artifacts, report it, and only then ack the
 * dispatch. A shutdown hands it back (nak). Everything training needs comes in the dispatch.
 */
import { readFile } from 'node:fs/promises';
import { isTerminalTrial, type CommandReplyData } from '@trialgrid/contracts';
import { errorMessage, isAppError } from '@trialgrid/errors';
import type { Logger } from '@trialgrid/logger';
import { publishJs, sendCommand, type JsDelivery, type MetricPoint, type TrialDispatch, type TrialFinished, type TrialLog } from '@trialgrid/messaging';
import { observeEpoch } from '@trialgrid/metrics';
import type { Checkpoint, EpochMetrics, TrainResult } from '@trialgrid/ml';
import type { LoadData, TrialData } from './datasets.js';
import type { TrainingEngine } from './engine.js';
import type { RunningTrial, WorkerRuntime } from './runtime.js';

const METRIC_KEYS = ['train_loss', 'train_accuracy', 'val_loss', 'val_accuracy'] as const;

/** How long a report (started, metrics, finished) is retried before the delivery is handed back. */
const REPORT_RETRY_MS = 5 * 60_000;

/** The metric points one epoch reports: the finite ones of METRIC_KEYS, at step = the epoch's index. */
function epochPoints(e: EpochMetrics): MetricPoint[] {
  return METRIC_KEYS.filter((k) => Number.isFinite(e[k])).map((key) => ({ key, step: e.epoch, value: e[key] }));
}

function finiteEntries(values: Record<string, number | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(values)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out;
}

async function publishLog(rt: WorkerRuntime, trialId: string, level: TrialLog['level'], message: string): Promise<void> {
  try {
    await publishJs(rt.m, rt.m.subjects.trialLog(trialId), 'trial.log', { trialId, level, message });
  } catch (err) {
    // Logs are best effort: losing one must not fail a trial.
    rt.log.warn({ trialId, err: errorMessage(err) }, 'trial.log publish failed');
  }
}

/**
 * Epochs the checkpoint of a trial holds and their metrics (none when there is no checkpoint
 * or it is unreadable: training then starts over).
 */
async function checkpointEpochs(rt: WorkerRuntime, checkpointRel: string): Promise<{ epochsDone: number; epochs: EpochMetrics[] }> {
  try {
    const raw = JSON.parse(await readFile(rt.store.resolve(`${checkpointRel}/checkpoint.json`), 'utf8')) as Partial<Checkpoint> & { epochs?: unknown };
    const epochsDone = typeof raw.epochsDone === 'number' && raw.epochsDone > 0 ? raw.epochsDone : 0;
    const epochs = Array.isArray(raw.epochs) ? (raw.epochs as EpochMetrics[]).filter((e) => Number.isInteger(e.epoch) && e.epoch < epochsDone) : [];
    return { epochsDone, epochs };
  } catch {
    return { epochsDone: 0, epochs: [] };
  }
}

/**
 * Reports (started, metrics, finished) ride out a NATS restart: retried with the same msgID
 * for up to REPORT_RETRY_MS while the in-progress acks keep the delivery ours. Only then does
 * the delivery go back (nak) for a prompt redelivery.
 */
function reportRetry(rt: WorkerRuntime, trialId: string): { retryForMs: number; signal: AbortSignal; onRetry: (err: unknown, attempt: number) => void } {
  return {
    retryForMs: REPORT_RETRY_MS,
    signal: rt.abort.signal,
    onRetry: (err, attempt) => {
      if (attempt === 1 || attempt % 10 === 0) rt.log.warn({ trialId, attempt, err: errorMessage(err) }, 'report publish failed; retrying');
    },
  };
}

/**
 * Publishes metric points of the trial (trial.metrics), retried as every report is; `key`
 * makes the msgID (`<trialId>:<key>`) unique per attempt and epoch, so a retry is deduplicated.
 */
async function publishMetrics(rt: WorkerRuntime, d: TrialDispatch, points: MetricPoint[], key: string): Promise<void> {
  await publishJs(
    rt.m,
    rt.m.subjects.trialMetrics(d.trialId),
    'trial.metrics',
    { trialId: d.trialId, experimentId: d.experimentId, workerId: rt.config.workerId, points },
    { msgID: `${d.trialId}:${key}`, ...reportRetry(rt, d.trialId) },
  );
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/** How long one trial.state request waits for the scheduler (well inside any ack_wait). */
const STATE_TIMEOUT_MS = 5_000;

/** Failures of trial.state that say nothing about the trial: no scheduler, a slow one, its database down. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set(['UNAVAILABLE', 'TIMEOUT', 'INTERNAL']);

type TrialState = CommandReplyData<'trial.state'>;

/**
 * The trial's state from the scheduler (trial.state), asked while holding the delivery: a
 * scheduler that does not answer (not running, restarting, its database down) is waited out
 * with in-progress acks instead of failing the delivery, which would spend one of the trial's
 * max_deliver deliveries on an infrastructure error. 'shutdown' when the worker stops
 * meanwhile, 'not found' when the scheduler knows no such trial; other errors (a reply that
 * does not match the contract) are thrown.
 */
async function trialStateHolding(rt: WorkerRuntime, delivery: JsDelivery<'trial.dispatch'>, tlog: Logger): Promise<TrialState | 'shutdown' | 'not found'> {
  // In-progress acks on the heartbeat period, whatever a request or a backoff wait takes.
  const holding = setInterval(() => delivery.working(), rt.config.heartbeatIntervalMs);
  try {
    for (let failures = 0; ; failures++) {
      if (rt.abort.signal.aborted) return 'shutdown';
      try {
        return await sendCommand(rt.m, 'trial.state', { trialId: delivery.data.trialId }, { timeoutMs: STATE_TIMEOUT_MS });
      } catch (err) {
        if (isAppError(err) && err.code === 'NOT_FOUND') return 'not found';
        if (isAppError(err) && !TRANSIENT_CODES.has(err.code)) throw err;
        const wait = Math.min(5_000, 250 * 2 ** Math.min(failures, 5));
        if (failures % 10 === 0) tlog.warn({ err, retryInMs: wait }, 'cannot ask the scheduler for the trial state; holding the delivery and retrying');
        await sleep(wait, rt.abort.signal);
      }
    }
  } finally {
    clearInterval(holding);
  }
}

/** Runs one dispatched trial to its trial.finished event (or hands it back on shutdown); throws only when reporting fails (left for redelivery). */
export async function runTrial(rt: WorkerRuntime, loadData: LoadData, delivery: JsDelivery<'trial.dispatch'>): Promise<void> {
  const d: TrialDispatch = delivery.data;
  const tlog = rt.log.child({ trialId: d.trialId, delivery: delivery.deliveryCount });

  // Registered before asking the scheduler, so a stop request that arrives meanwhile is not lost.
  const entry: RunningTrial = { trialId: d.trialId, stop: false, stopReason: undefined, handBack: false };
  rt.running.set(d.trialId, entry);
  let state: TrialState | 'shutdown' | 'not found';
  try {
    state = await trialStateHolding(rt, delivery, tlog);
  } catch (err) {
    rt.running.delete(d.trialId);
    throw err;
  }
  if (state === 'shutdown') {
    rt.running.delete(d.trialId);
    delivery.nak(0);
    return;
  }
  if (state === 'not found') {
    rt.running.delete(d.trialId);
    tlog.warn('dispatch for a trial the scheduler does not know; dropping it');
    delivery.term('trial not found');
    return;
  }
  if (isTerminalTrial(state.status) || state.stopRequested) {
    rt.running.delete(d.trialId);
    tlog.info({ status: state.status, stopRequested: state.stopRequested, attempt: state.attempt }, 'trial already finished or stop requested; skipping');
    delivery.ack();
    return;
  }

  rt.heartbeat();
  const working = setInterval(() => delivery.working(), rt.config.heartbeatIntervalMs);
  let lastWorking = Date.now();
  try {
    const checkpointRel = rt.store.checkpointPath(d.trialId);
    // libs/ml writes checkpoint.json (epochsDone, the epochs' metrics) before it reports the
    // epoch, so the epochs it holds may never have been reported (the publish failed, the
    // worker died in between): they are reported again below; the store keeps one row per
    // (trial, key, step), so a repeat costs nothing.
    const resumed = await checkpointEpochs(rt, checkpointRel);
    const resumedFromEpoch = resumed.epochsDone;
    // This delivery of this dispatch: a retried trial's messages are new, not duplicates.
    const attemptId = `${delivery.streamSeq}.${delivery.deliveryCount}`;

    await publishJs(
      rt.m,
      rt.m.subjects.trialStarted(d.trialId),
      'trial.started',
      { trialId: d.trialId, workerId: rt.config.workerId, delivery: delivery.deliveryCount, backend: rt.backend?.name ?? 'unknown', resumedFromEpoch },
      { msgID: `${d.trialId}:started:${delivery.streamSeq}:${delivery.deliveryCount}`, ...reportRetry(rt, d.trialId) },
    );
    if (resumed.epochs.length > 0) await publishMetrics(rt, d, resumed.epochs.flatMap(epochPoints), `${attemptId}:m:resumed`);
    await publishLog(
      rt,
      d.trialId,
      'info',
      `${resumedFromEpoch > 0 ? `resuming at epoch ${resumedFromEpoch + 1}` : 'starting'} on ${rt.config.workerId} ` +
        `(backend ${rt.backend?.name ?? 'unknown'}, delivery ${delivery.deliveryCount}, ${d.train.epochs} epochs, batch ${d.train.batchSize}, lr ${d.train.learningRate})`,
    );

    let outcome: Awaited<ReturnType<TrainingEngine['train']>>;
    let loaded: TrialData | undefined;
    // Set when reporting (NATS) failed inside a callback: that is not the trial's fault.
    let reportError: Error | undefined;
    let epochsSeen = resumedFromEpoch;
    try {
      loaded = await loadData(d.datasetRef, d.options.trainLimit, d.options.testLimit);
      outcome = await rt.engine.train({
        spec: d.spec,
        params: d.train,
        data: loaded.data,
        checkpointDir: rt.store.resolve(checkpointRel),
        ...(resumedFromEpoch > 0 ? { resumeFrom: rt.store.resolve(checkpointRel) } : {}),
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
          observeEpoch({ worker: rt.config.workerId, backend: rt.backend?.name ?? 'unknown', seconds: e.seconds, imagesPerSecond: e.imagesPerSecond, images: e.images });
          await publishMetrics(rt, d, epochPoints(e), `${attemptId}:m:${step}`).catch((err: unknown) => {
            reportError = err instanceof Error ? err : new Error(errorMessage(err));
            throw reportError;
          });
          epochsSeen = step + 1;
          await publishLog(
            rt,
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
      await publishLog(rt, d.trialId, 'error', `training failed: ${errorMessage(err)}`);
      await finish(rt, delivery, d, { status: 'FAILED', error: errorMessage(err), summary: { epochsRun: epochsSeen } });
      return;
    }

    const { result } = outcome;
    if (entry.handBack) {
      outcome.model?.dispose();
      tlog.info('worker shutting down; handing the trial back for redelivery');
      await publishLog(rt, d.trialId, 'warn', `worker ${rt.config.workerId} shutting down; trial handed back`);
      delivery.nak(0);
      return;
    }
    const allEpochs = result.epochs;
    if (result.status === 'stopped' || entry.stop) {
      outcome.model?.dispose();
      const reason = entry.stopReason ?? 'stop requested';
      await publishLog(rt, d.trialId, 'warn', `stopped after ${allEpochs.length} epoch(s): ${reason}`);
      await finish(rt, delivery, d, {
        status: 'STOPPED',
        error: reason,
        finalMetrics: finiteEntries({ training_seconds: result.trainingSeconds, param_count: result.paramCount }),
        summary: { epochsRun: allEpochs.length, reason },
        result,
      });
      return;
    }

    const classNames = loaded?.classNames ?? Array.from({ length: result.confusionMatrix.length }, (_, i) => String(i));
    const artifacts = await writeArtifacts(rt, delivery, d, result, allEpochs, outcome.model, classNames);
    if (result.earlyStopped !== undefined) {
      const e = result.earlyStopped;
      await publishLog(rt, d.trialId, 'info', `early stopping: no ${e.metric} improvement in ${e.patience} epoch(s); stopped after ${e.afterEpochs} of ${d.train.epochs} epochs`);
    }
    await publishLog(
      rt,
      d.trialId,
      'info',
      `finished: test_accuracy ${result.test_accuracy.toFixed(4)} test_loss ${result.test_loss.toFixed(4)} in ${result.trainingSeconds.toFixed(1)} s`,
    );
    await finish(rt, delivery, d, {
      status: 'SUCCEEDED',
      finalMetrics: finiteEntries({
        test_loss: result.test_loss,
        test_accuracy: result.test_accuracy,
        training_seconds: result.trainingSeconds,
        images_per_second: result.imagesPerSecond,
        param_count: result.paramCount,
        model_size_bytes: artifacts.find((a) => a.name === 'model')?.sizeBytes,
      }),
      summary: {
        confusionMatrix: result.confusionMatrix,
        perClassAccuracy: result.perClassAccuracy,
        classNames,
        epochsRun: allEpochs.length,
        // Per-trial early stopping (the trial's earlyStoppingPatience): it ended before its epochs and still succeeds.
        ...(result.earlyStopped !== undefined ? { earlyStopped: result.earlyStopped } : {}),
      },
      artifacts,
      result,
    });
  } finally {
    clearInterval(working);
    rt.running.delete(d.trialId);
    rt.heartbeat();
  }
}

async function writeArtifacts(
  rt: WorkerRuntime,
  delivery: JsDelivery<'trial.dispatch'>,
  d: TrialDispatch,
  result: TrainResult,
  epochs: EpochMetrics[],
  model: Awaited<ReturnType<TrainingEngine['train']>>['model'],
  classNames: string[],
): Promise<TrialFinished['artifacts']> {
  // Per delivery: a redelivered attempt running at the same time never overwrites this one's files.
  const base = `${rt.store.trialPath(d.experimentId, d.trialId)}/attempt-${delivery.streamSeq}-${delivery.deliveryCount}`;
  const refs: TrialFinished['artifacts'] = [];
  if (model) {
    try {
      const saved = await rt.store.writeDir(`${base}/model`, async (tmp) => {
        await model.save(tmp);
      });
      refs.push({ name: 'model', kind: 'model', ...saved });
    } finally {
      model.dispose();
    }
  }
  const cm = await rt.store.writeJson(`${base}/confusion_matrix.json`, {
    /** Class names in label order (the dataset's; '0'..'n-1' without any). */
    labels: classNames,
    matrix: result.confusionMatrix,
    perClassAccuracy: result.perClassAccuracy,
  });
  refs.push({ name: 'confusion_matrix.json', kind: 'confusion_matrix', ...cm });
  const curves = await rt.store.writeJson(`${base}/training_curves.json`, {
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
  rt: WorkerRuntime,
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
    rt.m,
    rt.m.subjects.trialFinished(d.trialId),
    'trial.finished',
    {
      trialId: d.trialId,
      experimentId: d.experimentId,
      workerId: rt.config.workerId,
      status: outcome.status,
      finalMetrics: outcome.finalMetrics ?? {},
      summary: outcome.summary,
      provenance: {
        ...rt.provenance,
        ...(run ? { backend: run.name, packages: run.versions } : {}),
        seed: d.train.seed,
        dataset: d.dataset,
        ...(d.datasetRef ? { datasetFingerprint: d.datasetRef.fingerprint } : {}),
        delivery: delivery.deliveryCount,
      },
      artifacts: outcome.artifacts ?? [],
      // The epochs again, with the result: the finish is complete even if a metrics event is not applied yet.
      points: (outcome.result?.epochs ?? []).flatMap(epochPoints),
      ...(outcome.error === undefined ? {} : { error: outcome.error }),
    },
    // Per delivery: a retried publish is deduplicated; a second delivery's own finish is a
    // message of its own, so the scheduler can close that attempt too.
    { msgID: `${d.trialId}:finished:${delivery.streamSeq}:${delivery.deliveryCount}`, ...reportRetry(rt, d.trialId) },
  );
  // The event is stored: only now may the dispatch go away.
  delivery.ack();
  await rt.store.remove(`trials/${d.trialId}`).catch((err: unknown) => rt.log.warn({ err: errorMessage(err) }, 'could not remove checkpoint'));
  rt.log.info({ trialId: d.trialId, status: outcome.status }, 'trial finished');
}
