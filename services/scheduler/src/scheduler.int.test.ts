// Integration tests of the scheduler against the real Postgres and NATS JetStream. The test
// plays the worker: it pulls dispatch messages from the `workers` consumer and publishes the
// worker's events with libs/messaging, then checks what the scheduler persisted and published.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import { AppError } from '@trialgrid/errors';
import { createLogger, silentLogger, type Logger } from '@trialgrid/logger';
import { planExperiment } from '@trialgrid/sweep';
import {
  artifacts,
  experiments,
  insertExperimentWithTrials,
  metrics,
  trialAttempts,
  trialLogs,
  trialParams,
  trials,
  workers,
  type Experiment,
  type Trial,
} from '@trialgrid/db';
import {
  decodeEnvelope,
  deleteStreamMessage,
  fetchOne,
  publishCore,
  publishJs,
  sendCommand, sendUncheckedCommand,
  subscribeCore,
  type JsDelivery,
  type Messaging,
  type MessageOf,
} from '@trialgrid/messaging';
import { startNats, startPostgres, type NatsFixture, type PostgresFixture } from '@trialgrid/testing';
import { createScheduler, type Scheduler } from './index.js';

const log: Logger = process.env['TEST_LOG'] ? createLogger({ service: 'scheduler-test', level: process.env['TEST_LOG'] }) : silentLogger();

const ACK_WAIT_MS = 2000;
const MAX_DELIVER = 2;

let pg: PostgresFixture;
let nats: NatsFixture;
let m: Messaging; // the test's ("worker's" and "gateway's") connection
let schedulerConn: Messaging;
let scheduler: Scheduler;

function newScheduler(conn: Messaging): Scheduler {
  return createScheduler({
    db: pg.db,
    messaging: conn,
    logger: log,
    config: {
      ackWaitMs: ACK_WAIT_MS,
      maxDeliver: MAX_DELIVER,
      workerStaleAfterMs: 1000,
      dispatchIntervalMs: 250,
      // Reconciliation is driven by the tests (start() runs it once).
      reconcileIntervalMs: 600_000,
      reconcileGraceMs: 0,
      maxGridTrials: 50,
    },
  });
}

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== null && v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last instanceof Error ? last.message : JSON.stringify(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function create(input: Record<string, unknown>): Promise<string> {
  // Unchecked: some tests send what a typed caller could not, to see the scheduler refuse it.
  const reply = await sendUncheckedCommand(m, 'experiment.create', input);
  return reply.experimentId;
}

async function trialsOf(experimentId: string): Promise<Trial[]> {
  return pg.db.select().from(trials).where(eq(trials.experimentId, experimentId)).orderBy(asc(trials.index));
}

async function experiment(id: string): Promise<Experiment> {
  const [row] = await pg.db.select().from(experiments).where(eq(experiments.id, id));
  assert.ok(row, `experiment ${id}`);
  return row;
}

async function trialsStreamMessages(): Promise<number> {
  return (await m.jsm.streams.info(m.streams.trials)).state.messages;
}

/** Pull the next dispatch of `experimentId` (dispatches of other experiments are acked away). */
async function pull(experimentId: string, timeoutMs = 5000): Promise<JsDelivery<'trial.dispatch'>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const d = await fetchOne(m, { stream: m.streams.trials, consumer: m.streams.workersConsumer, type: 'trial.dispatch', expiresMs: 1000 });
    if (!d) continue;
    if (d.data.experimentId === experimentId) return d;
    d.ack();
  }
  throw new Error(`no dispatch for ${experimentId} within ${timeoutMs} ms`);
}

/** Expect no (further) dispatch of the experiment for a little while. */
async function expectNoDispatch(experimentId: string, ms = 1200): Promise<void> {
  const d = await fetchOne(m, { stream: m.streams.trials, consumer: m.streams.workersConsumer, type: 'trial.dispatch', expiresMs: ms });
  if (d) {
    d.nak(0);
    assert.notEqual(d.data.experimentId, experimentId, `unexpected dispatch of ${d.data.name}`);
  }
}

const WORKER = 'test-worker-1';

async function started(trialId: string, delivery = 1, workerId = WORKER): Promise<void> {
  await publishJs(m, m.subjects.trialStarted(trialId), 'trial.started', { trialId, workerId, delivery, backend: 'cpu', resumedFromEpoch: 0 });
}

/** The four points a worker reports for epoch `step`. */
function epochPoints(step: number, valAccuracy = 0.9 + step / 100): MessageOf<'trial.metrics'>['points'] {
  return [
    { key: 'train_loss', step, value: 0.5 - step / 10 },
    { key: 'train_accuracy', step, value: valAccuracy + 0.01 },
    { key: 'val_loss', step, value: 0.4 - step / 10 },
    { key: 'val_accuracy', step, value: valAccuracy },
  ];
}

async function epoch(d: MessageOf<'trial.dispatch'>, step: number, valAccuracy = 0.9 + step / 100, msgID?: string): Promise<void> {
  await publishJs(
    m,
    m.subjects.trialMetrics(d.trialId),
    'trial.metrics',
    { trialId: d.trialId, experimentId: d.experimentId, workerId: WORKER, points: epochPoints(step, valAccuracy) },
    msgID ? { msgID } : {},
  );
}

async function finished(
  d: MessageOf<'trial.dispatch'>,
  status: 'SUCCEEDED' | 'FAILED' | 'STOPPED',
  testAccuracy = 0.97,
  extra: Partial<MessageOf<'trial.finished'>> = {},
): Promise<void> {
  await publishJs(m, m.subjects.trialFinished(d.trialId), 'trial.finished', {
    trialId: d.trialId,
    experimentId: d.experimentId,
    workerId: WORKER,
    status,
    finalMetrics: status === 'SUCCEEDED' ? { test_loss: 0.1, test_accuracy: testAccuracy, training_seconds: 12 } : {},
    summary: { epochsRun: 2 },
    provenance: { seed: 42 },
    artifacts: status === 'SUCCEEDED' ? [{ name: 'model', kind: 'model', path: `experiments/${d.experimentId}/trials/${d.trialId}/model`, sizeBytes: 1234 }] : [],
    points: [],
    ...(status === 'FAILED' ? { error: 'boom' } : {}),
    ...extra,
  });
}

