/**
 * Per-service NATS credentials against a real nats-server this test starts with the
 * configuration natsAuthConfig() writes: a worker's credentials cannot send a command (nor
 * listen to commands), while the gateway's can, and the worker can still do its own job.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { connectMessaging, ensureTopology, natsAuthConfig, type Messaging, type NatsUser } from './index.js';

const BINARY = ['/usr/sbin/nats-server', '/usr/local/bin/nats-server', '/usr/bin/nats-server'].find((p) => existsSync(p));
const skip = BINARY ? false : 'no nats-server binary';
const PREFIX = 'tgperm';
const users: NatsUser[] = (['gateway', 'scheduler', 'registry', 'worker'] as const).map((role) => ({ role, user: role, password: `${role}-secret-pw` }));

let server: ChildProcess | undefined;
let dir: string;
let url: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const as = (role: string, password = `${role}-secret-pw`): Promise<NatsConnection> => connect({ servers: url, user: role, pass: password, timeout: 3000 });

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
  try {
    scheduler = await connectMessaging({ servers: url, prefix: PREFIX, name: 'scheduler', user: 'scheduler', pass: 'scheduler-secret-pw' });
    await ensureTopology(scheduler, { ackWaitMs: 5000, maxDeliver: 3 });
    worker = await connectMessaging({ servers: url, prefix: PREFIX, name: 'worker', user: 'worker', pass: 'worker-secret-pw' });
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
  } finally {
    await worker?.close();
    await scheduler?.close();
  }
});
