import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { browserSession, describeBrowser, DESKTOP, PHONE } from '../utils/browser';
import { type TestApp } from '../utils/test-app';

/** GB 11643 check character, to make synthetic identity numbers the server accepts. */
function withCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

/** A wrong check character for the same 17 digits. */
function withWrongCheckDigit(first17: string): string {
  const right = withCheckDigit(first17).slice(-1);
  return first17 + (right === '1' ? '2' : '1');
}

const isoDay = (offsetDays: number): string => {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * The trainee records journeys: a facility counsellor creates a trainee, works through the file and
 * sends the handover; the community station accepts and completes it and finds the trainee released
 * in its caseload (the facility now reads it only). A trainee, on a phone, follows the checklist,
 * withdraws and re-grants job-matching consent, downloads their data and asks for a correction. The
 * roster import shows every bad row before anything is written. Every new page is photographed on a
 * phone and a desktop (test-results/screenshots/records-*.png).
 */
describeBrowser('trainee records: caseload, file, handover, import and the trainee portal', () => {
  const suite = browserSession();
  const { problems, open, signIn, shoot } = suite;
  let t: TestApp;
  let base: string;
  let tmp: string;
  const NAME = '韩立新';
  const IDENTITY = withCheckDigit('46010519880721731');

  beforeAll(async () => {
    ({ t, base } = suite);
    tmp = await mkdtemp(join(tmpdir(), 'jbh-import-'));
  });
  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** Opens an ng-zorro select and picks the option with this label. */
  async function choose(page: Page, select: Locator, label: string): Promise<void> {
    await select.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click();
  }

  /** In-app navigation (the router follows popstate), without reloading the app and restoring the session. */
  async function go(page: Page, path: string): Promise<void> {
    await page.evaluate(`history.pushState(null, '', ${JSON.stringify(path)}); dispatchEvent(new PopStateEvent('popstate'));`);
  }

  async function tab(page: Page, name: string): Promise<void> {
    await page.getByRole('tab', { name, exact: true }).click();
  }

  async function api<T>(username: string, method: 'get' | 'post', url: string, body?: object): Promise<T> {
    const { token } = await t.login(username);
    const req = t.http()[method](url).set('Authorization', `Bearer ${token}`);
    const res = body ? await req.send(body) : await req;
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  it('a facility counsellor creates a trainee, works through the file and sends the handover', async () => {
    const { context, page } = await open(DESKTOP, 'counsellor');
    await signIn(page, 'counsellor', 'counsellor');

    // The workbench card leads into the caseload, filtered.
    await page.getByTestId('releasing-link').click();
    await page.getByTestId('caseload-table').waitFor();
    expect(page.url()).toContain('state=pre_release');
    await page.getByTestId('caseload-row').first().waitFor();
    await shoot(page, 'caseload-desktop');

    // A new trainee: the identity number is checked as it is typed.
    await page.getByTestId('caseload-create').click();
    const form = page.getByTestId('trainee-form');
    await form.waitFor();
    await page.getByTestId('form-full-name').fill(NAME);
    await choose(page, page.getByTestId('form-division'), '海口市');
    await page.getByTestId('form-identity').fill(withWrongCheckDigit(IDENTITY.slice(0, 17)));
    await expect(page.getByTestId('identity-hint').or(page.getByTestId('identity-error')).first().textContent()).resolves.toContain(
      `应为 ${IDENTITY.slice(-1)}`,
    );
    await page.getByTestId('form-identity').fill(IDENTITY);
    await page.getByTestId('identity-hint').filter({ hasText: '校验通过' }).waitFor();
    expect(await page.getByTestId('identity-hint').textContent()).toContain('男');
    await page.getByTestId('form-admitted').fill(isoDay(-700));
    // Due out in 10 days: the record opens straight in pre-release.
    await page.getByTestId('form-release').fill(isoDay(10));
    await page.getByTestId('form-phone').fill('13912345678');
    // Skills are occupations of the classification with a level; free text stays internal.
    await page.getByTestId('form-skill-add').click();
    const skill = page.getByTestId('form-skill-row').first();
    await skill.getByTestId('form-skill-occupation').click();
    await page.keyboard.type('烹调');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '中式烹调师' }).first().click();
    await choose(page, skill.getByTestId('form-skill-level'), '五级');
    await choose(page, page.getByTestId('form-industries'), '餐饮');
    await page.keyboard.press('Escape');
    await page.getByTestId('form-skills-note').fill('会做海南粉');
    await shoot(page, 'create-desktop');
    await page.getByTestId('form-submit').click();

    await page.getByTestId('trainee-file').waitFor();
    await page.getByTestId('file-name').filter({ hasText: NAME }).waitFor();
    expect(await page.getByTestId('file-state').textContent()).toContain('即将出所');
    const masked = (await page.getByTestId('identity-masked').textContent())?.trim();
    expect(masked).toBe(`${'*'.repeat(14)}${IDENTITY.slice(-4)}`);

    // The full number, only with a reason, only until hidden.
    await page.getByTestId('reveal-identity').click();
    await page.getByTestId('reveal-reason').fill('核对社保登记信息');
    await page.getByTestId('reveal-submit').click();
    await page.getByTestId('identity-full').filter({ hasText: IDENTITY }).waitFor();
    await page.getByTestId('hide-identity').click();
    await page.getByTestId('identity-masked').waitFor();
    expect(await page.getByTestId('identity-full').count()).toBe(0);
    expect(await page.getByTestId('profile-skills').textContent()).toContain('中式烹调师 · 五级（初级工）');
    expect(await page.getByTestId('profile-industries').textContent()).toContain('餐饮');
    expect(await page.getByTestId('profile-skills-note').textContent()).toContain('会做海南粉');
    await page.getByTestId('internal-only').waitFor();
    await shoot(page, 'file-desktop');

    // History: created by the counsellor, pre-release opened by the platform.
    await tab(page, '状态与记录');
    await page.getByTestId('history-entry').nth(1).waitFor();
    expect(await page.getByTestId('history-system').count()).toBeGreaterThan(0);
    await shoot(page, 'file-lifecycle-desktop');

    // Checklist: tick the first item with a date and a note.
    await tab(page, '出所前准备');
    await page.getByTestId('checklist-progress').filter({ hasText: '0/5' }).waitFor();
    const first = page.getByTestId('checklist-item').first();
    await first.getByTestId('checklist-note').fill('集中授课，2课时');
    await first.getByTestId('checklist-tick').click();
    await page.getByTestId('checklist-progress').filter({ hasText: '1/5' }).waitFor();
    expect(await page.getByTestId('checklist-item').first().getAttribute('data-done')).toBe('true');
    await shoot(page, 'file-checklist-desktop');

    // Consent recorded from a signed paper form (assisted).
    await tab(page, '同意');
    await choose(page, page.getByTestId('consent-grant-purpose'), '就业匹配');
    await page.getByTestId('consent-text').waitFor();
    await page.getByTestId('consent-grant-ref').fill('纸质同意书-B2026-17');
    await page.getByTestId('consent-grant-submit').click();
    await page.locator('[data-testid="consent-purpose"][data-purpose="job_matching"] [data-testid="consent-live"]').waitFor();
    await shoot(page, 'file-consents-desktop');

    // The handover, to the station of the home division.
    await page.getByTestId('prepare-handover').click();
    await page.getByTestId('handover-station').filter({ hasText: '海口' }).waitFor();
    await shoot(page, 'handover-form-desktop');
    await page.getByTestId('handover-create').click();
    await page.getByTestId('handover-detail').waitFor();
    await page.locator('[data-testid="handover-state"][data-state="prepared"]').waitFor();
    await page.getByTestId('handover-send').click();
    await page.locator('[data-testid="handover-state"][data-state="sent"]').waitFor();
    await page.getByTestId('handover-waiting').waitFor();
    // The sender has no receiver's buttons.
    expect(await page.getByTestId('handover-accept').count()).toBe(0);
    await shoot(page, 'handover-sent-desktop');
    await context.close();
  });

  it('the station accepts and completes the handover, and the trainee is released into its caseload', async () => {
    const { context, page } = await open(DESKTOP, 'station');
    await signIn(page, 'station', 'counsellor');
    await page.goto(`${base}/handovers`);
    const row = page.locator(`[data-testid="handover-row"][data-trainee="${NAME}"]`);
    await row.waitFor();
    await shoot(page, 'handovers-incoming-desktop');
    await row.getByRole('link', { name: NAME }).click();

    await page.locator('[data-testid="handover-state"][data-state="sent"]').waitFor();
    expect(await page.getByTestId('handover-send').count()).toBe(0);
    await page.getByTestId('handover-accept').click();
    await page.locator('[data-testid="handover-state"][data-state="accepted"]').waitFor();

    await page.getByTestId('handover-complete').click();
    const completeForm = page.getByTestId('handover-complete-form');
    await completeForm.waitFor();
    // Nothing ticked yet: the form says what is missing instead of sending.
    await page.getByTestId('complete-submit').click();
    await completeForm.getByText('至少勾选一份材料').waitFor();
    await page.getByTestId('complete-escort').fill('陈指导员');
    await page.getByTestId('complete-officer').fill('符社工');
    await completeForm.getByText('解除强制隔离戒毒证明书').click();
    await completeForm.getByText('出所前教育记录').click();
    await page.getByTestId('complete-place').fill('海口市社区康复指导站');
    await shoot(page, 'handover-complete-desktop');
    await page.getByTestId('complete-submit').click();
    await page.locator('[data-testid="handover-state"][data-state="completed"]').waitFor();
    await page.getByText('解除强制隔离戒毒证明书').first().waitFor();
    await shoot(page, 'handover-completed-desktop');

    // The station's caseload now holds the trainee, released.
    await page.goto(`${base}/trainees`);
    await page.getByTestId('caseload-search').fill(NAME);
    const mine = page.locator(`[data-testid="caseload-row"][data-trainee="${NAME}"]`);
    await mine.waitFor();
    expect(await mine.textContent()).toContain('已出所');
    expect(await mine.getByTestId('read-only-tag').count()).toBe(0);
    // Found by the whole identity number too (exact look-up).
    await Promise.all([
      page.waitForResponse((r) => r.url().includes(`q=${IDENTITY}`) && r.status() === 200),
      page.getByTestId('caseload-search').fill(IDENTITY),
    ]);
    await mine.waitFor();
    expect(await page.getByTestId('caseload-row').count()).toBe(1);
    await context.close();

    // The facility keeps read access to what it recorded, and nothing more.
    const facility = await open(DESKTOP, 'counsellor');
    await signIn(facility.page, 'counsellor', 'counsellor');
    await facility.page.goto(`${base}/trainees`);
    await facility.page.getByTestId('caseload-search').fill(NAME);
    const theirs = facility.page.locator(`[data-testid="caseload-row"][data-trainee="${NAME}"]`);
    await theirs.getByTestId('read-only-tag').waitFor();
    await theirs.getByRole('link', { name: NAME }).click();
    await facility.page.getByTestId('read-only-notice').waitFor();
    expect(await facility.page.getByTestId('prepare-handover').count()).toBe(0);
    expect(await facility.page.getByTestId('edit-profile').count()).toBe(0);
    await shoot(facility.page, 'file-read-only-desktop');
    await facility.context.close();
  });

  it('a trainee on a phone follows the checklist, withdraws and re-grants consent, downloads their data', async () => {
    const { context, page } = await open(PHONE, 'trainee');
    await signIn(page, 'trainee', 'trainee');

    await page.getByTestId('home-checklist-link').click();
    await page.getByTestId('my-checklist').waitFor();
    await page.getByTestId('my-checklist-progress').filter({ hasText: '已完成 2 项，共 5 项' }).waitFor();
    expect(await page.locator('[data-testid="my-checklist-item"][data-done="true"]').count()).toBe(2);
    await shoot(page, 'my-checklist-phone');

    // 我的 in the bottom bar, then 我的同意.
    await page.locator('.bottom-nav a[href="/me"]').click();
    await page.getByTestId('me-hub').waitFor();
    await shoot(page, 'me-phone');
    await page.getByTestId('me-consents').click();
    const job = page.locator('[data-testid="consent-card"][data-purpose="job_matching"]');
    await job.and(page.locator('[data-live="true"]')).waitFor();
    await page.getByTestId('privacy-box').waitFor();
    await shoot(page, 'my-consents-phone');

    await job.getByTestId('consent-withdraw').click();
    const confirm = job.getByTestId('consent-confirm-box');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('撤回马上生效');
    await shoot(page, 'my-consents-confirm-phone');
    await confirm.getByTestId('consent-withdraw-confirm').click();
    await job.and(page.locator('[data-live="false"]')).waitFor();
    // At once: the server already answers without a live job-matching consent.
    const after = await api<{ purpose: string; live: boolean }[]>('trainee', 'get', '/api/trainees/me/consents');
    expect(after.some((c) => c.purpose === 'job_matching' && c.live)).toBe(false);

    await job.getByTestId('consent-agree').click();
    await job.and(page.locator('[data-live="true"]')).waitFor();
    expect(await job.getByTestId('consent-status').textContent()).toContain('你已同意');

    // Everything the platform holds, as one JSON file.
    await page.getByTestId('portal-back').click();
    await page.getByTestId('me-data').click();
    await page.getByTestId('my-data').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('my-data-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      record: { fullName?: string };
      consents: unknown[];
      checklist: unknown[];
    };
    expect(data.record.fullName).toBe('李明');
    expect(data.consents.length).toBeGreaterThanOrEqual(2);
    expect(data.checklist.length).toBe(5);

    // A correction request, in two fields.
    await choose(page, page.getByTestId('my-correction-field'), '电话');
    await page.getByTestId('my-correction-message').fill('我的手机号换了，新号码是13900001111');
    await page.getByTestId('my-correction-send').click();
    await page.getByTestId('my-correction').filter({ hasText: '13900001111' }).waitFor();
    await shoot(page, 'my-data-phone');
    await context.close();
  });

  it('the roster import lists every bad row in a dry run and imports only a clean file', async () => {
    // Build the files from the server's own template.
    const { token } = await t.login('counsellor');
    const res = await t
      .http()
      .get('/api/trainees/import/template')
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const template = res.body as Buffer;
    const good = [
      ['冯晓东', withCheckDigit('46020019910304215'), '三亚市', isoDay(-200), isoDay(300), '13700001111', '初中', '电工', 4500, '是', ''],
      ['蒋春梅', withCheckDigit('46900119930817322'), '五指山', isoDay(-150), isoDay(400), '', '高中', '', '', '否', ''],
    ];
    async function workbook(rows: (string | number)[][], name: string): Promise<string> {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(template as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      ws.spliceRows(2, 1); // the example row
      for (const row of rows) ws.addRow(row);
      const path = join(tmp, name);
      await writeFile(path, Buffer.from(await wb.xlsx.writeBuffer()));
      return path;
    }
    const badFile = await workbook(
      [
        good[0]!,
        ['郑大勇', withWrongCheckDigit('46010519850612331'), '海口市', isoDay(-100), isoDay(500), '', '', '', '', '', ''],
        ['何小军', withCheckDigit('46010519870222451'), '火星', isoDay(-100), isoDay(500), '', '', '', '', '', ''],
      ],
      'roster-bad.xlsx',
    );
    const cleanFile = await workbook(good, 'roster-clean.xlsx');

    const { context, page } = await open(DESKTOP, 'counsellor-import');
    await signIn(page, 'counsellor', 'counsellor');
    await page.goto(`${base}/trainees`);
    await page.getByTestId('caseload-import').click();
    await page.getByTestId('import-page').waitFor();
    const [template2] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    expect(template2.suggestedFilename()).toBe('trainee-roster-template.xlsx');

    await page.getByTestId('import-file').setInputFiles(badFile);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-has-problems').waitFor();
    const idProblem = page.locator('[data-testid="import-problem"][data-row="3"][data-field="identityNumber"]');
    expect(await idProblem.textContent()).toContain('校验位');
    expect(await page.locator('[data-testid="import-problem"][data-row="4"][data-field="homeDivision"]').textContent()).toContain('火星');
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
    await shoot(page, 'import-problems-desktop');

    await page.getByTestId('import-file').setInputFiles(cleanFile);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-clean').waitFor();
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-done').filter({ hasText: '已导入 2 名学员' }).waitFor();
    await shoot(page, 'import-done-desktop');
    const found = await api<{ total: number }>('counsellor', 'get', '/api/trainees?q=冯晓东');
    expect(found.total).toBe(1);
    await context.close();
  });

  it('every new page fits a phone and a desktop', async () => {
    // The demo's overdue handover, and the counsellor of the facility that sent it.
    const overdue = (await api<{ items: { id: string; fromOrganisationId: string }[] }>('admin', 'get', '/api/handovers?overdue=true'))
      .items[0];
    expect(overdue).toBeDefined();
    const sender = (await t.login('counsellor')).organisationId === overdue!.fromOrganisationId ? 'counsellor' : 'counsellor2';
    const trainee = (await api<{ items: { id: string }[] }>(sender, 'get', '/api/trainees?state=pre_release&pageSize=1')).items[0]!;

    const staffPages: [string, string, string][] = [
      ['caseload', '/trainees', 'caseload-row'],
      ['pre-release', '/trainees/pre-release', 'behind-row'],
      ['handovers', '/handovers', 'handover-row'],
      ['handover-overdue', `/handovers/${overdue!.id}`, 'handover-overdue-banner'],
      ['file', `/trainees/${trainee.id}`, 'file-name'],
      ['file-checklist', `/trainees/${trainee.id}?tab=checklist`, 'checklist-item'],
      ['import', '/trainees/import', 'import-page'],
    ];
    // The desktop pages the journeys above have not photographed already.
    const staffDesktop = new Set(['pre-release', 'handovers', 'handover-overdue']);
    const ownPages: [string, string, string][] = [
      ['me', '/me', 'me-hub'],
      ['my-checklist', '/me/checklist', 'my-checklist-item'],
      ['my-consents', '/me/consents', 'consent-card'],
      ['my-data', '/me/data', 'my-data'],
    ];
    const ownDesktop = new Set(['me', 'my-consents']);

    // One sign-in per person; the pages are reached inside the app and the window is resized, so the
    // phone and desktop layouts are both the app's own reaction, not a fresh load.
    const staff = await open(PHONE, `${sender}`);
    await signIn(staff.page, sender, 'counsellor');
    for (const [label, viewport, only] of [
      ['phone', PHONE, null],
      ['desktop', DESKTOP, staffDesktop],
    ] as const) {
      await staff.page.setViewportSize(viewport);
      for (const [name, path, ready] of staffPages) {
        if (only && !only.has(name)) continue;
        await go(staff.page, path);
        await staff.page.getByTestId(ready).first().waitFor();
        if (name === 'handovers') {
          // Overdue handovers come first, flagged.
          await staff.page.getByTestId('handover-row').first().getByTestId('handover-overdue').waitFor();
        }
        await shoot(staff.page, `${name}-${label}`);
      }
    }
    await staff.context.close();

    const own = await open(PHONE, 'trainee');
    await signIn(own.page, 'trainee', 'trainee');
    for (const [label, viewport, only] of [
      ['phone', PHONE, null],
      ['desktop', DESKTOP, ownDesktop],
    ] as const) {
      await own.page.setViewportSize(viewport);
      for (const [name, path, ready] of ownPages) {
        if (only && !only.has(name)) continue;
        await go(own.page, path);
        await own.page.getByTestId(ready).first().waitFor();
        await shoot(own.page, `${name}-${label}`);
      }
    }
    // English second: the portal's own words switch too.
    await own.page.getByRole('button', { name: '语言: English' }).click();
    await own.page.getByRole('heading', { name: 'My consents' }).waitFor();
    await own.page.getByText('What can employers see?').waitFor();
    await own.context.close();

    // Admins read every caseload and every handover, and change nothing.
    const admin = await open(DESKTOP, 'admin');
    await signIn(admin.page, 'admin', 'admin');
    await go(admin.page, '/trainees');
    await admin.page.getByTestId('caseload-row').first().waitFor();
    expect(await admin.page.getByTestId('caseload-create').count()).toBe(0);
    await shoot(admin.page, 'caseload-admin-desktop');
    await go(admin.page, '/handovers');
    await admin.page.getByTestId('handover-row').first().getByTestId('handover-overdue').waitFor();
    await shoot(admin.page, 'handovers-admin-desktop');
    await admin.context.close();
  });

  it('the pages raised no console errors (CSP violations included)', () => {
    expect(problems).toEqual([]);
  });
});
