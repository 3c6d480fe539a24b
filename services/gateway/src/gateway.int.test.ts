/* GraphQL responses are untyped JSON here; the assertions are what check their shape. */
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument */
/**
 * The gateway against real Postgres and NATS: queries over seeded rows, mutations through
 * command handlers served on NATS by the test (the scheduler's part, validated with
 * @trialgrid/sweep), subscriptions with a real graphql-ws client, artifacts, /queues.
 */
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import {
  artifacts,
  createApiToken,
  createDatabase,
  experiments,
  insertExperimentWithTrials,
  insertMetrics,
  modelAliases,
  modelEvents,
  modelVersions,
  registeredModels,
  trials,
  workers,
  type Database,
} from '@trialgrid/db';
import { RETRYABLE_TRIAL_STATUSES } from '@trialgrid/contracts';
import { silentLogger } from '@trialgrid/logger';
import { publishCore, serveCommand, type Messaging } from '@trialgrid/messaging';
import { planExperiment } from '@trialgrid/sweep';
import { startNats, startPostgres, type NatsFixture, type PostgresFixture } from '@trialgrid/testing';
import { gatewayConfig } from './config.js';
import { createGateway, type Gateway } from './server.js';

interface GqlResponse<T = any> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; details?: Record<string, unknown> } }[];
}

let pg: PostgresFixture;
let nats: NatsFixture;
let db: Database;
let m: Messaging;
let gateway: Gateway;
let url: string;
let artifactDir: string;
/** An admin token: these tests are about what the API does; auth has gateway-security.int.test.ts. */
let token: string;
const auth = (): Record<string, string> => ({ authorization: `Bearer ${token}` });
const stopServing: (() => void)[] = [];
const commandLog: { name: string; input: unknown }[] = [];

async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth() },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GqlResponse<T>;
}

