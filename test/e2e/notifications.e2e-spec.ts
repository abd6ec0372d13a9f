import { NotificationsService } from '../../server/src/notifications/notifications.service';
import { createTestApp, type TestApp } from '../utils/test-app';

describe('notifications: preferences per group, one notice per event', () => {
  let t: TestApp;
  let trainee: string;
  let userId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const l = await t.login('trainee');
    trainee = l.token;
    userId = l.userId;
  });
  afterAll(() => t.close());

  it('lists the groups, all on by default; bad input is a 400; 401 without a token', async () => {
    await t.http().get('/api/notifications/preferences').expect(401);
    const res = await t.http().get('/api/notifications/preferences').auth(trainee, { type: 'bearer' }).expect(200);
    expect(res.body.groups.map((g: { group: string }) => g.group)).toEqual(['learning', 'jobs', 'fairs']);
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
});
