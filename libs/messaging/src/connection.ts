/**
 * One NATS connection per process, with JetStream handles and the deployment's subject names.
 *
 * ```ts
 * const m = await connectMessaging({ servers: 'nats://127.0.0.1:4222', prefix: 'tg', name: 'scheduler', logger });
 * await m.ping();   // readiness
 * await m.close();  // drain on shutdown
 * ```
 */
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { AppError, errorMessage } from '@trialgrid/errors';
import { silentLogger, type Logger } from '@trialgrid/logger';
import { natsDisconnects, natsReconnects } from '@trialgrid/metrics';
import { streamNames, subjects, type Subjects } from './contracts.js';
import { inboxPrefix, type ServiceRole } from './permissions.js';

export interface MessagingOptions {
  /** One URL, a comma-separated list, or an array. */
  servers: string | string[];
  /** Subject/stream prefix of the deployment (tests use a random one). */
  prefix: string;
  /** Connection name shown by the server (e.g. `scheduler-<host>`). */
  name: string;
  logger?: Logger;
  /** How long the first connect may take before failing (default 5 s). */
  connectTimeoutMs?: number;
  /** Timeout of ping() (default 2 s). */
  pingTimeoutMs?: number;
  /** NATS user and password of this service (permissions.ts gives each role its own). */
  user?: string;
  pass?: string;
  /**
   * The service's role: its replies then arrive under `_INBOX.<role>` (inboxPrefix), the only
   * inbox its NATS user may read when the server applies natsPermissions().
   */
  role?: ServiceRole;
}

export interface Messaging {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly prefix: string;
  readonly subjects: Subjects;
  readonly streams: ReturnType<typeof streamNames>;
  readonly logger: Logger;
  /** Round trip to the server; throws AppError UNAVAILABLE when it is not reachable (readiness). */
  ping(): Promise<void>;
  /** Drain subscriptions and close. Idempotent. */
  close(): Promise<void>;
}

function serverList(servers: string | string[]): string[] {
  const list = Array.isArray(servers) ? servers : servers.split(',');
  return list.map((s) => s.trim()).filter((s) => s.length > 0);
}

export async function connectMessaging(options: MessagingOptions): Promise<Messaging> {
  const logger = (options.logger ?? silentLogger()).child({ component: 'nats' });
  const servers = serverList(options.servers);
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers,
      name: options.name,
      ...(options.user ? { user: options.user, pass: options.pass ?? '' } : {}),
      ...(options.role ? { inboxPrefix: inboxPrefix(options.role) } : {}),
      timeout: options.connectTimeoutMs ?? 5000,
      // Fail fast on the very first connect so a misconfigured service says so at boot;
      // after that, reconnect forever: NATS restarts must never kill a service.
      waitOnFirstConnect: false,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1000,
    });
  } catch (err) {
    throw new AppError(
      'UNAVAILABLE',
      `cannot reach NATS at ${servers.join(', ')} — is nats-server running (with JetStream, -js)? ${errorMessage(err)}`,
      { cause: err, details: { servers } },
    );
  }
  logger.info({ servers, server: nc.info?.server_name }, 'connected to NATS');
  void watchStatus(nc, logger);

  const js = jetstream(nc);
  let jsm: JetStreamManager;
  try {
    jsm = await jetstreamManager(nc);
  } catch (err) {
    await nc.close().catch(() => undefined);
    throw new AppError('UNAVAILABLE', `NATS at ${servers.join(', ')} has no JetStream — start nats-server with -js. ${errorMessage(err)}`, {
      cause: err,
    });
  }

  const pingTimeoutMs = options.pingTimeoutMs ?? 2000;
  let closing: Promise<void> | undefined;

  return {
    nc,
    js,
    jsm,
    prefix: options.prefix,
    subjects: subjects(options.prefix),
    streams: streamNames(options.prefix),
    logger,
    async ping() {
      if (nc.isClosed()) throw new AppError('UNAVAILABLE', 'NATS connection is closed');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new AppError('UNAVAILABLE', `NATS did not answer a ping within ${pingTimeoutMs} ms`)), pingTimeoutMs);
      });
      try {
        await Promise.race([nc.flush(), timeout]);
      } catch (err) {
        throw err instanceof AppError ? err : new AppError('UNAVAILABLE', `NATS ping failed: ${errorMessage(err)}`, { cause: err });
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      closing ??= (async () => {
        if (nc.isClosed()) return;
        try {
          await nc.drain();
        } catch (err) {
          logger.warn({ err: errorMessage(err) }, 'NATS drain failed; closing');
          await nc.close().catch(() => undefined);
        }
      })();
      return closing;
    },
  };
}

async function watchStatus(nc: NatsConnection, logger: Logger): Promise<void> {
  try {
    for await (const s of nc.status()) {
      switch (s.type) {
        case 'disconnect':
          natsDisconnects.inc();
          logger.warn({ server: s.server }, 'NATS disconnected; reconnecting');
          break;
        case 'reconnect':
          natsReconnects.inc();
          logger.info({ server: s.server }, 'NATS reconnected');
          break;
        case 'reconnecting':
          logger.debug('NATS reconnecting');
          break;
        case 'error':
          logger.error({ err: errorMessage(s.error) }, 'NATS connection error');
          break;
        case 'slowConsumer':
          logger.warn({ sub: s.sub.getSubject() }, 'NATS slow consumer');
          break;
        case 'staleConnection':
          logger.warn('NATS connection stale');
          break;
        default:
          break;
      }
    }
  } catch (err) {
    logger.warn({ err: errorMessage(err) }, 'NATS status watcher ended');
  }
}