async function waitFor(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const PARAMS = (lr: number, epochs = 3) => ({ model_type: 'baseline', learning_rate: lr, batch_size: 128, epochs, seed: 42 });

async function seedExperiment(name: string, nTrials: number, createdAt?: Date) {
  const res = await insertExperimentWithTrials(
    db,
    { name, searchSpace: { algorithm: 'EXPLICIT' }, ...(createdAt ? { createdAt } : {}) },
    Array.from({ length: nTrials }, (_, i) => ({ index: i, name: `${name}-t${i}`, spec: { preset: 'baseline' }, params: PARAMS(0.001 * (i + 1)) })),
  );
  return res;
}

before(async () => {
  pg = await startPostgres();
  db = pg.db;
  nats = await startNats({ topology: { ackWaitMs: 5000, maxDeliver: 3 } });
  m = nats.messaging;
  ({ token } = await createApiToken(db, { name: 'gateway-test', owner: 'tester', role: 'admin', createdBy: 'test' }));
  artifactDir = await mkdtemp(join(tmpdir(), 'tg-gw-artifacts-'));
  const config = gatewayConfig({ PORT: '0', TRIALGRID_PREFIX: nats.prefix, ARTIFACT_DIR: artifactDir, COMMAND_TIMEOUT: '3s', DASHBOARD_DIR: join(artifactDir, 'no-dashboard') });
  gateway = createGateway({ db, messaging: m, logger: silentLogger(), config });
  ({ url } = await gateway.start());

  // The scheduler's side of the commands, as thin as the contract allows.
  stopServing.push(
    serveCommand(m, 'experiment.create', async (raw) => {
      commandLog.push({ name: 'experiment.create', input: raw });
      const plan = planExperiment(raw, { maxTrials: 1000 });
      const { experiment } = await insertExperimentWithTrials(
        db,
        {
          name: plan.name,
          dataset: plan.dataset,
          searchSpace: plan.searchSpace,
          maxParallelTrials: plan.maxParallelTrials,
          maxFailedTrials: plan.maxFailedTrials,
          modelName: plan.modelName,
          options: plan.options,
        },
        plan.trials.map((t) => ({ index: t.index, name: t.name, spec: t.spec, params: t.params })),
      );
      return { experimentId: experiment.id, trialCount: plan.trials.length };
    }),
    serveCommand(m, 'trial.retry', async ({ trialId }) => {
      commandLog.push({ name: 'trial.retry', input: { trialId } });
      await db.update(trials).set({ status: 'QUEUED', error: null, finishedAt: null }).where(eq(trials.id, trialId));
      return { trialId, status: 'QUEUED' };
    }),
    serveCommand(m, 'trial.stop', () => {
      throw new Error('boom: internal detail that must not leak');
    }),
  );
  await m.nc.flush();
});

after(async () => {
  for (const stop of stopServing) stop();
  await gateway?.stop();
  await nats?.close();
  await pg?.close();
  if (artifactDir) await rm(artifactDir, { recursive: true, force: true });
});

describe('queries', () => {
  test('experiments: cursor pagination, status filter, counts and progress', async () => {
    const base = Date.now() - 60_000;
    const seeded = [];
    for (let i = 0; i < 5; i++) seeded.push(await seedExperiment(`page-${i}`, 2, new Date(base + i * 1000)));
    await db.update(experiments).set({ status: 'RUNNING' }).where(eq(experiments.id, seeded[1]!.experiment.id));
    // One trial done, one halfway (2 of 3 epochs logged) -> progress (3 + 2) / 6.
    const [t0, t1] = seeded[1]!.trials;
    await db.update(trials).set({ status: 'SUCCEEDED' }).where(eq(trials.id, t0!.id));
    await db.update(trials).set({ status: 'RUNNING' }).where(eq(trials.id, t1!.id));
    await insertMetrics(db, t1!.id, t1!.experimentId, [
      { key: 'train_loss', step: 0, value: 0.5 },
      { key: 'train_loss', step: 1, value: 0.4 },
    ]);

    const q = `query($first: Int, $after: String, $status: ExperimentStatus) {
      experiments(first: $first, after: $after, status: $status) {
        totalCount pageInfo { endCursor hasNextPage }
        edges { cursor node { id name } }
        nodes { id name status progress counts { total queued running succeeded } }
      }
    }`;
    const names: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const r: GqlResponse = await gql(q, { first: 2, after });
      assert.equal(r.errors, undefined);
      const conn = r.data.experiments;
      names.push(...conn.nodes.map((n: { name: string }) => n.name));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    assert.deepEqual(
      names.filter((n) => n.startsWith('page-')),
      ['page-4', 'page-3', 'page-2', 'page-1', 'page-0'],
    );

    const running = await gql(q, { first: 10, status: 'RUNNING' });
    assert.equal(running.data.experiments.totalCount, 1);
    const node = running.data.experiments.nodes[0];
    assert.equal(node.name, 'page-1');
    assert.deepEqual(node.counts, { total: 2, queued: 0, running: 1, succeeded: 1 });
    assert.ok(Math.abs(node.progress - 5 / 6) < 1e-9, `progress ${node.progress}`);

    const bad = await gql(q, { first: 2, after: 'not-a-cursor' });
    assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });

  test('experiment trials: first/after, status filter, params and latest metrics batched', async () => {
    const { experiment, trials: rows } = await seedExperiment('trial-page', 7);
    await db.update(trials).set({ status: 'FAILED', error: 'oom' }).where(eq(trials.id, rows[2]!.id));
    for (const t of rows) await insertMetrics(db, t.id, experiment.id, [{ key: 'val_accuracy', step: 0, value: 0.9 + t.index / 100 }]);
    const p1 = await gql(`query($id: ID!) { experiment(id: $id) { trials(first: 2) { pageInfo { endCursor hasNextPage } nodes { index } } } }`, { id: experiment.id });
    assert.deepEqual(p1.data.experiment.trials.nodes, [{ index: 0 }, { index: 1 }]);
    assert.equal(p1.data.experiment.trials.pageInfo.hasNextPage, true);
    const r = await gql(
      `query($id: ID!, $after: String) { experiment(id: $id) {
        all: trials(first: 3, after: $after) { totalCount nodes { index name paramMap params { key value } latestMetrics } }
        failed: trials(status: FAILED) { totalCount nodes { index error status } }
      } }`,
      { id: experiment.id, after: p1.data.experiment.trials.pageInfo.endCursor },
    );
    assert.equal(r.errors, undefined);
    const all = r.data.experiment.all;
    assert.equal(all.totalCount, 7);
    assert.deepEqual(all.nodes.map((n: { index: number }) => n.index), [2, 3, 4]);
    assert.equal(all.nodes[0].paramMap.learning_rate, 0.003);
    assert.ok(all.nodes[0].params.some((p: { key: string; value: unknown }) => p.key === 'epochs' && p.value === 3));
    assert.ok(Math.abs(all.nodes[1].latestMetrics.val_accuracy - 0.93) < 1e-9);
    assert.deepEqual(r.data.experiment.failed, { totalCount: 1, nodes: [{ index: 2, error: 'oom', status: 'FAILED' }] });
  });

  test('experiment trials sorted and filtered on the server by a param or metric, keyset cursors; importance; keys; point times', async () => {
    const { experiment, trials: rows } = await seedExperiment('sortable', 7);
    for (const t of rows) await db.update(trials).set({ status: 'SUCCEEDED', finalMetrics: { test_accuracy: 0.9 + ((t.index * 3) % 7) / 100 } }).where(eq(trials.id, t.id));
    await insertMetrics(db, rows[0]!.id, experiment.id, [{ key: 'val_loss', step: 0, value: 0.5 }]);
    const q = `query($id: ID!, $after: String, $orderBy: TrialOrderInput, $filters: [TrialFilterInput!]) { experiment(id: $id) {
      trials(first: 3, after: $after, orderBy: $orderBy, filters: $filters) { totalCount pageInfo { endCursor hasNextPage } nodes { index finalMetrics } }
    } }`;
    const seen: number[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const r: GqlResponse<any> = await gql(q, { id: experiment.id, after, orderBy: { field: 'metric:test_accuracy', direction: 'DESC' } });
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      const page = r.data.experiment.trials;
      seen.push(...page.nodes.map((n: { finalMetrics: { test_accuracy: number } }) => n.finalMetrics.test_accuracy));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    assert.equal(seen.length, 7);
    assert.deepEqual(seen, [...seen].sort((a, b) => b - a), 'descending across three cursor pages');
    const filtered = await gql(q, { id: experiment.id, filters: [{ field: 'metric:test_accuracy', op: 'GTE', value: 0.95 }, { field: 'param:learning_rate', op: 'GT', value: 0 }] });
    assert.equal(filtered.errors, undefined, JSON.stringify(filtered.errors));
    assert.equal(filtered.data.experiment.trials.totalCount, 2);
    const bad = await gql(q, { id: experiment.id, orderBy: { field: 'metric:x; drop table trials' } });
    assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const badCursor = await gql(q, { id: experiment.id, after: 'garbage' });
    assert.equal(badCursor.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');

    const more = await gql(
      `query($id: ID!, $t: ID!) { experiment(id: $id) { trialKeys { params metrics } paramImportance { param importance groups trials } }
        trial(id: $t) { metrics { key points { step value loggedAt } } } }`,
      { id: experiment.id, t: rows[0]!.id },
    );
    assert.equal(more.errors, undefined, JSON.stringify(more.errors));
    assert.ok(more.data.experiment.trialKeys.params.includes('learning_rate'));
    assert.deepEqual(more.data.experiment.trialKeys.metrics, ['test_accuracy', 'val_loss']);
    const lr = more.data.experiment.paramImportance.find((p: { param: string }) => p.param === 'learning_rate');
    assert.ok(lr && lr.importance >= 0 && lr.importance <= 1 && lr.trials === 7, JSON.stringify(more.data.experiment.paramImportance));
    const at = Date.parse(more.data.trial.metrics[0].points[0].loggedAt);
    assert.ok(Math.abs(Date.now() - at) < 60_000, 'points carry their wall time');
  });

  test('bestTrial: ranked by the objective until the scheduler stores best_trial_id', async () => {
    const { experiment, trials: rows } = await seedExperiment('best', 3);
    const q = `query($id: ID!) { experiment(id: $id) { objective { metric direction } bestTrial { index } } }`;
    assert.equal((await gql(q, { id: experiment.id })).data.experiment.bestTrial, null, 'nothing succeeded yet');
    await db.update(trials).set({ status: 'SUCCEEDED', finalMetrics: { test_accuracy: 0.97 } }).where(eq(trials.id, rows[0]!.id));
    await db.update(trials).set({ status: 'SUCCEEDED', finalMetrics: { test_accuracy: 0.99 } }).where(eq(trials.id, rows[1]!.id));
    await db.update(trials).set({ status: 'FAILED', finalMetrics: { test_accuracy: 1 } }).where(eq(trials.id, rows[2]!.id));
    const ranked = (await gql(q, { id: experiment.id })).data.experiment;
    assert.deepEqual(ranked, { objective: { metric: 'test_accuracy', direction: 'MAXIMIZE' }, bestTrial: { index: 1 } });
    await db.update(experiments).set({ objectiveDirection: 'MINIMIZE' }).where(eq(experiments.id, experiment.id));
    assert.deepEqual((await gql(q, { id: experiment.id })).data.experiment.bestTrial, { index: 0 });
    await db.update(experiments).set({ bestTrialId: rows[1]!.id }).where(eq(experiments.id, experiment.id));
    assert.deepEqual((await gql(q, { id: experiment.id })).data.experiment.bestTrial, { index: 1 }, 'the stored choice wins');
  });

  test('trial metrics are downsampled on the server to maxPoints', async () => {
    const { experiment, trials: rows } = await seedExperiment('metrics', 1);
    const t = rows[0]!;
    await insertMetrics(
      db,
      t.id,
      experiment.id,
      Array.from({ length: 1000 }, (_, step) => ({ key: 'train_loss', step, value: 1 / (step + 1) })),
    );
    await insertMetrics(db, t.id, experiment.id, [{ key: 'val_loss', step: 0, value: 0.3 }]);
    const r = await gql(`query($id: ID!) { trial(id: $id) { metrics(maxPoints: 50) { key totalPoints points { step value } } } }`, { id: t.id });
    assert.equal(r.errors, undefined);
    const [loss, val] = r.data.trial.metrics;
    assert.equal(loss.key, 'train_loss');
    assert.equal(loss.totalPoints, 1000);
    assert.ok(loss.points.length <= 50 && loss.points.length >= 2, `${loss.points.length} points`);
    assert.equal(loss.points[0].step, 0);
    assert.equal(loss.points.at(-1).step, 999);
    assert.deepEqual(val, { key: 'val_loss', totalPoints: 1, points: [{ step: 0, value: 0.3 }] });

    const only = await gql(`query($id: ID!) { trial(id: $id) { metrics(keys: ["val_loss"]) { key } } }`, { id: t.id });
    assert.deepEqual(only.data.trial.metrics, [{ key: 'val_loss' }]);
    const tooFew = await gql(`query($id: ID!) { trial(id: $id) { metrics(maxPoints: 1) { key } } }`, { id: t.id });
    assert.equal(tooFew.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });

  test('compareTrials across experiments unions param and final metric keys', async () => {
    const a = await seedExperiment('cmp-a', 1);
    const b = await insertExperimentWithTrials(db, { name: 'cmp-b', searchSpace: {} }, [
      { index: 0, name: 'b0', spec: {}, params: { model_type: 'enhanced', filters: 64 } },
    ]);
    await db.update(trials).set({ status: 'SUCCEEDED', finalMetrics: { test_accuracy: 0.99 } }).where(eq(trials.id, a.trials[0]!.id));
    await db.update(trials).set({ status: 'SUCCEEDED', finalMetrics: { test_accuracy: 0.98, param_count: 1000 } }).where(eq(trials.id, b.trials[0]!.id));
    const ids = [b.trials[0]!.id, a.trials[0]!.id];
    const r = await gql(`query($ids: [ID!]!) { compareTrials(ids: $ids) { paramKeys metricKeys trials { id experiment { name } finalMetrics } } }`, { ids });
    assert.equal(r.errors, undefined);
    const cmp = r.data.compareTrials;
    assert.deepEqual(cmp.trials.map((t: { id: string }) => t.id), ids);
    assert.deepEqual(cmp.trials.map((t: { experiment: { name: string } }) => t.experiment.name), ['cmp-b', 'cmp-a']);
    assert.deepEqual(cmp.paramKeys, ['batch_size', 'epochs', 'filters', 'learning_rate', 'model_type', 'seed']);
    assert.deepEqual(cmp.metricKeys, ['param_count', 'test_accuracy']);

    const missing = await gql(`query($ids: [ID!]!) { compareTrials(ids: $ids) { paramKeys } }`, { ids: [ids[0], '00000000-0000-4000-8000-000000000000'] });
    assert.equal(missing.errors?.[0]?.extensions?.code, 'NOT_FOUND');
  });

  test('registered models with versions, aliases, production and history', async () => {
    const { experiment, trials: rows } = await seedExperiment('reg', 2);
    const [model] = await db.insert(registeredModels).values({ name: 'Mnist_Test_Model', description: 'test' }).returning();
    const [v1, v2] = await db
      .insert(modelVersions)
      .values([
        { modelId: model!.id, version: 1, trialId: rows[0]!.id, experimentId: experiment.id, artifactPath: 'a/1', stage: 'Archived', metrics: { test_accuracy: 0.98 } },
        { modelId: model!.id, version: 2, trialId: rows[1]!.id, experimentId: experiment.id, artifactPath: 'a/2', stage: 'Production', tags: { stage: 'production' } },
      ])
      .returning();
    await db.insert(modelAliases).values({ modelId: model!.id, alias: 'champion', versionId: v2!.id });
    await db.insert(modelEvents).values([
      { modelId: model!.id, versionId: v1!.id, kind: 'REGISTERED' },
      { modelId: model!.id, versionId: v1!.id, kind: 'STAGE', fromValue: 'None', toValue: 'Production' },
      { modelId: model!.id, versionId: v2!.id, kind: 'REGISTERED' },
      { modelId: model!.id, versionId: v1!.id, kind: 'STAGE', fromValue: 'Production', toValue: 'Archived', reason: 'superseded' },
      { modelId: model!.id, versionId: v2!.id, kind: 'STAGE', fromValue: 'None', toValue: 'Production' },
      { modelId: model!.id, versionId: v2!.id, kind: 'ALIAS_SET', alias: 'champion', toValue: '2' },
    ]);
    const r = await gql(`{
      registeredModels { name }
      registeredModel(name: "Mnist_Test_Model") {
        name description aliases
        versions { version stage aliases tags metrics trial { name } experiment { name } }
        latestVersion { version } production { version modelName }
        history { kind version alias fromValue toValue reason actor }
      }
      modelVersion(modelName: "Mnist_Test_Model", version: 1) { version stage aliases }
    }`);
    assert.equal(r.errors, undefined);
    assert.ok(r.data.registeredModels.some((x: { name: string }) => x.name === 'Mnist_Test_Model'));
    const rm = r.data.registeredModel;
    assert.deepEqual(rm.aliases, { champion: 2 });
    assert.deepEqual(rm.versions.map((v: { version: number; stage: string }) => [v.version, v.stage]), [[1, 'Archived'], [2, 'Production']]);
    assert.deepEqual(rm.versions[1].aliases, ['champion']);
    assert.equal(rm.versions[1].trial.name, 'reg-t1');
    assert.equal(rm.versions[1].experiment.name, 'reg');
    assert.deepEqual(rm.latestVersion, { version: 2 });
    assert.deepEqual(rm.production, { version: 2, modelName: 'Mnist_Test_Model' });
    assert.deepEqual(rm.history.map((h: { kind: string; version: number }) => `${h.kind}:${h.version}`), [
      'REGISTERED:1',
      'STAGE:1',
      'REGISTERED:2',
      'STAGE:1',
      'STAGE:2',
      'ALIAS_SET:2',
    ]);
    assert.equal(rm.history[3].reason, 'superseded');
    assert.deepEqual(r.data.modelVersion, { version: 1, stage: 'Archived', aliases: [] });
  });

  test('workers: alive flag from the heartbeat age; dead ones only with includeDead', async () => {
    const { trials: rows } = await seedExperiment('workers', 1);
    await db.insert(workers).values([
      { id: 'w-alive', hostname: 'h1', pid: 1, backend: 'cpu', status: 'BUSY', currentTrialId: rows[0]!.id },
      { id: 'w-dead', hostname: 'h2', pid: 2, backend: 'cpu', status: 'IDLE', lastHeartbeatAt: new Date(Date.now() - 10 * 60_000) },
    ]);
    await db.update(trials).set({ workerId: 'w-alive', status: 'RUNNING' }).where(eq(trials.id, rows[0]!.id));
    const r = await gql(`{
      live: workers { id alive busy currentTrial { name worker { id } } }
      all: workers(includeDead: true) { id alive busy }
    }`);
    assert.equal(r.errors, undefined);
    assert.deepEqual(r.data.live, [{ id: 'w-alive', alive: true, busy: true, currentTrial: { name: 'workers-t0', worker: { id: 'w-alive' } } }]);
    assert.deepEqual(
      [...r.data.all].sort((x: { id: string }, y: { id: string }) => x.id.localeCompare(y.id)),
      [
        { id: 'w-alive', alive: true, busy: true },
        { id: 'w-dead', alive: false, busy: false },
      ],
    );
  });

  test('unknown ids are null; malformed ids too (never a Postgres error)', async () => {
    const r = await gql(`{ experiment(id: "00000000-0000-4000-8000-000000000000") { id } trial(id: "nope") { id } }`);
    assert.equal(r.errors, undefined);
    assert.deepEqual(r.data, { experiment: null, trial: null });
  });
});

describe('mutations', () => {
  const create = `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id name status counts { total queued } trials { totalCount nodes { name paramMap } } } }`;

  async function experimentCount(): Promise<number> {
    return (await db.select({ id: experiments.id }).from(experiments)).length;
  }

  test('createExperiment goes through experiment.create and returns the stored experiment', async () => {
    const r = await gql(create, {
      input: { name: 'grid', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'learningRate', values: [0.001, 0.01] }] }, epochs: 1 },
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const exp = r.data.createExperiment;
    assert.equal(exp.name, 'grid');
    assert.equal(exp.status, 'PENDING');
    assert.deepEqual(exp.counts, { total: 2, queued: 2 });
    assert.deepEqual(exp.trials.nodes.map((t: { paramMap: { learning_rate: number } }) => t.paramMap.learning_rate).sort(), [0.001, 0.01]);
    const sent = commandLog.filter((c) => c.name === 'experiment.create').at(-1)?.input as Record<string, unknown>;
    assert.equal(sent['name'], 'grid');
    assert.equal(sent['maxParallelTrials'], 2, 'schema defaults travel with the input');
  });

  test('a grid larger than MAX_GRID_TRIALS is BAD_USER_INPUT before any command, nothing written', async () => {
    const before = await experimentCount();
    const sentBefore = commandLog.length;
    const values = Array.from({ length: 40 }, (_, i) => 16 + i);
    const r = await gql(create, {
      input: {
        name: 'huge',
        searchSpace: {
          algorithm: 'GRID',
          parameters: [
            { name: 'filters', values },
            { name: 'hiddenUnits', values },
          ],
        },
      },
    });
    assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(r.errors?.[0]?.message ?? '', /1600 trials exceeds the limit of 1000/);
    assert.equal(commandLog.length, sentBefore, 'no command sent');
    assert.equal(await experimentCount(), before);
  });

  test('a negative learning rate is BAD_USER_INPUT, nothing written', async () => {
    const before = await experimentCount();
    const r = await gql(create, { input: { name: 'neg', searchSpace: { algorithm: 'EXPLICIT', trials: [{ learningRate: -0.1 }] } } });
    assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(await experimentCount(), before);
  });

  test("the gateway applies the scheduler's own rules (libs/sweep): BAD_USER_INPUT naming the field, no command, nothing written", async () => {
    const before = await experimentCount();
    const sentBefore = commandLog.length;
    const r = await gql(create, {
      input: { name: 'bad-param', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'no_such_param', values: [1, 2] }] } },
    });
    assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(r.errors));
    assert.equal(r.errors?.[0]?.extensions?.details?.['field'], 'searchSpace.parameters.0.name');
    assert.equal(commandLog.length, sentBefore, 'no command sent');
    assert.equal(await experimentCount(), before);
  });

  test('GraphQL validation errors keep their codes', async () => {
    const r = await gql(`mutation { createExperiment(input: { name: 1 }) { id } }`);
    assert.equal(r.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
  });

  test('an internal failure behind a command is hidden as INTERNAL_SERVER_ERROR', async () => {
    const { trials: rows } = await seedExperiment('stop', 1);
    const r = await gql(`mutation($id: ID!) { stopTrial(id: $id) { id } }`, { id: rows[0]!.id });
    assert.equal(r.errors?.[0]?.extensions?.code, 'INTERNAL_SERVER_ERROR');
    assert.doesNotMatch(JSON.stringify(r.errors), /boom|internal detail/);
  });

  test('a command nobody serves is SERVICE_UNAVAILABLE', async () => {
    const r = await gql(`mutation($id: ID!) { cancelExperiment(id: $id) { id } }`, { id: '00000000-0000-4000-8000-000000000000' });
    assert.equal(r.errors?.[0]?.extensions?.code, 'SERVICE_UNAVAILABLE');
  });
});

