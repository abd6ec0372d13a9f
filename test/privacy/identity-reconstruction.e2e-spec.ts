import ExcelJS from 'exceljs';
import type { Response, Test } from 'supertest';
import { Clock } from '../../server/src/common/clock';
import { FieldCipher } from '../../server/src/common/crypto/field-cipher';
import { HAINAN_DIVISIONS } from '../../server/src/reference/data/divisions';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * Can someone WITHOUT `identity.unmask` rebuild a trainee's 身份证号 from what the platform shows
 * them? Each attacker below (a counsellor and an admin without the permission, an employer, a
 * trainee) collects every answer that mentions a trainee — caseload pages, files, the Excel export,
 * history, handovers, matching candidates, placements, fairs, the portal — and then, for every
 * trainee they have learnt anything about, enumerates identity numbers the way an attacker would:
 *
 *   region      every 6-digit code starting with the home division's 4 digits (the city and its
 *               counties; when no division is shown, every 46xxxx code),
 *   birth date  every day consistent with what was shown (a full date, a year, an age),
 *   sequence    000–999, consistent with any shown digits and the shown sex,
 *   check       GB 11643 (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, "10X98765432"[sum mod 11]),
 *               equal to the shown last character when there is one.
 *
 * At least 1,000 numbers must remain for every trainee, and the true number must be among them
 * (so the attacker's reading of the answers is right, not merely pessimistic). Separately, no
 * answer may carry a full birth date or more than 4 characters of anyone's identity number.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const MIN_CANDIDATES = 1_000;
/** Counting stops here: more is as good as infinite for this test. */
const CAP = 100_000;

/** What an answer shows about one trainee. */
interface Shown {
  masks: string[];
  birthDates: string[];
  birthYears: number[];
  /** `age` is the age reached in the current calendar year (see TraineeListItemDto.age). */
  ages: number[];
  sexes: ('M' | 'F')[];
  divisionCodes: string[];
}
const nothingShown = (): Shown => ({ masks: [], birthDates: [], birthYears: [], ages: [], sexes: [], divisionCodes: [] });

const digitSum = (s: string, from: number) => [...s].reduce((a, c, i) => a + Number(c) * WEIGHTS[from + i]!, 0);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Every day from 1900-01-01 to `today`, as YYYYMMDD (made once). */
const everyDay = (() => {
  let cached: { today: string; days: string[] } | null = null;
  return (today: string): string[] => {
    if (cached?.today !== today) {
      const days: string[] = [];
      for (let ms = Date.parse('1900-01-01'); ms <= Date.parse(today); ms += 86_400_000) days.push(isoDay(ms).replaceAll('-', ''));
      cached = { today, days };
    }
    return cached.days;
  };
})();

/** The constraint sets an attacker gets from `shown`, and the count of identity numbers meeting all of them. */
function attack(shown: Shown, today: string): { count: number; consistent: (n: string) => boolean } {
  const shownAt = Array.from({ length: 18 }, (_, pos) => [...new Set(shown.masks.map((m) => m[pos]!).filter((c) => c !== '*'))]);
  const fits = (value: string, from: number) => [...value].every((c, i) => shownAt[from + i]!.every((v) => v === c));

  const prefixes = new Set(shown.divisionCodes.map((c) => c.slice(0, 4)));
  const regions: string[] = [];
  if (prefixes.size > 1) {
    /* contradictory: nothing fits */
  } else if (prefixes.size === 1) {
    const [p] = [...prefixes];
    for (let i = 0; i < 100; i++) regions.push(`${p}${String(i).padStart(2, '0')}`);
  } else {
    for (let i = 0; i < 10_000; i++) regions.push(`46${String(i).padStart(4, '0')}`);
  }
  const regionSet = regions.filter((r) => fits(r, 0));

  const thisYear = Number(today.slice(0, 4));
  const years = new Set([...shown.birthYears, ...shown.ages.map((a) => thisYear - a)]);
  const dates = shown.birthDates.map((b) => b.replaceAll('-', ''));
  const days = everyDay(today).filter(
    (d) => dates.every((b) => b === d) && [...years].every((y) => y === Number(d.slice(0, 4))) && fits(d, 6),
  );

  const seqs: string[] = [];
  for (let s = 0; s < 1000; s++) {
    const seq = String(s).padStart(3, '0');
    if (shown.sexes.some((x) => (s % 2 === 1 ? 'M' : 'F') !== x)) continue;
    if (fits(seq, 14)) seqs.push(seq);
  }
  const checks = shownAt[17]!;

  const regionSums = regionSet.map((r) => digitSum(r, 0));
  const daySums = days.map((d) => digitSum(d, 6));
  const seqSums = seqs.map((s) => digitSum(s, 14));
  let count = 0;
  outer: for (const rs of regionSums) {
    for (const ds of daySums) {
      for (const ss of seqSums) {
        const c = CHECK[(rs + ds + ss) % 11]!;
        if (checks.every((v) => v === c) && ++count >= CAP) break outer;
      }
    }
  }
  const regionLookup = new Set(regionSet);
  const dayLookup = new Set(days);
  const seqLookup = new Set(seqs);
  const consistent = (n: string) =>
    regionLookup.has(n.slice(0, 6)) &&
    dayLookup.has(n.slice(6, 14)) &&
    seqLookup.has(n.slice(14, 17)) &&
    checks.every((v) => v === n[17]) &&
    CHECK[digitSum(n.slice(0, 17), 0) % 11] === n[17];
  return { count, consistent };
}

interface Answer {
  route: string;
  status: number;
  body: unknown;
}

interface Truth {
  id: string;
  fullName: string;
  number: string;
  birthDate: string;
}

const DIVISION_BY_NAME = new Map(HAINAN_DIVISIONS.map((d) => [d.name, d.code]));

/** Excel export columns, read the way the attacker would. */
const EXPORT_KEYS: Record<string, string> = {
  姓名: 'fullName',
  性别: 'sex',
  年龄: 'age',
  '身份证号（脱敏）': 'identityNumberMasked',
  户籍: 'homeDivisionName',
};

async function readWorkbook(buf: Buffer): Promise<Record<string, unknown>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: Record<string, unknown>[] = [];
  for (const ws of wb.worksheets) {
    const header = (ws.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const o: Record<string, unknown> = {};
      (row.values as unknown[]).forEach((v, i) => {
        const key = EXPORT_KEYS[header[i] ?? ''] ?? header[i] ?? String(i);
        o[key] = key === 'sex' ? (v === '男' ? 'M' : v === '女' ? 'F' : v) : v;
      });
      rows.push(o);
    });
  }
  return rows;
}

