import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { invalidInput } from '@trialgrid/errors';
import type { DbExecutor } from './client.js';
import { downsampleLttb, type MetricPoint } from './downsample.js';
import { isUuid, withDbErrors } from './errors.js';
import { metrics } from './schema.js';

export type MetricRow = typeof metrics.$inferSelect;

export interface MetricInput {
  key: string;
  step: number;
  value: number;
  loggedAt?: Date;
}

/**
 * Stores metric points with one multi-row `INSERT ... ON CONFLICT (trial_id, key, step) DO
 * NOTHING RETURNING` (rows from `unnest` of array parameters), and returns only the rows actually inserted: a redelivered message
 * inserts nothing, so callers publish just the new points. Unknown trial/experiment →
 * AppError('NOT_FOUND'). Non-integer steps → INVALID_INPUT.
 */
export async function insertMetrics(
  db: DbExecutor,
  trialId: string,
  experimentId: string,
  points: readonly MetricInput[],
): Promise<MetricRow[]> {
  if (points.length === 0) return [];
  for (const p of points) {
    if (!p.key || !Number.isInteger(p.step) || typeof p.value !== 'number') {
      throw invalidInput('a metric needs a key, an integer step and a numeric value', { key: p.key, step: p.step });
    }
  }
  // One statement whatever the batch size: the points travel as four array parameters (sql.param
  // keeps each array one parameter) expanded with unnest(), far cheaper than a bind per value.
  const keys: string[] = [];
  const steps: number[] = [];
  const values: number[] = [];
  const loggedAt: (string | null)[] = [];
  for (const p of points) {
    keys.push(p.key);
    steps.push(p.step);
    values.push(p.value);
    loggedAt.push(p.loggedAt ? p.loggedAt.toISOString() : null);
  }
  const result = await withDbErrors('metric', () =>
    db.execute<{ id: string; trial_id: string; experiment_id: string; key: string; step: number | string; value: number | string; logged_at: Date | string }>(sql`
      insert into ${metrics} (trial_id, experiment_id, key, step, value, logged_at)
      select ${trialId}::uuid, ${experimentId}::uuid, p.key, p.step, p.value, coalesce(p.logged_at, now())
      from unnest(${sql.param(keys)}::text[], ${sql.param(steps)}::int[], ${sql.param(values)}::float8[], ${sql.param(loggedAt)}::timestamptz[]) as p(key, step, value, logged_at)
      on conflict (trial_id, key, step) do nothing
      returning id, trial_id, experiment_id, key, step, value, logged_at`),
  );
  // Raw rows bypass drizzle's column mapping, and drizzle's pg session leaves timestamps as text.
  return result.rows.map((r) => ({
    id: Number(r.id),
    trialId: r.trial_id,
    experimentId: r.experiment_id,
    key: r.key,
    step: Number(r.step),
    value: Number(r.value),
    loggedAt: r.logged_at instanceof Date ? r.logged_at : new Date(r.logged_at),
  }));
}

export interface MetricSeries {
  trialId: string;
  key: string;
  /** Step-ordered, possibly downsampled (first and last points always kept). */
  points: MetricPoint[];
  /** Points stored for this (trial, key) before downsampling. */
  totalPoints: number;
  downsampled: boolean;
}

export interface TrialMetricsOptions {
  keys?: readonly string[];
  /** Per key; longer series are reduced with LTTB. Default: no limit. */
  maxPoints?: number;
}

function toSeries(rows: readonly { trialId: string; key: string; step: number; value: number; loggedAt?: Date }[], maxPoints: number | undefined): MetricSeries[] {
  // Rows arrive ordered by (trial, key, step).
  const out: MetricSeries[] = [];
  let cur: { trialId: string; key: string; points: MetricPoint[] } | undefined;
  const flush = () => {
    if (!cur) return;
    const totalPoints = cur.points.length;
    const points = maxPoints !== undefined && totalPoints > maxPoints ? downsampleLttb(cur.points, maxPoints) : cur.points;
    out.push({ trialId: cur.trialId, key: cur.key, points, totalPoints, downsampled: points.length < totalPoints });
  };
  for (const r of rows) {
    if (!cur || cur.trialId !== r.trialId || cur.key !== r.key) {
      flush();
      cur = { trialId: r.trialId, key: r.key, points: [] };
    }
    cur.points.push(r.loggedAt ? { step: r.step, value: r.value, loggedAt: r.loggedAt } : { step: r.step, value: r.value });
  }
  flush();
  return out;
}

function checkMax(n: number | undefined, field: string): number | undefined {
  if (n === undefined) return undefined;
  if (!Number.isInteger(n) || n < 2) throw invalidInput(`${field} must be an integer >= 2`, { field });
  return n;
}

/** A trial's metric series, one per key (sorted by key), downsampled to `maxPoints` per key. */
export async function getTrialMetrics(db: DbExecutor, trialId: string, options: TrialMetricsOptions = {}): Promise<MetricSeries[]> {
  const maxPoints = checkMax(options.maxPoints, 'maxPoints');
  if (!isUuid(trialId) || options.keys?.length === 0) return [];
  const rows = await db
    .select({ trialId: metrics.trialId, key: metrics.key, step: metrics.step, value: metrics.value, loggedAt: metrics.loggedAt })
    .from(metrics)
    .where(and(eq(metrics.trialId, trialId), options.keys ? inArray(metrics.key, [...options.keys]) : undefined))
    .orderBy(asc(metrics.key), asc(metrics.step));
  return toSeries(rows, maxPoints);
}

export interface LatestMetric {
  step: number;
  value: number;
  loggedAt: Date;
}

/** For each trial, the highest-step value of every key: Map<trialId, { [key]: LatestMetric }>. */
export async function latestMetrics(db: DbExecutor, trialIds: readonly string[]): Promise<Map<string, Record<string, LatestMetric>>> {
  const ids = [...new Set(trialIds.filter(isUuid))];
  const out = new Map<string, Record<string, LatestMetric>>(ids.map((id) => [id, {}]));
  if (ids.length === 0) return out;
  const rows = await db
    .selectDistinctOn([metrics.trialId, metrics.key], {
      trialId: metrics.trialId,
      key: metrics.key,
      step: metrics.step,
      value: metrics.value,
      loggedAt: metrics.loggedAt,
    })
    .from(metrics)
    .where(inArray(metrics.trialId, ids))
    .orderBy(metrics.trialId, metrics.key, desc(metrics.step));
  for (const r of rows) (out.get(r.trialId) as Record<string, LatestMetric>)[r.key] = { step: r.step, value: r.value, loggedAt: r.loggedAt };
  return out;
}

/**
 * Every trial's stored series of one metric `key` in an experiment, step-ascending, keyed by
 * trial id (trials without a point of that key are absent; an id that is not a UUID gives an
 * empty map). Not downsampled: the median stopping rule compares whole curves.
 */
export async function experimentMetricSeries(db: DbExecutor, experimentId: string, key: string): Promise<Map<string, MetricPoint[]>> {
  const out = new Map<string, MetricPoint[]>();
  if (!isUuid(experimentId)) return out;
  const rows = await db
    .select({ trialId: metrics.trialId, step: metrics.step, value: metrics.value })
    .from(metrics)
    .where(and(eq(metrics.experimentId, experimentId), eq(metrics.key, key)))
    .orderBy(asc(metrics.step));
  for (const r of rows) {
    const list = out.get(r.trialId);
    if (list) list.push({ step: r.step, value: r.value });
    else out.set(r.trialId, [{ step: r.step, value: r.value }]);
  }
  return out;
}
