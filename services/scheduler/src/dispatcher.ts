/**
 * Dispatch: publish `trial.dispatch` to the TRIALS work queue for QUEUED trials that have not
 * been published yet (queued_at NULL), keeping RUNNING + dispatched-QUEUED trials of each
 * experiment at most maxParallelTrials. The experiment row is locked (FOR UPDATE) for the
 * duration, so two scheduler instances (or two kicks) never overfill an experiment.
 */
import { dispatchWaitingTrials, getTrialParams, transitionTrial, type Experiment, type Trial } from '@trialgrid/db';
import { datasetRefSchema, trainParamsFromLogged, type ModelSpec } from '@trialgrid/contracts';
import { errorMessage, isAppError } from '@trialgrid/errors';
import { decode, deleteStreamMessage, publishJs, type TrialDispatch } from '@trialgrid/messaging';
import { trialsDispatched } from '@trialgrid/metrics';
import type { MsgRequest } from '@nats-io/jetstream';
import { publishExperimentUpdate, publishTrialUpdate, type SchedulerContext } from './context.js';

/**
 * The dispatch message of a trial, from its row, its params and its experiment. The training
 * parameters are read from the logged params through the contracts' one name map, nothing filled
 * in: AppError INVALID_INPUT naming the param (`learning_rate`) when one is missing or invalid.
 */
export function buildDispatch(trial: Trial, experiment: Experiment, params: Record<string, unknown>): TrialDispatch {
  const options = (experiment.options ?? {}) as { trainLimit?: unknown; testLimit?: unknown; dataset?: unknown };
  // Pinned at creation (experiments from before the catalog have none: the worker's mnist).
  const pinned = datasetRefSchema.safeParse(options.dataset);
  const limit = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
  const trainLimit = limit(options.trainLimit);
  const testLimit = limit(options.testLimit);
  const scalarParams: TrialDispatch['params'] = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') scalarParams[k] = v;
  }
  return {
    trialId: trial.id,
    experimentId: experiment.id,
    name: trial.name,
    dataset: experiment.dataset,
    ...(pinned.success ? { datasetRef: pinned.data } : {}),
    // Stored from buildSpec() at creation; the worker checks it against the contract on receipt.
    spec: trial.spec as ModelSpec,
    // The training parameters and options (optimizer, schedule, augmentation, early stopping) as the trial logged them.
    train: trainParamsFromLogged(params),
    params: scalarParams,
    options: { ...(trainLimit ? { trainLimit } : {}), ...(testLimit ? { testLimit } : {}) },
  };
}

/**
 * JetStream msgID of a dispatch: `<trialId>:<dispatchNo>:<queued version>` (dispatchNo =
 * attempts so far + 1; queued version = the row's updated_at in ms, which a retry or a stop
 * changes). A crash between publishing and marking the row re-publishes the same id (the
 * row is unchanged), which the duplicate window drops; a trial stopped while queued and retried
 * at once was never started, so only the version tells its new dispatch from the old one.
 */
export function dispatchMsgId(trial: Pick<Trial, 'id' | 'attempt' | 'updatedAt'>, suffix?: string): string {
  return `${trial.id}:${trial.attempt + 1}:${trial.updatedAt.getTime()}${suffix ? `:${suffix}` : ''}`;
}

export interface DispatchResult {
  dispatched: Trial[];
  experiment: Experiment | null;
}

async function publishDispatch(ctx: SchedulerContext, dispatch: TrialDispatch, msgID: string): Promise<void> {
  await publishJs(ctx.m, ctx.m.subjects.trialDispatch, 'trial.dispatch', dispatch, { msgID });
  trialsDispatched.inc();
}

/** The dispatch of a trial, or why it cannot be built (its stored params are missing or invalid). */
function tryBuildDispatch(trial: Trial, experiment: Experiment, params: Record<string, unknown>): TrialDispatch | { unfit: string } {
  try {
    return buildDispatch(trial, experiment, params);
  } catch (err) {
    if (!isAppError(err) || err.code !== 'INVALID_INPUT') throw err;
    return { unfit: `not dispatched: its stored params cannot be trained (${err.message})` };
  }
}

/**
 * Fails a QUEUED trial whose dispatch cannot be built, with the reason in its error, instead of
 * training it with other values than it planned (or retrying it for ever); then settles its
 * experiment as for any failed trial.
 */
