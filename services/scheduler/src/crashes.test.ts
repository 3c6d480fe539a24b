import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lostAttemptEnd, poisonReason, restartedSince, type LostAttemptInput } from './crashes.js';

const T0 = Date.parse('2026-11-30T09:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000);

/** An attempt started at T0 on w-1, judged 60 s later; WORKER_STALE_AFTER 30 s; hearing since long before. */
function input(worker: LostAttemptInput['worker'], overrides: Partial<LostAttemptInput> = {}): LostAttemptInput {
  return {
    attempt: { workerId: 'w-1', startedAt: at(0) },
    worker,
    cause: 'redelivered to w-2 (delivery 2)',
    now: T0 + 60_000,
    staleAfterMs: 30_000,
    hearingSince: T0 - 600_000,
    ...overrides,
  };
}

test('a worker restarted since the attempt began crashed while running it', () => {
  const end = lostAttemptEnd(input({ status: 'BUSY', startedAt: at(20), lastHeartbeatAt: at(59) }));
  assert.equal(end.crashed, true);
  assert.equal(end.status, 'FAILED');
  assert.match(end.error, /^worker w-1 died while training it \(restarted since\); redelivered to w-2 \(delivery 2\)$/);
});

test('a worker that said it shut down handed the trial back: not a crash', () => {
  const end = lostAttemptEnd(input({ status: 'STOPPED', startedAt: at(-100), lastHeartbeatAt: at(5) }));
  assert.deepEqual([end.crashed, end.status], [false, 'STOPPED']);
  assert.match(end.error, /^handed back: worker w-1 shut down/);
});

test('a worker silent past WORKER_STALE_AFTER while the scheduler could hear it is dead', () => {
  const end = lostAttemptEnd(input({ status: 'BUSY', startedAt: at(-100), lastHeartbeatAt: at(10) }));
  assert.deepEqual([end.crashed, end.status], [true, 'FAILED']);
  assert.match(end.error, /silent for 50 s/);
});

test('a live worker (fresh heartbeat, same process) lost only its acks: not a crash', () => {
  const end = lostAttemptEnd(input({ status: 'BUSY', startedAt: at(-100), lastHeartbeatAt: at(58) }));
  assert.deepEqual([end.crashed, end.status], [false, 'STOPPED']);
  assert.match(end.error, /not counted as a crash/);
});

test('silence that began before the scheduler could hear again (a NATS outage) proves nothing', () => {
  // Last heartbeat 50 s ago, but NATS came back only 5 s ago.
  const end = lostAttemptEnd(input({ status: 'BUSY', startedAt: at(-100), lastHeartbeatAt: at(10) }, { hearingSince: T0 + 55_000 }));
  assert.equal(end.crashed, false);
  // Once the worker stays silent past WORKER_STALE_AFTER after that, it is dead.
  assert.equal(lostAttemptEnd(input({ status: 'BUSY', startedAt: at(-100), lastHeartbeatAt: at(10) }, { hearingSince: T0 + 25_000 })).crashed, true);
});

test('a worker that never sent a heartbeat is not known to be dead', () => {
  const end = lostAttemptEnd(input(undefined));
  assert.deepEqual([end.crashed, end.status], [false, 'STOPPED']);
});

test('restartedSince compares the process start with the attempt start', () => {
  assert.equal(restartedSince({ startedAt: at(1) }, at(0)), true);
  assert.equal(restartedSince({ startedAt: at(0) }, at(0)), false);
  assert.equal(restartedSince(undefined, at(0)), false);
});

test('poisonReason names the count and the limit', () => {
  assert.equal(poisonReason(3, 3), 'its worker died 3 time(s) while training it (limit MAX_DELIVER=3); not run again');
});
