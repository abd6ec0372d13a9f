import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import QRCode from 'qrcode';
import { Clock } from '../../server/src/common/clock';
import { browserSession, CHROMIUM_PATH, describeBrowser, DESKTOP, PHONE } from '../utils/browser';
import { type TestApp } from '../utils/test-app';

/**
 * A fake camera showing `text` as a QR code: a grey-scale YUV4MPEG2 (I420) clip that Chromium loops
 * as the camera's picture (`--use-file-for-fake-video-capture`).
 */
function qrVideo(text: string, file: string): void {
  const W = 640;
  const H = 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const scale = Math.floor(360 / (size + 8));
  const left = Math.floor((W - size * scale) / 2);
  const top = Math.floor((H - size * scale) / 2);
  const y = Buffer.alloc(W * H, 235);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (!qr.modules.get(r, c)) continue;
      for (let dy = 0; dy < scale; dy++)
        y.fill(16, (top + r * scale + dy) * W + left + c * scale, (top + r * scale + dy) * W + left + (c + 1) * scale);
    }
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), ...Array<Buffer>(10).fill(frame)]));
}

/**
 * Issue 12: the fair desk's 扫码 opens the camera and reads the trainee's check-in QR code; refused
 * camera → typed code with a message; the typed code's format message in one language. Chromium's
 * fake camera plays a clip of the QR code (made here with the `qrcode` package the server uses).
 */
