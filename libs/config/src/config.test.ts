import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAppError } from '@trialgrid/errors';
import { bool, databaseEnv, duration, int, loadConfig, natsConnection, natsEnv, parseDuration, port, str, z } from './index.js';

test('parseDuration understands units', () => {
  assert.equal(parseDuration('250ms'), 250);
  assert.equal(parseDuration('30s'), 30_000);
  assert.equal(parseDuration('5m'), 300_000);
  assert.equal(parseDuration('1h'), 3_600_000);
  assert.equal(parseDuration('1.5s'), 1_500);
  assert.equal(parseDuration('42'), 42);
  assert.throws(() => parseDuration('soon'), /invalid duration/);
  assert.throws(() => parseDuration(-1), /invalid duration/);
});

test('loadConfig applies defaults and coerces', () => {
  const cfg = loadConfig(
    { PORT: port(4000), ACK_WAIT: duration('30s'), DEBUG: bool(false), NAME: str('x'), N: int(2, 1, 8) },
    { PORT: '8080', DEBUG: 'yes', NAME: '' },
  );
  assert.deepEqual(cfg, { PORT: 8080, ACK_WAIT: 30_000, DEBUG: true, NAME: 'x', N: 2 });
});

test('loadConfig reports every problem at once', () => {
  try {
    loadConfig({ PORT: port(1), URL: z.string().url(), ACK_WAIT: duration('1s') }, { PORT: '99999', ACK_WAIT: 'later' });
    assert.fail('expected an error');
  } catch (err) {
    assert.ok(isAppError(err));
    assert.equal(err.code, 'INVALID_INPUT');
    const problems = err.details?.['problems'] as string[];
    assert.equal(problems.length, 3);
    assert.match(err.message, /PORT/);
    assert.match(err.message, /URL/);
    assert.match(err.message, /ACK_WAIT/);
  }
});

test('natsEnv and databaseEnv: the connection variables every service shares', () => {
  assert.deepEqual(loadConfig({ ...databaseEnv, ...natsEnv }, {}), {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/trialgrid',
    NATS_URL: 'nats://127.0.0.1:4222',
    NATS_USER: '',
    NATS_PASSWORD: '',
    TRIALGRID_PREFIX: 'trialgrid',
  });
  assert.equal(loadConfig(natsEnv, { TRIALGRID_PREFIX: 'team-a_2' }).TRIALGRID_PREFIX, 'team-a_2');
  // A prefix becomes part of subjects and stream names: dots and wildcards would change what they match.
  for (const bad of ['a.b', 'x*', 'x>', 'a b']) assert.throws(() => loadConfig(natsEnv, { TRIALGRID_PREFIX: bad }), /TRIALGRID_PREFIX: letters, digits, _ and - only/, bad);
});

test('natsConnection: connectMessaging options from natsEnv, credentials only when a user is set', () => {
  assert.deepEqual(natsConnection(loadConfig(natsEnv, { NATS_URL: 'nats://n:4222', TRIALGRID_PREFIX: 'p1' })), { servers: 'nats://n:4222', prefix: 'p1' });
  assert.deepEqual(natsConnection(loadConfig(natsEnv, { NATS_USER: 'scheduler', NATS_PASSWORD: 's3cret' })), {
    servers: 'nats://127.0.0.1:4222',
    prefix: 'trialgrid',
    user: 'scheduler',
    pass: 's3cret',
  });
});
