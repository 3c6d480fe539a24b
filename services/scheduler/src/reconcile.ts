/**
 * Reconciliation: Postgres and JetStream together say what must happen after a restart, a
 * lost message or a dead worker. Run at start-up and periodically.
 *
 *  - experiments whose trials all finished while nobody was listening are finished;
 *  - a QUEUED/RUNNING trial whose `trial.finished` waits in EVENTS (the consumer could not
 *    apply it yet, e.g. Postgres was down) is finished from that event now;
 *  - a dispatched QUEUED trial whose message is gone (and whose result is not waiting in
 *    EVENTS) is dispatched again;
 *  - a RUNNING trial whose message is gone (its worker died after the message was removed, or
 *    its report was lost) is queued and dispatched again; where the `workers` consumer has a
 *    JetStream delivery limit (tests; the scheduler's own topology has none, see crashes.ts),
 *    one whose worker is dead and whose message exhausted it while the advisory was missed is FAILED;
 *  - dispatch messages of trials that are already finished (or unknown) are removed.
 */
import {
  activeExperimentIds,
  findAttemptWithWorker,
  findExperiment,
  finishAttempt,
  liveWorkerIds,
  markRedispatched,
  stalledTrials,
  transitionTrial,
  trialStatuses,
  ACTIVE_TRIAL_STATUSES,
  TERMINAL_TRIAL_STATUSES,
  type Trial,
} from '@trialgrid/db';
import { errorMessage } from '@trialgrid/errors';
import { decodeEnvelope, deleteStreamMessage, type TrialFinished } from '@trialgrid/messaging';
import { publishTrialUpdate, type SchedulerContext } from './context.js';
import { lostAttemptEnd } from './crashes.js';
import { redispatch, scanDispatches } from './dispatcher.js';
import { failExhausted, onFinished } from './events.js';
import { refreshExperiment } from './status.js';

export interface ReconcileReport {
  redispatched: string[];
  requeued: string[];
  failed: string[];
  /** Trials with a stop request whose dispatch was skipped by a worker. */
  stopped: string[];
  /** Trials finished here from a `trial.finished` event that was still waiting in EVENTS. */
  finished: string[];
  removedMessages: number;
}

/** The trial.finished of this trial's current run (newer than its dispatch) stored in EVENTS, if any. */
async function pendingFinishedEvent(ctx: SchedulerContext, trial: Trial): Promise<TrialFinished | null> {
  try {
    const msg = await ctx.m.jsm.streams.getMessage(ctx.m.streams.events, { last_by_subj: ctx.m.subjects.trialFinished(trial.id) });
    if (!msg) return null;
    const env = decodeEnvelope('trial.finished', msg.data);
    const since = trial.queuedAt ?? trial.createdAt;
    return new Date(env.ts).getTime() >= since.getTime() - 1000 ? env.data : null;
  } catch (err) {
    if (/no message found/i.test(errorMessage(err))) return null;
    throw err;
  }
}

/** max_deliver of the `workers` consumer (-1: unlimited, or when it cannot be read). */
async function workersDeliveryLimit(ctx: SchedulerContext): Promise<number> {
  try {
    const info = await ctx.m.jsm.consumers.info(ctx.m.streams.trials, ctx.m.streams.workersConsumer);
    return info.config.max_deliver ?? -1;
  } catch (err) {
    ctx.log.debug({ err: errorMessage(err) }, 'workers consumer info failed');
    return -1;
  }
}

