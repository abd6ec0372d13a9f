// The generated client's functions carry their URL (`.PATH`); loading one loads @angular/common/http,
// whose partially compiled classes need the JIT compiler at hand when they load outside an Angular build.
import '@angular/compiler';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page, Route } from 'playwright-core';
import { auditControllerSearch } from '../../client/src/app/core/api/generated/fn/audit/audit-controller-search';
import { jobsControllerFailed } from '../../client/src/app/core/api/generated/fn/jobs/jobs-controller-failed';
import { ordersControllerList } from '../../client/src/app/core/api/generated/fn/orders/orders-controller-list';
import { organisationsControllerList } from '../../client/src/app/core/api/generated/fn/organisations/organisations-controller-list';
import { placementsControllerList } from '../../client/src/app/core/api/generated/fn/placements/placements-controller-list';
import { usersControllerList } from '../../client/src/app/core/api/generated/fn/users/users-controller-list';
import { browserSession, describeBrowser, SCREENSHOT_DIR, screenshotPath } from '../utils/browser';

/**
 * Issue 12's two list conventions on the staff lists that did not follow them yet: the admin's users,
 * organisations, audit log and failed jobs, the orders list and the counsellor's placements.
 * (a) The first page shows the skeleton (not an empty table, not a bare spinner) while the list's
 * request is held back, and the rows then take its place. (b) On a 1366×768 laptop the table is a
 * dense one: one line a row, a header that sticks, header cells side by side, and a long name cut
 * with "…" whose whole text is in the cell's title. In Chinese and English.
 * Photographed into test-results/screenshots/list-conventions/.
 */
const LAPTOP = { width: 1366, height: 768 };
const LANGS = ['zh', 'en'] as const;
/** Long enough to be cut in any column: the cell must say it whole in its title. */
const LONG = '海南省三亚市崖州区南山文化旅游区配套服务与后勤保障中心第二分部（临时用工登记点）';

type Body = { items: Record<string, unknown>[]; total: number };

