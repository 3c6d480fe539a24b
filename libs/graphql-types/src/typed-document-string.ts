import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/**
 * What the CLI's and the dashboard's request functions accept: a document generated from
 * schema.graphql (`graphql(...)` from @trialgrid/graphql-documents, a {@link TypedDocumentString}),
 * whose `toString()` is its text, typed with its result `R` and variables `V`.
 */
export type TypedDocument<R, V> = DocumentTypeDecoration<R, V> & { toString(): string };

/**
 * A GraphQL document as its source text, typed with its result (`TResult`) and variables
 * (`TVariables`). The CLI's and the dashboard's generated documents are instances of this one
 * class (their codegen imports it from here instead of emitting a copy, see
 * codegen/client-preset.cjs); `String(doc)` or `doc.toString()` is the text sent to the gateway.
 * This is the class graphql-codegen's `typed-document-node` plugin emits for
 * `documentMode: string`, kept to the letter so that generated code compiles against it.
 */
export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, unknown> | undefined;

  /**
   * @param value the document's full source text (operation and the fragments it spreads).
   * @param __meta__ codegen's metadata about the document (for a fragment: its name), if any.
   */
  constructor(value: string, __meta__?: Record<string, unknown>) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  /** The document's source text, still carrying its result and variables types. */
  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
