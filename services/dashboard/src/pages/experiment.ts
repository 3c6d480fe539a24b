/**
 * One experiment: header with status/progress and the best trial at a glance, parameter
 * importance, live curves of the trials on the page, and the trials table — sorted and
 * filtered on the server by any column, parameter or metric, paged with keyset cursors, with
 * a column chooser. Everything live moves through three subscriptions (experimentUpdated,
 * trialUpdated, metricLogged); no polling.
 */
import { gql, subscribe } from '../api.js';
import { CurveStore, curvesPanel, throttle } from '../curves.js';
import { errorBox, fmt, h, metric, progressBar, replace, statusBadge, time, toast } from '../dom.js';
import { getSelection, href, onSelectionChange, toggleSelected, setSelection } from '../router.js';
import { graphql } from '@trialgrid/graphql-documents';
import { TRIAL_STATUSES } from '@trialgrid/contracts/status';
import type { TrialFilterOp } from '@trialgrid/graphql-types';
import { ACTIVE_TRIAL, CURVE_KEYS, dataLimits, jsonNumbers, jsonObject, MAX_POINTS, oneOf, TERMINAL_EXPERIMENT, TERMINAL_TRIAL, type ExperimentCard, type Series, type TrialRow } from '../types.js';
import type { Page } from './page.js';

export const PAGE_SIZE = 25;

interface ExperimentDetail extends ExperimentCard {
  dataset: string;
  maxParallelTrials: number;
  maxFailedTrials: number;
  earlyStopping: unknown;
  trials: { totalCount: number; pageInfo: { endCursor: string | null; hasNextPage: boolean }; nodes: (TrialRow & { metrics: Series[] })[] };
  trialKeys: { params: string[]; metrics: string[] };
  paramImportance: { param: string; importance: number; groups: number; trials: number }[];
}

const QUERY = graphql(`
  query ExperimentPage($id: ID!, $first: Int, $after: String, $status: TrialStatus, $orderBy: TrialOrderInput, $filters: [TrialFilterInput!], $keys: [String!], $maxPoints: Int) {
    experiment(id: $id) {
      ...ExperimentCard dataset maxParallelTrials maxFailedTrials earlyStopping
      trialKeys { params metrics }
      paramImportance { param importance groups trials }
      trials(first: $first, after: $after, status: $status, orderBy: $orderBy, filters: $filters) {
        totalCount pageInfo { endCursor hasNextPage }
        nodes { ...TrialRow metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields } }
      }
    }
  }
`);

/** Column ids: `param:<key>` or `metric:<key>` (same names the server sorts and filters by). */
const COLS_KEY = 'trialgrid.columns';
const FILTER_OPS = ['GTE', 'LTE', 'GT', 'LT', 'EQ', 'NE', 'CONTAINS'] as const;
const OP_TEXT: Record<string, string> = { GTE: '≥', LTE: '≤', GT: '>', LT: '<', EQ: '=', NE: '≠', CONTAINS: 'contains' };

interface Filter {
  field: string;
  op: string;
  value: string;
}

/** Filters in the URL: `f=metric:test_accuracy~GTE~0.9;param:model_type~EQ~baseline`. */
function parseFilters(text: string | null): Filter[] {
  if (!text) return [];
  return text.split(';').flatMap((part) => {
    const [field, op, ...rest] = part.split('~');
    return field && op ? [{ field, op, value: rest.join('~') }] : [];
  });
}
const filtersText = (fs: readonly Filter[]): string => fs.map((f) => `${f.field}~${f.op}~${f.value}`).join(';');

/** A filter value as JSON: numbers stay numbers (so 0.9 compares numerically), the rest is text. */
function filterValue(f: Filter): unknown {
  if (f.op === 'CONTAINS') return f.value;
  const n = Number(f.value);
  if (f.value.trim() !== '' && Number.isFinite(n)) return n;
  if (f.value === 'true' || f.value === 'false') return f.value === 'true';
  return f.value;
}

