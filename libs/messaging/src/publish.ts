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
  /** Publish ack timeout (default: the client's, 5 s). */
  timeoutMs?: number;
}

export interface PublishResult {
  stream: string;
  seq: number;
  /** True when the server recognised msgID as a duplicate and did not store it again. */
  duplicate: boolean;
}

export async function publishJs<T extends MessageType>(
  m: Messaging,
  subject: string,
  type: T,
  data: MessageOf<T>,
  options: PublishJsOptions = {},
): Promise<PublishResult> {
  const payload = encode(type, data);
  try {
    const ack = await m.js.publish(subject, payload, {
      ...(options.msgID === undefined ? {} : { msgID: options.msgID }),
      ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    });
    return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate };
  } catch (err) {
    throw new AppError('UNAVAILABLE', `JetStream publish to ${subject} failed: ${errorMessage(err)}`, {
      cause: err,
      details: { subject, type },
    });
  }
}

export function publishCore<T extends MessageType>(m: Messaging, subject: string, type: T, data: MessageOf<T>): void {
  m.nc.publish(subject, encode(type, data));
}
