/**
 * `runCli(argv, env, io)`: the whole CLI as a function returning the exit code
 * (0 ok, 1 failure, 2 usage error). main.ts binds it to the process.
 */
import { parseCommandLine, usage, UsageError, type CommandName } from './args.js';
import { createGatewayClient, GatewayError } from './client.js';
import type { CommandContext } from './commands/context.js';
import { cancel, ls, show, submit, watch } from './commands/experiments.js';
import { datasets, registerDataset } from './commands/datasets.js';
import { models, promote } from './commands/models.js';
import { compare, retry, stop } from './commands/trials.js';
import { createToken, revokeToken, tokens } from './commands/tokens.js';
import { InputFileError } from './experiment-file.js';
import { resolveToken, tokenHint, type ResolvedToken } from './token.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  tty: boolean;
}

const HANDLERS: Record<CommandName, (ctx: CommandContext) => Promise<number>> = {
  submit,
  watch,
  ls,
  show,
  compare,
  promote,
  cancel,
  stop,
  retry,
  models,
  datasets,
  'register-dataset': registerDataset,
  tokens,
  'create-token': createToken,
  'revoke-token': revokeToken,
};

/** One-line description of any failure: `CODE: message`. */
export function describeError(err: unknown): { code: string; message: string } {
  if (err instanceof GatewayError) return { code: err.code, message: err.message };
  if (err instanceof InputFileError) return { code: 'INVALID_FILE', message: err.message };
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { code: typeof code === 'string' ? code : 'ERROR', message: err.message };
  }
  return { code: 'ERROR', message: String(err) };
}

export async function runCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(argv, env);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`trialgrid: ${err.message}\n\n${usage()}\n`);
      return 2;
    }
    throw err;
  }
  if ('help' in parsed) {
    io.stdout(usage(parsed.command) + '\n');
    return 0;
  }
  let resolved: ResolvedToken | undefined;
  try {
    resolved = resolveToken(env);
  } catch (err) {
    io.stderr(`trialgrid: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const client = createGatewayClient({ url: parsed.url, ...(resolved ? { token: resolved.token } : {}) });
  const ctx: CommandContext = {
    client,
    cmd: parsed,
    out: (t) => io.stdout(t + '\n'),
    write: (t) => io.stdout(t),
    err: (t) => io.stderr(t + '\n'),
    tty: io.tty,
  };
  try {
    return await HANDLERS[parsed.command](ctx);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`trialgrid: ${err.message}\n\n${usage(parsed.command)}\n`);
      return 2;
    }
    const { code, message } = describeError(err);
    if (parsed.json) io.stdout(JSON.stringify({ error: { code, message } }) + '\n');
    io.stderr(`trialgrid ${parsed.command}: ${code}: ${message}\n`);
    if (code === 'UNAUTHENTICATED') io.stderr(`trialgrid: ${tokenHint(resolved)}\n`);
    return 1;
  } finally {
    await client.close();
  }
}
