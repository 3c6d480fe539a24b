/**
 * Request/reply commands over core NATS. Replies carry the AppError code, so a caller gets
 * the same error the handler threw (NOT_FOUND stays NOT_FOUND across the wire).
 *
 * Both ends are typed and checked by the command table of @trialgrid/contracts: the server
 * parses the request with `COMMANDS[name].request` before its handler runs (INVALID_INPUT
 * naming the field otherwise), and the sender parses the reply with `COMMANDS[name].reply`
 * (DATA_CORRUPT when it does not match).
 *
 * ```ts
 * serveCommand(m, 'trial.stop', async ({ trialId }) => stopTrial(trialId));
 * const out = await sendCommand(m, 'trial.stop', { trialId }, { timeoutMs: 5000 }); // { trialId, status, stopRequested }
 * ```
 */
import {
  COMMANDS,
  commandReplySchema,
  zodToAppError,
  type CommandName,
  type CommandReply,
  type CommandReplyData,
  type CommandRequest,
  type CommandRequestInput,
} from '@trialgrid/contracts';
import { AppError, ERROR_CODES, errorMessage, isAppError, type ErrorCode } from '@trialgrid/errors';
import type { Logger } from '@trialgrid/logger';
import type { Messaging } from './connection.js';

/** Which service answers each command (used in error messages). */
export const COMMAND_OWNERS: Record<CommandName, string> = Object.fromEntries(
  Object.entries(COMMANDS).map(([name, c]) => [name, c.owner]),
) as Record<CommandName, string>;

/** Queue group shared by all instances serving commands, so each request is handled once. */
export const COMMAND_QUEUE = 'trialgrid-commands';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function toJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

/**
 * The largest message (bytes, headers included) the connected NATS server accepts: its
 * `max_payload` (1 MiB unless the server is configured otherwise). Command requests and
 * replies are sent as one message each, so this bounds both.
 */
export function maxPayloadBytes(m: Messaging): number {
  return m.nc.info?.max_payload ?? 1024 * 1024;
}

/** Bytes `input` takes on the wire as a command request (its JSON, UTF-8). */
export function commandRequestBytes(input: unknown): number {
  return toJson(input ?? null).byteLength;
}

/** INVALID_INPUT for a message over the server's limit, naming both sizes. */
function overLimit(what: string, bytes: number, limit: number, details: Record<string, unknown>): AppError {
  return new AppError('INVALID_INPUT', `${what} is ${bytes} bytes, over the NATS message limit of ${limit} bytes (max_payload): send less per request`, {
    details: { ...details, sizeBytes: bytes, maxPayloadBytes: limit },
  });
}

export interface ServeCommandOptions {
  logger?: Logger;
  /** Override the queue group (default COMMAND_QUEUE). */
  queue?: string;
}

/** Serve one command. Returns a function that stops serving (drains nothing: in-flight replies still go out). */
export function serveCommand<N extends CommandName>(
  m: Messaging,
  name: N,
  handler: (input: CommandRequest<N>) => Promise<CommandReplyData<N>> | CommandReplyData<N>,
  options: ServeCommandOptions = {},
): () => void {
  const inputSchema = COMMANDS[name].request;
  const subject = m.subjects.cmd(name);
  const logger = (options.logger ?? m.logger).child({ command: name });
  const sub = m.nc.subscribe(subject, {
    queue: options.queue ?? COMMAND_QUEUE,
    callback: (err, msg) => {
      if (err) {
        logger.error({ err }, 'command subscription error');
        return;
      }
      void (async () => {
        let reply: CommandReply;
        try {
          let raw: unknown;
          try {
            raw = msg.data.byteLength === 0 ? undefined : JSON.parse(decoder.decode(msg.data));
          } catch (e) {
            throw new AppError('INVALID_INPUT', `${name}: request body is not JSON`, { cause: e });
          }
          const parsed = inputSchema.safeParse(raw);
          if (!parsed.success) throw zodToAppError(parsed.error);
          const data = await handler(parsed.data as CommandRequest<N>);
          reply = { ok: true, data: data === undefined ? null : data };
        } catch (e) {
          if (isAppError(e)) {
            reply = { ok: false, error: e.details ? { code: e.code, message: e.message, details: e.details } : { code: e.code, message: e.message } };
            logger.debug({ code: e.code, err: e.message }, 'command failed');
          } else {
            // Internals stay in our logs, never in the reply.
            logger.error({ err: e }, 'command crashed');
            reply = { ok: false, error: { code: 'INTERNAL', message: `${name} failed with an internal error` } };
          }
        }
        if (!msg.reply) return;
        let bytes = toJson(reply);
        const limit = maxPayloadBytes(m);
        if (bytes.byteLength > limit) {
          // NATS would refuse it and the sender would only see a timeout: tell it why instead.
          const e = overLimit(`the reply to ${name}`, bytes.byteLength, limit, { command: name });
          logger.warn({ sizeBytes: bytes.byteLength, maxPayloadBytes: limit }, 'command reply over max_payload');
          bytes = toJson({ ok: false, error: e.toJSON() } satisfies CommandReply);
        }
        try {
          msg.respond(bytes);
        } catch (e) {
          logger.error({ err: e }, 'could not send command reply');
        }
      })();
    },
  });
  return () => {
    if (!sub.isClosed()) sub.unsubscribe();
  };
}

