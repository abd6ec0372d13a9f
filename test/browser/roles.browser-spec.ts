import { browserSession, DESKTOP, describeBrowser, PHONE, screenshotPath } from '../utils/browser';

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
  const suite = browserSession({
    // The wrong password's 401 is the point of that page.
    expected: (m, who) => who === 'wrong-password' && /status of 401/.test(m.text()),
  });
  const { problems, open, signIn, shoot } = suite;

  for (const [username, role] of ACCOUNTS) {
    for (const [label, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      it(`${username} (${role}) on a ${label}`, async () => {
        const { context, page } = await open(viewport, username);
        await signIn(page, username, role);
        const home = page.locator(`[data-testid="home-${role}"]`);
        await shoot(page, `home-${username}-${label}`);
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
    const { context, page } = await open(PHONE, 'wrong-password');
    await page.goto(`${suite.base}/login`);
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
