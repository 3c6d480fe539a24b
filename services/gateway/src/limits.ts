/**
 * Limits on what one GraphQL operation may ask for, so that no client can make the gateway
 * (or Postgres behind it) slow for everyone else. Every refusal is a GraphQL error with
 * `extensions.code = LIMIT_EXCEEDED` and `extensions.limit` naming the limit.
 *
 * | limit   | checked                 | by                                                       |
 * |---------|-------------------------|----------------------------------------------------------|
 * | tokens  | while parsing           | graphql-js `parse(..., { maxTokens })`                   |
 * | depth   | validation              | @escape.tech/graphql-armor-max-depth (fragments counted) |
 * | aliases | validation              | @escape.tech/graphql-armor-max-aliases                   |
 * | duplicates, fragments | validation    | `selectionSetRule`: one response key at most MAX_SAME_FIELD times, at most MAX_FRAGMENTS_PER_SET fragments, in one selection set |
 * | cost    | after variables are known | graphql-query-complexity with `listSizeEstimator`      |
 * | time    | before each field resolves | `withTimeBudget` (a deadline in the context)          |
 *
 * Order matters for what a refusal costs: `shapeCheck` (parse with the token limit, then only
 * the limit rules above, O(size of the document)) runs before graphql-js's own validation,
 * whose OverlappingFieldsCanBeMerged rule is quadratic in repeated fields (700 copies of one
 * field in a 20 KB query took 0.2-0.5 s of the event loop), and before execution; over HTTP
 * only the token check (a header) comes earlier. The gateway caches its verdicts per query text.
 *
 * ```ts
 * const rules = limitRules({ maxDepth: 10, maxAliases: 30 });
 * const shape = shapeCheck(schema, query, { maxTokens: 5000, rules });   // { document } or { errors }
 * const cost = operationCost(schema, document, variables);   // then checkCost(cost, 20000)
 * ```
 */
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { mapSchema, MapperKind } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  isListType,
  isObjectType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

export const LIMIT_EXCEEDED = 'LIMIT_EXCEEDED';

/** A GraphQL error for a refused request: `extensions.code` LIMIT_EXCEEDED, `extensions.limit` which one. */
export function limitError(limit: string, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: LIMIT_EXCEEDED, limit, ...extra, http: { status: 400 } } });
}

export interface QueryShapeLimits {
  /** Deepest selection (fields inside fields, fragment spreads count as a level). */
  maxDepth: number;
  /** Most aliases in one operation. */
  maxAliases: number;
}

/**
 * Validation rules for depth, aliases, repeated fields and fragments. The armor plugins' own errors carry no code, so
 * they are told not to throw and report a LIMIT_EXCEEDED error instead. Introspection is not
 * exempt from the depth limit (an exemption was a known bypass of that plugin).
 */
export function limitRules(limits: QueryShapeLimits): ValidationRule[] {
  const report =
    (limit: string) =>
    (ctx: ValidationContext | null, error: GraphQLError): void => {
      ctx?.reportError(limitError(limit, error.message.replace(/^Syntax Error: /, '')));
    };
  return [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: false, flattenFragments: false, propagateOnRejection: false, onReject: [report('depth')] }),
    // allowList: [] — the plugin exempts aliases of __typename by default, which let 1,000 of them through.
    maxAliasesRule({ n: limits.maxAliases, allowList: [], propagateOnRejection: false, onReject: [report('aliases')] }),
    selectionSetRule(),
  ];
}

/** Most times one response key (alias or field name) may appear in one selection set. */
export const MAX_SAME_FIELD = 10;
/** Most fragment spreads and inline fragments in one selection set. */
export const MAX_FRAGMENTS_PER_SET = 30;

/**
 * Repeated fields and piles of fragments in one selection set: what makes graphql-js's
 * OverlappingFieldsCanBeMerged rule quadratic (it compares every pair of fields with the same
 * response key, and every pair of fragments). O(selections) per set.
 */
export function selectionSetRule(maxSameField = MAX_SAME_FIELD, maxFragments = MAX_FRAGMENTS_PER_SET): ValidationRule {
  return (ctx) => ({
    SelectionSet(node) {
      const seen = new Map<string, number>();
      let fragments = 0;
      for (const sel of node.selections) {
        if (sel.kind === Kind.FIELD) {
          const key = sel.alias?.value ?? sel.name.value;
          const n = (seen.get(key) ?? 0) + 1;
          seen.set(key, n);
          if (n === maxSameField + 1) ctx.reportError(limitError('duplicates', `"${key}" is selected more than ${maxSameField} times in one selection set`));
        } else if (++fragments === maxFragments + 1) {
          ctx.reportError(limitError('fragments', `More than ${maxFragments} fragments in one selection set`));
        }
      }
    },
  });
}

/**
 * `{ document, errors: [] }` when `query` passes the token limit and `rules` (limitRules():
 * depth, aliases, duplicates, fragments); otherwise the LIMIT_EXCEEDED errors. A query that
 * does not parse for another reason gives `{ errors: [] }` and no document: the caller lets
 * its GraphQL server report the syntax error as usual.
 */
