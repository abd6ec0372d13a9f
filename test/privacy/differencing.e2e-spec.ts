import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { Clock } from '../../server/src/common/clock';
import { OutcomesService } from '../../server/src/outcomes/outcomes.service';
import { cellId, type CubeRow } from '../../server/src/reports/cohort-cube';
import { ReportsRepository } from '../../server/src/reports/reports.repository';
import { newCertificate, newDiploma, newFollowUpVisit, newHandover, newOrganisation, newTrainee, newUser, userIdOf } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * An attacker's notebook. The outcome reports once took any window of release days, so two windows a
 * day apart (…&releasedTo=2023-04-09, then 2023-04-10) turned "5 of 5 abstinent" into "5 of 6": the one
 * person added had relapsed. Here someone with an admin's and two counsellors' accounts tries again with
 * everything the reports still answer — every cohort (the year 2023 and each quarter), every grouping
 * (facility, station, division, quarter), every narrowing to one group, each counsellor's own view and
 * the workbook — and writes every number down. Then, from those numbers only, as an attacker would:
 *
 *  - the same group and share is the same number (or the same dash) in every answer it appears in;
 *  - no answer shows a share over fewer than k people, or with 1..k−1 people with or without the outcome;
 *  - no pair of answers where one group contains the other (the year and a quarter, a total and a
 *    facility, a facility's year and its quarter) differs by 1..k−1 people with or without it;
 *  - no table gives a withheld row by subtraction: not one alone, and not a sum that is itself small;
 *  - no withheld number follows exactly from all the tables together (elimination over the notebook).
 *
 * k = 5 (the default). The data: the demo's 2023 releases, ~140 more over three facilities, three
 * stations and four divisions, and the six people of the original attack in a facility of their own.
 */
const K = 5;
const YEAR = 2023;
const COHORTS = [`${YEAR}`, ...[1, 2, 3, 4].map((q) => `${YEAR}Q${q}`)];
const GROUPINGS = ['facility', 'station', 'division', 'cohort_quarter'] as const;
const DIMS = ['facility', 'station', 'division'] as const;
type Dim = (typeof DIMS)[number];
type Report = 'motto' | 'abstinence';

interface Rate {
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
  pendingUntil?: string;
}
interface Row {
  key: string | null;
  label: string;
  released: number;
  certificate?: Rate;
  diploma?: Rate;
  employed?: (Rate & { months: number })[];
  years?: { years: number; reached: Rate; abstinent: Rate; testVerified: Rate; readmitted: Rate }[];
}
interface Answer {
  cohort: string;
  groupBy: string;
  rows: Row[];
  total: Row;
}

/** A group as the attacker names it: release period, dimension (or * for everyone), group. */
interface Group {
  period: string;
  dim: Dim | '*';
  key: string;
}
const groupId = (g: Group) => `${g.period}|${g.dim}|${g.key}`;
const contains = (a: Group, b: Group) =>
  (a.period === b.period || (a.period.length === 4 && b.period.startsWith(a.period))) &&
  (a.dim === '*' || (a.dim === b.dim && a.key === b.key));

/** Every share of a row, by name (certificate, employed_3, reached_1, abstinent_1, verified_1 …). */
function shares(report: Report, r: Row): [string, Rate][] {
  if (report === 'motto') {
    return [
      ['certificate', r.certificate!],
      ['diploma', r.diploma!],
      ...r.employed!.map((e) => [`employed_${e.months}`, e] as [string, Rate]),
    ];
  }
  return r.years!.flatMap((y) => [
    [`reached_${y.years}`, y.reached] as [string, Rate],
    [`abstinent_${y.years}`, y.abstinent] as [string, Rate],
    [`verified_${y.years}`, y.testVerified] as [string, Rate],
    [`readmitted_${y.years}`, y.readmitted] as [string, Rate],
  ]);
}

const safe = (n: number, c: number) => (n === 0 || n >= K) && (c === 0 || c >= K);

/** Deterministic numbers for the data (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Unknowns the equations determine exactly (Gauss–Jordan; each equation a list of [unknown, coefficient]). */
function determined(equations: [number, number][][], unknowns: number): Set<number> {
  const rows = equations.map((eq) => {
    const r = new Array<number>(unknowns).fill(0);
    for (const [u, c] of eq) r[u]! += c;
    return r;
  });
  const pivots: [number, number][] = [];
  let top = 0;
  for (let col = 0; col < unknowns && top < rows.length; col++) {
    const at = rows.findIndex((r, i) => i >= top && Math.abs(r[col]!) > 1e-9);
    if (at < 0) continue;
    [rows[top], rows[at]] = [rows[at]!, rows[top]!];
    const p = rows[top]![col]!;
    rows[top] = rows[top]!.map((v) => v / p);
    for (let i = 0; i < rows.length; i++) {
      if (i === top || Math.abs(rows[i]![col]!) < 1e-9) continue;
      const f = rows[i]![col]!;
      rows[i] = rows[i]!.map((v, j) => v - f * rows[top]![j]!);
    }
    pivots.push([top, col]);
    top++;
  }
  return new Set(pivots.filter(([r, col]) => rows[r]!.every((v, j) => j === col || Math.abs(v) < 1e-9)).map(([, col]) => col));
}

describe('privacy: no series of report answers singles anyone out', () => {
  let t: TestApp;
  let admin: string;
  let facilityCounsellor: string;
  let stationCounsellor: string;
  let today: string;
  const org: Record<string, string> = {};
  const get = (token: string, url: string) => t.http().get(url).auth(token, { type: 'bearer' });

  /** What the attacker wrote down: per report and share, each group's numbers and where they were read. */
  const notebook = new Map<string, { rate: Rate; where: string }>();
  const inconsistencies: string[] = [];
  /** Each answer's table: the total is its rows added up. */
  const tables: { report: Report; total: Group; rows: Group[] }[] = [];
  const answers = new Map<string, Answer>();

  function note(report: Report, where: string, a: Answer, selection: { dim: Dim; key: string } | null): void {
    const total: Group = { period: a.cohort, dim: selection?.dim ?? '*', key: selection?.key ?? '' };
    const rows: Group[] = a.rows.map((r) =>
      a.groupBy === 'cohort_quarter' ? { ...total, period: r.key! } : { period: a.cohort, dim: a.groupBy as Dim, key: r.key ?? '∅' },
    );
    tables.push({ report, total, rows });
    answers.set(where, a);
    const write = (g: Group, r: Row) => {
      for (const [name, rate] of shares(report, r)) {
        const id = `${report}|${name}|${groupId(g)}`;
        const seen = notebook.get(id);
        const value = {
          numerator: rate.numerator,
          denominator: rate.denominator,
          suppressed: rate.suppressed,
          pendingUntil: rate.pendingUntil,
        };
        if (!seen) notebook.set(id, { rate: value, where });
        else if (JSON.stringify(seen.rate) !== JSON.stringify(value))
          inconsistencies.push(`${id}: ${JSON.stringify(seen.rate)} in ${seen.where}, ${JSON.stringify(value)} in ${where}`);
      }
    };
    write(total, a.total);
    a.rows.forEach((r, i) => write(rows[i]!, r));
  }

  async function ask(token: string, who: string, report: Report, query: string, selection: { dim: Dim; key: string } | null) {
    const res = await get(token, `/api/reports/${report}?${query}`);
    if (res.status !== 200) throw new Error(`${who} ${report}?${query}: ${res.status} ${JSON.stringify(res.body)}`);
    note(report, `${who} ${report}?${query}`, res.body as Answer, selection);
    return res.body as Answer;
  }

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    admin = (await t.login('admin')).token;
    const one = async <T>(sql: string, params: unknown[] = []) => (await t.sql<T>(sql, params))[0]!;
    const adminId = await userIdOf(t, 'admin');
    for (const [name, type, divisionCode] of [
      ['X0', 'facility', '460200'],
      ['X1', 'facility', '460100'],
      ['X2', 'facility', '460200'],
      ['X3', 'facility', '460400'],
      ['T1', 'community_station', '460100'],
      ['T2', 'community_station', '460200'],
      ['T3', 'community_station', '460400'],
    ] as const) {
      org[name] = await newOrganisation(t, { name: `差分${name}`, type, divisionCode });
    }
    for (const [username, at] of [
      ['diff-facility', 'X1'],
      ['diff-station', 'T1'],
    ]) {
      await newUser(t, { username: username!, organisationId: org[at!]!, displayName: '差分指导员' });
    }
    facilityCounsellor = (await t.login('diff-facility')).token;
    stationCounsellor = (await t.login('diff-station')).token;

    // The people: [released, facility, station, division, plan]; the plan says which visits found what.
    const rnd = random(20230410);
    const pick = <T>(options: [T, number][]): T => {
      let x = rnd();
      for (const [v, w] of options) if ((x -= w) < 0) return v;
      return options[options.length - 1]![0];
    };
    type Plan = { cert: boolean; diploma: boolean; visits: Record<number, { employed: boolean; abstinence?: [string, string] }> };
    const people: { released: string; facility: string; station: string; division: string; plan: Plan }[] = [];
    // The original attack: five abstinent released 3–7 April, a sixth released on 10 April relapsed.
    for (const day of ['03', '04', '05', '06', '07', '10']) {
      people.push({
        released: `${YEAR}-04-${day}`,
        facility: 'X0',
        station: 'T1',
        division: '460200',
        plan: {
          cert: false,
          diploma: false,
          visits: { 12: { employed: true, abstinence: [day === '10' ? 'relapsed' : 'abstinent', 'self_reported'] } },
        },
      });
    }
    for (let i = 0; i < 140; i++) {
      const month = 1 + Math.floor(rnd() * 12);
      const released = `${YEAR}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
      const visits: Plan['visits'] = {};
      for (const m of [1, 3, 6, 12, 24, 36]) {
        if (rnd() < 0.15) continue; // not visited (yet)
        const reached = m >= 12 && rnd() < 0.85;
        visits[m] = {
          employed: rnd() < 0.6,
          abstinence: reached ? [rnd() < 0.1 ? 'relapsed' : 'abstinent', rnd() < 0.35 ? 'test_verified' : 'self_reported'] : undefined,
        };
      }
      people.push({
        released,
        facility: pick([
          ['X1', 0.45],
          ['X2', 0.35],
          ['X3', 0.2],
        ]),
        station: pick([
          ['T1', 0.5],
          ['T2', 0.3],
          ['T3', 0.2],
        ]),
        division: pick([
          ['460100', 0.4],
          ['460200', 0.3],
          ['460400', 0.2],
          ['469001', 0.1],
        ]),
        plan: { cert: rnd() < 0.45, diploma: rnd() < 0.15, visits },
      });
    }
    const occ = (await one<{ code: string }>(`SELECT code FROM occupation ORDER BY code LIMIT 1`)).code;
    const klass = await one<{ id: string; programme_id: string }>(`SELECT id, programme_id FROM diploma_class LIMIT 1`);
    for (const p of people) {
      const id = await newTrainee(t, {
        fullName: '差分',
        homeDivisionCode: p.division,
        organisationId: org[p.station]!,
        state: 'community',
        releasedOn: p.released,
      });
      await newHandover(t, {
        traineeId: id,
        fromOrganisationId: org[p.facility]!,
        toOrganisationId: org[p.station]!,
        releaseDate: p.released,
        createdBy: adminId,
      });
      if (p.plan.cert) await newCertificate(t, { traineeId: id, occupationCode: occ, issuedOn: p.released });
      if (p.plan.diploma)
        await newDiploma(t, {
          traineeId: id,
          classId: klass.id,
          programmeId: klass.programme_id,
          issuedBy: adminId,
          graduatedOn: p.released,
        });
      for (const [m, v] of Object.entries(p.plan.visits)) {
        const due = await one<{ due: string; past: boolean }>(
          `SELECT ($1::date + make_interval(months => $2::int))::date::text AS due, ($1::date + make_interval(months => $2::int))::date <= $3::date AS past`,
          [p.released, Number(m), today],
        );
        if (!due.past) continue;
        await newFollowUpVisit(t, {
          traineeId: id,
          stationId: org[p.station]!,
          monthsAfter: Number(m),
          dueOn: due.due,
          employmentStatus: v.employed ? 'employed' : 'unemployed',
          abstinence: v.abstinence && { status: v.abstinence[0], basis: v.abstinence[1] },
        });
      }
    }

    // The factories write the tables directly: the outcome table the reports count is rebuilt from them.
    await t.app.get(OutcomesService).rebuild(t.app.get(DataSource));

    // The notebook: every cohort × grouping, every narrowing of the year, both counsellors, as they come.
    for (const report of ['motto', 'abstinence'] as const) {
      for (const cohort of COHORTS) {
        for (const groupBy of GROUPINGS) await ask(admin, 'admin', report, `cohort=${cohort}&groupBy=${groupBy}`, null);
        await ask(facilityCounsellor, 'X1 counsellor', report, `cohort=${cohort}`, { dim: 'facility', key: org.X1! });
        await ask(stationCounsellor, 'T1 counsellor', report, `cohort=${cohort}`, { dim: 'station', key: org.T1! });
        await ask(facilityCounsellor, 'X1 counsellor', report, `cohort=${cohort}&groupBy=facility`, { dim: 'facility', key: org.X1! });
      }
      // Each group of the year narrowed to, by quarter: the group's year is the sum of its quarters.
      const params: Record<Dim, string> = { facility: 'facilityId', station: 'stationId', division: 'divisionCode' };
      for (const dim of DIMS) {
        const byDim = answers.get(`admin ${report}?cohort=${YEAR}&groupBy=${dim}`)!;
        for (const row of byDim.rows) {
          if (row.key === null) continue;
          await ask(admin, 'admin', report, `cohort=${YEAR}&${params[dim]}=${row.key}&groupBy=cohort_quarter`, { dim, key: row.key });
          await ask(admin, 'admin', report, `cohort=${YEAR}Q2&${params[dim]}=${row.key}&groupBy=${dim}`, { dim, key: row.key });
        }
      }
    }
  }, 240_000);
  afterAll(() => t.close());

  it('the original attack is refused: no windows of release days, with a message saying what to use', async () => {
    for (const to of ['2023-04-09', '2023-04-10']) {
      const res = await get(admin, `/api/reports/abstinence?facilityId=${org.X0}&releasedTo=${to}`).expect(400);
      expect(res.body.code).toBe('REPORT_COHORT_ONLY');
      expect(res.body.message).toContain('cohort=2024Q2');
      expect(res.body.messageEn).toContain('two windows a day apart differ by one person');
    }
    await get(admin, `/api/reports/motto?releasedFrom=2023-04-01`).expect(400);
    await get(admin, `/api/reports/outcomes.xlsx?releasedFrom=2023-04-01&releasedTo=2023-04-10`).expect(400);
    // The same six people as a cohort: 5 of 6 abstinent says who relapsed, so it is withheld wherever it appears.
    const x0 = [...notebook.entries()].filter(([id]) => id.startsWith('abstinence|abstinent_1|') && id.endsWith(`|facility|${org.X0}`));
    expect(x0.length).toBeGreaterThanOrEqual(2); // the year and the second quarter, at least
    for (const [, { rate }] of x0) expect(rate).toMatchObject({ numerator: null, suppressed: true });
  });

  it('a counsellor cannot cross their own organisation with another dimension', async () => {
    for (const q of ['groupBy=division', 'groupBy=station', `divisionCode=460200`, `stationId=${org.T2}`]) {
      const res = await get(facilityCounsellor, `/api/reports/abstinence?cohort=${YEAR}&${q}`).expect(400);
      expect(['REPORT_CROSS_GROUPING', 'REPORT_ONE_DIMENSION']).toContain(res.body.code);
    }
    await get(admin, `/api/reports/abstinence?cohort=${YEAR}&facilityId=${org.X1}&stationId=${org.T1}`).expect(400);
  });

  it('the same group is the same number in every answer (admin, counsellors, groupings, narrowings)', () => {
    expect(tables.length).toBeGreaterThan(100);
    expect(inconsistencies).toEqual([]);
  });

  it('no answer shows a share over fewer than k people, or with 1..k−1 people on either side', () => {
    const small: string[] = [];
    for (const [id, { rate, where }] of notebook) {
      if (rate.numerator === null) continue;
      const c = rate.denominator! - rate.numerator;
      if (rate.denominator! < K || !safe(rate.numerator, c)) small.push(`${id} ${rate.numerator}/${rate.denominator} in ${where}`);
    }
    expect(small).toEqual([]);
    // And the notebook is not all dashes: the year's abstinence and motto were worth reading.
    const shown = [...notebook.values()].filter((v) => v.rate.numerator !== null).length;
    expect(shown).toBeGreaterThan(50);
  });

  it('no pair of answers, one group inside the other, differs by 1..k−1 people with or without the outcome', () => {
    const bySeries = new Map<string, { g: Group; rate: Rate }[]>();
    for (const [id, { rate }] of notebook) {
      if (rate.numerator === null) continue;
      const [report, name, period, dim, key] = id.split('|') as [string, string, string, Dim | '*', string];
      const list = bySeries.get(`${report}|${name}`) ?? [];
      list.push({ g: { period, dim, key }, rate });
      bySeries.set(`${report}|${name}`, list);
    }
    const leaks: string[] = [];
    let pairs = 0;
    for (const [series, cells] of bySeries) {
      for (const a of cells) {
        for (const b of cells) {
          if (a === b || !contains(a.g, b.g)) continue;
          pairs++;
          const n = a.rate.numerator! - b.rate.numerator!;
          const c = a.rate.denominator! - a.rate.numerator! - (b.rate.denominator! - b.rate.numerator!);
          if (!safe(n, c)) leaks.push(`${series}: ${groupId(a.g)} − ${groupId(b.g)} = ${n} with, ${c} without`);
        }
      }
    }
    expect(pairs).toBeGreaterThan(300);
    expect(leaks).toEqual([]);
  });

  it('no table gives a withheld row by subtracting the shown ones from the total', () => {
    const leaks: string[] = [];
    for (const { report, total, rows } of tables) {
      const names = [...new Set([...notebook.keys()].filter((id) => id.startsWith(`${report}|`)).map((id) => id.split('|')[1]!))];
      for (const name of names) {
        const at = (g: Group) => notebook.get(`${report}|${name}|${groupId(g)}`)!.rate;
        const parent = at(total);
        const nontrivial = (r: Rate) => r.numerator === null && r.denominator !== 0;
        const hidden = rows.filter((g) => nontrivial(at(g)));
        const unknowns = hidden.length + (nontrivial(parent) ? 1 : 0);
        if (unknowns === 1) leaks.push(`${report}|${name}: ${groupId(total)} has one unknown`);
        if (parent.numerator !== null && hidden.length > 0) {
          const shown = rows.filter((g) => at(g).numerator !== null);
          const n = parent.numerator - shown.reduce((s, g) => s + at(g).numerator!, 0);
          const d = parent.denominator! - shown.reduce((s, g) => s + at(g).denominator!, 0);
          if (!safe(n, d - n)) leaks.push(`${report}|${name}: ${groupId(total)} minus its shown rows = ${n} of ${d}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('no withheld number follows exactly from all the tables together', () => {
    const pinned: string[] = [];
    const series = new Set([...notebook.keys()].map((id) => id.split('|').slice(0, 2).join('|')));
    for (const s of series) {
      const [report, name] = s.split('|') as [Report, string];
      const unknown = [...notebook.entries()]
        .filter(([id, { rate }]) => id.startsWith(`${s}|`) && rate.numerator === null && rate.denominator !== 0)
        .map(([id]) => id);
      const index = new Map(unknown.map((id, i) => [id, i]));
      const equations = new Map<string, [number, number][]>();
      for (const { report: r, total, rows } of tables) {
        if (r !== report) continue;
        const eq: [number, number][] = [];
        const u = (g: Group) => index.get(`${report}|${name}|${groupId(g)}`);
        if (u(total) !== undefined) eq.push([u(total)!, 1]);
        for (const g of rows) if (u(g) !== undefined) eq.push([u(g)!, -1]);
        if (eq.length > 0) equations.set(JSON.stringify(eq), eq);
      }
      for (const i of determined([...equations.values()], unknown.length)) pinned.push(unknown[i]!);
    }
    expect(pinned).toEqual([]);
  });

  it('the protection was needed: the counts behind the dashes include small ones and complementary ones', async () => {
    const repo = t.app.get(ReportsRepository);
    const cube = new Map<string, CubeRow>();
    for (const r of await repo.abstinence(YEAR, today)) cube.set(cellId(r.quarter, r.dim, r.key), r);
    const behind = { small: 0, complementary: 0 };
    for (const [id, { rate }] of notebook) {
      const [report, name, period, dim, key] = id.split('|') as [Report, string, string, Dim | '*', string];
      if (report !== 'abstinence' || !name.startsWith('abstinent_') || rate.numerator !== null || rate.denominator === null) continue;
      const quarter = period.length > 4 ? Number(period.slice(5)) : null;
      const row = cube.get(cellId(quarter, dim === '*' ? null : dim, dim === '*' ? null : key === '∅' ? null : key));
      if (!row) {
        expect(rate.denominator).toBe(0); // a group with nobody in that period
        continue;
      }
      const y = name.split('_')[1];
      const n = Number(row[`abstinent_${y}`]);
      const d = Number(row[`reached_${y}`]);
      expect(d).toBe(rate.denominator);
      if (d < K || !safe(n, d - n)) behind.small++;
      else behind.complementary++;
    }
    expect(behind.small).toBeGreaterThan(0);
    expect(behind.complementary).toBeGreaterThan(0);
    // The six of the original attack: 5 abstinent of 6 reached in the second quarter, as the windows showed.
    const x0 = cube.get(cellId(2, 'facility', org.X0!))!;
    expect([x0.abstinent_1, x0.reached_1]).toEqual([5, 6]);
  });

  it('the workbook carries the same numbers and the same dashes, for an admin and for a counsellor', async () => {
    const download = async (token: string, query: string) => {
      const res = await get(token, `/api/reports/outcomes.xlsx?${query}`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as never);
      return wb;
    };
    for (const [token, query, motto, abstinence] of [
      [
        admin,
        `cohort=${YEAR}&groupBy=facility`,
        `admin motto?cohort=${YEAR}&groupBy=facility`,
        `admin abstinence?cohort=${YEAR}&groupBy=facility`,
      ],
      [facilityCounsellor, `cohort=${YEAR}`, `X1 counsellor motto?cohort=${YEAR}`, `X1 counsellor abstinence?cohort=${YEAR}`],
    ] as const) {
      const wb = await download(token, query);
      const cellsOf = (sheet: string) =>
        wb
          .getWorksheet(sheet)!
          .getSheetValues()
          .slice(2)
          .map((r) => (r as unknown[]).slice(1));
      const dash = (r: Rate) => r.numerator ?? '—';
      const m = answers.get(motto)!;
      expect(cellsOf('技能文凭就业')).toEqual(
        [...m.rows, m.total].map((r) => [
          r.label,
          r.released,
          dash(r.certificate!),
          expect.anything(),
          dash(r.diploma!),
          expect.anything(),
          ...r.employed!.flatMap((e) => [e.denominator, dash(e), expect.anything()]),
        ]),
      );
      const a = answers.get(abstinence)!;
      expect(cellsOf('操守保持')).toEqual(
        [...a.rows, a.total].map((r) => [
          r.label,
          r.released,
          ...r.years!.flatMap((y) => [
            expect.anything(),
            dash(y.reached),
            expect.anything(),
            dash(y.abstinent),
            expect.anything(),
            dash(y.testVerified),
            dash(y.readmitted),
            expect.anything(),
          ]),
        ]),
      );
    }
  });
});
