import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { insertExperimentWithTrials, insertMetrics, queryTrials, transitionTrial, trials as trialsTable, type Trial } from './index.js';
import { isCode, useFreshDatabase } from './test-support.js';

const t = useFreshDatabase();

/** 40 trials: lr cycles through 4 values, 30 finished with test_accuracy, 5 running with a logged val metric, 5 queued. */
async function seed(): Promise<{ experimentId: string; trials: Trial[]; acc: Map<string, number> }> {
  const lrs = [0.0005, 0.001, 0.003, 0.01];
  const { experiment, trials } = await insertExperimentWithTrials(
    t.db,
    { name: 'sortable', searchSpace: {} },
    Array.from({ length: 40 }, (_, i) => ({ index: i, name: `t${String(i).padStart(2, '0')}`, spec: {}, params: { learning_rate: lrs[i % 4], model_type: i % 3 === 0 ? 'baseline' : 'enhanced' } })),
  );
  const acc = new Map<string, number>();
  for (const [i, tr] of trials.entries()) {
    if (i < 30) {
      // ties on purpose: 10 distinct accuracies
      const a = 0.9 + (i % 10) / 100;
      acc.set(tr.id, a);
      await transitionTrial(t.db, tr.id, ['QUEUED'], 'SUCCEEDED', { finalMetrics: { test_accuracy: a } });
    } else if (i < 35) {
      await transitionTrial(t.db, tr.id, ['QUEUED'], 'RUNNING');
      await insertMetrics(t.db, tr.id, experiment.id, [{ key: 'test_accuracy', step: 0, value: 0.5 + i / 1000 }, { key: 'test_accuracy', step: 1, value: 0.6 + i / 1000 }]);
      acc.set(tr.id, 0.6 + i / 1000);
    }
  }
  return { experimentId: experiment.id, trials, acc };
}

async function allPages(experimentId: string, options: Omit<Parameters<typeof queryTrials>[2], 'first' | 'after'>, first: number): Promise<Trial[]> {
  const out: Trial[] = [];
  let after: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page = await queryTrials(t.db, experimentId, { ...options, first, after });
    out.push(...page.nodes);
    if (!page.hasNextPage) break;
    after = page.endCursor;
  }
  return out;
}

test('sort by a metric (final, else latest logged) descending, keyset pages match one big page; missing values last', async () => {
  const { experimentId, acc } = await seed();
  const paged = await allPages(experimentId, { orderBy: { field: 'metric:test_accuracy', direction: 'DESC' } }, 7);
  assert.equal(paged.length, 40);
  assert.equal(new Set(paged.map((x) => x.id)).size, 40, 'no trial repeated or skipped across pages');
  const values = paged.map((x) => acc.get(x.id));
  const known = values.filter((v) => v !== undefined);
  assert.deepEqual(known, [...known].sort((a, b) => b - a));
  assert.deepEqual(values.slice(35), [undefined, undefined, undefined, undefined, undefined], 'queued trials without the metric come last');
  // ties broken by index
  const top = paged.slice(0, 3).map((x) => x.index);
  assert.deepEqual(top, [9, 19, 29]);
  const asc = await allPages(experimentId, { orderBy: { field: 'metric:test_accuracy', direction: 'ASC' } }, 6);
  assert.deepEqual(asc.slice(0, 5).map((x) => x.index), [30, 31, 32, 33, 34]);
  assert.equal(asc.at(-1)!.index, 39, 'missing values last in ascending order too');
});

test('sort by a parameter and filter by parameter and metric; totalCount counts the filtered set', async () => {
  const { experimentId } = await seed();
  const byLr = await allPages(experimentId, { orderBy: { field: 'param:learning_rate', direction: 'ASC' } }, 9);
  const lrs = byLr.map((x) => x.index % 4);
  assert.deepEqual(lrs, [...lrs].sort((a, b) => a - b));
  const page = await queryTrials(t.db, experimentId, {
    first: 100,
    filters: [
      { field: 'param:learning_rate', op: 'LTE', value: 0.001 },
      { field: 'metric:test_accuracy', op: 'GTE', value: 0.95 },
    ],
  });
  assert.ok(page.nodes.length > 0);
  assert.equal(page.totalCount, page.nodes.length);
  for (const n of page.nodes) assert.ok(n.index % 4 <= 1 && n.index < 30 && n.index % 10 >= 5, `t${n.index}`);
  const text = await queryTrials(t.db, experimentId, { first: 100, filters: [{ field: 'param:model_type', op: 'CONTAINS', value: 'BASE' }] });
  assert.equal(text.totalCount, 14);
  const byStatus = await queryTrials(t.db, experimentId, { first: 5, status: 'RUNNING', orderBy: { field: 'name', direction: 'DESC' } });
  assert.deepEqual(byStatus.nodes.map((n) => n.name), ['t34', 't33', 't32', 't31', 't30']);
  assert.equal(byStatus.hasNextPage, false);
});

