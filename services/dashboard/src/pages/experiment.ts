/**
 * One experiment: header with status/progress, the trials table (paginated, first/offset),
 * live curves of the trials on the page. Everything moves through three subscriptions
 * (experimentUpdated, trialUpdated, metricLogged); no polling.
 */
import { gql, subscribe } from '../api.js';
import { CurveStore, curvesPanel, throttle } from '../curves.js';
import { errorBox, fmt, h, paramsText, pct, progressBar, replace, statusBadge, time, toast } from '../dom.js';
import { getSelection, href, onSelectionChange, toggleSelected, setSelection } from '../router.js';
import { CURVE_KEYS, EXPERIMENT_SUMMARY, MAX_POINTS, TERMINAL_EXPERIMENT, TERMINAL_TRIAL, TRIAL_ROW, type ExperimentSummary, type MetricEvent, type Series, type TrialRow } from '../types.js';
import type { Page } from './page.js';

export const PAGE_SIZE = 25;

interface ExperimentDetail extends ExperimentSummary {
  dataset: string;
  maxParallelTrials: number;
  maxFailedTrials: number;
  objective: { metric: string; direction: string };
  earlyStopping: unknown;
  options: Record<string, unknown>;
  bestTrial: { id: string; name: string; finalMetrics: Record<string, number> | null } | null;
  trials: { totalCount: number; nodes: (TrialRow & { metrics: Series[] })[] };
}

const QUERY = `query Experiment($id: ID!, $first: Int, $offset: Int, $status: TrialStatus, $keys: [String!], $maxPoints: Int) {
  experiment(id: $id) {
    ${EXPERIMENT_SUMMARY} dataset maxParallelTrials maxFailedTrials objective { metric direction } earlyStopping options
    bestTrial { id name finalMetrics }
    trials(first: $first, offset: $offset, status: $status) { totalCount nodes { ${TRIAL_ROW} metrics(keys: $keys, maxPoints: $maxPoints) { key totalPoints points { step value } } } }
  }
}`;
const EXP_UPDATED = `subscription ($id: ID) { experimentUpdated(id: $id) { ${EXPERIMENT_SUMMARY} } }`;
const TRIAL_UPDATED = `subscription ($experimentId: ID) { trialUpdated(experimentId: $experimentId) { ${TRIAL_ROW} } }`;
const METRIC_LOGGED = `subscription ($experimentId: ID) { metricLogged(experimentId: $experimentId) { trialId experimentId key step value } }`;
const TRIAL_SERIES = `query ($id: ID!, $keys: [String!], $maxPoints: Int) { trial(id: $id) { metrics(keys: $keys, maxPoints: $maxPoints) { key totalPoints points { step value } } } }`;
const CANCEL = `mutation ($id: ID!) { cancelExperiment(id: $id) { ${EXPERIMENT_SUMMARY} } }`;
const STOP = `mutation ($id: ID!) { stopTrial(id: $id) { ${TRIAL_ROW} } }`;
const RETRY = `mutation ($id: ID!) { retryTrial(id: $id) { ${TRIAL_ROW} } }`;

function epochsOf(t: TrialRow): number | null {
  const e = t.paramMap['epochs'];
  return typeof e === 'number' ? e : null;
}

