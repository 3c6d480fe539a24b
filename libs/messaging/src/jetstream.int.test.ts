import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@trialgrid/errors';
import type { MessageOf, MessageType } from './contracts.js';
import { connectMessaging } from './connection.js';
import { ensureTopology } from './topology.js';
import { publishCore, publishJs } from './publish.js';
import { consumeJs, deleteStreamMessage, fetchOne, getStreamMessage, onMaxDeliveries, subscribeCore, type JsContext } from './consume.js';
import { decode, encode } from './envelope.js';
import { sleep, testNamespace, waitFor, type TestNamespace } from './test-helpers.js';

const enc = new TextEncoder();

const dispatch = (trialId: string): MessageOf<'trial.dispatch'> => ({
  trialId,
  experimentId: 'e1',
  name: `trial ${trialId}`,
  dataset: 'mnist',
  spec: { modelType: 'baseline', inputShape: [28, 28, 1], numClasses: 10, layers: [{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }] },
  train: { learningRate: 0.01, batchSize: 32, epochs: 1, validationSplit: 0.1, seed: 7 },
  params: { model_type: 'mlp', learning_rate: 0.01 },
  options: { trainLimit: 100 },
});

const samples: { [K in MessageType]: MessageOf<K> } = {
  'trial.dispatch': dispatch('t1'),
  'trial.started': { trialId: 't1', workerId: 'w1', delivery: 1, backend: 'cpu', resumedFromEpoch: 0 },
  'trial.metrics': { trialId: 't1', experimentId: 'e1', workerId: 'w1', points: [{ key: 'loss', step: 1, value: 0.5 }] },
  'trial.log': { trialId: 't1', level: 'info', message: 'epoch 1' },
  'trial.finished': {
    trialId: 't1',
    experimentId: 'e1',
    workerId: 'w1',
    status: 'SUCCEEDED',
    finalMetrics: { test_accuracy: 0.9 },
    summary: { confusion: [[1]] },
    provenance: { git: 'abc' },
    artifacts: [{ name: 'model', kind: 'model', path: '/tmp/m', sizeBytes: 10 }],
    points: [{ key: 'val_loss', step: 0, value: 0.4 }],
  },
  'experiment.finished': { experimentId: 'e1', status: 'SUCCEEDED', modelName: 'mnist' },
  'worker.heartbeat': { workerId: 'w1', hostname: 'h', pid: 1, backend: 'cpu', status: 'IDLE', currentTrialId: null, concurrency: 1, details: {} },
  'trial.stop': { trialId: 't1', reason: 'user' },
  'experiment.update': { experimentId: 'e1', status: 'RUNNING' },
  'trial.update': { experimentId: 'e1', trialId: 't1', status: 'RUNNING', currentEpoch: 1 },
  'metric.update': { experimentId: 'e1', trialId: 't1', points: [{ key: 'loss', step: 1, value: 0.5 }], loggedAt: new Date().toISOString() },
  'model.update': { modelName: 'mnist', version: 1, event: 'registered' },
};

async function pending(ns: TestNamespace, stream: string, consumer: string): Promise<{ ackPending: number; pending: number; streamMsgs: number }> {
  const ci = await ns.m.jsm.consumers.info(stream, consumer);
  const si = await ns.m.jsm.streams.info(stream);
  return { ackPending: ci.num_ack_pending, pending: ci.num_pending, streamMsgs: si.state.messages };
}

