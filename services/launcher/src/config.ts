import { duration, int, loadConfig, port, str, z, type ConfigOf, type Env } from '@trialgrid/config';

/**
 * The launcher's own settings. Everything else in the environment (LOG_LEVEL, MAX_GRID_TRIALS,
 * TF_BACKEND, ...) passes through to the services untouched.
 */
export const launcherEnv = {
  /** Worker processes to run. */
  WORKERS: int(1, 0, 64),
  /** Postgres to use; when unset a local one (TRIALGRID_PG_PORT) or an embedded one is used. */
  DATABASE_URL: z.string().url().optional(),
  /** NATS to use; when unset a local one (TRIALGRID_NATS_PORT) or a spawned nats-server. */
  NATS_URL: z.string().min(1).optional(),
  /** Where to look for a local Postgres, and where the embedded one listens when that port is free. */
  TRIALGRID_PG_PORT: port(5432),
  /** Where to look for a local NATS, and where a spawned nats-server listens when that port is free. */
  TRIALGRID_NATS_PORT: port(4222),
  /** Full URL (http, https, or file for a local copy) of a nats-server release archive (one top-level directory holding nats-server) to download instead of the pinned official one; needs TRIALGRID_NATS_SHA256. */
  TRIALGRID_NATS_DOWNLOAD_URL: z
    .string()
    .url()
    .refine((u) => /^(https?|file):/i.test(u), 'must be an http://, https:// or file:// URL')
    .optional(),
  /** SHA-256 (64 hex digits) of the TRIALGRID_NATS_DOWNLOAD_URL archive. */
  TRIALGRID_NATS_SHA256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits').optional(),
  /** User cache for downloaded binaries (default $XDG_CACHE_HOME/trialgrid or ~/.cache/trialgrid). */
  TRIALGRID_CACHE_DIR: z.string().min(1).optional(),
  /** Subject/stream prefix of the deployment (passed through to the services; a spawned nats-server's permissions are written for it). */
  TRIALGRID_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').default('trialgrid'),
  /** Database created/used on a local or embedded Postgres. */
  TRIALGRID_DATABASE: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('trialgrid'),
  /** Local state (default <repo>/.data): embedded Postgres, nats-server store, default artifact store. */
  TRIALGRID_STATE_DIR: z.string().min(1).optional(),
  /** Comma-separated subset of services to run ('none' = only Postgres and NATS). */
  TRIALGRID_SERVICES: str('all'),
  /** 'pretty' turns the services' JSON log lines into one readable line each; 'json' passes them through. */
  TRIALGRID_LOG_FORMAT: z.enum(['pretty', 'json']).default('pretty'),
  /** Gateway bind address and port (also what the printed URLs use). */
  HOST: str('127.0.0.1'),
  /** Unset: 4000, or a free port when 4000 is taken. Set: exactly this port. */
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Bind address of the other services' health endpoints (read by @trialgrid/lifecycle; passed through). */
  HEALTH_HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).optional(),
  ARTIFACT_DIR: z.string().min(1).optional(),
  /** How long one service may take to answer /readyz with 200. */
  STARTUP_TIMEOUT: duration('120s'),
  /** How long one service may take to exit after SIGTERM before it is killed. */
  STOP_TIMEOUT: duration('20s'),
  /** Restarts of one service (after it died) allowed within RESTART_WINDOW; one more death stops the cluster. */
  RESTART_LIMIT: int(5, 0, 1000),
  /** Sliding window of RESTART_LIMIT. */
  RESTART_WINDOW: duration('10m'),
};

export type LauncherConfig = ConfigOf<typeof launcherEnv>;

export function loadLauncherConfig(env: Env): LauncherConfig {
  return loadConfig(launcherEnv, env);
}
