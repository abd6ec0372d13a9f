import type { Page } from 'playwright-core';
import { browserSession, DESKTOP, describeBrowser, PHONE } from '../utils/browser';

/**
 * Issue 16's pages as their users see them, phone and desktop, Chinese and English: the signed-in
 * devices page (ending another device works), the security administrator's permissions page, an
 * employer awaiting verification, and the sign-in check after repeated failures.
 */
describeBrowser('account security pages', () => {
  const suite = browserSession({
    // Failed sign-ins (401) are what the challenge page is about.
    expected: (m, who) => who.startsWith('challenge') && /status of 401/.test(m.text()),
  });
  const { problems, open, signIn, shoot } = suite;

  const english = (page: Page) => page.addInitScript("localStorage.setItem('jbh.lang', 'en')");

  for (const [label, viewport, lang] of [
    ['phone-zh', PHONE, 'zh'],
    ['desktop-en', DESKTOP, 'en'],
  ] as const) {
    it(`signed-in devices (${label}): another device is listed and can be signed out`, async () => {
      // Another sign-in of the same person, elsewhere.
      await suite.t.login('instructor');
      const { context, page } = await open(viewport, `sessions-${label}`);
      if (lang === 'en') await english(page);
      await signIn(page, 'instructor', 'instructor');
      await page.goto(`${suite.base}/account/sessions`);
      await page.getByTestId('sessions-page').waitFor({ timeout: 20_000 });
      const ends = page.getByTestId('end-session');
      await ends.first().waitFor({ timeout: 20_000 });
      const before = await ends.count();
      expect(before).toBeGreaterThan(0);
      await shoot(page, `account-sessions-${label}`);
      await ends.first().click();
      // A confirmation may be asked: accept it when it is.
      const ok = page.locator('.ant-popover-buttons .ant-btn-primary, .ant-modal-confirm-btns .ant-btn-primary');
      // (It opens a moment after the click: wait for it a little rather than look once.)
      if (
        await ok
          .first()
          .waitFor({ timeout: 3_000 })
          .then(
            () => true,
            () => false,
          )
      )
        await ok.first().click();
      // (waitForFunction evaluates a string, which the app's CSP rightly refuses: poll instead.)
      for (let i = 0; i < 100 && (await ends.count()) >= before; i++) await page.waitForTimeout(200);
      expect(await ends.count()).toBeLessThan(before);
      await context.close();
    });

    it(`the security administrator's permissions page (${label})`, async () => {
      const { context, page } = await open(viewport, `permissions-${label}`);
      if (lang === 'en') await english(page);
      await signIn(page, 'security', 'security_admin');
      await page.goto(`${suite.base}/admin/permissions`);
      await page.waitForLoadState('networkidle');
      await shoot(page, `admin-permissions-${label}`);
      await context.close();
    });

    it(`an employer awaiting verification sees its status and nothing else (${label})`, async () => {
      const { context, page } = await open(viewport, `pending-${label}`);
      if (lang === 'en') await english(page);
      await signIn(page, 'pending-employer', 'employer');
      await page.getByTestId('employer-review').waitFor({ timeout: 20_000 });
      await shoot(page, `employer-pending-${label}`);
      const links = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(links.filter((h) => h.startsWith('/orders') || h.startsWith('/fairs'))).toEqual([]);
      await context.close();
    });
  }

  it('after repeated wrong passwords the sign-in page asks for the check', async () => {
    const { context, page } = await open(PHONE, 'challenge');
    await page.goto(`${suite.base}/login`);
    for (let i = 0; i < 7; i++) {
      await page.locator('#username').fill('counsellor2');
      await page.locator('#password').fill(`Wrong#${i}pass`);
      await page.locator('button[type=submit]').click();
      await page.locator('nz-alert, [role=alert]').first().waitFor({ timeout: 20_000 });
    }
    await page.locator('altcha-widget, jbh-login-challenge').first().waitFor({ timeout: 20_000 });
    await shoot(page, 'login-challenge-phone-zh');
    await context.close();
    expect(problems).toEqual([]);
  });
});
