/**
 * The scheduler: serves the experiment/trial commands, dispatches trials to the TRIALS work
 * queue within each experiment's maxParallelTrials, ingests worker events, follows experiment
 * status, handles exhausted deliveries and heartbeats, and reconciles after restarts.
 *
 * ```ts
 * const scheduler = createScheduler({ db, messaging, logger, config: { ...DEFAULT_SCHEDULER_CONFIG, maxDeliver: 3 } });
 * await scheduler.start(); // topology must exist (ensureTopology) and the schema be migrated
 * await scheduler.stop();
 * ```
 */
import { isUuid, upsertWorkerHeartbeat, type Database } from '@trialgrid/db';
import { errorMessage } from '@trialgrid/errors';
import type { Logger } from '@trialgrid/logger';
import {
  consumeJs,
  decode,
  deleteStreamMessage,
  getStreamMessage,
  onMaxDeliveries,
  serveCommand,
  subscribeCore,
  type ConsumerHandle,
  type Messaging,
} from '@trialgrid/messaging';
import { cancelExperiment, createExperiment, retryTrial, stopTrial } from './commands.js';
import { DEFAULT_SCHEDULER_CONFIG, type SchedulerConfig } from './config.js';
import type { SchedulerContext } from './context.js';
import { dispatchExperiment, experimentsWithWork } from './dispatcher.js';
import { failExhausted, onFinished, onLog, onMetrics, onStarted } from './events.js';
import { reconcile, type ReconcileReport } from './reconcile.js';

export interface SchedulerDeps {
  db: Database;
  messaging: Messaging;
  logger: Logger;
  /** Missing fields take DEFAULT_SCHEDULER_CONFIG's values. */
  config?: Partial<SchedulerConfig> & {
    /** Trials younger than this (last update) are left alone by reconciliation (default 5 s). */
    reconcileGraceMs?: number;
  };
}

export interface Scheduler {
  /** Serve commands, consume events, reconcile once, start the periodic loops. */
  start(): Promise<void>;
  /** Stop everything this scheduler started and wait for in-flight work. Idempotent. */
  stop(): Promise<void>;
  /** One reconciliation pass now (also run at start and every reconcileIntervalMs). */
  reconcile(): Promise<ReconcileReport>;
  /** One dispatch pass over every experiment with waiting trials. */
  dispatchAll(): Promise<void>;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const config: SchedulerConfig = { ...DEFAULT_SCHEDULER_CONFIG, ...deps.config };
  const graceMs = deps.config?.reconcileGraceMs ?? 5000;
  const log = deps.logger.child({ component: 'scheduler' });
  const m = deps.messaging;
  let stopped = false;
  let started = false;
  let inFlight = 0;

  const kicks = new Map<string, { again: boolean; done: Promise<void> }>();
  const kick = (experimentId: string): void => {
    if (stopped) return;
    const current = kicks.get(experimentId);
    if (current) {
      current.again = true;
      return;
    }
    const entry = { again: false, done: Promise.resolve() };
    kicks.set(experimentId, entry);
    entry.done = (async () => {
      try {
        do {
          entry.again = false;
          try {
            await dispatchExperiment(ctx, experimentId);
          } catch (err) {
            // The periodic pass picks it up again.
            log.warn({ experimentId, err: errorMessage(err) }, 'dispatch failed');
          }
        } while (entry.again && !stopped);
      } finally {
        kicks.delete(experimentId);
      }
    })();
  };

  const ctx: SchedulerContext = { db: deps.db, m, log, config, kick };

  const disposers: (() => void | Promise<void>)[] = [];
  const timers: NodeJS.Timeout[] = [];
  let consumer: ConsumerHandle | undefined;
  let loop: Promise<unknown> = Promise.resolve();

  async function dispatchAll(): Promise<void> {
    for (const id of await experimentsWithWork(ctx.db)) {
      try {
        await dispatchExperiment(ctx, id);
      } catch (err) {
        log.warn({ experimentId: id, err: errorMessage(err) }, 'dispatch failed');
      }
    }
  }

  /** Runs periodic work one at a time, never overlapping and never throwing. */
  function every(ms: number, name: string, fn: () => Promise<unknown>): void {
    const timer = setInterval(() => {
      if (stopped) return;
      loop = loop.then(async () => {
        if (stopped) return;
        try {
          await fn();
        } catch (err) {
          log.warn({ err: errorMessage(err) }, `${name} failed`);
        }
      });
    }, ms);
    timer.unref();
    timers.push(timer);
  }

