// The reads and small writes the scheduler's events and reconcile passes use (advanceCurrentEpoch,
// experimentMetricSeries, activeExperimentIds, stalledTrials, liveWorkerIds, trialStatuses) and
// experiment creation with undispatched trials.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import {
  activeExperimentIds,
  advanceCurrentEpoch,
  experimentMetricSeries,
  insertExperimentWithTrials,
  insertMetrics,
  liveWorkerIds,
  stalledTrials,
  transitionExperiment,
  transitionTrial,
  trialStatuses,
  upsertWorkerHeartbeat,
} from './index.js';
import { sampleExperiment, sampleTrials, useFreshDatabase } from './test-support.js';

const t = useFreshDatabase();

const MISSING = '00000000-0000-4000-8000-000000000000';

test('advanceCurrentEpoch only moves current_epoch forward', async () => {
  const { trials } = await sampleExperiment(t.db, 'epochs', 1);
  const id = trials[0]!.id;
  assert.equal(trials[0]!.currentEpoch, null);
  const first = await advanceCurrentEpoch(t.db, id, 2);
  assert.equal(first?.currentEpoch, 2);
  assert.ok(first.updatedAt.getTime() >= trials[0]!.updatedAt.getTime());
  assert.equal(await advanceCurrentEpoch(t.db, id, 2), null, 'the same epoch again: unchanged');
  assert.equal(await advanceCurrentEpoch(t.db, id, 1), null, 'a late, older epoch: unchanged');
  assert.equal((await advanceCurrentEpoch(t.db, id, 3))?.currentEpoch, 3);
  assert.equal(await advanceCurrentEpoch(t.db, MISSING, 1), null);
  assert.equal(await advanceCurrentEpoch(t.db, 'nope', 1), null);
});

test('experimentMetricSeries: one key of every trial of one experiment, step-ascending', async () => {
  const { experiment, trials } = await sampleExperiment(t.db, 'series', 3);
  const other = await sampleExperiment(t.db, 'series-other', 1);
  await insertMetrics(t.db, trials[0]!.id, experiment.id, [
    { key: 'val_loss', step: 2, value: 0.3 },
    { key: 'val_loss', step: 0, value: 0.9 },
    { key: 'val_loss', step: 1, value: 0.5 },
    { key: 'train_loss', step: 0, value: 7 },
  ]);
  await insertMetrics(t.db, trials[1]!.id, experiment.id, [{ key: 'val_loss', step: 0, value: 0.8 }]);
  await insertMetrics(t.db, other.trials[0]!.id, other.experiment.id, [{ key: 'val_loss', step: 0, value: 0.1 }]);
  const series = await experimentMetricSeries(t.db, experiment.id, 'val_loss');
  assert.deepEqual([...series.keys()].sort(), [trials[0]!.id, trials[1]!.id].sort(), 'trials without the key and other experiments are absent');
  assert.deepEqual(series.get(trials[0]!.id), [
    { step: 0, value: 0.9 },
    { step: 1, value: 0.5 },
    { step: 2, value: 0.3 },
  ]);
  assert.deepEqual(series.get(trials[1]!.id), [{ step: 0, value: 0.8 }]);
  assert.equal((await experimentMetricSeries(t.db, experiment.id, 'nothing')).size, 0);
  assert.equal((await experimentMetricSeries(t.db, 'nope', 'val_loss')).size, 0);
});