const colLabel = (col: string): string => col.replace(/^(param|metric):/, '');
const EXP_UPDATED = graphql(`
  subscription ExperimentPageUpdated($id: ID) { experimentUpdated(id: $id) { ...ExperimentCard } }
`);
const TRIAL_UPDATED = graphql(`
  subscription ExperimentTrialUpdated($experimentId: ID) { trialUpdated(experimentId: $experimentId) { ...TrialRow } }
`);
const METRIC_LOGGED = graphql(`
  subscription ExperimentMetricLogged($experimentId: ID) { metricLogged(experimentId: $experimentId) { ...MetricEventFields } }
`);
const TRIAL_SERIES = graphql(`
  query TrialSeries($id: ID!, $keys: [String!], $maxPoints: Int) { trial(id: $id) { metrics(keys: $keys, maxPoints: $maxPoints) { ...SeriesFields } } }
`);
const IMPORTANCE = graphql(`
  query ParamImportance($id: ID!) { experiment(id: $id) { paramImportance { param importance groups trials } } }
`);
const CANCEL = graphql(`
  mutation CancelExperiment($id: ID!) { cancelExperiment(id: $id) { ...ExperimentCard } }
`);
const STOP = graphql(`
  mutation StopTrial($id: ID!) { stopTrial(id: $id) { ...TrialRow } }
`);
const RETRY = graphql(`
  mutation RetryTrial($id: ID!) { retryTrial(id: $id) { ...TrialRow } }
`);

function epochsOf(t: TrialRow): number | null {
  const e = jsonObject(t.paramMap)['epochs'];
  return typeof e === 'number' ? e : null;
}

