// Datasets by name, end to end: a small IDX dataset generated here (14×12 pixels, 3 channels,
// 3 classes — not MNIST's shape) is registered through GraphQL, an experiment names it, the
// scheduler builds the models for its shape, the worker trains on its files, and the results
// carry its class names and fingerprint; an unknown dataset is refused at creation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { count, eq } from 'drizzle-orm';
import { mulberry32 } from '@trialgrid/ml';
import { createGatewayClient, GatewayError, runCli, type GatewayClient } from '@trialgrid/cli';
import { experiments, TERMINAL_EXPERIMENT_STATUSES, trials, type ExperimentStatus } from '@trialgrid/db';
import { startStack, type Stack } from './stack.js';

const H = 14;
const W = 12;
const C = 3;
const CLASSES = ['bar', 'dot', 'cross'];

/**
 * `n` images of class i % 3, each a noisy picture of its class: a horizontal bar (red channel),
 * a centre dot (green channel) or a cross (blue channel), plus uniform noise in every channel.
 */
function makeSplit(n: number, seed: number): { images: Buffer; labels: Buffer } {
  const rng = mulberry32(seed);
  const images = Buffer.alloc(20 + n * H * W * C);
  images.writeUInt32BE(0x804, 0);
  images.writeUInt32BE(n, 4);
  images.writeUInt32BE(H, 8);
  images.writeUInt32BE(W, 12);
  images.writeUInt32BE(C, 16);
  const labels = Buffer.alloc(8 + n);
  labels.writeUInt32BE(0x801, 0);
  labels.writeUInt32BE(n, 4);
  for (let k = 0; k < n; k++) {
    const cls = k % 3;
    labels[8 + k] = cls;
    const dr = Math.floor(rng() * 5) - 2;
    const dc = Math.floor(rng() * 5) - 2;
    for (let r = 0; r < H; r++) {
      for (let c = 0; c < W; c++) {
        const onBar = Math.abs(r - (7 + dr)) <= 1;
        const onDot = Math.abs(r - (7 + dr)) <= 2 && Math.abs(c - (6 + dc)) <= 2;
        const onCross = Math.abs(r - (7 + dr)) === Math.abs(c - (6 + dc)) && Math.abs(r - (7 + dr)) <= 4;
        const on = [onBar, onDot, onCross][cls]!;
        for (let ch = 0; ch < C; ch++) {
          const signal = on && ch === cls ? 200 : 0;
          images[20 + ((k * H + r) * W + c) * C + ch] = Math.min(255, signal + Math.floor(rng() * 50));
        }
      }
    }
  }
  return { images, labels };
}

let stack: Stack;
let client: GatewayClient;
let dataDir: string;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tg-e2e-shapes-'));
  const train = makeSplit(300, 1);
  const test = makeSplit(60, 2);
  await writeFile(join(dataDir, 'train-images-idx3-ubyte.gz'), gzipSync(train.images));
  await writeFile(join(dataDir, 'train-labels-idx1-ubyte.gz'), gzipSync(train.labels));
  await writeFile(join(dataDir, 't10k-images-idx3-ubyte'), test.images);
  await writeFile(join(dataDir, 't10k-labels-idx1-ubyte'), test.labels);
  stack = await startStack({ workers: 1 });
  client = createGatewayClient({ url: stack.gatewayUrl, token: stack.token });
});

