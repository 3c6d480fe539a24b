// `npm test` (scripts/run-tests.mjs) hands the integration tests one Postgres and one NATS.
// Some tests read TEST_DATABASE_URL / TEST_NATS_URL (libs/testing), others the plain
// DATABASE_URL / NATS_URL (the launcher's tests, which pass them on to the services they start),
// so both names must name the same server — the TEST_ one when a user sets it, even where the
// shell also has a DATABASE_URL / NATS_URL of a real deployment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@trialgrid/testing';

const PROBE = 'TRIALGRID_RUN_TESTS_ENV_PROBE';

if (process.env[PROBE] === '1') {
  // Run by the test below through run-tests: what the tests of that run see.
  test('probe: the plain variables name the servers the TEST_ ones name', () => {
    assert.equal(process.env['DATABASE_URL'], process.env['TEST_DATABASE_URL']);
    assert.equal(process.env['NATS_URL'], process.env['TEST_NATS_URL']);
  });
} else {
  test('run-tests: TEST_DATABASE_URL / TEST_NATS_URL win over DATABASE_URL / NATS_URL for every test of the run', { timeout: 120_000 }, () => {
    const testDb = process.env['TEST_DATABASE_URL'] || process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';
    const testNats = process.env['TEST_NATS_URL'] || process.env['NATS_URL'] || 'nats://127.0.0.1:4222';
    // Without the runner's own marker, or the nested `node --test` would report to ours in its wire format.
    const { NODE_TEST_CONTEXT: _runner, ...outer } = process.env;
    const run = spawnSync(process.execPath, [join(repoRoot(), 'scripts/run-tests.mjs'), 'run-tests-env.int.test'], {
      cwd: repoRoot(),
      encoding: 'utf8',
      env: {
        ...outer,
        [PROBE]: '1',
        TEST_DATABASE_URL: testDb,
        TEST_NATS_URL: testNats,
        // A deployment's servers, which no test may touch.
        DATABASE_URL: 'postgres://production@127.0.0.1:1/live',
        NATS_URL: 'nats://127.0.0.1:1',
      },
    });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /probe: the plain variables name the servers/);
  });
}
