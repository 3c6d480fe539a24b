/**
 * @trialgrid/format: one text format per quantity, used by the dashboard and the CLI so that a
 * number reads the same everywhere. Pure functions, no dependencies (the dashboard bundles it).
 *
 * ```ts
 * formatMetric('test_accuracy', 0.924);          // '92.40 %'
 * formatMetric('model_size_bytes', 229_512);      // '224.1 KB'
 * formatMetric('inference_latency_ms_b1', 16.2489); // '16.2 ms'
 * formatMetric('test_loss', 0.231456);            // '0.2315'
 * ```
 *
 * Conventions: accuracies (fractions 0..1) as percentages with two decimals; sizes in binary
 * units (1 KB = 1,024 bytes, as the seed's "10 MB" limit is read); latencies in ms with three
 * significant digits (µs below 1 ms); durations as `12.3 s`, `4 min 05 s`, `1 h 02 min`;
 * other numbers with four significant digits; integers (counts) with thousands separators.
 */

/** The kind of quantity a metric or field holds, inferred from its name. */
export type Quantity = 'fraction' | 'bytes' | 'milliseconds' | 'seconds' | 'count' | 'number';

const DASH = '–';

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The quantity of a metric name: `*accuracy*`, `*_rate`, `*_gap`, `*_spread`, `*dropout*`,
 * `validation_split` → fraction; `*bytes*`/`*size*` → bytes; `*latency*`/`*_ms*` → milliseconds;
 * `*seconds*`/`*_time` → seconds; `*count*`, `epochs*`, `*_step*`, `*batch*`, `*params*` →
 * count; anything else → number.
 */
export function quantityOf(name: string): Quantity {
  const n = name.toLowerCase();
  if (/accuracy|_gap$|_spread$|dropout|^validation_split$|^validationsplit$/.test(n)) return 'fraction';
  if (/bytes|(^|_)size($|_)/.test(n) && !/batch/.test(n)) return 'bytes';
  if (/latency|(^|_)ms($|_)/.test(n)) return 'milliseconds';
  if (/seconds|_time$|duration/.test(n)) return 'seconds';
  if (/count|^epochs|epochs_run|step|batch|params|filters|units|^index$/.test(n)) return 'count';
  return 'number';
}

/** A fraction as a percentage with two decimals: `0.924` → `92.40 %`. */
export function formatPercent(fraction: number | null | undefined, decimals = 2): string {
  return isNum(fraction) ? `${(fraction * 100).toFixed(decimals)} %` : DASH;
}

/** Bytes in binary units: `512 B`, `224.1 KB`, `9.54 MB`, `1.20 GB` (three significant digits at least). */
export function formatBytes(bytes: number | null | undefined): string {
  if (!isNum(bytes)) return DASH;
  const abs = Math.abs(bytes);
  if (abs < 1024) return `${Math.round(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(2)} ${units[i]}`;
}

/** Milliseconds with three significant digits: `16.2 ms`, `0.84 ms`, `1,250 ms`; below 0.1 ms in µs. */
export function formatMs(ms: number | null | undefined): string {
  if (!isNum(ms)) return DASH;
  if (Math.abs(ms) < 0.1) return `${(ms * 1000).toPrecision(3).replace(/\.?0+$/, '')} µs`;
  if (Math.abs(ms) >= 1000) return `${Math.round(ms).toLocaleString('en-US')} ms`;
  return `${Number(ms.toPrecision(3))} ms`;
}

/** Seconds as `12.3 s`, `4 min 05 s`, `1 h 02 min`. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (!isNum(seconds)) return DASH;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  return m < 60 ? `${m} min ${String(s).padStart(2, '0')} s` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** Integers with thousands separators (`10,000`); non-integers as formatNumber. */
export function formatCount(n: number | null | undefined): string {
  if (!isNum(n)) return DASH;
  return Number.isInteger(n) ? n.toLocaleString('en-US') : formatNumber(n);
}

/** Four significant digits, no trailing zeros; exponent form below 1e-4 and from 1e9. */
export function formatNumber(n: number | null | undefined): string {
  if (!isNum(n)) return DASH;
  if (Number.isInteger(n)) return Math.abs(n) >= 1e9 ? n.toExponential(3) : String(n);
  const abs = Math.abs(n);
  if (abs < 1e-4 || abs >= 1e9) return n.toExponential(3);
  if (abs >= 1000) return n.toFixed(1).replace(/\.0$/, '');
  return String(Number(n.toPrecision(4)));
}

/** A value of a named metric in the format of its quantity (strings and booleans as they are). */
export function formatMetric(name: string, value: unknown): string {
  if (value === null || value === undefined) return DASH;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && !Number.isFinite(value)) return DASH;
  if (!isNum(value)) return JSON.stringify(value);
  switch (quantityOf(name)) {
    case 'fraction':
      return formatPercent(value);
    case 'bytes':
      return formatBytes(value);
    case 'milliseconds':
      return formatMs(value);
    case 'seconds':
      return formatSeconds(value);
    case 'count':
      return formatCount(value);
    default:
      return formatNumber(value);
  }
}

/**
 * A hyperparameter value: learning rates and other small numbers in plain or exponent form
 * with four significant digits (`0.0005`, `1e-5`), dropouts as fractions (`0.25`, they are
 * inputs, not scores), strings as they are.
 */
export function formatParam(value: unknown): string {
  if (value === null || value === undefined) return DASH;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    if (Number.isInteger(value)) return String(value);
    const abs = Math.abs(value);
    return abs !== 0 && abs < 1e-4 ? value.toExponential(0) : String(Number(value.toPrecision(4)));
  }
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Human label for a metric key: `inference_latency_ms_b1` → `latency (batch 1)`, others with spaces. */
export function metricLabel(name: string): string {
  const known: Record<string, string> = {
    inference_latency_ms_b1: 'latency (batch 1)',
    model_size_bytes: 'model size',
    worst_class_accuracy: 'worst class accuracy',
    class_bias_gap: 'worst-class gap',
    per_class_accuracy_spread: 'class accuracy spread',
    training_seconds: 'training time',
    images_per_second: 'images / s',
    param_count: 'parameters',
  };
  return known[name] ?? name.replace(/_/g, ' ');
}

export { jsonNumbers, jsonObject } from './json.js';
