import type { Page } from 'playwright-core';
import { browserSession, describeBrowser, PHONE } from '../utils/browser';
import { type TestApp } from '../utils/test-app';

type Counts = Record<string, number>;
interface Today {
  kind: 'station' | 'facility' | 'instructor' | 'admin';
  today: string;
  station: Counts | null;
  facility: Counts | null;
  instructor: Counts | null;
  admin: { overdueVisitsByStation: { stationName: string; overdue: number }[]; fairsThisMonth: number; employersToVerify: number } | null;
}

/** Each home's cards (by test id) and the GET /me/today field each one shows. */
const CARDS: Record<string, { user: string; home: string; grid: string; cards: Record<string, string> }> = {
  station: {
    user: 'station',
    home: 'counsellor',
    grid: 'today-station',
    cards: {
      'today-visits-overdue': 'visitsOverdue',
      'today-visits-due': 'visitsDueToday',
      'today-handovers-accept': 'handoversToAccept',
      'today-not-reached': 'notReached',
      'today-transfers-answer': 'transfersToAnswer',
    },
  },
  facility: {
    user: 'counsellor',
    home: 'counsellor',
    grid: 'today-facility',
    cards: {
      'releasing-link': 'releasesWithin30Days',
      'today-releases-missing': 'releasesMissingSomething',
      'today-handovers-waiting': 'handoversWaiting',
      'today-recommendations': 'recommendationsAwaitingTrainee',
    },
  },
  instructor: {
    user: 'instructor',
    home: 'instructor',
    grid: 'today-instructor',
    cards: { 'today-sessions': 'sessionsToday', 'today-attendance': 'attendanceMissing', 'today-approvals': 'approvalsWaiting' },
  },
  admin: {
    user: 'admin',
    home: 'admin',
    grid: 'today-admin',
    cards: { 'today-employers-verify': 'employersToVerify', 'today-fairs': 'fairsThisMonth' },
  },
};

/**
 * Staff homes built around today's work: each role's counts, on a phone and a desktop, in Chinese and
 * English; a count opens the list it counts, and that list shows as many rows.
 */
