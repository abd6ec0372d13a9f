import type { BrowserContext, Page } from 'playwright-core';
import { browserSession, describeBrowser, DESKTOP, PHONE, screenshotPath } from '../utils/browser';
import { type TestApp } from '../utils/test-app';

/**
 * The learning journeys: a trainee follows their class and course on a phone, the instructor takes
 * attendance, records grades, assesses and approves graduation on a desktop, the trainee then sees
 * their certificate and printable diploma, and anyone verifies a diploma without signing in. Every
 * learning page is photographed on a phone and a desktop (test-results/screenshots).
 */
describeBrowser('learning: classes, grades, certificates, diplomas and their verification', () => {
  const suite = browserSession({
    // An unknown verification code's 404 is expected.
    expected: (m) => m.location().url.includes('/api/diploma-verifications/'),
  });
  const { problems, open, signIn, shoot } = suite;
  let t: TestApp;
  let base: string;
  const year = new Date().getFullYear();
  const CLASS_NAME = `${year}级中餐烹饪1班`;
  const DISTANCE_CLASS = `${year}级中餐烹饪远程班`;
  const COURSE = '中式烹调师（五级）';

  beforeAll(() => {
    ({ t, base } = suite);
  });

  async function api<T>(username: string, method: 'get' | 'put' | 'post', url: string, body?: object): Promise<T> {
    const { token } = await t.login(username);
    const req = t.http()[method](url).set('Authorization', `Bearer ${token}`);
    const res = body ? await req.send(body) : await req;
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  it('anyone verifies a diploma on a phone without signing in, and an unknown code says so', async () => {
    const { context, page } = await open(PHONE, 'public');
    await page.goto(`${base}/verify`);
    await page.getByTestId('verify-page').waitFor();
    await shoot(page, 'learning-verify-empty-phone');

    await page.getByTestId('verify-input').fill('demo 7k2m 9pqx');
    await page.getByTestId('verify-submit').click();
    const found = page.getByTestId('verify-found');
    await found.waitFor();
    expect(page.url()).toBe(`${base}/verify/DEMO7K2M9PQX`);
    expect(await page.getByTestId('verify-programme').textContent()).toContain('中餐烹饪');
    expect(await page.getByTestId('verify-number').textContent()).toMatch(/^ZZ-\d{4}-00429$/);
    expect(await page.getByTestId('verify-holder').textContent()).toMatch(/^\S\*+$/);
    // The school, never the facility where the class was taught.
    const text = (await found.textContent()) ?? '';
    expect(text).not.toMatch(/戒毒所|戒毒/);
    await shoot(page, 'learning-verify-found-phone');

    await page.goto(`${base}/verify/ZZZZ22223333`);
    await page.getByTestId('verify-not-found').waitFor();
    expect(await page.getByTestId('verify-not-found').textContent()).toContain('请核对验证码');
    await shoot(page, 'learning-verify-not-found-phone');
    await context.close();

    const desktop = await open(DESKTOP, 'public');
    await desktop.page.goto(`${base}/verify/DEMO7K2M9PQX`);
    await desktop.page.getByTestId('verify-found').waitFor();
    await shoot(desktop.page, 'learning-verify-found-desktop');
    // English second, switched in place.
    await desktop.page.getByRole('button', { name: '语言: English' }).click();
    await desktop.page.getByText('This diploma is genuine').waitFor();
    await shoot(desktop.page, 'learning-verify-found-desktop-en');
    await desktop.context.close();
  });

  it('a trainee on a phone follows their class progress and course, and joins another course', async () => {
    const { context, page } = await open(PHONE, 'trainee');
    await signIn(page, 'trainee', 'trainee');
    // The motto's diploma step leads to the learning page.
    await page.getByTestId('step-open').nth(1).click();
    await page.getByTestId('my-learning').waitFor();
    await page.getByTestId('audit-credits').waitFor();
    expect(await page.getByTestId('my-class-name').textContent()).toContain(CLASS_NAME);
    expect(await page.getByTestId('audit-credits').textContent()).toContain('已获得 30 / 40 学分');
    const missing = (await page.getByTestId('audit-missing').textContent()) ?? '';
    for (const unit of ['厨房管理', '职业道德与法律', '语文']) expect(missing).toContain(unit);
    await page.getByTestId('my-course').first().waitFor();
    expect(await page.getByTestId('my-courses').textContent()).toContain(COURSE);
    await shoot(page, 'learning-trainee-progress-phone');

    await page.getByTestId('browse-courses').click();
    await page.getByTestId('course-browser').waitFor();
    const electrician = page.getByTestId('browse-course').filter({ hasText: '电工（四级）' });
    await electrician.locator('.course-toggle').click();
    await electrician.getByTestId('browse-enrol').click();
    await page.getByText('报名成功').waitFor();
    await electrician.getByText('在读').waitFor();
    await shoot(page, 'learning-course-browser-phone');

    await page.goto(`${base}/learning`);
    await page.getByTestId('my-course').nth(1).waitFor();
    expect(await page.getByTestId('my-courses').textContent()).toContain('电工（四级）');
    await context.close();
  });

  it('the instructor, on a desktop, takes attendance, records grades, assesses and approves graduation', async () => {
    const { context, page } = await open(DESKTOP, 'instructor');
    await signIn(page, 'instructor', 'instructor');
    await page.getByTestId('open-teaching').click();
    await page.getByTestId('teaching-home').waitFor();
    await page.getByTestId('teaching-session-link').first().waitFor();
    await shoot(page, 'learning-teaching-home-desktop');

    await page.getByTestId('teaching-class-link').filter({ hasText: CLASS_NAME }).click();
    await page.getByTestId('class-roster').waitFor();
    const liRow = page.locator('tr[data-trainee-name="李明"]');
    await liRow.getByText('30 / 40').waitFor();
    await shoot(page, 'learning-teaching-roster-desktop');

    // Attendance for today: one classmate is away.
    await page.getByTestId('view-attendance').click();
    await page.getByTestId('attendance-person').nth(1).click();
    await page.getByTestId('attendance-save').click();
    await page.getByTestId('attendance-saved').waitFor();
    await shoot(page, 'learning-teaching-attendance-desktop');
    const [att] = await t.sql<{ present: number; absent: number }>(
      `SELECT count(*) FILTER (WHERE present)::int AS present, count(*) FILTER (WHERE NOT present)::int AS absent FROM class_attendance`,
    );
    expect(att).toEqual({ present: 12, absent: 1 });

    // Grades: a score out of range is refused in place; the three missing units are recorded.
    await page.getByTestId('view-grades').click();
    await page.getByTestId('grade-grid').waitFor();
    const kitchen = page.getByLabel('李明：厨房管理 成绩');
    await kitchen.fill('120');
    await kitchen.press('Enter');
    await page.getByTestId('grade-status').getByText('0–100').waitFor();
    expect(await kitchen.getAttribute('data-status')).toBe('invalid');
    for (const [unit, score] of [
      ['厨房管理', 88],
      ['职业道德与法律', 90],
      ['语文', 75],
    ] as const) {
      const cell = page.getByLabel(`李明：${unit} 成绩`);
      await cell.fill(String(score));
      await cell.press('Enter');
      await page.getByTestId('grade-status').getByText(`已保存：李明 · ${unit} ${score} 分`).waitFor();
    }
    await page.locator('tr[data-trainee-name="李明"] [data-testid="grade-earned"]').getByText('44').waitFor();
    await shoot(page, 'learning-teaching-grades-desktop');
    const grades = await t.sql<{ score: number }>(
      `SELECT g.score FROM unit_grade g JOIN programme_unit u ON u.id = g.unit_id JOIN trainee t ON t.id = g.trainee_id
        WHERE t.full_name = '李明' AND u.name = '厨房管理'`,
    );
    expect(grades).toEqual([{ score: 88 }]);

    // The graduation audit now allows graduation.
    await page.getByTestId('view-roster').click();
    await liRow.getByTestId('open-audit').click();
    const drawer = page.getByTestId('audit-drawer');
    await drawer.getByTestId('audit-verdict').getByText('学分已够').waitFor();
    await shoot(page, 'learning-teaching-audit-desktop');
    await drawer.getByTestId('graduate').click();
    await drawer.getByTestId('graduation-done').waitFor();
    await shoot(page, 'learning-teaching-graduated-desktop');

    // The course session: attendance, then the assessment (passing issues the certificate).
    await page.goto(`${base}/teaching`);
    await page.getByTestId('teaching-session-link').filter({ hasText: COURSE }).click();
    await page.getByTestId('session-assessment').waitFor();
    const assess = page.locator('tr[data-trainee-name="李明"]');
    await page.getByTestId('attendance-save').click();
    await page.getByTestId('attendance-saved').waitFor();
    await assess.getByText('1 / 1').waitFor();
    await assess.getByTestId('theory-score').fill('82');
    await assess.getByTestId('practical-score').fill('90');
    await assess.getByTestId('assessment-verdict').getByText('合格').waitFor();
    await assess.getByTestId('assessment-submit').click();
    await assess.getByTestId('assessment-submit').getByText('确认提交').waitFor();
    await assess.getByTestId('assessment-submit').click();
    await assess.getByText('合格 · 已发证书').waitFor();
    await shoot(page, 'learning-teaching-session-desktop');
    await context.close();
  });

  it('the trainee then sees the certificate and the diploma, prints it, and its code verifies', async () => {
    const { context, page } = await open(PHONE, 'trainee');
    await signIn(page, 'trainee', 'trainee');
    await page.goto(`${base}/learning`);
    await page.getByTestId('certificate-item').first().waitFor();
    expect(await page.getByTestId('certificate-item').first().textContent()).toContain('中式烹调师');
    expect(await page.getByTestId('my-class').textContent()).toContain('已毕业');
    await shoot(page, 'learning-trainee-certificates-phone');

    // The bell counts the news (the graduation) and leads back here.
    await page.getByTestId('notification-unread').waitFor();
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-inbox').getByText('恭喜毕业').waitFor();
    await shoot(page, 'learning-inbox-phone');
    await page.getByTestId('notification-inbox').getByText('恭喜毕业').click();
    await page.getByTestId('notification-unread').waitFor({ state: 'detached' });

    await page.getByTestId('diploma-link').click();
    await page.getByTestId('diploma-sheet').waitFor();
    expect(await page.getByTestId('diploma-holder').textContent()).toBe('李明');
    const school = (await page.getByTestId('diploma-school').textContent()) ?? '';
    expect(school).not.toContain('戒毒');
    expect(await page.getByTestId('diploma-page').textContent()).not.toContain('戒毒所');
    await shoot(page, 'learning-diploma-phone');

    // Printing drops the app frame: no bottom bar, no header. (Photographed at A4's width.)
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    expect(await page.locator('.bottom-nav').isVisible()).toBe(false);
    expect(await page.locator('.trainee-top').isVisible()).toBe(false);
    expect(await page.getByTestId('diploma-print').isVisible()).toBe(false);
    await page.screenshot({ path: screenshotPath('learning-diploma-print'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(PHONE);

    const code = ((await page.getByTestId('diploma-code').textContent()) ?? '').trim();
    await page.goto(`${base}/verify/${code}`);
    await page.getByTestId('verify-found').waitFor();
    expect(await page.getByTestId('verify-holder').textContent()).toBe('李*');
    await context.close();
  });

  it('a counsellor applies a trainee to a class, and the admin admits them', async () => {
    const { context, page } = await open(DESKTOP, 'counsellor');
    await signIn(page, 'counsellor', 'counsellor');
    await page.goto(`${base}/catalogue/classes`);
    await page.getByTestId('class-link').filter({ hasText: DISTANCE_CLASS }).click();
    await page.getByTestId('class-apply').waitFor();
    // Someone inside who is in no class of this programme yet (one class per programme at a time), with a name no one else has.
    const [free] = await t.sql<{ full_name: string }>(
      `SELECT t.full_name FROM trainee t WHERE t.organisation_id = (SELECT organisation_id FROM app_user WHERE username = 'counsellor')
          AND t.state IN ('admitted', 'pre_release')
          AND NOT EXISTS (SELECT 1 FROM class_enrolment e WHERE e.trainee_id = t.id AND e.state IN ('applied', 'approved', 'waitlisted', 'active'))
          AND (SELECT count(*) FROM trainee t2 WHERE t2.full_name = t.full_name) = 1
        ORDER BY t.full_name LIMIT 1`,
    );
    const picked = free!.full_name;
    await page.getByTestId('trainee-picker').click();
    await page.keyboard.type(picked);
    const option = page.locator('nz-option-item').filter({ hasText: picked }).first();
    await option.waitFor();
    await option.click();
    await page.getByTestId('class-apply-submit').click();
    const row = page.locator(`tr[data-trainee-name="${picked}"]`);
    await row.getByText('待审核').waitFor();
    await shoot(page, 'learning-counsellor-class-desktop');
    await context.close();

    const admin = await open(DESKTOP, 'admin');
    await signIn(admin.page, 'admin', 'admin');
    await admin.page.goto(`${base}/admin/learning/classes`);
    await admin.page.getByTestId('class-link').filter({ hasText: DISTANCE_CLASS }).click();
    const adminRow = admin.page.locator(`tr[data-trainee-name="${picked}"]`);
    await adminRow.getByTestId('open-decision').click();
    await admin.page.getByTestId('decision-approve').click();
    await admin.page.getByTestId('decision-submit').click();
    await adminRow.getByText('已录取').waitFor();
    await shoot(admin.page, 'learning-admin-class-desktop');
    await admin.context.close();
  });

  it('an admin creates a programme with its units and a distance class of it', async () => {
    const { context, page } = await open(DESKTOP, 'admin');
    await signIn(page, 'admin', 'admin');
    await page.goto(`${base}/admin/learning`);
    await page.getByTestId('programme-card').first().waitFor();
    await page.getByTestId('create-programme').click();
    const form = page.getByTestId('programme-form');
    await form.locator('#prog-name').fill('电子商务');
    await form.locator('nz-select:has(#prog-school)').click();
    await page.locator('nz-option-item').first().click();
    await form.locator('#prog-required').fill('10');
    const units = form.locator('.unit-row');
    await units.nth(0).locator('input').nth(0).fill('网店运营');
    await units.nth(0).locator('input').nth(1).fill('6');
    await units.nth(1).locator('input').nth(0).fill('网络营销');
    await units.nth(1).locator('input').nth(1).fill('4');
    await shoot(page, 'learning-admin-programme-form-desktop');
    await form.locator('button[type=submit]').click();
    await page.getByTestId('programme-card').filter({ hasText: '电子商务' }).waitFor();

    await page.goto(`${base}/admin/learning/classes`);
    await page.getByTestId('create-class').click();
    const classForm = page.getByTestId('class-form');
    await classForm.locator('nz-select:has(#class-programme)').click();
    await page.locator('nz-option-item').filter({ hasText: '电子商务' }).click();
    await classForm.locator('#class-name').fill(`${year}级电子商务远程班`);
    await classForm.locator('nz-select:has(#class-mode)').click();
    await page.locator('nz-option-item').filter({ hasText: '远程班' }).click();
    await classForm.locator('#class-capacity').fill('20');
    await classForm.locator('#class-start').fill(`${year}-09-01`);
    await classForm.locator('#class-end').fill(`${year + 1}-07-01`);
    await shoot(page, 'learning-admin-class-form-desktop');
    await classForm.locator('button[type=submit]').click();
    await page
      .getByTestId('class-link')
      .filter({ hasText: `${year}级电子商务远程班` })
      .waitFor();
    await context.close();
  });

  it('every learning page, photographed on a phone and a desktop', async () => {
    const classes = await api<{ items: { id: string; name: string }[] }>(
      'admin',
      'get',
      `/api/classes?q=${encodeURIComponent(CLASS_NAME)}`,
    );
    const classId = classes.items.find((c) => c.name === CLASS_NAME)!.id;
    const courses = await api<{ items: { id: string; title: string }[] }>('admin', 'get', `/api/courses?q=${encodeURIComponent(COURSE)}`);
    const courseId = courses.items.find((c) => c.title === COURSE)!.id;
    const course = await api<{ sessions: { id: string }[] }>('admin', 'get', `/api/courses/${courseId}`);
    const sessionId = course.sessions[0]!.id;
    const [diploma] = await api<{ id: string }[]>('trainee', 'get', '/api/trainees/me/diplomas');

    const pages: [string, string, string, string][] = [
      // who, home, path, what to wait for
      ['trainee', 'trainee', '/learning', 'my-learning'],
      ['trainee', 'trainee', '/learning/courses', 'browse-course'],
      ['trainee', 'trainee', `/learning/diplomas/${diploma!.id}`, 'diploma-sheet'],
      ['instructor', 'instructor', '/teaching', 'teaching-class-link'],
      ['instructor', 'instructor', `/teaching/classes/${classId}`, 'class-roster'],
      ['instructor', 'instructor', `/teaching/sessions/${sessionId}`, 'assessment-row'],
      ['counsellor', 'counsellor', '/catalogue/classes', 'class-link'],
      ['counsellor', 'counsellor', `/catalogue/classes/${classId}`, 'enrolment-row'],
      ['counsellor', 'counsellor', '/catalogue/courses', 'course-link'],
      ['counsellor', 'counsellor', `/catalogue/courses/${courseId}`, 'session-item'],
      ['admin', 'admin', '/admin/learning', 'programme-card'],
      ['admin', 'admin', '/admin/learning/classes', 'class-link'],
      ['admin', 'admin', `/admin/learning/classes/${classId}`, 'enrolment-row'],
      ['admin', 'admin', '/admin/learning/courses', 'course-link'],
      ['admin', 'admin', `/admin/learning/courses/${courseId}`, 'session-item'],
      ['admin', 'admin', '/admin/learning/demand', 'demand-table'],
    ];
    // Phone and desktop side by side: one browser context each, signed in once per role. The journeys
    // above already photographed the trainee's pages on a phone and the instructor's on a desktop.
    const walk = async (label: string, viewport: typeof PHONE, done: string): Promise<void> => {
      let current = '';
      let session: { context: BrowserContext; page: Page } | null = null;
      for (const [who, home, path, ready] of pages.filter(([who]) => who !== done)) {
        if (who !== current) {
          await session?.context.close();
          session = await open(viewport, who);
          await signIn(session.page, who, home);
          current = who;
        }
        const page = session!.page;
        await page.goto(`${base}${path}`);
        await page.getByTestId(ready).first().waitFor({ timeout: 15_000 });
        const name = path
          .replace(/^\//, '')
          .replace(/[0-9a-f-]{36}/g, 'id')
          .replace(/\//g, '-');
        await shoot(page, `learning-page-${name}-${label}`);
      }
      await session?.context.close();
    };
    await Promise.all([walk('phone', PHONE, 'trainee'), walk('desktop', DESKTOP, 'instructor')]);
  });

  it('the pages raised no console errors', () => {
    expect(problems).toEqual([]);
  });
});
