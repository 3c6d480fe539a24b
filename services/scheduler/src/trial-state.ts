/**
 * trial.state: the command a worker sends before it trains a dispatch. Workers hold NATS
 * credentials only (no database), so the scheduler, which owns the trial rows, answers whether
 * the dispatched trial is still runnable: its status, whether a stop was requested, and how
 * many attempts have started. The dispatch message itself carries everything else a worker
 * needs (spec, training parameters, dataset).
 */
import type { CommandReplyData } from '@trialgrid/contracts';
import { getTrial } from '@trialgrid/db';
import type { SchedulerContext } from './context.js';

/** The trial's state as a worker needs it; NOT_FOUND when there is no such trial. */
export async function trialState(ctx: SchedulerContext, trialId: string): Promise<CommandReplyData<'trial.state'>> {
  const trial = await getTrial(ctx.db, trialId);
  return { trialId: trial.id, status: trial.status, stopRequested: trial.stopRequested, attempt: trial.attempt };
}
