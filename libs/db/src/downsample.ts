/** One metric sample. */
export interface MetricPoint {
  step: number;
  value: number;
  /** When it was stored (present in series read for one trial). */
  loggedAt?: Date;
}

/**
 * Largest-Triangle-Three-Buckets: reduces a step-ordered series to at most `maxPoints` real
 * samples that keep its visual shape (peaks survive, unlike bucket averages). The first and
 * last points are always kept. Series already within the limit are returned as a copy.
 * `maxPoints` below 2 is treated as 2.
 */
export function downsampleLttb<P extends MetricPoint>(points: readonly P[], maxPoints: number): P[] {
  const n = points.length;
  const threshold = Math.max(2, Math.floor(maxPoints));
  if (n <= threshold) return points.slice();
  const first = points[0] as P;
  const last = points[n - 1] as P;
  if (threshold === 2) return [first, last];

  const out: P[] = [first];
  // The interior points (1..n-2) are split into threshold-2 buckets; one point is chosen per bucket.
  const every = (n - 2) / (threshold - 2);
  let a = 0; // index of the previously selected point
  for (let i = 0; i < threshold - 2; i++) {
    const start = Math.floor(i * every) + 1;
    const end = Math.min(Math.floor((i + 1) * every) + 1, n - 1);

    // Average of the next bucket (or the last point for the final bucket) is the third vertex.
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    const span = Math.max(1, nextEnd - nextStart);
    for (let j = nextStart; j < nextStart + span && j < n; j++) {
      const p = points[j] as P;
      avgX += p.step;
      avgY += finite(p.value);
    }
    avgX /= span;
    avgY /= span;

    const pa = points[a] as P;
    const ax = pa.step;
    const ay = finite(pa.value);
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const p = points[j] as P;
      const area = Math.abs((ax - avgX) * (finite(p.value) - ay) - (ax - p.step) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(points[best] as P);
    a = best;
  }
  out.push(last);
  return out;
}

// NaN/Infinity (a diverged loss) must not poison the area comparison of the whole bucket.
function finite(v: number): number {
  return Number.isFinite(v) ? v : 0;
}
