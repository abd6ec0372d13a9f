import { browserSession, describeBrowser, DESKTOP, PHONE } from '../utils/browser';
import { type TestApp } from '../utils/test-app';

/**
 * The field worker: a station counsellor on a phone records a visit while the connection is down;
 * the visit waits on the phone (sealed, without the trainee's name), and is sent when the connection
 * returns — once, dated by the China calendar. Photographed on a phone and a desktop.
 */
describeBrowser('follow-ups: a visit typed offline is not lost', () => {
  const suite = browserSession({
    // The requests made on purpose while offline fail.
    expected: (m) => /ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(m.text()),
  });
  const { problems, open, signIn, shoot } = suite;
  let t: TestApp;
  let base: string;

  beforeAll(() => {
    ({ t, base } = suite);
  });

  it('records a visit offline on a phone; it is sent when the connection returns, once', async () => {
    const { context, page } = await open(PHONE, 'station');
    await signIn(page, 'station', 'counsellor');
    await page.goto(`${base}/follow-ups`);
    const first = page.getByTestId('visit').first();
    await first.waitFor();
    await shoot(page, 'follow-ups-due-phone');
    const name = (await first.locator('.name').textContent())!.trim();

    // 07:00 in China: the UTC date is still yesterday, the visit's date is today's in China.
    const [{ d: chinaToday }] = (await t.sql<{ d: string }>(`SELECT to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS d`)) as [
      { d: string },
    ];
    await page.clock.setFixedTime(new Date(`${chinaToday}T07:00:00+08:00`));

    await context.setOffline(true);
    await first.getByTestId('visit-record').click();
    await page.getByTestId('method-home_visit').click();
    await page.getByTestId('work-employed').click();
    await shoot(page, 'follow-ups-form-phone');
    await page.getByTestId('visit-save').click();
    await page.getByTestId('outbox').waitFor();
    expect(await page.getByTestId('outbox').textContent()).toContain('1 条回访待发送');
    expect(await page.getByTestId('fu-notice').textContent()).toContain('没有网络');
    await shoot(page, 'follow-ups-offline-phone');
    const [before] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM follow_up_visit v JOIN trainee t ON t.id = v.trainee_id WHERE t.full_name = $1 AND v.state = 'done' AND v.recorded_at > now() - interval '5 minutes'`,
      [name],
    );
    expect(before!.n).toBe(0);

    await context.setOffline(false);
    await page.getByTestId('outbox').waitFor({ state: 'detached', timeout: 20_000 });
    // The offline notice gives way to 已发送.
    await page.getByTestId('fu-notice').filter({ hasText: '已发送 1 条回访' }).waitFor();
    expect(await page.getByTestId('fu-notice').textContent()).not.toContain('没有网络');
    const rows = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM follow_up_visit v JOIN trainee t ON t.id = v.trainee_id
        WHERE t.full_name = $1 AND v.state = 'done' AND v.contact_method = 'home_visit' AND v.visited_on = $2::date
          AND v.recorded_at > now() - interval '5 minutes'`,
      [name, chinaToday],
    );
    expect(rows[0]!.n).toBe(1);
    await shoot(page, 'follow-ups-back-online-phone');
    await context.close();
  });

  it('desktop view for the station and a read-only list for admins', async () => {
    for (const [user, home, label] of [
      ['station', 'counsellor', 'station'],
      ['admin', 'admin', 'admin'],
    ] as const) {
      const { context, page } = await open(DESKTOP, user);
      await signIn(page, user, home);
      await page.goto(`${base}/follow-ups`);
      await page.getByTestId('visit').first().waitFor();
      if (label === 'admin') expect(await page.getByTestId('visit-record').count()).toBe(0);
      await shoot(page, `follow-ups-${label}-desktop`);
      await context.close();
    }
  });

  it("the admin's overdue list across the province names each visit's station, in zh and en", async () => {
    const { token } = await t.login('admin');
    const today = (await t.http().get('/api/me/today').set('Authorization', `Bearer ${token}`).expect(200)).body as {
      admin: { overdueVisitsByStation: { stationName: string; overdue: number }[] };
    };
    const expected = Object.fromEntries(today.admin.overdueVisitsByStation.map((r) => [r.stationName, r.overdue]));
    // The demo has dozens of overdue visits at several stations (how many depends on the day and on what
    // this file recorded before): enough that a list without its station column says nothing.
    expect(Object.keys(expected).length).toBeGreaterThan(1);
    expect(Object.values(expected).reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
    for (const lang of ['zh', 'en'] as const) {
      const { context, page } = await open(DESKTOP, `admin-overdue-${lang}`);
      if (lang === 'en') await page.addInitScript("localStorage.setItem('jbh.lang', 'en')");
      await signIn(page, 'admin', 'admin');
      await page.goto(`${base}/follow-ups?view=due&overdue=1`);
      await page.getByTestId('visit').first().waitFor();
      // Every page of the list (100 at a time).
      while (await page.getByTestId('visits-more').count()) {
        const before = await page.getByTestId('visit').count();
        await page.getByTestId('visits-more').click();
        await page.waitForFunction((n) => document.querySelectorAll('[data-testid="visit"]').length > n, before);
      }
      const lead = lang === 'zh' ? '所属康复站：' : 'Station: ';
      const said = await page
        .getByTestId('visit')
        .evaluateAll((cards) => cards.map((c) => c.querySelector('[data-testid="visit-station"]')?.textContent?.trim() ?? ''));
      const counted: Record<string, number> = {};
      for (const text of said) {
        expect(text.startsWith(lead)).toBe(true);
        const name = text.slice(lead.length);
        counted[name] = (counted[name] ?? 0) + 1;
      }
      // As many per station as the admin home's table counts.
      expect(counted).toEqual(expected);
      await shoot(page, `follow-ups-admin-overdue-stations-${lang}`);
      await context.close();
    }
  });

  it('the pages raised no console errors', () => {
    expect(problems).toEqual([]);
  });
});
