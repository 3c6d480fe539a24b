/**
 * bull-board at /queues, showing the trial work queue: the JetStream TRIALS stream (what is
 * waiting for a worker right now) together with the trials table (the state of every trial).
 * bull-board statuses map onto trial statuses:
 *   waiting = QUEUED, active = RUNNING, completed = SUCCEEDED, failed = the contracts'
 *   RETRYABLE_TRIAL_STATUSES (FAILED | STOPPED | CANCELLED).
 * A job's data is the trial's params, its return value the final metrics; "retry" on a failed
 * job sends the scheduler's `trial.retry` command, which re-dispatches the trial. "Retry all" is
 * all or nothing (TrialQueueAdapter.retryAll), served here in front of bull-board's own handler.
 */
import express, { type Router } from 'express';
import { createBullBoard } from '@bull-board/api';
import { BaseAdapter } from '@bull-board/api/dist/queueAdapters/base.js';
import { ExpressAdapter } from '@bull-board/express';
import type {
  AppJobScheduler,
  JobCleanStatus,
  JobCounts,
  JobRetryStatus,
  JobSchedulerUpdateResult,
  JobState,
  JobStatus,
  QueueJob,
  QueueJobJson,
  QueueMetrics,
  QueueWorker,
  Status,
} from '@bull-board/api/typings/app';
import { assertRetryable, RETRYABLE_TRIAL_STATUSES } from '@trialgrid/contracts';
import {
  findTrial,
  finishedPerMinute,
  getTrialParams,
  listWorkers,
  recordAudit,
  tailTrialLogs,
  trialStatusCounts,
  trialsByStatus,
  trialsWithExperimentStatus,
  type Database,
  type TrialStatus,
} from '@trialgrid/db';
import { AppError, conflict, errorMessage, isAppError } from '@trialgrid/errors';
import type { Logger } from '@trialgrid/logger';
import type { Messaging } from '@trialgrid/messaging';
import type { Commands } from './commands.js';
import { currentPrincipal } from './http-auth.js';
import type { TrialRow } from './models.js';

type BoardStatus = 'waiting' | 'active' | 'completed' | 'failed';

/** The trial statuses each board status shows; `failed` is what a retry re-queues. Every trial status is in exactly one. */
export const BOARD_STATUSES: Readonly<Record<BoardStatus, readonly TrialStatus[]>> = {
  waiting: ['QUEUED'],
  active: ['RUNNING'],
  completed: ['SUCCEEDED'],
  failed: RETRYABLE_TRIAL_STATUSES,
};

const BOARD_STATUS_NAMES = Object.keys(BOARD_STATUSES) as BoardStatus[];

function boardStatusOf(status: TrialStatus): BoardStatus {
  const found = BOARD_STATUS_NAMES.find((b) => BOARD_STATUSES[b].includes(status));
  if (found === undefined) throw new AppError('INTERNAL', `trial status ${status} has no queue board status`);
  return found;
}

/** How many trial names a refused "retry all" lists in its message (details.refused holds up to 100). */
const REFUSED_SHOWN = 5;

const ms = (d: Date | null): number | null => (d ? d.getTime() : null);

export interface TrialQueueAdapterOptions {
  db: Database;
  messaging: Messaging;
  commands: Commands;
  logger: Logger;
  /** Heartbeat age after which a worker is no longer listed as consuming the queue. */
  workerStaleAfterMs: number;
}

function unsupported(what: string): AppError {
  return new AppError('CONFLICT', `${what} is not supported on the trial queue; use the GraphQL API (cancelExperiment / stopTrial)`);
}

/** One trial as a bull-board job. */
class TrialJob implements QueueJob {
  readonly opts: { delay?: number };

  constructor(
    private readonly trial: TrialRow & { experimentName?: string },
    private readonly params: Record<string, unknown>,
    private readonly adapter: TrialQueueAdapter,
  ) {
    this.opts = {};
  }

