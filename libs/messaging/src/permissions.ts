/**
 * Least-privilege NATS permissions, one user per service role. What each may publish and
 * subscribe follows the message flow of contracts.ts:
 *
 * | role      | publishes                                                        | subscribes                          |
 * |-----------|------------------------------------------------------------------|-------------------------------------|
 * | gateway   | `cmd.*` requests (the only sender of commands); JetStream reads   | `updates.>` ; replies               |
 * | scheduler | `trials.dispatch`, `events.experiment.*`, `control.>`, `updates.>`; JetStream admin | experiment/trial commands, heartbeats, its consumer, advisories |
 * | registry  | `updates.model`; its EVENTS consumer                             | model commands                      |
 * | worker    | its trial events (`events.trial.>`), heartbeats; its TRIALS consumer | `control.trial.*.stop`          |
 *
 * A worker's credentials therefore cannot send `cmd.experiment.cancel`, nor read commands or
 * other services' streams. Replies travel on `_INBOX.>`; command servers answer through
 * `allow_responses`.
 *
 * ```ts
 * const conf = natsAuthConfig('trialgrid', [{ role: 'worker', user: 'worker', password: '...' }]);
 * // nats-server -c <file with conf + "jetstream {...}">
 * ```
 */
import { streamNames } from './contracts.js';

export const SERVICE_ROLES = ['gateway', 'scheduler', 'registry', 'worker'] as const;
export type ServiceRole = (typeof SERVICE_ROLES)[number];

export interface NatsPermissions {
  publish: string[];
  subscribe: string[];
  /** Whether the user may reply to requests it received (command servers). */
  allowResponses: boolean;
}

/** The subjects a role may use under `prefix` (see the module table). */
export function natsPermissions(prefix: string, role: ServiceRole): NatsPermissions {
  const p = prefix;
  const s = streamNames(prefix);
  const inbox = '_INBOX.>';
  const jsInfo = '$JS.API.INFO';
  switch (role) {
    case 'gateway':
      return {
        publish: [`${p}.cmd.>`, jsInfo, `$JS.API.STREAM.INFO.${s.trials}`, `$JS.API.CONSUMER.INFO.${s.trials}.*`],
        subscribe: [`${p}.updates.>`, inbox],
        allowResponses: false,
      };
    case 'scheduler':
      return {
        publish: [`${p}.trials.>`, `${p}.events.experiment.>`, `${p}.control.>`, `${p}.updates.>`, '$JS.API.>', `$JS.ACK.${s.events}.${s.schedulerConsumer}.>`],
        subscribe: [`${p}.cmd.experiment.>`, `${p}.cmd.trial.>`, `${p}.workers.heartbeat`, '$JS.EVENT.ADVISORY.>', inbox],
        allowResponses: true,
      };
    case 'registry':
      return {
        publish: [
          `${p}.updates.model`,
          jsInfo,
          `$JS.API.STREAM.INFO.${s.events}`,
          `$JS.API.CONSUMER.INFO.${s.events}.${s.registryConsumer}`,
          `$JS.API.CONSUMER.CREATE.${s.events}.${s.registryConsumer}.>`,
          `$JS.API.CONSUMER.DURABLE.CREATE.${s.events}.${s.registryConsumer}`,
          `$JS.API.CONSUMER.MSG.NEXT.${s.events}.${s.registryConsumer}`,
          `$JS.ACK.${s.events}.${s.registryConsumer}.>`,
        ],
        subscribe: [`${p}.cmd.model.>`, inbox],
        allowResponses: true,
      };
    case 'worker':
      return {
        publish: [
          `${p}.events.trial.>`,
          `${p}.workers.heartbeat`,
          jsInfo,
          `$JS.API.STREAM.INFO.${s.trials}`,
          `$JS.API.CONSUMER.INFO.${s.trials}.${s.workersConsumer}`,
          `$JS.API.CONSUMER.MSG.NEXT.${s.trials}.${s.workersConsumer}`,
          `$JS.ACK.${s.trials}.${s.workersConsumer}.>`,
        ],
        subscribe: [`${p}.control.trial.*.stop`, inbox],
        allowResponses: false,
      };
  }
}

export interface NatsUser {
  role: ServiceRole;
  user: string;
  password: string;
}

const quote = (v: string): string => JSON.stringify(v);

/**
 * The `authorization { users = [...] }` block of a nats-server configuration file, one user per
 * entry with its role's permissions. Passwords are written as given (plain text: the file must
 * be private to the server, mode 0600).
 */
export function natsAuthConfig(prefix: string, users: readonly NatsUser[]): string {
  const entries = users.map((u) => {
    const perms = natsPermissions(prefix, u.role);
    const list = (xs: string[]): string => `[${xs.map(quote).join(', ')}]`;
    return [
      '    {',
      `      user: ${quote(u.user)}, password: ${quote(u.password)}`,
      '      permissions: {',
      `        publish: { allow: ${list(perms.publish)} }`,
      `        subscribe: { allow: ${list(perms.subscribe)} }`,
      ...(perms.allowResponses ? ['        allow_responses: true'] : []),
      '      }',
      '    }',
    ].join('\n');
  });
  return ['authorization {', '  users = [', entries.join(',\n'), '  ]', '}', ''].join('\n');
}
