import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { loadLauncherConfig } from './config.js';
import { findExecutable, natsInstallHint } from './nats.js';
import { redactUrl } from '@trialgrid/db';
import { databaseOf, postgresUrl, withDatabase } from './postgres.js';
import { Output, RestartPolicy, formatLogLine } from './processes.js';
import { buildServiceEnv, chooseDataDir, healthUrl, needsPostgres, reachableHost, selectServices, serviceInstances, summaryLines, type ClusterEnv } from './services.js';
import { choosePort, freePort, portFree } from './net.js';
import { createServer } from 'node:net';

const cluster: ClusterEnv = {
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/trialgrid',
  natsUrl: 'nats://127.0.0.1:4222',
  dataDir: '/data/mnist',
  artifactDir: '/state/artifacts',
  host: '127.0.0.1',
};

test('launcher config: defaults and every problem reported', () => {
  const c = loadLauncherConfig({});
  assert.equal(c.WORKERS, 1);
  assert.equal(c.TRIALGRID_PG_PORT, 5432);
  assert.equal(c.TRIALGRID_NATS_PORT, 4222);
  assert.equal(c.PORT, undefined);
  assert.equal(c.DATABASE_URL, undefined);
  assert.equal(c.STOP_TIMEOUT, 20_000);
  assert.equal(loadLauncherConfig({ PORT: '0' }).PORT, 0);
  assert.throws(() => loadLauncherConfig({ WORKERS: '-1', TRIALGRID_LOG_FORMAT: 'xml', DATABASE_URL: 'nope' }), (err: Error) => {
    assert.match(err.message, /WORKERS/);
    assert.match(err.message, /TRIALGRID_LOG_FORMAT/);
    assert.match(err.message, /DATABASE_URL/);
    return true;
  });
});

test('service selection keeps start order and rejects unknown names', () => {
  assert.deepEqual(selectServices('all').map((s) => s.name), ['scheduler', 'registry', 'gateway', 'worker']);
  assert.deepEqual(selectServices('worker, gateway').map((s) => s.name), ['gateway', 'worker']);
  assert.deepEqual(selectServices('none'), []);
  assert.throws(() => selectServices('gateway,dashbord'), /dashbord/);
});

test('workers get distinct names and preferred ports', () => {
  const inst = serviceInstances(selectServices('all'), 3, 8080);
  assert.deepEqual(
    inst.map((i) => [i.name, i.preferredPort]),
    [['scheduler', 4101], ['registry', 4102], ['gateway', 8080], ['worker-1', 4103], ['worker-2', 4104], ['worker-3', 4105]],
  );
  assert.equal(serviceInstances(selectServices('gateway'), 1).at(0)?.preferredPort, 4000);
  assert.equal(serviceInstances(selectServices('worker'), 0).length, 0);
});

test('service env: cluster wiring, per-service ports, launcher-only vars dropped', () => {
  const base = { PATH: '/bin', LOG_LEVEL: 'debug', WORKERS: '2', HEALTH_PORT: '9999', PORT: '1', HOST: '0.0.0.0', DATABASE_URL: 'postgres://old', TRIALGRID_PREFIX: 'p1', WORKER_ID: 'box', TRIALGRID_PG_PORT: '5' };
  const [scheduler, , gateway, w1, w2] = serviceInstances(selectServices('all'), 2);
  const gw = buildServiceEnv(base, { ...cluster, host: '0.0.0.0' }, gateway!, 4000, 2);
  assert.equal(gw['PORT'], '4000');
  assert.equal(gw['HOST'], '0.0.0.0');
  assert.equal(gw['HEALTH_PORT'], undefined);
  assert.equal(gw['DATABASE_URL'], cluster.databaseUrl);
  assert.equal(gw['NATS_URL'], cluster.natsUrl);
  assert.equal(gw['ARTIFACT_DIR'], '/state/artifacts');
  assert.equal(gw['TRIALGRID_PREFIX'], 'p1');
  assert.equal(gw['LOG_LEVEL'], 'debug');
  assert.equal(gw['WORKERS'], undefined);
  assert.equal(gw['TRIALGRID_PG_PORT'], undefined);

  const sch = buildServiceEnv(base, cluster, scheduler!, 4101, 2);
  assert.equal(sch['HEALTH_PORT'], '4101');
  assert.equal(sch['PORT'], undefined);
  assert.equal(sch['HOST'], undefined);
  assert.equal(sch['DATA_DIR'], '/data/mnist');

  const e1 = buildServiceEnv(base, cluster, w1!, 4103, 2);
  const e2 = buildServiceEnv(base, cluster, w2!, 4104, 2);
  assert.deepEqual([e1['HEALTH_PORT'], e2['HEALTH_PORT']], ['4103', '4104']);
  assert.deepEqual([e1['WORKER_ID'], e2['WORKER_ID']], ['box-1', 'box-2']);
  assert.equal(buildServiceEnv(base, cluster, w1!, 4103, 1)['WORKER_ID'], 'box');
  assert.equal(buildServiceEnv({}, cluster, w1!, 4103, 2)['WORKER_ID'], undefined);
});

