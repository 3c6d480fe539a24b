import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countParams } from '@trialgrid/contracts';
import { planExperiment } from '@trialgrid/sweep';
import { applyOverrides, checkExperimentInput, InputFileError, loadExperimentFile, parseExperimentText } from './experiment-file.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tg-cli-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, text);
  return p;
}

test('loads YAML and JSON', async () => {
  const y = await loadExperimentFile(await file('a.yaml', 'name: grid\nsearchSpace:\n  algorithm: GRID\n  parameters:\n    - name: learningRate\n      values: [0.001, 0.01]\n'));
  assert.deepEqual(y, { name: 'grid', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'learningRate', values: [0.001, 0.01] }] } });
  const j = await loadExperimentFile(await file('b.json', JSON.stringify({ name: 'docs', preset: 'DOCUMENTED_RUNS', epochs: 1 })));
  assert.deepEqual(j, { name: 'docs', preset: 'DOCUMENTED_RUNS', epochs: 1 });
});

test('the shipped examples load', async () => {
  const examples = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');
  const docs = await loadExperimentFile(join(examples, 'documented-runs.yaml'));
  assert.equal(docs['preset'], 'DOCUMENTED_RUNS');
  const grid = await loadExperimentFile(join(examples, 'grid.yaml'));
  assert.equal((grid['searchSpace'] as { algorithm: string }).algorithm, 'GRID');
});

test('examples/mnist-99.yaml (the sweep to 99.2 %) is valid: model language, training options, the seed protocol on full MNIST', async () => {
  const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'mnist-99.yaml');
  const input = await loadExperimentFile(file);
  checkExperimentInput(input, file);
  const plan = planExperiment(input);
  assert.equal(plan.dataset, 'mnist');
  assert.equal(plan.modelName, 'Mnist_Best_Model');
  assert.deepEqual(plan.options, {}, 'full data: no trainLimit / testLimit / epochs override');
  assert.deepEqual(plan.trials.map((t) => t.params['model.width']), [32, 48]);
  for (const t of plan.trials) {
    assert.equal(t.spec.modelType, 'two-conv-blocks');
    assert.deepEqual(t.spec.layers.at(-1), { type: 'dense', units: 10, activation: 'softmax' });
    assert.equal(t.train.validationSplit, 0.1);
    assert.equal(t.train.seed, 42);
    assert.equal(t.params['lr_schedule'], 'cosine');
    assert.equal(t.params['augment_shift'], 2);
    // The native engine's fast step covers this model and optimizer (no fallback to the tape on tensorflow).
    assert.ok(t.spec.layers.every((l) => ['conv2d', 'maxPooling2d', 'dropout', 'flatten', 'dense'].includes(l.type) && !('padding' in l) && !('strides' in l)));
  }
  // conv 1→32: 320; conv 32→64: 18,496; dense 1600→128: 204,928; dense 128→10: 1,290.
  assert.equal(countParams(plan.trials[0]!.spec), 320 + 18_496 + 204_928 + 1_290);
});

test('syntax errors name the file and the position', async () => {
  const bad = await file('bad.yaml', 'name: x\nsearchSpace: [unclosed\n');
  await assert.rejects(loadExperimentFile(bad), (e: unknown) => e instanceof InputFileError && e.message.startsWith(`${bad}: invalid YAML: line `));
  const badJson = await file('bad.json', '{"name": }');
  await assert.rejects(loadExperimentFile(badJson), (e: unknown) => e instanceof InputFileError && /bad\.json: invalid JSON/.test(e.message));
  await assert.rejects(loadExperimentFile(join(dir, 'missing.yaml')), /missing\.yaml: no such file/);
});

test('structural checks give clear messages', () => {
  assert.throws(() => checkExperimentInput([1, 2], 'f'), /f: expected an object/);
  assert.throws(() => checkExperimentInput({ preset: 'DOCUMENTED_RUNS' }, 'f'), /f: name is required/);
  assert.throws(() => checkExperimentInput({ name: 'x', preset: 'DOCUMENTED_RUNS', learningrate: 1 }, 'f'), /f: unknown field learningrate \(allowed: name, /);
  assert.throws(() => checkExperimentInput({ name: 'x', preset: 'DOCUMENTED_RUNS', epochs: 1.5 }, 'f'), /f: epochs must be an integer/);
  assert.throws(() => checkExperimentInput({ name: 'x' }, 'f'), /f: give a searchSpace or preset: DOCUMENTED_RUNS/);
  assert.throws(() => checkExperimentInput({ name: 'x', searchSpace: 'grid' }, 'f'), /f: searchSpace/);
  // The server's rules, before anything is sent (issue 11): engine bounds, names, metrics.
  assert.throws(() => checkExperimentInput({ name: 'x', searchSpace: { algorithm: 'EXPLICIT', trials: [{ batchSize: 10000 }] } }, 'f'), /f: searchSpace\.trials\.0\.batchSize: batchSize must be an integer in 1\.\.8192/);
  assert.throws(() => checkExperimentInput({ name: 'x', searchSpace: { algorithm: 'GRID', parameters: [{ name: '__proto__', values: [1] }] } }, 'f'), /unknown parameter "__proto__"/);
  assert.throws(() => checkExperimentInput({ name: 'x', preset: 'DOCUMENTED_RUNS', objective: { metric: 'val_acc' } }, 'f'), /objective\.metric: unknown metric "val_acc"/);
  assert.throws(() => checkExperimentInput({ name: 'a\u0000b', preset: 'DOCUMENTED_RUNS' }, 'f'), /NUL/);
});

test('unknown extensions try JSON then YAML', () => {
  assert.deepEqual(parseExperimentText('{"a":1}', 'x.txt'), { a: 1 });
  assert.deepEqual(parseExperimentText('a: 1', 'x.txt'), { a: 1 });
});

test('overrides replace only what is given', () => {
  const base = { name: 'a', preset: 'DOCUMENTED_RUNS', epochs: 5 };
  assert.deepEqual(applyOverrides(base, { trainLimit: 500, epochs: undefined }), { name: 'a', preset: 'DOCUMENTED_RUNS', epochs: 5, trainLimit: 500 });
  assert.deepEqual(applyOverrides(base, { name: 'b', epochs: 1, testLimit: 100 }), { name: 'b', preset: 'DOCUMENTED_RUNS', epochs: 1, testLimit: 100 });
  assert.equal(base.epochs, 5);
});
