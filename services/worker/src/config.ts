import { hostname } from 'node:os';
import { duration, int, logLevel, natsEnv, port, str, z, loadConfig, type ConfigOf, type Env } from '@trialgrid/config';

/**
 * The worker's environment (README.md's configuration table lists every variable). NATS and no
 * databaseEnv: a worker reaches nothing but NATS (and its artifact and dataset folders).
 */
export const workerEnv = {
  ...natsEnv,
  LOG_LEVEL: logLevel(),
  /** /healthz and /readyz; 0 picks a free port (several workers on one host). */
  HEALTH_PORT: port(4103),
  DATA_DIR: str('./.data/datasets/mnist'),
  /** Base URL to download MNIST from when DATA_DIR lacks it (online users only). */
  DATA_MIRROR: z.string().url().optional(),
  /** Where registered datasets with a URL location are downloaded (one folder per dataset fingerprint). */
  DATASET_CACHE_DIR: str('./.data/datasets/cache'),
  ARTIFACT_DIR: str('./.data/artifacts'),
  TF_BACKEND: z.enum(['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']).default('auto'),
  /** Threads of the wasm backend; 0 = one per CPU core. */
  WASM_THREADS: int(0, 0, 256),
  /** TensorFlow intra-op threads of the native backends; 0 = TensorFlow's default (one per core). */
  TF_THREADS: int(0, 0, 256),
  /** Stable identity; default <hostname>-<pid>. */
  WORKER_ID: z.string().min(1).optional(),
  WORKER_CONCURRENCY: int(1, 1, 64),
  /** Heartbeat and in-progress ack period. */
  HEARTBEAT_INTERVAL: duration('5s'),
  /** Recorded in provenance when the worker does not run from a git checkout (containers). */
  GIT_COMMIT: z.string().optional(),
};

export type WorkerEnvConfig = ConfigOf<typeof workerEnv>;

/** The checked worker configuration handed to createWorker(). */
export interface WorkerConfig {
  prefix: string;
  dataDir: string;
  dataMirror?: string | undefined;
  /** Download cache of URL datasets (default ./.data/datasets/cache). */
  datasetCacheDir?: string | undefined;
  artifactDir: string;
  backend: 'auto' | 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
  /** wasm backend threads; 0 or absent = one per core. */
  wasmThreads?: number | undefined;
  /** TensorFlow intra-op threads of the native backends; 0 or absent = TensorFlow's default. */
  tfThreads?: number | undefined;
  workerId: string;
  concurrency: number;
  heartbeatIntervalMs: number;
  /** Fallback commit for provenance when `git rev-parse HEAD` is not available. */
  gitCommit?: string | undefined;
}

export function toWorkerConfig(env: WorkerEnvConfig): WorkerConfig {
  return {
    prefix: env.TRIALGRID_PREFIX,
    dataDir: env.DATA_DIR,
    dataMirror: env.DATA_MIRROR,
    datasetCacheDir: env.DATASET_CACHE_DIR,
    artifactDir: env.ARTIFACT_DIR,
    backend: env.TF_BACKEND,
    wasmThreads: env.WASM_THREADS,
    tfThreads: env.TF_THREADS,
    workerId: env.WORKER_ID ?? `${hostname()}-${process.pid}`,
    concurrency: env.WORKER_CONCURRENCY,
    heartbeatIntervalMs: env.HEARTBEAT_INTERVAL,
    gitCommit: env.GIT_COMMIT,
  };
}

export function loadWorkerConfig(env: Env): WorkerConfig {
  return toWorkerConfig(loadConfig(workerEnv, env));
}
