import type { Page, Request } from 'playwright-core';
import { browserSession, DESKTOP, describeBrowser, PHONE } from '../utils/browser';

/**
 * The sign-in page is plain HTML served by the server, outside the Angular app
 * (docs/decisions/0012-sign-in-page-without-the-framework.md). The app hands `/login` to the browser.
 */
describeBrowser('the sign-in page: no framework, and the app hands over to it', () => {
  const suite = browserSession({
    // The refused refresh of a browser signed out on the server is the point of that test.
    expected: (m, who) => who === 'signed in' && /status of 401/.test(m.text()),
  });
  const { problems, open, signIn, shoot } = suite;

  /** Every script the page asked for, with its size. */
  function watchScripts(page: Page): { url: string; bytes: Promise<number> }[] {
    const scripts: { url: string; bytes: Promise<number> }[] = [];
    page.on('requestfinished', (request: Request) => {
      if (request.resourceType() !== 'script') return;
      scripts.push({
        url: new URL(request.url()).pathname,
        bytes: request.response().then(async (r) => (r ? (await r.body()).length : 0)),
      });
    });
    return scripts;
  }

  for (const [label, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    for (const lang of ['zh', 'en'] as const) {
      it(`loads no framework and no app code, on a ${label} in ${lang === 'zh' ? 'Chinese' : 'English'}`, async () => {
        const { context, page } = await open(viewport, `sign-in ${label} ${lang}`);
        if (lang === 'en') await context.addInitScript("localStorage.setItem('jbh.lang', 'en')");
        const scripts = watchScripts(page);
        const requested: string[] = [];
        page.on('request', (r) => requested.push(new URL(r.url()).pathname));
        await page.goto(`${suite.base}/login`);
        await page.locator('#username').waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.locator('html').getAttribute('lang')).toBe(lang === 'en' ? 'en' : 'zh-CN');
        expect(await page.locator('h1').textContent()).toBe(lang === 'en' ? 'Sign in' : '登录');
        // Only the sign-in build's own files (and, in English, its words): nothing of the app's bundles.
        expect(scripts.length).toBeGreaterThan(0);
        for (const { url } of scripts) expect(url).toMatch(/^\/sign-in\//);
        const total = (await Promise.all(scripts.map((s) => s.bytes))).reduce((a, b) => a + b, 0);
        expect(total).toBeLessThan(120_000);
        // While the person types, the app's start-up files come into the cache (prefetched, not run).
        if (lang === 'zh') {
          const appMain = () => requested.some((path) => /^\/main-[A-Z0-9]+\.js$/.test(path));
          for (let i = 0; i < 75 && !appMain(); i++) await page.waitForTimeout(200);
          expect(appMain()).toBe(true);
          expect(await page.locator('jbh-root').count()).toBe(0);
        }
        // Its styles are inline (no style sheet from a file applies), and the signed-in pages' component
        // styles (zorro-app.css, 225 kB) are never fetched, not even by the prefetch.
        expect(await page.evaluate(() => [...document.styleSheets].map((sheet) => sheet.href).filter(Boolean))).toEqual([]);
        expect(requested.filter((path) => path.includes('zorro-app'))).toEqual([]);
        // No programme name on a page a shared phone shows.
        expect(await page.title()).not.toMatch(/金不换|Jinbuhuan/);
        expect(await page.locator('body').textContent()).not.toMatch(/金不换|Jinbuhuan|戒毒|rehab/i);
        await shoot(page, `sign-in-${label}-${lang}`);
        await context.close();
      });
    }
  }

  it('a deep link without a session goes to sign in, then back to the page asked for', async () => {
    const { context, page } = await open(PHONE, 'deep link');
    await page.goto(`${suite.base}/trainees?state=active`);
    await page.waitForURL(/\/login\?returnUrl=/, { timeout: 20_000 });
    expect(new URL(page.url()).searchParams.get('returnUrl')).toBe('/trainees?state=active');
    await page.locator('#username').fill('counsellor');
    await page.locator('#password').fill('Demo#2026');
    await page.locator('button[type=submit]').click();
    await page.getByTestId('caseload-page').waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/trainees');
    await context.close();
  });

  it('a signed-in person who opens the sign-in page goes on to their home; after signing out it asks again', async () => {
    const { context, page } = await open(DESKTOP, 'signed in');
    await signIn(page, 'instructor', 'instructor');
    await page.goto(`${suite.base}/login`);
    await page.getByTestId('home-instructor').waitFor({ timeout: 20_000 });
    // Signed out on the server first: the same browser then sees the form, not the home.
    await page.evaluate(async () => {
      await fetch('/api/auth/logout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    });
    await page.goto(`${suite.base}/login`);
    await page.locator('#username').waitFor();
    await page.waitForLoadState('networkidle');
    expect(page.url()).toMatch(/\/login$/);
    expect(await page.evaluate(() => localStorage.getItem('jbh.signedIn'))).toBeNull();
    await context.close();
  });

  for (const [label, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`offline, the app says signing in needs a connection, then opens sign-in by itself (${label}, Chinese)`, async () => {
      const { context, page } = await open(viewport, `offline ${label}`);
      // Where a staff idle sign-out would have gone; a foreign `to` would be replaced by /login.
      await page.goto(`${suite.base}/sign-in-offline?to=${encodeURIComponent('/login?notice=idle')}`);
      await page.getByTestId('sign-in-offline').waitFor();
      expect(await page.locator('h1').textContent()).toBe('需要联网登录');
      await shoot(page, `sign-in-offline-${label}-zh`);
      await context.setOffline(true);
      await context.setOffline(false);
      await page.getByTestId('session-idle').waitFor({ timeout: 20_000 });
      expect(new URL(page.url()).pathname).toBe('/login');

      await page.goto(`${suite.base}/sign-in-offline?to=${encodeURIComponent('https://evil.example/')}`);
      await page.getByTestId('sign-in-offline').locator('button').click();
      await page.locator('#username').waitFor();
      expect(new URL(page.url()).origin).toBe(new URL(suite.base).origin);
      await context.close();
    });
  }

  it('the pages raised no console errors (CSP violations included)', () => {
    expect(problems).toEqual([]);
  });
});
