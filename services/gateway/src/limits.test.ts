import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSchema } from './server.js';
import { limitRules, MAX_FRAGMENTS_PER_SET, MAX_SAME_FIELD, shapeCheck } from './limits.js';

const schema = buildSchema();
const rules = limitRules({ maxDepth: 10, maxAliases: 30 });
const check = (query: string) => shapeCheck(schema, query, { maxTokens: 5000, rules });
const limits = (query: string): string[] => check(query).errors.map((e) => `${String(e.extensions['code'])}/${String(e.extensions['limit'])}`);

test('shape check: the issue-13 attacks and the repeated-field attack are refused, each naming its limit', () => {
  const aliases = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: experiments(first: 20) { nodes { id name status } }`).join(' ')} }`;
  assert.deepEqual(limits(aliases), ['LIMIT_EXCEEDED/tokens']);
  let inner = 'id name';
  for (let i = 0; i < 6; i++) inner = `experiment { name trials { nodes { id ${inner} } } }`;
  assert.ok(limits(`query($id: ID!) { trial(id: $id) { ${inner} } }`).includes('LIMIT_EXCEEDED/depth'));
  assert.deepEqual(limits(`{ ${Array.from({ length: 40 }, (_, i) => `a${i}: me { owner }`).join(' ')} }`), ['LIMIT_EXCEEDED/aliases']);
  // __typename is no exception (the alias plugin exempts it by default).
  assert.deepEqual(limits(`{ ${Array.from({ length: 40 }, (_, i) => `t${i}: __typename`).join(' ')} }`), ['LIMIT_EXCEEDED/aliases']);
  assert.deepEqual(limits(`{ ${Array.from({ length: MAX_SAME_FIELD + 1 }, () => 'experiments { totalCount }').join(' ')} }`), ['LIMIT_EXCEEDED/duplicates']);
  // Nested sets are checked too, and an alias is the response key.
  assert.deepEqual(limits(`{ experiments { nodes { ${Array.from({ length: MAX_SAME_FIELD + 2 }, () => 'x: id').join(' ')} } } }`), ['LIMIT_EXCEEDED/duplicates']);
  const spreads = Array.from({ length: MAX_FRAGMENTS_PER_SET + 1 }, () => '... on Query { me { owner } }').join(' ');
  assert.deepEqual(limits(`{ ${spreads} }`), ['LIMIT_EXCEEDED/fragments']);
});

test('shape check: ordinary queries pass with their document; other syntax errors are left to the server', () => {
  const ok = check(`{ experiments(first: 5) { nodes { id name status trials(first: 3) { nodes { id status } } } } me { owner role } }`);
  assert.deepEqual(ok.errors, []);
  assert.ok(ok.document);
  const repeated = check(`{ ${Array.from({ length: MAX_SAME_FIELD }, () => 'me { owner }').join(' ')} }`);
  assert.deepEqual(repeated.errors, []);
  const broken = check('{ experiments { ');
  assert.deepEqual(broken.errors, []);
  assert.equal(broken.document, undefined);
});
