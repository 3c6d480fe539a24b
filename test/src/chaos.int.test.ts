// Chaos suite: the faults of issue 12 against real processes. The test starts its own Postgres
// cluster and its own nats-server (so it can kill and restart them) and every service as a
// child process, then for each fault runs a small sweep, injects the fault mid-sweep and checks
// that nothing was lost: every trial ends, every (trial, key, step) is stored exactly once and
// agrees with what the worker trained, exactly one SUCCEEDED attempt per trial, the model is
// registered once. It prints the fault table with each fault's recovery time (CHAOS_REPORT=file
// also writes it there).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { createGatewayClient, type GatewayClient, type GatewayError } from '@trialgrid/cli';
import { createApiToken, createDatabase, TERMINAL_EXPERIMENT_STATUSES, TERMINAL_TRIAL_STATUSES, type DatabaseHandle, type ExperimentStatus } from '@trialgrid/db';
import { connectMessaging, decode, type Messaging } from '@trialgrid/messaging';
import { checkExperiment, type ExperimentCheck } from './chaos/check.js';
import { sleep, startChaosCluster, waitFor, type ChaosCluster } from './chaos/cluster.js';

/** Per-trial size: a few hundred images, so one epoch takes about a second here. */
const TRAIN_LIMIT = 600;
const TEST_LIMIT = 200;
/** Old give-up time of the scheduler's EVENTS consumer: 10 deliveries, backoff 0.5 s doubling to 10 s (≈ 65 s). */
const OLD_GIVE_UP_MS = 65_000;
const PG_OUTAGE_MS = OLD_GIVE_UP_MS + 7_000;

let cluster: ChaosCluster;
let database: DatabaseHandle;
let pool: DatabaseHandle['pool'];
let client: GatewayClient;
let nats: Messaging;

interface FaultRow {
  fault: string;
  check: ExperimentCheck;
  recoverySeconds: number;
  recoveryMeaning: string;
}
const table: FaultRow[] = [];

before(async () => {
  cluster = await startChaosCluster({
    workers: 2,
    env: {
      ACK_WAIT: '5s',
      MAX_DELIVER: '3',
      WORKER_STALE_AFTER: '6s',
      DISPATCH_INTERVAL: '2s',
      // The default: a fault must not need the periodic safety net to be repaired quickly.
      RECONCILE_INTERVAL: '30s',
      PROMOTION_POLICY: 'always',
    },
  });
  database = createDatabase({ url: cluster.databaseUrl, max: 3 });
  pool = database.pool;
  // The gateway requires a token (issue 13): an admin token made in the cluster's own database.
  const { token } = await createApiToken(database.db, { name: 'chaos', owner: 'chaos', role: 'admin', createdBy: 'test' });
  client = createGatewayClient({ url: cluster.gatewayUrl, timeoutMs: 30_000, token });
  nats = await connectMessaging({ servers: cluster.natsUrl, prefix: 'chaos', name: 'chaos-test' });
});

after(async () => {
  const lines = [
    '| fault | trials | rows expected / stored | lost | duplicated | stuck trials | SUCCEEDED attempts ≠ 1 | model versions | recovery |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...table.map(
      (r) =>
        `| ${r.fault} | ${r.check.trials} | ${r.check.expectedRows} / ${r.check.storedRows} | ${r.check.lostRows} | ${r.check.duplicatedRows} | ${r.check.stuck} | ${r.check.badAttempts} | ${r.check.modelVersions} | ${r.recoverySeconds.toFixed(1)} s (${r.recoveryMeaning}) |`,
    ),
  ];
  console.log(`\nchaos fault table\n${lines.join('\n')}\n`);
  if (process.env['CHAOS_REPORT']) await writeFile(process.env['CHAOS_REPORT'], `${lines.join('\n')}\n`);
  await nats?.close().catch(() => undefined);
  await client?.close();
  await database?.close().catch(() => undefined);
  if (cluster && process.env['CHAOS_KEEP'] === '1') console.log(`chaos cluster kept in ${cluster.dir}`);
  await cluster?.stop();
});

// ---------------------------------------------------------------- helpers

interface Sweep {
  id: string;
  trials: { id: string; name: string }[];
  epochs: Record<string, number>;
}

