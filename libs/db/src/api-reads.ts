/**
 * Batched reads for the API (the gateway's DataLoaders, resolvers and queue board): rows by
 * ids, trial counts and progress per experiment, trial keys, model versions with their model's
 * name, aliases, artifacts, and the queue view. Everything takes ids it validates itself: a
 * malformed uuid is "not found", never a Postgres error.
 */
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { TERMINAL_TRIAL_STATUSES } from '@trialgrid/contracts';
import type { DbExecutor } from './client.js';
import { isUuid } from './errors.js';
import type { Artifact } from './artifacts.js';
import type { Experiment, Trial } from './experiments.js';
import type { RegisteredModel } from './models.js';
import { artifacts, experiments, modelAliases, modelVersions, registeredModels, trials, workers, type ExperimentStatus, type TrialStatus } from './schema.js';
import type { Worker } from './workers.js';

/** A version row with its model's name joined in (every ModelVersion field of the API needs it). */
export type ModelVersionWithName = typeof modelVersions.$inferSelect & { modelName: string };

function uuids(ids: readonly string[]): string[] {
  return [...new Set(ids.filter(isUuid))];
}

function byId<T extends { id: string }>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.id, r]));
}

export async function experimentsByIds(db: DbExecutor, ids: readonly string[]): Promise<Map<string, Experiment>> {
  const valid = uuids(ids);
  if (valid.length === 0) return new Map();
  return byId(await db.select().from(experiments).where(inArray(experiments.id, valid)));
}

export async function trialsByIds(db: DbExecutor, ids: readonly string[]): Promise<Map<string, Trial>> {
  const valid = uuids(ids);
  if (valid.length === 0) return new Map();
  return byId(await db.select().from(trials).where(inArray(trials.id, valid)));
}

export async function workersByIds(db: DbExecutor, ids: readonly string[]): Promise<Map<string, Worker>> {
  const valid = [...new Set(ids)];
  if (valid.length === 0) return new Map();
  return byId(await db.select().from(workers).where(inArray(workers.id, valid)));
}

export interface TrialCountsRow {
  total: number;
  queued: number;
  running: number;
  succeeded: number;
  failed: number;
  stopped: number;
  cancelled: number;
}

export function emptyCounts(): TrialCountsRow {
  return { total: 0, queued: 0, running: 0, succeeded: 0, failed: 0, stopped: 0, cancelled: 0 };
}

const COUNT_FIELD: Record<TrialStatus, Exclude<keyof TrialCountsRow, 'total'>> = {
  QUEUED: 'queued',
  RUNNING: 'running',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  STOPPED: 'stopped',
  CANCELLED: 'cancelled',
};

/** Trial counts per status for several experiments in one query. */
export async function trialCounts(db: DbExecutor, experimentIds: readonly string[]): Promise<Map<string, TrialCountsRow>> {
  const valid = uuids(experimentIds);
  const out = new Map<string, TrialCountsRow>(valid.map((id) => [id, emptyCounts()]));
  if (valid.length === 0) return out;
  const rows = await db
    .select({ experimentId: trials.experimentId, status: trials.status, n: count() })
    .from(trials)
    .where(inArray(trials.experimentId, valid))
    .groupBy(trials.experimentId, trials.status);
  for (const r of rows) {
    const c = out.get(r.experimentId) as TrialCountsRow;
    c[COUNT_FIELD[r.status]] += r.n;
    c.total += r.n;
  }
  return out;
}

/**
 * Fraction of trial-epochs done, per experiment: a finished trial (any terminal status) counts
 * all its epochs, a running one the epochs it has logged metrics for (steps are epoch indexes).
 */
