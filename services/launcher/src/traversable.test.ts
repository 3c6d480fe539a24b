import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstBlocked } from './traversable.js';

test('firstBlocked names the directory another user cannot enter, or the file they cannot run', () => {
  const root = mkdtempSync(join(tmpdir(), 'tg-trav-'));
  try {
    chmodSync(root, 0o755);
    const dir = join(root, 'checkout', 'bin');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'initdb');
    writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
    const stranger = { uid: 65_534, gid: 65_534 };
    assert.equal(firstBlocked(file, stranger), undefined);
    assert.equal(firstBlocked(file, 'others'), undefined);

    chmodSync(join(root, 'checkout'), 0o700);
    assert.deepEqual(firstBlocked(file, stranger), { path: join(root, 'checkout'), mode: 0o700, uid: process.getuid?.() ?? 0 });
    // The owner gets in through the owner bits.
    const me = { uid: process.getuid?.() ?? 0, gid: 12_345 };
    assert.equal(firstBlocked(file, me), undefined);
    chmodSync(join(root, 'checkout'), 0o750);
    assert.equal(firstBlocked(file, { uid: 65_534, gid: process.getgid?.() ?? 0 }), undefined, 'group members may enter');
    assert.equal(firstBlocked(file, stranger)?.path, join(root, 'checkout'));

    chmodSync(join(root, 'checkout'), 0o755);
    chmodSync(file, 0o744);
    assert.equal(firstBlocked(file, stranger)?.path, file, 'a file others may not run');
    assert.throws(() => firstBlocked(join(dir, 'missing'), stranger), /ENOENT/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
