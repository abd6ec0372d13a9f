import type { Page } from 'playwright-core';
import { browserSession, describeBrowser, DESKTOP, PHONE } from '../utils/browser';
import { type TestApp } from '../utils/test-app';

/**
 * Issue 12: a counsellor enrols a person from their file's 学习 tab, and a caseload selection in one
 * go; the caseload opens on active cases, with compact rows and (on a phone) filters in a sheet.
 * Screenshots: test-results/screenshots/learning-tab/.
 */
describeBrowser('learning from the person: the 学习 tab and bulk enrolment from the caseload', () => {
  const suite = browserSession();
  const { problems, open, signIn, shoot } = suite;
  let t: TestApp;
  let base: string;
  const COURSE = '叉车司机（五级）·批量';
  const LANG_KEY = 'jbh.lang';

  beforeAll(async () => {
    ({ t, base } = suite);
    const { token } = await t.login('admin');
    const provider = (await t.sql<{ id: string }>(`SELECT id FROM organisation WHERE type = 'training_provider' LIMIT 1`))[0]!.id;
    const course = await t
      .http()
      .post('/api/courses')
      .auth(token, { type: 'bearer' })
      .send({ title: COURSE, occupationCode: '6-31-01-03', level: 5, hours: 40, providerId: provider });
    if (course.status !== 201) throw new Error(JSON.stringify(course.body));
    const today = new Date().toISOString().slice(0, 10);
    const end = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    for (const capacity of [3, 30, 30]) {
      const s = await t
        .http()
        .post(`/api/courses/${course.body.id}/sessions`)
        .auth(token, { type: 'bearer' })
        .send({ startsOn: today, endsOn: end, capacity });
      if (s.status !== 201) throw new Error(JSON.stringify(s.body));
    }
  });

  const shot = (page: Page, name: string) => shoot(page, `learning-tab/${name}`);

  async function pickSession(page: Page, nth: number): Promise<void> {
    await page.getByTestId('enrol-target').click();
    const options = page.locator('.ant-select-item-option').filter({ hasText: COURSE });
    await options.nth(nth).click();
  }

  async function openFirstOwnFile(page: Page): Promise<string> {
    const row = page
      .getByTestId('caseload-row')
      .filter({ hasNot: page.getByTestId('read-only-tag') })
      .first();
    const name = (await row.getAttribute('data-trainee'))!;
    await row.getByRole('link').first().click();
    await page.getByTestId('trainee-file').waitFor();
    await page.getByTestId('file-name').waitFor();
    return name;
  }

  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`${label}: the caseload opens on active cases; the 学习 tab enrols the person`, async () => {
      const { context, page } = await open(viewport, `counsellor-${label}`);
      await signIn(page, 'counsellor', 'counsellor');
      await page.goto(`${base}/trainees`);
      await page.getByTestId('caseload-row').first().waitFor();
      // Active by default: no closed case and no read-only (handed-over) copy on the first page.
      expect(await page.getByTestId('caseload-row').filter({ hasText: '已结案' }).count()).toBe(0);
      expect(await page.getByTestId('read-only-tag').count()).toBe(0);
      await shot(page, `caseload-${label}`);
      if (label === 'phone') {
        await page.getByTestId('caseload-filters-button').click();
        await page.getByTestId('caseload-filter-sheet').waitFor();
        await shot(page, `caseload-filter-sheet-${label}`);
        await page.getByTestId('caseload-filters-apply').click();
      }

      const name = await openFirstOwnFile(page);
      await page.getByRole('tab', { name: '学习', exact: true }).click();
      await page.getByTestId('learning-section').waitFor();
      await page.getByTestId('learning-attendance').waitFor();
      await shot(page, `file-learning-${label}`);
      await page.getByTestId('learning-enrol').click();
      await page.getByTestId('enrol-form').waitFor();
      // Each viewport a session of its own (the same first person is opened on both).
      await pickSession(page, label === 'desktop' ? 1 : 2);
      await shot(page, `file-enrol-form-${label}`);
      await page.getByTestId('enrol-submit').click();
      await page.getByTestId('enrol-result').waitFor();
      await shot(page, `file-enrol-result-${label}`);
      await page.getByTestId('enrol-done').click();
      await page.getByTestId('learning-sessions').filter({ hasText: COURSE }).waitFor();
      await shot(page, `file-learning-after-${label}`);
      expect(name.length).toBeGreaterThan(0);
      await context.close();
    });

    it(`${label}: a caseload selection is enrolled in one go, each with a result`, async () => {
      const { context, page } = await open(viewport, `bulk-${label}`);
      await signIn(page, 'counsellor', 'counsellor');
      await page.goto(`${base}/trainees`);
      await page.getByTestId('caseload-row').first().waitFor();
      const boxes = page.getByTestId('select-row');
      const n = label === 'desktop' ? 4 : 2;
      let picked = 0;
      for (let i = 0; picked < n; i++) {
        const box = boxes.nth(i);
        const input = label === 'desktop' ? box.locator('input[type=checkbox]') : box;
        if (await input.isDisabled()) continue;
        await (label === 'desktop' ? box.locator('label') : box).click();
        picked++;
      }
      await page.getByTestId('bulk-bar').waitFor();
      // The bar shows after the first pick; its count catches up with the last one a tick later.
      const count = page.getByTestId('bulk-count');
      for (let i = 0; i < 25 && !((await count.textContent()) ?? '').includes(String(n)); i++) await page.waitForTimeout(100);
      expect(await count.textContent()).toContain(String(n));
      await shot(page, `caseload-selected-${label}`);
      await page.getByTestId('bulk-enrol').click();
      await page.getByTestId('enrol-form').waitFor();
      // The small session (3 seats): someone may go to the waitlist, and each is listed.
      await pickSession(page, 0);
      await page.getByTestId('enrol-submit').click();
      await page.getByTestId('enrol-result').waitFor();
      expect(await page.getByTestId('enrol-result-item').count()).toBe(n);
      await shot(page, `caseload-bulk-result-${label}`);
      await page.getByTestId('enrol-done').click();
      await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
      await context.close();
    });
  }

  it('English: the 学习 tab and the caseload in English on a desktop and a phone', async () => {
    for (const [label, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const { context, page } = await open(viewport, `en-${label}`);
      await signIn(page, 'counsellor', 'counsellor');
      await page.goto(`${base}/trainees`);
      await page.getByTestId('caseload-row').first().waitFor();
      // English second: the choice is kept in the browser (as the language button does).
      await page.evaluate((key) => localStorage.setItem(key, 'en'), LANG_KEY);
      await page.reload();
      await page
        .getByText(label === 'phone' ? 'Filters' : 'Active (not closed or handed over)')
        .first()
        .waitFor();
      await shot(page, `caseload-${label}-en`);
      await openFirstOwnFile(page);
      await page.getByRole('tab', { name: 'Learning', exact: true }).click();
      await page.getByTestId('learning-section').waitFor();
      await shot(page, `file-learning-${label}-en`);
      await context.close();
    }
    expect(problems).toEqual([]);
  });
});
