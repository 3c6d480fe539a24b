/**
 * The median stopping rule (as in Vizier / Katib): at step s, stop a trial whose best value so
 * far is worse than the median of the other trials' running averages up to s.
 *
 * ```ts
 * shouldStopByMedian({ direction: 'MAXIMIZE', startStep: 1, minTrials: 2 }, mine, [a, b], 2);
 * ```
 */
import type { ObjectiveDirection } from './input.js';

export interface MedianRuleOptions {
  direction: ObjectiveDirection;
  /** First step at which the rule may stop a trial. */
  startStep: number;
  /** Other trials that must have reached the step before the rule compares. */
  minTrials: number;
}

export interface StepValue {
  step: number;
  value: number;
}

export interface MedianDecision {
  stop: boolean;
  /** This trial's best value up to the step (undefined when it has none). */
  best?: number;
  /** Median of the compared trials' running averages. */
  median?: number;
  /** How many other trials were compared. */
  compared: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The decision with its numbers (for logs and the stop reason). */
export function evaluateMedianRule(
  options: MedianRuleOptions,
  trialHistory: readonly StepValue[],
  others: readonly (readonly StepValue[])[],
  step: number,
): MedianDecision {
  if (step < options.startStep) return { stop: false, compared: 0 };
  const mine = trialHistory.filter((p) => p.step <= step && Number.isFinite(p.value)).map((p) => p.value);
  if (mine.length === 0) return { stop: false, compared: 0 };
  const maximize = options.direction === 'MAXIMIZE';
  const best = maximize ? Math.max(...mine) : Math.min(...mine);
  const averages: number[] = [];
  for (const history of others) {
    // Only trials that reached this step count: a trial still at step 0 says nothing about step 3.
    if (!history.some((p) => p.step >= step)) continue;
    const upTo = history.filter((p) => p.step <= step && Number.isFinite(p.value));
    if (upTo.length === 0) continue;
    averages.push(upTo.reduce((sum, p) => sum + p.value, 0) / upTo.length);
  }
  if (averages.length < Math.max(1, options.minTrials)) return { stop: false, best, compared: averages.length };
  const med = median(averages);
  const worse = maximize ? best < med : best > med;
  return { stop: worse, best, median: med, compared: averages.length };
}

/**
 * True when the trial should stop at `step`: step >= startStep, at least minTrials other
 * trials reached `step`, and this trial's best-so-far is strictly worse than the median of
 * their running averages (over steps <= `step`).
 */
export function shouldStopByMedian(
  options: MedianRuleOptions,
  trialHistory: readonly StepValue[],
  others: readonly (readonly StepValue[])[],
  step: number,
): boolean {
  return evaluateMedianRule(options, trialHistory, others, step).stop;
}
