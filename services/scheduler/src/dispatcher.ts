/**
 * Dispatch: publish `trial.dispatch` to the TRIALS work queue for QUEUED trials that have not
 * been published yet (queued_at NULL), keeping RUNNING + dispatched-QUEUED trials of each
 * experiment at most maxParallelTrials. The experiment row is locked (FOR UPDATE) for the
 * duration, so two scheduler instances (or two kicks) never overfill an experiment.
 */
import { dispatchWaitingTrials, getTrialParams, type Experiment, type Trial } from '@trialgrid/db';
import { datasetRefSchema, trainOptionsFromLogged, type ModelSpec } from '@trialgrid/contracts';
import { errorMessage } from '@trialgrid/errors';
import { decode, deleteStreamMessage, publishJs, type TrialDispatch } from '@trialgrid/messaging';
import { trialsDispatched } from '@trialgrid/metrics';
import type { MsgRequest } from '@nats-io/jetstream';
import { DEFAULT_TRAIN_PARAMS } from '@trialgrid/sweep';
import { publishExperimentUpdate, publishTrialUpdate, type SchedulerContext } from './context.js';

const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** The dispatch message of a trial, from its row, its params and its experiment. */
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
    train: {
      // The training options (optimizer, schedule, augmentation, early stopping) as the trial logged them.
      ...trainOptionsFromLogged(params),
      learningRate: num(params['learning_rate'], DEFAULT_TRAIN_PARAMS.learningRate),
      batchSize: num(params['batch_size'], DEFAULT_TRAIN_PARAMS.batchSize),
      epochs: num(params['epochs'], DEFAULT_TRAIN_PARAMS.epochs),
      validationSplit: num(params['validation_split'], DEFAULT_TRAIN_PARAMS.validationSplit),
      seed: num(params['seed'], DEFAULT_TRAIN_PARAMS.seed),
    },
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

/** Dispatch what fits for one experiment. Publishes updates after the transaction commits. */
export async function dispatchExperiment(ctx: SchedulerContext, experimentId: string): Promise<DispatchResult> {
  // Publish first, then mark (in libs/db): a crash in between re-publishes with the same msgID,
  // which JetStream's duplicate window drops.
  const result = await dispatchWaitingTrials(ctx.db, experimentId, (trial, exp, params) => publishDispatch(ctx, buildDispatch(trial, exp, params), dispatchMsgId(trial)));
  if (result.started) publishExperimentUpdate(ctx, result.started);
  for (const t of result.dispatched) publishTrialUpdate(ctx, t);
  if (result.dispatched.length > 0) {
    ctx.log.info({ experimentId, trials: result.dispatched.map((t) => t.name) }, `dispatched ${result.dispatched.length} trial(s)`);
  }
  return { dispatched: result.dispatched, experiment: result.experiment };
}

/** Re-publish the dispatch of a trial whose message was lost (reconciliation). */
export async function redispatch(ctx: SchedulerContext, trial: Trial, experiment: Experiment): Promise<void> {
  const params = await getTrialParams(ctx.db, [trial.id]);
  // A distinct msgID: the lost message may still sit in the duplicate window under the plain one.
  await publishDispatch(ctx, buildDispatch(trial, experiment, params.get(trial.id) ?? {}), dispatchMsgId(trial, `r${Date.now()}`));
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
