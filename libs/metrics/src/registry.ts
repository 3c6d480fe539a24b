import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Registry, type Metric } from 'prom-client';

/**
 * The process's one Prometheus registry. Every trialgrid metric (definitions.ts) and prom-client's
 * default process metrics (CPU, memory, event loop lag, GC, handles) register here, so a
 * service's `/metrics` is a single `registry.metrics()` call.
 */
export const registry = new Registry();

let defaultsEnabled = false;

/** Every trialgrid metric defined, registered or not (definitions.ts and sampled gauges add to it). */
const defined = new Set<Metric>();

/** A metric's name (prom-client keeps it on the instance; its Metric type does not list it). */
const nameOf = (m: Metric): string => (m as unknown as { name: string }).name;

/** Records metrics as defined (for describeMetrics) without exporting them yet. */
export function defineMetrics(...metrics: Metric[]): void {
  for (const m of metrics) defined.add(m);
}

/**
 * Exports metrics that belong to one part of the system from this process's `/metrics`, once
 * (idempotent: several services embedded in one test process may each ask). Called by the part
 * that records them when it starts (the scheduler's counters) or with its first source (sampled
 * gauges), so that a process never exports another service's series as zeros.
 */
export function useMetrics(...metrics: Metric[]): void {
  for (const m of metrics) {
    defined.add(m);
    if (registry.getSingleMetric(nameOf(m)) === undefined) registry.registerMetric(m);
  }
}

/**
 * Adds prom-client's default process and Node.js runtime metrics (`process_cpu_seconds_total`,
 * `nodejs_eventloop_lag_seconds`, …) to the registry, once. Called on the first scrape rather
 * than at import, so that importing a library starts no event-loop monitor in tests.
 */
export function enableDefaultMetrics(): void {
  if (defaultsEnabled) return;
  defaultsEnabled = true;
  collectDefaultMetrics({ register: registry });
}

/** The Prometheus text exposition (format 0.0.4) of every metric in the process, and its content type. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  enableDefaultMetrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/**
 * A `node:http` handler (also an Express handler) serving `renderMetrics()`; 500 with a
 * one-line message when collecting fails (the sampled gauges contain their own failures, so
 * this is a defect in a collector, not a database outage).
 */
export function metricsHandler(_req: IncomingMessage, res: ServerResponse): void {
  renderMetrics().then(
    ({ contentType, body }) => {
      res.writeHead(200, { 'content-type': contentType }).end(body);
    },
    (err: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`collecting metrics failed: ${err instanceof Error ? err.message : String(err)}\n`);
    },
  );
}

/** What a metric is, as the registry holds it (for documentation and the dashboard check). */
export interface MetricDescription {
  name: string;
  /** counter | gauge | histogram | summary */
  type: string;
  help: string;
  /** Label names the metric's own series carry (target labels such as job/instance come from Prometheus). */
  labelNames: string[];
  /** The series names Prometheus stores for it: the name itself, or `_bucket`/`_sum`/`_count` of a histogram. */
  seriesNames: string[];
}

/**
 * Every metric a trialgrid process may export, described: those in this process's registry (the
 * default process metrics included) and those defined for other services (not exported here).
 */
export async function describeMetrics(): Promise<MetricDescription[]> {
  enableDefaultMetrics();
  const all = new Registry();
  for (const m of await registry.getMetricsAsJSON()) all.registerMetric(registry.getSingleMetric(m.name)!);
  for (const m of defined) if (all.getSingleMetric(nameOf(m)) === undefined) all.registerMetric(m);
  const metrics = await all.getMetricsAsJSON();
  return metrics.map((m) => {
    const type = String(m.type);
    // prom-client keeps a metric's label names on the instance; the typings do not list the field.
    const labelNames = [...(((all.getSingleMetric(m.name) as unknown as { labelNames?: string[] } | undefined)?.labelNames) ?? [])];
    const seriesNames =
      type === 'histogram' ? [`${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`] : type === 'summary' ? [m.name, `${m.name}_sum`, `${m.name}_count`] : [m.name];
    return { name: m.name, type, help: m.help, labelNames, seriesNames };
  });
}
