import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { createDatabase, dropDatabase, ensureDatabaseExists, migrate, MIGRATIONS_FOLDER, pingDatabase, schema } from './index.js';

const server = new URL(process.env['TEST_DATABASE_URL'] || process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres');
const created: string[] = [];

function freshUrl(): string {
  const u = new URL(server.toString());
  u.pathname = `/tg_test_mig_${randomBytes(5).toString('hex')}`;
  created.push(u.toString());
  return u.toString();
}

after(async () => {
  for (const url of created) await dropDatabase(url);
});

async function tableNames(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
    );
    return res.rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}

async function appliedCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query<{ n: string }>('select count(*) as n from drizzle.__drizzle_migrations');
    return Number(res.rows[0]?.n);
  } finally {
    await client.end();
  }
}

test('the migrations folder resolves from the compiled file and holds SQL', () => {
  assert.ok(existsSync(MIGRATIONS_FOLDER), MIGRATIONS_FOLDER);
  assert.ok(readdirSync(MIGRATIONS_FOLDER).some((f) => f.endsWith('.sql')));
  assert.ok(existsSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`));
});

test('ensureDatabaseExists creates the database once and tolerates repeats', async () => {
  const url = freshUrl();
  await Promise.all([ensureDatabaseExists(url), ensureDatabaseExists(url)]);
  await ensureDatabaseExists(url);
  assert.deepEqual(await tableNames(url), []);
});

test('migrate on a fresh database creates every table, and re-running is a no-op', async () => {
  const url = freshUrl();
  await ensureDatabaseExists(url);
  await migrate(url);
  const tables = await tableNames(url);
  for (const t of ['experiments', 'trials', 'trial_params', 'trial_attempts', 'metrics', 'trial_logs', 'artifacts', 'registered_models', 'model_versions', 'model_aliases', 'model_events', 'workers', 'api_tokens', 'audit_events', 'datasets']) {
    assert.ok(tables.includes(t), `missing table ${t}`);
  }
  const journal = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).length;
  assert.equal(await appliedCount(url), journal);

  const handle = createDatabase({ url });
  try {
    await migrate(handle.db);
    await migrate(handle.db);
    await handle.ping();
  } finally {
    await handle.close();
    await handle.close();
  }
  assert.equal(await appliedCount(url), journal);
});

// Without the advisory lock drizzle's migrator races on CREATE SCHEMA / CREATE TABLE
// ("duplicate key value violates unique constraint pg_namespace_nspname_index").
test('concurrent migrate() calls from separate pools all succeed and apply once', async () => {
  const journal = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).length;
  for (let round = 0; round < 3; round++) {
    const url = freshUrl();
    await ensureDatabaseExists(url);
    const a = createDatabase({ url, max: 2 });
    const b = createDatabase({ url, max: 2 });
    try {
      await Promise.all([migrate(a.db), migrate(b.db), migrate(url)]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    assert.equal(await appliedCount(url), journal);
  }
});

test('ping reports UNAVAILABLE for an unreachable server', async () => {
  const handle = createDatabase({ url: 'postgres://postgres@127.0.0.1:1/nope' });
  try {
    await assert.rejects(handle.ping(), (err: unknown) => (err as { code?: string }).code === 'UNAVAILABLE');
  } finally {
    await handle.close();
  }
});

// Catches a schema.ts edit committed without `npm run db:generate`: every table, column and
// index the code declares must exist after the committed migrations ran.
test('the committed migrations produce every table, column and index declared in schema.ts', async () => {
  const url = freshUrl();
  await ensureDatabaseExists(url);
  await migrate(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const cols = await client.query<{ table_name: string; column_name: string }>(
      "select table_name, column_name from information_schema.columns where table_schema = 'public'",
    );
    const have = new Set(cols.rows.map((r) => `${r.table_name}.${r.column_name}`));
    const idx = await client.query<{ indexname: string }>("select indexname from pg_indexes where schemaname = 'public'");
    const indexes = new Set(idx.rows.map((r) => r.indexname));
    let tables = 0;
    for (const value of Object.values(schema)) {
      if (!is(value, PgTable)) continue;
      tables++;
      const config = getTableConfig(value);
      for (const col of config.columns) assert.ok(have.has(`${config.name}.${col.name}`), `column ${config.name}.${col.name} missing: run npm run db:generate`);
      for (const index of config.indexes) {
        const name = index.config.name;
        if (name) assert.ok(indexes.has(name), `index ${name} missing: run npm run db:generate`);
      }
    }
    assert.equal(tables, 15);
  } finally {
    await client.end();
  }
});

test('pingDatabase answers for a server that takes the login and throws what the connection met otherwise', async () => {
  await pingDatabase(server.toString());
  const missing = new URL(server.toString());
  missing.pathname = `/tg_test_absent_${randomBytes(5).toString('hex')}`;
  await assert.rejects(pingDatabase(missing.toString()), /does not exist/);
  // Port 1: nothing listens there (refused, or a timeout behind a firewall).
  const closed = new URL(server.toString());
  closed.port = '1';
  await assert.rejects(pingDatabase(closed.toString(), 1_000), (err: unknown) => (err as { code?: string }).code === 'ECONNREFUSED' || /timeout/i.test(String(err)));
});
