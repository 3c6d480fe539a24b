import { and, count, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { AppError, notFound } from '@trialgrid/errors';
import type { DbExecutor } from './client.js';
import { checkPageSize, decodeCursor, encodeCursor } from './cursor.js';
import { isUuid, withDbErrors } from './errors.js';
import { ACTIVE_EXPERIMENT_STATUSES, EXPERIMENT_TRANSITIONS, TERMINAL_EXPERIMENT_STATUSES } from '@trialgrid/contracts';
import { experiments, trialParams, trials, TRIAL_STATUSES, type ExperimentStatus, type TrialStatus } from './schema.js';

export type Experiment = typeof experiments.$inferSelect;
export type NewExperiment = typeof experiments.$inferInsert;
export type Trial = typeof trials.$inferSelect;

/** One trial to create with its experiment. `params` become trial_params rows (one per key). */
export interface NewTrialInput {
  index: number;
  name: string;
  /** The ModelSpec (libs/ml) the worker trains. */
  spec: unknown;
  params: Record<string, unknown>;
  /** Default QUEUED. */
  status?: TrialStatus;
  /**
   * When the trial's dispatch was published. Default now() for QUEUED trials (as if dispatched);
   * null: not dispatched yet (the scheduler's dispatcher sets it when it publishes the trial).
   */
  queuedAt?: Date | null;
}

export interface ExperimentWithTrials {
  experiment: Experiment;
  trials: Trial[];
}

/**
 * Creates an experiment, its trials and their params in one transaction (all or nothing).
 * `trialCount` is set from `trialInputs`. Duplicate trial indexes → AppError('CONFLICT').
 */
export async function insertExperimentWithTrials(
  db: DbExecutor,
  experiment: NewExperiment,
  trialInputs: readonly NewTrialInput[],
): Promise<ExperimentWithTrials> {
  return withDbErrors('experiment', () =>
    db.transaction(async (tx) => {
      const [exp] = await tx
        .insert(experiments)
        .values({ ...experiment, trialCount: trialInputs.length })
        .returning();
      if (!exp) throw new AppError('INTERNAL', 'experiment insert returned no row');
      if (trialInputs.length === 0) return { experiment: exp, trials: [] };

      const now = new Date();
      const inserted: Trial[] = [];
      // Chunked so a very large sweep stays under Postgres' 65535 bind-parameter limit.
      for (let i = 0; i < trialInputs.length; i += 1000) {
        const chunk = trialInputs.slice(i, i + 1000);
        const rows = await tx
          .insert(trials)
          .values(
            chunk.map((t) => {
              const status = t.status ?? 'QUEUED';
              return {
                experimentId: exp.id,
                index: t.index,
                name: t.name,
                spec: t.spec,
                status,
                queuedAt: t.queuedAt !== undefined ? t.queuedAt : status === 'QUEUED' ? now : null,
              };
            }),
          )
          .returning();
        inserted.push(...rows);
      }
      inserted.sort((a, b) => a.index - b.index);

      const byIndex = new Map(inserted.map((t) => [t.index, t.id]));
      const paramRows = trialInputs.flatMap((t) =>
        Object.entries(t.params).map(([key, value]) => ({
          trialId: byIndex.get(t.index) as string,
          key,
          // A bound SQL NULL would violate NOT NULL; a null hyperparameter is the JSON value null.
          value: value === null || value === undefined ? sql`'null'::jsonb` : value,
        })),
      );
      for (let i = 0; i < paramRows.length; i += 5000) {
        await tx.insert(trialParams).values(paramRows.slice(i, i + 5000));
      }
      return { experiment: exp, trials: inserted };
    }),
  );
}

/** The experiment, or null when there is none with that id. */
export async function findExperiment(db: DbExecutor, id: string): Promise<Experiment | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(experiments).where(eq(experiments.id, id));
  return row ?? null;
}

/** Ids of the experiments that are not finished (PENDING or RUNNING), in no particular order. */
export async function activeExperimentIds(db: DbExecutor): Promise<string[]> {
  const rows = await db.select({ id: experiments.id }).from(experiments).where(inArray(experiments.status, ACTIVE_EXPERIMENT_STATUSES));
  return rows.map((r) => r.id);
}

/** The experiment; AppError('NOT_FOUND') when unknown. */
export async function getExperiment(db: DbExecutor, id: string): Promise<Experiment> {
  const row = await findExperiment(db, id);
  if (!row) throw notFound('experiment', id);
  return row;
}

export interface ListExperimentsOptions {
  status?: ExperimentStatus | readonly ExperimentStatus[];
  /** Page size, 1..500. */
  first: number;
  /** `endCursor` of the previous page. */
  after?: string | null;
}

