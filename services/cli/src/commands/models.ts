/** promote, models. */
import { intOption, stageName } from '../args.js';
import { formatMetric, formatTable, metricCell } from '../format.js';
import { jsonNumbers, MODEL, MODELS, TRANSITION } from '../queries.js';
import { printJson, type CommandContext } from './context.js';

export async function promote(ctx: CommandContext): Promise<number> {
  const [modelName = '', versionText] = ctx.cmd.positionals;
  const stage = typeof ctx.cmd.options['stage'] === 'string' ? stageName(ctx.cmd.options['stage']) : 'Production';
  const { transitionModelVersionStage: v } = await ctx.client.request(TRANSITION, {
    modelName,
    version: intOption('version', versionText ?? '', 1),
    stage,
    archiveExisting: ctx.cmd.options['keep-existing'] !== true,
    override: ctx.cmd.options['override'] === true,
    ...(typeof ctx.cmd.options['reason'] === 'string' ? { reason: ctx.cmd.options['reason'] } : {}),
  });
  if (ctx.cmd.json) printJson(ctx, v);
  else ctx.out(`${v.modelName} version ${v.version} is now ${v.stage}${v.aliases.length ? ` (aliases: ${v.aliases.join(', ')})` : ''}`);
  return 0;
}

export async function models(ctx: CommandContext): Promise<number> {
  const name = ctx.cmd.positionals[0];
  if (name === undefined) {
    const search = typeof ctx.cmd.options['search'] === 'string' ? ctx.cmd.options['search'] : null;
    const { registeredModels } = await ctx.client.request(MODELS, { search });
    if (ctx.cmd.json) printJson(ctx, registeredModels);
    else if (registeredModels.length === 0) ctx.out(search ? `no registered model matches "${search}"` : 'no registered models yet');
    else
      ctx.out(
        formatTable(
          ['model', 'versions', 'latest', 'production', 'aliases', 'test_accuracy'],
          registeredModels.map((m) => [
            m.name,
            m.versions.length,
            m.latestVersion?.version ?? null,
            m.production?.version ?? null,
            aliasText(m.aliases),
            metricCell('test_accuracy', jsonNumbers(m.production?.metrics)['test_accuracy']),
          ]),
        ),
      );
    return 0;
  }
  const { registeredModel: m } = await ctx.client.request(MODEL, { name });
  if (!m) throw Object.assign(new Error(`registered model ${name} not found`), { code: 'NOT_FOUND' });
  if (ctx.cmd.json) {
    printJson(ctx, m);
    return 0;
  }
  ctx.out(`${m.name}${m.description ? `: ${m.description}` : ''}  aliases: ${aliasText(m.aliases) || '-'}`);
  const p = m.promotionPolicy;
  ctx.out(
    `production gate: test accuracy >= ${formatMetric('accuracy', p.minTestAccuracy)}, latency < ${formatMetric('latency_ms', p.maxLatencyMs)}, ` +
      `size < ${formatMetric('size_bytes', p.maxModelSizeBytes)}, worst class within ${formatMetric('class_bias_gap', p.maxClassAccuracyGap)} of overall`,
  );
  ctx.out('');
  ctx.out(
    formatTable(
      ['version', 'stage', 'aliases', 'test_accuracy', 'evaluated on', 'latency', 'size', 'gate', 'trial', 'created'],
      m.versions.map((v) => [v, jsonNumbers(v.metrics)] as const).map(([v, metrics]) => [
        v.version,
        v.stage,
        v.aliases.join(','),
        metricCell('test_accuracy', metrics['test_accuracy']),
        v.evaluation?.description ?? null,
        metricCell('inference_latency_ms_b1', metrics['inference_latency_ms_b1']),
        metricCell('model_size_bytes', metrics['model_size_bytes']),
        v.gate ? (v.gate.passed ? 'passed' : `failed: ${v.gate.checks.filter((c) => !c.passed).map((c) => c.message).join('; ')}`) : null,
        v.trial?.name ?? null,
        v.createdAt,
      ]),
    ),
  );
  if (m.history.length > 0) {
    ctx.out('\nhistory');
    ctx.out(
      formatTable(
        ['at', 'event', 'version', 'alias', 'from', 'to', 'by', 'reason'],
        m.history.map((h) => [h.at, h.kind, h.version, h.alias, h.fromValue, h.toValue, h.actor, h.reason]),
      ),
    );
  }
  return 0;
}

function aliasText(aliases: unknown): string {
  return Object.entries(jsonNumbers(aliases))
    .map(([a, v]) => `${a}=v${v}`)
    .join(' ');
}
