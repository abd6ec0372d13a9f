import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { Clock } from '../../server/src/common/clock';
import { newBoothWithOrders, newFair, newFairAttendance, newFairSlot, newPlacement, organisationOf, userIdOf } from '../factories';
import { browserSession, describeBrowser, PHONE, SCREENSHOT_DIR } from '../utils/browser';
import { type TestApp } from '../utils/test-app';

const SHOTS = join(SCREENSHOT_DIR, 'trainee-journey');
const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

interface Job {
  readonly order: string;
  readonly employer: string;
}

/**
 * The trainee's phone, end to end (issue 12): the demo trainee accepts a job recommendation in an
 * on-screen dialog that sits above the tab bar, books an interview slot at that employer's booth at
 * a job fair, and signs out from 我的 — the bottom tabs hold destinations only. Chinese, then
 * English (with a second recommendation and a second booth), at 390×844.
 */
describeBrowser('the trainee journey on a phone: accept a recommendation, book a fair slot, sign out', () => {
  const suite = browserSession();
  const { problems, open, signIn } = suite;
  let t: TestApp;
  let base: string;
  let fairId: string;
  /** zh accepts the demo recommendation (employer A); en a second one, at employer B. */
  const jobs: Record<'zh' | 'en', Job> = { zh: { order: '', employer: '' }, en: { order: '', employer: '' } };

  beforeAll(async () => {
    ({ t, base } = suite);
    mkdirSync(SHOTS, { recursive: true });
    const today = t.app.get(Clock).today();
    const [trainee] = await t.sql<{ id: string }>(
      `SELECT t.id FROM trainee t JOIN app_user u ON u.id = t.user_id WHERE u.username = 'trainee'`,
    );
    const traineeId = trainee!.id;
    // The demo data's recommendation the trainee has to decide on.
    const [demo] = await t.sql<{ order_id: string; title: string; employer_id: string; employer: string }>(
      `SELECT o.id AS order_id, o.title, o.employer_id, e.name AS employer FROM placement p
         JOIN job_order o ON o.id = p.order_id JOIN organisation e ON e.id = o.employer_id
        WHERE p.trainee_id = $1 AND p.state = 'recommended' LIMIT 1`,
      [traineeId],
    );
    if (!demo) throw new Error('the demo trainee has no recommendation to decide on');
    jobs.zh = { order: demo.title, employer: demo.employer };
    // A second one, at the other demo employer, for the English run.
    const employer2 = await organisationOf(t, 'employer2');
    const [other] = await t.sql<{ id: string; title: string; employer: string }>(
      `SELECT o.id, o.title, e.name AS employer FROM job_order o JOIN organisation e ON e.id = o.employer_id
        WHERE o.employer_id = $1 AND o.state = 'open' AND o.title <> $2 ORDER BY o.created_at LIMIT 1`,
      [employer2, demo.title],
    );
    if (!other) throw new Error('employer2 has no open order');
    const counsellor = await userIdOf(t, 'counsellor');
    await newPlacement(t, { orderId: other.id, traineeId, recommendedBy: counsellor });
    jobs.en = { order: other.title, employer: other.employer };

    // A published fair in three days where both employers have a booth with those orders and free slots;
    // the counsellor has registered the trainee.
    const fairDate = addDays(today, 3);
    fairId = await newFair(t, {
      title: '订单式就业推介会（手机测试）',
      venueOrganisationId: await organisationOf(t, 'counsellor'),
      createdBy: await userIdOf(t, 'admin'),
      fairDate,
      startsAt: '09:00',
      endsAt: '15:00',
    });
    const boothA = await newBoothWithOrders(t, { fairId, employerId: demo.employer_id, orderIds: [demo.order_id] });
    const boothB = await newBoothWithOrders(t, { fairId, employerId: employer2, orderIds: [other.id] });
    await t.sql(`UPDATE job_fair SET booths_taken = 2 WHERE id = $1`, [fairId]);
    for (const [booth, hour] of [
      [boothA, 10],
      [boothB, 11],
    ] as const) {
      for (let i = 0; i < 3; i++) {
        const start = Date.parse(`${fairDate}T${hour}:00:00+08:00`) + i * 20 * 60_000;
        await newFairSlot(t, {
          boothId: booth,
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + 20 * 60_000).toISOString(),
        });
      }
    }
    await newFairAttendance(t, { fairId, traineeId, registeredBy: counsellor });
  });

  /** A viewport screenshot: what the phone shows, the tab bar included. */
  async function shot(page: Page, name: string, fullPage = false): Promise<void> {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage, animations: 'disabled' });
  }

  async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
    const b = await locator.boundingBox();
    if (!b) throw new Error('not on screen');
    return b;
  }

  /** Inside the 390×844 viewport, at least `minHeight` px high (a thumb's 48), above the tab bar and topmost at its centre. */
  async function expectReachable(page: Page, button: Locator, minHeight = 48): Promise<void> {
    const b = await box(button);
    const bar = await box(page.getByTestId('trainee-tabs'));
    expect(b.height).toBeGreaterThanOrEqual(minHeight);
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.y).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(PHONE.width);
    expect(b.y + b.height).toBeLessThanOrEqual(bar.y);
    const hit = await button.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return !!top && el.contains(top);
    });
    expect(hit).toBe(true);
  }

  async function journey(context: BrowserContext, page: Page, lang: 'zh' | 'en'): Promise<void> {
    const job = jobs[lang];
    const w =
      lang === 'zh'
        ? { logout: '退出登录', me: '我的', accepted: '已接受', booked: '已预约', dialog: '确定接受吗？' }
        : { logout: 'Sign out', me: 'Me', accepted: 'Accepted', booked: 'Booked', dialog: 'Accept this job?' };
    await signIn(page, 'trainee', 'trainee');

    // The bottom tabs: destinations only, no sign-out.
    const tabs = page.getByTestId('trainee-tabs');
    await tabs.waitFor();
    expect(await tabs.locator('button').count()).toBe(0);
    expect(await tabs.textContent()).not.toContain(w.logout);
    await shot(page, `home-${lang}`);

    // 1. Accept the recommendation: the dialog is on screen and above the tab bar.
    await tabs.locator('a[href="/me/jobs"]').click();
    const card = page.locator(`[data-testid=job-card][data-state=recommended][data-order="${job.order}"]`);
    await card.waitFor();
    await shot(page, `jobs-${lang}`, true);
    await card.getByTestId('job-accept').scrollIntoViewIfNeeded();
    await card.getByTestId('job-accept').click();
    const dialog = page.getByTestId('job-confirm-box');
    await dialog.waitFor();
    await page.locator('.ant-modal').filter({ hasText: w.dialog }).waitFor();
    const dialogText = (await dialog.textContent()) ?? '';
    expect(dialogText).toContain(job.order);
    expect(dialogText).toContain(job.employer);
    if (lang === 'zh') {
      expect(dialogText).toContain('将看到你的姓名和电话');
      expect(dialogText).not.toContain('您');
    } else {
      expect(dialogText).toContain('will see your name and phone');
    }
    // Let the opening animation settle before measuring.
    await page.waitForTimeout(400);
    await expectReachable(page, dialog.getByTestId('job-confirm'));
    await expectReachable(page, dialog.getByTestId('job-cancel'));
    await shot(page, `accept-dialog-${lang}`);
    await dialog.getByTestId('job-confirm').click();
    await page.locator(`[data-testid=job-card][data-state=accepted_by_trainee][data-order="${job.order}"]`).waitFor();
    expect(await page.getByTestId('job-done').textContent()).toContain(w.accepted);
    await dialog.waitFor({ state: 'detached' });
    await page
      .locator('.ant-modal-mask')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await page.waitForTimeout(400);
    await expectReachable(page, page.getByTestId('job-done'), 0);
    await shot(page, `accepted-${lang}`);

    // 2. Book an interview slot at that employer's booth at the fair.
    await tabs.locator('a[href="/fairs"]').click();
    await page.goto(`${base}/fairs/${fairId}`);
    await page.getByTestId('my-code').waitFor();
    const booth = page.getByTestId('programme').locator('.booth-row', { hasText: job.employer });
    await booth.getByTestId('book-slot').first().scrollIntoViewIfNeeded();
    await shot(page, `fair-${lang}`);
    await booth.getByTestId('book-slot').first().click();
    await page.getByTestId('my-slot').filter({ hasText: job.employer }).filter({ hasText: w.booked }).waitFor();
    await page.getByTestId('my-slot').first().scrollIntoViewIfNeeded();
    await shot(page, `fair-booked-${lang}`);

    // 3. Sign out from 我的: a plain button at the bottom of the page.
    await tabs.locator('a[href="/me"]').click();
    const signOut = page.getByTestId('me-logout');
    await signOut.waitFor();
    expect(await signOut.textContent()).toContain(w.logout);
    await signOut.scrollIntoViewIfNeeded();
    await expectReachable(page, signOut);
    await shot(page, `me-${lang}`);
    await shot(page, `me-full-${lang}`, true);
    await signOut.click();
    await page.waitForURL(/\/login/);
    await page.locator('#username').waitFor();
    expect(await page.getByTestId('trainee-tabs').count()).toBe(0);
    await context.close();
  }

  it('in Chinese: accepts in an on-screen dialog, books a slot, signs out from 我的', async () => {
    const { context, page } = await open(PHONE, 'trainee-zh');
    await journey(context, page, 'zh');
  });

  it('in English: the same journey with the second recommendation', async () => {
    const { context, page } = await open(PHONE, 'trainee-en');
    await context.addInitScript("localStorage.setItem('jbh.lang', 'en')");
    await journey(context, page, 'en');
  });

  it('the pages raised no console errors', () => {
    expect(problems).toEqual([]);
  });
});
