/**
 * The production gate: what is measured on a saved model at registration, and the verdict of
 * a model's promotion policy (libs/db PromotionPolicy; the seed's criteria by default —
 * SEED.md "Model Selection Criteria": test accuracy >= 99 %, inference latency < 100 ms,
 * model size < 10 MB, no significant bias across classes).
 *
 * Class bias is defined here as the gap between the overall test accuracy and the accuracy
 * of the worst class (a class the model gets markedly more wrong than the others); the gate
 * holds when that gap is at most `maxClassAccuracyGap` (3 points by default).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_PROMOTION_POLICY, type GateCheck, type GateVerdict, type PromotionPolicy } from '@trialgrid/db';
import type { TrainedModel } from '@trialgrid/ml';

/** What the gate judges, measured once at registration. */
export interface Measurements {
  /** Fraction of the evaluation set classified correctly; undefined when the trial has none. */
  testAccuracy: number | undefined;
  /** Accuracy of each class 0..9 on the evaluation set. */
  perClassAccuracy: readonly number[] | undefined;
  /** Median batch-1 inference time in milliseconds. */
  latencyMs: number;
  /** Bytes of the saved model directory. */
  sizeBytes: number;
}

/** Policy fields as a client may send them (each optional: the rest keep their value). */
/** What a caller may change of a policy: the contracts' rule (the command table uses it). */
export { promotionPolicyInputSchema } from '@trialgrid/contracts';

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
export function probeImage(shape: readonly [number, number, number] = [28, 28, 1]): Float32Array {
  const [h, w, ch] = shape;
  const img = new Float32Array(h * w * ch);
  // A diagonal stroke (MNIST: rows 4..23, five pixels wide), scaled to the image, in every channel.
  const r0 = Math.floor(h / 7);
  for (let r = r0; r < h - r0; r++) {
    const mid = Math.round((r * w) / h);
    for (let c = Math.max(0, mid - 2); c <= Math.min(w - 1, mid + 2); c++) for (let k = 0; k < ch; k++) img[(r * w + c) * ch + k] = 0.8;
  }
  return img;
}

/** Median wall time of `runs` single-image predictions, after a few warm-up calls. */
export async function measureLatencyMs(model: TrainedModel, runs = 20, warmup = 3): Promise<number> {
  const img = probeImage(model.spec.inputShape);
  for (let i = 0; i < warmup; i++) await model.predict(img, 1);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await model.predict(img, 1);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Overall accuracy minus the worst class's accuracy (>= 0 in practice); null when either is unknown. */
export function classBiasGap(testAccuracy: number | undefined, perClass: readonly number[] | undefined): number | null {
  const classes = (perClass ?? []).filter((v) => Number.isFinite(v));
  if (testAccuracy === undefined || !Number.isFinite(testAccuracy) || classes.length === 0) return null;
  return testAccuracy - Math.min(...classes);
}

const fmt = (n: number, digits = 4): string => String(Number(n.toFixed(digits)));

function check(criterion: GateCheck['criterion'], measured: number | null, op: GateCheck['op'], threshold: number, label: string): GateCheck {
  // inclusive bounds forgive float noise (0.99 - 0.96 is 0.030000000000000027)
  const eps = 1e-9;
  const passed = measured !== null && Number.isFinite(measured) && (op === '>=' ? measured >= threshold - eps : op === '<' ? measured < threshold : measured <= threshold + eps);
  const negated = op === '>=' ? '<' : op === '<' ? '>=' : '>';
  const message =
    measured === null ? `${label} unknown (needs ${op} ${fmt(threshold)})` : `${label} ${fmt(measured)} ${passed ? op : negated} ${fmt(threshold)}`;
  return { criterion, measured, op, threshold, passed, message };
}

/** The verdict of `policy` on a version's measurements: every criterion with its measured value. */
export function judgeGate(m: Measurements, policy: PromotionPolicy = DEFAULT_PROMOTION_POLICY, now: Date = new Date()): GateVerdict {
  const acc = m.testAccuracy !== undefined && Number.isFinite(m.testAccuracy) ? m.testAccuracy : null;
  const checks = [
    check('test_accuracy', acc, '>=', policy.minTestAccuracy, 'test_accuracy'),
    check('inference_latency_ms', Number.isFinite(m.latencyMs) ? m.latencyMs : null, '<', policy.maxLatencyMs, 'latency_ms'),
    check('model_size_bytes', Number.isFinite(m.sizeBytes) ? m.sizeBytes : null, '<', policy.maxModelSizeBytes, 'model_size_bytes'),
    check('class_bias', classBiasGap(m.testAccuracy, m.perClassAccuracy), '<=', policy.maxClassAccuracyGap, 'worst-class gap'),
  ];
  return { passed: checks.every((c) => c.passed), checks, policy: { ...policy }, evaluatedAt: now.toISOString() };
}

/** The measurements stored with a version (its `metrics` and the per-class accuracy), for re-judging under a new policy. */
export function storedMeasurements(metrics: unknown, perClassAccuracy?: readonly number[]): Measurements {
  const rec = (metrics && typeof metrics === 'object' ? metrics : {}) as Record<string, unknown>;
  const num = (k: string): number | undefined => (typeof rec[k] === 'number' && Number.isFinite(rec[k]) ? rec[k] : undefined);
  // only the worst class matters to the gate; registration stores it as worst_class_accuracy
  const worst = num('worst_class_accuracy');
  const perClass = perClassAccuracy ?? (worst === undefined ? undefined : [worst]);
  return { testAccuracy: num('test_accuracy'), perClassAccuracy: perClass, latencyMs: num('inference_latency_ms_b1') ?? NaN, sizeBytes: num('model_size_bytes') ?? NaN };
}

/** The finite numeric fields of a JSON object (a trial's final metrics, a version's metrics); anything else is dropped. */
export function numericRecord(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  return out;
}

/** The gate verdict of a stored version under a policy (from the measurements taken at registration). */
export function judgeStoredVersion(metrics: unknown, policy: PromotionPolicy): GateVerdict {
  return judgeGate(storedMeasurements(metrics), policy);
}