  toJSON(): QueueJobJson {
    const t = this.trial;
    const epochs = typeof this.params['epochs'] === 'number' ? this.params['epochs'] : undefined;
    const failed = boardStatusOf(t.status) === 'failed';
    return {
      id: t.id,
      name: t.experimentName ? `${t.experimentName} / ${t.name}` : t.name,
      progress:
        t.status === 'SUCCEEDED' ? 100 : epochs && t.currentEpoch !== null ? Math.min(100, Math.round((100 * Math.min(t.currentEpoch, epochs)) / epochs)) : 0,
      attemptsMade: t.attempt,
      finishedOn: ms(t.finishedAt),
      processedOn: ms(t.startedAt),
      processedBy: t.workerId,
      timestamp: (t.queuedAt ?? t.createdAt).getTime(),
      failedReason: failed ? (t.error ?? t.status) : '',
      stacktrace: failed && t.error ? [t.error] : [],
      // `dispatched`: published to JetStream (queued_at set) rather than held back by maxParallelTrials.
      data: { experimentId: t.experimentId, index: t.index, status: t.status, dispatched: t.queuedAt !== null, params: this.params },
      returnvalue: t.finalMetrics ?? null,
      opts: { status: t.status, stopRequested: t.stopRequested },
    };
  }

  getState(): Promise<JobState> {
    return Promise.resolve(boardStatusOf(this.trial.status));
  }

  retry(_state?: JobRetryStatus): Promise<void> {
    return this.adapter.retryTrial(this.trial.id);
  }

  promote(): Promise<void> {
    return Promise.reject(unsupported('promote'));
  }

  remove(): Promise<void> {
    return Promise.reject(unsupported('remove'));
  }
}

export class TrialQueueAdapter extends BaseAdapter {
  private description_ = '';

  constructor(private readonly options: TrialQueueAdapterOptions) {
    super('bull', {
      readOnlyMode: false,
      allowRetries: true,
      allowCompletedRetries: false,
      displayName: 'trials',
      description: `JetStream work queue ${options.messaging.streams.trials} + trials table`,
    });
  }

  getName(): string {
    return this.options.messaging.streams.trials;
  }

  override getDescription(): string {
    return this.description_ || super.getDescription();
  }

  getStatuses(): Status[] {
    return ['latest', 'active', 'waiting', 'completed', 'failed'];
  }

  getJobStatuses(): JobStatus[] {
    return ['active', 'waiting', 'completed', 'failed'];
  }

  async getJobCounts(): Promise<JobCounts> {
    const counts = await trialStatusCounts(this.options.db);
    void this.refreshDescription();
    return {
      waiting: counts.QUEUED,
      active: counts.RUNNING,
      completed: counts.SUCCEEDED,
      failed: BOARD_STATUSES.failed.reduce((n, s) => n + counts[s], 0),
      delayed: 0,
      paused: 0,
      prioritized: 0,
      'waiting-children': 0,
    };
  }

  /** Shows what JetStream holds right now next to the table's view. */
  private async refreshDescription(): Promise<void> {
    const { messaging } = this.options;
    try {
      const info = await messaging.jsm.consumers.info(messaging.streams.trials, messaging.streams.workersConsumer);
      this.description_ =
        `JetStream ${messaging.streams.trials}: ${info.num_pending} dispatches waiting for a worker, ` +
        `${info.num_ack_pending} being trained, ${info.num_redelivered} redelivered`;
    } catch (err) {
      this.description_ = `JetStream ${messaging.streams.trials}: unavailable (${errorMessage(err)})`;
    }
  }

  async getJobs(jobStatuses: JobStatus[], start = 0, end = 9): Promise<QueueJob[]> {
    const statuses = new Set<TrialStatus>();
    for (const s of jobStatuses) for (const t of BOARD_STATUSES[s as BoardStatus] ?? []) statuses.add(t);
    const rows = await trialsByStatus(this.options.db, [...statuses], Math.max(0, start), Math.max(0, end - start + 1));
    const params = await getTrialParams(this.options.db, rows.map((r) => r.id));
    return rows.map((r) => new TrialJob(r, params.get(r.id) ?? {}, this));
  }

  async getJob(id: string): Promise<QueueJob | null> {
    const trial = await findTrial(this.options.db, id);
    if (!trial) return null;
    const params = await getTrialParams(this.options.db, [trial.id]);
    return new TrialJob(trial, params.get(trial.id) ?? {}, this);
  }

  async getJobLogs(id: string): Promise<string[]> {
    const lines = await tailTrialLogs(this.options.db, id, 500);
    return lines.map((l) => `${l.loggedAt.toISOString()} ${l.level} ${l.message}`);
  }