async function submit(name: string, trials: { name: string; epochs: number; learningRate: number }[], maxParallelTrials = 2): Promise<Sweep> {
  const res = await client.request<{ createExperiment: { id: string; trials: { nodes: { id: string; name: string }[] } } }>(
    `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id trials(first: 50) { nodes { id name } } } }`,
    {
      input: {
        name,
        trainLimit: TRAIN_LIMIT,
        testLimit: TEST_LIMIT,
        maxParallelTrials,
        searchSpace: { algorithm: 'EXPLICIT', trials: trials.map((t) => ({ ...t, preset: 'baseline', batchSize: 64 })) },
      },
    },
  );
  return {
    id: res.createExperiment.id,
    trials: res.createExperiment.trials.nodes,
    epochs: Object.fromEntries(trials.map((t) => [t.name, t.epochs])),
  };
}

function sweepOf(n: number, epochs: number): { name: string; epochs: number; learningRate: number }[] {
  return Array.from({ length: n }, (_, i) => ({ name: `t${i}`, epochs, learningRate: 0.001 + i * 0.0005 }));
}

async function one<T extends Record<string, unknown>>(text: string, params: unknown[]): Promise<T | undefined> {
  return (await pool.query<T>(text, params)).rows[0];
}

/** Metric rows + finished trials of an experiment: grows whenever work makes progress. */
async function progress(experimentId: string): Promise<number> {
  const row = await one<{ n: string }>(
    `select (select count(*) from metrics where experiment_id = $1)
          + (select count(*) from trials where experiment_id = $1 and status = any($2::text[])) as n`,
    [experimentId, [...TERMINAL_TRIAL_STATUSES]],
  );
  return Number(row?.n ?? 0);
}

/** A trial of the experiment that is RUNNING with at least `epochs` epochs stored (optionally on one worker). */
async function runningTrialWithEpochs(experimentId: string, epochs: number, workerId?: string): Promise<{ id: string; worker_id: string } | undefined> {
  return one<{ id: string; worker_id: string }>(
    `select id, worker_id from trials where experiment_id = $1 and status = 'RUNNING' and coalesce(current_epoch, 0) >= $2
       and ($3::text is null or worker_id = $3) order by index limit 1`,
    [experimentId, epochs, workerId ?? null],
  );
}

/** Seconds from `since` until the experiment's progress exceeds `baseline`. */
async function recoveryAfter(experimentId: string, since: number, baseline: number, timeoutMs = 180_000): Promise<number> {
  await waitFor('progress after the fault', async () => (await progress(experimentId)) > baseline, timeoutMs, 100);
  return (Date.now() - since) / 1000;
}

async function experimentEnded(experimentId: string, timeoutMs = 240_000): Promise<void> {
  await waitFor(
    `experiment ${experimentId} to end`,
    async () => {
      const row = await one<{ status: ExperimentStatus }>('select status from experiments where id = $1', [experimentId]);
      return row !== undefined && TERMINAL_EXPERIMENT_STATUSES.includes(row.status);
    },
    timeoutMs,
  );
}

async function modelRegistered(experimentId: string, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    'the model version',
    async () => Number((await one<{ n: string }>('select count(*) as n from model_versions where experiment_id = $1', [experimentId]))?.n ?? 0) > 0,
    timeoutMs,
  );
}

/** Ends, registers, and then settles a moment so a late duplicate (a second version, an attempt) would show. */
async function finishAndCheck(fault: string, sweep: Sweep, recoverySeconds: number, recoveryMeaning: string): Promise<ExperimentCheck> {
  await experimentEnded(sweep.id);
  await modelRegistered(sweep.id);
  await sleep(3000);
  const check = await checkExperiment(pool, cluster.artifactDir, sweep.id, { epochs: sweep.epochs, expectModel: true, expectStatus: 'SUCCEEDED' });
  table.push({ fault, check, recoverySeconds, recoveryMeaning });
  if (check.problems.length > 0) {
    const tails = await Promise.all([cluster.scheduler, ...cluster.workers].map(async (s) => `---- ${s.name}\n${await s.tail(15)}`));
    console.log(tails.join('\n'));
  }
  assert.deepEqual(check.problems, [], `${fault}: ${JSON.stringify(check)}`);
  return check;
}

interface Watch {
  /** Each event's kind and arrival time (ms since the epoch). */
  arrivals: { kind: 'metricLogged' | 'trialUpdated'; at: number }[];
  errors: GatewayError[];
  stop(): void;
}