export const experimentPage: Page = (root, route) => {
  const id = route.parts[1] ?? '';
  const statusFilter = route.query.get('tstatus') ?? '';
  const sortField = route.query.get('sort') ?? 'index';
  const sortDir = route.query.get('dir') === 'DESC' ? 'DESC' : 'ASC';
  const filters = parseFilters(route.query.get('f'));
  // keyset paging: the cursors of the pages before this one travel in the URL (back = pop)
  const trail = (route.query.get('after') ?? '').split(',').filter(Boolean);
  const after = trail.at(-1) ?? null;
  let keys: { params: string[]; metrics: string[] } = { params: [], metrics: [] };
  let columns: string[] = [];
  let objectiveKey = 'test_accuracy';
  const curves = new CurveStore();
  const trials = new Map<string, TrialRow>();
  const rowEls = new Map<string, HTMLTableRowElement>();
  let exp: ExperimentCard | undefined;
  let totalTrials = 0;
  let endCursor: string | null = null;
  let hasNext = false;

  const head = h('div', { class: 'exp-head', 'data-testid': 'experiment-header' });
  const bestBox = h('div', { class: 'best-card', 'data-testid': 'best-trial' });
  const importanceBox = h('div', { 'data-testid': 'param-importance' });
  const thead = h('thead');
  const toolbar = h('div', { class: 'table-tools' });
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

  /** Link to this page with some view state changed (sorting or filtering restarts at page 1). */
  const viewHref = (changes: { sort?: string; dir?: string; f?: Filter[]; tstatus?: string; after?: string[] }): string => {
    const q: Record<string, string> = {};
    const sort = changes.sort ?? sortField;
    const dir = changes.dir ?? sortDir;
    const f = changes.f ?? filters;
    const st = changes.tstatus ?? statusFilter;
    if (sort !== 'index') q['sort'] = sort;
    if (dir !== 'ASC') q['dir'] = dir;
    if (f.length) q['f'] = filtersText(f);
    if (st) q['tstatus'] = st;
    if (changes.after?.length) q['after'] = changes.after.join(',');
    return href(`/experiments/${id}`, q);
  };

  const renderHead = (): void => {
    if (!exp) return;
    const e = exp;
    const terminal = TERMINAL_EXPERIMENT.includes(e.status);
    replace(
      head,
      h('div', { class: 'page-head' }, h('h1', { class: 'title', title: e.name }, e.name), statusBadge(e.status, 'experiment-status'),
        h('button', {
          class: 'danger',
          'data-testid': 'cancel-experiment',
          disabled: terminal,
          onclick: () => void action('cancel experiment', async () => {
            const r = await gql(CANCEL, { id });
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
      h('p', { class: 'muted', 'data-testid': 'experiment-meta' }, `objective ${e.objective.direction === 'MINIMIZE' ? 'minimize' : 'maximize'} ${e.objective.metric} · data ${dataLimits(e.options)} · model ${e.modelName} · created ${time(e.createdAt)}${e.finishedAt ? ` · finished ${time(e.finishedAt)}` : ''}`),
    );
    renderBest();
  };

  const renderBest = (): void => {
    const e = exp;
    if (!e) return;
    const b = e.bestTrial;
    const key = e.objective.metric;
    replace(
      bestBox,
      b
        ? [
            h('div', { class: 'best-label' }, 'Best trial'),
            h('div', { class: 'best-value', 'data-testid': 'best-trial-value' }, metric(key, jsonNumbers(b.finalMetrics)[key])),
            h('div', { class: 'muted small' }, `${key} (${e.objective.direction === 'MINIMIZE' ? 'lowest' : 'highest'})`),
            h('div', {}, h('a', { href: href(`/trials/${b.id}`), 'data-testid': 'best-trial-link' }, b.name)),
            h('div', { class: 'small mono best-params' }, Object.entries(jsonObject(b.paramMap)).filter(([k]) => !['dataset', 'optimizer', 'validation_split', 'seed'].includes(k)).map(([k, v]) => `${k}=${fmt(v)}`).join('  ')),
          ]
        : [h('div', { class: 'best-label' }, 'Best trial'), h('div', { class: 'muted' }, 'none yet: no trial has succeeded')],
    );
  };

  const renderImportance = (rows: ExperimentDetail['paramImportance']): void => {
    if (rows.length === 0) {
      replace(importanceBox, h('p', { class: 'muted small' }, 'Parameter importance appears once at least two succeeded trials differ in a parameter.'));
      return;
    }
    replace(
      importanceBox,
      h('table', { class: 'importance' },
        h('tbody', {}, rows.map((r) =>
          h('tr', { 'data-testid': `importance-${r.param}` },
            h('th', {}, r.param),
            h('td', { class: 'bar-cell' }, h('div', { class: 'bar', style: `width:${(r.importance * 100).toFixed(1)}%` })),
            h('td', { class: 'num' }, `${(r.importance * 100).toFixed(0)} %`),
            h('td', { class: 'muted small' }, `${r.groups} groups · ${r.trials} trials`),
          ),
        )),
      ),
      h('p', { class: 'muted small' }, `η² (one-way ANOVA): the share of the variance of ${objectiveKey} across succeeded trials that the parameter's values explain on their own. First-order only; interactions are not credited, and few trials per group overstate it.`),
    );
  };

  const cell = (t: TrialRow, col: string): HTMLElement => {
    if (col.startsWith('param:')) return h('td', { class: 'num' }, fmt(jsonObject(t.paramMap)[colLabel(col)]));
    const k = colLabel(col);
    const v = jsonNumbers(t.finalMetrics)[k] ?? jsonNumbers(t.latestMetrics)[k];
    return h('td', { class: `num${k === objectiveKey ? ' objective' : ''}`, 'data-testid': `trial-${k}-${t.id}` }, metric(k, v));
  };

  const renderRow = (t: TrialRow): HTMLTableRowElement => {
    const sel = getSelection().includes(t.id);
    const epochs = epochsOf(t);
    const active = ACTIVE_TRIAL.includes(t.status);
    const best = exp?.bestTrial?.id === t.id;
    const tr = h(
      'tr',
      { 'data-testid': `trial-row-${t.id}`, 'data-status': t.status, class: `${sel ? 'selected' : ''}${best ? ' best' : ''}` },
      h('td', {}, h('input', { type: 'checkbox', checked: sel, 'data-testid': `trial-select-${t.id}`, onchange: (ev: Event) => toggleSelected(t.id, (ev.target as HTMLInputElement).checked) })),
      h('td', { class: 'num' }, t.index),
      h('td', { class: 'name-cell' }, h('a', { href: href(`/trials/${t.id}`), 'data-testid': `trial-link-${t.id}`, title: t.name }, t.name), best ? h('span', { class: 'badge best-badge', 'data-testid': 'best-row-badge' }, 'best') : ''),
      h('td', {}, statusBadge(t.status, `trial-status-${t.id}`), t.error ? h('div', { class: 'small muted' }, t.error) : ''),
      h('td', { class: 'num', 'data-testid': `trial-epoch-${t.id}` }, `${t.currentEpoch ?? 0}/${epochs ?? '?'}`),
      columns.map((c) => cell(t, c)),
      h(
        'td',
        { class: 'actions' },
        h('button', { 'data-testid': `trial-stop-${t.id}`, disabled: !active, onclick: () => void action(`stop ${t.name}`, async () => update((await gql(STOP, { id: t.id })).stopTrial)) }, 'Stop'),
        h('button', {
          'data-testid': `trial-retry-${t.id}`,
          disabled: active,
          onclick: () => void action(`retry ${t.name}`, async () => update((await gql(RETRY, { id: t.id })).retryTrial)),
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

  const sortHeader = (field: string, label: string): HTMLElement => {
    const on = sortField === field;
    const next = on && sortDir === 'ASC' ? 'DESC' : on ? 'ASC' : field.startsWith('metric:') ? 'DESC' : 'ASC';
    return h('th', { class: `sortable${on ? ' sorted' : ''}${colLabel(field) === objectiveKey ? ' objective' : ''}`, title: `sort by ${label}` },
      h('a', { href: viewHref({ sort: field, dir: next }), 'data-testid': `sort-${field}` }, label, on ? (sortDir === 'ASC' ? ' ▲' : ' ▼') : ''));
  };

  const renderHeadRow = (): void => {
    replace(thead, h('tr', {}, h('th', {}, ''), sortHeader('index', '#'), sortHeader('name', 'trial'), sortHeader('status', 'status'), sortHeader('currentEpoch', 'epoch'), columns.map((c) => sortHeader(c, colLabel(c))), h('th', {}, '')));
  };

  const renderTools = (): void => {
    const fields = [...keys.metrics.map((k) => `metric:${k}`), ...keys.params.map((k) => `param:${k}`)];
    const fieldSel = h('select', { 'data-testid': 'filter-field' }, fields.map((f) => h('option', { value: f }, f)));
    const opSel = h('select', { 'data-testid': 'filter-op' }, FILTER_OPS.map((o) => h('option', { value: o }, OP_TEXT[o] ?? o)));
    const valueIn = h('input', { type: 'text', placeholder: 'value', size: 8, 'data-testid': 'filter-value' });
    const chooser = h('details', { class: 'col-chooser', 'data-testid': 'column-chooser' },
      h('summary', {}, `Columns (${columns.length})`),
      h('div', { class: 'col-list' },
        fields.map((f) => h('label', {}, h('input', {
          type: 'checkbox',
          checked: columns.includes(f),
          'data-testid': `column-${f}`,
          onchange: (ev: Event) => {
            const on = (ev.target as HTMLInputElement).checked;
            columns = on ? [...columns, f] : columns.filter((c) => c !== f);
            localStorage.setItem(`${COLS_KEY}.${id}`, JSON.stringify(columns));
            renderHeadRow();
            renderTable();
            renderTools();
          },
        }), ` ${f}`)),
      ),
    );
    replace(
      toolbar,
      h('span', { class: 'muted small' }, 'filter '),
      fieldSel, opSel, valueIn,
      h('button', {
        'data-testid': 'filter-add',
        onclick: () => {
          if (!valueIn.value.trim()) return;
          location.hash = viewHref({ f: [...filters, { field: fieldSel.value, op: opSel.value, value: valueIn.value.trim() }] }).slice(1);
        },
      }, 'Add filter'),
      filters.map((f, i) => h('span', { class: 'chip', 'data-testid': `filter-chip-${i}` }, `${colLabel(f.field)} ${OP_TEXT[f.op] ?? f.op} ${f.value} `,
        h('a', { href: viewHref({ f: filters.filter((_, j) => j !== i) }), title: 'remove filter', 'data-testid': `filter-remove-${i}` }, '×'))),
      chooser,
    );
  };

  const renderTable = (): void => {
    rowEls.clear();
    const rows = [...trials.values()].map((t) => {
      const tr = renderRow(t);
      rowEls.set(t.id, tr);
      return tr;
    });
    replace(body, rows.length ? rows : h('tr', {}, h('td', { colspan: 6 + columns.length, class: 'muted' }, filters.length ? 'no trials match the filters' : 'no trials')));
    const first = trail.length * PAGE_SIZE;
    replace(
      pager,
      h('a', { class: `btn${trail.length === 0 ? ' disabled' : ''}`, href: viewHref({ after: trail.slice(0, -1) }), 'data-testid': 'trials-prev' }, '‹ prev'),
      h('span', { 'data-testid': 'trials-page' }, `page ${trail.length + 1} of ${Math.max(1, Math.ceil(totalTrials / PAGE_SIZE))} · trials ${trials.size ? first + 1 : 0}–${first + trials.size} of ${totalTrials}${filters.length ? ' matching' : ''}`),
      h('a', { class: `btn${!endCursor || !hasNext ? ' disabled' : ''}`, href: endCursor ? viewHref({ after: [...trail, endCursor] }) : '#', 'data-testid': 'trials-next' }, 'next ›'),
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

  const refreshImportance = throttle(() => {
    void gql(IMPORTANCE, { id }).then(({ experiment }) => {
      if (experiment) renderImportance(experiment.paramImportance);
    }, () => undefined);
  }, 1000);

  const renderCharts = throttle(() => replace(chartsBox, curvesPanel(curves)), 150);

  const trialFilter = h(
    'select',
    {
      'data-testid': 'trials-status-filter',
      onchange: (ev: Event) => {
        const v = (ev.target as HTMLSelectElement).value;
        location.hash = viewHref({ tstatus: v }).slice(1);
      },
    },
    ['', ...TRIAL_STATUSES].map((s) => h('option', { value: s, selected: s === statusFilter }, s || 'all trials')),
  );

  replace(
    root,
    h('p', {}, h('a', { href: href('/'), 'data-testid': 'back-to-experiments' }, '← experiments')),
    h('div', { class: 'exp-top' }, head, bestBox),
    h('div', { class: 'page-head' }, h('h2', {}, 'Trials'), trialFilter, compareBar),
    toolbar,
    h('div', { class: 'scroll-x' }, h('table', { class: 'grid', 'data-testid': 'trials-table' }, thead, body)),
    pager,
    h('div', { class: 'two-col' },
      h('div', {}, h('h2', {}, 'Curves ', h('span', { class: 'muted small' }, '(trials on this page; live)')), chartsBox),
      h('div', {}, h('h2', {}, 'Parameter importance'), importanceBox),
    ),
  );
  renderCompareBar();
  renderCharts();

  const offSel = onSelectionChange(renderCompareBar);
  const subs = [
    subscribe(EXP_UPDATED, { id }, ({ experimentUpdated }) => {
      const bestChanged = exp?.bestTrial?.id !== experimentUpdated.bestTrial?.id;
      exp = experimentUpdated;
      renderHead();
      if (bestChanged && trials.size > 0) renderTable(); // move the "best" mark
    }),
    subscribe(TRIAL_UPDATED, { experimentId: id }, ({ trialUpdated }) => {
      const prev = trials.get(trialUpdated.id);
      // Points logged between the first read and the subscription taking effect would be
      // missing for good: when a trial on the page ends, re-read its series once.
      // a trial that succeeds changes the importance ranking (the server computes it from all succeeded trials)
      if (trialUpdated.status === 'SUCCEEDED' && prev?.status !== 'SUCCEEDED') refreshImportance();
      if (prev && !TERMINAL_TRIAL.includes(prev.status) && TERMINAL_TRIAL.includes(trialUpdated.status)) {
        void gql(TRIAL_SERIES, { id: trialUpdated.id, keys: CURVE_KEYS, maxPoints: MAX_POINTS }).then(({ trial }) => {
          if (!trial) return;
          curves.load(trialUpdated.id, trial.metrics);
          renderCharts();
        }, () => undefined);
      }
      // Keep latest metrics seen live if the row is older than them.
      if (prev) update({ ...trialUpdated, latestMetrics: { ...jsonObject(prev.latestMetrics), ...jsonObject(trialUpdated.latestMetrics) }, currentEpoch: Math.max(prev.currentEpoch ?? 0, trialUpdated.currentEpoch ?? 0) });
    }),
    subscribe(METRIC_LOGGED, { experimentId: id }, ({ metricLogged }) => {
      if (curves.apply(metricLogged)) renderCharts();
      const touched = new Set<string>();
      for (const m of metricLogged) {
        const t = trials.get(m.trialId);
        if (!t) continue;
        t.latestMetrics = { ...jsonObject(t.latestMetrics), [m.key]: m.value };
        if (CURVE_KEYS.includes(m.key)) t.currentEpoch = Math.max(t.currentEpoch ?? 0, m.step + 1);
        touched.add(t.id);
      }
      for (const tid of touched) update(trials.get(tid)!);
    }),
  ];

  const status = oneOf(TRIAL_STATUSES, statusFilter);
  gql(QUERY, {
    id,
    first: PAGE_SIZE,
    after,
    orderBy: { field: sortField, direction: sortDir },
    // An op the URL made up is left for the server to refuse (BAD_USER_INPUT), not dropped silently.
    filters: filters.map((f) => ({ field: f.field, op: oneOf(FILTER_OPS, f.op) ?? (f.op as TrialFilterOp), value: filterValue(f) })),
    keys: CURVE_KEYS,
    maxPoints: MAX_POINTS,
    ...(status ? { status } : {}),
  }).then(
    ({ experiment }) => {
      if (!experiment) {
        replace(root, errorBox(Object.assign(new Error(`experiment ${id} not found`), { code: 'NOT_FOUND' })));
        return;
      }
      exp ??= experiment;
      objectiveKey = experiment.objective.metric;
      totalTrials = experiment.trials.totalCount;
      endCursor = experiment.trials.pageInfo.endCursor;
      hasNext = experiment.trials.pageInfo.hasNextPage;
      const standard = [objectiveKey, 'test_accuracy', 'test_loss', ...CURVE_KEYS];
      keys = { params: experiment.trialKeys.params, metrics: [...new Set([...experiment.trialKeys.metrics, ...standard])].sort() };
      const saved = ((): string[] | null => {
        try {
          const v: unknown = JSON.parse(localStorage.getItem(`${COLS_KEY}.${id}`) ?? 'null');
          return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null;
        } catch {
          return null;
        }
      })();
      // default columns: the params that vary, then the objective and the usual curves' last values
      const varying = keys.params.filter((k) => new Set(experiment.trials.nodes.map((t) => JSON.stringify(jsonObject(t.paramMap)[k] ?? null))).size > 1);
      const defaults = [
        ...(varying.length ? varying : keys.params.filter((k) => ['learning_rate', 'batch_size', 'model_type'].includes(k))).map((k) => `param:${k}`),
        // the metrics every trial logs, known before the first epoch ends
        ...[objectiveKey, 'val_accuracy', 'val_loss', 'test_loss'].filter((k, i, a) => a.indexOf(k) === i).map((k) => `metric:${k}`),
      ];
      columns = saved ?? defaults;
      renderHeadRow();
      renderTools();
      renderImportance(experiment.paramImportance);
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
