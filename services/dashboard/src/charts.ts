/**
 * Hand-drawn SVG charts: line chart (per-epoch curves), parallel coordinates, heat map, bars.
 * Each returns a fresh <svg>; callers re-render on new data (cheap at these sizes: a line is
 * one <path>, and series are capped at ~1,000 points).
 */
import { formatMetric } from '@trialgrid/format';
import { s } from './dom.js';

export const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#9333ea', '#ea580c', '#0d9488', '#4f46e5'];
export const color = (i: number): string => PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length] ?? '#2563eb';

/** Round tick values covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) {
    const d = Math.abs(min) * 0.1 || 1;
    min -= d;
    max += d;
  }
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

function tickLabel(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(1);
  return String(Number(v.toPrecision(4)));
}

export interface Series {
  label: string;
  color: string;
  dashed?: boolean;
  points: readonly { x: number; y: number }[];
}

export interface LineChartOptions {
  title: string;
  series: readonly Series[];
  xLabel?: string;
  width?: number;
  height?: number;
  testid?: string;
  /** Fix the y range (accuracy: [0,1] looks odd once everything is > 0.95, so default auto). */
  yDomain?: [number, number];
}

/** Keeps at most `max` points (every k-th, always the last) so huge series stay cheap. */
export function thin<T>(points: readonly T[], max = 1000): readonly T[] {
  if (points.length <= max) return points;
  const k = Math.ceil(points.length / max);
  const out = points.filter((_, i) => i % k === 0);
  const last = points[points.length - 1];
  if (last !== undefined && out[out.length - 1] !== last) out.push(last);
  return out;
}

