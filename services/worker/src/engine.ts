/**
 * The worker's view of the training engine (libs/ml). Kept as a small interface so the
 * worker's message handling reads independently of how a model is trained, and so a caller
 * can wrap the real engine (e.g. to count calls) without touching the worker.
 */
import {
  downloadDataset,
  initBackend,
  loadDataset,
  train,
  type BackendInfo,
  type BackendPreference,
  type Dataset,
  type DatasetOptions,
  type InitBackendOptions,
  type TrainOptions,
  type TrainResult,
  type TrainedModel,
} from '@trialgrid/ml';

export interface TrainOutcome {
  result: TrainResult;
  /** The trained model, when training completed (absent when it was stopped). */
  model?: TrainedModel | undefined;
}

export interface TrainingEngine {
  initBackend(preference: BackendPreference, options?: InitBackendOptions): Promise<BackendInfo>;
  loadDataset(options: DatasetOptions): Promise<Dataset>;
  /** Downloads and verifies `checksums`' files (default MNIST's) from `mirror` into `dir`, atomically per file. */
  downloadDataset(options: { mirror: string; dir: string; checksums?: Readonly<Record<string, string>> }): Promise<void>;
  train(options: TrainOptions): Promise<TrainOutcome>;
}

/** The real engine: @trialgrid/ml. */
export function mlEngine(): TrainingEngine {
  return {
    initBackend: (preference, options) => initBackend(preference, options),
    loadDataset: (options) => loadDataset(options),
    downloadDataset: (options) => downloadDataset(options),
    train: (options) => train(options),
  };
}
