/**
 * "The best trial of an experiment", one repository function for the scheduler (bestTrialId)
 * and the registry (the version it registers): the experiment's SUCCEEDED trials, each with its
 * final metrics and the metrics of its last step, ranked by the contracts' selectBestTrial
 * (an objective that is an epoch metric, e.g. val_loss, is read at the last epoch).
 */
import { and, asc, eq } from 'drizzle-orm';
import { selectBestTrial, type BestTrialCandidate, type Objective } from '@trialgrid/contracts';
import type { DbExecutor } from './client.js';
import { isUuid } from './errors.js';
import { latestMetrics } from './metrics.js';
import { trials } from './schema.js';

function numbers(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  return out;
}

/**
 * The candidates of an experiment (SUCCEEDED trials in index order) and the best of them by
 * `objective`; `best` is null when no trial has the objective metric.
 */
export async function bestTrialOf(db: DbExecutor, experimentId: string, objective: Objective): Promise<{ best: BestTrialCandidate | null; candidates: BestTrialCandidate[] }> {
  if (!isUuid(experimentId)) return { best: null, candidates: [] };
  const done = await db
    .select({ id: trials.id, finalMetrics: trials.finalMetrics })
    .from(trials)
    .where(and(eq(trials.experimentId, experimentId), eq(trials.status, 'SUCCEEDED')))
    .orderBy(asc(trials.index));
  if (done.length === 0) return { best: null, candidates: [] };
  const latest = await latestMetrics(
    db,
    done.map((t) => t.id),
  );
  const candidates: BestTrialCandidate[] = done.map((t) => {
    const last = latest.get(t.id) ?? {};
    const lastEpoch: Record<string, number> = {};
    for (const [k, v] of Object.entries(last)) lastEpoch[k] = v.value;
    return { id: t.id, finalMetrics: numbers(t.finalMetrics), lastEpoch };
  });
  return { best: selectBestTrial(candidates, objective), candidates };
}
