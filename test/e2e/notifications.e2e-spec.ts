import { DataSource } from 'typeorm';
import { NOTIFICATION_TRANSPORTS, type Delivery, type NotificationTransport } from '../../server/src/notifications/notification-transport';
import { NotificationsService } from '../../server/src/notifications/notifications.service';
import {
  TRAINEE_DEFAULT_NOTICE,
  TRAINEE_NOTICES,
  TRANSPORT_TEXT,
  revealingWordsIn,
} from '../../server/src/notifications/trainee-notice-text';
import { newNotification } from '../factories';
import { createTestApp, type TestApp } from '../utils/test-app';

describe('notifications: preferences per group, one notice per event', () => {
  let t: TestApp;
  let trainee: string;
  let userId: string;
  /** What left the app (an SMS, a WeChat message, a lock screen). */
  const sent: Delivery[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const l = await t.login('trainee');
    trainee = l.token;
    userId = l.userId;
    t.app.get<NotificationTransport[]>(NOTIFICATION_TRANSPORTS, { strict: false }).push({
      name: 'memory',
      deliver: (d) => Promise.resolve(void sent.push(d)),
    });
  });
  afterAll(() => t.close());

  it('lists the groups, all on by default; bad input is a 400; 401 without a token', async () => {
    await t.http().get('/api/notifications/preferences').expect(401);
    const res = await t.http().get('/api/notifications/preferences').auth(trainee, { type: 'bearer' }).expect(200);
    expect(res.body.groups.map((g: { group: string }) => g.group)).toEqual(['learning', 'jobs', 'fairs', 'reminders']);
    expect(res.body.groups.every((g: { enabled: boolean }) => g.enabled)).toBe(true);
    await t
      .http()
      .put('/api/notifications/preferences')
      .auth(trainee, { type: 'bearer' })
      .send({ mutedGroups: ['spam'] })
      .expect(400);
  });

  it('a muted group makes no notice; the same event twice makes one', async () => {
    const { DataSource } = await import('typeorm');
    const ds = t.app.get(DataSource);
    const service = t.app.get(NotificationsService);
    const notify = (kind: string, key: string) =>
      ds.transaction((m) => service.notify({ userId, kind, titleZh: '测试', titleEn: 'test', dedupeKey: key }, m));
    await notify('placement.recommended', 'pref-1');
    await notify('placement.recommended', 'pref-1');
    const off = await t
      .http()
      .put('/api/notifications/preferences')
      .auth(trainee, { type: 'bearer' })
      .send({ mutedGroups: ['jobs'] })
      .expect(200);
    expect(off.body.groups.find((g: { group: string }) => g.group === 'jobs').enabled).toBe(false);
    await notify('placement.offer', 'pref-2');
    await notify('fair.registered', 'pref-3');
    const keys = (
      await t.sql<{ dedupe_key: string }>(
        `SELECT dedupe_key FROM notification WHERE user_id = $1 AND dedupe_key LIKE 'pref-%' ORDER BY dedupe_key`,
        [userId],
      )
    ).map((r) => r.dedupe_key);
    expect(keys).toEqual(['pref-1', 'pref-3']);
    const inbox = await t.http().get('/api/notifications').auth(trainee, { type: 'bearer' }).expect(200);
    expect(inbox.body.unread).toBeGreaterThanOrEqual(2);
  });

  describe('a trainee is told in fixed, neutral words; what leaves the app says only that there is a message', () => {
    const organisationNames = () =>
      t
        .sql<{ name: string }>(`SELECT name FROM organisation WHERE type IN ('bureau', 'facility', 'community_station')`)
        .then((rows) => rows.map((r) => r.name));
    const inbox = async () =>
      (await t.http().get('/api/notifications').auth(trainee, { type: 'bearer' }).expect(200)).body as {
        items: { kind: string; title: string; titleEn: string }[];
      };

    beforeAll(async () => {
      await t.http().put('/api/notifications/preferences').auth(trainee, { type: 'bearer' }).send({ mutedGroups: [] }).expect(200);
    });

    it('whatever a caller writes for a trainee, the inbox holds the kind’s text; the transport gets one neutral line', async () => {
      const ds = t.app.get(DataSource);
      const service = t.app.get(NotificationsService);
      const kinds = Object.keys(TRAINEE_NOTICES);
      sent.length = 0;
      for (const kind of kinds)
        await ds.transaction((m) =>
          service.notify(
            {
              userId,
              kind,
              titleZh: `海南省第一强制隔离戒毒所：出所回访（${kind}）`,
              titleEn: `Drug rehabilitation facility: follow-up after release (${kind})`,
              link: '/me/jobs',
              dedupeKey: `neutral:${kind}`,
            },
            m,
          ),
        );
      const stored = await t.sql<{ kind: string; title_zh: string; title_en: string }>(
        `SELECT kind, title_zh, title_en FROM notification WHERE user_id = $1 AND dedupe_key LIKE 'neutral:%'`,
        [userId],
      );
      expect(stored).toHaveLength(kinds.length);
      for (const n of stored) expect(n).toMatchObject({ title_zh: TRAINEE_NOTICES[n.kind]!.zh, title_en: TRAINEE_NOTICES[n.kind]!.en });
      expect(sent).toHaveLength(kinds.length);
      for (const d of sent) expect(d).toMatchObject({ userId, titleZh: TRANSPORT_TEXT.zh, titleEn: TRANSPORT_TEXT.en });
    });

    it('a real event: the counsellor’s recommendation reaches the trainee neutral, the employer’s notice keeps its detail', async () => {
      const counsellor = (await t.login('counsellor')).token;
      const [me] = await t.sql<{ id: string }>(`SELECT id FROM trainee WHERE user_id = $1`, [userId]);
      const [order] = await t.sql<{ id: string; title: string }>(
        `SELECT o.id, o.title FROM job_order o WHERE o.state = 'open'
            AND NOT EXISTS (SELECT 1 FROM placement p WHERE p.order_id = o.id AND p.trainee_id = $1)
          ORDER BY o.created_at LIMIT 1`,
        [me!.id],
      );
      sent.length = 0;
      const created = await t
        .http()
        .post('/api/placements')
        .auth(counsellor, { type: 'bearer' })
        .send({ orderId: order!.id, traineeId: me!.id })
        .expect(201);
      const told = (await inbox()).items.find((i) => i.kind === 'placement.recommended')!;
      expect(told).toMatchObject({
        title: TRAINEE_NOTICES['placement.recommended']!.zh,
        titleEn: TRAINEE_NOTICES['placement.recommended']!.en,
      });
      expect(`${told.title} ${told.titleEn}`).not.toContain(order!.title);

      // The trainee accepts: the employer's inbox names the candidate code and the order, as before.
      await t
        .http()
        .post(`/api/placements/${created.body.id}/accept`)
        .auth(trainee, { type: 'bearer' })
        .send({ textVersion: 1 })
        .expect(200);
      const [employerNotice] = await t.sql<{ title_zh: string; user_id: string }>(
        `SELECT title_zh, user_id FROM notification WHERE kind = 'placement.accepted' AND dedupe_key = $1`,
        [`placement.accepted:${created.body.id}`],
      );
      expect(employerNotice!.title_zh).toContain(order!.title);
      // Neither side's lock screen says more than that there is a message.
      expect(sent.map((d) => d.userId)).toEqual(expect.arrayContaining([userId, employerNotice!.user_id]));
      for (const d of sent) expect([d.titleZh, d.titleEn]).toEqual([TRANSPORT_TEXT.zh, TRANSPORT_TEXT.en]);
    });

    it('a notice recorded before the texts were fixed reads neutral too; nothing in the inbox names an organisation or the programme', async () => {
      await newNotification(t, {
        userId,
        kind: 'fair.reminder',
        titleZh: '明天：招聘会在海南省第一强制隔离戒毒所举行',
        titleEn: 'Tomorrow: the fair at the rehab facility',
        link: '/fairs',
        dedupeKey: 'legacy:1',
      });
      await newNotification(t, {
        userId,
        kind: 'something.unknown',
        titleZh: '社区康复指导站：回访提醒',
        titleEn: 'Station: follow-up',
        dedupeKey: 'legacy:2',
      });
      const items = (await inbox()).items;
      expect(items.find((i) => i.kind === 'fair.reminder')).toMatchObject({ title: TRAINEE_NOTICES['fair.reminder']!.zh });
      expect(items.find((i) => i.kind === 'something.unknown')).toMatchObject({
        title: TRAINEE_DEFAULT_NOTICE.zh,
        titleEn: TRAINEE_DEFAULT_NOTICE.en,
      });
      const text = items.map((i) => `${i.title}\n${i.titleEn}`).join('\n');
      expect(revealingWordsIn(text)).toEqual([]);
      for (const name of await organisationNames()) expect(text).not.toContain(name);
    });
  });
});
