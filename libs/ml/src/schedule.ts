/**
 * Learning-rate schedules, warm-up and per-trial early stopping: pure functions of the
 * training options (validated in @trialgrid/contracts) and the epochs trained so far, so a
 * resumed trial recomputes exactly where it was from its checkpointed epoch history.
 */
import type { ResolvedTrainOptions } from '@trialgrid/contracts';
import type { EpochMetrics } from './types.js';

/** Where training is: 0-based epoch, 0-based batch in it, batches per epoch, epochs in all. */
export interface ScheduleClock {
  epoch: number;
  batch: number;
  batchesPerEpoch: number;
  epochs: number;
}

/** The smallest val_loss decrease that counts as an improvement for the plateau schedule (Keras ReduceLROnPlateau's min_delta). */
export const PLATEAU_MIN_DELTA = 1e-4;

/**
 * How many times the plateau schedule has reduced the rate after `history`: Keras
 * ReduceLROnPlateau on val_loss with patience `patience`, min_delta 1e-4, cooldown 0 — after
 * `patience` epochs in a row without a new best, one reduction, and the count restarts.
 */
export function plateauReductions(history: readonly EpochMetrics[], patience: number): number {
  let best = Infinity;
  let wait = 0;
  let reductions = 0;
  for (const e of history) {
    if (e.val_loss < best - PLATEAU_MIN_DELTA) {
      best = e.val_loss;
      wait = 0;
    } else if (++wait >= patience) {
      reductions++;
      wait = 0;
    }
  }
  return reductions;
}

/**
 * The learning rate of the step at `clock`, for base rate `lr0`. With t = epoch + batch /
 * batchesPerEpoch (epochs done, fractional), E = epochs, d = lrDecay, n = lrDecayEpochs:
 * - constant: lr0
 * - step: lr0 · d^⌊epoch / n⌋ (Keras/PyTorch StepLR)
 * - exponential: lr0 · d^(t / n) (Keras ExponentialDecay, staircase off, decay_steps = n epochs)
 * - cosine: lr0 · ½(1 + cos(π·p)), p = (t − warm-up) / (E − warm-up) clamped to [0, 1]
 *   (Keras CosineDecay with alpha 0, counted after the warm-up)
 * - plateau: lr0 · d^k, k = plateauReductions(history, n)
 * then, during warm-up (w epochs), × min(1, (t + 1/batchesPerEpoch) / w): linear from about 0 to
 * the scheduled rate (Goyal et al. 2017).
 */
export function learningRateAt(lr0: number, o: ResolvedTrainOptions, clock: ScheduleClock, history: readonly EpochMetrics[]): number {
  const t = clock.epoch + clock.batch / clock.batchesPerEpoch;
  const warm = o.warmupEpochs;
  let factor: number;
  switch (o.lrSchedule) {
    case 'constant':
      factor = 1;
      break;
    case 'step':
      factor = o.lrDecay ** Math.floor(clock.epoch / o.lrDecayEpochs);
      break;
    case 'exponential':
      factor = o.lrDecay ** (t / o.lrDecayEpochs);
      break;
    case 'cosine': {
      const p = Math.min(1, Math.max(0, (t - warm) / Math.max(1e-9, clock.epochs - warm)));
      factor = 0.5 * (1 + Math.cos(Math.PI * p));
      break;
    }
    case 'plateau':
      factor = o.lrDecay ** plateauReductions(history, o.lrDecayEpochs);
      break;
  }
  if (warm > 0) factor *= Math.min(1, (t + 1 / clock.batchesPerEpoch) / warm);
  return lr0 * factor;
}

/** Whether `metric` is better when larger. */
function maximise(metric: ResolvedTrainOptions['earlyStoppingMetric']): boolean {
  return metric === 'val_accuracy';
}

/**
 * Per-trial early stopping (Keras EarlyStopping, min_delta 0, no weight restore): true when the
 * last `patience` epochs of `history` brought no strict improvement of `metric` over the best
 * epoch before them. Never true with patience 0 (off). Non-finite values never improve.
 */
export function shouldStopEarly(history: readonly EpochMetrics[], metric: ResolvedTrainOptions['earlyStoppingMetric'], patience: number): boolean {
  if (patience <= 0) return false;
  const up = maximise(metric);
  let bestAt = -1;
  let best = up ? -Infinity : Infinity;
  history.forEach((e, i) => {
    const v = e[metric];
    if (Number.isFinite(v) && (up ? v > best : v < best)) {
      best = v;
      bestAt = i;
    }
  });
  return history.length - 1 - bestAt >= patience;
}
