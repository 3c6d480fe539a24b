/** datasets, register-dataset. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { imageShapeOption, intOption } from '../args.js';
import { formatTable } from '../format.js';
import { DATASETS, jsonObject, REGISTER_DATASET, type DatasetRow } from '../queries.js';
import { printJson, type CommandContext } from './context.js';

/** `<sha256>  <file>` lines (sha256sum's output; `*` marks binary mode) as { file: sha256 }. */
export function parseSha256Sums(text: string): Record<string, string> {
  const sums: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([0-9a-fA-F]{64})\s+\*?(.+)$/.exec(line.trim());
    if (m) sums[m[2]!.trim()] = m[1]!.toLowerCase();
  }
  return sums;
}

function locationText(value: DatasetRow['location']): string {
  const loc = jsonObject(value);
  return loc['kind'] === 'directory' ? String(loc['path']) : loc['kind'] === 'url' ? String(loc['url']) : 'built in (DATA_DIR)';
}

export async function datasets(ctx: CommandContext): Promise<number> {
  const { datasets: rows } = await ctx.client.request(DATASETS);
  if (ctx.cmd.json) printJson(ctx, rows);
  else
    ctx.out(
      formatTable(
        ['dataset', 'image', 'classes', 'train', 'test', 'location', 'fingerprint'],
        rows.map((d) => [d.name, d.imageShape.join('×'), d.numClasses, d.trainCount, d.testCount, locationText(d.location), d.fingerprint.slice(0, 19)]),
      ),
    );
  return 0;
}

export async function registerDataset(ctx: CommandContext): Promise<number> {
  const o = ctx.cmd.options;
  const str = (k: string): string | undefined => {
    const v = o[k];
    return typeof v === 'string' ? v : undefined;
  };
  const checksumsFile = str('checksums');
  let checksums: Record<string, string> | undefined;
  if (checksumsFile !== undefined) {
    checksums = parseSha256Sums(await readFile(checksumsFile, 'utf8'));
    if (Object.keys(checksums).length === 0) throw Object.assign(new Error(`${checksumsFile}: no "<sha256>  <file>" lines`), { code: 'INVALID_FILE' });
  }
  const directory = str('directory');
  const input = {
    name: ctx.cmd.positionals[0] ?? '',
    ...(directory === undefined ? {} : { directory: resolve(directory) }),
    ...(str('base-url') === undefined ? {} : { url: str('base-url') }),
    ...(checksums === undefined ? {} : { checksums }),
    ...(str('image-shape') === undefined ? {} : { imageShape: imageShapeOption(str('image-shape')!) }),
    ...(str('num-classes') === undefined ? {} : { numClasses: intOption('num-classes', str('num-classes')!, 2) }),
    ...(str('class-names') === undefined ? {} : { classNames: str('class-names')!.split(',').map((c) => c.trim()) }),
    ...(str('description') === undefined ? {} : { description: str('description') }),
  };
  const { registerDataset: d } = await ctx.client.request(REGISTER_DATASET, { input });
  if (ctx.cmd.json) printJson(ctx, d);
  else ctx.out(`registered dataset ${d.name}: ${d.imageShape.join('×')} images, ${d.numClasses} classes (${d.classNames.join(', ')}), ${d.fingerprint}`);
  return 0;
}
