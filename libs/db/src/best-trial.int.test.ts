// Issue 11 case 6: the best trial is one function for the scheduler and the registry, and an
// objective that is an epoch metric (val_loss, MINIMIZE) finds the trial with the best last epoch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { bestTrialOf, insertMetrics, trials } from './index.js';
import { sampleExperiment, useFreshDatabase } from './test-support.js';

const t = useFreshDatabase();

test('bestTrialOf: a val_loss MINIMIZE objective ranks SUCCEEDED trials by their last epoch', async () => {
  const { experiment, trials: rows } = await sampleExperiment(t.db, 'best-val-loss', 3);
  const [a, b, c] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
  for (const [row, status, final] of [
    [a, 'SUCCEEDED', { test_accuracy: 0.99, test_loss: 0.05 }],
    [b, 'SUCCEEDED', { test_accuracy: 0.97, test_loss: 0.09 }],
    [c, 'FAILED', {}],
  ] as const) {
    await t.db.update(trials).set({ status, finalMetrics: final }).where(eq(trials.id, row.id));
  }
  // a: val_loss 0.30 then 0.20 (last); b: 0.10 then 0.15 (last); c failed with the lowest of all.
  await insertMetrics(t.db, a.id, experiment.id, [
    { key: 'val_loss', step: 0, value: 0.3 },
    { key: 'val_loss', step: 1, value: 0.2 },
  ]);
  await insertMetrics(t.db, b.id, experiment.id, [
    { key: 'val_loss', step: 0, value: 0.1 },
    { key: 'val_loss', step: 1, value: 0.15 },
  ]);
  await insertMetrics(t.db, c.id, experiment.id, [{ key: 'val_loss', step: 0, value: 0.01 }]);

  const byValLoss = await bestTrialOf(t.db, experiment.id, { metric: 'val_loss', direction: 'MINIMIZE' });
  assert.equal(byValLoss.best?.id, b.id, 'lowest val_loss at the last epoch among SUCCEEDED trials');
  assert.deepEqual(byValLoss.candidates.map((x) => x.id), [a.id, b.id]);
  const byAccuracy = await bestTrialOf(t.db, experiment.id, { metric: 'test_accuracy', direction: 'MAXIMIZE' });
  assert.equal(byAccuracy.best?.id, a.id);
  // A metric no trial reports: no best trial (creation refuses such objectives; see the contracts).
  assert.equal((await bestTrialOf(t.db, experiment.id, { metric: 'val_acc', direction: 'MAXIMIZE' })).best, null);
  assert.deepEqual(await bestTrialOf(t.db, 'not-a-uuid', { metric: 'val_loss', direction: 'MINIMIZE' }), { best: null, candidates: [] });
});
