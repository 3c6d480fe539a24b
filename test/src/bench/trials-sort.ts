/**
 * bench:trials-sort: the experiment page's trials query at 10,000 trials, sorted and filtered
 * on the server (libs/db queryTrials, what `Experiment.trials(orderBy:, filters:, after:)` runs).
 *
 * One experiment of N trials on a fresh database: each with 4 hyperparameters (trial_params)
 * and final metrics, plus 4 logged epochs for the last 10 % (running trials whose metric comes
 * from the metrics table). Times (median of R runs) for a 25-trial page: first page and page
 * 200 (by cursor) in index order, sorted by a metric, sorted by a parameter, and filtered.
 *
 *   npm run bench:trials-sort   # env BENCH_TRIALS (10000), BENCH_RUNS (15)
 */
import { sql } from 'drizzle-orm';
import { insertExperimentWithTrials, insertMetrics, queryTrials, trials as trialsTable, type QueryTrialsOptions } from '@trialgrid/db';
import { startPostgres } from '@trialgrid/testing';
import { loadAverage, machineLine, percentile, printTable, round, runBenchmark } from './common.js';

const N = Number(process.env['BENCH_TRIALS'] ?? 10_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 15);
const PAGE = 25;

async function main(): Promise<void> {
  console.log(`bench:trials-sort: ${N} trials, pages of ${PAGE}, median and p95 of ${RUNS} runs`);
  console.log(`machine: ${machineLine()}`);
  const pg = await startPostgres({ prefix: 'tg_bench_sort', max: 4 });
  try {
    const lrs = [0.0001, 0.0003, 0.001, 0.003, 0.01];
    const t0 = Date.now();
    const { experiment, trials } = await insertExperimentWithTrials(
      pg.db,
      { name: 'sort-bench', searchSpace: {} },
      Array.from({ length: N }, (_, i) => ({
        index: i,
        name: `t${i}`,
        spec: {},
        params: { learning_rate: lrs[i % 5], batch_size: [32, 64, 128, 256][i % 4], model_type: i % 3 ? 'enhanced' : 'baseline', seed: i },
      })),
    );
    const finished = trials.slice(0, Math.floor(N * 0.9));
    // final metrics in one statement: accuracy depends on the params plus noise
    await pg.db.execute(sql`update ${trialsTable} set status = 'SUCCEEDED',
      final_metrics = jsonb_build_object('test_accuracy', 0.9 + (index % 97) / 1000.0, 'test_loss', 0.3 - (index % 89) / 1000.0)
      where experiment_id = ${experiment.id}::uuid and index < ${finished.length}`);
    for (const t of trials.slice(finished.length)) {
      await insertMetrics(pg.db, t.id, experiment.id, [0, 1, 2, 3].map((step) => ({ key: 'test_accuracy', step, value: 0.5 + step / 10 + (t.index % 13) / 1000 })));
    }
    await pg.db.execute(sql`analyze`);
    console.log(`seeded in ${round((Date.now() - t0) / 1000)} s`);

    const cases: [string, Omit<QueryTrialsOptions, 'first' | 'after'>][] = [
      ['index order', {}],
      ['sort metric:test_accuracy DESC', { orderBy: { field: 'metric:test_accuracy', direction: 'DESC' } }],
      ['sort param:learning_rate ASC', { orderBy: { field: 'param:learning_rate', direction: 'ASC' } }],
      ['filter lr <= 0.001 & acc >= 0.95, sort acc', { orderBy: { field: 'metric:test_accuracy', direction: 'DESC' }, filters: [{ field: 'param:learning_rate', op: 'LTE', value: 0.001 }, { field: 'metric:test_accuracy', op: 'GTE', value: 0.95 }] }],
    ];
    const table: (string | number)[][] = [];
    for (const [label, options] of cases) {
      // the cursor of page 200 (or the last page), reached once by walking
      let after: string | null = null;
      for (let p = 1; p < Math.min(200, Math.ceil(N / PAGE)); p++) {
        const page = await queryTrials(pg.db, experiment.id, { ...options, first: PAGE, after });
        if (!page.hasNextPage) break;
        after = page.endCursor;
      }
      const time = async (cursor: string | null): Promise<number[]> => {
        const out: number[] = [];
        for (let r = 0; r < RUNS; r++) {
          const s = performance.now();
          await queryTrials(pg.db, experiment.id, { ...options, first: PAGE, after: cursor });
          out.push(performance.now() - s);
        }
        return out;
      };
      const first = await time(null);
      const deep = await time(after);
      table.push([label, round(percentile(first, 50)), round(percentile(first, 95)), round(percentile(deep, 50)), round(percentile(deep, 95))]);
    }
    printTable(['query (25 per page)', 'page 1 p50 ms', 'page 1 p95 ms', 'page 200 p50 ms', 'page 200 p95 ms'], table);
    console.log(`load average after: ${loadAverage().join(' ')}`);
  } finally {
    await pg.close().catch(() => undefined);
  }
}

runBenchmark(main);
