/**
 * The two HTTP scenarios of test/load (queries.ts, mutations.ts) driven by autocannon.
 * Latency is recorded per response and attributed to its request kind: with pipelining 1 a
 * connection sends its `requests` in order, one at a time, so the n-th response of a
 * connection answers its (n mod kinds)-th request.
 */
import autocannon from 'autocannon';
import {
  CANCEL_EXPERIMENT_MUTATION,
  COMPARE_QUERY,
  CREATE_EXPERIMENT_MUTATION,
  EXPERIMENTS_QUERY,
  LOAD_EXPERIMENT_TRIALS,
  TRIAL_QUERY,
  loadExperimentInput,
} from './load-queries.js';

export interface KindStats {
  kind: string;
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface HttpScenarioResult {
  scenario: string;
  durationS: number;
  requests: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  graphqlErrors: number;
  checkFailures: number;
  kinds: KindStats[];
  firstError?: string;
  /** Mutations only: the experiments it created, by status, after the run. */
  createdByStatus?: Record<string, number>;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

const r1 = (n: number): number => Math.round(n * 10) / 10;

function stats(kind: string, values: number[]): KindStats {
  return { kind, count: values.length, p50: r1(percentile(values, 50)), p95: r1(percentile(values, 95)), p99: r1(percentile(values, 99)), max: r1(Math.max(...values)) };
}

export interface Tally {
  graphqlErrors: number;
  checkFailures: number;
  firstError?: string;
}

/** Counts GraphQL errors in a body (parsed only when it mentions "errors"). */
export function checkBody(tally: Tally, body: string): Record<string, unknown> | undefined {
  if (body.includes('"errors"')) {
    const parsed = JSON.parse(body) as { errors?: { message: string }[]; data?: Record<string, unknown> };
    if (parsed.errors && parsed.errors.length > 0) {
      tally.graphqlErrors++;
      tally.firstError ??= parsed.errors[0]!.message;
      return undefined;
    }
    return parsed.data;
  }
  return undefined;
}

export const gqlBody = (query: string, variables: Record<string, unknown>): string => JSON.stringify({ query, variables });

export async function run(
  scenario: string,
  kinds: readonly string[],
  opts: autocannon.Options,
  tally: Tally,
): Promise<HttpScenarioResult> {
  const perKind: number[][] = kinds.map(() => []);
  const all: number[] = [];
  const seen = new WeakMap<object, number>();
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(opts, (err: unknown, res: autocannon.Result) => (err ? reject(err instanceof Error ? err : new Error('autocannon failed')) : resolve(res)));
  });
  instance.on('response', (client: object, _status: number, _bytes: number, responseTime: number) => {
    const n = seen.get(client) ?? 0;
    seen.set(client, n + 1);
    perKind[n % kinds.length]!.push(responseTime);
    all.push(responseTime);
  });
  const result = await done;
  const s = stats(scenario, all);
  return {
    scenario,
    durationS: r1(result.duration),
    requests: all.length,
    reqPerSec: r1(all.length / result.duration),
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
    max: s.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors: tally.graphqlErrors,
    checkFailures: tally.checkFailures,
    kinds: kinds.map((k, i) => stats(k, perKind[i]!)),
    ...(tally.firstError === undefined ? {} : { firstError: tally.firstError }),
  };
}

/** Scenario 1 (queries.ts): experiments list, a random trial with its metrics, a compare of 5 trials. */
export async function queryMix(url: string, token: string, trialIds: readonly string[], connections: number, durationS: number): Promise<HttpScenarioResult> {
  const tally: Tally = { graphqlErrors: 0, checkFailures: 0 };
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const compareIds = trialIds.slice(0, 5);
  return run(
    'query_mix',
    ['experiments', 'trial', 'compare'],
    {
      url,
      connections,
      duration: durationS,
      timeout: 10,
      requests: [
        {
          method: 'POST',
          headers,
          body: gqlBody(EXPERIMENTS_QUERY, { first: 20 }),
          onResponse: (_s, body) => {
            if (body.includes('"errors"')) checkBody(tally, body);
            else if (!body.includes('"totalCount"')) tally.checkFailures++;
          },
        },
        {
          method: 'POST',
          headers,
          setupRequest: (req) => ({ ...req, body: gqlBody(TRIAL_QUERY, { id: trialIds[Math.floor(Math.random() * trialIds.length)] }) }),
          onResponse: (_s, body) => {
            if (body.includes('"errors"')) checkBody(tally, body);
            else if (!body.includes('"val_accuracy"')) tally.checkFailures++;
          },
        },
        {
          method: 'POST',
          headers,
          body: gqlBody(COMPARE_QUERY, { ids: compareIds }),
          onResponse: (_s, body) => {
            if (body.includes('"errors"')) checkBody(tally, body);
            else if (!body.includes('"paramKeys"')) tally.checkFailures++;
          },
        },
      ],
    },
    tally,
  );
}

/**
 * Scenario 2 (mutations.ts): createExperiment with loadExperimentInput's RANDOM search, then cancel it;
 * `pairs` create+cancel pairs over `connections` connections.
 */
export async function mutations(url: string, token: string, pairs: number, connections: number): Promise<HttpScenarioResult> {
  const tally: Tally = { graphqlErrors: 0, checkFailures: 0 };
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  let seq = 0;
  return run(
    'mutations',
    ['createExperiment', 'cancelExperiment'],
    {
      url,
      connections,
      amount: pairs * 2,
      timeout: 30,
      requests: [
        {
          method: 'POST',
          headers,
          setupRequest: (req) => {
            const n = seq++;
            return { ...req, body: gqlBody(CREATE_EXPERIMENT_MUTATION, { input: loadExperimentInput(`load-${n}`, n) }) };
          },
          onResponse: (_s, body, context) => {
            const data = body.includes('"errors"') ? checkBody(tally, body) : (JSON.parse(body) as { data?: Record<string, unknown> }).data;
            const created = data?.['createExperiment'] as { id: string; counts: { total: number } } | undefined;
            if (created && created.counts.total !== LOAD_EXPERIMENT_TRIALS) tally.checkFailures++;
            (context as { id?: string | undefined }).id = created?.id;
          },
        },
        {
          method: 'POST',
          headers,
          // A failed create leaves no id: cancel a made-up id, which counts as a GraphQL error.
          setupRequest: (req, context) => ({ ...req, body: gqlBody(CANCEL_EXPERIMENT_MUTATION, { id: (context as { id?: string }).id ?? '00000000-0000-4000-8000-000000000000' }) }),
          onResponse: (_s, body) => {
            if (body.includes('"errors"')) checkBody(tally, body);
            else if (!body.includes('"CANCELLED"')) tally.checkFailures++;
          },
        },
      ],
    },
    tally,
  );
}
