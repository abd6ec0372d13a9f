import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSession, describeBrowser, PHONE, SCREENSHOT_DIR } from '../utils/browser';
import { type TestApp } from '../utils/test-app';

const SHOTS = process.env.PLAN_SHOTS_DIR ?? join(SCREENSHOT_DIR, 'plan-ui');
const DESKTOP_768 = { width: 1366, height: 768 };

/**
 * The personal plan (个人回归计划): the counsellor opens the demo trainee's file at the plan tab,
 * records a new needs assessment and adds a step for the trainee; the trainee, on a phone, ticks
 * that step on /me/plan (and takes it back, and ticks it again); the counsellor then sees it done,
 * ticked by the trainee. Both screens are photographed on a phone and a desktop, in Chinese and English.
 */
describeBrowser('personal plan: the counsellor keeps it, the trainee ticks own steps', () => {
  const suite = browserSession();
  const { problems, open, signIn } = suite;
  let t: TestApp;
  let base: string;
  let traineeId: string;

  beforeAll(async () => {
    ({ t, base } = suite);
    mkdirSync(SHOTS, { recursive: true });
    const [row] = await t.sql<{ id: string }>(
      `SELECT t.id FROM trainee t JOIN app_user u ON u.id = t.user_id WHERE u.username = 'trainee'`,
    );
    traineeId = row!.id;
  });

  async function shot(page: Page, name: string): Promise<void> {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, animations: 'disabled' });
  }

  async function english(context: BrowserContext): Promise<void> {
    await context.addInitScript("localStorage.setItem('jbh.lang', 'en')");
  }

  async function openPlan(page: Page): Promise<void> {
    await page.goto(`${base}/trainees/${traineeId}?tab=plan`);
    await page.getByTestId('plan-section').waitFor({ timeout: 20_000 });
  }

  it('the counsellor records a new assessment and adds a step; the trainee ticks it; the counsellor sees it done', async () => {
    // --- counsellor, desktop
    const staff = await open(DESKTOP_768, 'counsellor');
    await signIn(staff.page, 'counsellor', 'counsellor');
    await openPlan(staff.page);
    const page = staff.page;
    await page.getByTestId('blocker-no_id_card').waitFor();
    expect(await page.getByTestId('blocker-no_id_card').textContent()).toContain('没有身份证：不能签劳动合同，先办证');
    expect(await page.getByTestId('needs-version').textContent()).toContain('第 2 版');
    expect(await page.getByTestId('plan-progress').textContent()).toMatch(/\d+ \/ \d+ 步已完成/);
    await shot(page, 'counsellor-plan-desktop-zh');

    // A new assessment: housing becomes urgent, no fixed address.
    await page.getByTestId('assess-new').click();
    await page.getByTestId('assessment-form').waitFor();
    await page.getByTestId('assess-housing-urgent').click();
    await page.getByTestId('assess-item-no_fixed_address').click();
    await page.locator('#note-housing').fill('姐姐家只能住两周。');
    await shot(page, 'counsellor-assessment-form-desktop-zh');
    await page.getByTestId('assess-save').click();
    await page.getByTestId('assessment-form').waitFor({ state: 'detached' });
    await page.getByTestId('needs-version').filter({ hasText: '第 3 版' }).waitFor();
    const housing = page.getByTestId('need-housing');
    expect(await housing.getAttribute('data-level')).toBe('urgent');
    expect(await housing.textContent()).toContain('没有固定住处');
    expect(await page.getByTestId('needs-older').textContent()).toContain('以前的版本（2）');

    // A step for the trainee, from a need: 办理户口.
    await page.getByTestId('action-new').click();
    await page.getByTestId('action-need').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '户口' }).first().click();
    await page.getByTestId('action-owner-trainee').click();
    await page.getByTestId('action-save').click();
    const step = page.locator('[data-testid=action][data-title="办理户口"]');
    await step.waitFor();
    expect(await step.getAttribute('data-status')).toBe('open');
    expect(await step.textContent()).toContain('学员本人');
    const [db] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM plan_action WHERE trainee_id = $1 AND need_code = 'hukou' AND owner = 'trainee' AND status = 'open'`,
      [traineeId],
    );
    expect(db!.n).toBe(1);

    // --- trainee, phone
    const own = await open(PHONE, 'trainee');
    await signIn(own.page, 'trainee', 'trainee');
    const phone = own.page;
    await phone.goto(`${base}/me`);
    await phone.getByTestId('me-plan').click();
    await phone.getByTestId('my-plan').waitFor();
    const mine = phone.locator('[data-testid=my-step][data-title="办理户口"]');
    await mine.waitFor();
    const body = (await phone.getByTestId('my-plan').textContent())!;
    for (const word of ['戒毒', '康复', '社区', '所']) expect(body).not.toContain(word);
    expect(body).not.toContain('姐姐家只能住两周');
    expect(await phone.getByTestId('my-goal').count()).toBe(4);
    await shot(phone, 'trainee-my-plan-phone-zh');
    const hukou = (status?: string) =>
      phone.locator(`[data-testid=my-step][data-title="办理户口"]${status ? `[data-status=${status}]` : ''}`);
    const answered = (what: 'done' | 'undone') =>
      phone.waitForResponse((r) => r.url().includes('/api/me/plan/actions/') && r.url().endsWith(`/${what}`) && r.status() === 200);
    await Promise.all([answered('done'), mine.getByTestId('my-step-done').click()]);
    await hukou('done').getByTestId('my-step-undo').waitFor();
    // Take it back, then tick it again.
    await Promise.all([answered('undone'), hukou('done').getByTestId('my-step-undo').click()]);
    await hukou('open').getByTestId('my-step-done').waitFor();
    await Promise.all([answered('done'), hukou('open').getByTestId('my-step-done').click()]);
    await hukou('done').getByTestId('my-step-undo').waitFor();
    await shot(phone, 'trainee-my-plan-done-phone-zh');
    await own.context.close();

    // --- counsellor sees it done, ticked by the trainee
    await openPlan(page);
    const done = page.locator('[data-testid=action][data-title="办理户口"]');
    await done.waitFor();
    await shot(page, 'counsellor-plan-after-desktop-zh');
    const [ticked] = await t.sql<{ status: string; marked: boolean }>(
      `SELECT status, marked_by_trainee AS marked FROM plan_action WHERE trainee_id = $1 AND need_code = 'hukou'`,
      [traineeId],
    );
    expect(ticked).toEqual({ status: 'done', marked: true });
    expect(await done.getAttribute('data-status')).toBe('done');
    await done.getByTestId('action-ticked-by-trainee').waitFor();
    await shot(page, 'counsellor-plan-after-desktop-zh');
    await staff.context.close();
  }, 300_000);

  it('both screens on a phone and a desktop, in Chinese and English; admins read only', async () => {
    for (const lang of ['zh', 'en'] as const) {
      for (const [size, viewport] of [
        ['phone', PHONE],
        ['desktop', DESKTOP_768],
      ] as const) {
        const staff = await open(viewport, `counsellor-${lang}-${size}`);
        if (lang === 'en') await english(staff.context);
        await signIn(staff.page, 'counsellor', 'counsellor');
        await openPlan(staff.page);
        if (lang === 'en') expect(await staff.page.getByTestId('blocker-no_id_card').textContent()).toContain('No ID card');
        await shot(staff.page, `counsellor-plan-${size}-${lang}`);
        if (size === 'phone') {
          await staff.page.getByTestId('assess-new').click();
          await staff.page.getByTestId('assessment-form').waitFor();
          await shot(staff.page, `counsellor-assessment-form-phone-${lang}`);
          // Every choice is a thumb-sized target (48 px, as on the visit form), and the stage group spans its fieldset.
          const choices = await staff.page
            .getByTestId('assessment-form')
            .locator('.seg .ant-radio-button-wrapper')
            .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().height)));
          expect(choices.length).toBeGreaterThan(8);
          expect(Math.min(...choices)).toBeGreaterThanOrEqual(48);
          const area = (await staff.page.getByTestId('assessment-form').locator('.assess-area').first().boundingBox())!;
          const stage = (await staff.page.getByTestId('assess-stage').boundingBox())!;
          expect(stage.width).toBeGreaterThanOrEqual(area.width - 1);
          await staff.page.getByTestId('assess-new').click();
          await staff.page.getByTestId('action-new').click();
          await staff.page.getByTestId('action-form').waitFor();
          await staff.page.getByTestId('review-new').click();
          await staff.page.getByTestId('review-form').waitFor();
          await shot(staff.page, `counsellor-forms-phone-${lang}`);
          const width = await staff.page.evaluate('document.documentElement.scrollWidth');
          expect(width).toBeLessThanOrEqual(PHONE.width);
        }
        await staff.context.close();

        const own = await open(viewport, `trainee-${lang}-${size}`);
        if (lang === 'en') await english(own.context);
        await signIn(own.page, 'trainee', 'trainee');
        await own.page.goto(`${base}/me`);
        await own.page.getByTestId('me-plan').waitFor();
        if (size === 'phone') await shot(own.page, `trainee-hub-phone-${lang}`);
        await own.page.getByTestId('me-plan').click();
        await own.page.getByTestId('my-step').first().waitFor();
        await shot(own.page, `trainee-my-plan-${size}-${lang}`);
        if (size === 'phone') {
          const width = await own.page.evaluate('document.documentElement.scrollWidth');
          expect(width).toBeLessThanOrEqual(PHONE.width);
        }
        await own.context.close();
      }
    }

    const admin = await open(DESKTOP_768, 'admin');
    await signIn(admin.page, 'admin', 'admin');
    await openPlan(admin.page);
    await admin.page.getByTestId('plan-read-only').waitFor();
    expect(await admin.page.getByTestId('assess-new').count()).toBe(0);
    expect(await admin.page.getByTestId('action-done').count()).toBe(0);
    await shot(admin.page, 'admin-plan-read-only-desktop-zh');
    await admin.context.close();
  }, 420_000);

  it('the pages raised no console errors', () => {
    expect(problems).toEqual([]);
  });
});
