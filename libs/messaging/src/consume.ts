/**
 * Consuming typed messages. Every message is decoded and validated before a handler sees it;
 * a malformed one is logged and terminated so it can neither crash the service nor block the
 * queue. Handler outcome decides the acknowledgement:
 *   resolves → ack; throws a non-retryable AppError (INVALID_INPUT, NOT_FOUND, CONFLICT,
 *   DATA_CORRUPT) → term; throws anything else → nak with exponential backoff.
 *
 * ```ts
 * const sub = consumeJs(m, {
 *   stream: m.streams.events, consumer: m.streams.schedulerConsumer,
 *   type: ['trial.started', 'trial.metrics', 'trial.finished'],
 *   handler: async (_data, ctx) => { if (ctx.message.type === 'trial.finished') await persist(ctx.message.data); },
 * });
 * await sub.stop();
 * ```
 */
import type { Consumer, ConsumerMessages, JsMsg, StoredMsg } from '@nats-io/jetstream';
import { JetStreamApiCodes, JetStreamApiError, RetentionPolicy } from '@nats-io/jetstream';
import type { Msg, Subscription } from '@nats-io/nats-core';
import { errorMessage, isAppError } from '@trialgrid/errors';
import type { Logger } from '@trialgrid/logger';
import type { MessageOf, MessageType } from './contracts.js';
import type { Messaging } from './connection.js';
import { decodeAny, type AnyMessage } from './envelope.js';

// ---------------------------------------------------------------- outcome policy

const NOT_RETRYABLE = new Set(['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT', 'DATA_CORRUPT']);

/** Whether a handler failure should be retried (nak) rather than dropped (term). */
export function isRetryable(err: unknown): boolean {
  return !(isAppError(err) && NOT_RETRYABLE.has(err.code));
}

export interface BackoffOptions {
  /** Delay before the 2nd delivery (default 1 s); doubles per delivery. */
  initialMs?: number;
  /** Upper bound of the delay (default 60 s). */
  maxMs?: number;
}

/** Redelivery delay after the `deliveryCount`-th delivery failed. */
export function backoffDelay(deliveryCount: number, options: BackoffOptions = {}): number {
  const initial = options.initialMs ?? 1000;
  const max = options.maxMs ?? 60_000;
  const exp = Math.max(0, deliveryCount - 1);
  return Math.min(max, initial * 2 ** Math.min(exp, 30));
}

// ---------------------------------------------------------------- JetStream

export interface JsContext<T extends MessageType> {
  /** The decoded message, discriminated on `type` (narrow with `switch (ctx.message.type)`). */
  message: AnyMessage<T>;
  type: T;
  subject: string;
  /** 1 on the first delivery. */
  deliveryCount: number;
  redelivered: boolean;
  /** Stream sequence of the message (for getStreamMessage/deleteStreamMessage). */
  streamSeq: number;
  /** True when this delivery is the consumer's last (max_deliver reached); -1 max_deliver = never. */
  lastDelivery: boolean;
  /** In-progress ack: resets the ack_wait timer so a long handler is not redelivered. */
  working(): void;
  msg: JsMsg;
}

export type JsHandler<T extends MessageType> = (data: MessageOf<T>, ctx: JsContext<T>) => Promise<void> | void;

interface PullTarget<T extends MessageType> {
  stream: string;
  consumer: string;
  /** One message type, or the list of types this consumer accepts (matched on the envelope's type). */
  type: T | readonly T[];
  logger?: Logger;
  backoff?: BackoffOptions;
}

export interface ConsumeJsOptions<T extends MessageType> extends PullTarget<T> {
  handler: JsHandler<T>;
  /** Messages handled at once (default 1). Each slot pulls one message only after its last is settled. */
  concurrency?: number;
  /** Long-poll duration of each pull request (default 5 s, minimum 1 s). */
  expiresMs?: number;
  /** If set, call working() every this many ms while the handler runs. */
  autoWorkingMs?: number;
}

export interface ConsumerHandle {
  /** Stop pulling, wait for in-flight handlers to settle. Idempotent. */
  stop(): Promise<void>;
}

function typeList<T extends MessageType>(type: T | readonly T[]): readonly T[] {
  return typeof type === 'string' ? [type] : (type);
}

function sleep(ms: number, signal?: { stopped: boolean }): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = (): void => {
      if (signal?.stopped || Date.now() - started >= ms) resolve();
      else setTimeout(tick, Math.min(100, ms));
    };
    setTimeout(tick, Math.min(100, ms));
  });
}

