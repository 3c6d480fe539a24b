import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { AppError, errorMessage } from '@trialgrid/errors';
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
}

const cache = new Map<BackendPreference, BackendInfo>();
const inFlight = new Map<BackendPreference, Promise<BackendInfo>>();
let active: BackendInfo | undefined;

/** The backend chosen by the last initBackend call, if any. */
export function activeBackend(): BackendInfo | undefined {
  return active;
}

// Optional native backends: never dependencies of this package, detected at run time. The
// specifier is a variable so TypeScript does not try to resolve the absent modules.
async function importOptional(specifier: string): Promise<{ ok: true } | { ok: false; why: string }> {
  try {
    await import(specifier);
    return { ok: true };
  } catch (err) {
    return { ok: false, why: errorMessage(err) };
  }
}

function gpuVisible(): boolean {
  return existsSync('/dev/nvidia0') || existsSync('/dev/nvidiactl') || existsSync('/dev/dri/renderD128');
}

const require = createRequire(import.meta.url);

async function useNative(name: 'tensorflow-gpu' | 'tensorflow', details: BackendInfo['details']): Promise<BackendInfo | undefined> {
  const pkg = name === 'tensorflow-gpu' ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';
  const loaded = await importOptional(pkg);
  if (!loaded.ok) {
    details[`${name}Unavailable`] = loaded.why.slice(0, 200);
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
  return { name, tfBackend: 'tensorflow', versions, details: { ...details, gpuVisible: gpuVisible() } };
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

async function select(pref: BackendPreference, opts: InitBackendOptions): Promise<BackendInfo> {
  const details: BackendInfo['details'] = { requested: pref };
  let info: BackendInfo | undefined;
  const order: BackendName[] =
    pref === 'auto' ? [...(gpuVisible() ? (['tensorflow-gpu'] as const) : []), 'tensorflow', 'wasm'] : [pref];
  for (const name of order) {
    if (name === 'tensorflow-gpu' || name === 'tensorflow') info = await useNative(name, details);
    else if (name === 'wasm') info = await useWasm(opts, details);
    else info = await useCpu(details);
    if (info !== undefined) break;
  }
  if (info === undefined) {
    throw new AppError('UNAVAILABLE', `backend ${pref} is not available: ${Object.values(details).slice(1).join('; ')}`, { details });
  }
  cache.set(pref, info);
  active = info;
  return info;
}