/** The whole worker side of one successful trial. */
async function runToSuccess(d: JsDelivery<'trial.dispatch'>, testAccuracy = 0.97): Promise<void> {
  await started(d.data.trialId, d.deliveryCount);
  for (let s = 0; s < d.data.train.epochs; s++) await epoch(d.data, s);
  await finished(d.data, 'SUCCEEDED', testAccuracy);
  d.ack();
}

async function finishedEvent(experimentId: string): Promise<MessageOf<'experiment.finished'> | null> {
  try {
    const msg = await m.jsm.streams.getMessage(m.streams.events, { last_by_subj: m.subjects.experimentFinished(experimentId) });
    return msg ? decodeEnvelope('experiment.finished', msg.data).data : null;
  } catch {
    return null;
  }
}

/**
 * What a scheduler SIGKILLed mid-event leaves behind: a connection on the scheduler's consumer
 * pulls events until it has the `type` event of `trialId` and closes without acking anything
 * (the pulled events come back only after the consumer's ack_wait). The scheduler must be stopped.
 */
async function schedulerKilledHolding(type: 'trial.started' | 'trial.metrics', trialId: string): Promise<void> {
  const dying = await nats.connect('dying-scheduler');
  try {
    for (;;) {
      const e = await fetchOne(dying, {
        stream: dying.streams.events,
        consumer: dying.streams.schedulerConsumer,
        type: ['trial.started', 'trial.metrics', 'trial.log', 'trial.finished'],
        expiresMs: 3000,
      });
      if (!e) throw new Error(`no ${type} event of ${trialId} to hold`);
      if (e.type === type && e.data.trialId === trialId) return;
    }
  } finally {
    await dying.nc.close();
  }
}

/** A heartbeat of `workerId` from process `instance`. */
function heartbeat(workerId: string, instance: string, status: 'BUSY' | 'STOPPED' = 'BUSY'): MessageOf<'worker.heartbeat'> {
  return { workerId, hostname: 'host-a', pid: 4242, backend: 'wasm', status, currentTrialId: null, concurrency: 1, details: {}, instance };
}

/** Sends that heartbeat and waits until the scheduler has recorded it. */
async function beat(workerId: string, instance: string, status: 'BUSY' | 'STOPPED' = 'BUSY'): Promise<void> {
  publishCore(m, m.subjects.workerHeartbeat, 'worker.heartbeat', heartbeat(workerId, instance, status));
  await waitFor(`heartbeat ${workerId} ${instance} ${status}`, async () => {
    const [w] = await pg.db.select().from(workers).where(eq(workers.id, workerId));
    return w && w.status === status && (w.details as { instance?: string }).instance === instance;
  });
}

before(async () => {
  [pg, nats] = await Promise.all([startPostgres(), startNats({ logger: log, topology: { ackWaitMs: ACK_WAIT_MS, maxDeliver: MAX_DELIVER } })]);
  m = nats.messaging;
  schedulerConn = await nats.connect('scheduler');
  scheduler = newScheduler(schedulerConn);
  await scheduler.start();
});

after(async () => {
  await scheduler?.stop();
  await nats?.close();
  await pg?.close();
});

