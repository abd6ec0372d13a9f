import type { BrowserContext, Page } from 'playwright-core';
import { browserSession, describeBrowser, PHONE } from '../utils/browser';
import { type TestApp } from '../utils/test-app';

/** The brief's desktop: a 1366×768 laptop. */
const LAPTOP = { width: 1366, height: 768 };

/** Everything the page's origin keeps: localStorage, sessionStorage and every IndexedDB store, as text. */
const DUMP_STORAGE = `(async () => {
  const out = [];
  for (const [name, s] of [['local', localStorage], ['session', sessionStorage]])
    for (let i = 0; i < s.length; i++) out.push(name + ':' + s.key(i) + '=' + s.getItem(s.key(i)));
  const text = (k, v) =>
    v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? new TextDecoder().decode(v)
    : v instanceof CryptoKey ? 'CryptoKey(' + v.algorithm.name + ', extractable=' + v.extractable + ')'
    : v;
  for (const d of await indexedDB.databases()) {
    const db = await new Promise((ok, ko) => { const r = indexedDB.open(d.name); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
    for (const store of Array.from(db.objectStoreNames)) {
      const all = await new Promise((ok, ko) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
      out.push('idb:' + d.name + '/' + store + '=' + JSON.stringify(all, text));
    }
    db.close();
  }
  return out.join('\\n');
})()`;

/** Waits until `read` gives `want` (or times out, returning the last value). */
async function settleOn<T>(read: () => Promise<T>, want: T, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const got = await read();
    if (got === want || Date.now() > until) return got;
    await new Promise((r) => setTimeout(r, 250));
  }
}

const RECORD_POST = /^\/api\/follow-ups\/[^/]+\/record$/;
const NOTE = '住在表哥家，想学电焊';

/**
 * One phone, two station counsellors. A types a visit with no connection (it waits on the phone,
 * sealed), signs out — warned, and choosing to keep it or to discard it — and B signs in on the same
 * browser: nothing of A's visit may be readable on the phone, and nothing of A's may be sent under
 * B's account. Kept, it is sent when A signs in again; discarded, it is gone.
 */
