import * as tf from '@tensorflow/tfjs';
const ml = '/work/wt-10/libs/ml/dist/';
const { initBackend } = await import(ml + 'backend.js');
const { presetSpec } = await import(ml + 'spec.js');
const { buildLayersModel, modelVariables } = await import(ml + 'network.js');
const { NativeTrainer } = await import(ml + 'native-step.js');
await initBackend('tensorflow');
const preset = process.argv[2] ?? 'enhanced', batch = Number(process.argv[3] ?? 128);
const spec = presetSpec(preset); const model = buildLayersModel(spec, 1); const vars = modelVariables(model);
const tr = new NativeTrainer(spec, vars, 0.001);
const xs = tf.randomUniform([batch,28,28,1]); const ys = tf.tensor1d(Array.from({length:batch},(_,i)=>i%10),'int32');
for (let i=0;i<3;i++){ const o=tr.step(xs,ys,i); o.loss.dataSync(); tf.dispose([o.loss,o.correct]); }
const N=15; const c0=process.cpuUsage(); const t0=performance.now(); let l;
for (let i=0;i<N;i++){ const o=tr.step(xs,ys,i); l=o.loss.dataSync()[0]; tf.dispose([o.loss,o.correct]); }
const c=process.cpuUsage(c0); const cpu=(c.user+c.system)/1000/N, wall=(performance.now()-t0)/N;
console.log(`${preset} b${batch}: ${wall.toFixed(1)} ms wall, ${cpu.toFixed(1)} ms cpu per step; ${(batch/wall*1000).toFixed(0)} img/s, ${(batch/cpu*1000).toFixed(0)} img/cpu-s; loss ${l.toFixed(3)} tensors ${tf.memory().numTensors}`);
