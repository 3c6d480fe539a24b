/**
 * `node services/launcher/dist/main.js` for real, against this machine's Postgres and NATS
 * (a fresh database and subject prefix per run): everything comes up and answers its health
 * endpoints, SIGINT stops it with exit code 0 and no process left, a child that dies is
 * restarted, and one that keeps dying takes the cluster down with a non-zero exit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';
import { freePort, tcpOpen } from './net.js';
import { withDatabase } from './postgres.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', '..');
const mainJs = join(here, 'main.js');
const baseDb = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

interface Run {
  child: ChildProcess;
  lines: string[];
  exit: Promise<number | null>;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
}

function launch(env: Record<string, string>, unset: string[] = []): Run {
  const full: Record<string, string | undefined> = { ...process.env, ...env };
  for (const key of unset) delete full[key];
  const child = spawn(process.execPath, [mainJs], { cwd: root, env: full, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  let buffered = '';
  const onData = (chunk: Buffer): void => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const w of [...waiters]) {
        const m = line.match(w.pattern);
        if (m) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    lines,
    exit,
    waitFor(pattern, timeoutMs) {
      const seen = lines.map((l) => l.match(pattern)).find((m) => m);
      if (seen) return Promise.resolve(seen);
      return new Promise((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${lines.slice(-60).join('\n')}`)), timeoutMs);
        void exit.then((code) => {
          clearTimeout(timer);
          rej(new Error(`launcher exited (${code}) before a line matching ${pattern}; output:\n${lines.slice(-60).join('\n')}`));
        });
        waiters.push({ pattern, resolve: (m) => (clearTimeout(timer), res(m)) });
      });
    },
  };
}

/** Every pid the launcher reported starting: services, and a Postgres/nats-server of its own. */
function reportedPids(lines: string[]): number[] {
  return lines.flatMap((l) => [...l.matchAll(/\(pid (\d+)/g)].map((m) => Number(m[1])));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function isolation(t: { after: (fn: () => Promise<void>) => void }): Promise<Record<string, string>> {
  const id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const database = `launcher_it_${id}`;
  const prefix = `tglaunch_${id}`;
  const state = mkdtempSync(join(tmpdir(), 'launcher-it-'));
  t.after(async () => {
    rmSync(state, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: withDatabase(baseDb, 'postgres') });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.end();
    const nc = await connect({ servers: natsUrl.split(',') });
    const up = prefix.toUpperCase();
    for (const stream of [`${up}_TRIALS`, `${up}_EVENTS`]) {
      await nc.request(`$JS.API.STREAM.DELETE.${stream}`).catch(() => undefined);
    }
    await nc.close();
  });
  return {
    DATABASE_URL: withDatabase(baseDb, database),
    NATS_URL: natsUrl,
    TRIALGRID_PREFIX: prefix,
    TRIALGRID_STATE_DIR: state,
    PORT: String(await freePort()),
    LOG_LEVEL: 'info',
  };
}

test('npm start brings the cluster up, serves health endpoints, and SIGINT leaves nothing behind', { timeout: 240_000 }, async (t) => {
  const env = await isolation(t);
  const run = launch({ ...env, WORKERS: '2', TRIALGRID_SERVICES: 'all' });
  t.after(() => {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
  });
  await run.waitFor(/trialgrid is up/, 180_000);

  const readyz = run.lines.flatMap((l) => [...l.matchAll(/waiting for (http:\/\/\S+\/readyz)/g)].map((m) => m[1] ?? ''));
  assert.equal(readyz.length, 5, 'scheduler, registry, gateway and two workers');
  assert.equal(new Set(readyz).size, readyz.length, 'every service has its own health port');
  for (const url of readyz) {
    assert.equal((await fetch(url)).status, 200, url);
    assert.equal((await fetch(url.replace(/readyz$/, 'healthz'))).status, 200, url);
  }
  assert.ok(readyz.includes(`http://127.0.0.1:${env['PORT']}/readyz`), 'gateway on the PORT it was given');
  assert.ok(run.lines.some((l) => l.includes(`GraphQL    http://127.0.0.1:${env['PORT']}/graphql`)));

  // First run on a fresh database: one admin token, printed once, saved 0600, accepted by the gateway.
  const tokenFile = join(env['TRIALGRID_STATE_DIR'] ?? '', 'admin-token');
  assert.equal(statSync(tokenFile).mode & 0o777, 0o600);
  const token = readFileSync(tokenFile, 'utf8').trim();
  assert.equal(run.lines.filter((l) => l.includes(token)).length, 1, 'the token is printed exactly once');
  const graphql = `http://127.0.0.1:${env['PORT']}/graphql`;
  const me = async (headers: Record<string, string>) =>
    fetch(graphql, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ me { owner role } }' }) });
  assert.deepEqual(((await (await me({ authorization: `Bearer ${token}` })).json()) as { data: unknown }).data, { me: { owner: 'admin', role: 'admin' } });
  assert.equal((await me({})).status, 401);

  const pids = reportedPids(run.lines);
  assert.ok(pids.length >= readyz.length);
  assert.ok(pids.every(alive));

  // A second launcher with the same state directory refuses at once, naming the first; the
  // first is untouched (it once took over the first one's embedded Postgres).
  const second = launch({ ...env, PORT: String(await freePort()), TRIALGRID_SERVICES: 'none' });
  assert.equal(await second.exit, 1, second.lines.join('\n'));
  assert.match(second.lines.join('\n'), new RegExp(`another trialgrid launcher \\(pid ${run.child.pid}\\) is running with the state directory`));
  assert.match(second.lines.join('\n'), /TRIALGRID_STATE_DIR/);
  for (const url of readyz) assert.equal((await fetch(url)).status, 200, `${url} after the second launcher`);

  run.child.kill('SIGINT');
  assert.equal(await run.exit, 0, run.lines.slice(-40).join('\n'));
  assert.deepEqual(pids.filter(alive), [], 'no child is still running');
  assert.equal(existsSync(join(env['TRIALGRID_STATE_DIR'] ?? '', 'launcher.lock')), false, 'the lock is released');
  assert.equal(existsSync(join(env['TRIALGRID_STATE_DIR'] ?? '', 'launcher.pid')), false, 'and its holder file removed');
});

test('a service that dies is restarted; one that keeps dying takes the cluster down with the reason', { timeout: 150_000 }, async (t) => {
  const env = await isolation(t);
  const run = launch({ ...env, TRIALGRID_SERVICES: 'scheduler,registry', RESTART_LIMIT: '1' });
  t.after(() => {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
  });
  await run.waitFor(/trialgrid is up/, 90_000);
  const victim = await run.waitFor(/started (\S+) \(pid (\d+)\)/, 1_000);
  const name = victim[1]!;
  process.kill(Number(victim[2]), 'SIGKILL');
  // First death: restarted after the backoff, by the same name, as a new process.
  const restarted = await run.waitFor(new RegExp(`restarted ${name} \\(pid (\\d+)\\)`), 30_000);
  const newPid = Number(restarted[1]);
  assert.notEqual(newPid, Number(victim[2]));
  assert.ok(alive(newPid));
  assert.ok(run.lines.some((l) => l.includes(`${name} (pid ${victim[2]}) killed by SIGKILL unexpectedly; restarting it in 1000 ms`)), run.lines.join('\n'));
  assert.equal(run.child.exitCode, null, 'the cluster is still up');

  // Second death within RESTART_WINDOW with RESTART_LIMIT=1: the cluster stops, saying why.
  const pids = reportedPids(run.lines);
  process.kill(newPid, 'SIGKILL');
  const code = await run.exit;
  assert.notEqual(code, 0);
  assert.ok(run.lines.some((l) => l.includes(`${name} (pid ${newPid}) killed by SIGKILL; not restarting it: it died 2 times within 600 s`)), run.lines.join('\n'));
  assert.deepEqual(pids.filter(alive), [], 'the other services were stopped too');
});

test('without DATABASE_URL and with nothing on TRIALGRID_PG_PORT it runs an embedded Postgres and stops it on SIGINT', { timeout: 120_000 }, async (t) => {
  const env = await isolation(t);
  // The embedded server runs as the `postgres` OS user when we are root: it must enter the folder.
  chmodSync(env['TRIALGRID_STATE_DIR'] ?? '', 0o755);
  const pgPort = await freePort();
  const run = launch({ ...env, TRIALGRID_PG_PORT: String(pgPort), TRIALGRID_SERVICES: 'scheduler,gateway' }, ['DATABASE_URL']);
  t.after(() => {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
  });
  await run.waitFor(/trialgrid is up/, 90_000);
  assert.ok(run.lines.some((l) => l.includes(`Postgres   postgres://postgres:***@127.0.0.1:${pgPort}/trialgrid (embedded)`)), run.lines.join('\n'));
  const pgPid = Number((await run.waitFor(/embedded Postgres .* started \(pid (\d+)/, 1_000))[1]);
  const pids = reportedPids(run.lines);
  assert.ok(pids.includes(pgPid) && pids.length === 3);
  run.child.kill('SIGINT');
  assert.equal(await run.exit, 0, run.lines.slice(-40).join('\n'));
  assert.ok(run.lines.some((l) => l.includes('embedded Postgres stopped')));
  assert.deepEqual(pids.filter(alive), [], 'services and the embedded Postgres are gone');
  assert.equal(await tcpOpen(pgPort), false);
});