describeBrowser('fair desk: scanning the check-in QR code with the camera', () => {
  const suite = browserSession({
    // An unknown or too-early code is the server's 4xx, expected where a spec provokes it.
    expected: (m) => /status of (400|404)/.test(m.text()),
  });
  const { problems, signIn, shoot } = suite;
  let t: TestApp;
  let base: string;
  let clock: Clock;
  let fairId: string;
  let codes: Record<string, string>;
  let dir: string;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    ({ t, base } = suite);
    clock = t.app.get(Clock);
    const [fair] = await t.sql<{ id: string; day: string }>(
      `SELECT id, to_char(fair_date, 'YYYY-MM-DD') AS day FROM job_fair WHERE title = '冬季订单式就业推介会'`,
    );
    fairId = fair!.id;
    const rows = await t.sql<{ username: string | null; code: string }>(
      `SELECT u.username, r.code FROM fair_registration r JOIN trainee tr ON tr.id = r.trainee_id
         LEFT JOIN app_user u ON u.id = tr.user_id WHERE r.fair_id = $1 ORDER BY r.code`,
      [fairId],
    );
    codes = Object.fromEntries(rows.map((r, i) => [r.username ?? `other${i}`, r.code]));
    // The desk works on the day of the fair only.
    clock.travelTo(new Date(`${fair!.day}T09:20:00+08:00`));
    dir = mkdtempSync(join(tmpdir(), 'jbh-desk-'));
  });
  afterAll(async () => {
    clock?.travelTo(new Date());
    for (const b of browsers) await b.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A Chromium whose camera shows `qrText` (none: the default fake pattern). */
  async function cameraBrowser(qrText: string | null): Promise<Browser> {
    const args = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--use-fake-device-for-media-stream'];
    if (qrText) {
      const file = join(dir, `${qrText.replace(/\W/g, '_')}.y4m`);
      qrVideo(qrText, file);
      args.push(`--use-file-for-fake-video-capture=${file}`);
    }
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args });
    browsers.push(browser);
    return browser;
  }

  async function deskPage(
    browser: Browser,
    viewport: typeof PHONE,
    opts: { camera: boolean; english?: boolean },
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', permissions: opts.camera ? ['camera'] : [] });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of (400|404)/.test(m.text())) problems.push(`desk: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`desk: ${e.message}`));
    if (opts.english) await page.addInitScript("localStorage.setItem('jbh.lang', 'en')");
    await signIn(page, 'counsellor', 'counsellor');
    await page.goto(`${base}/fairs/${fairId}/desk`);
    await page.getByTestId('desk-code').waitFor();
    return { context, page };
  }

  it('phone, zh: 扫码 reads the trainee’s QR code and checks them in; holding it up again says already checked in', async () => {
    const browser = await cameraBrowser(codes['trainee']!);
    const { context, page } = await deskPage(browser, PHONE, { camera: true });
    await shoot(page, 'desk/desk-before-scan-phone-zh');
    const scan = page.getByTestId('desk-scan');
    expect((await scan.textContent())?.trim()).toBe('扫码');
    await scan.click();
    await page.getByTestId('desk-scanner').waitFor();
    await page.getByTestId('desk-result').filter({ hasText: '签到成功' }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('desk-result').textContent()).toContain('FDEMQ');
    await shoot(page, 'desk/desk-scanned-phone-zh');
    // Still in front of the camera after the pause: the same code is sent once more and reads as a repeat.
    await page.getByTestId('desk-result').filter({ hasText: '已签到过' }).waitFor({ timeout: 20_000 });
    await page.getByTestId('desk-scan').click();
    await page.getByTestId('desk-scanner').waitFor({ state: 'detached' });
    const [row] = await t.sql<{ checked: boolean }>(
      `SELECT checked_in_at IS NOT NULL AS checked FROM fair_registration WHERE fair_id = $1 AND code = $2`,
      [fairId, codes['trainee']],
    );
    expect(row!.checked).toBe(true);
    await context.close();
  });

  it('desktop, en: Scan reads another trainee’s code', async () => {
    const other = Object.entries(codes).find(([u]) => u !== 'trainee')![1];
    const browser = await cameraBrowser(other);
    const { context, page } = await deskPage(browser, DESKTOP, { camera: true, english: true });
    expect((await page.getByTestId('desk-scan').textContent())?.trim()).toBe('Scan');
    await page.getByTestId('desk-scan').click();
    await page.getByTestId('desk-result').filter({ hasText: 'Checked in' }).waitFor({ timeout: 20_000 });
    await shoot(page, 'desk/desk-scanned-desktop-en');
    await context.close();
  });

  it('a QR code that is not a check-in code is named as such', async () => {
    const browser = await cameraBrowser('https://example.com/not-a-code');
    const { context, page } = await deskPage(browser, PHONE, { camera: true });
    await page.getByTestId('desk-scan').click();
    await page.getByTestId('desk-scan-problem').filter({ hasText: '不是签到码' }).waitFor({ timeout: 20_000 });
    await shoot(page, 'desk/desk-not-a-code-phone-zh');
    await context.close();
  });

  for (const [lang, viewport, label] of [
    ['zh', PHONE, 'phone-zh'],
    ['en', DESKTOP, 'desktop-en'],
  ] as const) {
    it(`camera refused (${label}): the typed code with a message; a mistyped code gets the alphabet, in one language`, async () => {
      const browser = await cameraBrowser(null);
      const { context, page } = await deskPage(browser, viewport, { camera: false, english: lang === 'en' });
      await page.getByTestId('desk-scan').click();
      const problem = page.getByTestId('desk-scan-problem');
      await problem.waitFor({ timeout: 20_000 });
      expect(await problem.textContent()).toContain(lang === 'zh' ? '没有摄像头权限' : 'No permission to use the camera');
      expect(await page.getByTestId('desk-scanner').count()).toBe(0);
      // The typed code is where the cursor is.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('desk-code');
      await page.getByTestId('desk-code').fill('AB10-OI2L');
      await page.getByTestId('desk-submit').click();
      const error = page.getByTestId('desk-error');
      await error.waitFor();
      const text = (await error.textContent()) ?? '';
      if (lang === 'zh') {
        expect(text).toContain('签到码为 8 位，由数字 2–9 和大写字母组成（没有 0、1、I、L、O）');
        expect(text).not.toMatch(/[A-Za-z]{4,}/);
      } else {
        expect(text).toContain('digits 2–9 and capital letters except I, L and O');
        expect(text).not.toMatch(/[\u4e00-\u9fff]/);
      }
      await shoot(page, `desk/desk-camera-refused-${label}`);
      await context.close();
    });
  }

  it('no console errors', () => {
    expect(problems).toEqual([]);
  });
});
