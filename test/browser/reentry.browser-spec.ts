import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { identityCheckChar } from '../../server/src/common/check-digits';
import { Clock } from '../../server/src/common/clock';
import { browserSession, describeBrowser, DESKTOP, PHONE, SCREENSHOT_DIR } from '../utils/browser';
import { type TestApp } from '../utils/test-app';

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);
const SHOTS = process.env.REENTRY_SHOTS_DIR ?? join(SCREENSHOT_DIR, 'reentry-ui');

/**
 * Re-entry: the system administrator keeps the 从业限制 rules (add, deactivate); a facility counsellor
 * records that a released person is admitted again (one record, a second admission), and the file
 * shows the admissions and the legal job limits on the person. Photographed on a phone and a desktop,
 * in Chinese and English.
 */
describeBrowser('re-entry: job limits, re-admission, admissions', () => {
  const suite = browserSession({
    // The re-admission of an unknown number answers 404 on purpose.
    expected: (m) => /status of 404/.test(m.text()),
  });
  const { problems, open, signIn } = suite;
  let t: TestApp;
  let base: string;
  let today: string;
  let serial = 0;

  beforeAll(() => {
    ({ t, base } = suite);
    today = t.app.get(Clock).today();
    mkdirSync(SHOTS, { recursive: true });
  });

  /** A screenshot into SHOTS; `fullPage: false` for dialogs and drawers (fixed over the page). */
  async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage, animations: 'disabled' });
  }

  const english = (page: Page) => page.addInitScript("localStorage.setItem('jbh.lang', 'en')");

  /** A valid identity number no record has (birth dates in 1991, a serial per run). */
  const identity = (n: number) => {
    const now = Date.now();
    const month = String(1 + (n % 9)).padStart(2, '0');
    const day = String(10 + (Math.floor(now / 1000) % 18));
    const first17 = `4601001991${month}${day}${String((now + n * 7) % 1000).padStart(3, '0')}`;
    return first17 + identityCheckChar(first17);
  };

  /** A facility-A trainee released today to the 海口 station through a completed handover. */
  async function released(name: string): Promise<{ id: string; identityNumber: string }> {
    const facility = (await t.login('counsellor')).token;
    const station = (await t.login('station')).token;
    const identityNumber = identity(++serial);
    const created = await t
      .http()
      .post('/api/trainees')
      .auth(facility, { type: 'bearer' })
      .send({
        fullName: name,
        identityNumber,
        homeDivisionCode: '460100',
        admittedOn: addDays(today, -700),
        expectedReleaseOn: addDays(today, 5),
      })
      .expect(201);
    const id = created.body.id as string;
    const h = await t
      .http()
      .post('/api/handovers')
      .auth(facility, { type: 'bearer' })
      .send({ traineeId: id, releaseDate: today })
      .expect(201);
    await t.http().post(`/api/handovers/${h.body.id}/send`).auth(facility, { type: 'bearer' }).expect(200);
    await t.http().post(`/api/handovers/${h.body.id}/accept`).auth(station, { type: 'bearer' }).expect(200);
    await t
      .http()
      .post(`/api/handovers/${h.body.id}/complete`)
      .auth(station, { type: 'bearer' })
      .send({
        escortName: '陈指导员',
        receivingOfficer: '符社工',
        documents: ['诊断评估结果'],
        handoverPlace: '社区康复指导站',
        handedOverOn: today,
      })
      .expect(200);
    return { id, identityNumber };
  }

  it('an admin adds a rule (a whole group, barred) and deactivates it', async () => {
    const [occupation] = await t.sql<{ code: string; name: string }>(
      `SELECT o.code, o.name FROM occupation o
        WHERE NOT EXISTS (SELECT 1 FROM job_limit_rule r WHERE r.occupation_prefix = o.code) AND o.code LIKE '4-%'
        ORDER BY o.code LIMIT 1`,
    );
    const { code, name } = occupation!;
    const { context, page } = await open(DESKTOP, 'admin');
    await signIn(page, 'admin', 'admin');
    await page.goto(`${base}/admin/job-limits`);
    await page.getByTestId('jl-rule').first().waitFor();
    expect(await page.getByTestId('jl-intro').textContent()).toContain('用人单位也看不到原因');
    const seeded = page.locator('[data-testid=jl-rule][data-prefix="4-07-05-01"]');
    expect(await seeded.getByTestId('jl-kind').textContent()).toContain('终身禁止');
    expect(await page.locator('[data-testid=jl-rule][data-prefix="4-02-02-01"]').getByTestId('jl-kind').textContent()).toContain(
      '等待期 3 年',
    );
    await shoot(page, 'job-limits-zh-desktop');

    await page.getByTestId('jl-add').click();
    await page.getByTestId('jl-occupation').click();
    await page.keyboard.type(code);
    await page
      .locator('nz-option-item', { hasText: `${code} ${name}` })
      .first()
      .click();
    await page.getByTestId('jl-kind-barred').click();
    // Barred for good: the years field goes (after the next render, not at the click).
    await page.getByTestId('jl-years').waitFor({ state: 'detached' });
    await page.getByTestId('jl-reference').fill('《测试条例》第一条第（一）项');
    await page.getByTestId('jl-summary-zh').fill('测试用规则：不得从事此职业。');
    await page.getByTestId('jl-summary-en').fill('Test rule: may not work in this occupation.');
    await shoot(page, 'job-limits-form-zh-desktop', false);
    await page.getByTestId('jl-save').click();
    const added = page.locator(`[data-testid=jl-rule][data-prefix="${code}"]`);
    await added.waitFor();
    expect(await added.textContent()).toContain(name);
    const [row] = await t.sql<{ id: string; active: boolean; kind: string }>(
      `SELECT id, active, kind FROM job_limit_rule WHERE occupation_prefix = $1 ORDER BY created_at DESC LIMIT 1`,
      [code],
    );
    expect(row).toMatchObject({ active: true, kind: 'barred' });

    await added.getByTestId('jl-deactivate').click();
    await page.locator('.ant-popover-buttons .ant-btn-primary').click();
    await added.waitFor({ state: 'detached' });
    const [after] = await t.sql<{ active: boolean }>(`SELECT active FROM job_limit_rule WHERE id = $1`, [row!.id]);
    expect(after!.active).toBe(false);
    await page.getByTestId('jl-show-inactive').click();
    await added.getByTestId('jl-inactive-tag').waitFor();
    await shoot(page, 'job-limits-inactive-zh-desktop');
    await context.close();

    // The other three views of the list and the form.
    for (const [label, viewport, en] of [
      ['zh-phone', PHONE, false],
      ['en-phone', PHONE, true],
      ['en-desktop', DESKTOP, true],
    ] as const) {
      const s = await open(viewport, `admin-${label}`);
      if (en) await english(s.page);
      await signIn(s.page, 'admin', 'admin');
      await s.page.goto(`${base}/admin/job-limits`);
      await s.page.getByTestId('jl-rule').first().waitFor();
      if (en) expect(await s.page.getByTestId('jl-intro').textContent()).toContain('employers never see why');
      await shoot(s.page, `job-limits-${label}`);
      await s.page.locator('[data-testid=jl-rule][data-prefix="4-02-02-01"]').getByTestId('jl-edit').click();
      await s.page.getByTestId('jl-years').waitFor();
      await shoot(s.page, `job-limits-edit-${label}`, false);
      await s.context.close();
    }
  }, 300_000);

  let person: { id: string; identityNumber: string } | undefined;

  it('a facility counsellor re-admits a released person; the file shows the admissions and the job limits', async () => {
    const me = await released(`再入所测试${Date.now() % 10000}`);
    person = me;
    const expected = addDays(today, 300);
    const { context, page } = await open(PHONE, 'counsellor');
    await signIn(page, 'counsellor', 'counsellor');
    await page.goto(`${base}/trainees`);
    await page.getByTestId('caseload-readmit').click();
    await page.getByTestId('readmission-form').waitFor();

    // A number no record has: 404, and 新建档案 keeps the number.
    const unknown = identity(++serial);
    await page.getByTestId('readm-identity').fill(unknown);
    await page.getByTestId('readm-admitted').fill(today);
    await page.getByTestId('readm-release').fill(expected);
    await page.getByTestId('readm-reason-relapse').click();
    await page.getByTestId('readm-submit').click();
    await page.getByTestId('readm-create-instead').waitFor();
    await shoot(page, 'readmission-no-record-zh-phone');
    await page.getByTestId('readm-create-instead').click();
    await page.getByTestId('form-identity').waitFor();
    expect(await page.getByTestId('form-identity').inputValue()).toBe(unknown);
    expect(await page.getByTestId('form-release').inputValue()).toBe(expected);
    await shoot(page, 'readmission-create-instead-zh-phone', false);
    await page
      .locator('.ant-drawer-content')
      .filter({ has: page.getByTestId('form-identity') })
      .locator('.ant-drawer-close')
      .click();

    await page.getByTestId('readm-identity').fill(me.identityNumber);
    await page.getByTestId('readm-identity-hint').filter({ hasText: '校验通过' }).waitFor();
    await shoot(page, 'readmission-form-zh-phone');
    await page.getByTestId('readm-submit').click();
    await page.waitForURL(new RegExp(`/trainees/${me.id}`));
    const card = page.getByTestId('episodes-card');
    await card.waitFor();
    expect(await card.getByTestId('episode').count()).toBe(2);
    expect(await card.getByTestId('episode').nth(1).textContent()).toContain('第 2 次入所');
    expect(await card.getByTestId('episode').nth(1).textContent()).toContain('复吸');
    await shoot(page, 'episodes-zh-phone');

    await page.goto(`${base}/trainees/${me.id}?tab=placements`);
    const limits = page.getByTestId('job-limits-card');
    await limits.waitFor();
    expect(await limits.textContent()).toContain('保安员');
    expect(await limits.getByTestId('job-limit-barred').count()).toBeGreaterThan(0);
    // Driving: 3 years after the release to come, and not while supervised.
    const driving = limits.getByTestId('job-limit').filter({ hasText: '客运车辆驾驶员' });
    expect(await driving.textContent()).toContain(`可从 ${Number(expected.slice(0, 4)) + 3}-`);
    expect(await driving.getByTestId('job-limit-supervised').count()).toBe(1);
    await shoot(page, 'job-limits-card-zh-phone');
    await context.close();

    const [{ n }] = (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM trainee_episode WHERE trainee_id = $1`, [me.id])) as [
      { n: number },
    ];
    expect(n).toBe(2);
  }, 300_000);

  it('the caseload button, the form, the admissions and the limits on the other screens and in English', async () => {
    expect(person).toBeDefined();
    const { id, identityNumber } = person!;
    for (const [label, viewport, en] of [
      ['zh-desktop', DESKTOP, false],
      ['en-phone', PHONE, true],
      ['en-desktop', DESKTOP, true],
    ] as const) {
      const s = await open(viewport, `counsellor-${label}`);
      if (en) await english(s.page);
      await signIn(s.page, 'counsellor', 'counsellor');
      await s.page.goto(`${base}/trainees`);
      await s.page.getByTestId('caseload-readmit').waitFor();
      await shoot(s.page, `caseload-${label}`);
      await s.page.getByTestId('caseload-readmit').click();
      await s.page.getByTestId('readmission-form').waitFor();
      await s.page.getByTestId('readm-identity').fill(identityNumber.slice(0, 17) + (identityNumber.endsWith('0') ? '1' : '0'));
      await s.page.getByTestId('readm-identity').blur();
      await shoot(s.page, `readmission-form-${label}`);
      await s.page.goto(`${base}/trainees/${id}?tab=lifecycle`);
      await s.page.getByTestId('episodes-card').waitFor();
      await shoot(s.page, `episodes-${label}`);
      await s.page.goto(`${base}/trainees/${id}?tab=placements`);
      await s.page.getByTestId('job-limits-card').waitFor();
      await shoot(s.page, `job-limits-card-${label}`);
      await s.context.close();
    }
  }, 300_000);

  it('the pages raised no console errors', () => {
    expect(problems).toEqual([]);
  });
});
