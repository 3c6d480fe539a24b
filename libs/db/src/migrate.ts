import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { AppError } from '@trialgrid/errors';
import { silentLogger, type Logger } from '@trialgrid/logger';
import type { Database } from './client.js';

/** The generated SQL migrations, shipped beside `dist/` (this file compiles to `dist/migrate.js`). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

/**
 * Key of the session-level advisory lock held while migrating. Every service runs `migrate()`
 * at start-up; the lock makes the second one wait and then find nothing left to apply, instead
 * of racing on `CREATE TABLE`.
 */
export const MIGRATION_LOCK_KEY = 7_345_201_001;

/**
 * Applies pending migrations. Idempotent and safe when several processes call it at once.
 * Pass the `db` of `createDatabase()` or a connection URL (a short-lived pool is used).
 */
export async function migrate(target: Database | string, logger: Logger = silentLogger()): Promise<void> {
  const ownPool = typeof target === 'string' ? new pg.Pool({ connectionString: target, max: 1 }) : undefined;
  const pool = ownPool ?? (target as Database).$client;
  try {
    // The advisory lock belongs to a session, so lock, migrate and unlock on one connection.
    const client = await pool.connect();
    let broken = false;
    try {
      const started = Date.now();
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      try {
        await drizzleMigrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      }
      logger.info({ folder: MIGRATIONS_FOLDER, ms: Date.now() - started }, 'database migrations applied');
    } catch (err) {
      broken = true;
      throw err;
    } finally {
      // A connection that failed mid-migration may still hold the lock: destroy it rather than reuse.
      client.release(broken);
    }
  } finally {
    await ownPool?.end();
  }
}

/**
 * Creates the database named in `url` when it does not exist, connecting to the server's
 * `postgres` database to do so. Concurrent callers are fine: "already exists" counts as done.
 */
export async function ensureDatabaseExists(url: string): Promise<'created' | 'exists'> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new AppError('INVALID_INPUT', 'database URL names no database', { details: { url: redactUrl(url) } });
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return 'exists';
    try {
      await client.query(`create database ${quoteIdent(name)}`);
      return 'created';
    } catch (err) {
      // 42P04 duplicate_database; 23505 when two CREATE DATABASE race on pg_database's index.
      const code = (err as { code?: string }).code;
      if (code !== '42P04' && code !== '23505') throw err;
      return 'exists';
    }
  } finally {
    await client.end();
  }
}

/**
 * Logs in to the database of `url` and runs `select 1` on one short-lived connection, to learn
 * whether a server takes connections there. Throws what the connection met (ECONNREFUSED, an
 * authentication error, "timeout expired" after `timeoutMs`, default 3000 ms).
 */
export async function pingDatabase(url: string, timeoutMs = 3_000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops the database named in `url` (terminating its connections). Used by test fixtures. */
export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${quoteIdent(name)} with (force)`);
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The URL with any password replaced, for logs and error details. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid url>';
  }
}
