import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { AppError, errorMessage, invalidInput } from '@trialgrid/errors';
import { resolveTrainOptions, validateTrainParams } from '@trialgrid/contracts';
import { activeBackend, initBackend } from './backend.js';
import { wrapModel } from './model-io.js';
import { augmentBatch, augments } from './augment.js';
import { buildLayersModel, forwardLogits, modelStatistics, modelVariables } from './network.js';
import { learningRateAt, shouldStopEarly } from './schedule.js';
import { createRunner, type StepRunner } from './step-runner.js';
import { deriveSeed, mulberry32, permutation } from './rng.js';
import { countParams } from './spec.js';
import type { Dataset, EpochMetrics, ModelSpec, TrainOptions, TrainParams, TrainResult, TrainedModel } from './types.js';

const EVAL_BATCH = 500;
const PROGRESS_EVERY = 10;
const CHECKPOINT_JSON = 'checkpoint.json';

/** The engine's bounds are declared once, in @trialgrid/contracts; the gateway checks the same rule. */
function validateParams(p: TrainParams, trainCount: number): void {
  validateTrainParams(p, trainCount);
}

/** Copies the images at `idx[from..to)` into one batch tensor pair. */
function gatherBatch(data: Dataset, images: Float32Array, labels: Uint8Array, idx: ArrayLike<number>, from: number, to: number) {
  const px = data.imageShape[0] * data.imageShape[1] * data.imageShape[2];
  const n = to - from;
  const xs = new Float32Array(n * px);
  const ys = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const j = idx[from + i]!;
    xs.set(images.subarray(j * px, (j + 1) * px), i * px);
    ys[i] = labels[j]!;
  }
  return { xs, ys, n };
}

interface EvalResult {
  loss: number;
  accuracy: number;
  predictions: Int32Array;
}

/**
 * Inference-mode loss/accuracy over images[from..to) (dropout off). Yields to the event loop
 * after every batch: on a big model or the full test set this runs for many seconds, and the
 * host process must keep sending heartbeats and in-progress acks meanwhile (else its trial is
 * redelivered to a second worker while it is still alive).
 */
