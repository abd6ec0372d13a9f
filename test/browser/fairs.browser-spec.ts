import type { Page } from 'playwright-core';
import { Clock } from '../../server/src/common/clock';
import { browserSession, describeBrowser, DESKTOP, PHONE } from '../utils/browser';
import { type TestApp } from '../utils/test-app';

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The fair journey: an admin creates and publishes a fair; an employer applies for a booth with an
 * order and, once approved, publishes interview slots; a counsellor registers trainees; a trainee on a
 * phone sees their check-in code and books a slot; on the day the desk checks them in from a phone;
 * the employer signs an intent that the trainee confirms; the admin reads the report. Every page is
 * photographed on a phone and a desktop.
 */
describeBrowser('fairs: booths, registrations, slots, the desk and the report', () => {
  const suite = browserSession({
    // The desk's too-early 400 and unknown-code 404 are expected.
    expected: (m, who) => who === 'desk' && /status of (400|404)/.test(m.text()),
  });
  const { problems, open, signIn, shoot } = suite;
  let t: TestApp;
  let base: string;
  let clock: Clock;
  let fairDate: string;
  let fairId: string;
  const TITLE = '海口春季订单式就业推介会';

  beforeAll(() => {
    ({ t, base } = suite);
    clock = t.app.get(Clock);
    fairDate = addDays(clock.today(), 3);
  });
  afterAll(() => {
    clock?.travelTo(new Date());
  });

  async function pick(page: Page, testId: string, text: string): Promise<void> {
    await page.getByTestId(testId).click();
    await page.keyboard.type(text);
    await page.locator('nz-option-item', { hasText: text }).first().click();
    await page.keyboard.press('Escape');
  }

  it('an admin creates a fair in a facility and publishes it; employers see only the city', async () => {
    const { context, page } = await open(DESKTOP, 'admin');
    await signIn(page, 'admin', 'admin');
    await page.goto(`${base}/fairs`);
    await page.getByTestId('fair-card').first().waitFor();
    await page.getByTestId('create-fair').click();
    await page.locator('#fair-title').fill(TITLE);
    await page.locator('#fair-date').fill(fairDate);
    await page.locator('#fair-start').fill('09:00');
    await page.locator('#fair-end').fill('15:00');
    await page.locator('#fair-venue').click();
    await page.locator('nz-option-item', { hasText: '海南省第一强制隔离戒毒所' }).click();
    await page.locator('#fair-capacity').fill('6');
    await shoot(page, 'fairs-create-desktop');
    await page.getByTestId('fair-form').locator('button[type=submit]').click();
    await page.getByTestId('fair-detail').waitFor();
    fairId = page.url().split('/fairs/')[1]!;
    await page.getByTestId('fair-publish').click();
    await page.getByTestId('fair-state').filter({ hasText: '报名中' }).waitFor();
    await shoot(page, 'fairs-detail-admin-desktop');
    await context.close();
  });

  it('an employer applies for a booth with an order; the admin approves; the employer publishes slots', async () => {
    const emp = await open(DESKTOP, 'employer2');
    await signIn(emp.page, 'employer2', 'employer');
    await emp.page.goto(`${base}/fairs`);
    await emp.page.getByTestId('fair-card').filter({ hasText: TITLE }).waitFor();
    expect(await emp.page.getByTestId('fair-card').filter({ hasText: TITLE }).textContent()).not.toContain('戒毒');
    await shoot(emp.page, 'fairs-list-employer-desktop');
    await emp.page.goto(`${base}/fairs/${fairId}`);
    await emp.page.getByTestId('apply-booth').waitFor();
    await emp.page.getByTestId('booth-order').first().locator('input').check();
    await emp.page.getByTestId('apply-booth-submit').click();
    await emp.page.getByTestId('booth-state').filter({ hasText: '待审核' }).waitFor();
    expect(await emp.page.getByTestId('fair-detail').textContent()).not.toContain('戒毒');

    const admin = await open(DESKTOP, 'admin');
    await signIn(admin.page, 'admin', 'admin');
    await admin.page.goto(`${base}/fairs/${fairId}`);
    await admin.page.getByTestId('booth-approve').click();
    await admin.page.getByTestId('booth-row').filter({ hasText: '已通过' }).waitFor();
    await admin.context.close();

    await emp.page.reload();
    await emp.page.getByTestId('booth-state').filter({ hasText: '已通过' }).waitFor();
    await emp.page.getByTestId('slot-start').fill('10:00');
    await emp.page.getByTestId('add-slots').click();
    await emp.page.getByTestId('slot-chip').nth(5).waitFor();
    await shoot(emp.page, 'fairs-booth-employer-desktop');
    await emp.context.close();
  });

  it('a counsellor registers trainees in bulk and prints their codes', async () => {
    const name = (
      await t.sql<{ full_name: string }>(
        `SELECT full_name FROM trainee WHERE user_id = (SELECT id FROM app_user WHERE username = 'trainee')`,
      )
    )[0]!.full_name;
    const { context, page } = await open(DESKTOP, 'counsellor');
    await signIn(page, 'counsellor', 'counsellor');
    await page.goto(`${base}/fairs/${fairId}`);
    await page.getByTestId('register-trainees').waitFor();
    await pick(page, 'register-picker', name);
    const other = (
      await t.sql<{ full_name: string }>(
        `SELECT full_name FROM trainee WHERE organisation_id = (SELECT organisation_id FROM app_user WHERE username = 'counsellor')
           AND job_matching_consent AND user_id IS NULL AND state <> 'closed' ORDER BY full_name LIMIT 1`,
      )
    )[0]!.full_name;
    await pick(page, 'register-picker', other);
    await page.getByTestId('register-submit').click();
    await page.getByTestId('registration').nth(1).waitFor();
    await shoot(page, 'fairs-registrations-counsellor-desktop');
    await context.close();
  });

  it('the trainee, on a phone, sees the check-in code and books an interview slot', async () => {
    const { context, page } = await open(PHONE, 'trainee');
    await signIn(page, 'trainee', 'trainee');
    await page.goto(`${base}/fairs`);
    await page.getByTestId('fair-card').filter({ hasText: TITLE }).waitFor();
    await shoot(page, 'fairs-list-trainee-phone');
    await page.goto(`${base}/fairs/${fairId}`);
    await page.getByTestId('my-code').waitFor();
    await page.getByTestId('book-slot').first().click();
    await page.getByTestId('my-slot').filter({ hasText: '已预约' }).waitFor();
    await shoot(page, 'fairs-detail-trainee-phone');
    await context.close();
  });

  it('on the day, the desk checks the trainee in from a phone; a repeat says so; a walk-in is registered', async () => {
    const [{ code }] = (await t.sql<{ code: string }>(
      `SELECT r.code FROM fair_registration r JOIN trainee t ON t.id = r.trainee_id JOIN app_user u ON u.id = t.user_id
        WHERE r.fair_id = $1 AND u.username = 'trainee'`,
      [fairId],
    )) as [{ code: string }];
    const { context, page } = await open(PHONE, 'desk');
    await signIn(page, 'counsellor', 'counsellor');
    await page.goto(`${base}/fairs/${fairId}/desk`);
    await page.getByTestId('desk-code').fill(code.toLowerCase());
    await page.getByTestId('desk-submit').click();
    await page.getByTestId('desk-error').waitFor();
    expect(await page.getByTestId('desk-error').textContent()).toContain('当天才能签到');

    clock.travelTo(new Date(`${fairDate}T09:20:00+08:00`));
    await page.getByTestId('desk-code').fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`);
    await page.getByTestId('desk-submit').click();
    await page.getByTestId('desk-result').filter({ hasText: '签到成功' }).waitFor();
    await shoot(page, 'fairs-desk-phone');
    await page.getByTestId('desk-code').fill(code);
    await page.getByTestId('desk-submit').click();
    await page.getByTestId('desk-result').filter({ hasText: '已签到过' }).waitFor();
    await page.getByTestId('desk-code').fill('ZZZZZZZZ');
    await page.getByTestId('desk-submit').click();
    await page.getByTestId('desk-error').filter({ hasText: '不属于这场招聘会' }).waitFor();
    await shoot(page, 'fairs-desk-unknown-phone');
    await context.close();
  });

  it('the employer signs an intent with a checked-in candidate; the trainee confirms it on the phone', async () => {
    const emp = await open(DESKTOP, 'employer2');
    await signIn(emp.page, 'employer2', 'employer');
    await emp.page.goto(`${base}/fairs/${fairId}`);
    const arrived = emp.page.getByTestId('fair-candidate').filter({ hasText: '已到场' });
    await arrived.waitFor();
    await arrived.locator('nz-select').nth(1).click();
    await emp.page.locator('nz-option-item').first().click();
    await arrived.getByTestId('sign-intent').click();
    await emp.page.getByText('待确认').first().waitFor();
    await shoot(emp.page, 'fairs-candidates-employer-desktop');
    await emp.context.close();

    const tr = await open(PHONE, 'trainee');
    await signIn(tr.page, 'trainee', 'trainee');
    await tr.page.goto(`${base}/fairs/${fairId}`);
    await tr.page.getByTestId('intent').waitFor();
    expect(await tr.page.getByTestId('intent').textContent()).toContain('不会看到你的戒治经历');
    await shoot(tr.page, 'fairs-intent-trainee-phone');
    await tr.page.getByTestId('confirm-intent').click();
    await tr.page.getByTestId('intent').filter({ hasText: '已确认' }).waitFor();
    await tr.context.close();
  });

  it('the admin reads the report, on a desktop and a phone', async () => {
    for (const [viewport, label] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const { context, page } = await open(viewport, 'admin');
      await signIn(page, 'admin', 'admin');
      await page.goto(`${base}/fairs/${fairId}/report`);
      await page.getByTestId('report-figure').first().waitFor();
      const text = await page.getByTestId('fair-report').textContent();
      expect(text).toContain('签到');
      await shoot(page, `fairs-report-${label}`);
      if (label === 'phone') {
        await page.goto(`${base}/fairs`);
        await page.getByTestId('fair-card').first().waitFor();
        await shoot(page, 'fairs-list-admin-phone');
      }
      await context.close();
    }
  });

  it('the pages raised no console errors', () => {
    expect(problems).toEqual([]);
  });
});
