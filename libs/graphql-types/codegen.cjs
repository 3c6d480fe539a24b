// The schema's types, generated once from the contract (`npm run codegen` at the root, or here):
// enums (as string unions), input types, object types, field arguments and the scalars map. The
// gateway's resolver types and the CLI's and dashboard's operation types are generated on top of
// these (they import them as `Types`; see codegen/client-preset.cjs and
// services/gateway/codegen.yml) and never emit them again. CI re-runs this and fails on drift.
const scalars = require('./codegen/scalars.cjs');

module.exports = {
  overwrite: true,
  schema: '../../schema.graphql',
  generates: {
    'src/generated/schema.ts': {
      plugins: [
        { add: { content: '// Generated from /schema.graphql by libs/graphql-types/codegen.cjs (npm run codegen). Do not edit.' } },
        'typescript',
      ],
      config: { useTypeImports: true, enumsAsTypes: true, scalars },
    },
  },
};
