import { browserSession, describeBrowser, DESKTOP, PHONE } from '../utils/browser';
import type { TestApp } from '../utils/test-app';

/**
 * The employer's loop (issue 12): the employer home says how many candidates are new, today's
 * interviews and offers awaiting an answer; the order shows which candidate is new; opening it makes it
 * seen; the primary button is the next step (安排面试). On a phone and a desktop, in Chinese and English.
 */
describeBrowser('employer loop: a new candidate is announced, opened, and invited to an interview', () => {
  const suite = browserSession();
  const { problems, open, signIn, shoot } = suite;
  let t: TestApp;
  let base: string;
  let orderId = '';
  const TITLE = '客房服务员（白班）';
  /** Accepted candidates, one per run below; and one still waiting for the trainee. */
  const codes: string[] = [];

  /**
   * The tallest a closed candidate card may be on a phone (issue 12: compact cards): two and a half
   * cards on one screen of a 390×844 phone. They measure 250–290 px (name, code, skills, reason, the
   * interview line, the next step).
   */
  const COMPACT_CARD_PX = 320;
  const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    ({ t, base } = suite);
    const employer = (await t.login('employer')).token;
    const c = await t.login('counsellor');
    const order = await t
      .http()
      .post('/api/orders')
      .auth(employer, { type: 'bearer' })
      .send({ title: TITLE, occupationCode: '4-03-02-01', headcount: 5, divisionCode: '460100', startDate: iso(60), deadline: iso(30) })
      .expect(201);
    orderId = order.body.id;
    await t.http().post(`/api/orders/${orderId}/open`).auth(employer, { type: 'bearer' }).expect(200);
    const people = await t.sql<{ id: string }>(
      `SELECT t.id FROM trainee t WHERE t.organisation_id = $1 AND t.job_matching_consent AND t.state IN ('admitted', 'pre_release')
         AND NOT EXISTS (SELECT 1 FROM placement p WHERE p.trainee_id = t.id) ORDER BY t.full_name LIMIT 5`,
      [c.organisationId],
    );
    expect(people).toHaveLength(5);
    for (const [i, { id }] of people.entries()) {
      const p = await t
        .http()
        .post('/api/placements')
        .auth(c.token, { type: 'bearer' })
        .send({ orderId, traineeId: id, reasons: ['related_course'] })
        .expect(201);
      if (i === 4) continue; // the last one waits for the trainee
      await t
        .http()
        .post(`/api/placements/${p.body.id}/accept`)
        .auth(c.token, { type: 'bearer' })
        .send({ textVersion: 1, paperFormRef: `EL-${i}` })
        .expect(200);
      codes.push(p.body.candidateCode);
    }
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  const runs = [
    { name: 'desktop-zh', viewport: DESKTOP, lang: 'zh', newLabel: '新候选人', interview: '安排面试' },
    { name: 'phone-zh', viewport: PHONE, lang: 'zh', newLabel: '新候选人', interview: '安排面试' },
    { name: 'desktop-en', viewport: DESKTOP, lang: 'en', newLabel: 'New candidates', interview: 'Arrange interview' },
    { name: 'phone-en', viewport: PHONE, lang: 'en', newLabel: 'New candidates', interview: 'Arrange interview' },
  ] as const;

  for (const [i, run] of runs.entries()) {
    it(`${run.name}: sees the new candidates, opens one and books an interview`, async () => {
      const { context, page } = await open(run.viewport, 'employer');
      await signIn(page, 'employer', 'employer');
      if (run.lang === 'en') {
        await page.evaluate("localStorage.setItem('jbh.lang', 'en')");
        await page.goto(`${base}/`);
        await page.getByTestId('home-employer').waitFor();
      }
      // The home: new candidates (this order's, and the demo's), and the order's own badge.
      const pipe = page.getByTestId('employer-pipeline');
      await pipe.waitFor();
      expect(await page.getByTestId('pipeline-new').textContent()).toContain(run.newLabel);
      const newCount = Number((await page.getByTestId('pipeline-new').locator('.type-count').textContent())?.trim());
      expect(newCount).toBeGreaterThanOrEqual(5 - i);
      const badge = page.getByTestId('order-new-badge').filter({ hasText: String(5 - i) });
      await badge.first().waitFor();
      await shoot(page, `employer-loop/home-${run.name}`);

      await badge.first().click();
      await page.getByTestId('candidates').waitFor();
      const card = page.locator(`[data-testid=candidate-card][data-code="${codes[i]}"]`);
      await card.waitFor();
      expect(await card.getAttribute('data-new')).toBe('true');
      await card.getByTestId('candidate-new').waitFor();
      // The primary act of an accepted candidate is the interview; no red button.
      expect((await card.locator('.step-actions .ant-btn-primary').textContent())?.trim()).toBe(run.interview);
      expect(await card.locator('.ant-btn-dangerous').count()).toBe(0);
      // A candidate still waiting for the trainee reads so, neutrally.
      const waiting = page.locator('[data-testid=candidate-card][data-state=recommended]');
      await waiting.getByTestId('candidate-awaiting').waitFor();
      expect(await waiting.locator('.step-actions .ant-btn-primary').count()).toBe(0);
      await shoot(page, `employer-loop/order-${run.name}`);

      // Opening it: the details unfold, and it is new no more.
      await card.getByTestId('candidate-open').click();
      await card.getByTestId('candidate-skills').waitFor();
      await page.locator(`[data-testid=candidate-card][data-code="${codes[i]}"][data-new=false]`).waitFor();
      expect(await card.getByTestId('candidate-new').count()).toBe(0);
      await shoot(page, `employer-loop/opened-${run.name}`);

      await card.getByTestId('step-interview').click();
      await card.getByTestId('interview-at').fill(`${iso(2)}T10:00`);
      await card.getByTestId('interview-place').fill('酒店人力资源部');
      await card.getByTestId('step-submit').click();
      await card.getByTestId('candidate-interview').waitFor();
      // Next: the offer is the primary act.
      await card.locator('[data-testid=step-offer].ant-btn-primary').waitFor();
      await shoot(page, `employer-loop/interview-${run.name}`);
      await context.close();
    });
  }

  it('the home counts one less new candidate per opened one; the server agrees', async () => {
    const employer = (await t.login('employer')).token;
    const p = await t.http().get('/api/employer-pipeline').auth(employer, { type: 'bearer' }).expect(200);
    const row = (p.body.orders as { orderId: string; newCandidates: number }[]).find((o) => o.orderId === orderId);
    expect(row?.newCandidates).toBe(1);
  });

  it('the interview and offer tiles count what the server counts; a closed card is compact (phone, Chinese)', async () => {
    const employer = (await t.login('employer')).token;
    const c = await t.login('counsellor');
    // One more accepted candidate, invited for today (any time today is "today" in China), and the
    // first run's candidate offered the job.
    const [person] = await t.sql<{ id: string }>(
      `SELECT t.id FROM trainee t WHERE t.organisation_id = $1 AND t.job_matching_consent AND t.state IN ('admitted', 'pre_release')
         AND NOT EXISTS (SELECT 1 FROM placement p WHERE p.trainee_id = t.id) ORDER BY t.full_name LIMIT 1`,
      [c.organisationId],
    );
    const today = await t
      .http()
      .post('/api/placements')
      .auth(c.token, { type: 'bearer' })
      .send({ orderId, traineeId: person!.id, reasons: ['related_course'] })
      .expect(201);
    await t
      .http()
      .post(`/api/placements/${today.body.id}/accept`)
      .auth(c.token, { type: 'bearer' })
      .send({ textVersion: 1, paperFormRef: 'EL-T' })
      .expect(200);
    await t
      .http()
      .post(`/api/orders/${orderId}/candidates/${today.body.id}/interview`)
      .auth(employer, { type: 'bearer' })
      .send({ interviewAt: new Date().toISOString(), interviewPlace: '酒店人力资源部' })
      .expect(200);
    const [first] = await t.sql<{ id: string }>(`SELECT id FROM placement WHERE candidate_code = $1`, [codes[0]]);
    await t
      .http()
      .post(`/api/orders/${orderId}/candidates/${first!.id}/offer`)
      .auth(employer, { type: 'bearer' })
      .send({ offeredWage: 4200 })
      .expect(200);
    const server = (await t.http().get('/api/employer-pipeline').auth(employer, { type: 'bearer' }).expect(200)).body as {
      interviewsToday: number;
      offersWaiting: number;
    };
    expect(server.interviewsToday).toBeGreaterThanOrEqual(1);
    expect(server.offersWaiting).toBeGreaterThanOrEqual(1);

    const { context, page } = await open(PHONE, 'employer');
    await signIn(page, 'employer', 'employer');
    await page.getByTestId('employer-pipeline').waitFor();
    const tile = async (id: string) => Number((await page.getByTestId(id).locator('.type-count').textContent())?.trim());
    expect(await tile('pipeline-interviews')).toBe(server.interviewsToday);
    expect(await tile('pipeline-offers')).toBe(server.offersWaiting);
    await shoot(page, 'employer-loop/tiles-phone-zh');

    // On the order, a closed card is a compact row a thumb can scroll past: code, state, next step.
    await page.goto(`${base}/orders/${orderId}`);
    await page.getByTestId('candidates').waitFor();
    const heights = await page
      .locator('[data-testid=candidate-card]')
      .evaluateAll((cards) => cards.map((c) => c.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...heights)).toBeLessThanOrEqual(COMPACT_CARD_PX);
    await shoot(page, 'employer-loop/cards-phone-zh');
    await context.close();
  });
});
