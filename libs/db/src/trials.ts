import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { notFound } from '@trialgrid/errors';
import type { DbExecutor } from './client.js';
import { checkPageSize } from './cursor.js';
import { isUuid, withDbErrors } from './errors.js';
import type { Trial } from './experiments.js';
import { ACTIVE_TRIAL_STATUSES, TRIAL_TRANSITIONS } from '@trialgrid/contracts';
import { TERMINAL_TRIAL_STATUSES, trialAttempts, trialLogs, trialParams, trials, type TrialStatus } from './schema.js';

export type TrialAttempt = typeof trialAttempts.$inferSelect;
export type TrialLog = typeof trialLogs.$inferSelect;

/** The trial, or null when there is none with that id. */
export async function findTrial(db: DbExecutor, id: string): Promise<Trial | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(trials).where(eq(trials.id, id));
  return row ?? null;
}

/** The trial; AppError('NOT_FOUND') when unknown. */
export async function getTrial(db: DbExecutor, id: string): Promise<Trial> {
  const row = await findTrial(db, id);
  if (!row) throw notFound('trial', id);
  return row;
}

/** Hyperparameters per trial id; every requested (valid) id is present, with {} when it has none. */
export async function getTrialParams(db: DbExecutor, trialIds: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  const ids = [...new Set(trialIds.filter(isUuid))];
  const out = new Map<string, Record<string, unknown>>(ids.map((id) => [id, {}]));
  if (ids.length === 0) return out;
  const rows = await db.select().from(trialParams).where(inArray(trialParams.trialId, ids)).orderBy(asc(trialParams.key));
  for (const r of rows) (out.get(r.trialId) as Record<string, unknown>)[r.key] = r.value;
  return out;
}

/** Columns a transition (or `updateTrial`) may also set. */
export interface TrialFields {
  workerId?: string | null;
  attempt?: number;
  currentEpoch?: number | null;
  stopRequested?: boolean;
  finalMetrics?: unknown;
  /** Structured results: confusion matrix, per-class accuracy, epochs run, ... */
  summary?: unknown;
  provenance?: unknown;
  error?: string | null;
  queuedAt?: Date | null;
  startedAt?: Date | null;
  finishedAt?: Date | null;
  /** `attempt = attempt + 1` in the same statement (ignored when `attempt` is given). */
  incrementAttempt?: boolean;
}

// TrialFields minus the flag, as drizzle `set` values.
function columnsOf(fields: TrialFields) {
  const { incrementAttempt, ...columns } = fields;
  return incrementAttempt && columns.attempt === undefined ? { ...columns, attempt: sql<number>`${trials.attempt} + 1` } : columns;
}

/**
 * Moves a trial to `to` only if its current status is one of `from`, in a single
 * `UPDATE ... WHERE status IN (...) RETURNING`, so concurrent deliveries and stop requests
 * cannot both win. Returns the updated trial, or null when it was in another state;
 * AppError('NOT_FOUND') when the trial is unknown.
 *
 * Defaults: entering RUNNING sets started_at (first time only); entering QUEUED sets
 * queued_at and clears finished_at; entering a terminal state sets finished_at.
 */
export async function transitionTrial(
  db: DbExecutor,
  id: string,
  from: readonly TrialStatus[],
  to: TrialStatus,
  fields: TrialFields = {},
): Promise<Trial | null> {
  if (!isUuid(id)) throw notFound('trial', id);
  const terminal = TERMINAL_TRIAL_STATUSES.includes(to);
  // The state machine (contracts' TRIAL_TRANSITIONS) is enforced here: a source state that may
  // not move to `to` never matches, whatever the caller asked for.
  const sources = from.filter((f) => TRIAL_TRANSITIONS[f].includes(to));
  if (sources.length === 0) {
    if (!(await findTrial(db, id))) throw notFound('trial', id);
    return null;
  }
  const [row] = await db
    .update(trials)
    .set({
      ...columnsOf(fields),
      ...(to === 'RUNNING' && fields.startedAt === undefined ? { startedAt: sql`coalesce(${trials.startedAt}, now())` } : {}),
      ...(to === 'QUEUED' && fields.queuedAt === undefined ? { queuedAt: sql`now()` } : {}),
      ...(to === 'QUEUED' && fields.finishedAt === undefined ? { finishedAt: null } : {}),
      ...(terminal && fields.finishedAt === undefined ? { finishedAt: sql`now()` } : {}),
      status: to,
      updatedAt: sql`now()`,
    })
    .where(and(eq(trials.id, id), inArray(trials.status, sources)))
    .returning();
  if (row) return row;
  if (!(await findTrial(db, id))) throw notFound('trial', id);
  return null;
}

