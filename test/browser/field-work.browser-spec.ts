import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSession, describeBrowser, PHONE, SCREENSHOT_DIR } from '../utils/browser';

/** Where this feature's screenshots go. */
const SHOTS = join(SCREENSHOT_DIR, 'field-work');
const LAPTOP = { width: 1366, height: 768 };

/**
 * Field work on a phone (issue 12): the station counsellor's bottom tabs (回访 one tap away, with a
 * badge), a visit form whose every control is a thumb's size with a label on every choice, the
 * offline warning that turns into 已发送 ✓ once the outbox sends, a progress bar while a slow route
 * loads, the `<main>` landmark and the bell's name. A facility counsellor gets none of the station's
 * entries; a desktop gets no bottom tabs. zh and en.
 */
describeBrowser('field work: phone-first station frame and navigation feedback', () => {
  const suite = browserSession({
    // The requests made on purpose while offline fail.
    expected: (m) => /ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(m.text()),
  });
  const { problems, open, signIn } = suite;

  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true });
  });

  const shot = async (page: Page, name: string): Promise<void> => {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false, animations: 'disabled' });
  };
  const english = (page: Page) => page.addInitScript("localStorage.setItem('jbh.lang', 'en')");

  /** Every visible control in the visit form that is smaller than 48 px tall, as "tag.class 'text' h". */
  const smallControls = (page: Page): Promise<string[]> =>
    page.getByTestId('visit-form').evaluate((form) => {
      // The checkbox sits in a 48 px label (the label is what a thumb taps); radios are hidden inside their segment.
      const controls = form.querySelectorAll<HTMLElement>(
        'button, textarea, input:not([type=checkbox]):not([type=radio]), label, .ant-radio-button-wrapper',
      );
      return [...controls]
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ el, r }) => r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden')
        .filter(({ r }) => r.height < 47.5)
        .map(({ el, r }) => `${el.tagName.toLowerCase()}.${el.className} '${(el.textContent ?? '').trim()}' ${r.height}`);
    });

  /** Opens the first due visit's form, chooses 在职 (so the employer field and checkbox show too). */
  const openForm = async (page: Page) => {
    await page.getByTestId('visit').first().waitFor();
    await page.getByTestId('visit-record').first().click();
    await page.getByTestId('visit-form').waitFor();
    await page.getByTestId('method-home_visit').click();
    await page.getByTestId('work-employed').click();
  };

  for (const lang of ['zh', 'en'] as const) {
    const w =
      lang === 'zh'
        ? { today: '今日', fu: '回访', trainees: '学员', msgs: '消息', basis: '依据', sent: '已发送 ✓', offline: '没有网络', bell: /^通知/ }
        : {
            today: 'Today',
            fu: 'Follow-ups',
            trainees: 'Trainees',
            msgs: 'Messages',
            basis: 'Basis',
            sent: 'Sent ✓',
            offline: 'No connection',
            bell: /^Notifications/,
          };

    it(`station on a phone (${lang}): bottom tabs, 回访 in one tap, a 48 px form, offline then 已发送 ✓`, async () => {
      const { context, page } = await open(PHONE, `station-${lang}`);
      if (lang === 'en') await english(page);
      await signIn(page, 'station', 'counsellor');

      // The tabs: four, each ≥ 48 px, 今日 lit up on the home page.
      const tabs = page.getByTestId('station-tabs');
      await tabs.waitFor();
      const labels = (await tabs.locator('a').allTextContents()).map((s) => s.replace(/\d+|99\+/g, '').trim());
      expect(labels).toEqual([w.today, w.fu, w.trainees, w.msgs]);
      for (const box of await Promise.all((await tabs.locator('a').all()).map((a) => a.boundingBox())))
        expect(box!.height).toBeGreaterThanOrEqual(48);
      expect(await page.getByTestId('tab-today').getAttribute('aria-current')).toBe('page');
      // The routed content is the page's <main>; the bell has a name.
      expect(await page.locator('main#main').count()).toBe(1);
      expect(await page.getByRole('main').count()).toBe(1);
      await page.getByRole('button', { name: w.bell }).waitFor();
      // The badge counts the visits due (the demo station has some).
      await page.getByTestId('tab-badge').waitFor();
      expect(Number(await page.getByTestId('tab-badge').textContent())).toBeGreaterThan(0);
      await shot(page, `station-home-phone-${lang}`);

      // 回访: one tap.
      await page.getByTestId('tab-follow-ups').click();
      await page.waitForURL(/\/follow-ups$/);
      expect(await page.getByTestId('tab-follow-ups').getAttribute('aria-current')).toBe('page');
      await openForm(page);
      expect(await smallControls(page)).toEqual([]);
      // Every choice group is a labelled radiogroup: 检测/自述 included.
      const groups = page.getByTestId('visit-form').locator('nz-radio-group');
      for (const g of await groups.all()) {
        const id = await g.getAttribute('aria-labelledby');
        expect(id).toBeTruthy();
        expect((await page.locator(`#${id}`).textContent())!.trim().length).toBeGreaterThan(0);
      }
      await page.getByRole('radiogroup', { name: w.basis }).waitFor();
      // Segmented choices span the form's width.
      const formBox = (await page.getByTestId('visit-form').boundingBox())!;
      const basisBox = (await page.getByTestId('basis-group').boundingBox())!;
      expect(basisBox.width).toBeGreaterThan(formBox.width - 2);
      await page.getByTestId('visit-form').screenshot({ path: join(SHOTS, `visit-form-phone-${lang}.png`), animations: 'disabled' });

      // Offline: kept on the phone, with the warning; back online: the warning becomes 已发送 ✓.
      await context.setOffline(true);
      await page.getByTestId('visit-save').click();
      await page.getByTestId('outbox').waitFor();
      expect(await page.getByTestId('fu-notice').textContent()).toContain(w.offline);
      await shot(page, `visit-offline-phone-${lang}`);
      await context.setOffline(false);
      await page.getByTestId('outbox').waitFor({ state: 'detached', timeout: 20_000 });
      await page.getByTestId('fu-notice').filter({ hasText: w.sent }).waitFor();
      expect(await page.getByTestId('fu-notice').textContent()).not.toContain(w.offline);
      await shot(page, `visit-sent-phone-${lang}`);
      await context.close();
    });
  }

  it('a facility counsellor has no bottom tabs and no transfers / lost-contact entries (phone and desktop)', async () => {
    for (const [size, label] of [
      [PHONE, 'phone'],
      [LAPTOP, 'desktop'],
    ] as const) {
      const { context, page } = await open(size, `facility-${label}`);
      await signIn(page, 'counsellor', 'counsellor');
      if (label === 'phone') {
        await page.getByRole('button', { name: '菜单' }).click();
        await page.locator('.nav-drawer .side-menu').waitFor();
      }
      const menu = page.locator(label === 'phone' ? '.nav-drawer .side-menu' : '.staff-sider .side-menu');
      await menu.getByText('回访').waitFor();
      // The organisation type has arrived by now (the menu is settled after a short wait).
      await page.waitForLoadState('networkidle');
      const text = await menu.textContent();
      expect(text).not.toContain('转站申请');
      expect(text).not.toContain('失联人员');
      expect(await page.getByTestId('station-tabs').count()).toBe(0);
      await shot(page, `facility-menu-${label}`);
      await context.close();
    }
  });

  it('station on a 1366x768 desktop: the side menu has the station entries, no bottom tabs', async () => {
    const { context, page } = await open(LAPTOP, 'station-desktop');
    await signIn(page, 'station', 'counsellor');
    const menu = page.locator('.staff-sider .side-menu');
    await menu.getByText('转站申请').waitFor();
    await menu.getByText('失联人员').waitFor();
    expect(await page.getByTestId('station-tabs').count()).toBe(0);
    expect(await page.getByRole('main').count()).toBe(1);
    await shot(page, 'station-desktop');
    await context.close();
  });

  it('a slow lazy route shows the progress bar, and the tab lights up at once', async () => {
    const { context, page } = await open(PHONE, 'station-slow');
    // A phone on 2G with data saver on: the role's sections are not preloaded (app.config.ts,
    // RolePreloading), so the next section's code is fetched when the tab is tapped, as on a first visit.
    await page.addInitScript("Object.defineProperty(navigator, 'connection', { value: { saveData: true, effectiveType: '2g' } })");
    await signIn(page, 'station', 'counsellor');
    await page.getByTestId('station-tabs').waitFor();
    await page.waitForLoadState('networkidle');
    // From now on every lazy chunk takes 1.5 s to arrive (a slow phone network).
    await page.route(/\/chunk-[^/]+\.js$/, async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.getByTestId('tab-trainees').click();
    await page.getByTestId('nav-progress').waitFor({ timeout: 1400 });
    // Still on the old page, but the tab already shows where it is going.
    expect(page.url()).not.toMatch(/\/trainees/);
    expect(await page.getByTestId('tab-trainees').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('tab-today').getAttribute('aria-current')).toBeNull();
    await page.screenshot({ path: join(SHOTS, 'progress-bar-phone.png'), animations: 'disabled' });
    await page.waitForURL(/\/trainees/, { timeout: 20_000 });
    await page.getByTestId('nav-progress').waitFor({ state: 'detached' });

    // A quick navigation (the chunk is loaded now) shows no bar at all. A chunk still held back is let through
    // first: removing the route under it would leave its handler continuing a request already handled.
    await page.unrouteAll({ behavior: 'wait' });
    let flashed = false;
    await page.exposeFunction('jbhSawProgress', () => (flashed = true));
    await page.evaluate(() => {
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="nav-progress"]')) (window as unknown as { jbhSawProgress(): void }).jbhSawProgress();
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByTestId('tab-today').click();
    await page.getByTestId('tab-trainees').click();
    await page.waitForURL(/\/trainees/);
    await page.waitForTimeout(300);
    expect(flashed).toBe(false);
    await context.close();
  });

  it('the pages raised no console errors', () => {
    expect(problems).toEqual([]);
  });
});
