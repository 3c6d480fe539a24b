/**
 * Choosing the best trial of an experiment by the seed's model selection criteria:
 *   1. best objective (default: highest test_accuracy),
 *   2. ties → lowest validation loss at the last epoch,
 *   3. ties → smallest train/validation accuracy gap at the last epoch (least overfitting),
 *   4. ties → shortest training time.
 *
 * ```ts
 * const best = selectBestTrial(candidates, { metric: 'test_accuracy', direction: 'MAXIMIZE' });
 * ```
 */
import type { ObjectiveDirection } from './input.js';

export interface LastEpochMetrics {
  train_accuracy?: number | null;
  val_accuracy?: number | null;
  val_loss?: number | null;
}

export interface BestTrialCandidate {
  id: string;
  /** Final metrics of the trial (test_accuracy, test_loss, training_seconds, ...); null if none. */
  finalMetrics: Record<string, number> | null | undefined;
  /** Metrics of the last epoch; missing values rank last on their criterion. */
  lastEpoch: LastEpochMetrics | null | undefined;
  /** Falls back to finalMetrics.training_seconds when absent. */
  trainingSeconds?: number | null;
}

export interface Objective {
  metric: string;
  direction: ObjectiveDirection;
}

export const DEFAULT_OBJECTIVE: Objective = { metric: 'test_accuracy', direction: 'MAXIMIZE' };

/** Values closer than this count as a tie (float noise of accuracies computed on different hosts). */
export const TIE_EPSILON = 1e-9;

function num(v: number | null | undefined): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Compare lower-is-better values; undefined ranks last. Negative when a is better. */
function lowerFirst(a: number | undefined, b: number | undefined): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return Math.abs(a - b) <= TIE_EPSILON ? 0 : a - b;
}

function gap(t: BestTrialCandidate): number | undefined {
  const train = num(t.lastEpoch?.train_accuracy);
  const val = num(t.lastEpoch?.val_accuracy);
  return train === undefined || val === undefined ? undefined : Math.abs(train - val);
}

function seconds(t: BestTrialCandidate): number | undefined {
  return num(t.trainingSeconds) ?? num(t.finalMetrics?.['training_seconds']);
}

/** Sort comparator: negative when `a` is the better trial. */
export function compareTrials(a: BestTrialCandidate, b: BestTrialCandidate, objective: Objective = DEFAULT_OBJECTIVE): number {
  const sign = objective.direction === 'MAXIMIZE' ? -1 : 1;
  const oa = num(a.finalMetrics?.[objective.metric]);
  const ob = num(b.finalMetrics?.[objective.metric]);
  const byObjective = lowerFirst(oa === undefined ? undefined : sign * oa, ob === undefined ? undefined : sign * ob);
  if (byObjective !== 0) return byObjective;
  const byValLoss = lowerFirst(num(a.lastEpoch?.val_loss), num(b.lastEpoch?.val_loss));
  if (byValLoss !== 0) return byValLoss;
  const byGap = lowerFirst(gap(a), gap(b));
  if (byGap !== 0) return byGap;
  return lowerFirst(seconds(a), seconds(b));
}

/**
 * The best trial among `trials` (pass only SUCCEEDED ones), or null when none has the
 * objective metric. A stable choice: on a complete tie the earlier trial in the list wins.
 */
export function selectBestTrial<T extends BestTrialCandidate>(trials: readonly T[], objective: Objective = DEFAULT_OBJECTIVE): T | null {
  let best: T | null = null;
  for (const t of trials) {
    if (num(t.finalMetrics?.[objective.metric]) === undefined) continue;
    if (best === null || compareTrials(t, best, objective) < 0) best = t;
  }
  return best;
}
