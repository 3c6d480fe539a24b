/**
 * `npm run bench:load`: the k6 scenarios of test/load run with Node (autocannon + graphql-ws)
 * against a local control plane — scheduler and gateway as child processes on 127.0.0.1, a
 * fresh database and NATS prefix, no workers. Prints a table and one JSON line per scenario.
 *
 * Knobs (env): LOAD_QUERY_SECONDS (15), LOAD_QUERY_CONNECTIONS (20), LOAD_MUTATION_PAIRS (150),
 * LOAD_MUTATION_CONNECTIONS (10), LOAD_SUBSCRIBERS (100), LOAD_METRIC_MESSAGES (50), LOAD_METRIC_RATE (10),
 * LOAD_ATTACK_SECONDS (10), LOAD_ATTACKERS (4), LOAD_ATTACK_CLIENTS (4); LOAD_ONLY=attack runs only scenario 4.
 * `--seed-only` seeds an existing database (DATABASE_URL) for the k6 scripts and exits.
 */
import { sql } from 'drizzle-orm';
import { createApiToken, createDatabase, ensureDatabaseExists, migrate } from '@trialgrid/db';
import { loadAverage, machineLine, printTable } from './common.js';
import { attack } from './load-attack.js';
import { mutations, queryMix, type HttpScenarioResult } from './load-http.js';
import { seedFinished, startLoadStack } from './load-stack.js';
import { subscriptions, type SubsResult } from './load-subs.js';

const num = (name: string, fallback: number): number => {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : Number(v);
};

const load = (): string => loadAverage().join(' ');

