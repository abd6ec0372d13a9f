import type { Page } from 'playwright-core';
import { browserSession, describeBrowser, DESKTOP, PHONE } from '../utils/browser';
import { type TestApp } from '../utils/test-app';

/**
 * Orders to a hire, through four pairs of hands: an employer posts an order and publishes it (desktop);
 * a counsellor recommends a trainee; the trainee accepts on a phone, told plainly what it shares; the
 * employer sees the name appear, arranges an interview and makes an offer; the trainee takes the offer
 * and the order shows one hire. Every page is photographed (test-results/screenshots), and no page
 * may log an error to the console.
 */
describeBrowser('orders: an employer posts an order and it becomes a hire', () => {
  const suite = browserSession({
    // A refused step answers 400 on purpose (the page shows the server's message).
    expected: (m) => /status of 400/.test(m.text()),
  });
  const { problems, open, signIn, shoot } = suite;
  let t: TestApp;
  let base: string;
  const TITLE = '西餐厨师助理';
  let orderId = '';
  let traineeName = '';

  const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    ({ t, base } = suite);
    const { token } = await t.login('trainee');
    const me = await t.http().get('/api/trainees/me').set('Authorization', `Bearer ${token}`);
    traineeName = (me.body as { fullName: string }).fullName;
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  async function pick(page: Page, testId: string, typed: string, option: string = typed): Promise<void> {
    await page.getByTestId(testId).click();
    if (typed) await page.keyboard.type(typed);
    await page.locator('nz-option-item', { hasText: option }).first().click();
  }

  it('an employer posts an order (the form says what is wrong first) and publishes it', async () => {
    const { context, page } = await open(DESKTOP, 'employer');
    await signIn(page, 'employer', 'employer');
    await page.getByTestId('employer-orders').waitFor();
    await shoot(page, 'orders-employer-home-desktop');

    await page.getByTestId('home-post-order').click();
    await page.getByTestId('order-form').waitFor();
    // Saving an empty form shows each rule in place, and nothing is sent.
    await page.getByTestId('order-save').click();
    await page.getByText('请填写岗位名称（2–80个字）').waitFor();
    await page.locator('#order-title').fill(TITLE);
    await pick(page, 'order-occupation', '烹调', '中式烹调师');
    await page.locator('#order-headcount').fill('2');
    await pick(page, 'order-division', '海口', '海口市');
    await page.locator('#order-address').fill('海口市美兰区海甸岛');
    await page.locator('#order-wage-min').fill('5000');
    await page.locator('#order-wage-max').fill('4000');
    await page.getByTestId('order-wage-order').waitFor();
    await page.locator('#order-wage-max').fill('6500');
    await page.locator('#order-deadline').fill(iso(40));
    await page.locator('#order-start').fill(iso(30));
    await page.getByTestId('order-deadline-after-start').waitFor();
    await shoot(page, 'orders-form-errors-desktop');
    await page.locator('#order-start').fill(iso(60));
    await page.locator('#order-description').fill('负责西餐备料和出品，早晚两班。');
    await page.getByTestId('order-save').click();

    await page.getByTestId('order-detail').waitFor();
    orderId = page.url().split('/orders/')[1]!;
    expect(await page.getByTestId('order-state').textContent()).toContain('草稿');
    await page.getByTestId('order-publish').click();
    await page.locator('.ant-modal-confirm-btns button.ant-btn-primary').click();
    await page.getByTestId('order-state').filter({ hasText: '招聘中' }).waitFor();
    await page.getByTestId('fulfilment').waitFor();
    await shoot(page, 'orders-employer-published-desktop');

    await page.goto(`${base}/orders`);
    await page.locator(`[data-testid=order-row][data-title="${TITLE}"]`).waitFor();
    await shoot(page, 'orders-employer-list-desktop');
    await context.close();
  });

  it('a counsellor finds the order and recommends a trainee with reasons from the fixed list and an internal note', async () => {
    const { context, page } = await open(DESKTOP, 'counsellor');
    await signIn(page, 'counsellor', 'counsellor');
    await page.goto(`${base}/orders`);
    await page.locator(`[data-testid=order-row][data-title="${TITLE}"]`).click();
    await page.getByTestId('order-detail').waitFor();
    expect(await page.getByTestId('order-matching').getAttribute('href')).toBe(`/matching/orders/${orderId}`);

    await page.getByTestId('order-recommend').click();
    await pick(page, 'recommend-trainee', traineeName.slice(0, 1), traineeName);
    // The employer reads only the ticked reasons; the note stays with staff.
    await page.locator('[data-testid=recommend-reason][data-reason=related_course]').click();
    await page.locator('[data-testid=recommend-reason][data-reason=wage_fits]').click();
    await page.getByTestId('recommend-note').fill('已完成中式烹调师培训，刀工好，做事踏实。');
    await shoot(page, 'orders-counsellor-recommend-form-desktop');
    await page.getByTestId('recommend-submit').click();
    await page.locator(`[data-testid=my-placement][data-trainee="${traineeName}"]`).waitFor();
    await shoot(page, 'orders-counsellor-recommended-desktop');
    await page.locator(`[data-testid=my-placement][data-trainee="${traineeName}"] a`).click();
    await page.getByTestId('placement-history').waitFor();
    expect(await page.getByTestId('placement-contact').textContent()).toContain('单位还看不到学员的姓名和电话');
    expect(await page.getByTestId('placement-reasons').textContent()).toContain('正在参加相关技能培训');
    expect(await page.getByTestId('placement-note').textContent()).toContain('刀工好');
    await page.getByTestId('pl-accept').waitFor();
    await shoot(page, 'orders-counsellor-placement-desktop');

    await page.goto(`${base}/placements`);
    await page.getByTestId('placements-table').waitFor();
    await shoot(page, 'orders-counsellor-placements-desktop');
    await context.close();
  });

  it('the trainee, on a phone, sees what accepting shares and accepts', async () => {
    const { context, page } = await open(PHONE, 'trainee');
    await signIn(page, 'trainee', 'trainee');
    await page.goto(`${base}/me/jobs`);
    const card = page.locator(`[data-testid=job-card][data-order="${TITLE}"]`);
    await card.waitFor();
    const shares = (await card.getByTestId('job-shares').textContent()) ?? '';
    expect(shares).toContain('海口椰风酒店管理有限公司将看到你的姓名和电话，不会看到你的戒治经历');
    expect(await card.getByTestId('job-consent-version').textContent()).toMatch(/第 \d+ 版/);
    await shoot(page, 'orders-trainee-jobs-phone');
    await card.getByTestId('job-accept').click();
    await page.getByTestId('job-confirm-box').waitFor();
    await shoot(page, 'orders-trainee-accept-confirm-phone');
    await page.getByTestId('job-confirm-box').getByTestId('job-confirm').click();
    await page.locator(`[data-testid=job-card][data-order="${TITLE}"][data-state=accepted_by_trainee]`).waitFor();
    await context.close();
  });

  it('the employer sees the name appear, arranges an interview and makes an offer', async () => {
    const { context, page } = await open(DESKTOP, 'employer');
    await signIn(page, 'employer', 'employer');
    await page.goto(`${base}/orders/${orderId}`);
    const card = page.getByTestId('candidate-card').first();
    await card.getByTestId('candidate-name').waitFor();
    expect(await card.getByTestId('candidate-name').textContent()).toContain(traineeName);
    expect(await card.textContent()).not.toMatch(/戒毒|戒治所|强制隔离/);
    // Reasons from the fixed list, never the counsellor's own words.
    expect(await card.getByTestId('candidate-reasons').locator('nz-tag').count()).toBe(2);
    expect(await card.textContent()).not.toContain('刀工好');
    await shoot(page, 'orders-employer-candidate-card-desktop');

    await card.getByTestId('step-interview').click();
    await card.getByTestId('interview-at').fill(`${iso(3)}T10:00`);
    await card.getByTestId('interview-place').fill('酒店人力资源部');
    await card.getByTestId('step-submit').click();
    await card.getByTestId('candidate-interview').waitFor();

    await card.getByTestId('step-offer').click();
    await card.getByTestId('offer-wage').fill('5800');
    await card.getByTestId('step-submit').click();
    await card.getByTestId('candidate-offer').waitFor();
    // The funnel refreshes after the step: wait for the count rather than read it at once.
    await page
      .getByTestId('fun-offered')
      .filter({ hasText: /^\s*1(?!\d)/ })
      .waitFor();
    await shoot(page, 'orders-employer-candidates-desktop');
    await context.close();
  });

  it('the trainee takes the offer on a phone, and the order shows one hire', async () => {
    const trainee = await open(PHONE, 'trainee');
    await signIn(trainee.page, 'trainee', 'trainee');
    await trainee.page.goto(`${base}/me/jobs`);
    const card = trainee.page.locator(`[data-testid=job-card][data-order="${TITLE}"][data-state=offer]`);
    await card.waitFor();
    await card.getByTestId('job-take-offer').click();
    await card.getByTestId('job-first-day').fill(iso(14));
    await shoot(trainee.page, 'orders-trainee-offer-phone');
    await card.getByTestId('job-confirm').click();
    await trainee.page.getByTestId('job-hired').waitFor();
    await shoot(trainee.page, 'orders-trainee-hired-phone');
    await trainee.context.close();

    const employer = await open(DESKTOP, 'employer');
    await signIn(employer.page, 'employer', 'employer');
    await employer.page.goto(`${base}/orders/${orderId}`);
    await employer.page.getByTestId('candidate-hired').waitFor();
    expect(await employer.page.getByTestId('fun-hired').textContent()).toContain('1');
    expect(await employer.page.getByTestId('fulfilment-fill').textContent()).toContain('已录用 1 / 2 人');
    await shoot(employer.page, 'orders-employer-hired-desktop');
    // English second, switched in place.
    await employer.page.getByRole('button', { name: '语言: English' }).click();
    await employer.page.getByText('1 of 2 hired').waitFor();
    await employer.page.getByText('Name and phone appear only after the trainee accepts the recommendation').waitFor();
    await shoot(employer.page, 'orders-employer-hired-desktop-en');
    await employer.context.close();

    // The same order on an employer's phone, and every order for the admin.
    const phone = await open(PHONE, 'employer');
    await signIn(phone.page, 'employer', 'employer');
    await phone.page.goto(`${base}/orders/${orderId}`);
    await phone.page.getByTestId('candidate-hired').waitFor();
    await phone.page.getByTestId('candidate-reasons').waitFor();
    await shoot(phone.page, 'orders-employer-hired-phone');
    await phone.page.goto(`${base}/orders`);
    await phone.page.getByTestId('order-row').first().waitFor();
    await shoot(phone.page, 'orders-employer-list-phone');
    // The candidate card in English on the phone: the reasons follow the language.
    // (On a phone the staff frame keeps the language switch in the menu: choose it the way the switch stores it.)
    await phone.page.evaluate("localStorage.setItem('jbh.lang', 'en')");
    await phone.page.goto(`${base}/orders/${orderId}`);
    await phone.page.getByTestId('candidate-reasons').waitFor();
    await phone.page.getByText('Why recommended').first().waitFor();
    await shoot(phone.page, 'orders-employer-candidate-phone-en');
    await phone.context.close();

    const admin = await open(DESKTOP, 'admin');
    await signIn(admin.page, 'admin', 'admin');
    await admin.page.goto(`${base}/orders`);
    await admin.page.locator(`[data-testid=order-row][data-title="${TITLE}"]`).waitFor();
    await shoot(admin.page, 'orders-admin-list-desktop');
    await admin.context.close();
  });
});
