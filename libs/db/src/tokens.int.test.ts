import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import {
  apiTokens,
  authenticateToken,
  countUsableTokens,
  createApiToken,
  hashToken,
  listApiTokens,
  listAuditEvents,
  recordAudit,
  revokeApiToken,
  roleAllows,
} from './index.js';
import { isCode, useFreshDatabase } from './test-support.js';

const t = useFreshDatabase();

test('a token is shown once, stored hashed, and authenticates until revoked', async () => {
  assert.equal(await countUsableTokens(t.db), 0);
  const { token, apiToken } = await createApiToken(t.db, { name: 'ci', owner: 'alice', role: 'editor', createdBy: 'admin' });
  assert.match(token, /^tg_[A-Za-z0-9_-]{43}$/);
  assert.equal(apiToken.prefix, token.slice(0, 8));
  const [stored] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, apiToken.id));
  assert.equal(stored?.tokenHash, hashToken(token));
  assert.ok(!JSON.stringify(stored).includes(token), 'the secret itself is not stored');

  const who = await authenticateToken(t.db, token);
  assert.equal(who?.owner, 'alice');
  assert.equal(who?.role, 'editor');
  assert.ok(who?.lastUsedAt, 'last used time is recorded');
  assert.equal(await authenticateToken(t.db, `${token}x`), null);
  assert.equal(await authenticateToken(t.db, 'not-a-token'), null);
  assert.equal(await countUsableTokens(t.db), 1);

  await revokeApiToken(t.db, { id: apiToken.id, actor: 'bob' });
  assert.equal(await authenticateToken(t.db, token), null);
  assert.equal(await countUsableTokens(t.db), 0);
  const again = await revokeApiToken(t.db, { id: apiToken.id, actor: 'bob' });
  assert.ok(again.revokedAt, 'revoking twice keeps it revoked');

  const audit = await listAuditEvents(t.db, { targetKind: 'token', targetId: apiToken.id });
  assert.deepEqual(audit.map((e) => [e.action, e.actor]), [['token.revoke', 'bob'], ['token.revoke', 'bob'], ['token.create', 'admin']]);
  assert.ok((await listApiTokens(t.db)).some((r) => r.id === apiToken.id && !('tokenHash' in r)));
});

test('an expired token does not authenticate; bad input is refused', async () => {
  const { token, apiToken } = await createApiToken(t.db, { name: 'short', owner: 'carol', role: 'viewer', createdBy: 'admin', expiresAt: new Date(Date.now() + 60_000) });
  assert.equal((await authenticateToken(t.db, token))?.id, apiToken.id);
  assert.equal(await authenticateToken(t.db, token, new Date(Date.now() + 120_000)), null);
  await assert.rejects(createApiToken(t.db, { name: 'x', owner: 'y', role: 'root' as 'admin', createdBy: 'a' }), isCode('INVALID_INPUT'));
  await assert.rejects(createApiToken(t.db, { name: ' ', owner: 'y', role: 'admin', createdBy: 'a' }), isCode('INVALID_INPUT'));
  await assert.rejects(createApiToken(t.db, { name: 'x', owner: 'y', role: 'admin', createdBy: 'a', expiresAt: new Date(0) }), isCode('INVALID_INPUT'));
  await assert.rejects(revokeApiToken(t.db, { id: '00000000-0000-0000-0000-000000000000', actor: 'a' }), isCode('NOT_FOUND'));
});

test('roles are ordered viewer < editor < admin; audit events list newest first', async () => {
  assert.ok(roleAllows('admin', 'editor') && roleAllows('editor', 'editor') && roleAllows('editor', 'viewer'));
  assert.ok(!roleAllows('viewer', 'editor') && !roleAllows('editor', 'admin'));
  await recordAudit(t.db, { actor: 'dave', action: 'experiment.cancel', targetKind: 'experiment', targetId: 'e1' });
  await recordAudit(t.db, { actor: 'erin', action: 'trial.retry', targetKind: 'trial', targetId: 't1', details: { via: 'queue-board' } });
  const all = await listAuditEvents(t.db, { limit: 2 });
  assert.deepEqual(all.map((e) => e.actor), ['erin', 'dave']);
  assert.deepEqual(all[0]?.details, { via: 'queue-board' });
  // A page size outside 1..1000 is INVALID_INPUT naming `first`, as for experiments; before, -1 and 0 were read as 1 without a word.
  for (const limit of [-1, 0, 1001, 2.5]) {
    await assert.rejects(listAuditEvents(t.db, { limit }), (err: unknown) => isCode('INVALID_INPUT')(err) && (err as { details?: { field?: string } }).details?.field === 'first');
  }
  assert.ok((await listAuditEvents(t.db, { limit: 1000 })).length >= 2);
});
