/**
 * Training / inference benchmark of the three seed models on the active backend, with the
 * same models in PyTorch (Debian's python3-torch) in the same run when it is installed.
 *
 *   npm run bench:train                 # 12,000 training images per model
 *   npm run bench:train -- --quick      # 3,000 images per model, well under 3 minutes
 *   options: --images N  --backend auto|wasm|cpu  --data DIR  --python PATH
 *            --wasm-threads N (default: all cores)  --torch-threads N (default: torch's own default, 1 with Debian's build here)
 *
 * Each model is measured here and then in PyTorch right after, so both see similar load
 * from other jobs; besides wall-clock img/s both report img per CPU-second of their own
 * process, which is the fairer comparison on a shared machine.
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
    'torch-threads': { type: 'string', default: '0' },
    'wasm-threads': { type: 'string' },
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
  trainImgPerCpuSec: number;
  inferB1Ms: number;
  inferB32Ms: number;
  threads: number;
  torch: string;
}

function torchAvailable(): string {
  if (!existsSync(args.python)) return `${args.python} not found`;
  const probe = spawnSync(args.python, ['-c', 'import torch'], { encoding: 'utf8' });
  return probe.status === 0 ? '' : 'python3-torch not installed (apt-get install python3-torch)';
}

function runTorch(model: string): TorchLine | string {
  const script = path.resolve(here, '..', '..', 'bench', 'torch_bench.py');
  const r = spawnSync(args.python, [script, args.data, String(images), model, args['torch-threads']], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) return `torch benchmark failed: ${r.stderr.slice(-500)}`;
  const line = r.stdout.split('\n').find((l) => l.trim().startsWith('{'));
  return line === undefined ? 'torch benchmark printed no result' : (JSON.parse(line) as TorchLine);
}

async function main(): Promise<void> {
  const wasmThreads = args['wasm-threads'];
  const backend = await initBackend(args.backend as BackendPreference, wasmThreads === undefined ? {} : { wasmThreads: Number(wasmThreads) });
  const data = await loadDataset({ dir: args.data, trainLimit: Math.max(images, 512), testLimit: 100 });
  console.log(`backend ${backend.name} (${JSON.stringify(backend.details)}), ${images} training images per model`);
  const torchNote = torchAvailable();
  if (torchNote !== '') console.log(`PyTorch: ${torchNote}`);
  const rows: { model: string; ours: { wall: number; cpu: number; b1: number; b32: number }; torch: TorchLine | undefined }[] = [];
  for (const run of PRESET_RUNS) {
    const spec = presetSpec(run.preset);
    const params = { ...run.params, epochs: 1, validationSplit: 0 };
    // Warm-up: JIT, wasm operator caches.
    const warm = await train({ spec, params, data: { ...data, trainImages: data.trainImages.subarray(0, 512 * 784), trainLabels: data.trainLabels.subarray(0, 512) } });
    warm.model.dispose();
    const sub = { ...data, trainImages: data.trainImages.subarray(0, images * 784), trainLabels: data.trainLabels.subarray(0, images) };
    const cpu0 = process.cpuUsage();
    const { result, model } = await train({ spec, params, data: sub });
    const cpu = process.cpuUsage(cpu0);
    // train() also evaluates the 100 test images; negligible next to the training images.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const b1 = await latencyMs(model, data, 1, 50);
    const b32 = await latencyMs(model, data, 32, 20);
    model.dispose();
    const ours = { wall: result.imagesPerSecond, cpu: images / cpuSeconds, b1, b32 };
    console.log(
      `${run.name.padEnd(16)} tfjs  train ${ours.wall.toFixed(0).padStart(6)} img/s (${ours.cpu.toFixed(0)} img/cpu-s)   infer b1 ${b1.toFixed(2)} ms   b32 ${b32.toFixed(2)} ms`,
    );
    let torch: TorchLine | undefined;
    if (torchNote === '') {
      const t = runTorch(run.name);
      if (typeof t === 'string') console.log(`PyTorch: ${t}`);
      else {
        torch = t;
        console.log(
          `${run.name.padEnd(16)} torch train ${t.trainImgPerSec.toFixed(0).padStart(6)} img/s (${t.trainImgPerCpuSec.toFixed(0)} img/cpu-s)   infer b1 ${t.inferB1Ms.toFixed(2)} ms   b32 ${t.inferB32Ms.toFixed(2)} ms   (torch ${t.torch}, ${t.threads} thread(s))`,
        );
        console.log(
          `${run.name.padEnd(16)} ratio ${(ours.wall / t.trainImgPerSec).toFixed(2)}× PyTorch wall-clock, ${(ours.cpu / t.trainImgPerCpuSec).toFixed(2)}× per CPU-second`,
        );
      }
    }
    rows.push({ model: run.name, ours, torch });
  }
  for (const { model, ours, torch } of rows) {
    console.log(
      JSON.stringify({
        bench: 'train',
        model,
        backend: backend.name,
        trainImgPerSec: Math.round(ours.wall),
        torchImgPerSec: torch === undefined ? null : Math.round(torch.trainImgPerSec),
        ratio: torch === undefined ? null : Number((ours.wall / torch.trainImgPerSec).toFixed(3)),
        inferB1Ms: Number(ours.b1.toFixed(3)),
        inferB32Ms: Number(ours.b32.toFixed(3)),
        trainImgPerCpuSec: Math.round(ours.cpu),
        torchImgPerCpuSec: torch === undefined ? null : Math.round(torch.trainImgPerCpuSec),
        cpuRatio: torch === undefined ? null : Number((ours.cpu / torch.trainImgPerCpuSec).toFixed(3)),
        torchInferB1Ms: torch === undefined ? null : Number(torch.inferB1Ms.toFixed(3)),
      }),
    );
  }
}

await main();
