import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { unverifiedEmployerMayCall } from '../../server/src/access/policies/employers.policy';
import { Clock } from '../../server/src/common/clock';
import { MATRIX } from '../authz/matrix';
import { newBoothWithOrders, newNotification, newOrder, userIdOf } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

/** Staff's words on a booth: what must never reach an employer, its own booth included. */
const CANARY = 'CANARY 展位内部备注：该单位负责人曾有前科，需核实';

/** Every route an employer may call at all (the matrix's employer cells), as `METHOD /path`. */
const EMPLOYER_ROUTES = Object.entries(MATRIX)
  .filter(([, allowed]) => allowed !== 'public' && allowed.includes('employer'))
  .map(([route]) => route)
  .sort();

const split = (route: string) => {
  const [method, path] = route.split(' ') as [string, string];
  return { method: method.toLowerCase() as 'get', path };
};

/**
 * An employer whose organisation is not verified (the demo's `pending-employer`, 陵水椰林园林) reaches
 * its own account, notices and organisation record, and nothing else — walked over every employer
 * route of the authorization matrix, not a sample. Verification opens the rest at once. Booth notes
 * (staff text) reach no employer, verified or not, its own booth included.
 */
describe('a pending employer sees its own profile and status, nothing else', () => {
  let t: TestApp;
  let today: string;
  let pending: { token: string; organisationId: string };
  let admin: string;
  const ids: Record<string, string> = {};

  const bearer = (r: import('supertest').Test, token: string) => r.auth(token, { type: 'bearer' });

  /** Path parameters filled with real rows — another employer's, where one exists — so a leak would show. */
  const concrete = (path: string, own: Record<string, string>) =>
    path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (path.startsWith('/api/organisations/')) return own.organisation!;
      if (path.startsWith('/api/notifications/')) return own.notification ?? randomUUID();
      if (path.startsWith('/api/fairs/')) return ids.fair!;
      if (path.startsWith('/api/fair-booths/')) return own.booth ?? ids.boothA!;
      if (path.startsWith('/api/fair-slots/')) return ids.slotA!;
      if (name === 'placementId') return own.placement ?? ids.placementA!;
      if (path.startsWith('/api/orders/')) return own.order ?? ids.orderA!;
      return randomUUID();
    });

  /** A body each write would accept from a verified employer (so a refusal is the standing's, not validation's). */
  const bodies = (): Record<string, Record<string, unknown>> => ({
    'POST /api/auth/password': { currentPassword: 'not-the-password', newPassword: 'Another#2026x' },
    'POST /api/orders': {
      title: '园林绿化工',
      occupationCode: '4-03-02-01',
      headcount: 2,
      divisionCode: '469028',
      workplaceAddress: '陵水县椰林镇 1 号',
      startDate: addDays(today, 60),
      deadline: addDays(today, 30),
    },
    'PATCH /api/orders/{id}': { headcount: 3 },
    'POST /api/fairs/{id}/booths': { orderIds: [ids.orderA], note: '需要一张桌子' },
    'POST /api/fair-booths/{id}/slots': { startsAt: `${ids.fairDate}T14:00:00+08:00`, minutes: 20, count: 1 },
    'POST /api/fair-slots/{id}/invitation': { registrationId: ids.registration },
    'POST /api/fairs/{id}/intents': { registrationId: ids.registration, orderId: ids.orderA },
    'POST /api/orders/{orderId}/candidates/{placementId}/interview': {
      interviewAt: `${addDays(today, 3)}T10:00:00+08:00`,
      interviewPlace: '人事部',
    },
    'POST /api/orders/{orderId}/candidates/{placementId}/offer': { offeredWage: 5000 },
    'POST /api/orders/{orderId}/candidates/{placementId}/hire': { hiredOn: today },
    'POST /api/orders/{orderId}/candidates/{placementId}/end': { endedOn: today, reason: '合同期满' },
    'PUT /api/notifications/preferences': { mutedGroups: [] },
  });

  const call = (route: string, token: string, own: Record<string, string>): Promise<Response> => {
    const { method, path } = split(route);
    return bearer(t.http()[method](concrete(path, own)), token).send(bodies()[route] ?? {});
  };

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    const p = await t.login('pending-employer');
    pending = { token: p.token, organisationId: p.organisationId };
    admin = (await t.login('admin')).token;
    const one = async (sql: string, params: unknown[] = []) => {
      const [row] = await t.sql<{ id: string }>(sql, params);
      if (!row) throw new Error(`no demo row for: ${sql}`);
      return row.id;
    };
    const employerA = (await t.login('employer')).organisationId;
    const [fair] = await t.sql<{ id: string; fair_date: string }>(
      `SELECT id, fair_date::text FROM job_fair WHERE state = 'published' LIMIT 1`,
    );
    ids.fair = fair!.id;
    ids.fairDate = fair!.fair_date;
    ids.boothA = await one(`SELECT id FROM fair_booth WHERE fair_id = $1 AND employer_id = $2 AND state = 'approved'`, [
      ids.fair,
      employerA,
    ]);
    ids.slotA = await one(`SELECT id FROM fair_slot WHERE booth_id = $1 LIMIT 1`, [ids.boothA]);
    ids.registration = await one(`SELECT id FROM fair_registration WHERE fair_id = $1 LIMIT 1`, [ids.fair]);
    ids.orderA = await one(
      `SELECT bo.order_id AS id FROM fair_booth_order bo JOIN placement p ON p.order_id = bo.order_id
        WHERE bo.booth_id = $1 AND p.state <> 'suggested' LIMIT 1`,
      [ids.boothA],
    );
    ids.placementA = await one(`SELECT id FROM placement WHERE order_id = $1 AND state <> 'suggested' LIMIT 1`, [ids.orderA]);
    ids.notification = await newNotification(t, {
      userId: await userIdOf(t, 'pending-employer'),
      titleZh: '欢迎注册',
      titleEn: 'Welcome',
      dedupeKey: 'pending-employer-test',
    });
    // The staff-only text, on every booth (there is no form for it: the organisers' side of the row).
    await t.sql(`UPDATE fair_booth SET note = $1`, [CANARY]);
  });
  afterAll(() => t.close());

  it('the standing’s allow-list is the account, notices and the own organisation record, and every such route exists', () => {
    const allowed = EMPLOYER_ROUTES.filter((r) => unverifiedEmployerMayCall(split(r).method, split(r).path));
    expect(allowed).toEqual(
      expect.arrayContaining([
        'GET /api/auth/me',
        'POST /api/auth/password',
        'GET /api/organisations',
        'GET /api/organisations/{id}',
        'GET /api/notifications',
        'POST /api/notifications/{id}/read',
      ]),
    );
    for (const route of allowed) expect(route).toMatch(/^(GET|POST|PUT|DELETE) \/api\/(auth|notifications|organisations)(\/|$)/);
    expect(allowed.filter((r) => r.includes('/organisations')).every((r) => r.startsWith('GET '))).toBe(true);
  });

  it('every other employer route of the matrix answers 403 EMPLOYER_NOT_VERIFIED (or 404) and leaks nothing', async () => {
    const own = { organisation: pending.organisationId, notification: ids.notification! };
    const orgs = await t.sql<{ id: string; name: string; contact_phone: string | null }>(
      `SELECT id, name, contact_phone FROM organisation`,
    );
    const fairs = await t.sql<{ title: string }>(`SELECT title FROM job_fair`);
    const secrets = [
      CANARY,
      ...orgs.filter((o) => o.id !== pending.organisationId).flatMap((o) => (o.contact_phone ? [o.name, o.contact_phone] : [o.name])),
      ...fairs.map((f) => f.title),
    ];
    const orderCountBefore = await t.sql(`SELECT id FROM job_order WHERE employer_id = $1`, [pending.organisationId]);
    const problems: string[] = [];
    let refused = 0;
    for (const route of EMPLOYER_ROUTES) {
      const res = await call(route, pending.token, own);
      const text = JSON.stringify(res.body ?? '') + (res.text ?? '');
      for (const s of secrets) if (text.includes(s)) problems.push(`${route}: says “${s}”`);
      const { method, path } = split(route);
      if (unverifiedEmployerMayCall(method, path)) {
        if (res.status >= 500 || res.body?.code === 'EMPLOYER_NOT_VERIFIED') problems.push(`${route}: ${res.status} ${res.body?.code}`);
        continue;
      }
      refused++;
      if (res.status !== 403 && res.status !== 404) problems.push(`${route}: answered ${res.status}`);
      if (res.status === 403 && res.body?.code !== 'EMPLOYER_NOT_VERIFIED') problems.push(`${route}: 403 ${res.body?.code}`);
    }
    expect(problems).toEqual([]);
    // Orders, candidates, fulfilment, fairs, booths, slots, intents: not a token sample.
    expect(refused).toBeGreaterThan(20);
    // Nothing was written: no draft order, no booth application.
    expect(await t.sql(`SELECT id FROM job_order WHERE employer_id = $1`, [pending.organisationId])).toEqual(orderCountBefore);
    expect(await t.sql(`SELECT id FROM fair_booth WHERE employer_id = $1`, [pending.organisationId])).toEqual([]);
  });

  it('reads its own record and status, and sees no other organisation', async () => {
    const me = await bearer(t.http().get('/api/auth/me'), pending.token).expect(200);
    expect(me.body.organisationId).toBe(pending.organisationId);
    const list = await bearer(t.http().get('/api/organisations?pageSize=100'), pending.token).expect(200);
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([pending.organisationId]);
    const org = await bearer(t.http().get(`/api/organisations/${pending.organisationId}`), pending.token).expect(200);
    expect(org.body).toMatchObject({ status: 'pending', type: 'employer', name: '陵水椰林园林绿化有限公司' });
    const [other] = await t.sql<{ id: string }>(`SELECT organisation_id AS id FROM app_user WHERE username = 'employer'`);
    await bearer(t.http().get(`/api/organisations/${other!.id}`), pending.token).expect(404);
    await bearer(t.http().get('/api/notifications'), pending.token).expect(200);
  });

  it('a draft order is refused; the refusal says why, before any validation sees the body', async () => {
    const refused = await bearer(t.http().post('/api/orders'), pending.token).send(bodies()['POST /api/orders']).expect(403);
    expect(refused.body).toMatchObject({ code: 'EMPLOYER_NOT_VERIFIED', message: expect.stringContaining('审核') });
    const junk = await bearer(t.http().post('/api/orders'), pending.token).send({ title: 1 }).expect(403);
    expect(junk.body.code).toBe('EMPLOYER_NOT_VERIFIED');
    // A rejected employer stays where a pending one is.
    await t.sql(`UPDATE organisation SET status = 'rejected', status_reason = '营业执照不清晰' WHERE id = $1`, [pending.organisationId]);
    await bearer(t.http().get('/api/fairs'), pending.token).expect(403);
    const org = await bearer(t.http().get(`/api/organisations/${pending.organisationId}`), pending.token).expect(200);
    expect(org.body).toMatchObject({ status: 'rejected', statusReason: '营业执照不清晰' });
    await t.sql(`UPDATE organisation SET status = 'pending', status_reason = NULL WHERE id = $1`, [pending.organisationId]);
  });

  it('once an admin verifies the organisation, the same session lists fairs, posts an order and applies for a booth', async () => {
    await bearer(t.http().post(`/api/organisations/${pending.organisationId}/decision`), admin)
      .send({ decision: 'verify' })
      .expect(201);
    const fairs = await bearer(t.http().get('/api/fairs'), pending.token).expect(200);
    expect((fairs.body as { id: string }[]).map((f) => f.id)).toContain(ids.fair);
    const order = await bearer(t.http().post('/api/orders'), pending.token).send(bodies()['POST /api/orders']).expect(201);
    expect(order.body.state).toBe('draft');
    ids.ownOrder = order.body.id;
    await bearer(t.http().post(`/api/orders/${ids.ownOrder}/open`), pending.token)
      .send({})
      .expect(200);
    // Its own note, in its own application: the answer carries none (the organisers read it).
    const booth = await bearer(t.http().post(`/api/fairs/${ids.fair}/booths`), pending.token)
      .send({ orderIds: [ids.ownOrder], note: CANARY })
      .expect(201);
    expect(booth.body).toMatchObject({ employerId: pending.organisationId, state: 'applied', note: null });
    ids.ownBooth = booth.body.id;
    const decided = await bearer(t.http().post(`/api/fair-booths/${ids.ownBooth}/decision`), admin)
      .send({ decision: 'approve' })
      .expect(200);
    expect(decided.body.note).toBe(CANARY);
  });

  /**
   * The pending employer as the test above leaves it: verified, with an open order and an approved
   * booth of its own at the fair (its note the canary, like every booth's). Made here when that test
   * has not run (a second booth at the same fair would be refused, hence the look first).
   */
  const verifiedWithOwnBooth = async () => {
    const [booth] = await t.sql(`SELECT 1 FROM fair_booth WHERE fair_id = $1 AND employer_id = $2`, [ids.fair, pending.organisationId]);
    if (booth) return;
    await t.sql(`UPDATE organisation SET status = 'verified', status_reason = NULL, verified_at = now() WHERE id = $1`, [
      pending.organisationId,
    ]);
    const order = await newOrder(t, { employerId: pending.organisationId });
    await newBoothWithOrders(t, { fairId: ids.fair!, employerId: pending.organisationId, orderIds: [order], note: CANARY });
  };

  it('booth notes never reach an employer — on any employer route, its own booth included; other booths show a fair-goer’s view', async () => {
    await verifiedWithOwnBooth();
    // The admins who run the fair do read them (so the scan below is not vacuous).
    const staff = await bearer(t.http().get(`/api/fairs/${ids.fair}/booths`), admin).expect(200);
    expect((staff.body as { note: string | null }[]).filter((b) => b.note === CANARY).length).toBeGreaterThan(2);
    const [a, b] = await Promise.all([t.login('employer'), t.login('employer2')]);
    const ownOf = async (token: string, organisationId: string, extra: Record<string, string> = {}) => {
      const [order] = await t.sql<{ id: string }>(`SELECT id FROM job_order WHERE employer_id = $1 ORDER BY state = 'open' DESC LIMIT 1`, [
        organisationId,
      ]);
      const [booth] = await t.sql<{ id: string }>(`SELECT id FROM fair_booth WHERE fair_id = $1 AND employer_id = $2`, [
        ids.fair,
        organisationId,
      ]);
      const [placement] = await t.sql<{ id: string }>(`SELECT id FROM placement WHERE order_id = $1 AND state <> 'suggested' LIMIT 1`, [
        order?.id,
      ]);
      return {
        token,
        organisationId,
        own: { organisation: organisationId, order: order?.id, booth: booth?.id, placement: placement?.id, ...extra } as Record<
          string,
          string
        >,
      };
    };
    const employers = [
      await ownOf(a.token, a.organisationId),
      await ownOf(b.token, b.organisationId),
      await ownOf(pending.token, pending.organisationId, { notification: ids.notification! }),
    ];
    const problems: string[] = [];
    for (const e of employers) {
      for (const route of EMPLOYER_ROUTES.filter((r) => r.startsWith('GET '))) {
        const res = await call(route, e.token, e.own);
        expect({ route, ok: res.status < 500 }).toEqual({ route, ok: true });
        const walk = (v: unknown, at: string): void => {
          if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${at}[${i}]`));
          if (typeof v === 'string' && v.includes(CANARY)) problems.push(`${route} ${at}: the booth note`);
          if (!v || typeof v !== 'object') return;
          const o = v as Record<string, unknown>;
          // A booth (BoothDto): never a note; a decline reason only on the caller's own.
          if ('slotsTotal' in o && 'employerId' in o) {
            if (o.note !== null) problems.push(`${route} ${at}: a booth note`);
            if (o.employerId !== e.organisationId && o.declineReason !== null) problems.push(`${route} ${at}: another's decline reason`);
          }
          // An organisation's record with its contact person: only the caller's own.
          if ('contactName' in o && o.id !== e.organisationId) problems.push(`${route} ${at}: another organisation's contact`);
          for (const [k, x] of Object.entries(o)) walk(x, `${at}.${k}`);
        };
        walk(res.body, '$');
      }
    }
    expect(problems).toEqual([]);
    // Employer B reads its own booth only; A's and the new one reach it as programme entries.
    const seen = await bearer(t.http().get(`/api/fairs/${ids.fair}/booths`), b.token).expect(200);
    expect((seen.body as { employerId: string }[]).every((x) => x.employerId === b.organisationId)).toBe(true);
    const programme = (await bearer(t.http().get(`/api/fairs/${ids.fair}`), b.token).expect(200)).body.programme as Record<
      string,
      unknown
    >[];
    expect(programme.length).toBeGreaterThan(1);
    for (const entry of programme) expect(entry).toMatchObject({ note: null, declineReason: null });
  });
});
