/**
 * Coalesced dispatch requests: `kick(experimentId)` asks for one dispatch pass of that
 * experiment soon; kicks that arrive while a pass runs fold into one more pass. Never throws
 * (a failed pass is logged and left to the periodic dispatcher).
 */
import type { Logger } from '@trialgrid/logger';

export interface Kicker {
  kick(experimentId: string): void;
  /** Stop accepting kicks and wait for the passes in progress. */
  stop(): Promise<void>;
}

export function createKicker(log: Logger, dispatch: (experimentId: string) => Promise<unknown>): Kicker {
  const kicks = new Map<string, { again: boolean; done: Promise<void> }>();
  let stopped = false;
  return {
    kick(experimentId) {
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
              await dispatch(experimentId);
            } catch (err) {
              // The periodic pass picks it up again.
              log.warn({ experimentId, err }, 'dispatch failed');
            }
          } while (entry.again && !stopped);
        } finally {
          kicks.delete(experimentId);
        }
      })();
    },
    async stop() {
      stopped = true;
      await Promise.allSettled([...kicks.values()].map((k) => k.done));
    },
  };
}

