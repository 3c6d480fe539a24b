// graphql-codegen plugin: emits the contract's SDL as a TypeScript string, so the built gateway
// serves exactly the schema its resolver types were generated from and needs no schema.graphql
// at run time (container images ship only dist/). Deterministic: printSchema of the parsed schema.
const { printSchema } = require('graphql');

module.exports = {
  plugin(schema) {
    return [
      '// Generated from /schema.graphql by codegen/typedefs-plugin.cjs (npm run codegen). Do not edit.',
      `export const typeDefs = ${JSON.stringify(printSchema(schema))};`,
      '',
    ].join('\n');
  },
};
