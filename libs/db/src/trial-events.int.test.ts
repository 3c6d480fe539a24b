import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  findAttemptWithWorker,
  getTrial,
  getTrialMetrics,
  insertMetrics,
  listArtifacts,
  listAttempts,
  recordTrialFinished,
  recordTrialStarted,
  startAttempt,
  transitionTrial,
  upsertWorkerHeartbeat,
  type TrialStartDecisions,
} from './index.js';
import { isCode, sampleExperiment, useFreshDatabase } from './test-support.js';

const t = useFreshDatabase();

const MISSING = '00000000-0000-4000-8000-000000000000';

/** Decisions as the scheduler makes them, with the crash limit `limit`; replaced attempts end as the `replaced` outcome. */
function decisions(workerId: string, limit = 3, replaced: 'FAILED' | 'STOPPED' = 'STOPPED'): TrialStartDecisions & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    isSameStart: (open) => open.workerId === workerId,
    endOfReplaced: (open, worker) => {
      seen.push(`${open.attempt}@${open.workerId ?? '-'}:${worker ? worker.hostname : 'no-row'}`);
      return { status: replaced, error: `replaced by ${workerId}` };
    },
    poisonReason: (crashes) => (crashes.length >= limit ? `crashed ${crashes.join(',')}` : null),
  };
}

test('findAttemptWithWorker: the attempt with its worker row, or without one, or null', async () => {
  const { trials } = await sampleExperiment(t.db, 'attempt-worker', 1);
  const id = trials[0]!.id;
  await upsertWorkerHeartbeat(t.db, { id: 'aw-1', hostname: 'host-a', pid: 1, backend: 'cpu', status: 'BUSY' });
  await startAttempt(t.db, id, 1, 'aw-1');
  await startAttempt(t.db, id, 2, 'aw-never-beat');
  const one = await findAttemptWithWorker(t.db, id, 1);
  assert.equal(one?.attempt.workerId, 'aw-1');
  assert.equal(one?.worker?.hostname, 'host-a');
  const two = await findAttemptWithWorker(t.db, id, 2);
  assert.equal(two?.attempt.attempt, 2);
  assert.equal(two?.worker, undefined);
  assert.equal(await findAttemptWithWorker(t.db, id, 3), null);
  assert.equal(await findAttemptWithWorker(t.db, 'nope', 1), null);
});

test('recordTrialStarted: a first start, the same start again, a start elsewhere replacing the open attempt', async () => {
  const { trials } = await sampleExperiment(t.db, 'starts', 1);
  const id = trials[0]!.id;
  await upsertWorkerHeartbeat(t.db, { id: 'sw-1', hostname: 'host-1', pid: 1, backend: 'cpu', status: 'BUSY' });

  const first = await recordTrialStarted(t.db, id, 'sw-1', decisions('sw-1'));
  assert.equal(first.kind, 'started');
  assert.equal(first.kind === 'started' && first.from, 'QUEUED');
  assert.equal(first.trial.status, 'RUNNING');
  assert.equal(first.trial.attempt, 1);
  assert.equal(first.trial.workerId, 'sw-1');

  const again = decisions('sw-1');
  const dup = await recordTrialStarted(t.db, id, 'sw-1', again);
  assert.equal(dup.kind, 'duplicate');
  assert.deepEqual(again.seen, [], 'nothing closed');
  assert.equal((await getTrial(t.db, id)).attempt, 1, 'nothing written');

  const other = decisions('sw-2');
  const moved = await recordTrialStarted(t.db, id, 'sw-2', other);
  assert.equal(moved.kind, 'started');
  assert.equal(moved.kind === 'started' && moved.from, 'RUNNING');
  assert.equal(moved.trial.attempt, 2);
  assert.deepEqual(other.seen, ['1@sw-1:host-1'], 'the open attempt and its worker row were handed to endOfReplaced');
  assert.deepEqual(
    (await listAttempts(t.db, id)).map((a) => [a.attempt, a.workerId, a.status, a.error, a.finishedAt === null]),
    [
      [1, 'sw-1', 'STOPPED', 'replaced by sw-2', false],
      [2, 'sw-2', 'RUNNING', null, true],
    ],
  );
});

