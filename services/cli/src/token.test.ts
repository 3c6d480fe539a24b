import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveToken, tokenHint } from './token.js';

test('resolveToken: TRIALGRID_TOKEN, then TRIALGRID_TOKEN_FILE, then <state dir>/admin-token', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-token-'));
  mkdirSync(join(dir, '.data'));
  assert.equal(resolveToken({}, dir), undefined);
  writeFileSync(join(dir, '.data', 'admin-token'), 'tg_fromstate\n');
  assert.deepEqual(resolveToken({}, dir), { token: 'tg_fromstate', source: join(dir, '.data', 'admin-token') });
  mkdirSync(join(dir, 'state'));
  writeFileSync(join(dir, 'state', 'admin-token'), 'tg_otherstate');
  assert.equal(resolveToken({ TRIALGRID_STATE_DIR: 'state' }, dir)?.token, 'tg_otherstate');
  writeFileSync(join(dir, 'mine'), ' tg_fromfile \n');
  assert.equal(resolveToken({ TRIALGRID_TOKEN_FILE: 'mine' }, dir)?.token, 'tg_fromfile');
  assert.equal(resolveToken({ TRIALGRID_TOKEN: 'tg_direct', TRIALGRID_TOKEN_FILE: 'mine' }, dir)?.token, 'tg_direct');
  assert.throws(() => resolveToken({ TRIALGRID_TOKEN_FILE: 'missing' }, dir), /ENOENT/);
});

test('tokenHint: how to send a token when none was sent; which token was refused when one was', () => {
  assert.match(tokenHint(undefined), /set TRIALGRID_TOKEN/);
  const refused = tokenHint({ token: 'tg_x', source: '/tmp/state/admin-token' });
  assert.match(refused, /refused the token from \/tmp\/state\/admin-token/);
  assert.match(refused, /create-token/);
  assert.doesNotMatch(refused, /tg_x/, 'the secret itself is not printed');
});
