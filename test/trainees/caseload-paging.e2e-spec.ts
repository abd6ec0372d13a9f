import pg from 'pg';
import { COUNT_CAP } from '../../server/src/common/dto/page.dto';
import { daysFrom, newHandover, newOrganisation, newTrainee, newUser, userIdOf } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * The caseload's paging (issue 17): one statement per page, keyset cursors that walk the same rows as
 * page numbers, cursors that are checked and cannot widen the caller's scope, and the capped total.
 */
describe('caseload paging', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  /**
   * `n` trainees of `organisationId` in one statement, with many equal names and dates so the id has
   * to break ties. `tag` keeps their identity hashes apart from other calls'.
   */
  const seed = (organisationId: string, n: number, tag: string) =>
    t.sql(
      `INSERT INTO trainee (full_name, sex, birth_year, identity_number_cipher, identity_number_hash, identity_number_tail,
         home_division_code, organisation_id, state, admitted_on, expected_release_on, job_matching_consent)
       SELECT '排序' || (i % 4), 'M', 1990, decode(md5($3 || i), 'hex'), md5($3 || 'a' || i) || md5($3 || 'b' || i),
              lpad((i % 10000)::text, 4, '0'), '460100', $1, CASE WHEN i % 3 = 0 THEN 'pre_release' ELSE 'admitted' END,
              current_date - 300 - (i % 5), current_date + 10 + (i % 3), i % 2 = 0
         FROM generate_series(1, $2::int) AS i`,
      [organisationId, n, tag],
    );

  /** A facility with its own counsellor and `n` trainees; also one trainee another facility is handing over to it. */
  const facilityWith = async (n: number) => {
    const organisationId = await newOrganisation(t);
    const { username } = await newUser(t, { organisationId });
    await seed(organisationId, n, username);
    const from = await newOrganisation(t);
    const incoming = await newTrainee(t, { organisationId: from, fullName: '排序2', expectedReleaseOn: daysFrom(11) });
    await newHandover(t, {
      traineeId: incoming,
      fromOrganisationId: from,
      toOrganisationId: organisationId,
      releaseDate: daysFrom(11),
      createdBy: await userIdOf(t, 'admin'),
      state: 'sent',
    });
    const { token } = await t.login(username);
    return { organisationId, token, incoming };
  };

  const list = (token: string, query: Record<string, string | number>) =>
    t.http().get('/api/trainees').query(query).set('authorization', `Bearer ${token}`);

  /** Every id of the caseload by following nextCursor from the first page. */
  const walkByCursor = async (token: string, query: Record<string, string | number>) => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await list(
        token,
        after ? { ...query, after } : query,
      ).expect(200);
      ids.push(...res.body.items.map((r) => r.id));
      after = res.body.nextCursor;
      if (!after) return ids;
    }
    throw new Error('the cursor walk did not end');
  };

  /** Every id of the caseload by page number. */
  const walkByPage = async (token: string, query: Record<string, string | number>) => {
    const ids: string[] = [];
    for (let page = 1; page < 100; page++) {
      const res = await list(token, { ...query, page }).expect(200);
      ids.push(...res.body.items.map((r: { id: string }) => r.id));
      if (res.body.items.length < Number(query.pageSize)) return ids;
    }
    throw new Error('the page walk did not end');
  };

  it('sends one statement per page, whose count and page both come from it', async () => {
    const { token } = await facilityWith(12);
    const statements: string[] = [];
    // The app runs in this process: every statement it sends goes through pg's Client#query.
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
      if (text && /\btrainee t\b/.test(text)) statements.push(text);
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    try {
      const first = await list(token, { pageSize: 5 }).expect(200);
      expect(statements).toHaveLength(1);
      await list(token, { pageSize: 5, after: first.body.nextCursor }).expect(200);
      await list(token, { pageSize: 5, page: 3, sort: 'name', q: '排序' }).expect(200);
    } finally {
      pg.Client.prototype.query = query;
    }
    expect(statements).toHaveLength(3);
  });

  it('walks every row once, in the order page numbers give, for each sort and order', async () => {
    const { token, incoming } = await facilityWith(23);
    for (const sort of ['expectedRelease', 'name', 'admitted', 'state']) {
      for (const order of ['asc', 'desc']) {
        const query = { sort, order, pageSize: 5 };
        const byCursor = await walkByCursor(token, query);
        const byPage = await walkByPage(token, query);
        expect({ sort, order, ids: byCursor }).toEqual({ sort, order, ids: byPage });
        expect(new Set(byCursor).size).toBe(24);
        expect(byCursor).toContain(incoming);
      }
    }
    // With a filter too: the cursor carries on inside it.
    const filtered = { state: 'pre_release', sort: 'name', pageSize: 3 };
    expect(await walkByCursor(token, filtered)).toEqual(await walkByPage(token, filtered));
  });

  it('answers nextCursor null on the last page, and an exact total under the cap', async () => {
    const { token } = await facilityWith(4);
    const res = await list(token, { pageSize: 5 }).expect(200);
    expect(res.body).toMatchObject({ total: 5, totalCapped: false, nextCursor: null });
    expect(res.body.items).toHaveLength(5);
  });

  it('refuses a cursor it did not make with 400 PAGE_CURSOR_INVALID', async () => {
    const { token } = await facilityWith(6);
    const first = await list(token, { pageSize: 2, sort: 'name' }).expect(200);
    const good: string = first.body.nextCursor;
    const [tag, name, id] = JSON.parse(Buffer.from(good, 'base64url').toString('utf8')) as string[];
    const forge = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
    const bad = [
      'garbage',
      good.slice(0, -3),
      forge([tag, name]),
      forge([tag, name, 'not-a-uuid']),
      forge([tag, 42, id]),
      forge({ tag, name, id }),
    ];
    for (const after of bad) {
      const res = await list(token, { pageSize: 2, sort: 'name', after });
      expect({ after, status: res.status, code: res.body.code }).toEqual({ after, status: 400, code: 'PAGE_CURSOR_INVALID' });
    }
    // A cursor of one sort is not read as another's (a name is no date).
    const release = await list(token, { pageSize: 2, sort: 'expectedRelease', after: good });
    expect([release.status, release.body.code]).toEqual([400, 'PAGE_CURSOR_INVALID']);
    const dates = await list(token, { pageSize: 2, sort: 'expectedRelease' }).expect(200);
    for (const date of ['2026-02-30', '0000-01-01', '2026-1-1']) {
      const [dTag, , dId] = JSON.parse(Buffer.from(dates.body.nextCursor, 'base64url').toString('utf8')) as string[];
      const res = await list(token, { pageSize: 2, sort: 'expectedRelease', after: forge([dTag, date, dId]) });
      expect({ date, status: res.status, code: res.body.code }).toEqual({ date, status: 400, code: 'PAGE_CURSOR_INVALID' });
    }
  });

  it("does not reach another organisation's trainees with its cursor", async () => {
    const a = await facilityWith(9);
    const b = await facilityWith(7);
    const fromA = await list(a.token, { pageSize: 3, sort: 'name' }).expect(200);
    const aIds = new Set((await walkByPage(a.token, { sort: 'name', pageSize: 50 })).filter((id) => id !== a.incoming));
    const bIds = new Set(await walkByPage(b.token, { sort: 'name', pageSize: 50 }));
    // B follows A's cursor: the position is only a place in the order, the scope is still B's.
    const res = await list(b.token, { pageSize: 50, sort: 'name', after: fromA.body.nextCursor }).expect(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const item of res.body.items as { id: string; organisationId: string }[]) {
      expect(bIds.has(item.id)).toBe(true);
      expect(aIds.has(item.id)).toBe(false);
    }
  });

  it('caps the total past COUNT_CAP and says so', async () => {
    const organisationId = await newOrganisation(t);
    const { username } = await newUser(t, { organisationId });
    await seed(organisationId, COUNT_CAP + 5, username);
    const { token } = await t.login(username);
    const all = await list(token, { pageSize: 20 }).expect(200);
    expect(all.body).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(all.body.items).toHaveLength(20);
    expect(typeof all.body.nextCursor).toBe('string');
    // A narrower filter is counted exactly again: every third is in pre-release.
    const narrow = await list(token, { pageSize: 20, state: 'pre_release' }).expect(200);
    expect(narrow.body).toMatchObject({ total: Math.floor((COUNT_CAP + 5) / 3), totalCapped: false });
  });
});
