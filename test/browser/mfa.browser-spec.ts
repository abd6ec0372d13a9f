import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { browserSession, DESKTOP, describeBrowser, PHONE } from '../utils/browser';

const STEP_SECONDS = 30;
/** The code an authenticator app shows `ahead` steps from now. */
const code = (secret: string, ahead = 0) =>
  generate({ secret, epoch: (Math.floor(Date.now() / 1000 / STEP_SECONDS) + ahead) * STEP_SECONDS + 1 });

describeBrowser('two-step verification: a staff member enrols on a phone, then signs in with a code', () => {
  const suite = browserSession({
    // A pending session's background calls are refused until enrolment; that 403 is the point.
    expected: (m) => /status of 403/.test(m.text()),
  });
  const { problems, open, shoot } = suite;
  let secret = '';

  beforeAll(() => {
    // As in production: administrators must have a second factor (tests default it off).
    Object.assign(suite.t.config, { mfaEnforced: true });
  });

  async function submitPassword(page: Page, username: string): Promise<void> {
    await page.goto(`${suite.base}/login`);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill('Demo#2026');
    await page.locator('button[type=submit]').click();
  }

  it('the admin is held on the enrolment page, scans (reads) the key, confirms a code and keeps the recovery codes', async () => {
    const { context, page } = await open(PHONE, 'enrol');
    await submitPassword(page, 'admin');
    await page.getByTestId('mfa-required').waitFor({ timeout: 20_000 });
    expect(page.url()).toContain('/account/mfa');
    await page.getByTestId('mfa-start').click();
    const shown = await page.getByTestId('mfa-secret').textContent();
    secret = (shown ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await shoot(page, 'mfa-enrol-phone-zh');
    await page.locator('#mfa-code').fill(await code(secret));
    await page.locator('form button[type=submit]').click();
    await page.getByTestId('mfa-recovery').waitFor({ timeout: 20_000 });
    await shoot(page, 'mfa-recovery-codes-phone-zh');
    await page.getByTestId('mfa-saved').click();
    await page.getByRole('button', { name: /完成/ }).click();
    await page.waitForURL(/\/account$/, { timeout: 20_000 });
    await context.close();
  });

  it('signing in again asks for the code after the password, on a desktop in English', async () => {
    const { context, page } = await open(DESKTOP, 'sign-in');
    await page.addInitScript("localStorage.setItem('jbh.lang', 'en')");
    await submitPassword(page, 'admin');
    await page.getByTestId('mfa-step').waitFor({ timeout: 20_000 });
    await shoot(page, 'mfa-sign-in-step-desktop-en');
    // The next step's code: the one used at enrolment may not be used twice.
    await page.locator('#mfa-code').fill(await code(secret, 1));
    await page.getByTestId('mfa-step').locator('button[type=submit]').click();
    await page.getByTestId('home-admin').waitFor({ timeout: 20_000 });
    await context.close();
    expect(problems).toEqual([]);
  });
});
