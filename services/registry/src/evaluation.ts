/**
 * Like-for-like comparison: what a version's test metrics were measured on (its evaluation
 * set), and measuring another model on that same set when two versions were tested on
 * different data. A test set is the first N images of the dataset's test split (what a trial
 * with `testLimit: N` evaluates on), identified by the SHA-256 fingerprint of its bytes.
 */
import type { EvaluationSet } from '@trialgrid/db';
import { loadTestSplit, type TestSplit, type TrainedModel } from '@trialgrid/ml';

/** MNIST's test split holds 10,000 images. */
export const MNIST_TEST_SIZE = 10_000;

/** e.g. 'mnist test[0:1000]' (the first 1,000 images of the test split). */
export function describeEvaluation(dataset: string, split: string, size: number): string {
  return `${dataset} ${split}[0:${size}]`;
}

/** Two evaluation sets hold the same images: equal fingerprints, or (without one) equal descriptions. */
export function sameEvaluation(a: EvaluationSet | null | undefined, b: EvaluationSet | null | undefined): boolean {
  if (!a || !b) return false;
  if (a.fingerprint && b.fingerprint) return a.fingerprint === b.fingerprint;
  return a.description === b.description;
}

/**
 * Test images a trial was evaluated on: the confusion matrix's total when the trial stored
 * one (that is what was counted), else its `testLimit` (at most the split size), else the
 * whole split.
 */
export function testSetSize(summary: unknown, testLimit: unknown, splitSize = MNIST_TEST_SIZE): number {
  const cm = (summary && typeof summary === 'object' ? (summary as Record<string, unknown>)['confusionMatrix'] : undefined);
  if (Array.isArray(cm)) {
    let total = 0;
    for (const row of cm) if (Array.isArray(row)) for (const v of row) if (typeof v === 'number') total += v;
    if (total > 0) return total;
  }
  if (typeof testLimit === 'number' && Number.isInteger(testLimit) && testLimit > 0) return Math.min(testLimit, splitSize);
  return splitSize;
}

/** Test accuracy (fraction) and mean cross-entropy loss (natural log, probabilities clipped at 1e-7) of a model on a test split. */
export async function evaluateModel(model: TrainedModel, split: TestSplit, batch = 500): Promise<{ test_accuracy: number; test_loss: number }> {
  let correct = 0;
  let loss = 0;
  for (let start = 0; start < split.count; start += batch) {
    const n = Math.min(batch, split.count - start);
    const out = await model.predict(split.images.subarray(start * 784, (start + n) * 784), n);
    for (let i = 0; i < n; i++) {
      const label = split.labels[start + i]!;
      if (out.classes[i] === label) correct += 1;
      loss -= Math.log(Math.max(out.probabilities[i]?.[label] ?? 0, 1e-7));
    }
  }
  return { test_accuracy: correct / split.count, test_loss: loss / split.count };
}

/** Test splits of one data directory by size (images counted from the start of the test set). */
export interface TestSets {
  load(size: number): Promise<TestSplit>;
}

/** Loads test splits by size, keeping the last few (a 10,000-image split is 31 MB of floats). */
export function createTestSets(dataDir: string, keep = 2): TestSets {
  const cache = new Map<number, Promise<TestSplit>>();
  return {
    load(size) {
      let entry = cache.get(size);
      if (entry) {
        cache.delete(size);
        cache.set(size, entry);
        return entry;
      }
      entry = loadTestSplit({ dir: dataDir, limit: size });
      entry.catch(() => cache.delete(size));
      cache.set(size, entry);
      while (cache.size > keep) {
        const oldest = cache.keys().next().value;
        if (oldest === undefined) break;
        cache.delete(oldest);
      }
      return entry;
    },
  };
}
