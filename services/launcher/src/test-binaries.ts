// Test-only (not exported from index.ts): where the launcher's integration tests look for a
// nats-server: the launcher's usual places, then the one scripts/run-tests.mjs found or
// downloaded into the cache for this run (TRIALGRID_TEST_NATS_SERVER), so they run on a
// fresh machine too.
import { DEFAULT_NATS_CANDIDATES } from './nats.js';

/** `DEFAULT_NATS_CANDIDATES` plus `TRIALGRID_TEST_NATS_SERVER` when set. */
export const TEST_NATS_CANDIDATES: string[] = [...DEFAULT_NATS_CANDIDATES, ...(process.env['TRIALGRID_TEST_NATS_SERVER'] ? [process.env['TRIALGRID_TEST_NATS_SERVER']] : [])];