/** Sets fields without touching the status (progress such as current_epoch). NOT_FOUND when unknown. */
export async function updateTrial(db: DbExecutor, id: string, fields: TrialFields): Promise<Trial> {
  if (!isUuid(id)) throw notFound('trial', id);
  const [row] = await db
    .update(trials)
    .set({ ...columnsOf(fields), updatedAt: sql`now()` })
    .where(eq(trials.id, id))
    .returning();
  if (!row) throw notFound('trial', id);
  return row;
}

/**
 * Raises a trial's `current_epoch` to `epoch` (epochs done, 1-based) unless it already is at
 * least that (NULL counts as 0), in one conditional UPDATE, so late or redelivered metric
 * events never move it back. Returns the updated trial, or null when nothing changed (also for
 * an unknown trial or an id that is not a UUID).
 */
export async function advanceCurrentEpoch(db: DbExecutor, id: string, epoch: number): Promise<Trial | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .update(trials)
    .set({ currentEpoch: epoch, updatedAt: sql`now()` })
    .where(and(eq(trials.id, id), sql`coalesce(${trials.currentEpoch}, 0) < ${epoch}`))
    .returning();
  return row ?? null;
}

/** Status per trial id, for those of `ids` that exist (ids that are not UUIDs are skipped). */
export async function trialStatuses(db: DbExecutor, ids: readonly string[]): Promise<Map<string, TrialStatus>> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (valid.length === 0) return new Map();
  const rows = await db.select({ id: trials.id, status: trials.status }).from(trials).where(inArray(trials.id, valid));
  return new Map(rows.map((r) => [r.id, r.status]));
}

/**
 * Flags a QUEUED or RUNNING trial for stopping (the worker checks the flag / gets a control
 * message). Returns the trial, or null when it had already finished; NOT_FOUND when unknown.
 */
export async function requestStop(db: DbExecutor, id: string): Promise<Trial | null> {
  if (!isUuid(id)) throw notFound('trial', id);
  const [row] = await db
    .update(trials)
    .set({ stopRequested: true, updatedAt: sql`now()` })
    .where(and(eq(trials.id, id), inArray(trials.status, ACTIVE_TRIAL_STATUSES)))
    .returning();
  if (row) return row;
  if (!(await findTrial(db, id))) throw notFound('trial', id);
  return null;
}

/**
 * Records that delivery `attempt` of a trial started on `workerId`. A redelivery of the same
 * attempt number overwrites the row (idempotent). NOT_FOUND when the trial is unknown.
 */
export async function startAttempt(db: DbExecutor, trialId: string, attempt: number, workerId: string | null): Promise<TrialAttempt> {
  if (!isUuid(trialId)) throw notFound('trial', trialId);
  const [row] = await withDbErrors('trial attempt', () =>
    db
      .insert(trialAttempts)
      .values({ trialId, attempt, workerId, status: 'RUNNING' })
      .onConflictDoUpdate({
        target: [trialAttempts.trialId, trialAttempts.attempt],
        set: { workerId, status: 'RUNNING', error: null, startedAt: sql`now()`, finishedAt: null },
      })
      .returning(),
  );
  return row as TrialAttempt;
}

/** How an attempt ended: its status and error (absent: the attempt keeps what it has). */
export interface AttemptOutcome {
  status?: TrialStatus;
  error?: string | null;
}

