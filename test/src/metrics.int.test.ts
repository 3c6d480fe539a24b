// Every service's /metrics, scraped from real processes during and after a sweep: scheduler,
// registry, worker and gateway run as `node services/<name>/dist/main.js` (as `npm start` and the
// containers run them) against a fresh database and NATS prefix, and the trial, queue, epoch,
// GraphQL, NATS and pool series must exist and move the way the sweep moved them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { createApiToken, experiments, TERMINAL_EXPERIMENT_STATUSES, type ExperimentStatus } from '@trialgrid/db';
import { freePort, mnistDir, repoRoot, startNats, startPostgres, type NatsFixture, type PostgresFixture } from '@trialgrid/testing';
import { Restartable, waitFor } from './chaos/cluster.js';
import { scrape, type Scrape } from './prometheus-text.js';

const SERVICES = ['scheduler', 'registry', 'worker', 'gateway'] as const;
type Service = (typeof SERVICES)[number];

let pg: PostgresFixture;
let nats: NatsFixture;
let dir: string;
const procs = new Map<Service, Restartable>();
const ports = new Map<Service, number>();
let token: string;
const WORKER_ID = `metrics-w1-${process.pid}`;

const metricsUrl = (svc: Service): string => `http://127.0.0.1:${ports.get(svc)}/metrics`;
const scrapeOf = (svc: Service): Promise<Scrape> => scrape(metricsUrl(svc));

async function graphql(query: string, variables: Record<string, unknown> = {}): Promise<{ data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] }> {
  const res = await fetch(`http://127.0.0.1:${ports.get('gateway')}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };
}

async function experimentStatus(id: string): Promise<ExperimentStatus | 'missing'> {
  const [row] = await pg.db.select({ status: experiments.status }).from(experiments).where(eq(experiments.id, id));
  return row?.status ?? 'missing';
}

before(async () => {
  pg = await startPostgres({ prefix: 'tg_metrics' });
  nats = await startNats();
  dir = await mkdtemp(join(tmpdir(), 'tg-metrics-'));
  const common = {
    ...process.env,
    DATABASE_URL: pg.url,
    NATS_URL: nats.url,
    TRIALGRID_PREFIX: nats.prefix,
    ARTIFACT_DIR: join(dir, 'artifacts'),
    DATA_DIR: mnistDir(),
    LOG_LEVEL: 'warn',
  };
  for (const svc of SERVICES) {
    const port = await freePort();
    ports.set(svc, port);
    const own = svc === 'gateway' ? { HOST: '127.0.0.1', PORT: String(port) } : { HEALTH_PORT: String(port) };
    const extra = svc === 'worker' ? { WORKER_ID, HEARTBEAT_INTERVAL: '1s' } : {};
    const proc = new Restartable(svc, process.execPath, [join(repoRoot(), 'services', svc, 'dist', 'main.js')], {
      env: { ...common, ...own, ...extra },
      logFile: join(dir, `${svc}.log`),
    });
    procs.set(svc, proc);
    proc.start();
    // In order, each ready before the next: the scheduler migrates and declares the streams.
    await waitFor(`${svc} /readyz`, async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok, 120_000).catch(async (err: unknown) => {
      throw new Error(`${String(err)}\n${svc} log:\n${await proc.tail()}`);
    });
  }
  ({ token } = await createApiToken(pg.db, { name: 'metrics', owner: 'metrics-test', role: 'admin', createdBy: 'test' }));
});

after(async () => {
  for (const svc of [...SERVICES].reverse()) {
    const proc = procs.get(svc);
    if (!proc) continue;
    await proc.kill('SIGTERM');
    proc.close();
  }
  await nats?.close();
  await pg?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('every service serves /metrics: process metrics, NATS and (where there is a pool) Postgres pool series', async () => {
  for (const svc of SERVICES) {
    const m = await scrapeOf(svc);
    assert.ok(m.names.has('process_cpu_user_seconds_total'), `${svc}: default process metrics`);
    assert.ok(m.names.has('nodejs_eventloop_lag_seconds'), `${svc}: event loop lag`);
    assert.ok(m.names.has('trialgrid_nats_reconnects_total'), `${svc}: NATS reconnects`);
    if (svc !== 'worker') {
      // A service with a pool: something is connected (the readiness checks ping through it).
      assert.ok(m.value('trialgrid_db_pool_max_connections') > 0, `${svc}: pool size`);
      assert.ok(m.value('trialgrid_db_pool_connections') >= 1, `${svc}: pool connections`);
    } else {
      // A worker has no database (NATS credentials only): no pool series, not even zeros.
      assert.ok(!m.names.has('trialgrid_db_pool_max_connections'), 'worker: no pool gauges');
    }
    if (svc !== 'scheduler') {
      // Another service's series are not exported as zeros.
      for (const name of ['trialgrid_trials', 'trialgrid_trials_dispatched_total', 'trialgrid_dispatch_latency_seconds', 'trialgrid_queue_pending_messages']) {
        assert.ok(!m.names.has(name), `${svc} does not export the scheduler's ${name}`);
      }
    }
  }
  const gatewayPool = await scrapeOf('gateway');
  assert.equal(gatewayPool.value('trialgrid_db_pool_max_connections'), 10, 'the gateway pool is DB_POOL_SIZE (default 10)');
  const scheduler = await scrapeOf('scheduler');
  for (const state of ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'STOPPED', 'CANCELLED']) {
    assert.ok(scheduler.has('trialgrid_trials', { state }), `trialgrid_trials{state="${state}"} is present before any trial`);
  }
  assert.equal(scheduler.value('trialgrid_trials'), 0);
  const queue = scheduler.labelSets('trialgrid_queue_pending_messages');
  assert.deepEqual(queue.map((l) => l['consumer']).sort(), ['registry', 'scheduler', 'workers']);
  assert.equal(scheduler.value('trialgrid_metric_sample_errors_total'), 0, 'no sampled gauge failed');
});

