import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { browserSession, DESKTOP, describeBrowser, PHONE, screenshotPath } from '../utils/browser';

/**
 * The outcome dashboards as the bureau and a station see them: charts drawn, tables beside them, a
 * release year and quarter picked (never a range of days), a withheld share explained, a different
 * grouping, the workbook downloaded, the print layout — photographed on a desktop and a phone.
 */
describeBrowser('reports: is the motto coming true?', () => {
  const suite = browserSession();
  const { problems, shoot } = suite;

  async function open(viewport: typeof PHONE, who: string, home: string): Promise<Page> {
    const { page } = await suite.open(viewport, who);
    await suite.signIn(page, who, home);
    return page;
  }

  /** Picks an option of an nz-select by its exact text. */
  async function choose(page: Page, testId: string, text: string): Promise<void> {
    await page.getByTestId(testId).click();
    await page.locator('nz-option-item', { hasText: new RegExp(`^\\s*${text}\\s*$`) }).click();
  }

  /**
   * Every report has drawn its chart (ECharts renders SVG) and its table. A report is built only when it
   * scrolls near the viewport, and a chart or the motto's table when in view, so each is scrolled to first,
   * as a reader would.
   */
  async function reportsDrawn(page: Page): Promise<void> {
    for (const id of ['report-motto', 'report-abstinence', 'report-orders', 'report-fairs']) {
      const card = page.getByTestId(id);
      await card.scrollIntoViewIfNeeded();
      // A chart is drawn once it is in view (not before: drawing one is the page's longest task).
      await card.locator('jbh-chart').first().scrollIntoViewIfNeeded();
      await card.locator('jbh-chart svg').first().waitFor({ timeout: 20_000 });
    }
    // The motto's table, too, is built once its box is in view.
    const motto = page.getByTestId('report-motto');
    await motto.getByTestId('motto-table-box').or(motto.getByTestId('motto-table')).scrollIntoViewIfNeeded();
    await motto.getByTestId('motto-table').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
  }

  it('the bureau reads the motto, abstinence beside the share reached, and both funnels; picks a cohort; regroups; downloads; prints', async () => {
    const page = await open(DESKTOP, 'admin', 'admin');
    await page.getByRole('link', { name: '成效报表' }).first().click();
    await page.getByTestId('reports-page').waitFor();
    await reportsDrawn(page);
    expect(await page.getByTestId('reports-scope').textContent()).toContain('全省');
    // Last year's releases, by default; a year and a quarter are all the page offers, no range of days.
    const lastYear = new Date().getFullYear() - 1;
    expect(await page.getByTestId('reports-cohort-shown').textContent()).toContain(`${lastYear}年出所`);
    // By facility: both demo facilities, and the total.
    const rows = page.getByTestId('motto-row');
    const labels = (await rows.locator('td:first-child').allTextContents()).map((s) => s.trim());
    expect(labels).toEqual(expect.arrayContaining(['海南省第一强制隔离戒毒所', '海南省第二强制隔离戒毒所', '合计']));
    const headline = await page.getByTestId('motto-headline').textContent();
    expect(headline).toMatch(/\d+(\.\d)?%|—/);
    // Abstinence is never shown without the share reached next to it.
    const abstHead = await page.getByTestId('abstinence-table').locator('thead').textContent();
    expect(abstHead).toContain('联系到');
    expect(abstHead).toContain('保持操守');
    // Re-admission beside it, one cell per year in every row.
    expect(abstHead).toContain('再次入所');
    const abstRows = await page.getByTestId('abstinence-row').count();
    expect(await page.getByTestId('readmitted-cell').count()).toBe(abstRows * 3);
    // A withheld share is a dash that says why, on hover (a demo year is a few dozen people: there are some).
    const dash = page.getByTestId('motto-table').getByTestId('withheld').first();
    await dash.hover();
    const why = page.locator('.ant-popover').filter({ hasText: /不显示|没有可计算的人/ });
    await why.waitFor();
    expect(await dash.getAttribute('aria-label')).toMatch(/不显示|没有可计算的人/);
    await shoot(page, 'reports-admin-desktop');
    await page.mouse.move(0, 0);

    // Narrow to one facility: the total becomes that facility's row.
    const facilityRow = page.getByTestId('motto-row').filter({ hasText: '海南省第一强制隔离戒毒所' });
    const facilityReleased = (await facilityRow.locator('td').nth(1).textContent())!.trim();
    await choose(page, 'reports-facility', '海南省第一强制隔离戒毒所');
    await page.getByTestId('reports-apply').click();
    await page.getByTestId('motto-row').filter({ hasText: '海南省第二强制隔离戒毒所' }).waitFor({ state: 'detached' });
    expect((await page.getByTestId('motto-row').last().locator('td').nth(1).textContent())!.trim()).toBe(facilityReleased);
    await shoot(page, 'reports-admin-facility-desktop');
    await page.getByTestId('reports-facility').locator('.ant-select-clear').click();

    // By quarter of the year; then one quarter.
    await choose(page, 'reports-group', '出所季度');
    await page.getByTestId('reports-apply').click();
    await page
      .getByTestId('motto-row')
      .first()
      .locator('td')
      .first()
      .filter({ hasText: new RegExp(`^\\s*${lastYear}年第[1-4]季度\\s*$`) })
      .waitFor();
    await reportsDrawn(page);
    const quarter = (await page.getByTestId('motto-row').first().locator('td').first().textContent())!.trim().slice(-3, -2);
    await choose(page, 'reports-cohort-quarter', `第${quarter}季度`);
    await page.getByTestId('reports-apply').click();
    await page
      .getByTestId('reports-cohort-shown')
      .filter({ hasText: `${lastYear}年第${quarter}季度出所` })
      .waitFor();
    await reportsDrawn(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('reports-excel').click()]);
    expect(download.suggestedFilename()).toBe('outcomes.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await download.path()) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '技能文凭就业', '操守保持', '订单漏斗', '招聘会漏斗']);
    expect(wb.getWorksheet('技能文凭就业')!.getRow(1).getCell(1).value).toBe('出所季度');
    const about = wb
      .getWorksheet('说明')!
      .getSheetValues()
      .flatMap((r) => (Array.isArray(r) ? [[r[1], r[2]]] : []));
    expect(about).toContainEqual(['出所队列', `${lastYear}年第${quarter}季度`]);

    // The print layout: no menu, no filters, no buttons; the reports and their tables.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.staff-sider').isVisible()).toBe(false);
    expect(await page.getByTestId('reports-filters').isVisible()).toBe(false);
    expect(await page.getByTestId('motto-table').isVisible()).toBe(true);
    await shoot(page, 'reports-admin-print');
    await page.emulateMedia({ media: 'screen' });
    await page.context().close();
  });

  it('a station counsellor on a phone sees their own trainees only, by quarter, said so on the page', async () => {
    // The year the Haikou station took the most people (a demo station's year is a handful).
    const [{ y, n }] = (await suite.t.sql<{ y: number; n: number }>(
      `SELECT extract(year FROM t.released_on)::int AS y, count(*)::int AS n
         FROM trainee t
         LEFT JOIN LATERAL (SELECT to_organisation_id FROM handover WHERE trainee_id = t.id AND state = 'completed'
                             ORDER BY completed_at DESC LIMIT 1) h ON true
        WHERE t.released_on <= current_date
          AND COALESCE(h.to_organisation_id, t.organisation_id) = (SELECT organisation_id FROM app_user WHERE username = 'station')
        GROUP BY 1 ORDER BY 2 DESC, 1 DESC LIMIT 1`,
    )) as [{ y: number; n: number }];
    const page = await open(PHONE, 'station', 'counsellor');
    await page.goto(`${suite.base}/reports`);
    await page.getByTestId('reports-page').waitFor();
    expect(await page.getByTestId('reports-scope').textContent()).toContain('仅统计本机构');
    // On a phone the filters wait in a sheet: the first screen builds no picker.
    expect(await page.getByTestId('reports-filters').count()).toBe(0);
    expect(await page.locator('nz-select').count()).toBe(0);
    await page.getByTestId('reports-filters-button').click();
    await page.getByTestId('reports-filters').waitFor();
    // A counsellor's own organisation is one group already: the rows are its quarters, and no other narrowing is offered.
    expect(await page.getByTestId('reports-division').count()).toBe(0);
    expect(await page.getByTestId('reports-facility').count()).toBe(0);
    await shoot(page, 'reports-station-phone-filters');
    await choose(page, 'reports-cohort-year', `${y}`);
    await page.getByTestId('reports-apply').click();
    // Showing the reports closes the sheet; the page scrolls again once its closing animation is over.
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
    await page.waitForFunction(() => !document.documentElement.classList.contains('cdk-global-scrollblock'));
    await page
      .getByTestId('reports-cohort-shown')
      .filter({ hasText: `${y}年出所` })
      .waitFor();
    await reportsDrawn(page);
    const total = Number((await page.getByTestId('motto-row').last().locator('td').nth(1).textContent())!.trim());
    expect(total).toBe(n);
    const firstRow = (await page.getByTestId('motto-row').first().locator('td').first().textContent())!.trim();
    expect(firstRow).toMatch(new RegExp(`^${y}年第[1-4]季度$`));
    await shoot(page, 'reports-station-phone');
    await page.context().close();
    // The bureau's view on a phone. The filter's lists (facilities, stations, divisions) are asked for only
    // once the sheet is opened: before, they were three requests made with the page's own first render.
    const admin = await open(PHONE, 'admin', 'admin');
    const listsAsked: string[] = [];
    admin.on('request', (r) => {
      if (/\/api\/(organisations|reference\/divisions)/.test(r.url())) listsAsked.push(r.url());
    });
    await admin.goto(`${suite.base}/reports`);
    await reportsDrawn(admin);
    await shoot(admin, 'reports-admin-phone');
    await admin.waitForLoadState('networkidle');
    expect(listsAsked).toEqual([]);
    await admin.getByTestId('reports-filters-button').click();
    await admin.getByTestId('reports-facility').click();
    await admin.locator('nz-option-item', { hasText: '海南省第一强制隔离戒毒所' }).waitFor();
    expect(listsAsked.length).toBe(3);
    await admin.context().close();
  });

  it('nothing moves while the reports load: the chart, the filters and the cohort line keep their places (phone, desktop; zh, en)', async () => {
    const english = (page: Page) => page.addInitScript("localStorage.setItem('jbh.lang', 'en')");
    for (const [name, viewport, lang] of [
      ['phone-zh', PHONE, 'zh'],
      ['phone-en', PHONE, 'en'],
      ['desktop-zh', DESKTOP, 'zh'],
      ['desktop-en', DESKTOP, 'en'],
    ] as const) {
      const { page } = await suite.open(viewport, 'admin');
      if (lang === 'en') await english(page);
      await suite.signIn(page, 'admin', 'admin');
      // The motto's answer is held back, so the page is measured before its data arrives.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(/\/reports\/motto\?/, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${suite.base}/reports`);
      const card = page.getByTestId('report-motto');
      const chart = card.getByTestId('chart-box');
      await chart.waitFor();
      // Places on the page (not in the window), so scrolling to the chart does not count as a move.
      const onPage = (l: typeof card) =>
        l.evaluate((el) => {
          const r = el.getBoundingClientRect();
          return { y: r.top + window.scrollY, height: r.height };
        });
      const boxes = async () => ({
        chart: await onPage(chart),
        // On a phone the filters are a button that opens a sheet.
        filters: await onPage(page.getByTestId(viewport === PHONE ? 'reports-filters-bar' : 'reports-filters')),
        cohortLine: await onPage(page.getByTestId('reports-cohort-line')),
        smallCells: await onPage(page.getByTestId('reports-small-cells')),
        card: await onPage(card),
        next: await onPage(page.getByTestId('report-abstinence')),
      });
      const before = await boxes();
      expect(before.chart.height).toBe(300);
      // The sentence on withheld shares is there before the answer; only its threshold waits, unseen.
      const smallCells = page.getByTestId('reports-small-cells');
      const threshold = smallCells.getByTestId('reports-threshold');
      expect(await threshold.count()).toBe(2);
      expect(await smallCells.isVisible()).toBe(true);
      expect(await threshold.first().isVisible()).toBe(false);
      await page.screenshot({ path: screenshotPath(`reports-speed/loading-${name}`), animations: 'disabled' });
      release();
      // The answer is in (the headline), the chart scrolled to and drawn.
      await card.getByTestId('motto-headline').waitFor();
      await threshold.first().waitFor();
      // As it reads (the template's white space between the pieces collapses, as the browser shows it).
      const sentence = ((await smallCells.textContent()) ?? '').replace(/\s+/g, ' ').trim();
      expect(sentence).toContain(
        lang === 'zh' ? '不足 5 人的组，或有、没有某一结果的人数不足 5 人的，' : 'fewer than 5 people, or where fewer than 5 have',
      );
      if (before.chart.y >= viewport.height) {
        // Below the first screen (a phone): neither the chart nor the table is built while the page loads,
        // though the answer is in; each would have been the longest task of the load.
        await page.waitForTimeout(500);
        expect(await card.locator('jbh-chart svg').count()).toBe(0);
        expect(await card.getByTestId('motto-table').count()).toBe(0);
        expect(await card.getByTestId('motto-table-box').count()).toBe(1);
      }
      await chart.scrollIntoViewIfNeeded();
      await card.locator('jbh-chart svg').first().waitFor({ timeout: 20_000 });
      const after = await boxes();
      // The chart is drawn into the box that stood there, at the same place and height.
      const place = (b: { y: number; height: number }) => [Math.round(b.y), Math.round(b.height)];
      expect(place(after.chart)).toEqual(place(before.chart));
      expect(place(after.filters)).toEqual(place(before.filters));
      expect(place(after.cohortLine)).toEqual(place(before.cohortLine));
      // The card's top stays; it may grow at the bottom (a longer table than the box kept for it).
      expect(Math.round(after.card.y)).toBe(Math.round(before.card.y));
      // The next report moves only where nobody sees it (below the first screen, before and after).
      if (before.next.y < viewport.height) expect(Math.round(after.next.y)).toBe(Math.round(before.next.y));
      else expect(after.next.y).toBeGreaterThanOrEqual(viewport.height);
      expect(place(after.smallCells)).toEqual(place(before.smallCells));
      // The table is built once its box is in view, in a box of about its height (ReportsPage.tableBoxHeight).
      const table = card.getByTestId('motto-table');
      await card.getByTestId('motto-table-box').or(table).scrollIntoViewIfNeeded();
      await table.waitFor();
      const rows = await card.getByTestId('motto-row').count();
      // A row with a rate and its counts is ~61 px, the header 39 (zh) or 61 (en, two lines): the box is within 24 px.
      expect(Math.abs((await onPage(table)).height - (rows + 1) * 60)).toBeLessThanOrEqual(24);
      await reportsDrawn(page);
      await suite.shoot(page, `reports-speed/reports-${name}`);
      await page.context().close();
    }
  });

  it('trainees and employers cannot open it', async () => {
    const page = await open(PHONE, 'trainee', 'trainee');
    await page.goto(`${suite.base}/reports`);
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('reports-page').count()).toBe(0);
    await page.context().close();
    expect(problems).toEqual([]);
  });
});
