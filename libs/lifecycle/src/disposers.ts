import type { Logger } from '@trialgrid/logger';

export type Disposer = () => Promise<void> | void;

/**
 * Ordered cleanup: disposers run in reverse registration order (last opened, first closed),
 * each in its own try/catch so one failure never skips the rest. `dispose()` is idempotent:
 * a second call returns the first call's promise.
 */
export class DisposerStack {
  private readonly entries: { name: string; fn: Disposer }[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly log: Logger) {}

  add(name: string, fn: Disposer): void {
    if (this.running) throw new Error(`cannot register '${name}' during shutdown`);
    this.entries.push({ name, fn });
  }

  get size(): number {
    return this.entries.length;
  }

  dispose(): Promise<void> {
    this.running ??= this.runAll();
    return this.running;
  }

  private async runAll(): Promise<void> {
    for (const { name, fn } of [...this.entries].reverse()) {
      const started = Date.now();
      try {
        await fn();
        this.log.debug({ disposer: name, ms: Date.now() - started }, 'closed');
      } catch (err) {
        this.log.error({ disposer: name, err }, 'close failed');
      }
    }
  }
}
