/**
 * Datasets as trials need them: the dispatch names a catalog entry (DatasetRef) and the worker
 * finds its files — mnist in DATA_DIR (downloaded from DATA_MIRROR when missing), a registered
 * directory as it is, a registered URL downloaded into DATASET_CACHE_DIR/<fingerprint> with
 * every SHA-256 verified and each file renamed into place only once verified. Loaded datasets
 * are kept per (dataset fingerprint, trainLimit, testLimit), least recently used dropped first.
 */
import path from 'node:path';
import { BUILTIN_DATASET, type DatasetRef } from '@trialgrid/contracts';
import { AppError } from '@trialgrid/errors';
import type { Logger } from '@trialgrid/logger';
import type { Dataset } from '@trialgrid/ml';
import type { WorkerConfig } from './config.js';
import type { TrainingEngine } from './engine.js';

/** Loaded datasets kept per (dataset, trainLimit, testLimit), least recently used dropped first. */
const DATASET_CACHE_SIZE = 2;

/** A dataset as a trial trains on it: the arrays, plus its class names and fingerprint when the catalog gave them. */
export interface TrialData {
  data: Dataset;
  classNames: string[] | undefined;
  fingerprint: string | undefined;
}

/** `ref` absent: mnist from DATA_DIR (dispatches from before the catalog). */
export type LoadData = (ref: DatasetRef | undefined, trainLimit: number | undefined, testLimit: number | undefined) => Promise<TrialData>;

export function createDatasetCache(engine: TrainingEngine, config: WorkerConfig, log: Logger): LoadData {
  const datasets = new Map<string, Promise<TrialData>>();
  const cacheRoot = config.datasetCacheDir ?? './.data/datasets/cache';

  async function loadBuiltin(ref: DatasetRef | undefined, limits: { trainLimit?: number; testLimit?: number }): Promise<Dataset> {
    const opts = { dir: config.dataDir, name: BUILTIN_DATASET, ...limits, ...(ref ? { imageShape: ref.imageShape, numClasses: ref.numClasses } : {}) };
    try {
      return await engine.loadDataset(opts);
    } catch (err) {
      if (!config.dataMirror || !(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
      log.info({ dir: config.dataDir, mirror: config.dataMirror }, 'dataset missing; downloading from mirror');
      await engine.downloadDataset({ mirror: config.dataMirror, dir: config.dataDir });
      return engine.loadDataset(opts);
    }
  }

  async function load(ref: DatasetRef | undefined, limits: { trainLimit?: number; testLimit?: number }): Promise<Dataset> {
    if (!ref || ref.location.kind === 'builtin') return loadBuiltin(ref, limits);
    const shape = { name: ref.name, imageShape: ref.imageShape, numClasses: ref.numClasses, ...limits };
    if (ref.location.kind === 'directory') return engine.loadDataset({ dir: ref.location.path, ...shape });
    // A URL: one cache folder per fingerprint, so two versions of a name never mix files.
    const dir = path.join(cacheRoot, `${ref.name}-${ref.fingerprint.replace(/^sha256:/, '').slice(0, 16)}`);
    log.info({ dataset: ref.name, url: ref.location.url, dir }, 'fetching dataset into the cache (verified files are kept)');
    await engine.downloadDataset({ mirror: ref.location.url, dir, checksums: ref.location.checksums });
    return engine.loadDataset({ dir, ...shape });
  }

  return async function loadData(ref, trainLimit, testLimit): Promise<TrialData> {
    const key = `${ref?.fingerprint ?? `builtin:${config.dataDir}`}|${ref?.name ?? ''}|${trainLimit ?? ''}|${testLimit ?? ''}`;
    let pending = datasets.get(key);
    if (!pending) {
      const limits = { ...(trainLimit ? { trainLimit } : {}), ...(testLimit ? { testLimit } : {}) };
      pending = load(ref, limits).then((data) => ({ data, classNames: ref?.classNames, fingerprint: ref?.fingerprint }));
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
