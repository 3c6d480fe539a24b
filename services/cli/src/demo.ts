#!/usr/bin/env node
/**
 * `npm run demo`: the three documented runs end to end through the GraphQL API of a running
 * gateway (start it with `npm start` in another terminal). Submits DOCUMENTED_RUNS, shows live
 * per-trial progress from the subscriptions, prints a comparison table and the model version
 * the registry promoted.
 *
 * ```sh
 * npm run demo -- --train-limit 2000 --epochs 1 --json
 * ```
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_GATEWAY_URL, intOption, UsageError } from './args.js';
import { createGatewayClient, GatewayError, type GatewayClient } from './client.js';
import { describeError } from './cli.js';
import { formatDuration, formatTable, jsonCell, metricCell, percent } from './format.js';
import { resolveToken, tokenHint } from './token.js';
import type { CreateExperimentInput } from '@trialgrid/graphql-types';
import { COMPARE, CREATE_EXPERIMENT, jsonNumbers, jsonObject, MODEL, type ModelVersionRow } from './queries.js';
import { watchExperiment } from './watch.js';

export interface DemoOptions {
  url: string;
  trainLimit?: number;
  testLimit?: number;
  epochs?: number;
  json: boolean;
  name: string;
  /** How long to wait for the registry after the experiment ends. */
  registryWaitMs: number;
  /** API token (TRIALGRID_TOKEN, TRIALGRID_TOKEN_FILE or the admin token `npm start` wrote; see token.ts). */
  token?: string;
  /** Where `token` came from (for the hint when the gateway refuses it). */
  tokenSource?: string;
}

/** `{ token, tokenSource }` when one is found (token.ts), else `{}`; a named token file that cannot be read throws (a usage error). */
function tokenOption(env: Readonly<Record<string, string | undefined>>): { token?: string; tokenSource?: string } {
  const found = resolveToken(env);
  return found ? { token: found.token, tokenSource: found.source } : {};
}

export function parseDemoArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): DemoOptions | { help: true } {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        url: { type: 'string' },
        'train-limit': { type: 'string' },
        'test-limit': { type: 'string' },
        epochs: { type: 'string' },
        name: { type: 'string' },
        'registry-wait': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (values.help) return { help: true };
  const opt = (k: 'train-limit' | 'test-limit' | 'epochs'): number | undefined => (values[k] === undefined ? undefined : intOption(k, values[k], 1));
  const out: DemoOptions = {
    url: values.url ?? (env['GATEWAY_URL'] || DEFAULT_GATEWAY_URL),
    ...tokenOption(env),
    json: values.json === true,
    name: values.name ?? `documented-runs ${new Date().toISOString().slice(0, 19).replace('T', ' ')}`,
    registryWaitMs: values['registry-wait'] === undefined ? 30_000 : intOption('registry-wait', values['registry-wait']) * 1000,
  };
  const trainLimit = opt('train-limit');
  const testLimit = opt('test-limit');
  const epochs = opt('epochs');
  if (trainLimit !== undefined) out.trainLimit = trainLimit;
  if (testLimit !== undefined) out.testLimit = testLimit;
  if (epochs !== undefined) out.epochs = epochs;
  return out;
}

const USAGE = `usage: npm run demo -- [--train-limit N] [--test-limit N] [--epochs E] [--json] [--url ${DEFAULT_GATEWAY_URL}]
  Runs the three documented runs (DOCUMENTED_RUNS) through a running gateway (npm start).`;

export interface DemoResult {
  experimentId: string;
  trials: { name: string; status: string; params: Record<string, unknown>; test_accuracy: number | null; test_loss: number | null; seconds: number | null }[];
  model: { name: string; version: number; stage: string; alias: string | null } | null;
}

const SHOWN_PARAMS = ['model_type', 'filters', 'hidden_units', 'conv_dropout', 'dense_dropout', 'learning_rate', 'batch_size', 'epochs'];

/**
 * Polls the registry (it has no subscription) for the version trained by this experiment, until
 * the registry is done with it: promoted (Production with the champion alias), or kept as a
 * candidate (tag stage=candidate: the Production version scores higher). A version caught
 * between registration and promotion is polled again; at the deadline it is returned as it is.
 */
async function waitForModel(client: GatewayClient, modelName: string, experimentId: string, waitMs: number): Promise<ModelVersionRow | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const { registeredModel } = await client.request(MODEL, { name: modelName });
    const version = registeredModel?.versions.filter((v) => v.trial?.experimentId === experimentId).sort((a, b) => b.version - a.version)[0];
    const settled = version && ((version.stage === 'Production' && version.aliases.includes('champion')) || jsonObject(version.tags)['stage'] === 'candidate');
    if (settled) return version;
    if (Date.now() >= deadline) return version ?? null;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Why the registry kept a version as a candidate (its `candidate_reason` tag). */
