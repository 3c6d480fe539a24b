import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { AppError, errorMessage } from '@trialgrid/errors';
import { measureTrainingSeconds } from './calibrate.js';
import { CUSTOM_WASM_KERNELS, registerWasmTrainingKernels } from './wasm-kernels.js';
import { initThreadedWasm } from './wasm-threads.js';
import type { BackendInfo, BackendName, BackendPreference } from './types.js';

export interface InitBackendOptions {
  /**
   * XNNPACK threads for the wasm backend (default: the machine's cores). More than one
   * uses the threaded-SIMD build with the Node shims in wasm-threads.ts; 1, or any failure
   * there, the single-threaded SIMD build.
   */
  wasmThreads?: number;
  /**
   * TensorFlow intra-op threads for the native backends (default: TensorFlow's own, one per
   * core). Takes effect only before tfjs-node is first loaded in the process: it is passed as
   * TF_NUM_INTRAOP_THREADS (inter-op threads are set to 1: ops are issued one at a time).
   */
  tfThreads?: number;
}

const cache = new Map<BackendPreference, BackendInfo>();
const inFlight = new Map<BackendPreference, Promise<BackendInfo>>();
let active: BackendInfo | undefined;

/** The backend chosen by the last initBackend call, if any. */
export function activeBackend(): BackendInfo | undefined {
  return active;
}

// Optional native backends: optional dependencies of this package, detected at run time. The
// specifier is a variable so TypeScript does not try to resolve modules that may be absent.
async function importOptional(specifier: string): Promise<{ ok: true } | { ok: false; why: string }> {
  try {
    await import(specifier);
    return { ok: true };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      return { ok: false, why: `${specifier} is not installed (\`npm run engine:install\` builds it offline)` };
    }
    return { ok: false, why: `${specifier} did not load: ${errorMessage(err).split('\n')[0]!}` };
  }
}

function gpuVisible(): boolean {
  return existsSync('/dev/nvidia0') || existsSync('/dev/nvidiactl') || existsSync('/dev/dri/renderD128');
}

const require = createRequire(import.meta.url);

/** Environment TensorFlow reads when its library loads: thread pools and log verbosity. */
function prepareNativeEnv(opts: InitBackendOptions): void {
  // Without this, libtensorflow prints CPU-feature and absl notices to stderr at load.
  process.env['TF_CPP_MIN_LOG_LEVEL'] ??= '2';
  if (opts.tfThreads !== undefined && opts.tfThreads > 0) {
    const n = String(Math.floor(opts.tfThreads));
    process.env['TF_NUM_INTRAOP_THREADS'] = n;
    process.env['TF_NUM_INTEROP_THREADS'] = '1';
    process.env['OMP_NUM_THREADS'] = n;
  }
}

async function useNative(name: 'tensorflow-gpu' | 'tensorflow', opts: InitBackendOptions, details: BackendInfo['details']): Promise<BackendInfo | undefined> {
  const pkg = name === 'tensorflow-gpu' ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';
  prepareNativeEnv(opts);
  const loaded = await importOptional(pkg);
  if (!loaded.ok) {
    details[`${name}Unavailable`] = loaded.why.slice(0, 300);
    return undefined;
  }
  // tfjs-node registers 'tensorflow' on the tfjs-core instance it resolves; it is only
  // usable here if that is the same instance as ours.
  if (tf.findBackendFactory('tensorflow') === undefined || !(await tf.setBackend('tensorflow'))) {
    details[`${name}Unavailable`] = `${pkg} loaded but did not register on this @tensorflow/tfjs instance`;
    return undefined;
  }
  await tf.ready();
  const versions: Record<string, string> = { tfjs: tf.version.tfjs };
  try {
    versions[pkg] = (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    // version is provenance only
  }
  const binding = (tf.backend() as unknown as { binding?: { TF_Version?: unknown } }).binding;
  if (typeof binding?.TF_Version === 'string') versions['tensorflow'] = binding.TF_Version;
  const threads = process.env['TF_NUM_INTRAOP_THREADS'];
  return {
    name,
    tfBackend: 'tensorflow',
    versions,
    details: { ...details, gpuVisible: gpuVisible(), ...(threads !== undefined ? { threads: Number(threads) } : {}) },
  };
}

async function useWasm(opts: InitBackendOptions, details: BackendInfo['details']): Promise<BackendInfo> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // Load the .wasm binaries from node_modules, never from a CDN.
  const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  wasm.setWasmPaths(`${dist}${path.sep}`);
  const wanted = Math.max(1, Math.floor(opts.wasmThreads ?? os.availableParallelism()));
  let threaded = false;
  if (wanted > 1) {
    try {
      threaded = await initThreadedWasm(wasm, dist, wanted);
      if (!threaded) details['threadsUnavailable'] = 'threaded wasm build did not start more than one thread';
    } catch (err) {
      details['threadsUnavailable'] = errorMessage(err).slice(0, 200);
    }
  }
  if (!threaded && tf.getBackend() !== 'wasm') {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!(await tf.setBackend('wasm'))) throw new AppError('UNAVAILABLE', 'the tfjs wasm backend failed to initialise');
  }
  await tf.ready();
  registerWasmTrainingKernels();
  return {
    name: 'wasm',
    tfBackend: 'wasm',
    versions: { tfjs: tf.version.tfjs, 'tfjs-backend-wasm': wasm.version_wasm },
    details: {
      ...details,
      simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
      threads: wasm.getThreadsCount(),
      customKernels: CUSTOM_WASM_KERNELS.join(','),
    },
  };
}

