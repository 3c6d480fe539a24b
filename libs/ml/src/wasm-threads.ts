/**
 * Makes the threaded-SIMD build of the tfjs wasm backend start under Node.
 *
 * tfjs ships it for browsers only (it reports no thread support on Node, tfjs issue 3830).
 * Forced on, three things break under worker_threads, and each gets a small shim while the
 * backend initialises:
 *  1. Emscripten's pthread workers are created from `blob:` URLs, which Node's Worker does
 *     not accept: Blob + URL.createObjectURL are wrapped so those scripts are written to a
 *     temp directory and their file paths are used instead.
 *  2. The main script handed to the workers is the factory's source text, which refers to a
 *     few bundle-level names (`require$$0`, `commonjsGlobal`, tslib helpers): they are
 *     prepended to it.
 *  3. The backend sizes XNNPACK's pool as logical cores / 2 (assuming hyper-threading), i.e.
 *     one thread on a 2-core machine: os.cpus() reports 2 × the wanted thread count.
 * The workers are unref'd so they never keep the process alive. Any failure is reported and
 * the caller falls back to the single-threaded build.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type * as wasmNs from '@tensorflow/tfjs-backend-wasm';

type WasmModule = typeof wasmNs;

interface PThreadApi {
  unusedWorkers: { unref(): void }[];
  runningWorkers: { unref(): void }[];
}

function writeOnce(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
  return file;
}

/** Bundle-level helpers the factory's source refers to, copied from the bundle itself. */
function preamble(bundleText: string): string {
  const helpers = ['__read', '__spreadArray', '__values']
    .map((name) => {
      const start = bundleText.indexOf(`\nfunction ${name}(`);
      const end = bundleText.indexOf('\n}\n', start);
      return start < 0 || end < 0 ? '' : bundleText.slice(start + 1, end + 3);
    })
    .join('');
  return (
    "var require$$0 = require('fs'), require$$1 = require('path'), require$$3 = require('perf_hooks'), require$$4 = require('os');\n" +
    'var commonjsGlobal = globalThis;\n' +
    helpers
  );
}

/**
 * Initialises the 'wasm' backend with `threads` XNNPACK threads. Resolves true when the
 * threaded build is running with more than one thread; false (backend not initialised, or
 * initialised single-threaded) otherwise.
 */
export async function initThreadedWasm(wasm: WasmModule, distDir: string, threads: number): Promise<boolean> {
  const bundlePath = path.join(distDir, 'tf-backend-wasm.node.js');
  const bundleText = readFileSync(bundlePath, 'utf8');
  const key = createHash('sha256').update(bundleText).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), `trialgrid-tfjs-wasm-${key}`);
  mkdirSync(dir, { recursive: true });
  const prefix = preamble(bundleText);

  const OriginalBlob = globalThis.Blob;
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originalCreateObjectURL = URL.createObjectURL;
  const originalCpus = os.cpus;
  let mainScript: string | undefined;

  type BlobArgs = ConstructorParameters<typeof Blob>;
  class RecordingBlob extends OriginalBlob {
    readonly source: string | undefined;
    constructor(parts: BlobArgs[0] = [], options?: BlobArgs[1]) {
      super(parts, options);
      this.source = parts.every((p) => typeof p === 'string') ? parts.join('') : undefined;
      if (this.source !== undefined && options?.type === 'text/javascript') mainScript = writeOnce(dir, 'main.cjs', prefix + this.source);
    }
  }

  globalThis.Blob = RecordingBlob;
  URL.createObjectURL = (obj: Blob): string => {
    const text = obj instanceof RecordingBlob ? obj.source : undefined;
    if (text === undefined || mainScript === undefined) return originalCreateObjectURL(obj);
    // Inside the worker, the main script "blob" it receives resolves to the file written above.
    return writeOnce(dir, 'worker.cjs', `URL.createObjectURL = () => ${JSON.stringify(mainScript)};\n${text}`);
  };
  os.cpus = () => {
    const cpus = originalCpus();
    return Array.from({ length: 2 * threads }, (_, i) => cpus[i % cpus.length]!);
  };
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  wasm.setThreadsCount(threads);
  let ok: boolean;
  try {
    ok = await tf.setBackend('wasm');
    if (ok) await tf.ready();
  } finally {
    globalThis.Blob = OriginalBlob;
    URL.createObjectURL = originalCreateObjectURL;
    os.cpus = originalCpus;
  }
  if (!ok) return false;
  const pthreads = (tf.backend() as unknown as { wasm: { PThread?: PThreadApi } }).wasm.PThread;
  for (const w of [...(pthreads?.unusedWorkers ?? []), ...(pthreads?.runningWorkers ?? [])]) w.unref();
  return wasm.getThreadsCount() > 1;
}
