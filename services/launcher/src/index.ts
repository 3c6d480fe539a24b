/**
 * The launcher behind `npm start` (see main.ts). Exported for tests and for tools that want
 * the same Postgres/NATS resolution.
 *
 * ```ts
 * const pg = await resolvePostgres({ localPort: 5432, database: 'trialgrid', dataDir: '.data/postgres', output });
 * ```
 */
export { launcherEnv, loadLauncherConfig, type LauncherConfig } from './config.js';
export { resolvePostgres, databaseOf, withDatabase, postgresUrl, type PostgresOptions, type ResolvedPostgres, type PostgresSource } from './postgres.js';
export { resolveNats, probeNats, findExecutable, natsInstallHint, DEFAULT_NATS_CANDIDATES, type NatsOptions, type ResolvedNats, type NatsSource } from './nats.js';
export { Output, Supervisor, RestartPolicy, ManagedProcess, waitReady, formatLogLine, describeExit, type ProcessSpec, type ExitInfo, type LogFormat, type RestartDecision, type RestartPolicyOptions } from './processes.js';
export { SERVICES, SERVICE_NAMES, selectServices, serviceInstances, buildServiceEnv, chooseDataDir, healthUrl, needsPostgres, reachableHost, summaryLines, type ServiceDef, type ServiceName, type ServiceInstance, type ClusterEnv } from './services.js';
export { choosePort, freePort, portFree, tcpOpen } from './net.js';
export { NATS_RELEASE, natsArch, natsArchiveFor, trialgridCacheDir, cachedNatsPath, provisionNatsServer, type NatsArchive, type ProvisionOptions } from './nats-download.js';
