/**
 * @trialgrid/scheduler: run it with `node dist/main.js`, or in-process (tests, e2e):
 *
 * ```ts
 * import { createScheduler } from '@trialgrid/scheduler';
 * const scheduler = createScheduler({ db, messaging, logger, config: { maxDeliver: 3 } });
 * await scheduler.start();
 * ```
 */
export { createScheduler, type Scheduler, type SchedulerDeps } from './scheduler.js';
export { DEFAULT_SCHEDULER_CONFIG, loadSchedulerConfig, schedulerEnv, toSchedulerConfig, type SchedulerConfig, type SchedulerEnvConfig } from './config.js';
export { buildDispatch, dispatchMsgId } from './dispatcher.js';
export { MEDIAN_STOP_REASON } from './events.js';
export type { ReconcileReport } from './reconcile.js';
export type { CreateReply } from './commands.js';
