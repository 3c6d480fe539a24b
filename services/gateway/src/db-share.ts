/**
 * A fair share of the Postgres pool per GraphQL operation. The pool is shared by every client
 * of the gateway; without a share, one operation that fans out (a nested query resolving many
 * lists) takes every connection and everyone else's trivial query waits behind it. Here each
 * operation runs inside `runWithDbShare(n, ...)` and may hold at most `n` connections at once
 * (its further queries wait for its own earlier ones, not for other clients'); code outside any
 * share (readiness checks, subscriptions' re-reads) uses the pool directly.
 *
 * ```ts
 * shareDbPool(database.pool);                            // once, at start
 * await runWithDbShare(2, () => execute(operation));      // per operation
 * ```
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pLimit from 'p-limit';
import type pg from 'pg';

type Limit = ReturnType<typeof pLimit>;

const current = new AsyncLocalStorage<Limit>();
const shared = new WeakSet<pg.Pool>();

/** Runs `fn` with its own limit of `connections` concurrent Postgres connections. */
export function runWithDbShare<T>(connections: number, fn: () => T): T {
  return current.run(pLimit(connections), fn);
}

/**
 * Makes `pool.query` and `pool.connect` honour the share of the operation they are called in
 * (idempotent). A connection taken with `connect()` counts until it is released.
 */
export function shareDbPool(pool: pg.Pool): void {
  if (shared.has(pool)) return;
  shared.add(pool);
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;

  (pool as { query: unknown }).query = (...args: unknown[]): unknown => {
    const limit = current.getStore();
    // Callback style (pg's own internals never call the pool this way from a share) and calls
    // outside a share go straight to the pool.
    if (!limit || typeof args[args.length - 1] === 'function') return query(...args);
    return limit(() => query(...args) as Promise<unknown>);
  };

  (pool as { connect: unknown }).connect = (...args: unknown[]): unknown => {
    const limit = current.getStore();
    if (!limit || args.length > 0) return connect(...args);
    return new Promise<pg.PoolClient>((resolveClient, reject) => {
      // The permit is held from connect() until the client is released.
      void limit(
        () =>
          new Promise<void>((releasePermit) => {
            (connect() as Promise<pg.PoolClient>).then(
              (client) => {
                const release = client.release.bind(client);
                let released = false;
                client.release = (err?: Error | boolean) => {
                  if (!released) {
                    released = true;
                    client.release = release;
                    releasePermit();
                  }
                  return release(err);
                };
                resolveClient(client);
              },
              (err: unknown) => {
                releasePermit();
                reject(err instanceof Error ? err : new Error(String(err)));
              },
            );
          }),
      );
    });
  };
}
