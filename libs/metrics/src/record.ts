import { dbPoolConnections, dbPoolMaxConnections, dbPoolWaitingClients, epochDuration, epochImagesPerSecond, trainingImages } from './definitions.js';

/** One finished epoch as the worker saw it. */
export interface EpochObservation {
  /** The worker's id (WORKER_ID). */
  worker: string;
  /** The training backend that ran it (`tensorflow`, `wasm`, …; `unknown` when not known). */
  backend: string;
  /** Wall time of the epoch in seconds. */
  seconds: number;
  /** Training images per second over the epoch's training part (validation excluded). */
  imagesPerSecond: number;
  /** Training images the epoch trained on (its training split, or fewer when stopped). */
  images: number;
}

/**
 * Records one epoch: its duration in `trialgrid_epoch_duration_seconds`, its throughput in
 * `trialgrid_epoch_images_per_second`, and its training images in `trialgrid_training_images_total`.
 * Non-finite or negative figures (a clock step, an epoch of zero images) are skipped.
 */
export function observeEpoch(e: EpochObservation): void {
  const labels = { worker: e.worker, backend: e.backend };
  if (Number.isFinite(e.seconds) && e.seconds >= 0) epochDuration.observe(labels, e.seconds);
  if (Number.isFinite(e.imagesPerSecond) && e.imagesPerSecond >= 0) epochImagesPerSecond.set(labels, e.imagesPerSecond);
  if (Number.isInteger(e.images) && e.images >= 0) trainingImages.inc(labels, e.images);
}

/** The parts of a `pg.Pool` the pool gauges read (structural, so this package needs no `pg`). */
export interface PoolLike {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options: { max?: number | undefined };
}

/**
 * Reports a Postgres pool in `trialgrid_db_pool_connections{state}`, `…_max_connections` and
 * `…_waiting_clients` until the returned function is called (from the pool's close()).
 */
export function watchDbPool(pool: PoolLike): () => void {
  const removers = [
    dbPoolConnections.addSource(() => [
      { labels: { state: 'idle' }, value: pool.idleCount },
      { labels: { state: 'active' }, value: pool.totalCount - pool.idleCount },
    ]),
    dbPoolMaxConnections.addSource(() => [{ value: pool.options.max ?? 10 }]),
    dbPoolWaitingClients.addSource(() => [{ value: pool.waitingCount }]),
  ];
  return () => {
    for (const remove of removers) remove();
  };
}
