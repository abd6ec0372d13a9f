import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../server/src/app.factory';
import { loadConfig, type AppConfig } from '../../server/src/config/env';
import { prepareDatabase } from '../../server/src/database/prepare';

/**
 * Fixed test secrets: the template's demo identity numbers are encrypted with this key. Generated once
 * (`openssl rand -base64 48` / `-base64 32`), because loadConfig refuses guessable ones.
 * Demo data is asked for explicitly (it is off by default), also on the throw-away external databases
 * the process tests start the server on.
 */
export const TEST_ENV = {
  NODE_ENV: 'test',
  JWT_SECRET: 'Ht0b9dhPUiQAhYpKckyuH+rl8bTFWuLejBhM7LHu5DMAgsviwPRz3nh5J7q5Xtkn',
  FIELD_ENCRYPTION_KEY: 'jpXPwup58VncAKWiXqg+yj7vWdbglUUvMDxd09HYuWw=',
  DEMO_DATA: 'true',
  DEMO_DATA_ON_EXTERNAL_DATABASE: 'true',
  SERVE_CLIENT: 'false',
  AUTH_RATE_LIMIT_PER_MINUTE: '10000',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
};

export const DEMO_PASSWORD = 'Demo#2026';

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the tests through jest.e2e.cjs / jest.browser.cjs (their global setup sets it)`);
  return v;
}

const urlFor = (db: string) => env('JBH_TEST_URL_PATTERN').replace('__DB__', db);

/**
 * The role the app under test connects as, as in production: not the owner of the schema, so every
 * test runs with the app's real database rights (INSERT and SELECT only on the audit log, …).
 */
export const TEST_APP_ROLE = 'jbh_test_app';
const TEST_APP_PASSWORD = 'jbh-test-app';

/** The same database as the app's own limited role. */
export function appUrlFor(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = TEST_APP_ROLE;
  url.password = TEST_APP_PASSWORD;
  return url.href;
}

async function ensureAppRole(c: pg.Client): Promise<void> {
  // Roles are cluster-wide and spec files start in parallel: the advisory lock is held by the caller.
  const { rowCount } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [TEST_APP_ROLE]);
  if (!rowCount) await c.query(`CREATE ROLE ${TEST_APP_ROLE} LOGIN PASSWORD '${TEST_APP_PASSWORD}'`);
}

/** Runs work on a connection to the server's maintenance database (for what a spec's own database cannot do to itself). */
export async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: env('JBH_TEST_ADMIN_URL') });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/**
 * Builds this run's template once (migrations, reference data, demo data), whichever spec file
 * gets there first; the others wait on an advisory lock. It is built under a temporary name and
 * renamed, so a failed build never leaves a half-made template behind.
 */
async function ensureTemplate(config: AppConfig): Promise<string> {
  const template = env('JBH_TEST_TEMPLATE');
  await admin(async (c) => {
    await c.query('SELECT pg_advisory_lock(4242001)');
    try {
      await ensureAppRole(c);
      const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (rowCount) return;
      const building = `${template}_building`;
      await c.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await c.query(`CREATE DATABASE "${building}"`);
      await prepareDatabase(urlFor(building), { ...config, demoData: true, isProduction: false }, undefined, TEST_APP_ROLE);
      await c.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    } finally {
      await c.query('SELECT pg_advisory_unlock(4242001)');
    }
  });
  return template;
}

/** A fresh database cloned from the template: each spec file gets its own. */
export async function createTestDatabase(config: AppConfig): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const template = await ensureTemplate(config);
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    name,
    url: urlFor(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  databaseUrl: string;
  /** A supertest request builder bound to the app. */
  http: () => TestAgent;
  /** Signs in and returns an access token (and the cookie header carrying the refresh token). */
  login: (username: string, password?: string) => Promise<{ token: string; cookie: string; userId: string; organisationId: string }>;
  /** Runs SQL against this spec file's database. */
  sql: <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
}

export async function createTestApp(envOverrides: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ ...TEST_ENV, ...envOverrides });
  const db = await createTestDatabase(config);
  const app = await createApp(config, appUrlFor(db.url));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  // Dropping the database at close terminates idle connections; that is the end of them, not an error.
  pool.on('error', () => undefined);
  const http = () => request.agent(app.getHttpServer());
  return {
    app,
    config,
    databaseUrl: db.url,
    http,
    login: async (username, password = DEMO_PASSWORD) => {
      const res = await request(app.getHttpServer()).post('/api/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      return {
        token: res.body.accessToken as string,
        cookie: setCookie.map((c) => c.split(';')[0]).join('; '),
        userId: res.body.user.id as string,
        organisationId: res.body.user.organisationId as string,
      };
    },
    sql: async (text, params) => (await pool.query(text, params)).rows,
    close: async () => {
      await app.close();
      await pool.end();
      await db.drop();
    },
  };
}
