/**
 * Pure text formatting for the terminal: aligned tables and progress bars. Quantities
 * (accuracy, loss, sizes, latency, durations) come from @trialgrid/format, the module the
 * dashboard uses too, so a number reads the same in both. No I/O here.
 */
import { formatMetric, formatNumber as formatQuantity, formatParam, formatPercent, formatSeconds } from '@trialgrid/format';

export { formatMetric, formatParam };

export type Cell = string | number | boolean | null | undefined;

export interface TableOptions {
  /** Right-align these columns (default: columns whose every non-empty cell is a number). */
  alignRight?: readonly number[];
  /** Separator between columns (default two spaces). */
  gap?: string;
}

/** Text shown for a cell: null/undefined -> '-', numbers through formatNumber. */
export function cellText(value: Cell): string {
  if (value === null || value === undefined || value === '') return '-';
  if (typeof value === 'number') return formatNumber(value);
  return String(value);
}

/** Compact number (four significant digits; @trialgrid/format formatNumber). */
export function formatNumber(n: number): string {
  return Number.isFinite(n) ? formatQuantity(n) : String(n);
}

/** Visible width of a string, ignoring ANSI colour escapes. */
export function visibleWidth(s: string): number {
  return s.replace(/\x1b\[[0-9;]*m/g, '').length;
}

function pad(s: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - visibleWidth(s)));
  return right ? fill + s : s + fill;
}

/**
 * An aligned plain-text table with a header and a dashed rule under it.
 *
 * ```ts
 * formatTable(['name', 'acc'], [['run_1', 0.98]]);
 * // name   acc
 * // -----  ----
 * // run_1  0.98
 * ```
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[], options: TableOptions = {}): string {
  const gap = options.gap ?? '  ';
  const texts = rows.map((row) => headers.map((_, i) => cellText(row[i])));
  const widths = headers.map((h, i) => Math.max(visibleWidth(h), ...texts.map((r) => visibleWidth(r[i] ?? ''))));
  const right = new Set<number>(
    options.alignRight ??
      headers
        .map((_, i) => i)
        .filter((i) => {
          const cells = rows.map((r) => r[i]).filter((c) => c !== null && c !== undefined && c !== '');
          return cells.length > 0 && cells.every((c) => typeof c === 'number');
        }),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => pad(c, widths[i] ?? 0, right.has(i)))
      .join(gap)
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...texts.map(line)].join('\n');
}

/** `[#######.......]  45%` style bar; fraction is clamped to 0..1. */
export function progressBar(fraction: number, width = 24): string {
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const filled = Math.round(f * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(f * 100)).padStart(3)}%`;
}

/** Seconds as `12.3 s` / `1 min 05 s` / `1 h 02 min`; '-' when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined || !Number.isFinite(seconds) ? '-' : formatSeconds(seconds);
}

/** A metric value in its quantity's format (`test_accuracy` → `92.40 %`, `model_size_bytes` → `224.1 KB`); null when absent. */
export function metricCell(key: string, value: unknown): Cell {
  return value === null || value === undefined ? null : formatMetric(key, value);
}

/** A param / metric value of unknown JSON type as a short cell. */
export function jsonCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** Fraction as a percentage with two decimals (`0.9912` -> `99.12 %`). */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '-' : formatPercent(value);
}

/**
 * The data a run trained and was tested on, from an experiment's options:
 * `train 2,000 / test 1,000 images`, or `full MNIST (60,000 / 10,000)` without limits.
 */
export function dataLimits(value: unknown, dataset = 'mnist'): string {
  const options = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const n = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
  const train = n(options?.['trainLimit']);
  const test = n(options?.['testLimit']);
  if (train === undefined && test === undefined) return dataset === 'mnist' ? 'full MNIST (60,000 / 10,000)' : `full ${dataset}`;
  return `train ${train === undefined ? 'all' : train.toLocaleString('en-US')} / test ${test === undefined ? 'all' : test.toLocaleString('en-US')} images`;
}
