import { readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { loadConfig } from '../../server/src/config/env';
import { createTestDatabase, TEST_ENV } from '../utils/test-app';
import { isAlive, serverEnv, startServer, waitFor, type ServerProcess } from './server-process';

/**
 * CLUSTER_WORKERS=2 (issue 17): the built server forks two workers that share the port, a worker that
 * dies is replaced, and SIGTERM to the primary stops them all and exits 0. Which worker answered is read
 * from the server's own log (LOG_LEVEL=debug writes a line per request with its pid and request id), so
 * nothing new is exposed over HTTP.
 */

/** The process ids whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** GET on a new connection each time (round-robin hands out connections, not requests), with a request id to find in the log. */
function probe(server: ServerProcess, requestId: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = get(`${server.url}/api/health/live`, { agent: false, headers: { 'x-request-id': requestId } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
  });
}

/** The pid that logged the completion of each request id (from the JSON log lines). */
function answeringPids(server: ServerProcess, ids: string[]): Map<string, number> {
  const pids = new Map<string, number>();
  for (const line of server.output().split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { msg?: string; pid?: number; req?: { id?: string } };
      if (entry.msg === 'request completed' && entry.req?.id && ids.includes(entry.req.id) && entry.pid) pids.set(entry.req.id, entry.pid);
    } catch {
      // not a log line
    }
  }
  return pids;
}

describe('CLUSTER_WORKERS: several processes on one port', () => {
  it('two workers answer, a dead one is replaced, SIGTERM stops them all and exits 0', async () => {
    const db = await createTestDatabase(loadConfig({ ...TEST_ENV }));
    let server: ServerProcess | undefined;
    try {
      server = await startServer(serverEnv({ DATABASE_URL: db.url, CLUSTER_WORKERS: '2', LOG_LEVEL: 'debug' }));
      const primary = server.proc.pid!;
      const workers = childrenOf(primary);
      expect(workers).toHaveLength(2);

      const ids = Array.from({ length: 12 }, (_, i) => `cluster-probe-${i.toString().padStart(4, '0')}`);
      for (const id of ids) expect(await probe(server, id)).toBe(200);
      const s = server;
      const answered = await waitFor('a log line for every probe', () => {
        const pids = answeringPids(s, ids);
        return Promise.resolve(pids.size === ids.length ? pids : undefined);
      });
      const distinct = new Set(answered.values());
      expect(distinct.size).toBe(2);
      for (const pid of distinct) expect(workers).toContain(pid);

      // A worker that dies is forked again, and the port keeps answering meanwhile.
      const [victim] = workers;
      process.kill(victim!, 'SIGKILL');
      const replaced = await waitFor('a replacement worker', () => {
        const now = childrenOf(primary);
        return Promise.resolve(now.length === 2 && !now.includes(victim!) ? now : undefined);
      });
      await waitFor('the new worker answers', async () => {
        const more = Array.from({ length: 6 }, (_, i) => `cluster-again-${Date.now()}-${i}`);
        for (const id of more) await probe(s, id);
        const pids = new Set(answeringPids(s, more).values());
        return pids.size === 2 ? pids : undefined;
      });

      server.proc.kill('SIGTERM');
      const { code } = await server.exited;
      if (code !== 0) throw new Error(`exit code ${code}:\n${server.output()}`);
      for (const pid of replaced) expect(isAlive(pid)).toBe(false);
    } finally {
      if (server && server.proc.exitCode === null) server.proc.kill('SIGKILL');
      await db.drop();
    }
  });
});
