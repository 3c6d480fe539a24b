/**
 * bench:ingest: the scheduler's own cost, with synthetic trials that skip training.
 *
 * The real scheduler runs in-process on a fresh database and NATS prefix; this process plays
 * the workers (fetchOne from the TRIALS stream, trial.started, K epochs of trial.metrics,
 * trial.finished SUCCEEDED, ack). Two phases:
 *
 * 1. overhead: an experiment of N trials (zero training time) through S synthetic worker slots;
 *    wall time create -> experiment SUCCEEDED per trial, and per-trial dispatch -> finished
 *    processed (trials.queued_at -> trials.finished_at) p50/p99;
 * 2. ingest: T trials started and held RUNNING, then P metric points published in messages of
 *    B points each; points/s from the first publish until every row is in Postgres (count(*)).
 *
 *   npm run bench:ingest   # env BENCH_TRIALS (200), BENCH_EPOCHS (3), BENCH_SLOTS (8),
 *                          #     BENCH_POINTS (50000), BENCH_POINTS_PER_MSG (500), BENCH_INGEST_TRIALS (50)
 */
import { sql } from 'drizzle-orm';
import { TERMINAL_EXPERIMENT_STATUSES, type ExperimentStatus } from '@trialgrid/db';
import { silentLogger } from '@trialgrid/logger';
import { ensureTopology, fetchOne, publishJs, sendUncheckedCommand, type Messaging, type MetricPoint, type TrialDispatch } from '@trialgrid/messaging';
import { createScheduler } from '@trialgrid/scheduler';
import { startNats, startPostgres, type PostgresFixture } from '@trialgrid/testing';
import { loadAverage, machineLine, percentile, printTable, round, rows, runBenchmark, waitFor } from './common.js';

const N = Number(process.env['BENCH_TRIALS'] ?? 200);
const K = Number(process.env['BENCH_EPOCHS'] ?? 3);
const SLOTS = Number(process.env['BENCH_SLOTS'] ?? 8);
const POINTS = Number(process.env['BENCH_POINTS'] ?? 50_000);
const PER_MSG = Number(process.env['BENCH_POINTS_PER_MSG'] ?? 500);
const INGEST_TRIALS = Number(process.env['BENCH_INGEST_TRIALS'] ?? 50);
const EPOCH_KEYS = ['train_loss', 'train_accuracy', 'val_loss', 'val_accuracy'] as const;

function createInput(name: string, trials: number, epochs: number, maxParallelTrials: number): Record<string, unknown> {
  return {
    name,
    epochs,
    maxParallelTrials,
    trainLimit: 100,
    testLimit: 100,
    searchSpace: { algorithm: 'RANDOM', trialCount: trials, seed: 7, parameters: [{ name: 'learningRate', min: 0.0001, max: 0.01, log: true }] },
  };
}

async function experimentDone(pg: PostgresFixture, experimentId: string, timeoutMs: number): Promise<{ status: string; wall_s: number }> {
  return waitFor(
    'the experiment to finish',
    async () => {
      const [r] = await rows<{ status: ExperimentStatus; wall_s: number }>(
        pg.db,
        sql`select status, extract(epoch from finished_at - created_at)::float8 as wall_s from experiments where id = ${experimentId}`,
      );
      return r && TERMINAL_EXPERIMENT_STATUSES.includes(r.status) ? r : undefined;
    },
    timeoutMs,
    50,
  );
}

function pull(m: Messaging, signal: AbortSignal): ReturnType<typeof fetchOne<'trial.dispatch'>> {
  return fetchOne(m, { stream: m.streams.trials, consumer: m.streams.workersConsumer, type: 'trial.dispatch', expiresMs: 1000, signal });
}

async function started(m: Messaging, d: TrialDispatch, workerId: string, delivery: number): Promise<void> {
  await publishJs(m, m.subjects.trialStarted(d.trialId), 'trial.started', { trialId: d.trialId, workerId, delivery, backend: 'synthetic', resumedFromEpoch: 0 });
}

/** The points of epoch `step` of a synthetic trial. */
function epochPoints(step: number): MetricPoint[] {
  return EPOCH_KEYS.map((key) => ({ key, step, value: key.endsWith('loss') ? 1 / (step + 1) : 0.8 + step * 0.01 }));
}

/** trial.finished SUCCEEDED carrying `points`, the epochs again, as a worker sends them. */
async function finished(m: Messaging, d: TrialDispatch, workerId: string, points: MetricPoint[]): Promise<void> {
  await publishJs(m, m.subjects.trialFinished(d.trialId), 'trial.finished', {
    trialId: d.trialId,
    experimentId: d.experimentId,
    workerId,
    status: 'SUCCEEDED',
    finalMetrics: { test_loss: 0.1 + Math.random() * 0.1, test_accuracy: 0.9 + Math.random() * 0.05, training_seconds: 0, images_per_second: 0, param_count: 0, model_size_bytes: 0 },
    summary: { epochsRun: K },
    provenance: { backend: 'synthetic' },
    artifacts: [],
    points,
  });
}

