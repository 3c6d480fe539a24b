/**
 * Least-privilege NATS permissions, one user per service role. What each may publish and
 * subscribe is exactly what its code does (contracts.ts for the flow, the @nats-io/jetstream
 * client for the `$JS.API` subjects behind each call):
 *
 * | role      | publishes                                                                  | subscribes                                   |
 * |-----------|----------------------------------------------------------------------------|----------------------------------------------|
 * | gateway   | every client command (all but the workers'); consumer info of TRIALS/workers (queue board) | `updates.>`, `workers.heartbeat` |
 * | scheduler | `trials.dispatch`, `events.experiment.*.finished`, `control.trial.*.stop`, `updates.>`; stream/consumer admin of its two streams; pulls and acks EVENTS/scheduler | experiment/trial/dataset commands, heartbeats, TRIALS/workers max-deliveries advisory |
 * | registry  | `updates.model`; its EVENTS/registry consumer (create, info, pull, ack)    | model commands                               |
 * | worker    | `cmd.trial.state` (the only command it may send); its trial events (`events.trial.>`), heartbeats; pulls, acks and (malformed) deletes on TRIALS/workers | `control.trial.*.stop` |
 *
 * Every role also publishes `$JS.API.INFO` (the client's JetStream check at connect) and
 * receives replies only on its own inbox prefix, `_INBOX.<role>.>` (connectMessaging's `role`
 * option sets it), so no service can read another's replies. Command servers (scheduler,
 * registry) answer through `allow_responses`. Which role may send a command is the command
 * table's `sender` (@trialgrid/contracts commandSender). A worker's credentials therefore can
 * send `cmd.trial.state` but not `cmd.experiment.cancel`, nor listen to commands, other
 * services' replies or streams.
 *
 * ```ts
 * const conf = natsAuthConfig('trialgrid', [{ role: 'worker', user: 'worker', password: '...' }]);
 * // nats-server -c <file with conf + "jetstream {...}">
 * ```
 */
import { commandSender } from '@trialgrid/contracts';
import { COMMAND_NAMES, COMMANDS, streamNames, subjects } from './contracts.js';

export const SERVICE_ROLES = ['gateway', 'scheduler', 'registry', 'worker'] as const;
export type ServiceRole = (typeof SERVICE_ROLES)[number];

export interface NatsPermissions {
  publish: string[];
  subscribe: string[];
  /** Whether the user may reply to requests it received (command servers). */
  allowResponses: boolean;
}

/**
 * Inbox prefix of a role's connection (`_INBOX.<role>`): its request replies, JetStream API
 * answers and pulled messages arrive below it. Any server that allows `_INBOX.>` accepts it.
 */
export function inboxPrefix(role: ServiceRole): string {
  return `_INBOX.${role}`;
}

const JS = '$JS.API';

/** The JetStream API subjects of pulling from and acking one durable consumer (consumers.get, fetch, ack/nak/term). */
function pullFrom(stream: string, consumer: string): string[] {
  return [`${JS}.STREAM.INFO.${stream}`, `${JS}.CONSUMER.INFO.${stream}.${consumer}`, `${JS}.CONSUMER.MSG.NEXT.${stream}.${consumer}`, `$JS.ACK.${stream}.${consumer}.>`];
}

/** Creating or updating one durable consumer: the 2.9+ API (with and without a filter subject) and the older one. */
function createConsumer(stream: string, consumer: string): string[] {
  return [`${JS}.CONSUMER.CREATE.${stream}.${consumer}`, `${JS}.CONSUMER.CREATE.${stream}.${consumer}.>`, `${JS}.CONSUMER.DURABLE.CREATE.${stream}.${consumer}`];
}

