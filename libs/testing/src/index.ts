/**
 * Test fixtures that talk to the real services: a fresh Postgres database with migrations
 * applied, and an isolated NATS subject/stream prefix, both removed afterwards.
 */
export * from './postgres.js';
export * from './nats.js';
export * from './paths.js';