const binary = (r: Test) =>
  r.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

function walk(node: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) for (const n of node) walk(n, visit);
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

describe('privacy: identity numbers cannot be rebuilt without identity.unmask', () => {
  let t: TestApp;
  let today: string;
  let truth: Map<string, Truth>;
  let placementTrainee: Map<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    const cipher = t.app.get(FieldCipher);
    const rows = await t.sql<{ id: string; full_name: string; cipher: Buffer }>(
      `SELECT id, full_name, identity_number_cipher AS cipher FROM trainee`,
    );
    truth = new Map(
      rows.map((r) => {
        const number = cipher.decrypt(r.cipher);
        const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
        return [r.id, { id: r.id, fullName: r.full_name, number, birthDate }];
      }),
    );
    placementTrainee = new Map(
      (await t.sql<{ id: string; trainee_id: string }>(`SELECT id, trainee_id FROM placement`)).map((p) => [p.id, p.trainee_id]),
    );
  });
  afterAll(() => t.close());

  /** Runs every call as `token`, keeping each answer (JSON, or the rows of a workbook). */
  async function collect(token: string, calls: string[]): Promise<Answer[]> {
    const answers: Answer[] = [];
    for (const route of calls) answers.push(await get(token, route));
    return answers;
  }

  async function get(token: string, route: string): Promise<Answer> {
    const req = t.http().get(route).auth(token, { type: 'bearer' });
    if (route.includes('export') || route.endsWith('.xlsx')) {
      const res: Response = await binary(req);
      const body = res.status === 200 ? await readWorkbook(res.body as Buffer) : String(res.body);
      return { route, status: res.status, body };
    }
    const res = await req;
    return { route, status: res.status, body: res.body ?? res.text };
  }

  /** Every page of a paged list. */
  async function allPages(token: string, route: string): Promise<Answer[]> {
    const out: Answer[] = [];
    for (let page = 1; page <= 20; page++) {
      const a = await get(token, `${route}${route.includes('?') ? '&' : '?'}page=${page}&pageSize=100`);
      out.push(a);
      const body = a.body as { items?: unknown[]; total?: number };
      if (a.status !== 200 || !body.items || page * 100 >= (body.total ?? 0)) break;
    }
    return out;
  }

  const idsIn = (answers: Answer[], key: string): string[] => {
    const ids = new Set<string>();
    for (const a of answers)
      walk(a.body, (o) => {
        const v = o[key];
        if (typeof v === 'string') ids.add(v);
      });
    return [...ids];
  };

  /** What the answers show about each trainee, linked as well as an attacker could (better: by the ground truth). */
  function learn(answers: Answer[]): Map<string, Shown> {
    const known = new Map<string, Shown>();
    const about = (id: string) => known.get(id) ?? known.set(id, nothingShown()).get(id)!;
    for (const a of answers) {
      walk(a.body, (o) => {
        const linked = new Set<string>();
        for (const v of Object.values(o)) {
          if (typeof v !== 'string') continue;
          if (truth.has(v)) linked.add(v);
          const p = placementTrainee.get(v);
          if (p) linked.add(p);
        }
        // A workbook row has no id: the attacker matches it by name, shown digits and sex.
        if (linked.size === 0 && typeof o['fullName'] === 'string' && typeof o['identityNumberMasked'] === 'string') {
          const mask = o['identityNumberMasked'];
          const matches = [...truth.values()].filter(
            (tr) => tr.fullName === o['fullName'] && [...mask].every((c, i) => c === '*' || tr.number[i] === c),
          );
          if (matches.length === 1) linked.add(matches[0]!.id);
        }
        for (const id of linked) {
          const s = about(id);
          for (const [k, v] of Object.entries(o)) {
            if (typeof v === 'string' && v.length === 18 && /^[\dX*]{18}$/.test(v) && v.includes('*')) s.masks.push(v);
            if (k === 'birthDate' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) s.birthDates.push(v);
            if (k === 'birthYear' && typeof v === 'number') s.birthYears.push(v);
            if (k === 'age' && typeof v === 'number') s.ages.push(v);
            if (k === 'sex' && (v === 'M' || v === 'F')) s.sexes.push(v);
            if (k === 'homeDivisionCode' && typeof v === 'string') s.divisionCodes.push(v);
            const name =
              k === 'homeDivisionName' || (k === 'divisionName' && 'candidateCode' in o) ? DIVISION_BY_NAME.get(String(v)) : undefined;
            if (name) s.divisionCodes.push(name);
          }
        }
      });
    }
    return known;
  }

  /** The text of every answer, as the caller received it. */
  const textOf = (answers: Answer[]) =>
    answers.map((a) =>
      typeof a.body === 'string' ? a.body : JSON.stringify(a.body, (_k, v) => (v instanceof Date ? v.toISOString() : v)),
    );

  /**
   * Fails with the route when an answer carries anyone's full birth date or more than 4 characters
   * of their identity number (`self`: the trainee reading their own record, which is theirs to see).
   */
  function leaks(answers: Answer[], self?: Truth): string[] {
    const texts = textOf(answers).map((text) => (self ? text.replaceAll(self.number, '<self>') : text));
    const problems: string[] = [];
    texts.forEach((text, i) => {
      const route = answers[i]!.route;
      for (const m of text.match(/[\dX*]{18,}/g) ?? []) {
        if (m.includes('*') && m.replaceAll('*', '').length > 4) problems.push(`${route}: mask shows ${m}`);
      }
      // Windows of 8 identity characters, after phone numbers and uuids are taken out.
      const cleaned = text
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ' ')
        .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, ' ');
      const windows = new Set<string>();
      for (const run of cleaned.match(/[\dX]{8,}/g) ?? []) for (let k = 0; k + 8 <= run.length; k++) windows.add(run.slice(k, k + 8));
      // Dates written out in any of the usual ways, as YYYY-MM-DD.
      const dates = new Set(
        [...text.matchAll(/(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日)/g)].map(
          (m) => `${m[1]}-${(m[2] ?? m[4])!.padStart(2, '0')}-${(m[3] ?? m[5])!.padStart(2, '0')}`,
        ),
      );
      for (const tr of truth.values()) {
        if (tr.id === self?.id) continue;
        if (dates.has(tr.birthDate)) problems.push(`${route}: birth date of ${tr.fullName}`);
        for (let k = 0; k + 8 <= 18; k++) {
          if (windows.has(tr.number.slice(k, k + 8))) problems.push(`${route}: identity characters ${k + 1}–${k + 8} of ${tr.fullName}`);
        }
      }
    });
    return problems.slice(0, 20);
  }

  /**
   * For every trainee the answers say anything about: fewer than 1,000 candidate numbers (`weak`),
   * or a reading of the answers that excludes the true number (`wrong`, a bug in this test).
   */
  function rebuild(answers: Answer[], self?: Truth): { weak: string[]; wrong: string[]; trainees: number; fewest: number } {
    const known = learn(answers);
    if (self) known.delete(self.id);
    const weak: string[] = [];
    const wrong: string[] = [];
    let fewest = Infinity;
    for (const [id, shown] of known) {
      const tr = truth.get(id)!;
      const { count, consistent } = attack(shown, today);
      fewest = Math.min(fewest, count);
      if (count < MIN_CANDIDATES) weak.push(`${tr.fullName} (${id}): ${count} candidates from ${JSON.stringify(shown)}`);
      if (!consistent(tr.number)) wrong.push(`${tr.fullName}: the attacker's reading excludes the true number: ${JSON.stringify(shown)}`);
    }
    return { weak: weak.slice(0, 5), wrong: wrong.slice(0, 5), trainees: known.size, fewest };
  }

  /** Nothing leaks, nobody can be rebuilt; returns how many trainees the answers mentioned and the fewest candidates left. */
  function assertSafe(answers: Answer[], self?: Truth): { trainees: number; fewest: number } {
    const { weak, wrong, trainees, fewest } = rebuild(answers, self);
    expect({ leaks: leaks(answers, self), weak, wrong }).toEqual({ leaks: [], weak: [], wrong: [] });
    return { trainees, fewest };
  }

  /** What staff can open about trainees, for each trainee they can see. */
  async function staffAnswers(token: string, opts: { admin: boolean }): Promise<Answer[]> {
    const answers = [
      ...(await allPages(token, '/api/trainees')),
      ...(await collect(token, ['/api/trainees/caseload-summary', '/api/trainees/export', '/api/trainees/checklists/behind'])),
    ];
    const ids = idsIn(answers, 'id').filter((id) => truth.has(id));
    // Every file; the other per-trainee answers (which carry no identity or birth fields) for a sample.
    for (const [i, id] of ids.entries()) {
      answers.push(await get(token, `/api/trainees/${id}`));
      if (i < 15) {
        answers.push(
          ...(await collect(token, [
            `/api/trainees/${id}/history`,
            `/api/trainees/${id}/checklist`,
            `/api/trainees/${id}/consents`,
            `/api/trainees/${id}/correction-requests`,
            `/api/trainees/${id}/certificates`,
            `/api/matching/trainees/${id}/orders`,
            ...(opts.admin ? [] : [`/api/handovers/suggested-station/${id}`]),
          ])),
        );
      }
    }
    const handovers = await allPages(token, '/api/handovers');
    answers.push(...handovers, ...(await allPages(token, '/api/handovers?state=completed')));
    for (const id of idsIn(handovers, 'id').slice(0, 10)) answers.push(await get(token, `/api/handovers/${id}`));
    const orders = await allPages(token, '/api/orders?state=open');
    answers.push(...orders);
    for (const id of idsIn(orders, 'id').slice(0, 5)) {
      answers.push(...(await allPages(token, `/api/matching/orders/${id}/candidates`)));
    }
    answers.push(...(await allPages(token, '/api/placements')), ...(await allPages(token, '/api/follow-ups?view=all')));
    const fairs = await collect(token, ['/api/fairs']);
    answers.push(...fairs);
    for (const id of idsIn(fairs, 'id').slice(0, 3)) {
      answers.push(...(await collect(token, [`/api/fairs/${id}/registrations`, `/api/fairs/${id}/intents`])));
    }
    // The audit log is the audit administrator's alone (三权分立): see its own case below.
    if (opts.admin) answers.push(...(await collect(token, ['/api/reports/abstinence', '/api/reports/order-funnel'])));
    return answers;
  }

  it('the attack finds the old hole, and not the new display', () => {
    const tr = [...truth.values()][0]!;
    const n = tr.number;
    const home = n.slice(0, 6);
    const sex = Number(n[16]) % 2 === 1 ? 'M' : 'F';
    // What a file used to show: `4601**********123X`, the birth date and the home division.
    const before = attack(
      {
        ...nothingShown(),
        masks: [`${n.slice(0, 4)}${'*'.repeat(10)}${n.slice(-4)}`],
        birthDates: [tr.birthDate],
        divisionCodes: [home],
        sexes: [sex],
      },
      today,
    );
    expect(before.consistent(n)).toBe(true);
    expect(before.count).toBeLessThan(20);
    // What it shows now: `**************123X`, the birth year and the home division (≈ 100 regions × 365 days ÷ 11).
    const after = attack(
      {
        ...nothingShown(),
        masks: [`${'*'.repeat(14)}${n.slice(-4)}`],
        birthYears: [Number(n.slice(6, 10))],
        divisionCodes: [home],
        sexes: [sex],
      },
      today,
    );
    expect(after.consistent(n)).toBe(true);
    expect(after.count).toBeGreaterThan(3_000);
  });

  const withoutUnmask = async (username: string) => {
    const [u] = await t.sql<{ permissions: string[] }>(`SELECT permissions FROM app_user WHERE username = $1`, [username]);
    expect(u!.permissions).not.toContain('identity.unmask');
  };

  it('a facility counsellor without identity.unmask', async () => {
    await withoutUnmask('counsellor2');
    const { token } = await t.login('counsellor2');
    const answers = await staffAnswers(token, { admin: false });
    const { trainees, fewest } = assertSafe(answers);
    expect(trainees).toBeGreaterThan(50);
    expect(fewest).toBeGreaterThanOrEqual(MIN_CANDIDATES);
  });

  it('an admin (who does not hold identity.unmask)', async () => {
    await withoutUnmask('admin');
    const { token } = await t.login('admin');
    const answers = await staffAnswers(token, { admin: true });
    const { trainees, fewest } = assertSafe(answers);
    expect(trainees).toBeGreaterThan(150);
    expect(fewest).toBeGreaterThanOrEqual(MIN_CANDIDATES);
  });

  it('the audit administrator (the audit log) and the security administrator (the accounts)', async () => {
    const auditor = (await t.login('auditor')).token;
    const log = await allPages(auditor, '/api/audit');
    expect(log[0]!.status).toBe(200);
    const security = (await t.login('security')).token;
    const accounts = await allPages(security, '/api/users');
    expect(accounts[0]!.status).toBe(200);
    assertSafe([...log, ...accounts]);
  });

  it('an employer', async () => {
    const { token } = await t.login('employer');
    const orders = await allPages(token, '/api/orders');
    const answers = [...orders];
    for (const id of idsIn(orders, 'id')) {
      const candidates = await collect(token, [`/api/orders/${id}/candidates`, `/api/orders/${id}/fulfilment`]);
      answers.push(...candidates);
      for (const p of idsIn(candidates, 'placementId').slice(0, 5)) answers.push(await get(token, `/api/orders/${id}/candidates/${p}`));
    }
    const fairs = await collect(token, ['/api/fairs']);
    answers.push(...fairs);
    for (const id of idsIn(fairs, 'id').slice(0, 3)) {
      answers.push(...(await collect(token, [`/api/fairs/${id}/candidates`, `/api/fairs/${id}/intents`])));
    }
    expect(assertSafe(answers).trainees).toBeGreaterThan(0);
  });

  it('a trainee (about anyone but themselves)', async () => {
    const { token, userId } = await t.login('trainee');
    const [me] = await t.sql<{ id: string }>(`SELECT id FROM trainee WHERE user_id = $1`, [userId]);
    const self = truth.get(me!.id)!;
    const others = [...truth.keys()].filter((id) => id !== self.id).slice(0, 5);
    const answers = await collect(token, [
      '/api/trainees/me',
      '/api/trainees/me/data',
      '/api/trainees/me/checklist',
      '/api/trainees/me/correction-requests',
      '/api/trainees/me/consents',
      '/api/trainees/me/course-recommendations',
      '/api/trainees/me/certificates',
      '/api/trainees/me/session-enrolments',
      '/api/trainees/me/class-enrolments',
      '/api/trainees/me/diplomas',
      '/api/matching/me/orders',
      '/api/placements',
      '/api/fairs',
      '/api/notifications',
      ...others.map((id) => `/api/trainees/${id}`),
    ]);
    assertSafe(answers, self);
  });
});
