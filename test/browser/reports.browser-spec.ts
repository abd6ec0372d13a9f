import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { browserSession, DESKTOP, describeBrowser, PHONE } from '../utils/browser';

/**
 * The outcome dashboards as the bureau and a station see them: charts drawn, tables beside them, a
 * different grouping, the workbook downloaded, the print layout — photographed on a desktop and a phone.
 */
describeBrowser('reports: is the motto coming true?', () => {
  const suite = browserSession();
  const { problems, shoot } = suite;

  async function open(viewport: typeof PHONE, who: string, home: string): Promise<Page> {
    const { page } = await suite.open(viewport, who);
    await suite.signIn(page, who, home);
    return page;
  }

  /** Every report has drawn its chart (ECharts renders SVG) and its table. */
  async function reportsDrawn(page: Page): Promise<void> {
    for (const id of ['report-motto', 'report-abstinence', 'report-orders', 'report-fairs']) {
      await page.getByTestId(id).locator('jbh-chart svg').first().waitFor({ timeout: 20_000 });
    }
  }

  it('the bureau reads the motto, abstinence beside the share reached, and both funnels; regroups; downloads; prints', async () => {
    const page = await open(DESKTOP, 'admin', 'admin');
    await page.getByRole('link', { name: '成效报表' }).first().click();
    await page.getByTestId('reports-page').waitFor();
    await reportsDrawn(page);
    expect(await page.getByTestId('reports-scope').textContent()).toContain('全省');
    // By facility: both demo facilities, and the total.
    const rows = page.getByTestId('motto-row');
    const labels = (await rows.locator('td:first-child').allTextContents()).map((s) => s.trim());
    expect(labels).toEqual(expect.arrayContaining(['海南省第一强制隔离戒毒所', '海南省第二强制隔离戒毒所', '合计']));
    const headline = await page.getByTestId('motto-headline').textContent();
    expect(headline).toMatch(/\d+(\.\d)?%/);
    // Abstinence is never shown without the share reached next to it.
    const abstHead = await page.getByTestId('abstinence-table').locator('thead').textContent();
    expect(abstHead).toContain('联系到');
    expect(abstHead).toContain('保持操守');
    await shoot(page, 'reports-admin-desktop');

    // Narrow to one facility: the total becomes that facility's row.
    const facilityRow = page.getByTestId('motto-row').filter({ hasText: '海南省第一强制隔离戒毒所' });
    const facilityReleased = (await facilityRow.locator('td').nth(1).textContent())!.trim();
    await page.getByTestId('reports-facility').click();
    await page.locator('nz-option-item', { hasText: '海南省第一强制隔离戒毒所' }).click();
    await page.getByTestId('reports-apply').click();
    await page.getByTestId('motto-row').filter({ hasText: '海南省第二强制隔离戒毒所' }).waitFor({ state: 'detached' });
    expect((await page.getByTestId('motto-row').last().locator('td').nth(1).textContent())!.trim()).toBe(facilityReleased);
    await shoot(page, 'reports-admin-facility-desktop');
    await page.getByTestId('reports-facility').locator('.ant-select-clear').click();

    await page.getByTestId('reports-group').click();
    await page.locator('nz-option-item', { hasText: '出所年份' }).click();
    await page.getByTestId('reports-apply').click();
    // One row per release year (and the total).
    await page
      .getByTestId('motto-row')
      .first()
      .locator('td')
      .first()
      .filter({ hasText: /^\s*\d{4}\s*$/ })
      .waitFor();
    await reportsDrawn(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('reports-excel').click()]);
    expect(download.suggestedFilename()).toBe('outcomes.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await download.path()) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '技能文凭就业', '操守保持', '订单漏斗', '招聘会漏斗']);
    expect(wb.getWorksheet('技能文凭就业')!.getRow(1).getCell(1).value).toBe('出所年份');

    // The print layout: no menu, no filters, no buttons; the reports and their tables.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.staff-sider').isVisible()).toBe(false);
    expect(await page.getByTestId('reports-filters').isVisible()).toBe(false);
    expect(await page.getByTestId('motto-table').isVisible()).toBe(true);
    await shoot(page, 'reports-admin-print');
    await page.emulateMedia({ media: 'screen' });
    await page.context().close();
  });

  it('a station counsellor on a phone sees their own trainees only, said so on the page', async () => {
    const page = await open(PHONE, 'station', 'counsellor');
    await page.goto(`${suite.base}/reports`);
    await page.getByTestId('reports-page').waitFor();
    await reportsDrawn(page);
    expect(await page.getByTestId('reports-scope').textContent()).toContain('仅统计本机构');
    // Haikou's station receives from both facilities, but only its own people: fewer than the province.
    const total = Number((await page.getByTestId('motto-row').last().locator('td').nth(1).textContent())!.trim());
    const [{ n: province }] = (await suite.t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM trainee WHERE released_on <= current_date`,
    )) as [{ n: number }];
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(province);
    await shoot(page, 'reports-station-phone');
    await page.context().close();
    // The bureau's view on a phone, where there are numbers enough to draw.
    const admin = await open(PHONE, 'admin', 'admin');
    await admin.goto(`${suite.base}/reports`);
    await reportsDrawn(admin);
    await shoot(admin, 'reports-admin-phone');
    await admin.context().close();
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
