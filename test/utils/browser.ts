import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type ConsoleMessage, type Page, chromium } from 'playwright-core';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './test-app';

/** Debian's chromium (`apt-get install chromium`), or CHROMIUM_PATH. Playwright cannot download one here. */
export const CHROMIUM_PATH = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
  (p): p is string => !!p && existsSync(p),
);

export const REQUIRE_BROWSER = process.env.REQUIRE_BROWSER === '1';

/**
 * `describe` when a browser is there; otherwise skip loudly — or, with REQUIRE_BROWSER=1 (CI),
 * fail, so a missing browser can never pass for a green run.
 */
export function describeBrowser(name: string, body: () => void): void {
  if (CHROMIUM_PATH) {
    describe(name, body);
    return;
  }
  if (REQUIRE_BROWSER) {
    describe(name, () => {
      it('needs Chromium (REQUIRE_BROWSER=1)', () => {
        throw new Error(
          'No Chromium found at /usr/bin/chromium or CHROMIUM_PATH, and REQUIRE_BROWSER=1: install it with `apt-get install -y chromium fonts-noto-cjk`.',
        );
      });
    });
    return;
  }
  process.stderr.write(
    `\n${'!'.repeat(78)}\n!! BROWSER TESTS SKIPPED: no Chromium found (install: apt-get install -y chromium fonts-noto-cjk)\n${'!'.repeat(78)}\n\n`,
  );
  describe.skip(name, body);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');
export const screenshotPath = (name: string): string => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `${name}.png`);
};

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

export interface BrowserSession {
  /** The app under test, serving the built client (set once the suite's `beforeAll` has run). */
  readonly t: TestApp;
  readonly base: string;
  /** Console and page errors seen so far, as "who: message"; a spec asserts it stays empty. */
  readonly problems: string[];
  /** A fresh zh-CN context whose console errors are collected under `who`. */
  open(viewport: typeof PHONE, who: string): Promise<{ context: BrowserContext; page: Page }>;
  /** Signs in on the login page and waits for the role's home (`home-<home>`). */
  signIn(page: Page, username: string, home: string): Promise<void>;
  /** A full-page screenshot into test-results/screenshots once the page is quiet (animations settled). */
  shoot(page: Page, name: string): Promise<void>;
}

/**
 * What every browser spec needs: the app (serving the built client) on a free port, one Chromium,
 * and the helpers above. Registers its own beforeAll/afterAll. `expected` names console errors a spec
 * provokes on purpose (a refused step's 400, an unknown code's 404), which are then not problems.
 */
export function browserSession(options: { expected?: (message: ConsoleMessage, who: string) => boolean } = {}): BrowserSession {
  let t: TestApp | undefined;
  let base = '';
  let browser: Browser | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    // CLIENT_DIST_DIR: another build of the client (a helper's, a branch's) instead of dist/client/browser.
    const clientDir = process.env.CLIENT_DIST_DIR ?? join(process.cwd(), 'dist', 'client', 'browser');
    if (!existsSync(join(clientDir, 'index.html'))) {
      throw new Error('The client is not built: run `npm run build:client` (npm test does it before the browser tests).');
    }
    t = await createTestApp({
      SERVE_CLIENT: 'true',
      ...(process.env.CLIENT_DIST_DIR ? { CLIENT_DIST_DIR: process.env.CLIENT_DIST_DIR } : {}),
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = await t.app.getUrl();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  return {
    get t() {
      if (!t) throw new Error('the browser session is not started yet (use it inside a test or a later beforeAll)');
      return t;
    },
    get base() {
      return base;
    },
    problems,
    async open(viewport, who) {
      const context = await browser!.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
      const page = await context.newPage();
      page.on('console', (m: ConsoleMessage) => {
        if (m.type() === 'error' && !options.expected?.(m, who)) problems.push(`${who}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`${who}: ${e.message}`));
      return { context, page };
    },
    async signIn(page, username, home) {
      await page.goto(`${base}/login`);
      await page.locator('#username').fill(username);
      await page.locator('#password').fill(DEMO_PASSWORD);
      await page.locator('button[type=submit]').click();
      await page.getByTestId(`home-${home}`).waitFor({ timeout: 20_000 });
    },
    async shoot(page, name) {
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await page.screenshot({ path: screenshotPath(name), fullPage: true, animations: 'disabled' });
    },
  };
}
