import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEST_ENV } from '../utils/test-app';

/** The repository root: the built server is `dist/server/src/main.js` under it. */
export const ROOT = resolve(process.cwd());
export const DEMO_PASSWORD = 'Demo#2026';

export interface ServerProcess {
  proc: ChildProcess;
  /** `http://127.0.0.1:<port>` once it serves. */
  url: string;
  port: number;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  /** Resolves with the exit code (or the signal) when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A data directory the embedded PostgreSQL (run as the OS user `postgres` when we are root) can use. */
export function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jbh-ops-'));
  chmodSync(dir, 0o755);
  dataDirs.push(dir);
  return dir;
}

const dataDirs: string[] = [];

/** Deletes the data directories this spec made (call after its servers have stopped). */
export function removeDataDirs(): void {
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** What the process tests give the server: test secrets, no web client, and a free port (PORT=0). */
export function serverEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...TEST_ENV, PORT: '0', LOG_LEVEL: 'warn', JBH_APP_ROOT: ROOT, ...extra };
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete env[k];
  delete env.NODE_OPTIONS;
  return env;
}

/**
 * Starts `command` (default: node on the built server) and waits for its "serving on" line. Rejects
 * with everything it printed when it exits first or takes longer than `timeoutMs`.
 */
export function startServer(
  env: NodeJS.ProcessEnv,
  { command = ['node', 'dist/server/src/main.js'], timeoutMs = 150_000 }: { command?: string[]; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const [cmd, ...args] = command;
  const proc = spawn(cmd as string, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  proc.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    proc.once('exit', (code, signal) => r({ code, signal })),
  );
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const check = () => {
      const m = /serving on http:\/\/localhost:(\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      proc.stdout?.off('data', check);
      const port = Number(m[1]);
      resolvePromise({ proc, url: `http://127.0.0.1:${port}`, port, output: () => out, exited });
    };
    proc.stdout?.on('data', check);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${signal ?? code}) before serving:\n${out}`));
    });
  });
}

/** Runs a command to its end and returns its exit code and output. */
export function run(env: NodeJS.ProcessEnv, command: string[] = ['node', 'dist/server/src/main.js'], timeoutMs = 60_000) {
  const [cmd, ...args] = command;
  const proc = spawn(cmd as string, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  proc.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  return new Promise<{ code: number | null; output: string }>((r) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      r({ code, output: out });
    });
  });
}

/** The embedded PostgreSQL serving `dataDir`, from its lock file: pid and a URL to the app's database. */
export function embeddedPostmaster(dataDir: string): { pid: number; url: string } | undefined {
  const file = join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  return { pid: Number(lines[0]), url: `postgres://postgres:jinbuhuan-embedded@127.0.0.1:${Number(lines[3])}/jinbuhuan` };
}

export const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? ` (last error: ${last.message})` : ''}`);
}

/** A JSON answer as the tests read it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever fields each route returns
export type Answer = Record<string, any>;

/** fetch with a timeout; resolves with status, headers and the JSON body (or text). */
export async function call(
  url: string,
  init: { method?: string; token?: string; cookie?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<{ status: number; headers: Headers; body: Answer; ms: number }> {
  const started = Date.now();
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.cookie) headers.cookie = init.cookie;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(init.timeoutMs ?? 30_000),
  });
  const text = await res.text();
  let body: Answer = text as unknown as Answer;
  try {
    body = JSON.parse(text) as Answer;
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body, ms: Date.now() - started };
}

export async function signIn(base: string, username = 'admin'): Promise<{ token: string; cookie: string }> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { accessToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { token: body.accessToken, cookie };
}
