import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema as parseSdl, lexicographicSortSchema, printSchema } from 'graphql';
import { typeDefs } from './generated/schema.js';
import { buildSchema } from './server.js';

const contract = readFileSync(fileURLToPath(new URL('../../../schema.graphql', import.meta.url)), 'utf8');
const canonical = (sdl: string): string => printSchema(lexicographicSortSchema(parseSdl(sdl)));

test('the generated SDL is the contract in /schema.graphql (run `npm run codegen` if this fails)', () => {
  assert.equal(canonical(typeDefs), canonical(contract));
});

test('every resolver matches a field of the schema', () => {
  // makeExecutableSchema throws on resolvers for unknown types or fields.
  const schema = buildSchema();
  assert.ok(schema.getQueryType()?.getFields()['experiments']);
  assert.ok(schema.getSubscriptionType()?.getFields()['metricLogged']);
});
