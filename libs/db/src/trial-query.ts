/**
 * An experiment's trials sorted and filtered by any column, hyperparameter or metric, on the
 * server, paged with keyset cursors so a 10,000-trial sweep costs the same per page as a
 * small one.
 *
 * Fields: `index`, `name`, `status`, `currentEpoch`, `startedAt`, `finishedAt`,
 * `param:<key>` (a trial_params value) and `metric:<key>` (the final metric when the trial
 * has one, else the latest logged value). Values compare as jsonb: numbers numerically,
 * strings by text; trials without the value sort last in both directions, ties by index.
 *
 * ```ts
 * const page = await queryTrials(db, experimentId, { first: 50, orderBy: { field: 'metric:test_accuracy', direction: 'DESC' },
 *   filters: [{ field: 'param:learning_rate', op: 'LTE', value: 0.001 }] });
 * const next = await queryTrials(db, experimentId, { first: 50, after: page.endCursor, ... });
 * ```
 */
import { and, asc, count, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { invalidInput } from '@trialgrid/errors';
import type { DbExecutor } from './client.js';
import { checkPageSize, decodeCursorTuple, encodeCursorTuple, invalidCursor } from './cursor.js';
import { isUuid } from './errors.js';
import type { Trial } from './experiments.js';
import { trials, type TrialStatus } from './schema.js';

export type SortDirection = 'ASC' | 'DESC';
export type TrialFilterOp = 'EQ' | 'NE' | 'LT' | 'LTE' | 'GT' | 'GTE' | 'CONTAINS';

export interface TrialFilter {
  field: string;
  op: TrialFilterOp;
  /** A JSON value (number, string, boolean); CONTAINS takes a string (case-insensitive substring). */
  value: unknown;
}

export interface QueryTrialsOptions {
  /** Page size, 1..1000. */
  first: number;
  /** `endCursor` of the previous page with the same order and filters. */
  after?: string | null;
  orderBy?: { field: string; direction?: SortDirection };
  filters?: readonly TrialFilter[];
  status?: TrialStatus | readonly TrialStatus[];
}

export interface TrialQueryPage {
  nodes: Trial[];
  /** Cursor of each node (to resume after it). */
  cursors: string[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

const KEY = '[A-Za-z0-9_.-]{1,64}';
const FIELD_RE = new RegExp(`^(index|name|status|currentEpoch|startedAt|finishedAt|param:${KEY}|metric:${KEY})$`);
const OPS: Record<Exclude<TrialFilterOp, 'CONTAINS'>, string> = { EQ: '=', NE: '<>', LT: '<', LTE: '<=', GT: '>', GTE: '>=' };

/** The jsonb value a field sorts and filters by; INVALID_INPUT for an unknown field. */
function fieldValue(field: string, name = 'orderBy.field'): SQL {
  if (!FIELD_RE.test(field)) {
    throw invalidInput(`unknown trial field ${JSON.stringify(field)}: use index, name, status, currentEpoch, startedAt, finishedAt, param:<key> or metric:<key>`, { field: name });
  }
  if (field.startsWith('param:')) {
    const key = field.slice(6);
    return sql`(select p.value from trial_params p where p.trial_id = ${trials.id} and p.key = ${key})`;
  }
  if (field.startsWith('metric:')) {
    const key = field.slice(7);
    // the unique (trial_id, key, step) index serves the latest-value lookup
    return sql`coalesce(${trials.finalMetrics} -> ${key}, (select to_jsonb(m.value) from metrics m where m.trial_id = ${trials.id} and m.key = ${key} order by m.step desc limit 1))`;
  }
  switch (field) {
    case 'index':
      return sql`to_jsonb(${trials.index})`;
    case 'name':
      return sql`to_jsonb(${trials.name})`;
    case 'status':
      return sql`to_jsonb(${trials.status})`;
    case 'currentEpoch':
      return sql`to_jsonb(${trials.currentEpoch})`;
    case 'startedAt':
      return sql`to_jsonb(extract(epoch from ${trials.startedAt}))`;
    default:
      return sql`to_jsonb(extract(epoch from ${trials.finishedAt}))`;
  }
}

function filterSql(f: TrialFilter, i: number): SQL {
  const v = fieldValue(f.field, `filters.${i}.field`);
  if (f.op === 'CONTAINS') {
    if (typeof f.value !== 'string' || f.value.length > 200) throw invalidInput('CONTAINS takes a string of at most 200 characters', { field: `filters.${i}.value` });
    const pattern = `%${f.value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return sql`(${v} #>> '{}') ilike ${pattern}`;
  }
  const op = OPS[f.op];
  if (!op) throw invalidInput(`filter op must be one of EQ, NE, LT, LTE, GT, GTE, CONTAINS`, { field: `filters.${i}.op` });
  const ok = (typeof f.value === 'number' && Number.isFinite(f.value)) || typeof f.value === 'string' || typeof f.value === 'boolean';
  if (!ok) throw invalidInput('a filter value must be a finite number, a string or a boolean', { field: `filters.${i}.value` });
  return sql`${v} ${sql.raw(op)} ${JSON.stringify(f.value)}::jsonb`;
}

interface Position {
  /** The sort value (JSON), null when the trial has none. */
  v: unknown;
  index: number;
}

/** The order a cursor was made for: its position means nothing under another. */
function orderKey(field: string, desc: boolean): string {
  return `${field} ${desc ? 'DESC' : 'ASC'}`;
}

function encode(order: string, p: Position): string {
  return encodeCursorTuple([order, p.v, p.index]);
}

/** A cursor of this order; one made for another `orderBy` is INVALID_INPUT naming `after` (before, it was read as a position in this order and returned some other page). */
function decode(text: string, order: string): Position {
  const [madeFor, v, index] = decodeCursorTuple(text, 3);
  if (typeof madeFor !== 'string' || !Number.isInteger(index)) throw invalidCursor();
  if (madeFor !== order) {
    throw invalidInput(`this cursor pages the order ${madeFor}, not ${order}: ask again without \`after\` when the order changes`, { field: 'after', cursorOrder: madeFor, order });
  }
  return { v, index: index as number };
}

/** Sorted, filtered, keyset-paged trials of one experiment (see the module comment). */
export async function queryTrials(db: DbExecutor, experimentId: string, options: QueryTrialsOptions): Promise<TrialQueryPage> {
  const first = checkPageSize(options.first, 1000);
  const field = options.orderBy?.field ?? 'index';
  const desc = options.orderBy?.direction === 'DESC';
  const value = fieldValue(field);
  const filters = (options.filters ?? []).map(filterSql);
  if ((options.filters ?? []).length > 20) throw invalidInput('at most 20 filters', { field: 'filters' });
  const order = orderKey(field, desc);
  const after = options.after ? decode(options.after, order) : undefined;
  if (!isUuid(experimentId)) return { nodes: [], cursors: [], totalCount: 0, hasNextPage: false, endCursor: null };
  const statuses = options.status === undefined ? undefined : ([] as TrialStatus[]).concat(options.status);
  const base = and(eq(trials.experimentId, experimentId), statuses ? inArray(trials.status, statuses) : undefined, ...filters);

  let keyset: SQL | undefined;
  if (after) {
    if (after.v === null) {
      // already among the trials without a value: only index order remains
      keyset = sql`(${value} is null and ${trials.index} > ${after.index})`;
    } else {
      const cv = sql`${JSON.stringify(after.v)}::jsonb`;
      keyset = sql`(${value} is null or ${value} ${sql.raw(desc ? '<' : '>')} ${cv} or (${value} = ${cv} and ${trials.index} > ${after.index}))`;
    }
  }
  const [rows, [total]] = await Promise.all([
    db
      .select({ ...getTableColumns(trials), sortValue: sql<unknown>`${value}` })
      .from(trials)
      .where(and(base, keyset))
      .orderBy(sql`(${value}) is null`, desc ? sql`${value} desc` : sql`${value} asc`, asc(trials.index))
      .limit(first + 1),
    db.select({ n: count() }).from(trials).where(base),
  ]);
  const page = rows.slice(0, first);
  const cursors = page.map((r) => encode(order, { v: r.sortValue ?? null, index: r.index }));
  const nodes = page.map(({ sortValue: _unused, ...t }) => t);
  return { nodes, cursors, totalCount: total?.n ?? 0, hasNextPage: rows.length > first, endCursor: cursors.at(-1) ?? null };
}