/** Phase 1: a synthetic worker slot that runs trials until `signal` aborts. */
async function syntheticSlot(m: Messaging, slot: number, signal: AbortSignal): Promise<number> {
  const workerId = `synthetic-${slot}`;
  let done = 0;
  while (!signal.aborted) {
    const delivery = await pull(m, signal);
    if (!delivery) continue;
    const d = delivery.data;
    await started(m, d, workerId, delivery.deliveryCount);
    for (let step = 0; step < K; step++) {
      const points = epochPoints(step);
      await publishJs(m, m.subjects.trialMetrics(d.trialId), 'trial.metrics', { trialId: d.trialId, experimentId: d.experimentId, workerId, points }, { msgID: `${d.trialId}:m:${step}` });
    }
    await finished(m, d, workerId, Array.from({ length: K }, (_, step) => epochPoints(step)).flat());
    delivery.ack();
    done++;
  }
  return done;
}

interface Overhead {
  wallS: number;
  perTrialMs: number;
  trialsPerS: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  load: number[];
}

async function overheadPhase(pg: PostgresFixture, m: Messaging): Promise<Overhead> {
  const abort = new AbortController();
  const slots = Array.from({ length: SLOTS }, (_, i) => syntheticSlot(m, i, abort.signal));
  const { experimentId } = await sendUncheckedCommand(m, 'experiment.create', createInput('bench-ingest-overhead', N, K, SLOTS), { timeoutMs: 30_000 });
  const exp = await experimentDone(pg, experimentId, 600_000);
  abort.abort();
  const ran = (await Promise.all(slots)).reduce((a, b) => a + b, 0);
  if (exp.status !== 'SUCCEEDED') throw new Error(`overhead experiment ended ${exp.status}`);
  const trialRows = await rows<{ status: string; latency_ms: number; attempts: number }>(
    pg.db,
    sql`select t.status, extract(epoch from t.finished_at - t.queued_at)::float8 * 1000 as latency_ms,
          (select count(*) from trial_attempts a where a.trial_id = t.id and a.status = 'SUCCEEDED')::int as attempts
        from trials t where t.experiment_id = ${experimentId}`,
  );
  const [mc] = await rows<{ n: number }>(pg.db, sql`select count(*)::int as n from metrics where experiment_id = ${experimentId}`);
  const bad = trialRows.filter((t) => t.status !== 'SUCCEEDED' || t.attempts !== 1).length;
  // K epochs x 4 keys, plus test_loss and test_accuracy stored from trial.finished.
  const expectedMetrics = N * (K * EPOCH_KEYS.length + 2);
  if (trialRows.length !== N || bad > 0 || ran !== N || mc?.n !== expectedMetrics) {
    throw new Error(`overhead check failed: ${trialRows.length} trials, ${bad} not SUCCEEDED exactly once, ${ran} run by the slots, ${mc?.n} metric rows (expected ${expectedMetrics})`);
  }
  const latency = trialRows.map((t) => t.latency_ms);
  return {
    wallS: round(exp.wall_s, 2),
    perTrialMs: round((exp.wall_s * 1000) / N, 1),
    trialsPerS: round(N / exp.wall_s, 1),
    latencyP50Ms: round(percentile(latency, 50), 0),
    latencyP99Ms: round(percentile(latency, 99), 0),
    load: loadAverage(),
  };
}

interface Ingest {
  points: number;
  messages: number;
  pointsPerMessage: number;
  publishS: number;
  ingestS: number;
  pointsPerS: number;
  load: number[];
}

