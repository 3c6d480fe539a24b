/**
 * @trialgrid/worker: trains trial dispatches from JetStream with libs/ml.
 * `main.ts` runs it as a service; tests and tools embed it with createWorker().
 */
export { createWorker, type Worker, type WorkerDeps, type WorkerStatus } from './worker.js';
export { workerEnv, toWorkerConfig, loadWorkerConfig, type WorkerConfig, type WorkerEnvConfig } from './config.js';
export { createArtifactStore, relativeToStore, type ArtifactStore, type ArtifactStoreOptions, type StoredArtifact } from './artifacts.js';
export { mlEngine, type TrainingEngine, type TrainOutcome } from './engine.js';
export { resolveGitCommit } from './provenance.js';
