/**
 * `trialgrid tokens | create-token | revoke-token` (the built CLI, as a child process) against
 * the stack: the secret is printed once and works, the list shows it by prefix and never the
 * secret, revoking it locks it out at once, only admins may manage tokens, and every change is
 * audited with the caller's owner.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { createApiToken } from '@trialgrid/db';
import { repoRoot } from '@trialgrid/testing';
import { startStack, type Stack } from './stack.js';

const CLI = join(repoRoot(), 'services', 'cli', 'dist', 'main.js');
let stack: Stack;

function cli(args: string[], token: string = stack.token): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args, '--url', stack.gatewayUrl], { timeout: 60_000, env: { ...process.env, GATEWAY_URL: '', TRIALGRID_TOKEN: token, TRIALGRID_STATE_DIR: '/nonexistent' } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

async function me(token: string): Promise<{ status: number; body: { data?: { me: { owner: string; role: string } }; errors?: { extensions?: { code?: string } }[] } }> {
  const res = await fetch(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ me { owner role } }' }) });
  return { status: res.status, body: (await res.json()) as never };
}

before(async () => {
  stack = await startStack({ workers: 0 });
});
after(async () => {
  await stack?.stop();
});

test('create-token prints the secret once; it works; tokens lists it by prefix; revoke-token locks it out; all audited', async () => {
  const created = await cli(['create-token', 'ci-bot', '--owner', 'alice', '--role', 'editor', '--expires', '30d']);
  assert.equal(created.code, 0, created.stderr);
  const secret = created.stdout.trim();
  assert.match(secret, /^tg_\S+$/, 'stdout is the secret alone (for TOKEN=$(trialgrid create-token ...))');
  assert.match(created.stderr, /shown only this once/);
  assert.doesNotMatch(created.stderr, new RegExp(secret));
  assert.deepEqual((await me(secret)).body.data, { me: { owner: 'alice', role: 'editor' } });

  const listed = await cli(['tokens']);
  assert.equal(listed.code, 0, listed.stderr);
  const line = listed.stdout.split('\n').find((l) => l.includes('ci-bot'));
  assert.ok(line, listed.stdout);
  assert.match(line, new RegExp(`alice\\s+editor\\s+${secret.slice(0, 8)}…\\s+active`));
  assert.doesNotMatch(listed.stdout, new RegExp(secret), 'the list never shows a secret');
  const rows = JSON.parse((await cli(['tokens', '--json'])).stdout) as { id: string; name: string; expiresAt: string | null; lastUsedAt: string | null }[];
  const row = rows.find((r) => r.name === 'ci-bot')!;
  const days = (Date.parse(row.expiresAt!) - Date.now()) / 86_400_000;
  assert.ok(days > 29.9 && days <= 30, `expires in ${days} days`);
  assert.ok(row.lastUsedAt, 'the me query above was recorded as a use');

  // An editor may not manage tokens: FORBIDDEN, exit 1, nothing created.
  const denied = await cli(['create-token', 'sneaky', '--owner', 'mallory', '--role', 'admin'], secret);
  assert.equal(denied.code, 1);
  assert.match(denied.stderr, /FORBIDDEN/);
  assert.equal((JSON.parse((await cli(['tokens', '--json'])).stdout) as { name: string }[]).some((r) => r.name === 'sneaky'), false);
  assert.match((await cli(['revoke-token', row.id], secret)).stderr, /FORBIDDEN/);

  const revoked = await cli(['revoke-token', row.id]);
  assert.equal(revoked.code, 0, revoked.stderr);
  assert.match(revoked.stdout, /revoked token "ci-bot" \(id \S+, alice, editor\) at \d{4}-/);
  const after = await me(secret);
  assert.equal(after.status, 401);
  assert.equal(after.body.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  assert.match((await cli(['tokens'])).stdout.split('\n').find((l) => l.includes('ci-bot')) ?? '', /\brevoked\b/);
  // Revoking twice is harmless (idempotent); an unknown id is NOT_FOUND.
  assert.equal((await cli(['revoke-token', row.id])).code, 0);
  const unknown = await cli(['revoke-token', '00000000-0000-4000-8000-000000000000']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /NOT_FOUND/);

  const audit = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.authHeaders },
    body: JSON.stringify({ query: `query($id: String) { auditEvents(targetKind: "token", targetId: $id) { actor action } }`, variables: { id: row.id } }),
  });
  const events = ((await audit.json()) as { data: { auditEvents: { actor: string; action: string }[] } }).data.auditEvents;
  assert.deepEqual(events.map((e) => e.actor), events.map(() => 'e2e'), JSON.stringify(events));
  assert.ok(events.some((e) => e.action === 'token.create') && events.some((e) => e.action === 'token.revoke'), JSON.stringify(events));
});

test('a token the database made (e.g. by the launcher) is listed too; viewers cannot list', async () => {
  const { token } = await createApiToken(stack.db, { name: 'reader', owner: 'bob', role: 'viewer', createdBy: 'test' });
  const denied = await cli(['tokens'], token);
  assert.equal(denied.code, 1);
  assert.match(denied.stderr, /FORBIDDEN/);
  assert.match((await cli(['tokens'])).stdout, /reader\s+bob\s+viewer/);
});
