import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { FieldCipher } from '../../server/src/common/crypto/field-cipher';
import { SealingService } from '../../server/src/sealing/sealing.service';
import { identityNumberFor, newUser, organisationOf } from '../factories';
import { browserSession, describeBrowser, DESKTOP, PHONE, SCREENSHOT_DIR } from '../utils/browser';
import { TEST_ENV, type TestApp } from '../utils/test-app';

/** Where this feature's screenshots go. */
const SHOTS = process.env.SEALING_SHOTS_DIR ?? join(SCREENSHOT_DIR, 'sealing-ui');

const cipher = new FieldCipher(Buffer.from(TEST_ENV.FIELD_ENCRYPTION_KEY, 'base64'));

/**
 * 档案封存: a demo case closed four years ago is sealed by the job; an administrator asks to unseal it
 * (with a legal basis, a reference and a number of days), a second administrator approves it in
 * another browser, and the first sees it approved. Phone and desktop, Chinese and English.
 */
describeBrowser('sealing: an unsealing asked by one administrator, approved by another', () => {
  const suite = browserSession({
    // The identity number of no sealed record is refused with a 404 on purpose.
    expected: (m) => /status of 404|Failed to load resource/.test(m.text()),
  });
  const { problems, open, signIn } = suite;
  let t: TestApp;
  let base: string;
  let identityNumber: string;
  let secondAdmin: string;
  let first: { context: BrowserContext; page: Page };

  beforeAll(async () => {
    ({ t, base } = suite);
    mkdirSync(SHOTS, { recursive: true });
    // A demo person under community supervision: their case closed four years ago.
    const [person] = await t.sql<{ id: string; identity_number_cipher: Buffer }>(
      `SELECT id, identity_number_cipher FROM trainee
        WHERE state IN ('community', 'released') AND sealed_at IS NULL AND identity_number_cipher IS NOT NULL
        ORDER BY full_name, id LIMIT 1`,
    );
    identityNumber = cipher.decrypt(person!.identity_number_cipher);
    await t.sql(`UPDATE trainee SET state = 'closed' WHERE id = $1`, [person!.id]);
    await t.sql(
      `INSERT INTO trainee_state_change (trainee_id, from_state, to_state, reason, changed_at)
       VALUES ($1, 'community', 'closed', '结案', now() - interval '4 years')`,
      [person!.id],
    );
    const run = await t.app.get(SealingService).run();
    expect(run.sealed).toBeGreaterThanOrEqual(1);
    const adminOrg = await organisationOf(t, 'admin');
    secondAdmin = (await newUser(t, { organisationId: adminOrg, role: 'admin', username: 'second-admin', displayName: '第二管理员' }))
      .username;
  });
  afterAll(() => first?.context.close());

  const shot = async (page: Page, name: string): Promise<void> => {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    // From the top: a full-page shot of a scrolled page paints the sticky header mid-page.
    await page.evaluate('window.scrollTo(0, 0)');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
  };
  const english = (page: Page) => page.addInitScript("localStorage.setItem('jbh.lang', 'en')");
  const noSideScroll = async (page: Page) =>
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
  const openPage = async (page: Page) => {
    await page.goto(`${base}/admin/sealing`);
    await page.getByTestId('seal-counts').waitFor();
  };

  it('the administrator asks to unseal on a phone, and waits for another administrator', async () => {
    first = await open(PHONE, 'admin');
    const { page } = first;
    await signIn(page, 'admin', 'admin');
    await openPage(page);
    expect(Number(await page.getByTestId('seal-count-sealed').textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('seal-intro').textContent()).toContain('第一百三十六条');
    expect(await page.getByTestId('seal-retention-row').count()).toBeGreaterThanOrEqual(4);
    await noSideScroll(page);
    await shot(page, 'sealing-zh-phone');

    // A mistyped number is caught by its check character before anything is sent.
    const wrongCheck = identityNumber.slice(0, 17) + (identityNumber.endsWith('1') ? '2' : '1');
    await page.getByTestId('unseal-identity').fill(wrongCheck);
    await page.getByTestId('unseal-submit').click();
    await page.getByTestId('unseal-identity-error').filter({ hasText: '校验码' }).waitFor();
    await shot(page, 'sealing-form-errors-zh-phone');

    // A valid number of no sealed record: the server's words.
    await page.getByTestId('unseal-identity').fill(identityNumberFor(1970));
    await page.getByTestId('unseal-basis-case_investigation').click();
    await page.getByTestId('unseal-note').fill('海口市公安局 2026-118 号协查函');
    await page.getByTestId('unseal-days').fill('10');
    await page.getByTestId('unseal-submit').click();
    await page.getByTestId('unseal-error').waitFor();
    expect(await page.getByTestId('unseal-error').textContent()).not.toContain('SEALED_RECORD_NOT_FOUND');
    await shot(page, 'sealing-not-found-zh-phone');

    await page.getByTestId('unseal-identity').fill(identityNumber);
    await page.getByTestId('unseal-submit').click();
    const card = page.getByTestId('seal-request').first();
    await card.getByTestId('seal-waiting').waitFor();
    expect(await card.getByTestId('seal-request-basis').textContent()).toContain('办案需要');
    expect(await card.getByTestId('seal-request-state').textContent()).toContain('待审批');
    expect(await card.getByTestId('seal-request-tail').textContent()).toContain(`****${identityNumber.slice(-4)}`);
    expect(await card.textContent()).toContain('10 天');
    expect(await card.getByTestId('seal-approve').count()).toBe(0);
    expect(await page.getByTestId('seal-count-pending').textContent()).toContain('1');
    await page.getByTestId('seal-count-pending-link').click();
    await noSideScroll(page);
    await shot(page, 'sealing-requested-zh-phone');
  });

  it('a second administrator approves it on a desktop after a confirmation naming the basis and the days', async () => {
    const { context, page } = await open(DESKTOP, 'second-admin');
    await signIn(page, secondAdmin, 'admin');
    await openPage(page);
    const card = page.getByTestId('seal-request').first();
    await card.getByTestId('seal-approve').waitFor();
    expect(await card.getByTestId('seal-waiting').count()).toBe(0);
    // The approver's view on a phone too: both buttons big enough for a thumb.
    await page.setViewportSize(PHONE);
    const box = await card.getByTestId('seal-approve').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await noSideScroll(page);
    await shot(page, 'sealing-decide-zh-phone');
    await page.setViewportSize(DESKTOP);
    await card.getByTestId('seal-approve').click();
    const text = page.getByTestId('seal-confirm-text');
    await text.waitFor();
    expect(await text.textContent()).toContain('办案需要');
    expect(await text.textContent()).toContain('10 天');
    await shot(page, 'sealing-confirm-zh-desktop');
    await page.getByTestId('seal-confirm').click();
    await page.locator('[data-testid="seal-request"][data-state="approved"]').first().waitFor();
    expect(await page.getByTestId('seal-request').first().getByTestId('seal-request-state').textContent()).toContain('已批准');
    await shot(page, 'sealing-approved-zh-desktop');
    const [row] = await t.sql<{ state: string }>(`SELECT state FROM record_seal WHERE kind = 'unseal' ORDER BY created_at DESC LIMIT 1`);
    expect(row!.state).toBe('approved');
    await context.close();
  });

  it('the first administrator sees it approved', async () => {
    const { page } = first;
    await page.reload();
    await page.getByTestId('seal-counts').waitFor();
    const card = page.getByTestId('seal-request').first();
    expect(await card.getAttribute('data-state')).toBe('approved');
    expect(await card.getByTestId('seal-request-state').textContent()).toContain('已批准');
    expect(await card.getByTestId('seal-request-decided').textContent()).toContain('第二管理员');
    await shot(page, 'sealing-approved-zh-phone');
    await page.setViewportSize(DESKTOP);
    await shot(page, 'sealing-zh-desktop');
  });

  it('in English, on a phone and a desktop', async () => {
    for (const [viewport, name] of [
      [PHONE, 'phone'],
      [DESKTOP, 'desktop'],
    ] as const) {
      const { context, page } = await open(viewport, `admin-en-${name}`);
      await english(page);
      await signIn(page, 'admin', 'admin');
      await openPage(page);
      expect(await page.getByTestId('seal-intro').textContent()).toContain('sealed');
      expect(await page.getByTestId('seal-request').first().getByTestId('seal-request-basis').textContent()).toContain('Needed for a case');
      expect(await page.getByTestId('seal-retention').textContent()).toContain('years after the case closed');
      if (name === 'phone') await noSideScroll(page);
      await shot(page, `sealing-en-${name}`);
      await context.close();
    }
  });

  it('the pages raised no console errors', () => {
    expect(problems).toEqual([]);
  });
});
