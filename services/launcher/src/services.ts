import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { NatsCredentials } from './nats-auth.js';

/**
 * The services `npm start` runs, as data: the launcher starts them in this order (waiting for
 * each one's /readyz before the next, so the scheduler has migrated the database and set up
 * the streams before the others use them) and stops them in reverse.
 */
export interface ServiceDef {
  name: ServiceName;
  /** Entry file, relative to the repository root. */
  entry: string;
  /** Port tried first for its HTTP/health server (a free one is used when it is taken). */
  defaultPort: number;
  /** Run WORKERS copies of it. */
  replicated?: boolean;
  /** It connects to Postgres (gets DATABASE_URL). Workers do not: NATS is their only connection. */
  usesDatabase?: boolean;
}

export const SERVICE_NAMES = ['scheduler', 'registry', 'gateway', 'worker'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

// The scheduler first: it applies the database migrations the others wait for.
export const SERVICES: readonly ServiceDef[] = [
  { name: 'scheduler', entry: 'services/scheduler/dist/main.js', defaultPort: 4101, usesDatabase: true },
  { name: 'registry', entry: 'services/registry/dist/main.js', defaultPort: 4102, usesDatabase: true },
  { name: 'gateway', entry: 'services/gateway/dist/main.js', defaultPort: 4000, usesDatabase: true },
  { name: 'worker', entry: 'services/worker/dist/main.js', defaultPort: 4103, replicated: true },
];

/** Parses TRIALGRID_SERVICES ('gateway,worker', 'all' or 'none') into services in start order. */
export function selectServices(spec: string): ServiceDef[] {
  const wanted = spec
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  if (wanted.includes('none')) return [];
  if (wanted.length === 0 || wanted.includes('all')) return [...SERVICES];
  const unknown = wanted.filter((w) => !SERVICE_NAMES.includes(w as ServiceName));
  if (unknown.length > 0) throw new Error(`unknown service(s) ${unknown.join(', ')} in TRIALGRID_SERVICES (known: ${SERVICE_NAMES.join(', ')}, all, none)`);
  return SERVICES.filter((s) => wanted.includes(s.name));
}

/**
 * Whether the selected services need Postgres. Workers do not (NATS is their only connection),
 * so a launcher that runs only workers (a GPU node joining a cluster) neither finds nor starts
 * one; `none` (TRIALGRID_SERVICES=none: only Postgres + NATS) does.
 */
export function needsPostgres(selected: readonly ServiceDef[]): boolean {
  return selected.length === 0 || selected.some((s) => s.usesDatabase === true);
}

export interface ServiceInstance {
  /** Process name in logs: the service name, or worker-1, worker-2, ... */
  name: string;
  def: ServiceDef;
  /** 0-based copy index for replicated services. */
  index: number;
  preferredPort: number;
}

export function serviceInstances(selected: readonly ServiceDef[], workers: number, gatewayPort?: number): ServiceInstance[] {
  return selected.flatMap((def) => {
    if (!def.replicated) return [{ name: def.name, def, index: 0, preferredPort: def.name === 'gateway' && gatewayPort !== undefined ? gatewayPort : def.defaultPort }];
    return Array.from({ length: workers }, (_, i) => ({ name: `${def.name}-${i + 1}`, def, index: i, preferredPort: def.defaultPort + i }));
  });
}

/** Variables that configure the launcher itself, or one service only; never passed through as they are. */
const LAUNCHER_ONLY = [
  'WORKERS',
  'TRIALGRID_PG_PORT',
  'TRIALGRID_NATS_PORT',
  'TRIALGRID_DATABASE',
  'TRIALGRID_STATE_DIR',
  'TRIALGRID_SERVICES',
  'TRIALGRID_LOG_FORMAT',
  'STARTUP_TIMEOUT',
  'STOP_TIMEOUT',
  'HEALTH_PORT',
  'HOST',
  'PORT',
];

export interface ClusterEnv {
  /** Absent when only workers run (needsPostgres): nobody gets a DATABASE_URL then. */
  databaseUrl?: string | undefined;
  natsUrl: string;
  /** Per-role logins of the launcher's own nats-server; each service gets its role's as NATS_USER / NATS_PASSWORD. */
  natsCredentials?: NatsCredentials;
  dataDir: string;
  artifactDir: string;
  /** Gateway bind address. */
  host: string;
}

/** Postgres settings (node-postgres reads the PG* variables): passed only to services that use the database. */
function isDatabaseVar(name: string): boolean {
  return name === 'DATABASE_URL' || /^PG[A-Z]+$/.test(name);
}

/**
 * The environment of one service process: the launcher's own, plus where everything is (and,
 * on the launcher's own nats-server, the service's NATS login). A worker gets no database
 * settings at all (DATABASE_URL, PGPASSWORD, ...): it never connects to Postgres.
 * Several workers on one machine share its cores: unless WASM_THREADS / TF_THREADS are set,
 * each worker's wasm backend and TensorFlow thread pool get `cores / workers` threads (at
 * least one) instead of one per core.
 */
export function buildServiceEnv(
  base: Record<string, string | undefined>,
  cluster: ClusterEnv,
  instance: ServiceInstance,
  port: number,
  workerCount: number,
  cores: number = availableParallelism(),
): Record<string, string> {
  const env: Record<string, string> = {};
  const database = instance.def.usesDatabase === true;
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !LAUNCHER_ONLY.includes(k) && (database || !isDatabaseVar(k))) env[k] = v;
  if (database && cluster.databaseUrl !== undefined) env['DATABASE_URL'] = cluster.databaseUrl;
  env['NATS_URL'] = cluster.natsUrl;
  const login = cluster.natsCredentials?.[instance.def.name];
  if (login) {
    env['NATS_USER'] = login.user;
    env['NATS_PASSWORD'] = login.password;
  }
  env['DATA_DIR'] = cluster.dataDir;
  env['ARTIFACT_DIR'] = cluster.artifactDir;
  if (instance.def.name === 'gateway') {
    env['HOST'] = cluster.host;
    env['PORT'] = String(port);
  } else {
    env['HEALTH_PORT'] = String(port);
  }
  if (instance.def.name === 'worker' && base['WORKER_ID'] && workerCount > 1) {
    env['WORKER_ID'] = `${base['WORKER_ID']}-${instance.index + 1}`;
  }
  if (instance.def.name === 'worker' && workerCount > 1) {
    const share = String(Math.max(1, Math.floor(cores / workerCount)));
    if (!base['WASM_THREADS']) env['WASM_THREADS'] = share;
    if (!base['TF_THREADS']) env['TF_THREADS'] = share;
  }
  return env;
}

