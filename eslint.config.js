// Type-aware lint for every workspace: floating promises and import cycles are errors, and
// services write no SQL (libs/db's repository functions do).
import { readFileSync } from 'node:fs';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';

// The tables of libs/db/src/schema.ts (`export const x = pgTable(...)`): what a query is written with.
const dbTables = [...readFileSync(new URL('./libs/db/src/schema.ts', import.meta.url), 'utf8').matchAll(/^export const (\w+) = pgTable\(/gm)].map((m) => m[1]);
const sqlOutsideDb = 'SQL belongs in libs/db: call (or add) a named repository function of @trialgrid/db.';
// An experiment or trial status as a string literal (esquery regex), for the status-set rule below.
const statusLiteral = '/^(PENDING|QUEUED|RUNNING|SUCCEEDED|FAILED|STOPPED|CANCELLED)$/';
const statusSetMessage =
  'Status sets are written once, in @trialgrid/contracts (status.ts: ACTIVE_*, TERMINAL_*, RETRYABLE_TRIAL_STATUSES, *_STATUSES; the browser imports @trialgrid/contracts/status): use (or add there) the named set.';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/generated/**', '**/.data/**', 'test/load/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      'import-x/no-cycle': ['error', { maxDepth: 10, ignoreExternal: true }],
    },
  },
  {
    // CommonJS build scripts (graphql-codegen configs, presets and plugins): no tsconfig covers them,
    // so they are linted without type information.
    files: ['**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests may arrange and inspect rows directly; the services themselves may not.
    files: ['services/*/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'drizzle-orm', message: sqlOutsideDb },
            { name: '@trialgrid/db', importNames: [...dbTables, 'schema'], message: `${sqlOutsideDb} (Its row types, e.g. Trial, are fine.)` },
          ],
          patterns: [{ group: ['drizzle-orm/*'], message: sqlOutsideDb }],
        },
      ],
    },
  },
  {
    // Status sets (active, terminal, retryable…) are written once, in libs/contracts/src/status.ts:
    // a literal list of two or more statuses, or a chain `s === 'A' || s === 'B'`, elsewhere is a copy.
    // Tests may spell out the statuses they expect.
    files: ['libs/*/src/**/*.ts', 'services/*/src/**/*.ts', 'test/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'libs/contracts/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `ArrayExpression:has(> Literal[value=${statusLiteral}] ~ Literal[value=${statusLiteral}])`,
          message: statusSetMessage,
        },
        {
          selector: `LogicalExpression[operator='||'][left.operator='==='][right.operator='==='][left.right.value=${statusLiteral}][right.right.value=${statusLiteral}]`,
          message: statusSetMessage,
        },
        {
          selector: `LogicalExpression[operator='&&'][left.operator='!=='][right.operator='!=='][left.right.value=${statusLiteral}][right.right.value=${statusLiteral}]`,
          message: statusSetMessage,
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
