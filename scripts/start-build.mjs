#!/usr/bin/env node
// The build half of `npm start`: says what it is doing while turbo compiles the services (the
// first build of a fresh clone takes minutes; later starts hit turbo's cache and take seconds),
// one line per package, then how long it took. On a failed build it runs turbo once more with
// only the failing tasks' output, so the compiler errors are what you read last.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const say = (line) => process.stdout.write(`launcher | ${line}\n`);
const first = !existsSync(`${root}services/launcher/dist/main.js`);
say(
  first
    ? 'first start: compiling every service with tsc, one line per package (a few minutes the first time, over two on a 2-core machine); later starts reuse the build'
    : 'building what changed since the last start (seconds when nothing did)',
);
const started = Date.now();
const turbo = (logs) =>
  spawnSync('npx', ['--no-install', 'turbo', 'run', 'build', `--output-logs=${logs}`, '--filter=./services/*'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
const result = turbo('hash-only');
if (result.status !== 0) {
  say('the build failed; the failing package\'s compiler output follows');
  turbo('errors-only');
  process.exit(result.status ?? 1);
}
say(`build ready in ${((Date.now() - started) / 1000).toFixed(0)} s; starting the cluster`);
