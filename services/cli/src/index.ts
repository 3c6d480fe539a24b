/**
 * @trialgrid/cli: the `trialgrid` command and a reusable GraphQL client for the gateway.
 *
 * ```ts
 * import { createGatewayClient, watchExperiment } from '@trialgrid/cli';
 * const gw = createGatewayClient({ url: 'http://127.0.0.1:4000/graphql' });
 * const final = await watchExperiment(gw, experimentId, { write: (t) => process.stdout.write(t) });
 * ```
 */
export * from './client.js';
export * from './args.js';
export * from './format.js';
export * from './experiment-file.js';
export * from './progress.js';
export * from './watch.js';
export * from './queries.js';
export { runCli, describeError, type CliIo } from './cli.js';
export { compareTable, type CompareResult } from './commands/trials.js';
export { trialsTable } from './commands/experiments.js';
export * from './token.js';
