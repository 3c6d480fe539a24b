import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { createDatabase, dropDatabase, ensureDatabaseExists, migrate, type Database } from '@trialgrid/db';

export interface StartPostgresOptions {
  /**
   * Server to use (its database part is replaced). Default: `TEST_DATABASE_URL`, then
   * `DATABASE_URL`, then postgres://postgres@127.0.0.1:5432/postgres.
   */
  serverUrl?: string;
  /** Prefix of the throw-away database name (default `tg_test`). */
  prefix?: string;
  /** Apply migrations (default true). */
  migrate?: boolean;
  /** Pool size (default 5). */
  max?: number;
}

export interface PostgresFixture {
  /** URL of the fresh database, for code under test that opens its own pool. */
  url: string;
  /** Name of the fresh database. */
  database: string;
  db: Database;
  pool: pg.Pool;
  /** Closes the pool and drops the database (WITH (FORCE)); safe to call twice. */
  close(): Promise<void>;
}

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The server URL tests use: TEST_DATABASE_URL, DATABASE_URL, or the local default. */
export function testDatabaseServerUrl(env: Record<string, string | undefined> = process.env): string {
  return env['TEST_DATABASE_URL'] || env['DATABASE_URL'] || DEFAULT_TEST_DATABASE_URL;
}

/**
 * A uniquely named database (`tg_test_<random>`) on the running Postgres server, migrated,
 * with a pool open on it. Call `close()` in `after()`.
 *
 * ```ts
 * const pgx = await startPostgres();
 * after(() => pgx.close());
 * await insertExperimentWithTrials(pgx.db, ...);
 * ```
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresFixture> {
  const database = `${options.prefix ?? 'tg_test'}_${randomBytes(6).toString('hex')}`;
  const u = new URL(options.serverUrl ?? testDatabaseServerUrl());
  u.pathname = `/${database}`;
  const url = u.toString();

  await ensureDatabaseExists(url);
  const handle = createDatabase({ url, max: options.max ?? 5 });
  try {
    if (options.migrate ?? true) await migrate(handle.db);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await dropDatabase(url).catch(() => undefined);
    throw err;
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      // Each step on its own so a failed pool shutdown still drops the database.
      try {
        await handle.close();
      } catch {
        /* dropped below with FORCE anyway */
      }
      await dropDatabase(url);
    })();
    return closing;
  };

  return { url, database, db: handle.db, pool: handle.pool, close };
}