interface ListPage {
  readonly name: string;
  readonly user: string;
  readonly home: string;
  readonly path: string;
  /** The list's request (GET) to hold back. */
  readonly api: string;
  readonly table: string;
  /** How many rows the skeleton draws. */
  readonly skeletonRows: number;
  /** Makes one text of the first row long: the column it shows in, and the whole text. */
  readonly lengthen: (body: Body) => { column: number; text: string };
  /** A response of our own instead of the server's (the demo data has no failed jobs). */
  readonly fake?: () => Body;
  /** What else this list's table has to show (run once the rows are checked). */
  readonly more?: (table: Locator, shoot: (name: string) => Promise<void>) => Promise<void>;
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const PAGES: readonly ListPage[] = [
  {
    name: 'users',
    user: 'admin',
    home: 'admin',
    path: '/admin/users',
    api: usersControllerList.PATH,
    table: 'users-table',
    skeletonRows: 8,
    lengthen: (body) => {
      body.items[0]!.organisationName = LONG;
      // A locked account: three buttons in its actions cell, none of them hidden.
      if (body.items[1]) body.items[1].lockedUntil = new Date(Date.now() + 3_600_000).toISOString();
      return { column: 3, text: LONG };
    },
  },
  {
    name: 'organisations',
    user: 'admin',
    home: 'admin',
    path: '/admin/organisations',
    api: organisationsControllerList.PATH,
    table: 'organisations-table',
    skeletonRows: 8,
    lengthen: (body) => {
      body.items[0]!.name = LONG;
      return { column: 0, text: LONG };
    },
  },
  {
    name: 'audit',
    user: 'auditor',
    home: 'audit_admin',
    path: '/admin/audit',
    api: auditControllerSearch.PATH,
    table: 'audit-table',
    skeletonRows: 10,
    more: async (table, shoot) => {
      // An opened entry's details are the one exception to one line a row: they wrap, whole.
      await table.getByTestId('audit-expand').first().click();
      const detail = table.locator('.audit-detail').first();
      await detail.waitFor();
      expect(await detail.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('normal');
      expect(await detail.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      await shoot('opened');
    },
    lengthen: (body) => {
      const text = `a-very-long-service-account-name-for-the-sanya-data-exchange-${'x'.repeat(20)}`;
      body.items[0]!.actorUsername = text;
      return { column: 2, text };
    },
  },
  {
    name: 'jobs',
    user: 'admin',
    home: 'admin',
    path: '/admin/jobs',
    api: jobsControllerFailed.PATH,
    table: 'jobs-table',
    skeletonRows: 8,
    lengthen: (body) => ({ column: 2, text: body.items[0]!.lastError as string }),
    fake: () => {
      const at = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
      const items = [1, 2, 3].map((n) => ({
        id: uuid(n),
        name: n === 3 ? 'housekeeping' : 'notification-delivery',
        attempts: 3,
        createdAt: at(60 + n),
        failedAt: at(n),
        deadLetter: n === 2 ? 'notification-delivery-dlq' : null,
        lastError:
          n === 1
            ? `the SMS gateway answered 503 Service Unavailable three times in a row; the notice waits for an administrator (${'retry later '.repeat(4)})`
            : 'connect ECONNREFUSED',
        refs: { notificationId: uuid(100 + n), transport: 'sms' },
      }));
      return { items, page: 1, pageSize: 20, total: items.length } as Body;
    },
  },
  {
    name: 'orders',
    user: 'counsellor',
    home: 'counsellor',
    path: '/orders',
    api: ordersControllerList.PATH,
    table: 'orders-table',
    skeletonRows: 8,
    lengthen: (body) => {
      body.items[0]!.title = LONG;
      return { column: 0, text: LONG };
    },
  },
  {
    name: 'placements',
    user: 'counsellor',
    home: 'counsellor',
    path: '/placements',
    api: placementsControllerList.PATH,
    table: 'placements-table',
    skeletonRows: 8,
    lengthen: (body) => {
      body.items[0]!.orderTitle = LONG;
      return { column: 1, text: LONG };
    },
  },
];

describeBrowser('list conventions: skeletons and dense tables on the staff lists', () => {
  const suite = browserSession();
  const { problems, open, signIn } = suite;

  beforeAll(() => mkdirSync(join(SCREENSHOT_DIR, 'list-conventions'), { recursive: true }));
  afterAll(() => expect(problems).toEqual([]));

  const shootList = (page: Page, name: string) => suite.shoot(page, `list-conventions/${name}`);
  /** Straight away: the page's network is not quiet while a response is held back. */
  const snap = (page: Page, name: string) => page.screenshot({ path: screenshotPath(`list-conventions/${name}`), fullPage: true });

  /**
   * Holds the list's GET back until `release()`, then answers with the server's page (or the fake
   * one) with one text made long; `long` says which.
   */
  async function holdList(page: Page, list: ListPage) {
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const state: { held: number; long: { column: number; text: string } | null } = { held: 0, long: null };
    await page.route(
      (url) => url.pathname === list.api,
      async (route: Route) => {
        if (route.request().method() !== 'GET') return route.continue();
        state.held++;
        await gate;
        const response = list.fake ? null : await route.fetch();
        const body = list.fake ? list.fake() : ((await response!.json()) as Body);
        if (body.items.length > 0 && !state.long) state.long = list.lengthen(body);
        await route.fulfill({ status: response?.status() ?? 200, json: body });
      },
    );
    return { state, release: () => openGate() };
  }

  /** Header cells: each as wide as set, one line, and none over the next. */
  async function expectHeaderSideBySide(table: Locator): Promise<void> {
    const heads = await table.locator('.ant-table-header thead > tr > th').evaluateAll((ths) =>
      ths.map((th) => {
        const r = th.getBoundingClientRect();
        return { left: r.left, right: r.right, height: r.height, white: getComputedStyle(th).whiteSpace, text: th.textContent?.trim() };
      }),
    );
    expect(heads.length).toBeGreaterThan(3);
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i]!;
      expect(h.white).toBe('nowrap');
      expect(h.height).toBeLessThan(60);
      const next = heads[i + 1];
      // Named, so a failure says which header runs into which.
      if (next) expect({ header: next.text, clear: next.left >= h.right - 1 }).toEqual({ header: next.text, clear: true });
    }
  }

  /** Body rows: one line each, cells cut with "…" and none over the next; any cell cut short has a title. */
  async function expectDenseRows(table: Locator): Promise<void> {
    const rows = await table.locator('tbody tr.ant-table-row').evaluateAll((trs) =>
      trs.map((tr) => ({
        height: tr.getBoundingClientRect().height,
        locked: !!tr.querySelector('[data-testid=unlock-user]'),
        cells: [...tr.querySelectorAll(':scope > td')].map((td) => {
          const r = td.getBoundingClientRect();
          const s = getComputedStyle(td);
          const inner = r.right - parseFloat(s.paddingRight) + 1;
          // Buttons, and the first tag of a state cell, are never cut: their right edge is inside the cell.
          const whole = [...td.querySelectorAll(':scope > button, :scope > a.ant-btn, :scope.col-state > .ant-tag:first-child')].map(
            (el) => ({ what: (el as HTMLElement).innerText.trim(), inside: el.getBoundingClientRect().right <= inner }),
          );
          return {
            actions: td.classList.contains('cell-actions'),
            whole,
            left: r.left,
            right: r.right,
            white: s.whiteSpace,
            overflow: s.overflowX,
            ellipsis: s.textOverflow,
            cut: td.scrollWidth > td.clientWidth + 1,
            title: td.getAttribute('title') ?? '',
            text: (td as HTMLElement).innerText.trim(),
          };
        }),
      })),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      // One line; a locked account's actions (users) take a second rather than hide a button.
      expect(row.height).toBeLessThan(row.locked ? 90 : 60);
      for (let i = 0; i < row.cells.length; i++) {
        const c = row.cells[i]!;
        for (const w of c.whole) expect(w).toEqual({ what: w.what, inside: true });
        expect(c.overflow).toBe('hidden');
        if (!(c.actions && c.white === 'normal')) {
          expect(c.white).toBe('nowrap');
          expect(c.ellipsis).toBe('ellipsis');
        }
        if (c.cut) expect({ text: c.text, title: c.title.length > 0 }).toEqual({ text: c.text, title: true });
        const next = row.cells[i + 1];
        if (next) expect(next.left).toBeGreaterThanOrEqual(c.right - 1);
      }
    }
  }

  /** The header row is on screen, below the staff header. */
  async function expectHeaderVisible(page: Page, table: Locator): Promise<void> {
    const head = (await table.locator('.ant-table-header thead th').first().boundingBox())!;
    expect(head).not.toBeNull();
    expect(head.y).toBeGreaterThanOrEqual(59);
    expect(head.y + head.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  }

  for (const list of PAGES) {
    for (const lang of LANGS) {
      it(`laptop ${lang}: ${list.name} shows a skeleton until its rows come, then a dense table with a sticky header`, async () => {
        const { context, page } = await open(LAPTOP, `${list.name}-${lang}`);
        if (lang === 'en') await page.addInitScript("localStorage.setItem('jbh.lang', 'en')");
        await signIn(page, list.user, list.home);
        const hold = await holdList(page, list);
        try {
          // (a) The first page: the skeleton, and nothing else, while the request is held.
          await page.goto(`${suite.base}${list.path}`);
          const skeleton = page.getByTestId('list-loading');
          await skeleton.waitFor({ state: 'visible' });
          expect(hold.state.held).toBeGreaterThan(0);
          expect(await skeleton.getAttribute('aria-busy')).toBe('true');
          expect(await skeleton.getAttribute('data-variant')).toBe('table');
          await page.getByRole('status', { name: lang === 'zh' ? '加载中…' : 'Loading…' }).waitFor();
          expect(await skeleton.getByTestId('list-loading-row').count()).toBe(list.skeletonRows);
          const table = page.getByTestId(list.table);
          expect(await table.count()).toBe(0);
          expect(await page.locator('.ant-empty:visible, .ant-spin:visible').count()).toBe(0);
          const sk = (await skeleton.boundingBox())!;
          const skRow = (await skeleton.getByTestId('list-loading-row').first().boundingBox())!;
          await snap(page, `${list.name}-${lang}-loading`);

          hold.release();
          const rows = table.locator('tbody tr.ant-table-row');
          await rows.first().waitFor();
          expect(await skeleton.count()).toBe(0);
          // The rows take the skeleton's place, as tall as its rows: the page does not jump.
          const box = (await table.boundingBox())!;
          expect(Math.abs(box.y - sk.y)).toBeLessThanOrEqual(4);
          const row = (await rows.first().boundingBox())!;
          expect(Math.abs(row.y - skRow.y)).toBeLessThanOrEqual(6);
          expect(Math.abs(row.height - skRow.height)).toBeLessThanOrEqual(4);

          // (b) A dense table: its class, a sticky header, header cells side by side, one-line rows.
          expect((await table.getAttribute('class'))?.split(/\s+/)).toContain('dense-table');
          expect(await table.locator('.ant-table-header').evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
          expect(
            await table
              .locator('table')
              .first()
              .evaluate((el) => getComputedStyle(el).tableLayout),
          ).toBe('fixed');
          await expectHeaderSideBySide(table);
          await expectDenseRows(table);
          // The long text is cut with "…" and whole in the cell's title.
          expect(hold.state.long).not.toBeNull();
          const long = hold.state.long!;
          const cell = rows.first().locator(':scope > td').nth(long.column);
          expect(await cell.evaluate((td) => td.scrollWidth > td.clientWidth)).toBe(true);
          expect(await cell.getAttribute('title')).toContain(long.text);
          // Nothing sticks out of the page sideways at 1366 px.
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(LAPTOP.width);
          await shootList(page, `${list.name}-${lang}`);
          await list.more?.(table, (name) => shootList(page, `${list.name}-${lang}-${name}`));

          // Scrolled (the page, and the table's body), the header is still in view.
          await page.mouse.move(700, 500);
          await page.mouse.wheel(0, 600);
          await table.locator('.ant-table-body').evaluate((el) => el.scrollTo(0, el.scrollHeight));
          await page.waitForTimeout(100);
          await expectHeaderVisible(page, table);
        } finally {
          hold.release();
          await page.unrouteAll({ behavior: 'ignoreErrors' });
          await context.close();
        }
      });
    }
  }
});
