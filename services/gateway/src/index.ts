/**
 * @trialgrid/gateway: the GraphQL control plane (HTTP + WebSocket subscriptions), artifact
 * downloads, bull-board and the dashboard, as an in-process component (`createGateway`) and a
 * service (`dist/main.js`).
 */
export { createGateway, buildSchema, DEFAULT_DASHBOARD_DIR, type Gateway, type GatewayDeps } from './server.js';
export { gatewayEnv, gatewayConfig, type GatewayConfig } from './config.js';
export { createFormatError, GRAPHQL_CODES } from './errors.js';
export { TrialQueueAdapter, BOARD_STATUSES } from './queue-board.js';
export type { GatewayContext } from './context.js';
export type * from './models.js';
