/** A tiny element builder and a few formatters (numbers through @trialgrid/format, shared with the CLI); no framework. */
import { formatMetric, formatParam, formatPercent, formatSeconds } from '@trialgrid/format';

export { formatMetric, formatParam };

type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | ((ev: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number | undefined> = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, String(v));
  append(el, children);
  return el;
}

function setAttrs(el: HTMLElement, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, '').toLowerCase(), v);
    else if (k === 'class') el.className = String(v);
    else if (k === 'checked' || k === 'disabled') (el as HTMLInputElement)[k] = Boolean(v);
    else if (k === 'value') (el as HTMLInputElement).value = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A hyperparameter or untyped value (`0.0005`, `128`, `baseline`). */
export function fmt(v: unknown): string {
  return formatParam(v);
}

/** A named metric in its quantity's format (accuracy %, loss, KB/MB, ms, durations). */
export function metric(key: string, v: unknown): string {
  return formatMetric(key, v);
}

export function pct(v: unknown): string {
  return typeof v === 'number' ? formatPercent(v) : '–';
}

export function time(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export function ago(iso: string | null | undefined): string {
  if (!iso) return '–';
  const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  return `${Math.floor(s / 3600)}h ago`;
}

export function duration(seconds: unknown): string {
  return typeof seconds === 'number' ? formatSeconds(seconds) : '–';
}

export function statusBadge(status: string, testid?: string): HTMLElement {
  return h('span', { class: `badge st-${status.toLowerCase()}`, 'data-testid': testid }, status);
}

export function progressBar(fraction: number, testid?: string): HTMLElement {
  const f = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
  const bar = h('div', { class: 'progress', 'data-testid': testid, 'data-value': f.toFixed(3), title: `${Math.round(f * 100)}%` }, h('div', { class: 'fill', style: `width:${(f * 100).toFixed(1)}%` }), h('span', {}, `${Math.round(f * 100)}%`));
  return bar;
}

export function errorBox(err: unknown): HTMLElement {
  const code = (err as { code?: string }).code;
  return h('div', { class: 'error', 'data-testid': 'error' }, code ? `${code}: ` : '', err instanceof Error ? err.message : String(err));
}

/** Shows a transient message (4 s) at the bottom right of the page; up to three stack, newest last. */
export function toast(message: string, kind: 'ok' | 'error' = 'ok'): void {
  let stack = document.querySelector('body > .toasts');
  if (!stack) stack = document.body.appendChild(h('div', { class: 'toasts', role: 'status' }));
  const el = h('div', { class: `toast ${kind}`, 'data-testid': `toast-${kind}` }, message);
  while (stack.childElementCount >= 3) stack.firstElementChild?.remove();
  stack.appendChild(el);
  setTimeout(() => el.remove(), 4000);
}

export function paramsText(params: Record<string, unknown>): string {
  return Object.entries(params)
    .filter(([k]) => !['dataset', 'optimizer', 'validation_split'].includes(k))
    .map(([k, v]) => `${k}=${fmt(v)}`)
    .join(' ');
}
