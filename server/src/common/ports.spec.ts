import { createServer, type Server } from 'node:net';
import { bindNextFree, freePort } from './ports';

const listenOn = (port: number): Promise<Server> =>
  new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => ok(server));
  });
const close = (server: Server) => new Promise<void>((ok) => server.close(() => ok()));
const inUse = (e: unknown) => (e as NodeJS.ErrnoException).code === 'EADDRINUSE';

describe('bindNextFree: a port taken between the check and the bind', () => {
  it('moves to the next free port and says so', async () => {
    const port = await freePort(41_000);
    // Another copy binds the port after this one found it free.
    const other = await listenOn(port);
    const moves: Array<[number, number]> = [];
    const mine = await bindNextFree(port, listenOn, { taken: inUse, moved: (from, to) => moves.push([from, to]) });
    try {
      const bound = (mine.address() as { port: number }).port;
      expect(bound).not.toBe(port);
      expect(moves).toEqual([[port, bound]]);
    } finally {
      await close(mine);
      await close(other);
    }
  });

  it('gives up after five ports, and does not retry a failure that is not a taken port', async () => {
    let tries = 0;
    const alwaysTaken = () => {
      tries++;
      return Promise.reject(Object.assign(new Error('taken'), { code: 'EADDRINUSE' }));
    };
    await expect(bindNextFree(await freePort(41_100), alwaysTaken, { taken: inUse, moved: () => undefined })).rejects.toThrow('taken');
    expect(tries).toBe(5);

    tries = 0;
    const refused = () => {
      tries++;
      return Promise.reject(Object.assign(new Error('no permission'), { code: 'EACCES' }));
    };
    await expect(bindNextFree(await freePort(41_200), refused, { taken: inUse, moved: () => undefined })).rejects.toThrow('no permission');
    expect(tries).toBe(1);
  });
});
