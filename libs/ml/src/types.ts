/**
 * The public contract of the training engine. The worker, registry and benchmarks code
 * against these types only.
 */

/** Backends in order of preference; 'auto' picks the best that loads. */
export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
export type BackendPreference = BackendName | 'auto';

export interface BackendInfo {
  /** What was chosen and is active in this process. */
  name: BackendName;
  /** tfjs backend id as registered ('tensorflow', 'wasm', 'cpu'). */
  tfBackend: string;
  /** Versions of the tfjs packages in use, for provenance. */
  versions: Record<string, string>;
  /** Extra detail: GPU visible, native BLAS addon loaded, wasm SIMD/threads, ... */
  details: Record<string, string | number | boolean>;
}

/** Model specs, presets, architecture knobs and training parameters: see @trialgrid/contracts (engine.ts). */
export type { ArchitectureParams, LayerSpec, ModelSpec, PresetName, TrainParams } from '@trialgrid/contracts';
import type { ModelSpec, TrainParams } from '@trialgrid/contracts';

export interface DatasetOptions {
  /** Directory with the four IDX files (gzip or raw). */
  dir: string;
  /** Dataset name, recorded with the run ('mnist', 'fashion-mnist', ...). */
  name?: string;
  /** Use only the first N training / test images (quick runs and tests). */
  trainLimit?: number;
  testLimit?: number;
  /** Verify SHA256SUMS when the directory has one (default true). */
  verifyChecksums?: boolean;
  /** [height, width, channels] the images must have (default: whatever the files say, train and test alike). */
  imageShape?: readonly [number, number, number];
  /** Labels must be below this (default 10, MNIST's digits). */
  numClasses?: number;
}

export interface Dataset {
  name: string;
  /** Images scaled to [0,1], row-major N×H×W×C (channels last; MNIST: N×28×28×1). */
  trainImages: Float32Array;
  trainLabels: Uint8Array;
  testImages: Float32Array;
  testLabels: Uint8Array;
  imageShape: [number, number, number];
  numClasses: number;
}

export interface EpochMetrics {
  /** 0-based epoch index (the metric step). */
  epoch: number;
  train_loss: number;
  train_accuracy: number;
  val_loss: number;
  val_accuracy: number;
  /** Seconds this epoch took (training and validation). */
  seconds: number;
  /** Training images per second of the epoch's training part. */
  imagesPerSecond: number;
  /** Training images the epoch trained on (checkpoints written before 2026-11-30 lack it). */
  images: number;
}

export interface BatchProgress {
  epoch: number;
  batch: number;
  batchesPerEpoch: number;
  loss: number;
}

export interface Checkpoint {
  /** Epochs completed; training resumes at this epoch index. */
  epochsDone: number;
  dir: string;
}

export interface TrainOptions {
  spec: ModelSpec;
  params: TrainParams;
  data: Dataset;
  /** Called after each epoch, awaited before the next starts (metric publishing). */
  onEpoch?: (m: EpochMetrics) => void | Promise<void>;
  /** Called every few batches (progress bars, heartbeats). */
  onBatch?: (p: BatchProgress) => void | Promise<void>;
  /** Checked between batches; when it returns true, training stops after the current batch. */
  shouldStop?: () => boolean;
  /** Write a checkpoint here after every epoch (weights + optimizer state + epoch). */
  checkpointDir?: string;
  /** Resume from the checkpoint in this directory, if it holds one. */
  resumeFrom?: string;
}

export interface TrainResult {
  status: 'completed' | 'stopped';
  epochs: EpochMetrics[];
  test_loss: number;
  test_accuracy: number;
  /** confusion[true][predicted], 10×10 counts. */
  confusionMatrix: number[][];
  perClassAccuracy: number[];
  trainingSeconds: number;
  imagesPerSecond: number;
  paramCount: number;
  backend: BackendInfo;
  /** Set when per-trial early stopping ended training before `params.epochs` (the trial still completes). */
  earlyStopped?: { afterEpochs: number; metric: 'val_loss' | 'val_accuracy'; patience: number };
}

/** A trained model in memory, ready to save or predict. */
export interface TrainedModel {
  spec: ModelSpec;
  /** Saves in the TensorFlow.js layers format (model.json + weights.bin); returns bytes written. */
  save(dir: string): Promise<{ dir: string; sizeBytes: number }>;
  /** Class probabilities for N images (N×28×28 values in [0,1]). */
  predict(images: Float32Array, count: number): Promise<{ probabilities: number[][]; classes: number[] }>;
  dispose(): void;
}
