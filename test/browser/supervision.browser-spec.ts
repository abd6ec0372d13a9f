import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSession, describeBrowser, DESKTOP, PHONE, SCREENSHOT_DIR } from '../utils/browser';
import { type TestApp } from '../utils/test-app';

/** Where this feature's screenshots go. */
const SHOTS = process.env.SUPERVISION_SHOTS_DIR ?? join(SCREENSHOT_DIR, 'supervision-ui');

interface Person {
  id: string;
  full_name: string;
}

/**
 * Community supervision between stations: the 三亚 station asks the 儋州 one to take a person over
 * from the trainee file; 儋州 accepts on its transfers page and the 三亚 station no longer sees the
 * person. A 失联 case at 三亚 is marked found on the lost-contact page. Phone and desktop, zh and en.
 */
describeBrowser('supervision: transfers between stations and lost contact', () => {
  const suite = browserSession({
    // The sender opening the person's file after the transfer gets the 404 on purpose.
    expected: (m, who) => who === 'sanya-after' && /status of 404|Failed to load resource/.test(m.text()),
  });
  const { problems, open, signIn } = suite;
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    ({ t, base } = suite);
    mkdirSync(SHOTS, { recursive: true });
    // The demo leaves the 三亚 station one released person (the other moved to 儋州): give it a few
    // more from the 海口 station, so each step below has a person of its own.
    await t.sql(
      `UPDATE trainee SET organisation_id = (SELECT id FROM organisation WHERE type = 'community_station' AND division_code = '460200')
        WHERE id IN (SELECT t.id FROM trainee t JOIN organisation o ON o.id = t.organisation_id
                      WHERE o.type = 'community_station' AND o.division_code = '460100' AND t.state IN ('released', 'community')
                      ORDER BY t.full_name DESC, t.id LIMIT 4)`,
    );
  });

  const shot = async (page: Page, name: string): Promise<void> => {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
  };
  const english = (page: Page) => page.addInitScript("localStorage.setItem('jbh.lang', 'en')");
  const noSideScroll = async (page: Page) =>
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);

  /** The 三亚 station's released people with no open transfer or case, by name. */
  const sanyaPeople = (): Promise<Person[]> =>
    t.sql<Person>(
      `SELECT t.id, t.full_name FROM trainee t
         JOIN organisation o ON o.id = t.organisation_id AND o.type = 'community_station' AND o.division_code = '460200'
        WHERE t.state IN ('released', 'community')
          AND NOT EXISTS (SELECT 1 FROM station_transfer s WHERE s.trainee_id = t.id AND s.state = 'requested')
          AND NOT EXISTS (SELECT 1 FROM lost_contact l WHERE l.trainee_id = t.id AND l.found_on IS NULL)
        ORDER BY t.full_name, t.id`,
    );

  let moved: Person;

  it('the 三亚 station asks the 儋州 station to take a person over, from the trainee file (phone)', async () => {
    const people = await sanyaPeople();
    expect(people.length).toBeGreaterThan(2);
    moved = people[0]!;

    const { context, page } = await open(PHONE, 'sanya');
    await signIn(page, 'station-460200', 'counsellor');
    await page.goto(`${base}/trainees/${moved.id}?tab=lifecycle`);
    await page.getByTestId('transfer-card').waitFor();
    await page.getByTestId('card-start').waitFor();
    await shot(page, 'card-phone-zh');
    await page.getByTestId('card-start').click();
    await page.getByTestId('transfer-station').click();
    await page.keyboard.type('儋州');
    await page.locator('nz-option-item').filter({ hasText: '儋州' }).first().click();
    await page.getByTestId('transfer-reason-moved_home').click();
    await page.getByTestId('transfer-note').fill('随家人迁居儋州，新住址已核实');
    await noSideScroll(page);
    await shot(page, 'card-form-phone-zh');
    await page.getByTestId('transfer-submit').click();
    await page.getByTestId('card-transfer').waitFor();
    expect(await page.getByTestId('card-transfer').textContent()).toContain('儋州');
    await shot(page, 'card-requested-phone-zh');

    const [row] = await t.sql<{ state: string; reason: string; to_division: string }>(
      `SELECT s.state, s.reason, o.division_code AS to_division
         FROM station_transfer s JOIN organisation o ON o.id = s.to_station_id WHERE s.trainee_id = $1 AND s.state = 'requested'`,
      [moved.id],
    );
    expect(row).toEqual({ state: 'requested', reason: 'moved_home', to_division: '460400' });

    // The sender's outgoing list shows it, open, with a withdraw button.
    await page.goto(`${base}/follow-ups/transfers`);
    await page.getByTestId('transfers-page').waitFor();
    await page.getByRole('tab', { name: '本社区转出' }).click();
    const mine = page.locator(`[data-testid="transfer-row"][data-trainee="${moved.full_name}"]`);
    await mine.waitFor();
    expect(await mine.getByTestId('transfer-state').textContent()).toContain('待接收');
    await mine.getByTestId('transfer-cancel').waitFor();
    await noSideScroll(page);
    await shot(page, 'transfers-outgoing-phone-zh');
    await context.close();
  }, 240_000);

  it('the 儋州 station accepts it on its transfers page (desktop); the 三亚 station no longer sees the person', async () => {
    const { context, page } = await open(DESKTOP, 'danzhou');
    await signIn(page, 'station-460400', 'counsellor');
    await page.goto(`${base}/follow-ups/transfers`);
    const row = page.locator(`[data-testid="transfer-row"][data-trainee="${moved.full_name}"]`);
    await row.waitFor();
    expect(await row.getByTestId('transfer-state').textContent()).toContain('待接收');
    await shot(page, 'transfers-incoming-desktop-zh');
    await row.getByTestId('transfer-accept').click();
    await page.getByTestId('transfer-confirm-text').waitFor();
    await shot(page, 'transfers-accept-confirm-desktop-zh');
    await page.getByTestId('transfer-confirm').click();
    await row.getByTestId('transfer-state').filter({ hasText: '已接收' }).waitFor();
    expect(await row.getByTestId('transfer-accept').count()).toBe(0);
    await shot(page, 'transfers-accepted-desktop-zh');

    const [holder] = await t.sql<{ division_code: string }>(
      `SELECT o.division_code FROM trainee t JOIN organisation o ON o.id = t.organisation_id WHERE t.id = $1`,
      [moved.id],
    );
    expect(holder!.division_code).toBe('460400');
    await context.close();

    const sanya = await open(PHONE, 'sanya-after');
    await signIn(sanya.page, 'station-460200', 'counsellor');
    await sanya.page.goto(`${base}/trainees/${moved.id}?tab=lifecycle`);
    await sanya.page.getByRole('alert').first().waitFor();
    expect(await sanya.page.getByTestId('file-name').count()).toBe(0);
    expect(await sanya.page.getByTestId('transfer-card').count()).toBe(0);
    await sanya.page.goto(`${base}/follow-ups/transfers`);
    await sanya.page.getByRole('tab', { name: '本社区转出' }).click();
    await sanya.page.getByTestId('transfers-page').waitFor();
    await sanya.page.waitForLoadState('networkidle');
    expect(await sanya.page.locator(`[data-testid="transfer-row"][data-trainee="${moved.full_name}"]`).count()).toBe(0);
    await sanya.context.close();
  }, 240_000);

  it('a lost-contact case at 三亚 is marked found (phone), and shows in the trainee file until then', async () => {
    const [person] = await sanyaPeople();
    const [station] = await t.sql<{ id: string }>(
      `SELECT id FROM organisation WHERE type = 'community_station' AND division_code = '460200'`,
    );
    await t.sql(
      `INSERT INTO lost_contact (trainee_id, station_id, since, attempts, escalated_at)
       VALUES ($1, $2, (now() AT TIME ZONE 'Asia/Shanghai')::date - 40, 3, now() - interval '10 days')`,
      [person!.id, station!.id],
    );

    const { context, page } = await open(PHONE, 'sanya-lost');
    await signIn(page, 'station-460200', 'counsellor');
    await page.goto(`${base}/trainees/${person!.id}?tab=lifecycle`);
    await page.getByTestId('lost-case').waitFor();
    expect(await page.getByTestId('lost-case').textContent()).toContain('连续 3 次联系不上');
    await shot(page, 'card-lost-phone-zh');

    await page.goto(`${base}/follow-ups/lost-contacts`);
    const row = page.locator(`[data-testid="lost-row"][data-trainee="${person!.full_name}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('已失联 40 天');
    await noSideScroll(page);
    await shot(page, 'lost-contacts-phone-zh');
    await row.getByTestId('lost-found').click();
    await page.getByTestId('found-method-phone').click();
    await shot(page, 'found-form-phone-zh');
    await page.getByTestId('found-save').click();
    await row.waitFor({ state: 'detached' });
    await shot(page, 'lost-contacts-after-phone-zh');

    const [closed] = await t.sql<{ found_method: string; found: boolean }>(
      `SELECT found_method, found_on IS NOT NULL AS found FROM lost_contact WHERE trainee_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [person!.id],
    );
    expect(closed).toEqual({ found_method: 'phone', found: true });
    await context.close();
  }, 240_000);

  let a: Person, b: Person;

  it('prepares an open request and an open case for the screenshots', async () => {
    const [first, second, third] = await sanyaPeople();
    a = first!;
    b = second!;
    const [sanya] = await t.sql<{ id: string }>(
      `SELECT id FROM organisation WHERE type = 'community_station' AND division_code = '460200'`,
    );
    // An open request 三亚 → 儋州, for both sides' lists.
    await t.sql(
      `INSERT INTO station_transfer (trainee_id, from_station_id, to_station_id, reason, note, requested_by, requested_at)
       SELECT $1, $2, o.id, 'work', '在儋州找到工作', u.id, now() - interval '1 day'
         FROM organisation o, app_user u WHERE o.type = 'community_station' AND o.division_code = '460400' AND u.username = 'station-460200'`,
      [third!.id, sanya!.id],
    );
    await t.sql(
      `INSERT INTO lost_contact (trainee_id, station_id, since, attempts) VALUES ($1, $2, (now() AT TIME ZONE 'Asia/Shanghai')::date - 25, 4)`,
      [b.id, sanya!.id],
    );
  });

  for (const [size, label] of [
    [PHONE, 'phone'],
    [DESKTOP, 'desktop'],
  ] as const) {
    for (const lang of ['zh', 'en'] as const) {
      it(`the sending station's screens: ${label}, ${lang}`, async () => {
        const { context, page } = await open(size, `shots-${label}-${lang}`);
        if (lang === 'en') await english(page);
        await signIn(page, 'station-460200', 'counsellor');
        await page.goto(`${base}/trainees/${a.id}?tab=lifecycle`);
        await page.getByTestId('card-start').click();
        await page.getByTestId('transfer-station').waitFor();
        await shot(page, `card-form-${label}-${lang}`);
        await page.goto(`${base}/trainees/${b.id}?tab=lifecycle`);
        await page.getByTestId('lost-case').waitFor();
        await shot(page, `card-lost-${label}-${lang}`);
        await page.goto(`${base}/follow-ups/lost-contacts`);
        await page.getByTestId('lost-row').first().waitFor();
        await shot(page, `lost-contacts-${label}-${lang}`);
        await page.getByTestId('lost-found').first().click();
        await page.getByTestId('found-form').waitFor();
        await shot(page, `found-form-${label}-${lang}`);
        await page.goto(`${base}/follow-ups/transfers`);
        await page.getByTestId('transfers-page').waitFor();
        await page.getByRole('tab').nth(1).click();
        await page.getByTestId('transfer-row').first().waitFor();
        if (label === 'phone') await noSideScroll(page);
        await shot(page, `transfers-outgoing-${label}-${lang}`);
        if (lang === 'en') expect((await page.locator('body').textContent())!).not.toMatch(/待接收|已接收|转入本社区|迁居/);
        await context.close();
      }, 240_000);
    }
    it(`the receiving station's list: ${label}, en`, async () => {
      const { context, page } = await open(size, `danzhou-${label}`);
      await english(page);
      await signIn(page, 'station-460400', 'counsellor');
      await page.goto(`${base}/follow-ups/transfers`);
      await page.getByTestId('transfer-row').first().waitFor();
      await shot(page, `transfers-incoming-${label}-en`);
      await context.close();
    }, 240_000);
  }

  it('the pages raised no console errors', () => {
    expect(problems).toEqual([]);
  });
});
