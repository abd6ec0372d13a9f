import type { BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { NOTIFICATION_TRANSPORTS, type Delivery, type NotificationTransport } from '../../server/src/notifications/notification-transport';
import { NotificationsService } from '../../server/src/notifications/notifications.service';
import { browserSession, describeBrowser } from '../utils/browser';
import { type TestApp } from '../utils/test-app';

/** The phone and the desktop the portal is photographed on. */
const PHONE_390 = { width: 390, height: 844 };
const DESKTOP_1366 = { width: 1366, height: 768 };

/**
 * What must not be on a screen a released trainee shows an employer or their family: the words of
 * the programme (one character, 所, included: 出所, 戒毒所, 所在单位 all carry it).
 */
const WORDS = [
  '戒毒',
  '强制隔离',
  '戒治',
  '所',
  '康复',
  '社区康复',
  '出所',
  '回访',
  '禁毒',
  'rehab',
  'drug',
  'release',
  'facility',
  'detention',
];

/** The product's own name is the programme's name too: the frame (tab title, brand) must not carry it either. */
const PRODUCT_NAMES = ['金不换', 'Jinbuhuan'];

/** The portal's own screens (home, jobs, "mine", the messages); the others are the learning, matching and fairs pages. */
const PORTAL_SCREENS = new Set(['home', 'jobs', 'mine', 'messages', 'message-settings']);

interface Finding {
  readonly where: string;
  readonly found: readonly string[];
  readonly context: readonly string[];
}

/** Each hit with a few characters either side, so a failure says where on the page it is. */
function hits(text: string, needles: readonly string[]): { found: string[]; context: string[] } {
  const lower = text.toLowerCase();
  const found: string[] = [];
  const context: string[] = [];
  for (const n of needles) {
    const at = lower.indexOf(n.toLowerCase());
    if (at < 0) continue;
    found.push(n);
    context.push(text.slice(Math.max(0, at - 15), at + n.length + 15).replace(/\s+/g, ' '));
  }
  return { found, context };
}

/**
 * After release, the screens a trainee may show others — home, jobs, matches, fairs and their slots,
 * certificates, the diploma, messages and their settings, the "mine" door — name no organisation of
 * the programme and carry none of its words, in the page or the tab title, in Chinese or English, on
 * a phone or a desktop. The private record (plan, checklist, consents, data) is one tap further in.
 * The messages themselves, in the inbox and beyond it (what a lock screen would show), are neutral.
 * Photographed: test-results/screenshots/discreet-*.png.
 */
describeBrowser('discreet portal: after release, nothing a trainee may show others tells where they were', () => {
  const suite = browserSession();
  const { problems, open, signIn, shoot } = suite;
  let t: TestApp;
  let today: string;
  let traineeId: string;
  let traineeUserId: string;
  /** Every organisation of the programme: the bureau, the facilities and the stations. */
  let organisationNames: string[];
  const sent: Delivery[] = [];

  beforeAll(async () => {
    ({ t } = suite);
    organisationNames = (
      await t.sql<{ name: string }>(`SELECT name FROM organisation WHERE type IN ('bureau', 'facility', 'community_station')`)
    ).map((r) => r.name);
    const [me] = await t.sql<{ id: string; user_id: string }>(
      `SELECT t.id, t.user_id FROM trainee t JOIN app_user u ON u.id = t.user_id WHERE u.username = 'trainee'`,
    );
    traineeId = me!.id;
    traineeUserId = me!.user_id;
    today = (await t.sql<{ today: string }>(`SELECT to_char(current_date, 'YYYY-MM-DD') AS today`))[0]!.today;
    // What would leave the app (SMS, WeChat, a lock screen) is recorded here.
    const transports = t.app.get<NotificationTransport[]>(NOTIFICATION_TRANSPORTS, { strict: false });
    transports.push({ name: 'memory', deliver: (d) => Promise.resolve(void sent.push(d)) });
  });

  async function api<T>(username: string, method: 'get' | 'post' | 'put', url: string, body?: object): Promise<T> {
    const { token } = await t.login(username);
    const req = t.http()[method](url).set('Authorization', `Bearer ${token}`);
    const res = body ? await req.send(body) : await req;
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  /** In-app navigation (the router follows popstate), without reloading the app. */
  async function go(page: Page, path: string): Promise<void> {
    await page.evaluate(`history.pushState(null, '', ${JSON.stringify(path)}); dispatchEvent(new PopStateEvent('popstate'));`);
  }

  /** Waits for the page's marker and for every spinner to stop. */
  async function settle(page: Page, testId: string): Promise<void> {
    await page.getByTestId(testId).first().waitFor({ timeout: 20_000 });
    // (Polled from here: the app's CSP forbids the string evaluation waitForFunction would need.)
    const spinners = page.locator('.ant-spin-spinning');
    for (let waited = 0; (await spinners.count()) > 0; waited += 100) {
      if (waited > 20_000) throw new Error(`${testId}: still loading after 20 s`);
      await page.waitForTimeout(100);
    }
    await page.waitForTimeout(250);
  }

  /** What a bystander reads: the page and the tab title. */
  const readScreen = (page: Page) => page.evaluate<string>(`document.title + '\\n' + document.body.innerText`);

  async function signInAs(viewport: typeof PHONE_390, lang: 'zh' | 'en', who: string): Promise<{ context: BrowserContext; page: Page }> {
    const session = await open(viewport, who);
    if (lang === 'en') await session.context.addInitScript(`localStorage.setItem('jbh.lang', 'en')`);
    await signIn(session.page, 'trainee', 'trainee');
    return session;
  }

  it('before release: the home screen counts down to release but names no facility; the name is one tap in', async () => {
    const me = await api<Record<string, unknown>>('trainee', 'get', '/api/trainees/me');
    expect(me).toMatchObject({ fullName: '李明', state: 'pre_release', stage: 'inside' });
    expect(me).not.toHaveProperty('organisationName');
    for (const name of organisationNames) expect(JSON.stringify(me)).not.toContain(name);

    const { context, page } = await signInAs(PHONE_390, 'zh', 'trainee before release');
    await settle(page, 'home-status');
    const home = await readScreen(page);
    expect(home).toContain('李明');
    expect(await page.getByTestId('days-to-release').isVisible()).toBe(true);
    expect(hits(home, organisationNames).found).toEqual([]);
    await shoot(page, 'discreet-before-home-zh-phone');

    // 我的档案: the checklist, consents and data, one tap in.
    await page.getByTestId('home-record-link').click();
    await settle(page, 'me-record');
    await shoot(page, 'discreet-before-mine-zh-phone');
    await context.close();
  });

  it('the trainee is released through the handover, and the events of a few weeks reach them', async () => {
    // The handover (必接必送): the facility sends, the home station receives and completes.
    const station = await api<{ organisationId: string }>('counsellor', 'get', `/api/handovers/suggested-station/${traineeId}`);
    const [stationUser] = await t.sql<{ username: string }>(
      `SELECT username FROM app_user WHERE organisation_id = $1 AND role = 'counsellor' ORDER BY username LIMIT 1`,
      [station.organisationId],
    );
    const handover = await api<{ id: string }>('counsellor', 'post', '/api/handovers', { traineeId, releaseDate: today });
    await api('counsellor', 'post', `/api/handovers/${handover.id}/send`);
    await api(stationUser!.username, 'post', `/api/handovers/${handover.id}/accept`);
    await api(stationUser!.username, 'post', `/api/handovers/${handover.id}/complete`, {
      escortName: '陈指导员',
      receivingOfficer: '符社工',
      documents: ['解除强制隔离戒毒证明书', '诊断评估结果'],
      handoverPlace: '社区康复指导站',
      handedOverOn: today,
    });
    const me = await api<Record<string, unknown>>('trainee', 'get', '/api/trainees/me');
    expect(me).toMatchObject({ state: 'released', stage: 'outside', daysToRelease: null });
    expect(me).not.toHaveProperty('organisationName');
    for (const name of organisationNames) expect(JSON.stringify(me)).not.toContain(name);

    // A job: the station recommends the trainee for an open order.
    const [order] = await t.sql<{ id: string }>(
      `SELECT o.id FROM job_order o WHERE o.state = 'open'
          AND NOT EXISTS (SELECT 1 FROM placement p WHERE p.order_id = o.id AND p.trainee_id = $1)
        ORDER BY o.created_at LIMIT 1`,
      [traineeId],
    );
    await api(stationUser!.username, 'post', '/api/placements', { orderId: order!.id, traineeId });

    // A fair slot: the employer at the demo fair invites the trainee to an interview.
    const [slot] = await t.sql<{ slot_id: string; registration_id: string; fair_id: string }>(
      `SELECT s.id AS slot_id, r.id AS registration_id, b.fair_id FROM fair_slot s JOIN fair_booth b ON b.id = s.booth_id
         JOIN fair_registration r ON r.fair_id = b.fair_id AND r.trainee_id = $1
         JOIN app_user u ON u.organisation_id = b.employer_id AND u.username = 'employer'
        WHERE s.state = 'open' ORDER BY s.starts_at LIMIT 1`,
      [traineeId],
    );
    await api('employer', 'post', `/api/fair-slots/${slot!.slot_id}/invitation`, { registrationId: slot!.registration_id });

    // A certificate, and the diploma: the head teacher records the missing grades and graduates the trainee.
    await t.sql(
      `INSERT INTO certificate (trainee_id, occupation_code, level, number, issuer, issued_on)
       VALUES ($1, '4-03-02-01', 5, 'JBH-C-DISCREET-1', '海南匠心职业技能培训学校', current_date - 3)`,
      [traineeId],
    );
    const [enrolment] = await t.sql<{ id: string; class_id: string; programme_id: string }>(
      `SELECT e.id, e.class_id, c.programme_id FROM class_enrolment e JOIN diploma_class c ON c.id = e.class_id
        WHERE e.trainee_id = $1 AND e.state = 'active'`,
      [traineeId],
    );
    const missing = await t.sql<{ id: string }>(
      `SELECT u.id FROM programme_unit u WHERE u.programme_id = $1
          AND NOT EXISTS (SELECT 1 FROM unit_grade g WHERE g.unit_id = u.id AND g.trainee_id = $2)`,
      [enrolment!.programme_id, traineeId],
    );
    for (const unit of missing)
      await api('instructor', 'put', `/api/classes/${enrolment!.class_id}/grades`, { traineeId, unitId: unit.id, score: 85 });
    await api('instructor', 'post', `/api/class-enrolments/${enrolment!.id}/graduation`, {});

    // A caller that writes what it should not: the trainee still reads only the neutral text.
    const ds = t.app.get(DataSource);
    await ds.transaction((m) =>
      t.app.get(NotificationsService).notify(
        {
          userId: traineeUserId,
          kind: 'placement.offer',
          titleZh: '海南省第一强制隔离戒毒所：出所后回访，社区康复指导站录用意向',
          titleEn: 'Compulsory drug rehabilitation facility: follow-up after release',
          link: '/me/jobs',
          dedupeKey: 'discreet:revealing-caller',
        },
        m,
      ),
    );
    // And a notice recorded before the texts were fixed reads neutral too.
    await t.sql(
      `INSERT INTO notification (user_id, kind, title_zh, title_en, link, dedupe_key)
       VALUES ($1, 'fair.reminder', '明天：招聘会在海南省第一强制隔离戒毒所举行', 'Tomorrow: the fair at the rehab facility', '/fairs', 'discreet:legacy')`,
      [traineeUserId],
    );
  });

  it('the trainee’s messages, in the inbox and beyond it, carry no organisation and none of the words', async () => {
    const inbox = await api<{ items: { kind: string; title: string; titleEn: string }[] }>('trainee', 'get', '/api/notifications');
    const kinds = inbox.items.map((i) => i.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'placement.recommended',
        'fair.interview_invitation',
        'enrolment.decided',
        'placement.offer',
        'fair.reminder',
      ]),
    );
    const findings: Finding[] = [];
    for (const n of inbox.items) {
      const h = hits(`${n.title}\n${n.titleEn}`, [...WORDS, ...organisationNames]);
      if (h.found.length) findings.push({ where: `inbox ${n.kind}`, ...h });
    }
    // What left the app: one neutral line per notice, for the trainee and everyone else.
    const mine = sent.filter((d) => d.userId === traineeUserId);
    expect(mine.length).toBeGreaterThanOrEqual(4);
    for (const d of sent) {
      const h = hits(`${d.titleZh}\n${d.titleEn}`, [...WORDS, ...organisationNames]);
      if (h.found.length) findings.push({ where: `transport ${d.kind}`, ...h });
    }
    expect(new Set(sent.map((d) => d.titleZh))).toEqual(new Set(['您有一条新消息，请打开应用查看']));
    expect(findings).toEqual([]);
  });

  for (const [viewport, size] of [
    ['phone', PHONE_390],
    ['desktop', DESKTOP_1366],
  ] as const) {
    for (const lang of ['zh', 'en'] as const) {
      describe(`after release, on a ${viewport} in ${lang === 'zh' ? 'Chinese' : 'English'}`, () => {
        /** What each screen showed: the words and organisation names found, and the product's name. */
        const words: Finding[] = [];
        const frame: Finding[] = [];

        beforeAll(async () => {
          const [diploma] = await api<{ id: string }[]>('trainee', 'get', '/api/trainees/me/diplomas');
          const [fair] = await t.sql<{ fair_id: string }>(`SELECT fair_id FROM fair_registration WHERE trainee_id = $1 LIMIT 1`, [
            traineeId,
          ]);
          const screens: [name: string, path: string, ready: string][] = [
            ['home', '/', 'home-status'],
            ['jobs', '/me/jobs', 'job-card'],
            ['matches', '/matching/me', 'my-matches'],
            ['fairs', '/fairs', 'fair-card'],
            ['fair-slots', `/fairs/${fair!.fair_id}`, 'my-slot'],
            ['learning', '/learning', 'certificate-item'],
            ['diploma', `/learning/diplomas/${diploma!.id}`, 'diploma-sheet'],
            ['message-settings', '/notifications/preferences', 'notification-preferences'],
            ['mine', '/me', 'me-hub'],
          ];
          const { context, page } = await signInAs(size, lang, `trainee ${lang} ${viewport}`);
          const check = async (where: string) => {
            const text = await readScreen(page);
            const h = hits(text, [...WORDS, ...organisationNames]);
            if (h.found.length) words.push({ where, ...h });
            const p = hits(text, PRODUCT_NAMES);
            if (p.found.length) frame.push({ where, ...p });
          };
          for (const [name, path, ready] of screens) {
            await go(page, path);
            await settle(page, ready);
            await check(name);
            await shoot(page, `discreet-${name}-${lang}-${viewport}`);
          }
          // The inbox, opened from the bell on the home screen.
          await go(page, '/');
          await settle(page, 'home-status');
          await page.getByTestId('notification-bell').click();
          await page.getByTestId('notification-inbox').locator('.inbox-item').first().waitFor();
          await check('messages');
          await shoot(page, `discreet-messages-${lang}-${viewport}`);
          await context.close();
        });

        it('the portal’s screens — home, jobs, "mine", the messages and their settings — name no organisation and carry none of the words', () => {
          expect(words.filter((f) => PORTAL_SCREENS.has(f.where))).toEqual([]);
        });

        it('nor do matches, fairs and their interview slots, certificates and the diploma', () => {
          expect(words.filter((f) => !PORTAL_SCREENS.has(f.where))).toEqual([]);
        });

        it('the tab title and the brand do not carry the product’s name (the programme’s name too)', () => {
          expect(frame).toEqual([]);
        });
      });
    }
  }

  it('the private record is one tap in, under 我的档案, and still says plainly what it must', async () => {
    const { context, page } = await signInAs(PHONE_390, 'zh', 'trainee record');
    await settle(page, 'home-status');
    await page.getByTestId('home-record-link').click();
    await settle(page, 'me-record');
    for (const tile of ['me-checklist', 'me-consents', 'me-data'])
      expect(await page.getByTestId('me-record').getByTestId(tile).isVisible()).toBe(true);
    await page.getByTestId('me-consents').click();
    await settle(page, 'consent-card');
    // Behind the door the privacy box names what is kept from employers.
    expect(await page.getByTestId('privacy-box').textContent()).toContain('你的戒毒经历');
    await shoot(page, 'discreet-record-consents-zh-phone');
    await page.getByTestId('portal-back').click();
    await page.getByTestId('me-data').click();
    await settle(page, 'my-data');
    await context.close();
  });

  it('raised no console errors', () => {
    expect(problems).toEqual([]);
  });
});