/** The address to reach a server bound to `host` from this machine. */
export function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '' || host === '::' || host === '[::]') return '127.0.0.1';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** The gateway serves /readyz on HOST:PORT; the others on HEALTH_HOST (default loopback):HEALTH_PORT. */
export function healthUrl(instance: ServiceInstance, port: number, host: string, healthHost = '127.0.0.1'): string {
  const h = reachableHost(instance.def.name === 'gateway' ? host : healthHost);
  return `http://${h}:${port}/readyz`;
}

/**
 * DATA_DIR when set; else the shared MNIST copy beside the checkout (`../shared/datasets/mnist`)
 * when it exists; else `<state>/datasets/mnist` (the worker downloads into it when DATA_MIRROR is set).
 */
export function chooseDataDir(root: string, stateDir: string, explicit: string | undefined, exists: (p: string) => boolean): string {
  if (explicit) return explicit;
  const shared = join(root, '..', 'shared', 'datasets', 'mnist');
  return exists(shared) ? shared : join(stateDir, 'datasets', 'mnist');
}

export interface SummaryInput {
  /** Gateway base URL, when the gateway runs. */
  gateway?: string;
  health: { name: string; url: string }[];
  postgres: string;
  nats: string;
  dataDir: string;
  artifactDir: string;
}

/** The lines printed once everything is ready: endpoints (GraphQL, dashboard, health, Prometheus metrics per service), servers, directories. */
export function summaryLines(s: SummaryInput): string[] {
  const lines: string[] = [];
  if (s.gateway) {
    const ws = s.gateway.replace(/^http/, 'ws');
    lines.push(`GraphQL    ${s.gateway}/graphql  (subscriptions: ${ws}/graphql)`);
    lines.push(`Dashboard  ${s.gateway}/`);
    lines.push(`Queues     ${s.gateway}/queues`);
  }
  s.health.forEach((h, i) => lines.push(`${i === 0 ? 'Health    ' : '          '} ${h.name.padEnd(10)} ${h.url.replace(/\/readyz$/, '/healthz')}  ${h.url}`));
  // Every service serves Prometheus metrics beside its health endpoints (deploy/OBSERVABILITY.md).
  s.health.forEach((h, i) => lines.push(`${i === 0 ? 'Metrics   ' : '          '} ${h.name.padEnd(10)} ${h.url.replace(/\/readyz$/, '/metrics')}`));
  lines.push(`Postgres   ${s.postgres}`);
  lines.push(`NATS       ${s.nats}`);
  lines.push(`Data       ${s.dataDir}`);
  lines.push(`Artifacts  ${s.artifactDir}`);
  return lines;
}