test('recordTrialStarted: crashes of this run reach the limit: FAILED, the new attempt closed as not run', async () => {
  const { trials } = await sampleExperiment(t.db, 'poison', 1);
  const id = trials[0]!.id;
  const outcomes = [];
  for (const w of ['pw-1', 'pw-2', 'pw-3']) outcomes.push(await recordTrialStarted(t.db, id, w, decisions(w, 2, 'FAILED')));
  assert.deepEqual(outcomes.map((o) => o.kind), ['started', 'started', 'poison']);
  const poison = outcomes[2]!;
  assert.ok(poison.kind === 'poison');
  assert.equal(poison.reason, 'crashed 1,2');
  assert.deepEqual(poison.crashes.sort(), [1, 2]);
  assert.equal(poison.trial.status, 'FAILED');
  assert.equal(poison.trial.error, 'crashed 1,2');
  assert.deepEqual(
    (await listAttempts(t.db, id)).map((a) => [a.attempt, a.status, a.error]),
    [
      [1, 'FAILED', 'replaced by pw-2'],
      [2, 'FAILED', 'replaced by pw-3'],
      [3, 'STOPPED', 'not run: crashed 1,2'],
    ],
  );
  // Finished now: a late start changes nothing.
  const late = await recordTrialStarted(t.db, id, 'pw-4', decisions('pw-4'));
  assert.equal(late.kind, 'terminal');
  assert.equal((await getTrial(t.db, id)).attempt, 3);
});

test('recordTrialStarted: crashes before the trial last started from QUEUED do not count', async () => {
  const { trials } = await sampleExperiment(t.db, 'poison-retry', 1);
  const id = trials[0]!.id;
  await recordTrialStarted(t.db, id, 'rw-1', decisions('rw-1', 2, 'FAILED'));
  await recordTrialStarted(t.db, id, 'rw-2', decisions('rw-2', 2, 'FAILED')); // attempt 1 crashed
  // A retry: the trial is back in QUEUED with started_at cleared, as requeueForRetry leaves it.
  await transitionTrial(t.db, id, ['RUNNING'], 'FAILED', { error: 'x' });
  await transitionTrial(t.db, id, ['FAILED'], 'QUEUED', { startedAt: null });
  await new Promise((r) => setTimeout(r, 5));
  const retried = await recordTrialStarted(t.db, id, 'rw-3', decisions('rw-3', 2, 'FAILED'));
  assert.equal(retried.kind, 'started', 'the crash of the earlier run is not counted');
});

test('recordTrialStarted: concurrent starts of one trial are serialized by the row lock', async () => {
  const { trials } = await sampleExperiment(t.db, 'start-race', 1);
  const id = trials[0]!.id;
  const workers = ['cw-1', 'cw-2', 'cw-3', 'cw-4', 'cw-5'];
  const outcomes = await Promise.all(workers.map((w) => recordTrialStarted(t.db, id, w, decisions(w, 100))));
  assert.deepEqual(outcomes.map((o) => o.kind), workers.map(() => 'started'));
  // Each start saw the one before it: attempts 1..5, every one but the last closed.
  assert.deepEqual(outcomes.map((o) => o.trial.attempt).sort(), [1, 2, 3, 4, 5]);
  const attempts = await listAttempts(t.db, id);
  assert.deepEqual(attempts.map((a) => a.attempt), [1, 2, 3, 4, 5]);
  assert.deepEqual(attempts.map((a) => a.finishedAt === null), [false, false, false, false, true]);
  assert.equal((await getTrial(t.db, id)).attempt, 5);
});

test('recordTrialStarted: unknown trial is NOT_FOUND', async () => {
  await assert.rejects(recordTrialStarted(t.db, MISSING, 'w', decisions('w')), isCode('NOT_FOUND'));
  await assert.rejects(recordTrialStarted(t.db, 'nope', 'w', decisions('w')), isCode('NOT_FOUND'));
});

