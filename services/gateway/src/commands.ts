/**
 * Mutations never write: they ask the owning service over NATS request/reply and then read the
 * result from Postgres. Requests and replies are typed and checked by the command table of
 * @trialgrid/contracts; remote AppError codes survive the trip (see libs/messaging commands).
 */
import { maxPayloadBytes, sendCommand, type CommandName, type CommandReplyData, type CommandRequestInput, type CommandsSentBy, type Messaging } from '@trialgrid/messaging';

/**
 * A command's payload as the gateway must send it: a command that records who asked (it has an
 * `actor` field: every registry change) must carry the calling token's owner, so the model
 * history never falls back to the registry's own name for a change a person made. Leaving it
 * out does not compile.
 */
export type GatewayPayload<N extends CommandName> = 'actor' extends keyof CommandRequestInput<N> ? CommandRequestInput<N> & { actor: string } : CommandRequestInput<N>;

export interface Commands {
  /** Only the commands the gateway sends (a worker's `trial.state` does not compile here; NATS would refuse it too). */
  send<N extends CommandsSentBy<'gateway'>>(name: N, payload: GatewayPayload<N>): Promise<CommandReplyData<N>>;
  /** The largest request or reply one command can carry, in bytes (the NATS server's max_payload). */
  maxPayloadBytes(): number;
}

export function createCommands(messaging: Messaging, timeoutMs: number): Commands {
  return {
    send: (name, payload) => sendCommand(messaging, name, payload, { timeoutMs }),
    maxPayloadBytes: () => maxPayloadBytes(messaging),
  };
}
