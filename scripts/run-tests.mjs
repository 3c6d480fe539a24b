#!/usr/bin/env node
// Runs every compiled test file of the monorepo in one `node --test` run, so the suite ends
// with a single summary. Unit tests (*.test.js) run first, then integration tests
// (*.int.test.js) that need Postgres and NATS. Pass `--unit` to skip integration tests, or
// file-name fragments to filter (e.g. `node scripts/run-tests.mjs messaging`).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const filters = args.filter((a) => !a.startsWith('--'));

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const files = [];
for (const top of ['libs', 'services']) {
  for (const pkg of readdirSync(join(root, top))) walk(join(root, top, pkg, 'dist'), files);
}
walk(join(root, 'test', 'dist'), files);

const selected = files
  .map((f) => relative(root, f))
  .filter((f) => !unitOnly || !f.endsWith('.int.test.js'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort((a, b) => Number(a.endsWith('.int.test.js')) - Number(b.endsWith('.int.test.js')) || a.localeCompare(b));

if (selected.length === 0) {
  console.error('no test files found (did the build run?)');
  process.exit(1);
}
// The services the integration tests need, found or brought up once for the whole run the way
// `npm start` does (services/launcher): TEST_DATABASE_URL / DATABASE_URL and TEST_NATS_URL /
// NATS_URL when set; else a server on TEST_PG_PORT (5432) / TEST_NATS_PORT (4222); else an
// embedded Postgres and a nats-server (from PATH, or downloaded into ~/.cache/trialgrid) started
// here in a temporary directory and stopped at the end. Their URLs reach the tests as both
// TEST_* and the plain variables, because some tests read DATABASE_URL / NATS_URL directly.
const env = { ...process.env, TRIALGRID_TEST: '1' };
// Both names name one server for the whole run, the TEST_ one first: a shell's DATABASE_URL /
// NATS_URL may be a real deployment's, and the tests that read the plain names (the launcher's)
// would otherwise create and drop databases there (test/src/run-tests-env.int.test.ts).
for (const name of ['DATABASE_URL', 'NATS_URL']) {
  const given = env[`TEST_${name}`] || env[name];
  if (given) env[`TEST_${name}`] = env[name] = given;
}
const stops = [];
let stateDir;
/** A temporary home for the servers; enterable by others because as root Postgres runs as `postgres`. */
function newStateDir() {
  const dir = mkdtempSync(join(tmpdir(), 'trialgrid-test-services-'));
  chmodSync(dir, 0o755);
  return dir;
}
const launcherIndex = join(root, 'services/launcher/dist/index.js');
if (!unitOnly && selected.some((f) => f.endsWith('.int.test.js')) && existsSync(launcherIndex)) {
  const launcher = await import(launcherIndex);
  const output = new launcher.Output('pretty', (text) => process.stdout.write(text.replace(/^launcher/, 'services')));
  try {
    if (!env.TEST_DATABASE_URL && !env.DATABASE_URL) {
      stateDir ??= newStateDir();
      const pg = await launcher.resolvePostgres({
        localPort: Number(env.TEST_PG_PORT ?? 5432),
        database: 'postgres',
        dataDir: join(stateDir, 'postgres'),
        output,
      });
      stops.push(pg);
      if (pg.source !== 'local') output.info('tests use the embedded Postgres above; it is stopped after the run');
      env.TEST_DATABASE_URL = env.DATABASE_URL = pg.url;
    }
    if (!env.TEST_NATS_URL && !env.NATS_URL) {
      stateDir ??= newStateDir();
      const nats = await launcher.resolveNats({
        localPort: Number(env.TEST_NATS_PORT ?? 4222),
        storeDir: join(stateDir, 'nats'),
        pathEnv: env.PATH,
        output,
        provision: {
          archive: launcher.natsArchiveFor({ downloadUrl: env.TRIALGRID_NATS_DOWNLOAD_URL, sha256: env.TRIALGRID_NATS_SHA256 }),
          cacheDir: launcher.trialgridCacheDir(env),
        },
      });
      stops.push(nats);
      if (nats.source !== 'local') output.info(`tests use a nats-server started for this run: ${nats.url}`);
      env.TEST_NATS_URL = env.NATS_URL = nats.url;
    }
    // Tests that run nats-servers of their own (chaos, NATS permissions) take this binary: the
    // one `npm start` would use, downloaded into the cache when there is none (a fresh machine).
    if (!env.TRIALGRID_TEST_NATS_SERVER) {
      const found = launcher.findExecutable('nats-server', env.PATH, launcher.DEFAULT_NATS_CANDIDATES);
      const archive = launcher.natsArchiveFor({ downloadUrl: env.TRIALGRID_NATS_DOWNLOAD_URL, sha256: env.TRIALGRID_NATS_SHA256 });
      const binary =
        found ??
        (archive
          ? await launcher.provisionNatsServer({ archive, cacheDir: launcher.trialgridCacheDir(env), info: (line) => output.info(line) }).catch((err) => {
              output.info(`no nats-server for the tests that start their own (they are skipped): ${err instanceof Error ? err.message : String(err)}`);
              return undefined;
            })
          : undefined);
      if (binary) env.TRIALGRID_TEST_NATS_SERVER = binary;
    }
  } catch (err) {
    console.error(`cannot provide the services the integration tests need: ${err instanceof Error ? err.message : String(err)}`);
    await stopServices();
    process.exit(1);
  }
}

async function stopServices() {
  for (const s of stops.reverse()) await s.stop().catch(() => undefined);
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
}

console.log(`running ${selected.length} test files`);
// Asynchronous, so the servers started above keep having their output read during the run.
const child = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...selected], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
const status = await new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
await stopServices();
process.exit(status);
