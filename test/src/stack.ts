/**
 * The whole trialgrid stack in one process for end-to-end tests: a fresh Postgres database,
 * a random NATS prefix, the scheduler, the registry, N workers and the gateway on a free
 * port (serving the dashboard build when present). `stop()` tears it all down in reverse.
 *
 * ```ts
 * const stack = await startStack({ workers: 1, trainLimit: 500 });
 * after(() => stack.stop());
 * const res = await fetch(stack.gatewayUrl, { method: 'POST', ... });
 * ```
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken, type Database } from '@trialgrid/db';
import { createGateway, gatewayConfig } from '@trialgrid/gateway';
import { createLogger, silentLogger, type Logger } from '@trialgrid/logger';
import { ensureTopology, type Messaging } from '@trialgrid/messaging';
import { createRegistry, loadRegistryConfig } from '@trialgrid/registry';
import { createScheduler } from '@trialgrid/scheduler';
import { mnistDir, startNats, startPostgres } from '@trialgrid/testing';
import { createWorker, loadWorkerConfig } from '@trialgrid/worker';

export interface StartStackOptions {
  /** Worker instances (default 1); each trains one trial at a time. */
  workers?: number;
  /** Default `trainLimit` for experiments built with `stack.quickInput()` (default 500). */
  trainLimit?: number;
  /** Default `testLimit` for `quickInput()` (default 200). */
  testLimit?: number;
  /** Log level for every component (default: silent; `TEST_LOG_LEVEL=debug` to see them). */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Heartbeat period of the workers (default 1 s, so liveness shows quickly). */
  heartbeatInterval?: string;
  /** JetStream ack_wait of the workers' consumer (default 30 s); short in redelivery tests. */
  ackWaitMs?: number;
  /** Gateway settings over the stack's (env names, e.g. `{ MAX_QUERY_COST: '1000000' }`). */
  gatewayEnv?: Record<string, string>;
}

export interface Stack {
  /** http://127.0.0.1:<port>/graphql */
  gatewayUrl: string;
  /** http://127.0.0.1:<port> (dashboard at `/`, bull-board at `/queues`). */
  baseUrl: string;
  db: Database;
  /** A connection on the stack's prefix (the test's own; services have theirs). */
  messaging: Messaging;
  prefix: string;
  artifactDir: string;
  /** For services started as child processes against the same stack. */
  natsUrl: string;
  databaseUrl: string;
  /** An admin API token (owner `e2e`): send it as `Authorization: Bearer <token>`. */
  token: string;
  /** `{ authorization: 'Bearer <token>' }`, for fetch. */
  authHeaders: Record<string, string>;
  /** A small CreateExperimentInput (GraphQL variables) with the stack's limits filled in. */
  quickInput(name: string, extra?: Record<string, unknown>): Record<string, unknown>;
  /** Stops everything in reverse start order and drops the database. Idempotent. */
  stop(): Promise<void>;
}


interface Stoppable {
  name: string;
  stop(): Promise<void> | void;
}

export async function startStack(options: StartStackOptions = {}): Promise<Stack> {
  const level = options.logLevel ?? (process.env['TEST_LOG_LEVEL'] as StartStackOptions['logLevel']) ?? 'silent';
  const logger: Logger = level === 'silent' ? silentLogger() : createLogger({ service: 'e2e', level });
  const disposers: Stoppable[] = [];
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      for (const d of disposers.reverse()) {
        try {
          await d.stop();
        } catch (err) {
          logger.warn({ err, component: d.name }, 'stack: stop failed');
        }
      }
    })();
    return stopping;
  };

  try {
    const pg = await startPostgres({ prefix: 'tg_e2e', max: 10 });
    disposers.push({ name: 'postgres', stop: () => pg.close() });
    const nats = await startNats();
    disposers.push({ name: 'nats', stop: () => nats.close() });
    const artifactDir = await mkdtemp(join(tmpdir(), 'tg-e2e-artifacts-'));
    disposers.push({ name: 'artifacts', stop: () => rm(artifactDir, { recursive: true, force: true }) });
    const prefix = nats.prefix;
    const common = { DATABASE_URL: pg.url, NATS_URL: nats.url, TRIALGRID_PREFIX: prefix, ARTIFACT_DIR: artifactDir, LOG_LEVEL: level === 'silent' ? 'fatal' : level };
    // The same consumer settings the scheduler declares (it ensures the topology too).
    const ackWaitMs = options.ackWaitMs ?? 30_000;
    const maxDeliver = 3;
    await ensureTopology(nats.messaging, { ackWaitMs, maxDeliver });

    const scheduler = createScheduler({
      db: pg.db,
      messaging: await nats.connect('scheduler'),
      logger: logger.child({ service: 'scheduler' }),
      config: { ackWaitMs, maxDeliver, workerStaleAfterMs: 10_000, dispatchIntervalMs: 1_000, reconcileGraceMs: 5_000 },
    });
    await scheduler.start();
    disposers.push({ name: 'scheduler', stop: () => scheduler.stop() });

    const registry = createRegistry({
      db: pg.db,
      messaging: await nats.connect('registry'),
      logger: logger.child({ service: 'registry' }),
      config: { ...loadRegistryConfig(common), latencyRuns: 5 },
    });
    await registry.start();
    disposers.push({ name: 'registry', stop: () => registry.stop() });

    for (let i = 0; i < (options.workers ?? 1); i++) {
      // No database: a worker's only connection is NATS.
      const worker = createWorker({
        messaging: await nats.connect(`worker-${i}`),
        logger: logger.child({ service: 'worker', worker: i }),
        config: loadWorkerConfig({
          ...common,
          DATA_DIR: mnistDir(),
          WORKER_ID: `e2e-${prefix}-w${i}`,
          HEARTBEAT_INTERVAL: options.heartbeatInterval ?? '1s',
          HEALTH_PORT: '0',
        }),
      });
      await worker.start();
      disposers.push({ name: `worker-${i}`, stop: () => worker.stop() });
    }

    const gateway = createGateway({
      db: pg.db,
      messaging: await nats.connect('gateway'),
      logger: logger.child({ service: 'gateway' }),
      config: gatewayConfig({ ...common, HOST: '127.0.0.1', PORT: '0', COMMAND_TIMEOUT: '30s', WORKER_STALE_AFTER: '10s', ...options.gatewayEnv }),
    });
    const { url } = await gateway.start();
    disposers.push({ name: 'gateway', stop: () => gateway.stop() });

    const { token } = await createApiToken(pg.db, { name: 'e2e', owner: 'e2e', role: 'admin', createdBy: 'test' });
    const trainLimit = options.trainLimit ?? 500;
    const testLimit = options.testLimit ?? 200;
    return {
      gatewayUrl: `${url}/graphql`,
      baseUrl: url,
      db: pg.db,
      messaging: nats.messaging,
      prefix,
      artifactDir,
      quickInput: (name, extra = {}) => ({ name, trainLimit, testLimit, epochs: 2, maxParallelTrials: 2, ...extra }),
      natsUrl: nats.url,
      databaseUrl: pg.url,
      token,
      authHeaders: { authorization: `Bearer ${token}` },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
