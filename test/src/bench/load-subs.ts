/**
 * Scenario 3 (subscriptions.ts): N graphql-ws clients subscribed to metricLogged(experimentId)
 * on one RUNNING experiment, while this process publishes `trial.metrics` events on the EVENTS
 * JetStream exactly as a worker does. The scheduler stores them and publishes the updates, the
 * gateway pushes them. Latency = client receive time − the bench's publish time of that step
 * (same process, same clock).
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { insertExperimentWithTrials, findTrial, type Database } from '@trialgrid/db';
import { publishJs, type Messaging } from '@trialgrid/messaging';
import { EPOCH_KEYS } from './load-stack.js';
import { METRIC_SUBSCRIPTION } from './load-queries.js';
import { percentile } from './load-http.js';

export interface SubsOptions {
  clients: number;
  /** Viewer tokens the clients use in turn (the gateway allows MAX_CONNECTIONS_PER_TOKEN each). */
  tokens: readonly string[];
  messages: number;
  ratePerSec: number;
}

export interface SubsResult {
  scenario: 'subscriptions';
  clients: number;
  messages: number;
  pointsPerClient: number;
  expectedDeliveries: number;
  deliveries: number;
  clientsComplete: number;
  duplicates: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  publishP50: number;
  subscriptionErrors: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const r1 = (n: number): number => Math.round(n * 10) / 10;

async function waitFor(what: string, fn: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export async function subscriptions(db: Database, m: Messaging, wsUrl: string, o: SubsOptions): Promise<SubsResult> {
  // One experiment with one trial; the trial becomes RUNNING through a real trial.started event.
  const { experiment, trials } = await insertExperimentWithTrials(
    db,
    { name: 'load-subscriptions', searchSpace: { algorithm: 'EXPLICIT', trials: [{}] }, maxParallelTrials: 1 },
    [{ index: 0, name: 'trial-0', spec: { kind: 'cnn' }, params: { model_type: 'cnn', learning_rate: 0.001, epochs: o.messages } }],
  );
  const trialId = trials[0]!.id;
  const workerId = 'bench-load-worker';
  await publishJs(m, m.subjects.trialStarted(trialId), 'trial.started', { trialId, workerId, delivery: 1, backend: 'none', resumedFromEpoch: 0 });
  await waitFor('trial RUNNING', async () => (await findTrial(db, trialId))?.status === 'RUNNING', 15_000);

  const publishedAt = new Map<number, number>();
  const latencies: number[] = [];
  const received: Set<string>[] = [];
  let duplicates = 0;
  let subscriptionErrors = 0;
  const clients: Client[] = [];
  const connected: Promise<void>[] = [];
  for (let c = 0; c < o.clients; c++) {
    const seen = new Set<string>();
    received.push(seen);
    let onConnected!: () => void;
    connected.push(new Promise<void>((resolve) => (onConnected = resolve)));
    // Round-robin over the viewer tokens: the gateway caps connections per token.
    const token = o.tokens[c % o.tokens.length] ?? '';
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
      on: { connected: () => onConnected() },
    });
    clients.push(client);
    client.subscribe<{ metricLogged: { trialId: string; key: string; step: number }[] }>(
      { query: METRIC_SUBSCRIPTION, variables: { id: experiment.id } },
      {
        next: (msg) => {
          const now = performance.now();
          for (const p of msg.data?.metricLogged ?? []) {
            const id = `${p.key}:${p.step}`;
            if (seen.has(id)) {
              duplicates++;
              continue;
            }
            seen.add(id);
            const sent = publishedAt.get(p.step);
            if (sent !== undefined) latencies.push(now - sent);
          }
        },
        error: () => subscriptionErrors++,
        complete: () => undefined,
      },
    );
  }
  await Promise.all(connected);
  // graphql-ws has no "subscribed" acknowledgement: give the server a moment to register them.
  await sleep(1500);

  const publishMs: number[] = [];
  const interval = 1000 / o.ratePerSec;
  const t0 = performance.now();
  for (let step = 0; step < o.messages; step++) {
    const due = t0 + step * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const points = EPOCH_KEYS.map((key, k) => ({ key, step, value: k % 2 === 0 ? 2 / (step + 1) : 1 - 1 / (step + 2) }));
    const sent = performance.now();
    publishedAt.set(step, sent);
    await publishJs(m, m.subjects.trialMetrics(trialId), 'trial.metrics', { trialId, experimentId: experiment.id, workerId, points }, { msgID: `${trialId}:m:${step}` });
    publishMs.push(performance.now() - sent);
  }
  const pointsPerClient = o.messages * EPOCH_KEYS.length;
  try {
    await waitFor('every client to receive every point', () => received.every((s) => s.size >= pointsPerClient), 15_000);
  } catch {
    // reported below as missing deliveries
  }
  for (const c of clients) void c.dispose();
  return {
    scenario: 'subscriptions',
    clients: o.clients,
    messages: o.messages,
    pointsPerClient,
    expectedDeliveries: pointsPerClient * o.clients,
    deliveries: received.reduce((n, s) => n + s.size, 0),
    clientsComplete: received.filter((s) => s.size >= pointsPerClient).length,
    duplicates,
    p50: r1(percentile(latencies, 50)),
    p95: r1(percentile(latencies, 95)),
    p99: r1(percentile(latencies, 99)),
    max: r1(Math.max(...latencies)),
    publishP50: r1(percentile(publishMs, 50)),
    subscriptionErrors,
  };
}
