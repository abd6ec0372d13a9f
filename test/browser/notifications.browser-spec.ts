import type { Page } from 'playwright-core';
import { browserSession, describeBrowser, DESKTOP, PHONE } from '../utils/browser';
import { type TestApp } from '../utils/test-app';

/**
 * Message settings: from the bell's inbox to the settings page, where a switch turns a group of
 * messages off and the choice survives a reload. A trainee on a phone, a station counsellor on a
 * desktop; photographed in Chinese.
 */
describeBrowser('notifications: each person chooses which messages reach them', () => {
  const suite = browserSession();
  const { problems, open, signIn, shoot } = suite;
  let t: TestApp;

  beforeAll(() => {
    ({ t } = suite);
  });

  /** From the bell: the inbox links to the settings, and choosing it closes the inbox. */
  async function openSettingsFromBell(page: Page, inboxShot?: string): Promise<void> {
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-inbox').waitFor();
    if (inboxShot) await shoot(page, inboxShot);
    await page.getByTestId('notification-settings').click();
    await page.getByTestId('notification-preferences').locator('nz-switch').first().waitFor();
    await page.getByTestId('notification-inbox').waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/notifications/preferences');
  }

  const isOn = (page: Page, group: string) =>
    page
      .getByTestId(`pref-switch-${group}`)
      .locator('button.ant-switch')
      .evaluate((b) => b.classList.contains('ant-switch-checked'));

  /** Flips a switch and waits for the save to come back. */
  async function flip(page: Page, group: string): Promise<void> {
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/notifications/preferences') && r.request().method() === 'PUT');
    await page.getByTestId(`pref-switch-${group}`).locator('button.ant-switch').click();
    expect((await saved).status()).toBe(200);
  }

  const mutedOf = async (username: string) =>
    (
      await t.sql<{ muted_groups: string[] }>(
        `SELECT p.muted_groups FROM notification_preference p JOIN app_user u ON u.id = p.user_id WHERE u.username = $1`,
        [username],
      )
    )[0]?.muted_groups ?? [];

  it('a trainee on a phone turns fair messages off; after a reload they are still off', async () => {
    const { context, page } = await open(PHONE, 'trainee');
    await signIn(page, 'trainee', 'trainee');
    await openSettingsFromBell(page, 'notifications-inbox-phone');
    // A trainee is offered only the groups that can reach a trainee.
    const groups = await page
      .locator('[data-testid^="pref-"]:not([data-testid^="pref-switch-"])')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(groups).toEqual(['pref-learning', 'pref-jobs', 'pref-fairs', 'pref-reminders']);
    expect(await isOn(page, 'fairs')).toBe(true);
    await shoot(page, 'notifications-preferences-phone');

    await flip(page, 'fairs');
    expect(await isOn(page, 'fairs')).toBe(false);
    expect(await mutedOf('trainee')).toEqual(['fairs']);
    await page.reload();
    await page.getByTestId('pref-switch-fairs').waitFor();
    expect(await isOn(page, 'fairs')).toBe(false);
    expect(await isOn(page, 'jobs')).toBe(true);
    await shoot(page, 'notifications-preferences-off-phone');

    await flip(page, 'fairs');
    expect(await mutedOf('trainee')).toEqual([]);
    await context.close();
  });

  it('a station counsellor on a desktop turns handover requests off, and it holds', async () => {
    const { context, page } = await open(DESKTOP, 'station');
    await signIn(page, 'station', 'counsellor');
    await openSettingsFromBell(page, 'notifications-inbox-desktop');
    expect(await isOn(page, 'handovers')).toBe(true);
    await flip(page, 'handovers');
    await page.reload();
    await page.getByTestId('pref-switch-handovers').waitFor();
    expect(await isOn(page, 'handovers')).toBe(false);
    expect(await isOn(page, 'followUps')).toBe(true);
    expect(await mutedOf('station')).toEqual(['handovers']);
    await shoot(page, 'notifications-preferences-desktop');
    await context.close();
  });

  it('the pages raised no console errors', () => {
    expect(problems).toEqual([]);
  });
});
