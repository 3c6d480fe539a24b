// Shared by this package's integration tests only (not exported from index.ts). The package
// cannot use @trialgrid/testing's startNats: that package depends on this one.
import { randomBytes } from 'node:crypto';
import { accessSync, constants, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { connectMessaging, type Messaging } from './connection.js';
import { deleteTopology, ensureTopology, type TopologyOptions } from './topology.js';

/**
 * A nats-server binary for the tests that start servers of their own: TRIALGRID_TEST_NATS_SERVER
 * (scripts/run-tests.mjs names the one it found on PATH or downloaded into the cache, so a
 * fresh machine runs these tests too), else Debian's or /usr/local's; undefined when none
 * (the tests are then skipped with that reason). A short copy of @trialgrid/testing's
 * natsServerBinary(), which this package cannot import (that package depends on this one).
 */
export const NATS_SERVER_BINARY: string | undefined = [process.env['TRIALGRID_TEST_NATS_SERVER'], '/usr/sbin/nats-server', '/usr/local/bin/nats-server'].find((file) => {
  if (!file) return false;
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
});

export const NATS_URL = process.env['TEST_NATS_URL'] ?? process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

export interface TestNamespace {
  m: Messaging;
  connect(name: string): Promise<Messaging>;
  cleanup(): Promise<void>;
}

export async function testNamespace(topology?: Partial<TopologyOptions>): Promise<TestNamespace> {
  const prefix = `t_${randomBytes(5).toString('hex')}`;
  const conns: Messaging[] = [];
  const connect = async (name: string): Promise<Messaging> => {
    const c = await connectMessaging({ servers: NATS_URL, prefix, name });
    conns.push(c);
    return c;
  };
  const m = await connect('messaging-int');
  await ensureTopology(m, { ackWaitMs: 10_000, maxDeliver: 3, ...topology });
  return {
    m,
    connect,
    async cleanup() {
      await deleteTopology(m);
      for (const c of conns) await c.close();
    },
  };
}

export async function waitFor(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A TCP port on 127.0.0.1 that was free a moment ago (see @trialgrid/testing's freePort; this package cannot import it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}
