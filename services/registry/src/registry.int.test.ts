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
  aliasesByVersion,
  findRegisteredModel,
  insertExperimentWithTrials,
  insertMetrics,
  modelEventsOf,
  modelVersionsByModel,
  transitionTrial,
  upsertArtifacts,
  type ModelEventView,
} from '@trialgrid/db';
import { AppError } from '@trialgrid/errors';
import { silentLogger } from '@trialgrid/logger';
import { decode, publishJs, sendCommand, sendUncheckedCommand, type Messaging, type ModelUpdate } from '@trialgrid/messaging';
import { initBackend, loadDataset, loadModel, loadTestSplit, presetSpec, PRESET_RUNS, train, type Dataset, type TrainResult } from '@trialgrid/ml';
import { mnistDir, startNats, startPostgres, type NatsFixture, type PostgresFixture } from '@trialgrid/testing';
import { createRegistry, type Registry } from './registry.js';

const MODEL = 'Mnist_Test_Model';

/** The model's versions, newest first, with their aliases: read as the gateway reads them. */
async function versionsOf(name: string) {
  const model = await findRegisteredModel(pgx.db, name);
  const versions = model ? ((await modelVersionsByModel(pgx.db, [model.id])).get(model.id) ?? []) : [];
  const aliases = await aliasesByVersion(pgx.db, versions.map((v) => v.id));
  return versions.reverse().map((v) => ({ ...v, aliases: aliases.get(v.id) ?? [] }));
}

/** The model's audit trail, oldest first. */
async function historyOf(name: string): Promise<ModelEventView[]> {
  const model = await findRegisteredModel(pgx.db, name);
  return model ? modelEventsOf(pgx.db, model.id) : [];
}

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
const models: Record<'a' | 'b' | 'c' | 'd' | 'e', Trained> = {} as Record<'a' | 'b' | 'c' | 'd' | 'e', Trained>;

