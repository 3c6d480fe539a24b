import { AppError } from '@trialgrid/errors';
import type { Logger } from '@trialgrid/logger';

/** The bit of a pg.Pool this needs. */
export interface Queryable {
  query<R extends object>(sql: string, params: unknown[]): Promise<{ rows: R[] }>;
}

export interface WaitForSchemaOptions {
  logger: Logger;
  /** Give up waiting when this resolves (shutdown). */
  stopping?: Promise<void>;
  /** Poll period (default 1 s). */
  intervalMs?: number;
  /** Give up after this long (default 5 min). */
  timeoutMs?: number;
  /** Table whose presence means the schema is there (default `trials`). */
  table?: string;
}

/**
 * For services that never migrate (the scheduler owns the schema; the registry uses it):
 * polls until the table they read exists, so they may start before the scheduler does.
 */
export async function waitForSchema(pool: Queryable, options: WaitForSchemaOptions): Promise<void> {
  const table = options.table ?? 'trials';
  const interval = options.intervalMs ?? 1000;
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  let stopped = false;
  void options.stopping?.then(() => (stopped = true));
  let logged = false;
  for (;;) {
    try {
      const res = await pool.query<{ t: string | null }>('select to_regclass($1) as t', [`public.${table}`]);
      if (res.rows[0]?.t) return;
      if (!logged) options.logger.info({ table }, 'waiting for the database schema (run by the scheduler)');
    } catch (err) {
      if (!logged) options.logger.warn({ err }, 'waiting for Postgres');
    }
    logged = true;
    if (stopped) throw new AppError('CANCELLED', 'stopped while waiting for the database schema');
    if (Date.now() > deadline) throw new AppError('UNAVAILABLE', `table ${table} did not appear; is the scheduler running its migrations?`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
