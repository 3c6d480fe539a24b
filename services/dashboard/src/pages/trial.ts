/**
 * One trial: params, provenance, per-epoch table + curves (live while it runs), confusion
 * matrix heat map, per-class accuracy, artifacts with download links, attempts, logs tail.
 */
import { gql, subscribe } from '../api.js';
import { barChart, heatmap } from '../charts.js';
import { CurveStore, curvesPanel, throttle } from '../curves.js';
import { errorBox, fmt, h, metric, replace, statusBadge, time, toast } from '../dom.js';
import { formatBytes } from '@trialgrid/format';
import { getSelection, href, toggleSelected } from '../router.js';
import { graphql } from '@trialgrid/graphql-documents';
import type { TrialPageQuery } from '@trialgrid/graphql-documents';
import { ACTIVE_TRIAL, CURVE_KEYS, dataLimits, jsonObject, MAX_POINTS } from '../types.js';
import type { Page } from './page.js';

const EPOCH_ROWS = 100;

type TrialDetail = NonNullable<TrialPageQuery['trial']>;

const QUERY = graphql(`
  query TrialPage($id: ID!, $keys: [String!], $maxPoints: Int) {
    trial(id: $id) {
      ...TrialRow experiment { id name options } spec summary provenance queuedAt
      metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields }
      artifacts { id name kind sizeBytes sha256 url }
      logs(tail: 100) { level message loggedAt }
      attempts { attempt workerId status error startedAt finishedAt }
      worker { id hostname backend }
    }
  }
`);
const TRIAL_UPDATED = graphql(`
  subscription TrialPageUpdated($trialId: ID) { trialUpdated(trialId: $trialId) { ...TrialRow } }
`);
const METRIC_LOGGED = graphql(`
  subscription TrialMetricLogged($trialId: ID) { metricLogged(trialId: $trialId) { ...MetricEventFields } }
`);
const STOP = graphql(`
  mutation TrialPageStop($id: ID!) { stopTrial(id: $id) { id status } }
`);
const RETRY = graphql(`
  mutation TrialPageRetry($id: ID!) { retryTrial(id: $id) { id status } }
`);

function kv(obj: Record<string, unknown> | null | undefined, testid: string): HTMLElement {
  const entries = Object.entries(obj ?? {});
  if (entries.length === 0) return h('p', { class: 'muted', 'data-testid': testid }, '–');
  return h('table', { class: 'kv', 'data-testid': testid }, h('tbody', {}, entries.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, typeof v === 'object' && v !== null ? h('code', {}, JSON.stringify(v)) : fmt(v))))));
}

const bytes = (n: number): string => formatBytes(n);

function numberMatrix(v: unknown): number[][] | null {
  return Array.isArray(v) && v.length > 0 && v.every((r) => Array.isArray(r) && r.every((x) => typeof x === 'number')) ? (v) : null;
}