/** A decoded delivery, or a reason it was rejected. Malformed messages are termed here. */
function decodeDelivery<T extends MessageType>(m: Messaging, msg: JsMsg, types: readonly T[], target: Target, logger: Logger): JsContext<T> | null {
  let message: AnyMessage<T>;
  try {
    message = decodeAny(types, msg.data);
  } catch (err) {
    logger.warn(
      {
        subject: msg.subject,
        streamSeq: msg.seq,
        err: errorMessage(err),
        details: isAppError(err) ? err.details : undefined,
      },
      'terminating malformed message',
    );
    terminate(m, msg, 'malformed message', target, logger);
    return null;
  }
  const deliveryCount = msg.info.deliveryCount;
  return {
    message,
    type: message.type,
    subject: msg.subject,
    deliveryCount,
    redelivered: msg.redelivered,
    streamSeq: msg.seq,
    lastDelivery: target.maxDeliver > 0 && deliveryCount >= target.maxDeliver,
    working: () => msg.working(),
    msg,
  };
}

/** Apply the ack policy to a handler failure. */
function settleFailure(
  m: Messaging,
  target: Target,
  msg: JsMsg,
  err: unknown,
  ctx: { deliveryCount: number; type: string },
  logger: Logger,
  backoff?: BackoffOptions,
): void {
  const fields = { subject: msg.subject, streamSeq: msg.seq, type: ctx.type, deliveryCount: ctx.deliveryCount, err: errorMessage(err) };
  if (isRetryable(err)) {
    const delayMs = backoffDelay(ctx.deliveryCount, backoff);
    logger.warn({ ...fields, delayMs }, 'handler failed; will redeliver');
    msg.nak(delayMs);
  } else {
    logger.warn({ ...fields, code: isAppError(err) ? err.code : undefined }, 'handler rejected message; terminating');
    terminate(m, msg, errorMessage(err).slice(0, 200), target, logger);
  }
}

interface Target {
  c: Consumer;
  maxDeliver: number;
  /** Terminated messages must be deleted by hand from a work-queue stream (see terminate()). */
  workQueue: boolean;
}

async function lookupConsumer(m: Messaging, stream: string, consumer: string): Promise<Target> {
  const c = await m.js.consumers.get(stream, consumer);
  const info = await c.info(true);
  const si = await m.jsm.streams.info(stream);
  return { c, maxDeliver: info.config.max_deliver ?? -1, workQueue: si.config.retention === RetentionPolicy.Workqueue };
}

// fetchOne() is called in a loop (every few seconds per worker slot): cache the consumer
// handle and its settings briefly instead of two API round trips per pull.
const TARGET_TTL_MS = 30_000;
const targets = new WeakMap<Messaging, Map<string, { at: number; target: Promise<Target> }>>();

function getConsumer(m: Messaging, stream: string, consumer: string): Promise<Target> {
  let byKey = targets.get(m);
  if (!byKey) {
    byKey = new Map<string, { at: number; target: Promise<Target> }>();
    targets.set(m, byKey);
  }
  const cache = byKey;
  const key = `${stream}\u0000${consumer}`;
  const hit = byKey.get(key);
  if (hit && Date.now() - hit.at < TARGET_TTL_MS) return hit.target;
  const target = lookupConsumer(m, stream, consumer);
  byKey.set(key, { at: Date.now(), target });
  target.catch(() => cache.delete(key));
  return target;
}

function forgetConsumer(m: Messaging, stream: string, consumer: string): void {
  targets.get(m)?.delete(`${stream}\u0000${consumer}`);
}

/**
 * term() a message. nats-server 2.9 keeps a terminated message in a WorkQueue stream (it is
 * never redelivered, but it stays stored forever), so there we also delete it.
 */
function terminate(m: Messaging, msg: JsMsg, reason: string, target: Pick<Target, 'workQueue'>, logger: Logger): void {
  msg.term(reason);
  if (!target.workQueue) return;
  const stream = msg.info.stream;
  deleteStreamMessage(m, stream, msg.seq).catch((err: unknown) => {
    logger.warn({ stream, streamSeq: msg.seq, err: errorMessage(err) }, 'could not delete terminated message');
  });
}

/**
 * Pull one message with a fetch of size 1 and hand the fetch to `track` so a stopper can
 * close it early. Returns null when the pull expired empty.
 */
async function pullOne(c: Consumer, expiresMs: number, track: (iter: ConsumerMessages | undefined) => void): Promise<JsMsg | null> {
  const iter = await c.fetch({ max_messages: 1, expires: Math.max(1000, expiresMs) });
  track(iter);
  try {
    for await (const msg of iter) return msg;
    return null;
  } finally {
    track(undefined);
  }
}