describe('scheduler (real Postgres + NATS)', () => {
  it('creates an experiment, dispatches within maxParallelTrials, ingests events exactly once, completes it', async () => {
    const metricUpdates: MessageOf<'metric.update'>[] = [];
    const unsub = subscribeCore(m, m.subjects.updatesMetricAll, 'metric.update', (u) => void metricUpdates.push(u));
    const trialUpdates: MessageOf<'trial.update'>[] = [];
    const unsubT = subscribeCore(m, m.subjects.updatesTrialAll, 'trial.update', (u) => void trialUpdates.push(u));
    await m.nc.flush();

    const id = await create({
      name: 'grid',
      epochs: 2,
      trainLimit: 500,
      testLimit: 100,
      maxParallelTrials: 2,
      searchSpace: { algorithm: 'GRID', base: { preset: 'baseline' }, parameters: [{ name: 'learningRate', values: [0.001, 0.002, 0.003] }] },
    });
    const rows = await trialsOf(id);
    assert.equal(rows.length, 3);
    const params = await pg.db.select().from(trialParams).where(eq(trialParams.trialId, rows[1]!.id));
    const p = Object.fromEntries(params.map((r) => [r.key, r.value]));
    assert.equal(p['learning_rate'], 0.002);
    assert.equal(p['model_type'], 'baseline');
    assert.equal(p['epochs'], 2);

    const first = await pull(id);
    const second = await pull(id);
    // maxParallelTrials = 2: the third stays unpublished (queued_at NULL).
    await expectNoDispatch(id);
    const afterDispatch = await trialsOf(id);
    assert.deepEqual(afterDispatch.map((t) => t.queuedAt !== null), [true, true, false]);
    assert.equal((await experiment(id)).status, 'RUNNING');
    assert.deepEqual(first.data.train, { optimizer: 'adam', learningRate: 0.001, batchSize: 128, epochs: 2, validationSplit: 0.1, seed: 42 });
    assert.deepEqual(first.data.options, { trainLimit: 500, testLimit: 100 });
    assert.equal((first.data.spec as { modelType: string }).modelType, 'baseline');
    assert.equal(first.data.name, rows[0]!.name);

    // Worker for the first trial, with a redelivered metrics message (new msgID = not deduplicated by JetStream).
    await started(first.data.trialId);
    await waitFor('RUNNING', async () => (await trialsOf(id))[0]!.status === 'RUNNING');
    await epoch(first.data, 0);
    await epoch(first.data, 0, undefined, `dup-${randomUUID()}`);
    await epoch(first.data, 1);
    await publishJs(m, m.subjects.trialLog(first.data.trialId), 'trial.log', { trialId: first.data.trialId, level: 'info', message: 'epoch 1 done' });
    await finished(first.data, 'SUCCEEDED', 0.98);
    first.ack();

    const done = await waitFor('first trial SUCCEEDED', async () => {
      const t = (await trialsOf(id))[0]!;
      return t.status === 'SUCCEEDED' ? t : null;
    });
    assert.equal(done.attempt, 1);
    assert.equal(done.workerId, WORKER);
    assert.equal(done.currentEpoch, 2);
    assert.deepEqual(done.finalMetrics, { test_loss: 0.1, test_accuracy: 0.98, training_seconds: 12 });
    const [{ n: metricRows } = { n: 0 }] = await pg.db.select({ n: count() }).from(metrics).where(eq(metrics.trialId, done.id));
    assert.equal(metricRows, 2 * 4 + 2, 'two epochs × four keys + test_loss/test_accuracy, no duplicates');
    const attempts = await pg.db.select().from(trialAttempts).where(eq(trialAttempts.trialId, done.id));
    assert.equal(attempts.length, 1);
    assert.equal(attempts[0]!.status, 'SUCCEEDED');
    assert.ok(attempts[0]!.finishedAt);
    const logs = await pg.db.select().from(trialLogs).where(eq(trialLogs.trialId, done.id));
    assert.deepEqual(logs.map((l) => l.message), ['epoch 1 done']);
    const arts = await pg.db.select().from(artifacts).where(eq(artifacts.trialId, done.id));
    assert.equal(arts[0]?.name, 'model');
    // The duplicate metrics message stored nothing and published nothing.
    await waitFor('metric updates', async () => metricUpdates.filter((u) => u.trialId === done.id).length >= 2);
    const published = metricUpdates.filter((u) => u.trialId === done.id).flatMap((u) => u.points);
    assert.equal(published.length, 8);

    // The freed slot dispatches the third trial.
    let third = await pull(id);
    // On a busy machine `second` can outlive the 2 s ack_wait and come round again first.
    while (third.data.trialId === second.data.trialId) third = await pull(id);
    assert.equal(third.data.trialId, rows[2]!.id);
    await runToSuccess(second, 0.97);
    await runToSuccess(third, 0.96);

    const exp = await waitFor('experiment SUCCEEDED', async () => {
      const e = await experiment(id);
      return e.status === 'SUCCEEDED' ? e : null;
    });
    assert.equal(exp.bestTrialId, done.id, 'highest test accuracy wins');
    assert.ok(exp.finishedAt);
    assert.deepEqual(await finishedEvent(id), { experimentId: id, status: 'SUCCEEDED', modelName: 'Mnist_Best_Model' });
    assert.ok(trialUpdates.some((u) => u.trialId === done.id && u.status === 'SUCCEEDED'));
    unsub();
    unsubT();
  });

  it('rejects invalid input with INVALID_INPUT and writes nothing', async () => {
    const [before] = await pg.db.select({ n: count() }).from(experiments);
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'bad', searchSpace: { algorithm: 'EXPLICIT', trials: [{ learningRate: -1 }] } }, 'searchSpace.trials.0.learningRate'],
      [{ name: 'bad', preset: 'NOPE' }, 'preset'],
      [{ name: 'bad' }, 'searchSpace'],
      [{ name: 'big', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'seed', values: Array.from({ length: 51 }, (_, i) => i) }] } }, 'searchSpace.parameters'],
    ];
    for (const [input, field] of cases) {
      await assert.rejects(
        () => sendUncheckedCommand(m, 'experiment.create', input),
        (err: unknown) => err instanceof AppError && err.code === 'INVALID_INPUT' && err.details?.['field'] === field,
        field,
      );
    }
    const [afterCount] = await pg.db.select({ n: count() }).from(experiments);
    assert.equal(afterCount?.n, before?.n);
    await assert.rejects(
      () => sendCommand(m, 'experiment.cancel', { experimentId: randomUUID() }),
      (err: unknown) => err instanceof AppError && err.code === 'NOT_FOUND',
    );
  });

  it('cancels mid-run: stop messages published, trials CANCELLED, queue emptied', async () => {
    const id = await create({ name: 'cancel-me', maxParallelTrials: 2, searchSpace: { algorithm: 'EXPLICIT', trials: [{}, {}, {}] } });
    const a = await pull(id);
    await started(a.data.trialId);
    await waitFor('RUNNING', async () => (await trialsOf(id))[0]!.status === 'RUNNING');
    // The second trial was dispatched but never pulled.
    await waitFor('second dispatched', async () => (await trialsOf(id))[1]!.queuedAt !== null);

    const stops: MessageOf<'trial.stop'>[] = [];
    const unsub = subscribeCore(m, m.subjects.trialStopAll, 'trial.stop', (s) => void stops.push(s));
    await m.nc.flush();
    const reply = await sendCommand(m, 'experiment.cancel', { experimentId: id });
    assert.equal(reply.status, 'CANCELLED');
    const rows = await trialsOf(id);
    assert.deepEqual(rows.map((t) => t.status), ['CANCELLED', 'CANCELLED', 'CANCELLED']);
    await waitFor('stop message', async () => stops.some((s) => s.trialId === a.data.trialId));
    assert.equal(stops.filter((s) => rows.slice(1).some((t) => t.id === s.trialId)).length, 0, 'only running trials get a stop message');
    // The unstarted dispatch was removed from the work queue.
    a.ack();
    await expectNoDispatch(id);
    // The worker's late STOPPED report does not resurrect the trial.
    await finished(a.data, 'STOPPED');
    await sleep(300);
    assert.equal((await trialsOf(id))[0]!.status, 'CANCELLED');
    assert.equal((await experiment(id)).status, 'CANCELLED');
    assert.equal((await finishedEvent(id))?.status, 'CANCELLED');
    // Cancelling again is a no-op.
    assert.equal((await sendCommand(m, 'experiment.cancel', { experimentId: id })).status, 'CANCELLED');
    unsub();
  });

  it('issue 11 case 9: a trial of a CANCELLED experiment cannot be retried (CONFLICT naming the state); the experiment stays cancelled', async () => {
    const id = await create({ name: 'cancel-then-retry', maxParallelTrials: 1, searchSpace: { algorithm: 'EXPLICIT', trials: [{}, {}] } });
    const a = await pull(id);
    await started(a.data.trialId);
    await sendCommand(m, 'experiment.cancel', { experimentId: id });
    a.ack();
    const rows = await trialsOf(id);
    assert.deepEqual(rows.map((t) => t.status), ['CANCELLED', 'CANCELLED']);
    for (const t of rows) {
      await assert.rejects(
        () => sendCommand(m, 'trial.retry', { trialId: t.id }),
        (err: unknown) => err instanceof AppError && err.code === 'CONFLICT' && /CANCELLED/.test(err.message) && err.details?.['experimentStatus'] === 'CANCELLED',
      );
    }
    assert.equal((await experiment(id)).status, 'CANCELLED');
    assert.deepEqual((await trialsOf(id)).map((t) => t.status), ['CANCELLED', 'CANCELLED']);
    // Other transitions outside the machine are CONFLICT with the current state too.
    await assert.rejects(
      () => sendCommand(m, 'trial.stop', { trialId: rows[0]!.id }),
      (err: unknown) => err instanceof AppError && err.code === 'CONFLICT' && err.details?.['status'] === 'CANCELLED',
    );
    await expectNoDispatch(id);
  });

  it('retries a failed trial: re-dispatched, experiment re-opened and completed', async () => {
    const id = await create({ name: 'retry', maxFailedTrials: 0, searchSpace: { algorithm: 'EXPLICIT', trials: [{ name: 'only' }] } });
    const d = await pull(id);
    await started(d.data.trialId);
    await epoch(d.data, 0);
    await finished(d.data, 'FAILED');
    d.ack();
    await waitFor('experiment FAILED', async () => (await experiment(id)).status === 'FAILED');
    assert.equal((await trialsOf(id))[0]!.error, 'boom');
    await assert.rejects(
      () => sendCommand(m, 'trial.retry', { trialId: randomUUID() }),
      (err: unknown) => err instanceof AppError && err.code === 'NOT_FOUND',
    );

    const reply = await sendCommand(m, 'trial.retry', { trialId: d.data.trialId });
    assert.equal(reply.status, 'QUEUED');
    assert.equal((await experiment(id)).status, 'RUNNING');
    const again = await pull(id);
    assert.equal(again.data.trialId, d.data.trialId);
    const [{ n } = { n: -1 }] = await pg.db.select({ n: count() }).from(metrics).where(eq(metrics.trialId, d.data.trialId));
    assert.equal(n, 0, 'old points dropped for the new attempt');
    await runToSuccess(again);
    await waitFor('experiment SUCCEEDED', async () => (await experiment(id)).status === 'SUCCEEDED');
    const t = (await trialsOf(id))[0]!;
    assert.equal(t.status, 'SUCCEEDED');
    assert.equal(t.attempt, 2);
    assert.equal(t.error, null);
    // A trial that succeeded cannot be retried.
    await assert.rejects(
      () => sendCommand(m, 'trial.retry', { trialId: t.id }),
      (err: unknown) => err instanceof AppError && err.code === 'CONFLICT',
    );
  });

  it('fails the experiment once failures exceed maxFailedTrials and cancels the rest', async () => {
    const id = await create({ name: 'fragile', maxFailedTrials: 1, maxParallelTrials: 2, searchSpace: { algorithm: 'EXPLICIT', trials: [{}, {}, {}, {}] } });
    const a = await pull(id);
    const b = await pull(id);
    await started(a.data.trialId);
    await started(b.data.trialId);
    await finished(a.data, 'FAILED');
    a.ack();
    // One failure is tolerated: the experiment runs on and the next trial is dispatched.
    const c = await pull(id);
    assert.equal((await experiment(id)).status, 'RUNNING');
    await finished(b.data, 'FAILED');
    b.ack();
    const exp = await waitFor('experiment FAILED', async () => {
      const e = await experiment(id);
      return e.status === 'FAILED' ? e : null;
    });
    assert.match(exp.error ?? '', /more than maxFailedTrials \(1\)/);
    // The rest are cancelled right after the experiment's own transition (a separate step).
    await waitFor('the rest CANCELLED', async () => (await trialsOf(id)).every((t) => t.status !== 'QUEUED' && t.status !== 'RUNNING'));
    assert.deepEqual((await trialsOf(id)).map((t) => t.status), ['FAILED', 'FAILED', 'CANCELLED', 'CANCELLED']);
    assert.equal((await finishedEvent(id))?.status, 'FAILED');
    c.ack();
  });

  it('fails a trial whose dispatch exhausts max_deliver and removes it from the stream', async () => {
    const id = await create({ name: 'exhaust', searchSpace: { algorithm: 'EXPLICIT', trials: [{}] } });
    for (let delivery = 1; delivery <= MAX_DELIVER; delivery++) {
      const d = await pull(id);
      assert.equal(d.deliveryCount, delivery);
      await started(d.data.trialId, delivery);
      d.nak(0);
    }
    // The server notices the exhausted message (and sends the advisory) when it next tries to
    // deliver, i.e. on a pull, as a worker would make.
    await expectNoDispatch(id, 1500);
    const t = await waitFor('trial FAILED', async () => {
      const row = (await trialsOf(id))[0]!;
      return row.status === 'FAILED' ? row : null;
    });
    assert.match(t.error ?? '', /delivery limit reached/);
    await waitFor('experiment FAILED', async () => (await experiment(id)).status === 'FAILED');
    await waitFor('message removed', async () => (await trialsStreamMessages()) === 0);
  });

  it('a stored trial whose train params are missing or invalid fails with the reason, never trains with a default (issue 11 case 1 shape)', async () => {
    // Rows as an older or damaged database may hold them: createExperiment always stores all five.
    const plan = planExperiment({ name: 'unfit', epochs: 1, searchSpace: { algorithm: 'EXPLICIT', trials: [{}, {}, {}] } });
    const { learning_rate: _dropped, ...noLearningRate } = plan.trials[1]!.params;
    const stored = [plan.trials[0]!.params, noLearningRate, { ...plan.trials[2]!.params, batch_size: -1 }];
    const { experiment: exp } = await insertExperimentWithTrials(
      pg.db,
      { name: plan.name, dataset: plan.dataset, objectiveMetric: plan.objective.metric, objectiveDirection: plan.objective.direction, searchSpace: plan.searchSpace, status: 'PENDING', maxParallelTrials: 3, maxFailedTrials: 2 },
      plan.trials.map((t, i) => ({ index: t.index, name: t.name, spec: t.spec, params: stored[i]!, queuedAt: null })),
    );
    const d = await pull(exp.id);
    assert.equal(d.data.name, plan.trials[0]!.name, 'only the trial with trainable params is dispatched');
    await expectNoDispatch(exp.id);
    const failed = await waitFor('two trials FAILED', async () => {
      const rows = await trialsOf(exp.id);
      return rows.filter((t) => t.status === 'FAILED').length === 2 ? rows : null;
    });
    assert.match(failed[1]!.error ?? '', /no learning_rate param/);
    assert.match(failed[2]!.error ?? '', /batch_size/);
    await runToSuccess(d);
    const done = await waitFor('experiment SUCCEEDED', async () => {
      const e = await experiment(exp.id);
      return e.status === 'SUCCEEDED' ? e : null;
    });
    assert.equal(done.bestTrialId, d.data.trialId);
  });

  it('terminates malformed events and keeps consuming', async () => {
    const id = await create({ name: 'malformed', searchSpace: { algorithm: 'EXPLICIT', trials: [{}] } });
    const d = await pull(id);
    const enc = new TextEncoder();
    await m.js.publish(m.subjects.trialLog(d.data.trialId), enc.encode('not json at all'));
    await m.js.publish(m.subjects.trialMetrics(d.data.trialId), enc.encode(JSON.stringify({ v: 1, type: 'trial.metrics', id: 'x', ts: 'now', data: { trialId: d.data.trialId, points: [] } })));
    // An event for a trial that does not exist is rejected too (NOT_FOUND → terminated).
    await publishJs(m, m.subjects.trialLog(randomUUID()), 'trial.log', { trialId: randomUUID(), level: 'info', message: 'ghost' });
    await publishJs(m, m.subjects.trialLog(d.data.trialId), 'trial.log', { trialId: d.data.trialId, level: 'warn', message: 'still flowing' });
    await waitFor('log stored', async () => {
      const logs = await pg.db.select().from(trialLogs).where(eq(trialLogs.trialId, d.data.trialId));
      return logs.some((l) => l.message === 'still flowing' && l.level === 'warn');
    });
    await runToSuccess(d);
    await waitFor('experiment SUCCEEDED', async () => (await experiment(id)).status === 'SUCCEEDED');
  });

  it('median rule stops a poor trial', async () => {
    const id = await create({
      name: 'median',
      maxParallelTrials: 3,
      epochs: 3,
      earlyStopping: { metric: 'val_accuracy', minTrials: 2, startStep: 1 },
      searchSpace: { algorithm: 'EXPLICIT', trials: [{ name: 'good-1' }, { name: 'good-2' }, { name: 'poor' }] },
    });
    const ds = [await pull(id), await pull(id), await pull(id)];
    const byName = new Map(ds.map((d) => [d.data.name, d]));
    const poor = byName.get('poor')!;
    const stops: MessageOf<'trial.stop'>[] = [];
    const unsub = subscribeCore(m, m.subjects.trialStopAll, 'trial.stop', (s) => void stops.push(s));
    await m.nc.flush();
    for (const d of ds) await started(d.data.trialId);
    for (const name of ['good-1', 'good-2']) {
      const d = byName.get(name)!;
      await epoch(d.data, 0, 0.9);
      await epoch(d.data, 1, 0.95);
    }
    await epoch(poor.data, 0, 0.3);
    // Step 0 < startStep: not stopped yet.
    await sleep(300);
    assert.equal((await trialsOf(id)).find((t) => t.name === 'poor')!.stopRequested, false);
    await epoch(poor.data, 1, 0.4);
    const stop = await waitFor('stop message', async () => stops.find((s) => s.trialId === poor.data.trialId));
    assert.equal(stop.reason, 'early stopped by median rule');
    const flagged = (await trialsOf(id)).find((t) => t.name === 'poor')!;
    assert.equal(flagged.stopRequested, true);
    assert.ok(!stops.some((s) => s.trialId !== poor.data.trialId), 'good trials keep running');
    // The worker honours it.
    await finished(poor.data, 'STOPPED', undefined, { error: stop.reason });
    poor.ack();
    for (const name of ['good-1', 'good-2']) {
      const d = byName.get(name)!;
      await epoch(d.data, 2, 0.96);
      await finished(d.data, 'SUCCEEDED', name === 'good-1' ? 0.97 : 0.975);
      d.ack();
    }
    const exp = await waitFor('experiment SUCCEEDED', async () => {
      const e = await experiment(id);
      return e.status === 'SUCCEEDED' ? e : null;
    });
    const rows = await trialsOf(id);
    assert.equal(rows.find((t) => t.name === 'poor')!.status, 'STOPPED');
    assert.equal(rows.find((t) => t.name === 'poor')!.error, 'early stopped by median rule');
    assert.equal(exp.bestTrialId, byName.get('good-2')!.data.trialId);
    unsub();
  });

  it('stops trials on request and records worker heartbeats', async () => {
    const id = await create({ name: 'stop', maxParallelTrials: 1, searchSpace: { algorithm: 'EXPLICIT', trials: [{}, {}] } });
    const a = await pull(id);
    await started(a.data.trialId);
    await waitFor('RUNNING', async () => (await trialsOf(id))[0]!.status === 'RUNNING');
    const queued = (await trialsOf(id))[1]!;
    // A QUEUED (undispatched) trial stops at once.
    const r1 = await sendCommand(m, 'trial.stop', { trialId: queued.id });
    assert.equal(r1.status, 'STOPPED');
    const stops: MessageOf<'trial.stop'>[] = [];
    const unsub = subscribeCore(m, m.subjects.trialStopAll, 'trial.stop', (s) => void stops.push(s));
    await m.nc.flush();
    const r2 = await sendCommand(m, 'trial.stop', { trialId: a.data.trialId, reason: 'enough' });
    assert.deepEqual([r2.status, r2.stopRequested], ['RUNNING', true]);
    await waitFor('stop message', async () => stops.find((s) => s.trialId === a.data.trialId && s.reason === 'enough'));
    await finished(a.data, 'STOPPED', undefined, { error: 'enough' });
    a.ack();
    await waitFor('experiment FAILED (no success)', async () => (await experiment(id)).status === 'FAILED');
    await assert.rejects(
      () => sendCommand(m, 'trial.stop', { trialId: a.data.trialId }),
      (err: unknown) => err instanceof AppError && err.code === 'CONFLICT',
    );

    publishCore(m, m.subjects.workerHeartbeat, 'worker.heartbeat', {
      workerId: 'hb-worker',
      hostname: 'host-a',
      pid: 4242,
      backend: 'wasm',
      status: 'BUSY',
      currentTrialId: a.data.trialId,
      concurrency: 2,
      details: { gpu: false },
    });
    const w = await waitFor('worker row', async () => (await pg.db.select().from(workers).where(eq(workers.id, 'hb-worker')))[0]);
    assert.deepEqual([w.hostname, w.pid, w.backend, w.status, w.concurrency, w.currentTrialId], ['host-a', 4242, 'wasm', 'BUSY', 2, a.data.trialId]);
    unsub();
  });

  it('answers trial.state, what a worker asks before it trains a dispatch (workers have no database)', async () => {
    const id = await create({ name: 'state', searchSpace: { algorithm: 'EXPLICIT', trials: [{}] } });
    const d = await pull(id);
    const trialId = d.data.trialId;
    assert.deepEqual(await sendCommand(m, 'trial.state', { trialId }), { trialId, status: 'QUEUED', stopRequested: false, attempt: 0 });
    await started(trialId);
    await waitFor('RUNNING', async () => (await trialsOf(id))[0]!.status === 'RUNNING');
    assert.deepEqual(await sendCommand(m, 'trial.state', { trialId }), { trialId, status: 'RUNNING', stopRequested: false, attempt: 1 });
    await sendCommand(m, 'trial.stop', { trialId, reason: 'enough' });
    assert.deepEqual(await sendCommand(m, 'trial.state', { trialId }), { trialId, status: 'RUNNING', stopRequested: true, attempt: 1 });
    await finished(d.data, 'STOPPED', undefined, { error: 'enough' });
    d.ack();
    await waitFor('STOPPED', async () => (await sendCommand(m, 'trial.state', { trialId })).status === 'STOPPED');
    // An unknown trial (or an id that is no trial id at all) is NOT_FOUND: the worker drops its dispatch.
    for (const unknown of [randomUUID(), 'not-a-uuid']) {
      await assert.rejects(
        () => sendCommand(m, 'trial.state', { trialId: unknown }),
        (err: unknown) => err instanceof AppError && err.code === 'NOT_FOUND',
      );
    }
    await assert.rejects(
      () => sendUncheckedCommand(m, 'trial.state', { trialId: trialId, extra: 1 }),
      (err: unknown) => err instanceof AppError && err.code === 'INVALID_INPUT',
    );
  });

  it('completes a stop whose dispatch a worker skipped', async () => {
    const id = await create({ name: 'skipped', searchSpace: { algorithm: 'EXPLICIT', trials: [{}] } });
    const d = await pull(id);
    await started(d.data.trialId);
    await waitFor('RUNNING', async () => (await trialsOf(id))[0]!.status === 'RUNNING');
    await sendCommand(m, 'trial.stop', { trialId: d.data.trialId, reason: 'not needed' });
    // The worker died; the next one reads stop_requested, acks and skips: no event at all.
    d.ack();
    await waitFor('message gone', async () => (await trialsStreamMessages()) === 0);
    const report = await scheduler.reconcile();
    assert.deepEqual(report.stopped, [d.data.trialId]);
    const t = (await trialsOf(id))[0]!;
    assert.deepEqual([t.status, t.error], ['STOPPED', 'not needed']);
    assert.equal((await experiment(id)).status, 'FAILED');
  });

  it('resumes after a restart: backlog ingested, lost dispatch re-sent, dead worker trial re-queued', async () => {
    const id = await create({ name: 'restart', maxParallelTrials: 2, epochs: 1, searchSpace: { algorithm: 'EXPLICIT', trials: [{ name: 't0' }, { name: 't1' }, { name: 't2' }] } });
    const t0 = await pull(id);
    const t1 = await pull(id);
    await scheduler.stop();

    // While the scheduler is down: t0 completes, t1 was started by a worker that then died
    // (its message is gone, no heartbeat), so nothing would ever finish it.
    await runToSuccess(t0);
    await started(t1.data.trialId, 1, 'dead-worker');
    const seq = t1.streamSeq;
    t1.ack();
    await deleteStreamMessage(m, m.streams.trials, seq).catch(() => false);

    scheduler = newScheduler(schedulerConn);
    const startedAt = Date.now();
    await scheduler.start();
    assert.ok(Date.now() - startedAt < 5000, 'start does not wait for a timeout');
    // start() ingested the backlog (t0 SUCCEEDED, t1 RUNNING on dead-worker), then reconciled:
    // t1's worker is dead and its message gone, so it is QUEUED again.
    const rows = await trialsOf(id);
    assert.equal(rows[0]!.status, 'SUCCEEDED');
    assert.equal(rows[1]!.status, 'QUEUED');
    assert.equal(rows[1]!.attempt, 1);
    const report = await scheduler.reconcile();
    assert.deepEqual(report.requeued, [], 'a second pass finds nothing to do');
    const seen = new Set<string>();
    // t1 comes back and t2 is dispatched into t0's slot.
    for (let i = 0; i < 2; i++) {
      const d = await pull(id);
      seen.add(d.data.name);
      await runToSuccess(d);
    }
    assert.deepEqual([...seen].sort(), ['t1', 't2']);
    await waitFor('experiment SUCCEEDED', async () => (await experiment(id)).status === 'SUCCEEDED');
    const t1Row = (await trialsOf(id))[1]!;
    assert.equal(t1Row.attempt, 2);
    const attempts = await pg.db
      .select()
      .from(trialAttempts)
      .where(and(eq(trialAttempts.trialId, t1Row.id)))
      .orderBy(asc(trialAttempts.attempt));
    // dead-worker never sent a heartbeat: nothing proves it died, so its attempt is not a crash.
    assert.deepEqual(attempts.map((x) => [x.attempt, x.workerId, x.status]), [
      [1, 'dead-worker', 'STOPPED'],
      [2, WORKER, 'SUCCEEDED'],
    ]);
    // No RUNNING orphans and nothing left in the work queue.
    assert.equal((await trialsOf(id)).filter((t) => t.status === 'RUNNING').length, 0);
    assert.equal(await trialsStreamMessages(), 0);
  });

  it('re-sends a dispatch lost while the scheduler was down', async () => {
    const id = await create({ name: 'lost', maxParallelTrials: 1, epochs: 1, searchSpace: { algorithm: 'EXPLICIT', trials: [{}] } });
    await waitFor('dispatched', async () => (await trialsOf(id))[0]!.queuedAt !== null);
    await scheduler.stop();
    // Lose the message (e.g. a stream purge).
    await m.jsm.streams.purge(m.streams.trials);
    scheduler = newScheduler(schedulerConn);
    const startedAt = Date.now();
    await scheduler.start();
    assert.ok(Date.now() - startedAt < 5000, 'start does not wait for a timeout');
    const d = await pull(id);
    await runToSuccess(d);
    await waitFor('experiment SUCCEEDED', async () => (await experiment(id)).status === 'SUCCEEDED');
  });

  it('records the result under the attempt that produced it when a redelivered attempt runs too', async () => {
    const id = await create({ name: 'two-attempts', maxParallelTrials: 1, epochs: 1, searchSpace: { algorithm: 'EXPLICIT', trials: [{}] } });
    const d = await pull(id);
    // Attempt 1 on worker A; its acks stall, the dispatch goes to worker B: attempt 2 opens.
    await started(d.data.trialId, 1, 'worker-a');
    await waitFor('attempt 1', async () => (await trialsOf(id))[0]!.attempt === 1);
    await started(d.data.trialId, 2, 'worker-b');
    await waitFor('attempt 2', async () => (await trialsOf(id))[0]!.attempt === 2);
    // A finishes first: the result is A's (attempt 1), B's open attempt is superseded and told to stop.
    const stops: MessageOf<'trial.stop'>[] = [];
    const unsub = subscribeCore(m, m.subjects.trialStopAll, 'trial.stop', (s) => void stops.push(s));
    await m.nc.flush();
    await finished(d.data, 'SUCCEEDED', 0.97, { workerId: 'worker-a' });
    await waitFor('SUCCEEDED', async () => (await trialsOf(id))[0]!.status === 'SUCCEEDED');
    // B finishes as well (its own message: the delivery is in the msgID): nothing changes.
    await finished(d.data, 'SUCCEEDED', 0.95, { workerId: 'worker-b' });
    d.ack();
    await waitFor('experiment SUCCEEDED', async () => (await experiment(id)).status === 'SUCCEEDED');
    await new Promise((r) => setTimeout(r, 500));
    const attempts = await pg.db.select().from(trialAttempts).where(eq(trialAttempts.trialId, d.data.trialId)).orderBy(asc(trialAttempts.attempt));
    assert.deepEqual(
      attempts.map((a) => [a.attempt, a.workerId, a.status, a.finishedAt !== null]),
      [
        [1, 'worker-a', 'SUCCEEDED', true],
        [2, 'worker-b', 'STOPPED', true],
      ],
    );
    assert.match(attempts[1]!.error ?? '', /superseded: attempt 1 on worker-a/);
    assert.equal(((await trialsOf(id))[0]!.finalMetrics as Record<string, number>)['test_accuracy'], 0.97);
    await waitFor('stop sent to worker-b', async () => stops.some((s) => s.trialId === d.data.trialId));
    unsub();
  });

  it('reconcile applies a trial.finished the consumer has not applied yet', async () => {
    const id = await create({ name: 'pending-finish', maxParallelTrials: 1, epochs: 1, searchSpace: { algorithm: 'EXPLICIT', trials: [{}] } });
    const d = await pull(id);
    await runToSuccess(d);
    await waitFor('experiment SUCCEEDED', async () => (await experiment(id)).status === 'SUCCEEDED');
    // As if the consumer had failed to apply the event during an outage: the trial back to
    // RUNNING and old enough for reconciliation; the event is still in EVENTS.
    await pg.db.update(trials).set({ status: 'RUNNING', finishedAt: null, updatedAt: new Date(Date.now() - 60_000) }).where(eq(trials.id, d.data.trialId));
    await pg.db.update(experiments).set({ status: 'RUNNING', finishedAt: null }).where(eq(experiments.id, id));
    const report = await scheduler.reconcile();
    assert.deepEqual(report.finished, [d.data.trialId]);
    assert.deepEqual(report.requeued, [], 'not mistaken for a lost trial');
    assert.equal((await trialsOf(id))[0]!.status, 'SUCCEEDED');
    await waitFor('experiment SUCCEEDED again', async () => (await experiment(id)).status === 'SUCCEEDED');
  });
  it('a scheduler killed while holding an event: the trial still ends with every epoch row and its attempt', async () => {
    // The chaos suite's scheduler-SIGKILL case, made deterministic. An event delivered to a
    // scheduler that dies before acking it is invisible for the consumer's ack_wait (30 s here),
    // while the next scheduler applies the later events of the same trial. Before the fix the
    // trial then finished (and the experiment with it) without that epoch's rows, or, when the
    // held event was trial.started, without any attempt at all.
    const id = await create({ name: 'dies-holding', maxParallelTrials: 2, epochs: 2, searchSpace: { algorithm: 'EXPLICIT', trials: [{ name: 'a' }, { name: 'b' }] } });
    const a = await pull(id);
    const b = await pull(id);
    await started(a.data.trialId, a.deliveryCount);
    await waitFor('a RUNNING', async () => (await trialsOf(id)).find((t) => t.id === a.data.trialId)?.status === 'RUNNING');
    await scheduler.stop();
    const heldAt = Date.now();
    // One scheduler dies holding a's epoch-0 metrics, the next one b's trial.started.
    await epoch(a.data, 0);
    await schedulerKilledHolding('trial.metrics', a.data.trialId);
    await started(b.data.trialId, b.deliveryCount);
    await schedulerKilledHolding('trial.started', b.data.trialId);
    scheduler = newScheduler(schedulerConn);
    await scheduler.start();

    await epoch(a.data, 1);
    await epoch(b.data, 0);
    await epoch(b.data, 1);
    for (const d of [a, b]) {
      await finished(d.data, 'SUCCEEDED', 0.97, { summary: { epochsRun: 2 }, points: [...epochPoints(0), ...epochPoints(1)] });
      d.ack();
    }
    await waitFor('experiment SUCCEEDED', async () => (await experiment(id)).status === 'SUCCEEDED');
    assert.ok(Date.now() - heldAt < 30_000, 'the held events are not back yet: the experiment ended without them');
    for (const d of [a, b]) {
      const rows = await pg.db.select().from(metrics).where(eq(metrics.trialId, d.data.trialId));
      assert.deepEqual(
        rows.map((r) => `${r.key}@${r.step}=${r.value}`).sort(),
        [...epochPoints(0), ...epochPoints(1), { key: 'test_loss', step: 0, value: 0.1 }, { key: 'test_accuracy', step: 0, value: 0.97 }]
          .map((p) => `${p.key}@${p.step}=${p.value}`)
          .sort(),
        `trial ${d.data.name}: every epoch row once`,
      );
      const attempts = await pg.db.select().from(trialAttempts).where(eq(trialAttempts.trialId, d.data.trialId));
      assert.deepEqual(attempts.map((x) => [x.attempt, x.workerId, x.status]), [[1, WORKER, 'SUCCEEDED']], `trial ${d.data.name}: its one attempt`);
      const t = (await trialsOf(id)).find((r) => r.id === d.data.trialId)!;
      assert.deepEqual([t.status, t.attempt, t.currentEpoch], ['SUCCEEDED', 1, 2]);
    }
  });
  it('fails a trial only after its worker really died MAX_DELIVER times: redeliveries to a live or a stopped worker do not count', async () => {
    // The scheduler's own topology delivers without limit (crashes are counted in Postgres);
    // this suite's fixture keeps a JetStream limit of MAX_DELIVER (2), so the test plays the
    // deliveries with trial.started events of rising delivery numbers and holds its one pull.
    const id = await create({ name: 'crashes', maxParallelTrials: 1, epochs: 1, searchSpace: { algorithm: 'EXPLICIT', trials: [{}] } });
    const d = await pull(id);
    const trialId = d.data.trialId;
    const stops: MessageOf<'trial.stop'>[] = [];
    const unsub = subscribeCore(m, m.subjects.trialStopAll, 'trial.stop', (s) => void stops.push(s));
    await m.nc.flush();
    const attempts = async () =>
      (await pg.db.select().from(trialAttempts).where(eq(trialAttempts.trialId, trialId)).orderBy(asc(trialAttempts.attempt))).map((a) => [a.attempt, a.workerId, a.status]);
    const startedAs = async (workerId: string, delivery: number, attempt: number) => {
      await started(trialId, delivery, workerId);
      await waitFor(`attempt ${attempt} on ${workerId}`, async () => (await trialsOf(id))[0]!.attempt === attempt || (await trialsOf(id))[0]!.status === 'FAILED');
    };

    await beat('crash-w1', 'w1-process-1');
    await startedAs('crash-w1', 1, 1);
    // NATS outage longer than ACK_WAIT: the dispatch goes to w2 while w1 is alive and training
    // (it heartbeats all along; this suite's WORKER_STALE_AFTER is 1 s).
    const w1Alive = setInterval(() => publishCore(m, m.subjects.workerHeartbeat, 'worker.heartbeat', heartbeat('crash-w1', 'w1-process-1')), 200);
    try {
      await beat('crash-w2', 'w2-process-1');
      await startedAs('crash-w2', 2, 2);
    } finally {
      clearInterval(w1Alive);
    }
    // w2 shuts down and hands the trial back; it comes to w1.
    await beat('crash-w2', 'w2-process-1', 'STOPPED');
    await startedAs('crash-w1', 3, 3);
    // w1 dies for real and is restarted (a new process under the same id): crash 1.
    await beat('crash-w1', 'w1-process-2');
    await startedAs('crash-w1', 4, 4);
    assert.deepEqual(await attempts(), [
      [1, 'crash-w1', 'STOPPED'],
      [2, 'crash-w2', 'STOPPED'],
      [3, 'crash-w1', 'FAILED'],
      [4, 'crash-w1', 'RUNNING'],
    ]);
    assert.equal((await trialsOf(id))[0]!.status, 'RUNNING', 'four deliveries, one crash: still running');
    const rows = await pg.db.select().from(trialAttempts).where(eq(trialAttempts.trialId, trialId)).orderBy(asc(trialAttempts.attempt));
    assert.match(rows[0]!.error ?? '', /not counted as a crash/);
    assert.match(rows[1]!.error ?? '', /handed back: worker crash-w2 shut down/);
    assert.match(rows[2]!.error ?? '', /worker crash-w1 died while training it \(restarted since\)/);

    // Crash 2 = MAX_DELIVER: the next start is refused, the trial FAILS and its worker is told to stop.
    await beat('crash-w1', 'w1-process-3');
    await startedAs('crash-w1', 5, 5);
    const t = await waitFor('trial FAILED', async () => {
      const row = (await trialsOf(id))[0]!;
      return row.status === 'FAILED' ? row : null;
    });
    assert.match(t.error ?? '', /its worker died 2 time\(s\) while training it \(limit MAX_DELIVER=2\)/);
    assert.deepEqual((await attempts()).slice(3), [
      [4, 'crash-w1', 'FAILED'],
      [5, 'crash-w1', 'STOPPED'],
    ]);
    await waitFor('stop sent to the fifth start', async () => stops.some((s) => s.trialId === trialId && /MAX_DELIVER/.test(s.reason)));
    d.ack();
    unsub();
  });
});
