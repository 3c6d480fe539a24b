/**
 * bench:sweep: one short sweep (24 trials, 1 epoch, small data limits) run twice on a fresh
 * database and NATS prefix each time, first with 1 and then with 2 worker PROCESSES
 * (`node services/worker/dist/main.js`), the scheduler in-process. Everything measured is read
 * back from Postgres: wall time (experiment created_at -> finished_at), trials/minute,
 * dispatch latency (trials.queued_at -> first trial_attempts.started_at) p50/p99, and the
 * exactly-once checks (one SUCCEEDED attempt per trial, metric rows = trials x 4 x epochs).
 * Like `npm start`, N workers split the machine's cores: WASM_THREADS = TF_THREADS = cores / N
 * each. BENCH_BACKEND sets the workers' TF_BACKEND (default auto).
 *
 *   npm run bench:sweep            # env BENCH_TRAIN_LIMIT (2000), BENCH_TEST_LIMIT (500)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { TERMINAL_EXPERIMENT_STATUSES, type ExperimentStatus } from '@trialgrid/db';
import { silentLogger } from '@trialgrid/logger';
import { ensureTopology, sendCommand } from '@trialgrid/messaging';
import { createScheduler } from '@trialgrid/scheduler';
import { mnistDir, repoRoot, startNats, startPostgres } from '@trialgrid/testing';
import { loadAverage, machineLine, percentile, printTable, round, rows, runBenchmark, stopChild, waitFor } from './common.js';

const TRAIN_LIMIT = Number(process.env['BENCH_TRAIN_LIMIT'] ?? 2000);
const TEST_LIMIT = Number(process.env['BENCH_TEST_LIMIT'] ?? 500);
const EPOCHS = 1;
// 4 learning rates x 3 filter counts x 2 batch sizes = 24 trials of the baseline family.
const LEARNING_RATES = [0.0005, 0.001, 0.002, 0.004];
const FILTERS = [8, 16, 32];
const BATCH_SIZES = [64, 128];
const TRIALS = LEARNING_RATES.length * FILTERS.length * BATCH_SIZES.length;

interface RunResult {
  workers: number;
  wallS: number;
  trialsPerMin: number;
  dispatchP50Ms: number;
  dispatchP99Ms: number;
  trainP50S: number;
  backend: string;
  /** wasm threads per worker process (the machine's cores split between the workers, as `npm start` does). */
  threads: number;
  load: number[];
}

