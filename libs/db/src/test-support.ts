// Test-only helper for this package's integration tests. (@trialgrid/testing's startPostgres
// depends on this package, so using it here would be a dependency cycle.)
import { randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import { createDatabase, type Database } from './client.js';
import { dropDatabase, ensureDatabaseExists, migrate } from './migrate.js';
import { insertExperimentWithTrials, type ExperimentWithTrials, type NewTrialInput } from './experiments.js';

export interface TestDatabase {
  url: string;
  db: Database;
  close(): Promise<void>;
}

export async function freshDatabase(): Promise<TestDatabase> {
  const u = new URL(process.env['TEST_DATABASE_URL'] || process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres');
  u.pathname = `/tg_test_db_${randomBytes(6).toString('hex')}`;
  const url = u.toString();
  await ensureDatabaseExists(url);
  const handle = createDatabase({ url, max: 8 });
  await migrate(handle.db);
  return {
    url,
    db: handle.db,
    async close() {
      await handle.close();
      await dropDatabase(url);
    },
  };
}

/**
 * Registers this test file's `before` / `after` hooks for one fresh, migrated database and
 * returns a handle whose `db` is valid inside the tests.
 */
export function useFreshDatabase(): { readonly db: Database } {
  let current: TestDatabase | undefined;
  before(async () => {
    current = await freshDatabase();
  });
  after(async () => {
    await current?.close();
  });
  return {
    get db(): Database {
      if (!current) throw new Error('the test database is created in before(); use it inside a test');
      return current.db;
    },
  };
}

/** assert.rejects predicate: an AppError (or any error) with this code. */
export const isCode =
  (code: string) =>
  (err: unknown): boolean =>
    (err as { code?: string }).code === code;

export function sampleTrials(n: number): NewTrialInput[] {
  return Array.from({ length: n }, (_, i) => ({
    index: i,
    name: `trial-${i}`,
    spec: { layers: [{ type: 'dense', units: 16 * (i + 1) }] },
    params: { learningRate: 0.01 * (i + 1), batchSize: 32, optimizer: 'adam', dropout: null },
  }));
}

export function sampleExperiment(db: Database, name = 'exp', trialCount = 3): Promise<ExperimentWithTrials> {
  return insertExperimentWithTrials(db, { name, searchSpace: { kind: 'explicit' } }, sampleTrials(trialCount));
}