describe('subscriptions', () => {
  let client: Client;
  before(() => {
    client = createClient({ url: `${url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: () => ({ authorization: `Bearer ${token}` }) });
  });
  after(async () => {
    await client.dispose();
  });

  test('metricLogged delivers a published batch within 1 s, and unsubscribes from NATS on completion', async () => {
    const { experiment, trials: rows } = await seedExperiment('sub', 2);
    const [t0, t1] = rows;
    const received: { batch: any[]; at: number }[] = [];
    const errors: unknown[] = [];
    const open = gateway.pubsub.openSubscriptions;
    const unsubscribe = client.subscribe(
      { query: `subscription($t: ID) { metricLogged(trialId: $t) { trialId experimentId key step value loggedAt } }`, variables: { t: t0!.id } },
      { next: (v) => received.push({ batch: (v.data as any).metricLogged, at: Date.now() }), error: (e) => errors.push(e), complete: () => undefined },
    );
    await waitFor(() => gateway.pubsub.openSubscriptions === open + 1);
    await m.nc.flush();

    const loggedAt = new Date().toISOString();
    // Another trial's metrics must not reach this subscriber.
    publishCore(m, m.subjects.updatesMetric(experiment.id, t1!.id), 'metric.update', { experimentId: experiment.id, trialId: t1!.id, points: [{ key: 'train_loss', step: 0, value: 9 }], loggedAt });
    const sentAt = Date.now();
    publishCore(m, m.subjects.updatesMetric(experiment.id, t0!.id), 'metric.update', {
      experimentId: experiment.id,
      trialId: t0!.id,
      points: [
        { key: 'train_loss', step: 0, value: 0.5 },
        { key: 'val_accuracy', step: 0, value: 0.9 },
      ],
      loggedAt,
    });
    await waitFor(() => received.length >= 1, 1000);
    const latency = received[0]!.at - sentAt;
    assert.ok(latency < 1000, `latency ${latency} ms`);
    assert.deepEqual(received[0]!.batch, [
      { trialId: t0!.id, experimentId: experiment.id, key: 'train_loss', step: 0, value: 0.5, loggedAt },
      { trialId: t0!.id, experimentId: experiment.id, key: 'val_accuracy', step: 0, value: 0.9, loggedAt },
    ]);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(received.length, 1, 'the other trial was filtered out');
    assert.deepEqual(errors, []);

    unsubscribe();
    await waitFor(() => gateway.pubsub.openSubscriptions === open);
  });

  test('experimentUpdated re-reads the row; a dropped connection releases its NATS subscription', async () => {
    const { experiment } = await seedExperiment('sub-exp', 1);
    const own = createClient({ url: `${url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams: () => ({ authorization: `Bearer ${token}` }) });
    const received: any[] = [];
    own.subscribe(
      { query: `subscription($id: ID) { experimentUpdated(id: $id) { id status counts { total } } }`, variables: { id: experiment.id } },
      { next: (v) => received.push((v.data as any).experimentUpdated), error: () => undefined, complete: () => undefined },
    );
    const open = gateway.pubsub.openSubscriptions;
    await waitFor(() => gateway.pubsub.openSubscriptions === open + 1 || gateway.pubsub.openSubscriptions > open);
    await m.nc.flush();
    await db.update(experiments).set({ status: 'RUNNING' }).where(eq(experiments.id, experiment.id));
    // The notification carries a stale status on purpose: subscribers get what Postgres holds.
    publishCore(m, m.subjects.updatesExperiment(experiment.id), 'experiment.update', { experimentId: experiment.id, status: 'PENDING' });
    await waitFor(() => received.length === 1, 1000);
    assert.deepEqual(received[0], { id: experiment.id, status: 'RUNNING', counts: { total: 1 } });

    const before = gateway.pubsub.openSubscriptions;
    await own.dispose(); // closes the socket without completing the operation first
    await waitFor(() => gateway.pubsub.openSubscriptions === before - 1);
  });

  test('trialUpdated filters by experiment and serves the stored trial with fresh nested fields', async () => {
    const a = await seedExperiment('sub-trial-a', 1);
    const b = await seedExperiment('sub-trial-b', 1);
    const received: any[] = [];
    const open = gateway.pubsub.openSubscriptions;
    const unsubscribe = client.subscribe(
      { query: `subscription($e: ID) { trialUpdated(experimentId: $e) { id status currentEpoch latestMetrics } }`, variables: { e: a.experiment.id } },
      { next: (v) => received.push((v.data as any).trialUpdated), error: () => undefined, complete: () => undefined },
    );
    await waitFor(() => gateway.pubsub.openSubscriptions === open + 1);
    await m.nc.flush();
    const ta = a.trials[0]!;
    const tb = b.trials[0]!;
    publishCore(m, m.subjects.updatesTrial(b.experiment.id, tb.id), 'trial.update', { experimentId: b.experiment.id, trialId: tb.id, status: 'RUNNING' });
    await db.update(trials).set({ status: 'RUNNING', currentEpoch: 0 }).where(eq(trials.id, ta.id));
    await insertMetrics(db, ta.id, a.experiment.id, [{ key: 'val_loss', step: 0, value: 0.7 }]);
    publishCore(m, m.subjects.updatesTrial(a.experiment.id, ta.id), 'trial.update', { experimentId: a.experiment.id, trialId: ta.id, status: 'RUNNING' });
    await waitFor(() => received.length === 1, 1000);
    await db.update(trials).set({ currentEpoch: 1 }).where(eq(trials.id, ta.id));
    await insertMetrics(db, ta.id, a.experiment.id, [{ key: 'val_loss', step: 1, value: 0.4 }]);
    publishCore(m, m.subjects.updatesTrial(a.experiment.id, ta.id), 'trial.update', { experimentId: a.experiment.id, trialId: ta.id, status: 'RUNNING' });
    await waitFor(() => received.length === 2, 1000);
    assert.deepEqual(received, [
      { id: ta.id, status: 'RUNNING', currentEpoch: 0, latestMetrics: { val_loss: 0.7 } },
      { id: ta.id, status: 'RUNNING', currentEpoch: 1, latestMetrics: { val_loss: 0.4 } },
    ]);
    unsubscribe();
    await waitFor(() => gateway.pubsub.openSubscriptions === open);
  });

  test('metricLogged without experimentId or trialId is BAD_USER_INPUT', async () => {
    const errs: any[] = [];
    await new Promise<void>((resolve) => {
      client.subscribe(
        { query: `subscription { metricLogged { key } }` },
        { next: (v) => errs.push(...(v.errors ?? [])), error: (e) => (errs.push(e), resolve()), complete: () => resolve() },
      );
    });
    assert.equal(errs[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(errs));
  });
});

describe('http', () => {
  test('healthz and readyz', async () => {
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
    const ready = await fetch(`${url}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(((await ready.json()) as { checks: unknown }).checks, { postgres: 'ok', nats: 'ok' });
  });

  test('artifacts download; paths escaping ARTIFACT_DIR are refused', async () => {
    const { trials: rows } = await seedExperiment('art', 1);
    const t = rows[0]!;
    await mkdir(join(artifactDir, 'trials', t.id, 'model'), { recursive: true });
    await writeFile(join(artifactDir, 'trials', t.id, 'confusion_matrix.json'), '{"ok":true}');
    await writeFile(join(artifactDir, 'trials', t.id, 'model', 'model.json'), '{"format":"layers-model"}');
    const secret = join(artifactDir, '..', `tg-secret-${t.id}.txt`);
    await writeFile(secret, 'TOP SECRET');
    try {
      const [file, dir, evil] = await db
        .insert(artifacts)
        .values([
          { trialId: t.id, name: 'confusion_matrix.json', kind: 'json', path: `trials/${t.id}/confusion_matrix.json`, sizeBytes: 11 },
          { trialId: t.id, name: 'model', kind: 'model', path: `trials/${t.id}/model`, sizeBytes: 0 },
          { trialId: t.id, name: 'evil', kind: 'json', path: `../tg-secret-${t.id}.txt`, sizeBytes: 10 },
        ])
        .returning();
      const q = await gql(`query($id: ID!) { trial(id: $id) { artifacts { name url } } }`, { id: t.id });
      const urls = Object.fromEntries(q.data.trial.artifacts.map((a: { name: string; url: string }) => [a.name, a.url]));
      assert.equal(urls['confusion_matrix.json'], `/artifacts/${file!.id}`);

      const ok = await fetch(`${url}${urls['confusion_matrix.json']}`, { headers: auth() });
      assert.equal(ok.status, 200);
      assert.equal(await ok.text(), '{"ok":true}');

      const listing = await fetch(`${url}/artifacts/${dir!.id}`, { headers: auth() });
      assert.deepEqual(((await listing.json()) as { files: string[] }).files, [`/artifacts/${dir!.id}/model.json`]);
      const inner = await fetch(`${url}/artifacts/${dir!.id}/model.json`, { headers: auth() });
      assert.equal(await inner.text(), '{"format":"layers-model"}');

      for (const path of [`/artifacts/${evil!.id}`, `/artifacts/${dir!.id}/..%2F..%2F..%2F..%2Ftg-secret-${t.id}.txt`, `/artifacts/${dir!.id}/%2E%2E/%2E%2E/%2E%2E/%2E%2E/tg-secret-${t.id}.txt`]) {
        const res = await fetch(`${url}${path}`, { headers: auth() });
        assert.equal(res.status, 404, path);
        assert.doesNotMatch(await res.text(), /TOP SECRET/);
      }
      assert.equal((await fetch(`${url}/artifacts/not-a-uuid`, { headers: auth() })).status, 404);
    } finally {
      await rm(secret, { force: true });
    }
  });

  test('/queues: the board answers, its API lists trials by status with counts, retry sends trial.retry', async () => {
    const page = await fetch(`${url}/queues`, { headers: auth() });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<html/i);

    const counts = await db.select({ status: trials.status }).from(trials);
    const n = (s: string[]) => counts.filter((c) => s.includes(c.status)).length;
    const queue = m.streams.trials;
    const res = await fetch(`${url}/queues/api/queues?activeQueue=${encodeURIComponent(queue)}&status=failed&page=1&jobsPerPage=50`, { headers: auth() });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { queues: any[] };
    const q = body.queues.find((x) => x.name === queue);
    assert.ok(q, 'queue listed');
    assert.equal(q.counts.waiting, n(['QUEUED']));
    assert.equal(q.counts.active, n(['RUNNING']));
    assert.equal(q.counts.completed, n(['SUCCEEDED']));
    assert.equal(q.counts.failed, n(['FAILED', 'STOPPED', 'CANCELLED']));
    assert.ok(q.counts.failed >= 1);
    assert.equal(q.jobs.length, q.counts.failed);
    const failedJob = q.jobs.find((j: any) => j.failedReason === 'oom');
    assert.ok(failedJob, 'the FAILED trial is a failed job with its reason');
    assert.equal(failedJob.data.params.learning_rate, 0.003);

    const retried = commandLog.length;
    const retry = await fetch(`${url}/queues/api/queues/${encodeURIComponent(queue)}/${failedJob.id}/retry`, { method: 'PUT', headers: auth() });
    assert.equal(retry.status, 204, await retry.text());
    assert.deepEqual(commandLog.slice(retried), [{ name: 'trial.retry', input: { trialId: failedJob.id } }]);
    const [row] = await db.select().from(trials).where(eq(trials.id, failedJob.id));
    assert.equal(row!.status, 'QUEUED');

    // Removing a trial is not something the queue can do: a 409 with the reason, nothing changed.
    const clean = await fetch(`${url}/queues/api/queues/${encodeURIComponent(queue)}/${failedJob.id}/clean`, { method: 'PUT', headers: auth() });
    assert.equal(clean.status, 409);
    assert.match(((await clean.json()) as { message: string }).message, /not supported on the trial queue/);

    const job = await fetch(`${url}/queues/api/queues/${encodeURIComponent(queue)}/${failedJob.id}`, { headers: auth() });
    assert.equal(((await job.json()) as { status: string }).status, 'waiting');

    // A job id that is not valid percent-encoded UTF-8 (a lone surrogate) is the client's mistake: 400, not 500.
    for (const bad of ['%ED%A0%80', '%E0%A4%A', '%FF']) {
      const res = await fetch(`${url}/queues/api/queues/${encodeURIComponent(queue)}/${bad}/retry`, { method: 'PUT', headers: auth() });
      assert.equal(res.status, 400, `${bad}: ${await res.clone().text()}`);
      assert.match(((await res.json()) as { message: string }).message, /malformed URL/);
    }
  });

  test('/queues "retry all" is all or nothing: one trial of a CANCELLED experiment refuses the whole batch (409 naming it), none is retried', async () => {
    const queue = encodeURIComponent(m.streams.trials);
    const retryAll = (status: string) => fetch(`${url}/queues/api/queues/${queue}/retry/${status}`, { method: 'PUT', headers: auth() });
    const failedNow = async () =>
      (await db.select({ id: trials.id, status: trials.status }).from(trials).orderBy(trials.id)).filter((t) => RETRYABLE_TRIAL_STATUSES.includes(t.status));
    const live = await insertExperimentWithTrials(db, { name: 'retry-all-live', searchSpace: {}, status: 'FAILED' }, [
      { index: 0, name: 'l0', spec: {}, params: {}, status: 'FAILED' },
      { index: 1, name: 'l1', spec: {}, params: {}, status: 'STOPPED' },
    ]);
    const cancelled = await insertExperimentWithTrials(db, { name: 'retry-all-cancelled', searchSpace: {}, status: 'CANCELLED' }, [
      { index: 0, name: 'c0', spec: {}, params: {}, status: 'CANCELLED' },
    ]);
    const before = await failedNow();
    const sent = commandLog.length;
    // Before: bull-board retried the failed jobs one by one (re-queueing the others) and then answered 409.
    const refused = await retryAll('failed');
    assert.equal(refused.status, 409);
    const body = (await refused.json()) as { message: string; details: { refused: { trialId: string }[]; refusedCount: number } };
    assert.match(body.message, /retried none/);
    assert.match(body.message, /retry-all-cancelled \/ c0: .*CANCELLED experiment/);
    assert.deepEqual(body.details.refused.map((r) => r.trialId), [cancelled.trials[0]!.id]);
    assert.equal(commandLog.length, sent, 'no trial.retry sent');
    assert.deepEqual(await failedNow(), before, 'nothing re-queued');
    // Only failed (and completed) jobs can be retried at all, as bull-board says.
    assert.equal((await retryAll('waiting')).status, 400);

    // With the cancelled experiment's trial out of the way, every failed trial is retried.
    await db.update(trials).set({ status: 'SUCCEEDED' }).where(eq(trials.id, cancelled.trials[0]!.id));
    const ok = await retryAll('failed');
    assert.equal(ok.status, 200, await ok.clone().text());
    const expected = before.filter((t) => t.id !== cancelled.trials[0]!.id).map((t) => t.id);
    assert.deepEqual(await ok.json(), { retried: expected.length, skipped: 0 });
    assert.deepEqual(commandLog.slice(sent).map((c) => (c.input as { trialId: string }).trialId).sort(), [...expected].sort());
    assert.ok(expected.includes(live.trials[0]!.id) && expected.includes(live.trials[1]!.id));
    assert.deepEqual(await failedNow(), []);
  });
});

describe('batching and the dashboard', () => {
  test('an experiment page of 1,000 trials with params, latest metrics and workers is a few queries', async () => {
    const { experiment, trials: rows } = await seedExperiment('big', 1000);
    await db.insert(workers).values({ id: 'w-big', hostname: 'h', pid: 3, backend: 'cpu' }).onConflictDoNothing();
    await db.update(trials).set({ workerId: 'w-big' }).where(eq(trials.experimentId, experiment.id));
    for (let i = 0; i < rows.length; i += 250) {
      await Promise.all(rows.slice(i, i + 250).map((t) => insertMetrics(db, t.id, experiment.id, [{ key: 'val_accuracy', step: 0, value: 0.5 }])));
    }

    // A second gateway on a pool that counts the statements it runs.
    const counted = createDatabase({ url: pg.url, max: 4 });
    let queries = 0;
    const original = counted.pool.query.bind(counted.pool) as (...a: unknown[]) => unknown;
    (counted.pool as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => {
      queries++;
      return original(...a);
    };
    const dashboardDir = join(artifactDir, 'dashboard');
    await mkdir(join(dashboardDir, 'assets'), { recursive: true });
    await writeFile(join(dashboardDir, 'index.html'), '<!doctype html><html><body>trialgrid dashboard</body></html>');
    await writeFile(join(dashboardDir, 'assets', 'app.js'), 'console.log(1)');
    const config = gatewayConfig({ PORT: '0', TRIALGRID_PREFIX: nats.prefix, ARTIFACT_DIR: artifactDir, DASHBOARD_DIR: dashboardDir });
    const second = createGateway({ db: counted.db, messaging: m, logger: silentLogger(), config });
    const { url: url2 } = await second.start();
    try {
      const started = Date.now();
      const res = await fetch(`${url2}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth() },
        body: JSON.stringify({
          query: `query($id: ID!) { experiment(id: $id) { counts { total } progress trials(first: 1000) { totalCount nodes { id params { key value } paramMap latestMetrics worker { id } experiment { name } } } } }`,
          variables: { id: experiment.id },
        }),
      });
      const body = (await res.json()) as GqlResponse;
      const ms = Date.now() - started;
      assert.equal(body.errors, undefined);
      const nodes = body.data.experiment.trials.nodes;
      assert.equal(nodes.length, 1000);
      assert.ok(nodes.every((n: any) => n.latestMetrics.val_accuracy === 0.5 && n.paramMap.epochs === 3 && n.worker.id === 'w-big' && n.experiment.name === 'big'));
      // experiment, counts, progress, trials page + total, params, latest metrics, worker (experiment is primed),
      // and this new gateway's first look-up of the token (+ its last-used time).
      const firstQueries = queries;
      assert.ok(firstQueries <= 10, `${firstQueries} queries`);
      const warmStart = Date.now();
      await fetch(`${url2}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth() },
        body: JSON.stringify({ query: `query($id: ID!) { experiment(id: $id) { trials(first: 1000) { nodes { id params { key value } paramMap latestMetrics worker { id } } } } }`, variables: { id: experiment.id } }),
      }).then((r) => r.json());
      console.log(`# 1000-trial page: ${firstQueries} SQL statements, first request ${ms} ms, second ${Date.now() - warmStart} ms`);

      // Dashboard: static files, SPA fallback for client routes, server routes untouched.
      assert.match(await (await fetch(`${url2}/`)).text(), /trialgrid dashboard/);
      assert.equal(await (await fetch(`${url2}/assets/app.js`)).text(), 'console.log(1)');
      const deep = await fetch(`${url2}/experiments/123`, { headers: { accept: 'text/html' } });
      assert.equal(deep.status, 200);
      assert.match(await deep.text(), /trialgrid dashboard/);
      assert.equal((await fetch(`${url2}/healthz`)).status, 200);
      assert.equal((await fetch(`${url2}/assets/missing.js`, { headers: { accept: 'application/javascript' } })).status, 404);
    } finally {
      await second.stop();
      await counted.close();
    }
  });
});

