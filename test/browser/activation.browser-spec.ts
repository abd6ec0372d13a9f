import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSession, describeBrowser, DESKTOP, PHONE, SCREENSHOT_DIR } from '../utils/browser';
import type { TestApp } from '../utils/test-app';

/** Where this feature's screenshots go (besides the suite's own folder). */
const SHOTS = process.env.ACTIVATION_SHOTS_DIR ?? join(SCREENSHOT_DIR, 'activation-ui');

const FORBIDDEN = /戒毒|康复|戒治|所|社区|rehab|facility|detox/i;

interface Released {
  id: string;
  full_name: string;
  birth_year: number;
  handover_id: string | null;
}

/**
 * Release day: a station counsellor issues an activation code on a released trainee without an
 * account and prints the handover sheet; the person opens the activation page on a phone, types the
 * code, the year of birth, a username and a password, and lands signed in. The same code a second
 * time gets the one neutral answer. Photographed on a phone and a desktop, in Chinese and English.
 */
describeBrowser('activation: a code from release day opens the person’s own account', () => {
  const suite = browserSession({
    // The refused second use of the code answers 400 on purpose.
    expected: (m) => /status of 400|Failed to load resource/.test(m.text()),
  });
  const { problems, open, signIn } = suite;
  let t: TestApp;
  let base: string;

  beforeAll(() => {
    ({ t, base } = suite);
    mkdirSync(SHOTS, { recursive: true });
  });

  const shot = async (page: Page, name: string): Promise<void> => {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
  };
  const english = (page: Page) => page.addInitScript("localStorage.setItem('jbh.lang', 'en')");

  /** The station's released trainees without an account, those with a completed handover first. */
  async function released(): Promise<Released[]> {
    return t.sql<Released>(
      `SELECT t.id, t.full_name, t.birth_year,
              (SELECT h.id FROM handover h WHERE h.trainee_id = t.id AND h.state = 'completed' ORDER BY h.completed_at DESC LIMIT 1) AS handover_id
         FROM trainee t JOIN app_user u ON u.username = 'station' AND u.organisation_id = t.organisation_id
        WHERE t.state = 'released' AND t.user_id IS NULL
        ORDER BY (SELECT count(*) FROM handover h WHERE h.trainee_id = t.id AND h.state = 'completed') DESC, t.full_name`,
    );
  }

  async function issueOnCard(page: Page, traineeId: string): Promise<string> {
    await page.goto(`${base}/trainees/${traineeId}?tab=lifecycle`);
    await page.getByTestId('activation-card').waitFor();
    await page.getByTestId('activation-issue').click();
    await page.getByTestId('activation-issue-confirm').click();
    const code = (await page.getByTestId('activation-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    return code;
  }

  let code = '';
  let person: Released;

  it('a station counsellor issues a code, sees it once, and prints the handover sheet with it', async () => {
    const candidates = await released();
    expect(candidates.length).toBeGreaterThan(1);
    person = candidates[0]!;

    const { context, page } = await open(DESKTOP, 'station');
    await signIn(page, 'station', 'counsellor');
    await page.goto(`${base}/trainees/${person.id}?tab=lifecycle`);
    await page.getByTestId('activation-status').waitFor();
    expect(await page.getByTestId('activation-status').getAttribute('data-status')).not.toBe('account');
    await page.getByTestId('activation-issue').click();
    // The warning that a new code replaces the old one.
    await page.getByText('之前生成的激活码会立即作废').waitFor();
    await shot(page, 'card-confirm-desktop-zh');
    await page.getByTestId('activation-issue-confirm').click();
    code = (await page.getByTestId('activation-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    expect(await page.getByTestId('activation-status').getAttribute('data-status')).toBe('live');
    await shot(page, 'card-code-desktop-zh');

    // Never stored in the browser.
    const stored = await page.evaluate<string>(
      'JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href',
    );
    expect(stored.replace(/-/g, '')).not.toContain(code.replace(/-/g, ''));

    if (person.handover_id) {
      await page.getByTestId('activation-print').click();
      await page.waitForURL(`**/handovers/${person.handover_id}/sheet`);
      await page.getByTestId('slip-code').waitFor();
      expect((await page.getByTestId('slip-code').textContent())!.trim()).toBe(code);
      expect(page.url()).not.toContain(code);
      const sheetText = (await page.getByTestId('handover-sheet').textContent())!;
      expect(sheetText).toContain(person.full_name);
      expect(sheetText).toContain('/activate');
      // No identity number on the sheet (18 characters, the last a digit or X).
      expect(sheetText).not.toMatch(/\d{17}[\dX]/);
      // The person's part names no place.
      expect((await page.getByTestId('activation-slip').textContent())!).not.toMatch(FORBIDDEN);
      await shot(page, 'sheet-desktop-zh');
      await page.emulateMedia({ media: 'print' });
      await shot(page, 'sheet-print-zh');
      await page.pdf({ path: join(SHOTS, 'sheet-zh.pdf'), format: 'A4', printBackground: true });
      await page.emulateMedia({ media: 'screen' });
      // Left and come back: the code is gone.
      await page.reload();
      await page.getByTestId('activation-slip').waitFor();
      expect(await page.getByTestId('slip-code').count()).toBe(0);
    } else {
      await page.reload();
      await page.getByTestId('activation-status').waitFor();
      expect(await page.getByTestId('activation-code').count()).toBe(0);
    }
    await context.close();
  });

  it('the person opens the activation page on a phone and lands signed in; the code does not work twice', async () => {
    expect(code).not.toBe('');
    const { context, page } = await open(PHONE, 'phone');
    await page.goto(`${base}/login`);
    await shot(page, 'login-link-phone-zh');
    await page.getByTestId('activate-link').click();
    await page.getByTestId('activate-page').waitFor();
    expect(await page.title()).not.toMatch(FORBIDDEN);
    expect((await page.locator('body').textContent())!).not.toMatch(FORBIDDEN);
    await shot(page, 'activate-phone-zh');
    // Nothing scrolls sideways on a phone.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);

    // Typed the way people type: lower case, spaces instead of dashes.
    await page.getByTestId('activate-code').fill(code.toLowerCase().replace(/-/g, ' '));
    await page.getByTestId('activate-year').fill(String(person.birth_year));
    await page.getByTestId('activate-username').fill('Yun.Release1');
    await page.getByTestId('activate-password').fill('Spring#2027');
    await shot(page, 'activate-filled-phone-zh');
    await page.getByTestId('activate-submit').click();
    await page.getByTestId('home-trainee').waitFor({ timeout: 20_000 });
    await shot(page, 'activate-signed-in-phone-zh');
    const [linked] = await t.sql<{ username: string }>(
      `SELECT u.username FROM trainee t JOIN app_user u ON u.id = t.user_id WHERE t.id = $1`,
      [person.id],
    );
    expect(linked?.username).toBe('yun.release1');
    await context.close();

    // A second use of the same code: the one neutral answer.
    const again = await open(PHONE, 'again');
    await again.page.goto(`${base}/activate`);
    await again.page.getByTestId('activate-code').fill(code);
    await again.page.getByTestId('activate-year').fill(String(person.birth_year));
    await again.page.getByTestId('activate-username').fill('someone.else');
    await again.page.getByTestId('activate-password').fill('Spring#2027');
    await again.page.getByTestId('activate-submit').click();
    const error = again.page.getByTestId('activate-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('激活码或出生年份不对');
    expect(await error.textContent()).not.toMatch(FORBIDDEN);
    await shot(again.page, 'activate-error-phone-zh');
    await again.context.close();
  });

  it('after activation the card says 已开通; the card, the sheet and the page in both languages and sizes', async () => {
    const { context, page } = await open(DESKTOP, 'station');
    await signIn(page, 'station', 'counsellor');
    await page.goto(`${base}/trainees/${person.id}?tab=lifecycle`);
    await page.getByTestId('activation-status').waitFor();
    expect(await page.getByTestId('activation-status').getAttribute('data-status')).toBe('account');
    expect(await page.getByTestId('activation-issue').count()).toBe(0);
    await shot(page, 'card-account-desktop-zh');
    await context.close();

    // A second released trainee: the code shown on a phone (zh) and in English (phone and desktop).
    const other = (await released()).find((r) => r.id !== person.id)!;
    const phone = await open(PHONE, 'station-phone');
    await signIn(phone.page, 'station', 'counsellor');
    await issueOnCard(phone.page, other.id);
    await shot(phone.page, 'card-code-phone-zh');
    expect(await phone.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    if (other.handover_id) {
      await phone.page.goto(`${base}/handovers/${other.handover_id}/sheet`);
      await phone.page.getByTestId('activation-slip').waitFor();
      await shot(phone.page, 'sheet-phone-zh');
    }
    await phone.context.close();

    for (const [size, label] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const en = await open(size, `station-en-${label}`);
      await english(en.page);
      await signIn(en.page, 'station', 'counsellor');
      await issueOnCard(en.page, other.id);
      await en.page.getByText('Shown only this once').waitFor();
      await shot(en.page, `card-code-${label}-en`);
      if (other.handover_id) {
        // The sheet issues a code itself when none was brought along.
        await en.page.goto(`${base}/handovers/${other.handover_id}/sheet`);
        await en.page.getByTestId('sheet-issue').click();
        await en.page.getByTestId('slip-code').waitFor();
        await shot(en.page, `sheet-${label}-en`);
        if (label === 'desktop') {
          await en.page.emulateMedia({ media: 'print' });
          await shot(en.page, 'sheet-print-en');
          await en.page.pdf({ path: join(SHOTS, 'sheet-en.pdf'), format: 'A4', printBackground: true });
          await en.page.emulateMedia({ media: 'screen' });
        }
      }
      await en.context.close();
    }

    for (const [size, label] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      for (const lang of ['zh', 'en'] as const) {
        const v = await open(size, `activate-${label}-${lang}`);
        if (lang === 'en') await english(v.page);
        await v.page.goto(`${base}/activate`);
        await v.page.getByTestId('activate-page').waitFor();
        expect((await v.page.locator('body').textContent())!).not.toMatch(FORBIDDEN);
        // The rules are shown before anything is typed.
        await v.page
          .getByText(lang === 'zh' ? '只能用小写字母' : 'lower-case letters, digits')
          .first()
          .waitFor();
        await shot(v.page, `activate-${label}-${lang}`);
        // Empty press: each field says what is missing.
        await v.page.getByTestId('activate-submit').click();
        await shot(v.page, `activate-empty-${label}-${lang}`);
        await v.context.close();
      }
    }

    expect(problems).toEqual([]);
  });
});
