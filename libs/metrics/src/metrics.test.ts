import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  epochDuration,
  epochImagesPerSecond,
  metricsHandler,
  observeEpoch,
  registry,
  renderMetrics,
  SampledGauge,
  sampleErrors,
  trainingImages,
  watchDbPool,
  dbPoolConnections,
  dbPoolWaitingClients,
  dbPoolMaxConnections,
  describeMetrics,
  SCHEDULER_METRICS,
  useMetrics,
} from './index.js';

test("a process exports only what it records: no scheduler counters or pool gauges until it has a scheduler or a pool", async () => {
  // First in this file: nothing here has started a scheduler or watched a pool yet, so none of
  // their series are exported, not even zeros.
  const before = (await renderMetrics()).body;
  assert.doesNotMatch(before, /^trialgrid_trials_dispatched_total /m);
  assert.doesNotMatch(before, /^trialgrid_dispatch_latency_seconds_count /m);
  assert.doesNotMatch(before, /^trialgrid_db_pool_max_connections /m);
  // ... and yet they are described (the dashboard check reads every defined metric).
  const described = new Set((await describeMetrics()).map((m) => m.name));
  for (const name of ['trialgrid_trials_dispatched_total', 'trialgrid_dispatch_latency_seconds', 'trialgrid_db_pool_max_connections', 'trialgrid_trials']) assert.ok(described.has(name), name);
  // A scheduler starting: its counters are exported from then on, at 0 (so rate() has a start).
  useMetrics(...SCHEDULER_METRICS);
  useMetrics(...SCHEDULER_METRICS); // idempotent
  const after = (await renderMetrics()).body;
  assert.match(after, /^trialgrid_trials_dispatched_total 0$/m);
  assert.match(after, /^trialgrid_dispatch_latency_seconds_count 0$/m);
  // A pool: its gauges appear with it.
  const stop = watchDbPool({ totalCount: 3, idleCount: 1, waitingCount: 0, options: { max: 7 } });
  try {
    assert.match((await renderMetrics()).body, /^trialgrid_db_pool_max_connections 7$/m);
  } finally {
    stop();
  }
});

test('every trialgrid metric follows the Prometheus naming conventions and has help', async () => {
  const metrics = await describeMetrics();
  const ours = metrics.filter((m) => m.name.startsWith('trialgrid_'));
  assert.ok(ours.length >= 15, `expected the trialgrid metrics, found ${ours.length}`);
  for (const m of ours) {
    assert.match(m.name, /^trialgrid_[a-z][a-z0-9_]*[a-z0-9]$/, m.name);
    assert.ok(m.help.length > 20, `${m.name}: help is a sentence`);
    if (String(m.type) === 'counter') assert.match(m.name, /_total$/, `counter ${m.name} ends in _total`);
    else assert.doesNotMatch(m.name, /_total$/, `${m.type} ${m.name} must not end in _total`);
    if (String(m.type) === 'histogram') assert.match(m.name, /_seconds$/, `histogram ${m.name} is in seconds`);
    assert.doesNotMatch(m.name, /_(ms|milliseconds|minutes|bytes_kb)($|_)/, `${m.name}: base units only`);
  }
});

test('a sampled gauge sums its sources, forgets removed ones, and survives a failing or slow one', async () => {
  const g = new SampledGauge<'state'>({ name: 'trialgrid_test_sampled', help: 'a gauge of this unit test, read from sources', labelNames: ['state'], timeoutMs: 100 });
  const errorsBefore = (await sampleErrors.get()).values.find((v) => v.labels['metric'] === 'trialgrid_test_sampled')?.value ?? 0;
  const removeA = g.addSource(() => [{ labels: { state: 'QUEUED' }, value: 2 }, { labels: { state: 'RUNNING' }, value: 1 }]);
  g.addSource(async () => [{ labels: { state: 'QUEUED' }, value: 3 }]);
  g.addSource(() => {
    throw new Error('database unreachable');
  });
  g.addSource(() => new Promise(() => undefined)); // never answers
  const text = (await renderMetrics()).body;
  assert.match(text, /^trialgrid_test_sampled\{state="QUEUED"\} 5$/m);
  assert.match(text, /^trialgrid_test_sampled\{state="RUNNING"\} 1$/m);
  const errorsAfter = (await sampleErrors.get()).values.find((v) => v.labels['metric'] === 'trialgrid_test_sampled')?.value ?? 0;
  assert.equal(errorsAfter - errorsBefore, 2, 'the failing and the slow source are counted');
  removeA();
  const again = (await renderMetrics()).body;
  assert.match(again, /^trialgrid_test_sampled\{state="QUEUED"\} 3$/m);
  assert.doesNotMatch(again, /^trialgrid_test_sampled\{state="RUNNING"\}/m, 'a removed source leaves no stale series');
  registry.removeSingleMetric('trialgrid_test_sampled');
});