test('Postgres is needed unless only workers run (a GPU node joining a cluster runs NATS-only workers)', () => {
  assert.equal(needsPostgres(selectServices('worker')), false);
  assert.equal(needsPostgres(selectServices('all')), true);
  assert.equal(needsPostgres(selectServices('gateway,worker')), true);
  assert.equal(needsPostgres(selectServices('scheduler')), true);
  assert.equal(needsPostgres(selectServices('none')), true, 'none: only Postgres + NATS');
});

test('service env: workers get no database settings (NATS is their only connection); the other services do', () => {
  const base = { DATABASE_URL: 'postgres://theirs', PGPASSWORD: 'pg-secret', PGHOST: 'db.internal', PGSSLMODE: 'require', PATH: '/bin', NATS_URL: 'nats://x' };
  const [scheduler, registry, gateway, w1] = serviceInstances(selectServices('all'), 1);
  const worker = buildServiceEnv(base, cluster, w1!, 4103, 1);
  assert.deepEqual(Object.keys(worker).filter((k) => k === 'DATABASE_URL' || k.startsWith('PG')), [], 'no DATABASE_URL or PG* variable reaches a worker');
  assert.equal(worker['NATS_URL'], cluster.natsUrl);
  assert.equal(worker['PATH'], '/bin');
  for (const instance of [scheduler!, registry!, gateway!]) {
    const env = buildServiceEnv(base, cluster, instance, 4100, 1);
    assert.equal(env['DATABASE_URL'], cluster.databaseUrl, instance.name);
    assert.equal(env['PGPASSWORD'], 'pg-secret', `${instance.name}: node-postgres settings pass through`);
  }
});

test('service env: workers on one machine split its cores between their wasm threads', () => {
  const [, , gateway, w1] = serviceInstances(selectServices('all'), 2);
  assert.equal(buildServiceEnv({}, cluster, w1!, 4103, 2, 8)['WASM_THREADS'], '4');
  assert.equal(buildServiceEnv({}, cluster, w1!, 4103, 3, 2)['WASM_THREADS'], '1');
  assert.equal(buildServiceEnv({}, cluster, w1!, 4103, 1, 8)['WASM_THREADS'], undefined, 'one worker: all cores (worker default)');
  assert.equal(buildServiceEnv({ WASM_THREADS: '6' }, cluster, w1!, 4103, 2, 8)['WASM_THREADS'], '6', 'an explicit setting wins');
  assert.equal(buildServiceEnv({}, cluster, gateway!, 4000, 2, 8)['WASM_THREADS'], undefined);
  assert.equal(buildServiceEnv({}, cluster, w1!, 4103, 2, 8)['TF_THREADS'], '4');
  assert.equal(buildServiceEnv({}, cluster, w1!, 4103, 1, 8)['TF_THREADS'], undefined, 'one worker: TensorFlow default');
  assert.equal(buildServiceEnv({ TF_THREADS: '3' }, cluster, w1!, 4103, 2, 8)['TF_THREADS'], '3', 'an explicit setting wins');
});

test("service env: on the launcher's own nats-server each service gets its role's login", () => {
  const instances = serviceInstances(selectServices('all'), 2);
  const natsCredentials = Object.fromEntries(
    (['gateway', 'scheduler', 'registry', 'worker'] as const).map((role) => [role, { user: `u-${role}`, password: `pw-${role}-0123456789abcdef` }]),
  ) as NonNullable<ClusterEnv['natsCredentials']>;
  const base = { NATS_USER: 'theirs', NATS_PASSWORD: 'their-pw' };
  for (const instance of instances) {
    const env = buildServiceEnv(base, { ...cluster, natsCredentials }, instance, 4100, 2);
    const role = instance.def.name;
    assert.deepEqual([env['NATS_USER'], env['NATS_PASSWORD']], [`u-${role}`, `pw-${role}-0123456789abcdef`], instance.name);
  }
  // On an external server the operator's own NATS_USER / NATS_PASSWORD pass through.
  const external = buildServiceEnv(base, cluster, instances[0]!, 4100, 2);
  assert.deepEqual([external['NATS_USER'], external['NATS_PASSWORD']], ['theirs', 'their-pw']);
});

