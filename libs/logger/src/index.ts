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

/**
 * Errors are logged as objects under `err` (or `error`): pino's errWithCause serializer keeps
 * type, message, stack, the `cause` chain and own fields such as an AppError's code and details.
 */
export const LOG_SERIALIZERS = { err: pino.stdSerializers.errWithCause, error: pino.stdSerializers.errWithCause };

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
