import { drizzle, type NodePgDatabase, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { unavailable } from '@trialgrid/errors';
import { silentLogger, type Logger } from '@trialgrid/logger';
import { watchDbPool } from '@trialgrid/metrics';
import * as schema from './schema.js';

export type Schema = typeof schema;

/** The drizzle instance for trialgrid's schema, bound to a `pg.Pool`. */
export type Database = NodePgDatabase<Schema> & { $client: pg.Pool };

/**
 * What repository functions accept: the database itself or an open transaction (a nested
 * `transaction()` on a transaction becomes a savepoint), so callers can compose writes.
 */
export type DbExecutor = PgDatabase<NodePgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface DatabaseOptions {
  /** postgres://user:pass@host:port/dbname */
  url: string;
  /** Pool size (default 10). */
  max?: number;
  /** Postgres `statement_timeout` of every connection, in ms (default: the server's, usually none). */
  statementTimeoutMs?: number;
  logger?: Logger;
  /** Log every SQL statement at trace level (default false). */
  logQueries?: boolean;
}

export interface DatabaseHandle {
  db: Database;
  pool: pg.Pool;
  /** Round-trips `select 1`; throws AppError('UNAVAILABLE') when the server cannot be reached. */
  ping(): Promise<void>;
  /** Ends the pool; safe to call more than once. */
  close(): Promise<void>;
}

export function createDatabase(options: DatabaseOptions): DatabaseHandle {
  const logger = (options.logger ?? silentLogger()).child({ component: 'db' });
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    ...(options.statementTimeoutMs === undefined ? {} : { statement_timeout: options.statementTimeoutMs }),
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // Without a listener an idle client's socket error (server restart) would crash the process.
  pool.on('error', (err) => logger.warn({ err }, 'idle postgres connection failed'));
  const unwatchPool = watchDbPool(pool);

  const db = drizzle({
    client: pool,
    schema,
    ...(options.logQueries ? { logger: { logQuery: (query: string, params: unknown[]) => logger.trace({ query, params }, 'sql') } } : {}),
  });

  let closing: Promise<void> | undefined;
  return {
    db,
    pool,
    async ping() {
      try {
        await pool.query('select 1');
      } catch (err) {
        throw unavailable(`postgres unreachable: ${err instanceof Error ? err.message : String(err)}`, err);
      }
    },
    close() {
      unwatchPool();
      closing ??= pool.end();
      return closing;
    },
  };
}
