/**
 * Streams and durable consumers of one deployment prefix (TRIALS: `workers`; EVENTS:
 * `scheduler` on events.trial.>, `registry` on events.experiment.*.finished), declared idempotently: every
 * service may call ensureTopology() at boot; the first creates, later calls update.
 *
 * ```ts
 * await ensureTopology(m, { ackWaitMs: 60_000, maxDeliver: 3 });
 * ```
 */
import { nanos } from '@nats-io/nats-core';
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type StreamConfig,
} from '@nats-io/jetstream';
import type { Messaging } from './connection.js';

export interface TopologyOptions {
  /** ack_wait of the `workers` consumer: how long a worker may stay silent before its trial is redelivered. */
  ackWaitMs: number;
  /** max_deliver of the `workers` consumer (1 = never redeliver). */
  maxDeliver: number;
  /** max_ack_pending of `workers` (default 10 000: one per in-flight trial across the cluster). */
  maxAckPending?: number;
  /** How long the events stream keeps messages (default 7 days). */
  eventsMaxAgeMs?: number;
  /** Deduplication window for msgID headers (default 2 minutes). */
  duplicateWindowMs?: number;
  /** ack_wait of the `scheduler` consumer (default 30 s). */
  schedulerAckWaitMs?: number;
  /**
   * max_deliver of the `scheduler` consumer (default -1: unlimited). Its handlers fail only on
   * infrastructure errors (Postgres or NATS unreachable; a malformed or unknown event is
   * terminated instead), so a limit would only drop events during a long outage.
   */
  schedulerMaxDeliver?: number;
  /** ack_wait of the `registry` consumer (default 30 s). */
  registryAckWaitMs?: number;
  /** max_deliver of the `registry` consumer (default -1: unlimited, as for `scheduler`). */
  registryMaxDeliver?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function isNotFound(err: unknown): boolean {
  return (
    err instanceof JetStreamApiError &&
    (err.code === JetStreamApiCodes.StreamNotFound || err.code === JetStreamApiCodes.ConsumerNotFound)
  );
}

async function ensureStream(m: Messaging, cfg: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    await m.jsm.streams.info(cfg.name);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    try {
      await m.jsm.streams.add(cfg);
      m.logger.info({ stream: cfg.name }, 'created stream');
      return;
    } catch (addErr) {
      // Another instance may have created it between info() and add(): fall through to update.
      m.logger.debug({ stream: cfg.name, err: String(addErr) }, 'stream add raced; updating');
    }
  }
  const { name, retention: _retention, storage: _storage, ...updatable } = cfg;
  await m.jsm.streams.update(name, updatable);
}

async function ensureConsumer(m: Messaging, stream: string, cfg: Partial<ConsumerConfig> & { durable_name: string }): Promise<void> {
  try {
    await m.jsm.consumers.info(stream, cfg.durable_name);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    try {
      await m.jsm.consumers.add(stream, cfg);
      m.logger.info({ stream, consumer: cfg.durable_name }, 'created consumer');
      return;
    } catch (addErr) {
      m.logger.debug({ stream, consumer: cfg.durable_name, err: String(addErr) }, 'consumer add raced; updating');
    }
  }
  const { durable_name, ack_policy: _ack, deliver_policy: _deliver, ...updatable } = cfg;
  await m.jsm.consumers.update(stream, durable_name, updatable);
}

/** Create or update the TRIALS and EVENTS streams and their `workers` / `scheduler` consumers. */
export async function ensureTopology(m: Messaging, options: TopologyOptions): Promise<void> {
  const { prefix, streams } = m;
  const dupWindow = nanos(options.duplicateWindowMs ?? 120_000);
  await ensureStream(m, {
    name: streams.trials,
    subjects: [`${prefix}.trials.>`],
    // WorkQueue: a dispatch is removed once acked (or termed), so each trial is trained once.
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    duplicate_window: dupWindow,
  });
  await ensureConsumer(m, streams.trials, {
    durable_name: streams.workersConsumer,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(options.ackWaitMs),
    max_deliver: options.maxDeliver,
    max_ack_pending: options.maxAckPending ?? 10_000,
  });
  await ensureStream(m, {
    name: streams.events,
    subjects: [`${prefix}.events.>`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(options.eventsMaxAgeMs ?? 7 * DAY_MS),
    duplicate_window: dupWindow,
  });
  // The scheduler reads worker events only; experiment.finished (which the scheduler itself
  // publishes) goes to the registry's own consumer.
  await ensureConsumer(m, streams.events, {
    durable_name: streams.schedulerConsumer,
    filter_subject: m.subjects.trialEventsAll,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(options.schedulerAckWaitMs ?? 30_000),
    max_deliver: options.schedulerMaxDeliver ?? -1,
    max_ack_pending: 10_000,
  });
  await ensureConsumer(m, streams.events, registryConsumerConfig(m, options));
}

/**
 * The durable `registry` consumer on EVENTS (experiment.*.finished): one definition for
 * ensureTopology and for a registry that starts before the scheduler has declared it.
 */
export function registryConsumerConfig(
  m: Messaging,
  options: Pick<TopologyOptions, 'registryAckWaitMs' | 'registryMaxDeliver'> = {},
): Partial<ConsumerConfig> & { durable_name: string } {
  return {
    durable_name: m.streams.registryConsumer,
    filter_subject: m.subjects.experimentFinishedAll,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(options.registryAckWaitMs ?? 30_000),
    max_deliver: options.registryMaxDeliver ?? -1,
    max_ack_pending: 10_000,
  };
}

/** Delete every stream of this prefix (tests). Missing streams are ignored. */
export async function deleteTopology(m: Messaging): Promise<void> {
  for (const name of [m.streams.trials, m.streams.events]) {
    try {
      await m.jsm.streams.delete(name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
