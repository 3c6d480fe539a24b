/**
 * Interactive line charts on uPlot (https://github.com/leeoniya/uPlot, MIT): hover shows every
 * series' value at the cursor in the legend, drag selects an x range to zoom in, double-click
 * zooms back out. The x axis is the step (epoch), the wall-clock time, or the time since the
 * trial's first point.
 *
 * The chart sizes itself to its container (ResizeObserver), so panels never overflow.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatMetric, formatSeconds } from '@trialgrid/format';
import { h } from './dom.js';

export type XAxis = 'step' | 'wall' | 'relative';

/** One point: its step, value and when it was stored (ms since epoch; undefined when unknown). */
export interface PlotPoint {
  step: number;
  value: number;
  at?: number | undefined;
}

export interface PlotSeries {
  label: string;
  color: string;
  dashed?: boolean;
  points: readonly PlotPoint[];
}

export interface PlotOptions {
  title: string;
  series: readonly PlotSeries[];
  /** Metric name used to format y values (e.g. 'val_accuracy' → percentages). */
  metric: string;
  xAxis: XAxis;
  testid?: string;
  height?: number;
}

/** The x value of a point on the chosen axis (seconds for time axes, epoch number for steps). */
export function xOf(p: PlotPoint, axis: XAxis, start: number | undefined): number | null {
  if (axis === 'step') return p.step + 1; // epoch index 0 is drawn as epoch 1
  if (p.at === undefined) return null;
  return axis === 'wall' ? p.at / 1000 : (p.at - (start ?? p.at)) / 1000;
}

/**
 * Aligns series on the union of their x values (uPlot's data layout); a series has null where it
 * has no point, and lines span the gaps.
 */
export function alignSeries(series: readonly PlotSeries[], axis: XAxis): { xs: number[]; ys: (number | null)[][] } {
  const perSeries = series.map((s) => {
    const start = s.points.reduce<number | undefined>((m, p) => (p.at !== undefined && (m === undefined || p.at < m) ? p.at : m), undefined);
    const map = new Map<number, number>();
    for (const p of s.points) {
      const x = xOf(p, axis, start);
      if (x !== null && Number.isFinite(p.value)) map.set(x, p.value);
    }
    return map;
  });
  const xs = [...new Set(perSeries.flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  return { xs, ys: perSeries.map((m) => xs.map((x) => m.get(x) ?? null)) };
}

function xLabel(axis: XAxis): string {
  return axis === 'step' ? 'epoch' : axis === 'wall' ? 'wall time' : 'time since first point';
}

/** A chart element (a div holding the uPlot canvas); `data-points` counts the plotted points. */
export function interactiveChart(o: PlotOptions): HTMLElement {
  const { xs, ys } = alignSeries(o.series, o.xAxis);
  const points = ys.reduce((n, col) => n + col.filter((v) => v !== null).length, 0);
  const box = h('div', { class: 'plot', 'data-testid': o.testid, 'data-points': points, 'data-x-axis': o.xAxis });
  const height = o.height ?? 240;
  const fmtY = (v: number | null): string => (v === null || v === undefined ? '–' : formatMetric(o.metric, v));
  const fmtX = (x: number | null): string => {
    if (x === null || x === undefined) return '–';
    if (o.xAxis === 'step') return `epoch ${x}`;
    if (o.xAxis === 'wall') return new Date(x * 1000).toLocaleTimeString();
    return formatSeconds(x);
  };
  const opts: uPlot.Options = {
    title: o.title,
    width: 400,
    height,
    scales: { x: { time: o.xAxis === 'wall' } },
    cursor: { drag: { x: true, y: false }, points: { size: 6 } },
    legend: { live: true },
    axes: [
      {
        label: xLabel(o.xAxis),
        ...(o.xAxis === 'relative' ? { values: (_u: uPlot, vals: number[]) => vals.map((v) => formatSeconds(v)) } : {}),
        ...(o.xAxis === 'step' ? { values: (_u: uPlot, vals: number[]) => vals.map((v) => (Number.isInteger(v) ? String(v) : '')) } : {}),
      },
      { values: (_u: uPlot, vals: number[]) => vals.map((v) => fmtY(v)), size: 64 },
    ],
    series: [
      { label: xLabel(o.xAxis), value: (_u: uPlot, v: number | null) => fmtX(v) },
      ...o.series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 1.5,
        spanGaps: true,
        ...(s.dashed ? { dash: [6, 4] } : {}),
        points: { show: xs.length <= 60, size: 4 },
        value: (_u: uPlot, v: number | null) => fmtY(v),
      })),
    ],
  };
  let plot: uPlot | undefined;
  const observer = new ResizeObserver((entries) => {
    const width = Math.floor(entries[0]?.contentRect.width ?? 0);
    if (width < 50) return;
    if (!plot) plot = new uPlot({ ...opts, width }, [xs, ...ys] as uPlot.AlignedData, box);
    else if (Math.abs(plot.width - width) > 1) plot.setSize({ width, height });
  });
  observer.observe(box);
  // uPlot keeps listeners on window; release them when the element leaves the page
  const gone = new MutationObserver(() => {
    if (!box.isConnected && plot) {
      observer.disconnect();
      gone.disconnect();
      plot.destroy();
      plot = undefined;
    }
  });
  queueMicrotask(() => gone.observe(document.body, { childList: true, subtree: true }));
  return box;
}

/** Step / wall time / relative time switch; calls `onChange` with the chosen axis. */
export function xAxisSwitch(current: XAxis, onChange: (axis: XAxis) => void): HTMLElement {
  const choices: [XAxis, string][] = [
    ['step', 'epoch'],
    ['wall', 'wall time'],
    ['relative', 'relative time'],
  ];
  return h(
    'span',
    { class: 'seg', 'data-testid': 'x-axis-switch' },
    h('span', { class: 'muted small' }, 'x axis: '),
    choices.map(([axis, label]) =>
      h('button', { class: axis === current ? 'on' : '', 'data-testid': `x-axis-${axis}`, onclick: () => onChange(axis) }, label),
    ),
    h('span', { class: 'muted small' }, ' · drag to zoom, double-click to reset'),
  );
}
