import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateNatsCredentials, natsServerConfig, writeNatsServerConfig } from './nats-auth.js';

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'launcher-nats-auth-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('credentials: created once per role with long random passwords (0600), then reused', () => {
  withDir((dir) => {
    const file = join(dir, 'nats-credentials.json');
    const first = loadOrCreateNatsCredentials(file);
    assert.equal(first.created, true);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(Object.keys(first.credentials).sort(), ['gateway', 'registry', 'scheduler', 'worker']);
    const passwords = Object.values(first.credentials).map((c) => c.password);
    assert.equal(new Set(passwords).size, 4, 'every role its own password');
    assert.ok(passwords.every((p) => p.length >= 40));
    assert.equal(first.credentials.worker.user, 'worker');

    const second = loadOrCreateNatsCredentials(file);
    assert.equal(second.created, false);
    assert.deepEqual(second.credentials, first.credentials);
  });
});

test('credentials: a file missing a role or unreadable is replaced, and a loosened mode is tightened', () => {
  withDir((dir) => {
    const file = join(dir, 'nats-credentials.json');
    writeFileSync(file, JSON.stringify({ gateway: { user: 'gateway', password: 'x'.repeat(20) } }), { mode: 0o644 });
    const replaced = loadOrCreateNatsCredentials(file);
    assert.equal(replaced.created, true);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    writeFileSync(file, 'not json');
    assert.equal(loadOrCreateNatsCredentials(file).created, true);

    // A complete file someone made readable to others: kept, but private again.
    chmodSync(file, 0o644);
    assert.equal(loadOrCreateNatsCredentials(file).created, false);
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });
});

test('server configuration: listen address, store, one user per role with its permissions, written 0600', () => {
  withDir((dir) => {
    const { credentials } = loadOrCreateNatsCredentials(join(dir, 'creds.json'));
    const options = { host: '127.0.0.1', port: 14222, storeDir: '/state/nats', prefix: 'tgx', credentials };
    const text = natsServerConfig(options);
    assert.match(text, /^listen: "127\.0\.0\.1:14222"$/m);
    assert.match(text, /^jetstream \{ store_dir: "\/state\/nats" \}$/m);
    for (const role of ['gateway', 'scheduler', 'registry', 'worker'] as const) {
      assert.ok(text.includes(`user: "${role}", password: ${JSON.stringify(credentials[role].password)}`), role);
    }
    // Only the gateway may send commands.
    const publishLines = text.split('\n').filter((l) => l.includes('publish: { allow'));
    assert.equal(publishLines.filter((l) => l.includes('"tgx.cmd.experiment.cancel"')).length, 1);
    assert.doesNotMatch(text, /no_auth_user/);

    const file = join(dir, 'nats.conf');
    writeNatsServerConfig(file, options);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(readFileSync(file, 'utf8'), text);
  });
});
