/**
 * The worker against real NATS JetStream and libs/ml training on real MNIST (a few hundred
 * images so it stays quick on 2 cores), with no database anywhere: everything a worker needs
 * comes in the dispatch, and trial.state (which the scheduler serves from Postgres; its own
 * tests cover that) is answered here from a table the tests control, through the real
 * libs/messaging command server, so both ends of the contract are checked.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Subscription } from '@nats-io/nats-core';
import { AppError } from '@trialgrid/errors';
import { silentLogger } from '@trialgrid/logger';
import { decodeAny, publishCore, publishJs, serveCommand, type AnyMessage, type CommandReplyData, type MessageType, type Messaging, type TrialDispatch } from '@trialgrid/messaging';
import { presetSpec, PRESET_RUNS, type ModelSpec } from '@trialgrid/ml';
import { MNIST_SHAPE, resolveModel } from '@trialgrid/contracts';
import { mnistDir, startNats, type NatsFixture } from '@trialgrid/testing';
import type { WorkerConfig } from './config.js';
import { createWorker, type Worker } from './worker.js';

/** The TRIALS consumer's ack_wait: a delivery not acked (or marked in progress) within it goes out again. */
const ACK_WAIT_MS = 10_000;

type Event = AnyMessage<'trial.started' | 'trial.metrics' | 'trial.log' | 'trial.finished' | 'worker.heartbeat'>;

let nats: NatsFixture;
let m: Messaging;
let artifactDir: string;
const events: Event[] = [];
const waiters: { pred: (e: Event) => boolean; resolve: (e: Event) => void }[] = [];
const workers: Worker[] = [];
let nextIndex = 0;
let sub: Subscription | undefined;

/** What trial.state answers, by trial id (the scheduler's trial rows, as far as a worker sees them). */
const trialStates = new Map<string, CommandReplyData<'trial.state'>>();
/** How many trial.state requests arrived, by trial id. */
const stateAsked = new Map<string, number>();
/** While set, trial.state answers this error (the scheduler's database is down). */
let stateError: AppError | undefined;
let stopServingState: (() => void) | undefined;

/** Serves trial.state from `trialStates` as the scheduler would (NOT_FOUND for an unknown trial). */
function serveTrialState(): void {
  stopServingState?.();
  stopServingState = serveCommand(m, 'trial.state', ({ trialId }) => {
    stateAsked.set(trialId, (stateAsked.get(trialId) ?? 0) + 1);
    if (stateError) throw stateError;
    const state = trialStates.get(trialId);
    if (!state) throw new AppError('NOT_FOUND', `trial ${trialId} not found`);
    return state;
  });
}