export function shapeCheck(schema: GraphQLSchema, query: string, options: { maxTokens: number; rules: readonly ValidationRule[] }): { document?: DocumentNode; errors: readonly GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: options.maxTokens });
  } catch (err) {
    const limit = err instanceof GraphQLError ? asTokenLimit(err) : undefined;
    return { errors: limit ? [limit] : [] };
  }
  return { document, errors: validate(schema, document, options.rules) };
}

/**
 * graphql-js stops parsing at `maxTokens` with a syntax error; as a LIMIT_EXCEEDED error, or
 * undefined when `err` is another parse error.
 */
export function asTokenLimit(err: { message: string }): GraphQLError | undefined {
  const m = /Document contains more th(?:an|at) (\d+) tokens/.exec(err.message);
  return m ? limitError('tokens', `The document has more than ${m[1]} tokens`) : undefined;
}

/** Cost of one image of `predict`: 1,000 images (its per-request maximum) cost 40,000. */
export const PREDICT_IMAGE_COST = 40;

/** Size assumed for a list field that has no argument bounding it (registeredModels, versions, ...). */
export const DEFAULT_LIST_SIZE = 10;

/**
 * Cost of one field: 1 plus its children, multiplied by how many items it returns when it is a
 * list or a connection: the `first` argument (or its schema default), the length of an `ids`
 * list, or DEFAULT_LIST_SIZE. `predict` costs PREDICT_IMAGE_COST per image on top (each is a
 * model inference), so its 1,000-image request limit cannot be multiplied with aliases.
 */
export const listSizeEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const returnsList = isListType(getNullableType(field.type));
  const isConnection = isObjectType(getNamedType(field.type)) && getNamedType(field.type).name.endsWith('Connection');
  // A connection's `nodes` / `edges` are the page its `first` already counted.
  const isPage = type.name.endsWith('Connection') && (field.name === 'nodes' || field.name === 'edges');
  let size = 1;
  if (isPage) size = 1;
  else if (typeof args['first'] === 'number') size = Math.max(1, args['first']);
  else if (Array.isArray(args['ids'])) size = Math.max(1, args['ids'].length);
  else if (returnsList || isConnection) size = DEFAULT_LIST_SIZE;
  let cost = 1 + size * childComplexity;
  if (Array.isArray(args['images'])) cost += PREDICT_IMAGE_COST * args['images'].length;
  return cost;
};

/**
 * The estimated cost of the chosen operation of `document` with these variables. Variables
 * that do not fit their declared types (an unknown input field, a string for an Int, a missing
 * required value) are refused first, as BAD_USER_INPUT naming the variable (`details.field`
 * `$name`) with graphql-js's message: this runs before execution, where Apollo would have
 * coded them BAD_USER_INPUT itself, so without this check they surfaced as an HTTP 500
 * INTERNAL_SERVER_ERROR from the complexity estimator.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): number {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (operation) {
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
    const first = coerced.errors?.[0];
    if (first) {
      const definition = first.nodes?.find((n) => n.kind === Kind.VARIABLE_DEFINITION);
      const field = definition && definition.kind === Kind.VARIABLE_DEFINITION ? `$${definition.variable.name.value}` : 'variables';
      throw new GraphQLError(first.message, { nodes: first.nodes, extensions: { code: 'BAD_USER_INPUT', details: { field }, http: { status: 400 } } });
    }
  }
  return getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    ...(operationName ? { operationName } : {}),
    estimators: [listSizeEstimator],
  });
}

/** Throws LIMIT_EXCEEDED when `cost` is over `max`. */
export function checkCost(cost: number, max: number): void {
  if (cost > max) throw limitError('cost', `Query cost ${cost} exceeds the limit of ${max} (lists count by their requested size)`, { cost, max });
}

/** A per-operation deadline, kept in the GraphQL context. */
export interface Deadline {
  /** Epoch ms after which no more fields resolve. */
  at: number;
  budgetMs: number;
}

/**
 * The schema with every field resolver wrapped: once the context's deadline has passed, a
 * field fails with LIMIT_EXCEEDED (`limit: 'time'`) instead of resolving, so a slow operation
 * stops fanning out into more database work. Contexts without a deadline are not limited.
 */
export function withTimeBudget(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (config) => {
      const resolve = config.resolve ?? defaultFieldResolver;
      if (!config.resolve) return config; // plain property reads cost nothing
      return {
        ...config,
        resolve(source, args, ctx: { deadline?: Deadline } | undefined, info) {
          const deadline = ctx?.deadline;
          if (deadline && Date.now() > deadline.at) {
            throw limitError('time', `The operation ran past its time budget of ${deadline.budgetMs} ms`, { budgetMs: deadline.budgetMs });
          }
          return resolve(source, args, ctx, info);
        },
      };
    },
  });
}
