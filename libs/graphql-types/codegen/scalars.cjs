// The TypeScript types of schema.graphql's custom scalars, written once: used for the schema's
// types (codegen.cjs) and for the CLI's and dashboard's operation types (client-preset.cjs).
//   DateTime: an ISO-8601 string on the wire, so results carry a string. An argument may be given
//     as a Date or a string by a client (a Date is sent as its ISO string), and the gateway's
//     scalar hands resolvers a Date, so arguments are `Date | string`. The gateway's resolver
//     types map DateTime results to Date (`mappers` in services/gateway/codegen.yml).
//   JSON: any JSON value, left for the reader to check.
module.exports = {
  DateTime: { input: 'Date | string', output: 'string' },
  JSON: 'unknown',
};