async function evaluate(spec: ModelSpec, vars: tf.Tensor[], stats: readonly tf.Tensor[], data: Dataset, images: Float32Array, labels: Uint8Array, from: number, to: number): Promise<EvalResult> {
  const [h, w, c] = data.imageShape;
  const px = h * w * c;
  let lossSum = 0;
  let correct = 0;
  const predictions = new Int32Array(to - from);
  for (let s = from; s < to; s += EVAL_BATCH) {
    const e = Math.min(to, s + EVAL_BATCH);
    const [lossT, predT] = tf.tidy((): [tf.Tensor, tf.Tensor] => {
      const x = tf.tensor4d(images.subarray(s * px, e * px), [e - s, h, w, c]);
      const y = tf.oneHot(tf.tensor1d(labels.subarray(s, e), 'int32'), data.numClasses);
      const logits = forwardLogits(spec, vars, x, undefined, { stats });
      return [tf.losses.softmaxCrossEntropy(y, logits, undefined, 0, tf.Reduction.SUM), tf.argMax(logits, 1)];
    });
    lossSum += lossT.dataSync()[0]!;
    const pred = predT.dataSync();
    lossT.dispose();
    predT.dispose();
    for (let i = 0; i < pred.length; i++) {
      predictions[s - from + i] = pred[i]!;
      if (pred[i] === labels[s + i]) correct++;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const n = Math.max(1, to - from);
  return { loss: lossSum / n, accuracy: correct / n, predictions };
}

// ---- checkpoints -------------------------------------------------------------------------

interface CheckpointFile {
  version: 2;
  epochsDone: number;
  stateFile: string;
  spec: ModelSpec;
  params: TrainParams;
  epochs: EpochMetrics[];
  trainImagesSeen: number;
  trainSeconds: number;
  /** Adam step count. */
  iterations: number;
  /**
   * Float32 arrays in the state file, in order: model/i, then adam_m/i, then adam_v/i (absent
   * for SGD, whose velocity is adam_m), then stats/i (batch-normalization statistics, if any).
   */
  tensors: { name: string; shape: number[] }[];
}

async function writeCheckpoint(
  dir: string,
  meta: Omit<CheckpointFile, 'version' | 'stateFile' | 'tensors' | 'iterations'>,
  vars: tf.Variable[],
  stats: readonly tf.Variable[],
  optimizer: StepRunner,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const state = optimizer.getState();
  const parts: Uint8Array[] = [];
  const tensors: CheckpointFile['tensors'] = [];
  vars.forEach((v, i) => {
    parts.push(new Uint8Array(Float32Array.from(v.dataSync()).buffer));
    tensors.push({ name: `model/${i}`, shape: v.shape });
  });
  for (const [kind, arrays] of [['adam_m', state.m], ['adam_v', state.v]] as const) {
    arrays.forEach((a, i) => {
      parts.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      tensors.push({ name: `${kind}/${i}`, shape: vars[i]!.shape });
    });
  }
  stats.forEach((v, i) => {
    parts.push(new Uint8Array(Float32Array.from(v.dataSync()).buffer));
    tensors.push({ name: `stats/${i}`, shape: v.shape });
  });
  const stateFile = `state-${meta.epochsDone}.bin`;
  const tmp = path.join(dir, `.${stateFile}.tmp`);
  await writeFile(tmp, Buffer.concat(parts));
  await rename(tmp, path.join(dir, stateFile));
  const file: CheckpointFile = { version: 2, stateFile, tensors, iterations: state.iterations, ...meta };
  const jsonTmp = path.join(dir, `.${CHECKPOINT_JSON}.tmp`);
  await writeFile(jsonTmp, JSON.stringify(file));
  // The rename of checkpoint.json is the commit point; older state files go after it.
  await rename(jsonTmp, path.join(dir, CHECKPOINT_JSON));
  for (const f of await readdir(dir)) {
    if (/^state-\d+\.bin$/.test(f) && f !== stateFile) await rm(path.join(dir, f), { force: true });
  }
}

async function readCheckpoint(dir: string): Promise<{ meta: CheckpointFile; state: Buffer } | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dir, CHECKPOINT_JSON), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const meta = JSON.parse(text) as CheckpointFile;
    if (meta.version !== 2) throw new Error(`unsupported checkpoint version ${String(meta.version)}`);
    const state = await readFile(path.join(dir, meta.stateFile));
    return { meta, state };
  } catch (err) {
    throw new AppError('DATA_CORRUPT', `checkpoint in ${dir} is unreadable: ${errorMessage(err)}`, { cause: err });
  }
}

function restore(ckpt: { meta: CheckpointFile; state: Buffer }, vars: tf.Variable[], stats: readonly tf.Variable[], optimizer: StepRunner): void {
  const { meta, state } = ckpt;
  const arrays = new Map<string, { shape: number[]; values: Float32Array }>();
  let off = 0;
  for (const t of meta.tensors) {
    const n = t.shape.reduce((a, b) => a * b, 1);
    if (off + n * 4 > state.byteLength) throw new AppError('DATA_CORRUPT', `checkpoint state ${meta.stateFile} is truncated`);
    arrays.set(t.name, { shape: t.shape, values: new Float32Array(new Uint8Array(state.subarray(off, off + n * 4)).buffer) });
    off += n * 4;
  }
  const fits = (name: string, shape: number[]) => {
    const a = arrays.get(name);
    return a !== undefined && tf.util.arraysEqual(a.shape, shape);
  };
  // Second moments are all there (Adam) or all absent (SGD keeps only a velocity, in adam_m).
  const hasV = arrays.has('adam_v/0');
  if (
    vars.some((v, i) => !fits(`model/${i}`, v.shape) || !fits(`adam_m/${i}`, v.shape) || (hasV && !fits(`adam_v/${i}`, v.shape))) ||
    arrays.has(`model/${vars.length}`) ||
    stats.some((v, i) => !fits(`stats/${i}`, v.shape)) ||
    arrays.has(`stats/${stats.length}`)
  ) {
    throw new AppError('CONFLICT', 'checkpoint does not match this model spec', { details: { stateFile: meta.stateFile } });
  }
  [...vars.map((v, i) => [v, `model/${i}`] as const), ...stats.map((v, i) => [v, `stats/${i}`] as const)].forEach(([v, name]) => {
    const t = tf.tensor(arrays.get(name)!.values, v.shape, 'float32');
    v.assign(t);
    t.dispose();
  });
  optimizer.setState({
    iterations: meta.iterations,
    m: vars.map((_, i) => arrays.get(`adam_m/${i}`)!.values),
    v: hasV ? vars.map((_, i) => arrays.get(`adam_v/${i}`)!.values) : [],
  });
}