  /** Re-dispatch through the scheduler (it owns every trial transition). */
  async retryTrial(trialId: string): Promise<void> {
    // The router only lets admins through to a retry (httpAuth), so the principal is known.
    const principal = currentPrincipal();
    if (!principal) throw new AppError('INTERNAL', 'queue board retry outside an authenticated request');
    this.options.logger.info({ trialId, actor: principal.owner }, 'retry requested from the queue board');
    const reply = await this.options.commands.send('trial.retry', { trialId });
    await recordAudit(this.options.db, {
      actor: principal.owner,
      action: 'trial.retry',
      targetKind: 'trial',
      targetId: trialId,
      details: { via: 'queue-board', token: principal.tokenName, reply: reply ?? null },
    });
  }

  /**
   * bull-board's "retry all" of a board status, all or nothing. Every trial in that status is
   * checked first with the contracts' assertRetryable (a retryable status, an experiment that is
   * not CANCELLED); when any fails the check, CONFLICT naming them (the first few in the message,
   * up to 100 in details.refused) and nothing is retried. Otherwise each trial is retried in turn
   * (trial.retry); a trial refused meanwhile (its experiment was cancelled after the check) stops
   * the run with that error, saying how many were retried before it. INVALID_INPUT for a board
   * status other than failed or completed (bull-board's rule). Returns bull-board's answer.
   */
  async retryAll(boardStatus: string): Promise<{ retried: number; skipped: number }> {
    if (boardStatus !== 'failed' && boardStatus !== 'completed') {
      throw new AppError('INVALID_INPUT', `${boardStatus} jobs cannot be retried (only failed ones)`, { details: { status: boardStatus } });
    }
    const candidates = await trialsWithExperimentStatus(this.options.db, BOARD_STATUSES[boardStatus]);
    const refused: { trialId: string; trial: string; reason: string }[] = [];
    for (const t of candidates) {
      try {
        assertRetryable(t.id, t.status, t.experimentStatus);
      } catch (err) {
        if (!isAppError(err)) throw err;
        refused.push({ trialId: t.id, trial: `${t.experimentName} / ${t.name}`, reason: err.message });
      }
    }
    if (refused.length > 0) {
      const shown = refused.slice(0, REFUSED_SHOWN).map((r) => `${r.trial}: ${r.reason}`);
      const more = refused.length > REFUSED_SHOWN ? `; and ${refused.length - REFUSED_SHOWN} more` : '';
      throw conflict(`retried none: ${refused.length} of the ${candidates.length} ${boardStatus} trial(s) cannot be retried (${shown.join('; ')}${more})`, {
        refused: refused.slice(0, 100),
        refusedCount: refused.length,
        total: candidates.length,
      });
    }
    let retried = 0;
    for (const t of candidates) {
      try {
        await this.retryTrial(t.id);
      } catch (err) {
        if (!isAppError(err)) throw err;
        throw new AppError(err.code, `retried ${retried} of ${candidates.length} trial(s), then ${t.experimentName} / ${t.name} was refused (it changed after the check): ${err.message}; the rest were not retried`, {
          details: { retried, total: candidates.length, trialId: t.id },
        });
      }
      retried++;
    }
    this.options.logger.info({ status: boardStatus, retried }, 'retry all from the queue board');
    return { retried, skipped: 0 };
  }

  async getMetrics(type: 'completed' | 'failed', _start?: number, _end?: number): Promise<QueueMetrics> {
    const data = await finishedPerMinute(this.options.db, BOARD_STATUSES[type], 60);
    const count = data.reduce((a, b) => a + b, 0);
    return { meta: { count, prevTS: Date.now(), prevCount: 0 }, data, count };
  }

  override async getWorkers(): Promise<QueueWorker[] | null> {
    const aliveSince = new Date(Date.now() - this.options.workerStaleAfterMs);
    const workers = await listWorkers(this.options.db, { aliveSince });
    return workers.map((w) => ({
      id: w.id,
      name: w.id,
      addr: `${w.hostname}:${w.pid}`,
      age: Math.max(0, Math.round((Date.now() - w.startedAt.getTime()) / 1000)),
    }));
  }

  getRedisInfo(): Promise<string | null> {
    return Promise.resolve(null);
  }

