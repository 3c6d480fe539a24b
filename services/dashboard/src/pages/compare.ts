/**
 * Compare the selected trials (from any experiments; the selection is the `sel` URL
 * parameter): params + final metrics table, parallel coordinates of the hyperparameters that
 * differ against the objective, and all curves overlaid.
 */
import { gql, subscribe } from '../api.js';
import { color, parallelCoordinates, type ParallelAxis } from '../charts.js';
import { CurveStore, curvesPanel, throttle } from '../curves.js';
import { errorBox, fmt, h, metric, replace, statusBadge } from '../dom.js';
import { metricLabel } from '@trialgrid/format';
import { getSelection, href, setSelection } from '../router.js';
import { graphql } from '@trialgrid/graphql-documents';
import { CURVE_KEYS, dataLimits, jsonNumbers, jsonObject, MAX_POINTS } from '../types.js';
import type { Page } from './page.js';

const QUERY = graphql(`
  query CompareTrials($ids: [ID!]!, $keys: [String!], $maxPoints: Int) {
    compareTrials(ids: $ids) { paramKeys metricKeys trials { ...TrialRow experiment { id name options } metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields } } }
  }
`);


const TRIAL_UPDATED = graphql(`
  subscription CompareTrialUpdated($trialId: ID) { trialUpdated(trialId: $trialId) { ...TrialRow } }
`);
const METRIC_LOGGED = graphql(`
  subscription CompareMetricLogged($trialId: ID) { metricLogged(trialId: $trialId) { ...MetricEventFields } }
`);
/** Live updates follow at most this many compared trials (two subscriptions each). */
const MAX_LIVE = 20;

function axisValue(v: unknown): number | string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'number' ? v : typeof v === 'string' ? v : JSON.stringify(v);
}