function waitFor<T extends Event['type']>(type: T, pred: (e: Extract<Event, { type: T }>) => boolean, timeoutMs = 60_000): Promise<Extract<Event, { type: T }>> {
  const match = (e: Event): boolean => e.type === type && pred(e as Extract<Event, { type: T }>);
  const seen = events.find(match);
  if (seen) return Promise.resolve(seen as Extract<Event, { type: T }>);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}`)), timeoutMs);
    waiters.push({
      pred: match,
      resolve: (e) => {
        clearTimeout(timer);
        resolve(e as Extract<Event, { type: T }>);
      },
    });
  });
}

function config(overrides: Partial<WorkerConfig> = {}): WorkerConfig {
  return {
    prefix: nats.prefix,
    dataDir: mnistDir(),
    artifactDir,
    backend: 'auto',
    workerId: `w-${workers.length + 1}`,
    concurrency: 1,
    heartbeatIntervalMs: 500,
    ...overrides,
  };
}

async function startWorker(overrides: Partial<WorkerConfig> = {}): Promise<Worker> {
  const w = createWorker({ messaging: m, logger: silentLogger(), config: config(overrides) });
  workers.push(w);
  await w.start();
  return w;
}

interface TrialOptions {
  epochs?: number;
  trainLimit?: number;
  testLimit?: number;
  batchSize?: number;
  spec?: ModelSpec;
}

/** A QUEUED trial (as trial.state reports it) and the dispatch the scheduler would send for it. */
function makeTrial(o: TrialOptions = {}): TrialDispatch {
  const base = PRESET_RUNS[0]!;
  const spec = o.spec ?? presetSpec('baseline');
  const index = nextIndex++;
  const trialId = randomUUID();
  trialStates.set(trialId, { trialId, status: 'QUEUED', stopRequested: false, attempt: 0 });
  return {
    trialId,
    experimentId: randomUUID(),
    name: `trial-${index}`,
    dataset: 'mnist',
    spec,
    train: { ...base.params, epochs: o.epochs ?? 1, batchSize: o.batchSize ?? 64 },
    params: { model_type: 'baseline', epochs: o.epochs ?? 1 },
    options: { trainLimit: o.trainLimit ?? 600, testLimit: o.testLimit ?? 200 },
  };
}

async function dispatch(d: TrialDispatch, attempt = 1): Promise<void> {
  await publishJs(m, m.subjects.trialDispatch, 'trial.dispatch', d, { msgID: `${d.trialId}:${attempt}` });
}

async function pendingDispatches(): Promise<number> {
  const info = await m.jsm.streams.info(m.streams.trials);
  return info.state.messages;
}

before(async () => {
  nats = await startNats({ topology: { ackWaitMs: ACK_WAIT_MS, maxDeliver: 3 } });
  m = nats.messaging;
  serveTrialState();
  artifactDir = await mkdtemp(join(tmpdir(), 'tg-worker-'));
  sub = m.nc.subscribe(`${m.prefix}.>`, {
    callback: (_err, msg) => {
      let e: Event;
      try {
        e = decodeAny(['trial.started', 'trial.metrics', 'trial.log', 'trial.finished', 'worker.heartbeat'] satisfies MessageType[], msg.data);
      } catch {
        return;
      }
      events.push(e);
      for (const w of [...waiters]) {
        if (w.pred(e)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(e);
        }
      }
    },
  });
  await m.nc.flush();
});

after(async () => {
  for (const w of workers) await w.stop();
  sub?.unsubscribe();
  stopServingState?.();
  await nats?.close();
  if (artifactDir) await rm(artifactDir, { recursive: true, force: true });
});

test('trains a dispatched trial: started, per-epoch metrics, logs, artifacts, finished SUCCEEDED, acked', async () => {
  await startWorker();
  const beat = await waitFor('worker.heartbeat', (e) => e.data.workerId === 'w-1');
  assert.equal(beat.data.status, 'IDLE');

  const d = makeTrial();
  await dispatch(d);
  const started = await waitFor('trial.started', (e) => e.data.trialId === d.trialId);
  assert.equal(started.data.delivery, 1);
  assert.equal(started.data.resumedFromEpoch, 0);
  assert.equal(started.data.workerId, 'w-1');

  const metrics = await waitFor('trial.metrics', (e) => e.data.trialId === d.trialId);
  assert.deepEqual(metrics.data.points.map((p) => p.key).sort(), ['train_accuracy', 'train_loss', 'val_accuracy', 'val_loss']);
  assert.ok(metrics.data.points.every((p) => p.step === 0 && Number.isFinite(p.value)));

  const finished = await waitFor('trial.finished', (e) => e.data.trialId === d.trialId);
  const f = finished.data;
  assert.equal(f.status, 'SUCCEEDED', f.error);
  for (const key of ['test_loss', 'test_accuracy', 'training_seconds', 'images_per_second', 'param_count', 'model_size_bytes']) {
    assert.ok(Number.isFinite(f.finalMetrics[key]), `finalMetrics.${key}`);
  }
  assert.ok(f.finalMetrics['test_accuracy']! > 0.3, `600 images, 1 epoch should beat chance: ${f.finalMetrics['test_accuracy']}`);
  // The finish carries the epochs again (the scheduler stores them with the result).
  assert.deepEqual(f.points, metrics.data.points);
  const summary = f.summary as { confusionMatrix: number[][]; perClassAccuracy: number[]; epochsRun: number };
  assert.equal(summary.epochsRun, 1);
  assert.equal(summary.confusionMatrix.flat().reduce((a, b) => a + b, 0), 200);
  assert.equal(summary.perClassAccuracy.length, 10);
  const prov = f.provenance;
  for (const key of ['git_commit', 'packages', 'backend', 'seed', 'hostname', 'node']) assert.ok(prov[key] !== undefined, `provenance.${key}`);
  assert.equal(prov['seed'], 42);

  assert.deepEqual(f.artifacts.map((a) => a.name).sort(), ['confusion_matrix.json', 'model', 'training_curves.json']);
  for (const a of f.artifacts) {
    assert.ok(a.path.startsWith(`experiments/${d.experimentId}/trials/${d.trialId}/`), a.path);
    assert.ok(existsSync(join(artifactDir, a.path)), `${a.path} exists`);
    assert.ok(a.sizeBytes > 0 && /^[0-9a-f]{64}$/.test(a.sha256 ?? ''));
  }
  const model = f.artifacts.find((a) => a.name === 'model')!;
  assert.ok(existsSync(join(artifactDir, model.path, 'model.json')));
  assert.equal(f.finalMetrics['model_size_bytes'], model.sizeBytes);
  const curves = JSON.parse(await readFile(join(artifactDir, f.artifacts.find((a) => a.name === 'training_curves.json')!.path), 'utf8')) as {
    epochs: unknown[];
  };
  assert.equal(curves.epochs.length, 1);
  // the checkpoint is removed once the trial is done (just after the ack)
  await waitUntil(async () => !existsSync(join(artifactDir, 'trials', d.trialId)));

  const logs = events.filter((e): e is Extract<Event, { type: 'trial.log' }> => e.type === 'trial.log' && e.data.trialId === d.trialId);
  assert.ok(logs.length >= 3, `start, epoch and end log lines (${logs.length})`);
  assert.match(logs[0]!.data.message, /starting/);
  assert.match(logs.at(-1)!.data.message, /finished/);

  // acked only after trial.finished: the work queue is empty
  await waitUntil(async () => (await pendingDispatches()) === 0);
});

test('a model-language spec with training options: the dispatch options reach training; per-trial early stopping ends it SUCCEEDED (issue 15)', async () => {
  if (workers.length === 0) await startWorker();
  const spec = resolveModel(
    { name: 'same-pad', layers: [{ type: 'conv2d', filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }, { type: 'maxPooling2d', poolSize: 2 }, { type: 'flatten' }] },
    {},
    MNIST_SHAPE,
  ).spec;
  const d = makeTrial({ epochs: 6, trainLimit: 300, testLimit: 100, spec });
  // A learning rate too small to change a prediction: val_accuracy ties from the first epoch, so patience 2 stops after epoch 3.
  d.train = { ...d.train, learningRate: 1e-9, lrSchedule: 'cosine', warmupEpochs: 1, augmentShift: 2, augmentRotation: 5, earlyStoppingPatience: 2, earlyStoppingMetric: 'val_accuracy' };
  await dispatch(d);
  const finished = await waitFor('trial.finished', (e) => e.data.trialId === d.trialId);
  assert.equal(finished.data.status, 'SUCCEEDED', finished.data.error);
  const summary = finished.data.summary as { epochsRun: number; earlyStopped?: unknown };
  assert.equal(summary.epochsRun, 3);
  assert.deepEqual(summary.earlyStopped, { afterEpochs: 3, metric: 'val_accuracy', patience: 2 });
  assert.ok(Number.isFinite(finished.data.finalMetrics['test_accuracy']));
  const logs = events.filter((e): e is Extract<Event, { type: 'trial.log' }> => e.type === 'trial.log' && e.data.trialId === d.trialId);
  assert.ok(logs.some((l) => /early stopping: no val_accuracy improvement in 2 epoch\(s\); stopped after 3 of 6 epochs/.test(l.data.message)));
});

test('a malformed dispatch is terminated and the next one trains', async () => {
  await m.js.publish(m.subjects.trialDispatch, new TextEncoder().encode('{"not":"an envelope"'));
  const d = makeTrial({ trainLimit: 200, testLimit: 100 });
  await dispatch(d);
  const finished = await waitFor('trial.finished', (e) => e.data.trialId === d.trialId);
  assert.equal(finished.data.status, 'SUCCEEDED', finished.data.error);
  await waitUntil(async () => (await pendingDispatches()) === 0);
});

test('a trial the scheduler reports finished or asked to stop is acked without training; an unknown one is dropped', async () => {
  const stopping = makeTrial({ trainLimit: 200, testLimit: 100 });
  trialStates.set(stopping.trialId, { trialId: stopping.trialId, status: 'RUNNING', stopRequested: true, attempt: 1 });
  const done = makeTrial({ trainLimit: 200, testLimit: 100 });
  trialStates.set(done.trialId, { trialId: done.trialId, status: 'SUCCEEDED', stopRequested: false, attempt: 1 });
  const cancelled = makeTrial({ trainLimit: 200, testLimit: 100 });
  trialStates.set(cancelled.trialId, { trialId: cancelled.trialId, status: 'CANCELLED', stopRequested: false, attempt: 0 });
  const unknown = makeTrial({ trainLimit: 200, testLimit: 100 });
  trialStates.delete(unknown.trialId);
  // Then one that trains, so the skipped ones have surely been handled before we look.
  const runnable = makeTrial({ trainLimit: 200, testLimit: 100 });
  for (const d of [stopping, done, cancelled, unknown, runnable]) await dispatch(d);
  const finished = await waitFor('trial.finished', (e) => e.data.trialId === runnable.trialId);
  assert.equal(finished.data.status, 'SUCCEEDED', finished.data.error);
  await waitUntil(async () => (await pendingDispatches()) === 0);
  for (const d of [stopping, done, cancelled, unknown]) {
    assert.equal(stateAsked.get(d.trialId), 1, 'the worker asked the scheduler once');
    assert.equal(events.some((e) => (e.type === 'trial.started' || e.type === 'trial.finished') && e.data.trialId === d.trialId), false, 'not trained');
  }
});

test('a scheduler that does not answer trial.state (not running, then its database down) holds the delivery: no delivery is spent', async () => {
  stopServingState?.();
  stopServingState = undefined;
  const d = makeTrial({ trainLimit: 200, testLimit: 100 });
  await dispatch(d);
  // Longer than the consumer's ack_wait: without in-progress acks JetStream would hand the
  // dispatch out again (delivery 2), and a pull now would get it.
  await new Promise((r) => setTimeout(r, ACK_WAIT_MS / 2));
  stateError = new AppError('UNAVAILABLE', 'the database is unavailable; try again shortly');
  serveTrialState();
  await waitUntil(async () => (stateAsked.get(d.trialId) ?? 0) >= 2, ACK_WAIT_MS);
  await new Promise((r) => setTimeout(r, ACK_WAIT_MS / 2 + 2000));
  assert.equal(events.some((e) => e.type === 'trial.started' && e.data.trialId === d.trialId), false, 'nothing trains while the state is unknown');
  const consumer = await m.js.consumers.get(m.streams.trials, m.streams.workersConsumer);
  const stolen = await consumer.next({ expires: 1000 });
  stolen?.nak();
  assert.equal(stolen, null, 'the dispatch is still held by the worker, not handed out again');
  const info = await consumer.info();
  assert.equal(info.num_redelivered, 0);

  stateError = undefined;
  const started = await waitFor('trial.started', (e) => e.data.trialId === d.trialId, 15_000);
  assert.equal(started.data.delivery, 1, 'the first delivery trains it');
  const finished = await waitFor('trial.finished', (e) => e.data.trialId === d.trialId);
  assert.equal(finished.data.status, 'SUCCEEDED', finished.data.error);
  await waitUntil(async () => (await pendingDispatches()) === 0);
});

test('a training error finishes the trial FAILED with the error and acks it', async () => {
  // A spec of the right shape that the engine cannot build (a dense layer on a 3-d input).
  const d = makeTrial({ spec: { modelType: 'custom', inputShape: [28, 28, 1], numClasses: 10, layers: [{ type: 'dense', units: 10, activation: 'softmax' }] } });
  await dispatch(d);
  const finished = await waitFor('trial.finished', (e) => e.data.trialId === d.trialId);
  assert.equal(finished.data.status, 'FAILED');
  assert.ok(finished.data.error && finished.data.error.length > 0);
  await waitUntil(async () => (await pendingDispatches()) === 0);
});

test('a stop request stops a running trial mid-epoch: finished STOPPED', async () => {
  // An epoch of several seconds on every backend (the native engine trains the baseline at
  // ~20,000 images/s here): the enhanced model, 18,000 training images, batch 32.
  const d = makeTrial({ epochs: 5, trainLimit: 20_000, testLimit: 100, batchSize: 32, spec: presetSpec('enhanced') });
  await dispatch(d);
  // Stop in the middle of the second epoch, so training is really under way.
  await waitFor('trial.metrics', (e) => e.data.trialId === d.trialId && e.data.points[0]!.step === 0);
  await waitFor('trial.log', (e) => e.data.trialId === d.trialId && /^epoch 1\//.test(e.data.message));
  // heartbeats keep flowing while an epoch runs (the worker yields in onBatch)
  const since = Date.now();
  const busy = await waitFor('worker.heartbeat', (e) => e.data.status === 'BUSY' && e.data.currentTrialId === d.trialId && Date.parse(e.ts) >= since, 5000);
  assert.equal(busy.data.workerId, 'w-1');
  const sentAt = Date.now();
  publishCore(m, m.subjects.trialStop(d.trialId), 'trial.stop', { trialId: d.trialId, reason: 'test stop' });
  const finished = await waitFor('trial.finished', (e) => e.data.trialId === d.trialId);
  assert.equal(finished.data.status, 'STOPPED');
  assert.equal(finished.data.error, 'test stop');
  const stopMs = Date.now() - sentAt;
  // libs/ml yields to the event loop every 10 batches (its onBatch period), then stops after
  // the current batch and runs a 100-image test pass: well under a second on an idle machine.
  assert.ok(stopMs < 5000, `stopped after ${stopMs} ms`);
  console.log(`# stop request -> trial.finished STOPPED in ${stopMs} ms`);
  assert.equal((finished.data.summary as { epochsRun: number }).epochsRun, 1, 'stopped during the second epoch');
  assert.equal(events.some((e) => e.type === 'trial.metrics' && e.data.trialId === d.trialId && e.data.points.some((p) => p.step >= 1)), false);
  await waitUntil(async () => (await pendingDispatches()) === 0);
});

