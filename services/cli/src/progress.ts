/**
 * Live per-trial progress of one experiment, fed by subscription events, rendered as text.
 * Pure state + rendering; src/watch.ts wires it to the gateway.
 */
import { formatMetric, progressBar } from './format.js';
import { TERMINAL_TRIAL_STATUSES } from '@trialgrid/contracts';
import { jsonNumbers, jsonObject, type ExperimentStatus, type ExperimentSummary, type MetricEvent, type TrialRow, type TrialStatus } from './queries.js';

export interface TrialProgress {
  id: string;
  index: number;
  name: string;
  status: TrialStatus;
  totalEpochs: number | null;
  epochsDone: number;
  metrics: Record<string, number>;
  error: string | null;
}

const EPOCH_KEYS = new Set(['train_loss', 'train_accuracy', 'val_loss', 'val_accuracy']);

export class ExperimentProgress {
  readonly trials = new Map<string, TrialProgress>();
  status: ExperimentStatus = 'PENDING';
  progress = 0;
  name = '';

  constructor(readonly experimentId: string) {}

  applyExperiment(e: Pick<ExperimentSummary, 'status' | 'progress' | 'name'>): void {
    this.status = e.status;
    this.progress = e.progress;
    this.name = e.name;
  }

  applyTrial(t: TrialRow): void {
    const prev = this.trials.get(t.id);
    const planned = jsonObject(t.paramMap)['epochs'];
    const epochs = typeof planned === 'number' ? planned : (prev?.totalEpochs ?? null);
    const next: TrialProgress = {
      id: t.id,
      index: t.index,
      name: t.name,
      status: t.status,
      totalEpochs: epochs,
      // currentEpoch counts finished epochs; metric events may be ahead of a stale row.
      epochsDone: Math.max(prev?.epochsDone ?? 0, t.currentEpoch ?? 0),
      metrics: { ...(prev?.metrics ?? {}), ...jsonNumbers(t.latestMetrics), ...jsonNumbers(t.finalMetrics) },
      error: t.error ?? null,
    };
    // A retried trial starts over.
    if (prev && TERMINAL_TRIAL_STATUSES.includes(prev.status) && !TERMINAL_TRIAL_STATUSES.includes(t.status)) next.epochsDone = t.currentEpoch ?? 0;
    this.trials.set(t.id, next);
  }

  applyMetrics(points: readonly MetricEvent[]): void {
    for (const p of points) {
      const t = this.trials.get(p.trialId);
      if (!t) continue;
      t.metrics[p.key] = p.value;
      if (EPOCH_KEYS.has(p.key)) t.epochsDone = Math.max(t.epochsDone, p.step + 1);
    }
  }

  /** Fraction done of one trial (terminal trials count as done). */
  fraction(t: TrialProgress): number {
    if (t.status === 'SUCCEEDED') return 1;
    if (!t.totalEpochs) return 0;
    return Math.min(1, t.epochsDone / t.totalEpochs);
  }

  sorted(): TrialProgress[] {
    return [...this.trials.values()].sort((a, b) => a.index - b.index);
  }

  /** One line per trial plus a header line; `nameWidth` pads the names. */
  render(maxTrials = 40): string[] {
    const trials = this.sorted();
    const shown = trials.slice(0, maxTrials);
    const nameWidth = Math.max(4, ...shown.map((t) => t.name.length));
    const done = trials.filter((t) => TERMINAL_TRIAL_STATUSES.includes(t.status)).length;
    // The server's progress moves with experiment updates; the trials' own bars move per epoch.
    const local = trials.length ? trials.reduce((a, t) => a + this.fraction(t), 0) / trials.length : 0;
    const overall = Math.max(this.progress, local);
    const lines = [`experiment ${this.name || this.experimentId}  ${this.status}  ${progressBar(overall, 30)}  ${done}/${trials.length} trials done`];
    for (const t of shown) {
      const epochs = t.totalEpochs ? `epoch ${Math.min(t.epochsDone, t.totalEpochs)}/${t.totalEpochs}` : `epoch ${t.epochsDone}`;
      const m = t.metrics;
      const acc = m['test_accuracy'] !== undefined ? `test_acc ${formatMetric('test_accuracy', m['test_accuracy'])}` : m['val_accuracy'] !== undefined ? `val_acc ${formatMetric('val_accuracy', m['val_accuracy'])}` : '';
      const loss = m['test_loss'] !== undefined ? `test_loss ${formatMetric('test_loss', m['test_loss'])}` : m['val_loss'] !== undefined ? `val_loss ${formatMetric('val_loss', m['val_loss'])}` : '';
      const tail = t.error && t.status !== 'SUCCEEDED' ? `  ${t.error}` : '';
      lines.push(`  ${t.name.padEnd(nameWidth)}  ${t.status.padEnd(9)}  ${progressBar(this.fraction(t))}  ${epochs.padEnd(11)}  ${acc.padEnd(18)} ${loss}`.trimEnd() + tail);
    }
    if (trials.length > shown.length) lines.push(`  ... ${trials.length - shown.length} more trials`);
    return lines;
  }
}

