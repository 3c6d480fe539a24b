import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_GATEWAY_URL, parseCommandLine, presetName, stageName, usage, UsageError, type ParsedCommand } from './args.js';

const parsed = (argv: string[], env = {}): ParsedCommand => {
  const r = parseCommandLine(argv, env);
  assert.ok(!('help' in r), 'expected a command');
  return r;
};

test('submit with a file and overrides', () => {
  const p = parsed(['submit', 'exp.yaml', '--epochs', '2', '--train-limit', '500', '--json']);
  assert.equal(p.command, 'submit');
  assert.deepEqual(p.positionals, ['exp.yaml']);
  assert.equal(p.options['epochs'], '2');
  assert.equal(p.options['train-limit'], '500');
  assert.equal(p.json, true);
  assert.equal(p.url, DEFAULT_GATEWAY_URL);
});

test('url: --url beats GATEWAY_URL beats the default', () => {
  assert.equal(parsed(['ls'], { GATEWAY_URL: 'http://gw:9/graphql' }).url, 'http://gw:9/graphql');
  assert.equal(parsed(['ls', '--url', 'http://x:1/graphql'], { GATEWAY_URL: 'http://gw:9/graphql' }).url, 'http://x:1/graphql');
  assert.throws(() => parseCommandLine(['ls', '--url', 'not a url']), UsageError);
});

test('submit needs exactly one of file or --preset', () => {
  assert.throws(() => parseCommandLine(['submit']), /give an experiment file or --preset/);
  assert.throws(() => parseCommandLine(['submit', 'a.yaml', '--preset', 'documented']), /not both/);
  assert.equal(parsed(['submit', '--preset', 'documented']).options['preset'], 'documented');
  assert.throws(() => parseCommandLine(['submit', '--preset', 'nope']), /unknown preset "nope"/);
});

test('unknown commands, unknown options, wrong counts and bad numbers are usage errors', () => {
  assert.throws(() => parseCommandLine(['frobnicate']), (e: unknown) => e instanceof UsageError && /unknown command "frobnicate"/.test(e.message));
  assert.throws(() => parseCommandLine(['ls', '--bogus']), (e: unknown) => e instanceof UsageError && /bogus/.test(e.message));
  assert.throws(() => parseCommandLine(['show']), /missing argument/);
  assert.throws(() => parseCommandLine(['cancel', 'a', 'b']), /unexpected argument "b"/);
  assert.throws(() => parseCommandLine(['submit', 'x.json', '--epochs', 'two']), /--epochs must be an integer/);
  assert.throws(() => parseCommandLine(['promote', 'M', 'v1']), /--version must be an integer/);
  assert.throws(() => parseCommandLine(['promote', 'M', '0']), /--version must be >= 1/);
  assert.throws(() => parseCommandLine(['promote', 'M', '2', '--stage', 'prod']), /--stage must be one of/);
  assert.throws(() => parseCommandLine(['compare', 'a', 'a']), /twice/);
});

test('compare is variadic; promote takes model and version', () => {
  assert.deepEqual(parsed(['compare', 'a', 'b', 'c']).positionals, ['a', 'b', 'c']);
  const p = parsed(['promote', 'Mnist_Best_Model', '3', '--stage', 'staging']);
  assert.deepEqual(p.positionals, ['Mnist_Best_Model', '3']);
  assert.equal(p.options['stage'], 'staging');
});

test('help', () => {
  assert.deepEqual(parseCommandLine([]), { help: true });
  assert.deepEqual(parseCommandLine(['--help']), { help: true });
  assert.deepEqual(parseCommandLine(['help', 'watch']), { help: true, command: 'watch' });
  assert.deepEqual(parseCommandLine(['show', '--help']), { help: true, command: 'show' });
  for (const c of ['submit', 'watch', 'ls', 'show', 'compare', 'promote', 'cancel', 'stop', 'retry', 'models']) assert.match(usage(), new RegExp(`\\n  ${c} `));
  assert.match(usage('promote'), /^usage: trialgrid promote <model> <version> \[--stage <value>\] \[--keep-existing\]/);
});

test('preset and stage names', () => {
  assert.equal(presetName('DOCUMENTED_RUNS'), 'DOCUMENTED_RUNS');
  assert.equal(presetName('documented-runs'), 'DOCUMENTED_RUNS');
  assert.equal(stageName('production'), 'Production');
  assert.equal(stageName('ARCHIVED'), 'Archived');
});
