/**
 * A slot: one loop that pulls a dispatch from the TRIALS work queue, runs it, and pulls the
 * next, until shutdown. A worker runs WORKER_CONCURRENCY slots. Pull failures back off
 * (0.5 s doubling to 10 s); a trial whose handling throws is left for redelivery.
 */
import { errorMessage } from '@trialgrid/errors';
import { fetchOne, type JsDelivery } from '@trialgrid/messaging';
import type { LoadData } from './datasets.js';
import type { WorkerRuntime } from './runtime.js';
import { runTrial } from './trial-run.js';

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/** Pulls and runs trials until `rt.abort` fires. Never throws. */
export async function runSlot(rt: WorkerRuntime, loadData: LoadData, index: number): Promise<void> {
  const slog = rt.log.child({ slot: index });
  let failures = 0;
  while (!rt.abort.signal.aborted) {
    let delivery: JsDelivery<'trial.dispatch'> | null;
    try {
      delivery = await fetchOne(rt.m, {
        stream: rt.m.streams.trials,
        consumer: rt.m.streams.workersConsumer,
        type: 'trial.dispatch',
        expiresMs: 5000,
        signal: rt.abort.signal,
        logger: slog,
      });
      failures = 0;
    } catch (err) {
      if (rt.abort.signal.aborted) break;
      failures++;
      const wait = Math.min(10_000, 500 * 2 ** Math.min(failures, 5));
      slog.warn({ err: errorMessage(err), retryInMs: wait }, 'pull failed (is the TRIALS stream set up?); retrying');
      await sleep(wait, rt.abort.signal);
      continue;
    }
    if (!delivery) continue;
    if (rt.abort.signal.aborted) {
      // Pulled just as we began stopping: give it straight back.
      delivery.nak(0);
      break;
    }
    try {
      await runTrial(rt, loadData, delivery);
    } catch (err) {
      slog.error({ trialId: delivery.data.trialId, err: errorMessage(err) }, 'trial handling failed; leaving it for redelivery');
      delivery.fail(err);
    }
  }
}
