/**
 * Loaded models for prediction and like-for-like evaluation, by version id: at most `size`
 * kept, least recently used dropped (and disposed) first. Artifact paths are resolved inside
 * the artifact store root; one that escapes it is DATA_CORRUPT.
 */
import { resolve, sep } from 'node:path';
import type { ModelVersionView } from '@trialgrid/db';
import { AppError } from '@trialgrid/errors';
import { loadModel, type TrainedModel } from '@trialgrid/ml';

export interface ModelCache {
  /** Absolute path of an artifact under the store root. Throws DATA_CORRUPT when it escapes the root. */
  artifactDir(relPath: string): string;
  /** The version's model, loaded once (a failed load is not cached). */
  get(version: ModelVersionView): Promise<TrainedModel>;
  /** Drops (and disposes) a version's model, e.g. after its stage changed. */
  evict(versionId: string): void;
  /** Drops every model. */
  clear(): void;
}

export function createModelCache(options: { artifactDir: string; size: number }): ModelCache {
  const artifactRoot = resolve(options.artifactDir);
  const cacheSize = Math.max(1, options.size);
  /** Loaded models by version id (insertion order = least recently used first). */
  const cache = new Map<string, Promise<TrainedModel>>();

  function artifactDir(relPath: string): string {
    const abs = resolve(artifactRoot, relPath);
    if (!abs.startsWith(artifactRoot + sep)) throw new AppError('DATA_CORRUPT', `artifact path ${relPath} escapes the artifact store`);
    return abs;
  }

  function evict(versionId: string): void {
    const entry = cache.get(versionId);
    if (!entry) return;
    cache.delete(versionId);
    void entry.then(
      (model) => model.dispose(),
      () => undefined,
    );
  }

  return {
    artifactDir,
    evict,
    get(version) {
      let entry = cache.get(version.id);
      if (entry) {
        // refresh its place in the LRU order
        cache.delete(version.id);
        cache.set(version.id, entry);
        return entry;
      }
      entry = loadModel(artifactDir(version.artifactPath));
      cache.set(version.id, entry);
      entry.catch(() => cache.delete(version.id));
      while (cache.size > cacheSize) {
        const oldest = cache.keys().next().value;
        if (oldest === undefined) break;
        evict(oldest);
      }
      return entry;
    },
    clear() {
      for (const id of [...cache.keys()]) evict(id);
    },
  };
}
