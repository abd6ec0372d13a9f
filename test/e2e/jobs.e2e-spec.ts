import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { JobQueue } from '../../server/src/jobs/job-queue';
import { JobsRepository } from '../../server/src/jobs/jobs.repository';
import { JobMetrics } from '../../server/src/metrics/job-metrics.service';
import { NotificationDeliveries } from '../../server/src/notifications/notification-deliveries';
import {
  LoggingTransport,
  NOTIFICATION_TRANSPORTS,
  type Delivery,
  type NotificationTransport,
} from '../../server/src/notifications/notification-transport';
import { NotificationsRepository } from '../../server/src/notifications/notifications.repository';
import { NotificationsService } from '../../server/src/notifications/notifications.service';
import { appUrlFor, createTestApp, type TestApp } from '../utils/test-app';

/** Asks `probe` every 100 ms until it returns something truthy; fails after `ms`. No fixed sleeps. */
async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const transportsOf = (app: NestFastifyApplication) => app.get<NotificationTransport[]>(NOTIFICATION_TRANSPORTS, { strict: false });

describe('jobs: the pg-boss queue, notice delivery and the failed list', () => {
  let t: TestApp;
  let second: JobQueue | null = null;
  let admin: string;
  let counsellor: string;
  let counsellorId: string;
  /** Every call of the `memory` transport, by the app (process) whose worker made it. */
  const delivered: { by: 'first' | 'second'; link: string | null }[] = [];

  /** Notices to the counsellor, committed in one transaction (or rolled back with `fail`). */
  async function notify(keys: string[], fail = false): Promise<void> {
    const service = t.app.get(NotificationsService);
    await t.app.get(DataSource).transaction(async (m) => {
      for (const key of keys) {
        await service.notify(
          { userId: counsellorId, kind: 'follow_up.assigned', titleZh: '测试', titleEn: 'test', link: `/jobs-test/${key}`, dedupeKey: key },
          m,
        );
      }
      if (fail) throw new Error('the event failed');
    });
  }

  const idsOf = async (prefix: string) =>
    (await t.sql<{ id: string }>(`SELECT id FROM notification WHERE dedupe_key LIKE $1 ORDER BY dedupe_key`, [`${prefix}%`])).map(
      (r) => r.id,
    );

  const deliveryJobs = (notificationIds: string[]) =>
    t.sql<{ id: string; state: string; retry_count: number; transport: string; started_on: Date | null }>(
      `SELECT id, state, retry_count, data->>'transport' AS transport, started_on FROM pgboss.job
        WHERE name = 'notification-delivery' AND data->>'notificationId' = ANY($1::text[])`,
      [notificationIds],
    );

  beforeAll(async () => {
    t = await createTestApp({
      JOBS_ENABLED: 'true',
      JOBS_POLL_INTERVAL_MS: '500',
      NOTIFICATION_RETRY_LIMIT: '2',
      NOTIFICATION_RETRY_SECONDS: '1',
    });
    admin = (await t.login('admin')).token;
    const c = await t.login('counsellor');
    counsellor = c.token;
    counsellorId = c.userId;
    transportsOf(t.app).push({
      name: 'memory',
      deliver: (d: Delivery) => Promise.resolve(void delivered.push({ by: 'first', link: d.link })),
    });
  });

  afterAll(async () => {
    await second?.beforeApplicationShutdown();
    await t.close();
  });

  it('the schema is the migration’s; the app’s role works the queues but cannot make one; the schedules are registered', async () => {
    const [{ version }] = (await t.sql<{ version: number }>(`SELECT version FROM pgboss.version`)) as [{ version: number }];
    expect(Number(version)).toBe(24);
    const schedules = await t.sql<{ name: string; cron: string; timezone: string }>(
      `SELECT name, cron, timezone FROM pgboss.schedule ORDER BY name`,
    );
    expect(schedules.map((s) => s.name)).toEqual([
      'fair-reminders',
      'follow-up-escalation',
      'follow-up-reminders',
      'housekeeping',
      'plan-reminders',
      'pre-release',
      'record-sealing',
    ]);
    expect(schedules.every((s) => s.timezone === 'Asia/Shanghai')).toBe(true);

    const asApp = new pg.Client({ connectionString: appUrlFor(t.databaseUrl) });
    await asApp.connect();
    try {
      await expect(asApp.query(`SELECT pgboss.create_queue('intruder', '{"policy":"standard"}'::json)`)).rejects.toThrow(
        /permission denied|must be owner/,
      );
      const { rows } = await asApp.query(`SELECT count(*)::int AS n FROM pgboss.queue`);
      expect(rows[0].n).toBeGreaterThanOrEqual(8);
    } finally {
      await asApp.end();
    }
  });

  it('a scheduled job’s handler is the service it always called (housekeeping records its run)', async () => {
    const jobId = await t.app.get(JobQueue).send('housekeeping', {}, { retryLimit: 0, retryDelay: 0, retryBackoff: false });
    await until('the housekeeping job', async () => {
      const [job] = await t.sql<{ state: string }>(`SELECT state FROM pgboss.job WHERE name = 'housekeeping' AND id = $1`, [jobId]);
      return job?.state === 'completed';
    });
    const runs = await t.sql(`SELECT 1 FROM audit_log WHERE action = 'housekeeping.run' AND result = 'success'`);
    expect(runs.length).toBeGreaterThanOrEqual(1);
  });

  it('a notice’s deliveries are jobs of its transaction: a rolled-back event enqueues nothing', async () => {
    const count = async () =>
      (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notification-delivery'`))[0]!.n;
    const before = await count();
    await expect(notify(['rollback-1'], true)).rejects.toThrow('the event failed');
    expect(await count()).toBe(before);
    expect(await idsOf('rollback-')).toEqual([]);

    await notify(['commit-1']);
    const [id] = await idsOf('commit-');
    const jobs = await deliveryJobs([id!]);
    // One job per transport (the logging one and the test's), carrying ids and the transport's name only.
    expect(jobs.map((j) => j.transport).sort()).toEqual(['log', 'memory']);
    const [{ data }] = (await t.sql<{ data: unknown }>(`SELECT data FROM pgboss.job WHERE id = $1`, [jobs[0]!.id])) as [{ data: unknown }];
    expect(Object.keys(data as object).sort()).toEqual(['notificationId', 'transport']);
    await until('the delivery', () => Promise.resolve(delivered.some((d) => d.link === '/jobs-test/commit-1')));
  });

  it('two pg-boss workers on one database: every delivery is done exactly once', async () => {
    // The second worker: another JobQueue (its own pg-boss, pool and workers, as another process would
    // have) on the same database, working the delivery queues through the same delivery code. Not a
    // second Nest app: @nestjs/typeorm registers data sources by name per process.
    const config = t.config;
    second = new JobQueue(config, { url: appUrlFor(t.databaseUrl) }, t.app.get(JobsRepository));
    const secondTransports: NotificationTransport[] = [
      new LoggingTransport(),
      { name: 'memory', deliver: (d: Delivery) => Promise.resolve(void delivered.push({ by: 'second', link: d.link })) },
    ];
    new NotificationDeliveries(second, t.app.get(NotificationsRepository), secondTransports, t.app.get(JobMetrics), config);
    await second.onApplicationBootstrap();

    const keys = Array.from({ length: 16 }, (_, i) => `once-${String(i).padStart(2, '0')}`);
    await notify(keys);
    const ids = await idsOf('once-');
    expect(ids).toHaveLength(keys.length);
    // Both transports of every notice, in whichever worker took the job.
    await until('every delivery job completed', async () => {
      const jobs = await deliveryJobs(ids);
      return jobs.length === 2 * keys.length && jobs.every((j) => j.state === 'completed');
    });
    // A job is completed after its handler returned, and a completed job is never fetched again: what
    // was delivered by now is all that will ever be.
    const memory = delivered.filter((d) => d.link?.startsWith('/jobs-test/once-'));
    const perNotice = new Map<string, number>();
    for (const d of memory) perNotice.set(d.link!, (perNotice.get(d.link!) ?? 0) + 1);
    expect([...perNotice.keys()].sort()).toEqual(keys.map((k) => `/jobs-test/${k}`));
    expect([...perNotice.values()].every((n) => n === 1)).toBe(true);
    expect((await deliveryJobs(ids)).every((j) => j.retry_count === 0)).toBe(true);
    // Both workers took part (each polls every 500 ms and takes one job per poll per worker, so 32
    // jobs cannot all go to one of them within the first poll).
    const by = { first: memory.filter((d) => d.by === 'first').length, second: memory.filter((d) => d.by === 'second').length };
    expect(by.first + by.second).toBe(keys.length);
    expect(by.first).toBeGreaterThan(0);
    expect(by.second).toBeGreaterThan(0);

    await second.beforeApplicationShutdown();
    second = null;
  });

  describe('a transport that fails', () => {
    let failing = true;
    const attempts: number[] = [];
    let jobId: string;

    beforeAll(() => {
      transportsOf(t.app).push({
        name: 'flaky',
        deliver: () => {
          attempts.push(Date.now());
          // What a gateway might say: the number and the name must not reach the administrator's list.
          return failing ? Promise.reject(new Error(`SMS gateway refused 13800138000 for '李明'`)) : Promise.resolve();
        },
      });
    });

    it('is retried with growing delays, then dead-lettered and listed as failed', async () => {
      await notify(['flaky-1']);
      const [id] = await idsOf('flaky-');
      const job = await until('the delivery to fail for good', async () =>
        (await deliveryJobs([id!])).find((j) => j.transport === 'flaky' && j.state === 'failed'),
      );
      jobId = job.id;
      // The first attempt and two retries, the second retry's delay about twice the first's (back-off).
      expect(attempts).toHaveLength(3);
      expect(job.retry_count).toBe(2);
      expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(900);
      expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(1900);
      // A copy went to the dead-letter queue, whose worker took note of it.
      await until('the dead letter', async () => {
        const [dead] = await t.sql<{ state: string }>(
          `SELECT state FROM pgboss.job WHERE name = 'notification-delivery-failed' AND data->>'notificationId' = $1`,
          [id],
        );
        return dead?.state === 'completed';
      });

      const list = await t.http().get('/api/jobs/failed').auth(admin, { type: 'bearer' }).expect(200);
      const item = (list.body.items as { id: string }[]).find((i) => i.id === jobId);
      expect(item).toMatchObject({
        name: 'notification-delivery',
        attempts: 3,
        deadLetter: 'notification-delivery-failed',
        refs: { notificationId: id, transport: 'flaky' },
      });
      expect(list.body.total).toBeGreaterThanOrEqual(1);
      const shown = JSON.stringify(list.body);
      expect(shown).toContain('SMS gateway refused');
      expect(shown).not.toContain('13800138000');
      expect(shown).not.toContain('李明');
      expect(shown).not.toMatch(/stack|\.ts:/);
    });

    it('the list and the retry are the system administrator’s: 401 without a token, 403 for other roles, 404 for an unknown id', async () => {
      await t.http().get('/api/jobs/failed').expect(401);
      await t.http().get('/api/jobs/failed').auth(counsellor, { type: 'bearer' }).expect(403);
      for (const username of ['security', 'auditor']) {
        const { token } = await t.login(username);
        await t.http().get('/api/jobs/failed').auth(token, { type: 'bearer' }).expect(403);
        await t.http().post(`/api/jobs/failed/${jobId}/retry`).auth(token, { type: 'bearer' }).expect(403);
      }
      await t.http().post(`/api/jobs/failed/${jobId}/retry`).expect(401);
      await t.http().post(`/api/jobs/failed/${jobId}/retry`).auth(counsellor, { type: 'bearer' }).expect(403);
      await t.http().post(`/api/jobs/failed/${randomUUID()}/retry`).auth(admin, { type: 'bearer' }).expect(404);
      await t.http().post(`/api/jobs/failed/not-a-uuid/retry`).auth(admin, { type: 'bearer' }).expect(400);
      await t.http().get('/api/jobs/failed?pageSize=1000').auth(admin, { type: 'bearer' }).expect(400);
    });

    it('a retry gives it one more attempt, which now succeeds; it leaves the list and the audit log says who', async () => {
      failing = false;
      await t.http().post(`/api/jobs/failed/${jobId}/retry`).auth(admin, { type: 'bearer' }).expect(204);
      await until('the retried delivery', async () => {
        const [job] = await t.sql<{ state: string }>(`SELECT state FROM pgboss.job WHERE id = $1`, [jobId]);
        return job?.state === 'completed';
      });
      expect(attempts).toHaveLength(4);
      const list = await t.http().get('/api/jobs/failed').auth(admin, { type: 'bearer' }).expect(200);
      expect((list.body.items as { id: string }[]).map((i) => i.id)).not.toContain(jobId);
      // Not failed any more: nothing to retry.
      await t.http().post(`/api/jobs/failed/${jobId}/retry`).auth(admin, { type: 'bearer' }).expect(404);
      const audit = await t.sql<{ actor_username: string; detail: { queue: string } }>(
        `SELECT actor_username, detail FROM audit_log WHERE action = 'job.retry' AND subject_id = $1`,
        [jobId],
      );
      expect(audit).toEqual([{ actor_username: 'admin', detail: { queue: 'notification-delivery' } }]);
    });
  });
});