test('shutdown hands a running trial back; the redelivery resumes from the checkpoint at the next epoch', async () => {
  const first = workers[0]!;
  const d = makeTrial({ epochs: 2, trainLimit: 1500, testLimit: 100, batchSize: 32 });
  await dispatch(d);
  await waitFor('trial.metrics', (e) => e.data.trialId === d.trialId && e.data.points[0]!.step === 0);
  await first.stop();
  assert.equal(events.some((e) => e.type === 'trial.finished' && e.data.trialId === d.trialId), false, 'not finished by the stopped worker');
  const stoppedBeat = await waitFor('worker.heartbeat', (e) => e.data.workerId === 'w-1' && e.data.status === 'STOPPED');
  assert.equal(stoppedBeat.data.currentTrialId, null);

  const second = await startWorker();
  assert.equal(second.status().workerId, 'w-2');
  const restarted = await waitFor('trial.started', (e) => e.data.trialId === d.trialId && e.data.delivery === 2, 15_000);
  assert.equal(restarted.data.workerId, 'w-2');
  assert.equal(restarted.data.resumedFromEpoch, 1);
  const finished = await waitFor('trial.finished', (e) => e.data.trialId === d.trialId);
  assert.equal(finished.data.status, 'SUCCEEDED', finished.data.error);
  assert.equal((finished.data.summary as { epochsRun: number }).epochsRun, 2);
  // w-2 first reports again what the checkpoint holds (step 0, the values w-1 trained: the
  // store keeps one row per step, and w-1's report might have been lost), then trains only
  // epoch 2 (step 1).
  const metricsOf = (workerId: string) =>
    events.filter((e): e is Extract<Event, { type: 'trial.metrics' }> => e.type === 'trial.metrics' && e.data.trialId === d.trialId && e.data.workerId === workerId);
  const [resumed, ...trained] = metricsOf('w-2');
  assert.deepEqual([...new Set(resumed!.data.points.map((p) => p.step))], [0]);
  const w1Step0 = metricsOf('w-1').flatMap((e) => e.data.points).filter((p) => p.step === 0);
  assert.deepEqual(
    resumed!.data.points.map((p) => [p.key, p.value]).sort(),
    w1Step0.map((p) => [p.key, p.value]).sort(),
  );
  assert.deepEqual([...new Set(trained.flatMap((e) => e.data.points.map((p) => p.step)))], [1]);
  // The finish carries both epochs: step 0 as w-1 trained it (from the checkpoint), step 1 as w-2 did.
  const asRows = (points: { key: string; step: number; value: number }[]) => points.map((p) => `${p.key}@${p.step}=${p.value}`).sort();
  assert.deepEqual(asRows(finished.data.points), asRows([...resumed!.data.points, ...trained.flatMap((e) => e.data.points)]));
});

