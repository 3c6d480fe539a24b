/**
 * Reading a Prometheus `/metrics` scrape in tests: the samples of the text exposition format
 * (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format), filtered by
 * series name and labels.
 *
 * Why not parse-prometheus-text-format (the npm parser): it drops the labels, `_count` and `_sum`
 * of a histogram whose bucket lines carry `le` first, which is how prom-client writes them.
 *
 * ```ts
 * const m = await scrape('http://127.0.0.1:4101/metrics');
 * m.value('trialgrid_trials', { state: 'SUCCEEDED' });        // summed over the matching series
 * m.histogramCount('trialgrid_epoch_duration_seconds');      // its _count series, summed
 * ```
 */

export interface ScrapedSample {
  /** The series name (a histogram's `_bucket`, `_sum`, `_count` are separate series). */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Scrape {
  samples: ScrapedSample[];
  /** Metric family names declared by `# TYPE` lines. */
  names: Set<string>;
  /** Whether series `name` has at least one sample matching `labels`. */
  has(name: string, labels?: Record<string, string>): boolean;
  /** Sum of the samples of series `name` matching `labels` (0 when there are none). */
  value(name: string, labels?: Record<string, string>): number;
  /** Observations of histogram `name` matching `labels`: its `_count` series, summed. */
  histogramCount(name: string, labels?: Record<string, string>): number;
  /** The label sets of series `name`. */
  labelSets(name: string): Record<string, string>[];
}

/** Fetches `url` (must answer 200 with the text format) and parses it. */
export async function scrape(url: string): Promise<Scrape> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  const contentType = res.headers.get('content-type') ?? '';
  if (!contentType.startsWith('text/plain')) throw new Error(`${url}: content-type ${contentType}`);
  return parseScrape(await res.text());
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?/gy;

function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

/** A sample value: a Go float, so also `NaN`, `+Inf`, `-Inf` in any case (prom-client writes `Nan`). */
function parseValue(text: string): number | undefined {
  if (/^nan$/i.test(text)) return Number.NaN;
  const inf = /^([+-]?)inf$/i.exec(text);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  const n = Number(text);
  return Number.isNaN(n) ? undefined : n;
}

/** Parses the text format; a line that is neither a comment nor a sample throws, naming it. */
export function parseScrape(text: string): Scrape {
  const samples: ScrapedSample[] = [];
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const type = /^# TYPE (\S+) /.exec(line);
      if (type) names.add(type[1]!);
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    const body = m[2] ?? '';
    let at = 0;
    LABEL.lastIndex = 0;
    let l: RegExpExecArray | null;
    while ((l = LABEL.exec(body)) !== null) {
      labels[l[1]!] = unescape(l[2]!);
      at = LABEL.lastIndex;
    }
    if (at !== body.length) throw new Error(`bad labels in: ${line}`);
    const value = parseValue(m[3]!);
    if (value === undefined) throw new Error(`not a sample line: ${line}`);
    samples.push({ name: m[1]!, labels, value });
  }
  const matching = (name: string, labels: Record<string, string> = {}): ScrapedSample[] =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return {
    samples,
    names,
    has: (name, labels) => matching(name, labels).length > 0,
    value: (name, labels) => matching(name, labels).reduce((sum, s) => sum + s.value, 0),
    histogramCount: (name, labels) => matching(`${name}_count`, labels).reduce((sum, s) => sum + s.value, 0),
    labelSets: (name) => matching(name).map((s) => s.labels),
  };
}
