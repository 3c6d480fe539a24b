/**
 * `npm start`: a complete single-machine trialgrid. Finds or starts Postgres and NATS, runs
 * gateway, scheduler, registry and WORKERS workers as child processes, waits until each
 * answers /readyz, prints the URLs, and on Ctrl-C stops everything in reverse order.
 *
 * ```sh
 * npm start                     # from the repository root
 * WORKERS=2 npm start
 * DATABASE_URL=postgres://... NATS_URL=nats://... npm start
 * ```
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorMessage } from '@trialgrid/errors';
import { loadLauncherConfig, type LauncherConfig } from './config.js';
import { choosePort, sleep } from './net.js';
import { resolveNats, type ResolvedNats } from './nats.js';
import { natsArchiveFor, trialgridCacheDir } from './nats-download.js';
import { adminTokenLines, ensureAdminToken } from './admin-token.js';
import { redactUrl } from '@trialgrid/db';
import { resolvePostgres, type ResolvedPostgres } from './postgres.js';
import { lockStateDir } from './state-lock.js';
import { Output, RestartPolicy, Supervisor, describeExit, waitReady, type ManagedProcess } from './processes.js';
import { buildServiceEnv, chooseDataDir, type ClusterEnv, healthUrl, needsPostgres, reachableHost, selectServices, serviceInstances, summaryLines, type ServiceInstance } from './services.js';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'turbo.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root (turbo.json) not found above the launcher');
    dir = up;
  }
  return dir;
}

let config: LauncherConfig;
try {
  config = loadLauncherConfig(process.env);
} catch (err) {
  process.stderr.write(`launcher: ${errorMessage(err)}\n`);
  process.exit(2);
}

const root = repoRoot();
const output = new Output(config.TRIALGRID_LOG_FORMAT);
const stateDir = config.TRIALGRID_STATE_DIR ? resolve(config.TRIALGRID_STATE_DIR) : join(root, '.data');

let pgServer: ResolvedPostgres | undefined;
/** Releases the state directory's lock (state-lock.ts); set once main() holds it. */
let releaseLock: (() => Promise<void>) | undefined;
let natsServer: ResolvedNats | undefined;
let exitCode = 0;
let shutdown: Promise<void> | undefined;
/** Settles when main() has returned or thrown; shutdown waits for it so nothing starts behind its back. */
let startup: Promise<void> = Promise.resolve();
let firstSignalAt = 0;
/** Aborted when shutdown begins: cancels what start-up may wait on for long (the nats-server download). */
const startupAbort = new AbortController();
// With only external servers and no services the event loop would otherwise run dry and exit.
const keepAlive = setInterval(() => undefined, 1 << 30);

/** One restart policy per service instance (by name: worker-1, scheduler, ...). */
const restartPolicies = new Map<string, RestartPolicy>();

/**
 * A service that dies is restarted after a backoff, like under a process supervisor; one that
 * keeps dying (RESTART_LIMIT restarts within RESTART_WINDOW) stops the cluster with the reason.
 * The services keep no state of their own (Postgres and JetStream do), so a restarted one
 * carries on: a worker's trial is redelivered and resumes from its checkpoint.
 */
const supervisor = new Supervisor(output, (proc, info) => {
  let policy = restartPolicies.get(proc.name);
  if (!policy) {
    policy = new RestartPolicy({ maxRestarts: config.RESTART_LIMIT, windowMs: config.RESTART_WINDOW });
    restartPolicies.set(proc.name, policy);
  }
  const decision = policy.onExit(Date.now());
  if (!decision.restart || shutdown) {
    if (!decision.restart) output.info(`${proc.name} (pid ${proc.pid ?? '?'}) ${describeExit(info)}; not restarting it: ${decision.reason}. Stopping trialgrid.`);
    stop(1);
    return;
  }
  output.info(`${proc.name} (pid ${proc.pid ?? '?'}) ${describeExit(info)} unexpectedly; restarting it in ${decision.delayMs} ms (restart ${decision.attempt} of at most ${config.RESTART_LIMIT})`);
  void sleep(decision.delayMs).then(() => {
    if (stopping()) return;
    const next = supervisor.restart(proc);
    if (next) output.info(`restarted ${next.name} (pid ${next.pid ?? '?'})`);
  });
});

