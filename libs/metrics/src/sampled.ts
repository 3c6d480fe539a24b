import { Counter, Gauge } from 'prom-client';
import { defineMetrics, registry, useMetrics } from './registry.js';

/** One reading of a sampled gauge: a value per label set (labels omitted for an unlabelled gauge). */
export type Sample<L extends string> = readonly { labels?: Partial<Record<L, string>>; value: number }[];

/** Reads the current value(s) at scrape time, e.g. a `count(*)` or a JetStream consumer's info. */
export type SampleSource<L extends string> = () => Promise<Sample<L>> | Sample<L>;

/** How long one source may take, by default, before the scrape goes on without it. */
const SOURCE_TIMEOUT_MS = 2_000;

export const sampleErrors = new Counter({
  name: 'trialgrid_metric_sample_errors_total',
  help: 'Scrapes in which a sampled gauge could not read its source (database or NATS unreachable, or slower than 2 s); the gauge then omits that source.',
  labelNames: ['metric'] as const,
  registers: [registry],
});

/**
 * A gauge whose value is read when Prometheus scrapes, from sources that the component owning
 * the data adds (`addSource`) and removes again when it stops. Several sources (several
 * components in one process, as in the end-to-end tests) are summed per label set. A source
 * that throws or takes longer than `timeoutMs` is left out of that scrape and counted in
 * `trialgrid_metric_sample_errors_total{metric}`, so a database outage never fails `/metrics`.
 * The gauge joins the registry with its first source: a process that has nothing to sample (a
 * worker has no database pool, only the scheduler counts trials) does not export it at all,
 * rather than a misleading 0.
 */
export class SampledGauge<L extends string> {
  readonly gauge: Gauge<L>;
  private readonly sources = new Set<SampleSource<L>>();

  /** `timeoutMs`: how long one source may take (default 2 s; Prometheus' own scrape timeout is 10 s). */
  constructor(config: { name: string; help: string; labelNames?: readonly L[]; timeoutMs?: number }) {
    const sources = this.sources;
    const timeoutMs = config.timeoutMs ?? SOURCE_TIMEOUT_MS;
    this.gauge = new Gauge<L>({
      name: config.name,
      help: config.help,
      labelNames: config.labelNames ?? [],
      registers: [],
      async collect() {
        const readings = await Promise.all(
          [...sources].map(async (source): Promise<Sample<L>> => {
            try {
              return await withTimeout(Promise.resolve().then(source), timeoutMs);
            } catch {
              sampleErrors.inc({ metric: config.name });
              return [];
            }
          }),
        );
        // Reset and set in one synchronous step, after every read: two scrapes at once (two
        // Prometheus replicas) each see whole values, never one's reset amid the other's sums.
        this.reset();
        for (const s of readings.flat()) {
          if (s.labels) this.inc(s.labels, s.value);
          else this.inc(s.value);
        }
      },
    });
    defineMetrics(this.gauge);
  }

  /** Adds a source; returns the function that removes it (call it from the owner's stop()). */
  addSource(source: SampleSource<L>): () => void {
    useMetrics(this.gauge);
    this.sources.add(source);
    return () => void this.sources.delete(source);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