export const trialPage: Page = (root, route) => {
  const id = route.parts[1] ?? '';
  const curves = new CurveStore();
  let trial: TrialDetail | undefined;
  const head = h('div', {});
  const epochBox = h('div', {});
  const chartsBox = h('div', { 'data-testid': 'trial-curves' });
  const rest = h('div', {});

  const renderHead = (): void => {
    if (!trial) return;
    const t = trial;
    const active = ACTIVE_TRIAL.includes(t.status);
    const sel = getSelection().includes(t.id);
    replace(
      head,
      h('p', {}, h('a', { href: href(`/experiments/${t.experimentId}`), 'data-testid': 'back-to-experiment' }, `← ${t.experiment.name}`), h('span', { class: 'muted small', 'data-testid': 'trial-data' }, ` · data ${dataLimits(t.experiment.options)}`)),
      h(
        'div',
        { class: 'page-head' },
        h('h1', {}, t.name),
        statusBadge(t.status, 'trial-status'),
        h('label', {}, h('input', { type: 'checkbox', checked: sel, 'data-testid': 'trial-select', onchange: (ev: Event) => toggleSelected(t.id, (ev.target as HTMLInputElement).checked) }), ' select for compare'),
        h('button', { 'data-testid': 'trial-stop', disabled: !active, onclick: () => void gql(STOP, { id: t.id }).then(() => toast('stop requested'), (e: unknown) => toast(String(e), 'error')) }, 'Stop'),
        h('button', { 'data-testid': 'trial-retry', disabled: active, onclick: () => void gql(RETRY, { id: t.id }).then(() => toast('queued again'), (e: unknown) => toast(String(e), 'error')) }, 'Retry'),
      ),
      h('p', { class: 'muted' }, `id ${t.id} · attempt ${t.attempt} · epoch ${t.currentEpoch ?? 0}/${fmt(jsonObject(t.paramMap)['epochs'])} · started ${time(t.startedAt)} · finished ${time(t.finishedAt)}${t.error ? ` · ${t.error}` : ''}`),
    );
  };

  const renderEpochs = throttle(() => {
    const allSteps = [...new Set(CURVE_KEYS.flatMap((k) => curves.points(id, k).map((p) => p.step + 1)))].sort((a, b) => a - b);
    // Long runs (thousands of steps) show the latest rows; the curves show the whole run.
    const steps = allSteps.slice(-EPOCH_ROWS);
    const byKey = new Map(CURVE_KEYS.map((k) => [k, new Map(curves.points(id, k).map((p) => [p.step + 1, p.value]))]));
    replace(
      epochBox,
      allSteps.length > steps.length ? h('p', { class: 'muted small', 'data-testid': 'epoch-table-note' }, `latest ${steps.length} of ${allSteps.length} steps shown (the server downsamples long series to ${MAX_POINTS} points per metric)`) : '',
      h(
        'table',
        { class: 'grid', 'data-testid': 'epoch-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'epoch'), CURVE_KEYS.map((k) => h('th', {}, k)))),
        h('tbody', {}, steps.length ? steps.map((s) => h('tr', { 'data-testid': `epoch-row-${s}` }, h('td', { class: 'num' }, s), CURVE_KEYS.map((k) => h('td', { class: 'num' }, metric(k, byKey.get(k)?.get(s)))))) : h('tr', {}, h('td', { colspan: 5, class: 'muted' }, 'no epochs yet'))),
      ),
    );
    replace(chartsBox, curvesPanel(curves));
  }, 150);

  const renderRest = (): void => {
    if (!trial) return;
    const t = trial;
    const summary = jsonObject(t.summary);
    const cm = numberMatrix(summary['confusionMatrix'] ?? summary['confusion_matrix']);
    const perClassRaw: unknown = summary['perClassAccuracy'] ?? summary['per_class_accuracy'];
    const perClass = Array.isArray(perClassRaw) && perClassRaw.every((x) => typeof x === 'number') ? perClassRaw.filter((x): x is number => typeof x === 'number') : null;
    const classNamesRaw: unknown = summary['classNames'];
    const classNames = Array.isArray(classNamesRaw) && classNamesRaw.every((x) => typeof x === 'string') ? classNamesRaw.filter((x): x is string => typeof x === 'string') : undefined;
    const summaryRest = Object.fromEntries(
      Object.entries(t.summary ?? {}).filter(([k]) => !['confusionMatrix', 'confusion_matrix', 'perClassAccuracy', 'per_class_accuracy', 'classNames'].includes(k)),
    );
    const fm = t.finalMetrics ?? {};
    replace(
      rest,
      h(
        'div',
        { class: 'cols' },
        h('section', {}, h('h2', {}, 'Parameters'), kv(jsonObject(t.paramMap), 'trial-params')),
        h(
          'section',
          {},
          h('h2', {}, 'Final metrics'),
          kv(
            Object.fromEntries(Object.entries(fm).map(([k, v]) => [k, metric(k, v)])),
            'trial-final-metrics',
          ),
          Object.keys(summaryRest).length ? kv(summaryRest, 'trial-summary') : '',
        ),
        h('section', {}, h('h2', {}, 'Provenance'), kv(jsonObject(t.provenance), 'trial-provenance')),
      ),
      h(
        'div',
        { class: 'cols' },
        h('section', {}, h('h2', {}, 'Confusion matrix'), cm ? heatmap(cm, 'confusion-matrix', classNames) : h('p', { class: 'muted', 'data-testid': 'confusion-matrix-empty' }, 'available when the trial finishes')),
        h('section', {}, h('h2', {}, 'Per-class accuracy'), perClass ? barChart(perClass, { testid: 'per-class-accuracy', ...(classNames ? { labels: classNames } : {}) }) : h('p', { class: 'muted' }, '–')),
      ),
      h('h2', {}, 'Artifacts'),
      t.artifacts.length
        ? h(
            'table',
            { class: 'grid', 'data-testid': 'artifacts-table' },
            h('thead', {}, h('tr', {}, ['name', 'kind', 'size', 'sha256'].map((c) => h('th', {}, c)))),
            h('tbody', {}, t.artifacts.map((a) => h('tr', {}, h('td', {}, h('a', { href: a.url, download: a.name, 'data-testid': `artifact-link-${a.id}` }, a.name)), h('td', {}, a.kind), h('td', { class: 'num' }, bytes(a.sizeBytes)), h('td', { class: 'mono small' }, (a.sha256 ?? '').slice(0, 16))))),
          )
        : h('p', { class: 'muted' }, 'none yet'),
      h('h2', {}, 'Attempts'),
      h(
        'table',
        { class: 'grid', 'data-testid': 'attempts-table' },
        h('thead', {}, h('tr', {}, ['attempt', 'worker', 'status', 'started', 'finished', 'error'].map((c) => h('th', {}, c)))),
        h('tbody', {}, t.attempts.map((a) => h('tr', {}, h('td', { class: 'num' }, a.attempt), h('td', {}, a.workerId ?? '–'), h('td', {}, statusBadge(a.status)), h('td', {}, time(a.startedAt)), h('td', {}, time(a.finishedAt)), h('td', {}, a.error ?? '')))),
      ),
      h('h2', {}, 'Logs ', h('span', { class: 'muted small' }, '(last 100 lines)')),
      h('pre', { class: 'logs', 'data-testid': 'trial-logs' }, t.logs.length ? t.logs.map((l) => `${new Date(l.loggedAt).toLocaleTimeString()} ${l.level.padEnd(5)} ${l.message}\n`).join('') : 'no log lines'),
    );
  };

  const load = (): Promise<void> =>
    gql(QUERY, { id, keys: CURVE_KEYS, maxPoints: MAX_POINTS }).then(({ trial: t }) => {
      if (!t) {
        replace(root, errorBox(Object.assign(new Error(`trial ${id} not found`), { code: 'NOT_FOUND' })));
        return;
      }
      trial = t;
      curves.track(t.id, t.name);
      curves.load(t.id, t.metrics);
      renderHead();
      renderEpochs();
      renderRest();
    });

  replace(root, head, h('h2', {}, 'Curves'), chartsBox, h('h2', {}, 'Per epoch'), epochBox, rest);
  const subs = [
    subscribe(TRIAL_UPDATED, { trialId: id }, ({ trialUpdated }) => {
      if (!trial) return;
      const wasTerminal = trial.finishedAt !== null;
      trial = { ...trial, ...trialUpdated };
      renderHead();
      // Artifacts, summary, logs and provenance arrive with the terminal transition.
      if (trialUpdated.finishedAt && !wasTerminal) void load().catch(() => undefined);
    }),
    subscribe(METRIC_LOGGED, { trialId: id }, ({ metricLogged }) => {
      if (curves.apply(metricLogged)) renderEpochs();
    }),
  ];
  load().catch((err: unknown) => root.appendChild(errorBox(err)));
  return () => {
    for (const u of subs) u();
  };
};
