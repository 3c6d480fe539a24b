/**
 * Per-trial metric series kept in memory and extended by metricLogged events, rendered as the
 * two standard charts: loss and accuracy, train (solid) vs validation (dashed).
 */
import { color, lineChart, type Series as ChartSeries } from './charts.js';
import { h } from './dom.js';
import type { MetricEvent, Series } from './types.js';

export class CurveStore {
  /** trialId -> key -> step -> value */
  private readonly data = new Map<string, Map<string, Map<number, number>>>();
  readonly names = new Map<string, string>();
  readonly order: string[] = [];

  track(trialId: string, name: string): void {
    if (!this.data.has(trialId)) {
      this.data.set(trialId, new Map());
      this.order.push(trialId);
    }
    this.names.set(trialId, name);
  }

  has(trialId: string): boolean {
    return this.data.has(trialId);
  }

  load(trialId: string, series: readonly Series[]): void {
    const t = this.data.get(trialId);
    if (!t) return;
    for (const se of series) {
      const m = t.get(se.key) ?? new Map<number, number>();
      for (const p of se.points) m.set(p.step, p.value);
      t.set(se.key, m);
    }
  }

  /** Applies live points; returns true if any belonged to a tracked trial. */
  apply(events: readonly MetricEvent[]): boolean {
    let changed = false;
    for (const e of events) {
      const t = this.data.get(e.trialId);
      if (!t) continue;
      const m = t.get(e.key) ?? new Map<number, number>();
      m.set(e.step, e.value);
      t.set(e.key, m);
      changed = true;
    }
    return changed;
  }

  points(trialId: string, key: string): { x: number; y: number }[] {
    const m = this.data.get(trialId)?.get(key);
    if (!m) return [];
    // Epoch index 0 is drawn as epoch 1.
    return [...m.entries()].sort((a, b) => a[0] - b[0]).map(([step, y]) => ({ x: step + 1, y }));
  }

  series(key: string, dashed: boolean, only?: readonly string[]): ChartSeries[] {
    const ids = only ?? this.order;
    return ids.map((id) => ({ label: `${this.names.get(id) ?? id} ${key}`, color: color(this.order.indexOf(id)), dashed, points: this.points(id, key) }));
  }
}

/** The loss and accuracy charts plus a legend, for the tracked trials (or `only`). */
export function curvesPanel(store: CurveStore, only?: readonly string[]): HTMLElement {
  const ids = only ?? store.order;
  return h(
    'div',
    { class: 'curves' },
    h(
      'div',
      { class: 'charts' },
      lineChart({ title: 'Loss (solid train, dashed validation)', series: [...store.series('train_loss', false, ids), ...store.series('val_loss', true, ids)], xLabel: 'epoch', testid: 'chart-loss' }),
      lineChart({
        title: 'Accuracy (solid train, dashed validation)',
        series: [...store.series('train_accuracy', false, ids), ...store.series('val_accuracy', true, ids)],
        xLabel: 'epoch',
        testid: 'chart-accuracy',
      }),
    ),
    h(
      'div',
      { class: 'legend' },
      ids.map((id) => h('span', { class: 'legend-item' }, h('i', { style: `background:${color(store.order.indexOf(id))}` }), store.names.get(id) ?? id)),
    ),
  );
}

/** Calls `fn` at most every `ms` (live events arrive in bursts; re-rendering per event is waste). */
export function throttle(fn: () => void, ms = 100): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      fn();
    }, ms);
  };
}
