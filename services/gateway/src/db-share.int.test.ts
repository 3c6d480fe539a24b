import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDatabase } from '@trialgrid/db';
import { startPostgres } from '@trialgrid/testing';
import { runWithDbShare, shareDbPool } from './db-share.js';

test('an operation holds at most its share of the pool; others are not queued behind it', async () => {
  const pg = await startPostgres();
  const handle = createDatabase({ url: pg.url, max: 6 });
  try {
    shareDbPool(handle.pool);
    shareDbPool(handle.pool); // idempotent
    const order: string[] = [];
    const heavy = runWithDbShare(2, () =>
      Promise.all(
        Array.from({ length: 6 }, async (_, i) => {
          // connect() inside the share counts until release; query() too.
          if (i % 2 === 0) {
            await handle.pool.query('select pg_sleep(0.15)');
            return;
          }
          const c = await handle.pool.connect();
          try {
            await c.query('select pg_sleep(0.15)');
          } finally {
            c.release();
          }
        }),
      ).then(() => order.push('heavy done')),
    );
    // Outside the share: one light query, started while the heavy operation waits on itself.
    await new Promise((r) => setTimeout(r, 20));
    const [{ n }] = (await handle.pool.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = current_database() and query like $1 and state = $2', ['select pg_sleep%', 'active'])).rows as [{ n: number }];
    order.push('light done');
    await heavy;
    assert.ok(n >= 1 && n <= 2, `${n} heavy statements ran at once (share is 2)`);
    assert.deepEqual(order, ['light done', 'heavy done']);
  } finally {
    await handle.close();
    await pg.close();
  }
});