test('issue 11 case 8: pages of 10 over QUEUED trials while two of page 1 stop: no other trial is skipped', async () => {
  const { experiment, trials } = await insertExperimentWithTrials(
    t.db,
    { name: 'paging-while-stopping', searchSpace: {} },
    Array.from({ length: 25 }, (_, i) => ({ index: i, name: `q${i}`, spec: {}, params: {} })),
  );
  for (const order of [undefined, { field: 'name', direction: 'DESC' as const }]) {
    const page1 = await queryTrials(t.db, experiment.id, { first: 10, status: 'QUEUED', ...(order ? { orderBy: order } : {}) });
    assert.equal(page1.nodes.length, 10);
    // Two trials of page 1 leave QUEUED before page 2 is read (an offset of 10 would now skip two others).
    const stopped = [page1.nodes[1]!, page1.nodes[6]!];
    for (const s of stopped) await transitionTrial(t.db, s.id, ['QUEUED'], 'STOPPED');
    const rest: Trial[] = [];
    let after = page1.endCursor;
    for (let i = 0; after && i < 10; i++) {
      const page = await queryTrials(t.db, experiment.id, { first: 10, status: 'QUEUED', after, ...(order ? { orderBy: order } : {}) });
      rest.push(...page.nodes);
      after = page.hasNextPage ? page.endCursor : null;
    }
    const seen = new Set([...page1.nodes, ...rest].map((n) => n.id));
    const stillQueued = trials.filter((tr) => !stopped.some((s) => s.id === tr.id) && !seen.has(tr.id));
    assert.deepEqual(stillQueued.map((tr) => tr.name), [], 'trials never returned');
    assert.equal(rest.length, 15, 'the 15 trials after page 1, each once');
    assert.equal(new Set(rest.map((n) => n.id)).size, 15);
    // For the second ordering, start again from all QUEUED.
    for (const s of stopped) await t.db.update(trialsTable).set({ status: 'QUEUED', finishedAt: null }).where(eq(trialsTable.id, s.id));
  }
});

test('bad fields, ops, values and cursors are INVALID_INPUT', async () => {
  const { experimentId } = await seed();
  await assert.rejects(queryTrials(t.db, experimentId, { first: 5, orderBy: { field: 'params; drop table trials' } }), isCode('INVALID_INPUT'));
  await assert.rejects(queryTrials(t.db, experimentId, { first: 5, filters: [{ field: 'metric:x', op: 'LIKE' as 'EQ', value: 1 }] }), isCode('INVALID_INPUT'));
  await assert.rejects(queryTrials(t.db, experimentId, { first: 5, filters: [{ field: 'metric:x', op: 'GT', value: { a: 1 } }] }), isCode('INVALID_INPUT'));
  await assert.rejects(queryTrials(t.db, experimentId, { first: 5, after: 'nope' }), isCode('INVALID_INPUT'));
  // A cursor of one order used with another: refused naming `after`, not read as a position in the new order.
  const byIndex = await queryTrials(t.db, experimentId, { first: 2 });
  assert.ok(byIndex.endCursor);
  for (const orderBy of [{ field: 'param:learning_rate', direction: 'DESC' as const }, { field: 'index', direction: 'DESC' as const }, { field: 'status' }]) {
    await assert.rejects(
      queryTrials(t.db, experimentId, { first: 2, after: byIndex.endCursor, orderBy }),
      (err: unknown) => isCode('INVALID_INPUT')(err) && (err as { details?: { field?: string } }).details?.field === 'after' && /pages the order index ASC/.test((err as Error).message),
    );
  }
  const same = await queryTrials(t.db, experimentId, { first: 2, after: byIndex.endCursor, orderBy: { field: 'index' } });
  assert.ok(same.nodes.every((n) => n.index > byIndex.nodes[1]!.index));
  await assert.rejects(queryTrials(t.db, experimentId, { first: 0 }), isCode('INVALID_INPUT'));
  assert.equal((await queryTrials(t.db, 'not-a-uuid', { first: 5 })).totalCount, 0);
});
