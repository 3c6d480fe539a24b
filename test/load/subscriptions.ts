// Scenario 3: many dashboards watching one running experiment. Each VU opens a graphql-ws
// subscription to metricLogged and records the delay between the server storing a point
// (loggedAt) and its arrival here. Start an experiment first and pass EXPERIMENT_ID.
import { Trend, Counter } from 'k6/metrics';
import { WebSocket } from 'k6/websockets';
import { setTimeout } from 'k6/timers';
import type { Options } from 'k6/options';
import { AUTH, WS_GRAPHQL } from './lib.ts';
import { METRIC_SUBSCRIPTION } from '../src/bench/load-queries.ts';

export const options: Options = {
  scenarios: {
    subscribers: { executor: 'per-vu-iterations', vus: 100, iterations: 1, maxDuration: '2m' },
  },
  thresholds: {
    metric_delivery_ms: ['p(95)<1000'],
  },
};

const delivery = new Trend('metric_delivery_ms', true);
const received = new Counter('metric_points_received');
const HOLD_MS = Number(__ENV.HOLD_MS || 60000);

export default function (): void {
  const experimentId = __ENV.EXPERIMENT_ID;
  if (!experimentId) throw new Error('pass -e EXPERIMENT_ID=<a running experiment>');
  // k6 ignores the protocols argument, so the graphql-ws subprotocol goes in as a header.
  const ws = new WebSocket(WS_GRAPHQL, null, { headers: { 'Sec-WebSocket-Protocol': 'graphql-transport-ws' } });
  ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init', payload: AUTH }));
  ws.onmessage = (event) => {
    if (!event) return;
    const msg = JSON.parse(String(event.data)) as { type: string; payload?: { data?: { metricLogged?: { loggedAt: string }[] } } };
    if (msg.type === 'connection_ack') {
      ws.send(JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: { query: METRIC_SUBSCRIPTION, variables: { id: experimentId } },
      }));
    } else if (msg.type === 'next') {
      const now = Date.now();
      for (const m of msg.payload?.data?.metricLogged ?? []) {
        delivery.add(now - Date.parse(m.loggedAt));
        received.add(1);
      }
    } else if (msg.type === 'ping') {
      ws.send(JSON.stringify({ type: 'pong' }));
    }
  };
  setTimeout(() => ws.close(), HOLD_MS);
}
