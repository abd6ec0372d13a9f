import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { HousekeepingScheduler } from '../../server/src/housekeeping/housekeeping.scheduler';
import { HousekeepingService } from '../../server/src/housekeeping/housekeeping.service';
import { JobMetrics } from '../../server/src/metrics/job-metrics.service';
import { createTestApp, type TestApp } from '../utils/test-app';

// Random-looking, as the configuration demands of a real token (see env.ts, secret checks).
const TOKEN = 'q7Vx2mPz9LwR4tKc8HbN3sJf6GdY1aUe5oXi0Wv';

/** A metric's sample lines (`name{labels} value`) whose labels include every one given. */
function samples(text: string, name: string, labels: Record<string, string> = {}): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)));
}

describe('operations: metrics, health routes, housekeeping', () => {
  let t: TestApp;

  beforeAll(async () => {
    // No allow-listed address: in-process requests come from 127.0.0.1 and must show the token.
    t = await createTestApp({ METRICS_ALLOW: '', METRICS_TOKEN: TOKEN, AUDIT_RETENTION_DAYS: '365' });
  });
  afterAll(() => t.close());

  const scrape = () => t.http().get('/api/metrics').auth(TOKEN, { type: 'bearer' });

  describe('health', () => {
    // First in this file: readiness remembers migrations once they are all in.
    it('ready: 503 while a migration is pending, 200 once every migration has run', async () => {
      const [last] = await t.sql<{ id: number; timestamp: string; name: string }>(
        'SELECT id, timestamp, name FROM typeorm_migrations ORDER BY id DESC LIMIT 1',
      );
      await t.sql('DELETE FROM typeorm_migrations WHERE id = $1', [last!.id]);
      const pending = await t.http().get('/api/health/ready').expect(503);
      expect(pending.body).toEqual({ status: 'unavailable', checks: { database: 'ok', migrations: 'pending' } });

      await t.sql('INSERT INTO typeorm_migrations (id, timestamp, name) VALUES ($1, $2, $3)', [last!.id, last!.timestamp, last!.name]);
      const ready = await t.http().get('/api/health/ready').expect(200);
      expect(ready.body).toEqual({ status: 'ok', checks: { database: 'ok', migrations: 'ok' } });
    });

    it('live: 200 without a token; the old /api/health still answers', async () => {
      expect((await t.http().get('/api/health/live').expect(200)).body).toEqual({ status: 'ok' });
      expect((await t.http().get('/api/health').expect(200)).body).toEqual({ status: 'ok' });
    });
  });

  describe('GET /api/metrics', () => {
    it('is a 404 like any unknown address without an allowed address or the token', async () => {
      const none = await t.http().get('/api/metrics').expect(404);
      expect(none.body.code).toBe('NOT_FOUND');
      expect(none.text).not.toContain('jbh_');
      await t.http().get('/api/metrics').auth(`${TOKEN}x`, { type: 'bearer' }).expect(404);
      await t.http().get('/api/metrics').auth(TOKEN.slice(0, -1), { type: 'bearer' }).expect(404);
      await t.http().get('/api/metrics').set('authorization', TOKEN).expect(404);
      // X-Forwarded-For is the client's own word: it opens nothing.
      await t.http().get('/api/metrics').set('x-forwarded-for', '127.0.0.1').expect(404);
    });

    it('with the token: Prometheus text with latency by route pattern (never a raw id), pool gauges, event loop and jobs', async () => {
      const admin = await t.login('admin');
      await t.http().get(`/api/organisations/${admin.organisationId}`).auth(admin.token, { type: 'bearer' }).expect(200);
      const unknownId = randomUUID();
      await t.http().get(`/api/no-such-route/${unknownId}`).expect(404);

      const res = await scrape().expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = res.text;

      const byPattern = samples(text, 'app_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/organisations/:id',
        status_class: '2xx',
      });
      expect(byPattern).toHaveLength(1);
      expect(Number(byPattern[0]!.split(' ').pop())).toBeGreaterThanOrEqual(1);
      expect(samples(text, 'app_http_request_duration_seconds_bucket', { route: '/api/organisations/:id', le: '+Inf' })).toHaveLength(1);
      expect(samples(text, 'app_http_request_duration_seconds_count', { route: 'unmatched', status_class: '4xx' })).toHaveLength(1);
      expect(text).not.toContain(admin.organisationId);
      expect(text).not.toContain(unknownId);

      for (const gauge of ['app_db_pool_in_use', 'app_db_pool_idle', 'app_db_pool_waiting']) {
        expect({ gauge, lines: samples(text, gauge).length }).toEqual({ gauge, lines: 1 });
      }
      expect(samples(text, 'app_db_pool_max')).toEqual(['app_db_pool_max 20']);
      expect(Number(samples(text, 'app_db_pool_idle')[0]!.split(' ')[1])).toBeGreaterThanOrEqual(1);
      expect(samples(text, 'nodejs_eventloop_lag_seconds')).toHaveLength(1);
      expect(samples(text, 'nodejs_eventloop_lag_p99_seconds')).toHaveLength(1);

      // Every scheduler shows from the start, before its first run.
      for (const job of [
        'pre-release',
        'fair-reminders',
        'follow-up-reminders',
        'follow-up-escalation',
        'housekeeping',
        'plan-reminders',
        'record-sealing',
      ]) {
        expect(samples(text, 'app_job_runs_total', { job })).toEqual([`app_job_runs_total{job="${job}"} 0`]);
        expect(samples(text, 'app_job_failures_total', { job })).toEqual([`app_job_failures_total{job="${job}"} 0`]);
      }
    });

    it('counts job runs and failures', async () => {
      await t.app.get(HousekeepingScheduler).tick();
      await expect(t.app.get(JobMetrics).track('test-job', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      const text = (await scrape().expect(200)).text;
      expect(samples(text, 'app_job_runs_total', { job: 'housekeeping' })).toEqual(['app_job_runs_total{job="housekeeping"} 1']);
      expect(samples(text, 'app_job_failures_total', { job: 'housekeeping' })).toEqual(['app_job_failures_total{job="housekeeping"} 0']);
      expect(samples(text, 'app_job_last_success_timestamp_seconds', { job: 'housekeeping' })).toHaveLength(1);
      expect(samples(text, 'app_job_failures_total', { job: 'test-job' })).toEqual(['app_job_failures_total{job="test-job"} 1']);
    });

    it('a second app in the same process has its own registry; loopback is allowed by default', async () => {
      const other = await createTestApp();
      try {
        const res = await other.http().get('/api/metrics').expect(200);
        expect(samples(res.text, 'app_job_runs_total', { job: 'test-job' })).toEqual([]);
        expect(samples(res.text, 'app_db_pool_max')).toEqual(['app_db_pool_max 20']);
      } finally {
        await other.close();
      }
    });
  });

  describe('housekeeping', () => {
    let userId: string;
    const ids = {} as Record<string, string>;

    beforeAll(async () => {
      [{ id: userId }] = (await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE username = 'counsellor'`)) as [{ id: string }];
      const session = async (name: string, family: string, expires: string, revoked: string | null) => {
        const [row] = await t.sql<{ id: string }>(
          `INSERT INTO refresh_session (user_id, family_id, token_hash, expires_at, revoked_at, rotated_at, revoke_reason)
           VALUES ($1, $2, repeat('a', 64), now() + $3::interval, now() + $4::interval, now() + $4::interval, CASE WHEN $4 IS NULL THEN NULL ELSE 'rotated' END)
           RETURNING id`,
          [userId, family, expires, revoked],
        );
        ids[name] = row!.id;
      };
      const liveFamily = randomUUID();
      await session('expired', randomUUID(), '-1 day', null);
      await session('live', liveFamily, '40 days', null);
      // Rotated long ago, but its family is still signed in: kept, to catch a stolen copy.
      await session('rotatedInLiveFamily', liveFamily, '20 days', '-40 days');
      // Revoked long ago and nothing of its family is live any more.
      await session('revokedDeadFamily', randomUUID(), '20 days', '-40 days');

      // Audit entries are chained in the order they are written and pruned from the start of the
      // chain only; the database sets occurred_at, so the oldest are first. Age the first three
      // (as a superuser, behind the append-only trigger): two past the 365-day retention, one within.
      const age = async (name: string, seq: number, days: number) => {
        await t.sql('ALTER TABLE audit_log DISABLE TRIGGER USER');
        try {
          const [row] = await t.sql<{ id: string }>(
            `UPDATE audit_log SET occurred_at = now() - make_interval(days => $2), action = $3 WHERE chain_seq = $1 RETURNING id`,
            [seq, days, `test.${name}`],
          );
          ids[name] = row!.id;
        } finally {
          await t.sql('ALTER TABLE audit_log ENABLE TRIGGER USER');
        }
      };
      await age('auditOld', 1, 400);
      await age('auditOld2', 2, 400);
      await age('auditMid', 3, 200);
      const [recent] = await t.sql<{ id: string }>(
        `INSERT INTO audit_log (action, result) VALUES ('test.auditRecent', 'success') RETURNING id`,
      );
      ids.auditRecent = recent!.id;
    });

    it('deletes used-up sessions and audit entries past retention, keeps the rest, and records one audit entry', async () => {
      const outcome = await t.app.get(HousekeepingService).run();
      expect(outcome.ran).toBe(true);
      expect(outcome.refreshSessionsDeleted).toBeGreaterThanOrEqual(2);
      expect(outcome.auditEntriesDeleted).toBe(2);

      const sessions = (await t.sql<{ id: string }>('SELECT id FROM refresh_session WHERE user_id = $1', [userId])).map((r) => r.id);
      expect(sessions).not.toContain(ids.expired);
      expect(sessions).not.toContain(ids.revokedDeadFamily);
      expect(sessions).toEqual(expect.arrayContaining([ids.live, ids.rotatedInLiveFamily]));

      const audit = (await t.sql<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'test.%'`)).map((r) => r.action);
      expect(audit.sort()).toEqual(['test.auditMid', 'test.auditRecent']);

      const runs = await t.sql<{ result: string; detail: Record<string, unknown> }>(
        `SELECT result, detail FROM audit_log WHERE action = 'housekeeping.run' ORDER BY id DESC`,
      );
      expect(runs[0]).toEqual({
        result: 'success',
        detail: {
          refreshSessionsDeleted: outcome.refreshSessionsDeleted,
          auditEntriesDeleted: outcome.auditEntriesDeleted,
          idempotencyKeysDeleted: outcome.idempotencyKeysDeleted,
          auditRetentionDays: 365,
          complete: true,
        },
      });
    });

    it('a scheduled run skips the work when one succeeded within the period', async () => {
      const before = await t.sql(`SELECT id FROM audit_log WHERE action = 'housekeeping.run'`);
      expect((await t.app.get(HousekeepingService).run({ unlessRanWithinHours: 6 })).ran).toBe(false);
      expect(await t.sql(`SELECT id FROM audit_log WHERE action = 'housekeeping.run'`)).toHaveLength(before.length);
    });

    it('the audit log stays append-only: UPDATE, TRUNCATE, DELETE without the flag or of a young row are refused', async () => {
      const c = new pg.Client({ connectionString: t.databaseUrl });
      await c.connect();
      const refused = async (sql: string, params: unknown[] = [], flag = false) => {
        await c.query('BEGIN');
        try {
          if (flag) await c.query(`SET LOCAL jbh.audit_prune = 'on'`);
          await expect(c.query(sql, params)).rejects.toThrow(/append-only/);
        } finally {
          await c.query('ROLLBACK');
        }
      };
      try {
        const [{ id: old }] = (
          await c.query<{ id: string }>(
            `INSERT INTO audit_log (occurred_at, action, result) VALUES (now() - interval '400 days', 'test.old2', 'success') RETURNING id`,
          )
        ).rows as [{ id: string }];
        await refused(`UPDATE audit_log SET action = 'test.changed' WHERE id = $1`, [ids.auditMid]);
        await refused(`UPDATE audit_log SET action = 'test.changed' WHERE id = $1`, [old], true);
        await refused(`DELETE FROM audit_log WHERE id = $1`, [old]);
        await refused(`DELETE FROM audit_log WHERE id = $1`, [ids.auditRecent], true);
        await refused('TRUNCATE audit_log', [], true);
        expect(
          (await c.query(`SELECT count(*)::int AS n FROM audit_log WHERE id = ANY($1)`, [[old, ids.auditMid, ids.auditRecent]])).rows,
        ).toEqual([{ n: 3 }]);
      } finally {
        await c.end();
      }
    });
  });
});
