/**
 * What the scheduler listens to besides events: its commands (experiment.create / cancel,
 * dataset.register, trial.stop / retry from the gateway; trial.state from workers), worker
 * heartbeats, and JetStream's advisory for a dispatch that exhausted its deliveries. Each
 * function returns the disposer of what it opened.
 */
import { isDatabaseUnavailable, isUuid, upsertWorkerHeartbeat } from '@trialgrid/db';
import { AppError, isAppError } from '@trialgrid/errors';
import { decode, deleteStreamMessage, getStreamMessage, onMaxDeliveries, serveCommand, subscribeCore } from '@trialgrid/messaging';
import { cancelExperiment, createExperiment, retryTrial, stopTrial } from './commands.js';
import type { SchedulerContext } from './context.js';
import { registerDataset } from './datasets.js';
import { failExhausted } from './events.js';
import { trialState } from './trial-state.js';

/**
 * A command that fails because Postgres cannot be reached answers UNAVAILABLE (the gateway's
 * SERVICE_UNAVAILABLE: try again later) instead of INTERNAL.
 */
function dbOutageIsUnavailable<I, O>(fn: (input: I) => Promise<O>): (input: I) => Promise<O> {
  return async (input) => {
    try {
      return await fn(input);
    } catch (err) {
      if (!isAppError(err) && isDatabaseUnavailable(err)) throw new AppError('UNAVAILABLE', 'the database is unavailable; try again shortly', { cause: err });
      throw err;
    }
  };
}

/** Serves the scheduler's commands; returns one disposer for all of them. */
export function serveSchedulerCommands(ctx: SchedulerContext): () => void {
  const { m } = ctx;
  const cmdLog = ctx.log.child({ component: 'commands' });
  const stops = [
    serveCommand(m, 'experiment.create', dbOutageIsUnavailable((input) => createExperiment(ctx, input)), { logger: cmdLog }),
    serveCommand(m, 'experiment.cancel', dbOutageIsUnavailable((i) => cancelExperiment(ctx, i.experimentId)), { logger: cmdLog }),
    serveCommand(m, 'dataset.register', dbOutageIsUnavailable((input) => registerDataset(ctx, input)), { logger: cmdLog }),
    serveCommand(m, 'trial.stop', dbOutageIsUnavailable((i) => stopTrial(ctx, i.trialId, i.reason)), { logger: cmdLog }),
    serveCommand(m, 'trial.retry', dbOutageIsUnavailable((i) => retryTrial(ctx, i.trialId)), { logger: cmdLog }),
    // A worker that gets UNAVAILABLE holds its dispatch and asks again: a database outage does not cost a delivery.
    serveCommand(m, 'trial.state', dbOutageIsUnavailable((i) => trialState(ctx, i.trialId)), { logger: cmdLog }),
  ];
  return () => {
    for (const stop of stops.reverse()) stop();
  };
}

/** Records worker heartbeats (workers table). */
export function recordHeartbeats(ctx: SchedulerContext): () => void {
  return subscribeCore(
    ctx.m,
    ctx.m.subjects.workerHeartbeat,
    'worker.heartbeat',
    async (hb) => {
      await upsertWorkerHeartbeat(ctx.db, {
        id: hb.workerId,
        hostname: hb.hostname,
        pid: hb.pid,
        backend: hb.backend,
        status: hb.status,
        currentTrialId: hb.currentTrialId !== null && isUuid(hb.currentTrialId) ? hb.currentTrialId : null,
        concurrency: hb.concurrency,
        details: hb.details,
        ...(hb.instance === undefined ? {} : { instance: hb.instance }),
      });
    },
    { logger: ctx.log.child({ component: 'heartbeats' }) },
  );
}

/** A dispatch that exhausted max_deliver: its trial FAILS, then the message is removed. */
async function onExhausted(ctx: SchedulerContext, streamSeq: number, deliveries: number): Promise<void> {
  const { m, log } = ctx;
  const stored = await getStreamMessage(m, m.streams.trials, streamSeq);
  if (!stored) return;
  let trialId: string | undefined;
  try {
    trialId = decode('trial.dispatch', stored.data).trialId;
  } catch (err) {
    log.warn({ streamSeq, err }, 'exhausted message is not a dispatch; removing it');
  }
  if (trialId) await failExhausted(ctx, trialId, deliveries);
  // Removed only after the trial is FAILED: if that failed, reconciliation still sees the message.
  await deleteStreamMessage(m, m.streams.trials, streamSeq);
}

/** Follows the MAX_DELIVERIES advisory of the workers consumer. */
export function followExhaustedDispatches(ctx: SchedulerContext): () => void {
  const { m } = ctx;
  return onMaxDeliveries(m, m.streams.trials, m.streams.workersConsumer, (seq, advisory) => onExhausted(ctx, seq, advisory.deliveries), {
    logger: ctx.log,
  });
}