/** Stops services in reverse start order, then the NATS and Postgres this launcher started; exits. */
function stop(code: number): void {
  if (code !== 0) exitCode = code;
  shutdown ??= (async () => {
    startupAbort.abort();
    // main() notices `stopping()` between steps; initdb or a server start in flight ends soon.
    await Promise.race([startup, sleep(60_000)]);
    await supervisor.stopAll(config.STOP_TIMEOUT);
    for (const [name, server] of [['NATS', natsServer], ['Postgres', pgServer]] as const) {
      try {
        await server?.stop();
      } catch (err) {
        output.info(`stopping ${name} failed: ${errorMessage(err)}`);
        exitCode ||= 1;
      }
    }
    await releaseLock?.().catch(() => undefined);
    output.info(`stopped (exit code ${exitCode})`);
    clearInterval(keepAlive);
    process.exit(exitCode);
  })();
}

function onSignal(signal: NodeJS.Signals): void {
  if (!shutdown) {
    firstSignalAt = Date.now();
    output.info(`${signal} received, shutting down (again after 2 s to kill the services at once)`);
    stop(0);
    return;
  }
  // `npm start` forwards the terminal's SIGINT to us as well: one Ctrl-C can arrive twice at once.
  if (Date.now() - firstSignalAt > 2_000) {
    output.info(`${signal} again: killing the services now`);
    supervisor.killAll();
  }
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('SIGHUP', onSignal);
// Last resort (an exception in the launcher itself): no child may outlive us.
process.on('exit', () => {
  supervisor.killAll();
  natsServer?.abandon();
  pgServer?.abandon();
});

const stopping = (): boolean => shutdown !== undefined;

async function startInstance(instance: ServiceInstance, port: number, env: Record<string, string>): Promise<{ proc: ManagedProcess; url: string }> {
  const proc = supervisor.start({
    name: instance.name,
    group: instance.def.name,
    command: process.execPath,
    args: [join(root, instance.def.entry)],
    env,
    cwd: root,
  });
  const url = healthUrl(instance, port, config.HOST, config.HEALTH_HOST);
  output.info(`started ${instance.name} (pid ${proc.pid ?? '?'}), waiting for ${url}`);
  return { proc, url };
}

async function main(): Promise<void> {
  const selected = selectServices(config.TRIALGRID_SERVICES);
  const instances = serviceInstances(selected, config.WORKERS, config.PORT);
  for (const name of [...instances.map((i) => i.name), 'postgres', 'nats']) output.reserve(name);
  output.info(`trialgrid launcher in ${root}`);
  const missing = [...new Set(instances.map((i) => i.def.entry))].filter((e) => !existsSync(join(root, e)));
  if (missing.length > 0) {
    throw new Error(`not built: ${missing.join(', ')} (run \`npm run build\`, or choose services with TRIALGRID_SERVICES)`);
  }

  // One launcher per state directory: a second would take over this one's embedded Postgres.
  releaseLock = await lockStateDir(stateDir, (err) => {
    output.info(`lost the lock on ${stateDir} (${errorMessage(err)}); stopping`);
    stop(1);
  });

  // Workers use no database: a launcher running only workers (a GPU node) leaves Postgres alone.
  if (needsPostgres(selected)) {
    pgServer = await resolvePostgres({
      databaseUrl: config.DATABASE_URL,
      localPort: config.TRIALGRID_PG_PORT,
      database: config.TRIALGRID_DATABASE,
      dataDir: join(stateDir, 'postgres'),
      output,
    });
    output.info(`Postgres: ${redactUrl(pgServer.url)} (${pgServer.source})`);
    if (stopping()) return;
  } else {
    output.info('Postgres: not needed (only workers run; they use NATS only)');
  }

  natsServer = await resolveNats({
    natsUrl: config.NATS_URL,
    localPort: config.TRIALGRID_NATS_PORT,
    storeDir: join(stateDir, 'nats'),
    pathEnv: process.env['PATH'],
    output,
    provision: {
      archive: natsArchiveFor({ downloadUrl: config.TRIALGRID_NATS_DOWNLOAD_URL, sha256: config.TRIALGRID_NATS_SHA256 }),
      cacheDir: config.TRIALGRID_CACHE_DIR ?? trialgridCacheDir(process.env),
      signal: startupAbort.signal,
    },
    auth: { credentialsFile: join(stateDir, 'nats-credentials.json'), configFile: join(stateDir, 'nats.conf'), prefix: config.TRIALGRID_PREFIX },
  });
  output.info(`NATS: ${natsServer.url} (${natsServer.source})`);
  if (stopping()) return;

  const dataDir = resolve(chooseDataDir(root, stateDir, config.DATA_DIR, existsSync));
  if (!existsSync(dataDir)) output.info(`warning: DATA_DIR ${dataDir} does not exist; workers need MNIST there (or DATA_MIRROR to download it)`);
  const artifactDir = resolve(config.ARTIFACT_DIR ?? join(stateDir, 'artifacts'));
  mkdirSync(artifactDir, { recursive: true });
  const cluster: ClusterEnv = {
    databaseUrl: pgServer?.url,
    natsUrl: natsServer.url,
    ...(natsServer.credentials ? { natsCredentials: natsServer.credentials } : {}),
    dataDir,
    artifactDir,
    host: config.HOST,
  };

  const taken = new Set<number>();
  for (const url of [pgServer?.url ?? '', natsServer.url.split(',')[0] ?? '']) {
    const port = Number.parseInt(/:(\d+)(\/|$)/.exec(url)?.[1] ?? '', 10);
    if (Number.isInteger(port)) taken.add(port);
  }
  const health: { name: string; url: string }[] = [];
  let gateway: string | undefined;
  // One service at a time (all workers together), each ready before the next starts.
  for (const def of selected) {
    const started: { instance: ServiceInstance; proc: ManagedProcess; url: string }[] = [];
    for (const instance of instances.filter((i) => i.def === def)) {
      if (stopping()) return;
      const exact = instance.def.name === 'gateway' && config.PORT !== undefined && config.PORT !== 0;
      const bindHost = instance.def.name === 'gateway' ? config.HOST : (config.HEALTH_HOST ?? '127.0.0.1');
      const port = exact ? instance.preferredPort : await choosePort(instance.preferredPort, taken, reachableHost(bindHost).replace(/^\[|\]$/g, ''));
      if (port !== instance.preferredPort) output.info(`port ${instance.preferredPort} is taken, ${instance.name} uses ${port}`);
      const env = buildServiceEnv(process.env, cluster, instance, port, config.WORKERS);
      started.push({ instance, ...(await startInstance(instance, port, env)) });
      if (instance.def.name === 'gateway') gateway = `http://${reachableHost(config.HOST)}:${port}`;
    }
    await Promise.all(started.map(({ proc, url }) => waitReady(url, { timeoutMs: config.STARTUP_TIMEOUT, proc, cancelled: stopping })));
    for (const { instance, url } of started) {
      output.info(`${instance.name} is ready`);
      health.push({ name: instance.name, url });
    }
  }

  const lines = summaryLines({
    ...(gateway === undefined ? {} : { gateway }),
    health,
    postgres: pgServer ? `${redactUrl(pgServer.url)} (${pgServer.source})` : 'not used (only workers run)',
    nats: `${natsServer.url} (${natsServer.source})`,
    dataDir,
    artifactDir,
  });
  for (const line of lines) output.info(line);
  // After the scheduler has applied the migrations: the first admin token, on a fresh database.
  if (pgServer) for (const line of adminTokenLines(await ensureAdminToken({ databaseUrl: pgServer.url, stateDir }))) output.info(line);
  output.info('trialgrid is up (Ctrl-C to stop)');
}

startup = main().catch((err: unknown) => {
  if (stopping()) return;
  output.info(`start-up failed: ${errorMessage(err)}`);
  stop(1);
});
