import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { generate } from '@graphql-codegen/cli';
import type { Types } from '@graphql-codegen/plugin-helpers';

// codegen/client-preset.cjs on a small schema and document: the schema's types are imported from
// @trialgrid/graphql-types (never emitted again), the document class too, and the scalars are
// those of codegen/scalars.cjs (a DateTime result is a string).
const { preset } = createRequire(import.meta.url)('../codegen/client-preset.cjs') as { preset: Types.OutputPreset };
const schema = `
  scalar DateTime
  enum Color { RED GREEN }
  input PaintInput { color: Color!, at: DateTime }
  type Paint { id: ID!, color: Color!, at: DateTime }
  type Query { paint(id: ID!): Paint }
  type Mutation { paint(input: PaintInput!): Paint! }
`;

async function run(documents: string[]): Promise<Map<string, string>> {
  const outputs = (await generate(
    { schema, documents, silent: true, generates: { 'out/': { preset } } },
    false,
  )) as { filename: string; content: string }[];
  return new Map(outputs.map((o) => [o.filename.replace(/^.*out\//, ''), o.content]));
}

test('client documents import the schema types and TypedDocumentString instead of emitting them', async () => {
  const files = await run([
    `query Paint($id: ID!) { paint(id: $id) { id color at } }`,
    `mutation Repaint($input: PaintInput!) { paint(input: $input) { id } }`,
  ]);
  const types = files.get('graphql.ts');
  assert.ok(types, `graphql.ts among ${[...files.keys()].join(', ')}`);
  assert.match(types, /^import type \* as Types from '@trialgrid\/graphql-types';$/m);
  assert.match(types, /^import \{ TypedDocumentString \} from '@trialgrid\/graphql-types';$/m);
  // Nothing of the schema's own: no scalars map, enum, input or object type, no document class.
  for (const own of [/export type Scalars\b/, /export type Color\b/, /export type PaintInput\b/, /export type Paint = /, /class TypedDocumentString/, /DocumentTypeDecoration/]) {
    assert.doesNotMatch(types, own);
  }
  // Operations refer to the shared types; a DateTime result is the wire's string.
  assert.match(types, /export type PaintQuery = \{ paint: \{ id: string, color: Types\.Color, at: string \| null \} \| null \};/);
  assert.match(types, /input: Types\.PaintInput;/);
  assert.match(types, /export const PaintDocument = new TypedDocumentString\(/);
  assert.ok(files.get('gql.ts')?.includes('export function graphql('), 'gql.ts has graphql()');
});

test('a codegen config that sets its own scalars is refused (they come from codegen/scalars.cjs)', async () => {
  await assert.rejects(
    generate({ schema, documents: [`query Q { paint(id: "1") { id } }`], silent: true, generates: { 'out/': { preset, config: { scalars: { DateTime: 'Date' } } } } }, false),
    /scalars come from libs\/graphql-types\/codegen\/scalars\.cjs/,
  );
});
