/**
 * Postgres access for trialgrid: the drizzle client, migrations, and repositories.
 *
 * ```ts
 * import { createDatabase, ensureDatabaseExists, migrate, getExperiment } from '@trialgrid/db';
 *
 * await ensureDatabaseExists(url);
 * const { db, close } = createDatabase({ url });
 * await migrate(db);
 * const experiment = await getExperiment(db, id); // AppError('NOT_FOUND') when unknown
 * await close();
 * ```
 */
export * as schema from './schema.js';
export * from './schema.js';
export * from './client.js';
export * from './migrate.js';
export * from './errors.js';
