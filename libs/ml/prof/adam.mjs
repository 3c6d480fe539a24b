import * as tf from '@tensorflow/tfjs';
const { initBackend } = await import('/work/wt-10/libs/ml/dist/backend.js');
await initBackend('tensorflow');
const be = tf.backend(); const B_ = be.binding;
const T = { name: 'T', type: B_.TF_ATTR_TYPE, value: B_.TF_FLOAT };
const f = (n, i) => be.executeSingleOutput(n, [T], i);
const p = tf.variable(tf.randomUniform([10816,128])), m = tf.variable(tf.zeros([10816,128])), v = tf.variable(tf.zeros([10816,128]));
const g = tf.randomUniform([10816,128]);
const b1 = tf.scalar(0.9), c1 = tf.scalar(0.1), b2 = tf.scalar(0.999), c2 = tf.scalar(0.001), eps = tf.scalar(1e-7), lr = tf.scalar(1e-3);
function step() { tf.tidy(() => {
  const m1 = f('AddV2', [f('Mul', [m, b1]), f('Mul', [g, c1])]);
  const v1 = f('AddV2', [f('Mul', [v, b2]), f('Mul', [f('Square', [g]), c2])]);
  const u = f('Mul', [f('RealDiv', [m1, f('AddV2', [f('Sqrt', [v1]), eps])]), lr]);
  m.assign(m1); v.assign(v1); p.assign(f('Sub', [p, u]));
}); }
step(); const N=20; const c0=process.cpuUsage(); const t0=performance.now(); for(let i=0;i<N;i++) step(); const c=process.cpuUsage(c0);
console.log('adam 1.38M elementwise', ((performance.now()-t0)/N).toFixed(2), 'ms wall', ((c.user+c.system)/1000/N).toFixed(2), 'ms cpu');
// resource variable path
const attrs = (o) => o;
try {
  const dt = { name: 'dtype', type: B_.TF_ATTR_TYPE, value: B_.TF_FLOAT };
  const sh = { name: 'shape', type: B_.TF_ATTR_SHAPE, value: [10816,128] };
  const mk = (name) => be.executeSingleOutput('VarHandleOp', [dt, sh, { name: 'container', type: B_.TF_ATTR_STRING, value: '' }, { name: 'shared_name', type: B_.TF_ATTR_STRING, value: name }], []);
  console.log('TF_ATTR_SHAPE', B_.TF_ATTR_SHAPE);
  const hp = mk('p1'); console.log('handle', hp.dtype, hp.shape);
  const hm = mk('m1'), hv = mk('v1');
  const assign = (h, t) => be.binding.executeOp('AssignVariableOp', [{ name: 'dtype', type: B_.TF_ATTR_TYPE, value: B_.TF_FLOAT }, {name:'validate_shape', type: B_.TF_ATTR_BOOL, value: false}], be.getInputTensorIds([h, t]), 0);
  assign(hp, p); assign(hm, m); assign(hv, v);
  const read = (h) => be.executeSingleOutput('ReadVariableOp', [dt], [h]);
  console.log('read back equal', tf.max(tf.abs(tf.sub(read(hp), p))).dataSync()[0]);
  const scal = [b1, b2].map(x=>x);
  const apply = () => tf.tidy(() => be.binding.executeOp('ResourceApplyAdam', [T, {name:'use_locking', type:B_.TF_ATTR_BOOL, value:false}, {name:'use_nesterov', type:B_.TF_ATTR_BOOL, value:false}],
     be.getInputTensorIds([hp, hm, hv, tf.scalar(0.9), tf.scalar(0.999), lr, b1, b2, eps, g]), 0));
  apply(); const c0=process.cpuUsage(); const t0=performance.now(); for(let i=0;i<N;i++) apply(); const c=process.cpuUsage(c0);
  console.log('ResourceApplyAdam', ((performance.now()-t0)/N).toFixed(2), 'ms wall', ((c.user+c.system)/1000/N).toFixed(2), 'ms cpu');
  const r = read(hp); console.log('read', r.shape, r.dataSync()[0]);
  const rc0=process.cpuUsage(); for(let i=0;i<N;i++) tf.tidy(()=>read(hp)); const rc=process.cpuUsage(rc0); console.log('ReadVariableOp cpu ms', ((rc.user+rc.system)/1000/N).toFixed(3));
} catch (e) { console.log('resource path failed:', e.message.split('\n').slice(0,2).join(' ')); }
