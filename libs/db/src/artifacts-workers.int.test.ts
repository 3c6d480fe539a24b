import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listArtifacts, listWorkers, upsertArtifacts, upsertWorkerHeartbeat, workers } from './index.js';
import { eq, sql } from 'drizzle-orm';
import { sampleExperiment, isCode, useFreshDatabase } from './test-support.js';

const t = useFreshDatabase();

test('upsertArtifacts inserts, replaces by name, and lists by name', async () => {
  const { trials } = await sampleExperiment(t.db, 'artifacts', 1);
  const tid = trials[0]!.id;
  const first = await upsertArtifacts(t.db, tid, [
    { name: 'model', kind: 'model', path: 'e/t/model', sizeBytes: 1000 },
    { name: 'confusion_matrix.json', kind: 'json', path: 'e/t/cm.json', sizeBytes: 200, sha256: 'abc' },
  ]);
  assert.equal(first.length, 2);
  const replaced = await upsertArtifacts(t.db, tid, [
    { name: 'model', kind: 'model', path: 'e/t/attempt2/model', sizeBytes: 1200 },
    { name: 'model', kind: 'model', path: 'e/t/attempt3/model', sizeBytes: 1300 },
  ]);
  assert.equal(replaced.length, 1);
  const list = await listArtifacts(t.db, tid);
  assert.deepEqual(list.map((a) => [a.name, a.path, a.sizeBytes, a.sha256]), [
    ['confusion_matrix.json', 'e/t/cm.json', 200, 'abc'],
    ['model', 'e/t/attempt3/model', 1300, null],
  ]);
  assert.equal(list.find((a) => a.name === 'model')!.id, first.find((a) => a.name === 'model')!.id);
  await assert.rejects(upsertArtifacts(t.db, '00000000-0000-4000-8000-000000000000', [{ name: 'm', kind: 'model', path: 'p', sizeBytes: 1 }]), isCode('NOT_FOUND'));
  assert.deepEqual(await listArtifacts(t.db, 'nope'), []);
});

test('worker heartbeats, liveness from last_heartbeat_at, and stop', async () => {
  const hb = { id: 'worker-a', hostname: 'h1', pid: 42, backend: 'wasm', status: 'IDLE' as const, details: { cores: 2 } };
  const w = await upsertWorkerHeartbeat(t.db, hb);
  assert.equal(w.status, 'IDLE');
  await upsertWorkerHeartbeat(t.db, { id: 'worker-b', hostname: 'h2', pid: 7, backend: 'wasm', status: 'IDLE' });
  const busy = await upsertWorkerHeartbeat(t.db, { ...hb, status: 'BUSY', currentTrialId: '0f8fad5b-d9cb-469f-a165-70867728950e' });
  assert.equal(busy.status, 'BUSY');
  assert.ok(busy.lastHeartbeatAt.getTime() >= w.lastHeartbeatAt.getTime());
  assert.deepEqual(busy.startedAt, w.startedAt);

  // Age worker-b's heartbeat beyond the staleness window.
  await t.db.update(workers).set({ lastHeartbeatAt: sql`now() - interval '1 minute'` }).where(eq(workers.id, 'worker-b'));
  // Most recent heartbeat first; `aliveSince` keeps those heard from since (and not STOPPED).
  assert.deepEqual((await listWorkers(t.db)).map((x) => x.id), ['worker-a', 'worker-b']);
  const since = new Date(Date.now() - 15_000);
  assert.deepEqual((await listWorkers(t.db, { aliveSince: since })).map((x) => x.id), ['worker-a']);

  // A clean shutdown: the worker's last heartbeat says STOPPED.
  const stopped = await upsertWorkerHeartbeat(t.db, { ...hb, status: 'STOPPED' });
  assert.equal(stopped.status, 'STOPPED');
  assert.equal(stopped.currentTrialId, null);
  assert.deepEqual((await listWorkers(t.db, { aliveSince: since })).map((x) => x.id), [], 'a STOPPED worker is not alive');
  assert.deepEqual((await listWorkers(t.db)).map((x) => [x.id, x.status]), [['worker-a', 'STOPPED'], ['worker-b', 'IDLE']]);
});
