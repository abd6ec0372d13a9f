import { browserSession, describeBrowser, DESKTOP, PHONE } from '../utils/browser';
import { type TestApp } from '../utils/test-app';

/**
 * Matching: a counsellor opens an order, reads why the first candidate ranks first, and recommends
 * them; asks why someone is missing; a trainee sees the jobs that fit on a phone; an admin sees the
 * weights. Photographed on a phone and a desktop.
 */
describeBrowser('matching: explained ranking, recommendation, why not, fitting jobs', () => {
  const suite = browserSession();
  const { problems, open, signIn, shoot } = suite;
  let t: TestApp;
  let base: string;
  let orderId: string;

  beforeAll(async () => {
    ({ t, base } = suite);
    orderId = (
      await t.sql<{ id: string }>(
        `SELECT o.id FROM job_order o JOIN organisation e ON e.id = o.employer_id WHERE e.name = '海口椰风酒店管理有限公司' AND o.state = 'open' ORDER BY o.title DESC LIMIT 1`,
      )
    )[0]!.id;
  });

  it('a counsellor opens an order, reads why the first candidate ranks first, and recommends them', async () => {
    const { context, page } = await open(DESKTOP, 'counsellor');
    await signIn(page, 'counsellor', 'counsellor');
    await page.goto(`${base}/orders/${orderId}`);
    await page.getByText('智能匹配').first().click();
    await page.getByTestId('order-matching-page').waitFor();
    const first = page.getByTestId('match-candidate').first();
    await first.waitFor();
    expect(await first.getByTestId('match-part').count()).toBe(8);
    const text = (await first.textContent()) ?? '';
    expect(text).toMatch(/证书|课程/);
    expect(await page.getByTestId('weights-version').textContent()).toContain('v1');
    await shoot(page, 'matching-order-desktop');
    const name = (await first.locator('.who strong').textContent())!;
    // What the employer will read: reasons from the fixed list. The note is the counsellor's own.
    await first.getByTestId('match-reasons').click();
    await page.locator('nz-option-item', { hasText: '可按时到岗' }).first().click();
    await page.keyboard.press('Escape');
    await first.getByPlaceholder('内部备注（用人单位看不到）').fill('学习认真，刀工扎实');
    await first.getByTestId('match-recommend').click();
    await page.getByTestId('match-candidate').filter({ hasText: name }).locator('nz-tag').first().waitFor();
    const [row] = await t.sql(
      `SELECT p.state, p.reasons, p.note FROM placement p JOIN trainee t ON t.id = p.trainee_id WHERE p.order_id = $1 AND t.full_name = $2`,
      [orderId, name],
    );
    expect(row).toEqual({ state: 'recommended', reasons: ['can_start_on_time'], note: '学习认真，刀工扎实' });

    // Why not: a trainee without job-matching consent.
    const [missing] = await t.sql<{ full_name: string }>(
      `SELECT full_name FROM trainee WHERE organisation_id = (SELECT organisation_id FROM app_user WHERE username = 'counsellor')
         AND NOT job_matching_consent AND state <> 'closed' ORDER BY full_name LIMIT 1`,
    );
    await page.getByTestId('why-not-picker').click();
    await page.keyboard.type(missing!.full_name);
    await page.locator('nz-option-item', { hasText: missing!.full_name }).first().click();
    await page.getByTestId('why-not-check').click();
    await page.getByTestId('why-not-result').filter({ hasText: '没有同意参加岗位匹配' }).waitFor();
    await shoot(page, 'matching-why-not-desktop');
    await context.close();

    const phone = await open(PHONE, 'counsellor-phone');
    await signIn(phone.page, 'counsellor', 'counsellor');
    await phone.page.goto(`${base}/matching/orders/${orderId}`);
    await phone.page.getByTestId('match-candidate').first().waitFor();
    await shoot(phone.page, 'matching-order-phone');
    await phone.context.close();
  });

  it('a trainee sees the open orders that fit, with what is missing, on a phone', async () => {
    const { context, page } = await open(PHONE, 'trainee');
    await signIn(page, 'trainee', 'trainee');
    await page.goto(`${base}/me/jobs`);
    await page.getByTestId('my-matches-link').click();
    await page.getByTestId('my-match').first().waitFor();
    await shoot(page, 'matching-my-matches-phone');
    await context.close();
  });

  it('an admin reads and versions the weights', async () => {
    const { context, page } = await open(DESKTOP, 'admin');
    await signIn(page, 'admin', 'admin');
    await page.goto(`${base}/matching/weights`);
    await page.getByTestId('weight-certificate').waitFor();
    await page.getByTestId('weight-certificate').fill('25');
    await page.getByTestId('weight-training').fill('15');
    await page.getByTestId('weights-save').click();
    await page.getByText('权重版本 v2').first().waitFor();
    await shoot(page, 'matching-weights-desktop');
    await context.close();
  });

  it('the pages raised no console errors', () => {
    expect(problems).toEqual([]);
  });
});
