/**
 * Workers: alive, busy, backend, last heartbeat. Live through the `workerUpdated` subscription
 * (one event per heartbeat); a worker that stops beating sends nothing, so the page also
 * re-reads every WORKER_STALE_AFTER-ish 15 s to mark it dead.
 */
import { gql, subscribe } from '../api.js';
import { throttle } from '../curves.js';
import { ago, errorBox, h, replace, time } from '../dom.js';
import { graphql } from '@trialgrid/graphql-documents';
import { href } from '../router.js';
import type { Page } from './page.js';


const QUERY = graphql(`
  query Workers($all: Boolean) {
    workers(includeDead: $all) { id hostname pid backend status alive busy concurrency startedAt lastHeartbeatAt currentTrial { id name experiment { id name } } }
  }
`);
const UPDATED = graphql(`
  subscription WorkerUpdated { workerUpdated { id } }
`);

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
      const { workers } = await gql(QUERY, { all });
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
  const reload = throttle(() => void load(), 1000);
  const unsub = subscribe(UPDATED, {}, () => reload());
  void load();
  const timer = setInterval(() => void load(), 15_000);
  return () => {
    clearInterval(timer);
    unsub();
  };
};