/** Long-running handler loop over a durable pull consumer. */
export function consumeJs<T extends MessageType>(m: Messaging, options: ConsumeJsOptions<T>): ConsumerHandle {
  const logger = (options.logger ?? m.logger).child({ stream: options.stream, consumer: options.consumer });
  const types = typeList(options.type);
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const expiresMs = options.expiresMs ?? 5000;
  const state = { stopped: false };
  const open = new Set<ConsumerMessages>();
  let target: Promise<Target> | undefined;

  const slot = async (): Promise<void> => {
    let failures = 0;
    while (!state.stopped) {
      let current: ConsumerMessages | undefined;
      try {
        target ??= getConsumer(m, options.stream, options.consumer);
        const t = await target;
        const msg = await pullOne(t.c, expiresMs, (iter) => {
          if (current) open.delete(current);
          current = iter;
          if (iter) open.add(iter);
          // stop() may have run between fetch() and here: close at once.
          if (iter && state.stopped) void iter.close();
        });
        failures = 0;
        if (!msg) continue;
        const ctx = decodeDelivery(m, msg, types, t, logger);
        if (!ctx) continue;
        const timer = options.autoWorkingMs ? setInterval(() => msg.working(), options.autoWorkingMs) : undefined;
        try {
          await options.handler(ctx.message.data, ctx);
          msg.ack();
        } catch (err) {
          settleFailure(m, t, msg, err, ctx, logger, options.backoff);
        } finally {
          if (timer) clearInterval(timer);
        }
      } catch (err) {
        if (state.stopped) break;
        if (m.nc.isClosed()) {
          // Closed under us (shutdown order wrong, or a fatal auth error): nothing to retry.
          logger.warn({ err: errorMessage(err) }, 'connection closed; consumer loop ends');
          break;
        }
        target = undefined;
        forgetConsumer(m, options.stream, options.consumer);
        failures++;
        const wait = backoffDelay(failures, { initialMs: 500, maxMs: 10_000 });
        logger.warn({ err: errorMessage(err), retryInMs: wait }, 'pull failed; retrying');
        await sleep(wait, state);
      }
    }
  };

  const loops = Array.from({ length: concurrency }, () => slot());
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        state.stopped = true;
        await Promise.allSettled([...open].map((iter) => iter.close()));
        await Promise.allSettled(loops);
      })();
      return stopping;
    },
  };
}

export interface FetchOneOptions<T extends MessageType> extends PullTarget<T> {
  /** How long to wait for a message (default 5 s, minimum 1 s). */
  expiresMs?: number;
  /** Abort the wait early (e.g. on shutdown); resolves null. */
  signal?: AbortSignal;
}

export interface JsDelivery<T extends MessageType> extends JsContext<T> {
  data: MessageOf<T>;
  ack(): void;
  /** Redeliver after `delayMs` (default: backoff by delivery count). */
  nak(delayMs?: number): void;
  /** Terminate (never redeliver); on a work-queue stream the message is also deleted. */
  term(reason?: string): void;
  /** Settle a failure with the same policy as consumeJs (term if not retryable, else nak with backoff). */
  fail(err: unknown): void;
}

/**
 * Pull exactly one valid message (or null when none arrived in time). Nothing else is
 * pulled, so a worker using it never holds a second trial. The caller must settle the
 * delivery with ack()/nak()/term()/fail(). Malformed messages met on the way are termed.
 */
