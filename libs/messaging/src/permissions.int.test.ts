/**
 * Per-service NATS credentials against a real nats-server this test starts with the
 * configuration natsAuthConfig() writes: a worker's credentials cannot send a client command
 * (nor listen to commands), while the gateway's can, and the worker can still do its own job
 * (including its one command, trial.state, which the gateway in turn may not send).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  connectMessaging,
  deleteStreamMessage,
  ensureTopology,
  fetchOne,
  getStreamMessage,
  inboxPrefix,
  natsAuthConfig,
  sendCommand,
  serveCommand,
  type Messaging,
  type NatsUser,
  type ServiceRole,
} from './index.js';
import { freePort, NATS_SERVER_BINARY } from './test-helpers.js';

const BINARY = NATS_SERVER_BINARY;
const skip = BINARY ? false : 'no nats-server binary';
const PREFIX = 'tgperm';
const users: NatsUser[] = (['gateway', 'scheduler', 'registry', 'worker'] as const).map((role) => ({ role, user: role, password: `${role}-secret-pw` }));

let server: ChildProcess | undefined;
let dir: string;
let url: string;


const as = (role: ServiceRole, password = `${role}-secret-pw`): Promise<NatsConnection> =>
  connect({ servers: url, user: role, pass: password, timeout: 3000, inboxPrefix: inboxPrefix(role) });
const service = (role: ServiceRole): Promise<Messaging> =>
  connectMessaging({ servers: url, prefix: PREFIX, name: role, user: role, pass: `${role}-secret-pw`, role });

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'tg-nats-perm-'));
  const port = await freePort();
  const conf = join(dir, 'nats.conf');
  writeFileSync(conf, `listen: "127.0.0.1:${port}"\njetstream { store_dir: ${JSON.stringify(join(dir, 'js'))} }\n${natsAuthConfig(PREFIX, users)}`, { mode: 0o600 });
  server = spawn(BINARY!, ['-c', conf], { stdio: 'ignore' });
  url = `nats://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await (await as('scheduler')).close();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('nats-server with the auth config did not come up');
});

after(async () => {
  server?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Subjects of the messages `nc` receives on `subject` within `ms` (a subscription error is `error: ...`). */
async function collect(nc: NatsConnection, subject: string, ms: number, act: () => Promise<void>): Promise<string[]> {
  const got: string[] = [];
  const sub = nc.subscribe(subject, {
    callback: (err, msg) => {
      got.push(err ? `error: ${err.message}` : msg.subject);
    },
  });
  await nc.flush();
  await act();
  await new Promise((r) => setTimeout(r, ms));
  sub.unsubscribe();
  return got;
}

test('no credentials or a wrong password: refused', { skip }, async () => {
  await assert.rejects(connect({ servers: url, timeout: 2000 }));
  await assert.rejects(as('worker', 'guess'));
});

test("a worker's credentials cannot send a command; the gateway's can", { skip }, async () => {
  const scheduler = await as('scheduler');
  const worker = await as('worker');
  const gateway = await as('gateway');
  try {
    const subject = `${PREFIX}.cmd.experiment.cancel`;
    const fromWorker = await collect(scheduler, subject, 300, async () => {
      worker.publish(subject, '{"experimentId":"x"}');
      await worker.flush().catch(() => undefined);
    });
    assert.deepEqual(fromWorker, [], 'the scheduler never sees a command the worker published');
    await assert.rejects(worker.request(subject, '{}', { timeout: 1000 }), 'a worker request for a command fails');
    const fromGateway = await collect(scheduler, subject, 300, async () => {
      gateway.publish(subject, '{"experimentId":"x"}');
      await gateway.flush();
    });
    assert.deepEqual(fromGateway, [subject]);

    // Nor may a worker listen to commands (to steal or answer them).
    const stolen = await collect(worker, `${PREFIX}.cmd.>`, 300, async () => {
      gateway.publish(`${PREFIX}.cmd.model.transition`, '{}');
      await gateway.flush();
    });
    assert.equal(stolen.length, 1);
    assert.match(stolen[0] ?? '', /^error: .*[Pp]ermissions? [Vv]iolation/, 'the server refuses the subscription itself');
  } finally {
    await Promise.all([scheduler.close(), worker.close(), gateway.close()]);
  }
});

