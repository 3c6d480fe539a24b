/**
 * A finished trial queued again (`trialgrid retry`, the API's retryTrial, the queue board).
 */
import { eq } from 'drizzle-orm';
import { assertTrialTransition, RETRYABLE_TRIAL_STATUSES, TERMINAL_EXPERIMENT_STATUSES } from '@trialgrid/contracts';
import type { DbExecutor } from './client.js';
import { transitionExperiment, type Experiment, type Trial } from './experiments.js';
import { experiments, metrics } from './schema.js';
import { finishAttempt, transitionTrial } from './trials.js';

/**
 * Moves `trial` (FAILED, STOPPED or CANCELLED) back to QUEUED in one transaction: the
 * experiment row is locked and the move checked against the state machine with its current
 * status (a cancelled experiment stays cancelled: CONFLICT naming it), the trial's results are
 * cleared and its metric points deleted (the new attempt logs its own), an attempt a lost worker
 * left open is closed, and a finished experiment re-opens as RUNNING. queued_at stays null until
 * the dispatcher publishes it. Returns null when the trial changed meanwhile.
 */
export async function requeueForRetry(db: DbExecutor, trial: Trial): Promise<{ trial: Trial; reopened: Experiment | null } | null> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: experiments.status }).from(experiments).where(eq(experiments.id, trial.experimentId)).for('update');
    if (locked) assertTrialTransition(trial.id, trial.status, 'QUEUED', 'retry', locked.status);
    const row = await transitionTrial(tx, trial.id, RETRYABLE_TRIAL_STATUSES, 'QUEUED', {
      queuedAt: null,
      finishedAt: null,
      startedAt: null,
      stopRequested: false,
      error: null,
      finalMetrics: null,
      summary: null,
      provenance: null,
      currentEpoch: null,
      workerId: null,
    });
    if (!row) return null;
    await tx.delete(metrics).where(eq(metrics.trialId, row.id));
    await finishAttempt(tx, row.id, 'open');
    const reopened = await transitionExperiment(tx, row.experimentId, TERMINAL_EXPERIMENT_STATUSES, 'RUNNING', { finishedAt: null, error: null, bestTrialId: null });
    return { trial: row, reopened };
  });
}