export const comparePage: Page = (root, route) => {
  const ids = getSelection();
  const objectiveParam = route.query.get('objective') ?? 'test_accuracy';
  replace(root, h('h1', {}, 'Compare trials'));
  if (ids.length === 0) {
    root.appendChild(h('p', { class: 'muted', 'data-testid': 'compare-empty' }, 'No trials selected. Tick trials on experiment pages (the selection is kept in the URL across experiments), then come back here.'));
    return () => undefined;
  }
  const box = h('div', {}, h('p', { class: 'muted' }, 'loading…'));
  root.appendChild(box);
  const subs: (() => void)[] = [];
  let curves: CurveStore | undefined;
  let chartsBox: HTMLElement | undefined;
  const redrawCurves = throttle(() => {
    if (curves && chartsBox) replace(chartsBox, curvesPanel(curves));
  }, 200);
  const liveRows = new Map<string, HTMLElement>();
  gql(QUERY, { ids, keys: CURVE_KEYS, maxPoints: MAX_POINTS }).then(
    ({ compareTrials: c }) => {
      const trials = c.trials;
      const objective = c.metricKeys.includes(objectiveParam) ? objectiveParam : (c.metricKeys[0] ?? objectiveParam);
      const varying = c.paramKeys.filter((k) => new Set(trials.map((t) => JSON.stringify(jsonObject(t.paramMap)[k] ?? null))).size > 1);
      const shownParams = varying.length ? varying : c.paramKeys;
      const metricKeys = ['test_accuracy', 'test_loss', 'training_seconds', ...c.metricKeys.filter((k) => !['test_accuracy', 'test_loss', 'training_seconds'].includes(k)).sort()].filter((k) => c.metricKeys.includes(k));

      const table = h(
        'table',
        { class: 'grid', 'data-testid': 'compare-table' },
        h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, 'trial'), h('th', {}, 'experiment'), h('th', {}, 'data'), h('th', {}, 'status'), shownParams.map((k) => h('th', { class: 'param' }, k)), metricKeys.map((k) => h('th', { class: k === objective ? 'objective' : '', title: k }, metricLabel(k))), h('th', {}, ''))),
        h(
          'tbody',
          {},
          trials.map((t, i) =>
            h(
              'tr',
              { 'data-testid': `compare-row-${t.id}` },
              h('td', {}, h('i', { class: 'swatch', style: `background:${color(i)}` })),
              h('td', { class: 'name-cell' }, h('a', { href: href(`/trials/${t.id}`), 'data-testid': `compare-trial-link-${t.id}`, title: t.name }, t.name)),
              h('td', { class: 'name-cell' }, h('a', { href: href(`/experiments/${t.experimentId}`), 'data-testid': `compare-experiment-link-${t.id}`, title: t.experiment.name }, t.experiment.name)),
              h('td', { class: 'small nowrap', 'data-testid': `compare-data-${t.id}` }, dataLimits(t.experiment.options)),
              h('td', { 'data-testid': `compare-status-${t.id}` }, statusBadge(t.status)),
              shownParams.map((k) => h('td', { class: 'num' }, fmt(jsonObject(t.paramMap)[k]))),
              metricKeys.map((k) => h('td', { class: `num${k === objective ? ' objective' : ''}`, 'data-testid': `compare-metric-${k}-${t.id}` }, metric(k, jsonNumbers(t.finalMetrics)[k]))),
              h('td', {}, h('button', { 'data-testid': `compare-remove-${t.id}`, onclick: () => { setSelection(getSelection().filter((x) => x !== t.id)); window.dispatchEvent(new HashChangeEvent('hashchange')); } }, 'Remove')),
            ),
          ),
        ),
      );

      const axes: ParallelAxis[] = [
        ...shownParams.map((k) => ({ key: k, values: trials.map((t) => axisValue(jsonObject(t.paramMap)[k])) })),
        { key: objective, values: trials.map((t) => axisValue(jsonNumbers(t.finalMetrics)[objective])), objective: true },
      ];
      curves = new CurveStore();
      for (const t of trials) {
        curves.track(t.id, t.name);
        curves.load(t.id, t.metrics);
      }
      chartsBox = h('div', { 'data-testid': 'compare-curves' });
      // live: status and final metrics as trials end, curves as epochs end
      for (const t of trials.slice(0, MAX_LIVE)) {
        subs.push(
          subscribe(TRIAL_UPDATED, { trialId: t.id }, ({ trialUpdated: u }) => {
            const cellEl = liveRows.get(t.id)?.querySelector(`[data-testid="compare-status-${t.id}"]`);
            if (cellEl) replace(cellEl, statusBadge(u.status));
            for (const k of metricKeys) {
              const el = liveRows.get(t.id)?.querySelector(`[data-testid="compare-metric-${k}-${t.id}"]`);
              const v = jsonNumbers(u.finalMetrics)[k];
              if (el && v !== undefined) el.textContent = metric(k, v);
            }
          }),
          subscribe(METRIC_LOGGED, { trialId: t.id }, ({ metricLogged }) => {
            if (curves?.apply(metricLogged)) redrawCurves();
          }),
        );
      }
      const objectiveSelect = h(
        'select',
        { 'data-testid': 'compare-objective', onchange: (ev: Event) => (location.hash = href('/compare', { objective: (ev.target as HTMLSelectElement).value }).slice(1)) },
        c.metricKeys.map((k) => h('option', { value: k, selected: k === objective }, k)),
      );
      replace(
        box,
        h('div', { class: 'compare-bar' }, h('span', { class: 'muted' }, `${trials.length} trial(s) from ${new Set(trials.map((t) => t.experimentId)).size} experiment(s)`), h('button', { 'data-testid': 'compare-clear', onclick: () => { setSelection([]); window.dispatchEvent(new HashChangeEvent('hashchange')); } }, 'Clear selection')),
        h('div', { class: 'scroll-x panel', 'data-testid': 'compare-table-panel' }, table),
        h('div', { class: 'page-head' }, h('h2', {}, 'Hyperparameters vs objective'), h('label', {}, 'objective ', objectiveSelect)),
        h('div', { class: 'scroll-x panel' }, parallelCoordinates({ axes, labels: trials.map((t) => t.name), colors: trials.map((_, i) => color(i)), testid: 'parallel-coordinates', width: Math.min(1300, 160 * axes.length + 160) })),
        h('h2', {}, 'Curves ', h('span', { class: 'muted small' }, '(live)')),
        chartsBox,
      );
      for (const t of trials) {
        const row = table.querySelector(`[data-testid="compare-row-${t.id}"]`);
        if (row instanceof HTMLElement) liveRows.set(t.id, row);
      }
      redrawCurves();
    },
    (err: unknown) => replace(box, errorBox(err)),
  );
  return () => {
    for (const u of subs) u();
  };
};
