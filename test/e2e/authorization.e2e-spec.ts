import { randomUUID } from 'node:crypto';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY, ROLES_KEY, SCOPE_KEY } from '../../server/src/common/decorators/access.decorator';
import { ROLES, type Role } from '../../server/src/common/role';
import { ID_ROUTES, MATRIX } from '../authz/matrix';
import { createTestApp, type TestApp } from '../utils/test-app';

const DEMO_USER: Record<Role, string> = {
  admin: 'admin',
  counsellor: 'counsellor',
  instructor: 'instructor',
  employer: 'employer',
  trainee: 'trainee',
  security_admin: 'security',
  audit_admin: 'auditor',
};

/** The bureau's three separated administrators (三权分立). */
const BUREAU_ADMINS: readonly Role[] = ['admin', 'security_admin', 'audit_admin'];

/** Fills path parameters with values that exist nowhere (a fresh uuid, an unknown code). */
const concretePath = (path: string) =>
  path
    .replace(/\{(id|traineeId|consentId|requestId)\}/g, () => randomUUID())
    .replace(/\{code\}/g, '9-99-99-99')
    .replace(/\{itemKey\}/g, 'anti_drug');

describe('authorization net', () => {
  let t: TestApp;
  let routes: { key: string; method: string; path: string }[];
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await createTestApp();
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => ({ key: `${m.toUpperCase()} ${path}`, method: m, path })),
    );
    for (const role of ROLES) tokens[role] = (await t.login(DEMO_USER[role])).token;
  });
  afterAll(() => t.close());

  it('the matrix lists exactly the routes the app serves', () => {
    const served = routes.map((r) => r.key).sort();
    expect(served).toEqual(Object.keys(MATRIX).sort());
  });

  it('every route declares @Public() or @Access(roles, scope) matching the matrix', () => {
    const reflector = new Reflector();
    const declared = new Map<string, { isPublic: boolean; roles?: readonly Role[]; scope?: unknown }>();
    const router = t.app.getHttpAdapter().getInstance();
    expect(router).toBeDefined();
    // Read the metadata straight off the controllers Nest discovered.
    const container = (
      t.app as unknown as { container: { getModules(): Map<string, { controllers: Map<unknown, { metatype: new () => object }> }> } }
    ).container;
    for (const mod of container.getModules().values()) {
      for (const wrapper of mod.controllers.values()) {
        const ctrl = wrapper.metatype as unknown as { prototype: Record<string, unknown> };
        const base = Reflect.getMetadata('path', ctrl) as string;
        for (const name of Object.getOwnPropertyNames(ctrl.prototype)) {
          const handler = ctrl.prototype[name];
          if (name === 'constructor' || typeof handler !== 'function') continue;
          const sub = Reflect.getMetadata('path', handler) as string | undefined;
          const method = Reflect.getMetadata('method', handler) as number | undefined;
          if (sub === undefined || method === undefined) continue;
          const verb = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD'][method]!;
          const path = `/api/${base}/${sub}`
            .replace(/\/+/g, '/')
            .replace(/\/$/, '')
            .replace(/:(\w+)/g, '{$1}');
          declared.set(`${verb} ${path}`, {
            isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [handler, ctrl as never]) ?? false,
            roles: reflector.getAllAndOverride<readonly Role[]>(ROLES_KEY, [handler, ctrl as never]),
            scope: reflector.getAllAndOverride(SCOPE_KEY, [handler, ctrl as never]),
          });
        }
      }
    }
    for (const [key, allowed] of Object.entries(MATRIX)) {
      const d = declared.get(key);
      expect({ key, found: d !== undefined }).toEqual({ key, found: true });
      if (allowed === 'public') {
        expect({ key, isPublic: d!.isPublic }).toEqual({ key, isPublic: true });
      } else {
        // A role listed without a scope for it is refused by the guard (`@Access(ROLES, { admin: 'all', … })`
        // lists every role but scopes only some): the roles that may call are those with a scope.
        const scope = d!.scope as string | Partial<Record<Role, string>> | undefined;
        const callers = (d!.roles ?? []).filter((r) => typeof scope === 'string' || scope?.[r] !== undefined);
        expect({ key, roles: [...callers].sort(), hasScope: d!.scope !== undefined }).toEqual({
          key,
          roles: [...allowed].sort(),
          hasScope: true,
        });
      }
    }
  });

  it('without a token: public routes pass the guard, every other route says 401 UNAUTHENTICATED', async () => {
    for (const r of routes) {
      const res = await t.http()[r.method as 'get'](concretePath(r.path)).send({});
      // A public route may still answer 401 itself (refresh without a cookie), never the guard's code.
      const guarded = res.status === 401 && res.body.code === 'UNAUTHENTICATED';
      expect({ route: r.key, guarded }).toEqual({ route: r.key, guarded: MATRIX[r.key] !== 'public' });
    }
  });

  it('with each role: 403 exactly where the matrix says no', async () => {
    for (const r of routes) {
      const allowed = MATRIX[r.key];
      if (allowed === 'public' || allowed === undefined) continue;
      for (const role of ROLES) {
        const res = await t.http()[r.method as 'get'](concretePath(r.path)).auth(tokens[role], { type: 'bearer' }).send({});
        const expected = allowed.includes(role) ? 'allowed' : 403;
        const got = res.status === 403 ? 403 : res.status === 401 ? 401 : 'allowed';
        expect({ route: r.key, role, got }).toEqual({ route: r.key, role, got: expected });
      }
    }
    // Every route × seven roles (三权分立 added two): more calls than the default minute on a busy machine.
  }, 180_000);

  it('every route with a path parameter says how the other-organisation case is covered', () => {
    const withParams = routes
      .filter((r) => r.path.includes('{'))
      .map((r) => r.key)
      .sort();
    expect(withParams).toEqual(Object.keys(ID_ROUTES).sort());
    for (const key of withParams) {
      if (ID_ROUTES[key] === 'admin-only') expect(MATRIX[key]).toEqual(['admin']);
      if (ID_ROUTES[key] === 'bureau-admins') {
        const allowed = MATRIX[key] as readonly Role[];
        expect({ key, others: allowed.filter((r) => !BUREAU_ADMINS.includes(r)) }).toEqual({ key, others: [] });
      }
    }
  });

  describe('another organisation’s record is a 404', () => {
    /** Route keys exercised by the cross-organisation cases below; the last test checks none is missing. */
    const covered = new Set<string>();
    const keyOf = (method: string, path: string, ids: Record<string, string>) => {
      let key = path;
      for (const [name, value] of Object.entries(ids)) key = key.split(value).join(`{${name}}`);
      return `${method.toUpperCase()} ${key}`;
    };

    it('GET /api/organisations/{id}: every non-admin role sees its own organisation and 404 for another', async () => {
      const [facilityB] = await t.sql<{ id: string }>(`SELECT organisation_id AS id FROM app_user WHERE username = 'counsellor2'`);
      const [employerB] = await t.sql<{ id: string }>(`SELECT organisation_id AS id FROM app_user WHERE username = 'employer2'`);
      for (const role of ['counsellor', 'instructor', 'employer', 'trainee'] as const) {
        const me = await t.http().get('/api/auth/me').auth(tokens[role], { type: 'bearer' }).expect(200);
        await t.http().get(`/api/organisations/${me.body.organisationId}`).auth(tokens[role], { type: 'bearer' }).expect(200);
        const other = role === 'employer' ? employerB!.id : facilityB!.id;
        const res = await t.http().get(`/api/organisations/${other}`).auth(tokens[role], { type: 'bearer' });
        expect({ role, status: res.status }).toEqual({ role, status: 404 });
      }
      await t.http().get(`/api/organisations/${facilityB!.id}`).auth(tokens.admin, { type: 'bearer' }).expect(200);
    });

    it('GET /api/organisations lists only the caller’s own organisation for non-admins', async () => {
      for (const role of ['counsellor', 'instructor', 'employer', 'trainee'] as const) {
        const res = await t.http().get('/api/organisations?pageSize=100').auth(tokens[role], { type: 'bearer' }).expect(200);
        expect({ role, total: res.body.total }).toEqual({ role, total: 1 });
      }
      const all = await t.http().get('/api/organisations?pageSize=100').auth(tokens.admin, { type: 'bearer' }).expect(200);
      expect(all.body.total).toBeGreaterThan(30);
    });

    it('every trainee, consent, correction and handover route answers 404 to another organisation', async () => {
      const [a] = await t.sql<{ id: string; consent: string }>(
        `SELECT t.id, c.id AS consent FROM trainee t JOIN app_user u ON u.id = t.user_id
           JOIN consent c ON c.trainee_id = t.id AND c.purpose = 'job_matching' WHERE u.username = 'trainee'`,
      );
      const [handover] = await t.sql<{ id: string }>(
        `SELECT h.id FROM handover h JOIN app_user u ON u.organisation_id = h.from_organisation_id
          WHERE u.username = 'counsellor' AND h.state IN ('prepared','sent','accepted') LIMIT 1`,
      );
      const traineeToken = tokens.trainee;
      const correction = await t
        .http()
        .post('/api/trainees/me/correction-requests')
        .auth(traineeToken, { type: 'bearer' })
        .send({ field: 'phone', message: '手机号换了' })
        .expect(201);
      const other = (await t.login('counsellor2')).token; // facility B
      const otherStation = (await t.login('station-460200')).token; // 三亚 station
      const trainee2 = (await t.login('trainee2')).token;
      const id = a!.id;
      const cases: [string, string, string, Record<string, unknown>][] = [
        ['get', `/api/trainees/${id}`, other, {}],
        ['patch', `/api/trainees/${id}`, other, { phone: '13800000000' }],
        ['post', `/api/trainees/${id}/identity-number`, other, { reason: '核对身份' }],
        ['post', `/api/trainees/${id}/transitions`, other, { to: 'admitted', reason: '延期出所' }],
        ['get', `/api/trainees/${id}/history`, other, {}],
        ['get', `/api/trainees/${id}/episodes`, other, {}],
        ['get', `/api/trainees/${id}/job-limits`, other, {}],
        ['post', `/api/trainees/${id}/activation-code`, other, {}],
        ['get', `/api/trainees/${id}/activation-code`, other, {}],
        ['get', `/api/trainees/${id}/checklist`, other, {}],
        ['put', `/api/trainees/${id}/checklist/anti_drug`, other, { doneOn: '2026-01-05' }],
        ['get', `/api/trainees/${id}/correction-requests`, other, {}],
        ['post', `/api/trainees/${id}/correction-requests`, other, { field: 'phone', message: '代为申请' }],
        ['post', `/api/trainees/correction-requests/${correction.body.id}/resolution`, other, { status: 'resolved' }],
        ['get', `/api/trainees/${id}/consents`, other, {}],
        ['post', `/api/trainees/${id}/consents`, other, { purpose: 'follow_up_contact', textVersion: 1, paperFormRef: 'P-1' }],
        ['post', `/api/trainees/${id}/consents/${a!.consent}/withdrawal`, other, {}],
        ['post', `/api/trainees/me/consents/${a!.consent}/withdrawal`, trainee2, {}],
        ['get', `/api/handovers/suggested-station/${id}`, other, {}],
        ['get', `/api/handovers/${handover!.id}`, otherStation, {}],
        ['post', `/api/handovers/${handover!.id}/send`, other, {}],
        ['post', `/api/handovers/${handover!.id}/accept`, otherStation, {}],
        ['post', `/api/handovers/${handover!.id}/reject`, otherStation, { reason: '不在本辖区' }],
        [
          'post',
          `/api/handovers/${handover!.id}/complete`,
          otherStation,
          { escortName: '张三', receivingOfficer: '李四', documents: ['证明书'], handoverPlace: '指导站', handedOverOn: '2026-01-05' },
        ],
      ];
      for (const [method, path, token, body] of cases) {
        const res = await t.http()[method as 'get'](path).auth(token, { type: 'bearer' }).send(body);
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
        covered.add(
          `${method.toUpperCase()} ${path
            .replace(id, '{id}')
            .replace(String(correction.body.id), '{requestId}')
            .replace(a!.consent, '{consentId}')
            .replace(handover!.id, '{id}')
            .replace('/anti_drug', '/{itemKey}')
            .replace('suggested-station/{id}', 'suggested-station/{traineeId}')}`,
        );
      }
    });

    it('learning: classes, enrolments, grades, diplomas, sessions, certificates and notifications answer 404 across organisations', async () => {
      const admin = tokens.admin;
      const provider = (await t.sql<{ id: string }>(`SELECT id FROM organisation WHERE type = 'training_provider' LIMIT 1`))[0]!.id;
      await t
        .http()
        .post('/api/users')
        .auth(admin, { type: 'bearer' })
        .send({ username: 'other-teacher', displayName: '别的老师', role: 'instructor', organisationId: provider, password: 'Teach#2026x' })
        .expect(201);
      const otherTeacher = (await t.login('other-teacher', 'Teach#2026x')).token;
      const other = (await t.login('counsellor2')).token;
      const trainee2 = (await t.login('trainee2')).token;
      const one = async (sql: string) => ((await t.sql<{ id: string }>(sql))[0] as { id: string }).id;
      const classId = await one(`SELECT id FROM diploma_class WHERE mode = 'in_facility' AND seats_taken > 0 LIMIT 1`);
      const distance = await one(`SELECT id FROM diploma_class WHERE mode = 'distance' LIMIT 1`);
      const liming = await one(`SELECT t.id FROM trainee t JOIN app_user u ON u.id = t.user_id WHERE u.username = 'trainee'`);
      const classEnrolment = await one(`SELECT id FROM class_enrolment WHERE trainee_id = '${liming}' AND state = 'active'`);
      const unit = await one(`SELECT id FROM programme_unit ORDER BY sort_order DESC LIMIT 1`);
      const diploma = await one(`SELECT id FROM diploma LIMIT 1`);
      const sessionId = await one(`SELECT session_id AS id FROM session_enrolment WHERE trainee_id = '${liming}'`);
      const sessionEnrolment = await one(`SELECT id FROM session_enrolment WHERE trainee_id = '${liming}'`);
      const traineeUser = await one(`SELECT id FROM app_user WHERE username = 'trainee'`);
      const notification = await one(
        `INSERT INTO notification (user_id, kind, title_zh, title_en, dedupe_key) VALUES ('${traineeUser}', 'test', '测试', 'test', 'authz') RETURNING id`,
      );
      const ids = { id: classId, traineeId: liming };
      const employer2 = (await t.login('employer2')).token;
      const openOrder = await one(
        `SELECT o.id FROM job_order o JOIN organisation e ON e.id = o.employer_id WHERE e.name = '海口椰风酒店管理有限公司' AND o.state = 'open' LIMIT 1`,
      );
      const draftOrder = await one(`SELECT id FROM job_order WHERE state = 'draft' LIMIT 1`);
      const cases: [string, string, string, Record<string, unknown>, Record<string, string>][] = [
        ['get', `/api/classes/${classId}`, otherTeacher, {}, { id: classId }],
        ['post', `/api/classes/${classId}/applications`, other, { traineeId: liming }, { id: classId }],
        ['get', `/api/classes/${classId}/enrolments`, otherTeacher, {}, { id: classId }],
        ['put', `/api/classes/${classId}/grades`, otherTeacher, { traineeId: liming, unitId: unit, score: 90 }, { id: classId }],
        ['put', `/api/classes/${classId}/attendance`, otherTeacher, { meetingOn: '2026-01-05', records: [] }, { id: classId }],
        ['post', `/api/class-enrolments/${classEnrolment}/decision`, otherTeacher, { decision: 'waitlist' }, { id: classEnrolment }],
        ['post', `/api/class-enrolments/${classEnrolment}/withdrawal`, other, { reason: '测试退学' }, { id: classEnrolment }],
        ['post', `/api/class-enrolments/${classEnrolment}/transfer`, other, { toClassId: distance }, { id: classEnrolment }],
        ['get', `/api/class-enrolments/${classEnrolment}/audit`, other, {}, { id: classEnrolment }],
        ['post', `/api/class-enrolments/${classEnrolment}/graduation`, otherTeacher, {}, { id: classEnrolment }],
        ['get', `/api/diplomas/${diploma}`, other, {}, { id: diploma }],
        ['post', `/api/course-sessions/${sessionId}/enrolments`, other, { traineeId: liming }, { id: sessionId }],
        ['get', `/api/course-sessions/${sessionId}/enrolments`, otherTeacher, {}, { id: sessionId }],
        ['put', `/api/course-sessions/${sessionId}/attendance`, otherTeacher, { meetingOn: '2026-01-05', records: [] }, { id: sessionId }],
        ['post', `/api/session-enrolments/${sessionEnrolment}/withdrawal`, trainee2, {}, { id: sessionEnrolment }],
        [
          'put',
          `/api/session-enrolments/${sessionEnrolment}/assessment`,
          otherTeacher,
          { theoryScore: 90, practicalScore: 90 },
          { id: sessionEnrolment },
        ],
        ['get', `/api/trainees/${liming}/certificates`, other, {}, { id: liming }],
        ['post', `/api/course-sessions/${sessionId}/enrolments/bulk`, other, { traineeIds: [liming] }, { id: sessionId }],
        ['get', `/api/trainees/${liming}/session-enrolments`, other, {}, { id: liming }],
        ['post', `/api/classes/${classId}/applications/bulk`, other, { traineeIds: [liming] }, { id: classId }],
        ['get', `/api/trainees/${liming}/class-enrolments`, other, {}, { id: liming }],
        ['post', `/api/notifications/${notification}/read`, trainee2, {}, { id: notification }],
        ['get', `/api/trainees/${liming}/course-recommendations`, other, {}, { id: liming }],
        ['get', `/api/orders/${draftOrder}`, employer2, {}, { id: draftOrder }],
        ['get', `/api/orders/${draftOrder}`, other, {}, { id: draftOrder }],
        ['patch', `/api/orders/${openOrder}`, employer2, { headcount: 9 }, { id: openOrder }],
        ['post', `/api/orders/${draftOrder}/open`, employer2, {}, { id: draftOrder }],
        ['post', `/api/orders/${openOrder}/close`, employer2, {}, { id: openOrder }],
      ];
      expect(ids.id).toBeDefined();
      for (const [method, path, token, body, names] of cases) {
        const res = await t.http()[method as 'get'](path).auth(token, { type: 'bearer' }).send(body);
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
        covered.add(keyOf(method, path, names));
      }
    });

    it('placements and an order’s candidates answer 404 to another organisation', async () => {
      const one = async (sql: string) => ((await t.sql<{ id: string }>(sql))[0] as { id: string }).id;
      const placement = await one(`SELECT id FROM placement WHERE state = 'recommended' ORDER BY candidate_code LIMIT 1`);
      const orderId = await one(`SELECT order_id AS id FROM placement WHERE id = '${placement}'`);
      const counsellor2 = (await t.login('counsellor2')).token;
      const trainee2 = (await t.login('trainee2')).token;
      const employer2 = (await t.login('employer2')).token;
      const cases: [string, string, string, Record<string, unknown>][] = [
        ['get', `/api/placements/${placement}`, counsellor2, {}],
        ['get', `/api/placements/${placement}`, trainee2, {}],
        ['post', `/api/placements/${placement}/recommend`, counsellor2, {}],
        ['post', `/api/placements/${placement}/accept`, trainee2, { textVersion: 1 }],
        ['post', `/api/placements/${placement}/decline`, counsellor2, {}],
        ['post', `/api/placements/${placement}/hire`, trainee2, { hiredOn: '2026-12-01' }],
        ['post', `/api/placements/${placement}/withdraw`, counsellor2, {}],
        ['post', `/api/placements/${placement}/end`, counsellor2, { endedOn: '2026-12-01', reason: '合同到期' }],
        ['get', `/api/orders/${orderId}/candidates`, employer2, {}],
        ['get', `/api/orders/${orderId}/candidates/${placement}`, employer2, {}],
        [
          'post',
          `/api/orders/${orderId}/candidates/${placement}/interview`,
          employer2,
          { interviewAt: '2027-01-05T10:00:00+08:00', interviewPlace: '人事部' },
        ],
        ['post', `/api/orders/${orderId}/candidates/${placement}/offer`, employer2, { offeredWage: 5000 }],
        ['post', `/api/orders/${orderId}/candidates/${placement}/hire`, employer2, { hiredOn: '2026-12-01' }],
        ['post', `/api/orders/${orderId}/candidates/${placement}/reject`, employer2, {}],
        ['post', `/api/orders/${orderId}/candidates/${placement}/end`, employer2, { endedOn: '2026-12-01', reason: '合同到期' }],
        ['post', `/api/orders/${orderId}/candidates/${placement}/seen`, employer2, {}],
        ['get', `/api/orders/${orderId}/fulfilment`, employer2, {}],
      ];
      for (const [method, path, token, body] of cases) {
        const res = await t.http()[method as 'get'](path).auth(token, { type: 'bearer' }).send(body);
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
        covered.add(keyOf(method, path, path.startsWith('/api/orders/') ? { orderId, placementId: placement } : { id: placement }));
      }
    });

    it('fairs: another employer’s booth, slots and intents, another facility’s desk and registrations, and drafts answer 404', async () => {
      const one = async (sql: string) => ((await t.sql<{ id: string }>(sql))[0] as { id: string }).id;
      const fair = await one(`SELECT id FROM job_fair WHERE state = 'published' LIMIT 1`);
      const draft = await one(
        `INSERT INTO job_fair (title, fair_date, starts_at, ends_at, venue_organisation_id, booth_capacity, state, created_by)
         SELECT '草稿招聘会', current_date + 30, '09:00', '12:00', organisation_id, 5, 'draft', id FROM app_user WHERE username = 'admin' RETURNING id`,
      );
      const booth = await one(`SELECT id FROM fair_booth WHERE fair_id = '${fair}' AND state = 'approved' LIMIT 1`);
      const slot = await one(`SELECT id FROM fair_slot WHERE booth_id = '${booth}' LIMIT 1`);
      const registration = await one(`SELECT id FROM fair_registration WHERE fair_id = '${fair}' LIMIT 1`);
      const order = await one(`SELECT order_id AS id FROM fair_booth_order WHERE booth_id = '${booth}' LIMIT 1`);
      const intent = await one(
        `INSERT INTO fair_intent (fair_id, registration_id, order_id, created_by)
         SELECT '${fair}', '${registration}', '${order}', id FROM app_user WHERE username = 'employer' RETURNING id`,
      );
      const trainee = await one(`SELECT trainee_id AS id FROM fair_registration WHERE id = '${registration}'`);
      const counsellor2 = (await t.login('counsellor2')).token;
      const employer2 = (await t.login('employer2')).token;
      const cases: [string, string, string, Record<string, unknown>][] = [
        ['post', `/api/fairs/${draft}/booths`, tokens.employer, { orderIds: [order] }],
        ['get', `/api/fair-booths/${booth}/slots`, employer2, {}],
        ['post', `/api/fair-booths/${booth}/slots`, employer2, { startsAt: '2027-01-05T10:00:00+08:00', minutes: 20, count: 1 }],
        ['post', `/api/fair-slots/${slot}/invitation`, employer2, { registrationId: registration }],
        ['post', `/api/fair-slots/${slot}/booking`, counsellor2, { registrationId: registration }],
        ['post', `/api/fair-slots/${slot}/release`, counsellor2, { registrationId: registration }],
        ['get', `/api/fairs/${draft}/registrations`, counsellor2, {}],
        ['post', `/api/fairs/${draft}/registrations`, counsellor2, { traineeIds: [trainee] }],
        ['get', `/api/fairs/${fair}/candidates`, employer2, {}],
        ['post', `/api/fairs/${fair}/check-ins`, counsellor2, { code: 'DEMQA2K7' }],
        ['post', `/api/fairs/${fair}/walk-ins`, counsellor2, { traineeId: trainee }],
        ['get', `/api/fairs/${draft}/intents`, counsellor2, {}],
        ['post', `/api/fairs/${draft}/intents`, tokens.employer, { registrationId: registration, orderId: order }],
        ['post', `/api/fair-intents/${intent}/answer`, counsellor2, { answer: 'decline' }],
      ];
      for (const [method, path, token, body] of cases) {
        const res = await t.http()[method as 'get'](path).auth(token, { type: 'bearer' }).send(body);
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
        covered.add(keyOf(method, path, { id: path.includes(draft) ? draft : path.split('/')[3]! }));
      }
    });

    it('matching: drafts and another facility’s trainees answer 404', async () => {
      const one = async (sql: string) => ((await t.sql<{ id: string }>(sql))[0] as { id: string }).id;
      const draft = await one(`SELECT id FROM job_order WHERE state = 'draft' LIMIT 1`);
      const open = await one(`SELECT id FROM job_order WHERE state = 'open' LIMIT 1`);
      const liming = await one(`SELECT t.id FROM trainee t JOIN app_user u ON u.id = t.user_id WHERE u.username = 'trainee'`);
      const counsellor2 = (await t.login('counsellor2')).token;
      const cases: [string, string, Record<string, unknown>, Record<string, string>][] = [
        ['get', `/api/matching/orders/${draft}/candidates`, {}, { orderId: draft }],
        ['get', `/api/matching/orders/${open}/why-not/${liming}`, {}, { orderId: open, traineeId: liming }],
        ['get', `/api/matching/trainees/${liming}/orders`, {}, { traineeId: liming }],
        ['put', `/api/matching/readiness/${liming}`, { ready: true }, { traineeId: liming }],
      ];
      for (const [method, path, body, names] of cases) {
        const res = await t.http()[method as 'get'](path).auth(counsellor2, { type: 'bearer' }).send(body);
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
        covered.add(keyOf(method, path, names));
      }
    });

    it('follow-ups: another station’s (or a facility’s) counsellor gets 404', async () => {
      const [visit] = await t.sql<{ id: string }>(
        `SELECT v.id FROM follow_up_visit v JOIN app_user u ON u.organisation_id = v.station_id WHERE u.username = 'station' AND v.state = 'planned' LIMIT 1`,
      );
      const counsellor = tokens.counsellor;
      const cases: [string, string, Record<string, unknown>][] = [
        ['get', `/api/follow-ups/${visit!.id}`, {}],
        [
          'post',
          `/api/follow-ups/${visit!.id}/record`,
          { clientRef: '6c1f1d8e-0a3e-4a1e-9c55-2f1f2a4b5c6d', state: 'missed', visitedOn: '2026-01-05' },
        ],
        ['post', `/api/follow-ups/${visit!.id}/assignment`, { userId: '6c1f1d8e-0a3e-4a1e-9c55-2f1f2a4b5c6d' }],
      ];
      for (const [method, path, body] of cases) {
        const res = await t.http()[method as 'get'](path).auth(counsellor, { type: 'bearer' }).send(body);
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
        covered.add(keyOf(method, path, { id: visit!.id }));
      }
    });

    it('the caseload summary counts only the counsellor’s own organisation', async () => {
      const a = await t.http().get('/api/trainees/caseload-summary').auth(tokens.counsellor, { type: 'bearer' }).expect(200);
      const [{ n }] = (await t.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM trainee WHERE organisation_id = (SELECT organisation_id FROM app_user WHERE username = 'counsellor')`,
      )) as [{ n: number }];
      expect(a.body.total).toBe(n);
      const all = await t.http().get('/api/trainees/caseload-summary').auth(tokens.admin, { type: 'bearer' }).expect(200);
      expect(all.body.total).toBeGreaterThan(a.body.total);
    });

    it('personal plan: another organisation’s counsellor gets 404 on every plan route', async () => {
      const [a] = await t.sql<{ id: string }>(
        `SELECT t.id FROM trainee t JOIN app_user u ON u.id = t.user_id WHERE u.username = 'trainee'`,
      );
      const id = a!.id;
      // The demo loader (server/src/demo/plans.ts) gives this trainee a plan: one goal, action and review of theirs.
      const [goal] = await t.sql<{ id: string }>(`SELECT id FROM plan_goal WHERE trainee_id = $1 LIMIT 1`, [id]);
      const [action] = await t.sql<{ id: string }>(`SELECT id FROM plan_action WHERE trainee_id = $1 LIMIT 1`, [id]);
      const [review] = await t.sql<{ id: string }>(`SELECT id FROM plan_review WHERE trainee_id = $1 LIMIT 1`, [id]);
      const other = (await t.login('counsellor2')).token; // facility B
      const names = { id, goalId: goal!.id, actionId: action!.id, reviewId: review!.id };
      const cases: [string, string, Record<string, unknown>][] = [
        ['get', `/api/trainees/${id}/plan`, {}],
        ['post', `/api/trainees/${id}/needs-assessments`, { stage: 'pre_release', areas: [] }],
        ['post', `/api/trainees/${id}/plan/goals`, { kind: 'own', title: '学会开车' }],
        ['patch', `/api/trainees/${id}/plan/goals/${goal!.id}`, { status: 'dropped' }],
        ['post', `/api/trainees/${id}/plan/actions`, { area: 'work', needCode: 'skill_certificate', owner: 'trainee' }],
        ['patch', `/api/trainees/${id}/plan/actions/${action!.id}`, { status: 'cancelled' }],
        ['post', `/api/trainees/${id}/plan/reviews`, { dueOn: '2099-01-05' }],
        ['patch', `/api/trainees/${id}/plan/reviews/${review!.id}`, { summary: '别人' }],
      ];
      for (const [method, path, body] of cases) {
        const res = await t.http()[method as 'get'](path).auth(other, { type: 'bearer' }).send(body);
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
        covered.add(keyOf(method, path, names));
      }
    });

    it('every transfer and lost-contact route answers 404 to another organisation', async () => {
      const [transfer] = await t.sql<{ id: string }>(`SELECT id FROM station_transfer ORDER BY created_at LIMIT 1`);
      const [lost] = await t.sql<{ id: string }>(`SELECT id FROM lost_contact ORDER BY created_at LIMIT 1`);
      const cases: [string, string, string, Record<string, unknown>][] = [
        ['get', `/api/transfers/${transfer!.id}`, transfer!.id, {}],
        ['post', `/api/transfers/${transfer!.id}/accept`, transfer!.id, {}],
        ['post', `/api/transfers/${transfer!.id}/reject`, transfer!.id, { reason: 'other' }],
        ['post', `/api/transfers/${transfer!.id}/cancel`, transfer!.id, {}],
        ['post', `/api/lost-contacts/${lost!.id}/found`, lost!.id, { foundOn: '2026-01-05', contactMethod: 'phone' }],
      ];
      for (const [method, path, id, body] of cases) {
        const res = await t.http()[method as 'get'](path).auth(tokens.counsellor, { type: 'bearer' }).send(body);
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
        covered.add(keyOf(method, path, { id }));
      }
    });

    it('visit appointments: another station’s (or a facility’s) counsellor gets 404', async () => {
      const [visit] = await t.sql<{ id: string }>(
        `SELECT v.id FROM follow_up_visit v JOIN app_user u ON u.organisation_id = v.station_id WHERE u.username = 'station' AND v.state = 'planned' LIMIT 1`,
      );
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
      const cases: [string, string, Record<string, unknown>][] = [
        ['put', `/api/follow-ups/${visit!.id}/appointment`, { at: tomorrow }],
        ['delete', `/api/follow-ups/${visit!.id}/appointment`, {}],
      ];
      for (const [method, path, body] of cases) {
        const res = await t.http()[method as 'get'](path).auth(tokens.counsellor, { type: 'bearer' }).send(body);
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
        covered.add(keyOf(method, path, { id: visit!.id }));
      }
      const [after] = await t.sql<{ appointment_at: Date | null }>(`SELECT appointment_at FROM follow_up_visit WHERE id = $1`, [visit!.id]);
      expect(after!.appointment_at).toBeNull();
    });

    it('covers every route the matrix marks cross-org (organisations are tested above)', () => {
      const crossOrg = Object.entries(ID_ROUTES)
        .filter(([k, v]) => v === 'cross-org' && !k.includes('/organisations/'))
        .map(([k]) => k)
        .sort();
      expect([...covered].sort()).toEqual(crossOrg);
    });
  });
});
