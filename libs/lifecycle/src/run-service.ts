import type { Server } from 'node:http';
import { loadConfig, type ConfigOf, type Env, type EnvShape } from '@trialgrid/config';
import { createLogger, type Logger } from '@trialgrid/logger';
import { errorMessage } from '@trialgrid/errors';
import { DisposerStack, type Disposer } from './disposers.js';
import { startHealthServer, type HealthState, type ReadinessCheck } from './health.js';

export interface ServiceContext<C> {
  config: C;
  log: Logger;
  /** Register a cleanup step; steps run in reverse order on shutdown. */
  onShutdown(name: string, fn: Disposer): void;
  /** Register a readiness check for `/readyz` (e.g. a database ping). */
  addReadinessCheck(name: string, check: ReadinessCheck): void;
  /** Resolves when shutdown begins (signal or `stop()`), for loops that should end. */
  readonly stopping: Promise<void>;
  /** Begin a graceful shutdown from inside the service (e.g. a fatal error). */
  stop(reason: string, exitCode?: number): void;
}

export interface RunServiceOptions<S extends EnvShape> {
  name: string;
  /** The service's env schema. runService itself also reads LOG_LEVEL and HEALTH_HOST. */
  config: S;
  env?: Env;
  /** Port of the health endpoints; `null` to skip (e.g. the gateway mounts its own). */
  healthPort?: (config: ConfigOf<S>) => number | null;
  /** Force exit if the ordered shutdown has not finished after this long. */
  shutdownTimeoutMs?: number;
  start(ctx: ServiceContext<ConfigOf<S>>): Promise<void>;
  /** Exit the process when stopped (default true; tests pass false). */
  exitProcess?: boolean;
}

export interface RunningService {
  stop(reason?: string): Promise<void>;
  healthPort: number | null;
  log: Logger;
}

/**
 * The composition root helper every `main.ts` uses: validate config once, build the logger,
 * run `start`, mark ready, and on SIGINT/SIGTERM drain the disposers in reverse with a
 * force-exit timeout.
 *
 * ```ts
 * await runService({ name: 'scheduler', config: schedulerEnv, start: async (ctx) => { ... } });
 * ```
 */
export async function runService<S extends EnvShape>(options: RunServiceOptions<S>): Promise<RunningService> {
  const env = options.env ?? process.env;
  const exitProcess = options.exitProcess ?? true;
  let config: ConfigOf<S>;
  try {
    config = loadConfig(options.config, env);
  } catch (err) {
    process.stderr.write(`${options.name}: ${errorMessage(err)}\n`);
    if (exitProcess) process.exit(2);
    throw err;
  }
  const log = createLogger({ service: options.name, level: env['LOG_LEVEL'] ?? 'info' });
  const disposers = new DisposerStack(log);
  const health: HealthState = { ready: false, checks: new Map() };
  let resolveStopping!: () => void;
  const stopping = new Promise<void>((r) => (resolveStopping = r));
  let shutdown: Promise<void> | undefined;
  let exitCode = 0;
  const timeoutMs = options.shutdownTimeoutMs ?? 15_000;

  const onSignal = (signal: NodeJS.Signals): void => {
    log.info({ signal }, 'signal received, shutting down');
    void stop(signal);
  };

  function stop(reason: string, code = 0): Promise<void> {
    if (code !== 0) exitCode = code;
    shutdown ??= (async () => {
      health.ready = false;
      resolveStopping();
      const force = setTimeout(() => {
        log.error({ timeoutMs }, 'shutdown timed out, forcing exit');
        if (exitProcess) process.exit(exitCode || 1);
      }, timeoutMs);
      force.unref();
      await disposers.dispose();
      clearTimeout(force);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      log.info({ reason }, 'stopped');
      if (exitProcess) process.exit(exitCode);
    })();
    return shutdown;
  }

  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let healthPort: number | null = null;
  const wanted = options.healthPort ? options.healthPort(config) : null;
  if (wanted !== null) {
    // Containers set HEALTH_HOST=0.0.0.0 so that probes from outside the pod reach it.
    const { server, port } = await startHealthServer(health, wanted, env['HEALTH_HOST'] ?? '127.0.0.1');
    healthPort = port;
    disposers.add('health-server', () => closeServer(server));
    log.info({ port }, 'health endpoints on /healthz and /readyz');
  }

  const ctx: ServiceContext<ConfigOf<S>> = {
    config,
    log,
    onShutdown: (name, fn) => disposers.add(name, fn),
    addReadinessCheck: (name, check) => health.checks.set(name, check),
    stopping,
    stop: (reason, code) => void stop(reason, code ?? 1),
  };
  try {
    await options.start(ctx);
  } catch (err) {
    log.fatal({ err }, 'start-up failed');
    await stop('start-up failed', 1);
    throw err;
  }
  health.ready = true;
  log.info('ready');
  return { stop: (reason = 'stop()') => stop(reason), healthPort, log };
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
