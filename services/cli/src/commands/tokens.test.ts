import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine, UsageError } from '../args.js';
import { runCli } from '../cli.js';
import { expiresOption, tokenRole, tokensTable, tokenState, type ApiTokenRow } from './tokens.js';

const now = new Date('2026-11-30T09:00:00.000Z');

test('--expires: days from now or a future ISO date; anything else is a usage error', () => {
  assert.equal(expiresOption('90d', now), '2027-02-28T09:00:00.000Z');
  assert.equal(expiresOption('2027-01-31', now), '2027-01-31T00:00:00.000Z');
  assert.equal(expiresOption('2027-01-31T12:30:00Z', now), '2027-01-31T12:30:00.000Z');
  for (const bad of ['0d', 'soon', '90', '1w', '2026-11-29', '2026-13-45', '']) {
    assert.throws(() => expiresOption(bad, now), UsageError, bad);
  }
});

test('--role: viewer, editor or admin, any case', () => {
  assert.equal(tokenRole('Editor'), 'editor');
  assert.throws(() => tokenRole('root'), /--role must be one of viewer, editor, admin/);
});

const row = (over: Partial<ApiTokenRow>): ApiTokenRow => ({
  id: 't1',
  name: 'ci',
  owner: 'alice',
  role: 'editor',
  prefix: 'tg_abcd',
  createdBy: 'admin',
  createdAt: '2026-11-01T08:00:00.000Z',
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
  ...over,
});

test('token state and table: revoked beats expired; the prefix, never a secret', () => {
  assert.equal(tokenState(row({}), now), 'active');
  assert.equal(tokenState(row({ expiresAt: '2026-11-30T08:59:59.000Z' }), now), 'expired');
  assert.equal(tokenState(row({ expiresAt: '2026-11-01T00:00:00.000Z', revokedAt: '2026-11-02T00:00:00.000Z' }), now), 'revoked');
  const table = tokensTable([row({ lastUsedAt: '2026-11-30T08:15:42.000Z' }), row({ id: 't2', name: 'old', revokedAt: '2026-11-20T00:00:00.000Z' })], now);
  const lines = table.split('\n');
  assert.match(lines[0]!, /^id\s+name\s+owner\s+role\s+prefix\s+state\s+created\s+expires\s+last used$/);
  assert.match(lines.find((l) => l.startsWith('t1'))!, /ci\s+alice\s+editor\s+tg_abcd…\s+active\s+2026-11-01 08:00 by admin\s+-\s+2026-11-30 08:15$/);
  assert.match(lines.find((l) => l.startsWith('t2'))!, /\brevoked\b/);
});

test('token commands parse; create-token without --owner or --role exits 2 before any request', async () => {
  const parsed = parseCommandLine(['create-token', 'ci', '--owner', 'alice', '--role', 'editor', '--expires', '30d']);
  assert.ok(!('help' in parsed));
  assert.deepEqual(parsed.options, { owner: 'alice', role: 'editor', expires: '30d' });
  assert.throws(() => parseCommandLine(['revoke-token']), /missing argument <tokenId>/);
  assert.throws(() => parseCommandLine(['tokens', 'extra']), /unexpected argument/);
  // Port 9 (discard) refuses connections: a request would fail with exit 1, not 2.
  const io = (): { text: { stdout: string; stderr: string }; io: { stdout(t: string): void; stderr(t: string): void; tty: boolean } } => {
    const text = { stdout: '', stderr: '' };
    return { text, io: { stdout: (t) => void (text.stdout += t), stderr: (t) => void (text.stderr += t), tty: false } };
  };
  for (const [args, message] of [
    [['create-token', 'ci', '--role', 'editor'], /--owner/],
    [['create-token', 'ci', '--owner', 'alice'], /--role viewer\|editor\|admin is required/],
    [['create-token', 'ci', '--owner', 'alice', '--role', 'root'], /--role must be one of/],
    [['create-token', 'ci', '--owner', 'alice', '--role', 'viewer', '--expires', 'yesterday'], /--expires/],
  ] as const) {
    const { text, io: cliIo } = io();
    const code = await runCli([...args, '--url', 'http://127.0.0.1:9/graphql'], { TRIALGRID_TOKEN: 'tg_x' }, cliIo);
    assert.equal(code, 2, `${args.join(' ')}: ${text.stderr}`);
    assert.match(text.stderr, message);
    assert.match(text.stderr, /usage: trialgrid create-token <name>/);
  }
});
