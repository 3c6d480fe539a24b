/**
 * GraphQL subscriptions over core NATS `updates.*`: every GraphQL subscription owns exactly one
 * NATS subscription on a subject already narrowed by its arguments, wrapped in an async
 * iterator. graphql-ws calls `return()` when the client completes or disconnects, which
 * unsubscribes from NATS, so nothing leaks; `close()` ends every open one on shutdown.
 *
 * ```ts
 * const it = pubsub.subscribe(m.subjects.updatesMetric('*', trialId), 'metric.update', (d) => d.points);
 * for await (const points of it) ...
 * ```
 */
import { subscribeCore, type MessageOf, type MessageType, type Messaging } from '@trialgrid/messaging';
import { errorMessage } from '@trialgrid/errors';
import type { Logger } from '@trialgrid/logger';

export interface NatsPubSub {
  /**
   * An async iterator of `map(message)` for each message of `type` on `subject`, in arrival
   * order; `map` returning undefined skips the message (e.g. a row that no longer exists).
   */
  subscribe<T extends MessageType, R>(
    subject: string,
    type: T,
    map: (data: MessageOf<T>) => Promise<R | undefined> | R | undefined,
  ): AsyncIterableIterator<R>;
  /** NATS subscriptions currently held for GraphQL subscriptions. */
  readonly openSubscriptions: number;
  /** End every open iterator (shutdown). */
  close(): void;
}

export interface PubSubOptions {
  logger: Logger;
  /** Events buffered per slow subscriber before the oldest are dropped (default 1000). */
  maxQueue?: number;
}

class SubscriptionIterator<R> implements AsyncIterableIterator<R> {
  private readonly buffer: R[] = [];
  private readonly waiters: ((r: IteratorResult<R>) => void)[] = [];
  private chain: Promise<void> = Promise.resolve();
  private done = false;
  private dropped = 0;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly maxQueue: number,
    private readonly logger: Logger,
    private readonly onEnd: (it: SubscriptionIterator<R>) => void,
  ) {}

  attach(unsubscribe: () => void): void {
    this.unsubscribe = unsubscribe;
  }

  /** Called by the NATS callback; `produce` runs in order, one message after the other. */
  enqueue(produce: () => Promise<R | undefined> | R | undefined): void {
    if (this.done) return;
    this.chain = this.chain.then(async () => {
      if (this.done) return;
      let value: R | undefined;
      try {
        value = await produce();
      } catch (err) {
        this.logger.warn({ err }, 'subscription event dropped');
        return;
      }
      if (value !== undefined) this.push(value);
    });
  }

  private push(value: R): void {
    if (this.done) return;
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter({ value, done: false });
      return;
    }
    this.buffer.push(value);
    if (this.buffer.length > this.maxQueue) {
      this.buffer.shift();
      if (this.dropped++ % 100 === 0) this.logger.warn({ dropped: this.dropped }, 'slow subscriber: dropping oldest events');
    }
  }

  next(): Promise<IteratorResult<R>> {
    const value = this.buffer.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  return(): Promise<IteratorResult<R>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(err?: unknown): Promise<IteratorResult<R>> {
    this.end();
    return Promise.reject(err instanceof Error ? err : new Error(errorMessage(err)));
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    this.buffer.length = 0;
    try {
      this.unsubscribe?.();
    } finally {
      for (const w of this.waiters.splice(0)) w({ value: undefined, done: true });
      this.onEnd(this);
    }
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

export function createNatsPubSub(messaging: Messaging, options: PubSubOptions): NatsPubSub {
  const logger = options.logger.child({ component: 'pubsub' });
  const maxQueue = options.maxQueue ?? 1000;
  const open = new Set<SubscriptionIterator<unknown>>();
  return {
    subscribe<T extends MessageType, R>(subject: string, type: T, map: (data: MessageOf<T>) => Promise<R | undefined> | R | undefined) {
      const it = new SubscriptionIterator<R>(maxQueue, logger.child({ subject }), (done) => open.delete(done as SubscriptionIterator<unknown>));
      open.add(it as SubscriptionIterator<unknown>);
      it.attach(subscribeCore(messaging, subject, type, (data) => it.enqueue(() => map(data)), { logger }));
      return it;
    },
    get openSubscriptions() {
      return open.size;
    },
    close() {
      for (const it of [...open]) it.end();
    },
  };
}
