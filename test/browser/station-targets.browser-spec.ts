import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { supervisionZh } from '../../client/src/app/follow-ups/transfers/supervision-zh';
import { browserSession, describeBrowser, DESKTOP, PHONE, SCREENSHOT_DIR } from '../utils/browser';
import type { TestApp } from '../utils/test-app';

/** Where this feature's screenshots go. */
const SHOTS = join(SCREENSHOT_DIR, 'station-targets');

interface Person {
  id: string;
  full_name: string;
}

/**
 * The station's other field pages on a phone, as the visit form (field-work.browser-spec.ts): every
 * control of the transfers page, the lost-contact page and the trainee file's transfer card is a
 * thumb's size (48 px), and every choice is a full-width row of segments, with their forms and
 * choices open. The demo's 海口 station (`station`) has no transfer and no lost contact: the API makes
 * them (an incoming and an outgoing request, three unreachable visits in a row). zh and en.
 */
describeBrowser('station targets: 48 px controls on the transfers and lost-contact pages', () => {
  const suite = browserSession();
  const { problems, open, signIn } = suite;
  let t: TestApp;
  let base: string;
  /** The names, stations and people the pages show: data, not words, in either language. */
  let dataWords: string[] = [];
  let incoming: Person; // 三亚 asks 海口 to take them over
  let outgoing: Person; // 海口 asks 三亚 to take them over
  let lost: Person; // three unreachable visits in a row at 海口
  let spare: Person; // a 海口 person with nothing open: the card's request form

  const api = async (token: string, method: 'get' | 'post', url: string, body?: object): Promise<unknown> => {
    const req = t.http()[method](url).auth(token, { type: 'bearer' });
    const res = await (body ? req.send(body) : req);
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    ({ t, base } = suite);
    mkdirSync(SHOTS, { recursive: true });
    const haikou = await t.login('station');
    const sanya = await t.login('station-460200');
    const haikouPeople = await t.sql<Person & { visits: string[] }>(
      `SELECT t.id, t.full_name, array_agg(v.id::text ORDER BY v.due_on) AS visits
         FROM trainee t LEFT JOIN follow_up_visit v ON v.trainee_id = t.id AND v.state = 'planned'
        WHERE t.organisation_id = $1 AND t.state IN ('released', 'community')
          AND NOT EXISTS (SELECT 1 FROM follow_up_visit d WHERE d.trainee_id = t.id AND d.state IN ('done', 'unreachable')
                           AND d.visited_on >= (now() AT TIME ZONE 'Asia/Shanghai')::date - 5)
        GROUP BY t.id, t.full_name ORDER BY t.full_name, t.id`,
      [haikou.organisationId],
    );
    const withVisits = haikouPeople.find((p) => p.visits.filter(Boolean).length >= 3);
    expect(withVisits).toBeDefined();
    lost = withVisits!;
    const others = haikouPeople.filter((p) => p.id !== lost.id);
    expect(others.length).toBeGreaterThanOrEqual(2);
    outgoing = others[0]!;
    spare = others[1]!;
    const [sanyaPerson] = await t.sql<Person>(
      `SELECT id, full_name FROM trainee WHERE organisation_id = $1 AND state IN ('released', 'community') ORDER BY full_name, id LIMIT 1`,
      [sanya.organisationId],
    );
    expect(sanyaPerson).toBeDefined();
    incoming = sanyaPerson!;

    // The two requests, through the API as the stations make them.
    const fromHaikou = (await api(haikou.token, 'get', '/api/transfers/stations')) as { id: string; name: string; divisionName: string }[];
    const fromSanya = (await api(sanya.token, 'get', '/api/transfers/stations')) as { id: string; name: string; divisionName: string }[];
    const sanyaStation = fromHaikou.find((s) => s.id === sanya.organisationId)!;
    const haikouStation = fromSanya.find((s) => s.id === haikou.organisationId)!;
    await api(sanya.token, 'post', '/api/transfers', { traineeId: incoming.id, toStationId: haikouStation.id, reason: 'family' });
    await api(haikou.token, 'post', '/api/transfers', { traineeId: outgoing.id, toStationId: sanyaStation.id, reason: 'work' });

    // 失联: three unreachable visits in a row (LOST_CONTACT_ATTEMPTS), on the last three days.
    const [{ today }] = (await t.sql<{ today: string }>(`SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date::text AS today`)) as [
      { today: string },
    ];
    const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    const visits = withVisits!.visits.slice(0, 3);
    for (const [i, id] of visits.entries())
      await api(haikou.token, 'post', `/api/follow-ups/${id}/record`, {
        clientRef: randomUUID(),
        state: 'unreachable',
        visitedOn: day(3 - i),
      });
    const cases = (await api(haikou.token, 'get', '/api/lost-contacts?page=1&pageSize=20')) as { items: { traineeId: string }[] };
    expect(cases.items.map((c) => c.traineeId)).toContain(lost.id);

    const transfers = (await api(haikou.token, 'get', '/api/transfers?page=1&pageSize=100')) as {
      items: { fromStationName: string; toStationName: string; requestedByName: string | null }[];
    };
    const [station] = await t.sql<{ name: string }>(`SELECT name FROM organisation WHERE id = $1`, [haikou.organisationId]);
    dataWords = [
      ...[incoming, outgoing, lost, spare].map((p) => p.full_name),
      ...[...fromHaikou, ...fromSanya].flatMap((s) => [s.name, s.divisionName]),
      ...transfers.items.flatMap((x) => [x.fromStationName, x.toStationName, x.requestedByName ?? '']),
      station!.name,
    ]
      .filter(Boolean)
      // The longest first, so a station's name goes before its division's.
      .sort((a, b) => b.length - a.length);
  });

  const shot = async (page: Page, name: string, fullPage = true): Promise<void> => {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage, animations: 'disabled' });
  };
  const english = (page: Page) => page.addInitScript("localStorage.setItem('jbh.lang', 'en')");
  /** An open modal or dropdown, once its opening animation has ended (a scaled box measures small). */
  const settled = async (page: Page, selector: string) => {
    await page.locator(selector).first().waitFor();
    await page.waitForTimeout(500);
  };

  /**
   * Every visible control under `roots` smaller than 48 px tall, as "tag.class 'text' h". A select is
   * measured by its box (the thumb's target; its search input sits inside); a form item's caption
   * (`nz-form-label`) is not a control, a radio is hidden inside its segment, the checkbox sits in its label.
   */
  const smallControls = (page: Page, ...roots: string[]): Promise<string[]> =>
    page.evaluate((rootSelectors) => {
      const controls = rootSelectors.flatMap((r) =>
        [...document.querySelectorAll(r)].flatMap((root) => [
          ...root.querySelectorAll<HTMLElement>(
            [
              'button',
              'a[href]',
              'textarea',
              'input:not([type=checkbox]):not([type=radio]):not(.ant-select-selection-search-input)',
              'label:not(.ant-form-item-label label):not(.visually-hidden)',
              '.ant-radio-button-wrapper',
              '.ant-select-selector',
              '.ant-select-item',
              '.ant-tabs-tab',
              '.ant-pagination li',
            ].join(', '),
          ),
        ]),
      );
      const visible = [...new Set(controls)]
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ el, r }) => r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden');
      // Nothing measured is no pass.
      if (!visible.length) return [`no visible control in ${rootSelectors.join(', ')}`];
      return visible
        .filter(({ r }) => r.height < 47.5)
        .map(({ el, r }) => `${el.tagName.toLowerCase()}.${el.className} '${(el.textContent ?? '').trim()}' ${r.height}`);
    }, roots);

  /** Each row of a choice group's segments spans the group, and the group its form's width. */
  const fullWidthChoices = async (page: Page, group: string, container: string) => {
    const rows = await page.locator(group).evaluate((g, c) => {
      const box = g.getBoundingClientRect();
      const form = g.closest(c)!.getBoundingClientRect();
      const byRow = new Map<number, { left: number; right: number }>();
      for (const l of g.querySelectorAll('.ant-radio-button-wrapper')) {
        const r = l.getBoundingClientRect();
        const row = byRow.get(Math.round(r.top)) ?? { left: Infinity, right: -Infinity };
        byRow.set(Math.round(r.top), { left: Math.min(row.left, r.left), right: Math.max(row.right, r.right) });
      }
      return { group: [box.left, box.right], form: [form.left, form.right], rows: [...byRow.values()].map((r) => [r.left, r.right]) };
    }, container);
    expect(rows.group[1]! - rows.group[0]!).toBeGreaterThan(rows.form[1]! - rows.form[0]! - 2);
    expect(rows.rows.length).toBeGreaterThan(0);
    for (const [left, right] of rows.rows) {
      expect(Math.abs(left! - rows.group[0]!)).toBeLessThan(2);
      expect(Math.abs(right! - rows.group[1]!)).toBeLessThan(2);
    }
  };

  const textOf = (page: Page, roots: string[]): Promise<string> =>
    page.evaluate((rs) => rs.map((r) => [...document.querySelectorAll(r)].map((e) => e.textContent).join(' ')).join(' '), roots);
  const zhWords = Object.values(supervisionZh).filter((z) => !z.includes('{'));

  for (const lang of ['zh', 'en'] as const) {
    const w = lang === 'zh' ? { incoming: '转入本社区', outgoing: '本社区转出' } : { incoming: 'Incoming', outgoing: 'Outgoing' };
    /**
     * One language on the screen. English: no Chinese left once the data (names of people, stations,
     * places) is taken out, and none of the Chinese words. Chinese: no English words.
     */
    const checkLanguage = async (page: Page, ...roots: string[]) => {
      let text = await textOf(page, roots);
      for (const d of dataWords) text = text.split(d).join(' ');
      if (lang === 'en') {
        expect(text.match(/[\u3400-\u9fff\uff01-\uff5e\u3001-\u3011]+/g) ?? []).toEqual([]);
        expect(zhWords.filter((z) => text.includes(z))).toEqual([]);
      } else expect(text.match(/[A-Za-z]{3,}/g) ?? []).toEqual([]);
    };

    it(`transfers page on a phone (${lang}): tabs, filter, actions, the decline choices and the confirmation, all ≥ 48 px`, async () => {
      const { context, page } = await open(PHONE, `transfers-${lang}`);
      if (lang === 'en') await english(page);
      await signIn(page, 'station', 'counsellor');
      await page.goto(`${base}/follow-ups/transfers`);
      const pageRoot = '[data-testid="transfers-page"]';
      const row = page.locator(`[data-testid="transfer-row"][data-trainee="${incoming.full_name}"]`);
      await row.getByTestId('transfer-accept').waitFor();
      expect(await page.getByRole('tab', { name: w.incoming }).getAttribute('aria-selected')).toBe('true');
      expect(await smallControls(page, pageRoot)).toEqual([]);
      // The two direction tabs share the width.
      const tabs = await page.locator(`${pageRoot} .ant-tabs-tab`).all();
      const widths = await Promise.all(tabs.map(async (x) => (await x.boundingBox())!.width));
      expect(Math.abs(widths[0]! - widths[1]!)).toBeLessThan(2);
      await checkLanguage(page, pageRoot);
      await shot(page, `transfers-incoming-phone-${lang}`);

      // The state filter's options.
      await page.getByTestId('transfers-state').click();
      await settled(page, '.touch-options .ant-select-item');
      expect(await page.locator('.touch-options .ant-select-item').count()).toBe(5);
      expect(await smallControls(page, pageRoot, '.cdk-overlay-container')).toEqual([]);
      await checkLanguage(page, pageRoot, '.cdk-overlay-container');
      await shot(page, `transfers-filter-phone-${lang}`, false);
      await page.keyboard.press('Escape');
      await page.locator('.touch-options').waitFor({ state: 'detached' });

      // Decline: the reasons are full-width segments of 48 px; nothing is sent.
      await row.getByTestId('transfer-reject').click();
      await settled(page, '[data-testid="reject-form"]');
      await page.getByTestId('reject-reason-address_unverified').click();
      expect(await smallControls(page, '.ant-modal-wrap')).toEqual([]);
      await fullWidthChoices(page, '[data-testid="reject-form"] nz-radio-group', 'form');
      await checkLanguage(page, '.ant-modal-wrap');
      await shot(page, `transfers-reject-phone-${lang}`, false);
      await page.locator('.ant-modal-wrap .form-buttons button').first().click();
      await page.getByTestId('reject-form').waitFor({ state: 'detached' });

      // Accept: the confirmation's two buttons; answered no.
      await row.getByTestId('transfer-accept').click();
      await settled(page, '[data-testid="transfer-confirm"]');
      expect(await smallControls(page, '.ant-modal-wrap')).toEqual([]);
      await checkLanguage(page, '.ant-modal-wrap');
      await shot(page, `transfers-accept-phone-${lang}`, false);
      await page.locator('.ant-modal-wrap .form-buttons button').first().click();
      await page.getByTestId('transfer-confirm').waitFor({ state: 'detached' });

      // Outgoing: the withdraw button.
      await page.getByRole('tab', { name: w.outgoing }).click();
      await page.locator(`[data-testid="transfer-row"][data-trainee="${outgoing.full_name}"]`).getByTestId('transfer-cancel').waitFor();
      expect(await smallControls(page, pageRoot)).toEqual([]);
      await checkLanguage(page, pageRoot);
      await shot(page, `transfers-outgoing-phone-${lang}`);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
      await context.close();
    }, 240_000);

    it(`lost-contact page on a phone (${lang}): the case and its found form, all ≥ 48 px, the methods full width`, async () => {
      const { context, page } = await open(PHONE, `lost-${lang}`);
      if (lang === 'en') await english(page);
      await signIn(page, 'station', 'counsellor');
      await page.goto(`${base}/follow-ups/lost-contacts`);
      const pageRoot = '[data-testid="lost-contacts-page"]';
      const row = page.locator(`[data-testid="lost-row"][data-trainee="${lost.full_name}"]`);
      await row.getByTestId('lost-found').waitFor();
      expect(await smallControls(page, pageRoot)).toEqual([]);
      await checkLanguage(page, pageRoot);
      await shot(page, `lost-contacts-phone-${lang}`);

      await row.getByTestId('lost-found').click();
      await settled(page, '[data-testid="found-form"]');
      await page.getByTestId('found-method-phone').click();
      expect(await smallControls(page, '.ant-modal-wrap')).toEqual([]);
      await fullWidthChoices(page, '[data-testid="found-form"] nz-radio-group', 'form');
      await checkLanguage(page, '.ant-modal-wrap');
      await shot(page, `found-form-phone-${lang}`, false);
      // Closed without saving: the case stays open.
      await page.locator('.ant-modal-wrap .form-buttons button').first().click();
      await page.getByTestId('found-form').waitFor({ state: 'detached' });
      await row.waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
      await context.close();
    }, 240_000);

    it(`the transfer card in the trainee file on a phone (${lang}): the request form and the found form, all ≥ 48 px`, async () => {
      const { context, page } = await open(PHONE, `card-${lang}`);
      if (lang === 'en') await english(page);
      await signIn(page, 'station', 'counsellor');
      const card = '[data-testid="transfer-card"]';

      await page.goto(`${base}/trainees/${spare.id}?tab=lifecycle`);
      await page.getByTestId('card-start').waitFor();
      expect(await smallControls(page, card)).toEqual([]);
      await page.getByTestId('card-start').click();
      await page.getByTestId('transfer-station').waitFor();
      await page.getByTestId('transfer-reason-moved_home').click();
      expect(await smallControls(page, card)).toEqual([]);
      await fullWidthChoices(page, '[data-testid="transfer-form"] nz-radio-group', 'form');
      await checkLanguage(page, card);
      await page.locator(card).scrollIntoViewIfNeeded();
      await page.locator(card).screenshot({ path: join(SHOTS, `card-form-phone-${lang}.png`), animations: 'disabled' });
      // The stations to choose from.
      await page.getByTestId('transfer-station').click();
      await settled(page, '.touch-options .ant-select-item');
      expect(await smallControls(page, '.cdk-overlay-container')).toEqual([]);
      await checkLanguage(page, '.cdk-overlay-container');
      await shot(page, `card-stations-phone-${lang}`, false);
      await page.keyboard.press('Escape');

      // A lost person's card: 已找到 opens the found form.
      await page.goto(`${base}/trainees/${lost.id}?tab=lifecycle`);
      await page.getByTestId('card-found').waitFor();
      expect(await smallControls(page, card)).toEqual([]);
      await page.getByTestId('card-found').click();
      await settled(page, '[data-testid="found-form"]');
      await page.getByTestId('found-method-home_visit').click();
      expect(await smallControls(page, '.ant-modal-wrap')).toEqual([]);
      await checkLanguage(page, '.ant-modal-wrap');
      await shot(page, `card-found-phone-${lang}`, false);
      await context.close();
    }, 240_000);
  }

  it('a desktop keeps its compact controls (the table, a 32 px filter)', async () => {
    const { context, page } = await open(DESKTOP, 'transfers-desktop');
    await signIn(page, 'station', 'counsellor');
    await page.goto(`${base}/follow-ups/transfers`);
    await page.getByTestId('transfers-table').waitFor();
    const row = page.locator(`[data-testid="transfer-row"][data-trainee="${incoming.full_name}"]`);
    await row.getByTestId('transfer-accept').waitFor();
    expect((await page.getByTestId('transfers-state').boundingBox())!.height).toBe(32);
    expect((await row.getByTestId('transfer-accept').boundingBox())!.height).toBeLessThan(40);
    await shot(page, 'transfers-desktop-zh');
    await context.close();
  }, 240_000);

  it('the pages raised no console errors', () => {
    expect(problems).toEqual([]);
  });
});
