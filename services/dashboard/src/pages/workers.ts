/** Workers: alive, busy, backend, last heartbeat (refreshed every 5 s while the page is open). */
import { gql } from '../api.js';
import { ago, errorBox, h, replace, time } from '../dom.js';
import { href } from '../router.js';
import type { Page } from './page.js';

interface WorkerRow {
  id: string;
  hostname: string;
  pid: number;
  backend: string;
  status: string;
  alive: boolean;
  busy: boolean;
  concurrency: number;
  startedAt: string;
  lastHeartbeatAt: string;
  currentTrial: { id: string; name: string; experiment: { id: string; name: string } } | null;
}

const QUERY = `query Workers($all: Boolean) { workers(includeDead: $all) {
  id hostname pid backend status alive busy concurrency startedAt lastHeartbeatAt currentTrial { id name experiment { id name } }
} }`;

export const workersPage: Page = (root, route) => {
  const all = route.query.get('all') === '1';
  const box = h('div', {});
  replace(
    root,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, 'Workers'),
      h('a', { class: 'btn', href: href('/workers', all ? {} : { all: 1 }), 'data-testid': 'workers-toggle-dead' }, all ? 'Hide dead workers' : 'Show dead workers'),
      h('button', { 'data-testid': 'workers-refresh', onclick: () => void load() }, 'Refresh'),
      h('a', { class: 'btn', href: '/queues', target: '_blank', rel: 'noopener', 'data-testid': 'queues-link' }, 'Queues (bull-board) ↗'),
    ),
    box,
  );
  const load = async (): Promise<void> => {
    try {
      const { workers } = await gql<{ workers: WorkerRow[] }>(QUERY, { all });
      replace(
        box,
        h(
          'table',
          { class: 'grid', 'data-testid': 'workers-table' },
          h('thead', {}, h('tr', {}, ['worker', 'host', 'pid', 'alive', 'busy', 'status', 'backend', 'concurrency', 'current trial', 'last heartbeat', 'started'].map((c) => h('th', {}, c)))),
          h(
            'tbody',
            {},
            workers.length
              ? workers.map((w) =>
                  h(
                    'tr',
                    { 'data-testid': `worker-row-${w.id}`, class: w.alive ? '' : 'dead' },
                    h('td', { class: 'mono' }, w.id),
                    h('td', {}, w.hostname),
                    h('td', { class: 'num' }, w.pid),
                    h('td', {}, h('span', { class: `dot ${w.alive ? 'ok' : 'bad'}` }), w.alive ? 'alive' : 'dead'),
                    h('td', {}, w.busy ? 'busy' : 'idle'),
                    h('td', {}, w.status),
                    h('td', {}, w.backend),
                    h('td', { class: 'num' }, w.concurrency),
                    h('td', {}, w.currentTrial ? h('a', { href: href(`/trials/${w.currentTrial.id}`), 'data-testid': `worker-trial-${w.id}` }, `${w.currentTrial.experiment.name} / ${w.currentTrial.name}`) : '–'),
                    h('td', { title: time(w.lastHeartbeatAt) }, ago(w.lastHeartbeatAt)),
                    h('td', {}, time(w.startedAt)),
                  ),
                )
              : h('tr', {}, h('td', { colspan: 11, class: 'muted' }, 'no workers (start one with npm start)')),
          ),
        ),
      );
    } catch (err) {
      replace(box, errorBox(err));
    }
  };
  void load();
  const timer = setInterval(() => void load(), 5000);
  return () => clearInterval(timer);
};