describe('JetStream messaging (real NATS)', () => {
  const spaces: TestNamespace[] = [];
  const ns = async (topology?: Parameters<typeof testNamespace>[0]): Promise<TestNamespace> => {
    const s = await testNamespace(topology);
    spaces.push(s);
    return s;
  };
  after(async () => {
    for (const s of spaces) await s.cleanup();
  });

  it('fails the first connect with a clear UNAVAILABLE error', async () => {
    await assert.rejects(
      connectMessaging({ servers: 'nats://127.0.0.1:1', prefix: 'x', name: 'nope', connectTimeoutMs: 1000 }),
      (err: unknown) => err instanceof AppError && err.code === 'UNAVAILABLE' && /cannot reach NATS at nats:\/\/127\.0\.0\.1:1/.test(err.message),
    );
  });

  it('declares the topology idempotently and applies changed settings', async () => {
    const { m } = await ns({ ackWaitMs: 5000, maxDeliver: 3 });
    // As an older release declared it (EVENTS consumers giving up after 10 deliveries) ...
    await ensureTopology(m, { ackWaitMs: 5000, maxDeliver: 3, schedulerMaxDeliver: 10, registryMaxDeliver: 10 });
    // ... and updated in place by this one.
    await ensureTopology(m, { ackWaitMs: 7000, maxDeliver: 4 });
    const trials = await m.jsm.streams.info(m.streams.trials);
    assert.equal(trials.config.retention, 'workqueue');
    assert.equal(trials.config.storage, 'file');
    assert.deepEqual(trials.config.subjects, [`${m.prefix}.trials.>`]);
    const events = await m.jsm.streams.info(m.streams.events);
    assert.equal(events.config.retention, 'limits');
    assert.equal(events.config.max_age, 7 * 24 * 3600 * 1e9);
    const workers = await m.jsm.consumers.info(m.streams.trials, 'workers');
    assert.equal(workers.config.ack_policy, 'explicit');
    assert.equal(workers.config.ack_wait, 7000 * 1e6);
    assert.equal(workers.config.max_deliver, 4);
    assert.ok((workers.config.max_ack_pending ?? 0) >= 1000);
    const sched = await m.jsm.consumers.info(m.streams.events, 'scheduler');
    // Unlimited: an outage must never make the scheduler drop a worker's event.
    assert.equal(sched.config.max_deliver, -1);
    assert.equal(sched.config.ack_wait, 30_000 * 1e6);
    assert.equal(sched.config.ack_policy, 'explicit');
    assert.equal(sched.config.filter_subject, `${m.prefix}.events.trial.>`);
    const registry = await m.jsm.consumers.info(m.streams.events, 'registry');
    assert.equal(registry.config.filter_subject, `${m.prefix}.events.experiment.*.finished`);
    assert.equal(registry.config.max_deliver, -1);
  });

  it('round-trips every JetStream message type through its stream', async () => {
    const { m } = await ns();
    const s = m.subjects;
    await publishJs(m, s.trialDispatch, 'trial.dispatch', samples['trial.dispatch']);
    const eventTypes = ['trial.started', 'trial.metrics', 'trial.log', 'trial.finished'] as const;
    await publishJs(m, s.trialStarted('t1'), 'trial.started', samples['trial.started']);
    await publishJs(m, s.trialMetrics('t1'), 'trial.metrics', samples['trial.metrics']);
    await publishJs(m, s.trialLog('t1'), 'trial.log', samples['trial.log']);
    await publishJs(m, s.trialFinished('t1'), 'trial.finished', samples['trial.finished']);
    await publishJs(m, s.experimentFinished('e1'), 'experiment.finished', samples['experiment.finished']);

    const got: { type: string; data: unknown; subject: string }[] = [];
    const events = consumeJs(m, {
      stream: m.streams.events,
      consumer: m.streams.schedulerConsumer,
      type: eventTypes,
      handler: (_data, ctx) => {
        got.push({ type: ctx.message.type, data: ctx.message.data, subject: ctx.subject });
      },
    });
    const dispatches: MessageOf<'trial.dispatch'>[] = [];
    const work = consumeJs(m, {
      stream: m.streams.trials,
      consumer: m.streams.workersConsumer,
      type: 'trial.dispatch',
      handler: (data) => {
        dispatches.push(data);
      },
    });
    const finished: MessageOf<'experiment.finished'>[] = [];
    const registry = consumeJs(m, {
      stream: m.streams.events,
      consumer: m.streams.registryConsumer,
      type: 'experiment.finished',
      handler: (data) => {
        finished.push(data);
      },
    });
    await waitFor('all messages', () => got.length === 4 && dispatches.length === 1 && finished.length === 1);
    await sleep(100);
    await Promise.all([events.stop(), work.stop(), registry.stop()]);
    assert.equal(got.length, 4, 'the scheduler consumer does not see experiment.finished');
    assert.deepEqual(finished, [samples['experiment.finished']]);
    assert.deepEqual(dispatches, [samples['trial.dispatch']]);
    assert.deepEqual(
      got.map((g) => g.type),
      [...eventTypes],
    );
    for (const g of got) assert.deepEqual(g.data, samples[g.type as MessageType], g.type);
    assert.equal(got[1]?.subject, s.trialMetrics('t1'));
    // acked: the work queue is empty, the events consumer has nothing pending
    await waitFor('acks', async () => {
      const t = await pending({ m } as TestNamespace, m.streams.trials, 'workers');
      const e = await pending({ m } as TestNamespace, m.streams.events, 'scheduler');
      const r = await pending({ m } as TestNamespace, m.streams.events, 'registry');
      return t.streamMsgs === 0 && t.ackPending === 0 && e.ackPending === 0 && e.pending === 0 && r.pending === 0 && r.ackPending === 0;
    });
  });

  it('round-trips every core message type through subscribeCore', async () => {
    const { m } = await ns();
    const s = m.subjects;
    const cases: [string, string, MessageType][] = [
      [s.workerHeartbeat, s.workerHeartbeat, 'worker.heartbeat'],
      [s.trialStop('t1'), s.trialStopAll, 'trial.stop'],
      [s.updatesExperiment('e1'), s.updatesExperimentAll, 'experiment.update'],
      [s.updatesTrial('e1', 't1'), s.updatesTrialAll, 'trial.update'],
      [s.updatesMetric('e1', 't1'), s.updatesMetricAll, 'metric.update'],
      [s.updatesModel, s.updatesModel, 'model.update'],
    ];
    const got = new Map<string, { data: unknown; subject: string }>();
    const unsubs = cases.map(([, pattern, type]) =>
      subscribeCore(m, pattern, type, (data, ctx) => {
        got.set(type, { data, subject: ctx.subject });
      }),
    );
    await m.nc.flush();
    for (const [subject, , type] of cases) publishCore(m, subject, type, samples[type] as never);
    await waitFor('core messages', () => got.size === cases.length);
    for (const [subject, , type] of cases) {
      assert.deepEqual(got.get(type)?.data, samples[type], type);
      assert.equal(got.get(type)?.subject, subject);
    }
    for (const u of unsubs) u();
  });

  it('drops malformed core messages and keeps delivering valid ones', async () => {
    const { m } = await ns();
    const got: string[] = [];
    const unsub = subscribeCore(m, m.subjects.updatesModel, 'model.update', (d) => {
      got.push(d.event);
    });
    await m.nc.flush();
    m.nc.publish(m.subjects.updatesModel, enc.encode('garbage'));
    m.nc.publish(m.subjects.updatesModel, encode('trial.stop', { trialId: 't', reason: 'wrong type' }));
    publishCore(m, m.subjects.updatesModel, 'model.update', { modelName: 'x', event: 'ok' });
    await waitFor('valid core message', () => got.length === 1);
    await sleep(50);
    assert.deepEqual(got, ['ok']);
    unsub();
  });

  it('terminates malformed messages and still consumes the next valid one', async () => {
    const ns1 = await ns();
    const { m } = ns1;
    const subj = m.subjects.trialDispatch;
    await m.js.publish(subj, enc.encode('{not json'));
    await m.js.publish(subj, enc.encode(JSON.stringify({ v: 9, type: 'trial.dispatch', data: {} })));
    await m.js.publish(subj, enc.encode(JSON.stringify({ v: 1, type: 'trial.dispatch', id: 'x', ts: 'now', data: { trialId: 7 } })));
    await m.js.publish(subj, encode('trial.log', samples['trial.log']));
    await publishJs(m, subj, 'trial.dispatch', dispatch('good'));
    const seen: string[] = [];
    const h = consumeJs(m, {
      stream: m.streams.trials,
      consumer: 'workers',
      type: 'trial.dispatch',
      handler: (d) => {
        seen.push(d.trialId);
      },
    });
    await waitFor('the valid dispatch', () => seen.length === 1);
    await h.stop();
    assert.deepEqual(seen, ['good']);
    // Termed + acked: nothing left pending or redelivered, the work queue is empty.
    await waitFor('empty work queue', async () => {
      const p = await pending(ns1, m.streams.trials, 'workers');
      return p.ackPending === 0 && p.pending === 0 && p.streamMsgs === 0;
    });
  });

  it('redelivers after a retryable handler error (deliveryCount 2), terms a NOT_FOUND', async () => {
    const ns1 = await ns();
    const { m } = ns1;
    await publishJs(m, m.subjects.trialDispatch, 'trial.dispatch', dispatch('flaky'));
    await publishJs(m, m.subjects.trialDispatch, 'trial.dispatch', dispatch('gone'));
    const calls: { trialId: string; deliveryCount: number; redelivered: boolean }[] = [];
    const h = consumeJs(m, {
      stream: m.streams.trials,
      consumer: 'workers',
      type: 'trial.dispatch',
      backoff: { initialMs: 100 },
      handler: (d, ctx) => {
        calls.push({ trialId: d.trialId, deliveryCount: ctx.deliveryCount, redelivered: ctx.redelivered });
        if (d.trialId === 'gone') throw new AppError('NOT_FOUND', 'trial gone');
        if (ctx.deliveryCount === 1) throw new Error('transient');
      },
    });
    await waitFor('redelivery', () => calls.filter((c) => c.trialId === 'flaky').length === 2);
    await sleep(300);
    await h.stop();
    assert.deepEqual(
      calls.filter((c) => c.trialId === 'flaky'),
      [
        { trialId: 'flaky', deliveryCount: 1, redelivered: false },
        { trialId: 'flaky', deliveryCount: 2, redelivered: true },
      ],
    );
    assert.deepEqual(
      calls.filter((c) => c.trialId === 'gone'),
      [{ trialId: 'gone', deliveryCount: 1, redelivered: false }],
    );
    const p = await pending(ns1, m.streams.trials, 'workers');
    assert.equal(p.streamMsgs, 0);
  });

  it('fires the max-deliveries advisory and lets the stuck message be read and removed', async () => {
    const ns1 = await ns({ maxDeliver: 2 });
    const { m } = ns1;
    const exhausted: number[] = [];
    const unsub = onMaxDeliveries(m, m.streams.trials, 'workers', (seq) => {
      exhausted.push(seq);
    });
    await m.nc.flush();
    const { seq } = await publishJs(m, m.subjects.trialDispatch, 'trial.dispatch', dispatch('doomed'));
    const deliveries: { n: number; last: boolean }[] = [];
    const h = consumeJs(m, {
      stream: m.streams.trials,
      consumer: 'workers',
      type: 'trial.dispatch',
      backoff: { initialMs: 50 },
      handler: (_d, ctx) => {
        deliveries.push({ n: ctx.deliveryCount, last: ctx.lastDelivery });
        throw new Error('always fails');
      },
    });
    await waitFor('advisory', () => exhausted.length === 1);
    await h.stop();
    unsub();
    assert.deepEqual(exhausted, [seq]);
    assert.deepEqual(deliveries, [
      { n: 1, last: false },
      { n: 2, last: true },
    ]);
    const stored = await getStreamMessage(m, m.streams.trials, seq);
    assert.ok(stored);
    assert.equal(decode('trial.dispatch', stored.data).trialId, 'doomed');
    assert.equal(await deleteStreamMessage(m, m.streams.trials, seq), true);
    assert.equal(await getStreamMessage(m, m.streams.trials, seq), null);
    assert.equal(await deleteStreamMessage(m, m.streams.trials, seq), false);
    assert.equal((await pending(ns1, m.streams.trials, 'workers')).streamMsgs, 0);
  });

  it('stores a message published twice with the same msgID once', async () => {
    const ns1 = await ns();
    const { m } = ns1;
    const a = await publishJs(m, m.subjects.trialDispatch, 'trial.dispatch', dispatch('d1'), { msgID: 'dispatch-d1-1' });
    const b = await publishJs(m, m.subjects.trialDispatch, 'trial.dispatch', dispatch('d1'), { msgID: 'dispatch-d1-1' });
    const c = await publishJs(m, m.subjects.trialDispatch, 'trial.dispatch', dispatch('d1'), { msgID: 'dispatch-d1-2' });
    assert.equal(a.duplicate, false);
    assert.equal(b.duplicate, true);
    assert.equal(b.seq, a.seq);
    assert.equal(c.duplicate, false);
    assert.equal((await m.jsm.streams.info(m.streams.trials)).state.messages, 2);
  });

  it('shares one durable between two connections without duplicates', async () => {
    const ns1 = await ns();
    const { m } = ns1;
    const other = await ns1.connect('second-worker');
    const n = 20;
    for (let i = 0; i < n; i++) await publishJs(m, m.subjects.trialDispatch, 'trial.dispatch', dispatch(`t${i}`));
    const byConn: [string[], string[]] = [[], []];
    const handler = (bucket: string[]) => async (d: MessageOf<'trial.dispatch'>) => {
      bucket.push(d.trialId);
      await sleep(20);
    };
    const h1 = consumeJs(m, { stream: m.streams.trials, consumer: 'workers', type: 'trial.dispatch', concurrency: 2, handler: handler(byConn[0]) });
    const h2 = consumeJs(other, { stream: other.streams.trials, consumer: 'workers', type: 'trial.dispatch', concurrency: 2, handler: handler(byConn[1]) });
    await waitFor('all dispatches', () => byConn[0].length + byConn[1].length >= n);
    await sleep(200);
    await Promise.all([h1.stop(), h2.stop()]);
    const all = [...byConn[0], ...byConn[1]];
    assert.equal(all.length, n);
    assert.equal(new Set(all).size, n);
    assert.ok(byConn[0].length > 0 && byConn[1].length > 0, `both got work: ${byConn[0].length}/${byConn[1].length}`);
  });

  it('fetchOne pulls exactly one message and leaves the rest in the queue', async () => {
    const ns1 = await ns();
    const { m } = ns1;
    await publishJs(m, m.subjects.trialDispatch, 'trial.dispatch', dispatch('a'));
    await publishJs(m, m.subjects.trialDispatch, 'trial.dispatch', dispatch('b'));
    const first = await fetchOne(m, { stream: m.streams.trials, consumer: 'workers', type: 'trial.dispatch', expiresMs: 2000 });
    assert.equal(first?.data.trialId, 'a');
    assert.equal(first.deliveryCount, 1);
    const p = await pending(ns1, m.streams.trials, 'workers');
    assert.deepEqual([p.ackPending, p.pending], [1, 1]);
    first.ack();
    const second = await fetchOne(m, { stream: m.streams.trials, consumer: 'workers', type: 'trial.dispatch', expiresMs: 2000 });
    assert.equal(second?.data.trialId, 'b');
    second.fail(new AppError('CONFLICT', 'already running'));
    // empty queue: null once the wait expires, or at once when aborted
    const ac = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ac.abort(), 200);
    const none = await fetchOne(m, { stream: m.streams.trials, consumer: 'workers', type: 'trial.dispatch', expiresMs: 10_000, signal: ac.signal });
    assert.equal(none, null);
    assert.ok(Date.now() - t0 < 2000, 'abort ends the wait early');
    await waitFor('empty queue', async () => (await pending(ns1, m.streams.trials, 'workers')).streamMsgs === 0);
  });

  it('stop() waits for the in-flight handler', async () => {
    const { m } = await ns();
    await publishJs(m, m.subjects.trialDispatch, 'trial.dispatch', dispatch('slow'));
    let started = false;
    let finished = false;
    const h = consumeJs(m, {
      stream: m.streams.trials,
      consumer: 'workers',
      type: 'trial.dispatch',
      handler: async () => {
        started = true;
        await sleep(300);
        finished = true;
      },
    });
    await waitFor('handler start', () => started);
    await h.stop();
    assert.equal(finished, true);
  });

  it('working() keeps a long handler from being redelivered past ack_wait', async () => {
    const ns1 = await ns({ ackWaitMs: 1000 });
    const { m } = ns1;
    await publishJs(m, m.subjects.trialDispatch, 'trial.dispatch', dispatch('keepalive'));
    await publishJs(m, m.subjects.trialDispatch, 'trial.dispatch', dispatch('silent'));
    const calls: { trialId: string; deliveryCount: number }[] = [];
    const long = async (ctx: JsContext<'trial.dispatch'>, keepAlive: boolean): Promise<void> => {
      for (let i = 0; i < 8; i++) {
        await sleep(300);
        if (keepAlive) ctx.working();
      }
    };
    const h = consumeJs(m, {
      stream: m.streams.trials,
      consumer: 'workers',
      type: 'trial.dispatch',
      concurrency: 3,
      handler: async (d, ctx) => {
        calls.push({ trialId: d.trialId, deliveryCount: ctx.deliveryCount });
        // The silent one only stalls on its first delivery; its redelivery is the control.
        if (d.trialId === 'silent' && ctx.deliveryCount > 1) return;
        await long(ctx, d.trialId === 'keepalive');
      },
    });
    await sleep(2800);
    await h.stop();
    const keep = calls.filter((c) => c.trialId === 'keepalive');
    const silent = calls.filter((c) => c.trialId === 'silent');
    assert.deepEqual(keep, [{ trialId: 'keepalive', deliveryCount: 1 }]);
    assert.ok(silent.some((c) => c.deliveryCount === 2), `control message without working() was redelivered: ${JSON.stringify(silent)}`);
  });
});
