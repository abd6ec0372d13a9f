import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { Clock } from '../../server/src/common/clock';
import { IdempotencyInterceptor } from '../../server/src/common/idempotency/idempotency.interceptor';
import { IdempotencyRepository } from '../../server/src/common/idempotency/idempotency.repository';
import { syntheticCreditCode } from '../../server/src/demo/demo-data';
import { createTestApp, type TestApp } from '../utils/test-app';

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);
const REPLAYED = 'idempotent-replayed';

describe('Idempotency-Key: a repeated submit is answered once', () => {
  let t: TestApp;
  let employer: string;
  let employer2: string;
  let trainee: string;
  let today: string;
  let serial = 0;
  /** A fresh key per case, so the cases cannot see each other's answers. */
  const newKey = () => `test-key-${Date.now().toString(36)}-${++serial}`;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    employer = (await t.login('employer')).token;
    employer2 = (await t.login('employer2')).token;
    trainee = (await t.login('trainee')).token;
  });
  afterAll(() => t.close());

  const order = (title: string, over: Record<string, unknown> = {}) => ({
    title,
    occupationCode: '4-03-02-02',
    headcount: 4,
    requiredLevel: 5,
    divisionCode: '460100',
    wageMin: 4000,
    wageMax: 5500,
    boardAndLodging: 'both',
    startDate: addDays(today, 60),
    deadline: addDays(today, 30),
    ...over,
  });
  const postOrder = (token: string, body: object, key?: string) => {
    const r = t.http().post('/api/orders').auth(token, { type: 'bearer' });
    return (key ? r.set('Idempotency-Key', key) : r).send(body);
  };
  const ordersTitled = async (title: string) =>
    Number((await t.sql<{ n: string }>(`SELECT count(*) AS n FROM job_order WHERE title = $1`, [title]))[0]!.n);

  it('an order sent twice with one key is created once; the repeat gets the first answer, marked as replayed', async () => {
    const key = newKey();
    const first = await postOrder(employer, order('面点师-重复一'), key).expect(201);
    expect(first.headers[REPLAYED]).toBeUndefined();
    const second = await postOrder(employer, order('面点师-重复一'), key).expect(201);
    expect(second.headers[REPLAYED]).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await ordersTitled('面点师-重复一')).toBe(1);
  });

  it('the same body with its keys in another order is the same submit', async () => {
    const key = newKey();
    const body = order('面点师-键序');
    const first = await postOrder(employer, body, key).expect(201);
    const reversed = Object.fromEntries(Object.entries(body).reverse());
    const second = await postOrder(employer, reversed, key).expect(201);
    expect(second.headers[REPLAYED]).toBe('true');
    expect(second.body.id).toBe(first.body.id);
  });

  it('a correction request sent twice with one key is recorded once', async () => {
    const key = newKey();
    const body = { field: 'phone', message: '手机号换了（幂等测试）' };
    const send = () =>
      t.http().post('/api/trainees/me/correction-requests').auth(trainee, { type: 'bearer' }).set('Idempotency-Key', key).send(body);
    const first = await send().expect(201);
    const second = await send().expect(201);
    expect(second.headers[REPLAYED]).toBe('true');
    expect(second.body).toEqual(first.body);
    const rows = await t.sql(`SELECT 1 FROM correction_request WHERE message = $1`, [body.message]);
    expect(rows).toHaveLength(1);
  });

  it('the same key with another body is refused with 422 and a message, and creates nothing', async () => {
    const key = newKey();
    await postOrder(employer, order('面点师-原单'), key).expect(201);
    const other = await postOrder(employer, order('面点师-改单'), key).expect(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(other.body.message).toMatch(/Idempotency-Key/);
    expect(other.body.messageEn).toMatch(/different request/);
    expect(await ordersTitled('面点师-改单')).toBe(0);
  });

  it('the same key on another concrete path (another order) is another request, not a replay', async () => {
    const a = await postOrder(employer, order('面点师-甲')).expect(201);
    const b = await postOrder(employer, order('面点师-乙')).expect(201);
    const key = newKey();
    await t
      .http()
      .patch(`/api/orders/${a.body.id}`)
      .auth(employer, { type: 'bearer' })
      .set('Idempotency-Key', key)
      .send({ headcount: 6 })
      .expect(200);
    const res = await t
      .http()
      .patch(`/api/orders/${b.body.id}`)
      .auth(employer, { type: 'bearer' })
      .set('Idempotency-Key', key)
      .send({ headcount: 6 })
      .expect(422);
    expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('ten concurrent requests with one key create exactly one row and all get its answer', async () => {
    const key = newKey();
    const responses = await Promise.all(Array.from({ length: 10 }, () => postOrder(employer, order('面点师-并发'), key)));
    expect(await ordersTitled('面点师-并发')).toBe(1);
    // Repeats wait for the first run and replay it (409 IDEMPOTENCY_IN_PROGRESS only if it took over 5 s).
    for (const r of responses) expect([201, 409]).toContain(r.status);
    const created = responses.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    expect(created.filter((r) => r.headers[REPLAYED] !== 'true')).toHaveLength(1);
  });

  it('different users with the same key do not see each other’s answer', async () => {
    const key = newKey();
    const mine = await postOrder(employer, order('面点师-同键'), key).expect(201);
    const theirs = await postOrder(employer2, order('面点师-同键'), key).expect(201);
    expect(theirs.headers[REPLAYED]).toBeUndefined();
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await ordersTitled('面点师-同键')).toBe(2);
  });

  it('anonymous callers (public registration) are keyed by client address, which is not stored', async () => {
    const key = newKey();
    const body = {
      organisationName: '海口幂等餐饮有限公司',
      creditCode: syntheticCreditCode('460100', 5101),
      divisionCode: '460100',
      contactName: '郑女士',
      contactPhone: '13912345678',
      username: 'idem-employer',
      password: 'Hire#2026ok',
    };
    const first = await t.http().post('/api/employers/registrations').set('Idempotency-Key', key).send(body).expect(202);
    const second = await t.http().post('/api/employers/registrations').set('Idempotency-Key', key).send(body).expect(202);
    expect(second.headers[REPLAYED]).toBe('true');
    expect(second.body).toEqual(first.body);
    const [row] = await t.sql<{ caller: string }>(`SELECT caller FROM idempotency_key WHERE key = $1`, [key]);
    expect(row!.caller).toMatch(/^anon:[0-9a-f]{40}$/);
    expect(row!.caller).not.toContain('127.0.0.1');
  });

  it('a malformed key is a 400 that names the rule, and nothing runs', async () => {
    for (const bad of ['short', 'has spaces in it', 'x'.repeat(129), 'slash/and%percent']) {
      const res = await t
        .http()
        .post('/api/orders')
        .auth(employer, { type: 'bearer' })
        .set('Idempotency-Key', bad)
        .send(order('面点师-坏键'))
        .expect(400);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_INVALID');
    }
    expect(await ordersTitled('面点师-坏键')).toBe(0);
  });

  it('without a key nothing changes: two submits create two orders', async () => {
    const a = await postOrder(employer, order('面点师-无键')).expect(201);
    const b = await postOrder(employer, order('面点师-无键')).expect(201);
    expect(a.body.id).not.toBe(b.body.id);
    expect(a.headers[REPLAYED]).toBeUndefined();
    expect(await ordersTitled('面点师-无键')).toBe(2);
  });

  it('a failed run is not kept: the retry with the same key runs again', async () => {
    const key = newKey();
    const body = order('面点师-失败', { occupationCode: '9-99-99-99' });
    await postOrder(employer, body, key).expect(400);
    expect(await t.sql(`SELECT 1 FROM idempotency_key WHERE key = $1`, [key])).toHaveLength(0);
    const again = await postOrder(employer, body, key).expect(400);
    expect(again.headers[REPLAYED]).toBeUndefined();
  });

  it('authorization is unchanged: a forbidden caller gets 403 with a key, and the key is not claimed', async () => {
    const key = newKey();
    await postOrder(trainee, order('面点师-越权'), key).expect(403);
    await t.http().post('/api/orders').set('Idempotency-Key', key).send(order('面点师-越权')).expect(401);
    expect(await t.sql(`SELECT 1 FROM idempotency_key WHERE key = $1`, [key])).toHaveLength(0);
  });

  it('every write route of every controller carries the interceptor, and no read route has any interceptor', () => {
    // Reads stay on Nest's direct path (no rxjs pipeline); a write route added later is covered
    // without anyone remembering to decorate it.
    const interceptor = t.app.get(IdempotencyInterceptor);
    const writes = new Set([RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE]);
    const seen = { writes: 0, reads: 0 };
    const wrong: string[] = [];
    for (const moduleRef of t.app.get(ModulesContainer).values()) {
      for (const wrapper of moduleRef.controllers.values()) {
        const prototype = (wrapper.metatype as { prototype: Record<string, unknown> }).prototype;
        for (const name of new MetadataScanner().getAllMethodNames(prototype)) {
          const handler = prototype[name] as object;
          const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
          if (method === undefined) continue;
          const interceptors = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? [];
          const isWrite = writes.has(method);
          seen[isWrite ? 'writes' : 'reads']++;
          const ok = isWrite ? interceptors[0] === interceptor && interceptors.length === 1 : interceptors.length === 0;
          if (!ok) wrong.push(`${wrapper.name}.${name}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(seen.writes).toBeGreaterThan(100);
    expect(seen.reads).toBeGreaterThan(100);
  });

  it('the session routes ignore the header, even a malformed one', async () => {
    await t.http().post('/api/auth/login').set('Idempotency-Key', 'bad').send({ username: 'employer', password: 'Demo#2026' }).expect(200);
    const key = newKey();
    await t.http().post('/api/auth/login').set('Idempotency-Key', key).send({ username: 'employer', password: 'Demo#2026' }).expect(200);
    const again = await t
      .http()
      .post('/api/auth/login')
      .set('Idempotency-Key', key)
      .send({ username: 'employer', password: 'Demo#2026' })
      .expect(200);
    expect(again.headers[REPLAYED]).toBeUndefined();
    expect(await t.sql(`SELECT 1 FROM idempotency_key WHERE key = $1`, [key])).toHaveLength(0);
  });

  it('stores the answer encrypted and expires it after 24 h; deleteExpired() removes expired keys', async () => {
    const key = newKey();
    await postOrder(employer, order('面点师-过期'), key).expect(201);
    const [row] = await t.sql<{ body: Buffer; hours: number; state: string }>(
      `SELECT response_body AS body, state, extract(epoch FROM expires_at - claimed_at) / 3600 AS hours FROM idempotency_key WHERE key = $1`,
      [key],
    );
    expect(row!.state).toBe('done');
    expect(Math.round(Number(row!.hours))).toBe(24);
    expect(row!.body.toString('utf8')).not.toContain('面点师');

    // An expired key is a new key: the submit runs again.
    await t.sql(`UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE key = $1`, [key]);
    const again = await postOrder(employer, order('面点师-过期'), key).expect(201);
    expect(again.headers[REPLAYED]).toBeUndefined();
    expect(await ordersTitled('面点师-过期')).toBe(2);

    await t.sql(`UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE key = $1`, [key]);
    expect(await t.app.get(IdempotencyRepository).deleteExpired()).toBeGreaterThanOrEqual(1);
    expect(await t.sql(`SELECT 1 FROM idempotency_key WHERE key = $1`, [key])).toHaveLength(0);
  });

  it('a claim left running by a dead process is taken over after its lease', async () => {
    const key = newKey();
    await postOrder(employer, order('面点师-租约'), key).expect(201);
    // Pretend the first run died between claim and answer.
    await t.sql(`UPDATE idempotency_key SET state = 'running', response_body = NULL, response_status = NULL WHERE key = $1`, [key]);
    const busy = await postOrder(employer, order('面点师-租约'), key).expect(409);
    expect(busy.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    await t.sql(`UPDATE idempotency_key SET claimed_at = now() - interval '10 minutes' WHERE key = $1`, [key]);
    await postOrder(employer, order('面点师-租约'), key).expect(201);
  }, 30_000);
});