describeBrowser('homes: what each member of staff must do today', () => {
  const suite = browserSession();
  const { problems, open, signIn, shoot } = suite;
  let t: TestApp;

  beforeAll(() => {
    ({ t } = suite);
  });

  const todayOf = async (username: string): Promise<Today> => {
    const { token } = await t.login(username);
    return (await t.http().get('/api/me/today').set('Authorization', `Bearer ${token}`).expect(200)).body as Today;
  };
  const english = (page: Page) => page.addInitScript("localStorage.setItem('jbh.lang', 'en')");
  const shown = async (page: Page, testid: string) =>
    Number((await page.getByTestId(testid).getByTestId('today-count').textContent())!.trim());

  for (const [kind, spec] of Object.entries(CARDS)) {
    it(`${kind}: the counts, on a phone and a desktop, in zh and en`, async () => {
      const today = await todayOf(spec.user);
      expect(today.kind).toBe(kind);
      const section = today[kind as keyof Today] as Counts;
      for (const [label, viewport] of [
        ['phone', PHONE],
        ['desktop', { width: 1366, height: 768 }],
      ] as const) {
        for (const lang of ['zh', 'en'] as const) {
          const { context, page } = await open(viewport, `${kind}-${label}-${lang}`);
          if (lang === 'en') await english(page);
          await signIn(page, spec.user, spec.home);
          await page.getByTestId(spec.grid).waitFor({ timeout: 20_000 });
          for (const [testid, field] of Object.entries(spec.cards)) {
            expect([testid, await shown(page, testid)]).toEqual([testid, section[field]]);
            const card = page.getByTestId(testid);
            const box = (await card.boundingBox())!;
            expect(box.height).toBeGreaterThanOrEqual(48);
            // Zero is calm, the rest stand out.
            const zero = section[field] === 0;
            expect(await card.evaluate((a) => a.classList.contains('is-zero'))).toBe(zero);
            if (zero) expect(await card.textContent()).toContain(lang === 'zh' ? '都处理完了' : 'All done');
          }
          // One column on a phone, a grid on a desktop.
          const xs = new Set(
            await Promise.all(Object.keys(spec.cards).map(async (id) => Math.round((await page.getByTestId(id).boundingBox())!.x))),
          );
          if (label === 'phone') expect(xs.size).toBe(1);
          else expect(xs.size).toBeGreaterThan(1);
          if (kind === 'admin') {
            const rows = page.getByTestId('overdue-station-row');
            expect(await rows.count()).toBe(today.admin!.overdueVisitsByStation.length);
          }
          // Nothing sideways on a phone.
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
          expect(await page.textContent('body')).toContain(lang === 'zh' ? '您好' : 'Hello');
          await shoot(page, `homes/${kind}-${label}-${lang}`);
          await context.close();
        }
      }
    });
  }

  it("the station's overdue count opens the visit list with as many overdue visits", async () => {
    const overdue = (await todayOf('station')).station!['visitsOverdue']!;
    expect(overdue).toBeGreaterThan(0);
    for (const [label, viewport] of [
      ['phone', PHONE],
      ['desktop', { width: 1366, height: 768 }],
    ] as const) {
      const { context, page } = await open(viewport, `station-overdue-${label}`);
      await signIn(page, 'station', 'counsellor');
      await page.getByTestId('today-visits-overdue').click();
      await page.waitForURL(/\/follow-ups\?/);
      expect(page.url()).toContain('view=due');
      await page.getByTestId('visit').first().waitFor();
      const late = page.getByTestId('visit').filter({ hasText: /逾期 \d+ 天/ });
      expect(await late.count()).toBe(overdue);
      await shoot(page, `homes/station-overdue-list-${label}`);
      await context.close();
    }
  });

  it("the instructor's cards open the teaching page at the part each counts, with as many rows", async () => {
    const counts = (await todayOf('instructor')).instructor!;
    // Card → ?show=, the part that comes first, and how many rows that part shows for the card's count.
    const parts = [
      ['today-sessions', 'today', 'teaching-sessions', 'sessionsToday'],
      ['today-attendance', 'attendance', 'teaching-sessions', 'attendanceMissing'],
      ['today-approvals', 'approvals', 'teaching-classes', 'approvalsWaiting'],
    ] as const;
    for (const lang of ['zh', 'en'] as const) {
      const { context, page } = await open({ width: 1366, height: 768 }, `instructor-cards-${lang}`);
      if (lang === 'en') await english(page);
      await signIn(page, 'instructor', 'instructor');
      for (const [card, show, first, field] of parts) {
        await page.getByTestId('today-instructor').waitFor({ timeout: 20_000 });
        await page.getByTestId(card).click();
        await page.waitForURL(new RegExp(`/teaching\\?show=${show}$`));
        const home = page.getByTestId('teaching-home');
        await page.locator(`[data-testid="teaching-home"][data-focus="${show}"]`).waitFor();
        // The counted part first, narrowed (its rows, or its empty note, once loaded).
        const part = page.getByTestId(first);
        await part.locator('.tile, nz-empty').first().waitFor({ timeout: 20_000 });
        expect([show, await home.locator('nz-card').first().getAttribute('data-testid')]).toEqual([show, first]);
        const rows =
          first === 'teaching-classes'
            ? (
                await part
                  .getByTestId('teaching-class-applied')
                  .evaluateAll((tags) => tags.map((e) => Number(e.getAttribute('data-applied'))))
              ).reduce((a, b) => a + b, 0)
            : await part.getByTestId('teaching-session-link').count();
        expect([show, rows]).toEqual([show, counts[field]]);
        expect(await page.getByTestId('teaching-focus').textContent()).toContain(lang === 'zh' ? '只看' : 'Only');
        await shoot(page, `homes/instructor-opens-${show}-${lang}`);
        await page.goBack();
      }
      // "Show everything" drops the narrowing.
      await page.getByTestId('today-sessions').click();
      await page.getByTestId('teaching-focus-clear').click();
      await page.waitForURL(/\/teaching$/);
      await page.getByTestId('teaching-focus').waitFor({ state: 'detached' });
      expect(await page.getByTestId('teaching-home').locator('nz-card').first().getAttribute('data-testid')).toBe('teaching-classes');
      await context.close();
    }
  });

  it("the admin's employers to verify opens the organisations list with as many rows", async () => {
    const pending = (await todayOf('admin')).admin!.employersToVerify;
    expect(pending).toBeGreaterThan(0);
    const { context, page } = await open({ width: 1366, height: 768 }, 'admin-employers');
    await signIn(page, 'admin', 'admin');
    await page.getByTestId('today-employers-verify').click();
    await page.waitForURL(/\/admin\/organisations\?/);
    expect(page.url()).toContain('type=employer');
    expect(page.url()).toContain('status=pending');
    const rows = page.getByTestId('organisations-table').locator('tbody tr[data-org-id]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(pending);
    await shoot(page, 'homes/admin-employers-list-desktop');
    await context.close();
  });

  it('the pages raised no console errors', () => {
    expect(problems).toEqual([]);
  });
});