export async function fetchOne<T extends MessageType>(m: Messaging, options: FetchOneOptions<T>): Promise<JsDelivery<T> | null> {
  const logger = (options.logger ?? m.logger).child({ stream: options.stream, consumer: options.consumer });
  const types = typeList(options.type);
  const deadline = Date.now() + Math.max(1000, options.expiresMs ?? 5000);
  const target = await getConsumer(m, options.stream, options.consumer);
  let current: ConsumerMessages | undefined;
  const onAbort = (): void => void current?.close();
  options.signal?.addEventListener('abort', onAbort);
  try {
    while (!options.signal?.aborted) {
      const left = deadline - Date.now();
      if (left < 1000) return null;
      let msg: JsMsg | null;
      try {
        msg = await pullOne(target.c, left, (iter) => {
          current = iter;
          if (iter && options.signal?.aborted) void iter.close();
        });
      } catch (err) {
        forgetConsumer(m, options.stream, options.consumer);
        throw err;
      }
      if (!msg) return null;
      const ctx = decodeDelivery(m, msg, types, target, logger);
      if (!ctx) continue;
      return {
        ...ctx,
        data: ctx.message.data,
        ack: () => msg.ack(),
        nak: (delayMs) => msg.nak(delayMs ?? backoffDelay(ctx.deliveryCount, options.backoff)),
        term: (reason) => terminate(m, msg, reason ?? 'terminated', target, logger),
        fail: (err) => settleFailure(m, target, msg, err, ctx, logger, options.backoff),
      };
    }
    return null;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

// ---------------------------------------------------------------- core NATS

export interface CoreContext {
  subject: string;
  msg: Msg;
}

export interface SubscribeCoreOptions {
  /** Queue group: each message goes to one member only. */
  queue?: string;
  logger?: Logger;
}

/**
 * Subscribe to core NATS messages of one type. Malformed messages are logged and dropped;
 * handler errors are logged. Returns an unsubscribe function.
 */
export function subscribeCore<T extends MessageType>(
  m: Messaging,
  subject: string,
  type: T,
  handler: (data: MessageOf<T>, ctx: CoreContext) => Promise<void> | void,
  options: SubscribeCoreOptions = {},
): () => void {
  const logger = (options.logger ?? m.logger).child({ subject, type });
  const sub: Subscription = m.nc.subscribe(subject, {
    ...(options.queue === undefined ? {} : { queue: options.queue }),
    callback: (err, msg) => {
      if (err) {
        logger.error({ err: errorMessage(err) }, 'subscription error');
        return;
      }
      let data: MessageOf<T>;
      try {
        data = decodeAny([type], msg.data).data;
      } catch (e) {
        logger.warn({ subject: msg.subject, err: errorMessage(e), details: isAppError(e) ? e.details : undefined }, 'dropping malformed message');
        return;
      }
      void (async () => {
        try {
          await handler(data, { subject: msg.subject, msg });
        } catch (e) {
          logger.error({ subject: msg.subject, err: errorMessage(e) }, 'handler failed');
        }
      })();
    },
  });
  return () => {
    if (!sub.isClosed()) sub.unsubscribe();
  };
}

// ---------------------------------------------------------------- exhausted messages

export interface MaxDeliveriesAdvisory {
  stream: string;
  consumer: string;
  streamSeq: number;
  deliveries: number;
}

/**
 * Call `handler(streamSeq)` whenever a message of `stream`/`consumer` exhausts max_deliver.
 * This is a core NATS advisory: if nobody listens when it fires it is lost, so pair it with
 * a periodic check of the consumer's pending messages where that matters.
 */
export function onMaxDeliveries(
  m: Messaging,
  stream: string,
  consumer: string,
  handler: (streamSeq: number, advisory: MaxDeliveriesAdvisory) => Promise<void> | void,
  options: { logger?: Logger } = {},
): () => void {
  const logger = (options.logger ?? m.logger).child({ stream, consumer, component: 'max-deliveries' });
  const sub = m.nc.subscribe(m.subjects.maxDeliveriesAdvisory(stream, consumer), {
    callback: (err, msg) => {
      if (err) {
        logger.error({ err: errorMessage(err) }, 'advisory subscription error');
        return;
      }
      let advisory: MaxDeliveriesAdvisory;
      try {
        const raw = msg.json<{ stream?: string; consumer?: string; stream_seq?: number; deliveries?: number }>();
        if (typeof raw.stream_seq !== 'number') throw new Error('advisory without stream_seq');
        advisory = { stream, consumer, streamSeq: raw.stream_seq, deliveries: raw.deliveries ?? 0 };
      } catch (e) {
        logger.warn({ err: errorMessage(e) }, 'ignoring unreadable advisory');
        return;
      }
      void (async () => {
        try {
          await handler(advisory.streamSeq, advisory);
        } catch (e) {
          logger.error({ streamSeq: advisory.streamSeq, err: errorMessage(e) }, 'max-deliveries handler failed');
        }
      })();
    },
  });
  return () => {
    if (!sub.isClosed()) sub.unsubscribe();
  };
}

function isNoMessage(err: unknown): boolean {
  if (!(err instanceof JetStreamApiError)) return false;
  // get → 10037; delete of a missing sequence → 10057 ("no message found").
  return err.code === JetStreamApiCodes.NoMessageFound || (err.code === 10057 && /no message found/i.test(err.message));
}

/** Read a stored message by stream sequence (null when it no longer exists). Decode with decode()/decodeAny(). */
export async function getStreamMessage(m: Messaging, stream: string, seq: number): Promise<StoredMsg | null> {
  try {
    return await m.jsm.streams.getMessage(stream, { seq });
  } catch (err) {
    if (isNoMessage(err)) return null;
    throw err;
  }
}

/** Remove a message from a stream (e.g. an exhausted dispatch stuck in the work queue). False if already gone. */
export async function deleteStreamMessage(m: Messaging, stream: string, seq: number): Promise<boolean> {
  try {
    return await m.jsm.streams.deleteMessage(stream, seq);
  } catch (err) {
    if (isNoMessage(err)) return false;
    throw err;
  }
}