export interface Page<T> {
  nodes: T[];
  edges: { cursor: string; node: T }[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

// created_at in whole microseconds; numeric extract() is exact on PG14+.
const createdMicros = sql<string>`(extract(epoch from ${experiments.createdAt}) * 1000000)::bigint::text`;

/** Newest first (created_at desc, id desc), keyset-paginated with an opaque cursor. */
export async function listExperiments(db: DbExecutor, options: ListExperimentsOptions): Promise<Page<Experiment>> {
  const first = checkPageSize(options.first);
  const statuses = options.status === undefined ? undefined : ([] as ExperimentStatus[]).concat(options.status);
  const filter: SQL | undefined = statuses ? inArray(experiments.status, statuses) : undefined;

  const conditions: SQL[] = filter ? [filter] : [];
  if (options.after) {
    const c = decodeCursor(options.after);
    conditions.push(
      sql`(${experiments.createdAt}, ${experiments.id}) < (timestamptz 'epoch' + ${c.micros}::bigint * interval '1 microsecond', ${c.id}::uuid)`,
    );
  }

  const [rows, [total]] = await Promise.all([
    db
      .select({ ...getTableColumns(experiments), cursorMicros: createdMicros })
      .from(experiments)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(experiments.createdAt), desc(experiments.id))
      .limit(first + 1),
    db.select({ n: count() }).from(experiments).where(filter),
  ]);

  const hasNextPage = rows.length > first;
  const edges = rows.slice(0, first).map(({ cursorMicros, ...node }) => ({ cursor: encodeCursor({ micros: cursorMicros, id: node.id }), node }));
  return {
    nodes: edges.map((e) => e.node),
    edges,
    endCursor: edges.at(-1)?.cursor ?? null,
    hasNextPage,
    totalCount: total?.n ?? 0,
  };
}

/** Columns a status change may also set. */
export interface ExperimentStatusFields {
  startedAt?: Date | null;
  finishedAt?: Date | null;
  error?: string | null;
  bestTrialId?: string | null;
}

/**
 * Moves the experiment to `to` only if its status is one of `from` (a conditional UPDATE, so
 * two schedulers cannot both finish it). Returns null when it was in another state;
 * AppError('NOT_FOUND') when unknown. Entering RUNNING sets started_at once; entering a
 * terminal state sets finished_at unless given.
 */
export async function transitionExperiment(
  db: DbExecutor,
  id: string,
  from: readonly ExperimentStatus[],
  to: ExperimentStatus,
  fields: ExperimentStatusFields = {},
): Promise<Experiment | null> {
  if (!isUuid(id)) throw notFound('experiment', id);
  const terminal = TERMINAL_EXPERIMENT_STATUSES.includes(to);
  // The state machine (contracts' EXPERIMENT_TRANSITIONS) is enforced here: a CANCELLED
  // experiment is never re-opened, whatever the caller asked for.
  const sources = from.filter((f) => EXPERIMENT_TRANSITIONS[f].includes(to));
  if (sources.length === 0) {
    if (!(await findExperiment(db, id))) throw notFound('experiment', id);
    return null;
  }
  const [row] = await db
    .update(experiments)
    .set({
      ...fields,
      ...(to === 'RUNNING' && fields.startedAt === undefined ? { startedAt: sql`coalesce(${experiments.startedAt}, now())` } : {}),
      ...(terminal && fields.finishedAt === undefined ? { finishedAt: sql`now()` } : {}),
      status: to,
      updatedAt: sql`now()`,
    })
    .where(and(eq(experiments.id, id), inArray(experiments.status, sources)))
    .returning();
  if (row) return row;
  if (!(await findExperiment(db, id))) throw notFound('experiment', id);
  return null;
}

export type ExperimentProgress = Record<TrialStatus, number> & { total: number; finished: number };

/** Trial counts per status; AppError('NOT_FOUND') when the experiment is unknown. */
export async function experimentProgress(db: DbExecutor, id: string): Promise<ExperimentProgress> {
  if (!isUuid(id)) throw notFound('experiment', id);
  const rows = await db
    .select({ status: trials.status, n: count() })
    .from(trials)
    .where(eq(trials.experimentId, id))
    .groupBy(trials.status);
  if (rows.length === 0 && !(await findExperiment(db, id))) throw notFound('experiment', id);
  const progress = Object.fromEntries(TRIAL_STATUSES.map((s) => [s, 0])) as Record<TrialStatus, number>;
  let total = 0;
  for (const r of rows) {
    progress[r.status] = r.n;
    total += r.n;
  }
  const finished = progress.SUCCEEDED + progress.FAILED + progress.STOPPED + progress.CANCELLED;
  return { ...progress, total, finished };
}
