/**
 * trialgrid_nats_disconnects_total / trialgrid_nats_reconnects_total move when the NATS server
 * really goes away and comes back: a nats-server this test starts on a free port is killed
 * (SIGKILL) and started again on the same port while a connectMessaging() connection is open.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { natsDisconnects, natsReconnects } from '@trialgrid/metrics';
import { connectMessaging, type Messaging } from './index.js';
import { freePort, NATS_SERVER_BINARY } from './test-helpers.js';

const BINARY = NATS_SERVER_BINARY;


async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const counter = async (c: typeof natsReconnects): Promise<number> => (await c.get()).values[0]?.value ?? 0;

let server: ChildProcess | undefined;
let messaging: Messaging | undefined;
const dir = mkdtempSync(join(tmpdir(), 'tg-nats-reconnect-'));

after(async () => {
  await messaging?.close();
  server?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

test('a lost and regained NATS server shows in the disconnect and reconnect counters', { skip: BINARY ? false : 'no nats-server binary' }, async () => {
  const port = await freePort();
  const url = `nats://127.0.0.1:${port}`;
  const start = (): ChildProcess => spawn(BINARY!, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', join(dir, 'js')], { stdio: 'ignore' });
  server = start();
  await until('nats-server to accept connections', async () => {
    try {
      messaging = await connectMessaging({ servers: url, prefix: 'tgreconnect', name: 'reconnect-test' });
      return true;
    } catch {
      return false;
    }
  });
  const disconnects = await counter(natsDisconnects);
  const reconnects = await counter(natsReconnects);

  const exited = new Promise((r) => server!.once('exit', r));
  server.kill('SIGKILL');
  await exited;
  await until('the disconnect to be counted', async () => (await counter(natsDisconnects)) === disconnects + 1);
  assert.equal(await counter(natsReconnects), reconnects, 'no reconnect while the server is down');

  server = start();
  await until('the reconnect to be counted', async () => (await counter(natsReconnects)) === reconnects + 1);
  await messaging!.ping();
});
