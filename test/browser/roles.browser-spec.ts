import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, describeBrowser, launchBrowser, PHONE, screenshotPath } from '../utils/browser';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../utils/test-app';

/** Each demo account and the role whose home page it must land on. */
const ACCOUNTS = [
  ['admin', 'admin'],
  ['counsellor', 'counsellor'],
  ['counsellor2', 'counsellor'],
  ['station', 'counsellor'],
  ['instructor', 'instructor'],
  ['employer', 'employer'],
  ['employer2', 'employer'],
  ['trainee', 'trainee'],
  ['trainee2', 'trainee'],
] as const;

describeBrowser('every demo role signs in and sees its home page', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(process.cwd(), 'dist', 'client', 'browser', 'index.html'))) {
      throw new Error('The client is not built: run `npm run build:client` (npm test does it before the browser tests).');
    }
    t = await createTestApp({ SERVE_CLIENT: 'true' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = await t.app.getUrl();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(page: Page, username: string): Promise<void> {
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${username}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${username}: ${e.message}`));
    await page.goto(`${base}/login`);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('button[type=submit]').click();
  }

  for (const [username, role] of ACCOUNTS) {
    for (const [label, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      it(`${username} (${role}) on a ${label}`, async () => {
        const context = await browser.newContext({ viewport, locale: 'zh-CN' });
        const page = await context.newPage();
        await signIn(page, username);
        const home = page.locator(`[data-testid="home-${role}"]`);
        await home.waitFor({ state: 'visible', timeout: 20_000 });
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: screenshotPath(`home-${username}-${label}`), fullPage: true });
        // Chinese first: the page speaks Chinese unless the user switches.
        expect(await page.locator('html').getAttribute('lang')).toMatch(/^zh/);
        // The session survives a reload (refresh cookie), and deep links are served by the app.
        await page.reload();
        await home.waitFor({ state: 'visible', timeout: 20_000 });
        await context.close();
      });
    }
  }

  it('a wrong password shows the server’s message on the login page', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.locator('#username').fill('admin');
    await page.locator('#password').fill('Wrong#2026');
    await page.locator('button[type=submit]').click();
    await page.getByText('用户名或密码不正确').first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: screenshotPath('login-error-phone') });
    await context.close();
  });

  it('the pages raised no console errors (CSP violations included)', () => {
    expect(problems).toEqual([]);
  });
});
