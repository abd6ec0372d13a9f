import { AccessService } from '../access/access.service';
import { jest } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { NOTIFICATION_GROUPS } from './notification-kinds';
import type { Delivery, NotificationTransport } from './notification-transport';
import { NotificationsService } from './notifications.service';
import {
  REVEALING_WORDS,
  TRAINEE_DEFAULT_NOTICE,
  TRAINEE_NOTICE_EVENTS,
  TRAINEE_NOTICES,
  TRANSPORT_TEXT,
  revealingWordsIn,
  traineeNotice,
} from './trainee-notice-text';

/** What each caller of `notify` writes today, or would: the trainee must read none of it. */
const REVEALING = {
  titleZh: '海南省第一强制隔离戒毒所：出所回访提醒（社区康复指导站）',
  titleEn: 'Hainan No. 1 compulsory drug rehabilitation facility: follow-up after release',
};

const traineeKinds = (Object.values(NOTIFICATION_GROUPS) as { roles: readonly string[]; kinds: readonly string[] }[])
  .filter((g) => g.roles.includes('trainee'))
  .flatMap((g) => g.kinds);

describe('the texts a trainee is sent', () => {
  it('every kind that can reach a trainee has a fixed text of its own', () => {
    for (const kind of traineeKinds) expect(Object.keys(TRAINEE_NOTICES)).toContain(kind);
  });

  it('none carries the programme’s words, in either language, nor does the transport line or the default', () => {
    const events = Object.values(TRAINEE_NOTICE_EVENTS).flatMap((list) => list.map(([, text]) => text));
    const all = [...Object.values(TRAINEE_NOTICES), ...events, TRAINEE_DEFAULT_NOTICE, TRANSPORT_TEXT];
    for (const text of all) {
      expect(revealingWordsIn(text.zh)).toEqual([]);
      expect(revealingWordsIn(text.en)).toEqual([]);
      expect(text.zh.length).toBeLessThanOrEqual(120);
      expect(text.en.length).toBeLessThanOrEqual(160);
    }
    expect(REVEALING_WORDS).toEqual(
      expect.arrayContaining(['金不换', '戒毒', '所', '康复', '回访', 'rehab', 'drug', 'release', 'facility']),
    );
  });

  it('the word check finds what it should, whatever the case', () => {
    expect(revealingWordsIn(REVEALING.titleZh)).toEqual(expect.arrayContaining(['戒毒', '强制隔离', '所', '出所', '回访', '社区康复']));
    expect(revealingWordsIn('Released from the FACILITY')).toEqual(['release', 'facility']);
    expect(revealingWordsIn('金不换：您有一条新消息')).toEqual(['金不换']);
  });

  it('an unknown kind falls back to the neutral default; an event is told apart only by its dedupe key', () => {
    expect(traineeNotice('something.new')).toBe(TRAINEE_DEFAULT_NOTICE);
    expect(traineeNotice('placement.offer')).toBe(TRAINEE_NOTICES['placement.offer']);
    expect(traineeNotice('constructor')).toBe(TRAINEE_DEFAULT_NOTICE);
    expect(traineeNotice('enrolment.decided', 'diploma:d-1').zh).toContain('恭喜毕业');
    expect(traineeNotice('enrolment.decided', 'class-reject:e-1').zh).toBe('入学申请未通过');
    expect(traineeNotice('enrolment.decided', 'something-else:1')).toBe(TRAINEE_NOTICES['enrolment.decided']);
    expect(traineeNotice('placement.offer', 'diploma:d-1')).toBe(TRAINEE_NOTICES['placement.offer']);
  });
});

