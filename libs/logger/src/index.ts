/**
 * Structured logs (pino). Libraries take the small `Logger` interface; services create the
 * root with `createLogger({ service })` and hand children tagged `{ component }` down.
 *
 * ```ts
 * const log = createLogger({ service: 'scheduler', level: 'info' });
 * log.child({ component: 'dispatcher' }).info({ trialId }, 'dispatched');
 * ```
 */
import { pino, type Logger as PinoLogger } from 'pino';

export interface LogFn {
  (msg: string): void;
  (obj: object, msg?: string): void;
}

export interface Logger {
  fatal: LogFn;
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
  trace: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Write to this stream instead of stdout (tests). */
  destination?: NodeJS.WritableStream;
}

/** Whether `v` is an instance of a class other than Object, Array or an Error (a pg Client, a Socket). */
function isHandle(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || v instanceof Error || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto !== null && proto !== Object.prototype;
}

/**
 * pino's errWithCause, minus resource handles that libraries hang on their errors (pg-pool
 * sets `err.client`, a whole connection with its socket: about 5 KB of log line per error).
 * Such a field is replaced by `[ClassName]`; plain data (an AppError's details) is kept.
 */
function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.errWithCause(err as Error) as unknown;
  if (out === null || typeof out !== 'object') return out;
  // Judged on the error's own fields: the serializer's copies (a cause) are not plain objects either.
  if (err === null || typeof err !== 'object') return out;
  const record = out as Record<string, unknown>;
  for (const [key, value] of Object.entries(err)) {
    if (key in record && isHandle(value)) record[key] = `[${(value as object).constructor.name}]`;
  }
  return record;
}

/**
 * Errors are logged as objects under `err` (or `error`): pino's errWithCause serializer keeps
 * type, message, stack, the `cause` chain and own fields such as an AppError's code and details;
 * fields holding resource handles (a pg client, a socket) become their class name.
 */
export const LOG_SERIALIZERS = { err: serializeError, error: serializeError };

export function createLogger(options: LoggerOptions): Logger {
  const base = { service: options.service };
  const opts = { level: options.level ?? 'info', base, timestamp: pino.stdTimeFunctions.isoTime, serializers: LOG_SERIALIZERS };
  const logger: PinoLogger = options.destination ? pino(opts, options.destination) : pino(opts);
  return logger;
}

/** A logger that drops everything (for tests and library defaults). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
