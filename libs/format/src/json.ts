/**
 * Reading the API's `JSON` scalar fields. The generated client types give them as `unknown`
 * (schema.graphql cannot say more); these narrow the ones the schema documents as objects
 * (paramMap, options, tags, metrics, summary, provenance, ...) without trusting their shape.
 */

/** `value` as a record when it is a plain object; {} for null, arrays and everything else. */
export function jsonObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The finite number entries of a JSON object field (metrics: latestMetrics, finalMetrics, a model version's metrics). */
export function jsonNumbers(value: unknown): Record<string, number> {
  return Object.fromEntries(Object.entries(jsonObject(value)).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));
}
