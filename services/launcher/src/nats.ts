import { accessSync, constants } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { AppError, errorMessage } from '@trialgrid/errors';
import { loadOrCreateNatsCredentials, writeNatsServerConfig, type NatsCredentials, type NatsLogin } from './nats-auth.js';
import { provisionNatsServer, type NatsArchive } from './nats-download.js';
import { choosePort, sleep, tcpOpen } from './net.js';
import { ManagedProcess, describeExit, type Output } from './processes.js';

export interface NatsOptions {
  /** NATS_URL when set (comma-separated servers): used as it is, must have JetStream. */
  natsUrl?: string | undefined;
  /** Port to probe on 127.0.0.1, and the spawned server's port when free. */
  localPort: number;
  /** JetStream store of a spawned server. */
  storeDir: string;
  output: Output;
  /** Where to look for `nats-server`: the PATH value and extra absolute candidates. */
  pathEnv?: string | undefined;
  extraCandidates?: string[];
  platform?: NodeJS.Platform;
  /** Skip the probe of the local port (tests). */
  skipLocal?: boolean;
  /**
   * When no binary is found: download this archive into `cacheDir` (see nats-download.ts).
   * `archive` undefined = no release is pinned for this platform and no mirror is set.
   * `signal` cancels a download in progress (the launcher's shutdown).
   */
  provision?: { archive: NatsArchive | undefined; cacheDir: string; timeoutMs?: number; signal?: AbortSignal } | undefined;
  /**
   * Where a spawned server's authentication lives (see nats-auth.ts): the credentials file, the
   * configuration file written at each start, and the subject prefix its permissions are for.
   * Without it a spawned server accepts anonymous clients (tests of the launcher's plumbing only).
   */
  auth?: { credentialsFile: string; configFile: string; prefix: string } | undefined;
}

export type NatsSource = 'env' | 'local' | 'spawned';

export interface ResolvedNats {
  url: string;
  source: NatsSource;
  pid?: number;
  /** Each service role's login on a spawned, authenticated server; undefined for an external one. */
  credentials?: NatsCredentials;
  stop(): Promise<void>;
  /** Synchronous last resort when the launcher exits without `stop()`. */
  abandon(): void;
}

/**
 * Where nats-server is looked for after every directory on PATH: the Debian package's
 * /usr/sbin (not on a normal user's PATH), a manual install, Homebrew on Apple silicon.
 */
export const DEFAULT_NATS_CANDIDATES = ['/usr/sbin/nats-server', '/usr/local/bin/nats-server', '/opt/homebrew/bin/nats-server'];

/** The one-line install of nats-server for this platform (no npm package ships a working binary). */
export function natsInstallHint(platform: NodeJS.Platform): string {
  const anywhere =
    'or `go install github.com/nats-io/nats-server/v2@latest`, or a release binary from https://github.com/nats-io/nats-server/releases';
  switch (platform) {
    case 'linux':
      return `install it with \`sudo apt-get install nats-server\` (Debian/Ubuntu), ${anywhere}`;
    case 'darwin':
      return `install it with \`brew install nats-server\`, ${anywhere}`;
    case 'win32':
      return `install it with \`choco install nats-server\` or \`winget install nats-io.nats-server\`, ${anywhere}`;
    default:
      return `install it with \`go install github.com/nats-io/nats-server/v2@latest\`, or a release binary from https://github.com/nats-io/nats-server/releases`;
  }
}

