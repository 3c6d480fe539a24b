/**
 * Training / inference benchmark of the three seed models on every backend this machine has,
 * with the same models in PyTorch (Debian's python3-torch) in the same run.
 *
 *   npm run bench:train                 # 12,000 training images per model and backend
 *   npm run bench:train -- --quick      # 3,000 images, a few minutes
 *   options: --images N  --backend all|tensorflow|wasm|cpu|tensorflow-gpu (default all: the
 *            native and wasm backends that load; cpu only when named)  --threads N (default:
 *            all cores; the same count for TensorFlow, the wasm backend and PyTorch)
 *            --data DIR  --python PATH  --no-torch
 *
 * Each (model, backend) trains in a child process of its own, so peak RSS is that backend's
 * alone; per model, every backend and then PyTorch run one after another, so all see similar
 * load from other jobs. Besides wall-clock img/s each reports img per CPU-second of its own
 * process, the fairer figure on a shared machine, and the median latency of batch-1 and
 * batch-32 inference. PyTorch's BLAS is read from the library torch loaded: on the netlib
 * reference BLAS the comparison is marked invalid (`comparisonValid: false`) with a warning,
 * because `apt-get install libopenblas0-pthread` makes the same torch about 4x faster here.
 *
 * Ends with one JSON line per (model, backend):
 * {"bench":"train","model":…,"backend":…,"trainImgPerSec":…,"trainImgPerCpuSec":…,"inferB1Ms":…,
 *  "inferB32Ms":…,"peakRssMb":…,"torchImgPerSec":…|null,"ratio":…|null,"cpuRatio":…|null,
 *  "torchBlas":…|null,"comparisonValid":…}
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { initBackend } from '../backend.js';
import { loadDataset } from '../dataset.js';
import { presetSpec, PRESET_RUNS } from '../spec.js';
import { train } from '../train.js';
import type { BackendName, Dataset, TrainedModel } from '../types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..', '..');

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    images: { type: 'string' },
    backend: { type: 'string', default: 'all' },
    threads: { type: 'string', default: String(os.availableParallelism()) },
    data: { type: 'string', default: path.resolve(repoRoot, '..', 'shared', 'datasets', 'mnist') },
    python: { type: 'string', default: '/usr/bin/python3' },
    'no-torch': { type: 'boolean', default: false },
    child: { type: 'string' },
  },
});

const images = Number(args.images ?? (args.quick ? 3000 : 12000));
const threads = Number(args.threads);

interface Measured {
  backend: string;
  trainImgPerSec: number;
  trainImgPerCpuSec: number;
  inferB1Ms: number;
  inferB32Ms: number;
  peakRssMb: number;
  details?: Record<string, unknown>;
}

interface TorchLine extends Omit<Measured, 'backend'> {
  model: string;
  threads: number;
  torch: string;
  blas: string;
  blasKind: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function latencyMs(model: TrainedModel, data: Dataset, batch: number, reps: number): Promise<number> {
  const x = data.testImages.subarray(0, batch * 784);
  for (let i = 0; i < 5; i++) await model.predict(x, batch);
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await model.predict(x, batch);
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Child: trains one model on one backend and prints one JSON line. */
async function child(modelName: string, backendName: BackendName): Promise<void> {
  const backend = await initBackend(backendName, { wasmThreads: threads, tfThreads: threads });
  const data = await loadDataset({ dir: args.data, trainLimit: Math.max(images, 512), testLimit: 100 });
  const run = PRESET_RUNS.find((r) => r.name === modelName)!;
  const spec = presetSpec(run.preset);
  const params = { ...run.params, epochs: 1, validationSplit: 0 };
  // Warm-up: JIT, operator caches, TensorFlow's thread pools.
  const warm = await train({ spec, params, data: { ...data, trainImages: data.trainImages.subarray(0, 512 * 784), trainLabels: data.trainLabels.subarray(0, 512) } });
  warm.model.dispose();
  const sub = { ...data, trainImages: data.trainImages.subarray(0, images * 784), trainLabels: data.trainLabels.subarray(0, images) };
  const cpu0 = process.cpuUsage();
  const { result, model } = await train({ spec, params, data: sub });
  const cpu = process.cpuUsage(cpu0);
  // train() also evaluates the 100 test images; negligible next to the training images.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const b1 = await latencyMs(model, data, 1, 200);
  const b32 = await latencyMs(model, data, 32, 50);
  model.dispose();
  const out: Measured = {
    backend: backend.name,
    trainImgPerSec: result.imagesPerSecond,
    trainImgPerCpuSec: images / cpuSeconds,
    inferB1Ms: b1,
    inferB32Ms: b32,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    details: { ...backend.details, versions: backend.versions },
  };
  console.log(JSON.stringify(out));
}

