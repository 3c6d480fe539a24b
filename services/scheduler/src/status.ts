/**
 * Experiment status follows its trials: FAILED as soon as more than maxFailedTrials trials
 * failed (the rest are cancelled); once every trial is terminal, SUCCEEDED when at least one
 * succeeded, else FAILED. A terminal experiment is announced on updates.experiment.<id> and,
 * for the registry, as `experiment.finished` on the EVENTS stream.
 */
import {
  bestTrialOf,
  experimentProgress,
  cancelActiveTrials as cancelActiveTrialsOf,
  findExperiment,
  transitionExperiment,
  type Experiment,
  type ExperimentStatus,
  type Trial,
} from '@trialgrid/db';
import { ACTIVE_EXPERIMENT_STATUSES, TERMINAL_EXPERIMENT_STATUSES } from '@trialgrid/contracts';
import { publishJs } from '@trialgrid/messaging';
import { publishExperimentUpdate, publishStop, publishTrialUpdate, type SchedulerContext } from './context.js';
import { removeDispatches } from './dispatcher.js';

/**
 * Cancels every QUEUED or RUNNING trial of an experiment: rows become CANCELLED at once
 * (stop_requested set), running workers get a stop message, open attempts are closed and
 * unstarted dispatch messages are removed from the work queue.
 */
export async function cancelActiveTrials(ctx: SchedulerContext, experimentId: string, reason: string): Promise<Trial[]> {
  const { cancelled, wereRunning: running } = await cancelActiveTrialsOf(ctx.db, experimentId, reason);
  for (const t of cancelled) {
    if (running.has(t.id)) publishStop(ctx, t.id, reason);
    publishTrialUpdate(ctx, t);
  }
  // Dispatched-but-unstarted trials would only be skipped by a worker; remove them outright.
  await removeDispatches(ctx, cancelled.filter((t) => !running.has(t.id)).map((t) => t.id));
  return cancelled;
}

/** The best SUCCEEDED trial of an experiment (libs/db bestTrialOf: the registry's choice too). */
export async function bestTrialId(ctx: SchedulerContext, experiment: Experiment): Promise<string | null> {
  const { best } = await bestTrialOf(ctx.db, experiment.id, { metric: experiment.objectiveMetric, direction: experiment.objectiveDirection });
  return best?.id ?? null;
}

/**
 * Recompute an experiment's status from its trials and persist + announce a change. Safe to
 * call any number of times (conditional transitions; the finished event has a stable msgID).
 */
export async function refreshExperiment(ctx: SchedulerContext, experimentId: string): Promise<Experiment | null> {
  const exp = await findExperiment(ctx.db, experimentId);
  if (!exp || TERMINAL_EXPERIMENT_STATUSES.includes(exp.status)) return exp;
  const p = await experimentProgress(ctx.db, experimentId);
  let to: ExperimentStatus;
  let error: string | null = null;
  if (p.FAILED > exp.maxFailedTrials) {
    to = 'FAILED';
    error = `${p.FAILED} trial(s) failed, more than maxFailedTrials (${exp.maxFailedTrials})`;
  } else if (p.total > 0 && p.finished === p.total) {
    to = p.SUCCEEDED > 0 ? 'SUCCEEDED' : 'FAILED';
    if (to === 'FAILED') error = 'no trial succeeded';
  } else {
    return exp;
  }
  const best = to === 'SUCCEEDED' ? await bestTrialId(ctx, exp) : null;
  // Announce first, then persist: if NATS is down the caller fails and retries, instead of a
  // finished experiment the registry never hears about. The msgID is the same for every
  // scheduler computing this same transition, so the event is stored once.
  await publishJs(
    ctx.m,
    ctx.m.subjects.experimentFinished(exp.id),
    'experiment.finished',
    { experimentId: exp.id, status: to, modelName: exp.modelName },
    { msgID: `${exp.id}:finished:${to}:${exp.updatedAt.getTime()}` },
  );
  const row = await transitionExperiment(ctx.db, exp.id, ACTIVE_EXPERIMENT_STATUSES, to, { error, bestTrialId: best });
  if (!row) return findExperiment(ctx.db, experimentId);
  ctx.log.info({ experimentId, status: to, error, bestTrialId: best, counts: p }, 'experiment finished');
  if (to === 'FAILED') await cancelActiveTrials(ctx, exp.id, `experiment failed: ${error ?? ''}`);
  publishExperimentUpdate(ctx, row);
  return row;
}