function candidateReason(v: ModelVersionRow): string {
  const reason = jsonObject(v.tags)['candidate_reason'];
  return typeof reason === 'string' ? reason : 'not promoted';
}

export async function runDemo(o: DemoOptions, write: (t: string) => void, tty: boolean): Promise<{ code: number; result: DemoResult }> {
  const client = createGatewayClient({ url: o.url, ...(o.token ? { token: o.token } : {}) });
  try {
    const input: CreateExperimentInput = {
      name: o.name,
      preset: 'DOCUMENTED_RUNS',
      ...(o.trainLimit !== undefined ? { trainLimit: o.trainLimit } : {}),
      ...(o.testLimit !== undefined ? { testLimit: o.testLimit } : {}),
      ...(o.epochs !== undefined ? { epochs: o.epochs } : {}),
    };
    const { createExperiment: created } = await client.request(CREATE_EXPERIMENT, { input });
    write(`submitted experiment ${created.id} (${created.trials.nodes.map((t) => t.name).join(', ')}) at ${o.url}\n\n`);

    const final = await watchExperiment(client, created.id, { write, tty });
    write(`\nexperiment ${final.status}\n\n`);

    const ids = final.trials.nodes.map((t) => t.id);
    const { compareTrials } = await client.request(COMPARE, { ids });
    const trials = compareTrials.trials;
    write(
      formatTable(
        ['trial', 'status', ...SHOWN_PARAMS, 'test_accuracy', 'test_loss', 'training_time'],
        trials.map((t) => [t, jsonNumbers(t.finalMetrics)] as const).map(([t, fm]) => [
          t.name,
          t.status,
          ...SHOWN_PARAMS.map((k) => jsonCell(jsonObject(t.paramMap)[k])),
          percent(fm['test_accuracy']),
          metricCell('test_loss', fm['test_loss']),
          formatDuration(fm['training_seconds']),
        ]),
        { alignRight: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
      ) + '\n\n',
    );

    let model: ModelVersionRow | null = null;
    if (final.status === 'SUCCEEDED') {
      write(`waiting up to ${Math.round(o.registryWaitMs / 1000)} s for the registry to register the best trial as ${created.modelName}...\n`);
      model = await waitForModel(client, created.modelName, created.id, o.registryWaitMs);
      if (model) {
        write(
          `registered model ${model.modelName} version ${model.version}, stage ${model.stage}, alias ${model.aliases.join(', ') || '-'} (trial ${model.trial?.name ?? '?'})\n` +
            (jsonObject(model.tags)['stage'] === 'candidate'
              ? `kept as a candidate: ${candidateReason(model)} (trialgrid models ${model.modelName})\n`
              : ''),
        );
      } else write(`no version of ${created.modelName} from this experiment appeared within ${Math.round(o.registryWaitMs / 1000)} s; is the registry running?\n`);
    }
    const result: DemoResult = {
      experimentId: created.id,
      trials: trials.map((t) => {
        const fm = jsonNumbers(t.finalMetrics);
        return {
          name: t.name,
          status: t.status,
          params: jsonObject(t.paramMap),
          test_accuracy: fm['test_accuracy'] ?? null,
          test_loss: fm['test_loss'] ?? null,
          seconds: fm['training_seconds'] ?? null,
        };
      }),
      model: model ? { name: model.modelName, version: model.version, stage: model.stage, alias: model.aliases[0] ?? null } : null,
    };
    return { code: final.status === 'SUCCEEDED' && model ? 0 : 1, result };
  } finally {
    await client.close();
  }
}

async function main(): Promise<number> {
  let options;
  try {
    options = parseDemoArgs(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    return 2;
  }
  if ('help' in options) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  try {
    const { code, result } = await runDemo(options, (t) => process.stdout.write(t), process.stdout.isTTY === true);
    if (options.json) process.stdout.write(JSON.stringify(result) + '\n');
    return code;
  } catch (err) {
    const { code, message } = describeError(err);
    if (err instanceof GatewayError && err.code === 'UNREACHABLE') {
      process.stderr.write(`demo: ${message}\n`);
    } else process.stderr.write(`demo: ${code}: ${message}\n`);
    if (code === 'UNAUTHENTICATED') process.stderr.write(`demo: ${tokenHint(options.token ? { token: options.token, source: options.tokenSource ?? 'the environment' } : undefined)}\n`);
    if (options.json) process.stdout.write(JSON.stringify({ error: { code, message } }) + '\n');
    return 1;
  }
}

// Only when run as a script (the module is also imported by tests).
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main();
}
