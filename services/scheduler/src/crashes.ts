/**
 * The poison-trial limit, counted in Postgres: how often a trial took its worker down, as
 * opposed to how often JetStream delivered it. A dispatch is also redelivered when nothing is
 * wrong with the trial: a worker shut down and handed it back, or its in-progress acks were
 * lost for longer than ACK_WAIT (a NATS outage) while it kept training. Those deliveries must
 * not fail a trial, so the `workers` consumer delivers without limit and the scheduler decides
 * here, when a redelivered attempt starts, how the previous one ended.
 */
import type { Worker } from '@trialgrid/db';

/** How an attempt that was still open ended, once its trial started again (elsewhere or on a new process). */
export interface LostAttemptEnd {
  /** FAILED for a crash (counted against MAX_DELIVER), STOPPED otherwise. */
  status: 'FAILED' | 'STOPPED';
  error: string;
  crashed: boolean;
}

export interface LostAttemptInput {
  /** The open attempt's worker and when the attempt started (database clock). */
  attempt: { workerId: string | null; startedAt: Date };
  /** That worker's row (heartbeats), if it ever sent one. */
  worker: Pick<Worker, 'status' | 'startedAt' | 'lastHeartbeatAt'> | undefined;
  /** What happened (e.g. "redelivered to w-2 (delivery 2)"), for the error text. */
  cause: string;
  /** Now, ms since the epoch. */
  now: number;
  /** WORKER_STALE_AFTER: heartbeat silence after which a worker counts as dead (ms). */
  staleAfterMs: number;
  /**
   * Since when this scheduler has been hearing heartbeats (its start or its last NATS
   * reconnect, ms since the epoch): silence before that is an outage, not a death.
   */
  hearingSince: number;
}

/**
 * Decides whether the process that ran an open attempt died while running it (a crash) or the
 * attempt was given up for a reason that is not the trial's fault. Crash evidence, in order:
 * the worker id now belongs to a process that started after the attempt did (it was restarted);
 * or the worker has been silent longer than `staleAfterMs` while this scheduler could hear it.
 * A worker that said it shut down (STOPPED heartbeat) handed the trial back. Anything else,
 * including a silence too short to judge, gets the benefit of the doubt.
 */
export function lostAttemptEnd(input: LostAttemptInput): LostAttemptEnd {
  const { attempt, worker, cause } = input;
  const who = attempt.workerId ?? 'an unknown worker';
  if (restartedSince(worker, attempt.startedAt)) {
    return { status: 'FAILED', crashed: true, error: `worker ${who} died while training it (restarted since); ${cause}` };
  }
  if (worker?.status === 'STOPPED') {
    return { status: 'STOPPED', crashed: false, error: `handed back: worker ${who} shut down; ${cause}` };
  }
  if (worker) {
    const silentMs = input.now - Math.max(worker.lastHeartbeatAt.getTime(), input.hearingSince);
    if (silentMs > input.staleAfterMs) {
      return { status: 'FAILED', crashed: true, error: `worker ${who} died while training it (silent for ${Math.round(silentMs / 1000)} s); ${cause}` };
    }
  }
  return { status: 'STOPPED', crashed: false, error: `${cause} while worker ${who} was not known to be dead (e.g. its acks were lost in a NATS outage): not counted as a crash` };
}

/** Whether `worker` is a later process than the one that started an attempt at `attemptStartedAt`. */
export function restartedSince(worker: Pick<Worker, 'startedAt'> | undefined, attemptStartedAt: Date): boolean {
  return worker !== undefined && worker.startedAt.getTime() > attemptStartedAt.getTime();
}

/** The reason a trial is failed once its crashes reach the limit (MAX_DELIVER). */
export function poisonReason(crashes: number, limit: number): string {
  return `its worker died ${crashes} time(s) while training it (limit MAX_DELIVER=${limit}); not run again`;
}
