import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'graphql';
import { bearerToken, connectionParamsToken, cookieValue, originAllowed } from './auth.js';
import { asTokenLimit, operationCost } from './limits.js';
import { buildSchema } from './server.js';

test('bearerToken reads `Bearer <token>` only', () => {
  assert.equal(bearerToken('Bearer tg_abc'), 'tg_abc');
  assert.equal(bearerToken('bearer   tg_abc  '), 'tg_abc');
  assert.equal(bearerToken(['Bearer tg_x', 'Bearer tg_y']), 'tg_x');
  assert.equal(bearerToken('Basic dXNlcg=='), undefined);
  assert.equal(bearerToken('Bearer a b'), undefined);
  assert.equal(bearerToken(undefined), undefined);
});

test('connectionParamsToken: authorization header style or a bare token', () => {
  assert.equal(connectionParamsToken({ authorization: 'Bearer tg_a' }), 'tg_a');
  assert.equal(connectionParamsToken({ Authorization: 'Bearer tg_b' }), 'tg_b');
  assert.equal(connectionParamsToken({ token: 'tg_c' }), 'tg_c');
  assert.equal(connectionParamsToken({ token: 3 }), undefined);
  assert.equal(connectionParamsToken(undefined), undefined);
});

test('cookieValue finds one cookie among several', () => {
  assert.equal(cookieValue('a=1; trialgrid_session=tg_x%2By; b=2', 'trialgrid_session'), 'tg_x+y');
  assert.equal(cookieValue('a=1', 'trialgrid_session'), undefined);
  assert.equal(cookieValue(undefined, 'a'), undefined);
});

test('originAllowed: no Origin, the same host, or a listed origin; nothing else', () => {
  assert.equal(originAllowed(undefined, '127.0.0.1:4000', []), true);
  assert.equal(originAllowed('http://127.0.0.1:4000', '127.0.0.1:4000', []), true);
  assert.equal(originAllowed('http://evil.example', '127.0.0.1:4000', []), false);
  assert.equal(originAllowed('http://127.0.0.1:8080', '127.0.0.1:4000', []), false, 'another port is another origin');
  assert.equal(originAllowed('https://ops.example.com', 'gw:4000', ['https://ops.example.com/']), true);
  assert.equal(originAllowed('https://ops.example.com.evil', 'gw:4000', ['https://ops.example.com']), false);
  assert.equal(originAllowed('null', 'gw:4000', ['https://ops.example.com']), false);
});

test('operation cost counts list sizes: first, ids, the default size, and predict images', () => {
  const schema = buildSchema();
  const cost = (q: string, v: Record<string, unknown> = {}) => operationCost(schema, parse(q), v);
  assert.equal(cost('{ experiments(first: 10) { totalCount } }'), 1 + 10 * 1);
  // nodes of a connection are the page `first` already counted
  assert.equal(cost('{ experiments(first: 10) { nodes { id } } }'), 1 + 10 * (1 + 1));
  assert.equal(cost('query($n: Int) { experiments(first: $n) { nodes { id } } }', { n: 100 }), 1 + 100 * 2);
  assert.ok(cost('{ experiments(first: 100) { nodes { trials(first: 100) { nodes { id } } } } }') > 10_000);
  assert.equal(cost('query($im: [[Float!]!]!) { predict(images: $im) { classes } }', { im: [[0], [0]] }), 1 + 1 + 2 * 40);
});

test('the token limit error of graphql-js becomes LIMIT_EXCEEDED', () => {
  assert.equal(asTokenLimit({ message: 'Syntax Error: Document contains more that 5000 tokens. Parsing aborted.' })?.extensions['code'], 'LIMIT_EXCEEDED');
  assert.equal(asTokenLimit({ message: 'Syntax Error: Expected Name, found <EOF>.' }), undefined);
});
