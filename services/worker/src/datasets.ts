/**
 * Datasets as trials need them: loaded once per (dir, trainLimit, testLimit) and kept for the
 * next trials, least recently used dropped first; downloaded from DATA_MIRROR when missing.
 */
import { AppError } from '@trialgrid/errors';
import type { Logger } from '@trialgrid/logger';
import type { Dataset } from '@trialgrid/ml';
import type { WorkerConfig } from './config.js';
import type { TrainingEngine } from './engine.js';

/** Loaded datasets kept per (dir, trainLimit, testLimit), least recently used dropped first. */
const DATASET_CACHE_SIZE = 2;

export type LoadData = (trainLimit: number | undefined, testLimit: number | undefined) => Promise<Dataset>;

export function createDatasetCache(engine: TrainingEngine, config: WorkerConfig, log: Logger): LoadData {
  const datasets = new Map<string, Promise<Dataset>>();
  return async function loadData(trainLimit: number | undefined, testLimit: number | undefined): Promise<Dataset> {
    const key = `${config.dataDir}|${trainLimit ?? ''}|${testLimit ?? ''}`;
    let pending = datasets.get(key);
    if (!pending) {
      pending = (async () => {
        const opts = { dir: config.dataDir, ...(trainLimit ? { trainLimit } : {}), ...(testLimit ? { testLimit } : {}) };
        try {
          return await engine.loadDataset(opts);
        } catch (err) {
          if (!config.dataMirror || !(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
          log.info({ dir: config.dataDir, mirror: config.dataMirror }, 'dataset missing; downloading from mirror');
          await engine.downloadDataset({ mirror: config.dataMirror, dir: config.dataDir });
          return engine.loadDataset(opts);
        }
      })();
      datasets.set(key, pending);
      // A failed load must not poison the cache: the next trial tries again.
      pending.catch(() => datasets.delete(key));
      // Full MNIST is ~200 MB as floats: keep only the most recent few variants.
      while (datasets.size > DATASET_CACHE_SIZE) {
        const oldest = datasets.keys().next().value;
        if (oldest === undefined) break;
        datasets.delete(oldest);
      }
    } else {
      datasets.delete(key);
      datasets.set(key, pending);
    }
    return pending;
  };
}