test('a sweep moves the trial, queue, dispatch, epoch and GraphQL series', { timeout: 300_000 }, async () => {
  const before = new Map<Service, Scrape>();
  for (const svc of SERVICES) before.set(svc, await scrapeOf(svc));

  const input = {
    name: 'metrics sweep',
    modelName: 'Metrics_Test_Model',
    trainLimit: 300,
    testLimit: 100,
    epochs: 2,
    maxParallelTrials: 2,
    searchSpace: { algorithm: 'EXPLICIT', trials: [{ name: 'lr_1e-3', preset: 'baseline', learningRate: 0.001 }, { name: 'lr_3e-3', preset: 'baseline', learningRate: 0.003 }] },
  };
  const created = await graphql('mutation MetricsSweep($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }', { input });
  assert.equal(created.errors, undefined, JSON.stringify(created.errors));
  const id = (created.data?.['createExperiment'] as { id: string }).id;
  // A refused one: its status is the error code the client got.
  const refused = await graphql('mutation MetricsBadSweep($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }', {
    input: { ...input, dataset: 'cifar10' },
  });
  assert.equal(refused.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  const invalid = await graphql('query { noSuchField }');
  assert.equal(invalid.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
  // Refused before Apollo: a wrong token, a body that is not JSON. They count too, by their code.
  const gatewayUrl = `http://127.0.0.1:${ports.get('gateway')}/graphql`;
  const badToken = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer tg_not_a_token' }, body: '{"query":"{ __typename }"}' });
  assert.equal(badToken.status, 401);
  const badBody = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{"query":' });
  assert.equal(badBody.status, 400);

  // During the sweep: the first epoch shows on the worker while the scheduler counts both trials.
  const during = await waitFor('an epoch on the worker', async () => {
    const w = await scrapeOf('worker');
    return w.histogramCount('trialgrid_epoch_duration_seconds', { worker: WORKER_ID }) >= 1 ? w : undefined;
  }, 240_000);
  assert.ok(during.value('trialgrid_epoch_images_per_second', { worker: WORKER_ID }) > 0, 'throughput of the last epoch');
  assert.equal((await scrapeOf('scheduler')).value('trialgrid_trials'), 2, 'both trials counted during the sweep');

  await waitFor('the experiment to finish', async () => {
    const s = await experimentStatus(id);
    return s !== 'missing' && TERMINAL_EXPERIMENT_STATUSES.includes(s);
  }, 240_000);
  assert.equal(await experimentStatus(id), 'SUCCEEDED');

  const s0 = before.get('scheduler')!;
  const s1 = await scrapeOf('scheduler');
  assert.equal(s1.value('trialgrid_trials', { state: 'SUCCEEDED' }) - s0.value('trialgrid_trials', { state: 'SUCCEEDED' }), 2);
  assert.equal(s1.value('trialgrid_trials', { state: 'QUEUED' }) + s1.value('trialgrid_trials', { state: 'RUNNING' }), 0);
  assert.equal(s1.value('trialgrid_trials_finished_total', { state: 'SUCCEEDED' }) - s0.value('trialgrid_trials_finished_total', { state: 'SUCCEEDED' }), 2);
  assert.equal(s1.value('trialgrid_trials_dispatched_total') - s0.value('trialgrid_trials_dispatched_total'), 2);
  assert.equal(s1.histogramCount('trialgrid_dispatch_latency_seconds') - s0.histogramCount('trialgrid_dispatch_latency_seconds'), 2);
  // Nothing left in the work queue once every trial is done.
  assert.equal(s1.value('trialgrid_queue_pending_messages', { consumer: 'workers' }), 0);
  assert.equal(s1.value('trialgrid_queue_ack_pending_messages', { consumer: 'workers' }), 0);

  const w1 = await scrapeOf('worker');
  const epochs = w1.histogramCount('trialgrid_epoch_duration_seconds', { worker: WORKER_ID });
  assert.equal(epochs, 4, '2 trials × 2 epochs');
  const [labels] = w1.labelSets('trialgrid_training_images_total');
  assert.ok(labels?.['backend'] && labels['backend'] !== 'unknown', `the backend is named (${JSON.stringify(labels)})`);
  // Each epoch trains on the trial's training split of the 300 images (the rest is validation).
  const images = w1.value('trialgrid_training_images_total', { worker: WORKER_ID });
  assert.ok(images >= 4 * 200 && images <= 4 * 300, `images trained: ${images}`);

  const g1 = await scrapeOf('gateway');
  const g0 = before.get('gateway')!;
  const ops = (op: string, status: string, m: Scrape): number => m.histogramCount('trialgrid_graphql_operation_duration_seconds', { operation: op, status });
  assert.equal(ops('MetricsSweep', 'ok', g1) - ops('MetricsSweep', 'ok', g0), 1);
  assert.equal(ops('MetricsBadSweep', 'BAD_USER_INPUT', g1) - ops('MetricsBadSweep', 'BAD_USER_INPUT', g0), 1);
  assert.equal(ops('(unresolved)', 'GRAPHQL_VALIDATION_FAILED', g1) - ops('(unresolved)', 'GRAPHQL_VALIDATION_FAILED', g0), 1);
  assert.equal(ops('(unresolved)', 'UNAUTHENTICATED', g1) - ops('(unresolved)', 'UNAUTHENTICATED', g0), 1);
  assert.equal(ops('(unresolved)', 'BAD_REQUEST', g1) - ops('(unresolved)', 'BAD_REQUEST', g0), 1);
  assert.ok(g1.has('trialgrid_graphql_operation_duration_seconds_count', { operation: 'MetricsSweep', type: 'mutation' }));

  // The registry registered the best trial: its process shows its own pool and NATS series.
  const r1 = await scrapeOf('registry');
  assert.equal(r1.value('trialgrid_nats_reconnects_total'), 0);
});
