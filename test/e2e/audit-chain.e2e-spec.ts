import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { HousekeepingService } from '../../server/src/housekeeping/housekeeping.service';
import { verifyAuditChain } from '../../server/src/ops/audit-verify-run';
import { createTestApp, createTestDatabase, type TestApp } from '../utils/test-app';

/** Runs SQL as the owner/superuser of a database (what an attacker with the DBA's password could do). */
async function asOwner<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** A superuser edits an entry behind the append-only trigger's back. */
const tamper = (url: string, sql: string) =>
  asOwner(url, async (c) => {
    await c.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    try {
      await c.query(sql);
    } finally {
      await c.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    }
  });

describe('tamper-evident audit trail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe("the app's own database connection", () => {
    const appQuery = (sql: string) => t.app.get(DataSource).query(sql);

    it('is not the owner: it can add audit entries but not change, delete or hide them', async () => {
      const [{ role }] = (await appQuery('SELECT current_user AS role')) as [{ role: string }];
      expect(role).toBe('jbh_test_app');
      await appQuery(`INSERT INTO audit_log (action, result) VALUES ('test.app_insert', 'success')`);
      for (const sql of [
        `UPDATE audit_log SET action = 'test.rewritten' WHERE action = 'test.app_insert'`,
        `DELETE FROM audit_log WHERE action = 'test.app_insert'`,
        'TRUNCATE audit_log',
        'SET session_replication_role = replica',
        'ALTER TABLE audit_log DISABLE TRIGGER USER',
        'UPDATE audit_chain_head SET seq = 0',
        `SELECT set_config('jbh.audit_prune', 'on', false); DELETE FROM audit_log WHERE action = 'test.app_insert'`,
      ]) {
        await expect(appQuery(sql)).rejects.toThrow(/permission denied|must be owner|append-only|not allowed/i);
      }
      const [{ n }] = (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.app_insert'`)) as [
        { n: number },
      ];
      expect(n).toBe(1);
    });

    it('chains every entry, also under concurrent writers', async () => {
      const before = await verifyAuditChain(t.databaseUrl);
      await Promise.all(
        Array.from({ length: 30 }, () => t.http().post('/api/auth/login').send({ username: 'counsellor', password: 'Demo#2026' })),
      );
      const after = await verifyAuditChain(t.databaseUrl);
      expect(after.firstBreak).toBeUndefined();
      expect(after.ok).toBe(true);
      expect(BigInt(after.head.seq) - BigInt(before.head.seq)).toBeGreaterThanOrEqual(30n);
      const gaps = await t.sql(
        `SELECT chain_seq FROM audit_log a WHERE chain_seq > 1 AND NOT EXISTS (SELECT 1 FROM audit_log b WHERE b.chain_seq = a.chain_seq - 1)`,
      );
      expect(gaps).toEqual([]);
    });
  });

  describe('audit:verify finds what a superuser changed', () => {
    let db: { url: string; drop: () => Promise<void> };
    beforeEach(async () => {
      db = await createTestDatabase(t.config);
      // A dozen entries, chained by the insert trigger as the app's would be.
      await asOwner(db.url, (c) =>
        c.query(
          `INSERT INTO audit_log (action, result, actor_username) SELECT 'test.entry', 'success', 'user' || g FROM generate_series(1, 12) g`,
        ),
      );
    });
    afterEach(() => db.drop());

    it('an intact chain verifies and prints its head', async () => {
      const r = await verifyAuditChain(db.url);
      expect(r).toMatchObject({ ok: true, anchor: { seq: '0' } });
      expect(r.checked).toBeGreaterThan(0);
      expect(r.head.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('an altered entry is the first broken link', async () => {
      await tamper(db.url, `UPDATE audit_log SET actor_username = 'someone-else' WHERE chain_seq = 3`);
      expect((await verifyAuditChain(db.url)).firstBreak).toEqual({ seq: '3', why: 'altered' });
    });

    it('a deleted entry breaks the link after it; deleted last entries break the head', async () => {
      await tamper(db.url, 'DELETE FROM audit_log WHERE chain_seq = 5');
      expect((await verifyAuditChain(db.url)).firstBreak).toEqual({ seq: '6', why: 'missing-or-reordered' });
      const other = await createTestDatabase(t.config);
      try {
        await tamper(other.url, 'DELETE FROM audit_log WHERE chain_seq = (SELECT max(chain_seq) FROM audit_log)');
        expect((await verifyAuditChain(other.url)).firstBreak?.why).toBe('missing-or-reordered');
      } finally {
        await other.drop();
      }
    });

    it('a chain rewritten from an entry on (hashes recomputed) is caught by the head recorded earlier', async () => {
      const recorded = (await verifyAuditChain(db.url)).head;
      await asOwner(db.url, async (c) => {
        await c.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
        await c.query(`UPDATE audit_log SET actor_username = 'someone-else' WHERE chain_seq = 2`);
        await c.query(`DO $$ DECLARE r audit_log; prev bytea; BEGIN
          SELECT hash INTO prev FROM audit_log WHERE chain_seq = 1;
          FOR r IN SELECT * FROM audit_log WHERE chain_seq >= 2 ORDER BY chain_seq LOOP
            r.prev_hash := prev; prev := sha256(prev || audit_log_canonical(r));
            UPDATE audit_log SET prev_hash = r.prev_hash, hash = prev WHERE id = r.id;
          END LOOP;
          UPDATE audit_chain_head SET hash = prev; END $$`);
        await c.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
      });
      const rewritten = await verifyAuditChain(db.url);
      expect(rewritten.firstBreak).toBeUndefined(); // consistent in itself…
      const checked = await verifyAuditChain(db.url, recorded);
      expect(checked.ok).toBe(false); // …but not the chain whose head was written down
      expect(checked.expected?.found).not.toBe(recorded.hash);
    });
  });

  describe('retention: export, then prune from the start of the chain', () => {
    /** A chain of at least `n` entries: each sign-in writes one. */
    const chainOfAtLeast = async (n: number) => {
      for (let i = 0; i < n; i++)
        await t.http().post('/api/auth/login').send({ username: 'counsellor', password: 'Demo#2026' }).expect(200);
    };

    it('archives and deletes entries past retention, keeps the chain verifiable, and never deletes a young entry', async () => {
      await chainOfAtLeast(5);
      // Age the first entries of the chain (as a superuser would have to: the app cannot).
      await tamper(t.databaseUrl, `UPDATE audit_log SET occurred_at = now() - interval '2000 days' WHERE chain_seq <= 4`);
      const dataDir = mkdtempSync(join(tmpdir(), 'jbh-audit-'));
      Object.assign(t.config, { dataDir });

      const outcome = await t.app.get(HousekeepingService).run();
      expect(outcome.auditEntriesDeleted).toBe(4); // entry 5 is young: the prefix ends there
      const left = await t.sql<{ min: string }>('SELECT min(chain_seq)::text AS min FROM audit_log');
      expect(left[0]!.min).toBe('5');

      const files = readdirSync(join(dataDir, 'audit-archive'));
      expect(files).toEqual(['audit-000000000001-000000000004.jsonl.gz']);
      const archived = gunzipSync(readFileSync(join(dataDir, 'audit-archive', files[0]!)))
        .toString('utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { chain_seq: string; hash: string });
      expect(archived.map((r) => r.chain_seq)).toEqual(['1', '2', '3', '4']);

      // The chain now starts at the anchor the prune recorded (entry 4's hash) and still verifies.
      const r = await verifyAuditChain(t.databaseUrl);
      expect(r.anchor).toEqual({ seq: '4', hash: archived[3]!.hash });
      expect(r.ok).toBe(true);
      // The app's role may call the prune function, but it deletes nothing younger than 180 days.
      const [{ deleted }] = await t.app.get(DataSource).query<[{ deleted: number }]>('SELECT audit_log_prune(1000000, 0) AS deleted');
      expect(deleted).toBe(0);
      expect(existsSync(join(dataDir, 'audit-archive'))).toBe(true);
    });
  });
});
