/**
 * Publishing typed messages. JetStream publishes are stored (and deduplicated by msgID within
 * the stream's duplicate window); core publishes are fire-and-forget notifications.
 *
 * ```ts
 * await publishJs(m, m.subjects.trialDispatch, 'trial.dispatch', dispatch, { msgID: `dispatch-${trialId}-1` });
 * publishCore(m, m.subjects.workerHeartbeat, 'worker.heartbeat', beat);
 * ```
 */
import { AppError, errorMessage } from '@trialgrid/errors';
import type { MessageOf, MessageType } from './contracts.js';
import type { Messaging } from './connection.js';
import { encode } from './envelope.js';

export interface PublishJsOptions {
  /** Deduplication id: the same msgID published twice within the window is stored once. */
  msgID?: string;
  /** Publish ack timeout of one try (default: the client's, 5 s). */
  timeoutMs?: number;
  /**
   * Keep trying for this long (ms) when a try fails (timeout while NATS restarts, no
   * responders while JetStream comes back): the same payload and msgID each time, so a try
   * that was stored but whose ack was lost is deduplicated. Default 0: one try.
   */
  retryForMs?: number;
  /** Stops the retries early (the last error is thrown). */
  signal?: AbortSignal;
  /** Called before each retry (logging). */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

export interface PublishResult {
  stream: string;
  seq: number;
  /** True when the server recognised msgID as a duplicate and did not store it again. */
  duplicate: boolean;
}

/**
 * Publish one message to JetStream and wait for the stream's ack.
 * Throws AppError UNAVAILABLE when it was not stored (after `retryForMs` of tries, if set).
 */
export async function publishJs<T extends MessageType>(
  m: Messaging,
  subject: string,
  type: T,
  data: MessageOf<T>,
  options: PublishJsOptions = {},
): Promise<PublishResult> {
  const payload = encode(type, data);
  const giveUpAt = Date.now() + (options.retryForMs ?? 0);
  for (let attempt = 1; ; attempt++) {
    try {
      const ack = await m.js.publish(subject, payload, {
        ...(options.msgID === undefined ? {} : { msgID: options.msgID }),
        ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
      });
      return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate };
    } catch (err) {
      const delayMs = Math.min(PUBLISH_RETRY_MAX_MS, PUBLISH_RETRY_INITIAL_MS * 2 ** Math.min(attempt - 1, 10));
      const retry = !m.nc.isClosed() && !options.signal?.aborted && Date.now() + delayMs < giveUpAt;
      if (!retry) {
        throw new AppError('UNAVAILABLE', `JetStream publish to ${subject} failed${attempt > 1 ? ` after ${attempt} tries` : ''}: ${errorMessage(err)}`, {
          cause: err,
          details: { subject, type, tries: attempt },
        });
      }
      options.onRetry?.(err, attempt, delayMs);
      await abortableSleep(delayMs, options.signal);
    }
  }
}

/** First and largest pause between publish tries (ms). */
const PUBLISH_RETRY_INITIAL_MS = 250;
const PUBLISH_RETRY_MAX_MS = 2_000;

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}

export function publishCore<T extends MessageType>(m: Messaging, subject: string, type: T, data: MessageOf<T>): void {
  m.nc.publish(subject, encode(type, data));
}
