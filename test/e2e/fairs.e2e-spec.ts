import ExcelJS from 'exceljs';
import { Clock } from '../../server/src/common/clock';
import { newBooth, newBoothWithOrders, newFair, newFairAttendance, newFairSlot, newTrainees, organisationOf, userIdOf } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

describe('order-style job fairs: booths, registrations, slots, the desk, intents and the report', () => {
  let t: TestApp;
  let admin: string;
  let employer: string;
  let employer2: string;
  let counsellor: string;
  let counsellor2: string;
  let trainee: string;
  let today: string;
  let facilityA: string;
  let fairDate: string;
  let order: string;
  let clock: Clock;

  const one = async <T = { id: string }>(sql: string, params?: unknown[]) => (await t.sql<T>(sql, params))[0]!;
  const as = (token: string) => ({
    get: (url: string) => t.http().get(url).auth(token, { type: 'bearer' }),
    post: (url: string, body: object = {}) => t.http().post(url).auth(token, { type: 'bearer' }).send(body),
    patch: (url: string, body: object = {}) => t.http().patch(url).auth(token, { type: 'bearer' }).send(body),
  });

  /** `n` trainees of facility A who consented to job matching (made directly: the records spec covers creation). */
  const consenting = (n: number, tag: string) =>
    newTrainees(t, n, (g) => ({
      fullName: `${tag}${g}`,
      birthYear: 1992,
      organisationId: facilityA,
      state: 'pre_release',
      admittedOn: addDays(today, -300),
      expectedReleaseOn: addDays(today, 20),
      jobMatchingConsent: true,
      skills: [{ occupationCode: '4-03-02-01', level: 5 }],
    }));

  /** A published fair at facility A on the fair day, 09:00–15:00, room for 2 booths. */
  const publishedFair = async () =>
    newFair(t, {
      title: '春季订单式就业推介会',
      venueOrganisationId: facilityA,
      createdBy: await userIdOf(t, 'admin'),
      fairDate,
      startsAt: '09:00',
      endsAt: '15:00',
      boothCapacity: 2,
    });

  /**
   * A published fair where employer A's booth (bringing `order`, with the organisers' note '两张桌子')
   * and employer B's booth (bringing one of its open orders) are approved.
   */
  const fairWithApprovedBooths = async () => {
    const fair = await publishedFair();
    const booth = await newBoothWithOrders(t, {
      fairId: fair,
      employerId: await organisationOf(t, 'employer'),
      orderIds: [order],
      note: '两张桌子',
    });
    const otherOrder = await one(
      `SELECT o.id FROM job_order o JOIN organisation e ON e.id = o.employer_id WHERE e.name = '三亚湾畔餐饮有限公司' AND o.state = 'open' LIMIT 1`,
    );
    const booth2 = await newBoothWithOrders(t, {
      fairId: fair,
      employerId: await organisationOf(t, 'employer2'),
      orderIds: [otherOrder.id],
    });
    await t.sql(`UPDATE job_fair SET booths_taken = 2 WHERE id = $1`, [fair]);
    return { fair, booth, booth2 };
  };

  /** The demo trainee, released today (so that they may register for fairs themselves); returns their trainee id. */
  const releasedDemoTrainee = async () => {
    await t.sql(
      `UPDATE trainee SET state = 'released', released_on = $1 WHERE user_id = (SELECT id FROM app_user WHERE username = 'trainee')`,
      [today],
    );
    return (await one(`SELECT id FROM trainee WHERE user_id = (SELECT id FROM app_user WHERE username = 'trainee')`)).id;
  };

  /** `fairWithApprovedBooths()`, the released demo trainee registered by themselves, and 6 open 20-minute slots at booth A from 10:00. */
  const fairWithRegisteredTrainee = async () => {
    const setup = await fairWithApprovedBooths();
    const traineeId = await releasedDemoTrainee();
    const registration = await newFairAttendance(t, {
      fairId: setup.fair,
      traineeId,
      registeredBy: await userIdOf(t, 'trainee'),
      selfRegistered: true,
    });
    for (let i = 0; i < 6; i++) {
      const start = Date.parse(`${fairDate}T10:00:00+08:00`) + i * 20 * 60_000;
      await newFairSlot(t, {
        boothId: setup.booth,
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 20 * 60_000).toISOString(),
      });
    }
    return { ...setup, traineeId, registration };
  };

  /**
   * The fair day (the clock at 09:30) after the interviews: 55 registered (53 by a counsellor, the demo
   * trainee by themselves, one walk-in), the demo trainee checked in and booked at booth A (its last slot), the walk-in checked in.
   */
  const fairDayAfterInterview = async () => {
    const setup = await fairWithRegisteredTrainee();
    clock.travelTo(new Date(`${fairDate}T09:30:00+08:00`));
    const desk = await userIdOf(t, 'counsellor');
    const checkedInAt = new Date(`${fairDate}T09:30:00+08:00`).toISOString();
    for (const traineeId of await consenting(53, '报名')) await newFairAttendance(t, { fairId: setup.fair, traineeId, registeredBy: desk });
    await t.sql(`UPDATE fair_registration SET checked_in_at = $2, checked_in_by = $3 WHERE id = $1`, [
      setup.registration,
      checkedInAt,
      desk,
    ]);
    const [walker] = await consenting(1, '现场');
    await newFairAttendance(t, {
      fairId: setup.fair,
      traineeId: walker!,
      registeredBy: desk,
      walkIn: true,
      checkedInAt,
      checkedInBy: desk,
    });
    await t.sql(
      `UPDATE fair_slot SET state = 'booked', registration_id = $2, trainee_id = $3
        WHERE id = (SELECT id FROM fair_slot WHERE booth_id = $1 ORDER BY starts_at DESC LIMIT 1)`,
      [setup.booth, setup.registration, setup.traineeId],
    );
    return setup;
  };

  beforeAll(async () => {
    t = await createTestApp();
    clock = t.app.get(Clock);
    today = clock.today();
    fairDate = addDays(today, 7);
    admin = (await t.login('admin')).token;
    employer = (await t.login('employer')).token;
    employer2 = (await t.login('employer2')).token;
    const c = await t.login('counsellor');
    counsellor = c.token;
    facilityA = c.organisationId;
    counsellor2 = (await t.login('counsellor2')).token;
    trainee = (await t.login('trainee')).token;
    order = (
      await one(
        `SELECT o.id FROM job_order o JOIN organisation e ON e.id = o.employer_id WHERE e.name = '海口椰风酒店管理有限公司' AND o.state = 'open' ORDER BY o.title LIMIT 1`,
      )
    ).id;
  });
  afterAll(() => {
    clock.travelTo(new Date());
    return t.close();
  });

  it('an admin creates and publishes a fair; employers and trainees are told the city, never the venue', async () => {
    await t.http().get('/api/fairs').expect(401);
    const bad = await as(admin).post('/api/fairs', { title: '春季招聘会', fairDate, startsAt: '9:00' }).expect(400);
    expect(bad.body.message).toBeDefined();
    const employerOrg = (await one(`SELECT organisation_id AS id FROM app_user WHERE username = 'employer'`)).id;
    const fields = {
      title: '春季订单式招聘会',
      fairDate,
      startsAt: '09:00',
      endsAt: '15:00',
      boothCapacity: 2,
      registrationDeadline: addDays(today, 5),
    };
    const badVenue = await as(admin)
      .post('/api/fairs', { ...fields, venueOrganisationId: employerOrg })
      .expect(400);
    expect(badVenue.body.code).toBe('BAD_VENUE');
    const late = await as(admin)
      .post('/api/fairs', { ...fields, venueOrganisationId: facilityA, endsAt: '08:00' })
      .expect(400);
    expect(late.body.code).toBe('ENDS_BEFORE_START');
    const created = await as(admin)
      .post('/api/fairs', { ...fields, venueOrganisationId: facilityA })
      .expect(201);
    const fair = created.body.id;
    expect(created.body).toMatchObject({ state: 'draft', cityName: '海口市', venueOrganisationId: facilityA });
    // A draft is the admin's alone.
    await as(employer).get(`/api/fairs/${fair}`).expect(404);
    await as(employer).post(`/api/fairs/${fair}/publish`).expect(403);
    await as(admin).post(`/api/fairs/${fair}/publish`).expect(200);
    await as(admin).post(`/api/fairs/${fair}/publish`).expect(400);
    const venueName = (await one<{ name: string }>(`SELECT name FROM organisation WHERE id = $1`, [facilityA])).name;
    for (const token of [employer, trainee]) {
      const seen = await as(token).get(`/api/fairs/${fair}`).expect(200);
      expect(seen.body).toMatchObject({ cityName: '海口市', venueName: null, venueOrganisationId: null, state: 'published' });
      const list = await as(token).get('/api/fairs').expect(200);
      expect(JSON.stringify(list.body)).not.toContain(venueName);
    }
    const staff = await as(counsellor).get(`/api/fairs/${fair}`).expect(200);
    expect(staff.body.venueName).toBe(venueName);
    const edited = await as(admin).patch(`/api/fairs/${fair}`, { title: '春季订单式就业推介会' }).expect(200);
    expect(edited.body.title).toBe('春季订单式就业推介会');
  });

  it('employers apply for booths with their open orders; approvals never pass the booth capacity', async () => {
    const fair = await publishedFair();
    const others = await one(
      `SELECT o.id FROM job_order o JOIN organisation e ON e.id = o.employer_id WHERE e.name = '三亚湾畔餐饮有限公司' LIMIT 1`,
    );
    const wrong = await as(employer)
      .post(`/api/fairs/${fair}/booths`, { orderIds: [others.id] })
      .expect(400);
    expect(wrong.body.code).toBe('BAD_ORDERS');
    await as(employer).post(`/api/fairs/${fair}/booths`, { orderIds: [] }).expect(400);
    const applied = await as(employer)
      .post(`/api/fairs/${fair}/booths`, { orderIds: [order], note: '两张桌子' })
      .expect(201);
    const booth = applied.body.id;
    expect(applied.body).toMatchObject({ state: 'applied', orders: [{ orderId: order }] });
    const dup = await as(employer)
      .post(`/api/fairs/${fair}/booths`, { orderIds: [order] })
      .expect(409);
    expect(dup.body.code).toBe('BOOTH_EXISTS');
    // Not in the programme until approved.
    expect((await as(trainee).get(`/api/fairs/${fair}`).expect(200)).body.programme).toEqual([]);
    const noReason = await as(admin).post(`/api/fair-booths/${booth}/decision`, { decision: 'decline' }).expect(400);
    expect(noReason.body.code).toBe('REASON_REQUIRED');
    await as(admin).post(`/api/fair-booths/${booth}/decision`, { decision: 'approve' }).expect(200);
    const programme = (await as(trainee).get(`/api/fairs/${fair}`).expect(200)).body.programme;
    expect(programme).toHaveLength(1);
    expect(programme[0]).toMatchObject({ employerName: '海口椰风酒店管理有限公司', state: 'approved' });

    // Capacity 2: two more employers apply at once, one fits.
    await as(admin).patch(`/api/fairs/${fair}`, { boothCapacity: 2 }).expect(200);
    const b2 = await as(employer2)
      .post(`/api/fairs/${fair}/booths`, {
        orderIds: [
          (
            await one(
              `SELECT o.id FROM job_order o JOIN organisation e ON e.id = o.employer_id WHERE e.name = '三亚湾畔餐饮有限公司' AND o.state = 'open' LIMIT 1`,
            )
          ).id,
        ],
      })
      .expect(201);
    const third = {
      id: await newBooth(t, {
        fairId: fair,
        employerId: (await one(`SELECT id FROM organisation WHERE name = '儋州汇通物流有限公司'`)).id,
        state: 'applied',
      }),
    };
    const results = await Promise.all(
      [b2.body.id, third.id].map((id: string) => as(admin).post(`/api/fair-booths/${id}/decision`, { decision: 'approve' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('FAIR_FULL');
    const [{ booths_taken }] = (await t.sql<{ booths_taken: number }>(`SELECT booths_taken FROM job_fair WHERE id = $1`, [fair])) as [
      { booths_taken: number },
    ];
    expect(booths_taken).toBe(2);
    const shrink = await as(admin).patch(`/api/fairs/${fair}`, { boothCapacity: 1 }).expect(400);
    expect(shrink.body.code).toBe('CAPACITY_BELOW_BOOTHS');
    // Employers see their own booths, admins all.
    expect((await as(employer).get(`/api/fairs/${fair}/booths`).expect(200)).body).toHaveLength(1);
    expect((await as(admin).get(`/api/fairs/${fair}/booths`).expect(200)).body).toHaveLength(3);
  });

  it('a booth note is the organisers’ alone: never in the programme, never to an employer (its own booth included)', async () => {
    const { fair, booth } = await fairWithApprovedBooths();
    const own = (await as(employer).get(`/api/fairs/${fair}/booths`).expect(200)).body as { id: string; note: string | null }[];
    expect(own).toEqual([expect.objectContaining({ id: booth, note: null })]);
    const all = (await as(admin).get(`/api/fairs/${fair}/booths`).expect(200)).body as { id: string; note: string | null }[];
    expect(all.find((b) => b.id === booth)!.note).toBe('两张桌子');
    for (const token of [employer, employer2, counsellor, trainee]) {
      const seen = [
        (await as(token).get(`/api/fairs/${fair}`).expect(200)).body,
        (await as(token).get('/api/fairs').expect(200)).body,
        ...(token === employer ? [] : [(await as(token).get(`/api/fairs/${fair}/booths`).expect(200)).body]),
      ];
      expect(JSON.stringify(seen)).not.toContain('两张桌子');
    }
    // Another employer reads its own booth only; employer A's is a programme entry to it, its slots a 404.
    const theirs = (await as(employer2).get(`/api/fairs/${fair}/booths`).expect(200)).body as { id: string }[];
    expect(theirs.map((b) => b.id)).not.toContain(booth);
  });

  it('counsellors register in bulk, all or none with every problem named; released trainees register themselves', async () => {
    const fair = await publishedFair();
    const ok = await consenting(3, '报名');
    const noConsent = (
      await one(`SELECT id FROM trainee WHERE organisation_id = $1 AND NOT job_matching_consent AND state <> 'closed' LIMIT 1`, [facilityA])
    ).id;
    const otherOrg = (
      await one(
        `SELECT t.id FROM trainee t JOIN app_user u ON u.organisation_id <> t.organisation_id WHERE u.username = 'counsellor' LIMIT 1`,
      )
    ).id;
    const refused = await as(counsellor)
      .post(`/api/fairs/${fair}/registrations`, { traineeIds: [...ok, noConsent, otherOrg] })
      .expect(400);
    expect(refused.body.code).toBe('REGISTRATION_PROBLEMS');
    expect(refused.body.details.problems.map((p: { code: string }) => p.code).sort()).toEqual(['NOT_FOUND', 'NO_MATCHING_CONSENT']);
    const [{ n }] = (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM fair_registration WHERE fair_id = $1`, [fair])) as [
      { n: number },
    ];
    expect(n).toBe(0);
    const done = await as(counsellor).post(`/api/fairs/${fair}/registrations`, { traineeIds: ok }).expect(201);
    expect(done.body).toHaveLength(3);
    expect(done.body[0].code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    const again = await as(counsellor)
      .post(`/api/fairs/${fair}/registrations`, { traineeIds: [ok[0]] })
      .expect(400);
    expect(again.body.details.problems[0].code).toBe('ALREADY_REGISTERED');
    // Another facility's counsellor sees none of them.
    expect((await as(counsellor2).get(`/api/fairs/${fair}/registrations`).expect(200)).body).toEqual([]);
    expect((await as(counsellor).get(`/api/fairs/${fair}/registrations`).expect(200)).body).toHaveLength(3);

    // The demo trainee is still inside: their counsellor registers them. Once released they may do it themselves.
    const inside = await as(trainee).post(`/api/fairs/${fair}/registrations`).expect(400);
    expect(inside.body.code).toBe('ASK_COUNSELLOR');
    await t.sql(
      `UPDATE trainee SET state = 'released', released_on = $1 WHERE user_id = (SELECT id FROM app_user WHERE username = 'trainee')`,
      [today],
    );
    const self = await as(trainee).post(`/api/fairs/${fair}/registrations`).expect(201);
    expect(self.body[0]).toMatchObject({ selfRegistered: true });
    const mine = await as(trainee).get(`/api/fairs/${fair}/registrations`).expect(200);
    expect(mine.body).toHaveLength(1);
    expect(mine.body[0].code).toBe(self.body[0].code);
  });

  it('50 simultaneous bookings of one slot → 1; a trainee is never in two overlapping slots', async () => {
    const { fair, booth } = await fairWithApprovedBooths();
    const outside = await as(employer)
      .post(`/api/fair-booths/${booth}/slots`, { startsAt: `${fairDate}T07:00:00+08:00`, minutes: 20, count: 2 })
      .expect(400);
    expect(outside.body.code).toBe('SLOTS_OUTSIDE_FAIR');
    await as(employer2)
      .post(`/api/fair-booths/${booth}/slots`, { startsAt: `${fairDate}T10:00:00+08:00`, minutes: 20, count: 2 })
      .expect(404);
    const slots = await as(employer)
      .post(`/api/fair-booths/${booth}/slots`, { startsAt: `${fairDate}T10:00:00+08:00`, minutes: 20, count: 6 })
      .expect(201);
    expect(slots.body).toHaveLength(6);
    const slot = slots.body[0].id as string;

    const many = await consenting(50, '抢位');
    const regs = (await as(counsellor).post(`/api/fairs/${fair}/registrations`, { traineeIds: many }).expect(201)).body as { id: string }[];
    const results = await Promise.all(regs.map((r) => as(counsellor).post(`/api/fair-slots/${slot}/booking`, { registrationId: r.id })));
    const byStatus = results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    expect(byStatus).toEqual({ 200: 1, 409: 49 });
    expect(results.find((r) => r.status === 409)!.body.code).toBe('SLOT_TAKEN');
    const [row] = await t.sql(`SELECT state, registration_id IS NOT NULL AS held, booked_assisted FROM fair_slot WHERE id = $1`, [slot]);
    expect(row).toEqual({ state: 'booked', held: true, booked_assisted: true });

    // An overlapping slot at another booth, for the same trainee.
    const booth2 = (await one(`SELECT id FROM fair_booth WHERE fair_id = $1 AND state = 'approved' AND id <> $2 LIMIT 1`, [fair, booth]))
      .id;
    const overlap = {
      id: await newFairSlot(t, { boothId: booth2, startsAt: `${fairDate}T10:10:00+08:00`, endsAt: `${fairDate}T10:30:00+08:00` }),
    };
    const holder = results.findIndex((r) => r.status === 200);
    const clash = await as(counsellor).post(`/api/fair-slots/${overlap.id}/booking`, { registrationId: regs[holder]!.id }).expect(409);
    expect(clash.body.code).toBe('SLOT_OVERLAP');
    // Giving the slot back frees it.
    await as(counsellor).post(`/api/fair-slots/${slot}/release`, { registrationId: regs[holder]!.id }).expect(200);
    await as(counsellor).post(`/api/fair-slots/${overlap.id}/booking`, { registrationId: regs[holder]!.id }).expect(200);
    // Another facility's counsellor cannot act with facility A's registrations; a counsellor names the registration.
    await as(counsellor2).post(`/api/fair-slots/${slot}/booking`, { registrationId: regs[0]!.id }).expect(404);
    await as(counsellor2).post(`/api/fair-slots/${overlap.id}/release`, { registrationId: regs[holder]!.id }).expect(404);
    const unnamed = await as(counsellor).post(`/api/fair-slots/${slot}/booking`).expect(400);
    expect(unnamed.body.code).toBe('REGISTRATION_REQUIRED');
    const [stillOpen] = await t.sql(`SELECT state FROM fair_slot WHERE id = $1`, [slot]);
    expect(stillOpen).toEqual({ state: 'open' });
    // Trainees see free slots and their own, employers the codes of who holds what.
    const seenByTrainee = (await as(trainee).get(`/api/fair-booths/${booth}/slots`).expect(200)).body as {
      state: string;
      candidateCode: string | null;
    }[];
    expect(seenByTrainee.every((s) => s.state === 'open' || s.candidateCode === null)).toBe(true);
    const seenByEmployer = (await as(employer).get(`/api/fair-booths/${booth}/slots`).expect(200)).body;
    expect(seenByEmployer).toHaveLength(6);
  });

  it('an employer invites a candidate (seen only as a code) and the trainee accepts on their phone', async () => {
    const { fair, booth } = await fairWithRegisteredTrainee();
    const candidates = await as(employer).get(`/api/fairs/${fair}/candidates`).expect(200);
    const name = (
      await one<{ full_name: string }>(`SELECT full_name FROM trainee WHERE user_id = (SELECT id FROM app_user WHERE username = 'trainee')`)
    ).full_name;
    expect(JSON.stringify(candidates.body)).not.toContain(name);
    expect(candidates.body[0]).toEqual(
      expect.objectContaining({ candidateCode: expect.stringMatching(/^F/), skills: expect.any(Array), divisionName: expect.any(String) }),
    );
    expect(Object.keys(candidates.body[0]).sort()).toEqual(
      [
        'candidateCode',
        'certificates',
        'checkedIn',
        'diplomas',
        'divisionName',
        'preferredIndustries',
        'registrationId',
        'skills',
        'wageExpectation',
      ].sort(),
    );
    // Employer B has an approved booth too, but employer2's view of employer A's booth is a 404.
    await as(employer2).get(`/api/fair-booths/${booth}/slots`).expect(404);

    const myReg = (await as(trainee).get(`/api/fairs/${fair}/registrations`).expect(200)).body[0];
    const free = ((await as(employer).get(`/api/fair-booths/${booth}/slots`).expect(200)).body as { id: string; state: string }[]).find(
      (s) => s.state === 'open',
    )!;
    await as(employer2).post(`/api/fair-slots/${free.id}/invitation`, { registrationId: myReg.id }).expect(404);
    const invited = await as(employer).post(`/api/fair-slots/${free.id}/invitation`, { registrationId: myReg.id }).expect(200);
    expect(invited.body).toMatchObject({ state: 'invited', candidateCode: myReg.candidateCode });
    const note = await t.sql(`SELECT kind FROM notification WHERE kind = 'fair.interview_invitation'`);
    expect(note).toHaveLength(1);
    const accepted = await as(trainee).post(`/api/fair-slots/${free.id}/booking`).expect(200);
    expect(accepted.body).toMatchObject({ state: 'booked', mine: true });
    const mine = (await as(trainee).get(`/api/fairs/${fair}/registrations`).expect(200)).body[0];
    expect(mine.slots.map((s: { id: string }) => s.id)).toContain(free.id);
  });

  it('the desk checks people in on the day only: early, repeat, unknown code, walk-in, another facility', async () => {
    const { fair } = await fairWithApprovedBooths();
    await releasedDemoTrainee();
    await as(trainee).post(`/api/fairs/${fair}/registrations`).expect(201);
    const mine = (await as(trainee).get(`/api/fairs/${fair}/registrations`).expect(200)).body[0];
    const early = await as(counsellor).post(`/api/fairs/${fair}/check-ins`, { code: mine.code }).expect(400);
    expect(early.body.code).toBe('TOO_EARLY');
    expect(early.body.message).toContain(fairDate);
    clock.travelTo(new Date(`${fairDate}T09:30:00+08:00`));
    const typed = `${mine.code.slice(0, 4).toLowerCase()}-${mine.code.slice(4)}`;
    const first = await as(counsellor).post(`/api/fairs/${fair}/check-ins`, { code: typed }).expect(200);
    expect(first.body).toMatchObject({ registrationId: mine.id, alreadyCheckedIn: false });
    const repeat = await as(admin).post(`/api/fairs/${fair}/check-ins`, { code: mine.code }).expect(200);
    expect(repeat.body).toMatchObject({ alreadyCheckedIn: true, checkedInAt: first.body.checkedInAt });
    const unknown = await as(counsellor).post(`/api/fairs/${fair}/check-ins`, { code: 'ZZZZZZZZ' }).expect(404);
    expect(unknown.body.code).toBe('UNKNOWN_CODE');
    await as(counsellor).post(`/api/fairs/${fair}/check-ins`, { code: 'O0O0' }).expect(400);
    // Only the venue's staff run the desk.
    await as(counsellor2).post(`/api/fairs/${fair}/check-ins`, { code: mine.code }).expect(404);
    const [walker] = await consenting(1, '现场');
    const walkIn = await as(counsellor).post(`/api/fairs/${fair}/walk-ins`, { traineeId: walker }).expect(200);
    expect(walkIn.body).toMatchObject({ walkIn: true, alreadyCheckedIn: false });
    const walkAgain = await as(counsellor).post(`/api/fairs/${fair}/walk-ins`, { traineeId: walker }).expect(200);
    expect(walkAgain.body.alreadyCheckedIn).toBe(true);
  });

  it('an intent confirmed by the trainee becomes a placement; offer and hire follow; the report and its Excel agree', async () => {
    const { fair } = await fairDayAfterInterview();
    const mine = (await as(trainee).get(`/api/fairs/${fair}/registrations`).expect(200)).body[0];
    const notBrought = await one(
      `SELECT id FROM job_order WHERE employer_id = (SELECT organisation_id FROM app_user WHERE username = 'employer') AND id <> $1 AND state = 'open' LIMIT 1`,
      [order],
    );
    const wrong = await as(employer).post(`/api/fairs/${fair}/intents`, { registrationId: mine.id, orderId: notBrought.id }).expect(400);
    expect(wrong.body.code).toBe('ORDER_NOT_AT_FAIR');
    const intent = await as(employer)
      .post(`/api/fairs/${fair}/intents`, { registrationId: mine.id, orderId: order, note: '试用期一个月' })
      .expect(201);
    expect(intent.body).toMatchObject({ state: 'proposed', traineeName: null, candidateCode: mine.candidateCode });
    await as(employer).post(`/api/fairs/${fair}/intents`, { registrationId: mine.id, orderId: order }).expect(409);
    // Intents reach the employer that proposed them and the trainee's side, nobody else.
    expect((await as(employer2).get(`/api/fairs/${fair}/intents`).expect(200)).body).toEqual([]);
    expect((await as(counsellor2).get(`/api/fairs/${fair}/intents`).expect(200)).body).toEqual([]);
    const theirs = (await as(trainee).get(`/api/fairs/${fair}/intents`).expect(200)).body;
    expect(theirs).toEqual([expect.objectContaining({ id: intent.body.id, note: '试用期一个月', traineeName: expect.any(String) })]);
    await as(counsellor2)
      .post(`/api/fair-intents/${intent.body.id}/answer`, { answer: 'confirm', textVersion: 1, paperFormRef: 'X-1' })
      .expect(404);
    const outdated = await as(trainee)
      .post(`/api/fair-intents/${intent.body.id}/answer`, { answer: 'confirm', textVersion: 7 })
      .expect(400);
    expect(outdated.body.code).toBe('CONSENT_TEXT_OUTDATED');
    const confirmed = await as(trainee)
      .post(`/api/fair-intents/${intent.body.id}/answer`, { answer: 'confirm', textVersion: 1 })
      .expect(200);
    expect(confirmed.body.state).toBe('confirmed');
    const placement = confirmed.body.placementId as string;
    // The demo trainee was already recommended for this order: the intent moves that placement on.
    const [p] = await t.sql(`SELECT state, source FROM placement WHERE id = $1`, [placement]);
    expect(p).toEqual({ state: 'accepted_by_trainee', source: 'counsellor' });
    const [ev] = await t.sql(`SELECT note, actor_role FROM placement_event WHERE placement_id = $1 AND to_state = 'accepted_by_trainee'`, [
      placement,
    ]);
    expect(ev).toEqual({ note: '招聘会意向书 · intent at a fair', actor_role: 'trainee' });
    // The employer now sees the name (the trainee agreed to share it), and goes on through placements.
    const cand = await as(employer).get(`/api/orders/${order}/candidates/${placement}`).expect(200);
    expect(cand.body.fullName).not.toBeNull();
    await as(employer).post(`/api/orders/${order}/candidates/${placement}/offer`, { offeredWage: 5200 }).expect(200);
    await as(employer)
      .post(`/api/orders/${order}/candidates/${placement}/hire`, { hiredOn: addDays(fairDate, 10) })
      .expect(200);

    const report = await as(admin).get(`/api/fairs/${fair}/report`).expect(200);
    expect(report.body).toMatchObject({ registered: 55, checkedIn: 2, walkIns: 1, interviewed: 1, intents: 1, offers: 1, hires: 1 });
    const a = report.body.byEmployer.find((r: { employerName: string }) => r.employerName === '海口椰风酒店管理有限公司');
    expect(a).toMatchObject({ booked: 1, interviewed: 1, intents: 1, offers: 1, hires: 1 });
    expect(report.body.byOrder.find((r: { orderTitle: string }) => r.orderTitle)).toBeDefined();
    await as(employer).get(`/api/fairs/${fair}/report`).expect(403);
    const xlsx = await as(admin)
      .get(`/api/fairs/${fair}/report.xlsx`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const summary = wb.getWorksheet('汇总')!;
    expect(summary.getRow(3).values).toEqual([undefined, '报名', 55]);
    expect(summary.getRow(9).values).toEqual([undefined, '入职', 1]);
    const intents = await as(employer).get(`/api/fairs/${fair}/intents`).expect(200);
    expect(intents.body[0].traineeName).toBeNull();
    await as(admin).post(`/api/fairs/${fair}/close`).expect(200);
  });
});
