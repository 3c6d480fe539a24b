/**
 * How fast the active backend trains: the measurement behind `initBackend('auto')`.
 *
 * The probe is a few training steps of the two documented architectures (baseline and
 * enhanced, batch 128, random images) through the same step implementation train() uses,
 * after one warm-up step per model. It takes well under a second on a native backend and
 * about one second on wasm (2-core AMD EPYC). Nothing is read from disk.
 */
import * as tf from '@tensorflow/tfjs';
import { buildLayersModel, modelVariables } from './network.js';
import { presetSpec } from './spec.js';
import { createRunner } from './step-runner.js';

/** Seconds for `steps` timed training steps of each reference model on the active backend. */
export function measureTrainingSeconds(steps = 2, batch = 128): number {
  let seconds = 0;
  for (const preset of ['baseline', 'enhanced'] as const) {
    const spec = presetSpec(preset);
    const model = buildLayersModel(spec, 1);
    const runner = createRunner(spec, modelVariables(model), 0.001, spec.numClasses);
    const x = tf.randomUniform<tf.Rank.R4>([batch, ...spec.inputShape], 0, 1, 'float32', 1);
    const labels = tf.tensor1d(Array.from({ length: batch }, (_, i) => i % spec.numClasses), 'int32');
    try {
      for (let i = 0; i <= steps; i++) {
        const started = performance.now();
        const out = runner.step(x, labels, i);
        out.loss.dataSync();
        tf.dispose([out.loss, out.correct]);
        if (i > 0) seconds += (performance.now() - started) / 1000;
      }
    } finally {
      tf.dispose([x, labels]);
      runner.dispose();
      model.dispose();
    }
  }
  return seconds;
}
