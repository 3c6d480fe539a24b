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
import { experimentsWithWork, type Database } from '@trialgrid/db';
import { DisposerStack } from '@trialgrid/lifecycle';
import type { Logger } from '@trialgrid/logger';
import type { Messaging } from '@trialgrid/messaging';
import { DEFAULT_SCHEDULER_CONFIG, type SchedulerConfig } from './config.js';
import type { SchedulerContext } from './context.js';
import { dispatchExperiment } from './dispatcher.js';
import { startEventIntake } from './event-intake.js';
import { createKicker } from './kicker.js';
import { followExhaustedDispatches, recordHeartbeats, serveSchedulerCommands } from './listeners.js';
import { watchSchedulerMetrics } from './metrics.js';
import { createPeriodic } from './periodic.js';
import { reconcile, type ReconcileReport } from './reconcile.js';
import { refreshExperiment } from './status.js';

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

/**
 * Composes the scheduler's parts: kicker.ts (coalesced dispatch), listeners.ts (commands,
 * heartbeats, exhausted deliveries), event-intake.ts (worker events), periodic.ts (safety-net
 * dispatch and reconciliation). Shutdown runs the DisposerStack in reverse order of start.
 */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  const config: SchedulerConfig = { ...DEFAULT_SCHEDULER_CONFIG, ...deps.config };
  const graceMs = deps.config?.reconcileGraceMs ?? 5000;
  const log = deps.logger.child({ component: 'scheduler' });
  const m = deps.messaging;
  let stopped = false;
  let started = false;
  const isStopped = () => stopped;

  const kicker = createKicker(log, (experimentId) => dispatchExperiment(ctx, experimentId));
  let hearingSince = Date.now();
  const ctx: SchedulerContext = {
    db: deps.db,
    m,
    log,
    config,
    kick: (id) => kicker.kick(id),
    settle: async (id) => {
      await refreshExperiment(ctx, id);
    },
    hearingSince: () => hearingSince,
  };
  const periodic = createPeriodic(log, isStopped);
  const disposers = new DisposerStack(log);

  async function dispatchAll(): Promise<void> {
    for (const id of await experimentsWithWork(ctx.db)) {
      try {
        await dispatchExperiment(ctx, id);
      } catch (err) {
        log.warn({ experimentId: id, err }, 'dispatch failed');
      }
    }
  }

  return {
    async start() {
      if (started) return;
      started = true;
      // Registered first, so they run last: wait for passes still in progress.
      disposers.add('dispatch kicks', () => kicker.stop());
      disposers.add('periodic passes', () => periodic.settle());
      disposers.add('commands', serveSchedulerCommands(ctx));
      disposers.add('heartbeats', recordHeartbeats(ctx));
      disposers.add('exhausted deliveries', followExhaustedDispatches(ctx));
      // Heartbeats missed while NATS was unreachable say nothing about the workers (crashes.ts).
      void (async () => {
        for await (const s of m.nc.status()) {
          if (stopped) break;
          if (s.type === 'reconnect') hearingSince = Date.now();
        }
      })();
      // Subscriptions must be registered on the server before anything can happen.
      await m.nc.flush();

      const intake = startEventIntake(ctx);
      disposers.add('events consumer', () => intake.consumer.stop());

      // Reconcile against an up-to-date database: let the consumer catch up with events
      // published while no scheduler was running (bounded, so a huge backlog cannot block start).
      await intake.drained(10_000, isStopped);
      try {
        await reconcile(ctx, { graceMs });
      } catch (err) {
        log.warn({ err }, 'start-up reconciliation failed; will retry');
      }
      await dispatchAll();
      periodic.every(config.dispatchIntervalMs, 'dispatch', dispatchAll);
      periodic.every(config.reconcileIntervalMs, 'reconcile', () => reconcile(ctx, { graceMs }));
      disposers.add('timers', () => periodic.clear());
      disposers.add('metrics', watchSchedulerMetrics(ctx));
      log.info({ prefix: m.prefix, maxDeliver: config.maxDeliver, ackWaitMs: config.ackWaitMs }, 'scheduler started');
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      periodic.clear();
      await disposers.dispose();
      await kicker.stop();
      log.info('scheduler stopped');
    },

    reconcile: () => reconcile(ctx, { graceMs }),
    dispatchAll,
  };
}
