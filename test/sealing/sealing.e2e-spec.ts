import { DataSource } from 'typeorm';
import { Clock } from '../../server/src/common/clock';
import { OutcomesService } from '../../server/src/outcomes/outcomes.service';
import { SealingService } from '../../server/src/sealing/sealing.service';
import { daysFrom, identityNumberFor, newFollowUpVisit, newOrder, newPlacement, newUser, organisationOf } from '../factories';
import { insertRow } from '../factories/db';
import { FieldCipher } from '../../server/src/common/crypto/field-cipher';
import { createTestApp, TEST_ENV, type TestApp } from '../utils/test-app';

const cipher = new FieldCipher(Buffer.from(TEST_ENV.FIELD_ENCRYPTION_KEY, 'base64'));

/**
 * 封存: a case closed SEAL_AFTER_YEARS ago is sealed by the nightly job — out of every list, search,
 * export and employer view (row-level security on `trainee`), still counted in the aggregate reports;
 * unsealed only with a legal basis and a second administrator, for a number of days; erased by the
 * retention schedule years later, the aggregates unchanged.
 */
describe('sealing (封存) and the retention schedule', () => {
  let t: TestApp;
  let sealing: SealingService;
  let admin: string;
  let admin2: string;
  let station: string;
  let stationId: string;
  let employer: string;
  let person: { id: string; name: string; identityNumber: string; username: string };
  let orderId: string;
  const candidates = async () => (await bearer(t.http().get(`/api/orders/${orderId}/candidates`), employer).expect(200)).body as unknown[];

  const bearer = (r: import('supertest').Test, token: string) => r.auth(token, { type: 'bearer' });
  const motto = async () =>
    (await bearer(t.http().get('/api/reports/motto?cohort=2020&groupBy=station'), admin).expect(200)).body as unknown;
  const abstinence = async () =>
    (await bearer(t.http().get('/api/reports/abstinence?cohort=2020&groupBy=station'), admin).expect(200)).body as unknown;

  beforeAll(async () => {
    t = await createTestApp();
    sealing = t.app.get(SealingService);
    admin = (await t.login('admin')).token;
    const adminOrg = await organisationOf(t, 'admin');
    const second = await newUser(t, { organisationId: adminOrg, role: 'admin', username: 'second-admin' });
    admin2 = (await t.login(second.username)).token;
    const s = await t.login('station');
    station = s.token;
    stationId = s.organisationId;
    employer = (await t.login('employer')).token;

    // Released in 2020 to the 海口 station, visited at +12 (abstinent, tested), hired through an order,
    // holder of a diploma, with a portal account; the case closed four years ago.
    const identityNumber = identityNumberFor(1985);
    const trainee = await newUser(t, { organisationId: stationId, role: 'trainee', username: 'sealed-person' });
    const [row] = await t.sql<{ id: string }>(
      `INSERT INTO trainee (full_name, sex, birth_year, identity_number_cipher, identity_number_hash, identity_number_tail,
         home_division_code, organisation_id, user_id, state, admitted_on, expected_release_on, released_on, phone, work_history, job_matching_consent)
       VALUES ('封存甲', 'M', 1985, $1, $2, $3, '460100', $4, $5, 'closed', '2018-03-01', '2020-03-01', '2020-03-01', '13800000000', '在所内帮厨两年', true)
       RETURNING id`,
      [cipher.encrypt(identityNumber), cipher.lookupHash(identityNumber), identityNumber.slice(-4), stationId, trainee.id],
    );
    const id = row!.id;
    await t.sql(
      `INSERT INTO trainee_state_change (trainee_id, from_state, to_state, reason, changed_at) VALUES ($1, 'community', 'closed', '结案', now() - interval '4 years')`,
      [id],
    );
    await newFollowUpVisit(t, {
      traineeId: id,
      stationId,
      monthsAfter: 12,
      dueOn: '2021-03-01',
      abstinence: { status: 'abstinent', basis: 'test_verified' },
    });
    const employerId = await organisationOf(t, 'employer');
    const order = (orderId = await newOrder(t, { employerId, startDate: '2020-04-01', deadline: '2020-03-20', state: 'filled' }));
    await newPlacement(t, { orderId: order, traineeId: id, state: 'hired', hiredOn: '2020-04-01' });
    await t.app.get(DataSource).transaction((m) => t.app.get(OutcomesService).refresh(m, [id]));
    // A transfer the station asked for in 2021 and the other station turned down.
    const other = await t.sql<{ id: string }>(`SELECT id FROM organisation WHERE type = 'community_station' AND id <> $1 LIMIT 1`, [
      stationId,
    ]);
    await t.sql(
      `INSERT INTO station_transfer (trainee_id, from_station_id, to_station_id, reason, state, requested_by, requested_at, decided_at, reject_reason)
       VALUES ($1, $2, $3, 'moved_home', 'rejected', $4, '2021-05-01', '2021-05-03', 'not_in_area')`,
      [id, stationId, other[0]!.id, trainee.id],
    );
    person = { id, name: '封存甲', identityNumber, username: trainee.username };
  });
  afterAll(() => t.close());

  it('before the job: the station finds the person, the employer sees the hire, the account signs in', async () => {
    const found = await bearer(t.http().get(`/api/trainees?q=${encodeURIComponent(person.name)}&state=closed`), station).expect(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(person.id);
    await bearer(t.http().get(`/api/trainees/${person.id}`), station).expect(200);
    expect(await candidates()).toHaveLength(1);
    await t.login(person.username);
  });

  it('the job seals a case closed long enough: it leaves every list, search, export and view', async () => {
    const reportsBefore = [await motto(), await abstinence()];
    expect(await candidates()).toHaveLength(1);

    const run = await sealing.run();
    expect(run.sealed).toBeGreaterThanOrEqual(1);

    const found = await bearer(t.http().get(`/api/trainees?q=${encodeURIComponent(person.name)}`), station).expect(200);
    expect(found.body.items).toEqual([]);
    await bearer(t.http().get(`/api/trainees/${person.id}`), station).expect(404);
    await bearer(t.http().get(`/api/trainees/${person.id}`), admin).expect(404);
    await bearer(t.http().get(`/api/trainees/${person.id}/history`), station).expect(404);
    const exported = await bearer(t.http().get(`/api/trainees/export?q=${encodeURIComponent(person.name)}`), station)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.body as never);
    expect(JSON.stringify(book.worksheets.map((w) => w.getSheetValues()))).not.toContain(person.name);
    const done = await bearer(t.http().get('/api/follow-ups?view=done&pageSize=100'), station).expect(200);
    expect(JSON.stringify(done.body)).not.toContain(person.id);
    // The transfer history goes too, from the items and from the total beside them.
    const transfers = await bearer(t.http().get('/api/transfers?pageSize=100'), station).expect(200);
    expect(JSON.stringify(transfers.body.items)).not.toContain(person.id);
    expect(transfers.body.total).toBe(transfers.body.items.length);
    // The employer's list loses the hire: that the person came through the platform is itself the secret.
    expect(await candidates()).toEqual([]);
    // The person's own account went with the record.
    const login = await t.http().post('/api/auth/login').send({ username: person.username, password: 'Demo#2026' }).expect(403);
    expect(login.body.code).toBe('ACCOUNT_DISABLED');
    // Still counted in the aggregate reports, to the digit.
    expect([await motto(), await abstinence()]).toEqual(reportsBefore);
    const audit = await t.sql(`SELECT 1 FROM audit_log WHERE action = 'record.seal'`);
    expect(audit.length).toBeGreaterThan(0);
    // Matching's division search runs as the owner, past the policy (MatchingUnderRowSecurity): it must
    // leave sealed records out itself — even one still marked as consenting.
    await t.sql(`UPDATE trainee SET job_matching_consent = true WHERE id = $1`, [person.id]);
    const [home] = await t.sql<{ division: string }>(`SELECT home_division_code AS division FROM trainee WHERE id = $1`, [person.id]);
    const division = home!.division;
    const inDivision = `FROM trainee WHERE job_matching_consent AND (home_division_code = $1 OR preferred_divisions @> ARRAY[$1::varchar])`;
    expect((await t.sql<{ id: string }>(`SELECT id ${inDivision}`, [division])).map((r) => r.id)).toContain(person.id);
    const asApp = await t.app.get(DataSource).query<{ id: string }[]>(`SELECT id FROM matching_trainees_in_division($1)`, [division]);
    const unsealed = await t.sql<{ id: string }>(`SELECT id ${inDivision} AND sealed_at IS NULL`, [division]);
    expect(asApp.map((r) => r.id).sort()).toEqual(unsealed.map((r) => r.id).sort());
  });

  it('a sealed person cannot be recorded twice, nor re-admitted without an unsealing', async () => {
    const facility = (await t.login('counsellor')).token;
    const body = { identityNumber: person.identityNumber, admittedOn: daysFrom(0), expectedReleaseOn: daysFrom(300), reason: 'relapse' };
    expect((await bearer(t.http().post('/api/trainees/readmissions'), facility).send(body).expect(409)).body.code).toBe(
      'READMISSION_SEALED',
    );
    const dup = await bearer(t.http().post('/api/trainees'), facility)
      .send({
        fullName: '另一个名字',
        identityNumber: person.identityNumber,
        homeDivisionCode: '460100',
        admittedOn: daysFrom(0),
        expectedReleaseOn: daysFrom(300),
      })
      .expect(409);
    expect(dup.body.code).toBe('DUPLICATE_TRAINEE');
  });

  it('unsealing needs a legal basis and a second administrator, lasts the days asked, then the job seals again', async () => {
    const ask = (token: string, b: Record<string, unknown>) => bearer(t.http().post('/api/sealed-records/unseal-requests'), token).send(b);
    const good = { identityNumber: person.identityNumber, basis: 'case_investigation', note: '海口市公安局 2026-118 号协查函', days: 10 };
    expect((await ask(admin, { ...good, basis: 'curiosity' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await ask(admin, { ...good, days: 0 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await ask(admin, { ...good, note: '' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await ask(admin, { ...good, identityNumber: identityNumberFor(1970) }).expect(404)).body.code).toBe('SEALED_RECORD_NOT_FOUND');
    for (const who of [station, employer]) await ask(who, good).expect(403);
    await t.http().post('/api/sealed-records/unseal-requests').send(good).expect(401);

    const req = await ask(admin, good).expect(201);
    expect(req.body).toMatchObject({
      state: 'requested',
      basis: 'case_investigation',
      identityTail: person.identityNumber.slice(-4),
      mayDecide: false,
    });
    expect(JSON.stringify(req.body)).not.toContain(person.name);
    expect((await ask(admin2, good).expect(409)).body.code).toBe('UNSEAL_REQUEST_OPEN');
    const decide = (token: string, decision: string) =>
      bearer(t.http().post(`/api/sealed-records/unseal-requests/${req.body.id}/decision`), token).send({ decision });
    expect((await decide(admin, 'approved').expect(403)).body.code).toBe('UNSEAL_SAME_APPROVER');
    await bearer(t.http().get(`/api/trainees/${person.id}`), station).expect(404);
    const listed = await bearer(t.http().get('/api/sealed-records/unseal-requests'), admin2).expect(200);
    expect(listed.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(listed.body.items[0]).toMatchObject({ id: req.body.id, mayDecide: true });

    await decide(admin2, 'approved').expect(200);
    expect((await decide(admin2, 'approved').expect(409)).body.code).toBe('UNSEAL_REQUEST_DECIDED');
    await bearer(t.http().get(`/api/trainees/${person.id}`), station).expect(200);
    const audit = await t.sql<{ action: string }>(
      `SELECT action FROM audit_log WHERE subject_id = $1 AND action LIKE 'record.unseal%' ORDER BY id`,
      [person.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['record.unseal_request', 'record.unseal']);

    // While the exemption runs the job leaves the record alone; after its last day it seals it again.
    expect((await sealing.run()).sealed).toBe(0);
    const clock = t.app.get(Clock);
    clock.travelTo(new Date(Date.now() + 11 * 86_400_000));
    try {
      expect((await sealing.run()).sealed).toBe(1);
    } finally {
      clock.travelTo(new Date());
    }
    await bearer(t.http().get(`/api/trainees/${person.id}`), station).expect(404);
  });

  it('the retention schedule erases a long-sealed record’s details and keeps the aggregates', async () => {
    const reportsBefore = [await motto(), await abstinence()];
    await t.sql(`UPDATE trainee SET sealed_at = now() - interval '11 years' WHERE id = $1`, [person.id]);
    await insertRow(t, 'activation_code', {
      traineeId: person.id,
      codeHash: 'x'.repeat(64),
      issuedAt: new Date(Date.now() - 200 * 86_400_000).toISOString(),
      expiresAt: new Date(Date.now() - 170 * 86_400_000).toISOString(),
    }).catch(() => undefined);
    const run = await sealing.run();
    expect(run.retention.sealed_personal_data).toBe(1);
    const [row] = await t.sql<Record<string, unknown>>(
      `SELECT full_name, phone, work_history, identity_number_tail, octet_length(identity_number_cipher) AS cipher FROM trainee WHERE id = $1`,
      [person.id],
    );
    expect(row).toEqual({ full_name: '（已删除）', phone: null, work_history: null, identity_number_tail: '****', cipher: 0 });
    const tests = await t.sql(`SELECT 1 FROM follow_up_abstinence a JOIN follow_up_visit v ON v.id = a.visit_id WHERE v.trainee_id = $1`, [
      person.id,
    ]);
    expect(tests).toEqual([]);
    expect([await motto(), await abstinence()]).toEqual(reportsBefore);
    // Erased once: the next run finds nothing more to do, and each run is in the audit log.
    expect((await sealing.run()).retention.sealed_personal_data).toBe(0);
    const applied = await t.sql(`SELECT detail FROM audit_log WHERE action = 'retention.apply'`);
    expect(applied.length).toBeGreaterThanOrEqual(6);
  });

  it('the summary gives counts and the schedule, to administrators only', async () => {
    const res = await bearer(t.http().get('/api/sealed-records/summary'), admin).expect(200);
    expect(res.body).toMatchObject({ sealed: expect.any(Number), erased: 1, sealAfterYears: 3 });
    expect(res.body.retention.map((r: { key: string }) => r.key)).toEqual(
      expect.arrayContaining(['sealed_record', 'sealed_personal_data', 'activation_codes', 'sms_deliveries', 'audit_log']),
    );
    await bearer(t.http().get('/api/sealed-records/summary'), station).expect(403);
  });

  it('lists the requests a page at a time: open first, newest next, id last; the total counts them all', async () => {
    const list = async (query: string, token = admin2) =>
      (await bearer(t.http().get(`/api/sealed-records/unseal-requests?${query}`), token).expect(200)).body as {
        items: { id: string; state: string; mayDecide: boolean }[];
        total: number;
        page: number;
        pageSize: number;
      };
    // Six more requests on six people: two open, four decided, two of them made at the same instant.
    const [asker] = await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE username = 'admin'`);
    const people = await t.sql<{ id: string }>(`SELECT id FROM trainee WHERE id <> $1 ORDER BY id LIMIT 6`, [person.id]);
    expect(people).toHaveLength(6);
    await t.sql(
      `INSERT INTO record_seal (trainee_id, kind, basis, note, state, requested_by, exempt_until, created_at)
       SELECT p.id, 'unseal', 'statutory_query', '分页测试', CASE WHEN p.n <= 2 THEN 'requested' ELSE 'rejected' END, $2,
              current_date + 5, CASE WHEN p.n >= 5 THEN '2025-01-01T00:00:00Z'::timestamptz ELSE now() - make_interval(days => p.n::int) END
         FROM unnest($1::uuid[]) WITH ORDINALITY AS p(id, n)`,
      [people.map((p) => p.id), asker!.id],
    );
    const expected = (
      await t.sql<{ id: string }>(
        `SELECT id FROM record_seal WHERE kind = 'unseal' ORDER BY (state = 'requested') DESC, created_at DESC, id DESC`,
      )
    ).map((r) => r.id);
    expect(expected).toHaveLength(7);

    const one = await list('page=1&pageSize=3');
    const two = await list('page=2&pageSize=3');
    const three = await list('page=3&pageSize=3');
    expect(one).toMatchObject({ page: 1, pageSize: 3, total: 7 });
    expect(two).toMatchObject({ page: 2, pageSize: 3, total: 7 });
    expect(three).toMatchObject({ page: 3, pageSize: 3, total: 7 });
    expect(two.items.map((r) => r.id)).not.toEqual(one.items.map((r) => r.id));
    expect([...one.items, ...two.items, ...three.items].map((r) => r.id)).toEqual(expected);
    expect(one.items.slice(0, 2).map((r) => r.state)).toEqual(['requested', 'requested']);
    // Someone else's open request is the caller's to decide, on every page.
    expect(one.items.slice(0, 2).every((r) => r.mayDecide)).toBe(true);
    expect((await list('page=1&pageSize=3', admin)).items.some((r) => r.mayDecide)).toBe(false);
    expect(await list('page=4&pageSize=3')).toEqual({ items: [], total: 7, page: 4, pageSize: 3 });

    for (const [query, message] of [
      ['pageSize=101', 'pageSize must not be greater than 100'],
      ['page=0', 'page must not be less than 1'],
      ['page=1.5', 'page must be an integer number'],
    ]) {
      const res = await bearer(t.http().get(`/api/sealed-records/unseal-requests?${query}`), admin).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.messageEn).toContain(message);
    }
    // Administrators only, as before.
    for (const who of [station, employer]) await bearer(t.http().get('/api/sealed-records/unseal-requests?page=1'), who).expect(403);
    await t.http().get('/api/sealed-records/unseal-requests?page=1').expect(401);
  });
});
