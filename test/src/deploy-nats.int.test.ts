/**
 * The compose file's NATS authorization (deploy/nats/auth.conf) on a real nats-server started
 * the way compose starts it (`-js -sd ... -c auth.conf`, passwords in the environment): no
 * anonymous client, each service's user gets in with its own password only, and a worker's
 * credentials cannot send a command while the gateway's can.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { connectMessaging, SERVICE_ROLES, type Messaging, type ServiceRole } from '@trialgrid/messaging';
import { freePort, natsServerBinary, repoRoot } from '@trialgrid/testing';

const BINARY = natsServerBinary();
const skip = BINARY ? false : 'no nats-server binary';
// The format deploy/.env.example asks for: a letter first, then hex.
const passwords = Object.fromEntries(SERVICE_ROLES.map((role) => [role, `tg${randomBytes(24).toString('hex')}`])) as Record<ServiceRole, string>;
let server: ChildProcess | undefined;
let dir = '';
let url = '';


const as = (role: ServiceRole, pass = passwords[role]): Promise<Messaging> =>
  connectMessaging({ servers: url, prefix: 'trialgrid', name: role, user: role, pass, role, connectTimeoutMs: 2000 });

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'tg-deploy-nats-'));
  const port = await freePort();
  const env: Record<string, string | undefined> = { ...process.env };
  for (const role of SERVICE_ROLES) env[`NATS_${role.toUpperCase()}_PASSWORD`] = passwords[role];
  server = spawn(BINARY!, ['-js', '-sd', join(dir, 'js'), '-a', '127.0.0.1', '-p', String(port), '-c', join(repoRoot(), 'deploy', 'nats', 'auth.conf')], { env, stdio: 'ignore' });
  url = `nats://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await (await as('scheduler')).close();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('nats-server with deploy/nats/auth.conf did not come up');
});

after(() => {
  server?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('deploy/nats/auth.conf: a password per service, no anonymous access', { skip }, async () => {
  await assert.rejects(connect({ servers: url, timeout: 2000, reconnect: false }), /[Aa]uthorization/);
  await assert.rejects(as('worker', passwords.gateway), /[Aa]uthorization/, "the gateway's password is not the worker's");
  for (const role of SERVICE_ROLES) await (await as(role)).close();
});

test("deploy/nats/auth.conf: a worker's credentials cannot send a command, the gateway's can", { skip }, async () => {
  const scheduler = await as('scheduler');
  const worker = await as('worker');
  const gateway = await as('gateway');
  try {
    const subject = scheduler.subjects.cmd('experiment.cancel');
    const got: string[] = [];
    const sub = scheduler.nc.subscribe(subject, {
      callback: (_err, msg) => {
        got.push(new TextDecoder().decode(msg.data));
      },
    });
    await scheduler.nc.flush();
    worker.nc.publish(subject, 'from-worker');
    await worker.nc.flush().catch(() => undefined);
    gateway.nc.publish(subject, 'from-gateway');
    await gateway.nc.flush();
    await new Promise((r) => setTimeout(r, 300));
    sub.unsubscribe();
    assert.deepEqual(got, ['from-gateway']);
  } finally {
    await Promise.all([scheduler.close(), worker.close(), gateway.close()]);
  }
});
