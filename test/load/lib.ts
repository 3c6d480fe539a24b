// Shared pieces of the k6 scenarios: the gateway address and a GraphQL POST helper.
// Run a scenario with: k6 run -e GATEWAY=http://127.0.0.1:4000 test/load/queries.ts
import http from 'k6/http';
import { check } from 'k6';

export const GATEWAY = __ENV.GATEWAY || 'http://127.0.0.1:4000';
/** API token (`TOKEN=$(cat .data/admin-token) k6 run ...`): sent as Authorization: Bearer and in connection_init. */
export const TOKEN = __ENV.TOKEN || '';
export const AUTH: Record<string, string> = TOKEN ? { authorization: `Bearer ${TOKEN}` } : {};
export const GRAPHQL = `${GATEWAY}/graphql`;
export const WS_GRAPHQL = GRAPHQL.replace(/^http/, 'ws');

export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export function gql<T>(query: string, variables: Record<string, unknown> = {}, tag = 'query'): T | undefined {
  const res = http.post(GRAPHQL, JSON.stringify({ query, variables }), {
    headers: { 'content-type': 'application/json', ...AUTH },
    tags: { name: tag },
  });
  const body = res.json() as unknown as GraphQLResponse<T>;
  check(res, {
    'status 200': (r) => r.status === 200,
    'no GraphQL errors': () => !body.errors || body.errors.length === 0,
  });
  return body.data;
}

export const EXPERIMENTS_QUERY = `query Experiments($first: Int) {
  experiments(first: $first) { totalCount nodes { id name status progress counts { total running succeeded } } }
}`;

export const TRIAL_QUERY = `query Trial($id: ID!) {
  trial(id: $id) { id name status paramMap latestMetrics metrics(maxPoints: 200) { key totalPoints points { step value } } }
}`;

export const COMPARE_QUERY = `query Compare($ids: [ID!]!) {
  compareTrials(ids: $ids) { paramKeys metricKeys trials { id name paramMap finalMetrics } }
}`;

/** Trial ids to query, found once in setup(). */
export function discoverTrialIds(limit = 20): string[] {
  const data = gql<{ experiments: { nodes: { id: string }[] } }>(EXPERIMENTS_QUERY, { first: 5 }, 'setup');
  const ids: string[] = [];
  for (const exp of data?.experiments.nodes ?? []) {
    const d = gql<{ experiment: { trials: { nodes: { id: string }[] } } }>(
      `query($id: ID!) { experiment(id: $id) { trials(first: 20) { nodes { id } } } }`,
      { id: exp.id },
      'setup',
    );
    for (const t of d?.experiment.trials.nodes ?? []) if (ids.length < limit) ids.push(t.id);
  }
  return ids;
}
