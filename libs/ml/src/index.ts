/**
 * Training engine: MNIST-layout datasets, the seed's CNN family, training on the best tfjs
 * backend available (native TensorFlow when installed, else wasm with custom training kernels).
 *
 * ```ts
 * import { initBackend, loadDataset, presetSpec, PRESET_RUNS, train } from '@trialgrid/ml';
 * await initBackend();
 * const data = await loadDataset({ dir: '/data/mnist', trainLimit: 2000, testLimit: 500 });
 * const run = PRESET_RUNS[0]!;
 * const { result, model } = await train({ spec: presetSpec(run.preset), params: { ...run.params, epochs: 1 }, data });
 * console.log(result.test_accuracy);
 * model.dispose();
 * ```
 */
export type * from './types.js';
export { initBackend, activeBackend, type InitBackendOptions } from './backend.js';
export {
  loadDataset,
  loadTestSplit,
  downloadDataset,
  datasetFingerprint,
  inspectIdxDirectory,
  MNIST_GZ_SHA256,
  IDX_FILES,
  type DownloadOptions,
  type IdxInspection,
  type TestSplit,
} from './dataset.js';
export { presetSpec, buildSpec, countParams, PRESET_RUNS, type PresetRun } from './spec.js';
export { train } from './train.js';
export { loadModel } from './model-io.js';
export { mulberry32, deriveSeed, type Rng } from './rng.js';
