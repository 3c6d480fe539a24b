/**
 * `npm start` on the nats-server the launcher spawns (a NATS user per service, least-privilege
 * permissions), end to end: with nothing on TRIALGRID_NATS_PORT and no NATS_URL the launcher
 * starts its own server, and a short experiment goes through every service and every kind of
 * message — commands of both servers (experiment create / cancel, dataset register, model
 * stage, alias, edit, policy, predict), the TRIALS work queue, EVENTS into the scheduler and the
 * registry, updates and worker heartbeats to GraphQL subscriptions, the queue board's consumer
 * info. Not one permission violation may be logged: the permission lists are complete. The
 * model history names the token's owner for every change made through the gateway (issue 14).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGatewayClient, GatewayError } from '@trialgrid/cli';
import { dropDatabase, TERMINAL_EXPERIMENT_STATUSES, type ExperimentStatus } from '@trialgrid/db';
import { freePort, mnistDir, repoRoot } from '@trialgrid/testing';

const baseDb = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';


async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

test('npm start on its own authenticated nats-server: a short experiment through every service, no permission violation', { timeout: 420_000 }, async (t) => {
  const id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const database = `launcher_nats_auth_${id}`;
  const state = mkdtempSync(join(tmpdir(), 'launcher-nats-auth-e2e-'));
  const dbUrl = new URL(baseDb);
  dbUrl.pathname = `/${database}`;
  const port = await freePort();
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: dbUrl.toString(),
    NATS_URL: undefined,
    NATS_USER: undefined,
    NATS_PASSWORD: undefined,
    TRIALGRID_NATS_PORT: String(await freePort()),
    TRIALGRID_STATE_DIR: state,
    TRIALGRID_SERVICES: 'all',
    WORKERS: '1',
    PORT: String(port),
    DATA_DIR: mnistDir(),
    HEARTBEAT_INTERVAL: '1s',
    LOG_LEVEL: 'info',
    TRIALGRID_LOG_FORMAT: 'pretty',
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn(process.execPath, [join(repoRoot(), 'services', 'launcher', 'dist', 'main.js')], { cwd: repoRoot(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  const onData = (chunk: Buffer): void => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const client = { current: undefined as ReturnType<typeof createGatewayClient> | undefined };
  t.after(async () => {
    await client.current?.close();
    if (child.exitCode === null) {
      child.kill('SIGINT');
      await Promise.race([exit, new Promise((r) => setTimeout(r, 30_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(state, { recursive: true, force: true });
    await dropDatabase(dbUrl.toString());
  });
  const violations = (): string[] => lines.filter((l) => /[Vv]iolation|[Aa]uthorization [Ee]rror|[Pp]ermission/.test(l));

  await waitFor('the launcher to be up', async () => {
    if (child.exitCode !== null) throw new Error(`launcher exited ${child.exitCode}:\n${lines.slice(-40).join('\n')}`);
    return lines.some((l) => l.includes('trialgrid is up'));
  }, 300_000);
  assert.ok(lines.some((l) => /nats-server nats:\/\/127\.0\.0\.1:\d+ started .*a user per service/.test(l)), lines.join('\n'));

  const token = readFileSync(join(state, 'admin-token'), 'utf8').trim();
  const gw = createGatewayClient({ url: `http://127.0.0.1:${port}/graphql`, token });
  client.current = gw;

  // Worker heartbeats and experiment updates reach GraphQL subscribers.
  const heartbeats: string[] = [];
  const updates: string[] = [];
  const workersSub = gw.subscribe<{ workerUpdated: { id: string } }>('subscription { workerUpdated { id } }', {}, { next: (d) => heartbeats.push(d.workerUpdated.id) });
  const experimentsSub = gw.subscribe<{ experimentUpdated: { status: string } }>('subscription { experimentUpdated { status } }', {}, { next: (d) => updates.push(d.experimentUpdated.status) });
  await Promise.all([workersSub.ready, experimentsSub.ready]);

  // A scheduler command that is not about experiments.
  const dataset = await gw.request<{ registerDataset: { name: string } }>(`mutation($d: String!) { registerDataset(input: { name: "mnist-copy", directory: $d }) { name } }`, { d: mnistDir() });
  assert.equal(dataset.registerDataset.name, 'mnist-copy');

  // The work queue, EVENTS into the scheduler, experiment.finished into the registry.
  const create = `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }`;
  const input = { name: 'nats auth e2e', searchSpace: { algorithm: 'EXPLICIT', trials: [{ preset: 'baseline', epochs: 1 }] }, trainLimit: 300, testLimit: 200 };
  const exp = (await gw.request<{ createExperiment: { id: string } }>(create, { input })).createExperiment;
  const status = async (): Promise<ExperimentStatus> => (await gw.request<{ experiment: { status: ExperimentStatus } }>(`query($id: ID!) { experiment(id: $id) { status } }`, { id: exp.id })).experiment.status;
  const final = await waitFor('the experiment to end', async () => {
    const s = await status();
    return TERMINAL_EXPERIMENT_STATUSES.includes(s) ? s : undefined;
  }, 240_000);
  assert.equal(final, 'SUCCEEDED', lines.slice(-60).join('\n'));

  type History = { registeredModel: { versions: { version: number; stage: string }[]; history: { kind: string; actor: string; version: number | null }[] } | null };
  const historyQuery = `{ registeredModel(name: "Mnist_Best_Model") { versions { version stage } history { kind actor version } } }`;
  const registered = await waitFor('the registry to register the best trial', async () => (await gw.request<History>(historyQuery)).registeredModel?.versions[0], 120_000);

  // Registry commands from the gateway, each recorded with the token's owner.
  await gw.request(`mutation { transitionModelVersionStage(modelName: "Mnist_Best_Model", version: ${registered.version}, stage: Production, override: true, reason: "nats auth e2e") { stage } }`);
  await gw.request(`mutation { setModelAlias(modelName: "Mnist_Best_Model", alias: "canary", version: ${registered.version}) { aliases } }`);
  await gw.request(`mutation { updateModelVersion(modelName: "Mnist_Best_Model", version: ${registered.version}, description: "e2e") { description } }`);
  await gw.request(`mutation { setPromotionPolicy(modelName: "Mnist_Best_Model", policy: { minTestAccuracy: 0.1 }, reason: "e2e") { name } }`);
  const image = Array.from({ length: 784 }, (_, i) => (i % 255) / 255);
  const prediction = await gw.request<{ predict: { classes: number[] } }>(`query($images: [[Float!]!]!) { predict(images: $images) { classes } }`, { images: [image] });
  assert.equal(prediction.predict.classes.length, 1);
  const history = (await gw.request<History>(historyQuery)).registeredModel!.history;
  const byKind = (kind: string): string[] => history.filter((h) => h.kind === kind).map((h) => h.actor);
  // The registry's own registration records the service; every change made through the gateway, the token's owner.
  assert.deepEqual(byKind('REGISTERED'), ['registry'], JSON.stringify(history));
  for (const kind of ['STAGE', 'ALIAS_SET', 'UPDATED', 'POLICY']) assert.ok(byKind(kind).includes('admin'), `${kind}: ${JSON.stringify(history)}`);
  assert.deepEqual(history.filter((h) => h.kind === 'STAGE' || h.kind === 'ALIAS_SET' || h.kind === 'POLICY').filter((h) => h.actor !== 'admin'), []);

  // A second experiment cancelled at once: experiment.cancel, trial stop on the control subjects.
  const doomed = (await gw.request<{ createExperiment: { id: string } }>(create, { input: { ...input, name: 'nats auth cancel' } })).createExperiment;
  const cancelled = await gw.request<{ cancelExperiment: { status: string } }>(`mutation($id: ID!) { cancelExperiment(id: $id) { status } }`, { id: doomed.id });
  assert.equal(cancelled.cancelExperiment.status, 'CANCELLED');

  // The queue board reads the work queue's consumer through JetStream.
  const boardText = await waitFor('the queue board to show the JetStream consumer', async () => {
    const board = await fetch(`http://127.0.0.1:${port}/queues/api/queues`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(board.status, 200);
    const text = await board.text();
    // Filled in by a consumer-info request the first call starts.
    return /JetStream \S+: (\d+ dispatches waiting|unavailable)/.test(text) ? text : undefined;
  }, 10_000);
  assert.match(boardText, /dispatches waiting for a worker/, boardText.slice(0, 500));

  await waitFor('a worker heartbeat and experiment updates on the subscriptions', async () => heartbeats.length > 0 && updates.includes('SUCCEEDED'), 20_000);
  workersSub.unsubscribe();
  experimentsSub.unsubscribe();
  // Without a token the gateway still answers UNAUTHENTICATED.
  await assert.rejects(createGatewayClient({ url: `http://127.0.0.1:${port}/graphql` }).request('{ me { owner } }'), (err: unknown) => err instanceof GatewayError && err.code === 'UNAUTHENTICATED');

  assert.deepEqual(violations(), [], 'no permission violation anywhere');
  child.kill('SIGINT');
  assert.equal(await exit, 0, lines.slice(-30).join('\n'));
});