export function lineChart(o: LineChartOptions): SVGSVGElement {
  const W = o.width ?? 560;
  const H = o.height ?? 280;
  const m = { l: 52, r: 22, t: 26, b: 34 };
  const all = o.series.flatMap((se) => se.points);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', 'data-testid': o.testid, 'data-points': all.length, role: 'img', 'aria-label': o.title });
  svg.appendChild(s('text', { x: m.l, y: 16, class: 'chart-title' }, o.title));
  if (all.length === 0) {
    svg.appendChild(s('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'muted' }, 'waiting for the first epoch…'));
    return svg;
  }
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const x0 = Math.min(...xs);
  let x1 = Math.max(...xs);
  if (x0 === x1) x1 = x0 + 1;
  let [y0, y1] = o.yDomain ?? [Math.min(...ys), Math.max(...ys)];
  if (y0 === y1) {
    y0 -= 0.05 * (Math.abs(y0) || 1);
    y1 += 0.05 * (Math.abs(y1) || 1);
  }
  const pad = (y1 - y0) * 0.05;
  y0 -= pad;
  y1 += pad;
  const X = (x: number): number => m.l + ((x - x0) / (x1 - x0)) * (W - m.l - m.r);
  const Y = (y: number): number => H - m.b - ((y - y0) / (y1 - y0)) * (H - m.t - m.b);
  const axes = s('g', { class: 'axes' });
  for (const t of niceTicks(y0, y1, 5)) {
    axes.appendChild(s('line', { x1: m.l, x2: W - m.r, y1: Y(t), y2: Y(t), class: 'grid' }));
    axes.appendChild(s('text', { x: m.l - 6, y: Y(t) + 4, 'text-anchor': 'end' }, tickLabel(t)));
  }
  const xt = niceTicks(x0, x1, Math.min(8, Math.max(1, Math.round(x1 - x0)))).filter((t) => Number.isInteger(t) || x1 - x0 > 20);
  for (const t of xt) axes.appendChild(s('text', { x: X(t), y: H - m.b + 16, 'text-anchor': 'middle' }, tickLabel(t)));
  axes.appendChild(s('line', { x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b, class: 'axis' }));
  axes.appendChild(s('line', { x1: m.l, x2: m.l, y1: m.t, y2: H - m.b, class: 'axis' }));
  if (o.xLabel) axes.appendChild(s('text', { x: W - m.r, y: H - 4, 'text-anchor': 'end', class: 'muted' }, o.xLabel));
  svg.appendChild(axes);
  for (const se of o.series) {
    const pts = thin([...se.points].sort((a, b) => a.x - b.x));
    if (pts.length === 0) continue;
    const d = pts.map((p, i) => `${i ? 'L' : 'M'}${X(p.x).toFixed(1)},${Y(p.y).toFixed(1)}`).join('');
    const g = s('g', { class: 'series', 'data-label': se.label });
    g.appendChild(s('path', { d, stroke: se.color, fill: 'none', 'stroke-width': 1.8, 'stroke-dasharray': se.dashed ? '5 3' : undefined }, s('title', {}, se.label)));
    if (pts.length <= 60) for (const p of pts) g.appendChild(s('circle', { cx: X(p.x), cy: Y(p.y), r: 2.4, fill: se.color }, s('title', {}, `${se.label} @ ${p.x}: ${tickLabel(p.y)}`)));
    svg.appendChild(g);
  }
  return svg;
}

export interface ParallelAxis {
  key: string;
  /** One value per line (numbers, or strings for categorical axes). */
  values: readonly (number | string | null)[];
  /** Draw this axis highlighted (the objective). */
  objective?: boolean;
}

export function parallelCoordinates(o: { axes: readonly ParallelAxis[]; labels: readonly string[]; colors: readonly string[]; testid?: string; width?: number; height?: number }): SVGSVGElement {
  const W = o.width ?? Math.max(560, 170 * o.axes.length);
  const H = o.height ?? 300;
  const m = { l: 60, r: 70, t: 30, b: 24 };
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: 'chart fixed', 'data-testid': o.testid, role: 'img', 'aria-label': 'parallel coordinates' });
  if (o.axes.length < 2 || o.labels.length === 0) {
    svg.appendChild(s('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'muted' }, 'select trials with finished metrics to compare'));
    return svg;
  }
  const step = (W - m.l - m.r) / (o.axes.length - 1);
  const scales = o.axes.map((a) => {
    const nums = a.values.filter((v): v is number => typeof v === 'number');
    if (nums.length === a.values.filter((v) => v !== null).length && nums.length > 0) {
      let [lo, hi] = [Math.min(...nums), Math.max(...nums)];
      if (lo === hi) {
        lo -= Math.abs(lo) * 0.1 || 1;
        hi += Math.abs(hi) * 0.1 || 1;
      }
      const log = lo > 0 && hi / lo >= 50;
      const f = (v: number): number => (log ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo));
      return { kind: 'num' as const, lo, hi, f };
    }
    const cats = [...new Set(a.values.filter((v) => v !== null).map(String))].sort();
    return { kind: 'cat' as const, cats, f: (v: string) => (cats.length === 1 ? 0.5 : cats.indexOf(v) / (cats.length - 1)) };
  });
  const Y = (t: number): number => H - m.b - t * (H - m.t - m.b);
  o.axes.forEach((a, i) => {
    const x = m.l + i * step;
    const sc = scales[i]!;
    const g = s('g', { class: `pc-axis${a.objective ? ' objective' : ''}`, 'data-key': a.key });
    g.appendChild(s('line', { x1: x, x2: x, y1: m.t, y2: H - m.b, class: 'axis' }));
    g.appendChild(s('text', { x, y: m.t - 10, 'text-anchor': 'middle', class: 'pc-label' }, a.key));
    if (sc.kind === 'num') {
      // metric axes in their quantity's format (accuracy as %), parameters as entered
      const label = (v: number): string => (a.objective ? formatMetric(a.key, v) : tickLabel(v));
      g.appendChild(s('text', { x: x + 4, y: Y(0) - 2, class: 'muted' }, label(sc.lo)));
      g.appendChild(s('text', { x: x + 4, y: Y(1) + 10, class: 'muted' }, label(sc.hi)));
    } else for (const c of sc.cats) g.appendChild(s('text', { x: x + 4, y: Y(sc.f(c)) + 4, class: 'muted' }, c));
    svg.appendChild(g);
  });
  o.labels.forEach((label, li) => {
    const pts: string[] = [];
    o.axes.forEach((a, i) => {
      const v = a.values[li];
      if (v === null || v === undefined) return;
      const sc = scales[i]!;
      const t = sc.kind === 'num' ? sc.f(Number(v)) : sc.f(String(v));
      pts.push(`${pts.length ? 'L' : 'M'}${(m.l + i * step).toFixed(1)},${Y(t).toFixed(1)}`);
    });
    svg.appendChild(s('path', { d: pts.join(''), stroke: o.colors[li] ?? color(li), fill: 'none', 'stroke-width': 2, opacity: 0.85, class: 'pc-line', 'data-label': label }, s('title', {}, label)));
  });
  return svg;
}

/** Blue scale for a 0..1 intensity. */
function heat(t: number): string {
  const c = Math.max(0, Math.min(1, t));
  const r = Math.round(247 - c * (247 - 8));
  const g = Math.round(251 - c * (251 - 48));
  const b = Math.round(255 - c * (255 - 107));
  return `rgb(${r},${g},${b})`;
}

/** Confusion matrix: rows = true class, columns = predicted. Colour by row-normalised share. */
export function heatmap(matrix: readonly (readonly number[])[], testid?: string, labels?: readonly string[]): SVGSVGElement {
  const n = matrix.length;
  // Class names (the dataset's) when given, else the label index.
  const name = (i: number): string => labels?.[i] ?? String(i);
  const cell = 34;
  const m = { l: 46, t: 40 };
  const W = m.l + n * cell + 8;
  const H = m.t + n * cell + 8;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart fixed heatmap', 'data-testid': testid, width: W, height: H, role: 'img', 'aria-label': 'confusion matrix' });
  svg.appendChild(s('text', { x: m.l + (n * cell) / 2, y: 12, 'text-anchor': 'middle', class: 'muted' }, 'predicted'));
  svg.appendChild(s('text', { x: 10, y: m.t + (n * cell) / 2, 'text-anchor': 'middle', class: 'muted', transform: `rotate(-90 10 ${m.t + (n * cell) / 2})` }, 'true'));
  matrix.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    svg.appendChild(s('text', { x: m.l - 6, y: m.t + i * cell + cell / 2 + 4, 'text-anchor': 'end' }, name(i)));
    row.forEach((v, j) => {
      if (i === 0) svg.appendChild(s('text', { x: m.l + j * cell + cell / 2, y: m.t - 6, 'text-anchor': 'middle' }, name(j)));
      const share = v / total;
      // Off-diagonal shares are small; amplify them so confusions stand out.
      const t = i === j ? share : Math.min(1, share * 4);
      svg.appendChild(s('rect', { x: m.l + j * cell, y: m.t + i * cell, width: cell - 1, height: cell - 1, fill: heat(t), class: 'cell' }, s('title', {}, `true ${name(i)}, predicted ${name(j)}: ${v}`)));
      svg.appendChild(s('text', { x: m.l + j * cell + cell / 2, y: m.t + i * cell + cell / 2 + 4, 'text-anchor': 'middle', class: t > 0.5 ? 'on-dark' : '' }, v));
    });
  });
  return svg;
}