describe('NotificationsService.notify', () => {
  const deliveries: Delivery[] = [];
  const transport: NotificationTransport = { name: 'memory', deliver: (d) => Promise.resolve(void deliveries.push(d)) };
  const service = new NotificationsService({} as DataSource, [transport], new AccessService({} as DataSource));

  /** A manager whose first query answers who the recipient is, and whose insert records the row. */
  function manager(who: { role: string; muted: boolean } | undefined, inserted = true) {
    const values = jest.fn<(v: Record<string, unknown>) => unknown>();
    const query = jest.fn<(sql: string, params: unknown[]) => Promise<unknown[]>>().mockResolvedValue(who ? [who] : []);
    const builder = {
      insert: () => builder,
      into: () => builder,
      values: (v: Record<string, unknown>) => {
        values(v);
        return builder;
      },
      orIgnore: () => builder,
      returning: () => builder,
      execute: () => Promise.resolve({ raw: inserted ? [{ id: 'n1' }] : [] }),
    };
    const m = { query, createQueryBuilder: () => builder } as unknown as EntityManager;
    return { m, values, query };
  }

  beforeEach(() => {
    deliveries.length = 0;
  });

  it('a trainee’s notice is the kind’s fixed text, whatever the caller wrote; the transport gets only the neutral line', async () => {
    for (const kind of traineeKinds) {
      const { m, values, query } = manager({ role: 'trainee', muted: false });
      await service.notify({ userId: 'u-trainee', kind, ...REVEALING, link: '/me/jobs', dedupeKey: `k:${kind}` }, m);
      expect(query.mock.calls[0]![1]).toEqual(['u-trainee', expect.any(String)]);
      const row = values.mock.calls[0]![0];
      expect(row).toMatchObject({ userId: 'u-trainee', kind, titleZh: TRAINEE_NOTICES[kind]!.zh, titleEn: TRAINEE_NOTICES[kind]!.en });
      expect(revealingWordsIn(`${String(row.titleZh)} ${String(row.titleEn)}`)).toEqual([]);
    }
    expect(deliveries).toHaveLength(traineeKinds.length);
    for (const d of deliveries) {
      expect(d).toMatchObject({ userId: 'u-trainee', titleZh: TRANSPORT_TEXT.zh, titleEn: TRANSPORT_TEXT.en });
      expect(JSON.stringify(d)).not.toContain('戒毒');
    }
  });

  it('a kind without a text of its own reaches a trainee as the default; so does a recipient not found', async () => {
    const a = manager({ role: 'trainee', muted: false });
    await service.notify({ userId: 'u', kind: 'handover.requested', ...REVEALING, dedupeKey: 'x' }, a.m);
    expect(a.values.mock.calls[0]![0]).toMatchObject({ titleZh: TRAINEE_DEFAULT_NOTICE.zh, titleEn: TRAINEE_DEFAULT_NOTICE.en });
    const b = manager(undefined);
    await service.notify({ userId: 'u', kind: 'placement.offer', ...REVEALING, dedupeKey: 'y' }, b.m);
    expect(b.values.mock.calls[0]![0]).toMatchObject({ titleZh: TRAINEE_NOTICES['placement.offer']!.zh });
  });

  it('staff and employers keep the caller’s title in the inbox; what leaves the app is still the neutral line', async () => {
    const { m, values } = manager({ role: 'counsellor', muted: false });
    await service.notify(
      { userId: 'u-staff', kind: 'follow_up.assigned', titleZh: '请回访 李明', titleEn: 'Visit 李明', dedupeKey: 'z' },
      m,
    );
    expect(values.mock.calls[0]![0]).toMatchObject({ titleZh: '请回访 李明', titleEn: 'Visit 李明' });
    expect(deliveries).toEqual([
      { userId: 'u-staff', kind: 'follow_up.assigned', titleZh: TRANSPORT_TEXT.zh, titleEn: TRANSPORT_TEXT.en, link: null },
    ]);
  });

  it('a muted group records and sends nothing; a duplicate sends nothing', async () => {
    const muted = manager({ role: 'trainee', muted: true });
    await service.notify({ userId: 'u', kind: 'fair.reminder', ...REVEALING, dedupeKey: 'm' }, muted.m);
    expect(muted.values).not.toHaveBeenCalled();
    const dup = manager({ role: 'trainee', muted: false }, false);
    await service.notify({ userId: 'u', kind: 'fair.reminder', ...REVEALING, dedupeKey: 'm' }, dup.m);
    expect(deliveries).toEqual([]);
  });
});

describe('NotificationsService.mine', () => {
  const row = (kind: string, titleZh: string, titleEn: string, dedupeKey = `k:${kind}`) => ({
    id: `id-${kind}`,
    userId: 'u',
    kind,
    titleZh,
    titleEn,
    dedupeKey,
    link: '/me/jobs',
    createdAt: new Date('2026-01-02T03:04:05Z'),
    readAt: null,
  });
  const rows = [
    row('placement.offer', REVEALING.titleZh, REVEALING.titleEn),
    row('handover.requested', REVEALING.titleZh, REVEALING.titleEn),
    row('enrolment.decided', REVEALING.titleZh, REVEALING.titleEn, 'diploma:d-1'),
  ];
  // The inbox's one statement answers the page with the counts on every row (`page_…` columns).
  const answer = rows.map((r) => ({ ...r, cursorAt: '2026-01-02T03:04:05.000000', page_total: 3, page_unread: 2 }));
  const service = new NotificationsService(
    { query: () => Promise.resolve(answer) } as unknown as DataSource,
    [],
    new AccessService({} as DataSource),
  );
  const user = (role: AuthUser['role']) => ({ id: 'u', username: 'x', role, organisationId: 'o', scope: 'self' }) as unknown as AuthUser;

  it('a trainee reads every notice, even one recorded before the texts were fixed, as its kind’s text', async () => {
    const list = await service.mine(user('trainee'));
    expect(list.items.map((i) => [i.title, i.titleEn])).toEqual([
      [TRAINEE_NOTICES['placement.offer']!.zh, TRAINEE_NOTICES['placement.offer']!.en],
      [TRAINEE_DEFAULT_NOTICE.zh, TRAINEE_DEFAULT_NOTICE.en],
      [traineeNotice('enrolment.decided', 'diploma:d-1').zh, traineeNotice('enrolment.decided', 'diploma:d-1').en],
    ]);
    expect(list.unread).toBe(2);
  });

  it('staff read the titles as recorded', async () => {
    const list = await service.mine(user('counsellor'));
    expect(list.items[0]).toMatchObject({ title: REVEALING.titleZh, titleEn: REVEALING.titleEn });
  });
});
