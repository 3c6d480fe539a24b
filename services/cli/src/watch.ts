/**
 * Follows one experiment live through the gateway's subscriptions (experimentUpdated,
 * trialUpdated, metricLogged) until it reaches a terminal status, redrawing per-trial
 * progress bars on a terminal (or printing changed lines when output is not a TTY).
 */
import type { GatewayClient, Subscription } from './client.js';
import { TERMINAL_EXPERIMENT_STATUSES } from '@trialgrid/contracts';
import { ExperimentProgress } from './progress.js';
import {
  EXPERIMENT,
  EXPERIMENT_UPDATED,
  METRIC_LOGGED,
  TRIAL_UPDATED,
  type ExperimentDetail,
} from './queries.js';

export interface WatchOptions {
  /** Where progress goes (default: nowhere). */
  write?: (text: string) => void;
  /** Redraw in place with ANSI escapes (a terminal) instead of appending changed lines. */
  tty?: boolean;
  /**
   * If no event arrives for this long, re-read the experiment once (guards against an
   * update published in the instant between subscribing and the first read). Default 15 s.
   */
  resyncAfterMs?: number;
  /** Give up after this long (default: never). */
  timeoutMs?: number;
}

/** Resolves with the experiment (first 1000 trials) once it is terminal. */
export async function watchExperiment(client: GatewayClient, experimentId: string, options: WatchOptions = {}): Promise<ExperimentDetail> {
  const write = options.write ?? (() => undefined);
  const state = new ExperimentProgress(experimentId);
  let drawnLines = 0;
  let lastPrinted = new Map<number, string>();
  let drawTimer: NodeJS.Timeout | undefined;

  const draw = (): void => {
    drawTimer = undefined;
    const lines = state.render();
    if (options.tty) {
      const up = drawnLines > 0 ? `\x1b[${drawnLines}F` : '';
      write(up + lines.map((l) => `\x1b[2K${l}`).join('\n') + '\n');
      drawnLines = lines.length;
    } else {
      const next = new Map<number, string>();
      // Only lines that changed, without the bar (which changes constantly) deciding it.
      lines.forEach((l, i) => {
        next.set(i, l);
        if (lastPrinted.get(i) !== l) write(l + '\n');
      });
      lastPrinted = next;
    }
  };
  const scheduleDraw = (): void => {
    drawTimer ??= setTimeout(draw, options.tty ? 100 : 500);
  };

  return new Promise<ExperimentDetail>((resolve, reject) => {
    let finished = false;
    let resyncTimer: NodeJS.Timeout | undefined;
    let timeoutTimer: NodeJS.Timeout | undefined;
    const subs: Subscription[] = [];

    const finish = (err: Error | undefined, value?: ExperimentDetail): void => {
      if (finished) return;
      finished = true;
      clearTimeout(resyncTimer);
      clearTimeout(timeoutTimer);
      for (const s of subs) s.unsubscribe();
      if (drawTimer) {
        clearTimeout(drawTimer);
      }
      if (err) reject(err);
      else {
        draw();
        resolve(value!);
      }
    };

    const readAll = async (): Promise<void> => {
      const { experiment } = await client.request(EXPERIMENT, { id: experimentId, first: 1000 });
      if (!experiment) throw Object.assign(new Error(`experiment ${experimentId} not found`), { code: 'NOT_FOUND' });
      state.applyExperiment(experiment);
      for (const t of experiment.trials.nodes) state.applyTrial(t);
      if (TERMINAL_EXPERIMENT_STATUSES.includes(experiment.status)) finish(undefined, experiment);
      else scheduleDraw();
    };

    const onTerminal = (): void => {
      // Re-read for the final numbers (final metrics of every trial).
      readAll().catch((e: unknown) => finish(e instanceof Error ? e : new Error(String(e))));
    };
    const bump = (): void => {
      clearTimeout(resyncTimer);
      if (finished) return;
      resyncTimer = setTimeout(() => {
        if (!finished) readAll().then(bump, (e: unknown) => finish(e instanceof Error ? e : new Error(String(e))));
      }, options.resyncAfterMs ?? 15_000);
    };
    const onError = (e: Error): void => finish(e);
    const offReconnected = client.onReconnected(() => {
      if (!finished) readAll().catch((e: unknown) => finish(e instanceof Error ? e : new Error(String(e))));
    });
    subs.push({ ready: Promise.resolve(), unsubscribe: offReconnected });

    subs.push(
      client.subscribe(EXPERIMENT_UPDATED, { id: experimentId }, {
        next: ({ experimentUpdated }) => {
          bump();
          state.applyExperiment(experimentUpdated);
          if (TERMINAL_EXPERIMENT_STATUSES.includes(experimentUpdated.status)) onTerminal();
          else scheduleDraw();
        },
        error: onError,
      }),
      client.subscribe(TRIAL_UPDATED, { experimentId }, {
        next: ({ trialUpdated }) => {
          bump();
          state.applyTrial(trialUpdated);
          scheduleDraw();
        },
        error: onError,
      }),
      client.subscribe(METRIC_LOGGED, { experimentId }, {
        next: ({ metricLogged }) => {
          bump();
          state.applyMetrics(metricLogged);
          scheduleDraw();
        },
        error: onError,
      }),
    );
    if (options.timeoutMs) {
      timeoutTimer = setTimeout(() => finish(new Error(`experiment ${experimentId} not finished after ${options.timeoutMs} ms`)), options.timeoutMs);
    }
    Promise.all(subs.map((s) => s.ready))
      .then(readAll)
      .then(bump)
      .catch((e: unknown) => finish(e instanceof Error ? e : new Error(String(e))));
  });
}