export function barChart(values: readonly number[], o: { testid?: string; labels?: readonly string[]; domain?: [number, number] } = {}): SVGSVGElement {
  const n = values.length;
  const W = 40 + n * 34;
  const H = 170;
  const [lo, hi] = o.domain ?? [Math.min(0.9, ...values), 1];
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart fixed', 'data-testid': o.testid, width: W, height: H, role: 'img', 'aria-label': 'per-class accuracy' });
  const Y = (v: number): number => 140 - ((v - lo) / (hi - lo || 1)) * 120;
  svg.appendChild(s('text', { x: 4, y: Y(hi) + 4 }, tickLabel(hi)));
  svg.appendChild(s('text', { x: 4, y: Y(lo) + 4 }, tickLabel(lo)));
  values.forEach((v, i) => {
    const x = 36 + i * 34;
    svg.appendChild(s('rect', { x, y: Y(v), width: 26, height: Math.max(1, 140 - Y(v)), fill: color(0), class: 'bar' }, s('title', {}, `${o.labels?.[i] ?? i}: ${(v * 100).toFixed(2)}%`)));
    svg.appendChild(s('text', { x: x + 13, y: 156, 'text-anchor': 'middle' }, o.labels?.[i] ?? String(i)));
    svg.appendChild(s('text', { x: x + 13, y: Y(v) - 3, 'text-anchor': 'middle', class: 'small' }, (v * 100).toFixed(1)));
  });
  return svg;
}
