import { DataSource } from 'typeorm';
import { Clock } from '../../server/src/common/clock';
import { COUNT_CAP, encodeCursor } from '../../server/src/common/dto/page.dto';
import { newFollowUpVisit, newTrainee, organisationOf, userIdOf } from '../factories';
import { createTestApp, TEST_APP_ROLE, type TestApp } from '../utils/test-app';

/**
 * Issue 17, "one round trip per page": every paged list answers its page and its total with one SQL
 * statement (besides the session check every signed-in request makes), the totals are right — also
 * on an empty page past the end —, the long lists page by keyset, and their counts stop at COUNT_CAP.
 */

type Body = {
  items: Record<string, unknown>[];
  total: number;
  page: number;
  pageSize: number;
  totalCapped?: boolean;
  nextCursor?: string | null;
};

/** The session check (SessionsRepository.isLive): one per signed-in request, not the list's. */
const SESSION_CHECK = /^SELECT 1 FROM app_user u\s+WHERE u\.id = \$1 AND u\.role = \$2/;
/** An employer's standing (verified or not), checked on every employer request before any route: not the list's either. */
const EMPLOYER_STANDING = /^SELECT status = 'verified' AS verified FROM organisation WHERE id = \$1 AND type = 'employer'$/;

describe('lists: one statement per page, right totals, keyset and capped counts', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  /** SQL the app sent (as its own role) while `recording`. */
  let sent: string[] = [];
  let recording = false;
  let restore: () => void;
  let today: string;

  const get = (path: string, who?: string) => {
    const req = t.http().get(path);
    return who ? req.auth(tokens[who]!, { type: 'bearer' }) : req;
  };

  /** The statements a request sends, without the session check. */
  async function statementsOf(path: string, who?: string): Promise<{ body: Body; sql: string[] }> {
    sent = [];
    recording = true;
    let body: Body;
    try {
      body = (await get(path, who).expect(200)).body as Body;
    } finally {
      recording = false;
    }
    return { body, sql: sent.filter((s) => !SESSION_CHECK.test(s.trim()) && !EMPLOYER_STANDING.test(s.trim())) };
  }

  const count = async (sql: string, params: unknown[] = []) => Number((await t.sql<{ n: string }>(sql, params))[0]!.n);

  beforeAll(async () => {
    t = await createTestApp();
    for (const who of ['admin', 'auditor', 'counsellor', 'station', 'employer', 'trainee']) tokens[who] = (await t.login(who)).token;
    today = t.app.get(Clock).today();
    // Count at the driver: every statement TypeORM sends goes through pg's Client#query.
    const pg = (t.app.get(DataSource).driver as unknown as { postgres: { Client: { prototype: { query: (...a: unknown[]) => unknown } } } })
      .postgres;
    const proto = pg.Client.prototype;
    const original = proto.query;
    proto.query = function (this: { connectionParameters?: { user?: string } }, config: unknown, ...rest: unknown[]) {
      if (recording && this.connectionParameters?.user === TEST_APP_ROLE) {
        sent.push(typeof config === 'string' ? config : String((config as { text?: string }).text));
      }
      return original.call(this, config, ...rest);
    };
    restore = () => (proto.query = original);

    // Follow-up visits with ties on the sort keys (same due date, same visit date, no visit date).
    const facility = await organisationOf(t, 'counsellor');
    const stationId = await organisationOf(t, 'station');
    for (let i = 0; i < 9; i++) {
      const traineeId = await newTrainee(t, { organisationId: facility });
      for (const [m, state] of [
        [1, 'done'],
        [2, i % 3 === 0 ? 'missed' : 'done'],
        [3, 'planned'],
      ] as const) {
        await newFollowUpVisit(t, { traineeId, stationId, monthsAfter: m, dueOn: `2026-0${1 + (i % 4)}-1${m}`, state });
      }
    }
    // Notices for the counsellor, several at the same instant.
    const counsellorId = await userIdOf(t, 'counsellor');
    await t.sql(
      `INSERT INTO notification (user_id, kind, title_zh, title_en, dedupe_key, created_at, read_at)
       SELECT $1, 'test.list', '测试' || g, 'Test ' || g, 'test-list-' || g, timestamptz '2026-11-01 08:00:00+00' + (g / 4) * interval '1 minute',
              CASE WHEN g % 3 = 0 THEN now() END
         FROM generate_series(1, 37) g`,
      [counsellorId],
    );
  });
  afterAll(async () => {
    restore?.();
    await t.close();
  });

  /** Every list this issue changed, with the caller that may read it. */
  const LISTS: [name: string, path: string, who: string | undefined][] = [
    ['users', '/api/users', 'admin'],
    ['audit log', '/api/audit', 'auditor'],
    ['occupations', '/api/reference/occupations', undefined],
    ['organisations', '/api/organisations', 'admin'],
    ['orders', '/api/orders', 'admin'],
    ['orders (employer)', '/api/orders', 'employer'],
    ['handovers', '/api/handovers', 'admin'],
    ['placements', '/api/placements', 'admin'],
    ['placements (trainee)', '/api/placements', 'trainee'],
    ['follow-up visits', '/api/follow-ups?view=all', 'admin'],
    ['notifications', '/api/notifications', 'counsellor'],
    ['failed jobs', '/api/jobs/failed', 'admin'],
  ];

  describe('one statement for the page and its total', () => {
    it.each(LISTS)('%s', async (_name, path, who) => {
      // Two a page, so the page is full: TypeORM's getManyAndCount skipped its COUNT on a first page that was not.
      const { body, sql } = await statementsOf(`${path}${path.includes('?') ? '&' : '?'}pageSize=2`, who);
      expect(body.items.length).toBeLessThanOrEqual(2);
      const reads = sql.filter((s) => !/^\s*INSERT INTO "?audit_log"?/i.test(s));
      // A list of visits names people: who asked is audited (a write, not part of reading the page).
      const writes = sql.filter((s) => /^\s*INSERT INTO "?audit_log"?/i.test(s));
      expect({ reads: reads.length, sql: reads }).toEqual({ reads: 1, sql: [expect.stringMatching(/^\s*WITH page AS/)] });
      expect(writes.length).toBe(path.startsWith('/api/follow-ups') ? 1 : 0);
    });

    it('also on an empty page past the end', async () => {
      const { body, sql } = await statementsOf('/api/organisations?page=500&pageSize=100', 'admin');
      expect(body.items).toEqual([]);
      expect(sql).toHaveLength(1);
    });
  });

  describe('totals equal a plain COUNT(*), also on an empty page past the end', () => {
    const cases: [path: string, who: string | undefined, sql: string, params?: () => unknown[]][] = [
      ['/api/users?role=counsellor', 'admin', `SELECT count(*) AS n FROM app_user WHERE role = 'counsellor'`],
      [
        `/api/users?q=${encodeURIComponent('指导')}`,
        'admin',
        `SELECT count(*) AS n FROM app_user WHERE display_name ILIKE '%指导%' OR username ILIKE '%指导%'`,
      ],
      ['/api/organisations?type=employer', 'admin', `SELECT count(*) AS n FROM organisation WHERE type = 'employer'`],
      [
        '/api/organisations?type=employer&status=verified',
        'admin',
        `SELECT count(*) AS n FROM organisation WHERE type = 'employer' AND status = 'verified'`,
      ],
      ['/api/reference/occupations', undefined, `SELECT count(*) AS n FROM occupation`],
      [
        `/api/reference/occupations?q=${encodeURIComponent('工')}`,
        undefined,
        `SELECT count(*) AS n FROM occupation WHERE code LIKE '工%' OR name LIKE '%工%' OR minor_name LIKE '%工%'`,
      ],
      ['/api/orders', 'admin', `SELECT count(*) AS n FROM job_order`],
      ['/api/orders?state=open', 'admin', `SELECT count(*) AS n FROM job_order WHERE state = 'open'`],
      // A sealed person (the demo has one) is in no list: row-level security on `trainee` hides their rows.
      [
        '/api/handovers',
        'admin',
        `SELECT count(*) AS n FROM handover WHERE trainee_id IN (SELECT id FROM trainee WHERE sealed_at IS NULL)`,
      ],
      [
        '/api/placements',
        'admin',
        `SELECT count(*) AS n FROM placement WHERE trainee_id IN (SELECT id FROM trainee WHERE sealed_at IS NULL)`,
      ],
      [
        '/api/placements?state=hired',
        'admin',
        `SELECT count(*) AS n FROM placement WHERE state = 'hired' AND trainee_id IN (SELECT id FROM trainee WHERE sealed_at IS NULL)`,
      ],
      [
        '/api/follow-ups?view=all',
        'admin',
        `SELECT count(*) AS n FROM follow_up_visit WHERE trainee_id IN (SELECT id FROM trainee WHERE sealed_at IS NULL)`,
      ],
      [
        '/api/follow-ups?view=done',
        'admin',
        `SELECT count(*) AS n FROM follow_up_visit WHERE state <> 'planned' AND trainee_id IN (SELECT id FROM trainee WHERE sealed_at IS NULL)`,
      ],
      [
        '/api/follow-ups?view=due',
        'admin',
        `SELECT count(*) AS n FROM follow_up_visit WHERE state = 'planned' AND due_on <= $1::date AND trainee_id IN (SELECT id FROM trainee WHERE sealed_at IS NULL)`,
        () => [today],
      ],
      [
        '/api/notifications',
        'counsellor',
        `SELECT count(*) AS n FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.username = 'counsellor'`,
      ],
      ['/api/audit?action=auth.login', 'auditor', `SELECT count(*) AS n FROM audit_log WHERE action LIKE 'auth.login%'`],
      ['/api/jobs/failed', 'admin', `SELECT count(*) AS n FROM pgboss.job WHERE state = 'failed' AND name NOT LIKE '\\_\\_pgboss\\_\\_%'`],
    ];
    // Rows padded to four: jest reads a test function with more parameters than the row as taking `done`.
    it.each(cases.map(([path, who, sql, params]) => [path, who, sql, params ?? (() => [])] as const))(
      '%s',
      async (path, who, sql, params) => {
        const expected = await count(sql, params());
        const sep = path.includes('?') ? '&' : '?';
        const first = (await get(`${path}${sep}pageSize=5`, who).expect(200)).body as Body;
        expect(first.total).toBe(expected);
        expect(first.items.length).toBe(Math.min(5, expected));
        const beyond = (await get(`${path}${sep}page=${Math.ceil(expected / 5) + 3}&pageSize=5`, who).expect(200)).body as Body;
        expect(beyond).toMatchObject({ items: [], total: expected });
        if (expected > 0) expect(expected).toBeGreaterThanOrEqual(1); // the case is not vacuous when there are rows
      },
    );

    it('the filters above are not all empty', async () => {
      expect(await count(`SELECT count(*) AS n FROM follow_up_visit WHERE state <> 'planned'`)).toBeGreaterThan(10);
      expect(await count(`SELECT count(*) AS n FROM organisation WHERE type = 'employer'`)).toBeGreaterThan(0);
    });
  });

  describe('keyset: walking by `after` gives every row once, in the order offset paging gives', () => {
    /** Every id, page by page through `nextCursor`. */
    async function walk(path: string, who: string, pageSize: number): Promise<string[]> {
      const ids: string[] = [];
      let after: string | null | undefined;
      for (let n = 0; n < 500; n++) {
        const sep = path.includes('?') ? '&' : '?';
        const url = `${path}${sep}pageSize=${pageSize}${after ? `&after=${after}` : ''}`;
        const body = (await get(url, who).expect(200)).body as Body;
        ids.push(...body.items.map((i) => i.id as string));
        after = body.nextCursor;
        if (!after) {
          expect(body.nextCursor).toBeNull();
          return ids;
        }
        expect(body.items).toHaveLength(pageSize);
      }
      throw new Error('the walk did not end');
    }
    async function byOffset(path: string, who: string, pageSize: number): Promise<string[]> {
      const ids: string[] = [];
      const sep = path.includes('?') ? '&' : '?';
      for (let page = 1; ; page++) {
        const body = (await get(`${path}${sep}pageSize=${pageSize}&page=${page}`, who).expect(200)).body as Body;
        ids.push(...body.items.map((i) => i.id as string));
        if (body.items.length < pageSize) return ids;
      }
    }

    it.each([
      ['/api/follow-ups?view=all', 'admin', 4],
      ['/api/follow-ups?view=done', 'admin', 4],
      ['/api/follow-ups?view=upcoming', 'admin', 3],
      ['/api/notifications', 'counsellor', 5],
      ['/api/audit?action=auth.login', 'auditor', 3],
    ])('%s', async (path, who, pageSize) => {
      const keyset = await walk(path, who, pageSize);
      const offset = await byOffset(path, who, pageSize);
      expect(keyset.length).toBeGreaterThan(pageSize);
      expect(new Set(keyset).size).toBe(keyset.length);
      expect(keyset).toEqual(offset);
    });

    it('the done view puts visits without a date last, and walks past them', async () => {
      const all = await walk('/api/follow-ups?view=done', 'admin', 2);
      const dates = await t.sql<{ id: string; visited_on: string | null }>(
        `SELECT id, visited_on::text FROM follow_up_visit WHERE id = ANY($1::uuid[])`,
        [all],
      );
      const dateOf = new Map(dates.map((d) => [d.id, d.visited_on]));
      const seq = all.map((id) => dateOf.get(id) ?? null);
      expect(seq.some((d) => d === null)).toBe(true);
      const firstNull = seq.indexOf(null);
      expect(seq.slice(firstNull).every((d) => d === null)).toBe(true);
      expect(seq.slice(0, firstNull)).toEqual([...seq.slice(0, firstNull)].sort().reverse());
    });

    const bad = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
    it.each([
      ['not base64 JSON', 'garbage'],
      ['JSON, not a list', bad({ a: 1 })],
      ['wrong length', bad(['2026-01-01T00:00:00.000000'])],
      ['not a date', bad(['yesterday', '1'])],
      ['a date that does not exist', bad(['2026-02-30T10:00:00.000000', '1'])],
      ['an hour that does not exist', bad(['2026-02-03T24:00:00.000000', '1'])],
      ['an id out of range', bad(['2026-01-01T00:00:00.000000', '99999999999999999999'])],
      ['an id that is not a number', bad(['2026-01-01T00:00:00.000000', "1' OR 1=1"])],
      ['a number where a string goes', bad([1, 2])],
    ])('a tampered `after` on the audit log is a 400, never a 500: %s', async (_why, after) => {
      const res = await get(`/api/audit?after=${after}`, 'auditor');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('PAGE_CURSOR_INVALID');
    });

    it.each([
      ['/api/follow-ups?view=due', bad(['2026-13-01', '00000000-0000-0000-0000-000000000000']), 'admin'],
      ['/api/follow-ups?view=due', bad(['2026-01-01', 'not-a-uuid']), 'admin'],
      ['/api/follow-ups?view=due', bad([null, '00000000-0000-0000-0000-000000000000']), 'admin'],
      ['/api/follow-ups?view=done', bad(['2026-01-01T00:00:00.000000', '00000000-0000-0000-0000-000000000000']), 'admin'],
      ['/api/notifications', bad(['2026-01-01T00:00:00.000000', '1']), 'counsellor'],
      ['/api/notifications', encodeCursor(['2026-01-01T00:00:00.000000']), 'counsellor'],
    ])('a tampered `after` is a 400 PAGE_CURSOR_INVALID: %s %s', async (path, after, who) => {
      const res = await get(`${path}${path.includes('?') ? '&' : '?'}after=${after}`, who);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('PAGE_CURSOR_INVALID');
    });

    it('an `after` with characters no cursor has is refused by validation (400)', async () => {
      const res = await get('/api/audit?after=a%2Bb%2F', 'auditor');
      expect(res.status).toBe(400);
    });

    it('a well-formed cursor of a row that is gone still pages (from where that row was)', async () => {
      const res = await get(
        `/api/follow-ups?view=all&after=${encodeCursor(['2026-02-12', 'ffffffff-ffff-ffff-ffff-ffffffffffff'])}`,
        'admin',
      );
      expect(res.status).toBe(200);
      for (const item of (res.body as Body).items) expect(String(item.dueOn) >= '2026-02-12').toBe(true);
    });
  });

  describe('capped counts', () => {
    it(`past COUNT_CAP matching entries the audit log says totalCapped and total = ${COUNT_CAP}`, async () => {
      await t.sql(
        `INSERT INTO audit_log (action, result, detail, occurred_at)
         SELECT 'test.bulk', 'success', jsonb_build_object('n', g), now() - g * interval '1 second' FROM generate_series(1, $1::int) g`,
        [COUNT_CAP + 5],
      );
      const capped = (await get('/api/audit?action=test.bulk&pageSize=100', 'auditor').expect(200)).body as Body;
      expect(capped).toMatchObject({ total: COUNT_CAP, totalCapped: true });
      expect(capped.items).toHaveLength(100);
      expect(typeof capped.nextCursor).toBe('string');
      const all = (await get('/api/audit?pageSize=1', 'auditor').expect(200)).body as Body;
      expect(all).toMatchObject({ total: COUNT_CAP, totalCapped: true });
      // Deep pages still answer, and the next page by cursor follows on.
      const deep = (await get('/api/audit?action=test.bulk&pageSize=100&page=101', 'auditor').expect(200)).body as Body;
      expect(deep.items).toHaveLength(5);
      expect(deep.nextCursor).toBeNull();
      const next = (await get(`/api/audit?action=test.bulk&pageSize=100&after=${capped.nextCursor}`, 'auditor').expect(200)).body as Body;
      expect(next.items[0]!.detail).toEqual({ n: 101 });
    });

    it('under the cap the count is exact and not flagged', async () => {
      const body = (await get('/api/audit?action=auth.login', 'auditor').expect(200)).body as Body;
      expect(body.totalCapped).toBe(false);
      expect(body.total).toBe(await count(`SELECT count(*) AS n FROM audit_log WHERE action LIKE 'auth.login%'`));
    });
  });
});
