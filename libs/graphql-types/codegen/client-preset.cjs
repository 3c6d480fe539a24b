// graphql-codegen preset for the clients' documents (libs/graphql-documents, the CLI's and the
// dashboard's): the `client` preset (a typed `graphql()` in src/generated/gql.ts, operation
// result and variables types and typed documents in src/generated/graphql.ts), except that the
// schema's own types are not emitted again: they are imported from @trialgrid/graphql-types
// (generated once, by libs/graphql-types/codegen.cjs), as is the document class. The client
// preset has no option for this (it always runs the `typescript` plugin), so this wraps it:
//   - the `typescript` plugin is replaced by an import of the schema types as `Types`, and the
//     operations refer to them through `namespacedImportName: Types` (what graphql-codegen's
//     import-types and near-operation-file presets do);
//   - the `typed-document-node` plugin's copy of `class TypedDocumentString` is left out and the
//     class imported instead. If a codegen upgrade changes that class's text, this throws rather
//     than emitting a second copy.
// The clients' conventions are set here (DEFAULTS below; a codegen.yml may override them).
// Usage in a codegen.yml: `preset: ../graphql-types/codegen/client-preset.cjs` (a path from there).
// Deterministic: the output depends only on the schema and the documents.
// The scalars' types come from codegen/scalars.cjs too (a codegen.yml using this preset sets none).
const { preset: clientPreset } = require('@graphql-codegen/client-preset');
const scalars = require('./scalars.cjs');

/** The client preset's settings for the CLI's and the dashboard's documents. */
const DEFAULTS = {
  presetConfig: { fragmentMasking: false, gqlTagName: 'graphql' },
  config: {
    // Documents are sent as text (no graphql-js in the browser bundle).
    documentMode: 'string',
    useTypeImports: true,
    enumsAsTypes: true,
    skipTypename: true,
    // Nullable result fields are `T | null` (always present); nullable variables may be left out.
    avoidOptionals: { field: true },
  },
};

const TYPES_MODULE = '@trialgrid/graphql-types';
const NAMESPACE = 'Types';
const CLASS_START = 'export class TypedDocumentString<TResult, TVariables>';
const DECORATION_IMPORT = /^import type \{ DocumentTypeDecoration \} from '@graphql-typed-document-node\/core';\n?$/;

/** The typed-document-node plugin's result without its own copy of TypedDocumentString. */
function withoutDocumentClass(result) {
  const content = typeof result === 'string' ? result : result.content;
  const start = content.indexOf(CLASS_START);
  if (start === -1) return result;
  const end = content.indexOf('\n}', start);
  if (end === -1) throw new Error('client-preset.cjs: the end of class TypedDocumentString was not found');
  const prepend = (typeof result === 'string' ? [] : (result.prepend ?? [])).filter((line) => !DECORATION_IMPORT.test(line));
  return { ...(typeof result === 'string' ? {} : result), prepend, content: content.slice(0, start) + content.slice(end + 2) };
}

module.exports = {
  preset: {
    ...clientPreset,
    async buildGeneratesSection(options) {
      if (options.config.scalars) throw new Error('client-preset.cjs: scalars come from libs/graphql-types/codegen/scalars.cjs; remove them from the codegen config');
      const outputs = await clientPreset.buildGeneratesSection({
        ...options,
        presetConfig: { ...DEFAULTS.presetConfig, ...options.presetConfig },
        config: { ...DEFAULTS.config, ...options.config, scalars },
      });
      const types = outputs.find((o) => o.filename === `${options.baseOutputDir}graphql.ts`);
      const at = types?.plugins.findIndex((p) => 'typescript' in p) ?? -1;
      if (!types || at === -1) throw new Error('client-preset.cjs: the client preset no longer emits graphql.ts with the typescript plugin');
      types.plugins.splice(at, 1, {
        add: {
          content: [
            `import type * as ${NAMESPACE} from '${TYPES_MODULE}';`,
            `import { TypedDocumentString } from '${TYPES_MODULE}';`,
          ].join('\n'),
        },
      });
      const tdn = types.pluginMap['typed-document-node'];
      types.pluginMap = {
        ...types.pluginMap,
        'typed-document-node': { ...tdn, plugin: async (...args) => withoutDocumentClass(await tdn.plugin(...args)) },
      };
      types.config = { ...types.config, namespacedImportName: NAMESPACE };
      return outputs;
    },
  },
};
