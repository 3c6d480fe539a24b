/**
 * Scenario 4 (issue 13): the gateway under attack stays responsive. While attacker connections
 * send the 1,000-alias query, the six-level nested trial→experiment→trials query and one field
 * repeated 700 times (no alias, under the token limit: quadratic in graphql-js's validation
 * unless refused first) as fast as the gateway answers, other connections send a trivial
 * query; the trivial query's latency
 * (p99 target < 100 ms) is the result, with what the attackers got back (every attacking
 * request should be refused with LIMIT_EXCEEDED).
 */
import autocannon from 'autocannon';
import { checkBody, gqlBody, run, type HttpScenarioResult, type Tally } from './load-http.js';

/** `{ a0: experiments(first: 20) { nodes { id name status } } a1: ... }`, `n` aliases. */
export function aliasQuery(n: number): string {
  return `{ ${Array.from({ length: n }, (_, i) => `a${i}: experiments(first: 20) { nodes { id name status } }`).join(' ')} }`;
}

/** trial(id) { experiment { trials { nodes { experiment { trials { nodes { ... six levels. */
export function nestedQuery(levels: number): string {
  let inner = 'id name';
  for (let i = 0; i < levels; i++) inner = `experiment { name trials { nodes { id ${inner} } } }`;
  return `query($id: ID!) { trial(id: $id) { ${inner} } }`;
}

/** `{ experiments { nodes { id } } experiments { nodes { id } } ... }`, `n` copies of one field. */
export function duplicateQuery(n: number): string {
  return `{ ${Array.from({ length: n }, () => 'experiments { nodes { id } }').join(' ')} }`;
}

export const TRIVIAL_QUERY = '{ experiments(first: 1) { totalCount } }';

export interface AttackResult extends HttpScenarioResult {
  attack: { requests: number; reqPerSec: number; limited: number; otherStatus: Record<string, number>; p99: number };
  /** The same trivial load just before, with no attack: what the machine gives anyway. */
  baseline: HttpScenarioResult;
}

function trivialLoad(scenario: string, url: string, token: string, connections: number, seconds: number): Promise<HttpScenarioResult> {
  const tally: Tally = { graphqlErrors: 0, checkFailures: 0 };
  return run(
    scenario,
    ['trivial'],
    {
      url,
      connections,
      duration: seconds,
      timeout: 10,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: gqlBody(TRIVIAL_QUERY, {}),
          onResponse: (_s, body) => {
            if (body.includes('"errors"')) checkBody(tally, body);
            else if (!body.includes('"totalCount"')) tally.checkFailures++;
          },
        },
      ],
    },
    tally,
  );
}

export async function attack(url: string, attackerToken: string, token: string, trialId: string, o: { seconds: number; attackers: number; clients: number }): Promise<AttackResult> {
  const baseline = await trivialLoad('attack_baseline', url, token, o.clients, Math.max(1, o.seconds - 1));
  const attackHeaders = { 'content-type': 'application/json', authorization: `Bearer ${attackerToken}` };
  const statuses: Record<string, number> = {};
  let limited = 0;
  const latencies: number[] = [];
  let finish!: (r: autocannon.Result) => void;
  let fail!: (e: Error) => void;
  const attackDone = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const attacker = autocannon(
    {
    url,
    connections: o.attackers,
    duration: o.seconds,
    timeout: 60,
    requests: [
      {
        method: 'POST',
        headers: attackHeaders,
        body: gqlBody(aliasQuery(1000), {}),
        onResponse: (status, body) => {
          if (body.includes('"LIMIT_EXCEEDED"')) limited++;
          else statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
        },
      },
      {
        method: 'POST',
        headers: attackHeaders,
        body: gqlBody(nestedQuery(6), { id: trialId }),
        onResponse: (status, body) => {
          if (body.includes('"LIMIT_EXCEEDED"')) limited++;
          else statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
        },
      },
      {
        method: 'POST',
        headers: attackHeaders,
        body: gqlBody(duplicateQuery(700), {}),
        onResponse: (status, body) => {
          if (body.includes('"LIMIT_EXCEEDED"')) limited++;
          else statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
        },
      },
    ],
    },
    (err: unknown, res: autocannon.Result) => (err ? fail(err instanceof Error ? err : new Error('autocannon failed')) : finish(res)),
  );
  attacker.on('response', (_c: object, _s: number, _b: number, ms: number) => latencies.push(ms));
  // Let the attack get going before measuring.
  await new Promise((r) => setTimeout(r, 500));
  const trivial = await trivialLoad('attack_trivial', url, token, o.clients, Math.max(1, o.seconds - 1));
  const a = await attackDone;
  const sorted = [...latencies].sort((x, y) => x - y);
  const p99 = sorted[Math.max(0, Math.ceil(0.99 * sorted.length) - 1)] ?? Number.NaN;
  return {
    ...trivial,
    baseline,
    attack: { requests: latencies.length, reqPerSec: Math.round((latencies.length / a.duration) * 10) / 10, limited, otherStatus: statuses, p99 },
  };
}
