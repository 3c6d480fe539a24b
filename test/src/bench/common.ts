/** Small helpers shared by the one-machine benchmarks (bench:sweep, bench:ingest, bench:load, …). */
import type { ChildProcess } from 'node:child_process';
import { loadavg, cpus, totalmem } from 'node:os';
import type { SQL } from 'drizzle-orm';
import type { Database } from '@trialgrid/db';

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs: number, pollMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** The machine and its current load, printed with every result (other jobs share the CPU). */
export function machineLine(): string {
  const [l1, l5, l15] = loadavg().map((l) => l.toFixed(2));
  return `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${l1} ${l5} ${l15}`;
}

export function loadAverage(): number[] {
  return loadavg().map((l) => round(l, 2));
}

/** Raw SQL returning rows (drizzle's node-postgres session). */
export async function rows<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const result = await db.execute<T>(query);
  return result.rows as T[];
}

export function printTable(headers: readonly string[], body: readonly (readonly (string | number)[])[]): void {
  const cells = [headers, ...body].map((r) => r.map(String));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(cells[0]!));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of cells.slice(1)) console.log(line(r));
}

/**
 * Stops a child process: `signal` (default SIGTERM), then SIGKILL after `graceMs` (default 15 s)
 * if it has not exited. Resolves when it has exited; at once when it already had.
 */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Runs a benchmark's main(): exit 0 when it resolves; the error and exit 1 when it rejects. */
export function runBenchmark(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
