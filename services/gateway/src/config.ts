/**
 * The gateway's environment (README.md's configuration table lists every variable). Validated once in main.ts; tests build
 * a config with `gatewayConfig({ ... })`.
 */
import { duration, int, loadConfig, logLevel, port, str, z, type ConfigOf, type Env } from '@trialgrid/config';

export const gatewayEnv = {
  HOST: str('127.0.0.1'),
  PORT: port(4000),
  DATABASE_URL: str('postgres://postgres@127.0.0.1:5432/trialgrid'),
  NATS_URL: str('nats://127.0.0.1:4222'),
  TRIALGRID_PREFIX: str('trialgrid'),
  LOG_LEVEL: logLevel(),
  /** Largest search space the gateway accepts before it even asks the scheduler. */
  MAX_GRID_TRIALS: int(1000, 1),
  /** NATS request timeout of mutations. */
  COMMAND_TIMEOUT: duration('30s'),
  ARTIFACT_DIR: str('./.data/artifacts'),
  /** Built dashboard to serve at `/`; default services/dashboard/dist when it exists. */
  DASHBOARD_DIR: z.string().optional(),
  /** Heartbeat age after which `Worker.alive` is false (same meaning as the scheduler's). */
  WORKER_STALE_AFTER: duration('30s'),
};

export type GatewayConfig = ConfigOf<typeof gatewayEnv>;

/** Parse the gateway config from an env-like record (defaults fill the rest). */
export function gatewayConfig(env: Env = {}): GatewayConfig {
  return loadConfig(gatewayEnv, env);
}