describeBrowser("shared phone: a counsellor's unsent visit is neither readable nor sent by the next user", () => {
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

  /**
   * Visits recorded for the trainee since this test began. Not "in the last minutes": the person first
   * on the list can be the one the previous test recorded (a trainee may have several overdue visits,
   * depending on the day the demo data is built).
   */
  let since = '';
  beforeEach(async () => {
    const [row] = await t.sql<{ now: string }>(`SELECT clock_timestamp()::text AS now`);
    since = row!.now;
  });
  const recorded = async (name: string) => {
    const [row] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM follow_up_visit v JOIN trainee t ON t.id = v.trainee_id
        WHERE t.full_name = $1 AND v.state <> 'planned' AND v.recorded_at >= $2::timestamptz`,
      [name, since],
    );
    return row!.n;
  };

  /** Every POST to the visit record route from now on. */
  /**
   * The visit-record submits the page makes, one entry per submit: a request and its automatic retries
   * (after a 503, say) carry one Idempotency-Key and are one submit to the server.
   */
  function watchRecordPosts(page: Page): string[] {
    const posts: string[] = [];
    // On the whole context, not the page: under load the page's listener once missed the send while the
    // visit was recorded all the same; a send from any other page of the phone counts too.
    page.context().on('request', (r) => {
      if (r.method() !== 'POST' || !RECORD_POST.test(new URL(r.url()).pathname)) return;
      const submit = `${r.url()} ${r.headers()['idempotency-key'] ?? Math.random()}`;
      if (!posts.includes(submit)) posts.push(submit);
    });
    return posts;
  }

  /** A types a visit offline: relapsed, test-verified, with a note. Returns the trainee's name. */
  async function queueVisitOffline(page: Page, context: BrowserContext): Promise<string> {
    await page.goto(`${base}/follow-ups`);
    const first = page.getByTestId('visit').first();
    await first.waitFor();
    const name = (await first.locator('.name').textContent())!.trim();
    await context.setOffline(true);
    await first.getByTestId('visit-record').click();
    await page.getByTestId('method-home_visit').click();
    await page.getByTestId('work-employed').click();
    await page.getByTestId('abstinence-relapsed').click();
    await page.getByTestId('basis-test_verified').click();
    await page.locator('textarea[name=needs]').fill(NOTE);
    await page.getByTestId('visit-save').click();
    await page.getByTestId('outbox').waitFor();
    expect(await page.getByTestId('outbox').textContent()).toMatch(/1 条回访待发送|1 visit waiting/);
    expect(await recorded(name)).toBe(0);
    return name;
  }

  /** Opens the user menu (once the last one has finished closing: a click during its exit animation is lost). */
  async function openUserMenu(page: Page): Promise<void> {
    await page
      .locator('.ant-dropdown')
      .waitFor({ state: 'hidden' })
      .catch(() => undefined);
    await page.locator('.user-button').click();
  }

  async function startLogout(page: Page): Promise<void> {
    await openUserMenu(page);
    await page.getByTestId('logout').click();
  }

  async function switchLanguage(page: Page, phone: boolean, to: 'English' | '中文'): Promise<void> {
    if (phone) {
      await openUserMenu(page);
      await page.locator('.menu-action', { hasText: to }).click();
      await page.locator('.ant-dropdown').waitFor({ state: 'hidden' });
    } else {
      await page
        .locator('.staff-header')
        .getByRole('button', { name: new RegExp(`: ${to}$`) })
        .click();
    }
    await page.locator(`html[lang="${to === 'English' ? 'en' : 'zh-CN'}"]`).waitFor();
  }

  /** Nothing that names the trainee or tells what was recorded, in any storage of the origin. */
  async function expectNothingReadable(page: Page, name: string): Promise<string> {
    const dump = await page.evaluate<string>(DUMP_STORAGE);
    for (const secret of [name, '复吸', 'relapsed', 'test_verified', 'abstinence', '表哥', 'home_visit', 'traineeName'])
      expect({ secret, readable: dump.includes(secret) }).toEqual({ secret, readable: false });
    expect(dump).not.toContain('extractable=true');
    return dump;
  }

  it('keep: A signs out warned, B on the same phone can neither read nor send it; A signs in again and it is sent', async () => {
    const { context, page } = await open(PHONE, 'shared phone');
    await signIn(page, 'station', 'counsellor');
    // Both dictionaries loaded while online, so the language can switch with the connection down.
    await switchLanguage(page, true, 'English');
    await switchLanguage(page, true, '中文');

    const name = await queueVisitOffline(page, context);
    // Sealed even while A is signed in: a non-extractable key and ciphertext, nothing else.
    const dump = await expectNothingReadable(page, name);
    expect(dump).toContain('CryptoKey(AES-GCM, extractable=false)');

    // 取消: stays signed in, the visit still waiting.
    await startLogout(page);
    const dialog = page.getByTestId('unsent-dialog');
    await dialog.waitFor();
    await page.locator('.ant-dropdown').waitFor({ state: 'hidden' }); // the user menu has closed behind it
    expect(await dialog.textContent()).toContain('有 1 条回访还没发送');
    await shoot(page, 'shared-phone-logout-warning-phone');
    await page.getByTestId('unsent-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('outbox').waitFor();

    // In English; 立即发送 with no connection says so and stays; then keep it and sign out.
    await switchLanguage(page, true, 'English');
    await startLogout(page);
    await dialog.waitFor();
    await page.locator('.ant-dropdown').waitFor({ state: 'hidden' }); // the user menu has closed behind it
    expect(await dialog.textContent()).toContain('1 visit not sent yet');
    await shoot(page, 'shared-phone-logout-warning-phone-en');
    await page.getByTestId('unsent-send').click();
    await page.getByTestId('unsent-problem').waitFor();
    expect(await page.getByTestId('unsent-problem').textContent()).toContain('Still no connection');
    await page.getByTestId('unsent-keep').click();
    // Offline the sign-in page (served by the server) cannot load: the app says so, signed out.
    await page.getByTestId('sign-in-offline').waitFor();
    await shoot(page, 'shared-phone-signed-out-offline-phone-en');
    await expectNothingReadable(page, name);

    // B signs in on the same browser, the connection back: the sign-in page opens by itself.
    const posts = watchRecordPosts(page);
    await context.setOffline(false);
    await page.locator('#username').waitFor();
    await signIn(page, 'station-460200', 'counsellor');
    await expectNothingReadable(page, name);
    await page.goto(`${base}/follow-ups`);
    await page.getByTestId('follow-ups-page').waitFor();
    // B's own list has loaded (三亚 may have no visit due: the demo transferred one of its people away).
    await page.locator('[data-testid="visit"], [data-testid="visits-none"]').first().waitFor();
    expect(await page.getByTestId('outbox').count()).toBe(0);
    // The connection drops and returns while B is signed in: still nothing of A's goes out.
    await context.setOffline(true);
    await context.setOffline(false);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1500);
    expect(posts).toEqual([]);
    expect(await recorded(name)).toBe(0);
    await expectNothingReadable(page, name);

    // B has nothing waiting: signing out asks nothing.
    await startLogout(page);
    await page.locator('#username').waitFor();
    expect(await page.getByTestId('unsent-dialog').count()).toBe(0);

    // A, back: the kept visit is sent under A's own account, once, and leaves the phone.
    await signIn(page, 'station', 'counsellor');
    await page.goto(`${base}/follow-ups`);
    await page.getByTestId('follow-ups-page').waitFor();
    expect(await settleOn(() => recorded(name), 1)).toBe(1);
    expect(posts).toHaveLength(1);
    await page.getByTestId('outbox').waitFor({ state: 'detached' });
    // The list on screen empties as the send completes; the vault's deletion may finish a moment later.
    let after = '';
    for (let i = 0; i < 50; i++) {
      after = await page.evaluate<string>(DUMP_STORAGE);
      if (after.includes('idb:jbh-outbox/keys=[]') && after.includes('idb:jbh-outbox/boxes=[]')) break;
      await page.waitForTimeout(200);
    }
    expect(after).toContain('idb:jbh-outbox/keys=[]');
    expect(after).toContain('idb:jbh-outbox/boxes=[]');
    await context.close();
  });

  it('discard: the visit and its key are deleted; A signing in again sends nothing', async () => {
    const { context, page } = await open(LAPTOP, 'shared desktop');
    await signIn(page, 'station', 'counsellor');
    await switchLanguage(page, false, 'English');
    await switchLanguage(page, false, '中文');
    const name = await queueVisitOffline(page, context);

    await startLogout(page);
    const dialog = page.getByTestId('unsent-dialog');
    await dialog.waitFor();
    await page.locator('.ant-dropdown').waitFor({ state: 'hidden' }); // the user menu has closed behind it
    expect(await dialog.textContent()).toContain('有 1 条回访还没发送');
    await shoot(page, 'shared-phone-logout-warning-desktop');
    await page.getByTestId('unsent-cancel').click();
    await dialog.waitFor({ state: 'detached' });

    await switchLanguage(page, false, 'English');
    await startLogout(page);
    await dialog.waitFor();
    await page.locator('.ant-dropdown').waitFor({ state: 'hidden' }); // the user menu has closed behind it
    expect(await dialog.textContent()).toContain('1 visit not sent yet');
    await shoot(page, 'shared-phone-logout-warning-desktop-en');
    // 丢弃 asks once more before deleting.
    await page.getByTestId('unsent-discard').click();
    // The button's words change on the next change detection: wait for them rather than read once.
    await page.getByTestId('unsent-discard').filter({ hasText: 'Confirm discard' }).waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('unsent-discard').textContent()).toContain('Confirm discard');
    await page.getByTestId('unsent-discard').click();
    await page.getByTestId('sign-in-offline').waitFor();

    const dump = await expectNothingReadable(page, name);
    expect(dump).toContain('idb:jbh-outbox/keys=[]');
    expect(dump).toContain('idb:jbh-outbox/boxes=[]');

    const posts = watchRecordPosts(page);
    await context.setOffline(false);
    // Back online, the offline page opens the sign-in page by itself: let it, before signing in.
    await page.locator('#username').waitFor();
    await signIn(page, 'station', 'counsellor');
    await page.goto(`${base}/follow-ups`);
    await page.getByTestId('visit').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(posts).toEqual([]);
    expect(await recorded(name)).toBe(0);
    expect(await page.getByTestId('outbox').count()).toBe(0);
    await context.close();
  });

  it('the pages raised no console errors', () => {
    expect(problems).toEqual([]);
  });
});
