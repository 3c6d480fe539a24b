/**
 * Ingestion of the workers' events (EVENTS stream, durable consumer `scheduler`). Every state
 * change is a conditional UPDATE, persisted before it is published, so a redelivered or late
 * event can never move a trial backwards or finish it twice.
 */
import {
  advanceCurrentEpoch,
  appendTrialLog,
  experimentMetricSeries,
  findExperiment,
  findTrial,
  finishAttempt,
  insertMetrics,
  recordTrialFinished,
  recordTrialStarted,
  requestStop,
  transitionTrial,
  updateTrial,
  ACTIVE_TRIAL_STATUSES,
  TERMINAL_TRIAL_STATUSES,
  type MetricRow,
  type Trial,
} from '@trialgrid/db';
import { notFound } from '@trialgrid/errors';
import { publishCore, type TrialFinished, type TrialLog, type TrialMetrics, type TrialStarted } from '@trialgrid/messaging';
import { trialsFinished } from '@trialgrid/metrics';
import { evaluateMedianRule, type EarlyStoppingConfig } from '@trialgrid/sweep';
import { publishStop, publishTrialUpdate, type SchedulerContext } from './context.js';
import { lostAttemptEnd, poisonReason, restartedSince } from './crashes.js';
import { observeTrialStart } from './metrics.js';
import { refreshExperiment } from './status.js';

export const MEDIAN_STOP_REASON = 'early stopped by median rule';

async function requireTrial(ctx: SchedulerContext, trialId: string): Promise<Trial> {
  const trial = await findTrial(ctx.db, trialId);
  // NOT_FOUND is not retryable: the consumer terminates the event instead of looping on it.
  if (!trial) throw notFound('trial', trialId);
  return trial;
}

/**
 * trial.started: QUEUED/RUNNING → RUNNING with a new attempt (one per delivery). The attempt
 * it replaces is closed as a crash or not (crashes.ts); a trial whose crashes reached
 * MAX_DELIVER is FAILED here instead of training again, and its worker told to stop.
 */
export async function onStarted(ctx: SchedulerContext, e: TrialStarted): Promise<void> {
  const outcome = await recordTrialStarted(ctx.db, e.trialId, e.workerId, {
    // The same start seen again (event redelivered before our ack): nothing new happened. A
    // start from the same worker id on a process begun since is a new attempt (it was restarted).
    isSameStart: (open, worker) => open.workerId === e.workerId && !restartedSince(worker, open.startedAt),
    endOfReplaced: (open, worker) =>
      lostAttemptEnd({
        attempt: open,
        worker,
        cause: `redelivered to ${e.workerId} (delivery ${e.delivery})`,
        now: Date.now(),
        staleAfterMs: ctx.config.workerStaleAfterMs,
        hearingSince: ctx.hearingSince(),
      }),
    poisonReason: (crashes) => (crashes.length >= ctx.config.maxDeliver ? poisonReason(crashes.length, ctx.config.maxDeliver) : null),
  });
  const { trial } = outcome;
  if (outcome.kind === 'started') {
    observeTrialStart(outcome.from, trial);
    ctx.log.info({ trialId: trial.id, workerId: e.workerId, attempt: trial.attempt, delivery: e.delivery }, 'trial running');
    publishTrialUpdate(ctx, trial);
  }
  if (outcome.kind === 'poison') {
    trialsFinished.inc({ state: 'FAILED' });
    ctx.log.warn({ trialId: trial.id, workerId: e.workerId, crashedAttempts: outcome.crashes }, `trial failed: ${outcome.reason}`);
    publishTrialUpdate(ctx, trial);
    publishStop(ctx, trial.id, outcome.reason);
    await refreshExperiment(ctx, trial.experimentId);
    ctx.kick(trial.experimentId);
    return;
  }
  // A stop that raced the start (the worker read the row before the flag): say it again.
  if (trial.stopRequested || TERMINAL_TRIAL_STATUSES.includes(trial.status)) {
    publishStop(ctx, trial.id, trial.error ?? 'stop requested');
  }
}

/** trial.metrics: store points exactly once per (trial, key, step); publish only new ones. */
export async function onMetrics(ctx: SchedulerContext, e: TrialMetrics): Promise<void> {
  const trial = await requireTrial(ctx, e.trialId);
  const inserted = await insertMetrics(ctx.db, trial.id, trial.experimentId, e.points);
  if (inserted.length === 0) return;
  const maxStep = Math.max(...inserted.map((r) => r.step));
  if (!TERMINAL_TRIAL_STATUSES.includes(trial.status) && (trial.currentEpoch ?? 0) < maxStep + 1) {
    const row = await advanceCurrentEpoch(ctx.db, trial.id, maxStep + 1);
    if (row) publishTrialUpdate(ctx, row);
  }
  publishMetricUpdate(ctx, inserted);
  await applyMedianRule(ctx, trial, inserted.map((r) => ({ key: r.key, step: r.step })));
}

/** Tells the live views (metric.update, core NATS) about newly stored rows of one trial. */
function publishMetricUpdate(ctx: SchedulerContext, inserted: readonly MetricRow[]): void {
  const first = inserted[0];
  if (!first) return;
  publishCore(ctx.m, ctx.m.subjects.updatesMetric(first.experimentId, first.trialId), 'metric.update', {
    experimentId: first.experimentId,
    trialId: first.trialId,
    points: inserted.map((r) => ({ key: r.key, step: r.step, value: r.value })),
    loggedAt: first.loggedAt.toISOString(),
  });
}

