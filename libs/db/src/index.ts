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
export * from './schema-wait.js';
export * from './errors.js';
export * from './cursor.js';
export * from './downsample.js';
export * from './experiments.js';
export * from './trials.js';
export * from './trial-query.js';
export * from './metrics.js';
export * from './artifacts.js';
export * from './models.js';
export * from './workers.js';
export * from './tokens.js';
export * from './datasets.js';
export * from './best-trial.js';
export * from './api-reads.js';
export * from './retry.js';
export * from './dispatch.js';
export * from './trial-events.js';