// ---- training ----------------------------------------------------------------------------

/**
 * Trains `spec` on `data` with categorical cross-entropy, Keras-style: the last validationSplit
 * of the training arrays is held out before shuffling, batches are reshuffled each epoch from
 * the seed. The optimizer (Adam by default, AdamW, SGD with momentum), the learning-rate
 * schedule and warm-up (schedule.ts), augmentation of the training batches (augment.ts) and
 * per-trial early stopping follow `params` (contracts' resolveTrainOptions). Resolves with
 * metrics and the trained model (caller disposes it); an early-stopped trial completes, with
 * `result.earlyStopped` set.
 */
export async function train(opts: TrainOptions): Promise<{ result: TrainResult; model: TrainedModel }> {
  const { spec, params, data } = opts;
  const backend = activeBackend() ?? (await initBackend());
  const total = data.trainLabels.length;
  validateParams(params, total);
  if (!tf.util.arraysEqual(spec.inputShape, data.imageShape) || spec.numClasses !== data.numClasses) {
    throw invalidInput(`model expects ${spec.inputShape.join('×')} inputs and ${spec.numClasses} classes, dataset has ${data.imageShape.join('×')} and ${data.numClasses}`);
  }
  if (data.trainImages.length !== total * data.imageShape[0] * data.imageShape[1] * data.imageShape[2]) {
    throw invalidInput('dataset trainImages and trainLabels disagree in length');
  }
  const paramCount = countParams(spec);
  const splitAt = Math.floor(total * (1 - params.validationSplit));
  const [h, w, c] = data.imageShape;

  const started = performance.now();
  const model = buildLayersModel(spec, params.seed);
  const vars = modelVariables(model);
  const stats = modelStatistics(model);
  const options = resolveTrainOptions(params);
  const optimizer = createRunner(spec, vars, params.learningRate, data.numClasses, { params, stats });
  let earlyStopped: TrainResult['earlyStopped'];
  let succeeded = false;
  try {
    const epochs: EpochMetrics[] = [];
    let startEpoch = 0;
    let imagesSeen = 0;
    let trainSeconds = 0;
    if (opts.resumeFrom !== undefined) {
      const ckpt = await readCheckpoint(opts.resumeFrom);
      if (ckpt !== undefined) {
        restore(ckpt, vars, stats, optimizer);
        startEpoch = ckpt.meta.epochsDone;
        epochs.push(...ckpt.meta.epochs);
        imagesSeen = ckpt.meta.trainImagesSeen;
        trainSeconds = ckpt.meta.trainSeconds;
      }
    }

    let status: TrainResult['status'] = 'completed';
    const batchesPerEpoch = Math.ceil(splitAt / params.batchSize);
    // A resumed trial that had already met its early-stopping rule trains no further.
    const stopRule = () => shouldStopEarly(epochs, options.earlyStoppingMetric, options.earlyStoppingPatience);
    for (let epoch = startEpoch; epoch < params.epochs && status === 'completed' && !stopRule(); epoch++) {
      const epochStart = performance.now();
      const order = permutation(splitAt, mulberry32(deriveSeed(params.seed, 1, epoch)));
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      for (let b = 0; b < batchesPerEpoch; b++) {
        const { xs, ys, n } = gatherBatch(data, data.trainImages, data.trainLabels, order, b * params.batchSize, Math.min(splitAt, (b + 1) * params.batchSize));
        if (augments(options)) augmentBatch(xs, n, data.imageShape, options, mulberry32(deriveSeed(params.seed, 3, epoch, b)));
        optimizer.setLearningRate(learningRateAt(params.learningRate, options, { epoch, batch: b, batchesPerEpoch, epochs: params.epochs }, epochs));
        const x = tf.tensor4d(xs, [n, h, w, c]);
        const labels = tf.tensor1d(ys, 'int32');
        let loss: number;
        try {
          const out = optimizer.step(x, labels, deriveSeed(params.seed, 2, epoch, b));
          try {
            loss = out.loss.dataSync()[0]!;
            correct += out.correct.dataSync()[0]!;
          } finally {
            tf.dispose([out.loss, out.correct]);
          }
        } finally {
          tf.dispose([x, labels]);
        }
        lossSum += loss * n;
        seen += n;
        if (opts.onBatch !== undefined && ((b + 1) % PROGRESS_EVERY === 0 || b + 1 === batchesPerEpoch)) {
          await opts.onBatch({ epoch, batch: b, batchesPerEpoch, loss });
        }
        // Yield to the event loop between batches: training is synchronous work, and the
        // host process (a worker) must keep answering heartbeats and stop requests.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (opts.shouldStop?.() === true) {
          status = 'stopped';
          break;
        }
      }
      const fitSeconds = (performance.now() - epochStart) / 1000;
      trainSeconds += fitSeconds;
      imagesSeen += seen;
      if (status === 'stopped') break;
      optimizer.syncWeights();
      const val = splitAt < total ? await evaluate(spec, vars, stats, data, data.trainImages, data.trainLabels, splitAt, total) : { loss: NaN, accuracy: NaN };
      const metrics: EpochMetrics = {
        epoch,
        train_loss: lossSum / seen,
        train_accuracy: correct / seen,
        val_loss: val.loss,
        val_accuracy: val.accuracy,
        seconds: (performance.now() - epochStart) / 1000,
        imagesPerSecond: seen / fitSeconds,
        images: seen,
      };
      epochs.push(metrics);
      if (opts.checkpointDir !== undefined) {
        await writeCheckpoint(opts.checkpointDir, { epochsDone: epoch + 1, spec, params, epochs, trainImagesSeen: imagesSeen, trainSeconds }, vars, stats, optimizer);
      }
      if (opts.onEpoch !== undefined) await opts.onEpoch(metrics);
    }
    if (status === 'completed' && epochs.length < params.epochs && stopRule()) {
      earlyStopped = { afterEpochs: epochs.length, metric: options.earlyStoppingMetric, patience: options.earlyStoppingPatience };
    }

    optimizer.syncWeights();
    const test = await evaluate(spec, vars, stats, data, data.testImages, data.testLabels, 0, data.testLabels.length);
    const k = data.numClasses;
    const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    test.predictions.forEach((p, i) => confusion[data.testLabels[i]!]![p]!++);
    const perClassAccuracy = confusion.map((row, i) => {
      const n = row.reduce((a, b) => a + b, 0);
      return n === 0 ? 0 : row[i]! / n;
    });
    const result: TrainResult = {
      status,
      epochs,
      test_loss: test.loss,
      test_accuracy: test.accuracy,
      confusionMatrix: confusion,
      perClassAccuracy,
      trainingSeconds: (performance.now() - started) / 1000,
      imagesPerSecond: trainSeconds > 0 ? imagesSeen / trainSeconds : 0,
      paramCount,
      backend,
      ...(earlyStopped !== undefined ? { earlyStopped } : {}),
    };
    succeeded = true;
    return { result, model: wrapModel(model, spec) };
  } finally {
    optimizer.dispose();
    if (!succeeded) model.dispose();
  }
}
