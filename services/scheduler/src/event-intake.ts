/**
 * The scheduler's intake of worker events (EVENTS stream, durable consumer 'scheduler'):
 * trial.started / metrics / log / finished, each handed to events.ts; plus the check that the
 * backlog is drained before a reconciliation pass trusts the database.
 */
import { consumeJs, type ConsumerHandle } from '@trialgrid/messaging';
import type { SchedulerContext } from './context.js';
import { onFinished, onLog, onMetrics, onStarted } from './events.js';

export interface EventIntake {
  consumer: ConsumerHandle;
  /** Resolves when nothing is pending or in a handler (or after `timeoutMs`, with a warning). */
  drained(timeoutMs: number, isStopped: () => boolean): Promise<void>;
}

export function startEventIntake(ctx: SchedulerContext): EventIntake {
  const { m, log } = ctx;
  let inFlight = 0;
  const consumer = consumeJs(m, {
    stream: m.streams.events,
    consumer: m.streams.schedulerConsumer,
    type: ['trial.started', 'trial.metrics', 'trial.log', 'trial.finished'],
    logger: log.child({ component: 'events' }),
    backoff: { initialMs: 500, maxMs: 10_000 },
    expiresMs: 2000,
    handler: async (_data, c) => {
      const msg = c.message;
      inFlight++;
      try {
        switch (msg.type) {
          case 'trial.started':
            return await onStarted(ctx, msg.data);
          case 'trial.metrics':
            return await onMetrics(ctx, msg.data);
          case 'trial.log':
            return await onLog(ctx, msg.data);
          case 'trial.finished':
            return await onFinished(ctx, msg.data);
        }
      } finally {
        inFlight--;
      }
    },
  });

  async function drained(timeoutMs: number, isStopped: () => boolean): Promise<void> {
    // Quiet = nothing pending, nothing in our handler, and no new delivery between two looks.
    // (num_ack_pending is no guide: nats-server 2.9 keeps terminated messages counted there.)
    const deadline = Date.now() + timeoutMs;
    let last: { pending: number; ackPending: number; delivered: number } | undefined;
    let quietSince: number | undefined;
    while (!isStopped() && Date.now() < deadline) {
      try {
        const info = await m.jsm.consumers.info(m.streams.events, m.streams.schedulerConsumer);
        const now = { pending: info.num_pending, ackPending: info.num_ack_pending, delivered: info.delivered.consumer_seq };
        const quiet = now.pending === 0 && inFlight === 0 && (now.ackPending === 0 || now.delivered === last?.delivered);
        if (quiet && now.ackPending === 0) return;
        if (!quiet) quietSince = undefined;
        else if (quietSince === undefined) quietSince = Date.now();
        else if (Date.now() - quietSince >= 300) return;
        last = now;
      } catch (err) {
        log.debug({ err }, 'consumer info failed');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    log.warn({ timeoutMs, consumer: last }, 'events backlog not drained before reconciliation');
  }

  return { consumer, drained };
}
