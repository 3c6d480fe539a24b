/**
 * nats-server provisioning for real: an archive shaped like an official release
 * (`nats-server-v<ver>-linux-<arch>/nats-server`) is built from this machine's nats-server and
 * served over a local HTTP server; the launcher downloads, checks, caches and starts it. Faults:
 * checksum mismatch, a download cut short, an unreachable mirror — each leaves nothing in the cache.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { create } from 'tar';
import { connect } from '@nats-io/transport-node';
import { loadLauncherConfig } from './config.js';
import { freePort } from './net.js';
import { findExecutable, resolveNats } from './nats.js';
import { cachedNatsPath, natsArchiveFor, NATS_RELEASE, provisionNatsServer } from './nats-download.js';
import { Output } from './processes.js';
import { TEST_NATS_CANDIDATES } from './test-binaries.js';

const quiet = (lines: string[] = []): Output => new Output('json', (line) => lines.push(line));
const system = findExecutable('nats-server', process.env['PATH'], TEST_NATS_CANDIDATES);

let work = '';
let archive: Buffer = Buffer.alloc(0);
let sha256 = '';
let server: Server | undefined;
let base = '';
const requests: string[] = [];

before(async () => {
  if (!system) return;
  work = mkdtempSync(join(tmpdir(), 'launcher-natsdl-'));
  const top = 'nats-server-v0.0.0-test-linux-amd64';
  mkdirSync(join(work, 'src', top), { recursive: true });
  copyFileSync(system, join(work, 'src', top, 'nats-server'));
  await create({ gzip: true, file: join(work, 'nats.tar.gz'), cwd: join(work, 'src'), portable: true }, [top]);
  archive = readFileSync(join(work, 'nats.tar.gz'));
  sha256 = createHash('sha256').update(archive).digest('hex');
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/nats.tar.gz') {
      res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': archive.length });
      res.end(archive);
    } else if (req.url === '/hang.tar.gz') {
      // A mirror that accepts the connection and never answers.
    } else if (req.url === '/short.tar.gz') {
      // A complete response of an incomplete archive (a mirror that stored a broken file).
      const short = archive.subarray(0, Math.floor(archive.length / 3));
      res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': short.length });
      res.end(short);
    } else if (req.url === '/truncated.tar.gz') {
      // Promise the whole archive, send a third of it, then drop the connection.
      res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': archive.length });
      res.write(archive.subarray(0, Math.floor(archive.length / 3)), () => res.socket?.destroy());
    } else {
      res.writeHead(404).end('not here');
    }
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

after(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (work) rmSync(work, { recursive: true, force: true });
});

const skip = system ? false : 'no nats-server on this machine to build the test archive from';

/** Everything in the cache besides finished binaries (temporary files would show up here). */
function leftovers(cacheDir: string): string[] {
  try {
    return readdirSync(join(cacheDir, 'nats-server')).filter((name) => !/^[0-9a-f]{64}$/.test(name));
  } catch {
    return [];
  }
}

test('no nats-server on PATH: the archive is downloaded, checked, cached and started with JetStream; a second start reuses the cache', { skip }, async () => {
  const cacheDir = join(work, 'cache-ok');
  const archiveRef = natsArchiveFor({ downloadUrl: `${base}/nats.tar.gz`, sha256 });
  assert.ok(archiveRef);
  const lines: string[] = [];
  const port = await freePort();
  const nats = await resolveNats({
    localPort: port,
    storeDir: join(work, 'store-ok'),
    pathEnv: '',
    extraCandidates: [],
    output: quiet(lines),
    provision: { archive: archiveRef, cacheDir },
  });
  try {
    assert.equal(nats.source, 'spawned');
    const nc = await connect({ servers: nats.url });
    assert.equal(nc.info?.jetstream, true);
    await nc.close();
  } finally {
    await nats.stop();
  }
  const cached = cachedNatsPath(cacheDir, archiveRef);
  assert.deepEqual(readFileSync(cached), readFileSync(system!));
  assert.match(lines.join('\n'), /downloading http:\/\/127\.0\.0\.1:\d+\/nats\.tar\.gz/);
  assert.deepEqual(leftovers(cacheDir), []);

  const before = requests.length;
  const again: string[] = [];
  const second = await resolveNats({
    localPort: await freePort(),
    storeDir: join(work, 'store-ok2'),
    pathEnv: '',
    extraCandidates: [],
    output: quiet(again),
    provision: { archive: archiveRef, cacheDir },
  });
  await second.stop();
  assert.equal(requests.length, before, 'the cached binary is used without a request');
  assert.match(again.join('\n'), /using the nats-server downloaded earlier/);
});

