import * as tf from '@tensorflow/tfjs';
const ml = '/work/wt-10/libs/ml/dist/';
const { initBackend } = await import(ml + 'backend.js');
const { presetSpec } = await import(ml + 'spec.js');
const { buildLayersModel, forwardLogits, modelVariables } = await import(ml + 'network.js');
await initBackend(process.argv[2] ?? 'tensorflow', { tfThreads: Number(process.argv[3] ?? 2) });
const spec = presetSpec('enhanced'); const model = buildLayersModel(spec, 1); const vars = modelVariables(model);
const x1 = new Float32Array(784).fill(0.5);
function med(f, n=300) { for (let i=0;i<20;i++) f(); const t=[]; for (let i=0;i<n;i++){ const s=performance.now(); f(); t.push(performance.now()-s);} t.sort((a,b)=>a-b); return t[n>>1].toFixed(3); }
console.log('layers predict b1', med(() => { const p = tf.tidy(() => model.predict(tf.tensor4d(x1,[1,28,28,1]))); p.dataSync(); p.dispose(); }));
console.log('forwardLogits b1', med(() => { const p = tf.tidy(() => tf.softmax(forwardLogits(spec, vars, tf.tensor4d(x1,[1,28,28,1])))); p.dataSync(); p.dispose(); }));
console.log('conv only', med(() => { const p = tf.tidy(() => tf.conv2d(tf.tensor4d(x1,[1,28,28,1]), vars[0], 1, 'valid')); p.dataSync(); p.dispose(); }));
console.log('matmul only', med(() => { const p = tf.tidy(() => tf.matMul(tf.ones([1,10816]), vars[2])); p.dataSync(); p.dispose(); }));
