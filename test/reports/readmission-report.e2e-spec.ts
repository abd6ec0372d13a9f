import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { OutcomesService } from '../../server/src/outcomes/outcomes.service';
import { newOrganisation, newTrainee, userIdOf } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * Re-admission within 1, 2 and 3 years of a release is an objective outcome: in the abstinence report
 * and its workbook beside the self-reported and test-verified abstinence, under the same disclosure
 * rules (REPORT_MIN_CELL=2 here, so a numerator or complement of 1 is withheld).
 */
describe('re-admission in the outcome reports (再次入所率)', () => {
  let t: TestApp;
  let admin: string;
  // 2009: no demo or other person was released that year, so the cohort is exactly the six below.
  const COHORT = '2009';

  beforeAll(async () => {
    t = await createTestApp({ REPORT_MIN_CELL: '2' });
    admin = (await t.login('admin')).token;
    const facility = await newOrganisation(t, { name: '再入所报表所', type: 'facility', divisionCode: '460100' });
    const adminId = await userIdOf(t, 'admin');
    // Six releases in March 2009; the next admission of each (null: never admitted again).
    const nextAdmission = ['2009-10-01', '2010-02-01', '2010-06-01', '2011-01-15', '2011-12-01', null];
    for (const [i, admittedAgain] of nextAdmission.entries()) {
      const releasedOn = `2009-03-0${i + 1}`;
      const id = await newTrainee(t, { organisationId: facility, state: 'released', releasedOn });
      if (!admittedAgain) continue;
      // The second episode as a re-admission writes it (the episodes service's own test covers that path).
      await t.sql(
        `INSERT INTO trainee_episode (trainee_id, number, facility_id, admitted_on, expected_release_on, reason, opened_by)
         VALUES ($1, 2, $2, $3, ($3::date + 700), 'relapse', $4)`,
        [id, facility, admittedAgain, adminId],
      );
    }
    // Rows written straight into the tables, as an import would: the rebuild computes the outcome table.
    await t.app.get(OutcomesService).rebuild(t.app.get(DataSource));
  });
  afterAll(() => t.close());

  const rate = (numerator: number | null, denominator: number | null, r: number | null, suppressed = false) => ({
    numerator,
    denominator,
    rate: r,
    suppressed,
  });

  it('counts releases followed by an admission within 1, 2 and 3 years, and withholds a complement of one', async () => {
    const res = await t.http().get(`/api/reports/abstinence?cohort=${COHORT}`).auth(admin, { type: 'bearer' }).expect(200);
    expect(res.body.total.released).toBe(6);
    const years = res.body.total.years as { years: number; eligible: number; readmitted: unknown }[];
    expect(years.map((y) => [y.years, y.eligible, y.readmitted])).toEqual([
      [1, 6, rate(2, 6, 0.3333)],
      [2, 6, rate(4, 6, 0.6667)],
      // 5 of 6: the one not re-admitted would be a count of one.
      [3, 6, rate(null, 6, null, true)],
    ]);
  });

  it('the workbook carries the same counts in its abstinence sheet', async () => {
    const res = await t
      .http()
      .get(`/api/reports/outcomes.xlsx?cohort=${COHORT}`)
      .auth(admin, { type: 'bearer' })
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const sheet = wb.getWorksheet('操守保持')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const total = (sheet.getRow(sheet.rowCount).values as unknown[]).slice(1);
    const cell = (name: string) => total[header.indexOf(name)];
    expect(header).toEqual(expect.arrayContaining(['1年内再次入所', '1年再入所率', '3年内再次入所']));
    expect(cell('1年内再次入所')).toBe(2);
    expect(cell('2年内再次入所')).toBe(4);
    expect(cell('3年内再次入所')).toBe('—');
  });
});
