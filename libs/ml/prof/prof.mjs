import * as tf from '@tensorflow/tfjs';
const ml = '/work/wt-10/libs/ml/dist/';
const { initBackend } = await import(ml + 'backend.js');
const { presetSpec } = await import(ml + 'spec.js');
const { buildLayersModel, forwardLogits, modelVariables } = await import(ml + 'network.js');
const { NativeTrainer } = await import(ml + 'native-step.js');
const b = await initBackend(process.argv[2] ?? 'tensorflow');
console.log(b.name, JSON.stringify(b.details).slice(0,200));
const preset = process.argv[3] ?? 'enhanced';
const batch = Number(process.argv[4] ?? 128);
const spec = presetSpec(preset);
const model = buildLayersModel(spec, 1);
const vars = modelVariables(model);
const opt = new NativeTrainer(spec, vars, 0.001);
const xs = new Float32Array(batch*784).map(()=>Math.random());
const ys = new Int32Array(batch).map(()=>Math.floor(Math.random()*10));
const T = {fwdbwd:0, adam:0, sync:0, total:0};
const steps = 30;
for (let s = 0; s < steps + 5; s++) {
  const c0 = process.cpuUsage(); const t0 = performance.now();
  const x = tf.tensor4d(xs, [batch,28,28,1]); const labels = tf.tensor1d(ys,'int32'); const y = tf.oneHot(labels, 10);
  const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, forwardLogits(spec, vars, x, s+1)), vars);
  const gl = vars.map(v => grads[v.name]);
  const t1 = performance.now();
  opt.apply(vars, gl);
  const t2 = performance.now();
  value.dataSync();
  const t3 = performance.now();
  tf.dispose([value, ...gl, x, labels, y]);
  if (s >= 5) { T.fwdbwd += t1-t0; T.adam += t2-t1; T.sync += t3-t2; T.total += t3-t0; }
}
const cpu = process.cpuUsage();
for (const k in T) T[k] = (T[k]/steps).toFixed(1);
console.log(preset, batch, 'ms/step', JSON.stringify(T), 'img/s', (batch/(T.total/1000)).toFixed(0), 'tensors', tf.memory().numTensors);
