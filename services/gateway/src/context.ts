import type { Database } from '@trialgrid/db';
import type { Logger } from '@trialgrid/logger';
import type { Messaging } from '@trialgrid/messaging';
import type { Authenticator, Principal } from './auth.js';
import type { GatewayConfig } from './config.js';
import type { Deadline } from './limits.js';
import type { Commands } from './commands.js';
import type { Loaders } from './loaders.js';
import type { NatsPubSub } from './pubsub.js';

/** Per-request GraphQL context (HTTP and WebSocket alike); `loaders` are fresh per operation. */
export interface GatewayContext {
  db: Database;
  messaging: Messaging;
  logger: Logger;
  config: GatewayConfig;
  commands: Commands;
  pubsub: NatsPubSub;
  loaders: Loaders;
  /** The calling token's identity (every request is authenticated before it gets a context). */
  principal: Principal;
  auth: Authenticator;
  /** Time budget of a query or mutation (limits.ts withTimeBudget); none for subscriptions. */
  deadline?: Deadline;
}