async function main(): Promise<void> {
  const started = performance.now();
  console.log(`machine: ${machineLine()} (before)`);
  const stack = await startLoadStack();
  const results: (HttpScenarioResult | SubsResult)[] = [];
  try {
    console.log(`stack: gateway ${stack.baseUrl} + scheduler (child processes), db ${stack.pg.database}, prefix ${stack.nats.prefix}`);
    const seed = await seedFinished(stack.pg.db, { experiments: 50, trialsPerExperiment: 20, stepsPerKey: 50 });
    console.log(`seeded 50 experiments × 20 trials, ${seed.metricRows} metric rows, 1 model version in ${seed.seconds.toFixed(1)} s`);

    // An editor runs the mutations; viewers (25 sockets each, like 25 dashboards of one user) the rest.
    const { token: editor } = await createApiToken(stack.pg.db, { name: 'bench-editor', owner: 'bench', role: 'editor', createdBy: 'bench' });
    const subscribers = num('LOAD_SUBSCRIBERS', 100);
    const viewers: string[] = [];
    for (let i = 0; i < Math.max(1, Math.ceil(subscribers / 25)); i++) {
      viewers.push((await createApiToken(stack.pg.db, { name: `bench-viewer-${i}`, owner: `viewer-${i}`, role: 'viewer', createdBy: 'bench' })).token);
    }
    if (process.env['LOAD_ONLY'] !== 'attack') {
      const q = await queryMix(stack.gatewayUrl, viewers[0] ?? editor, seed.trialIds, num('LOAD_QUERY_CONNECTIONS', 20), num('LOAD_QUERY_SECONDS', 15));
      console.log(`query_mix done; load average ${load()}`);
      results.push(q);
      const mu = await mutations(stack.gatewayUrl, editor, num('LOAD_MUTATION_PAIRS', 150), num('LOAD_MUTATION_CONNECTIONS', 10));
      // Every experiment the scenario created should now be CANCELLED (none left to dispatch).
      const left = await stack.pg.db.execute<{ status: string; n: string }>(
        sql`select status, count(*) as n from experiments where name like 'load-%' and name not like 'load-seed-%' group by status order by status`,
      );
      const byStatus = Object.fromEntries(left.rows.map((r) => [r.status, Number(r.n)]));
      console.log(`mutations done; experiments created by status ${JSON.stringify(byStatus)}; load average ${load()}`);
      results.push({ ...mu, createdByStatus: byStatus });
      const s = await subscriptions(stack.pg.db, stack.nats.messaging, stack.wsUrl, {
        clients: subscribers,
        tokens: viewers,
        messages: num('LOAD_METRIC_MESSAGES', 50),
        ratePerSec: num('LOAD_METRIC_RATE', 10),
      });
      console.log(`subscriptions done; load average ${load()}`);
      results.push(s);
    }
    // Scenario 4 (issue 13): a trivial query's latency while the 1,000-alias, nested and repeated-field queries run.
    const atk = await attack(stack.gatewayUrl, viewers[1] ?? editor, viewers[0] ?? editor, seed.trialIds[0] ?? '', {
      seconds: num('LOAD_ATTACK_SECONDS', 10),
      attackers: num('LOAD_ATTACKERS', 4),
      clients: num('LOAD_ATTACK_CLIENTS', 4),
    });
    console.log(
      `attack done: ${atk.attack.requests} attacking requests (${atk.attack.reqPerSec}/s, ${atk.attack.limited} refused LIMIT_EXCEEDED, other ${JSON.stringify(atk.attack.otherStatus)}, attacker p99 ${atk.attack.p99} ms); trivial query p99 ${atk.p99} ms (p50 ${atk.p50}), with no attack just before p99 ${atk.baseline.p99} ms (p50 ${atk.baseline.p50}); load average ${load()}`,
    );
    results.push(atk.baseline, atk);
  } finally {
    await stack.stop();
  }

  console.log('');
  const http = results.filter((r): r is HttpScenarioResult => r.scenario !== 'subscriptions');
  printTable(
    ['scenario', 'request', 'count', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'conn errors', 'non-2xx', 'GraphQL errors', 'check failures'],
    http.flatMap((r) => [
      [r.scenario, 'all', r.requests, r.reqPerSec, r.p50, r.p95, r.p99, r.max, r.errors, r.non2xx, r.graphqlErrors, r.checkFailures],
      ...r.kinds.map((k) => ['', k.kind, k.count, '', k.p50, k.p95, k.p99, k.max, '', '', '', '']),
    ]),
  );
  for (const r of http) if (r.firstError) console.log(`${r.scenario}: first GraphQL error: ${r.firstError}`);
  console.log('');
  const subs = results.filter((r): r is SubsResult => r.scenario === 'subscriptions');
  printTable(
    ['scenario', 'clients', 'points/client', 'delivered/expected', 'clients complete', 'dup', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'publish p50 ms'],
    subs.map((r) => [r.scenario, r.clients, r.pointsPerClient, `${r.deliveries}/${r.expectedDeliveries}`, r.clientsComplete, r.duplicates, r.p50, r.p95, r.p99, r.max, r.publishP50]),
  );
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s; load average after: ${load()}`);
  for (const r of results) {
    const { kinds, ...rest } = r as HttpScenarioResult;
    console.log(JSON.stringify({ bench: 'load', ...rest, ...(kinds ? { kinds } : {}), loadAvg: loadAverage() }));
  }
}

/**
 * `npm run bench:load -- --seed-only`: write the same seed into an existing database
 * (DATABASE_URL, default the one `npm start` uses) so the k6 scripts have data to read.
 */
async function seedOnly(): Promise<void> {
  const url = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/trialgrid';
  await ensureDatabaseExists(url);
  const database = createDatabase({ url });
  try {
    await migrate(database.db);
    const seed = await seedFinished(database.db, { experiments: 50, trialsPerExperiment: 20, stepsPerKey: 50 });
    console.log(`seeded 50 experiments × 20 trials, ${seed.metricRows} metric rows, 1 model version into ${url.replace(/\/\/[^@]*@/, '//')} in ${seed.seconds.toFixed(1)} s`);
  } finally {
    await database.close();
  }
}

if (process.argv.includes('--seed-only')) await seedOnly();
else await main();
