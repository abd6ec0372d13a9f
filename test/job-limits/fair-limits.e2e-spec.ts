import { Clock } from '../../server/src/common/clock';
import { addYears } from '../../server/src/job-limits/job-limits.rules';
import {
  daysFrom,
  newFair,
  newFairIntent,
  newFairRegistration,
  newFairSlot,
  newOrder,
  newTrainee,
  organisationOf,
  userIdOf,
} from '../factories';
import { newBoothWithOrders } from '../factories/fair-booths';
import { createTestApp, type TestApp } from '../utils/test-app';

const DRIVER = '4-02-02-01'; // 客运车辆驾驶员: three years after release (and not under supervision)
const COOK = '4-03-02-01'; // 中式烹调师: no limit

/**
 * Fairs apply the legal job limits privately: the employer simply does not meet a person who may take
 * none of its jobs there — every answer it gets is the one for a registration that does not exist —
 * while the person's own side is told until when.
 */
describe('job limits at fairs (招聘会的从业限制)', () => {
  let t: TestApp;
  let employer: string;
  let counsellor: string;
  let today: string;
  let facility: string;
  let employerOrg: string;
  let adminId: string;

  const as = (token: string) => ({
    get: (url: string) => t.http().get(url).auth(token, { type: 'bearer' }),
    post: (url: string, body: object = {}) => t.http().post(url).auth(token, { type: 'bearer' }).send(body),
  });

  /** An answer without its request id (each request has its own). */
  const sameAnswer = ({ requestId: _id, ...rest }: { requestId?: string }) => rest;

  beforeAll(async () => {
    t = await createTestApp();
    employer = (await t.login('employer')).token;
    counsellor = (await t.login('counsellor')).token;
    today = t.app.get(Clock).today();
    facility = await organisationOf(t, 'counsellor');
    employerOrg = await organisationOf(t, 'employer');
    adminId = await userIdOf(t, 'admin');
  });
  afterAll(() => t.close());

  /** A fair in a week with the employer's booth bringing `occupations`; one person released a year ago, one four. */
  async function fairWith(occupations: string[]) {
    const fairDate = daysFrom(7, today);
    const fair = await newFair(t, { venueOrganisationId: facility, createdBy: adminId, fairDate });
    const orders = [];
    for (const occupationCode of occupations)
      orders.push(await newOrder(t, { employerId: employerOrg, occupationCode, startDate: daysFrom(30, today) }));
    const booth = await newBoothWithOrders(t, { fairId: fair, employerId: employerOrg, orderIds: orders });
    const slot = await newFairSlot(t, { boothId: booth, startsAt: `${fairDate}T02:00:00Z`, endsAt: `${fairDate}T02:20:00Z` });
    const person = (years: number) =>
      newTrainee(t, { organisationId: facility, state: 'released', releasedOn: addYears(today, -years), jobMatchingConsent: true });
    const recent = await person(1);
    const longAgo = await person(4);
    const regRecent = await newFairRegistration(t, { fairId: fair, traineeId: recent, registeredBy: adminId });
    const regLongAgo = await newFairRegistration(t, { fairId: fair, traineeId: longAgo, registeredBy: adminId });
    const code = async (reg: string) =>
      (await t.sql<{ c: string }>(`SELECT candidate_code AS c FROM fair_registration WHERE id = $1`, [reg]))[0]!.c;
    return { fair, orders, slot, regRecent, regLongAgo, codeRecent: await code(regRecent), codeLongAgo: await code(regLongAgo) };
  }

  it('an employer bringing only driving jobs does not see, invite or propose to a person released a year ago', async () => {
    const f = await fairWith([DRIVER]);
    const listed = (await as(employer).get(`/api/fairs/${f.fair}/candidates`).expect(200)).body as { candidateCode: string }[];
    const codes = listed.map((c) => c.candidateCode);
    expect(codes).toContain(f.codeLongAgo);
    expect(codes).not.toContain(f.codeRecent);
    // Nothing in the list hints at a limit (no field, no count of people left out).
    expect(JSON.stringify(listed)).not.toMatch(/limit|限制|2027|2028|legal|依法/i);

    // The same 404, byte for byte, as for a registration that does not exist.
    const unknown = '00000000-0000-4000-8000-000000000000';
    const inviteLimited = await as(employer).post(`/api/fair-slots/${f.slot}/invitation`, { registrationId: f.regRecent }).expect(404);
    const inviteNobody = await as(employer).post(`/api/fair-slots/${f.slot}/invitation`, { registrationId: unknown }).expect(404);
    expect(sameAnswer(inviteLimited.body)).toEqual(sameAnswer(inviteNobody.body));
    const intentLimited = await as(employer)
      .post(`/api/fairs/${f.fair}/intents`, { registrationId: f.regRecent, orderId: f.orders[0] })
      .expect(404);
    const intentNobody = await as(employer)
      .post(`/api/fairs/${f.fair}/intents`, { registrationId: unknown, orderId: f.orders[0] })
      .expect(404);
    expect(sameAnswer(intentLimited.body)).toEqual(sameAnswer(intentNobody.body));
    // Nothing was written for the limited person.
    expect(await t.sql(`SELECT 1 FROM fair_slot WHERE registration_id = $1`, [f.regRecent])).toHaveLength(0);
    expect(await t.sql(`SELECT 1 FROM fair_intent WHERE registration_id = $1`, [f.regRecent])).toHaveLength(0);

    // The person four years on is an ordinary candidate.
    await as(employer).post(`/api/fair-slots/${f.slot}/invitation`, { registrationId: f.regLongAgo }).expect(200);
  });

  it('a booth with one open job keeps the person a candidate for it', async () => {
    const f = await fairWith([DRIVER, COOK]);
    const codes = ((await as(employer).get(`/api/fairs/${f.fair}/candidates`).expect(200)).body as { candidateCode: string }[]).map(
      (c) => c.candidateCode,
    );
    expect(codes).toEqual(expect.arrayContaining([f.codeRecent, f.codeLongAgo]));
    // Proposing the cook's job is fine; the driving job answers as if the person were not there.
    await as(employer).post(`/api/fairs/${f.fair}/intents`, { registrationId: f.regRecent, orderId: f.orders[1] }).expect(201);
    await as(employer).post(`/api/fairs/${f.fair}/intents`, { registrationId: f.regRecent, orderId: f.orders[0] }).expect(404);
  });

  it("the person's own side is told until when: booking the booth, confirming an intent made before the limit applied", async () => {
    const f = await fairWith([DRIVER]);
    const from = addYears(today, 2).slice(0, 7);
    const booked = await as(counsellor).post(`/api/fair-slots/${f.slot}/booking`, { registrationId: f.regRecent }).expect(400);
    expect(booked.body).toMatchObject({ code: 'FAIR_BOOTH_LEGAL_LIMIT', params: { from } });
    expect(booked.body.message).toContain(from);
    expect(await t.sql(`SELECT 1 FROM fair_slot WHERE registration_id = $1`, [f.regRecent])).toHaveLength(0);

    const intent = await newFairIntent(t, { fairId: f.fair, registrationId: f.regRecent, orderId: f.orders[0]!, createdBy: adminId });
    const answered = await as(counsellor)
      .post(`/api/fair-intents/${intent}/answer`, { answer: 'confirm', textVersion: 1, paperFormRef: 'X-1' })
      .expect(400);
    expect(answered.body).toMatchObject({ code: 'PLACEMENT_LEGAL_LIMIT_INTENT', params: { from } });
    const [row] = await t.sql<{ state: string; placement_id: string | null }>(`SELECT state, placement_id FROM fair_intent WHERE id = $1`, [
      intent,
    ]);
    expect(row).toEqual({ state: 'proposed', placement_id: null });
    // Declining is always possible.
    await as(counsellor).post(`/api/fair-intents/${intent}/answer`, { answer: 'decline' }).expect(200);
  });
});