/** The first executable `name` on `pathEnv`, then in `extra` (absolute paths). */
export function findExecutable(name: string, pathEnv: string | undefined, extra: string[] = [], platform = process.platform): string | undefined {
  const names = platform === 'win32' ? [`${name}.exe`, name] : [name];
  const dirs = (pathEnv ?? '').split(delimiter).filter((d) => d !== '');
  const candidates = [...dirs.flatMap((d) => names.map((n) => join(d, n))), ...extra];
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface NatsProbe {
  ok: boolean;
  jetstream: boolean;
  error?: string;
}

/** Connects once (no reconnects, as `login` when given) and reports whether the server has JetStream enabled. */
export async function probeNats(url: string, timeoutMs = 2_000, login?: NatsLogin): Promise<NatsProbe> {
  try {
    const nc = await connect({
      servers: url.split(','),
      timeout: timeoutMs,
      reconnect: false,
      name: 'trialgrid-launcher-probe',
      ...(login ? { user: login.user, pass: login.password } : {}),
    });
    const jetstream = nc.info?.jetstream === true;
    await nc.close();
    return { ok: true, jetstream };
  } catch (err) {
    return { ok: false, jetstream: false, error: errorMessage(err) };
  }
}

/**
 * Where the cluster's NATS comes from, in order: NATS_URL; a JetStream-enabled server on
 * 127.0.0.1:<localPort>; a `nats-server` binary started here with JetStream. Without any of
 * them it throws with the install command for this platform.
 */
export async function resolveNats(options: NatsOptions): Promise<ResolvedNats> {
  const { output } = options;
  if (options.natsUrl) {
    const probe = await probeNats(options.natsUrl);
    if (!probe.ok) throw new AppError('UNAVAILABLE', `cannot reach NATS_URL ${options.natsUrl}: ${probe.error ?? 'unknown error'}`);
    if (!probe.jetstream) throw new AppError('UNAVAILABLE', `NATS at ${options.natsUrl} has JetStream disabled (start nats-server with -js)`);
    return { url: options.natsUrl, source: 'env', stop: async () => undefined, abandon: () => undefined };
  }
  if (!options.skipLocal) {
    const local = `nats://127.0.0.1:${options.localPort}`;
    const probe = await probeNats(local);
    if (probe.ok && probe.jetstream) return { url: local, source: 'local', stop: async () => undefined, abandon: () => undefined };
    if (probe.ok) output.info(`NATS on ${local} has JetStream disabled; starting a nats-server of our own`);
    else if (await tcpOpen(options.localPort)) {
      output.info(`port ${options.localPort} is held by a server that does not speak NATS (${probe.error ?? 'no NATS greeting'}); starting a nats-server of our own on another port`);
    }
  }
  const binary = findExecutable('nats-server', options.pathEnv, options.extraCandidates ?? DEFAULT_NATS_CANDIDATES, options.platform) ?? (await provisioned(options));
  return spawnNats(binary, options);
}

/** The downloaded nats-server when `options.provision` allows it; else the error with the install command. */
async function provisioned(options: NatsOptions): Promise<string> {
  const platform = options.platform ?? process.platform;
  const none = `no NATS server: NATS_URL is unset, nothing with JetStream answers on 127.0.0.1:${options.localPort}, and no nats-server binary was found on PATH`;
  const { provision } = options;
  if (!provision) throw new AppError('UNAVAILABLE', `${none}. ${natsInstallHint(platform)}`);
  if (!provision.archive) {
    throw new AppError(
      'UNAVAILABLE',
      `${none}, and no nats-server release is pinned for ${platform}-${process.arch} (set TRIALGRID_NATS_DOWNLOAD_URL and TRIALGRID_NATS_SHA256 to download one from a mirror). ${natsInstallHint(platform)}`,
    );
  }
  try {
    return await provisionNatsServer({
      archive: provision.archive,
      cacheDir: provision.cacheDir,
      info: (line) => options.output.info(line),
      platform,
      ...(provision.timeoutMs === undefined ? {} : { timeoutMs: provision.timeoutMs }),
      ...(provision.signal === undefined ? {} : { signal: provision.signal }),
    });
  } catch (err) {
    throw new AppError('UNAVAILABLE', `${none}, and ${errorMessage(err)}. Point TRIALGRID_NATS_DOWNLOAD_URL and TRIALGRID_NATS_SHA256 at a mirror, or ${natsInstallHint(platform)}`);
  }
}

async function spawnNats(binary: string, options: NatsOptions): Promise<ResolvedNats> {
  const { output } = options;
  const storeDir = resolve(options.storeDir);
  await mkdir(storeDir, { recursive: true });
  const port = await choosePort(options.localPort, new Set());
  output.reserve('nats');
  let args = ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port)];
  let credentials: NatsCredentials | undefined;
  if (options.auth) {
    credentials = loadOrCreateNatsCredentials(options.auth.credentialsFile).credentials;
    writeNatsServerConfig(options.auth.configFile, { host: '127.0.0.1', port, storeDir, prefix: options.auth.prefix, credentials });
    args = ['-c', options.auth.configFile];
  }
  const proc = new ManagedProcess({ name: 'nats', command: binary, args }, (name, line) => output.line(name, line));
  const url = `nats://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const exit = proc.exit;
    if (exit) throw new AppError('UNAVAILABLE', `nats-server (${binary}) ${describeExit(exit)}:\n  ${proc.tail.join('\n  ')}`);
    // The launcher holds every password anyway; the scheduler's login may use JetStream.
    const probe = await probeNats(url, 500, credentials?.scheduler);
    if (probe.ok && probe.jetstream) break;
    if (Date.now() > deadline) {
      // Detached: it would outlive us if we gave up without stopping it.
      await proc.stop('SIGTERM', 5_000);
      throw new AppError('UNAVAILABLE', `nats-server did not answer on ${url} within 15 s: ${probe.error ?? 'JetStream disabled'}`);
    }
    await sleep(100);
  }
  const auth = options.auth ? `, a user per service: ${options.auth.credentialsFile}` : ', no authentication';
  output.info(`nats-server ${url} started (pid ${proc.pid ?? '?'}, JetStream store ${storeDir}${auth})`);
  return {
    url,
    source: 'spawned',
    ...(proc.pid === undefined ? {} : { pid: proc.pid }),
    ...(credentials ? { credentials } : {}),
    stop: async () => {
      const result = await proc.stop('SIGTERM', 10_000);
      output.info(`nats-server ${result.forced ? 'did not stop within 10 s, killed' : 'stopped'}`);
    },
    abandon: () => {
      if (proc.alive) proc.child.kill('SIGTERM');
    },
  };
}
