import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendTrialLog,
  cancelActiveTrials,
  finishAttempt,
  getTrial,
  getTrialParams,
  listAttempts,
  requestStop,
  startAttempt,
  tailTrialLogs,
  transitionTrial,
  updateTrial,
} from './index.js';
import { sampleExperiment, isCode, useFreshDatabase } from './test-support.js';

const t = useFreshDatabase();

const MISSING = '00000000-0000-4000-8000-000000000000';

test('getTrial', async () => {
  const { trials } = await sampleExperiment(t.db, 'list', 5);
  assert.deepEqual(await getTrial(t.db, trials[2]!.id), trials[2]);
  await assert.rejects(getTrial(t.db, MISSING), isCode('NOT_FOUND'));
  await assert.rejects(getTrial(t.db, 'nope'), isCode('NOT_FOUND'));
});

test('getTrialParams returns a map with every requested trial', async () => {
  const { trials } = await sampleExperiment(t.db, 'params', 2);
  const map = await getTrialParams(t.db, [trials[0]!.id, trials[1]!.id, MISSING, 'bad']);
  assert.deepEqual(map.get(trials[1]!.id), { batchSize: 32, dropout: null, learningRate: 0.02, optimizer: 'adam' });
  assert.deepEqual(map.get(MISSING), {});
  assert.equal(map.has('bad'), false);
  assert.equal((await getTrialParams(t.db, [])).size, 0);
});

test('transitionTrial applies allowed moves and refuses illegal ones', async () => {
  const { trials } = await sampleExperiment(t.db, 'transitions', 1);
  const id = trials[0]!.id;
  const running = await transitionTrial(t.db, id, ['QUEUED'], 'RUNNING', { workerId: 'w1', attempt: 1 });
  assert.equal(running?.status, 'RUNNING');
  assert.equal(running?.workerId, 'w1');
  assert.equal(running?.attempt, 1);
  assert.ok(running?.startedAt instanceof Date);

  // RUNNING is not QUEUED: refused, row untouched.
  assert.equal(await transitionTrial(t.db, id, ['QUEUED'], 'RUNNING', { workerId: 'w2' }), null);
  assert.equal((await getTrial(t.db, id)).workerId, 'w1');

  const done = await transitionTrial(t.db, id, ['RUNNING'], 'SUCCEEDED', { finalMetrics: { test_accuracy: 0.97 }, summary: { epochs: 2 } });
  assert.equal(done?.status, 'SUCCEEDED');
  assert.ok(done?.finishedAt instanceof Date);
  assert.deepEqual(done?.finalMetrics, { test_accuracy: 0.97 });
  assert.deepEqual(done?.summary, { epochs: 2 });
  // Terminal: a late failure report from a redelivered message cannot overwrite it.
  assert.equal(await transitionTrial(t.db, id, ['QUEUED', 'RUNNING'], 'FAILED', { error: 'late' }), null);
  assert.equal((await getTrial(t.db, id)).status, 'SUCCEEDED');
  await assert.rejects(transitionTrial(t.db, MISSING, ['QUEUED'], 'RUNNING'), isCode('NOT_FOUND'));
});

test('concurrent transitions: exactly one of many racers wins', async () => {
  const { trials } = await sampleExperiment(t.db, 'race', 1);
  const id = trials[0]!.id;
  const results = await Promise.all(
    Array.from({ length: 6 }, (_, i) => transitionTrial(t.db, id, ['QUEUED'], 'RUNNING', { workerId: `w${i}` })),
  );
  const winners = results.filter((r) => r !== null);
  assert.equal(winners.length, 1);
  assert.equal((await getTrial(t.db, id)).workerId, winners[0]!.workerId);
});

test('re-queueing clears finished_at and sets queued_at; updateTrial keeps status', async () => {
  const { trials } = await sampleExperiment(t.db, 'requeue', 1);
  const id = trials[0]!.id;
  await transitionTrial(t.db, id, ['QUEUED'], 'RUNNING');
  const failed = await transitionTrial(t.db, id, ['RUNNING'], 'FAILED', { error: 'worker lost' });
  assert.ok(failed?.finishedAt);
  const requeued = await transitionTrial(t.db, id, ['FAILED'], 'QUEUED', { error: null });
  assert.equal(requeued?.finishedAt, null);
  assert.ok(requeued.queuedAt!.getTime() >= trials[0]!.queuedAt!.getTime());
  const again = await transitionTrial(t.db, id, ['QUEUED'], 'RUNNING', { incrementAttempt: true });
  assert.equal(again?.attempt, trials[0]!.attempt + 1);
  const bumped = await updateTrial(t.db, id, { incrementAttempt: true });
  assert.equal(bumped.attempt, trials[0]!.attempt + 2);
  await transitionTrial(t.db, id, ['RUNNING'], 'QUEUED');
  const updated = await updateTrial(t.db, id, { currentEpoch: 3 });
  assert.equal(updated.currentEpoch, 3);
  assert.equal(updated.status, 'QUEUED');
  await assert.rejects(updateTrial(t.db, MISSING, { currentEpoch: 1 }), isCode('NOT_FOUND'));
});

