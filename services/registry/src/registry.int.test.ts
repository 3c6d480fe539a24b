/**
 * The registry against real Postgres and NATS, with models trained for real by libs/ml on a
 * few hundred MNIST images and saved in the artifact store the way the worker saves them.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subscription } from '@nats-io/nats-core';
import {
  getModelVersions,
  insertExperimentWithTrials,
  insertMetrics,
  modelHistory,
  transitionTrial,
  upsertArtifacts,
} from '@trialgrid/db';
import { AppError } from '@trialgrid/errors';
import { silentLogger } from '@trialgrid/logger';
import { decode, publishJs, sendCommand, type Messaging, type ModelUpdate, type PredictReply } from '@trialgrid/messaging';
import { initBackend, loadDataset, presetSpec, PRESET_RUNS, train, type Dataset, type TrainResult } from '@trialgrid/ml';
import { mnistDir, startNats, startPostgres, type NatsFixture, type PostgresFixture } from '@trialgrid/testing';
import { createRegistry, type Registry } from './registry.js';

const MODEL = 'Mnist_Test_Model';

let pgx: PostgresFixture;
let nats: NatsFixture;
let m: Messaging;
let client: Messaging;
let artifactDir: string;
let registry: Registry;
let testData: Dataset;
const updates: ModelUpdate[] = [];
let sub: Subscription | undefined;

interface Trained {
  result: TrainResult;
  save(dir: string): Promise<unknown>;
}
const models: Record<'a' | 'b' | 'c' | 'd', Trained> = {} as Record<'a' | 'b' | 'c' | 'd', Trained>;

async function trainTiny(trainLimit: number, seed: number): Promise<Trained> {
  const data = await loadDataset({ dir: mnistDir(), trainLimit, testLimit: 200 });
  const { result, model } = await train({ spec: presetSpec('baseline'), params: { ...PRESET_RUNS[0]!.params, epochs: 1, batchSize: 32, seed }, data });
  return {
    result,
    async save(dir) {
      try {
        return await model.save(dir);
      } finally {
        model.dispose();
      }
    },
  };
}

/** An experiment whose trials SUCCEEDED with these models, stored like the scheduler + worker store them. */
async function seedExperiment(name: string, trained: Trained[]): Promise<{ experimentId: string; trialIds: string[] }> {
  const { experiment, trials } = await insertExperimentWithTrials(
    pgx.db,
    { name, searchSpace: {}, modelName: MODEL, status: 'SUCCEEDED' },
    trained.map((_, i) => ({ index: i, name: `${name}-t${i}`, spec: presetSpec('baseline'), params: { model_type: 'baseline' } })),
  );
  for (const [i, t] of trials.entries()) {
    const r = trained[i]!.result;
    const rel = `experiments/${experiment.id}/trials/${t.id}/model`;
    const saved = (await trained[i]!.save(join(artifactDir, rel))) as { sizeBytes: number };
    await transitionTrial(pgx.db, t.id, ['QUEUED'], 'SUCCEEDED', {
      finalMetrics: { test_loss: r.test_loss, test_accuracy: r.test_accuracy, training_seconds: r.trainingSeconds, param_count: r.paramCount },
      summary: { confusionMatrix: r.confusionMatrix, perClassAccuracy: r.perClassAccuracy, epochsRun: r.epochs.length },
    });
    await upsertArtifacts(pgx.db, t.id, [{ name: 'model', kind: 'model', path: rel, sizeBytes: saved.sizeBytes }]);
    const last = r.epochs.at(-1)!;
    await insertMetrics(pgx.db, t.id, experiment.id, [
      { key: 'train_accuracy', step: last.epoch, value: last.train_accuracy },
      { key: 'val_accuracy', step: last.epoch, value: last.val_accuracy },
      { key: 'val_loss', step: last.epoch, value: last.val_loss },
    ]);
  }
  return { experimentId: experiment.id, trialIds: trials.map((t) => t.id) };
}

async function finishExperiment(experimentId: string, msgID: string): Promise<void> {
  await publishJs(m, m.subjects.experimentFinished(experimentId), 'experiment.finished', { experimentId, status: 'SUCCEEDED', modelName: MODEL }, { msgID });
}

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function consumerIdle(): Promise<boolean> {
  const info = await m.jsm.consumers.info(m.streams.events, m.streams.registryConsumer);
  return info.num_pending === 0 && info.num_ack_pending === 0;
}

