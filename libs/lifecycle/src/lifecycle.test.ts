import { test } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '@trialgrid/logger';
import { port, str } from '@trialgrid/config';
import { DisposerStack, evaluateReadiness, runService } from './index.js';

test('disposers run in reverse order, survive failures, and run once', async () => {
  const order: string[] = [];
  const stack = new DisposerStack(silentLogger());
  stack.add('db', () => void order.push('db'));
  stack.add('nats', () => {
    order.push('nats');
    throw new Error('boom');
  });
  stack.add('http', async () => {
    await new Promise((r) => setTimeout(r, 5));
    order.push('http');
  });
  await Promise.all([stack.dispose(), stack.dispose()]);
  assert.deepEqual(order, ['http', 'nats', 'db']);
  assert.throws(() => stack.add('late', () => undefined), /during shutdown/);
});

test('readiness fails when a check fails or the service is not ready', async () => {
  const checks = new Map([['db', () => undefined]]);
  assert.equal((await evaluateReadiness({ ready: true, checks })).status, 'ok');
  assert.equal((await evaluateReadiness({ ready: false, checks })).status, 'unavailable');
  checks.set('nats', () => {
    throw new Error('connect ECONNREFUSED 10.1.2.3:4222');
  });
  const report = await evaluateReadiness({ ready: true, checks });
  assert.equal(report.status, 'unavailable');
  // Not the error's text: it names an internal address.
  assert.equal(report.checks['nats'], 'unavailable');
  assert.doesNotMatch(JSON.stringify(report), /10\.1\.2\.3|4222/);
});

test('runService serves /healthz, /readyz and /metrics and stops in order', async () => {
  const closed: string[] = [];
  let dbUp = true;
  const svc = await runService({
    name: 'probe',
    config: { HEALTH_PORT: port(0), GREETING: str('hi') },
    env: { HEALTH_PORT: '0', LOG_LEVEL: 'silent' },
    healthPort: (c) => c.HEALTH_PORT,
    exitProcess: false,
    start: async (ctx) => {
      assert.equal(ctx.config.GREETING, 'hi');
      ctx.onShutdown('first', () => void closed.push('first'));
      ctx.onShutdown('second', () => void closed.push('second'));
      ctx.addReadinessCheck('db', () => {
        if (!dbUp) throw new Error('db down');
      });
    },
  });
  const base = `http://127.0.0.1:${svc.healthPort}`;
  assert.equal((await fetch(`${base}/healthz`)).status, 200);
  assert.equal((await fetch(`${base}/readyz`)).status, 200);
  const metrics = await fetch(`${base}/metrics`);
  assert.equal(metrics.status, 200);
  const text = await metrics.text();
  assert.match(text, /^# TYPE process_cpu_user_seconds_total counter$/m, 'default process metrics');
  assert.match(text, /^# TYPE trialgrid_nats_reconnects_total counter$/m, 'the trialgrid definitions');
  dbUp = false;
  const res = await fetch(`${base}/readyz`);
  assert.equal(res.status, 503);
  const body = await res.text();
  assert.match(body, /"db":"unavailable"/);
  assert.doesNotMatch(body, /db down/, 'the message of the failed check is not served');
  await svc.stop('test');
  assert.deepEqual(closed, ['second', 'first']);
  await assert.rejects(fetch(`${base}/healthz`));
});

test('runService rejects invalid config before starting', async () => {
  let started = false;
  await assert.rejects(
    runService({
      name: 'probe',
      config: { HEALTH_PORT: port(0) },
      env: { HEALTH_PORT: 'not-a-port' },
      exitProcess: false,
      start: async () => {
        started = true;
      },
    }),
    /HEALTH_PORT/,
  );
  assert.equal(started, false);
});