function runChild(model: string, backend: string): Measured | string {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', model, '--backend', backend, '--images', String(images), '--threads', String(threads), '--data', args.data], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  if (r.status !== 0 || line === undefined) return `${backend}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`;
  return JSON.parse(line) as Measured;
}

function torchAvailable(): string {
  if (args['no-torch']) return 'skipped (--no-torch)';
  if (!existsSync(args.python)) return `${args.python} not found`;
  const probe = spawnSync(args.python, ['-c', 'import torch'], { encoding: 'utf8' });
  return probe.status === 0 ? '' : 'python3-torch not installed (apt-get install python3-torch libopenblas0-pthread)';
}

function runTorch(model: string): TorchLine | string {
  const script = path.resolve(here, '..', '..', 'bench', 'torch_bench.py');
  const env = { ...process.env, OPENBLAS_NUM_THREADS: process.env['OPENBLAS_NUM_THREADS'] ?? String(threads) };
  const r = spawnSync(args.python, [script, args.data, String(images), model, String(threads)], { encoding: 'utf8', maxBuffer: 1 << 20, env });
  if (r.status !== 0) return `torch benchmark failed: ${r.stderr.slice(-500)}`;
  const line = r.stdout.split('\n').find((l) => l.trim().startsWith('{'));
  return line === undefined ? 'torch benchmark printed no result' : (JSON.parse(line) as TorchLine);
}

/** Backends to measure: those named, or every native/wasm backend that loads here. */
function backendsToRun(): string[] {
  if (args.backend !== 'all') return args.backend.split(',');
  const gpu = existsSync('/dev/nvidia0') || existsSync('/dev/nvidiactl');
  return [...(gpu ? ['tensorflow-gpu'] : []), 'tensorflow', 'wasm'];
}

const fmt = (n: number, digits = 0) => n.toFixed(digits).padStart(7);

