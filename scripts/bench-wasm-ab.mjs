#!/usr/bin/env node
// A/B of the wasm training path between two checkouts: the same harness loads libs/ml from each
// tree given (built: `libs/ml/dist`, with that tree's own node_modules) and trains each documented
// model for one epoch on N MNIST images after a 512-image warm-up, printing one JSON line per
// (tree, model): img/s (wall) and img per CPU-second of this process (all threads).
//
//   node scripts/bench-wasm-ab.mjs [--images N] [--data DIR] TREE [TREE ...]
//   e.g. git worktree add /tmp/old 067bd5b && (cd /tmp/old && npm ci && npx turbo run build --filter=@trialgrid/ml...)
//        node scripts/bench-wasm-ab.mjs /tmp/old . /tmp/old .     # alternate, to see the noise
//
// Each tree runs in a child process of its own (one tfjs and one wasm module per process).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { images: { type: 'string', default: '6000' }, data: { type: 'string' }, child: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const images = Number(values.images);
const data = values.data ?? resolve(import.meta.dirname, '..', '..', 'shared', 'datasets', 'mnist');

if (!values.child) {
  if (positionals.length === 0) {
    console.error('usage: node scripts/bench-wasm-ab.mjs [--images N] [--data DIR] TREE [TREE ...]');
    process.exit(2);
  }
  for (const tree of positionals) {
    const r = spawnSync(process.execPath, [import.meta.filename, '--child', '--images', String(images), '--data', data, resolve(tree)], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  process.exit(0);
}

const tree = positionals[0];
const ml = await import(pathToFileURL(resolve(tree, 'libs/ml/dist/index.js')).href);
await ml.initBackend('wasm', { wasmThreads: 2 });
const mnist = await ml.loadDataset({ dir: data, trainLimit: images, testLimit: 100 });
for (const run of ml.PRESET_RUNS) {
  const spec = ml.presetSpec(run.preset);
  const params = { ...run.params, epochs: 1, validationSplit: 0 };
  const warm = await ml.train({ spec, params, data: { ...mnist, trainImages: mnist.trainImages.subarray(0, 512 * 784), trainLabels: mnist.trainLabels.subarray(0, 512) } });
  warm.model.dispose();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { model } = await ml.train({ spec, params, data: mnist });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  model.dispose();
  console.log(JSON.stringify({ tree, model: run.name, images, imgPerS: Math.round(images / seconds), imgPerCpuS: Math.round(images / ((cpu.user + cpu.system) / 1e6)) }));
}
