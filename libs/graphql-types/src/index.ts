/**
 * The TypeScript side of schema.graphql, written once. `src/generated/schema.ts` is graphql-codegen's
 * `typescript` plugin output (enums as string unions, input types, object types, field arguments,
 * `Scalars`, and the helpers `Maybe`, `InputMaybe`, `Exact`); it is the only copy. The gateway's
 * resolver types and the CLI's and dashboard's operation types import it as `Types`.
 */
export type * from './generated/schema.js';
export { TypedDocumentString } from './typed-document-string.js';
export type { TypedDocument } from './typed-document-string.js';
