/**
 * Training / inference benchmark of the three seed models on the active backend, with the
 * same models in PyTorch (Debian's python3-torch) in the same run when it is installed.
 *
 *   npm run bench:train                 # 12,000 training images per model
 *   npm run bench:train -- --quick      # 3,000 images per model, well under 3 minutes
 *   options: --images N  --backend auto|wasm|cpu  --data DIR  --python PATH
 *
 * Ends with one JSON line per model:
 * {"bench":"train","model":…,"backend":…,"trainImgPerSec":…,"torchImgPerSec":…|null,"ratio":…|null,"inferB1Ms":…}
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { initBackend } from '../backend.js';
import { loadDataset } from '../dataset.js';
import { presetSpec, PRESET_RUNS } from '../spec.js';
import { train } from '../train.js';
import type { BackendPreference, Dataset, TrainedModel } from '../types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..', '..');

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    images: { type: 'string' },
    backend: { type: 'string', default: 'auto' },
    data: { type: 'string', default: path.resolve(repoRoot, '..', 'shared', 'datasets', 'mnist') },
    python: { type: 'string', default: '/usr/bin/python3' },
  },
});

const images = Number(args.images ?? (args.quick ? 3000 : 12000));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function latencyMs(model: TrainedModel, data: Dataset, batch: number, reps: number): Promise<number> {
  const x = data.testImages.subarray(0, batch * 784);
  await model.predict(x, batch);
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await model.predict(x, batch);
    times.push(performance.now() - t);
  }
  return median(times);
}

interface TorchLine {
  model: string;
  trainImgPerSec: number;
  inferB1Ms: number;
  inferB32Ms: number;
  threads: number;
  torch: string;
}

function runTorch(): { lines: Map<string, TorchLine>; note: string } {
  const script = path.resolve(here, '..', '..', 'bench', 'torch_bench.py');
  if (!existsSync(args.python)) return { lines: new Map(), note: `${args.python} not found` };
  const probe = spawnSync(args.python, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) return { lines: new Map(), note: 'python3-torch not installed (apt-get install python3-torch)' };
  const r = spawnSync(args.python, [script, args.data, String(images)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) return { lines: new Map(), note: `torch benchmark failed: ${r.stderr.slice(-500)}` };
  const lines = new Map<string, TorchLine>();
  for (const line of r.stdout.split('\n')) {
    if (line.trim().startsWith('{')) {
      const parsed = JSON.parse(line) as TorchLine;
      lines.set(parsed.model, parsed);
    }
  }
  return { lines, note: '' };
}

async function main(): Promise<void> {
  const backend = await initBackend(args.backend as BackendPreference);
  const data = await loadDataset({ dir: args.data, trainLimit: Math.max(images, 512), testLimit: 100 });
  console.log(`backend ${backend.name} (${JSON.stringify(backend.details)}), ${images} training images per model`);
  const ours: { model: string; trainImgPerSec: number; inferB1Ms: number; inferB32Ms: number }[] = [];
  for (const run of PRESET_RUNS) {
    const spec = presetSpec(run.preset);
    const params = { ...run.params, epochs: 1, validationSplit: 0 };
    // Warm-up: JIT, wasm operator caches.
    const warm = await train({ spec, params, data: { ...data, trainImages: data.trainImages.subarray(0, 512 * 784), trainLabels: data.trainLabels.subarray(0, 512) } });
    warm.model.dispose();
    const sub = { ...data, trainImages: data.trainImages.subarray(0, images * 784), trainLabels: data.trainLabels.subarray(0, images) };
    const { result, model } = await train({ spec, params, data: sub });
    const inferB1Ms = await latencyMs(model, data, 1, 50);
    const inferB32Ms = await latencyMs(model, data, 32, 20);
    model.dispose();
    ours.push({ model: run.name, trainImgPerSec: result.imagesPerSecond, inferB1Ms, inferB32Ms });
    console.log(`${run.name.padEnd(16)} train ${result.imagesPerSecond.toFixed(0).padStart(6)} img/s   infer b1 ${inferB1Ms.toFixed(2)} ms   b32 ${inferB32Ms.toFixed(2)} ms`);
  }
  const torch = runTorch();
  if (torch.note !== '') console.log(`PyTorch: ${torch.note}`);
  for (const t of torch.lines.values()) {
    console.log(
      `${t.model.padEnd(16)} torch ${t.trainImgPerSec.toFixed(0).padStart(6)} img/s   infer b1 ${t.inferB1Ms.toFixed(2)} ms   b32 ${t.inferB32Ms.toFixed(2)} ms   (torch ${t.torch}, ${t.threads} thread(s))`,
    );
  }
  for (const o of ours) {
    const t = torch.lines.get(o.model);
    const ratio = t === undefined ? null : o.trainImgPerSec / t.trainImgPerSec;
    if (ratio !== null) console.log(`${o.model.padEnd(16)} ratio ${ratio.toFixed(2)}× PyTorch training throughput`);
  }
  for (const o of ours) {
    const t = torch.lines.get(o.model);
    console.log(
      JSON.stringify({
        bench: 'train',
        model: o.model,
        backend: backend.name,
        trainImgPerSec: Math.round(o.trainImgPerSec),
        torchImgPerSec: t === undefined ? null : Math.round(t.trainImgPerSec),
        ratio: t === undefined ? null : Number((o.trainImgPerSec / t.trainImgPerSec).toFixed(3)),
        inferB1Ms: Number(o.inferB1Ms.toFixed(3)),
        inferB32Ms: Number(o.inferB32Ms.toFixed(3)),
        torchInferB1Ms: t === undefined ? null : Number(t.inferB1Ms.toFixed(3)),
      }),
    );
  }
}

await main();
