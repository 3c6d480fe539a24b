import assert from 'node:assert/strict';
import os from 'node:os';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { activeBackend, initBackend } from './backend.js';

test('auto keeps the fastest backend that loads, by measurement, and says why; calls are idempotent', async () => {
  const [a, b] = await Promise.all([initBackend(), initBackend('auto')]);
  assert.equal(a, b);
  assert.equal(tf.getBackend(), a.tfBackend);
  assert.equal(a.versions['tfjs'], tf.version.tfjs);
  const native = a.details['tensorflowUnavailable'] === undefined;
  if (native) {
    // Both tensorflow and wasm loaded: the choice names the measured time of each.
    assert.match(String(a.details['selectedBy']), /^training-step measurement: tensorflow [\d.]+ s, wasm [\d.]+ s$/);
    const times = Object.fromEntries([...String(a.details['selectedBy']).matchAll(/(\w+) ([\d.]+) s/g)].map((m) => [m[1]!, Number(m[2])]));
    assert.equal(a.name, times['tensorflow']! <= times['wasm']! ? 'tensorflow' : 'wasm');
  } else {
    // Without tfjs-node the reason is one readable line, and wasm trains.
    assert.equal(a.name, 'wasm');
    assert.match(String(a.details['tensorflowUnavailable']), /@tensorflow\/tfjs-node is not installed \(`npm run engine:install` builds it offline\)|did not load/);
  }
  const wasm = await initBackend('wasm');
  assert.equal(wasm.details['customKernels'], 'Conv2DBackpropFilter,BatchMatMul,MaxPoolGrad,Sum');
  // The threaded build runs with one XNNPACK thread per core, or the reason it does not is reported.
  if (wasm.details['threadsUnavailable'] === undefined) assert.equal(wasm.details['threads'], os.availableParallelism());
  else assert.equal(wasm.details['threads'], 1);
  const cpu = await initBackend('cpu');
  assert.equal(cpu.name, 'cpu');
  assert.equal(tf.getBackend(), 'cpu');
  assert.equal(activeBackend(), cpu);
  assert.equal(await initBackend(), a);
  assert.equal(tf.getBackend(), a.tfBackend);
  if (native) {
    const tfInfo = await initBackend('tensorflow');
    assert.equal(tfInfo.versions['@tensorflow/tfjs-node'], '4.22.0');
    assert.match(tfInfo.versions['tensorflow'] ?? '', /^2\.\d+\.\d+/);
  } else {
    await assert.rejects(initBackend('tensorflow'), { code: 'UNAVAILABLE' });
  }
});
