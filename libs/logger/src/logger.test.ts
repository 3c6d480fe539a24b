import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from './index.js';

test('logs are JSON lines tagged with service and component', () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  const log = createLogger({ service: 'scheduler', level: 'debug', destination });
  log.child({ component: 'dispatcher' }).info({ trialId: 't1' }, 'dispatched');
  log.trace('not at this level');
  assert.equal(lines.length, 1);
  const rec = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
  assert.equal(rec['service'], 'scheduler');
  assert.equal(rec['component'], 'dispatcher');
  assert.equal(rec['trialId'], 't1');
  assert.equal(rec['msg'], 'dispatched');
  assert.equal(rec['level'], 30);
});

test('an error logged under err keeps its stack, its cause chain and its own fields', () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  const log = createLogger({ service: 'registry', destination });
  const root = new Error('connection refused');
  const err = Object.assign(new Error('model load failed', { cause: root }), { code: 'UNAVAILABLE' });
  log.child({ component: 'commands' }).error({ err }, 'command crashed');
  const rec = JSON.parse(lines[0] ?? '{}') as { err: { message: string; stack: string; code: string; cause: { message: string; stack: string } } };
  assert.equal(rec.err.message, 'model load failed');
  assert.match(rec.err.stack, /model load failed\n\s+at /);
  assert.equal(rec.err.code, 'UNAVAILABLE');
  assert.equal(rec.err.cause.message, 'connection refused');
  assert.match(rec.err.cause.stack, /connection refused\n\s+at /);
});

test('an error carrying a resource handle logs its class name, not the handle (pg-pool puts the client on err.client)', () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  class Client {
    readonly connectionParameters = { host: '127.0.0.1', port: 5432, password: 'secret' };
    readonly socket = new Writable();
  }
  const err = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', client: new Client(), details: { trialId: 't1' } });
  createLogger({ service: 'db', destination }).warn({ err }, 'idle postgres connection failed');
  const rec = JSON.parse(lines[0] ?? '{}') as { err: { code: string; client: unknown; details: unknown; message: string } };
  assert.equal(rec.err.client, '[Client]');
  assert.equal(rec.err.code, '57P01');
  assert.deepEqual(rec.err.details, { trialId: 't1' });
  assert.doesNotMatch(lines[0] ?? '', /secret|connectionParameters/);
});