/** GraphQL subscriptions to an experiment's metricLogged and trialUpdated, open across a fault. */
async function watch(experimentId: string): Promise<Watch> {
  const w: Watch = { arrivals: [], errors: [], stop: () => undefined };
  const subs = [
    client.subscribe(`subscription($id: ID) { metricLogged(experimentId: $id) { key step } }`, { id: experimentId }, {
      next: () => void w.arrivals.push({ kind: 'metricLogged', at: Date.now() }),
      error: (err) => void w.errors.push(err),
    }),
    client.subscribe(`subscription($id: ID) { trialUpdated(experimentId: $id) { id status } }`, { id: experimentId }, {
      next: () => void w.arrivals.push({ kind: 'trialUpdated', at: Date.now() }),
      error: (err) => void w.errors.push(err),
    }),
  ];
  await Promise.all(subs.map((s) => s.ready));
  w.stop = () => subs.forEach((s) => s.unsubscribe());
  return w;
}

/**
 * The subscriptions opened before a fault kept working after it: no error, and both kinds of
 * event arrived after `back`. Returns the seconds from `back` to the first such event.
 */
function assertWatchRecovered(w: Watch, back: number, fault: string): number {
  w.stop();
  assert.deepEqual(w.errors.map((e) => e.message), [], `${fault}: subscription errors`);
  for (const kind of ['metricLogged', 'trialUpdated'] as const) {
    assert.ok(w.arrivals.some((a) => a.kind === kind && a.at > back), `${fault}: no ${kind} event after recovery (${w.arrivals.length} events in all)`);
  }
  const first = Math.min(...w.arrivals.filter((a) => a.at > back).map((a) => a.at));
  const seconds = (first - back) / 1000;
  console.log(`${fault}: subscriptions opened before the fault got their first event ${seconds.toFixed(1)} s after recovery`);
  return seconds;
}

/** Trial ids that have a dispatch message waiting in the TRIALS work queue. */
async function queuedDispatches(): Promise<Set<string>> {
  const stream = nats.streams.trials;
  const info = await nats.jsm.streams.info(stream);
  const ids = new Set<string>();
  for (let seq = info.state.first_seq; info.state.messages > 0 && seq <= info.state.last_seq; seq++) {
    try {
      const msg = await nats.jsm.streams.getMessage(stream, { seq });
      if (msg) ids.add(decode('trial.dispatch', msg.data).trialId);
    } catch {
      // deleted sequence
    }
  }
  return ids;
}

// ---------------------------------------------------------------- faults

test('worker SIGKILL mid-trial: redelivered, resumed from the checkpoint, nothing lost', async () => {
  const sweep = await submit('chaos-worker-kill', sweepOf(4, 4));
  const victim = cluster.workers[0]!;
  const trial = await waitFor('a trial with an epoch on worker-1', () => runningTrialWithEpochs(sweep.id, 1, 'chaos-worker-1'), 120_000, 100);
  const before = Number((await one<{ n: string }>('select count(*) as n from metrics where trial_id = $1', [trial.id]))?.n);
  const at = Date.now();
  await victim.kill('SIGKILL');
  victim.start(); // what the launcher's supervisor does
  // Recovery: the killed trial makes progress again (a new epoch stored, or it finished).
  await waitFor(
    'the killed trial to progress',
    async () => {
      const row = await one<{ n: string; status: string }>(
        `select (select count(*) from metrics where trial_id = $1) as n, status from trials where id = $1`,
        [trial.id],
      );
      return row !== undefined && (Number(row.n) > before || row.status === 'SUCCEEDED');
    },
    120_000,
    100,
  );
  const recovery = (Date.now() - at) / 1000;
  await cluster.ready(victim);
  await finishAndCheck('worker SIGKILL mid-trial', sweep, recovery, 'kill → the killed trial stores its next epoch');
  // JetStream does not limit the deliveries of a dispatch: crashes are counted in Postgres
  // (MAX_DELIVER), so outages and hand-backs cannot use a trial up.
  const workersConsumer = await nats.jsm.consumers.info(nats.streams.trials, nats.streams.workersConsumer);
  assert.equal(workersConsumer.config.max_deliver, -1);
  const attempts = (await pool.query<{ attempt: number; worker_id: string; status: string; error: string | null }>(
    'select attempt, worker_id, status, error from trial_attempts where trial_id = $1 order by attempt',
    [trial.id],
  )).rows;
  // How the killed attempt was judged (a crash when the restarted worker's heartbeat came first).
  console.log(`killed trial's attempts: ${JSON.stringify(attempts)}`);
});