async function main(): Promise<void> {
  if (args.child !== undefined) return child(args.child, args.backend as BackendName);
  const torchNote = torchAvailable();
  const loadAtStart = os.loadavg()[0]!;
  console.log(`${images} training images per model, ${threads} thread(s) per engine, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.availableParallelism()}, load average ${loadAtStart.toFixed(2)}`);
  if (loadAtStart > os.availableParallelism()) {
    console.log(`WARNING: the machine is busy (load ${loadAtStart.toFixed(1)} > ${os.availableParallelism()} cores): other jobs skew every figure, PyTorch's (OpenMP) most. Re-run on a quiet machine before quoting.`);
  }
  if (torchNote !== '') console.log(`PyTorch: ${torchNote}`);
  const rows: { model: string; ours: Measured; torch: TorchLine | undefined }[] = [];
  let warnedBlas = false;
  const skipped = new Set<string>();
  for (const run of PRESET_RUNS) {
    const measured: Measured[] = [];
    for (const backend of backendsToRun()) {
      if (skipped.has(backend)) continue;
      const m = runChild(run.name, backend);
      if (typeof m === 'string') {
        console.log(`  ${backend} unavailable, skipped: ${m}`);
        skipped.add(backend);
        continue;
      }
      measured.push(m);
      console.log(
        `${run.name.padEnd(16)} ${m.backend.padEnd(14)} train ${fmt(m.trainImgPerSec)} img/s ${fmt(m.trainImgPerCpuSec)} img/cpu-s   infer b1 ${m.inferB1Ms.toFixed(3)} ms  b32 ${m.inferB32Ms.toFixed(2)} ms   peak RSS ${m.peakRssMb.toFixed(0)} MB`,
      );
    }
    let torch: TorchLine | undefined;
    if (torchNote === '') {
      const t = runTorch(run.name);
      if (typeof t === 'string') console.log(`PyTorch: ${t}`);
      else {
        torch = t;
        console.log(
          `${run.name.padEnd(16)} ${'pytorch'.padEnd(14)} train ${fmt(t.trainImgPerSec)} img/s ${fmt(t.trainImgPerCpuSec)} img/cpu-s   infer b1 ${t.inferB1Ms.toFixed(3)} ms  b32 ${t.inferB32Ms.toFixed(2)} ms   peak RSS ${t.peakRssMb.toFixed(0)} MB   (torch ${t.torch}, ${t.threads} thread(s), BLAS ${t.blasKind})`,
        );
        if (t.blasKind === 'reference' && !warnedBlas) {
          warnedBlas = true;
          console.log('WARNING: PyTorch runs on the netlib REFERENCE BLAS; every ratio below is INVALID. Install a tuned BLAS: apt-get install libopenblas0-pthread');
        }
        for (const m of measured) console.log(`${run.name.padEnd(16)} ${m.backend.padEnd(14)} ${(m.trainImgPerSec / t.trainImgPerSec).toFixed(2)}× PyTorch wall-clock, ${(m.trainImgPerCpuSec / t.trainImgPerCpuSec).toFixed(2)}× per CPU-second`);
      }
    }
    for (const ours of measured) rows.push({ model: run.name, ours, torch });
  }
  for (const { model, ours, torch } of rows) {
    // loadAverage: [at start, at the end] of the whole run; above the core count, the machine was shared.
    console.log(
      JSON.stringify({
        bench: 'train',
        model,
        backend: ours.backend,
        threads,
        trainImgPerSec: Math.round(ours.trainImgPerSec),
        trainImgPerCpuSec: Math.round(ours.trainImgPerCpuSec),
        inferB1Ms: Number(ours.inferB1Ms.toFixed(3)),
        inferB32Ms: Number(ours.inferB32Ms.toFixed(3)),
        peakRssMb: Math.round(ours.peakRssMb),
        torchImgPerSec: torch === undefined ? null : Math.round(torch.trainImgPerSec),
        torchImgPerCpuSec: torch === undefined ? null : Math.round(torch.trainImgPerCpuSec),
        ratio: torch === undefined ? null : Number((ours.trainImgPerSec / torch.trainImgPerSec).toFixed(3)),
        cpuRatio: torch === undefined ? null : Number((ours.trainImgPerCpuSec / torch.trainImgPerCpuSec).toFixed(3)),
        torchInferB1Ms: torch === undefined ? null : Number(torch.inferB1Ms.toFixed(3)),
        torchInferB32Ms: torch === undefined ? null : Number(torch.inferB32Ms.toFixed(3)),
        torchPeakRssMb: torch === undefined ? null : Math.round(torch.peakRssMb),
        torch: torch === undefined ? null : `${torch.torch} ${torch.threads} thread(s)`,
        torchBlas: torch === undefined ? null : torch.blasKind,
        comparisonValid: torch !== undefined && torch.blasKind !== 'reference',
        loadAverage: [loadAtStart, os.loadavg()[0]!].map((l) => Number(l.toFixed(2))),
        versions: ours.details?.['versions'] ?? null,
      }),
    );
  }
}

await main();