test('a file:// URL (an air-gapped site\'s copy on a share) provisions the same way; a wrong checksum keeps nothing', { skip }, async () => {
  const cacheDir = join(work, 'cache-file');
  const url = pathToFileURL(join(work, 'nats.tar.gz')).href;
  const binary = await provisionNatsServer({ archive: { url, sha256 }, cacheDir, info: () => undefined, platform: 'linux' });
  assert.deepEqual(readFileSync(binary), readFileSync(system!));
  const otherCache = join(work, 'cache-file-wrong');
  const wrong = createHash('sha256').update('not this').digest('hex');
  await assert.rejects(provisionNatsServer({ archive: { url, sha256: wrong }, cacheDir: otherCache, info: () => undefined, platform: 'linux' }), /checksum mismatch/);
  assert.deepEqual(leftovers(otherCache), []);
  // Another scheme is refused where the setting is read.
  assert.throws(() => loadLauncherConfig({ TRIALGRID_NATS_DOWNLOAD_URL: 'ftp://mirror/nats.tar.gz', TRIALGRID_NATS_SHA256: sha256 }), /http:\/\/, https:\/\/ or file:\/\//);
});

test('checksum mismatch: the clear error with the install command, nothing kept in the cache', { skip }, async () => {
  const cacheDir = join(work, 'cache-bad-sum');
  const wrong = createHash('sha256').update('something else').digest('hex');
  await assert.rejects(
    resolveNats({
      localPort: await freePort(),
      storeDir: join(work, 'store-bad'),
      pathEnv: '',
      extraCandidates: [],
      platform: 'linux',
      output: quiet(),
      provision: { archive: { url: `${base}/nats.tar.gz`, sha256: wrong }, cacheDir },
    }),
    (err: Error) => {
      assert.match(err.message, /checksum mismatch/);
      assert.match(err.message, new RegExp(`expected SHA-256 ${wrong}, got ${sha256}`));
      assert.match(err.message, /sudo apt-get install nats-server/);
      return true;
    },
  );
  assert.deepEqual(leftovers(cacheDir), []);
  assert.deepEqual(readdirSync(join(cacheDir, 'nats-server')), []);
});

test('a download cut short and a mirror that is not there: the clear error, nothing kept', { skip }, async () => {
  const cacheDir = join(work, 'cache-cut');
  const options = (url: string) => ({
    localPort: 1,
    skipLocal: true,
    storeDir: join(work, 'store-cut'),
    pathEnv: '',
    extraCandidates: [],
    platform: 'linux' as const,
    output: quiet(),
    provision: { archive: { url, sha256 }, cacheDir, timeoutMs: 10_000 },
  });
  await assert.rejects(resolveNats(options(`${base}/truncated.tar.gz`)), (err: Error) => {
    assert.match(err.message, /could not download nats-server from .*truncated\.tar\.gz/);
    assert.match(err.message, new RegExp(`download cut short after \\d+ of ${archive.length} bytes`));
    // Each reason once, not again from every wrapper's cause.
    assert.doesNotMatch(err.message, /(other side closed|terminated).*\1/);
    assert.match(err.message, /TRIALGRID_NATS_DOWNLOAD_URL/);
    return true;
  });
  assert.deepEqual(readdirSync(join(cacheDir, 'nats-server')), []);
  await assert.rejects(resolveNats(options(`${base}/missing.tar.gz`)), /HTTP 404/);
  const closed = await freePort();
  await assert.rejects(resolveNats(options(`http://127.0.0.1:${closed}/nats.tar.gz`)), /could not download nats-server .*ECONNREFUSED.*sudo apt-get install nats-server/s);
  assert.deepEqual(readdirSync(join(cacheDir, 'nats-server')), []);
  const short = createHash('sha256').update(archive.subarray(0, Math.floor(archive.length / 3))).digest('hex');
  await assert.rejects(
    resolveNats({ ...options(`${base}/short.tar.gz`), provision: { archive: { url: `${base}/short.tar.gz`, sha256: short }, cacheDir } }),
    /short\.tar\.gz matches its SHA-256 but is not a readable \.tar\.gz/,
  );
  assert.deepEqual(readdirSync(join(cacheDir, 'nats-server')), []);
});

test('temporary files of a download killed mid-way are removed by the next download; those of a live launcher stay', { skip }, async () => {
  const cacheDir = join(work, 'cache-killed');
  const root = join(cacheDir, 'nats-server');
  mkdirSync(root, { recursive: true });
  // A pid that no longer exists: a process that ran and exited.
  const dead = spawnSync(process.execPath, ['-e', '']).pid;
  assert.ok(dead > 0);
  writeFileSync(join(root, `.partial-${dead}-0badf00d.tar.gz`), archive.subarray(0, 1000));
  mkdirSync(join(root, `.partial-${dead}-0badf00d.d`, 'ready'), { recursive: true });
  const live = `.partial-${process.pid}-cafe0001.tar.gz`;
  writeFileSync(join(root, live), 'another launcher is downloading this');
  const binary = await provisionNatsServer({ archive: { url: `${base}/nats.tar.gz`, sha256 }, cacheDir, info: () => undefined, platform: 'linux' });
  assert.equal(binary, join(root, sha256, 'nats-server'));
  assert.deepEqual(leftovers(cacheDir), [live]);
});

test('a download in progress is cancelled by its signal (Ctrl-C at start-up) at once, not after the 120 s timeout; nothing kept', { skip, timeout: 30_000 }, async () => {
  const cacheDir = join(work, 'cache-cancel');
  const cancel = new AbortController();
  const started = Date.now();
  setTimeout(() => cancel.abort(), 300);
  await assert.rejects(
    provisionNatsServer({ archive: { url: `${base}/hang.tar.gz`, sha256 }, cacheDir, info: () => undefined, platform: 'linux', signal: cancel.signal }),
    /could not download nats-server from .*hang\.tar\.gz/,
  );
  assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
  assert.deepEqual(leftovers(cacheDir), []);
});

test('the pinned official release: a URL and checksum for Linux on x64/arm64; mirror settings go together and are checked', () => {
  const x64 = natsArchiveFor({}, 'linux', 'x64');
  assert.equal(x64?.url, `https://github.com/nats-io/nats-server/releases/download/v${NATS_RELEASE.version}/nats-server-v${NATS_RELEASE.version}-linux-amd64.tar.gz`);
  assert.match(x64?.sha256 ?? '', /^[0-9a-f]{64}$/);
  assert.match(natsArchiveFor({}, 'linux', 'arm64')?.url ?? '', /-linux-arm64\.tar\.gz$/);
  assert.equal(natsArchiveFor({}, 'darwin', 'arm64'), undefined);
  assert.throws(() => natsArchiveFor({ downloadUrl: 'http://mirror/nats.tar.gz' }), /go together/);
  assert.throws(() => natsArchiveFor({ downloadUrl: 'http://mirror/nats.tar.gz', sha256: 'abc' }), /64 hex digits/);
  assert.deepEqual(natsArchiveFor({ downloadUrl: 'http://mirror/n.tar.gz', sha256: 'A'.repeat(64) }), { url: 'http://mirror/n.tar.gz', sha256: 'a'.repeat(64) });
});

test('a port held by a server that does not speak NATS is reported, and nats-server starts elsewhere', { skip, timeout: 60_000 }, async () => {
  const squatter = createServer((_req, res) => res.end('hello'));
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  const address = squatter.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const lines: string[] = [];
  try {
    const nats = await resolveNats({ localPort: port, storeDir: join(work, 'store-squat'), pathEnv: process.env['PATH'], extraCandidates: TEST_NATS_CANDIDATES, output: quiet(lines) });
    await nats.stop();
    assert.notEqual(nats.url, `nats://127.0.0.1:${port}`);
    assert.match(lines.join('\n'), new RegExp(`port ${port} is held by a server that does not speak NATS`));
  } finally {
    squatter.closeAllConnections();
    await new Promise<void>((resolve) => squatter.close(() => resolve()));
  }
});