// Issue 11: the failing inputs, as a kind each, at the gateway (real Postgres and NATS).
describe('issue 11: bad input of every kind is BAD_USER_INPUT (or null), never an internal error', () => {
  const create = `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }`;

  async function experimentCount(): Promise<number> {
    return (await db.select({ id: experiments.id }).from(experiments)).length;
  }

  function assertBadInput(r: GqlResponse, field?: string | RegExp): void {
    assert.ok(r.errors && r.errors.length > 0, `expected an error, got ${JSON.stringify(r.data)}`);
    assert.equal(r.errors[0]!.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(r.errors));
    const got = r.errors[0]!.extensions?.details?.['field'];
    if (typeof field === 'string') assert.equal(got, field, JSON.stringify(r.errors));
    else if (field) assert.match(String(got), field, JSON.stringify(r.errors));
  }

  test('case 1: a float literal that overflows (1e999) is refused, as a literal or a variable, anywhere', async () => {
    const before = await experimentCount();
    const sentBefore = commandLog.length;
    const literal = await gql(
      `mutation { createExperiment(input: { name: "inf", searchSpace: { algorithm: EXPLICIT, trials: [{ learningRate: 1e999 }] } }) { id } }`,
    );
    assertBadInput(literal, 'input.searchSpace.trials.learningRate');
    assert.match(literal.errors![0]!.message, /1e999 is not a finite number/);
    // Other kinds of the same: a huge Int literal in a Float position, a negative overflow, other fields.
    assertBadInput(await gql(`mutation { createExperiment(input: { name: "x", searchSpace: { algorithm: EXPLICIT, trials: [{ convDropout: -1e400 }] } }) { id } }`));
    assertBadInput(await gql(`mutation { createExperiment(input: { name: "x", searchSpace: { algorithm: EXPLICIT, trials: [{ learningRate: ${'9'.repeat(400)} }] } }) { id } }`));
    assertBadInput(await gql(`{ predict(images: [[1e999]]) { classes } }`), 'images');
    // The variable form: JSON text `1e999` parses to Infinity, refused too.
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth() },
      body: `{"query": ${JSON.stringify(create)}, "variables": {"input": {"name": "inf", "searchSpace": {"algorithm": "EXPLICIT", "trials": [{"learningRate": 1e999}]}}}}`,
    });
    const variable = (await res.json()) as GqlResponse;
    assert.equal(variable.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(variable.errors));
    assert.equal(commandLog.length, sentBefore, 'no command sent');
    assert.equal(await experimentCount(), before);
  });

  test('case 2: what the trainer or the registry would refuse is refused at creation, naming the field', async () => {
    const before = await experimentCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'b', searchSpace: { algorithm: 'EXPLICIT', trials: [{ batchSize: 10000 }] } }, 'searchSpace.trials.0.batchSize'],
      [{ name: 'b', searchSpace: { algorithm: 'EXPLICIT', trials: [{ learningRate: 50 }] } }, 'searchSpace.trials.0.learningRate'],
      [{ name: 'b', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'batch_size', values: [64, 9000] }] } }, 'searchSpace.parameters.0.values.1'],
      [{ name: 'b', searchSpace: { algorithm: 'EXPLICIT', trials: [{ validationSplit: 0.5 }] }, trainLimit: 1 }, 'searchSpace.trials.0.validationSplit'],
      [{ name: 'b', searchSpace: { algorithm: 'EXPLICIT', trials: [{ filters: 1024, hiddenUnits: 8192 }] } }, 'searchSpace.trials.0.hiddenUnits'],
      [{ name: 'b', preset: 'DOCUMENTED_RUNS', modelName: 'm'.repeat(300) }, 'modelName'],
      // The model language (issue 15): a shape error names the template layer; an undeclared $param, a bad option value.
      [{ name: 'b', searchSpace: { algorithm: 'EXPLICIT', trials: [{ model: { layers: [{ type: 'conv2d', filters: 8, kernelSize: 3, activation: 'relu' }, { type: 'dense', units: 8, activation: 'relu' }] } }] } }, 'searchSpace.trials.0.model.layers.1'],
      [{ name: 'b', searchSpace: { algorithm: 'GRID', base: { model: { params: { n: 2 }, layers: [{ repeat: '$n', layers: [{ type: 'maxPooling2d', poolSize: 2 }] }, { type: 'flatten' }] } }, parameters: [{ name: 'model.n', values: [2, 5] }] } }, 'searchSpace.parameters.model.layers.0.layers.0'],
      [{ name: 'b', searchSpace: { algorithm: 'EXPLICIT', trials: [{ model: { layers: [{ type: 'dense', units: '$u', activation: 'relu' }] } }] } }, 'searchSpace.trials.0.model.layers.0.units'],
      [{ name: 'b', searchSpace: { algorithm: 'EXPLICIT', trials: [{ optimizer: 'rmsprop' }] } }, 'searchSpace.trials.0.optimizer'],
    ];
    for (const [input, field] of cases) assertBadInput(await gql(create, { input }), field);
    assert.equal(await experimentCount(), before);
  });

  test('case 3: NUL (U+0000) in any text input, lookups included, is BAD_USER_INPUT or null', async () => {
    const before = await experimentCount();
    assertBadInput(await gql(create, { input: { name: 'a\u0000b', preset: 'DOCUMENTED_RUNS' } }), '$input.name');
    assertBadInput(await gql(`mutation { createExperiment(input: { name: "a\\u0000b", preset: DOCUMENTED_RUNS }) { id } }`), 'input.name');
    const lookups = [
      `{ experiment(id: "a\\u0000") { id } }`,
      `{ trial(id: "a\\u0000") { id } }`,
      `{ registeredModel(name: "a\\u0000") { name } }`,
      `{ registeredModels(search: "a\\u0000") { name } }`,
      `{ modelVersion(modelName: "a\\u0000", version: 1) { id } }`,
      `{ compareTrials(ids: ["a\\u0000"]) { trials { id } } }`,
      `mutation { cancelExperiment(id: "a\\u0000") { id } }`,
      `mutation { setModelAlias(modelName: "m\\u0000", alias: "x", version: 1) { id } }`,
    ];
    for (const q of lookups) {
      const r = await gql(q);
      const code = r.errors?.[0]?.extensions?.code;
      assert.notEqual(code, 'INTERNAL_SERVER_ERROR', `${q}: ${JSON.stringify(r.errors)}`);
      assert.ok(code === 'BAD_USER_INPUT' || (r.errors === undefined && Object.values(r.data ?? {}).every((v) => v === null)), `${q}: ${JSON.stringify(r)}`);
    }
    // The same through variables, and a lone surrogate (no UTF-8 form) too.
    assertBadInput(await gql(`query($id: ID!) { experiment(id: $id) { id } }`, { id: 'x\u0000' }), '$id');
    assertBadInput(await gql(`query($n: String!) { registeredModel(name: $n) { name } }`, { n: 'x\uD800' }), '$n');
    assert.equal(await experimentCount(), before);
  });

  test('case 4: unknown parameter names are BAD_USER_INPUT whatever they are (__proto__, constructor, ...)', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype']) {
      assertBadInput(
        await gql(create, { input: { name: 'p', searchSpace: { algorithm: 'GRID', parameters: [{ name, values: [1, 2] }] } } }),
        'searchSpace.parameters.0.name',
      );
      assertBadInput(
        await gql(create, { input: { name: 'p', searchSpace: { algorithm: 'RANDOM', trialCount: 2, parameters: [{ name, min: 1, max: 2 }] } } }),
        'searchSpace.parameters.0.name',
      );
    }
  });

  test('case 4 kind: a "__proto__" key in a model template\'s params or in modelParams is BAD_USER_INPUT naming it, not dropped', async () => {
    const sentBefore = commandLog.length;
    const model = { params: { width: 16 }, layers: [{ type: 'flatten' }, { type: 'dense', units: '$width', activation: 'relu' }] };
    const point = (p: Record<string, unknown>) => ({ input: { name: 'proto', searchSpace: { algorithm: 'EXPLICIT', trials: [p] } } });
    // JSON variables keep "__proto__" as an own key; the record rule used to drop it and train the defaults.
    assertBadInput(await gql(create, point({ model, modelParams: JSON.parse('{"width": 8, "__proto__": 32}') as unknown })), 'searchSpace.trials.0.modelParams.__proto__');
    assertBadInput(await gql(create, point({ model: { ...model, params: JSON.parse('{"width": 16, "__proto__": {"width": 4}}') as unknown } })), 'searchSpace.trials.0.model.params.__proto__');
    assertBadInput(await gql(create, point({ model, modelParams: { constructor: 1 } })), 'searchSpace.trials.0.modelParams.constructor');
    assert.equal(commandLog.length, sentBefore, 'no command sent');
  });

  test('case 3/4 kind: variables that do not fit their declared types are BAD_USER_INPUT (HTTP 400), never INTERNAL_SERVER_ERROR', async () => {
    const before = await experimentCount();
    const sentBefore = commandLog.length;
    const post = async (query: string, variables: string) => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth() },
        body: `{"query": ${JSON.stringify(query)}, "variables": ${variables}}`,
      });
      return { status: res.status, body: (await res.json()) as GqlResponse };
    };
    const cases: [string, string, string, RegExp][] = [
      // An input object with a field its type does not have, whatever its name (JSON.parse makes `__proto__` an own key).
      [create, '{"input": {"name": "v", "__proto__": {"x": 1}, "preset": "DOCUMENTED_RUNS"}}', '$input', /Field "__proto__" is not defined/],
      [create, '{"input": {"name": "v", "constructor": 1, "preset": "DOCUMENTED_RUNS"}}', '$input', /Field "constructor" is not defined/],
      [create, '{"input": {"name": "v", "searchSpace": {"algorithm": "EXPLICIT", "trials": [{"lr": 0.1}]}}}', '$input', /Field "lr" is not defined/],
      // Wrong types, a missing required field or variable, an unknown enum value.
      [create, '{"input": {"name": "v", "trainLimit": "abc", "preset": "DOCUMENTED_RUNS"}}', '$input', /Int cannot represent/],
      [create, '{"input": {"trainLimit": 1}}', '$input', /Field "name" of required type "String!" was not provided/],
      [create, '{}', '$input', /of required type "CreateExperimentInput!" was not provided/],
      [create, '{"input": {"name": "v", "searchSpace": {"algorithm": "BOGUS"}}}', '$input', /does not exist in "SearchAlgorithm" enum/],
      ['query($n: Int) { experiments(first: $n) { totalCount } }', '{"n": 1.5}', '$n', /Int cannot represent non-integer value: 1.5/],
    ];
    for (const [query, variables, field, message] of cases) {
      const { status, body } = await post(query, variables);
      assert.equal(body.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', `${variables}: ${JSON.stringify(body.errors)}`);
      assert.equal(body.errors[0].extensions?.details?.['field'], field, variables);
      assert.match(body.errors[0].message, message);
      assert.equal(status, 400, variables);
    }
    assert.equal(commandLog.length, sentBefore, 'no command sent');
    assert.equal(await experimentCount(), before);
  });

  test('case 4/7 kind: tags follow one rule on registration and on edits; a __proto__ key is refused, not dropped', async () => {
    const sentBefore = commandLog.length;
    const register = `mutation($input: RegisterModelVersionInput!) { registerModelVersion(input: $input) { version tags } }`;
    const trialId = randomUUID();
    // Before: registration took any JSON as tags (numbers, objects, 100k characters) while edits took strings only,
    // and a `__proto__` key vanished from both without a word.
    assertBadInput(await gql(register, { input: { modelName: 'Tags_Model', trialId, tags: { n: 1 } } }), 'tags.n');
    assertBadInput(await gql(register, { input: { modelName: 'Tags_Model', trialId, tags: { a: { b: 'c' } } } }), 'tags.a');
    assertBadInput(await gql(register, { input: { modelName: 'Tags_Model', trialId, tags: { a: 'x'.repeat(5001) } } }), 'tags.a');
    assertBadInput(await gql(register, { input: { modelName: 'Tags_Model', trialId, tags: { 'bad key!': 'x' } } }), 'tags.bad key!');
    assertBadInput(await gql(register, { input: { modelName: 'Tags_Model', trialId, tags: JSON.parse('{"__proto__": "x"}') } }), 'tags');
    const edit = `mutation($tags: JSON) { updateModelVersion(modelName: "Tags_Model", version: 1, tags: $tags) { version } }`;
    const editModel = `mutation($tags: JSON) { updateRegisteredModel(name: "Tags_Model", tags: $tags) { name } }`;
    assertBadInput(await gql(edit, { tags: JSON.parse('{"__proto__": "x"}') }), 'tags');
    assertBadInput(await gql(editModel, { tags: JSON.parse('{"ok": "y", "__proto__": null}') }), 'tags');
    assertBadInput(await gql(edit, { tags: { n: 1 } }), 'tags.n');
    assert.equal(commandLog.length, sentBefore, 'no command sent');
  });

  test('case 6: an objective or early-stopping metric the trials do not produce is refused; val_loss is accepted', async () => {
    assertBadInput(await gql(create, { input: { name: 'o', preset: 'DOCUMENTED_RUNS', objective: { metric: 'val_acc', direction: 'MAXIMIZE' } } }), 'objective.metric');
    assertBadInput(await gql(create, { input: { name: 'o', preset: 'DOCUMENTED_RUNS', earlyStopping: { metric: 'accuracy' } } }), 'earlyStopping.metric');
    const ok = await gql(create, { input: { name: 'o', preset: 'DOCUMENTED_RUNS', epochs: 1, objective: { metric: 'val_loss', direction: 'MINIMIZE' } } });
    assert.equal(ok.errors, undefined, JSON.stringify(ok.errors));
  });
});