export async function experimentProgressFractions(db: DbExecutor, experimentIds: readonly string[]): Promise<Map<string, number>> {
  const valid = uuids(experimentIds);
  const out = new Map<string, number>(valid.map((id) => [id, 0]));
  if (valid.length === 0) return out;
  const idList = sql.join(
    valid.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const terminal = sql.join(
    TERMINAL_TRIAL_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  const result = await db.execute<{ experiment_id: string; total: string | null; done: string | null }>(sql`
    with t as (
      select t.id, t.experiment_id, t.status,
             greatest(1, coalesce((select (p.value #>> '{}')::numeric::int from trial_params p
                                   where p.trial_id = t.id and p.key = 'epochs'), 1)) as epochs
      from trials t where t.experiment_id in (${idList})
    ), m as (
      -- only unfinished trials need their metrics read (finished ones count all their epochs);
      -- max(step) per trial is a walk of the (trial_id, key, step) unique index
      select trial_id, max(step) + 1 as epochs_done from metrics
      where trial_id in (select id from t where t.status not in (${terminal})) and key = 'train_loss'
      group by trial_id
    )
    select t.experiment_id,
           sum(t.epochs)::text as total,
           sum(case when t.status in (${terminal}) then t.epochs
                    else least(t.epochs, coalesce(m.epochs_done, 0)) end)::text as done
    from t left join m on m.trial_id = t.id
    group by t.experiment_id`);
  for (const r of result.rows) {
    const total = Number(r.total ?? 0);
    out.set(r.experiment_id, total > 0 ? Math.min(1, Number(r.done ?? 0) / total) : 0);
  }
  return out;
}

/** Param keys and metric keys (final or logged) of an experiment's trials, sorted. */
export async function trialKeys(db: DbExecutor, experimentId: string): Promise<{ params: string[]; metrics: string[] }> {
  if (!isUuid(experimentId)) return { params: [], metrics: [] };
  const result = await db.execute<{ kind: string; key: string }>(sql`
    select distinct 'param' as kind, p.key from trial_params p join trials t on t.id = p.trial_id where t.experiment_id = ${experimentId}::uuid
    union
    select distinct 'metric', k from trials t, jsonb_object_keys(case when jsonb_typeof(t.final_metrics) = 'object' then t.final_metrics else '{}'::jsonb end) k
      where t.experiment_id = ${experimentId}::uuid
    union
    select distinct 'metric', m.key from metrics m where m.experiment_id = ${experimentId}::uuid
    order by 1, 2`);
  const params: string[] = [];
  const metricKeys: string[] = [];
  for (const r of result.rows) (r.kind === 'param' ? params : metricKeys).push(r.key);
  return { params, metrics: metricKeys };
}

// ---------------------------------------------------------------- artifacts

/** The saved-model artifact ('model') of each trial, keyed by trial id. */
export async function modelArtifactsByTrial(db: DbExecutor, trialIds: readonly string[]): Promise<Map<string, Artifact>> {
  const valid = uuids(trialIds);
  if (valid.length === 0) return new Map();
  const rows = await db.select().from(artifacts).where(and(inArray(artifacts.trialId, valid), eq(artifacts.name, 'model')));
  return new Map(rows.map((r) => [r.trialId, r]));
}

export async function findArtifact(db: DbExecutor, id: string): Promise<Artifact | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(artifacts).where(eq(artifacts.id, id));
  return row ?? null;
}

// ---------------------------------------------------------------- model registry

const versionColumns = {
  id: modelVersions.id,
  modelId: modelVersions.modelId,
  version: modelVersions.version,
  trialId: modelVersions.trialId,
  experimentId: modelVersions.experimentId,
  artifactPath: modelVersions.artifactPath,
  stage: modelVersions.stage,
  tags: modelVersions.tags,
  metrics: modelVersions.metrics,
  description: modelVersions.description,
  evaluation: modelVersions.evaluation,
  gate: modelVersions.gate,
  createdAt: modelVersions.createdAt,
  updatedAt: modelVersions.updatedAt,
  modelName: registeredModels.name,
};

function versionsQuery(db: DbExecutor) {
  return db.select(versionColumns).from(modelVersions).innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId));
}

export async function findRegisteredModel(db: DbExecutor, name: string): Promise<RegisteredModel | null> {
  const [row] = await db.select().from(registeredModels).where(eq(registeredModels.name, name));
  return row ?? null;
}

/** Versions of several models (ascending version), keyed by model id. */
export async function modelVersionsByModel(db: DbExecutor, modelIds: readonly string[]): Promise<Map<string, ModelVersionWithName[]>> {
  const valid = uuids(modelIds);
  const out = new Map<string, ModelVersionWithName[]>(valid.map((id) => [id, []]));
  if (valid.length === 0) return out;
  const rows = await versionsQuery(db).where(inArray(modelVersions.modelId, valid)).orderBy(asc(modelVersions.modelId), asc(modelVersions.version));
  for (const r of rows) out.get(r.modelId)?.push(r);
  return out;
}

export async function findModelVersion(db: DbExecutor, modelName: string, version: number): Promise<ModelVersionWithName | null> {
  const [row] = await versionsQuery(db).where(and(eq(registeredModels.name, modelName), eq(modelVersions.version, version)));
  return row ?? null;
}

export async function findModelVersionById(db: DbExecutor, id: string): Promise<ModelVersionWithName | null> {
  if (!isUuid(id)) return null;
  const [row] = await versionsQuery(db).where(eq(modelVersions.id, id));
  return row ?? null;
}

