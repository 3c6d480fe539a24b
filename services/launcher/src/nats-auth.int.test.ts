/**
 * The nats-server the launcher spawns, for real: no anonymous clients, each service connects
 * with its own user and does its job, and the server itself refuses what a role may not do.
 * A restart on the same state keeps the credentials and the JetStream data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { connectMessaging, ensureTopology, inboxPrefix, sendCommand, serveCommand, type Messaging, type ServiceRole } from '@trialgrid/messaging';
import { freePort } from './net.js';
import { resolveNats, type ResolvedNats } from './nats.js';
import { Output } from './processes.js';
import { TEST_NATS_CANDIDATES } from './test-binaries.js';

const PREFIX = 'tglauth';

/** Subjects (or `error: ...`) that `nc` receives on `subject` while `act` runs and `ms` after. */
async function collect(nc: NatsConnection, subject: string, ms: number, act: () => Promise<void>): Promise<string[]> {
  const got: string[] = [];
  const sub = nc.subscribe(subject, {
    callback: (err, msg) => {
      got.push(err ? `error: ${err.message}` : msg.subject);
    },
  });
  await nc.flush().catch(() => undefined);
  await act();
  await new Promise((r) => setTimeout(r, ms));
  sub.unsubscribe();
  return got;
}

test("the launcher's nats-server: a user per service, least privilege enforced by the server, kept across restarts", { timeout: 60_000 }, async () => {
  const state = mkdtempSync(join(tmpdir(), 'launcher-nats-auth-'));
  const port = await freePort();
  const lines: string[] = [];
  const options = {
    localPort: port,
    skipLocal: true,
    storeDir: join(state, 'nats'),
    pathEnv: process.env['PATH'],
    extraCandidates: TEST_NATS_CANDIDATES,
    output: new Output('json', (line: string) => lines.push(line)),
    auth: { credentialsFile: join(state, 'nats-credentials.json'), configFile: join(state, 'nats.conf'), prefix: PREFIX },
  };
  let nats: ResolvedNats | undefined;
  const open: Messaging[] = [];
  try {
    nats = await resolveNats(options);
    assert.equal(nats.source, 'spawned');
    const creds = nats.credentials;
    assert.ok(creds, 'a spawned server reports the logins it was configured with');
    for (const file of ['nats-credentials.json', 'nats.conf']) assert.equal(statSync(join(state, file)).mode & 0o777, 0o600, file);
    assert.deepEqual(JSON.parse(readFileSync(join(state, 'nats-credentials.json'), 'utf8')), creds);

    // Nobody gets in without a password.
    await assert.rejects(connect({ servers: nats.url, timeout: 2000, reconnect: false }), /[Aa]uthorization/);
    await assert.rejects(connect({ servers: nats.url, user: 'worker', pass: 'guess', timeout: 2000, reconnect: false }), /[Aa]uthorization/);

    const as = async (role: ServiceRole): Promise<Messaging> => {
      const m = await connectMessaging({ servers: nats!.url, prefix: PREFIX, name: role, user: creds[role].user, pass: creds[role].password, role });
      open.push(m);
      return m;
    };
    const scheduler = await as('scheduler');
    await ensureTopology(scheduler, { ackWaitMs: 5_000, maxDeliver: 3 });
    const gateway = await as('gateway');
    const worker = await as('worker');
    const registry = await as('registry');

    // Allowed: the gateway's command reaches the scheduler and the reply comes back.
    const stop = serveCommand(scheduler, 'experiment.cancel', (i) => ({ experimentId: i.experimentId, status: 'CANCELLED' as const }));
    await scheduler.nc.flush();
    const reply = await sendCommand(gateway, 'experiment.cancel', { experimentId: 'e1' }, { timeoutMs: 3_000 });
    assert.equal(reply.status, 'CANCELLED');

    // Denied by the server: a worker or the registry sending that command never reaches the scheduler.
    const cancel = scheduler.subjects.cmd('experiment.cancel');
    const forged = await collect(scheduler.nc, cancel, 300, async () => {
      for (const m of [worker, registry]) {
        m.nc.publish(cancel, '{"experimentId":"e1"}');
        await m.nc.flush().catch(() => undefined);
      }
    });
    assert.deepEqual(forged, [], 'no forged command arrived');
    // ... nor may the worker listen to commands or to the gateway's replies.
    for (const subject of [`${PREFIX}.cmd.>`, `${inboxPrefix('gateway')}.>`]) {
      const got = await collect(worker.nc, subject, 200, async () => undefined);
      assert.match(got[0] ?? '', /[Pp]ermissions? [Vv]iolation/, subject);
    }
    stop();
    assert.ok(lines.some((l) => /Violation/.test(l)), 'the server logged the violations through the launcher');

    // Allowed: a worker pulls its trial and reports on EVENTS.
    await scheduler.js.publish(scheduler.subjects.trialDispatch, '{}');
    const consumer = await worker.js.consumers.get(worker.streams.trials, worker.streams.workersConsumer);
    const msg = await consumer.next({ expires: 3_000 });
    assert.ok(msg && (await msg.ackAck()));
    assert.equal((await worker.js.publish(worker.subjects.trialStarted('t1'), '{}')).stream, worker.streams.events);

    for (const m of open.splice(0)) await m.close();
    await nats.stop();

    // Second start on the same state: the same logins, the streams still there.
    nats = await resolveNats(options);
    assert.deepEqual(nats.credentials, creds);
    const again = await as('scheduler');
    assert.equal((await again.jsm.streams.info(again.streams.events)).state.messages, 1);
  } finally {
    for (const m of open) await m.close().catch(() => undefined);
    await nats?.stop();
    rmSync(state, { recursive: true, force: true });
  }
});
