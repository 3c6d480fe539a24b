/**
 * The control plane under load for `npm run bench:load`: a fresh Postgres database and NATS
 * prefix, the real scheduler and gateway started as CHILD PROCESSES (`node services/<x>/dist/main.js`,
 * so the load generator does not share the gateway's event loop), no workers, and seeded data
 * written straight through libs/db.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { insertExperimentWithTrials, insertMetrics, registerModelVersion, type Database } from '@trialgrid/db';
import { mulberry32 } from '@trialgrid/ml';
import { freePort, startNats, startPostgres, type NatsFixture, type PostgresFixture } from '@trialgrid/testing';
import { stopChild } from './common.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface LoadStack {
  pg: PostgresFixture;
  nats: NatsFixture;
  baseUrl: string;
  gatewayUrl: string;
  wsUrl: string;
  stop(): Promise<void>;
}


async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function startChild(service: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [`services/${service}/dist/main.js`], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}


export async function startLoadStack(): Promise<LoadStack> {
  const pg = await startPostgres({ prefix: 'tg_load', max: 10 });
  const nats = await startNats();
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const c of children.reverse()) await stopChild(c, 'SIGTERM', 10_000);
    await nats.close();
    await pg.close();
  };
  try {
    const common = {
      DATABASE_URL: pg.url,
      NATS_URL: nats.url,
      TRIALGRID_PREFIX: nats.prefix,
      LOG_LEVEL: 'warn',
      ARTIFACT_DIR: join(tmpdir(), 'tg-load-artifacts'),
    };
    const healthPort = await freePort();
    // No workers run: a long stale-worker limit and reconcile period keep the subscription
    // scenario's RUNNING trial (which no worker heartbeats for) from being re-queued mid-run.
    const scheduler = startChild('scheduler', {
      ...common,
      HEALTH_PORT: String(healthPort),
      WORKER_STALE_AFTER: '10m',
      RECONCILE_INTERVAL: '10m',
    });
    children.push(scheduler);
    await waitReady(`http://127.0.0.1:${healthPort}/readyz`, scheduler, 30_000);
    const port = await freePort();
    const gateway = startChild('gateway', { ...common, HOST: '127.0.0.1', PORT: String(port), COMMAND_TIMEOUT: '30s' });
    children.push(gateway);
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitReady(`${baseUrl}/readyz`, gateway, 30_000);
    return { pg, nats, baseUrl, gatewayUrl: `${baseUrl}/graphql`, wsUrl: `ws://127.0.0.1:${port}/graphql`, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export interface SeedOptions {
  experiments: number;
  trialsPerExperiment: number;
  stepsPerKey: number;
}

export interface SeedResult {
  trialIds: string[];
  metricRows: number;
  seconds: number;
}

export const EPOCH_KEYS = ['train_loss', 'train_accuracy', 'val_loss', 'val_accuracy'] as const;

/**
 * Finished experiments as the scheduler would leave them: SUCCEEDED trials with params, four
 * epoch metric series, final metrics (also as step-0 metric rows), plus one registered model.
 */
export async function seedFinished(db: Database, o: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const rand = mulberry32(42);
  const trialIds: string[] = [];
  let metricRows = 0;
  let best: { trialId: string; experimentId: string } | undefined;
  for (let e = 0; e < o.experiments; e++) {
    const inputs = Array.from({ length: o.trialsPerExperiment }, (_, i) => {
      const lr = 10 ** (-4 + 2 * rand());
      return {
        index: i,
        name: `trial-${i}`,
        status: 'SUCCEEDED' as const,
        spec: { kind: 'cnn', filters: [32, 64], hiddenUnits: 128 },
        params: {
          model_type: i % 2 === 0 ? 'cnn' : 'mlp',
          filters: [32, 64],
          hidden_units: [64, 128, 256][i % 3],
          conv_dropout: 0.25,
          dense_dropout: 0.5,
          learning_rate: lr,
          batch_size: [32, 64, 128][i % 3],
          epochs: o.stepsPerKey,
          validation_split: 0.1,
          seed: i,
          dataset: 'mnist',
          optimizer: 'adam',
        },
      };
    });
    const { experiment, trials } = await insertExperimentWithTrials(
      db,
      {
        name: `load-seed-${e}`,
        status: 'SUCCEEDED',
        searchSpace: { algorithm: 'RANDOM', trialCount: o.trialsPerExperiment, seed: e },
        options: { trainLimit: 1000, testLimit: 200 },
      },
      inputs,
    );
    for (const t of trials) {
      trialIds.push(t.id);
      const speed = 0.05 + 0.2 * rand();
      const points = [];
      for (let s = 0; s < o.stepsPerKey; s++) {
        const acc = 1 - 0.9 * Math.exp(-speed * (s + 1)) - 0.01 * rand();
        points.push(
          { key: 'train_loss', step: s, value: 2.3 * Math.exp(-speed * (s + 1)) + 0.02 * rand() },
          { key: 'train_accuracy', step: s, value: acc },
          { key: 'val_loss', step: s, value: 2.3 * Math.exp(-speed * s) + 0.05 * rand() },
          { key: 'val_accuracy', step: s, value: acc - 0.01 * rand() },
        );
      }
      const testAcc = 0.9 + 0.09 * rand();
      const testLoss = 0.02 + 0.3 * rand();
      points.push({ key: 'test_accuracy', step: 0, value: testAcc }, { key: 'test_loss', step: 0, value: testLoss });
      metricRows += (await insertMetrics(db, t.id, experiment.id, points)).length;
      await db.execute(sql`update trials set final_metrics = ${JSON.stringify({
        test_accuracy: testAcc,
        test_loss: testLoss,
        training_seconds: 20 + 40 * rand(),
        images_per_second: 2000 + 1000 * rand(),
        param_count: 100_000 + Math.floor(300_000 * rand()),
      })}::jsonb, current_epoch = ${o.stepsPerKey}, started_at = now() - interval '1 hour', finished_at = now() where id = ${t.id}`);
    }
    best ??= { trialId: trials[0]!.id, experimentId: experiment.id };
  }
  if (best) {
    await registerModelVersion(db, {
      modelName: 'Mnist_Best_Model',
      trialId: best.trialId,
      experimentId: best.experimentId,
      artifactPath: `experiments/${best.experimentId}/trials/${best.trialId}/model`,
      tags: { stage: 'production' },
      metrics: { test_accuracy: 0.99 },
      actor: 'bench:load',
    });
  }
  return { trialIds, metricRows, seconds: (performance.now() - started) / 1000 };
}