test('recordTrialFinished: stores the result, closes the producing attempt, supersedes another open one', async () => {
  const { experiment, trials } = await sampleExperiment(t.db, 'finish', 1);
  const id = trials[0]!.id;
  await recordTrialStarted(t.db, id, 'fw-1', decisions('fw-1'));
  await recordTrialStarted(t.db, id, 'fw-2', decisions('fw-2')); // a redelivery: attempt 1 closed, 2 open on fw-2
  const done = await recordTrialFinished(t.db, {
    trialId: id,
    workerId: 'fw-1',
    status: 'SUCCEEDED',
    error: null,
    fields: { finalMetrics: { test_accuracy: 0.9 }, summary: { epochsRun: 2 }, currentEpoch: 2 },
    points: [
      { key: 'loss', step: 0, value: 1 },
      { key: 'loss', step: 1, value: 0.5 },
    ],
    finals: [{ key: 'test_accuracy', step: 0, value: 0.9 }],
    artifacts: [{ name: 'model', kind: 'model', path: 'm/1', sizeBytes: 10 }],
  });
  assert.ok(done);
  assert.equal(done.trial.status, 'SUCCEEDED');
  assert.equal(done.trial.workerId, 'fw-1');
  assert.equal(done.trial.currentEpoch, 2);
  assert.deepEqual(done.trial.finalMetrics, { test_accuracy: 0.9 });
  assert.deepEqual(done.epochRows.map((r) => [r.key, r.step]), [['loss', 0], ['loss', 1]], 'only the epoch points come back');
  assert.equal(done.epochRows[0]!.experimentId, experiment.id);
  assert.equal(done.supersededOthers, true);
  assert.deepEqual(
    (await listAttempts(t.db, id)).map((a) => [a.attempt, a.workerId, a.status, a.error]),
    [
      [1, 'fw-1', 'SUCCEEDED', null],
      [2, 'fw-2', 'STOPPED', 'superseded: attempt 1 on fw-1 finished the trial'],
    ],
  );
  assert.deepEqual((await getTrialMetrics(t.db, id)).map((s) => s.key), ['loss', 'test_accuracy']);
  assert.deepEqual((await listArtifacts(t.db, id)).map((a) => a.path), ['m/1']);
  // Replayed: nothing written.
  assert.equal(await recordTrialFinished(t.db, { trialId: id, workerId: 'fw-2', status: 'FAILED', error: 'late', points: [], artifacts: [] }), null);
  assert.equal((await getTrial(t.db, id)).status, 'SUCCEEDED');
});

test('recordTrialFinished: a finish whose start was never applied opens its attempt; stored points are not returned again', async () => {
  const { experiment, trials } = await sampleExperiment(t.db, 'finish-unstarted', 1);
  const id = trials[0]!.id;
  await insertMetrics(t.db, id, experiment.id, [{ key: 'loss', step: 0, value: 1 }]);
  const done = await recordTrialFinished(t.db, {
    trialId: id,
    workerId: 'uw-1',
    status: 'STOPPED',
    error: 'stop requested',
    attemptError: null,
    points: [
      { key: 'loss', step: 0, value: 9 },
      { key: 'loss', step: 1, value: 0.5 },
    ],
    artifacts: [],
  });
  assert.ok(done);
  assert.equal(done.trial.attempt, 1, 'the trial points at the attempt opened for the result');
  assert.equal(done.trial.error, 'stop requested');
  assert.deepEqual(done.epochRows.map((r) => r.step), [1]);
  assert.equal(done.supersededOthers, false);
  assert.deepEqual((await listAttempts(t.db, id)).map((a) => [a.attempt, a.workerId, a.status, a.error, a.finishedAt !== null]), [[1, 'uw-1', 'STOPPED', null, true]]);
  await assert.rejects(recordTrialFinished(t.db, { trialId: MISSING, workerId: 'w', status: 'FAILED', error: null, points: [], artifacts: [] }), isCode('NOT_FOUND'));
});
