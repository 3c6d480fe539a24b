#!/usr/bin/env node
/**
 * trialgrid command-line client.
 *
 * ```sh
 * trialgrid submit examples/grid.yaml --train-limit 2000 --epochs 2 --watch
 * trialgrid ls --json
 * ```
 */
import { runCli } from './cli.js';

const code = await runCli(process.argv.slice(2), process.env, {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  tty: process.stdout.isTTY === true,
});
process.exitCode = code;
