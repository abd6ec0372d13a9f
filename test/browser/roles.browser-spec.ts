import { browserSession, DESKTOP, describeBrowser, PHONE, screenshotPath } from '../utils/browser';

/** Each demo account and the role whose home page it must land on. */
const ACCOUNTS = [
  ['admin', 'admin'],
  ['security', 'security_admin'],
  ['auditor', 'audit_admin'],
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

  // 三权分立: each of the bureau's three administrators finds only their own powers in the menu.
  for (const [username, role, wanted, unwanted] of [
    ['admin', 'admin', ['/admin/users', '/admin/organisations'], ['/admin/audit', '/admin/permissions']],
    ['security', 'security_admin', ['/admin/permissions'], ['/admin/audit', '/admin/users', '/trainees', '/admin/organisations']],
    ['auditor', 'audit_admin', ['/admin/audit'], ['/admin/permissions', '/admin/users', '/trainees', '/admin/organisations']],
  ] as const) {
    it(`${username}'s menu holds ${wanted.join(', ')} and none of the others' pages`, async () => {
      const { context, page } = await open(DESKTOP, username);
      await signIn(page, username, role);
      const links = await page.locator('.side-menu a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      for (const path of wanted) expect({ path, listed: links.includes(path) }).toEqual({ path, listed: true });
      for (const path of unwanted) expect({ path, listed: links.includes(path) }).toEqual({ path, listed: false });
      // A deep link to another administrator's page lands on the caller's own home (the client's route guard).
      await page.goto(`${suite.base}${unwanted[0]}`);
      await page.getByTestId(`home-${role}`).waitFor({ timeout: 20_000 });
      await context.close();
    });
  }

  it('the security administrator grants a permission with a reason', async () => {
    const { context, page } = await open(DESKTOP, 'security');
    await signIn(page, 'security', 'security_admin');
    await page.goto(`${suite.base}/admin/permissions`);
    await page.locator('input[type=search]').fill('counsellor2');
    const row = page.locator('[data-username="counsellor2"]');
    await row.waitFor({ timeout: 20_000 });
    await row.getByTestId('edit-permissions').click();
    await page.locator('[data-permission="station.head"]').click();
    await page.locator('#perm-reason').fill('站长任命 2026-3');
    await page.getByTestId('save-permissions').click();
    await row.getByText('指导站站长').waitFor({ timeout: 10_000 });
    await shoot(page, 'permissions-desktop');
    await context.close();
  });

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