async function useCpu(details: BackendInfo['details']): Promise<BackendInfo> {
  if (!(await tf.setBackend('cpu'))) throw new AppError('UNAVAILABLE', 'the tfjs cpu backend failed to initialise');
  await tf.ready();
  // The cpu backend prints an "install tfjs-node" banner on first use; this library logs nothing.
  (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
  return { name: 'cpu', tfBackend: 'cpu', versions: { tfjs: tf.version.tfjs }, details };
}

/**
 * Selects and activates the tfjs backend: tfjs-node-gpu when installed and a GPU is
 * visible, else tfjs-node when installed, else wasm with this package's training kernels.
 * 'cpu' (the pure-JS reference backend) only when asked for. Idempotent; logs nothing.
 */
export async function initBackend(pref: BackendPreference = 'auto', opts: InitBackendOptions = {}): Promise<BackendInfo> {
  const cached = cache.get(pref);
  if (cached !== undefined) {
    if (tf.getBackend() !== cached.tfBackend) await tf.setBackend(cached.tfBackend);
    active = cached;
    return cached;
  }
  // Concurrent first calls share one initialisation.
  const pending = inFlight.get(pref);
  if (pending !== undefined) return pending;
  const started = select(pref, opts);
  inFlight.set(pref, started);
  try {
    return await started;
  } finally {
    inFlight.delete(pref);
  }
}

async function load(name: BackendName, opts: InitBackendOptions, details: BackendInfo['details']): Promise<BackendInfo | undefined> {
  if (name === 'tensorflow-gpu' || name === 'tensorflow') return useNative(name, opts, details);
  if (name === 'wasm') return useWasm(opts, details);
  return useCpu(details);
}

async function select(pref: BackendPreference, opts: InitBackendOptions): Promise<BackendInfo> {
  const details: BackendInfo['details'] = { requested: pref };
  let info: BackendInfo | undefined;
  if (pref !== 'auto') {
    info = await load(pref, opts, details);
  } else {
    // Every backend that loads is a candidate; when there are several, a short training
    // measurement (calibrate.ts) picks the fastest on this machine.
    const order: BackendName[] = [...(gpuVisible() ? (['tensorflow-gpu'] as const) : []), 'tensorflow', 'wasm'];
    const candidates: BackendInfo[] = [];
    for (const name of order) {
      // tfjs-node-gpu and tfjs-node register the same 'tensorflow' backend: the first one wins.
      if (name === 'tensorflow' && candidates.some((c) => c.tfBackend === 'tensorflow')) continue;
      const loaded = await load(name, opts, details);
      if (loaded !== undefined) candidates.push(loaded);
    }
    if (candidates.length > 1) {
      const timings: string[] = [];
      let best: { info: BackendInfo; seconds: number } | undefined;
      for (const candidate of candidates) {
        await tf.setBackend(candidate.tfBackend);
        const seconds = measureTrainingSeconds();
        timings.push(`${candidate.name} ${seconds.toFixed(3)} s`);
        if (best === undefined || seconds < best.seconds) best = { info: candidate, seconds };
      }
      info = { ...best!.info, details: { ...best!.info.details, ...details, selectedBy: `training-step measurement: ${timings.join(', ')}` } };
    } else {
      info = candidates[0];
      if (info !== undefined) info = { ...info, details: { ...info.details, ...details } };
    }
  }
  if (info === undefined) {
    throw new AppError('UNAVAILABLE', `backend ${pref} is not available: ${Object.values(details).slice(1).join('; ')}`, { details });
  }
  if (tf.getBackend() !== info.tfBackend) await tf.setBackend(info.tfBackend);
  cache.set(pref, info);
  active = info;
  return info;
}
