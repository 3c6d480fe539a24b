// Test-only helper for this package's integration tests. (@trialgrid/testing's startPostgres
// depends on this package, so using it here would be a dependency cycle.)
import { randomBytes } from 'node:crypto';
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
