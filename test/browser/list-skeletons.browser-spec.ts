// The generated client's functions carry their URL (`.PATH`); loading one loads @angular/common/http,
// whose partially compiled classes need the JIT compiler at hand when they load outside an Angular build.
import '@angular/compiler';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { traineesControllerList } from '../../client/src/app/core/api/generated/fn/trainees/trainees-controller-list';
import { browserSession, describeBrowser, PHONE, SCREENSHOT_DIR, screenshotPath } from '../utils/browser';

/**
 * Issue 12, skeletons for lists: a list's first page shows shimmering rows in the shape of the rows to
 * come (not a spinner over an empty table that first says "no data"); once the rows arrive the skeleton
 * is gone and the rows sit where it was. A reload keeps the rows it has. The caseload's response is held
 * back to see it, as a counsellor, on a phone in Chinese and on a laptop in English.
 * Photographed into test-results/screenshots/list-skeletons/.
 */
const LAPTOP = { width: 1366, height: 768 };
const CASES = [
  { size: 'phone', viewport: PHONE, lang: 'zh', variant: 'cards', rows: 6, label: '加载中…' },
  { size: 'laptop', viewport: LAPTOP, lang: 'en', variant: 'table', rows: 10, label: 'Loading…' },
] as const;

describeBrowser('list skeletons: first load shows the rows to come', () => {
  const suite = browserSession();
  const { problems, open, signIn } = suite;

  beforeAll(() => mkdirSync(join(SCREENSHOT_DIR, 'list-skeletons'), { recursive: true }));
  afterAll(() => expect(problems).toEqual([]));

  /** Straight away: the page's network is not quiet while a response is held back. */
  const snap = (page: Page, name: string) => page.screenshot({ path: screenshotPath(`list-skeletons/${name}`), fullPage: true });

  async function until(ok: () => boolean, timeout = 5_000): Promise<void> {
    const end = Date.now() + timeout;
    while (!ok()) {
      if (Date.now() > end) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Holds the caseload list's responses back until `release()`; `held` counts the requests caught. */
  async function holdCaseload(page: Page) {
    let openGate!: () => void;
    let gate = new Promise<void>((resolve) => (openGate = resolve));
    const state = { held: 0 };
    await page.route(
      (url) => url.pathname === traineesControllerList.PATH,
      async (route: Route) => {
        state.held++;
        await gate;
        await route.continue();
      },
    );
    return {
      state,
      release: () => openGate(),
      /** Holds the next ones back again. */
      rearm: () => {
        gate = new Promise<void>((resolve) => (openGate = resolve));
      },
    };
  }

  for (const c of CASES) {
    it(`${c.size} ${c.lang}: the caseload shows a skeleton until its rows come, then the rows where it was`, async () => {
      const { context, page } = await open(c.viewport, `skeleton-${c.size}-${c.lang}`);
      if (c.lang === 'en') await page.addInitScript("localStorage.setItem('jbh.lang', 'en')");
      await signIn(page, 'counsellor', 'counsellor');
      const hold = await holdCaseload(page);
      try {
        await page.goto(`${suite.base}/trainees?state=all`);
        const skeleton = page.getByTestId('list-loading');
        await skeleton.waitFor({ state: 'visible' });
        expect(hold.state.held).toBeGreaterThan(0);
        expect(await skeleton.getAttribute('aria-busy')).toBe('true');
        expect(await skeleton.getAttribute('data-variant')).toBe(c.variant);
        await page.getByRole('status', { name: c.label }).waitFor();
        expect(await skeleton.getByTestId('list-loading-row').count()).toBe(c.rows);
        // No rows yet, and no "no data" (what the table used to say before its first page came).
        expect(await page.getByTestId('caseload-row').count()).toBe(0);
        expect(await page.locator('.ant-empty:visible, .ant-spin:visible').count()).toBe(0);
        const sk = (await skeleton.boundingBox())!;
        const skRow = (await skeleton.getByTestId('list-loading-row').first().boundingBox())!;
        await snap(page, `caseload-${c.size}-${c.lang}-loading`);

        hold.release();
        await page.getByTestId('caseload-row').first().waitFor();
        expect(await skeleton.count()).toBe(0);
        expect(await page.getByTestId('caseload-row').count()).toBeGreaterThan(0);
        // The rows take the skeleton's place: the list starts where it started, and (a table) its rows
        // are as tall as the skeleton's, so the page does not jump.
        const list = (await page.getByTestId(c.variant === 'table' ? 'caseload-table' : 'caseload-cards').boundingBox())!;
        expect(Math.abs(list.y - sk.y)).toBeLessThanOrEqual(4);
        if (c.variant === 'table') {
          const row = (await page.getByTestId('caseload-row').first().boundingBox())!;
          expect(Math.abs(row.height - skRow.height)).toBeLessThanOrEqual(4);
          expect(Math.abs(row.y - skRow.y)).toBeLessThanOrEqual(6);
        }
        await suite.shoot(page, `list-skeletons/caseload-${c.size}-${c.lang}-loaded`);

        // A reload (a search) keeps the rows shown while it runs: no skeleton over them.
        const before = hold.state.held;
        hold.rearm();
        await page.getByTestId('caseload-search').fill('张');
        await until(() => hold.state.held > before);
        expect(await skeleton.count()).toBe(0);
        expect(await page.getByTestId('caseload-row').count()).toBeGreaterThan(0);
        hold.release();
      } finally {
        hold.release();
        await page.unrouteAll({ behavior: 'ignoreErrors' });
        await context.close();
      }
    });
  }
});
