// The product's main promise, end to end through the real services: a GraphQL mutation creates
// an experiment, trials run on workers, per-epoch metrics land in Postgres once each and stream
// live, and the registry stages the best model. Workers run as child processes so that one can
// be SIGKILLed mid-trial.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { count, eq, inArray, sql } from 'drizzle-orm';
import { createGatewayClient, GatewayError, runCli, type GatewayClient } from '@trialgrid/cli';
import { experiments, metrics, TERMINAL_EXPERIMENT_STATUSES, TERMINAL_TRIAL_STATUSES, trialAttempts, trials, type ExperimentStatus } from '@trialgrid/db';
import { commandRequestBytes, maxPayloadBytes } from '@trialgrid/messaging';
import { loadTestSplit } from '@trialgrid/ml';
import { mnistDir, repoRoot } from '@trialgrid/testing';
import { startStack, type Stack } from './stack.js';

let stack: Stack;
let client: GatewayClient;
const children = new Set<ChildProcess>();

/** A worker as its own OS process, exactly as `npm start` or a container runs it. */
function spawnWorker(name: string): ChildProcess {
  const child = spawn(process.execPath, [join(repoRoot(), 'services', 'worker', 'dist', 'main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: stack.databaseUrl,
      NATS_URL: stack.natsUrl,
      TRIALGRID_PREFIX: stack.prefix,
      ARTIFACT_DIR: stack.artifactDir,
      DATA_DIR: mnistDir(),
      HEALTH_PORT: '0',
      HEARTBEAT_INTERVAL: '1s',
      WORKER_ID: `${stack.prefix}-${name}`,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function stopWorker(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function experimentStatus(id: string): Promise<ExperimentStatus> {
  const [row] = await stack.db.select({ status: experiments.status }).from(experiments).where(eq(experiments.id, id));
  return row!.status;
}

const CREATE = `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id status counts { total } trials { nodes { id name } } } }`;
interface Created {
  createExperiment: { id: string; status: string; counts: { total: number }; trials: { nodes: { id: string; name: string }[] } };
}

before(async () => {
  // Workers are child processes (below); a short ack_wait makes a killed worker's trial come back quickly.
  stack = await startStack({ workers: 0, ackWaitMs: 4_000 });
  client = createGatewayClient({ url: stack.gatewayUrl, token: stack.token });
});

after(async () => {
  for (const child of children) await stopWorker(child, 'SIGKILL');
  await client?.close();
  await stack?.stop();
});

test('the documented runs: GraphQL mutation to trained trials, live metrics and a Production champion', async () => {
  const worker = spawnWorker('w-main');
  const input = { name: 'e2e documented', preset: 'DOCUMENTED_RUNS', trainLimit: 600, testLimit: 300, epochs: 2, maxParallelTrials: 3 };
  const created = await client.request<Created>(CREATE, { input });
  const exp = created.createExperiment;
  assert.equal(exp.counts.total, 3);
  assert.deepEqual(exp.trials.nodes.map((t) => t.name).sort(), ['run_1_baseline', 'run_2_enhanced', 'run_3_optimized']);

  // Live metrics over the subscription while the trials train.
  const live: { trialId: string; key: string; step: number }[] = [];
  const sub = client.subscribe<{ metricLogged: { trialId: string; key: string; step: number }[] }>(
    `subscription($id: ID) { metricLogged(experimentId: $id) { trialId key step value loggedAt } }`,
    { id: exp.id },
    { next: (d) => live.push(...d.metricLogged) },
  );
  await sub.ready;

  await waitFor('the experiment to finish', async () => TERMINAL_EXPERIMENT_STATUSES.includes(await experimentStatus(exp.id)), 240_000);
  assert.equal(await experimentStatus(exp.id), 'SUCCEEDED');

  const rows = await stack.db.select().from(trials).where(eq(trials.experimentId, exp.id));
  assert.ok(rows.every((t) => t.status === 'SUCCEEDED'), rows.map((t) => `${t.name}=${t.status} ${t.error ?? ''}`).join(', '));
  // Per-epoch metrics: 4 keys × 2 epochs per trial, each (trial, key, step) exactly once.
  for (const t of rows) {
    const perKey = await stack.db
      .select({ key: metrics.key, n: count(), steps: sql<number[]>`array_agg(${metrics.step} order by ${metrics.step})` })
      .from(metrics)
      .where(eq(metrics.trialId, t.id))
      .groupBy(metrics.key);
    const byKey = new Map(perKey.map((r) => [r.key, r.steps]));
    for (const key of ['train_loss', 'train_accuracy', 'val_loss', 'val_accuracy']) assert.deepEqual(byKey.get(key), [0, 1], `${t.name} ${key}`);
    const final = t.finalMetrics as Record<string, number>;
    assert.ok(final['test_accuracy']! > 0.3 && final['test_accuracy']! <= 1, `${t.name} test_accuracy ${final['test_accuracy']}`);
    assert.ok(final['test_loss']! > 0);
  }
  await waitFor('live metric points', async () => live.length >= 3 * 4 * 2, 10_000);
  sub.unsubscribe();

  // The registry registers the best trial (highest test accuracy) and judges it with the seed's
  // production gate: a quick 2-epoch model is far below 99 %, so it stays a candidate with its reasons.
  type Version = { version: number; stage: string; aliases: string[]; tags: Record<string, unknown>; trial: { id: string; finalMetrics: Record<string, number> }; gate: { passed: boolean; checks: { criterion: string; measured: number | null; passed: boolean; message: string }[] } };
  const candidate = await waitFor('the registered candidate', async () => {
    const d = await client.request<{ registeredModel: { production: unknown; versions: Version[] } | null }>(
      `{ registeredModel(name: "Mnist_Best_Model") { production { version } versions { version stage aliases tags trial { id finalMetrics } gate { passed checks { criterion measured passed message } } } } }`,
    );
    const v = d.registeredModel?.versions[0];
    return v && v.tags['stage'] === 'candidate' ? { ...v, production: d.registeredModel?.production } : undefined;
  }, 60_000);
  const best = Math.max(...rows.map((t) => (t.finalMetrics as Record<string, number>)['test_accuracy']!));
  assert.equal(candidate.trial.finalMetrics['test_accuracy'], best);
  assert.equal(candidate.stage, 'None');
  assert.deepEqual(candidate.aliases, []);
  assert.equal(candidate.production, null, 'the quick run is not put into Production');
  assert.equal(candidate.gate.passed, false);
  const accuracy = candidate.gate.checks.find((c) => c.criterion === 'test_accuracy')!;
  assert.equal(accuracy.measured, best);
  assert.match(String(candidate.tags['candidate_reason']), new RegExp(`^fails the production gate: ${accuracy.message.replace(/[.()]/g, '\\$&')}`));

  // Promoting it by hand needs an explicit override with a reason; champion follows Production.
  await assert.rejects(
    client.request(`mutation { transitionModelVersionStage(modelName: "Mnist_Best_Model", version: ${candidate.version}, stage: Production) { version } }`),
    (err: unknown) => err instanceof GatewayError && err.code === 'CONFLICT' && /fails the production gate/.test(err.message),
  );
  const promoted = await client.request<{ transitionModelVersionStage: { version: number; stage: string; aliases: string[] } }>(
    `mutation { transitionModelVersionStage(modelName: "Mnist_Best_Model", version: ${candidate.version}, stage: Production, override: true, reason: "e2e: serve the quick model") { version stage aliases } }`,
  );
  const model = promoted.transitionModelVersionStage;
  assert.equal(model.stage, 'Production');
  assert.deepEqual(model.aliases, ['champion']);

  // Description, tags, policy and search through GraphQL, end to end.
  const edited = await client.request<{ updateRegisteredModel: { description: string; tags: Record<string, string> } }>(
    `mutation { updateRegisteredModel(name: "Mnist_Best_Model", description: "digits for the e2e scanner", tags: { team: "e2e" }) { description tags } }`,
  );
  assert.deepEqual(edited.updateRegisteredModel, { description: 'digits for the e2e scanner', tags: { team: 'e2e' } });
  const versionEdit = await client.request<{ updateModelVersion: { description: string } }>(
    `mutation { updateModelVersion(modelName: "Mnist_Best_Model", version: ${candidate.version}, description: "quick run") { description } }`,
  );
  assert.equal(versionEdit.updateModelVersion.description, 'quick run');
  await assert.rejects(
    client.request(`mutation { setPromotionPolicy(modelName: "Mnist_Best_Model", policy: { minTestAccuracy: 2 }) { name } }`),
    (err: unknown) => err instanceof GatewayError && err.code === 'BAD_USER_INPUT',
  );
  const relaxed = await client.request<{ setPromotionPolicy: { promotionPolicy: { minTestAccuracy: number; maxLatencyMs: number }; history: { kind: string }[] } }>(
    `mutation { setPromotionPolicy(modelName: "Mnist_Best_Model", policy: { minTestAccuracy: 0.3 }, reason: "e2e") { promotionPolicy { minTestAccuracy maxLatencyMs } history { kind } } }`,
  );
  assert.deepEqual(relaxed.setPromotionPolicy.promotionPolicy, { minTestAccuracy: 0.3, maxLatencyMs: 100 });
  assert.ok(relaxed.setPromotionPolicy.history.some((h) => h.kind === 'POLICY'));
  const found = await client.request<{ registeredModels: { name: string }[] }>(`{ registeredModels(search: "E2E SCANNER") { name } }`);
  assert.deepEqual(found.registeredModels.map((m) => m.name), ['Mnist_Best_Model']);

  // The Production model serves predictions.
  const image = Array.from({ length: 784 }, (_, i) => ((i * 37) % 255) / 255);
  const p = await client.request<{ predict: { classes: number[]; probabilities: number[][]; version: number } }>(
    `query($images: [[Float!]!]!) { predict(images: $images) { classes probabilities version } }`,
    { images: [image, image] },
  );
  assert.equal(p.predict.classes.length, 2);
  assert.equal(p.predict.version, model.version);
  const sum = p.predict.probabilities[0]!.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-3);
  await stopWorker(worker);
});

test('predict with large requests (issue 11 case 5): 1000 real MNIST images and 670 all-zero images, split into messages under max_payload, one version', async () => {
  // The first test left a Production version of Mnist_Best_Model.
  const prod = await client.request<{ registeredModel: { production: { version: number; trial: { finalMetrics: Record<string, number> } } | null } }>(
    `{ registeredModel(name: "Mnist_Best_Model") { production { version trial { finalMetrics } } } }`,
  );
  const version = prod.registeredModel.production!.version;
  // Measured by the worker on the first 300 test images (the run's testLimit).
  const trainedAccuracy = prod.registeredModel.production!.trial.finalMetrics['test_accuracy']!;
  const split = await loadTestSplit({ dir: mnistDir(), limit: 1000 });
  const real = Array.from({ length: 1000 }, (_, i) => Array.from(split.images.subarray(i * 784, (i + 1) * 784)));
  const zeros = Array.from({ length: 670 }, () => Array.from({ length: 784 }, () => 0));

  // Watch the registry's command subject (a plain subscription gets a copy of every request).
  const limit = maxPayloadBytes(stack.messaging);
  const seen: { bytes: number; images: number; version: unknown; alias: unknown }[] = [];
  const watch = stack.messaging.nc.subscribe(stack.messaging.subjects.cmd('model.predict'), {
    callback: (_err, msg) => {
      const body = JSON.parse(new TextDecoder().decode(msg.data)) as { images: unknown[]; version?: unknown; alias?: unknown };
      seen.push({ bytes: msg.data.byteLength, images: body.images.length, version: body.version, alias: body.alias });
    },
  });
  await stack.messaging.nc.flush();
  const PREDICT = `query($images: [[Float!]!]!, $alias: String) { predict(images: $images, alias: $alias) { classes probabilities version modelName latencyMs } }`;
  type Prediction = { predict: { classes: number[]; probabilities: number[][]; version: number; modelName: string; latencyMs: number } };
  try {
    assert.ok(commandRequestBytes({ images: real, modelName: 'Mnist_Best_Model' }) > limit, 'the 1000 real images are over one message');
    assert.ok(commandRequestBytes({ images: zeros, modelName: 'Mnist_Best_Model' }) > limit, 'the 670 zero images are over one message');

    const big = (await client.request<Prediction>(PREDICT, { images: real, alias: 'champion' })).predict;
    assert.equal(big.version, version);
    assert.equal(big.modelName, 'Mnist_Best_Model');
    assert.equal(big.classes.length, 1000);
    assert.equal(big.probabilities.length, 1000);
    for (const p of big.probabilities) assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-3);
    // Real predictions: on the images the worker tested it on, the served model scores what the worker measured.
    const correct = big.classes.slice(0, 300).filter((c, i) => c === split.labels[i]).length;
    assert.ok(Math.abs(correct / 300 - trainedAccuracy) <= 0.02, `${correct}/300 right; the worker measured ${trainedAccuracy}`);
    // Several messages, each under the limit; the first resolves the alias, the others pin its version.
    const bigParts = seen.splice(0);
    assert.ok(bigParts.length >= 2, `${bigParts.length} parts`);
    assert.equal(bigParts.reduce((n, s) => n + s.images, 0), 1000);
    for (const s of bigParts) assert.ok(s.bytes <= limit, `a part of ${s.bytes} bytes over ${limit}`);
    assert.equal(bigParts.filter((s) => s.alias === 'champion' && s.version === undefined).length, 1);
    assert.ok(bigParts.filter((s) => s.alias !== 'champion').every((s) => s.version === version));
    // The last images alone, in one small request, get the same answers (parts are put back in order).
    const tail = (await client.request<Prediction>(PREDICT, { images: real.slice(990) })).predict;
    assert.deepEqual(tail.classes, big.classes.slice(990));
    seen.splice(0);

    const blank = (await client.request<Prediction>(PREDICT, { images: zeros })).predict;
    assert.equal(blank.classes.length, 670);
    assert.equal(new Set(blank.classes).size, 1, 'the same image gets the same class in every part');
    assert.ok(seen.length >= 2 && seen.every((s) => s.bytes <= limit));
    assert.equal(seen.reduce((n, s) => n + s.images, 0), 670);

    // The documented limit is the real one: 1001 images are refused up front, naming it.
    await assert.rejects(client.request(PREDICT, { images: [...zeros, ...zeros].slice(0, 1001) }), (err: unknown) => {
      assert.ok(err instanceof GatewayError);
      assert.equal(err.code, 'BAD_USER_INPUT');
      assert.match(err.message, /at most 1000 images/);
      return true;
    });
  } finally {
    watch.unsubscribe();
  }
});

test('paging QUEUED trials while two stop (issue 11 case 8): keyset pages in the API and the CLI return every other trial', async () => {
  // No worker runs now: the 25 trials stay QUEUED until stopped or cancelled.
  const created = await client.request<Created>(CREATE, {
    input: {
      name: 'e2e paging',
      trainLimit: 100,
      testLimit: 50,
      epochs: 1,
      searchSpace: { algorithm: 'GRID', base: { preset: 'baseline' }, parameters: [{ name: 'learningRate', values: [0.001, 0.002, 0.003, 0.004, 0.005] }, { name: 'seed', values: [1, 2, 3, 4, 5] }] },
    },
  });
  const id = created.createExperiment.id;
  assert.equal(created.createExperiment.counts.total, 25);
  try {
    type Page = { experiment: { trials: { totalCount: number; pageInfo: { endCursor: string | null; hasNextPage: boolean }; nodes: { id: string; status: string }[] } } };
    const PAGE = `query($id: ID!, $after: String) { experiment(id: $id) { trials(first: 10, status: QUEUED, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { id status } } } }`;
    const all = (await client.request<Page>(`query($id: ID!) { experiment(id: $id) { trials(first: 100) { totalCount pageInfo { endCursor hasNextPage } nodes { id status } } } }`, { id })).experiment.trials.nodes;
    assert.deepEqual([...new Set(all.map((t) => t.status))], ['QUEUED']);

    // The CLI's pages (JSON), started before the stops as well.
    const cliPage = async (after?: string): Promise<Page['experiment']['trials']> => {
      let out = '';
      let err = '';
      const argv = ['show', id, '--status', 'queued', '--first', '10', ...(after ? ['--after', after] : []), '--json', '--url', stack.gatewayUrl];
      const code = await runCli(argv, { TRIALGRID_TOKEN: stack.token }, { stdout: (t) => (out += t), stderr: (t) => (err += t), tty: false });
      assert.equal(code, 0, err);
      return (JSON.parse(out) as Page['experiment']).trials;
    };

    const page1 = (await client.request<Page>(PAGE, { id })).experiment.trials;
    const cli1 = await cliPage();
    assert.deepEqual(cli1.nodes.map((n) => n.id), page1.nodes.map((n) => n.id));
    assert.equal(page1.nodes.length, 10);
    // Stop two trials of page 1 through the real scheduler.
    const stopped = [page1.nodes[2]!.id, page1.nodes[7]!.id];
    for (const t of stopped) await client.request(`mutation($id: ID!) { stopTrial(id: $id) { id } }`, { id: t });
    await waitFor('the two trials to leave QUEUED', async () => {
      const rows = await stack.db.select({ status: trials.status }).from(trials).where(inArray(trials.id, stopped));
      return rows.every((r) => r.status !== 'QUEUED');
    }, 20_000);

    const rest: string[] = [];
    const cliRest: string[] = [];
    for (let after = page1.pageInfo.endCursor, cliAfter = cli1.pageInfo.endCursor, i = 0; (after || cliAfter) && i < 5; i++) {
      if (after) {
        const page = (await client.request<Page>(PAGE, { id, after })).experiment.trials;
        rest.push(...page.nodes.map((n) => n.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      }
      if (cliAfter) {
        const page = await cliPage(cliAfter);
        cliRest.push(...page.nodes.map((n) => n.id));
        cliAfter = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      }
    }
    const expected = all.map((t) => t.id).filter((t) => !page1.nodes.some((n) => n.id === t));
    assert.deepEqual(rest, expected, 'the API returns every trial after page 1, once, in order');
    assert.deepEqual(cliRest, expected, 'so does the CLI');
    assert.equal(rest.length, 15);
    // The human table ends with the command for the next page.
    let text = '';
    await runCli(['show', id, '--status', 'queued', '--first', '10', '--url', stack.gatewayUrl], { TRIALGRID_TOKEN: stack.token }, { stdout: (t) => (text += t), stderr: () => undefined, tty: false });
    assert.match(text, /\(10 of 23 trials; next page: --after \S+\)/);
  } finally {
    await client.request(`mutation($id: ID!) { cancelExperiment(id: $id) { id } }`, { id });
  }
});

test('bad GraphQL input: BAD_USER_INPUT and nothing written', async () => {
  const [before] = await stack.db.select({ n: count() }).from(experiments);
  const bad = [
    { name: 'neg lr', searchSpace: { algorithm: 'EXPLICIT', trials: [{ preset: 'baseline', learningRate: -0.1 }] } },
    { name: 'empty', searchSpace: { algorithm: 'EXPLICIT', trials: [] } },
    { name: 'huge grid', searchSpace: { algorithm: 'GRID', base: { preset: 'baseline' }, parameters: [
      { name: 'learningRate', values: Array.from({ length: 40 }, (_, i) => 0.0001 * (i + 1)) },
      { name: 'batchSize', values: Array.from({ length: 40 }, (_, i) => 16 + i) },
    ] } },
    { name: 'nothing to run' },
  ];
  for (const input of bad) {
    await assert.rejects(client.request(CREATE, { input }), (err: unknown) => {
      assert.ok(err instanceof GatewayError);
      assert.equal(err.code, 'BAD_USER_INPUT', `${input.name}: ${err.message}`);
      return true;
    });
  }
  // An unknown preset fails GraphQL validation itself.
  await assert.rejects(client.request(CREATE, { input: { name: 'x', searchSpace: { algorithm: 'EXPLICIT', trials: [{ preset: 'huge' }] } } }), GatewayError);
  const [afterCount] = await stack.db.select({ n: count() }).from(experiments);
  assert.equal(afterCount!.n, before!.n);
});

test('a worker SIGKILLed mid-trial: the trial is redelivered, completes, no duplicate or missing metric rows', async () => {
  const first = spawnWorker('w-killed');
  const input = {
    name: 'e2e sigkill',
    searchSpace: { algorithm: 'EXPLICIT', trials: [{ name: 'victim', preset: 'baseline', epochs: 4 }] },
    trainLimit: 2500,
    testLimit: 300,
    maxParallelTrials: 1,
  };
  const exp = (await client.request<Created>(CREATE, { input })).createExperiment;
  const trialId = exp.trials.nodes[0]!.id;
  // Kill once the first epoch's metrics are stored (mid-trial, with a checkpoint behind it).
  await waitFor('epoch 0 metrics', async () => {
    const [r] = await stack.db.select({ n: count() }).from(metrics).where(eq(metrics.trialId, trialId));
    return r!.n >= 4;
  }, 120_000);
  const [running] = await stack.db.select().from(trials).where(eq(trials.id, trialId));
  assert.equal(running!.status, 'RUNNING');
  await stopWorker(first, 'SIGKILL');

  const rescuer = spawnWorker('w-rescuer');
  await waitFor('the trial to finish', async () => {
    const [t] = await stack.db.select().from(trials).where(eq(trials.id, trialId));
    return TERMINAL_TRIAL_STATUSES.includes(t!.status) ? t : undefined;
  }, 180_000);
  const [done] = await stack.db.select().from(trials).where(eq(trials.id, trialId));
  assert.equal(done!.status, 'SUCCEEDED', done!.error ?? '');
  assert.equal(done!.workerId, `${stack.prefix}-w-rescuer`);

  const attempts = await stack.db.select().from(trialAttempts).where(eq(trialAttempts.trialId, trialId));
  assert.ok(attempts.length >= 2, `attempts: ${attempts.length}`);
  assert.equal(attempts.filter((a) => a.status === 'SUCCEEDED').length, 1, 'exactly one attempt ran to completion');

  const rows = await stack.db
    .select({ key: metrics.key, step: metrics.step })
    .from(metrics)
    .where(eq(metrics.trialId, trialId));
  for (const key of ['train_loss', 'train_accuracy', 'val_loss', 'val_accuracy']) {
    const steps = rows.filter((r) => r.key === key).map((r) => r.step).sort((a, b) => a - b);
    assert.deepEqual(steps, [0, 1, 2, 3], `${key} steps`);
  }
  assert.equal(await experimentStatus(exp.id), 'SUCCEEDED');
  await stopWorker(rescuer);
});

test('a malformed dispatch message is rejected and the queue keeps flowing', async () => {
  const worker = spawnWorker('w-malformed');
  const m = stack.messaging;
  await m.js.publish(m.subjects.trialDispatch, new TextEncoder().encode('{"v":1,"type":"trial.dispatch","data":{"trialId":42}}'));
  await m.js.publish(m.subjects.trialDispatch, new TextEncoder().encode('not json at all'));
  const input = { name: 'e2e after garbage', searchSpace: { algorithm: 'EXPLICIT', trials: [{ preset: 'baseline', epochs: 1 }] }, trainLimit: 400, testLimit: 200 };
  const exp = (await client.request<Created>(CREATE, { input })).createExperiment;
  await waitFor('the experiment after the garbage', async () => (await experimentStatus(exp.id)) === 'SUCCEEDED', 120_000);
  // Nothing is left stuck in the work queue.
  const info = await m.jsm.streams.info(m.streams.trials);
  assert.equal(info.state.messages, 0);
  await stopWorker(worker);
});

test('cancel mid-run: running trials stop, queued ones never start', async () => {
  const worker = spawnWorker('w-cancel');
  const input = {
    name: 'e2e cancel',
    searchSpace: { algorithm: 'EXPLICIT', trials: [{ preset: 'enhanced', epochs: 5 }, { preset: 'enhanced', epochs: 5 }] },
    trainLimit: 5000,
    testLimit: 300,
    maxParallelTrials: 1,
  };
  const exp = (await client.request<Created>(CREATE, { input })).createExperiment;
  await waitFor('a running trial', async () => {
    const rows = await stack.db.select().from(trials).where(eq(trials.experimentId, exp.id));
    return rows.some((t) => t.status === 'RUNNING');
  }, 120_000);
  const res = await client.request<{ cancelExperiment: { status: string } }>(`mutation($id: ID!) { cancelExperiment(id: $id) { status } }`, { id: exp.id });
  assert.equal(res.cancelExperiment.status, 'CANCELLED');
  const rows = await stack.db.select().from(trials).where(eq(trials.experimentId, exp.id));
  assert.ok(rows.every((t) => t.status === 'CANCELLED'), rows.map((t) => t.status).join(','));
  // The worker gives the slot back quickly (it stops within a few batches) and trains nothing more.
  await waitFor('the worker to go idle', async () => {
    const d = await client.request<{ workers: { id: string; status: string; currentTrial: { id: string } | null }[] }>(`{ workers { id status currentTrial { id } } }`);
    const w = d.workers.find((x) => x.id === `${stack.prefix}-w-cancel`);
    return w && w.status === 'IDLE' ? w : undefined;
  }, 30_000);
  const attempts = await stack.db.select().from(trialAttempts).innerJoin(trials, eq(trials.id, trialAttempts.trialId)).where(eq(trials.experimentId, exp.id));
  assert.ok(attempts.length <= 1, 'the queued trial never started');
  assert.ok(attempts.every((a) => a.trial_attempts.status !== 'SUCCEEDED'));
  await stopWorker(worker);
});