function spawnWorker(env: Record<string, string>, id: string): ChildProcess {
  const child = spawn(process.execPath, [join(repoRoot(), 'services', 'worker', 'dist', 'main.js')], {
    env: { ...process.env, ...env, WORKER_ID: id },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}


async function runOnce(workerCount: number): Promise<RunResult> {
  const pg = await startPostgres({ prefix: 'tg_bench_sweep', max: 5 });
  const nats = await startNats();
  const artifactDir = await mkdtemp(join(tmpdir(), 'tg-bench-sweep-'));
  const children: ChildProcess[] = [];
  const ackWaitMs = 60_000;
  const maxDeliver = 3;
  let scheduler: ReturnType<typeof createScheduler> | undefined;
  try {
    await ensureTopology(nats.messaging, { ackWaitMs, maxDeliver });
    scheduler = createScheduler({
      db: pg.db,
      messaging: await nats.connect('scheduler'),
      logger: silentLogger(),
      config: { ackWaitMs, maxDeliver, dispatchIntervalMs: 1_000 },
    });
    await scheduler.start();

    const threads = Math.max(1, Math.floor(availableParallelism() / workerCount));
    const env = {
      WASM_THREADS: String(threads),
      TF_THREADS: String(threads),
      TF_BACKEND: process.env['BENCH_BACKEND'] ?? 'auto',
      NATS_URL: nats.url,
      TRIALGRID_PREFIX: nats.prefix,
      DATA_DIR: mnistDir(),
      ARTIFACT_DIR: artifactDir,
      HEALTH_PORT: '0',
      HEARTBEAT_INTERVAL: '1s',
      LOG_LEVEL: 'warn',
    };
    const ids = Array.from({ length: workerCount }, (_, i) => `${nats.prefix}-w${i}`);
    for (const id of ids) children.push(spawnWorker(env, id));
    // Workers are ready once their first heartbeat (sent after the TF backend is up) is stored.
    const ready = await waitFor(
      'worker heartbeats',
      async () => {
        const r = await rows<{ id: string; backend: string }>(pg.db, sql`select id, backend from workers where id like ${`${nats.prefix}-w%`}`);
        return r.length === workerCount ? r : undefined;
      },
      120_000,
      200,
    );

    const input = {
      name: `bench-sweep-${workerCount}w`,
      trainLimit: TRAIN_LIMIT,
      testLimit: TEST_LIMIT,
      epochs: EPOCHS,
      maxParallelTrials: workerCount,
      maxFailedTrials: 0,
      searchSpace: {
        algorithm: 'GRID' as const,
        base: { preset: 'baseline' as const },
        parameters: [
          { name: 'learningRate', values: LEARNING_RATES },
          { name: 'filters', values: FILTERS },
          { name: 'batchSize', values: BATCH_SIZES },
        ],
      },
    };
    const { experimentId, trialCount } = await sendCommand(nats.messaging, 'experiment.create', input, { timeoutMs: 30_000 });
    if (trialCount !== TRIALS) throw new Error(`expected ${TRIALS} trials, the scheduler planned ${trialCount}`);
    const exp = await waitFor(
      'the experiment to finish',
      async () => {
        const [r] = await rows<{ status: ExperimentStatus; wall_s: number | null }>(
          pg.db,
          sql`select status, extract(epoch from finished_at - created_at)::float8 as wall_s from experiments where id = ${experimentId}`,
        );
        return r && TERMINAL_EXPERIMENT_STATUSES.includes(r.status) ? r : undefined;
      },
      600_000,
      200,
    );
    if (exp.status !== 'SUCCEEDED') throw new Error(`experiment ended ${exp.status}`);

    // Exactly-once checks, from Postgres.
    const trialRows = await rows<{ id: string; status: string; succeeded: number; attempts: number; dispatch_ms: number; train_s: number }>(
      pg.db,
      sql`select t.id, t.status,
            (select count(*) from trial_attempts a where a.trial_id = t.id and a.status = 'SUCCEEDED')::int as succeeded,
            (select count(*) from trial_attempts a where a.trial_id = t.id)::int as attempts,
            extract(epoch from (select min(a.started_at) from trial_attempts a where a.trial_id = t.id) - t.queued_at)::float8 * 1000 as dispatch_ms,
            extract(epoch from t.finished_at - t.started_at)::float8 as train_s
          from trials t where t.experiment_id = ${experimentId}`,
    );
    const [metricCount] = await rows<{ n: number }>(
      pg.db,
      sql`select count(*)::int as n from metrics where experiment_id = ${experimentId} and key in ('train_loss', 'train_accuracy', 'val_loss', 'val_accuracy')`,
    );
    const problems: string[] = [];
    if (trialRows.length !== TRIALS) problems.push(`${trialRows.length} trial rows, expected ${TRIALS}`);
    for (const t of trialRows) {
      if (t.status !== 'SUCCEEDED') problems.push(`trial ${t.id} ${t.status}`);
      if (t.succeeded !== 1) problems.push(`trial ${t.id} has ${t.succeeded} SUCCEEDED attempts`);
    }
    if (metricCount?.n !== TRIALS * 4 * EPOCHS) problems.push(`${metricCount?.n} epoch metric rows, expected ${TRIALS * 4 * EPOCHS}`);
    if (problems.length > 0) throw new Error(`exactly-once check failed: ${problems.join('; ')}`);
    const redeliveries = trialRows.reduce((s, t) => s + t.attempts - 1, 0);
    if (redeliveries > 0) console.log(`note: ${redeliveries} extra attempt(s) (redeliveries) with ${workerCount} worker(s)`);

    const wallS = exp.wall_s ?? Number.NaN;
    const dispatch = trialRows.map((t) => t.dispatch_ms);
    return {
      workers: workerCount,
      wallS: round(wallS, 1),
      trialsPerMin: round((TRIALS / wallS) * 60, 2),
      dispatchP50Ms: round(percentile(dispatch, 50), 0),
      dispatchP99Ms: round(percentile(dispatch, 99), 0),
      trainP50S: round(percentile(trialRows.map((t) => t.train_s), 50), 1),
      backend: ready.map((w) => w.backend).join(','),
      threads,
      load: loadAverage(),
    };
  } finally {
    await Promise.all(children.map((c) => stopChild(c)));
    await scheduler?.stop().catch(() => undefined);
    await nats.close().catch(() => undefined);
    await pg.close().catch(() => undefined);
    await rm(artifactDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`bench:sweep: ${TRIALS} trials (GRID lr ${LEARNING_RATES.join('/')} x filters ${FILTERS.join('/')} x batch ${BATCH_SIZES.join('/')}, baseline family), trainLimit ${TRAIN_LIMIT}, testLimit ${TEST_LIMIT}, ${EPOCHS} epoch`);
  console.log(`machine: ${machineLine()}`);
  const one = await runOnce(1);
  console.log(`1 worker done in ${one.wallS} s (load ${one.load.join(' ')})`);
  const two = await runOnce(2);
  console.log(`2 workers done in ${two.wallS} s (load ${two.load.join(' ')})`);
  printTable(
    ['workers', 'threads each', 'wall s', 'trials/min', 'dispatch p50 ms', 'dispatch p99 ms', 'trial run p50 s', 'backend', 'load avg 1/5/15 after'],
    [one, two].map((r) => [r.workers, r.threads, r.wallS, r.trialsPerMin, r.dispatchP50Ms, r.dispatchP99Ms, r.trainP50S, r.backend, r.load.join(' ')]),
  );
  const pick = (r: RunResult): Record<string, number> => ({ wallS: r.wallS, trialsPerMin: r.trialsPerMin, dispatchP50Ms: r.dispatchP50Ms, dispatchP99Ms: r.dispatchP99Ms });
  console.log(JSON.stringify({ bench: 'sweep', trials: TRIALS, trainLimit: TRAIN_LIMIT, testLimit: TEST_LIMIT, epochs: EPOCHS, workers1: pick(one), workers2: pick(two), speedup: round(one.wallS / two.wallS, 2), loadAvg: two.load }));
}

runBenchmark(main);