export const experimentPage: Page = (root, route) => {
  const id = route.parts[1] ?? '';
  const page = Math.max(1, Number(route.query.get('page') ?? '1') || 1);
  const statusFilter = route.query.get('tstatus') ?? '';
  const curves = new CurveStore();
  const trials = new Map<string, TrialRow>();
  const rowEls = new Map<string, HTMLTableRowElement>();
  let exp: ExperimentSummary | undefined;
  let totalTrials = 0;

  const head = h('div', { class: 'exp-head', 'data-testid': 'experiment-header' });
  const body = h('tbody');
  const pager = h('div', { class: 'pager' });
  const chartsBox = h('div', { 'data-testid': 'experiment-curves' });
  const compareBar = h('div', { class: 'compare-bar' });

  const action = async (what: string, run: () => Promise<void>): Promise<void> => {
    try {
      await run();
      toast(`${what}: done`);
    } catch (err) {
      toast(`${what}: ${(err as { code?: string }).code ?? 'ERROR'}: ${err instanceof Error ? err.message : String(err)}`, 'error');
    }
  };

  const renderHead = (): void => {
    if (!exp) return;
    const e = exp;
    const terminal = TERMINAL_EXPERIMENT.includes(e.status);
    replace(
      head,
      h('div', { class: 'page-head' }, h('h1', {}, e.name), statusBadge(e.status, 'experiment-status'),
        h('button', {
          class: 'danger',
          'data-testid': 'cancel-experiment',
          disabled: terminal,
          onclick: () => void action('cancel experiment', async () => {
            const r = await gql<{ cancelExperiment: ExperimentSummary }>(CANCEL, { id });
            exp = r.cancelExperiment;
            renderHead();
          }),
        }, 'Cancel experiment'),
      ),
      progressBar(e.progress, 'experiment-progress'),
      h('p', { class: 'muted', 'data-testid': 'experiment-counts' },
        `${e.counts.total} trials: ${e.counts.queued} queued, ${e.counts.running} running, ${e.counts.succeeded} succeeded, ${e.counts.failed} failed, ${e.counts.stopped} stopped, ${e.counts.cancelled} cancelled`,
        e.error ? ` — ${e.error}` : '',
      ),
      h('p', { class: 'muted' }, `id ${e.id} · model ${e.modelName} · created ${time(e.createdAt)}${e.finishedAt ? ` · finished ${time(e.finishedAt)}` : ''}`),
    );
  };

  const renderRow = (t: TrialRow): HTMLTableRowElement => {
    const sel = getSelection().includes(t.id);
    const fm = t.finalMetrics ?? {};
    const lm = t.latestMetrics;
    const epochs = epochsOf(t);
    const active = t.status === 'QUEUED' || t.status === 'RUNNING';
    const tr = h(
      'tr',
      { 'data-testid': `trial-row-${t.id}`, 'data-status': t.status, class: sel ? 'selected' : '' },
      h('td', {}, h('input', { type: 'checkbox', checked: sel, 'data-testid': `trial-select-${t.id}`, onchange: (ev: Event) => toggleSelected(t.id, (ev.target as HTMLInputElement).checked) })),
      h('td', { class: 'num' }, t.index),
      h('td', {}, h('a', { href: href(`/trials/${t.id}`), 'data-testid': `trial-link-${t.id}` }, t.name)),
      h('td', {}, statusBadge(t.status, `trial-status-${t.id}`), t.error ? h('div', { class: 'small muted' }, t.error) : ''),
      h('td', { class: 'params' }, paramsText(t.paramMap)),
      h('td', { class: 'num', 'data-testid': `trial-epoch-${t.id}` }, `${t.currentEpoch ?? 0}/${epochs ?? '?'}`),
      h('td', { class: 'num' }, fmt(lm['train_loss'])),
      h('td', { class: 'num' }, fmt(lm['val_loss'])),
      h('td', { class: 'num', 'data-testid': `trial-val-acc-${t.id}` }, fmt(lm['val_accuracy'])),
      h('td', { class: 'num' }, pct(fm['test_accuracy'])),
      h(
        'td',
        { class: 'actions' },
        h('button', { 'data-testid': `trial-stop-${t.id}`, disabled: !active, onclick: () => void action(`stop ${t.name}`, async () => update((await gql<{ stopTrial: TrialRow }>(STOP, { id: t.id })).stopTrial)) }, 'Stop'),
        h('button', {
          'data-testid': `trial-retry-${t.id}`,
          disabled: active,
          onclick: () => void action(`retry ${t.name}`, async () => update((await gql<{ retryTrial: TrialRow }>(RETRY, { id: t.id })).retryTrial)),
        }, 'Retry'),
      ),
    );
    return tr;
  };

  const update = (t: TrialRow): void => {
    if (!trials.has(t.id)) return; // not on this page
    trials.set(t.id, t);
    const old = rowEls.get(t.id);
    const next = renderRow(t);
    rowEls.set(t.id, next);
    if (old) old.replaceWith(next);
  };

  const renderTable = (): void => {
    rowEls.clear();
    const rows = [...trials.values()].sort((a, b) => a.index - b.index).map((t) => {
      const tr = renderRow(t);
      rowEls.set(t.id, tr);
      return tr;
    });
    replace(body, rows.length ? rows : h('tr', {}, h('td', { colspan: 11, class: 'muted' }, 'no trials')));
    const pages = Math.max(1, Math.ceil(totalTrials / PAGE_SIZE));
    const extra = (p: number): Record<string, string | number> => ({ page: p, ...(statusFilter ? { tstatus: statusFilter } : {}) });
    replace(
      pager,
      h('a', { class: `btn${page <= 1 ? ' disabled' : ''}`, href: href(`/experiments/${id}`, extra(Math.max(1, page - 1))), 'data-testid': 'trials-prev' }, '‹ prev'),
      h('span', { 'data-testid': 'trials-page' }, `page ${page} of ${pages} · trials ${(page - 1) * PAGE_SIZE + (trials.size ? 1 : 0)}–${(page - 1) * PAGE_SIZE + trials.size} of ${totalTrials}`),
      h('a', { class: `btn${page >= pages ? ' disabled' : ''}`, href: href(`/experiments/${id}`, extra(Math.min(pages, page + 1))), 'data-testid': 'trials-next' }, 'next ›'),
    );
  };

  const renderCompareBar = (): void => {
    const sel = getSelection();
    replace(
      compareBar,
      h('button', { 'data-testid': 'select-page', onclick: () => setSelection([...getSelection(), ...trials.keys()]) }, 'Select page'),
      h('button', { 'data-testid': 'clear-selection', disabled: sel.length === 0, onclick: () => setSelection([]) }, 'Clear selection'),
      h('a', { class: `btn primary${sel.length === 0 ? ' disabled' : ''}`, href: href('/compare'), 'data-testid': 'compare-link' }, `Compare selected (${sel.length})`),
    );
    for (const [tid, tr] of rowEls) {
      const on = sel.includes(tid);
      tr.classList.toggle('selected', on);
      const box = tr.querySelector('input[type=checkbox]');
      if (box instanceof HTMLInputElement) box.checked = on;
    }
  };

  const renderCharts = throttle(() => replace(chartsBox, curvesPanel(curves)), 150);

  const trialFilter = h(
    'select',
    {
      'data-testid': 'trials-status-filter',
      onchange: (ev: Event) => {
        const v = (ev.target as HTMLSelectElement).value;
        location.hash = href(`/experiments/${id}`, v ? { tstatus: v } : {}).slice(1);
      },
    },
    ['', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'STOPPED', 'CANCELLED'].map((s) => h('option', { value: s, selected: s === statusFilter }, s || 'all trials')),
  );

  replace(
    root,
    h('p', {}, h('a', { href: href('/'), 'data-testid': 'back-to-experiments' }, '← experiments')),
    head,
    h('h2', {}, 'Curves ', h('span', { class: 'muted small' }, '(trials on this page; live)')),
    chartsBox,
    h('div', { class: 'page-head' }, h('h2', {}, 'Trials'), trialFilter, compareBar),
    h(
      'table',
      { class: 'grid', 'data-testid': 'trials-table' },
      h('thead', {}, h('tr', {}, ['', '#', 'trial', 'status', 'params', 'epoch', 'train_loss', 'val_loss', 'val_acc', 'test_acc', ''].map((c) => h('th', {}, c)))),
      body,
    ),
    pager,
  );
  renderCompareBar();
  renderCharts();

  const offSel = onSelectionChange(renderCompareBar);
  const subs = [
    subscribe<{ experimentUpdated: ExperimentSummary }>(EXP_UPDATED, { id }, ({ experimentUpdated }) => {
      exp = experimentUpdated;
      renderHead();
    }),
    subscribe<{ trialUpdated: TrialRow }>(TRIAL_UPDATED, { experimentId: id }, ({ trialUpdated }) => {
      const prev = trials.get(trialUpdated.id);
      // Points logged between the first read and the subscription taking effect would be
      // missing for good: when a trial on the page ends, re-read its series once.
      if (prev && !TERMINAL_TRIAL.includes(prev.status) && TERMINAL_TRIAL.includes(trialUpdated.status)) {
        void gql<{ trial: { metrics: Series[] } | null }>(TRIAL_SERIES, { id: trialUpdated.id, keys: CURVE_KEYS, maxPoints: MAX_POINTS }).then(({ trial }) => {
          if (!trial) return;
          curves.load(trialUpdated.id, trial.metrics);
          renderCharts();
        }, () => undefined);
      }
      // Keep latest metrics seen live if the row is older than them.
      if (prev) update({ ...trialUpdated, latestMetrics: { ...prev.latestMetrics, ...trialUpdated.latestMetrics }, currentEpoch: Math.max(prev.currentEpoch ?? 0, trialUpdated.currentEpoch ?? 0) });
    }),
    subscribe<{ metricLogged: MetricEvent[] }>(METRIC_LOGGED, { experimentId: id }, ({ metricLogged }) => {
      if (curves.apply(metricLogged)) renderCharts();
      const touched = new Set<string>();
      for (const m of metricLogged) {
        const t = trials.get(m.trialId);
        if (!t) continue;
        t.latestMetrics = { ...t.latestMetrics, [m.key]: m.value };
        if (CURVE_KEYS.includes(m.key)) t.currentEpoch = Math.max(t.currentEpoch ?? 0, m.step + 1);
        touched.add(t.id);
      }
      for (const tid of touched) update(trials.get(tid)!);
    }),
  ];

  const vars: Record<string, unknown> = { id, first: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, keys: CURVE_KEYS, maxPoints: MAX_POINTS };
  if (statusFilter) vars['status'] = statusFilter;
  gql<{ experiment: ExperimentDetail | null }>(QUERY, vars).then(
    ({ experiment }) => {
      if (!experiment) {
        replace(root, errorBox(Object.assign(new Error(`experiment ${id} not found`), { code: 'NOT_FOUND' })));
        return;
      }
      exp ??= experiment;
      totalTrials = experiment.trials.totalCount;
      for (const t of experiment.trials.nodes) {
        const { metrics, ...row } = t;
        trials.set(t.id, row);
        curves.track(t.id, t.name);
        curves.load(t.id, metrics);
      }
      renderHead();
      renderTable();
      renderCompareBar();
      renderCharts();
    },
    (err: unknown) => root.appendChild(errorBox(err)),
  );
  return () => {
    offSel();
    for (const u of subs) u();
  };
};