async function rejects(p: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, code, err.message);
    if (message) assert.match(err.message, message);
    return true;
  });
}

before(async () => {
  [pgx, nats] = await Promise.all([startPostgres(), startNats({ topology: { ackWaitMs: 10_000, maxDeliver: 3 } })]);
  m = nats.messaging;
  client = await nats.connect('gateway-like-client');
  artifactDir = await mkdtemp(join(tmpdir(), 'tg-registry-'));
  await initBackend('auto');
  // a: 600 images; b: 150 images (clearly worse); c: 1500 images, another seed (better than a)
  models.a = await trainTiny(600, 42);
  models.b = await trainTiny(150, 42);
  models.c = await trainTiny(1500, 7);
  // d: 150 images, another seed (worse than c)
  models.d = await trainTiny(150, 11);
  testData = await loadDataset({ dir: mnistDir(), trainLimit: 1, testLimit: 40 });
  sub = m.nc.subscribe(m.subjects.updatesModel, { callback: (_e, msg) => {
      updates.push(decode('model.update', msg.data));
    },
  });
  registry = createRegistry({
    db: pgx.db,
    messaging: m,
    logger: silentLogger(),
    config: { prefix: nats.prefix, artifactDir, backend: 'auto', modelName: 'Mnist_Best_Model', autoRegister: true },
  });
  await registry.start();
});

after(async () => {
  await registry?.stop();
  sub?.unsubscribe();
  await nats?.close();
  await pgx?.close();
  if (artifactDir) await rm(artifactDir, { recursive: true, force: true });
});

let exp1: { experimentId: string; trialIds: string[] };

test('experiment.finished registers the best trial as version 1, Production, alias champion, with history', async () => {
  assert.ok(models.a.result.test_accuracy > models.b.result.test_accuracy, 'the 600-image model beats the 150-image one');
  exp1 = await seedExperiment('exp-1', [models.b, models.a]);
  await finishExperiment(exp1.experimentId, 'exp1-finished');
  await waitUntil(() => updates.some((u) => u.event === 'ALIAS:champion' && u.version === 1));

  const [v1, ...rest] = await getModelVersions(pgx.db, MODEL);
  assert.equal(rest.length, 0);
  assert.ok(v1);
  assert.equal(v1.version, 1);
  assert.equal(v1.stage, 'Production');
  assert.deepEqual(v1.aliases, ['champion']);
  assert.equal(v1.trialId, exp1.trialIds[1], 'trial a (index 1) has the higher test accuracy');
  const tags = v1.tags as Record<string, unknown>;
  assert.equal(tags['stage'], 'production');
  assert.equal(tags['experiment_id'], exp1.experimentId);
  assert.equal(tags['trial_id'], exp1.trialIds[1]);
  const criteria = tags['production_criteria'] as Record<string, unknown>;
  assert.equal(criteria['accuracy_ok'], models.a.result.test_accuracy >= 0.99);
  assert.equal(typeof criteria['meets_all'], 'boolean');
  const metrics = v1.metrics as Record<string, unknown>;
  assert.equal(metrics['test_accuracy'], models.a.result.test_accuracy);
  const latency = metrics['inference_latency_ms_b1'] as number;
  assert.ok(latency > 0 && latency < 1000, `batch-1 latency ${latency} ms`);
  const size = metrics['model_size_bytes'] as number;
  // baseline: conv 32x3x3 (320 params) + dense 5408*10+10 -> ~218 kB of float32 weights plus model.json
  assert.ok(size > 200_000 && size < 300_000, `model size ${size}`);
  assert.equal(criteria['size_ok'], true);
  console.log(`# registered v1: test_accuracy ${models.a.result.test_accuracy}, latency b1 ${latency.toFixed(2)} ms, size ${size} B`);

  const history = await modelHistory(pgx.db, MODEL);
  assert.deepEqual(
    history.map((h) => [h.kind, h.version, h.fromValue, h.toValue, h.alias]),
    [
      ['REGISTERED', 1, null, '1', null],
      ['STAGE', 1, 'None', 'Production', null],
      ['ALIAS_SET', 1, null, '1', 'champion'],
    ],
  );
  assert.deepEqual(
    updates.filter((u) => u.modelName === MODEL).map((u) => u.event),
    ['REGISTERED', 'STAGE:Production', 'ALIAS:champion'],
  );
});