export interface SendCommandOptions {
  /** Default 5000 ms. */
  timeoutMs?: number;
}

function asErrorCode(code: string): ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL';
}

function isNoResponders(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e.name === 'NoRespondersError') return true;
    if ('isNoResponders' in e && typeof e.isNoResponders === 'function' && (e.isNoResponders as () => boolean).call(e)) return true;
  }
  return false;
}

function isTimeout(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e.name === 'TimeoutError') return true;
  }
  return false;
}

/**
 * Send a command and return its reply data, checked against the command table; throws an
 * AppError carrying the remote code, UNAVAILABLE / TIMEOUT when nobody answers, DATA_CORRUPT
 * when the reply does not match `COMMANDS[name].reply`, INVALID_INPUT (naming the limit) when
 * the request or its reply would be over the server's max_payload (see maxPayloadBytes).
 */
export async function sendCommand<N extends CommandName>(
  m: Messaging,
  name: N,
  input: CommandRequestInput<N>,
  options: SendCommandOptions = {},
): Promise<CommandReplyData<N>> {
  return sendUncheckedCommand(m, name, input, options);
}

/**
 * sendCommand with a request of any shape (tests of the server's own checks use it to send
 * what a typed caller cannot). The reply is still checked.
 */
export async function sendUncheckedCommand<N extends CommandName>(m: Messaging, name: N, input: unknown, options: SendCommandOptions = {}): Promise<CommandReplyData<N>> {
  const subject = m.subjects.cmd(name);
  const timeoutMs = options.timeoutMs ?? 5000;
  const owner = COMMAND_OWNERS[name];
  const body = toJson(input ?? null);
  const limit = maxPayloadBytes(m);
  if (body.byteLength > limit) throw overLimit(`the ${name} request`, body.byteLength, limit, { command: name });
  let replyBytes: Uint8Array;
  try {
    const msg = await m.nc.request(subject, body, { timeout: timeoutMs });
    replyBytes = msg.data;
  } catch (err) {
    if (isNoResponders(err)) {
      throw new AppError('UNAVAILABLE', `no ${owner} is answering ${name} (nothing subscribed to ${subject}) — is the ${owner} service running?`, {
        cause: err,
        details: { command: name, service: owner },
      });
    }
    if (isTimeout(err)) {
      throw new AppError('TIMEOUT', `${owner} did not answer ${name} within ${timeoutMs} ms`, { cause: err, details: { command: name, service: owner } });
    }
    throw new AppError('UNAVAILABLE', `${name} request failed: ${errorMessage(err)}`, { cause: err, details: { command: name } });
  }
  let reply: CommandReply;
  try {
    reply = commandReplySchema.parse(JSON.parse(decoder.decode(replyBytes)));
  } catch (err) {
    throw new AppError('DATA_CORRUPT', `${owner} sent an unreadable reply to ${name}`, { cause: err });
  }
  if (!reply.ok) {
    throw new AppError(asErrorCode(reply.error.code), reply.error.message, reply.error.details ? { details: reply.error.details } : {});
  }
  const out = COMMANDS[name].reply.safeParse(reply.data);
  if (!out.success) {
    throw new AppError('DATA_CORRUPT', `${owner} replied to ${name} with unexpected data`, { details: { command: name, issues: out.error.issues.slice(0, 10) } });
  }
  return out.data as CommandReplyData<N>;
}
