/**
 * The lifecycles of experiments and trials, written once: the status enums, the terminal sets
 * and every allowed transition. A transition that is not listed is a CONFLICT naming the
 * current state (`assertExperimentTransition`, `assertTrialTransition`).
 *
 * ```
 * experiment: PENDING → RUNNING → SUCCEEDED | FAILED | CANCELLED
 *             PENDING → SUCCEEDED | FAILED | CANCELLED
 *             SUCCEEDED | FAILED → RUNNING         (a trial of it is retried)
 *             CANCELLED is final.
 * trial:      QUEUED → RUNNING → SUCCEEDED | FAILED | STOPPED | CANCELLED
 *             QUEUED → SUCCEEDED | FAILED | STOPPED | CANCELLED (finished before its start was seen;
 *                                                  stopped before it started; failed to dispatch)
 *             RUNNING → RUNNING                    (a redelivered dispatch starts a new attempt)
 *             RUNNING → QUEUED                     (its worker was lost: back in the queue)
 *             FAILED | STOPPED | CANCELLED → QUEUED (retry; not when the experiment is CANCELLED)
 * ```
 */
import { conflict } from '@trialgrid/errors';

export const EXPERIMENT_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

export const TRIAL_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'STOPPED', 'CANCELLED'] as const;
export type TrialStatus = (typeof TRIAL_STATUSES)[number];

const TERMINAL_EXPERIMENT = ['SUCCEEDED', 'FAILED', 'CANCELLED'] as const satisfies readonly ExperimentStatus[];
/** An experiment status in which nothing runs (the `experiment.finished` event carries one). */
export type TerminalExperimentStatus = (typeof TERMINAL_EXPERIMENT)[number];
/**
 * Experiment statuses in which nothing runs any more: the experiment has finished (SUCCEEDED and
 * FAILED are re-opened to RUNNING only by a retried trial; CANCELLED is final).
 */
export const TERMINAL_EXPERIMENT_STATUSES: readonly ExperimentStatus[] = TERMINAL_EXPERIMENT;
/** TERMINAL_EXPERIMENT_STATUSES as a tuple of its literals, for `z.enum` and narrow types. */
export const TERMINAL_EXPERIMENT_STATUS_TUPLE = TERMINAL_EXPERIMENT;
/**
 * Experiment statuses that are not terminal: trials may still be dispatched or run, and the
 * experiment may still be cancelled or finished (the source set of those conditional UPDATEs).
 */
export const ACTIVE_EXPERIMENT_STATUSES: readonly ExperimentStatus[] = ['PENDING', 'RUNNING'];
/** Trial statuses in which the trial has finished (no attempt of it is open); a retry re-queues some. */
export const TERMINAL_TRIAL_STATUSES: readonly TrialStatus[] = ['SUCCEEDED', 'FAILED', 'STOPPED', 'CANCELLED'];
/**
 * Trial statuses that are not terminal: waiting for or holding a worker. A trial may start,
 * finish, fail, be stopped or cancelled only from one of these.
 */
export const ACTIVE_TRIAL_STATUSES: readonly TrialStatus[] = ['QUEUED', 'RUNNING'];
/** Statuses a worker may report a trial finished with. */
export const TRIAL_OUTCOMES = ['SUCCEEDED', 'FAILED', 'STOPPED'] as const;
/** Trial statuses from which `retryTrial` re-queues. */
export const RETRYABLE_TRIAL_STATUSES: readonly TrialStatus[] = ['FAILED', 'STOPPED', 'CANCELLED'];

/** Allowed experiment transitions: from → the statuses it may go to. */
export const EXPERIMENT_TRANSITIONS: Readonly<Record<ExperimentStatus, readonly ExperimentStatus[]>> = {
  PENDING: ['RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'],
  RUNNING: ['SUCCEEDED', 'FAILED', 'CANCELLED'],
  SUCCEEDED: ['RUNNING'],
  FAILED: ['RUNNING'],
  CANCELLED: [],
};

/** Allowed trial transitions: from → the statuses it may go to. */
export const TRIAL_TRANSITIONS: Readonly<Record<TrialStatus, readonly TrialStatus[]>> = {
  QUEUED: ['RUNNING', 'SUCCEEDED', 'FAILED', 'STOPPED', 'CANCELLED'],
  RUNNING: ['RUNNING', 'SUCCEEDED', 'FAILED', 'STOPPED', 'CANCELLED', 'QUEUED'],
  SUCCEEDED: [],
  FAILED: ['QUEUED'],
  STOPPED: ['QUEUED'],
  CANCELLED: ['QUEUED'],
};

export function isTerminalExperiment(s: ExperimentStatus): boolean {
  return TERMINAL_EXPERIMENT_STATUSES.includes(s);
}

export function isTerminalTrial(s: TrialStatus): boolean {
  return TERMINAL_TRIAL_STATUSES.includes(s);
}

/** The statuses an experiment may move to `to` from (for conditional UPDATEs). */
export function experimentSourcesOf(to: ExperimentStatus): ExperimentStatus[] {
  return EXPERIMENT_STATUSES.filter((from) => EXPERIMENT_TRANSITIONS[from].includes(to));
}

/** The statuses a trial may move to `to` from (for conditional UPDATEs). */
export function trialSourcesOf(to: TrialStatus): TrialStatus[] {
  return TRIAL_STATUSES.filter((from) => TRIAL_TRANSITIONS[from].includes(to));
}

/** Throws CONFLICT (details.status = current) unless the experiment may go from `from` to `to`. */
export function assertExperimentTransition(id: string, from: ExperimentStatus, to: ExperimentStatus, action = `move to ${to}`): void {
  if (!EXPERIMENT_TRANSITIONS[from].includes(to)) {
    throw conflict(`cannot ${action}: experiment ${id} is ${from}`, { status: from, to });
  }
}

/**
 * Throws CONFLICT (details.status = current) unless the trial may go from `from` to `to`;
 * `experiment` (the trial's experiment status) refuses a retry inside a CANCELLED experiment.
 */
export function assertTrialTransition(id: string, from: TrialStatus, to: TrialStatus, action = `move to ${to}`, experiment?: ExperimentStatus): void {
  if (!TRIAL_TRANSITIONS[from].includes(to)) {
    throw conflict(`cannot ${action}: trial ${id} is ${from}`, { status: from, to });
  }
  // A retry re-opens the experiment: not possible when the experiment can never run again.
  if (to === 'QUEUED' && from !== 'RUNNING' && experiment !== undefined && experiment !== 'RUNNING' && !EXPERIMENT_TRANSITIONS[experiment].includes('RUNNING')) {
    throw conflict(`cannot ${action}: trial ${id} belongs to a ${experiment} experiment`, { status: from, experimentStatus: experiment });
  }
}

/**
 * Throws CONFLICT unless the trial may be retried: its status is one of
 * RETRYABLE_TRIAL_STATUSES (details.status) and its experiment may run again, i.e. is not
 * CANCELLED (details.experimentStatus). The check of `trial.retry`, and the one the queue
 * board's "retry all" makes for every trial before it retries any.
 */
export function assertRetryable(id: string, status: TrialStatus, experimentStatus: ExperimentStatus): void {
  if (!RETRYABLE_TRIAL_STATUSES.includes(status)) {
    throw conflict(`only ${RETRYABLE_TRIAL_STATUSES.join(', ')} trials can be retried (trial ${id} is ${status})`, { status });
  }
  assertTrialTransition(id, status, 'QUEUED', 'retry', experimentStatus);
}
