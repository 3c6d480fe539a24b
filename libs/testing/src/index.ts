/**
 * Test fixtures that talk to the real services: a fresh Postgres database with migrations
 * applied, and an isolated NATS subject/stream prefix, both removed afterwards; the server
 * binaries for tests that run servers of their own.
 */
export * from './postgres.js';
export * from './nats.js';
export * from './paths.js';
export * from './binaries.js';
export * from './net.js';
