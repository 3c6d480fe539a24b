/**
 * Config at the edge: each service declares a zod schema of its environment, `loadConfig`
 * validates it once in `main.ts` and reports every problem at once.
 *
 * ```ts
 * const config = loadConfig({ PORT: port(4000), DATABASE_URL: z.string().url() }, process.env);
 * ```
 */
import { z } from 'zod';
import { AppError } from '@trialgrid/errors';
import { parseDuration } from './duration.js';

export { z };
export { parseDuration } from './duration.js';

export type EnvShape = Record<string, z.ZodType>;
export type ConfigOf<S extends EnvShape> = { [K in keyof S]: z.output<S[K]> };
export type Env = Record<string, string | undefined>;

export function loadConfig<S extends EnvShape>(shape: S, env: Env = process.env): ConfigOf<S> {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(shape)) {
    const raw = env[key];
    input[key] = raw === '' ? undefined : raw;
  }
  const result = z.object(shape).safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new AppError('INVALID_INPUT', `invalid configuration:\n  ${problems.join('\n  ')}`, {
      details: { problems },
    });
  }
  return result.data as ConfigOf<S>;
}

/** An integer env var with a default and bounds. */
export const int = (def: number, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(def);

export const port = (def: number) => int(def, 0, 65535);

/** A duration env var ('30s'), parsed to milliseconds. */
export const duration = (def: string) =>
  z
    .string()
    .default(def)
    .transform((v, ctx) => {
      try {
        return parseDuration(v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    });

export const bool = (def: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
    .optional()
    .transform((v) => (v === undefined ? def : ['1', 'true', 'yes', 'on'].includes(v)));

export const str = (def: string) => z.string().default(def);

export const logLevel = () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** The Postgres connection of a service that uses the database. */
export const databaseEnv = {
  DATABASE_URL: str('postgres://postgres@127.0.0.1:5432/trialgrid'),
};

/**
 * The NATS connection of every service, spread into its environment shape: NATS_URL; NATS_USER
 * and NATS_PASSWORD, this service's NATS user (empty: connect without; the launcher's nats-server
 * gives each service its own); TRIALGRID_PREFIX, the subject and stream prefix of the deployment
 * (letters, digits, _ and - only).
 */
export const natsEnv = {
  NATS_URL: str('nats://127.0.0.1:4222'),
  NATS_USER: z.string().default(''),
  NATS_PASSWORD: z.string().default(''),
  TRIALGRID_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').default('trialgrid'),
};

/**
 * The connection part of `connectMessaging`'s options (libs/messaging) from a loaded `natsEnv`:
 * `{ servers, prefix }`, plus `user`/`pass` when NATS_USER is set.
 */
export function natsConnection(env: ConfigOf<typeof natsEnv>): { servers: string; prefix: string; user?: string; pass?: string } {
  return { servers: env.NATS_URL, prefix: env.TRIALGRID_PREFIX, ...(env.NATS_USER ? { user: env.NATS_USER, pass: env.NATS_PASSWORD } : {}) };
}
