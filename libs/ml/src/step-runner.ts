/**
 * The optimisation step behind train(): the native TensorFlow step (native-step.ts) when the
 * tensorflow backend is active and supports the model and its optimizer, else tfjs ops on the
 * tape with the one-pass optimizers of adam.ts (wasm, cpu, and tensorflow for what the native
 * step does not implement). Both keep the checkpoint layout of AdamState.
 */
import * as tf from '@tensorflow/tfjs';
import { resolveTrainOptions } from '@trialgrid/contracts';
import { Adam, SgdMomentum, type AdamState, type Optimizer } from './adam.js';
import { NativeTrainer, nativeStepUnsupported } from './native-step.js';
import { forwardLogits, updateStatistics } from './network.js';
import type { ModelSpec, TrainParams } from './types.js';

/** One optimisation step per batch, and the optimizer state a checkpoint keeps. */
export interface StepRunner {
  /** Which implementation runs: 'native' (native-step.ts) or 'tape' (tfjs ops + variableGrads). */
  readonly kind: 'native' | 'tape';
  /** Sets the learning rate of the following steps (schedules). */
  setLearningRate(learningRate: number): void;
  /** Trains on one batch; returns its mean loss and correct-prediction count (caller disposes). */
  step(x: tf.Tensor4D, labels: tf.Tensor1D, dropoutSeed: number): { loss: tf.Scalar; correct: tf.Scalar };
  /** Makes the model's tfjs variables hold the current weights (before evaluating or saving). */
  syncWeights(): void;
  getState(): AdamState;
  setState(state: AdamState): void;
  dispose(): void;
}

/** The optimizer `params` ask for (default Adam), starting at `learningRate`. */
function tapeOptimizer(learningRate: number, params: TrainParams | undefined): Optimizer {
  if (params === undefined) return new Adam(learningRate);
  const o = resolveTrainOptions(params);
  if (o.optimizer === 'sgd') return new SgdMomentum(learningRate, o.momentum, o.weightDecay);
  return new Adam(learningRate, 0.9, 0.999, 1e-7, o.weightDecay);
}

/**
 * The generic step: tfjs ops recorded on the tape, then a one-pass optimizer of adam.ts; batch
 * normalization's moving statistics (`stats`, modelStatistics order) are updated after each step.
 */
function tapeRunner(spec: ModelSpec, vars: tf.Variable[], learningRate: number, numClasses: number, params: TrainParams | undefined, stats: readonly tf.Variable[]): StepRunner {
  const optimizer = tapeOptimizer(learningRate, params);
  return {
    kind: 'tape',
    setLearningRate: (lr) => (optimizer.learningRate = lr),
    step(x, labels, dropoutSeed) {
      let correct: tf.Scalar | undefined;
      const batchStats: tf.Tensor[] = [];
      const y = tf.oneHot(labels, numClasses);
      try {
        const { value: loss, grads } = tf.variableGrads(() => {
          const logits = forwardLogits(spec, vars, x, dropoutSeed, { batchStats });
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
        if (batchStats.length > 0) updateStatistics(spec, stats, batchStats);
        return { loss, correct: correct! };
      } catch (err) {
        correct?.dispose();
        throw err;
      } finally {
        y.dispose();
        tf.dispose(batchStats);
      }
    },
    syncWeights: () => undefined,
    getState: () => optimizer.getState(),
    setState: (state) => optimizer.setState(state),
    dispose: () => undefined,
  };
}

export interface RunnerOptions {
  /** The trial's training parameters (optimizer, weight decay); default: the seed's Adam. */
  params?: TrainParams;
  /** The model's statistics (network.ts modelStatistics), updated by training steps. */
  stats?: readonly tf.Variable[];
}

/**
 * The native step when the tensorflow backend is active and supports the model and its
 * optimizer (nativeStepUnsupported), else the tape.
 */
export function createRunner(spec: ModelSpec, vars: tf.Variable[], learningRate: number, numClasses: number, opts: RunnerOptions = {}): StepRunner {
  if (tf.getBackend() === 'tensorflow' && nativeStepUnsupported(spec, opts.params) === undefined) {
    const native = new NativeTrainer(spec, vars, learningRate);
    return {
      kind: 'native',
      setLearningRate: (lr) => (native.learningRate = lr),
      step: (x, labels, dropoutSeed) => native.step(x, labels, dropoutSeed),
      syncWeights: () => native.syncWeights(),
      getState: () => native.getState(),
      setState: (state) => native.setState(state),
      dispose: () => native.dispose(),
    };
  }
  return tapeRunner(spec, vars, learningRate, numClasses, opts.params, opts.stats ?? []);
}