test('a second, better experiment promotes version 2 and archives version 1; a redelivered old event changes nothing', async () => {
  assert.ok(models.c.result.test_accuracy > models.a.result.test_accuracy, 'the 1500-image model beats the 600-image one');
  const exp2 = await seedExperiment('exp-2', [models.c]);
  await finishExperiment(exp2.experimentId, 'exp2-finished');
  await waitUntil(() => updates.some((u) => u.event === 'ALIAS:champion' && u.version === 2));
  let versions = await getModelVersions(pgx.db, MODEL);
  assert.deepEqual(
    versions.map((v) => [v.version, v.stage, v.aliases]),
    [
      [2, 'Production', ['champion']],
      [1, 'Archived', []],
    ],
  );
  const history = await modelHistory(pgx.db, MODEL);
  assert.deepEqual(
    history.slice(3).map((h) => [h.kind, h.version, h.fromValue, h.toValue]),
    [
      ['REGISTERED', 2, null, '2'],
      ['STAGE', 2, 'None', 'Production'],
      ['STAGE', 1, 'Production', 'Archived'],
      ['ALIAS_SET', 2, '1', '2'],
    ],
  );

  // the first experiment's event again (e.g. redelivered): version 1 must not come back
  await finishExperiment(exp1.experimentId, 'exp1-finished-again');
  await waitUntil(consumerIdle);
  versions = await getModelVersions(pgx.db, MODEL);
  assert.deepEqual(
    versions.map((v) => [v.version, v.stage]),
    [
      [2, 'Production'],
      [1, 'Archived'],
    ],
  );
});

test('a worse experiment is registered as a candidate and leaves Production alone (if-better policy)', async () => {
  assert.ok(models.d.result.test_accuracy < models.c.result.test_accuracy, 'the 150-image model is worse than the 1500-image one');
  const exp3 = await seedExperiment('exp-3', [models.d]);
  const before = updates.length;
  await finishExperiment(exp3.experimentId, 'exp3-finished');
  await waitUntil(() => updates.slice(before).some((u) => u.modelName === MODEL && u.event === 'REGISTERED' && u.version === 3));
  await waitUntil(consumerIdle);
  const versions = await getModelVersions(pgx.db, MODEL);
  assert.deepEqual(
    versions.map((v) => [v.version, v.stage, v.aliases]),
    [
      [3, 'None', []],
      [2, 'Production', ['champion']],
      [1, 'Archived', []],
    ],
  );
  assert.equal((versions[0]!.tags as Record<string, unknown>)['stage'], 'candidate');
  const history = await modelHistory(pgx.db, MODEL);
  const mine = history.filter((h) => h.version === 3);
  assert.deepEqual(mine.map((h) => h.kind), ['REGISTERED']);
  assert.match(mine[0]!.reason ?? '', /not promoted: test_accuracy .* does not beat Production v2/);
  assert.deepEqual(
    updates.slice(before).filter((u) => u.modelName === MODEL).map((u) => u.event),
    ['REGISTERED'],
  );
  // the same event again: still one version 3, nothing promoted
  await finishExperiment(exp3.experimentId, 'exp3-finished-again');
  await waitUntil(consumerIdle);
  assert.deepEqual((await getModelVersions(pgx.db, MODEL)).map((v) => [v.version, v.stage]), [[3, 'None'], [2, 'Production'], [1, 'Archived']]);
});

