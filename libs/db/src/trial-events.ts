/**
 * The writes of the scheduler's event ingestion (workers' `trial.started` and `trial.finished`),
 * each one transaction. What they decide about crashes and the poison limit stays with the
 * caller (the scheduler's crashes.ts), passed in as callbacks; the statements, their order and
 * their locks are written here.
 */
import { and, desc, eq, gte, isNotNull } from 'drizzle-orm';
import { notFound } from '@trialgrid/errors';
import { upsertArtifacts, type ArtifactRef } from './artifacts.js';
import type { DbExecutor } from './client.js';
import { isUuid } from './errors.js';
import type { Trial } from './experiments.js';
import { insertMetrics, type MetricInput, type MetricRow } from './metrics.js';
import { ACTIVE_TRIAL_STATUSES, TERMINAL_TRIAL_STATUSES, trialAttempts, trials, workers, type TrialStatus } from './schema.js';
import { finishAttempt, startAttempt, transitionTrial, updateTrial, type AttemptOutcome, type TrialAttempt, type TrialFields } from './trials.js';
import type { Worker } from './workers.js';

/** A trial's attempt row with the row of the worker it ran on (undefined: no worker id, or no heartbeat ever stored). */
export interface AttemptWithWorker {
  attempt: TrialAttempt;
  worker: Worker | undefined;
}

/**
 * Attempt number `attempt` of a trial with its worker's row, or null when there is no such
 * attempt (or the id is not a UUID). Two statements; pass a transaction to read both in it.
 */
export async function findAttemptWithWorker(db: DbExecutor, trialId: string, attempt: number): Promise<AttemptWithWorker | null> {
  if (!isUuid(trialId)) return null;
  const [row] = await db
    .select()
    .from(trialAttempts)
    .where(and(eq(trialAttempts.trialId, trialId), eq(trialAttempts.attempt, attempt)));
  if (!row) return null;
  const [worker] = row.workerId ? await db.select().from(workers).where(eq(workers.id, row.workerId)) : [];
  return { attempt: row, worker };
}

/** The caller's decisions inside `recordTrialStarted`'s transaction (all synchronous, pure). */
export interface TrialStartDecisions {
  /**
   * Asked when the trial is RUNNING and its current attempt is still open: is this start the
   * same one seen again (an event redelivered before its ack)? True: nothing is written.
   */
  isSameStart(open: TrialAttempt, worker: Worker | undefined): boolean;
  /** How the still-open attempt that this start replaces ended (it is closed with this outcome). */
  endOfReplaced(open: TrialAttempt, worker: Worker | undefined): Required<AttemptOutcome>;
  /**
   * Given the attempt numbers of this run's crashes (attempts closed FAILED since the trial's
   * `started_at`), the reason to fail the trial instead of training it, or null to train.
   */
  poisonReason(crashedAttempts: readonly number[]): string | null;
}

/** What `recordTrialStarted` did. */
export type TrialStartOutcome =
  /** Already finished (or moved away from QUEUED/RUNNING meanwhile): nothing written. */
  | { kind: 'terminal'; trial: Trial }
  /** The same start seen again (`isSameStart`): nothing written. */
  | { kind: 'duplicate'; trial: Trial }
  /** RUNNING with a new attempt on the reporting worker; `from` is the status it had before. */
  | { kind: 'started'; trial: Trial; from: TrialStatus }
  /** FAILED with `reason` (`poisonReason`); `crashes` are the crashed attempt numbers. */
  | { kind: 'poison'; trial: Trial; reason: string; crashes: number[] };

/**
 * trial.started, in one transaction with the trial row locked FOR UPDATE (concurrent events of
 * one trial apply one after the other):
 * 1. a terminal trial changes nothing (`terminal`);
 * 2. a RUNNING trial whose current attempt is open and `isSameStart` changes nothing (`duplicate`);
 * 3. an open current attempt is closed with `endOfReplaced`;
 * 4. the trial moves QUEUED/RUNNING → RUNNING with `attempt + 1`, `workerId` and no error, and that
 *    attempt is opened on `workerId`;
 * 5. when `poisonReason` of this run's crashes names one, the trial moves RUNNING → FAILED with it
 *    as the error and the new attempt is closed STOPPED "not run: <reason>" (`poison`);
 *    otherwise `started`.
 * Throws AppError('NOT_FOUND') for an unknown trial (or an id that is not a UUID).
 */
