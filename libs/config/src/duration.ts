const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Parses a human duration ('250ms', '30s', '5m', '1h', or a bare number of ms) to milliseconds. */
export function parseDuration(input: string | number): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) throw new RangeError(`invalid duration ${input}`);
    return input;
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(input);
  if (!m) throw new RangeError(`invalid duration '${input}' (use e.g. 500ms, 30s, 5m, 1h)`);
  const value = Number(m[1]);
  const unit = m[2] ?? 'ms';
  return Math.round(value * (UNITS[unit] ?? 1));
}
