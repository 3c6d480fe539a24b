/**
 * Pure text formatting for the terminal: aligned tables, progress bars, numbers, durations.
 * No I/O here, so every function is unit-tested directly.
 */

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

/** Compact number: integers as-is, others with up to 4 significant decimals, no trailing zeros. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e9)) return n.toExponential(3);
  const digits = abs >= 100 ? 2 : 4;
  return n.toFixed(digits).replace(/\.?0+$/, '');
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

/** Seconds as `1m 05s` / `12.3s`. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '-';
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  return m < 60 ? `${m}m ${String(s).padStart(2, '0')}s` : `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** A param / metric value of unknown JSON type as a short cell. */
export function jsonCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** Fraction as a percentage with two decimals (`0.9912` -> `99.12%`). */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '-' : `${(value * 100).toFixed(2)}%`;
}
