/**
 * The launcher's own servers, for real: an embedded Postgres started from the npm package
 * and a nats-server spawned with JetStream, both on unused ports, then stopped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';
import { freePort, tcpOpen } from './net.js';
import { natsArchiveFor, trialgridCacheDir } from './nats-download.js';
import { resolveNats } from './nats.js';
import { ensureAdminToken } from './admin-token.js';
import { resolvePostgres } from './postgres.js';
import { Output } from './processes.js';

const quiet = (): Output => new Output('json', () => undefined);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as unknown[];
  } finally {
    await client.end();
  }
}

test('embedded Postgres: initialises, starts on the given port, serves the database, stops, restarts from the same data', async () => {
  const state = mkdtempSync(join(tmpdir(), 'launcher-pg-'));
  // Run as root the server runs as the `postgres` user, which must be able to enter the folder.
  chmodSync(state, 0o755);
  const port = await freePort();
  try {
    const first = await resolvePostgres({ localPort: port, database: 'trialgrid', dataDir: join(state, 'postgres'), output: quiet() });
    assert.equal(first.source, 'embedded');
    assert.match(first.url, new RegExp(`@127\\.0\\.0\\.1:${port}/trialgrid$`));
    assert.ok(first.pid && alive(first.pid));
    assert.ok(existsSync(join(state, 'postgres', 'PG_VERSION')));
    await query(first.url, 'CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)');
    await first.stop();
    assert.equal(alive(first.pid), false);
    assert.equal(await tcpOpen(port), false);

    // Second start: no initdb, the data is still there.
    const second = await resolvePostgres({ localPort: port, database: 'trialgrid', dataDir: join(state, 'postgres'), output: quiet() });
    try {
      assert.deepEqual(await query(second.url, 'SELECT v FROM kept'), [{ v: 42 }]);
    } finally {
      await second.stop();
    }
    assert.equal(await tcpOpen(port), false);
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
});

test('a port held by a server that is not Postgres: said with the reason, an embedded Postgres elsewhere; the admin token waits for the schema in one readable line', async () => {
  const squatter = createServer((_req, res) => res.end('not postgres'));
  await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', r));
  const squatted = (squatter.address() as AddressInfo).port;
  const state = mkdtempSync(join(tmpdir(), 'launcher-pg-squat-'));
  chmodSync(state, 0o755);
  const lines: string[] = [];
  try {
    const pgServer = await resolvePostgres({ localPort: squatted, database: 'trialgrid', dataDir: join(state, 'postgres'), output: new Output('json', (l) => lines.push(l)) });
    try {
      assert.equal(pgServer.source, 'embedded');
      assert.doesNotMatch(pgServer.url, new RegExp(`:${squatted}/`), 'the squatter keeps its port');
      const said = lines.join('\n');
      assert.match(said, new RegExp(`port ${squatted} is held by a server that is not a Postgres letting 'postgres' in without a password \\(`));
      assert.match(said, /set DATABASE_URL/);
      // No scheduler has applied the migrations to this fresh database: skipped, in one line, no SQL.
      const outcome = await ensureAdminToken({ databaseUrl: pgServer.url, stateDir: join(state, 'state') });
      assert.equal(outcome.kind, 'skipped');
      const reason = outcome.kind === 'skipped' ? outcome.reason : '';
      assert.match(reason, /api_tokens table cannot be read yet \(.*api_tokens.*\); the scheduler creates it/);
      assert.doesNotMatch(reason, /select|params:|\n/i);
    } finally {
      await pgServer.stop();
    }
  } finally {
    squatter.close();
    rmSync(state, { recursive: true, force: true });
  }
});

test('the local Postgres port is preferred when it lets postgres in', async (t) => {
  const url = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const port = Number(new URL(url).port || 5432);
  // The property needs a server that lets `postgres` in without a password (a machine's own
  // Postgres). The test services of a fresh machine are an embedded server with a password.
  const probe = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`, connectionTimeoutMillis: 3_000 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
  } catch (err) {
    t.skip(`no Postgres on ${port} that lets postgres in without a password (${err instanceof Error ? err.message : String(err)})`);
    return;
  } finally {
    await probe.end().catch(() => undefined);
  }
  const state = mkdtempSync(join(tmpdir(), 'launcher-local-pg-'));
  const database = `launcher_local_${process.pid}_${Date.now()}`;
  const res = await resolvePostgres({ localPort: port, database, dataDir: join(state, 'postgres'), output: quiet() });
  try {
    assert.equal(res.source, 'local');
    assert.equal(res.pid, undefined);
    assert.equal(existsSync(join(state, 'postgres')), false, 'no embedded data directory when the local server is used');
    assert.deepEqual(await query(res.url, 'SELECT 1 AS one'), [{ one: 1 }]);
  } finally {
    // Whatever came back (an embedded server too, when the assertion above fails) is stopped.
    await res.stop();
    rmSync(state, { recursive: true, force: true });
  }
  await query(`postgres://postgres@127.0.0.1:${port}/postgres`, `DROP DATABASE "${database}"`);
});

test('nats-server: spawned with JetStream on a free port when nothing answers, stopped again', async () => {
  const state = mkdtempSync(join(tmpdir(), 'launcher-nats-'));
  const port = await freePort();
  try {
    // The binary as `npm start` finds it: PATH, the usual directories, else the download cache
    // (where a fresh machine's test run has already put it; see scripts/run-tests.mjs).
    const nats = await resolveNats({
      localPort: port,
      storeDir: join(state, 'nats'),
      pathEnv: process.env['PATH'],
      output: quiet(),
      provision: {
        archive: natsArchiveFor({ downloadUrl: process.env['TRIALGRID_NATS_DOWNLOAD_URL'], sha256: process.env['TRIALGRID_NATS_SHA256'] }),
        cacheDir: trialgridCacheDir(process.env),
      },
    });
    assert.equal(nats.source, 'spawned');
    assert.equal(nats.url, `nats://127.0.0.1:${port}`);
    const nc = await connect({ servers: nats.url });
    assert.equal(nc.info?.jetstream, true);
    await nc.close();
    await nats.stop();
    assert.ok(nats.pid && !alive(nats.pid));
    assert.equal(await tcpOpen(port), false);
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
});

test('no NATS and no nats-server binary: a clear error with the install command', async () => {
  const port = await freePort();
  await assert.rejects(
    resolveNats({ localPort: port, storeDir: join(tmpdir(), 'launcher-no-nats-never-created'), pathEnv: '', extraCandidates: [], platform: 'linux', output: quiet() }),
    (err: Error) => {
      assert.match(err.message, /no nats-server binary was found/);
      assert.match(err.message, /sudo apt-get install nats-server/);
      return true;
    },
  );
});

test('NATS_URL that does not answer is an error, not a silent fallback', async () => {
  const port = await freePort();
  await assert.rejects(resolveNats({ natsUrl: `nats://127.0.0.1:${port}`, localPort: 4222, storeDir: join(tmpdir(), 'launcher-no-nats-never-created'), output: quiet() }), /cannot reach NATS_URL/);
});
