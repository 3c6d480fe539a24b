/**
 * What "faults lose nothing" means, checked against the database and the artifact store of a
 * chaos cluster after an experiment ended: every trial ended; every (trial, key, step) an
 * epoch produced is stored exactly once; the stored per-epoch values agree with the worker's
 * own training_curves.json and the final metrics with the stored test metrics; exactly one
 * SUCCEEDED attempt per succeeded trial; the model registered once.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TERMINAL_EXPERIMENT_STATUSES, TERMINAL_TRIAL_STATUSES, type DatabaseHandle, type ExperimentStatus, type TrialStatus } from '@trialgrid/db';

type Pool = DatabaseHandle['pool'];

export const EPOCH_KEYS = ['train_loss', 'train_accuracy', 'val_loss', 'val_accuracy'] as const;

export interface ExperimentCheck {
  experimentStatus: string;
  trials: number;
  /** Trials not in a terminal status. */
  stuck: number;
  /** Per-epoch + test metric rows the finished trials should have. */
  expectedRows: number;
  storedRows: number;
  lostRows: number;
  duplicatedRows: number;
  /** Trials whose number of SUCCEEDED attempts is not exactly one (succeeded trials only). */
  badAttempts: number;
  modelVersions: number;
  /** Human-readable problems; empty when everything holds. */
  problems: string[];
}

interface TrialRow {
  id: string;
  name: string;
  status: TrialStatus;
  final_metrics: Record<string, number> | null;
}

/**
 * Checks one experiment. `epochs` gives each trial's epoch count by trial name;
 * `expectModel` whether the registry must have registered exactly one version for it.
 */
export async function checkExperiment(
  pool: Pool,
  artifactDir: string,
  experimentId: string,
  options: { epochs: Record<string, number>; expectModel: boolean; expectStatus?: string },
): Promise<ExperimentCheck> {
  const problems: string[] = [];
  const [exp] = (await pool.query<{ status: ExperimentStatus }>('select status from experiments where id = $1', [experimentId])).rows;
  const trialRows = (await pool.query<TrialRow>('select id, name, status, final_metrics from trials where experiment_id = $1 order by index', [experimentId])).rows;
  const metricRows = (
    await pool.query<{ trial_id: string; key: string; step: number; n: string; value: number }>(
      'select trial_id, key, step, count(*) as n, min(value) as value from metrics where experiment_id = $1 group by trial_id, key, step',
      [experimentId],
    )
  ).rows;
  const attempts = (
    await pool.query<{ trial_id: string; n: string }>(
      `select t.id as trial_id, count(a.*) filter (where a.status = 'SUCCEEDED') as n
         from trials t left join trial_attempts a on a.trial_id = t.id where t.experiment_id = $1 group by t.id`,
      [experimentId],
    )
  ).rows;
  const [versions] = (await pool.query<{ n: string }>('select count(*) as n from model_versions where experiment_id = $1', [experimentId])).rows;

  const byTrial = new Map<string, Map<string, { n: number; value: number }>>();
  let duplicatedRows = 0;
  for (const r of metricRows) {
    const map = byTrial.get(r.trial_id) ?? new Map<string, { n: number; value: number }>();
    map.set(`${r.key}@${r.step}`, { n: Number(r.n), value: Number(r.value) });
    byTrial.set(r.trial_id, map);
    if (Number(r.n) > 1) duplicatedRows += Number(r.n) - 1;
  }

  let stuck = 0;
  let expectedRows = 0;
  let storedRows = 0;
  let lostRows = 0;
  let badAttempts = 0;
  for (const t of trialRows) {
    if (!TERMINAL_TRIAL_STATUSES.includes(t.status)) {
      stuck++;
      problems.push(`trial ${t.name} is still ${t.status}`);
      continue;
    }
    if (options.expectStatus && t.status !== options.expectStatus) problems.push(`trial ${t.name} ended ${t.status}, expected ${options.expectStatus}`);
    if (t.status !== 'SUCCEEDED') continue;
    const epochs = options.epochs[t.name];
    if (epochs === undefined) throw new Error(`no epoch count given for trial ${t.name}`);
    const stored = byTrial.get(t.id) ?? new Map<string, { n: number; value: number }>();
    const expected = [...EPOCH_KEYS.flatMap((k) => Array.from({ length: epochs }, (_, s) => `${k}@${s}`)), 'test_loss@0', 'test_accuracy@0'];
    expectedRows += expected.length;
    for (const key of expected) {
      if (stored.has(key)) storedRows++;
      else {
        lostRows++;
        problems.push(`trial ${t.name}: ${key} missing`);
      }
    }
    for (const key of stored.keys()) if (!expected.includes(key)) problems.push(`trial ${t.name}: unexpected row ${key}`);
    // Final metrics as recorded on the trial = the stored test metric rows.
    for (const k of ['test_loss', 'test_accuracy']) {
      const fin = t.final_metrics?.[k];
      const row = stored.get(`${k}@0`)?.value;
      if (fin === undefined || row === undefined || Math.abs(fin - row) > 1e-9) problems.push(`trial ${t.name}: final ${k} ${String(fin)} != stored ${String(row)}`);
    }
    // The per-epoch rows = what the attempt that produced the result saw (its training_curves.json).
    const [curves] = (await pool.query<{ path: string }>(`select path from artifacts where trial_id = $1 and name = 'training_curves.json'`, [t.id])).rows;
    if (!curves) problems.push(`trial ${t.name}: no training_curves.json artifact`);
    else {
      const file = JSON.parse(await readFile(join(artifactDir, curves.path), 'utf8')) as { epochs: Record<string, number>[] };
      if (file.epochs.length !== epochs) problems.push(`trial ${t.name}: training_curves.json has ${file.epochs.length} epochs, expected ${epochs}`);
      for (const e of file.epochs) {
        for (const k of EPOCH_KEYS) {
          const row = stored.get(`${k}@${e['epoch']}`)?.value;
          if (row !== undefined && Math.abs(row - (e[k] ?? NaN)) > 1e-6) problems.push(`trial ${t.name}: ${k}@${e['epoch']} stored ${row}, curves ${e[k]}`);
        }
      }
    }
    const succeeded = Number(attempts.find((a) => a.trial_id === t.id)?.n ?? 0);
    if (succeeded !== 1) {
      badAttempts++;
      problems.push(`trial ${t.name}: ${succeeded} SUCCEEDED attempts`);
    }
  }
  const modelVersions = Number(versions?.n ?? 0);
  if (options.expectModel && modelVersions !== 1) problems.push(`${modelVersions} model versions registered for the experiment`);
  if (!exp || !TERMINAL_EXPERIMENT_STATUSES.includes(exp.status)) problems.push(`experiment is ${exp?.status ?? 'missing'}`);
  return {
    experimentStatus: exp?.status ?? 'missing',
    trials: trialRows.length,
    stuck,
    expectedRows,
    storedRows,
    lostRows,
    duplicatedRows,
    badAttempts,
    modelVersions,
    problems,
  };
}
