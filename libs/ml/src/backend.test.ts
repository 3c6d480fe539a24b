import assert from 'node:assert/strict';
import os from 'node:os';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { activeBackend, initBackend } from './backend.js';

test('auto falls back to wasm with the training kernels when tfjs-node is absent; calls are idempotent', async () => {
  const [a, b] = await Promise.all([initBackend(), initBackend('auto')]);
  assert.equal(a, b);
  assert.equal(a.name, 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
  assert.equal(a.details['customKernels'], 'Conv2DBackpropFilter,BatchMatMul,MaxPoolGrad,Sum');
  assert.match(String(a.details['tensorflowUnavailable']), /tfjs-node/);
  assert.equal(a.versions['tfjs'], tf.version.tfjs);
  // The threaded build runs with one XNNPACK thread per core, or the reason it does not is reported.
  if (a.details['threadsUnavailable'] === undefined) assert.equal(a.details['threads'], os.availableParallelism());
  else assert.equal(a.details['threads'], 1);
  const cpu = await initBackend('cpu');
  assert.equal(cpu.name, 'cpu');
  assert.equal(tf.getBackend(), 'cpu');
  assert.equal(activeBackend(), cpu);
  assert.equal(await initBackend(), a);
  assert.equal(tf.getBackend(), 'wasm');
  await assert.rejects(initBackend('tensorflow'), { code: 'UNAVAILABLE' });
});