test('a worker whose DATA_DIR is empty downloads MNIST from DATA_MIRROR first', async () => {
  for (const w of workers) await w.stop();
  const src = mnistDir();
  const server = createServer((req, res) => {
    const name = basename(req.url ?? '');
    readFile(join(src, name)).then(
      (bytes) => res.end(bytes),
      () => {
        res.statusCode = 404;
        res.end();
      },
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as AddressInfo;
    const dataDir = join(artifactDir, 'downloaded-mnist');
    await startWorker({ dataDir, dataMirror: `http://127.0.0.1:${port}/mnist/` });
    const d = makeTrial({ trainLimit: 200, testLimit: 100 });
    await dispatch(d);
    const finished = await waitFor('trial.finished', (e) => e.data.trialId === d.trialId);
    assert.equal(finished.data.status, 'SUCCEEDED', finished.data.error);
    assert.deepEqual((await readdir(dataDir)).filter((f) => f.endsWith('.gz')).sort(), [
      't10k-images-idx3-ubyte.gz',
      't10k-labels-idx1-ubyte.gz',
      'train-images-idx3-ubyte.gz',
      'train-labels-idx1-ubyte.gz',
    ]);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

test('WORKER_CONCURRENCY=2 trains two trials at once, one per slot', async () => {
  for (const w of workers) await w.stop();
  const w = await startWorker({ concurrency: 2 });
  const a = makeTrial({ epochs: 2, trainLimit: 600, testLimit: 100 });
  const b = makeTrial({ epochs: 2, trainLimit: 600, testLimit: 100 });
  await dispatch(a);
  await dispatch(b);
  const [fa, fb] = await Promise.all([a, b].map((d) => waitFor('trial.finished', (e) => e.data.trialId === d.trialId)));
  assert.equal(fa!.data.status, 'SUCCEEDED', fa!.data.error);
  assert.equal(fb!.data.status, 'SUCCEEDED', fb!.data.error);
  const index = (pred: (e: Event) => boolean): number => events.findIndex(pred);
  const firstFinish = Math.min(...[a, b].map((d) => index((e) => e.type === 'trial.finished' && e.data.trialId === d.trialId)));
  for (const d of [a, b]) {
    const started = index((e) => e.type === 'trial.started' && e.data.trialId === d.trialId);
    assert.ok(started >= 0 && started < firstFinish, 'both trials started before either finished');
  }
  const wid = w.status().workerId;
  assert.ok(
    events.some((e) => e.type === 'worker.heartbeat' && e.data.workerId === wid && (e.data.details['runningTrials'] as unknown[]).length === 2),
    'a heartbeat lists both running trials',
  );
});

test('the worker process needs no database: given an unreachable DATABASE_URL it still trains (NATS is its only connection)', async () => {
  for (const w of workers) await w.stop();
  const main = new URL('./main.js', import.meta.url).pathname;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    NATS_URL: nats.url,
    TRIALGRID_PREFIX: nats.prefix,
    DATA_DIR: mnistDir(),
    ARTIFACT_DIR: artifactDir,
    WORKER_ID: 'no-db',
    HEALTH_PORT: '0',
    HEARTBEAT_INTERVAL: '1s',
    LOG_LEVEL: 'warn',
    // A worker that still used Postgres would hang here waiting for it (port 1 refuses).
    DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
    PGHOST: '127.0.0.1',
    PGPORT: '1',
  };
  const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  try {
    const d = makeTrial({ trainLimit: 200, testLimit: 100 });
    await dispatch(d);
    const started = await waitFor('trial.started', (e) => e.data.trialId === d.trialId, 90_000).catch((err: unknown) => {
      throw new Error(`the worker process did not start the trial: ${String(err)}\n${stderr.slice(-2000)}`);
    });
    assert.equal(started.data.workerId, 'no-db');
    const finished = await waitFor('trial.finished', (e) => e.data.trialId === d.trialId);
    assert.equal(finished.data.status, 'SUCCEEDED', finished.data.error);
    await waitUntil(async () => (await pendingDispatches()) === 0);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
