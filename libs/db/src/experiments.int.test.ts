import { test } from 'node:test';
import assert from 'node:assert/strict';
import { count, eq } from 'drizzle-orm';
import {
  experimentProgress,
  experiments,
  getExperiment,
  insertExperimentWithTrials,
  listExperiments,
  transitionExperiment,
  transitionTrial,
  trialParams,
  trials,
  type Experiment,
} from './index.js';
import { freshDatabase, sampleExperiment, sampleTrials, isCode, useFreshDatabase } from './test-support.js';

const t = useFreshDatabase();

test('insertExperimentWithTrials writes the experiment, trials and params together', async () => {
  const { experiment, trials: created } = await insertExperimentWithTrials(
    t.db,
    { name: 'lr sweep', searchSpace: { kind: 'grid', learningRate: [0.01, 0.02] }, maxParallelTrials: 4 },
    sampleTrials(4),
  );
  assert.equal(experiment.trialCount, 4);
  assert.equal(experiment.status, 'PENDING');
  assert.equal(experiment.maxParallelTrials, 4);
  assert.deepEqual(created.map((x) => x.index), [0, 1, 2, 3]);
  assert.ok(created.every((x) => x.status === 'QUEUED' && x.queuedAt instanceof Date && x.experimentId === experiment.id));
  const params = await t.db.select().from(trialParams).where(eq(trialParams.trialId, created[1]!.id));
  const byKey = Object.fromEntries(params.map((p) => [p.key, p.value]));
  assert.deepEqual(byKey, { learningRate: 0.02, batchSize: 32, optimizer: 'adam', dropout: null });
  assert.deepEqual(await getExperiment(t.db, experiment.id), experiment);
});

test('a failing trial insert rolls back the whole experiment (CONFLICT on duplicate index)', async () => {
  const [before] = await t.db.select({ n: count() }).from(experiments);
  const dup = [...sampleTrials(2), { ...sampleTrials(1)[0]!, name: 'dup' }];
  await assert.rejects(insertExperimentWithTrials(t.db, { name: 'broken', searchSpace: {} }, dup), isCode('CONFLICT'));
  const [afterCount] = await t.db.select({ n: count() }).from(experiments);
  assert.equal(afterCount!.n, before!.n);
  const leftovers = await t.db.select().from(experiments).where(eq(experiments.name, 'broken'));
  assert.equal(leftovers.length, 0);
});

test('getExperiment: unknown or malformed ids are NOT_FOUND', async () => {
  await assert.rejects(getExperiment(t.db, '00000000-0000-4000-8000-000000000000'), isCode('NOT_FOUND'));
  await assert.rejects(getExperiment(t.db, 'not-a-uuid'), isCode('NOT_FOUND'));
});