test('observeEpoch records duration, throughput and images; nonsense figures are skipped', async () => {
  const labels = { worker: 'unit-w1', backend: 'wasm' };
  // The count is the images trained, not seconds × images/s (an epoch's seconds include validation).
  observeEpoch({ ...labels, seconds: 2, imagesPerSecond: 250, images: 450 });
  observeEpoch({ ...labels, seconds: 4, imagesPerSecond: 300, images: 1080 });
  observeEpoch({ ...labels, seconds: Number.NaN, imagesPerSecond: -1, images: Number.NaN });
  const h = (await epochDuration.get()).values.filter((v) => v.labels['worker'] === 'unit-w1');
  assert.equal(h.find((v) => v.metricName === 'trialgrid_epoch_duration_seconds_count')?.value, 2);
  assert.equal(h.find((v) => v.metricName === 'trialgrid_epoch_duration_seconds_sum')?.value, 6);
  assert.equal(h.find((v) => v.metricName === 'trialgrid_epoch_duration_seconds_bucket' && (v.labels as Record<string, unknown>)['le'] === 2.5)?.value, 1);
  assert.equal((await epochImagesPerSecond.get()).values.find((v) => v.labels['worker'] === 'unit-w1')?.value, 300);
  assert.equal((await trainingImages.get()).values.find((v) => v.labels['worker'] === 'unit-w1')?.value, 450 + 1080);
});

test('watchDbPool reads the pool at scrape time until unwatched', async () => {
  const pool = { totalCount: 4, idleCount: 1, waitingCount: 2, options: { max: 8 } };
  const unwatch = watchDbPool(pool);
  const conns = async () => Object.fromEntries((await dbPoolConnections.gauge.get()).values.map((v) => [String(v.labels['state']), v.value]));
  assert.deepEqual(await conns(), { idle: 1, active: 3 });
  pool.idleCount = 4;
  assert.deepEqual(await conns(), { idle: 4, active: 0 });
  assert.equal((await dbPoolWaitingClients.gauge.get()).values[0]?.value, 2);
  assert.equal((await dbPoolMaxConnections.gauge.get()).values[0]?.value, 8);
  unwatch();
  assert.deepEqual(await conns(), {});
  // prom-client always shows an unlabelled gauge; with no pool it reads 0.
  assert.equal((await dbPoolMaxConnections.gauge.get()).values[0]?.value, 0);
});

test('metricsHandler serves the text exposition with the default process metrics', async () => {
  const server = createServer(metricsHandler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const body = await res.text();
    assert.match(body, /^# TYPE process_cpu_user_seconds_total counter$/m);
    assert.match(body, /^# TYPE nodejs_eventloop_lag_seconds gauge$/m);
    assert.match(body, /^# TYPE trialgrid_nats_reconnects_total counter$/m);
  } finally {
    server.close();
  }
});

test('two scrapes at once both read whole values', async () => {
  const g = new SampledGauge<never>({ name: 'trialgrid_test_concurrent', help: 'a gauge of this unit test, scraped twice at once' });
  g.addSource(async () => {
    await new Promise((r) => setTimeout(r, 20));
    return [{ value: 5 }];
  });
  const [a, b] = await Promise.all([renderMetrics(), renderMetrics()]);
  for (const text of [a.body, b.body]) assert.match(text, /^trialgrid_test_concurrent 5$/m);
  registry.removeSingleMetric('trialgrid_test_concurrent');
});

