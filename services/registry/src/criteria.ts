/**
 * The seed's production criteria (SEED.md "Model Selection Criteria"), measured on the saved
 * model at registration:
 *   test accuracy >= 99 %, batch-1 inference latency < 100 ms, model size < 10 MB,
 *   no significant bias across classes (per-class accuracy spread <= 5 points).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainedModel } from '@trialgrid/ml';

export const PRODUCTION_THRESHOLDS = {
  minTestAccuracy: 0.99,
  maxLatencyMs: 100,
  maxModelSizeBytes: 10 * 1024 * 1024,
  /** Largest gap between the best and worst class accuracy still counted as "no significant bias". */
  maxClassAccuracySpread: 0.05,
} as const;

export interface ProductionCriteria {
  test_accuracy: number | null;
  inference_latency_ms_b1: number;
  model_size_bytes: number;
  per_class_accuracy_spread: number | null;
  accuracy_ok: boolean;
  latency_ok: boolean;
  size_ok: boolean;
  class_balance_ok: boolean;
  /** All four hold. */
  meets_all: boolean;
  thresholds: typeof PRODUCTION_THRESHOLDS;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Bytes of the files of a saved model directory (model.json + weights). */
export async function modelDirSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(join(dir, entry.name))).size;
  }
  return total;
}

/** An image-like input (a soft diagonal stroke); latency does not depend on the pixels. */
export function probeImage(): Float32Array {
  const img = new Float32Array(28 * 28);
  for (let r = 4; r < 24; r++) for (let c = r - 2; c <= r + 2; c++) img[r * 28 + c] = 0.8;
  return img;
}

/** Median wall time of `runs` single-image predictions, after a few warm-up calls. */
export async function measureLatencyMs(model: TrainedModel, runs = 20, warmup = 3): Promise<number> {
  const img = probeImage();
  for (let i = 0; i < warmup; i++) await model.predict(img, 1);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await model.predict(img, 1);
    times.push(performance.now() - t0);
  }
  return median(times);
}

export function evaluateCriteria(input: {
  testAccuracy: number | undefined;
  perClassAccuracy: readonly number[] | undefined;
  latencyMs: number;
  sizeBytes: number;
}): ProductionCriteria {
  const t = PRODUCTION_THRESHOLDS;
  const acc = input.testAccuracy !== undefined && Number.isFinite(input.testAccuracy) ? input.testAccuracy : null;
  const classes = (input.perClassAccuracy ?? []).filter((v) => Number.isFinite(v));
  const spread = classes.length > 0 ? Math.max(...classes) - Math.min(...classes) : null;
  const accuracy_ok = acc !== null && acc >= t.minTestAccuracy;
  const latency_ok = input.latencyMs < t.maxLatencyMs;
  const size_ok = input.sizeBytes < t.maxModelSizeBytes;
  const class_balance_ok = spread !== null && spread <= t.maxClassAccuracySpread;
  return {
    test_accuracy: acc,
    inference_latency_ms_b1: input.latencyMs,
    model_size_bytes: input.sizeBytes,
    per_class_accuracy_spread: spread,
    accuracy_ok,
    latency_ok,
    size_ok,
    class_balance_ok,
    meets_all: accuracy_ok && latency_ok && size_ok && class_balance_ok,
    thresholds: t,
  };
}
