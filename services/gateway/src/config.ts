/**
 * The gateway's environment (README.md's configuration table lists every variable). Validated once in main.ts; tests build
 * a config with `gatewayConfig({ ... })`.
 */
import { bool, databaseEnv, duration, int, loadConfig, logLevel, natsEnv, port, str, z, type ConfigOf, type Env } from '@trialgrid/config';

export const gatewayEnv = {
  HOST: str('127.0.0.1'),
  PORT: port(4000),
  ...databaseEnv,
  ...natsEnv,
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
  /** Introspection and stack traces in error responses; off unless asked for explicitly. */
  GATEWAY_DEV_MODE: bool(false),
  /**
   * Comma-separated browser origins (`https://ops.example.com`) allowed besides the gateway's
   * own to open WebSockets and send cookie-authenticated changes.
   */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter((o) => o.length > 0)),
  /**
   * Largest request body (bytes) on /graphql and the queue board's API. The default, 20 MiB,
   * holds a `predict` of MAX_PREDICT_IMAGES (1000) MNIST images of 784 values at full double
   * precision (at most 25 bytes a value in JSON: 19.6 MB).
   */
  MAX_BODY_BYTES: int(20 * 1024 * 1024, 1024),
  /** Deepest selection set accepted (fields nested in fields). */
  MAX_QUERY_DEPTH: int(10, 2, 100),
  /** Most aliases in one document. */
  MAX_QUERY_ALIASES: int(30, 0, 10_000),
  /** Most lexical tokens in one document (parsing stops there). */
  MAX_QUERY_TOKENS: int(5000, 100),
  /** Largest estimated cost of one operation (each field 1, times the list sizes it multiplies by; see limits.ts). */
  MAX_QUERY_COST: int(50_000, 10),
  /** Time budget of one operation: fields still to resolve after it fail with LIMIT_EXCEEDED. */
  REQUEST_TIMEOUT: duration('10s'),
  /** Postgres connections of the gateway's pool; one operation may use at most DB_CONNECTIONS_PER_REQUEST of them at once. */
  DB_POOL_SIZE: int(10, 2, 200),
  DB_CONNECTIONS_PER_REQUEST: int(2, 1, 100),
  /** Longest one SQL statement of the gateway may run (Postgres statement_timeout). */
  DB_STATEMENT_TIMEOUT: duration('5s'),
  /** Open graphql-ws connections per API token, and in all. */
  MAX_CONNECTIONS_PER_TOKEN: int(50, 1),
  MAX_CONNECTIONS: int(1000, 1),
  /** Active subscriptions on one graphql-ws connection. */
  MAX_SUBSCRIPTIONS_PER_CONNECTION: int(50, 1),
};

export type GatewayConfig = ConfigOf<typeof gatewayEnv>;

/** Parse the gateway config from an env-like record (defaults fill the rest). */
export function gatewayConfig(env: Env = {}): GatewayConfig {
  return loadConfig(gatewayEnv, env);
}