test('listExperiments pages newest first without repeats or gaps, including created_at ties', async () => {
  const d = await freshDatabase();
  try {
    // Five inserted in one transaction share created_at (now() is per transaction): the id breaks ties.
    await d.db.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) await insertExperimentWithTrials(tx, { name: `tie-${i}`, searchSpace: {} }, []);
    });
    for (let i = 0; i < 4; i++) await insertExperimentWithTrials(d.db, { name: `solo-${i}`, searchSpace: {} }, []);
    const all = await d.db.select().from(experiments);
    assert.equal(all.length, 9);

    const seen: Experiment[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await listExperiments(d.db, { first: 2, after });
      pages++;
      assert.equal(page.totalCount, 9);
      assert.ok(page.nodes.length <= 2);
      assert.equal(page.edges.length, page.nodes.length);
      seen.push(...page.nodes);
      if (!page.hasNextPage) break;
      assert.ok(page.endCursor);
      after = page.endCursor;
    }
    assert.equal(pages, 5);
    assert.equal(new Set(seen.map((e) => e.id)).size, 9);
    const expected = [...all].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    // Same-millisecond order must follow the id tiebreak exactly.
    assert.deepEqual(seen.map((e) => e.id).slice(0, 4), expected.map((e) => e.id).slice(0, 4));
    assert.ok(seen.slice(0, 4).every((e) => e.name.startsWith('solo-')));
    assert.deepEqual(seen.slice(0, 4).map((e) => e.name), ['solo-3', 'solo-2', 'solo-1', 'solo-0']);

    // Status filter narrows both nodes and totalCount.
    await transitionExperiment(d.db, seen[0]!.id, ['PENDING'], 'RUNNING');
    await transitionExperiment(d.db, seen[5]!.id, ['PENDING'], 'RUNNING');
    const running = await listExperiments(d.db, { first: 10, status: 'RUNNING' });
    assert.equal(running.totalCount, 2);
    assert.deepEqual(running.nodes.map((e) => e.id), [seen[0]!.id, seen[5]!.id]);
    assert.equal(running.hasNextPage, false);
    const some = await listExperiments(d.db, { first: 10, status: ['RUNNING', 'PENDING'] });
    assert.equal(some.totalCount, 9);

    const empty = await listExperiments(d.db, { first: 3, status: 'FAILED' });
    assert.deepEqual([empty.nodes, empty.endCursor, empty.hasNextPage, empty.totalCount], [[], null, false, 0]);

    await assert.rejects(listExperiments(d.db, { first: 2, after: 'garbage' }), isCode('INVALID_INPUT'));
    await assert.rejects(listExperiments(d.db, { first: 0 }), isCode('INVALID_INPUT'));
  } finally {
    await d.close();
  }
});

test('transitionExperiment moves only along the state machine', async () => {
  const { experiment } = await sampleExperiment(t.db, 'status', 1);
  const running = await transitionExperiment(t.db, experiment.id, ['PENDING'], 'RUNNING');
  assert.equal(running?.status, 'RUNNING');
  assert.ok(running?.startedAt instanceof Date);
  // A second scheduler trying the same move loses.
  assert.equal(await transitionExperiment(t.db, experiment.id, ['PENDING'], 'RUNNING'), null);
  const done = await transitionExperiment(t.db, experiment.id, ['RUNNING'], 'SUCCEEDED', { bestTrialId: null });
  assert.equal(done?.status, 'SUCCEEDED');
  assert.ok(done?.finishedAt instanceof Date);
  assert.deepEqual(done?.startedAt, running?.startedAt);

  await assert.rejects(transitionExperiment(t.db, '00000000-0000-4000-8000-000000000000', ['PENDING'], 'RUNNING'), isCode('NOT_FOUND'));
});

test('experimentProgress counts trials per status', async () => {
  const { experiment, trials: ts } = await sampleExperiment(t.db, 'progress', 5);
  await transitionTrial(t.db, ts[0]!.id, ['QUEUED'], 'RUNNING');
  await transitionTrial(t.db, ts[1]!.id, ['QUEUED'], 'RUNNING');
  await transitionTrial(t.db, ts[1]!.id, ['RUNNING'], 'SUCCEEDED');
  await transitionTrial(t.db, ts[2]!.id, ['QUEUED'], 'FAILED');
  const p = await experimentProgress(t.db, experiment.id);
  assert.deepEqual(p, { QUEUED: 2, RUNNING: 1, SUCCEEDED: 1, FAILED: 1, STOPPED: 0, CANCELLED: 0, total: 5, finished: 2 });

  const { experiment: empty } = await insertExperimentWithTrials(t.db, { name: 'none', searchSpace: {} }, []);
  assert.equal((await experimentProgress(t.db, empty.id)).total, 0);
  await assert.rejects(experimentProgress(t.db, '00000000-0000-4000-8000-000000000000'), isCode('NOT_FOUND'));
  const [n] = await t.db.select({ n: count() }).from(trials).where(eq(trials.experimentId, experiment.id));
  assert.equal(n!.n, 5);
});