test('NATS kill -9, restarted after 10 s on the same store: nothing lost', async () => {
  const sweep = await submit('chaos-nats-kill', sweepOf(4, 4));
  const subscribed = await watch(sweep.id);
  await waitFor('a trial with an epoch', () => runningTrialWithEpochs(sweep.id, 1), 120_000, 100);
  await cluster.nats.kill('SIGKILL');
  await sleep(10_000);
  cluster.nats.start();
  await cluster.natsUp();
  const back = Date.now();
  const baseline = await progress(sweep.id);
  const recovery = await recoveryAfter(sweep.id, back, baseline);
  await finishAndCheck('NATS kill -9, back after 10 s', sweep, recovery, 'NATS back → next row stored');
  // GraphQL subscriptions opened before the kill deliver again once NATS is back (the gateway's
  // client re-subscribes on reconnect).
  assertWatchRecovered(subscribed, back, 'NATS kill -9');
});

test('Postgres down longer than the old give-up time: no stuck trials, nothing lost, the model registered', async () => {
  // Registration across the outage: a one-trial experiment ends while the registry is frozen
  // (SIGSTOP), so its experiment.finished waits; the registry wakes into the outage and fails
  // it, again and again, until Postgres is back.
  cluster.registry.signal('SIGSTOP');
  let early: Sweep;
  let sweep: Sweep;
  let downAt: number;
  let subscribed: Watch;
  try {
    early = await submit('chaos-postgres-registration', sweepOf(1, 1));
    await experimentEnded(early.id);
    // 4 trials, 2 at a time: some finish during the outage, the others are dispatched into it.
    sweep = await submit('chaos-postgres-outage', sweepOf(4, 3));
    subscribed = await watch(sweep.id);
    await waitFor('a trial with an epoch', () => runningTrialWithEpochs(sweep.id, 1), 120_000, 100);
    await cluster.postgres.kill('SIGINT'); // fast shutdown
    downAt = Date.now();
  } finally {
    cluster.registry.signal('SIGCONT');
  }
  // Clear degradation meanwhile: queries say SERVICE_UNAVAILABLE, /readyz says not ready, and
  // neither names the database's address.
  const pgPort = new URL(cluster.databaseUrl).port;
  await assert.rejects(client.request('{ experiments { totalCount } }'), (err: GatewayError) => {
    assert.equal(err.code, 'SERVICE_UNAVAILABLE', err.message);
    assert.doesNotMatch(err.message, new RegExp(`127\\.0\\.0\\.1|${pgPort}`));
    return true;
  });
  // A mutation too (the gateway, or the scheduler answering the command, cannot reach Postgres).
  await assert.rejects(client.request(`mutation($id: ID!) { stopTrial(id: $id) { id } }`, { id: sweep.trials[0]!.id }), (err: GatewayError) => {
    assert.equal(err.code, 'SERVICE_UNAVAILABLE', err.message);
    return true;
  });
  const readyz = await fetch(cluster.gatewayUrl.replace(/graphql$/, 'readyz'));
  assert.equal(readyz.status, 503);
  const readyBody = await readyz.text();
  assert.match(readyBody, /"postgres":"unavailable"/);
  assert.doesNotMatch(readyBody, new RegExp(`127\\.0\\.0\\.1|${pgPort}`));
  await sleep(PG_OUTAGE_MS - (Date.now() - downAt));
  cluster.postgres.start();
  await cluster.postgresUp();
  const back = Date.now();
  // The registry retries every 5 s at most: registration resumes within seconds of recovery.
  // (With the old 60 s cap the retry after a 72 s outage came about 50 s after Postgres was back.)
  // (Settled to a value at once: a timeout must not be an unhandled rejection meanwhile.)
  const registered = modelRegistered(early.id, 90_000).then(
    () => (Date.now() - back) / 1000,
    (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
  );
  // The test's own pool lost its connections with the server: wait until it can read again.
  const baseline = await waitFor('a database read', async () => (await progress(sweep.id)) + 1, 30_000).then((n) => n - 1);
  const recovery = await recoveryAfter(sweep.id, back, baseline);
  const registration = await registered;
  if (registration instanceof Error) throw registration;
  await finishAndCheck(`Postgres down ${Math.round(PG_OUTAGE_MS / 1000)} s`, sweep, recovery, 'Postgres back → next row stored');
  await finishAndCheck(
    `Postgres down ${Math.round(PG_OUTAGE_MS / 1000)} s while the registry retries an experiment.finished`,
    early,
    registration,
    'Postgres back → model version registered',
  );
  // Once seen at 30.4 s (a fresh-machine run, not reproduced since): show the registry's own
  // account of its retries when it happens again.
  if (registration >= 30) console.log(`---- registry\n${await cluster.registry.tail(40)}`);
  assert.ok(registration < 30, `registered ${registration.toFixed(1)} s after Postgres was back`);
  // Subscriptions opened before the outage deliver again after it (events whose rows could not
  // be read meanwhile are dropped, the subscription is not).
  assertWatchRecovered(subscribed, back, 'Postgres down');
});

// The kill lands while the scheduler handles the first epochs' events; the event it held comes
// back only after the consumer's ack_wait (30 s), after the experiment may have ended. This case
// once lost a trial's epoch-0 rows that way; trial.finished now carries the epochs (see
// services/scheduler events.ts onFinished and its deterministic test in scheduler.int.test.ts).
test('scheduler SIGKILL, back after 10 s: nothing lost', async () => {
  const sweep = await submit('chaos-scheduler-kill', sweepOf(4, 3));
  await waitFor('a trial with an epoch', () => runningTrialWithEpochs(sweep.id, 1), 120_000, 100);
  await cluster.scheduler.kill('SIGKILL');
  await sleep(10_000);
  const baseline = await progress(sweep.id);
  const back = Date.now();
  cluster.scheduler.start();
  const recovery = await recoveryAfter(sweep.id, back, baseline);
  await cluster.ready(cluster.scheduler);
  await finishAndCheck('scheduler SIGKILL, back after 10 s', sweep, recovery, 'restart → next row stored');
});

test('registry down when the experiment finishes: registered once after it is back', async () => {
  const sweep = await submit('chaos-registry-down', sweepOf(2, 1));
  await cluster.registry.kill('SIGKILL');
  await experimentEnded(sweep.id);
  await sleep(2000);
  const back = Date.now();
  cluster.registry.start();
  await modelRegistered(sweep.id);
  const recovery = (Date.now() - back) / 1000;
  await cluster.ready(cluster.registry);
  await finishAndCheck('registry down at experiment end', sweep, recovery, 'restart → model version registered');
});

test('a trial stopped mid-run and retried at once, and a queued trial stopped and retried at once, lose nothing', async () => {
  // Three trials on two workers, all dispatched: two run, the third waits in the work queue.
  const sweep = await submit('chaos-stop-retry', sweepOf(3, 4), 3);
  const [running] = await Promise.all([waitFor('a trial with 2 epochs', () => runningTrialWithEpochs(sweep.id, 2), 120_000, 100)]);
  // The waiting one: dispatched (its message is in TRIALS) but not started.
  const waiting = await waitFor(
    'a dispatched, not started trial',
    () => one<{ id: string }>(`select id from trials where experiment_id = $1 and status = 'QUEUED' and queued_at is not null limit 1`, [sweep.id]),
    30_000,
  );
  const stop = `mutation($id: ID!) { stopTrial(id: $id) { id status } }`;
  const retry = `mutation($id: ID!) { retryTrial(id: $id) { id status } }`;
  await client.request(stop, { id: waiting.id });
  await waitFor('the queued trial to stop', async () => (await one<{ status: string }>('select status from trials where id = $1', [waiting.id]))?.status === 'STOPPED', 30_000);
  const retriedAt = Date.now();
  await client.request(retry, { id: waiting.id });
  // Its dispatch must be in the work queue again at once, not after a reconcile pass (30 s).
  await waitFor('the retried dispatch in TRIALS', async () => (await queuedDispatches()).has(waiting.id), 10_000, 200);
  const redispatchSeconds = (Date.now() - retriedAt) / 1000;

  await client.request(stop, { id: running.id });
  await waitFor('the running trial to stop', async () => (await one<{ status: string }>('select status from trials where id = $1', [running.id]))?.status === 'STOPPED', 60_000);
  await client.request(retry, { id: running.id });
  await finishAndCheck('trial stopped after 2 epochs / queued trial stopped, both retried at once', sweep, redispatchSeconds, 'retry → dispatch back in the queue');
});