async function failUnfit(ctx: SchedulerContext, trial: Trial, reason: string): Promise<void> {
  const row = await transitionTrial(ctx.db, trial.id, ['QUEUED'], 'FAILED', { error: reason });
  if (!row) return;
  ctx.log.error({ trialId: trial.id, experimentId: trial.experimentId, reason }, `trial ${trial.name} failed: ${reason}`);
  publishTrialUpdate(ctx, row);
  await ctx.settle(row.experimentId);
  ctx.kick(row.experimentId);
}

/**
 * Dispatch what fits for one experiment. Publishes updates after the transaction commits. A
 * trial whose dispatch cannot be built is not published; it is failed (see failUnfit) once
 * the transaction has committed.
 */
export async function dispatchExperiment(ctx: SchedulerContext, experimentId: string): Promise<DispatchResult> {
  const unfit = new Map<string, string>();
  // Publish first, then mark (in libs/db): a crash in between re-publishes with the same msgID,
  // which JetStream's duplicate window drops.
  const result = await dispatchWaitingTrials(ctx.db, experimentId, async (trial, exp, params) => {
    const dispatch = tryBuildDispatch(trial, exp, params);
    if ('unfit' in dispatch) unfit.set(trial.id, dispatch.unfit);
    else await publishDispatch(ctx, dispatch, dispatchMsgId(trial));
  });
  const dispatched = result.dispatched.filter((t) => !unfit.has(t.id));
  if (result.started) publishExperimentUpdate(ctx, result.started);
  for (const t of dispatched) publishTrialUpdate(ctx, t);
  if (dispatched.length > 0) {
    ctx.log.info({ experimentId, trials: dispatched.map((t) => t.name) }, `dispatched ${dispatched.length} trial(s)`);
  }
  for (const t of result.dispatched) {
    const reason = unfit.get(t.id);
    if (reason !== undefined) await failUnfit(ctx, t, reason);
  }
  return { dispatched, experiment: result.experiment };
}

/** Re-publish the dispatch of a trial whose message was lost (reconciliation); a trial whose dispatch cannot be built is failed instead. */
export async function redispatch(ctx: SchedulerContext, trial: Trial, experiment: Experiment): Promise<void> {
  const params = await getTrialParams(ctx.db, [trial.id]);
  const dispatch = tryBuildDispatch(trial, experiment, params.get(trial.id) ?? {});
  if ('unfit' in dispatch) return failUnfit(ctx, trial, dispatch.unfit);
  // A distinct msgID: the lost message may still sit in the duplicate window under the plain one.
  await publishDispatch(ctx, dispatch, dispatchMsgId(trial, `r${Date.now()}`));
}

/**
 * Every dispatch message currently stored in TRIALS, by trial id (stream sequences). The
 * work queue only holds trials not yet finished, so this stays small; `next_by_subj` skips
 * over deleted sequences.
 */
export async function scanDispatches(ctx: SchedulerContext, limit = 100_000): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  const stream = ctx.m.streams.trials;
  const info = await ctx.m.jsm.streams.info(stream);
  if (info.state.messages === 0) return out;
  let seq = info.state.first_seq;
  for (let n = 0; n < limit && seq <= info.state.last_seq; n++) {
    let msg;
    try {
      // The server's MSG.GET accepts next_by_subj; the client's type only lists seq/last_by_subj.
      msg = await ctx.m.jsm.streams.getMessage(stream, { seq, next_by_subj: ctx.m.subjects.trialDispatch } as unknown as MsgRequest);
    } catch (err) {
      if (/no message found/i.test(errorMessage(err))) break;
      throw err;
    }
    if (!msg) break;
    try {
      const d = decode('trial.dispatch', msg.data);
      const list = out.get(d.trialId) ?? [];
      list.push(msg.seq);
      out.set(d.trialId, list);
    } catch (err) {
      ctx.log.warn({ seq: msg.seq, err }, 'unreadable message in the trials stream');
    }
    seq = msg.seq + 1;
  }
  return out;
}

/** Remove the dispatch messages of trials that must not run any more (cancelled/stopped before start). */
export async function removeDispatches(ctx: SchedulerContext, trialIds: readonly string[]): Promise<number> {
  if (trialIds.length === 0) return 0;
  let removed = 0;
  try {
    const stored = await scanDispatches(ctx);
    for (const id of trialIds) {
      for (const seq of stored.get(id) ?? []) {
        if (await deleteStreamMessage(ctx.m, ctx.m.streams.trials, seq)) removed++;
      }
    }
  } catch (err) {
    // Harmless if it fails: a worker acks and skips a dispatch whose trial is already terminal.
    ctx.log.warn({ err }, 'could not remove dispatch messages');
  }
  return removed;
}