test('each service does its own job with its own credentials', { skip }, async () => {
  let scheduler: Messaging | undefined;
  let worker: Messaging | undefined;
  let gateway: Messaging | undefined;
  try {
    scheduler = await service('scheduler');
    await ensureTopology(scheduler, { ackWaitMs: 5000, maxDeliver: 3 });
    // A second call updates what exists (stream and consumer update subjects).
    await ensureTopology(scheduler, { ackWaitMs: 6000, maxDeliver: 3 });
    worker = await service('worker');
    // The worker publishes its trial events into the EVENTS stream and heartbeats on core NATS.
    const ack = await worker.js.publish(worker.subjects.trialStarted('t1'), '{}');
    assert.equal(ack.stream, scheduler.streams.events);
    const beats = await collect(scheduler.nc, scheduler.subjects.workerHeartbeat, 200, async () => {
      worker!.nc.publish(worker!.subjects.workerHeartbeat, '{}');
      await worker!.nc.flush();
    });
    assert.equal(beats.length, 1);
    // It pulls its trials from the work queue and acks them.
    await scheduler.js.publish(scheduler.subjects.trialDispatch, '{"trialId":"t1"}');
    const consumer = await worker.js.consumers.get(worker.streams.trials, worker.streams.workersConsumer);
    const msg = await consumer.next({ expires: 3000 });
    assert.ok(msg, 'the worker received a dispatch');
    assert.ok(await msg.ackAck(), 'and acked it');
    // But it may not publish dispatches or experiment events itself.
    await assert.rejects(worker.js.publish(worker.subjects.trialDispatch, '{}', { timeout: 1000 }));
    await assert.rejects(worker.js.publish(worker.subjects.experimentFinished('e1'), '{}', { timeout: 1000 }));
    // It asks the scheduler whether a trial is still runnable (it has no database), and the answer comes back.
    const stopServing = serveCommand(scheduler, 'trial.state', (i) => ({ trialId: i.trialId, status: 'RUNNING' as const, stopRequested: true, attempt: 2 }));
    try {
      await scheduler.nc.flush();
      assert.deepEqual(await sendCommand(worker, 'trial.state', { trialId: 't1' }, { timeoutMs: 3000 }), { trialId: 't1', status: 'RUNNING', stopRequested: true, attempt: 2 });
      // The gateway may not send it (it is the workers' command), nor the worker the gateway's.
      gateway = await service('gateway');
      await assert.rejects(sendCommand(gateway, 'trial.state', { trialId: 't1' }, { timeoutMs: 1000 }));
      await assert.rejects(sendCommand(worker, 'trial.stop', { trialId: 't1' }, { timeoutMs: 1000 }));
    } finally {
      stopServing();
    }
  } finally {
    await gateway?.close();
    await worker?.close();
    await scheduler?.close();
  }
});

test("replies travel on each role's own inbox: a worker cannot read the gateway's", { skip }, async () => {
  let scheduler: Messaging | undefined;
  let gateway: Messaging | undefined;
  let registry: Messaging | undefined;
  const worker = await as('worker');
  try {
    scheduler = await service('scheduler');
    registry = await service('registry');
    gateway = await service('gateway');
    // The worker tries to listen to every reply, then to the gateway's.
    const spied: string[] = [];
    for (const subject of ['_INBOX.>', `${inboxPrefix('gateway')}.>`]) {
      worker.subscribe(subject, {
        callback: (err, msg) => {
          spied.push(err ? `error: ${err.message}` : msg.subject);
        },
      });
    }
    await worker.flush().catch(() => undefined);
    const stopServing = serveCommand(scheduler, 'trial.stop', (i) => ({ trialId: i.trialId, status: 'STOPPED' as const, stopRequested: true }));
    const stopModel = serveCommand(registry, 'model.setAlias', () => ({ id: 'v1', versionId: 'v1', modelName: 'm', version: 1, stage: 'None' as const, aliases: [] }));
    await scheduler.nc.flush();
    await registry.nc.flush();
    // The gateway's commands reach both servers and their replies come back to it.
    assert.equal((await sendCommand(gateway, 'trial.stop', { trialId: 't1' }, { timeoutMs: 3000 })).status, 'STOPPED');
    const alias = await sendCommand(gateway, 'model.setAlias', { modelName: 'm', version: 1, alias: 'a' }, { timeoutMs: 3000 });
    assert.equal(alias.modelName, 'm');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(spied.filter((s) => !s.startsWith('error:')).length, 0, `no reply reached the worker: ${spied.join(', ')}`);
    assert.ok(spied.some((s) => /[Pp]ermissions? [Vv]iolation/.test(s)), 'the server refused the subscriptions');
    stopServing();
    stopModel();
  } finally {
    await worker.close();
    await gateway?.close();
    await registry?.close();
    await scheduler?.close();
  }
});

