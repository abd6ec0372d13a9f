import pino from 'pino';
import { AppLogger } from '../../server/src/common/logging';
import { newTrainee } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * The public activation route from an attacker's side: it is rate-limited per address like sign-in
 * (AUTH_RATE_LIMIT_PER_MINUTE, low here), so with 31^10 possible codes guessing is hopeless; and with
 * every log line written (LOG_LEVEL=trace), no line carries the code.
 */

const STRONG = 'Fresh#2026start';

describe('activation: throttled, and never logged', () => {
  let t: TestApp;
  const written: string[] = [];
  let restore = (): void => undefined;

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'trace', AUTH_RATE_LIMIT_PER_MINUTE: '6' });
    // Every line of the app goes through the one root logger's stream: keep what it writes.
    const stream = (t.app.get(AppLogger).root as unknown as Record<symbol, { write: (line: string) => unknown }>)[pino.symbols.streamSym]!;
    const write = stream.write;
    stream.write = (line: string) => (written.push(line), write.call(stream, line));
    restore = () => void (stream.write = write);
  });
  afterAll(async () => {
    restore();
    await t?.close();
  });

  it('answers 429 once an address has used its attempts; no log line carries the code', async () => {
    const counsellor = await t.login('counsellor');
    const traineeId = await newTrainee(t, { organisationId: counsellor.organisationId, state: 'pre_release', birthYear: 1986 });
    const issued = await t.http().post(`/api/trainees/${traineeId}/activation-code`).auth(counsellor.token, { type: 'bearer' }).expect(201);
    const code = issued.body.code as string;
    const attempt = (body: Record<string, unknown>) => t.http().post('/api/activation').send(body);

    // 6 a minute from one address: two wrong codes, a wrong year, the real activation, two more guesses…
    expect((await attempt({ code: 'ABCD-EFGH-JK', birthYear: 1986, username: 'guess-1', password: STRONG })).status).toBe(400);
    expect((await attempt({ code: 'BCDE-FGHJ-KM', birthYear: 1986, username: 'guess-2', password: STRONG })).status).toBe(400);
    expect((await attempt({ code, birthYear: 1999, username: 'guess-3', password: STRONG })).status).toBe(400);
    expect((await attempt({ code: code.toLowerCase(), birthYear: 1986, username: 'released-real', password: STRONG })).status).toBe(201);
    expect((await attempt({ code: 'CDEF-GHJK-MN', birthYear: 1986, username: 'guess-4', password: STRONG })).status).toBe(400);
    expect((await attempt({ code: 'DEFG-HJKM-NP', birthYear: 1986, username: 'guess-5', password: STRONG })).status).toBe(400);
    // …then the seventh is refused before anything is checked.
    const refused = await attempt({ code: 'EFGH-JKMN-PQ', birthYear: 1986, username: 'guess-6', password: STRONG });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS' });

    // Sign-in has its own count: the new account still signs in.
    await t.login('released-real', STRONG);

    const log = written.join('');
    // The capture works (trace writes a line per request)…
    expect(log).toContain('/api/activation');
    // …and the code is in none of it, in any spelling.
    const plain = code.replace(/-/g, '');
    expect(log.includes(code)).toBe(false);
    expect(log.toUpperCase().includes(plain)).toBe(false);
    expect(log.toLowerCase().includes(code.toLowerCase())).toBe(false);
    expect(log.includes(STRONG)).toBe(false);
  });
});
