import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseProvenance, describeEngine } from './provenance.js';

test('the engine line names the backend, the TensorFlow library and the tfjs packages', () => {
  assert.equal(
    describeEngine('tensorflow', { tfjs: '4.22.0', '@tensorflow/tfjs-node': '4.22.0', tensorflow: '2.21.0' }),
    'tensorflow · TensorFlow 2.21.0 · @tensorflow/tfjs-node 4.22.0 · tfjs 4.22.0',
  );
  assert.equal(describeEngine('wasm', { tfjs: '4.22.0', 'tfjs-backend-wasm': '4.22.0' }), 'wasm · tfjs-backend-wasm 4.22.0 · tfjs 4.22.0');
  const p = baseProvenance({ gitCommit: 'abc', packages: { tfjs: '4.22.0', tensorflow: '2.21.0' }, backend: 'tensorflow', backendDetails: { threads: 2 }, workerId: 'w1' });
  assert.equal(p.engine, 'tensorflow · TensorFlow 2.21.0 · tfjs 4.22.0');
  assert.deepEqual(p.packages, { tfjs: '4.22.0', tensorflow: '2.21.0' });
});
