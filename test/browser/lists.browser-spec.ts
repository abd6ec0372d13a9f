import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { browserSession, describeBrowser, PHONE, SCREENSHOT_DIR } from '../utils/browser';

/**
 * Issue 12, lists people can work in: dense staff tables (one line a row, "…" with the whole text in a
 * tooltip, fixed widths, a header that stays in view), saved caseload filters (per user, never the
 * search text), and the matching weights as sliders. At 1366×768 and on a phone, in Chinese and English.
 * Photographed into test-results/screenshots/lists/.
 */
const LAPTOP = { width: 1366, height: 768 };
const SIZES = [
  ['laptop', LAPTOP],
  ['phone', PHONE],
] as const;
const LANGS = ['zh', 'en'] as const;

describeBrowser('lists: dense tables, saved filters, weights sliders', () => {
  const suite = browserSession();
  const { problems, open, signIn } = suite;
  let base: string;

  beforeAll(() => {
    ({ base } = suite);
    mkdirSync(join(SCREENSHOT_DIR, 'lists'), { recursive: true });
  });
  afterAll(() => expect(problems).toEqual([]));

  const shoot = (page: Page, name: string) => suite.shoot(page, `lists/${name}`);
  const english = (page: Page) => page.addInitScript("localStorage.setItem('jbh.lang', 'en')");

  /** Opens an ng-zorro select and picks the option with this label. */
  async function choose(page: Page, select: Locator, label: string): Promise<void> {
    await select.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click();
  }

  /**
   * A phone builds the caseload's cards a screenful at a time as the list's end comes into view: scroll to
   * that end until every card of the page is built, and return how many steps it took.
   */
  async function scrollToCaseloadEnd(page: Page): Promise<number> {
    let steps = 0;
    for (; steps < 20; steps++) {
      const more = page.locator('.cards-more');
      if ((await more.count()) === 0) break;
      const before = await page.getByTestId('caseload-row').count();
      await more.scrollIntoViewIfNeeded().catch(() => undefined); // it may be replaced while scrolling
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="caseload-row"]').length > n || !document.querySelector('.cards-more'),
        before,
      );
    }
    return steps;
  }

  /** Every body row's cells: none overlaps the next, every row is one line high, text is cut with "…". */
  async function expectDenseRows(table: Locator): Promise<number> {
    const rows = await table.locator('tbody tr.ant-table-row').evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll(':scope > td')].map((td) => {
          const r = td.getBoundingClientRect();
          const s = getComputedStyle(td);
          return {
            left: r.left,
            right: r.right,
            top: r.top,
            bottom: r.bottom,
            white: s.whiteSpace,
            overflow: s.overflowX,
            ellipsis: s.textOverflow,
          };
        });
        return { height: tr.getBoundingClientRect().height, cells };
      }),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.height).toBeLessThan(60);
      for (let i = 0; i < row.cells.length; i++) {
        const c = row.cells[i]!;
        expect(c.white).toBe('nowrap');
        expect(c.overflow).toBe('hidden');
        expect(c.ellipsis).toBe('ellipsis');
        const next = row.cells[i + 1];
        if (next) expect(next.left).toBeGreaterThanOrEqual(c.right - 1);
      }
    }
    return rows.length;
  }

  /** The header row is on screen, below the staff header, and above the first row still visible. */
  async function expectHeaderVisible(page: Page, table: Locator): Promise<void> {
    const head = await table.locator('thead th').first().boundingBox();
    expect(head).not.toBeNull();
    const viewport = page.viewportSize()!;
    expect(head!.y).toBeGreaterThanOrEqual(59);
    expect(head!.y + head!.height).toBeLessThanOrEqual(viewport.height);
  }

  for (const [size, viewport] of SIZES) {
    for (const lang of LANGS) {
      it(`${size} ${lang}: the class list reads one line a row, nothing overlaps, the header stays`, async () => {
        const { context, page } = await open(viewport, `classes-${size}-${lang}`);
        if (lang === 'en') await english(page);
        await signIn(page, 'admin', 'admin');
        await page.goto(`${base}/admin/learning/classes`);
        const table = page.getByTestId('classes-table');
        await table.locator('tbody tr.ant-table-row').first().waitFor();
        await expectDenseRows(table);
        // The whole name is in the cell's tooltip.
        const first = table.locator('tbody tr.ant-table-row td').first();
        expect(await first.getAttribute('title')).toBe((await first.getByTestId('class-link').textContent())?.trim());
        await shoot(page, `classes-${size}-${lang}`);
        // Scrolled (the page, and the table body), the header is still there.
        await page.mouse.wheel(0, 600);
        await table.locator('.ant-table-body').evaluate((el) => el.scrollTo(0, el.scrollHeight));
        await page.waitForTimeout(100);
        await expectHeaderVisible(page, table);

        await page.goto(`${base}/admin/learning/courses`);
        const courses = page.getByTestId('courses-table');
        await courses.locator('tbody tr.ant-table-row').first().waitFor();
        await expectDenseRows(courses);
        await shoot(page, `courses-${size}-${lang}`);
        await context.close();
      });
    }
  }

  for (const lang of LANGS) {
    it(`laptop ${lang}: the caseload table keeps its header while its rows scroll`, async () => {
      const { context, page } = await open(LAPTOP, `caseload-${lang}`);
      if (lang === 'en') await english(page);
      await signIn(page, 'counsellor', 'counsellor');
      await page.goto(`${base}/trainees?state=all`);
      const table = page.getByTestId('caseload-table');
      await page.getByTestId('caseload-row').first().waitFor();
      const n = await expectDenseRows(table);
      expect(n).toBeGreaterThan(5);
      // Each row's checkbox has the person's name as its label.
      const firstName = await page.getByTestId('caseload-row').first().getAttribute('data-trainee');
      const label = lang === 'zh' ? `选择 ${firstName}` : `Select ${firstName}`;
      expect(await page.getByRole('checkbox', { name: new RegExp(label) }).count()).toBeGreaterThan(0);
      // The filters have real labels.
      await page
        .getByLabel(lang === 'zh' ? '状态' : 'State', { exact: true })
        .first()
        .waitFor();
      await shoot(page, `caseload-laptop-${lang}`);
      const body = table.locator('.ant-table-body');
      const scrolls = await body.evaluate((el) => el.scrollHeight > el.clientHeight);
      await body.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await page.waitForTimeout(100);
      await expectHeaderVisible(page, table);
      if (scrolls) {
        // The first row is now under the header, out of sight; the header is not.
        const head = (await table.locator('thead th').nth(1).boundingBox())!;
        const row = (await page.getByTestId('caseload-row').first().boundingBox())!;
        expect(row.y + row.height).toBeLessThanOrEqual(head.y + head.height + 1);
      }
      await shoot(page, `caseload-laptop-${lang}-scrolled`);
      await context.close();
    });
  }

  it('phone: the caseload builds a screenful of cards, the next as the list ends, the total last', async () => {
    const { context, page } = await open(PHONE, 'caseload-cards');
    await signIn(page, 'counsellor', 'counsellor');
    await page.goto(`${base}/trainees?state=all`);
    await page.getByTestId('caseload-row').first().waitFor();
    const { token } = await suite.t.login('counsellor');
    const res = await suite.t.http().get('/api/trainees?pageSize=20').set('Authorization', `Bearer ${token}`);
    const { items, total: all } = res.body as { items: unknown[]; total: number };
    const rows = items.length;
    // A page (20 rows) is more than two screenfuls, so the steps are seen; a second page follows.
    expect(rows).toBe(20);
    expect(all).toBeGreaterThan(28);
    const names = () => page.getByTestId('caseload-row').evaluateAll((li) => li.map((e) => e.getAttribute('data-trainee')));

    // The load builds the cards that fill the screen and no more: eight at a time, the last eight needed (their
    // first starts on the screen), the list's end below it, and neither the pager nor the total built yet.
    const expectScreenful = async () => {
      await page.waitForTimeout(500);
      const built = await page.getByTestId('caseload-row').count();
      expect(built).toBeLessThan(rows);
      expect(built % 8).toBe(0);
      expect(
        (await page
          .getByTestId('caseload-row')
          .nth(built - 8)
          .boundingBox())!.y,
      ).toBeLessThan(PHONE.height);
      expect((await page.locator('.cards-more').boundingBox())!.y).toBeGreaterThan(PHONE.height);
      expect(await page.getByTestId('caseload-total').count()).toBe(0);
    };
    await expectScreenful();
    await shoot(page, 'caseload-cards-phone-first');

    const steps = await scrollToCaseloadEnd(page);
    expect(steps).toBeGreaterThanOrEqual(2);
    await page.getByTestId('caseload-total').first().waitFor();
    // Every card of the page once.
    const first = await names();
    expect(new Set(first).size).toBe(rows);
    await shoot(page, 'caseload-cards-phone-end');

    // The pager below the last card turns to the next page, read from its top: a screenful again.
    await page.locator('.cards-pager .ant-pagination-next').click();
    await page.waitForURL(/page=2/);
    await page.waitForFunction(
      (name) => document.querySelector('[data-testid="caseload-row"]')?.getAttribute('data-trainee') !== name,
      first[0],
    );
    await expectScreenful();
    await context.close();
  });

  for (const [size, viewport] of SIZES) {
    it(`${size}: a saved caseload filter comes back, without the search text, and is deleted`, async () => {
      const { context, page } = await open(viewport, `saved-${size}`);
      await signIn(page, 'counsellor', 'counsellor');
      await page.goto(`${base}/trainees`);
      await page.getByTestId('caseload-row').first().waitFor();

      // A search typed in, then the state and consent filters.
      await page.getByTestId('caseload-search').fill('韩');
      if (size === 'phone') {
        await page.getByTestId('caseload-filters-button').click();
        await page.getByTestId('caseload-filter-sheet').waitFor();
      }
      await choose(page, page.getByTestId('caseload-state'), '已出所');
      await choose(page, page.getByTestId('caseload-consent'), '已同意就业匹配');
      if (size === 'phone') await page.getByTestId('caseload-filters-apply').click();
      await page.waitForURL(/state=released/);

      await page.getByTestId('saved-filter-save').click();
      await page.getByTestId('saved-filter-name').fill('已出所且同意');
      await page.getByTestId('saved-filter-confirm').click();
      const chip = page.getByTestId('saved-filter').filter({ hasText: '已出所且同意' });
      await chip.waitFor();
      expect(await chip.locator('button').first().getAttribute('aria-pressed')).toBe('true');

      // Stored for this user only, with filter values and never the search.
      const stored = await page.evaluate(() =>
        Object.keys(localStorage)
          .filter((k) => k.startsWith('jbh.caseload.savedFilters.'))
          .map((k): [string, string] => [k, localStorage.getItem(k)!]),
      );
      expect(stored).toHaveLength(1);
      expect(stored[0]![0]).toMatch(/^jbh\.caseload\.savedFilters\.[0-9a-f-]{36}$/);
      const saved = JSON.parse(stored[0]![1]) as Record<string, unknown>[];
      expect(saved).toEqual([expect.objectContaining({ name: '已出所且同意', state: 'released', consent: 'granted' })]);
      expect(stored[0]![1]).not.toContain('韩');
      expect(Object.keys(saved[0]!)).not.toContain('q');
      await shoot(page, `saved-filter-${size}`);

      // Cleared, then re-applied from the chip; it survives a reload.
      if (size === 'phone') {
        await page.getByTestId('caseload-filters-button').click();
        await page.getByTestId('caseload-filter-sheet').waitFor();
      }
      await page.getByRole('button', { name: '重置' }).click();
      if (size === 'phone') await page.getByTestId('caseload-filters-apply').click();
      await page.waitForURL((url) => !url.search.includes('state='));
      expect(await chip.locator('button').first().getAttribute('aria-pressed')).toBe('false');
      await page.reload();
      await chip.waitFor();
      await chip.locator('button').first().click();
      await page.waitForURL(/state=released/);
      expect(page.url()).toContain('consent=granted');
      expect(await chip.locator('button').first().getAttribute('aria-pressed')).toBe('true');
      await page.getByTestId('caseload-row').first().waitFor();
      if (size === 'phone') await scrollToCaseloadEnd(page);
      await page.getByTestId('caseload-total').first().waitFor();

      // Another counsellor on the same browser sees none of it.
      await chip.getByTestId('saved-filter-delete').click();
      await chip.waitFor({ state: 'detached' });
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('jbh.caseload.savedFilters.')))).toEqual([]);
      await context.close();
    });
  }

  for (const [size, viewport] of SIZES) {
    it(`${size}: the matching weights are sliders with their value, explained, totalled, reset and saved`, async () => {
      const { context, page } = await open(viewport, `weights-${size}`);
      if (size === 'phone') await english(page);
      await signIn(page, 'admin', 'admin');
      await page.goto(`${base}/matching/weights`);
      const certificate = page.getByTestId('weight-certificate');
      await certificate.waitFor();
      await page.waitForFunction(() => (document.querySelector('[data-testid=weight-certificate]') as HTMLInputElement).value !== '0');
      const version = Number(/v(\d+)/.exec((await page.locator('.ant-card-head-title').textContent()) ?? '')![1]);
      const explain = await page.locator('.weight-explain').allTextContents();
      expect(explain).toHaveLength(8);
      expect(explain.every((e) => e.trim().length > 5)).toBe(true);
      await shoot(page, `weights-${size}-before`);

      // From the defaults (another test may have saved other weights), the slider (by keyboard, as the
      // handle takes focus) moves the number; the total says what is off.
      if (!(await page.getByTestId('weights-reset').isDisabled())) await page.getByTestId('weights-reset').click();
      // The number box shows the reset value after the next change detection: poll for it.
      for (let i = 0; i < 25 && (await certificate.inputValue()) !== '30'; i++) await page.waitForTimeout(100);
      expect(await certificate.inputValue()).toBe('30');
      const handle = page.getByTestId('weight-slider-certificate').locator('.ant-slider-handle');
      await handle.focus();
      for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => (document.querySelector('[data-testid=weight-certificate]') as HTMLInputElement).value === '50');
      expect(await page.getByTestId('weights-total').textContent()).toMatch(/120/);
      expect(await page.getByTestId('weights-save').isDisabled()).toBe(true);
      await shoot(page, `weights-${size}-off`);

      // Reset fills in the defaults; then one weight down by slider, another up by its number, and saved.
      await page.getByTestId('weights-reset').click();
      await page.waitForFunction(() => (document.querySelector('[data-testid=weight-certificate]') as HTMLInputElement).value === '30');
      await handle.focus();
      for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowLeft');
      await page.waitForFunction(() => (document.querySelector('[data-testid=weight-certificate]') as HTMLInputElement).value === '22');
      const cert = 22;
      await page.getByTestId('weight-division').fill('28');
      expect(await page.getByTestId('weight-slider-division').locator('.ant-slider-handle').getAttribute('style')).toContain('28%');
      expect(await page.getByTestId('weights-save').isDisabled()).toBe(false);
      await page.getByTestId('weights-save').click();
      await page.locator('.ant-card-head-title', { hasText: `v${version + 1}` }).waitFor();
      await page.reload();
      await page.locator('.ant-card-head-title', { hasText: `v${version + 1}` }).waitFor();
      await page.waitForFunction(() => (document.querySelector('[data-testid=weight-certificate]') as HTMLInputElement).value !== '0');
      expect(Number(await certificate.inputValue())).toBe(cert);
      expect(Number(await page.getByTestId('weight-division').inputValue())).toBe(28);
      await shoot(page, `weights-${size}-saved`);
      await context.close();
    });
  }
});