/** The median stopping rule, after metric points of `trial` were stored. */
async function applyMedianRule(ctx: SchedulerContext, trial: Trial, points: readonly { key: string; step: number }[]): Promise<void> {
  if (trial.status !== 'RUNNING' || trial.stopRequested) return;
  const exp = await findExperiment(ctx.db, trial.experimentId);
  const rule = exp?.earlyStopping as EarlyStoppingConfig | null | undefined;
  if (!exp || !rule || rule.rule !== 'median') return;
  const steps = points.filter((p) => p.key === rule.metric).map((p) => p.step);
  if (steps.length === 0) return;
  const step = Math.max(...steps);
  if (step < rule.startStep) return;
  const byTrial = await experimentMetricSeries(ctx.db, exp.id, rule.metric);
  const mine = byTrial.get(trial.id) ?? [];
  byTrial.delete(trial.id);
  const decision = evaluateMedianRule(rule, mine, [...byTrial.values()], step);
  if (!decision.stop) return;
  const flagged = await requestStop(ctx.db, trial.id);
  if (!flagged) return;
  await updateTrial(ctx.db, trial.id, { error: MEDIAN_STOP_REASON });
  ctx.log.info({ trialId: trial.id, step, best: decision.best, median: decision.median, compared: decision.compared }, MEDIAN_STOP_REASON);
  publishStop(ctx, trial.id, MEDIAN_STOP_REASON);
  await appendTrialLog(ctx.db, trial.id, {
    level: 'warn',
    message: `${MEDIAN_STOP_REASON}: best ${rule.metric} ${String(decision.best)} at step ${step} is worse than the median ${String(decision.median)} of ${decision.compared} other trial(s)`,
  });
}

/** trial.log → trial_logs. */
export async function onLog(ctx: SchedulerContext, e: TrialLog): Promise<void> {
  await appendTrialLog(ctx.db, e.trialId, { level: e.level, message: e.message });
}

/**
 * trial.finished → terminal status, results, artifacts, the producing attempt's epoch and
 * final metric rows; then the experiment.
 *
 * Events of one trial are not always applied in order: an event that a scheduler held when it
 * died comes back only after the consumer's ack_wait, while the later ones (this one included)
 * are applied meanwhile. So the finish is complete on its own: it stores the epoch points it
 * carries (a row already stored from the trial.metrics event stays as it is), and it records
 * the attempt that produced it even when that attempt's trial.started was never applied.
 */
export async function onFinished(ctx: SchedulerContext, e: TrialFinished): Promise<void> {
  const trial = await requireTrial(ctx, e.trialId);
  const finished = await recordTrialFinished(ctx.db, {
    trialId: trial.id,
    workerId: e.workerId,
    status: e.status,
    error: e.error ?? (e.status === 'STOPPED' ? (trial.error ?? 'stopped') : null),
    attemptError: e.error ?? null,
    fields: {
      finalMetrics: e.finalMetrics,
      summary: e.summary,
      provenance: e.provenance,
      ...(typeof e.summary['epochsRun'] === 'number' ? { currentEpoch: e.summary['epochsRun'] } : {}),
    },
    points: e.points,
    finals: ['test_loss', 'test_accuracy'].filter((k) => typeof e.finalMetrics[k] === 'number').map((key) => ({ key, step: 0, value: e.finalMetrics[key] as number })),
    artifacts: e.artifacts,
  });
  if (finished) {
    trialsFinished.inc({ state: e.status });
    ctx.log.info({ trialId: trial.id, status: e.status, error: e.error }, 'trial finished');
    publishTrialUpdate(ctx, finished.trial);
    if (finished.epochRows.length > 0) {
      // Epochs whose own trial.metrics event was not applied yet: the live charts get them now.
      ctx.log.warn({ trialId: trial.id, points: finished.epochRows.length }, 'trial.finished stored epoch metrics not yet ingested from trial.metrics');
      publishMetricUpdate(ctx, finished.epochRows);
    }
    // Another worker still trains this trial (a redelivery): tell it to stop, its work is moot.
    if (finished.supersededOthers) publishStop(ctx, trial.id, `finished by ${e.workerId}`);
  }
  // Always, also for a replayed event: a crash between the trial and the experiment update
  // must not leave the experiment RUNNING for ever.
  await refreshExperiment(ctx, trial.experimentId);
  ctx.kick(trial.experimentId);
}

/** Fails a trial whose dispatch exhausted max_deliver, and removes the message. */
export async function failExhausted(ctx: SchedulerContext, trialId: string, deliveries: number): Promise<Trial | null> {
  const reason = `delivery limit reached (${deliveries} deliveries)`;
  const row = await transitionTrial(ctx.db, trialId, ACTIVE_TRIAL_STATUSES, 'FAILED', { error: reason });
  if (row) {
    await finishAttempt(ctx.db, trialId, 'open', { status: 'FAILED', error: reason });
    ctx.log.warn({ trialId, deliveries }, 'trial failed: delivery limit reached');
    publishTrialUpdate(ctx, row);
    await refreshExperiment(ctx, row.experimentId);
    ctx.kick(row.experimentId);
  }
  return row;
}