test('requestStop flags live trials only', async () => {
  const { trials } = await sampleExperiment(t.db, 'stop', 2);
  const flagged = await requestStop(t.db, trials[0]!.id);
  assert.equal(flagged?.stopRequested, true);
  await transitionTrial(t.db, trials[1]!.id, ['QUEUED'], 'CANCELLED');
  assert.equal(await requestStop(t.db, trials[1]!.id), null);
  assert.equal((await getTrial(t.db, trials[1]!.id)).stopRequested, false);
  await assert.rejects(requestStop(t.db, MISSING), isCode('NOT_FOUND'));
});

test('attempts: start (idempotent per number), finish by number or every open one, list', async () => {
  const { trials } = await sampleExperiment(t.db, 'attempts', 2);
  const id = trials[0]!.id;
  const a1 = await startAttempt(t.db, id, 1, 'w1');
  assert.equal(a1.status, 'RUNNING');
  assert.equal((await finishAttempt(t.db, id, 1, { status: 'FAILED', error: 'OOM' })).length, 1);
  await startAttempt(t.db, id, 2, 'w2');
  await startAttempt(t.db, id, 2, 'w3'); // redelivery of the same attempt
  const [done] = await finishAttempt(t.db, id, 2, { status: 'SUCCEEDED' });
  assert.ok(done?.finishedAt instanceof Date);
  const list = await listAttempts(t.db, id);
  assert.deepEqual(
    list.map((a) => [a.attempt, a.workerId, a.status, a.error]),
    [
      [1, 'w1', 'FAILED', 'OOM'],
      [2, 'w3', 'SUCCEEDED', null],
    ],
  );
  // 'open': only attempts still open, of several trials at once; closed ones keep their outcome.
  const other = trials[1]!.id;
  await startAttempt(t.db, id, 3, 'w4');
  await startAttempt(t.db, other, 1, 'w5');
  const closed = await finishAttempt(t.db, [id, other], 'open', { status: 'CANCELLED', error: 'cancelled' });
  assert.deepEqual(closed.map((a) => [a.trialId === id ? 'a' : 'b', a.attempt, a.status]).sort(), [['a', 3, 'CANCELLED'], ['b', 1, 'CANCELLED']]);
  assert.deepEqual((await listAttempts(t.db, id)).map((a) => a.status), ['FAILED', 'SUCCEEDED', 'CANCELLED']);
  // No outcome: closed, status kept (a retry closing what a lost worker left open).
  await startAttempt(t.db, other, 2, 'w6');
  const [kept] = await finishAttempt(t.db, other, 'open');
  assert.equal(kept?.status, 'RUNNING');
  assert.ok(kept?.finishedAt instanceof Date);
  assert.deepEqual(await finishAttempt(t.db, other, 'open'), [], 'nothing open any more');
  assert.deepEqual(await finishAttempt(t.db, id, 9, { status: 'FAILED' }), [], 'an attempt never started');
  assert.deepEqual(await finishAttempt(t.db, [MISSING, 'nope'], 'open'), []);
  await assert.rejects(startAttempt(t.db, MISSING, 1, 'w'), isCode('NOT_FOUND'));
});

test('logs: append and tail the last n in order', async () => {
  const { trials } = await sampleExperiment(t.db, 'logs', 1);
  const id = trials[0]!.id;
  await appendTrialLog(t.db, id, { message: 'start' });
  const rows = await appendTrialLog(t.db, id, Array.from({ length: 5 }, (_, i) => ({ message: `epoch ${i}`, level: i === 4 ? 'warn' : 'info' })));
  assert.equal(rows.length, 5);
  const tail = await tailTrialLogs(t.db, id, 3);
  assert.deepEqual(tail.map((l) => l.message), ['epoch 2', 'epoch 3', 'epoch 4']);
  assert.equal(tail[2]!.level, 'warn');
  const newer = await tailTrialLogs(t.db, id, 100, { afterId: rows[3]!.id });
  assert.deepEqual(newer.map((l) => l.message), ['epoch 4']);
  await assert.rejects(appendTrialLog(t.db, MISSING, { message: 'x' }), isCode('NOT_FOUND'));
});

test('cancelActiveTrials cancels the queued and running trials of that experiment and closes their attempts', async () => {
  const { experiment, trials } = await sampleExperiment(t.db, 'cancel', 4);
  const other = await sampleExperiment(t.db, 'other', 1);
  await transitionTrial(t.db, trials[0]!.id, ['QUEUED'], 'RUNNING', { attempt: 1 });
  await startAttempt(t.db, trials[0]!.id, 1, 'w1');
  await transitionTrial(t.db, trials[3]!.id, ['QUEUED'], 'SUCCEEDED');
  const { cancelled, wereRunning } = await cancelActiveTrials(t.db, experiment.id, 'experiment cancelled');
  assert.deepEqual(cancelled.map((x) => x.index).sort(), [0, 1, 2]);
  assert.deepEqual([...wereRunning], [trials[0]!.id]);
  for (const c of cancelled) {
    assert.equal(c.status, 'CANCELLED');
    assert.equal(c.stopRequested, true);
    assert.equal(c.error, 'experiment cancelled');
  }
  assert.deepEqual((await listAttempts(t.db, trials[0]!.id)).map((a) => [a.status, a.error, a.finishedAt instanceof Date]), [['CANCELLED', 'experiment cancelled', true]]);
  assert.equal((await getTrial(t.db, trials[3]!.id)).status, 'SUCCEEDED');
  assert.equal((await getTrial(t.db, other.trials[0]!.id)).status, 'QUEUED');
  assert.deepEqual((await cancelActiveTrials(t.db, experiment.id, 'again')).cancelled, []);
});
