/**
 * The scheduler's dispatch bookkeeping: which QUEUED trials of an experiment may be published to
 * the workers now (maxParallelTrials), and `queued_at` marking those that were. `queued_at` stays
 * NULL until the trial's dispatch message is published.
 */
import { and, asc, count, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbExecutor } from './client.js';
import { isUuid } from './errors.js';
import { transitionExperiment, type Experiment, type Trial } from './experiments.js';
import { ACTIVE_EXPERIMENT_STATUSES, experiments, trials } from './schema.js';
import { getTrialParams } from './trials.js';

export interface DispatchOutcome {
  /** The trials published and marked (queued_at set), in index order. */
  dispatched: Trial[];
  /** The experiment as it is now (null when unknown or no longer PENDING/RUNNING). */
  experiment: Experiment | null;
  /** The experiment when this dispatch moved it PENDING → RUNNING, else null. */
  started: Experiment | null;
}

/**
 * Publishes what fits for one experiment, in one transaction with the experiment row locked:
 * free slots = maxParallelTrials − (RUNNING + published QUEUED trials); the unpublished QUEUED
 * trials without a stop request fill them in index order. For each, `publish(trial, experiment,
 * params)` runs first and then the trial is marked — a crash in between re-publishes, which the
 * caller makes harmless with a stable message id. A first dispatch moves a PENDING experiment to
 * RUNNING. `publish` errors abort the transaction (nothing marked).
 */
export async function dispatchWaitingTrials(
  db: DbExecutor,
  experimentId: string,
  publish: (trial: Trial, experiment: Experiment, params: Record<string, unknown>) => Promise<void>,
): Promise<DispatchOutcome> {
  if (!isUuid(experimentId)) return { dispatched: [], experiment: null, started: null };
  return db.transaction(async (tx) => {
    const [exp] = await tx.select().from(experiments).where(eq(experiments.id, experimentId)).for('update');
    if (!exp || !ACTIVE_EXPERIMENT_STATUSES.includes(exp.status)) return { dispatched: [], experiment: null, started: null };
    const [active] = await tx
      .select({ n: count() })
      .from(trials)
      .where(and(eq(trials.experimentId, experimentId), or(eq(trials.status, 'RUNNING'), and(eq(trials.status, 'QUEUED'), isNotNull(trials.queuedAt)))));
    const slots = exp.maxParallelTrials - (active?.n ?? 0);
    if (slots <= 0) return { dispatched: [], experiment: exp, started: null };
    const candidates = await tx
      .select()
      .from(trials)
      .where(and(eq(trials.experimentId, experimentId), eq(trials.status, 'QUEUED'), isNull(trials.queuedAt), eq(trials.stopRequested, false)))
      .orderBy(asc(trials.index))
      .limit(slots);
    if (candidates.length === 0) return { dispatched: [], experiment: exp, started: null };
    const params = await getTrialParams(tx, candidates.map((t) => t.id));
    const dispatched: Trial[] = [];
    for (const trial of candidates) {
      await publish(trial, exp, params.get(trial.id) ?? {});
      const [row] = await tx
        .update(trials)
        .set({ queuedAt: sql`now()`, updatedAt: sql`now()` })
        .where(and(eq(trials.id, trial.id), eq(trials.status, 'QUEUED'), isNull(trials.queuedAt)))
        .returning();
      if (row) dispatched.push(row);
    }
    const started = exp.status === 'PENDING' && dispatched.length > 0 ? await transitionExperiment(tx, exp.id, ['PENDING'], 'RUNNING') : null;
    return { dispatched, experiment: started ?? exp, started };
  });
}

/** Experiments (PENDING or RUNNING) that have trials waiting to be published. */
export async function experimentsWithWork(db: DbExecutor): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: trials.experimentId })
    .from(trials)
    .innerJoin(experiments, eq(experiments.id, trials.experimentId))
    .where(and(eq(trials.status, 'QUEUED'), isNull(trials.queuedAt), inArray(experiments.status, ACTIVE_EXPERIMENT_STATUSES)));
  return rows.map((r) => r.id);
}

/** Marks a trial dispatched again now (its lost message was re-published). */
export async function markRedispatched(db: DbExecutor, trialId: string): Promise<void> {
  if (!isUuid(trialId)) return;
  await db.update(trials).set({ queuedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(trials.id, trialId));
}

/**
 * Trials in flight that have not changed since `notUpdatedSince` (the reconciler's candidates):
 * RUNNING trials, and QUEUED trials already dispatched (queued_at set), of PENDING or RUNNING
 * experiments, whose updated_at is before it. In no particular order.
 */
export async function stalledTrials(db: DbExecutor, notUpdatedSince: Date): Promise<Trial[]> {
  const rows = await db
    .select({ trial: trials })
    .from(trials)
    .innerJoin(experiments, eq(experiments.id, trials.experimentId))
    .where(
      and(
        inArray(experiments.status, ACTIVE_EXPERIMENT_STATUSES),
        or(eq(trials.status, 'RUNNING'), and(eq(trials.status, 'QUEUED'), isNotNull(trials.queuedAt))),
        lt(trials.updatedAt, notUpdatedSince),
      ),
    );
  return rows.map((r) => r.trial);
}