/**
 * Closes attempts with their outcome and the finish time now — the one place the "close the
 * attempt" update is written. `which`: an attempt number (that attempt of each trial, closed or
 * not: a reported result overrides an earlier guess such as "redelivered"), or 'open' (every
 * attempt of each trial that is still open). Returns the attempts it changed; unknown trials or
 * attempts change nothing.
 */
export async function finishAttempt(db: DbExecutor, trialIds: string | readonly string[], which: number | 'open', outcome: AttemptOutcome = {}): Promise<TrialAttempt[]> {
  const ids = ([] as string[]).concat(trialIds).filter(isUuid);
  if (ids.length === 0) return [];
  return db
    .update(trialAttempts)
    .set({
      ...(outcome.status !== undefined ? { status: outcome.status } : {}),
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
      finishedAt: sql`now()`,
    })
    .where(and(inArray(trialAttempts.trialId, ids), which === 'open' ? isNull(trialAttempts.finishedAt) : eq(trialAttempts.attempt, which)))
    .returning();
}

/** Attempts of a trial, oldest first. */
export async function listAttempts(db: DbExecutor, trialId: string): Promise<TrialAttempt[]> {
  if (!isUuid(trialId)) return [];
  return db.select().from(trialAttempts).where(eq(trialAttempts.trialId, trialId)).orderBy(asc(trialAttempts.attempt));
}

export interface TrialLogInput {
  message: string;
  /** Default 'info'. */
  level?: string;
  loggedAt?: Date;
}

/** Appends log lines to a trial; NOT_FOUND when the trial is unknown. */
export async function appendTrialLog(db: DbExecutor, trialId: string, lines: TrialLogInput | readonly TrialLogInput[]): Promise<TrialLog[]> {
  if (!isUuid(trialId)) throw notFound('trial', trialId);
  const list = ([] as TrialLogInput[]).concat(lines);
  if (list.length === 0) return [];
  return withDbErrors('trial log', () =>
    db
      .insert(trialLogs)
      .values(list.map((l) => ({ trialId, message: l.message, level: l.level ?? 'info', ...(l.loggedAt ? { loggedAt: l.loggedAt } : {}) })))
      .returning(),
  );
}

/** The last `n` log lines of a trial in chronological order; `afterId` returns only newer lines. */
export async function tailTrialLogs(db: DbExecutor, trialId: string, n = 100, options: { afterId?: number } = {}): Promise<TrialLog[]> {
  if (!isUuid(trialId)) return [];
  const limit = checkPageSize(n, 10_000, 'n');
  const rows = await db
    .select()
    .from(trialLogs)
    .where(and(eq(trialLogs.trialId, trialId), options.afterId === undefined ? undefined : sql`${trialLogs.id} > ${options.afterId}`))
    .orderBy(desc(trialLogs.id))
    .limit(limit);
  return rows.reverse();
}

/**
 * Cancels every QUEUED or RUNNING trial of an experiment (it is being cancelled), with a stop
 * request and `reason` as their error, and closes their open attempts — one transaction, the
 * rows locked first. Returns the cancelled trials and the ids of those that were RUNNING (their
 * workers must be told to stop).
 */
export async function cancelActiveTrials(db: DbExecutor, experimentId: string, reason: string): Promise<{ cancelled: Trial[]; wereRunning: Set<string> }> {
  if (!isUuid(experimentId)) return { cancelled: [], wereRunning: new Set() };
  return db.transaction(async (tx) => {
    const active = and(eq(trials.experimentId, experimentId), inArray(trials.status, ACTIVE_TRIAL_STATUSES));
    const before = await tx.select({ id: trials.id, status: trials.status }).from(trials).where(active).for('update');
    if (before.length === 0) return { cancelled: [], wereRunning: new Set<string>() };
    const cancelled = await tx
      .update(trials)
      .set({ status: 'CANCELLED', stopRequested: true, error: reason, finishedAt: sql`now()`, updatedAt: sql`now()` })
      .where(active)
      .returning();
    await finishAttempt(tx, cancelled.map((r) => r.id), 'open', { status: 'CANCELLED', error: reason });
    return { cancelled, wereRunning: new Set(before.filter((b) => b.status === 'RUNNING').map((b) => b.id)) };
  });
}
