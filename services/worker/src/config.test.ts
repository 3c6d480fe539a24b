import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { AppError } from '@trialgrid/errors';
import { loadWorkerConfig } from './config.js';

test('defaults follow ENV.md', () => {
  const c = loadWorkerConfig({});
  assert.equal(c.prefix, 'trialgrid');
  assert.equal(c.backend, 'auto');
  assert.equal(c.concurrency, 1);
  assert.equal(c.heartbeatIntervalMs, 5000);
  assert.equal(c.workerId, `${hostname()}-${process.pid}`);
  assert.equal(c.dataMirror, undefined);
  assert.equal(c.wasmThreads, 0);
});

test('values are parsed and checked', () => {
  const c = loadWorkerConfig({ WORKER_ID: 'gpu-1', WORKER_CONCURRENCY: '2', HEARTBEAT_INTERVAL: '750ms', TF_BACKEND: 'wasm', GIT_COMMIT: 'abc', WASM_THREADS: '1' });
  assert.equal(c.workerId, 'gpu-1');
  assert.equal(c.wasmThreads, 1);
  assert.equal(c.concurrency, 2);
  assert.equal(c.heartbeatIntervalMs, 750);
  assert.equal(c.backend, 'wasm');
  assert.equal(c.gitCommit, 'abc');
  assert.throws(
    () => loadWorkerConfig({ WORKER_CONCURRENCY: '0', TF_BACKEND: 'cuda', DATA_MIRROR: 'not a url', WASM_THREADS: '-1' }),
    (err: unknown) => err instanceof AppError && /WORKER_CONCURRENCY/.test(err.message) && /WASM_THREADS/.test(err.message) && /TF_BACKEND/.test(err.message) && /DATA_MIRROR/.test(err.message),
  );
});
