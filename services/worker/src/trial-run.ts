/**
 * One trial, from a dispatch message to its trial.finished event: skip it when it is already
 * finished or asked to stop, train it with the engine (metrics and logs as it goes), save its
 * artifacts, report it, and only then ack the dispatch. A shutdown hands it back (nak).
 */
import { readFile } from 'node:fs/promises';
import { findTrial, TERMINAL_TRIAL_STATUSES } from '@trialgrid/db';
import { errorMessage } from '@trialgrid/errors';
import { publishJs, type JsDelivery, type TrialDispatch, type TrialFinished, type TrialLog } from '@trialgrid/messaging';
import type { Checkpoint, EpochMetrics, TrainResult } from '@trialgrid/ml';
import type { LoadData } from './datasets.js';
import type { TrainingEngine } from './engine.js';
import type { RunningTrial, WorkerRuntime } from './runtime.js';

const METRIC_KEYS = ['train_loss', 'train_accuracy', 'val_loss', 'val_accuracy'] as const;

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

/** Epochs the checkpoint of a trial holds (0 when there is none or it is unreadable). */
async function checkpointEpochs(rt: WorkerRuntime, checkpointRel: string): Promise<number> {
  try {
    const raw = JSON.parse(await readFile(rt.store.resolve(`${checkpointRel}/checkpoint.json`), 'utf8')) as Partial<Checkpoint>;
    return typeof raw.epochsDone === 'number' && raw.epochsDone > 0 ? raw.epochsDone : 0;
  } catch {
    return 0;
  }
}

/** Runs one dispatched trial to its trial.finished event (or hands it back on shutdown); throws only when reporting fails (left for redelivery). */
export async function runTrial(rt: WorkerRuntime, loadData: LoadData, delivery: JsDelivery<'trial.dispatch'>): Promise<void> {
  const d: TrialDispatch = delivery.data;
  const tlog = rt.log.child({ trialId: d.trialId, delivery: delivery.deliveryCount });

  // Registered before the DB read, so a stop request that arrives meanwhile is not lost.
  const entry: RunningTrial = { trialId: d.trialId, stop: false, stopReason: undefined, handBack: false };
  rt.running.set(d.trialId, entry);
  let row: Awaited<ReturnType<typeof findTrial>>;
  try {
    row = await findTrial(rt.db, d.trialId);
  } catch (err) {
    rt.running.delete(d.trialId);
    throw err;
  }
  if (!row) {
    rt.running.delete(d.trialId);
    tlog.warn('dispatch for a trial that does not exist; dropping it');
    delivery.term('trial not found');
    return;
  }
  if (TERMINAL_TRIAL_STATUSES.includes(row.status) || row.stopRequested) {
    rt.running.delete(d.trialId);
    tlog.info({ status: row.status, stopRequested: row.stopRequested }, 'trial already finished or stop requested; skipping');
    delivery.ack();
    return;
  }

  rt.heartbeat();
  const working = setInterval(() => delivery.working(), rt.config.heartbeatIntervalMs);
  let lastWorking = Date.now();
  try {
    const checkpointRel = rt.store.checkpointPath(d.trialId);
    // libs/ml writes checkpoint.json (epochsDone, ...) before it reports the epoch.
    const resumedFromEpoch = await checkpointEpochs(rt, checkpointRel);

    await publishJs(
      rt.m,
      rt.m.subjects.trialStarted(d.trialId),
      'trial.started',
      { trialId: d.trialId, workerId: rt.config.workerId, delivery: delivery.deliveryCount, backend: rt.backend?.name ?? 'unknown', resumedFromEpoch },
      { msgID: `${d.trialId}:started:${delivery.streamSeq}:${delivery.deliveryCount}` },
    );
    await publishLog(
      rt,
      d.trialId,
      'info',
      `${resumedFromEpoch > 0 ? `resuming at epoch ${resumedFromEpoch + 1}` : 'starting'} on ${rt.config.workerId} ` +
        `(backend ${rt.backend?.name ?? 'unknown'}, delivery ${delivery.deliveryCount}, ${d.train.epochs} epochs, batch ${d.train.batchSize}, lr ${d.train.learningRate})`,
    );

    let outcome: Awaited<ReturnType<TrainingEngine['train']>>;
    // Set when reporting (NATS) failed inside a callback: that is not the trial's fault.
    let reportError: Error | undefined;
    let epochsSeen = resumedFromEpoch;
    try {
      const data = await loadData(d.options.trainLimit, d.options.testLimit);
      outcome = await rt.engine.train({
        spec: d.spec,
        params: d.train,
        data,
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
          await publishJs(
            rt.m,
            rt.m.subjects.trialMetrics(d.trialId),
            'trial.metrics',
            {
              trialId: d.trialId,
              experimentId: d.experimentId,
              workerId: rt.config.workerId,
              points: METRIC_KEYS.filter((k) => Number.isFinite(e[k])).map((key) => ({ key, step, value: e[key] })),
            },
            { msgID: `${d.trialId}:m:${step}` },
          ).catch((err: unknown) => {
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

    const artifacts = await writeArtifacts(rt, d, result, allEpochs, outcome.model);
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
      summary: { confusionMatrix: result.confusionMatrix, perClassAccuracy: result.perClassAccuracy, epochsRun: allEpochs.length },
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
  d: TrialDispatch,
  result: TrainResult,
  epochs: EpochMetrics[],
  model: Awaited<ReturnType<TrainingEngine['train']>>['model'],
): Promise<TrialFinished['artifacts']> {
  const base = rt.store.trialPath(d.experimentId, d.trialId);
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
    labels: Array.from({ length: result.confusionMatrix.length }, (_, i) => i),
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
  await rt.store.remove(`trials/${d.trialId}`).catch((err: unknown) => rt.log.warn({ err: errorMessage(err) }, 'could not remove checkpoint'));
  rt.log.info({ trialId: d.trialId, status: outcome.status }, 'trial finished');
}
