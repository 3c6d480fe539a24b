/**
 * trialgrid messaging: typed, validated NATS + JetStream on top of the @nats-io v3 clients.
 * See README.md for the flow and a runnable example.
 */
export * from './contracts.js';
export * from './envelope.js';
export * from './connection.js';
export * from './topology.js';
export * from './publish.js';
export * from './consume.js';
export * from './commands.js';
export * from './permissions.js';