async function ingestPhase(pg: PostgresFixture, m: Messaging): Promise<Ingest> {
  const { experimentId } = await sendUncheckedCommand(m, 'experiment.create', createInput('bench-ingest-metrics', INGEST_TRIALS, 1, INGEST_TRIALS), { timeoutMs: 30_000 });
  // Take every dispatch and hold the trials RUNNING.
  const held: { d: TrialDispatch; ack(): void }[] = [];
  const abort = new AbortController();
  const deadline = Date.now() + 60_000;
  while (held.length < INGEST_TRIALS) {
    if (Date.now() > deadline) throw new Error(`only ${held.length} of ${INGEST_TRIALS} dispatches arrived`);
    const delivery = await pull(m, abort.signal);
    if (!delivery) continue;
    await started(m, delivery.data, 'synthetic-ingest', delivery.deliveryCount);
    held.push({ d: delivery.data, ack: () => delivery.ack() });
  }
  await waitFor(
    'all ingest trials RUNNING',
    async () => {
      const [r] = await rows<{ n: number }>(pg.db, sql`select count(*)::int as n from trials where experiment_id = ${experimentId} and status = 'RUNNING'`);
      return r?.n === INGEST_TRIALS;
    },
    60_000,
    50,
  );

  // P points spread evenly over the trials; keys bench_0..9 x steps, unique per trial.
  const perTrial = Math.ceil(POINTS / INGEST_TRIALS);
  const messages: { d: TrialDispatch; points: MetricPoint[]; chunk: number }[] = [];
  let total = 0;
  for (const { d } of held) {
    const all: MetricPoint[] = [];
    for (let i = 0; i < perTrial && total < POINTS; i++, total++) all.push({ key: `bench_${i % 10}`, step: Math.floor(i / 10), value: Math.random() });
    for (let c = 0; c * PER_MSG < all.length; c++) messages.push({ d, points: all.slice(c * PER_MSG, (c + 1) * PER_MSG), chunk: c });
  }
  // Interleave the trials so the scheduler sees many trials at once, as from many workers.
  messages.sort((a, b) => a.chunk - b.chunk);
  const t0 = performance.now();
  const window = 32;
  for (let i = 0; i < messages.length; i += window) {
    await Promise.all(
      messages.slice(i, i + window).map(({ d, points, chunk }) =>
        publishJs(m, m.subjects.trialMetrics(d.trialId), 'trial.metrics', { trialId: d.trialId, experimentId: d.experimentId, workerId: 'synthetic-ingest', points }, { msgID: `${d.trialId}:bench:${chunk}` }),
      ),
    );
  }
  const publishS = (performance.now() - t0) / 1000;
  await waitFor(
    `${POINTS} metric rows`,
    async () => {
      const [r] = await rows<{ n: number }>(pg.db, sql`select count(*)::int as n from metrics where experiment_id = ${experimentId}`);
      return (r?.n ?? 0) >= POINTS;
    },
    600_000,
    20,
  );
  const ingestS = (performance.now() - t0) / 1000;
  const load = loadAverage();
  const [final] = await rows<{ n: number }>(pg.db, sql`select count(*)::int as n from metrics where experiment_id = ${experimentId}`);
  if (final?.n !== POINTS) throw new Error(`expected exactly ${POINTS} metric rows, found ${final?.n}`);

  for (const h of held) {
    // Its points were the bench_* ones above, not epochs.
    await finished(m, h.d, 'synthetic-ingest', []);
    h.ack();
  }
  await experimentDone(pg, experimentId, 60_000);
  return { points: POINTS, messages: messages.length, pointsPerMessage: PER_MSG, publishS: round(publishS, 2), ingestS: round(ingestS, 2), pointsPerS: Math.round(POINTS / ingestS), load };
}

async function main(): Promise<void> {
  console.log(`bench:ingest: overhead ${N} synthetic trials x ${K} epochs through ${SLOTS} slots; ingest ${POINTS} points in messages of ${PER_MSG} over ${INGEST_TRIALS} trials`);
  console.log(`machine: ${machineLine()}`);
  const pg = await startPostgres({ prefix: 'tg_bench_ingest', max: 5 });
  const nats = await startNats();
  const ackWaitMs = 60_000;
  const maxDeliver = 3;
  let scheduler: ReturnType<typeof createScheduler> | undefined;
  try {
    await ensureTopology(nats.messaging, { ackWaitMs, maxDeliver });
    scheduler = createScheduler({ db: pg.db, messaging: await nats.connect('scheduler'), logger: silentLogger(), config: { ackWaitMs, maxDeliver, dispatchIntervalMs: 1_000 } });
    await scheduler.start();
    const workers = await nats.connect('synthetic-workers');
    const o = await overheadPhase(pg, workers);
    console.log(`overhead phase done (load ${o.load.join(' ')})`);
    const i = await ingestPhase(pg, workers);
    printTable(
      ['phase', 'result', 'load avg 1/5/15 after'],
      [
        ['overhead', `${N} trials in ${o.wallS} s = ${o.perTrialMs} ms/trial (${o.trialsPerS} trials/s); dispatch->finished p50 ${o.latencyP50Ms} ms, p99 ${o.latencyP99Ms} ms`, o.load.join(' ')],
        ['ingest', `${i.points} points in ${i.messages} msgs of ${i.pointsPerMessage}: published in ${i.publishS} s, all in Postgres after ${i.ingestS} s = ${i.pointsPerS} points/s`, i.load.join(' ')],
      ],
    );
    console.log(
      JSON.stringify({
        bench: 'ingest',
        trials: N,
        epochs: K,
        slots: SLOTS,
        overhead: { wallS: o.wallS, perTrialMs: o.perTrialMs, trialsPerS: o.trialsPerS, dispatchToFinishedP50Ms: o.latencyP50Ms, dispatchToFinishedP99Ms: o.latencyP99Ms },
        ingest: { points: i.points, messages: i.messages, pointsPerMessage: i.pointsPerMessage, trials: INGEST_TRIALS, publishS: i.publishS, ingestS: i.ingestS, pointsPerS: i.pointsPerS },
        loadAvg: i.load,
      }),
    );
  } finally {
    await scheduler?.stop().catch(() => undefined);
    await nats.close().catch(() => undefined);
    await pg.close().catch(() => undefined);
  }
}

runBenchmark(main);