test('health URLs: gateway on its bind address, others on loopback', () => {
  const [scheduler, , gateway] = serviceInstances(selectServices('all'), 1);
  assert.equal(healthUrl(gateway!, 4000, '0.0.0.0'), 'http://127.0.0.1:4000/readyz');
  assert.equal(healthUrl(gateway!, 4000, 'localhost'), 'http://localhost:4000/readyz');
  assert.equal(healthUrl(gateway!, 4000, '::1'), 'http://[::1]:4000/readyz');
  assert.equal(healthUrl(scheduler!, 4101, '0.0.0.0'), 'http://127.0.0.1:4101/readyz');
  assert.equal(healthUrl(scheduler!, 4101, '127.0.0.1', '0.0.0.0'), 'http://127.0.0.1:4101/readyz');
  assert.equal(healthUrl(scheduler!, 4101, '127.0.0.1', '10.1.2.3'), 'http://10.1.2.3:4101/readyz');
  assert.equal(reachableHost('::'), '127.0.0.1');
});

test('DATA_DIR: explicit, else the shared copy when present, else the state dir', () => {
  assert.equal(chooseDataDir('/repo', '/repo/.data', '/mine', () => true), '/mine');
  assert.equal(chooseDataDir('/w/main', '/w/main/.data', undefined, (p) => p === '/w/shared/datasets/mnist'), '/w/shared/datasets/mnist');
  assert.equal(chooseDataDir('/w/main', '/w/main/.data', undefined, () => false), '/w/main/.data/datasets/mnist');
});

test('postgres URLs: build, swap database, redact', () => {
  const url = postgresUrl({ user: 'postgres', password: 'p@ss', host: '127.0.0.1', port: 5433, database: 'trialgrid' });
  assert.equal(url, 'postgres://postgres:p%40ss@127.0.0.1:5433/trialgrid');
  assert.equal(postgresUrl({ user: 'postgres', host: 'h', port: 1, database: 'd' }), 'postgres://postgres@h:1/d');
  assert.equal(databaseOf(url), 'trialgrid');
  assert.equal(databaseOf('postgres://alice@h:1'), 'alice');
  assert.equal(withDatabase(url, 'other'), 'postgres://postgres:p%40ss@127.0.0.1:5433/other');
  assert.equal(withDatabase('postgres://u@h:1/a?sslmode=disable', 'b'), 'postgres://u@h:1/b?sslmode=disable');
  assert.equal(redactUrl(url), 'postgres://postgres:***@127.0.0.1:5433/trialgrid');
  assert.equal(redactUrl('postgres://u@h/d'), 'postgres://u@h/d');
});

test('nats-server install hint per platform', () => {
  assert.match(natsInstallHint('linux'), /sudo apt-get install nats-server/);
  assert.match(natsInstallHint('darwin'), /brew install nats-server/);
  for (const p of ['linux', 'darwin', 'win32', 'freebsd'] as const) {
    assert.match(natsInstallHint(p), /go install github\.com\/nats-io\/nats-server\/v2@latest/);
    assert.match(natsInstallHint(p), /releases/);
  }
  assert.doesNotMatch(natsInstallHint('freebsd'), /apt-get|brew/);
});