/** The subjects a role may use under `prefix` (see the module table). */
export function natsPermissions(prefix: string, role: ServiceRole): NatsPermissions {
  const p = prefix;
  const s = streamNames(prefix);
  const sub = subjects(prefix);
  const inbox = `${inboxPrefix(role)}.>`;
  // Each command is served by the role the contracts name as its owner.
  const served = (r: ServiceRole): string[] => COMMAND_NAMES.filter((c) => COMMANDS[c].owner === r).map((c) => sub.cmd(c));
  // ... and sent by the role the contracts name as its sender.
  const sent = (r: ServiceRole): string[] => COMMAND_NAMES.filter((c) => commandSender(c) === r).map((c) => sub.cmd(c));
  switch (role) {
    case 'gateway':
      return {
        publish: [...sent('gateway'), `${JS}.INFO`, `${JS}.CONSUMER.INFO.${s.trials}.${s.workersConsumer}`],
        subscribe: [`${p}.updates.>`, sub.workerHeartbeat, inbox],
        allowResponses: false,
      };
    case 'scheduler': {
      const streamAdmin = [s.trials, s.events].flatMap((name) =>
        ['INFO', 'CREATE', 'UPDATE', 'MSG.GET', 'MSG.DELETE'].map((op) => `${JS}.STREAM.${op}.${name}`),
      );
      const consumerAdmin = [
        [s.trials, s.workersConsumer],
        [s.events, s.schedulerConsumer],
        [s.events, s.registryConsumer],
      ].flatMap(([stream, consumer]) => [`${JS}.CONSUMER.INFO.${stream}.${consumer}`, ...createConsumer(stream!, consumer!)]);
      return {
        publish: [
          sub.trialDispatch,
          sub.experimentFinishedAll,
          sub.trialStopAll,
          `${p}.updates.>`,
          `${JS}.INFO`,
          ...streamAdmin,
          ...consumerAdmin,
          `${JS}.CONSUMER.MSG.NEXT.${s.events}.${s.schedulerConsumer}`,
          `$JS.ACK.${s.events}.${s.schedulerConsumer}.>`,
        ],
        subscribe: [...served('scheduler'), sub.workerHeartbeat, sub.maxDeliveriesAdvisory(s.trials, s.workersConsumer), inbox],
        allowResponses: true,
      };
    }
    case 'registry':
      return {
        publish: [sub.updatesModel, `${JS}.INFO`, ...pullFrom(s.events, s.registryConsumer), ...createConsumer(s.events, s.registryConsumer)],
        subscribe: [...served('registry'), inbox],
        allowResponses: true,
      };
    case 'worker':
      return {
        publish: [...sent('worker'), sub.trialEventsAll, sub.workerHeartbeat, `${JS}.INFO`, ...pullFrom(s.trials, s.workersConsumer), `${JS}.STREAM.MSG.DELETE.${s.trials}`],
        subscribe: [sub.trialStopAll, inbox],
        allowResponses: false,
      };
  }
}

export interface NatsUser {
  role: ServiceRole;
  user: string;
  /**
   * The password as written into the file, or `{ env: NAME }` to write a reference to the
   * environment variable NAME, which nats-server resolves when it reads the file (deploy files
   * that must not hold secrets).
   */
  password: string | { env: string };
}

const quote = (v: string): string => JSON.stringify(v);

/**
 * The `authorization { users = [...] }` block of a nats-server configuration file, one user per
 * entry with its role's permissions. Literal passwords are written as given (plain text: the
 * file must be private to the server, mode 0600); `{ env }` passwords as `$NAME`.
 */
export function natsAuthConfig(prefix: string, users: readonly NatsUser[]): string {
  const entries = users.map((u) => {
    const perms = natsPermissions(prefix, u.role);
    const list = (xs: string[]): string => `[${xs.map(quote).join(', ')}]`;
    const password = typeof u.password === 'string' ? quote(u.password) : `$${u.password.env}`;
    if (typeof u.password !== 'string' && !/^[A-Z_][A-Z0-9_]*$/.test(u.password.env)) {
      throw new Error(`natsAuthConfig: ${u.password.env} is not an environment variable name (A-Z, 0-9, _)`);
    }
    return [
      '    {',
      `      user: ${quote(u.user)}, password: ${password}`,
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
