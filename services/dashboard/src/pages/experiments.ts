/** Experiments list: status and progress, kept live by experimentUpdated (all experiments). */
import { gql, subscribe } from '../api.js';
import { errorBox, h, metric, progressBar, replace, statusBadge, time } from '../dom.js';
import { href } from '../router.js';
import { graphql } from '@trialgrid/graphql-documents';
import { EXPERIMENT_STATUSES } from '@trialgrid/contracts/status';
import { jsonNumbers, oneOf, type ExperimentCard } from '../types.js';
import type { Page } from './page.js';

const LIST = graphql(`
  query ExperimentList($first: Int, $status: ExperimentStatus) { experiments(first: $first, status: $status) { totalCount nodes { ...ExperimentCard } } }
`);
const UPDATED = graphql(`
  subscription ExperimentListUpdated { experimentUpdated { ...ExperimentCard } }
`);

export const experimentsPage: Page = (root, route) => {
  const status = route.query.get('status') ?? '';
  const rows = new Map<string, ExperimentCard>();
  let total = 0;
  const body = h('tbody');
  const info = h('p', { class: 'muted', 'data-testid': 'experiments-count' });

  const row = (e: ExperimentCard): HTMLElement =>
    h(
      'tr',
      { 'data-testid': `experiment-row-${e.id}`, 'data-status': e.status },
      h('td', { class: 'name-cell' }, h('a', { href: href(`/experiments/${e.id}`), 'data-testid': `experiment-link-${e.id}`, title: e.name }, e.name)),
      h('td', {}, statusBadge(e.status, `experiment-status-${e.id}`)),
      h('td', { class: 'wide' }, progressBar(e.progress, `experiment-progress-${e.id}`)),
      h(
        'td',
        { class: 'best-cell', 'data-testid': `experiment-best-${e.id}` },
        e.bestTrial
          ? [
              h('strong', {}, metric(e.objective.metric, jsonNumbers(e.bestTrial.finalMetrics)[e.objective.metric])),
              ' ',
              h('a', { href: href(`/trials/${e.bestTrial.id}`), title: e.bestTrial.name }, e.bestTrial.name),
            ]
          : h('span', { class: 'muted' }, '–'),
      ),
      h('td', { class: 'num' }, e.counts.total),
      h('td', { class: 'num' }, e.counts.running),
      h('td', { class: 'num' }, e.counts.succeeded),
      h('td', { class: 'num' }, e.counts.failed + e.counts.stopped + e.counts.cancelled),
      h('td', {}, e.modelName),
      h('td', {}, time(e.createdAt)),
    );
  const render = (): void => {
    const list = [...rows.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    replace(body, list.length ? list.map(row) : h('tr', {}, h('td', { colspan: 10, class: 'muted' }, 'No experiments yet. Submit one with `npm run trialgrid -- submit --preset documented`.')));
    info.textContent = `${total} experiment(s)${list.length < total ? `, showing ${list.length}` : ''}`;
  };

  const filter = h(
    'select',
    {
      'data-testid': 'experiments-status-filter',
      onchange: (ev: Event) => {
        const v = (ev.target as HTMLSelectElement).value;
        location.hash = href('/', v ? { status: v } : {}).slice(1);
      },
    },
    ['', ...EXPERIMENT_STATUSES].map((s) => h('option', { value: s, selected: s === status }, s || 'all statuses')),
  );
  replace(
    root,
    h('div', { class: 'page-head' }, h('h1', {}, 'Experiments'), filter),
    info,
    h(
      'table',
      { class: 'grid', 'data-testid': 'experiments-table' },
      h('thead', {}, h('tr', {}, ['name', 'status', 'progress', 'best trial (objective)', 'trials', 'running', 'succeeded', 'failed/stopped', 'model', 'created'].map((c) => h('th', {}, c)))),
      body,
    ),
  );

  const unsub = subscribe(UPDATED, {}, ({ experimentUpdated: e }) => {
    if (status && e.status !== status) rows.delete(e.id);
    else {
      if (!rows.has(e.id)) total += 1;
      rows.set(e.id, e);
    }
    render();
  });
  const wanted = oneOf(EXPERIMENT_STATUSES, status);
  gql(LIST, wanted ? { first: 100, status: wanted } : { first: 100 }).then(
    ({ experiments }) => {
      total = experiments.totalCount;
      // Live updates that arrived before the list keep precedence.
      for (const e of experiments.nodes) if (!rows.has(e.id)) rows.set(e.id, e);
      render();
    },
    (err: unknown) => root.appendChild(errorBox(err)),
  );
  return unsub;
};
