/**
 * Per-trial metric series kept in memory and extended by metricLogged events, rendered as the
 * two standard charts: loss and accuracy, train (solid) vs validation (dashed), interactive
 * (uPlot: hover values, drag to zoom) with the x axis as epoch, wall time or relative time.
 */
import { color } from './charts.js';
import { h, replace } from './dom.js';
import { interactiveChart, xAxisSwitch, type PlotPoint, type PlotSeries, type XAxis } from './plot.js';
import type { MetricEvent, Series } from './types.js';

interface StoredPoint {
  value: number;
  /** ms since epoch, when known. */
  at: number | undefined;
}

const AXIS_KEY = 'trialgrid.xAxis';

/** The x axis the user chose last (kept across pages and reloads). */
export function savedAxis(): XAxis {
  const v = localStorage.getItem(AXIS_KEY);
  return v === 'wall' || v === 'relative' ? v : 'step';
}

export class CurveStore {
  /** trialId -> key -> step -> point */
  private readonly data = new Map<string, Map<string, Map<number, StoredPoint>>>();
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
      const m = t.get(se.key) ?? new Map<number, StoredPoint>();
      for (const p of se.points) m.set(p.step, { value: p.value, at: p.loggedAt ? Date.parse(p.loggedAt) : undefined });
      t.set(se.key, m);
    }
  }

  /** Applies live points; returns true if any belonged to a tracked trial. */
  apply(events: readonly MetricEvent[]): boolean {
    let changed = false;
    for (const e of events) {
      const t = this.data.get(e.trialId);
      if (!t) continue;
      const m = t.get(e.key) ?? new Map<number, StoredPoint>();
      m.set(e.step, { value: e.value, at: e.loggedAt ? Date.parse(e.loggedAt) : Date.now() });
      t.set(e.key, m);
      changed = true;
    }
    return changed;
  }

  points(trialId: string, key: string): PlotPoint[] {
    const m = this.data.get(trialId)?.get(key);
    if (!m) return [];
    return [...m.entries()].sort((a, b) => a[0] - b[0]).map(([step, p]) => ({ step, value: p.value, at: p.at }));
  }

  series(key: string, dashed: boolean, only?: readonly string[]): PlotSeries[] {
    const ids = only ?? this.order;
    return ids.map((id) => ({ label: `${this.names.get(id) ?? id} ${key.replace('_', ' ')}`, color: color(this.order.indexOf(id)), dashed, points: this.points(id, key) }));
  }
}

/** The loss and accuracy charts, an x-axis switch and a legend, for the tracked trials (or `only`). */
export function curvesPanel(store: CurveStore, only?: readonly string[]): HTMLElement {
  const ids = only ?? store.order;
  const panel = h('div', { class: 'curves' });
  const draw = (axis: XAxis): void => {
    replace(
      panel,
      xAxisSwitch(axis, (next) => {
        localStorage.setItem(AXIS_KEY, next);
        draw(next);
      }),
      h(
        'div',
        { class: 'charts' },
        interactiveChart({ title: 'Loss (solid train, dashed validation)', metric: 'loss', series: [...store.series('train_loss', false, ids), ...store.series('val_loss', true, ids)], xAxis: axis, testid: 'chart-loss' }),
        interactiveChart({
          title: 'Accuracy (solid train, dashed validation)',
          metric: 'accuracy',
          series: [...store.series('train_accuracy', false, ids), ...store.series('val_accuracy', true, ids)],
          xAxis: axis,
          testid: 'chart-accuracy',
        }),
      ),
      h(
        'div',
        { class: 'legend' },
        ids.map((id) => h('span', { class: 'legend-item' }, h('i', { style: `background:${color(store.order.indexOf(id))}` }), store.names.get(id) ?? id)),
      ),
    );
  };
  draw(savedAxis());
  return panel;
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
