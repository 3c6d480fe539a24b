/**
 * The optimisation step behind train(): the native TensorFlow step (native-step.ts) when the
 * tensorflow backend is active and supports the model, else tfjs ops on the tape with the
 * one-pass Adam of adam.ts (wasm, cpu). Both keep the checkpoint layout of AdamState.
 */
import * as tf from '@tensorflow/tfjs';
import { Adam, type AdamState } from './adam.js';
import { NativeTrainer, nativeStepUnsupported } from './native-step.js';
import { forwardLogits } from './network.js';
import type { ModelSpec } from './types.js';

/** One optimisation step per batch, and the optimizer state a checkpoint keeps. */
export interface StepRunner {
  /** Which implementation runs: 'native' (native-step.ts) or 'tape' (tfjs ops + variableGrads). */
  readonly kind: 'native' | 'tape';
  /** Trains on one batch; returns its mean loss and correct-prediction count (caller disposes). */
  step(x: tf.Tensor4D, labels: tf.Tensor1D, dropoutSeed: number): { loss: tf.Scalar; correct: tf.Scalar };
  /** Makes the model's tfjs variables hold the current weights (before evaluating or saving). */
  syncWeights(): void;
  getState(): AdamState;
  setState(state: AdamState): void;
  dispose(): void;
}

/** The generic step: tfjs ops recorded on the tape, then the one-pass Adam of adam.ts. */
function tapeRunner(spec: ModelSpec, vars: tf.Variable[], learningRate: number, numClasses: number): StepRunner {
  const optimizer = new Adam(learningRate);
  return {
    kind: 'tape',
    step(x, labels, dropoutSeed) {
      let correct: tf.Scalar | undefined;
      const y = tf.oneHot(labels, numClasses);
      try {
        const { value: loss, grads } = tf.variableGrads(() => {
          const logits = forwardLogits(spec, vars, x, dropoutSeed);
          correct = tf.keep(tf.sum<tf.Tensor>(tf.cast(tf.equal(tf.argMax(logits, 1), labels), "int32")) as tf.Scalar);
          const batchLoss: tf.Scalar = tf.losses.softmaxCrossEntropy(y, logits);
          return batchLoss;
        }, vars);
        const gradList = vars.map((v) => grads[v.name]!);
        try {
          optimizer.apply(vars, gradList);
        } finally {
          tf.dispose(gradList);
        }
        return { loss, correct: correct! };
      } catch (err) {
        correct?.dispose();
        throw err;
      } finally {
        y.dispose();
      }
    },
    syncWeights: () => undefined,
    getState: () => optimizer.getState(),
    setState: (state) => optimizer.setState(state),
    dispose: () => undefined,
  };
}

/** The native step when the tensorflow backend is active and supports the model, else the tape. */
export function createRunner(spec: ModelSpec, vars: tf.Variable[], learningRate: number, numClasses: number): StepRunner {
  if (tf.getBackend() === 'tensorflow' && nativeStepUnsupported(spec) === undefined) {
    const native = new NativeTrainer(spec, vars, learningRate);
    return {
      kind: 'native',
      step: (x, labels, dropoutSeed) => native.step(x, labels, dropoutSeed),
      syncWeights: () => native.syncWeights(),
      getState: () => native.getState(),
      setState: (state) => native.setState(state),
      dispose: () => native.dispose(),
    };
  }
  return tapeRunner(spec, vars, learningRate, numClasses);
}
