/**
 * What a trial reports, and which trial is best. The worker sends per-epoch metrics (steps of
 * EPOCH_METRICS) and, when it finishes, FINAL_METRICS; an experiment's objective must be one of
 * those, and `selectBestTrial` is the one choice of "best" used by the scheduler (bestTrial)
 * and the registry (the version it registers).
 *
 * Ranking, by the seed's model selection criteria (SEED.md):
 *   1. best objective (default: highest test_accuracy),
 *   2. ties → lowest validation loss at the last epoch,
 *   3. ties → smallest train/validation accuracy gap at the last epoch (least overfitting),
 *   4. ties → shortest training time.
 */
import { z } from 'zod';

/** Metrics logged once per epoch (step = 0-based epoch). */
export const EPOCH_METRICS = ['train_loss', 'train_accuracy', 'val_loss', 'val_accuracy'] as const;
export type EpochMetric = (typeof EPOCH_METRICS)[number];

/** Metrics of a SUCCEEDED trial's final report (trial.finished finalMetrics). */
export const FINAL_METRICS = ['test_loss', 'test_accuracy', 'training_seconds', 'images_per_second', 'param_count', 'model_size_bytes'] as const;
export type FinalMetric = (typeof FINAL_METRICS)[number];

/**
 * Epoch metrics measured on the validation split: a trial trained with `validationSplit: 0`
 * reports none of them, so an objective or an early-stopping rule on one of them needs every
 * trial to hold out a validation split (see `metricNeedsValidationSplit`).
 */
export const VALIDATION_METRICS = ['val_loss', 'val_accuracy'] as const satisfies readonly EpochMetric[];

/** True when `metric` is only reported by trials with `validationSplit > 0` (val_loss, val_accuracy). */
export function metricNeedsValidationSplit(metric: string): boolean {
  return (VALIDATION_METRICS as readonly string[]).includes(metric);
}

/** Metrics an objective may name: the final ones, or an epoch metric at the last epoch. */
export const OBJECTIVE_METRICS = [...FINAL_METRICS, ...EPOCH_METRICS] as const;
export type ObjectiveMetric = (typeof OBJECTIVE_METRICS)[number];

export const OBJECTIVE_DIRECTIONS = ['MAXIMIZE', 'MINIMIZE'] as const;
export type ObjectiveDirection = (typeof OBJECTIVE_DIRECTIONS)[number];

export const directionRule = z.enum(OBJECTIVE_DIRECTIONS, { error: 'direction must be MAXIMIZE or MINIMIZE' });

export const objectiveMetricRule = z.enum(OBJECTIVE_METRICS, {
  error: (iss) => `unknown metric ${JSON.stringify(iss.input)}: trials report ${OBJECTIVE_METRICS.join(', ')}`,
});

export const epochMetricRule = z.enum(EPOCH_METRICS, {
  error: (iss) => `unknown metric ${JSON.stringify(iss.input)}: per-epoch metrics are ${EPOCH_METRICS.join(', ')}`,
});

export interface Objective {
  metric: string;
  direction: ObjectiveDirection;
}

export const DEFAULT_OBJECTIVE: Objective = { metric: 'test_accuracy', direction: 'MAXIMIZE' };

/** Values closer than this count as a tie (float noise of accuracies computed on different hosts). */
export const TIE_EPSILON = 1e-9;

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
  lastEpoch: (LastEpochMetrics & Record<string, number | null | undefined>) | null | undefined;
  /** Falls back to finalMetrics.training_seconds when absent. */
  trainingSeconds?: number | null;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function own(record: object | null | undefined, key: string): unknown {
  return record && Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

/** The trial's value of an objective metric: its final metric, else the metric at its last epoch. */
export function objectiveValue(t: BestTrialCandidate, metric: string): number | undefined {
  return num(own(t.finalMetrics, metric)) ?? num(own(t.lastEpoch, metric));
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
  return num(t.trainingSeconds) ?? num(own(t.finalMetrics, 'training_seconds'));
}

/** Sort comparator: negative when `a` is the better trial. */
export function compareTrials(a: BestTrialCandidate, b: BestTrialCandidate, objective: Objective = DEFAULT_OBJECTIVE): number {
  const sign = objective.direction === 'MAXIMIZE' ? -1 : 1;
  const oa = objectiveValue(a, objective.metric);
  const ob = objectiveValue(b, objective.metric);
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
    if (objectiveValue(t, objective.metric) === undefined) continue;
    if (best === null || compareTrials(t, best, objective) < 0) best = t;
  }
  return best;
}