  async function onExhausted(streamSeq: number, deliveries: number): Promise<void> {
    const stored = await getStreamMessage(m, m.streams.trials, streamSeq);
    if (!stored) return;
    let trialId: string | undefined;
    try {
      trialId = decode('trial.dispatch', stored.data).trialId;
    } catch (err) {
      log.warn({ streamSeq, err: errorMessage(err) }, 'exhausted message is not a dispatch; removing it');
    }
    if (trialId) await failExhausted(ctx, trialId, deliveries);
    // Removed only after the trial is FAILED: if that failed, reconciliation still sees the message.
    await deleteStreamMessage(m, m.streams.trials, streamSeq);
  }

  async function eventsDrained(timeoutMs: number): Promise<void> {
    // Quiet = nothing pending, nothing in our handler, and no new delivery between two looks.
    // (num_ack_pending is no guide: nats-server 2.9 keeps terminated messages counted there.)
    const deadline = Date.now() + timeoutMs;
    let last: { pending: number; ackPending: number; delivered: number } | undefined;
    let quietSince: number | undefined;
    while (!stopped && Date.now() < deadline) {
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
        log.debug({ err: errorMessage(err) }, 'consumer info failed');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    log.warn({ timeoutMs, consumer: last }, 'events backlog not drained before reconciliation');
  }

  return {
    async start() {
      if (started) return;
      started = true;
      const cmdLog = log.child({ component: 'commands' });
      disposers.push(serveCommand(m, 'experiment.create', (input) => createExperiment(ctx, input), { logger: cmdLog }));
      disposers.push(serveCommand(m, 'experiment.cancel', (i) => cancelExperiment(ctx, i.experimentId), { logger: cmdLog }));
      disposers.push(serveCommand(m, 'trial.stop', (i) => stopTrial(ctx, i.trialId, i.reason), { logger: cmdLog }));
      disposers.push(serveCommand(m, 'trial.retry', (i) => retryTrial(ctx, i.trialId), { logger: cmdLog }));

      disposers.push(
        subscribeCore(
          m,
          m.subjects.workerHeartbeat,
          'worker.heartbeat',
          async (hb) => {
            await upsertWorkerHeartbeat(ctx.db, {
              id: hb.workerId,
              hostname: hb.hostname,
              pid: hb.pid,
              backend: hb.backend,
              status: hb.status,
              currentTrialId: hb.currentTrialId !== null && isUuid(hb.currentTrialId) ? hb.currentTrialId : null,
              concurrency: hb.concurrency,
              details: hb.details,
            });
          },
          { logger: log.child({ component: 'heartbeats' }) },
        ),
      );

      disposers.push(
        onMaxDeliveries(m, m.streams.trials, m.streams.workersConsumer, (seq, advisory) => onExhausted(seq, advisory.deliveries), {
          logger: log,
        }),
      );
      // Subscriptions must be registered on the server before anything can happen.
      await m.nc.flush();

      consumer = consumeJs(m, {
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

      // Reconcile against an up-to-date database: let the consumer catch up with events
      // published while no scheduler was running (bounded, so a huge backlog cannot block start).
      await eventsDrained(10_000);
      try {
        await reconcile(ctx, { graceMs });
      } catch (err) {
        log.warn({ err: errorMessage(err) }, 'start-up reconciliation failed; will retry');
      }
      await dispatchAll();
      every(config.dispatchIntervalMs, 'dispatch', dispatchAll);
      every(config.reconcileIntervalMs, 'reconcile', () => reconcile(ctx, { graceMs }));
      log.info({ prefix: m.prefix, maxDeliver: config.maxDeliver, ackWaitMs: config.ackWaitMs }, 'scheduler started');
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      for (const t of timers) clearInterval(t);
      for (const d of disposers.reverse()) {
        try {
          await d();
        } catch (err) {
          log.warn({ err: errorMessage(err) }, 'scheduler disposer failed');
        }
      }
      await consumer?.stop();
      await loop.catch(() => undefined);
      await Promise.allSettled([...kicks.values()].map((k) => k.done));
      log.info('scheduler stopped');
    },

    reconcile: () => reconcile(ctx, { graceMs }),
    dispatchAll,
  };
}