test('no service may serve or send what is not its own', { skip }, async () => {
  const registry = await as('registry');
  const gateway = await as('gateway');
  const scheduler = await as('scheduler');
  try {
    // The registry cannot take the scheduler's commands, nor send any.
    const stolen = await collect(registry, `${PREFIX}.cmd.experiment.cancel`, 200, async () => undefined);
    assert.match(stolen[0] ?? '', /[Pp]ermissions? [Vv]iolation/);
    const fromRegistry = await collect(scheduler, `${PREFIX}.cmd.experiment.cancel`, 300, async () => {
      registry.publish(`${PREFIX}.cmd.experiment.cancel`, '{}');
      await registry.flush().catch(() => undefined);
    });
    assert.deepEqual(fromRegistry, []);
    // The gateway cannot forge a worker's trial event or a scheduler's dispatch: the streams stay as they were.
    const admin = await service('scheduler');
    try {
      await ensureTopology(admin, { ackWaitMs: 5000, maxDeliver: 3 });
      const stored = async (): Promise<number[]> =>
        Promise.all([admin.streams.events, admin.streams.trials].map(async (name) => (await admin.jsm.streams.info(name)).state.messages));
      const before = await stored();
      gateway.publish(`${PREFIX}.events.trial.t1.finished`, '{}');
      gateway.publish(`${PREFIX}.trials.dispatch`, '{}');
      await gateway.flush().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(await stored(), before);
    } finally {
      await admin.close();
    }
    // Nor delete the work queue's streams (JetStream admin is the scheduler's).
    await assert.rejects(gateway.request(`$JS.API.STREAM.DELETE.${PREFIX.toUpperCase()}_TRIALS`, '', { timeout: 1000 }));
  } finally {
    await Promise.all([registry.close(), gateway.close(), scheduler.close()]);
  }
});

test('the rarer JetStream paths fit the lists: stored-message reads and deletes, a malformed dispatch termed and removed', { skip }, async () => {
  const scheduler = await service('scheduler');
  const worker = await service('worker');
  try {
    await ensureTopology(scheduler, { ackWaitMs: 5000, maxDeliver: 3 });
    const stored = async (stream: string): Promise<number> => (await scheduler.jsm.streams.info(stream)).state.messages;
    const before = await stored(scheduler.streams.trials);
    // The scheduler reads and removes dispatches by sequence (reconcile, cancel) and reads the last event of a trial.
    const ack = await scheduler.js.publish(scheduler.subjects.trialDispatch, '{"kept":false}');
    assert.ok(await getStreamMessage(scheduler, scheduler.streams.trials, ack.seq));
    assert.equal(await deleteStreamMessage(scheduler, scheduler.streams.trials, ack.seq), true);
    await worker.js.publish(worker.subjects.trialFinished('t9'), '{}');
    assert.ok(await scheduler.jsm.streams.getMessage(scheduler.streams.events, { last_by_subj: scheduler.subjects.trialFinished('t9') }));
    // A worker terms a malformed dispatch, and deletes it from the work queue.
    await scheduler.js.publish(scheduler.subjects.trialDispatch, 'not an envelope');
    const got = await fetchOne(worker, { stream: worker.streams.trials, consumer: worker.streams.workersConsumer, type: 'trial.dispatch', expiresMs: 1500 });
    assert.equal(got, null, 'nothing valid to hand out');
    for (let i = 0; i < 50 && (await stored(scheduler.streams.trials)) !== before; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await stored(scheduler.streams.trials), before, 'the malformed dispatch was removed by the worker');
  } finally {
    await worker.close();
    await scheduler.close();
  }
});
