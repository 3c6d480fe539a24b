import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metricsHandler } from '@trialgrid/metrics';

export type ReadinessCheck = () => Promise<void> | void;

export interface HealthState {
  /** Marked ready once start-up completed; false again while shutting down. */
  ready: boolean;
  checks: Map<string, ReadinessCheck>;
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, string>;
}

export async function evaluateReadiness(state: HealthState, timeoutMs = 2_000): Promise<HealthReport> {
  const checks: Record<string, string> = {};
  let ok = state.ready;
  if (!state.ready) checks['service'] = 'starting or stopping';
  for (const [name, check] of state.checks) {
    try {
      await Promise.race([
        Promise.resolve().then(check),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs).unref()),
      ]);
      checks[name] = 'ok';
    } catch (err) {
      ok = false;
      // /readyz may be reachable from outside: a driver's message names internal hosts and
      // ports, so only a fixed word is shown (the service logs its connection errors itself).
      checks[name] = err instanceof Error && err.message === 'timed out' ? 'timed out' : 'unavailable';
    }
  }
  return { status: ok ? 'ok' : 'unavailable', checks };
}

/**
 * `/healthz`: the process is alive (200 while the event loop turns).
 * `/readyz`: start-up finished and every readiness check passes (503 otherwise).
 * `/metrics`: the process's Prometheus metrics (libs/metrics), text exposition format.
 */
export async function startHealthServer(state: HealthState, port: number, host = '127.0.0.1'): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (path === '/readyz') {
      void evaluateReadiness(state).then((report) => {
        res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(report));
      });
      return;
    }
    if (path === '/metrics') {
      metricsHandler(req, res);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
