import { browserSession, describeBrowser, DESKTOP, PHONE } from '../utils/browser';

/**
 * Staff sign out after 30 minutes without input, warned a minute before. The warning's dialog (and
 * ng-zorro's modal) is not part of any page: it is fetched when the frame starts and opened in an
 * injector of its own, on pages that provide no modal service. The page's clock is Playwright's, so
 * half an hour passes in a moment; the server's session is refreshed as the app would.
 * Screenshots: test-results/screenshots/idle-warning/.
 */
describeBrowser('staff idle sign-out: the warning a minute before, on any page', () => {
  const suite = browserSession();
  const { problems, open, signIn, shoot } = suite;

  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`warns, 继续使用 keeps the session, and the time running out signs out (${label})`, async () => {
      const { context, page } = await open(viewport, `counsellor-${label}`);
      try {
        await page.clock.install();
        await signIn(page, 'counsellor', 'counsellor');
        // The home page uses no modal of its own: the warning brings its own.
        await page.clock.fastForward('28:30');
        expect(await page.getByTestId('idle-warning').count()).toBe(0);
        await page.clock.fastForward('00:31');
        await page.getByTestId('idle-warning').waitFor();
        expect(await page.getByTestId('idle-warning').textContent()).toMatch(/秒后自动退出登录/);
        await shoot(page, `idle-warning/warning-${label}`);

        await page.getByTestId('idle-keep').click();
        await page.getByTestId('idle-warning').waitFor({ state: 'detached' });
        expect(new URL(page.url()).pathname).toBe('/');

        // Nobody comes back this time: warned again, then signed out, and the sign-in page says why.
        await page.clock.fastForward('29:01');
        await page.getByTestId('idle-warning').waitFor();
        await page.clock.fastForward('01:00');
        await page.waitForURL((u) => u.pathname === '/login');
        await page.getByTestId('session-idle').waitFor();
      } finally {
        await context.close();
      }
      expect(problems).toEqual([]);
    });
  }
});
