import { test } from 'node:test';
import assert from 'node:assert/strict';
import { and, count, eq } from 'drizzle-orm';
import { getTrialMetrics, insertMetrics, latestMetrics, metrics } from './index.js';
import { sampleExperiment, isCode, useFreshDatabase } from './test-support.js';

const t = useFreshDatabase();

test('a duplicate metric insert returns no rows and leaves one row', async () => {
  const { experiment, trials } = await sampleExperiment(t.db, 'dup', 1);
  const tid = trials[0]!.id;
  const first = await insertMetrics(t.db, tid, experiment.id, [{ key: 'loss', step: 1, value: 0.5 }]);
  assert.equal(first.length, 1);
  assert.equal(first[0]!.value, 0.5);
  assert.equal(typeof first[0]!.id, 'number');
  assert.ok(first[0]!.loggedAt instanceof Date);
  assert.equal(first[0]!.trialId, tid);
  const again = await insertMetrics(t.db, tid, experiment.id, [{ key: 'loss', step: 1, value: 0.9 }]);
  assert.deepEqual(again, []);
  const [n] = await t.db.select({ n: count() }).from(metrics).where(and(eq(metrics.trialId, tid), eq(metrics.key, 'loss')));
  assert.equal(n!.n, 1);
  const stored = await getTrialMetrics(t.db, tid);
  assert.deepEqual(stored[0]!.points.map(({ step, value }) => ({ step, value })), [{ step: 1, value: 0.5 }]);
  assert.deepEqual(stored[0]!.points[0]!.loggedAt, first[0]!.loggedAt, 'the point keeps the time it was first logged');
});

test('a partly redelivered batch returns only the new points', async () => {
  const { experiment, trials } = await sampleExperiment(t.db, 'partial', 1);
  const tid = trials[0]!.id;
  await insertMetrics(t.db, tid, experiment.id, [
    { key: 'loss', step: 1, value: 1 },
    { key: 'loss', step: 2, value: 0.8 },
  ]);
  const out = await insertMetrics(t.db, tid, experiment.id, [
    { key: 'loss', step: 2, value: 0.8 },
    { key: 'loss', step: 3, value: 0.6 },
    { key: 'acc', step: 3, value: 0.7 },
    { key: 'acc', step: 3, value: 0.71 }, // duplicate inside one batch
  ]);
  assert.deepEqual(out.map((r) => [r.key, r.step, r.value]).sort(), [
    ['acc', 3, 0.7],
    ['loss', 3, 0.6],
  ]);
  assert.deepEqual(await insertMetrics(t.db, tid, experiment.id, []), []);
  // A diverged run's NaN is data, and an explicit timestamp is kept.
  const at = new Date('2026-01-02T03:04:05.678Z');
  const [nan] = await insertMetrics(t.db, tid, experiment.id, [{ key: 'loss', step: 4, value: Number.NaN, loggedAt: at }]);
  assert.ok(Number.isNaN(nan!.value));
  assert.deepEqual(nan!.loggedAt, at);
  await assert.rejects(insertMetrics(t.db, '00000000-0000-4000-8000-000000000000', experiment.id, [{ key: 'x', step: 0, value: 1 }]), isCode('NOT_FOUND'));
  await assert.rejects(insertMetrics(t.db, tid, experiment.id, [{ key: 'x', step: 0.5, value: 1 }]), isCode('INVALID_INPUT'));
});

test('getTrialMetrics downsamples long series, keeping first/last and bounding the count', async () => {
  const { experiment, trials } = await sampleExperiment(t.db, 'long', 1);
  const tid = trials[0]!.id;
  const n = 2000;
  const points = Array.from({ length: n }, (_, i) => ({ key: 'batch_loss', step: i, value: Math.exp(-i / 500) + (i === 1234 ? 5 : 0) }));
  points.push({ key: 'val_accuracy', step: 0, value: 0.5 }, { key: 'val_accuracy', step: 1, value: 0.9 });
  const inserted = await insertMetrics(t.db, tid, experiment.id, points);
  assert.equal(inserted.length, n + 2);

  const series = await getTrialMetrics(t.db, tid, { maxPoints: 100 });
  assert.deepEqual(series.map((s) => s.key), ['batch_loss', 'val_accuracy']);
  // Points carry the time they were logged; the shape checks below compare step and value.
  assert.ok(series.every((s) => s.points.every((p) => p.loggedAt instanceof Date)));
  const strip = (p: { step: number; value: number } | undefined) => (p === undefined ? p : { step: p.step, value: p.value });
  const loss = series[0]!;
  assert.equal(loss.totalPoints, n);
  assert.equal(loss.downsampled, true);
  assert.equal(loss.points.length, 100);
  assert.deepEqual(strip(loss.points[0]), { step: 0, value: 1 });
  assert.deepEqual(strip(loss.points.at(-1)), { step: n - 1, value: Math.exp(-(n - 1) / 500) });
  assert.ok(loss.points.some((p) => p.step === 1234), 'the spike survives');
  const acc = series[1]!;
  assert.equal(acc.downsampled, false);
  assert.deepEqual(acc.points.map(strip), [{ step: 0, value: 0.5 }, { step: 1, value: 0.9 }]);

  const full = await getTrialMetrics(t.db, tid, { keys: ['batch_loss'] });
  assert.equal(full.length, 1);
  assert.equal(full[0]!.points.length, n);
  assert.deepEqual(await getTrialMetrics(t.db, tid, { keys: [] }), []);
  await assert.rejects(getTrialMetrics(t.db, tid, { maxPoints: 1 }), isCode('INVALID_INPUT'));
});

test('latestMetrics', async () => {
  const { experiment, trials } = await sampleExperiment(t.db, 'exp-metrics', 2);
  const [a, b] = [trials[0]!.id, trials[1]!.id];
  await insertMetrics(t.db, a, experiment.id, Array.from({ length: 50 }, (_, i) => ({ key: 'loss', step: i, value: 1 / (i + 1) })));
  await insertMetrics(t.db, a, experiment.id, [{ key: 'val_accuracy', step: 1, value: 0.8 }, { key: 'val_accuracy', step: 2, value: 0.85 }]);
  await insertMetrics(t.db, b, experiment.id, [{ key: 'loss', step: 0, value: 2 }, { key: 'loss', step: 1, value: 1.5 }]);

  const latest = await latestMetrics(t.db, [a, b, '00000000-0000-4000-8000-000000000000']);
  assert.equal(latest.get(a)!['loss']!.step, 49);
  assert.equal(latest.get(a)!['val_accuracy']!.value, 0.85);
  assert.equal(latest.get(b)!['loss']!.value, 1.5);
  assert.deepEqual(latest.get('00000000-0000-4000-8000-000000000000'), {});
});