/** Alias names per version id. */
export async function aliasesByVersion(db: DbExecutor, versionIds: readonly string[]): Promise<Map<string, string[]>> {
  const valid = uuids(versionIds);
  const out = new Map<string, string[]>(valid.map((id) => [id, []]));
  if (valid.length === 0) return out;
  const rows = await db
    .select({ versionId: modelAliases.versionId, alias: modelAliases.alias })
    .from(modelAliases)
    .where(inArray(modelAliases.versionId, valid))
    .orderBy(asc(modelAliases.alias));
  for (const r of rows) out.get(r.versionId)?.push(r.alias);
  return out;
}

/** `{ alias: version }` of one model. */
export async function modelAliasMap(db: DbExecutor, modelId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ alias: modelAliases.alias, version: modelVersions.version })
    .from(modelAliases)
    .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
    .where(eq(modelAliases.modelId, modelId))
    .orderBy(asc(modelAliases.alias));
  return Object.fromEntries(rows.map((r) => [r.alias, r.version]));
}

// ---------------------------------------------------------------- queue view (bull-board)


/** Trials in the given statuses, newest activity first, for the queue board. */
export async function trialsByStatus(
  db: DbExecutor,
  statuses: readonly TrialStatus[],
  offset: number,
  limit: number,
): Promise<(Trial & { experimentName: string })[]> {
  if (statuses.length === 0 || limit <= 0) return [];
  const activity = sql`coalesce(${trials.finishedAt}, ${trials.startedAt}, ${trials.queuedAt}, ${trials.createdAt})`;
  const rows = await db
    .select({ trial: trials, experimentName: experiments.name })
    .from(trials)
    .innerJoin(experiments, eq(experiments.id, trials.experimentId))
    .where(inArray(trials.status, [...statuses]))
    .orderBy(sql`${activity} desc`, asc(trials.id))
    .offset(offset)
    .limit(limit);
  return rows.map((r) => ({ ...r.trial, experimentName: r.experimentName }));
}

/** A trial with its experiment's name and status: what a bulk action checks before it changes anything. */
export interface TrialWithExperimentStatus {
  id: string;
  name: string;
  status: TrialStatus;
  experimentId: string;
  experimentName: string;
  experimentStatus: ExperimentStatus;
}

/**
 * Every trial whose status is one of `statuses`, across all experiments, with its experiment's
 * name and status, by experiment name then trial index. Narrow rows (no params, no metrics), so
 * that a check over thousands of trials stays one small query. Empty for no statuses.
 */
export async function trialsWithExperimentStatus(db: DbExecutor, statuses: readonly TrialStatus[]): Promise<TrialWithExperimentStatus[]> {
  if (statuses.length === 0) return [];
  return db
    .select({
      id: trials.id,
      name: trials.name,
      status: trials.status,
      experimentId: trials.experimentId,
      experimentName: experiments.name,
      experimentStatus: experiments.status,
    })
    .from(trials)
    .innerJoin(experiments, eq(experiments.id, trials.experimentId))
    .where(inArray(trials.status, [...statuses]))
    .orderBy(asc(experiments.name), asc(trials.experimentId), asc(trials.index));
}

/** Trial counts per status across all experiments. */
export async function trialStatusCounts(db: DbExecutor): Promise<Record<TrialStatus, number>> {
  const rows = await db.select({ status: trials.status, n: count() }).from(trials).groupBy(trials.status);
  const out: Record<TrialStatus, number> = { QUEUED: 0, RUNNING: 0, SUCCEEDED: 0, FAILED: 0, STOPPED: 0, CANCELLED: 0 };
  for (const r of rows) out[r.status] = r.n;
  return out;
}

/** Trials per minute that reached one of `statuses` during the last `minutes` minutes (oldest first). */
export async function finishedPerMinute(db: DbExecutor, statuses: readonly TrialStatus[], minutes: number): Promise<number[]> {
  const since = new Date(Date.now() - minutes * 60_000);
  const rows = await db
    .select({ minute: sql<string>`floor(extract(epoch from ${trials.finishedAt}) / 60)::bigint::text`, n: count() })
    .from(trials)
    .where(and(inArray(trials.status, [...statuses]), sql`${trials.finishedAt} >= ${since.toISOString()}::timestamptz`))
    .groupBy(sql`1`);
  const first = Math.floor(since.getTime() / 60_000);
  const data = new Array<number>(minutes).fill(0);
  for (const r of rows) {
    const i = Number(r.minute) - first;
    if (i >= 0 && i < minutes) data[i] = (data[i] ?? 0) + r.n;
  }
  return data;
}