after(async () => {
  await client?.close();
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const REGISTER = `mutation($input: RegisterDatasetInput!) { registerDataset(input: $input) { name format location imageShape numClasses classNames fingerprint trainCount testCount } }`;
const CREATE = `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id modelName dataset } }`;
const EXPERIMENT = `query($id: ID!) { experiment(id: $id) { status modelName trials { nodes { status spec finalMetrics summary provenance paramMap } } } }`;

async function badInput(query: string, input: Record<string, unknown>, fragment: RegExp): Promise<void> {
  await assert.rejects(client.request(query, { input }), (err: unknown) => {
    assert.ok(err instanceof GatewayError, String(err));
    assert.equal(err.code, 'BAD_USER_INPUT', err.message);
    assert.match(err.message, fragment);
    return true;
  });
}

test('a dataset registered by name: an experiment on it trains on its data, with its shape, classes and fingerprint', async () => {
  const { datasets } = await client.request<{ datasets: { name: string; location: { kind: string }; imageShape: number[]; fingerprint: string }[] }>(
    `{ datasets { name location imageShape fingerprint } }`,
  );
  const mnist = datasets.find((d) => d.name === 'mnist');
  assert.deepEqual(mnist?.location, { kind: 'builtin' });
  assert.deepEqual(mnist?.imageShape, [28, 28, 1]);

  // Refusals first: nothing registered, nothing created.
  await badInput(REGISTER, { name: 'shapes', directory: join(dataDir, 'nope') }, /not a directory/);
  await badInput(REGISTER, { name: 'shapes', directory: dataDir, imageShape: [28, 28, 1] }, /14×12×3/);
  await badInput(REGISTER, { name: 'shapes', directory: dataDir, classNames: ['a', 'b'] }, /labels up to 2/);
  await badInput(REGISTER, { name: 'shapes', url: 'https://example.org/shapes/' }, /SHA-256 of train-images/);
  const [before] = await stack.db.select({ n: count() }).from(experiments);
  await badInput(CREATE, stack.quickInput('unknown dataset', { dataset: 'cifar10', preset: 'DOCUMENTED_RUNS' }), /unknown dataset "cifar10"/);
  const [afterRefusal] = await stack.db.select({ n: count() }).from(experiments);
  assert.equal(afterRefusal!.n, before!.n);

  const { registerDataset: ds } = await client.request<{
    registerDataset: { name: string; location: { kind: string; path: string }; imageShape: number[]; numClasses: number; classNames: string[]; fingerprint: string; trainCount: number; testCount: number };
  }>(REGISTER, { input: { name: 'shapes', directory: dataDir, classNames: CLASSES, description: 'generated by the e2e test' } });
  assert.deepEqual(ds.imageShape, [H, W, C]);
  assert.equal(ds.numClasses, 3);
  assert.deepEqual(ds.classNames, CLASSES);
  assert.deepEqual(ds.location, { kind: 'directory', path: dataDir });
  assert.equal(ds.trainCount, 300);
  assert.equal(ds.testCount, 60);
  assert.match(ds.fingerprint, /^sha256:[0-9a-f]{64}$/);
  assert.notEqual(ds.fingerprint, mnist?.fingerprint);
  await assert.rejects(client.request(REGISTER, { input: { name: 'shapes', directory: dataDir } }), (err: unknown) => err instanceof GatewayError && /already registered/.test(err.message));

  const { createExperiment: exp } = await client.request<{ createExperiment: { id: string; modelName: string; dataset: string } }>(CREATE, {
    input: {
      name: 'shapes run',
      dataset: 'shapes',
      searchSpace: { algorithm: 'EXPLICIT', trials: [{ preset: 'baseline', learningRate: 0.005, batchSize: 20, epochs: 4 }] },
    },
  });
  assert.equal(exp.dataset, 'shapes');
  assert.equal(exp.modelName, 'Shapes_Best_Model');

  type Row = { status: ExperimentStatus; modelName: string; trials: { nodes: { status: string; spec: { inputShape: number[]; numClasses: number }; finalMetrics: Record<string, number>; summary: { classNames: string[]; confusionMatrix: number[][]; perClassAccuracy: number[] }; provenance: Record<string, unknown>; paramMap: Record<string, unknown> }[] } };
  const deadline = Date.now() + 180_000;
  let done: Row | undefined;
  while (Date.now() < deadline) {
    const { experiment } = await client.request<{ experiment: Row }>(EXPERIMENT, { id: exp.id });
    if (TERMINAL_EXPERIMENT_STATUSES.includes(experiment.status)) {
      done = experiment;
      break;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.ok(done, 'experiment did not finish in time');
  assert.equal(done.status, 'SUCCEEDED');
  const t = done.trials.nodes[0]!;
  assert.equal(t.status, 'SUCCEEDED');
  // The model was built for the dataset, not for MNIST.
  assert.deepEqual(t.spec.inputShape, [H, W, C]);
  assert.equal(t.spec.numClasses, 3);
  // Trained on these images: the three drawn shapes are easy, chance is 1/3.
  assert.ok(t.finalMetrics['test_accuracy']! >= 0.9, `test_accuracy ${t.finalMetrics['test_accuracy']}`);
  assert.deepEqual(t.summary.classNames, CLASSES);
  assert.equal(t.summary.confusionMatrix.length, 3);
  assert.equal(t.summary.confusionMatrix.flat().reduce((a, b) => a + b, 0), 60);
  assert.equal(t.summary.perClassAccuracy.length, 3);
  assert.equal(t.provenance['dataset'], 'shapes');
  assert.equal(t.provenance['datasetFingerprint'], ds.fingerprint);
  assert.equal(t.paramMap['dataset'], 'shapes');

  // The registry registers the best trial under the dataset's model name.
  const version = await (async () => {
    for (let i = 0; i < 120; i++) {
      const { registeredModel } = await client.request<{ registeredModel: { versions: { version: number; evaluation: { dataset: string; size: number; fingerprint: string | null } | null }[] } | null }>(
        `query { registeredModel(name: "Shapes_Best_Model") { versions { version evaluation { dataset size fingerprint } } } }`,
      );
      if (registeredModel && registeredModel.versions.length > 0) return registeredModel.versions[0]!;
      await new Promise((r) => setTimeout(r, 500));
    }
    return undefined;
  })();
  assert.ok(version, 'Shapes_Best_Model was not registered');
  assert.equal(version.evaluation?.dataset, 'shapes');
  assert.equal(version.evaluation?.size, 60);
  assert.match(version.evaluation?.fingerprint ?? '', /^sha256:/);

  // The registered model serves images of its dataset's shape (14·12·3 = 504 values), not MNIST's.
  await client.request(`mutation { setModelAlias(modelName: "Shapes_Best_Model", alias: "e2e", version: ${version.version}) { version } }`);
  const PREDICT = `query($images: [[Float!]!]!) { predict(modelName: "Shapes_Best_Model", alias: "e2e", images: $images) { classes probabilities } }`;
  const probe = makeSplit(3, 3).images.subarray(20);
  const images = [0, 1, 2].map((k) => Array.from(probe.subarray(k * H * W * C, (k + 1) * H * W * C), (v) => v / 255));
  const { predict } = await client.request<{ predict: { classes: number[]; probabilities: number[][] } }>(PREDICT, { images });
  assert.equal(predict.classes.length, 3);
  assert.equal(predict.probabilities[0]!.length, 3);
  await assert.rejects(client.request(PREDICT, { images: [new Array<number>(784).fill(0)] }), (err: unknown) => {
    assert.ok(err instanceof GatewayError, String(err));
    assert.equal(err.code, 'BAD_USER_INPUT', err.message);
    assert.match(err.message, /must have 504 values \(14x12x3\)/);
    return true;
  });

  const [row] = await stack.db.select({ n: count() }).from(trials).where(eq(trials.experimentId, exp.id));
  assert.equal(row!.n, 1);
});

test('the CLI registers and lists datasets; a bad registration exits non-zero with the code', async () => {
  const run = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const code = await runCli([...argv, '--url', stack.gatewayUrl], { TRIALGRID_TOKEN: stack.token }, { stdout: (t) => (out += t), stderr: (t) => (err += t), tty: false });
    return { code, out, err };
  };
  const ok = await run('register-dataset', 'shapes-cli', '--directory', dataDir, '--class-names', CLASSES.join(','));
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /registered dataset shapes-cli: 14×12×3 images, 3 classes \(bar, dot, cross\), sha256:/);
  const list = await run('datasets', '--json');
  assert.equal(list.code, 0, list.err);
  const names = (JSON.parse(list.out) as { name: string }[]).map((d) => d.name);
  assert.ok(names.includes('mnist') && names.includes('shapes-cli'), names.join(','));
  const bad = await run('register-dataset', 'Not A Name', '--directory', dataDir);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /BAD_USER_INPUT/);
  // submit checks a file with the shape of the dataset it names (asking the catalog), as the
  // server does: 64 filters and 8192 hidden units are 88.6 M parameters on 28×28 MNIST, over the
  // engine's 25 M limit, refused before anything is sent.
  const file = join(dataDir, 'cli-experiment.json');
  const input = (dataset: string, point: Record<string, unknown>) => ({
    name: `cli on ${dataset}`,
    dataset,
    trainLimit: 30,
    testLimit: 10,
    searchSpace: { algorithm: 'EXPLICIT', trials: [{ epochs: 1, batchSize: 10, ...point }] },
  });
  await writeFile(file, JSON.stringify(input('mnist', { filters: 64, hiddenUnits: 8192 })));
  const onMnist = await run('submit', file);
  assert.equal(onMnist.code, 1);
  assert.match(onMnist.err, /more than the engine's limit/);
  await writeFile(file, JSON.stringify(input('shapes-cli', { filters: 4 })));
  const onShapes = await run('submit', file, '--json');
  assert.equal(onShapes.code, 0, onShapes.err);
  const created = JSON.parse(onShapes.out) as { id: string };
  const [exp] = await stack.db.select({ modelName: experiments.modelName }).from(experiments).where(eq(experiments.id, created.id));
  assert.equal(exp?.modelName, 'Shapes_Cli_Best_Model');
  await writeFile(file, JSON.stringify(input('no-such-set', {})));
  const unknown = await run('submit', file);
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /BAD_USER_INPUT.*unknown dataset "no-such-set"/);

  const usage = await run('register-dataset', 'x');
  assert.equal(usage.code, 2);
  assert.match(usage.err, /exactly one of --directory/);
});