test('findExecutable looks on PATH, then the extra candidates, and needs the x bit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'launcher-path-'));
  try {
    const a = join(dir, 'missing');
    const bin = join(dir, 'nats-server');
    writeFileSync(bin, '#!/bin/sh\n');
    chmodSync(bin, 0o644);
    assert.equal(findExecutable('nats-server', dir, [], 'linux'), undefined);
    chmodSync(bin, 0o755);
    assert.equal(findExecutable('nats-server', [a, dir].join(delimiter), [], 'linux'), bin);
    assert.equal(findExecutable('nats-server', '', [join(a, 'x'), bin], 'linux'), bin);
    assert.equal(findExecutable('nats-server', undefined, [], 'linux'), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pino lines become readable; other lines pass through', () => {
  const line = JSON.stringify({ level: 30, time: '2026-11-26T17:01:02.345Z', pid: 1, hostname: 'h', service: 'scheduler', component: 'dispatcher', msg: 'dispatched', trialId: 't 1', n: 2, ok: true, err: { a: 1 } });
  assert.equal(formatLogLine(line, 'pretty'), '17:01:02.345 INFO  dispatched component=dispatcher trialId="t 1" n=2 ok=true err={"a":1}');
  assert.equal(formatLogLine(line, 'json'), line);
  assert.equal(formatLogLine(JSON.stringify({ level: 50, msg: 'boom' }), 'pretty').slice(13), 'ERROR boom');
  assert.equal(formatLogLine('plain text', 'pretty'), 'plain text');
  assert.equal(formatLogLine('{not json', 'pretty'), '{not json');
  assert.equal(formatLogLine('{"a":1}', 'pretty'), '{"a":1}');
});

test('output prefixes lines with the source, aligned', () => {
  const lines: string[] = [];
  const out = new Output('pretty', (t) => void lines.push(t));
  out.reserve('scheduler');
  out.info('hello');
  out.line('worker-1', 'x');
  assert.deepEqual(lines, ['launcher  | hello\n', 'worker-1  | x\n']);
});

test('summary lists the URLs of what runs', () => {
  const lines = summaryLines({
    gateway: 'http://127.0.0.1:4000',
    health: [
      { name: 'scheduler', url: 'http://127.0.0.1:4101/readyz' },
      { name: 'gateway', url: 'http://127.0.0.1:4000/readyz' },
    ],
    postgres: 'postgres://x (local)',
    nats: 'nats://y (local)',
    dataDir: '/d',
    artifactDir: '/a',
  });
  const text = lines.join('\n');
  assert.match(text, /GraphQL +http:\/\/127\.0\.0\.1:4000\/graphql +\(subscriptions: ws:\/\/127\.0\.0\.1:4000\/graphql\)/);
  assert.match(text, /Dashboard +http:\/\/127\.0\.0\.1:4000\//);
  assert.match(text, /Queues +http:\/\/127\.0\.0\.1:4000\/queues/);
  assert.match(text, /scheduler +http:\/\/127\.0\.0\.1:4101\/healthz +http:\/\/127\.0\.0\.1:4101\/readyz/);
  assert.match(text, /Metrics +scheduler +http:\/\/127\.0\.0\.1:4101\/metrics\n +gateway +http:\/\/127\.0\.0\.1:4000\/metrics/);
  assert.doesNotMatch(summaryLines({ health: [], postgres: 'p', nats: 'n', dataDir: 'd', artifactDir: 'a' }).join('\n'), /GraphQL/);
});

test('choosePort keeps a free preferred port and avoids taken ones', async () => {
  const busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
  const busyPort = (busy.address() as { port: number }).port;
  try {
    assert.equal(await portFree(busyPort), false);
    const taken = new Set<number>();
    const other = await choosePort(busyPort, taken);
    assert.notEqual(other, busyPort);
    const free = await freePort();
    assert.equal(await choosePort(free, new Set()), free);
    const again = await choosePort(other, taken);
    assert.notEqual(again, other, 'a port handed out once is not handed out again');
  } finally {
    busy.close();
  }
});

test('restart policy: backoff doubles per restart in the window, gives up past the limit, forgets old restarts', () => {
  const policy = new RestartPolicy({ maxRestarts: 3, windowMs: 60_000, initialDelayMs: 1_000, maxDelayMs: 3_000 });
  assert.deepEqual(policy.onExit(0), { restart: true, delayMs: 1_000, attempt: 1 });
  assert.deepEqual(policy.onExit(5_000), { restart: true, delayMs: 2_000, attempt: 2 });
  assert.deepEqual(policy.onExit(10_000), { restart: true, delayMs: 3_000, attempt: 3 }, 'capped at maxDelayMs');
  assert.deepEqual(policy.onExit(20_000), { restart: false, reason: 'it died 4 times within 60 s' });
  // A minute after the first restarts they no longer count: back to a short delay.
  assert.deepEqual(policy.onExit(75_000), { restart: true, delayMs: 1_000, attempt: 1 });
  assert.deepEqual(new RestartPolicy({ maxRestarts: 0 }).onExit(0), { restart: false, reason: 'it died 1 times within 600 s' });
});