  isPaused(): Promise<boolean> {
    return Promise.resolve(false);
  }

  pause(): Promise<void> {
    return Promise.reject(unsupported('pausing'));
  }

  resume(): Promise<void> {
    return Promise.reject(unsupported('resuming'));
  }

  empty(): Promise<void> {
    return Promise.reject(unsupported('emptying'));
  }

  obliterate(): Promise<void> {
    return Promise.reject(unsupported('obliterating'));
  }

  clean(_status: JobCleanStatus, _graceTimeMs: number): Promise<void> {
    return Promise.reject(unsupported('cleaning'));
  }

  addJob(): Promise<QueueJob> {
    return Promise.reject(unsupported('adding jobs (use createExperiment)'));
  }

  promoteAll(): Promise<void> {
    return Promise.reject(unsupported('promote'));
  }

  getGlobalConcurrency(): Promise<number | null> {
    return Promise.resolve(null);
  }

  setGlobalConcurrency(_concurrency: number): Promise<void> {
    return Promise.reject(unsupported('global concurrency (use maxParallelTrials)'));
  }

  removeJobScheduler(_id: string): Promise<boolean> {
    return Promise.resolve(false);
  }

  getJobSchedulers(): Promise<Omit<AppJobScheduler, 'queueName'>[]> {
    return Promise.resolve([]);
  }

  getJobSchedulersCount(): Promise<number> {
    return Promise.resolve(0);
  }

  updateJobScheduler(): Promise<JobSchedulerUpdateResult> {
    return Promise.resolve('not-found');
  }

  runJobSchedulerNow(): Promise<QueueJob | 'not-found'> {
    return Promise.resolve('not-found');
  }
}

const BOARD_HTTP_STATUS: Partial<Record<AppError['code'], 400 | 404 | 409>> = { INVALID_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409 };

/**
 * Same policy as GraphQL: AppErrors the user can act on are shown (with their details), anything
 * else (SQL text, stack traces) stays in our logs.
 */
function boardErrorResponse(error: Error, logger: Logger): { status: 400 | 404 | 409 | 500; body: Record<string, unknown> } {
  const status = isAppError(error) ? BOARD_HTTP_STATUS[error.code] : undefined;
  if (isAppError(error) && status) {
    return { status, body: { error: { key: 'ERRORS.INTERNAL_SERVER_ERROR' }, message: error.message, ...(error.details ? { details: error.details } : {}) } };
  }
  // Express refuses a path segment that is not valid percent-encoded UTF-8 (`%ED%A0%80`, a lone
  // surrogate) with a 400 of its own: the client's mistake, not ours.
  if ((error as { status?: unknown }).status === 400) return { status: 400, body: { error: { key: 'ERRORS.BAD_REQUEST' }, message: 'malformed URL: a path segment is not valid percent-encoded UTF-8' } };
  logger.error({ err: errorMessage(error) }, 'queue board request failed');
  return { status: 500, body: { error: { key: 'ERRORS.INTERNAL_SERVER_ERROR' }, message: 'Internal server error' } };
}

/**
 * The bull-board express router to mount at `basePath`, with its "retry all"
 * (`PUT /api/queues/:queue/retry/:status`) answered by TrialQueueAdapter.retryAll, all or
 * nothing, instead of bull-board's handler, which retried job by job and stopped half-way.
 */
export function queueBoardRouter(basePath: string, adapter: TrialQueueAdapter, logger: Logger): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({ queues: [adapter], serverAdapter, options: { uiConfig: { boardTitle: 'trialgrid', hideRedisDetails: true } } });
  // bull-board reads the handler at request time.
  serverAdapter.setErrorHandler((error: Error) => boardErrorResponse(error, logger));
  const router = express.Router();
  router.put('/api/queues/:queueName/retry/:queueStatus', (req, res, next) => {
    // Another queue name: bull-board answers (its 404).
    if (req.params.queueName !== adapter.getName()) return next();
    adapter.retryAll(req.params.queueStatus).then(
      (body) => res.status(200).json(body),
      (err: unknown) => {
        const { status, body } = boardErrorResponse(err instanceof Error ? err : new Error(errorMessage(err)), logger);
        res.status(status).json(body);
      },
    );
  });
  router.use(serverAdapter.getRouter() as Router);
  return router;
}