export async function reconcile(ctx: SchedulerContext, options: { graceMs: number }): Promise<ReconcileReport> {
  const report: ReconcileReport = { redispatched: [], requeued: [], failed: [], stopped: [], finished: [], removedMessages: 0 };
  for (const id of await activeExperimentIds(ctx.db)) await refreshExperiment(ctx, id);

  const stored = await scanDispatches(ctx);
  const candidates = await stalledTrials(ctx.db, new Date(Date.now() - options.graceMs));
  const alive = await liveWorkerIds(ctx.db, ctx.config.workerStaleAfterMs);
  const jsDeliveryLimit = candidates.length === 0 ? -1 : await workersDeliveryLimit(ctx);

  for (const trial of candidates) {
    // Its result is already reported: apply it instead of waiting for the consumer (which may
    // be backing off after an outage) and before deciding that the trial is lost.
    const finished = await pendingFinishedEvent(ctx, trial);
    if (finished) {
      await onFinished(ctx, finished);
      report.finished.push(trial.id);
      ctx.log.warn({ trialId: trial.id, status: finished.status }, 'applied a trial.finished event the consumer had not applied yet');
      continue;
    }
    const hasMessage = (stored.get(trial.id)?.length ?? 0) > 0;
    const workerAlive = trial.workerId !== null && alive.has(trial.workerId);
    if (hasMessage) {
      // The message will be redelivered after ack_wait, unless it already used every delivery.
      const exhausted =
        jsDeliveryLimit > 0 && trial.status === 'RUNNING' && !workerAlive && trial.attempt >= jsDeliveryLimit && trial.updatedAt.getTime() < Date.now() - ctx.config.ackWaitMs;
      if (exhausted) {
        const row = await failExhausted(ctx, trial.id, trial.attempt);
        for (const seq of stored.get(trial.id) ?? []) if (await deleteStreamMessage(ctx.m, ctx.m.streams.trials, seq)) report.removedMessages++;
        if (row) report.failed.push(trial.id);
      }
      continue;
    }
    const exp = await findExperiment(ctx.db, trial.experimentId);
    if (!exp) continue;
    if (trial.stopRequested) {
      // A worker acks and skips a dispatch whose trial has a stop request, reporting nothing:
      // the stop is complete, record it (re-dispatching would only be skipped again).
      const row = await transitionTrial(ctx.db, trial.id, ACTIVE_TRIAL_STATUSES, 'STOPPED', { error: trial.error ?? 'stop requested' });
      if (!row) continue;
      await finishAttempt(ctx.db, trial.id, 'open', { status: 'STOPPED', error: row.error });
      publishTrialUpdate(ctx, row);
      report.stopped.push(trial.id);
      await refreshExperiment(ctx, trial.experimentId);
      ctx.kick(trial.experimentId);
      continue;
    }
    if (trial.status === 'QUEUED') {
      await redispatch(ctx, trial, exp);
      await markRedispatched(ctx.db, trial.id);
      report.redispatched.push(trial.id);
      ctx.log.warn({ trialId: trial.id }, 'dispatch message was lost; dispatched again');
    } else {
      // A worker acks its dispatch only after trial.finished is stored (or when it skips a
      // finished/stopped trial, handled above), so with the message gone and no newer finished
      // event nobody will ever report this trial, however alive its worker looks.
      if (workerAlive) ctx.log.warn({ trialId: trial.id, workerId: trial.workerId }, 'RUNNING trial without a dispatch on a live worker');
      const row = await transitionTrial(ctx.db, trial.id, ['RUNNING'], 'QUEUED', { error: null });
      if (!row) continue;
      const current = await findAttemptWithWorker(ctx.db, trial.id, trial.attempt);
      if (current && current.attempt.finishedAt === null) {
        const { attempt: open, worker } = current;
        // A crash only with evidence that its worker died (crashes.ts): a lost message is not the trial's fault.
        const end = lostAttemptEnd({
          attempt: open,
          worker,
          cause: 'its dispatch is gone and no result came',
          now: Date.now(),
          staleAfterMs: ctx.config.workerStaleAfterMs,
          hearingSince: ctx.hearingSince(),
        });
        await finishAttempt(ctx.db, trial.id, trial.attempt, { status: end.status, error: end.error });
      }
      await redispatch(ctx, row, exp);
      publishTrialUpdate(ctx, row);
      report.requeued.push(trial.id);
      ctx.log.warn({ trialId: trial.id, workerId: trial.workerId }, 'worker lost and dispatch gone; trial queued again');
    }
  }

  // Messages nobody should run any more.
  const ids = [...stored.keys()];
  if (ids.length > 0) {
    const status = await trialStatuses(ctx.db, ids);
    for (const [id, seqs] of stored) {
      const s = status.get(id);
      if (s !== undefined && !TERMINAL_TRIAL_STATUSES.includes(s)) continue;
      for (const seq of seqs) if (await deleteStreamMessage(ctx.m, ctx.m.streams.trials, seq)) report.removedMessages++;
    }
  }
  if (report.redispatched.length || report.requeued.length || report.failed.length || report.stopped.length || report.finished.length || report.removedMessages) {
    ctx.log.info(report, 'reconciled');
  }
  return report;
}