async function trainTiny(trainLimit: number, seed: number, testLimit = 200): Promise<Trained> {
  const data = await loadDataset({ dir: mnistDir(), trainLimit, testLimit });
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
async function seedExperiment(name: string, trained: Trained[], testLimit = 200): Promise<{ experimentId: string; trialIds: string[] }> {
  const { experiment, trials } = await insertExperimentWithTrials(
    pgx.db,
    { name, searchSpace: {}, modelName: MODEL, status: 'SUCCEEDED', options: { trainLimit: 1500, testLimit } },
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
  // e: 1000 images, tested on the first 100 test images only (another evaluation set)
  models.e = await trainTiny(1000, 5, 100);
  testData = await loadDataset({ dir: mnistDir(), trainLimit: 1, testLimit: 40 });
  sub = m.nc.subscribe(m.subjects.updatesModel, { callback: (_e, msg) => {
      updates.push(decode('model.update', msg.data));
    },
  });
  registry = createRegistry({
    db: pgx.db,
    messaging: m,
    logger: silentLogger(),
    config: { prefix: nats.prefix, artifactDir, dataDir: mnistDir(), backend: 'auto', modelName: 'Mnist_Best_Model', autoRegister: true },
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

/** champion names exactly the Production version (or nothing when there is none). */
async function assertChampionIsProduction(): Promise<void> {
  const versions = await versionsOf(MODEL);
  assert.deepEqual(
    versions.filter((v) => v.aliases.includes('champion')).map((v) => v.version),
    versions.filter((v) => v.stage === 'Production').map((v) => v.version),
    'champion follows Production',
  );
}

test('the seed gate: a model below 99 % is registered as a candidate with each failed criterion and its value, not promoted', async () => {
  assert.ok(models.a.result.test_accuracy > models.b.result.test_accuracy, 'the 600-image model beats the 150-image one');
  assert.ok(models.a.result.test_accuracy < 0.99, 'a 600-image model is far from the seed criteria');
  exp1 = await seedExperiment('exp-1', [models.b, models.a]);
  await finishExperiment(exp1.experimentId, 'exp1-finished');
  await waitUntil(() => updates.some((u) => u.event === 'CANDIDATE' && u.version === 1));

  const [v1, ...rest] = await versionsOf(MODEL);
  assert.equal(rest.length, 0);
  assert.ok(v1);
  assert.equal(v1.version, 1);
  assert.equal(v1.stage, 'None');
  assert.deepEqual(v1.aliases, []);
  assert.equal(v1.trialId, exp1.trialIds[1], 'trial a (index 1) has the higher test accuracy');
  const tags = v1.tags as Record<string, unknown>;
  assert.equal(tags['stage'], 'candidate');
  assert.match(String(tags['candidate_reason']), /^fails the production gate: test_accuracy 0\.\d+ < 0\.99/);
  assert.equal(tags['experiment_id'], exp1.experimentId);
  assert.equal(v1.gate?.passed, false);
  const accuracyCheck = v1.gate?.checks.find((c) => c.criterion === 'test_accuracy');
  assert.equal(accuracyCheck?.measured, models.a.result.test_accuracy);
  assert.equal(accuracyCheck?.passed, false);
  assert.deepEqual(v1.gate?.policy, { minTestAccuracy: 0.99, maxLatencyMs: 100, maxModelSizeBytes: 10 * 1024 * 1024, maxClassAccuracyGap: 0.03 });
  const metrics = v1.metrics as Record<string, unknown>;
  assert.equal(metrics['test_accuracy'], models.a.result.test_accuracy);
  const latency = metrics['inference_latency_ms_b1'] as number;
  assert.ok(latency > 0 && latency < 1000, `batch-1 latency ${latency} ms`);
  const size = metrics['model_size_bytes'] as number;
  // baseline: conv 32x3x3 (320 params) + dense 5408*10+10 -> ~218 kB of float32 weights plus model.json
  assert.ok(size > 200_000 && size < 300_000, `model size ${size}`);
  assert.equal(v1.gate?.checks.find((c) => c.criterion === 'model_size_bytes')?.passed, true);
  assert.equal(metrics['worst_class_accuracy'], Math.min(...models.a.result.perClassAccuracy));
  // the evaluation set: the experiment's testLimit, counted in the confusion matrix, fingerprinted
  const split = await loadTestSplit({ dir: mnistDir(), limit: 200 });
  assert.deepEqual(v1.evaluation, { dataset: 'mnist', split: 'test', size: 200, fingerprint: split.fingerprint, description: 'mnist test[0:200]' });
  console.log(`# registered v1: test_accuracy ${models.a.result.test_accuracy}, latency b1 ${latency.toFixed(2)} ms, size ${size} B, gate ${v1.gate?.passed}`);

  const history = await historyOf(MODEL);
  assert.deepEqual(
    history.map((h) => [h.kind, h.version, h.toValue]),
    [
      ['REGISTERED', 1, '1'],
      ['GATE', 1, 'failed'],
      ['UPDATED', 1, null],
    ],
  );
  assert.match(history[1]!.reason ?? '', /fails the production gate: test_accuracy 0\.\d+ < 0\.99/);
  await assertChampionIsProduction();
});

test('manual promotion of a failing version needs an override with a reason, recorded in the history', async () => {
  await rejects(sendCommand(client, 'model.transition', { modelName: MODEL, version: 1, stage: 'Production' }), 'CONFLICT', /fails the production gate: test_accuracy .* override/);
  await rejects(sendCommand(client, 'model.setAlias', { modelName: MODEL, alias: 'champion', version: 1 }), 'CONFLICT', /fails the production gate/);
  await rejects(sendCommand(client, 'model.transition', { modelName: MODEL, version: 1, stage: 'Production', override: true }), 'INVALID_INPUT', /reason/);
  assert.equal((await versionsOf(MODEL))[0]!.stage, 'None', 'nothing changed');
  const out = await sendCommand(client, 'model.transition', {
    modelName: MODEL,
    version: 1,
    stage: 'Production',
    override: true,
    reason: 'pilot deployment, accuracy accepted by the product owner',
    actor: 'ana',
  });
  assert.equal(out.stage, 'Production');
  assert.deepEqual(out.aliases, ['champion']);
  await assertChampionIsProduction();
  const stage = (await historyOf(MODEL)).filter((h) => h.kind === 'STAGE').at(-1)!;
  assert.equal(stage.actor, 'ana');
  assert.match(stage.reason ?? '', /^override of the production gate \(test_accuracy 0\.\d+ < 0\.99.*\): pilot deployment/);
  assert.equal((stage.details as { override?: boolean }).override, true);
});

test('a per-model policy re-judges the versions; a better experiment on the same evaluation set is promoted and champion follows', async () => {
  const policy = await sendCommand(client, 'model.setPolicy', {
    modelName: MODEL,
    policy: { minTestAccuracy: 0.2, maxClassAccuracyGap: 1 },
    reason: 'tiny test models',
  });
  assert.deepEqual(policy.flipped, [1]);
  assert.equal(policy.policy['maxLatencyMs'], 100, 'the other thresholds keep their value');
  await rejects(sendCommand(client, 'model.setPolicy', { modelName: MODEL, policy: { minTestAccuracy: 2 } }), 'INVALID_INPUT');

  assert.ok(models.c.result.test_accuracy > models.a.result.test_accuracy, 'the 1500-image model beats the 600-image one');
  const exp2 = await seedExperiment('exp-2', [models.c]);
  await finishExperiment(exp2.experimentId, 'exp2-finished');
  await waitUntil(() => updates.some((u) => u.event === 'ALIAS:champion' && u.version === 2));
  let versions = await versionsOf(MODEL);
  assert.deepEqual(
    versions.map((v) => [v.version, v.stage, v.aliases]),
    [
      [2, 'Production', ['champion']],
      [1, 'Archived', []],
    ],
  );
  const history = await historyOf(MODEL);
  const promotion = history.find((h) => h.kind === 'STAGE' && h.version === 2)!;
  assert.match(promotion.reason ?? '', /test_accuracy 0\.\d+ beats Production v1 \(0\.\d+\) on the same evaluation set \(mnist test\[0:200\]\)/);
  assert.deepEqual(
    history.slice(history.indexOf(promotion)).map((h) => [h.kind, h.version, h.fromValue, h.toValue]),
    [
      ['STAGE', 2, 'None', 'Production'],
      ['STAGE', 1, 'Production', 'Archived'],
      ['ALIAS_SET', 2, '1', '2'],
    ],
  );

  // the first experiment's event again (e.g. redelivered): version 1 must not come back
  await finishExperiment(exp1.experimentId, 'exp1-finished-again');
  await waitUntil(consumerIdle);
  versions = await versionsOf(MODEL);
  assert.deepEqual(
    versions.map((v) => [v.version, v.stage]),
    [
      [2, 'Production'],
      [1, 'Archived'],
    ],
  );
  await assertChampionIsProduction();
});

test('a worse experiment is registered as a candidate and leaves Production alone (if-better policy)', async () => {
  assert.ok(models.d.result.test_accuracy < models.c.result.test_accuracy, 'the 150-image model is worse than the 1500-image one');
  const exp3 = await seedExperiment('exp-3', [models.d]);
  const before = updates.length;
  await finishExperiment(exp3.experimentId, 'exp3-finished');
  await waitUntil(() => updates.slice(before).some((u) => u.modelName === MODEL && u.event === 'CANDIDATE' && u.version === 3));
  await waitUntil(consumerIdle);
  const versions = await versionsOf(MODEL);
  assert.deepEqual(
    versions.map((v) => [v.version, v.stage, v.aliases]),
    [
      [3, 'None', []],
      [2, 'Production', ['champion']],
      [1, 'Archived', []],
    ],
  );
  const tags = versions[0]!.tags as Record<string, unknown>;
  assert.equal(tags['stage'], 'candidate');
  assert.match(String(tags['candidate_reason']), /test_accuracy .* does not beat Production v2 .* on the same evaluation set/);
  const mine = (await historyOf(MODEL)).filter((h) => h.version === 3);
  assert.deepEqual(mine.map((h) => h.kind), ['REGISTERED', 'GATE', 'UPDATED']);
  // the same event again: still one version 3, nothing promoted
  await finishExperiment(exp3.experimentId, 'exp3-finished-again');
  await waitUntil(consumerIdle);
  assert.deepEqual((await versionsOf(MODEL)).map((v) => [v.version, v.stage]), [[3, 'None'], [2, 'Production'], [1, 'Archived']]);
});

test('like for like: a challenger tested on other data is weighed against Production re-evaluated on the challenger test set', async () => {
  const exp4 = await seedExperiment('exp-4', [models.e], 100);
  const before = updates.length;
  await finishExperiment(exp4.experimentId, 'exp4-finished');
  await waitUntil(() => updates.slice(before).some((u) => u.modelName === MODEL && u.version === 4 && (u.event === 'CANDIDATE' || u.event === 'ALIAS:champion')));
  await waitUntil(consumerIdle);
  const v4 = (await versionsOf(MODEL)).find((v) => v.version === 4)!;
  assert.equal(v4.evaluation?.description, 'mnist test[0:100]');

  // what Production v2 scores on the first 100 test images, measured here independently
  const v2 = (await versionsOf(MODEL)).find((v) => v.version === 2)!;
  const prod = await loadModel(join(artifactDir, v2.artifactPath));
  const split = await loadTestSplit({ dir: mnistDir(), limit: 100 });
  const out = await prod.predict(split.images, split.count);
  prod.dispose();
  const v2On100 = out.classes.filter((c, i) => c === split.labels[i]).length / split.count;
  const challenger = models.e.result.test_accuracy;
  const shouldPromote = challenger > v2On100;
  const history = await historyOf(MODEL);
  const reason = shouldPromote ? history.find((h) => h.kind === 'STAGE' && h.version === 4)?.reason : String((v4.tags as Record<string, unknown>)['candidate_reason']);
  assert.ok(reason, 'the decision is recorded');
  assert.match(reason, new RegExp(`Production v2 \\(${String(Number(v2On100.toFixed(4))).replace('.', '\\.')}\\) re-evaluated on the challenger's evaluation set \\(mnist test\\[0:100\\]; Production v2 was tested on mnist test\\[0:200\\]\\)`));
  assert.equal(v4.stage, shouldPromote ? 'Production' : 'None', `challenger ${challenger} vs Production on the same 100 images ${v2On100}`);
  console.log(`# like for like: challenger ${challenger} on test[0:100]; Production v2 ${String((v2.metrics as Record<string, number>)['test_accuracy'])} on test[0:200], ${v2On100} on test[0:100] -> ${shouldPromote ? 'promoted' : 'candidate'}`);
  if (shouldPromote) {
    // keep the later tests' expectations: v2 back to Production through the champion alias
    await sendCommand(client, 'model.setAlias', { modelName: MODEL, alias: 'champion', version: 2 });
  }
  await assertChampionIsProduction();
});

test('alias sequences: promote moves champion, setting champion promotes, archiving Production removes champion', async () => {
  // `trialgrid promote <model> 3` (v3 passes the relaxed policy): v3 Production + champion, v2 Archived
  await sendCommand(client, 'model.transition', { modelName: MODEL, version: 3, stage: 'Production' });
  await assertChampionIsProduction();
  assert.deepEqual((await versionsOf(MODEL)).filter((v) => v.version === 2 || v.version === 3).map((v) => [v.version, v.stage, v.aliases]), [
    [3, 'Production', ['champion']],
    [2, 'Archived', []],
  ]);
  const good = Array.from(testData.testImages.subarray(0, 784));
  assert.equal((await sendCommand(client, 'model.predict', { images: [good], modelName: MODEL, alias: 'champion' })).version, 3);
  // moving champion back to v2 promotes v2
  await sendCommand(client, 'model.setAlias', { modelName: MODEL, alias: 'champion', version: 2 });
  await assertChampionIsProduction();
  assert.equal((await sendCommand(client, 'model.predict', { images: [good], modelName: MODEL, alias: 'champion' })).version, 2);
  assert.equal((await sendCommand(client, 'model.predict', { images: [good], modelName: MODEL })).version, 2);
  // other aliases are free-standing
  await sendCommand(client, 'model.setAlias', { modelName: MODEL, alias: 'canary', version: 3 });
  assert.equal((await sendCommand(client, 'model.predict', { images: [good], modelName: MODEL, alias: 'canary' })).version, 3);
  // A pinned version (what the gateway sends with the later parts of a split request) wins over alias and stage.
  assert.equal((await sendCommand(client, 'model.predict', { images: [good], modelName: MODEL, version: 3 })).version, 3);
  assert.equal((await sendCommand(client, 'model.predict', { images: [good], modelName: MODEL, alias: 'champion', version: 3 })).version, 3);
  await assertChampionIsProduction();
});

test('model.edit: description and tags of the model and of a version', async () => {
  await sendCommand(client, 'model.edit', { modelName: MODEL, description: 'MNIST digits, seed pipeline', tags: { team: 'ml' } });
  const edited = await sendCommand(client, 'model.edit', { modelName: MODEL, version: 2, description: 'the 1500-image run', tags: { reviewed: 'yes' } });
  assert.equal('version' in edited ? edited.version : undefined, 2);
  const v2 = (await versionsOf(MODEL)).find((v) => v.version === 2)!;
  assert.equal(v2.description, 'the 1500-image run');
  assert.equal((v2.tags as Record<string, unknown>)['reviewed'], 'yes');
  await rejects(sendUncheckedCommand(client, 'model.edit', { modelName: MODEL, tags: { ok: 5 } }), 'INVALID_INPUT');
  await rejects(sendCommand(client, 'model.edit', { modelName: 'No_Such_Model', description: 'x' }), 'NOT_FOUND');
});

test('model.predict classifies real MNIST test images with the Production version', async () => {
  const n = 20;
  const images = Array.from({ length: n }, (_, i) => Array.from(testData.testImages.subarray(i * 784, (i + 1) * 784)));
  const out = await sendCommand(client, 'model.predict', { images, modelName: MODEL }, { timeoutMs: 20_000 });
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

  const viaAlias = await sendCommand(client, 'model.predict', { images: images.slice(0, 1), modelName: MODEL, alias: 'champion' });
  assert.equal(viaAlias.version, 2);
  assert.deepEqual(viaAlias.classes, out.classes.slice(0, 1));
});

test('model.predict rejects bad images (INVALID_INPUT) and models without Production (NOT_FOUND)', async () => {
  const good = Array.from(testData.testImages.subarray(0, 784));
  await rejects(sendCommand(client, 'model.predict', { images: [good.slice(1)], modelName: MODEL }), 'INVALID_INPUT', /784/);
  await rejects(sendCommand(client, 'model.predict', { images: [good.map((v, i) => (i === 5 ? 255 : v))], modelName: MODEL }), 'INVALID_INPUT', /\[0, 1\]/);
  await rejects(sendCommand(client, 'model.predict', { images: [], modelName: MODEL }), 'INVALID_INPUT');
  await rejects(sendUncheckedCommand(client, 'model.predict', { images: 'nope', modelName: MODEL }), 'INVALID_INPUT');
  await rejects(sendCommand(client, 'model.predict', { images: [good], modelName: 'No_Such_Model' }), 'NOT_FOUND');
  await rejects(sendCommand(client, 'model.predict', { images: [good], modelName: MODEL, alias: 'nope' }), 'NOT_FOUND');
  await rejects(sendCommand(client, 'model.predict', { images: [good], modelName: MODEL, version: 99 }), 'NOT_FOUND');
  await rejects(sendUncheckedCommand(client, 'model.predict', { images: [good], modelName: MODEL, version: 1.5 }), 'INVALID_INPUT');
});

test('model.register / model.transition / model.setAlias commands; cache follows stage changes', async () => {
  const other = 'Other_Model';
  const reg = await sendCommand(
    client,
    'model.register',
    { modelName: other, trialId: exp1.trialIds[0]!, tags: { note: 'manual' } },
    { timeoutMs: 20_000 },
  );
  assert.equal(reg.version, 1);
  assert.equal(reg.stage, 'None');
  assert.equal(reg.gate.passed, false, 'the default (seed) policy of a new model');
  assert.equal(typeof reg.gate.checks.find((c) => c.criterion === 'inference_latency_ms')?.measured, 'number');
  await sendCommand(client, 'model.setPolicy', { modelName: other, policy: { minTestAccuracy: 0, maxClassAccuracyGap: 1 } });
  const good = Array.from(testData.testImages.subarray(0, 784));
  await rejects(sendCommand(client, 'model.predict', { images: [good], modelName: other }), 'NOT_FOUND', /no Production version/);

  const moved = await sendCommand(client, 'model.transition', { modelName: other, version: 1, stage: 'Production', archiveExisting: true });
  assert.equal(moved.stage, 'Production');
  const p1 = await sendCommand(client, 'model.predict', { images: [good], modelName: other });
  assert.equal(p1.version, 1);

  const aliased = await sendCommand(client, 'model.setAlias', { modelName: other, alias: 'candidate', version: 1 });
  assert.deepEqual(aliased.aliases, ['candidate', 'champion']);

  await sendCommand(client, 'model.transition', { modelName: other, version: 1, stage: 'Archived', archiveExisting: false });
  await rejects(sendCommand(client, 'model.predict', { images: [good], modelName: other }), 'NOT_FOUND');
  // the alias still resolves (aliases other than champion are independent of stages)
  const p2 = await sendCommand(client, 'model.predict', { images: [good], modelName: other, alias: 'candidate' });
  assert.deepEqual(p2.probabilities, p1.probabilities);

  await rejects(sendCommand(client, 'model.transition', { modelName: other, version: 9, stage: 'Production' }), 'NOT_FOUND');
  await rejects(sendUncheckedCommand(client, 'model.transition', { modelName: other, version: 1, stage: 'Live' }), 'INVALID_INPUT');
  await rejects(sendCommand(client, 'model.register', { modelName: other, trialId: '00000000-0000-0000-0000-000000000000' }), 'NOT_FOUND');
  assert.ok(updates.some((u) => u.modelName === other && u.event === 'STAGE:Archived'));
});
