/** Periodic passes (dispatch safety net, reconciliation), run one at a time, never overlapping, never throwing. */
import type { Logger } from '@trialgrid/logger';

export interface Periodic {
  every(ms: number, name: string, fn: () => Promise<unknown>): void;
  /** Clears the timers (no new pass starts). */
  clear(): void;
  /** Waits for the pass in progress, if any. */
  settle(): Promise<void>;
}

export function createPeriodic(log: Logger, isStopped: () => boolean): Periodic {
  const timers: NodeJS.Timeout[] = [];
  let loop: Promise<unknown> = Promise.resolve();
  return {
    every(ms, name, fn) {
      const timer = setInterval(() => {
        if (isStopped()) return;
        loop = loop.then(async () => {
          if (isStopped()) return;
          try {
            await fn();
          } catch (err) {
            log.warn({ err }, `${name} failed`);
          }
        });
      }, ms);
      timer.unref();
      timers.push(timer);
    },
    clear() {
      for (const t of timers) clearInterval(t);
    },
    async settle() {
      await loop.catch(() => undefined);
    },
  };
}
