import { createServer } from 'node:net';

/** Whether nothing listens on `port` at `host` (all addresses when `host` is 0.0.0.0). */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The preferred port when it is free, else the next free one above it, else one the system picks. */
export async function freePort(preferred: number, host = '127.0.0.1'): Promise<number> {
  for (let port = preferred; port < preferred + 20 && port <= 65535; port++) if (await portIsFree(port, host)) return port;
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Binds `port` with `bind`. A port found free may still be taken before the bind (another copy of the app
 * starting at the same moment chose it too): when `taken` says that is why the bind failed, the next free port
 * is tried, five at most, and `moved` is told of each change.
 */
export async function bindNextFree<T>(
  port: number,
  bind: (port: number) => Promise<T>,
  { taken, moved, host }: { taken: (e: unknown) => boolean; moved: (from: number, to: number) => void; host?: string },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await bind(port);
    } catch (e) {
      if (!taken(e) || attempt >= 5) throw e;
      const next = await freePort(port + 1, host);
      moved(port, next);
      port = next;
    }
  }
}
