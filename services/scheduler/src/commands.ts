/**
 * The scheduler's commands (NATS request/reply, served with libs/messaging serveCommand):
 *
 * experiment.create, experiment.cancel, dataset.register, trial.stop, trial.retry; their request and reply shapes
 * are the command table of @trialgrid/contracts (COMMANDS), checked at both ends. The workers'
 * trial.state is in trial-state.ts.
 *
 * Errors travel as AppError codes: INVALID_INPUT (details.field), NOT_FOUND, CONFLICT.
 */
import { ACTIVE_EXPERIMENT_STATUSES, assertRetryable, TERMINAL_EXPERIMENT_STATUSES, type CommandReplyData, type CommandRequest, type ExperimentStatus, type TrialStatus } from '@trialgrid/contracts';
import {
  datasetRef,
  getExperiment,
  requireDataset,
  getTrial,
  insertExperimentWithTrials,
  requestStop,
  requeueForRetry,
  transitionExperiment,
  transitionTrial,
  updateTrial,
  TERMINAL_TRIAL_STATUSES,
} from '@trialgrid/db';
import { conflict } from '@trialgrid/errors';
import { publishJs } from '@trialgrid/messaging';
import { planExperiment } from '@trialgrid/sweep';
import { publishExperimentUpdate, publishStop, publishTrialUpdate, type SchedulerContext } from './context.js';
import { removeDispatches } from './dispatcher.js';
import { cancelActiveTrials, refreshExperiment } from './status.js';

export type CreateReply = CommandReplyData<'experiment.create'>;

/** experiment.create: validate + expand (libs/sweep), then write everything in one transaction. */
export async function createExperiment(ctx: SchedulerContext, input: CommandRequest<'experiment.create'>): Promise<CreateReply> {
  // Throws INVALID_INPUT before anything is written: an unknown dataset, then the plan.
  const dataset = datasetRef(await requireDataset(ctx.db, input.dataset));
  const plan = planExperiment(input, { maxTrials: ctx.config.maxGridTrials, data: { inputShape: dataset.imageShape, numClasses: dataset.numClasses } });
  // One transaction. queued_at stays NULL until the dispatcher has published the trial.
  const { experiment: created } = await insertExperimentWithTrials(
    ctx.db,
    {
      name: plan.name,
      dataset: plan.dataset,
      objectiveMetric: plan.objective.metric,
      objectiveDirection: plan.objective.direction,
      searchSpace: plan.searchSpace,
      status: 'PENDING',
      maxParallelTrials: plan.maxParallelTrials,
      maxFailedTrials: plan.maxFailedTrials,
      earlyStopping: plan.earlyStopping,
      modelName: plan.modelName,
      // The catalog entry is pinned: every trial trains on the data the experiment was created for.
      options: { ...plan.options, dataset },
    },
    plan.trials.map((t) => ({ index: t.index, name: t.name, spec: t.spec, params: t.params, queuedAt: null })),
  );
  ctx.log.info({ experimentId: created.id, name: created.name, trials: plan.trials.length }, 'experiment created');
  publishExperimentUpdate(ctx, created);
  ctx.kick(created.id);
  return { experimentId: created.id, trialCount: plan.trials.length };
}

