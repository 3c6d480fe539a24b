import { createConnection, createServer, type AddressInfo } from 'node:net';

/** True when something accepts TCP connections on host:port within `timeoutMs`. */
export function tcpOpen(port: number, host = '127.0.0.1', timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when this process could bind host:port right now. */
export function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the OS reports free right now (there is a small race until someone binds it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `preferred` when it is free, else any free port. `taken` holds ports already handed out in
 * this run, so two services never get the same one before either has bound it.
 */
export async function choosePort(preferred: number, taken: Set<number>, host = '127.0.0.1'): Promise<number> {
  if (preferred > 0 && !taken.has(preferred) && (await portFree(preferred, host))) {
    taken.add(preferred);
    return preferred;
  }
  for (;;) {
    const port = await freePort(host);
    if (!taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
