import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

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