export async function recordTrialStarted(db: DbExecutor, trialId: string, workerId: string, decide: TrialStartDecisions): Promise<TrialStartOutcome> {
  if (!isUuid(trialId)) throw notFound('trial', trialId);
  return db.transaction(async (tx): Promise<TrialStartOutcome> => {
    const [trial] = await tx.select().from(trials).where(eq(trials.id, trialId)).for('update');
    if (!trial) throw notFound('trial', trialId);
    if (TERMINAL_TRIAL_STATUSES.includes(trial.status)) return { kind: 'terminal', trial };
    const current = await findAttemptWithWorker(tx, trial.id, trial.attempt);
    const open = current && current.attempt.finishedAt === null ? current : null;
    if (trial.status === 'RUNNING' && open && decide.isSameStart(open.attempt, open.worker)) return { kind: 'duplicate', trial };
    if (open) await finishAttempt(tx, trial.id, trial.attempt, decide.endOfReplaced(open.attempt, open.worker));
    const attempt = trial.attempt + 1;
    const row = await transitionTrial(tx, trial.id, ACTIVE_TRIAL_STATUSES, 'RUNNING', { attempt, workerId, error: null });
    if (!row) return { kind: 'terminal', trial };
    await startAttempt(tx, trial.id, attempt, workerId);
    // Crashes of this run (attempts since the trial last started from QUEUED after a retry):
    // the only attempts closed FAILED before the trial ended are the crashes of step 3.
    const crashes = await tx
      .select({ attempt: trialAttempts.attempt })
      .from(trialAttempts)
      .where(
        and(
          eq(trialAttempts.trialId, trial.id),
          eq(trialAttempts.status, 'FAILED'),
          isNotNull(trialAttempts.finishedAt),
          row.startedAt ? gte(trialAttempts.startedAt, row.startedAt) : undefined,
        ),
      );
    const crashed = crashes.map((c) => c.attempt);
    const reason = decide.poisonReason(crashed);
    if (reason !== null) {
      const failed = await transitionTrial(tx, trial.id, ['RUNNING'], 'FAILED', { error: reason });
      await finishAttempt(tx, trial.id, attempt, { status: 'STOPPED', error: `not run: ${reason}` });
      return { kind: 'poison', trial: failed ?? row, reason, crashes: crashed };
    }
    return { kind: 'started', trial: row, from: trial.status };
  });
}

/** A worker's result of a trial, as `recordTrialFinished` stores it. */
export interface TrialFinishInput {
  trialId: string;
  /** The worker that reports it; its latest attempt is the one that produced the result. */
  workerId: string;
  /** A terminal status (SUCCEEDED, FAILED, STOPPED, ...). */
  status: TrialStatus;
  /** The trial's error column (null clears it); also the producing attempt's error. */
  error: string | null;
  /** The attempt's own error (null: none); default `error`. */
  attemptError?: string | null;
  /** Columns set with the transition (finalMetrics, summary, provenance, currentEpoch, ...). */
  fields?: Omit<TrialFields, 'workerId' | 'error' | 'attempt' | 'incrementAttempt'>;
  /** Epoch points carried by the event (a point already stored stays as it is). */
  points: readonly MetricInput[];
  /** Final points (e.g. test_loss at step 0), stored like `points` but not returned. */
  finals?: readonly MetricInput[];
  artifacts: readonly ArtifactRef[];
}

/** What `recordTrialFinished` stored. */
export interface TrialFinishOutcome {
  /** The finished trial. */
  trial: Trial;
  /** Rows of `points` that were not stored yet (their trial.metrics event was not applied). */
  epochRows: MetricRow[];
  /** Whether another open attempt (a redelivery on another worker) was closed as superseded. */
  supersededOthers: boolean;
}

/**
 * trial.finished, in one transaction: the trial moves QUEUED/RUNNING → `status` with `fields`,
 * `workerId` and `error`; the points, finals and artifacts are stored; the attempt that produced
 * the result (the reporting worker's latest; opened now, and the trial's `attempt` set to it, when
 * its trial.started was never applied) is closed with `status` and the attempt error; every other
 * open attempt is closed STOPPED "superseded: attempt N on W finished the trial".
 * Returns null, writing nothing, when the trial was no longer QUEUED/RUNNING (a replayed event);
 * AppError('NOT_FOUND') for an unknown trial; INVALID_INPUT for malformed points.
 */
export async function recordTrialFinished(db: DbExecutor, input: TrialFinishInput): Promise<TrialFinishOutcome | null> {
  return db.transaction(async (tx) => {
    let row = await transitionTrial(tx, input.trialId, ACTIVE_TRIAL_STATUSES, input.status, { ...input.fields, workerId: input.workerId, error: input.error });
    if (!row) return null;
    const epochRows = await insertMetrics(tx, row.id, row.experimentId, input.points);
    await insertMetrics(tx, row.id, row.experimentId, input.finals ?? []);
    await upsertArtifacts(tx, row.id, input.artifacts);
    // After a redelivery the producing attempt may already be closed as FAILED ("redelivered to
    // ...") while a newer attempt on another worker is open; that one is superseded now.
    const [latest] = await tx
      .select({ attempt: trialAttempts.attempt })
      .from(trialAttempts)
      .where(and(eq(trialAttempts.trialId, row.id), eq(trialAttempts.workerId, input.workerId)))
      .orderBy(desc(trialAttempts.attempt))
      .limit(1);
    let producer = latest?.attempt;
    if (producer === undefined) {
      // Its trial.started is not applied yet (held by a scheduler that died, say): open the
      // attempt now. When that event comes, the trial is terminal and it changes nothing.
      producer = row.attempt + 1;
      await startAttempt(tx, row.id, producer, input.workerId);
      row = await updateTrial(tx, row.id, { attempt: producer });
    }
    await finishAttempt(tx, row.id, producer, { status: input.status, error: input.attemptError === undefined ? input.error : input.attemptError });
    const superseded = await finishAttempt(tx, row.id, 'open', { status: 'STOPPED', error: `superseded: attempt ${producer} on ${input.workerId} finished the trial` });
    return { trial: row, epochRows, supersededOthers: superseded.length > 0 };
  });
}
