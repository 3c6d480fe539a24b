/**
 * As root the embedded Postgres runs as the OS user `postgres`: when that user cannot enter the
 * data directory's parent, the launcher says which directory and what to do instead of letting
 * initdb die on a bare EACCES.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './net.js';
import { resolvePostgres } from './postgres.js';
import { Output } from './processes.js';

test('as root, a data directory the postgres user cannot reach is refused with the directory and the remedy', { skip: process.getuid?.() === 0 ? false : 'only as root' }, async () => {
  const state = mkdtempSync(join(tmpdir(), 'launcher-pg-root-')); // mode 0700, owned by root
  try {
    const dataDir = join(state, 'nested', 'postgres');
    await assert.rejects(
      resolvePostgres({ localPort: await freePort(), database: 'trialgrid', dataDir, output: new Output('json', () => undefined) }),
      (err: Error) => {
        assert.match(err.message, /runs as the OS user "postgres", who cannot enter/);
        assert.ok(err.message.includes(state), `names ${state}: ${err.message}`);
        assert.match(err.message, /mode 0700/);
        assert.match(err.message, /chmod o\+x|DATABASE_URL/);
        return true;
      },
    );
    assert.equal(existsSync(dataDir), false, 'nothing initialised');
    assert.deepEqual(readdirSync(join(state, 'nested')), []);
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
});
