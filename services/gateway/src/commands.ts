/**
 * Mutations never write: they ask the owning service over NATS request/reply and then read the
 * result from Postgres. Remote AppError codes survive the trip (see libs/messaging commands).
 */
import { sendCommand, type CommandName, type Messaging } from '@trialgrid/messaging';

export interface Commands {
  send<R = unknown>(name: CommandName, payload: unknown): Promise<R>;
}

export function createCommands(messaging: Messaging, timeoutMs: number): Commands {
  return {
    send: <R>(name: CommandName, payload: unknown) => sendCommand<R>(messaging, name, payload, { timeoutMs }),
  };
}
