import type { Page } from 'playwright-core';
import { browserSession, describeBrowser, PHONE } from '../utils/browser';

/**
 * A first load fetches the code of what it shows, not of what it might show (issue 12: the bytes
 * before the first paint of data are what a cheap phone waits for). The trainee's frame carries no
 * staff menu, layout or dialog; the caseload on a phone carries no table (it shows cards). The
 * role's likely sections are preloaded a few seconds after start-up unless the phone saves data:
 * the phone here says it does, so what is fetched is the page's own code only. Components are found
 * in the built files by their selector, as the compiler writes it.
 */
describeBrowser('a first load fetches only the code of what it shows', () => {
  const suite = browserSession();
  const { problems, open, signIn } = suite;

  /** Every script the page fetches from now on, by its text. */
  function scripts(page: Page): string[] {
    const texts: string[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script' && r.ok())
        void r.text().then(
          (t) => texts.push(t),
          () => undefined,
        );
    });
    return texts;
  }
  const declares = (texts: string[], selector: string): boolean => texts.some((t) => t.includes(`selectors:[["${selector}"]]`));

  async function savingData(page: Page): Promise<void> {
    await page.addInitScript(() => Object.defineProperty(navigator, 'connection', { value: { saveData: true, effectiveType: '4g' } }));
  }

  it('a trainee’s home on a phone: the trainee frame, no staff frame, layout, menu drawer or dialog', async () => {
    const { context, page } = await open(PHONE, 'trainee');
    try {
      await savingData(page);
      await signIn(page, 'trainee', 'trainee');
      const texts = scripts(page);
      await page.reload();
      await page.getByTestId('home-trainee').waitFor();
      await page.getByTestId('trainee-tabs').waitFor();
      await page.waitForLoadState('networkidle');
      expect(texts.length).toBeGreaterThan(10);
      expect(declares(texts, 'jbh-trainee-frame')).toBe(true);
      for (const selector of ['jbh-staff-frame', 'nz-layout', 'nz-drawer', 'nz-modal', 'jbh-idle-warning', 'jbh-unsent-visits-dialog']) {
        expect([selector, declares(texts, selector)]).toEqual([selector, false]);
      }
    } finally {
      await context.close();
    }
    expect(problems).toEqual([]);
  });

  it('the caseload on a phone builds its cards four at a time, and only as many as the screen shows', async () => {
    const { context, page } = await open(PHONE, 'counsellor');
    try {
      await signIn(page, 'counsellor', 'counsellor');
      // The number of cards each time the page's DOM changed: one entry per task that added cards.
      await page.addInitScript(() => {
        const counts: number[] = [];
        (globalThis as unknown as { cardCounts: number[] }).cardCounts = counts;
        new MutationObserver(() => {
          const n = document.querySelectorAll('li.trainee-card').length;
          if (n !== counts[counts.length - 1]) counts.push(n);
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(`${suite.base}/trainees`);
      await page.getByTestId('caseload-cards').waitFor();
      await page.waitForLoadState('networkidle');
      const counts = await page.evaluate(() => (globalThis as unknown as { cardCounts: number[] }).cardCounts);
      const shown = await page.getByTestId('caseload-row').count();
      // The demo caseload's first page has 20 rows: a step of four, then four more while the list's end is in
      // view — not the whole page at once, and not more than the first screen and a step.
      expect(counts.filter((n) => n > 0)[0]).toBe(4);
      expect(counts.every((n, i) => i === 0 || n - counts[i - 1]! <= 4)).toBe(true);
      expect(shown).toBeGreaterThanOrEqual(8);
      expect(shown).toBeLessThan(20);
    } finally {
      await context.close();
    }
    expect(problems).toEqual([]);
  });

  it('the caseload on a phone: cards and the staff frame, no table, no create form, no bulk dialog until asked', async () => {
    const { context, page } = await open(PHONE, 'counsellor');
    try {
      await savingData(page);
      await signIn(page, 'counsellor', 'counsellor');
      const texts = scripts(page);
      await page.goto(`${suite.base}/trainees`);
      await page.getByTestId('caseload-cards').waitFor();
      await page.waitForLoadState('networkidle');
      expect(declares(texts, 'jbh-staff-frame')).toBe(true);
      for (const selector of ['jbh-trainee-frame', 'nz-table', 'jbh-trainee-form', 'jbh-enrol-form']) {
        expect([selector, declares(texts, selector)]).toEqual([selector, false]);
      }
      // Asked for, the bulk dialog comes with its form.
      await page.getByTestId('select-row').first().check();
      await page.getByTestId('bulk-enrol').click();
      await page.locator('jbh-enrol-form').waitFor();
      expect(declares(texts, 'jbh-enrol-form')).toBe(true);
    } finally {
      await context.close();
    }
    expect(problems).toEqual([]);
  });
});
