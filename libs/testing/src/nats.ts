/**
 * An isolated NATS namespace for one test file: the running server from TEST_NATS_URL /
 * NATS_URL (default nats://127.0.0.1:4222), a random subject/stream prefix, and cleanup.
 *
 * ```ts
 * const nats = await startNats({ topology: { ackWaitMs: 2000, maxDeliver: 3 } });
 * after(() => nats.close());
 * await publishJs(nats.messaging, nats.messaging.subjects.trialDispatch, 'trial.dispatch', dispatch);
 * ```
 */
import { randomBytes } from 'node:crypto';
import { connectMessaging, ensureTopology, type Messaging, type TopologyOptions } from '@trialgrid/messaging';
import type { Logger } from '@trialgrid/logger';

export interface StartNatsOptions {
  /** Server URL; default TEST_NATS_URL, then NATS_URL, then nats://127.0.0.1:4222. */
  url?: string;
  /** Use this prefix instead of a random `t_<hex>` one. */
  prefix?: string;
  /** Declare the streams and consumers right away. */
  topology?: TopologyOptions;
  logger?: Logger;
  /** Connection name (default `test-<prefix>`). */
  name?: string;
}

export interface NatsFixture {
  url: string;
  prefix: string;
  messaging: Messaging;
  /** Open another connection on the same prefix (e.g. a second service instance); closed by close(). */
  connect(name?: string): Promise<Messaging>;
  /** Delete every stream of this prefix and drain all connections. Idempotent. */
  close(): Promise<void>;
}

export function natsTestUrl(env: Record<string, string | undefined> = process.env): string {
  return env['TEST_NATS_URL'] ?? env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
}

export async function startNats(options: StartNatsOptions = {}): Promise<NatsFixture> {
  const url = options.url ?? natsTestUrl();
  const prefix = options.prefix ?? `t_${randomBytes(5).toString('hex')}`;
  const logger = options.logger;
  const connections: Messaging[] = [];
  const open = async (name: string): Promise<Messaging> => {
    const m = await connectMessaging({ servers: url, prefix, name, ...(logger ? { logger } : {}) });
    connections.push(m);
    return m;
  };
  const messaging = await open(options.name ?? `test-${prefix}`);
  if (options.topology) await ensureTopology(messaging, options.topology);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      // Every stream whose name starts with this prefix's stream prefix, not only the two
      // declared ones, so tests that add their own streams leave nothing behind.
      const streamPrefix = `${messaging.streams.trials.slice(0, -'TRIALS'.length)}`;
      try {
        const names: string[] = [];
        for await (const name of messaging.jsm.streams.names()) {
          if (name.startsWith(streamPrefix)) names.push(name);
        }
        for (const name of names) {
          try {
            await messaging.jsm.streams.delete(name);
          } catch {
            // already gone
          }
        }
      } catch {
        // server unreachable: nothing we can clean
      }
      for (const m of connections.reverse()) {
        try {
          await m.close();
        } catch {
          // keep closing the others
        }
      }
    })();
    return closing;
  };

  return { url, prefix, messaging, connect: (name = `test-${prefix}-${connections.length}`) => open(name), close };
}