test('activeExperimentIds and stalledTrials', async () => {
  // Trial 3 waits for its first dispatch (queued_at NULL).
  const running = await insertExperimentWithTrials(t.db, { name: 'stalled-running', searchSpace: {} }, sampleTrials(4).map((x) => (x.index === 3 ? { ...x, queuedAt: null } : x)));
  const done = await sampleExperiment(t.db, 'stalled-done', 1);
  const undispatched = await insertExperimentWithTrials(t.db, { name: 'stalled-new', searchSpace: {} }, sampleTrials(1).map((x) => ({ ...x, queuedAt: null })));
  await transitionExperiment(t.db, running.experiment.id, ['PENDING'], 'RUNNING');
  await transitionExperiment(t.db, done.experiment.id, ['PENDING'], 'SUCCEEDED');
  const [t0, t1, t2] = running.trials;
  await transitionTrial(t.db, t0!.id, ['QUEUED'], 'RUNNING'); // in flight
  await transitionTrial(t.db, t2!.id, ['QUEUED'], 'SUCCEEDED'); // finished

  const active = await activeExperimentIds(t.db);
  assert.ok(active.includes(running.experiment.id));
  assert.ok(active.includes(undispatched.experiment.id), 'PENDING counts');
  assert.ok(!active.includes(done.experiment.id));

  const later = new Date(Date.now() + 60_000);
  const mine = (await stalledTrials(t.db, later)).filter((x) => [running, done, undispatched].some((e) => e.experiment.id === x.experimentId));
  // t0 RUNNING and t1 dispatched QUEUED; not the finished t2, the undispatched t3, nor the trials of finished or new experiments.
  assert.deepEqual(mine.map((x) => x.id).sort(), [t0!.id, t1!.id].sort());
  assert.equal(mine.find((x) => x.id === t0!.id)?.status, 'RUNNING', 'whole trial rows');
  const earlier = new Date(Date.now() - 60_000);
  assert.deepEqual((await stalledTrials(t.db, earlier)).filter((x) => x.experimentId === running.experiment.id), [], 'changed since the cutoff: not stalled');
});

test('insertExperimentWithTrials: queuedAt null leaves trials undispatched, the default marks QUEUED trials now', async () => {
  const fresh = await insertExperimentWithTrials(t.db, { name: 'not-dispatched', searchSpace: {} }, sampleTrials(2).map((x) => ({ ...x, queuedAt: null })));
  assert.deepEqual(fresh.trials.map((x) => [x.status, x.queuedAt]), [['QUEUED', null], ['QUEUED', null]]);
  const old = await sampleExperiment(t.db, 'dispatched', 1);
  assert.ok(old.trials[0]!.queuedAt instanceof Date);
});

test('liveWorkerIds: heard from within the window by the database clock, and not STOPPED', async () => {
  const hb = { hostname: 'h', pid: 1, backend: 'cpu' };
  await upsertWorkerHeartbeat(t.db, { ...hb, id: 'lw-fresh', status: 'BUSY' });
  await upsertWorkerHeartbeat(t.db, { ...hb, id: 'lw-stopped', status: 'STOPPED' });
  await upsertWorkerHeartbeat(t.db, { ...hb, id: 'lw-silent', status: 'IDLE' });
  await t.db.execute(sql`update workers set last_heartbeat_at = now() - interval '45 seconds' where id = 'lw-silent'`);
  assert.deepEqual([...(await liveWorkerIds(t.db, 30_000))].filter((id) => id.startsWith('lw-')).sort(), ['lw-fresh']);
  assert.deepEqual([...(await liveWorkerIds(t.db, 60_000))].filter((id) => id.startsWith('lw-')).sort(), ['lw-fresh', 'lw-silent']);
  assert.deepEqual([...(await liveWorkerIds(t.db, 1_500))].filter((id) => id.startsWith('lw-')), ['lw-fresh'], 'fractions of a second are kept');
});

test('trialStatuses: the status of each known id; unknown and malformed ids are absent', async () => {
  const { trials } = await sampleExperiment(t.db, 'statuses', 2);
  await transitionTrial(t.db, trials[1]!.id, ['QUEUED'], 'CANCELLED');
  const map = await trialStatuses(t.db, [trials[0]!.id, trials[1]!.id, MISSING, 'not-a-uuid', trials[0]!.id]);
  assert.deepEqual(
    [...map.entries()].sort(),
    [
      [trials[0]!.id, 'QUEUED'],
      [trials[1]!.id, 'CANCELLED'],
    ].sort(),
  );
  assert.equal((await trialStatuses(t.db, [])).size, 0);
});
