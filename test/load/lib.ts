// Shared pieces of the k6 scenarios: the gateway address and a GraphQL POST helper.
// Run a scenario with: k6 run -e GATEWAY=http://127.0.0.1:4000 test/load/queries.ts
import http from 'k6/http';
import { check } from 'k6';
// The scenarios' documents and inputs are shared with the Node bench: ../src/bench/load-queries.ts
// (a module with no imports, which k6 loads by its path).
import { EXPERIMENTS_QUERY } from '../src/bench/load-queries.ts';

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
