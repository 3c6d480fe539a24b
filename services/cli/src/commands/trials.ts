/** compare, stop, retry. */
import { dataLimits, formatTable, formatParam, metricCell, type Cell } from '../format.js';
import type { CompareQuery } from '@trialgrid/graphql-documents';
import { COMPARE, jsonNumbers, jsonObject, RETRY, STOP } from '../queries.js';
import { printJson, type CommandContext } from './context.js';

/** What `compare` reads (the COMPARE document's result). */
export type CompareResult = CompareQuery['compareTrials'];

/** Rows = trials, columns = params that differ (or all, if none differ) then final metrics. */
export function compareTable(result: CompareResult): string {
  const varying = result.paramKeys.filter((k) => new Set(result.trials.map((t) => JSON.stringify(jsonObject(t.paramMap)[k] ?? null))).size > 1);
  const params = varying.length > 0 ? varying : result.paramKeys;
  const preferred = ['test_accuracy', 'test_loss', 'training_seconds'];
  const metrics = [...preferred.filter((k) => result.metricKeys.includes(k)), ...result.metricKeys.filter((k) => !preferred.includes(k)).sort()];
  const headers = ['trial', 'experiment', 'data', 'status', ...params, ...metrics];
  const rows = result.trials.map((t): Cell[] => [
    t.name,
    t.experiment?.name ?? t.experimentId,
    dataLimits(t.experiment?.options),
    t.status,
    ...params.map((k) => {
      const v = jsonObject(t.paramMap)[k];
      return typeof v === 'number' ? v : v === undefined || v === null ? null : formatParam(v);
    }),
    ...metrics.map((k) => metricCell(k, jsonNumbers(t.finalMetrics)[k])),
  ]);
  // Numbers (and durations) right-aligned; text params (model_type) left.
  const alignRight = headers.map((_, i) => i).filter((i) => i >= 4 && (i >= 4 + params.length || rows.every((r) => r[i] === null || typeof r[i] === 'number')));
  return formatTable(headers, rows, { alignRight });
}

export async function compare(ctx: CommandContext): Promise<number> {
  const { compareTrials } = await ctx.client.request(COMPARE, { ids: ctx.cmd.positionals });
  if (ctx.cmd.json) printJson(ctx, compareTrials);
  else ctx.out(compareTable(compareTrials));
  return 0;
}

export async function stop(ctx: CommandContext): Promise<number> {
  const { stopTrial: t } = await ctx.client.request(STOP, { id: ctx.cmd.positionals[0] ?? '' });
  if (ctx.cmd.json) printJson(ctx, t);
  else ctx.out(`trial ${t.name} (${t.id}) ${t.status}${t.status === 'RUNNING' ? ' (stop requested)' : ''}`);
  return 0;
}

export async function retry(ctx: CommandContext): Promise<number> {
  const { retryTrial: t } = await ctx.client.request(RETRY, { id: ctx.cmd.positionals[0] ?? '' });
  if (ctx.cmd.json) printJson(ctx, t);
  else ctx.out(`trial ${t.name} (${t.id}) ${t.status}, attempt ${t.attempt}`);
  return 0;
}
