import type { ParsedCommand } from '../args.js';
import { jsonObject } from '../queries.js';
import type { GatewayClient } from '../client.js';

/** What every command gets: the gateway client, the parsed command line and the outputs. */
export interface CommandContext {
  client: GatewayClient;
  cmd: ParsedCommand;
  /** stdout (a newline is added). */
  out(text: string): void;
  /** Raw stdout write, for progress redraws. */
  write(text: string): void;
  /** stderr (a newline is added). */
  err(text: string): void;
  /** stdout is a terminal. */
  tty: boolean;
}

/** Prints `value` as JSON (for --json). */
export function printJson(ctx: CommandContext, value: unknown): void {
  ctx.out(JSON.stringify(value, null, 2));
}

/** `k=v` pairs of the params worth showing in a narrow column. */
export function paramsText(params: unknown, skip: readonly string[] = ['dataset', 'optimizer', 'validation_split']): string {
  return Object.entries(jsonObject(params))
    .filter(([k]) => !skip.includes(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}