/** experiment.cancel: the experiment and every unfinished trial become CANCELLED; workers are told to stop. */
export async function cancelExperiment(ctx: SchedulerContext, experimentId: string): Promise<{ experimentId: string; status: ExperimentStatus }> {
  const exp = await getExperiment(ctx.db, experimentId);
  if (exp.status === 'CANCELLED') return { experimentId: exp.id, status: exp.status };
  if (TERMINAL_EXPERIMENT_STATUSES.includes(exp.status)) throw conflict(`experiment ${exp.id} already finished (${exp.status})`, { status: exp.status });
  const row = await transitionExperiment(ctx.db, exp.id, ACTIVE_EXPERIMENT_STATUSES, 'CANCELLED', { error: 'cancelled by request' });
  if (!row) {
    const now = await getExperiment(ctx.db, exp.id);
    if (now.status === 'CANCELLED') return { experimentId: now.id, status: now.status };
    throw conflict(`experiment ${exp.id} already finished (${now.status})`, { status: now.status });
  }
  const cancelled = await cancelActiveTrials(ctx, exp.id, 'experiment cancelled');
  ctx.log.info({ experimentId: exp.id, trials: cancelled.length }, 'experiment cancelled');
  publishExperimentUpdate(ctx, row);
  try {
    await publishJs(ctx.m, ctx.m.subjects.experimentFinished(exp.id), 'experiment.finished', { experimentId: exp.id, status: 'CANCELLED', modelName: exp.modelName }, {
      msgID: `${exp.id}:finished:CANCELLED:${exp.updatedAt.getTime()}`,
    });
  } catch (err) {
    ctx.log.warn({ experimentId: exp.id, err }, 'could not publish experiment.finished for a cancelled experiment');
  }
  return { experimentId: row.id, status: row.status };
}

/**
 * trial.stop: a QUEUED trial becomes STOPPED at once (its dispatch is removed); a RUNNING one
 * is flagged and its worker told to stop: it reports STOPPED when the current batch ends.
 */
export async function stopTrial(
  ctx: SchedulerContext,
  trialId: string,
  reason = 'stopped by request',
): Promise<{ trialId: string; status: TrialStatus; stopRequested: boolean }> {
  const trial = await getTrial(ctx.db, trialId);
  if (TERMINAL_TRIAL_STATUSES.includes(trial.status)) throw conflict(`trial ${trial.id} already finished (${trial.status})`, { status: trial.status });
  if (trial.status === 'QUEUED') {
    const row = await transitionTrial(ctx.db, trial.id, ['QUEUED'], 'STOPPED', { stopRequested: true, error: reason });
    if (row) {
      await removeDispatches(ctx, [row.id]);
      publishTrialUpdate(ctx, row);
      await refreshExperiment(ctx, row.experimentId);
      ctx.kick(row.experimentId);
      return { trialId: row.id, status: row.status, stopRequested: true };
    }
  }
  const flagged = await requestStop(ctx.db, trial.id);
  if (!flagged) {
    const now = await getTrial(ctx.db, trial.id);
    throw conflict(`trial ${trial.id} already finished (${now.status})`, { status: now.status });
  }
  await updateTrial(ctx.db, trial.id, { error: reason });
  publishStop(ctx, trial.id, reason);
  return { trialId: flagged.id, status: flagged.status, stopRequested: true };
}

/**
 * trial.retry: a FAILED, STOPPED or CANCELLED trial goes back to QUEUED (not yet dispatched),
 * its old metric points are dropped (the new attempt logs its own), and a finished
 * experiment re-opens as RUNNING.
 */
export async function retryTrial(ctx: SchedulerContext, trialId: string): Promise<{ trialId: string; status: TrialStatus }> {
  const trial = await getTrial(ctx.db, trialId);
  // The same check as the queue board's "retry all" (contracts): a retryable status, and a
  // cancelled experiment stays cancelled (CONFLICT naming the state).
  const experiment = await getExperiment(ctx.db, trial.experimentId);
  assertRetryable(trial.id, trial.status, experiment.status);
  // Re-checked under a row lock in libs/db, so a cancel that lands meanwhile wins.
  const result = await requeueForRetry(ctx.db, trial);
  if (!result) {
    const now = await getTrial(ctx.db, trial.id);
    throw conflict(`trial ${trial.id} changed meanwhile (now ${now.status})`, { status: now.status });
  }
  ctx.log.info({ trialId: trial.id, previous: trial.status }, 'trial queued for retry');
  publishTrialUpdate(ctx, result.trial);
  if (result.reopened) publishExperimentUpdate(ctx, result.reopened);
  ctx.kick(result.trial.experimentId);
  return { trialId: result.trial.id, status: result.trial.status };
}