test('model.predict classifies real MNIST test images with the Production version', async () => {
  const n = 20;
  const images = Array.from({ length: n }, (_, i) => Array.from(testData.testImages.subarray(i * 784, (i + 1) * 784)));
  const out = await sendCommand<PredictReply>(client, 'model.predict', { images, modelName: MODEL }, { timeoutMs: 20_000 });
  assert.equal(out.modelName, MODEL);
  assert.equal(out.version, 2);
  assert.equal(out.classes.length, n);
  assert.equal(out.probabilities.length, n);
  for (const [i, p] of out.probabilities.entries()) {
    assert.equal(p.length, 10);
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-4);
    assert.equal(out.classes[i], p.indexOf(Math.max(...p)));
  }
  const correct = out.classes.filter((c, i) => c === testData.testLabels[i]).length;
  assert.ok(correct >= n / 2, `${correct}/${n} right with a 600-image model`);
  assert.ok(out.latencyMs > 0);

  const viaAlias = await sendCommand<PredictReply>(client, 'model.predict', { images: images.slice(0, 1), modelName: MODEL, alias: 'champion' });
  assert.equal(viaAlias.version, 2);
  assert.deepEqual(viaAlias.classes, out.classes.slice(0, 1));
});

test('model.predict rejects bad images (INVALID_INPUT) and models without Production (NOT_FOUND)', async () => {
  const good = Array.from(testData.testImages.subarray(0, 784));
  await rejects(sendCommand(client, 'model.predict', { images: [good.slice(1)], modelName: MODEL }), 'INVALID_INPUT', /784/);
  await rejects(sendCommand(client, 'model.predict', { images: [good.map((v, i) => (i === 5 ? 255 : v))], modelName: MODEL }), 'INVALID_INPUT', /\[0, 1\]/);
  await rejects(sendCommand(client, 'model.predict', { images: [], modelName: MODEL }), 'INVALID_INPUT');
  await rejects(sendCommand(client, 'model.predict', { images: 'nope', modelName: MODEL }), 'INVALID_INPUT');
  await rejects(sendCommand(client, 'model.predict', { images: [good], modelName: 'No_Such_Model' }), 'NOT_FOUND');
  await rejects(sendCommand(client, 'model.predict', { images: [good], modelName: MODEL, alias: 'nope' }), 'NOT_FOUND');
});

test('model.register / model.transition / model.setAlias commands; cache follows stage changes', async () => {
  const other = 'Other_Model';
  const reg = await sendCommand<{ versionId: string; version: number; stage: string; criteria: Record<string, unknown> }>(
    client,
    'model.register',
    { modelName: other, trialId: exp1.trialIds[0], tags: { note: 'manual' } },
    { timeoutMs: 20_000 },
  );
  assert.equal(reg.version, 1);
  assert.equal(reg.stage, 'None');
  assert.equal(typeof reg.criteria['inference_latency_ms_b1'], 'number');
  const good = Array.from(testData.testImages.subarray(0, 784));
  await rejects(sendCommand(client, 'model.predict', { images: [good], modelName: other }), 'NOT_FOUND', /no Production version/);

  const moved = await sendCommand<{ version: number; stage: string }>(client, 'model.transition', { modelName: other, version: 1, stage: 'Production', archiveExisting: true });
  assert.equal(moved.stage, 'Production');
  const p1 = await sendCommand<PredictReply>(client, 'model.predict', { images: [good], modelName: other });
  assert.equal(p1.version, 1);

  const aliased = await sendCommand<{ aliases: string[] }>(client, 'model.setAlias', { modelName: other, alias: 'candidate', version: 1 });
  assert.deepEqual(aliased.aliases, ['candidate']);

  await sendCommand(client, 'model.transition', { modelName: other, version: 1, stage: 'Archived', archiveExisting: false });
  await rejects(sendCommand(client, 'model.predict', { images: [good], modelName: other }), 'NOT_FOUND');
  // the alias still resolves (aliases are independent of stages)
  const p2 = await sendCommand<PredictReply>(client, 'model.predict', { images: [good], modelName: other, alias: 'candidate' });
  assert.deepEqual(p2.probabilities, p1.probabilities);

  await rejects(sendCommand(client, 'model.transition', { modelName: other, version: 9, stage: 'Production' }), 'NOT_FOUND');
  await rejects(sendCommand(client, 'model.transition', { modelName: other, version: 1, stage: 'Live' }), 'INVALID_INPUT');
  await rejects(sendCommand(client, 'model.register', { modelName: other, trialId: '00000000-0000-0000-0000-000000000000' }), 'NOT_FOUND');
  assert.ok(updates.some((u) => u.modelName === other && u.event === 'STAGE:Archived'));
});
