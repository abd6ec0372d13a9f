import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { notFound } from '../common/domain-error';
import type { NotificationListDto, NotificationPreferencesDto, SetNotificationPreferencesDto } from './dto/notification.dto';
import { NOTIFICATION_GROUPS, groupOf, groupsFor } from './notification-kinds';
import { NOTIFICATION_TRANSPORTS, type NotificationTransport } from './notification-transport';
import { Notification } from './notification.entity';

export interface NewNotification {
  userId: string;
  kind: string;
  titleZh: string;
  titleEn: string;
  link?: string;
  /** The same event, processed twice, notifies once. */
  dedupeKey: string;
}

/**
 * Titles quote names and reasons of any length; a title longer than its column would roll back the
 * event it reports, so it is shortened instead (by code points, never splitting a character).
 */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The in-app inbox. Delivery beyond the app (SMS, WeChat) comes with the notifications issue. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(NOTIFICATION_TRANSPORTS) private readonly transports: NotificationTransport[],
  ) {}

  /**
   * Inside the caller's transaction, so a notice exists exactly when its event does. Skipped when the
   * user turned its group off; the same event twice (same dedupe key) notifies once.
   */
  async notify(n: NewNotification, m: EntityManager): Promise<void> {
    const group = groupOf(n.kind);
    if (group) {
      const [pref] = await m.query<{ muted: boolean }[]>(
        `SELECT $2 = ANY (muted_groups) AS muted FROM notification_preference WHERE user_id = $1`,
        [n.userId, group],
      );
      if (pref?.muted) return;
    }
    const res = await m
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values({
        userId: n.userId,
        kind: n.kind,
        titleZh: clip(n.titleZh, 120),
        titleEn: clip(n.titleEn, 160),
        link: n.link ?? null,
        dedupeKey: n.dedupeKey,
      })
      .orIgnore()
      .returning('id')
      .execute();
    if (!(res.raw as unknown[]).length) return; // a duplicate of an event already notified
    for (const t of this.transports)
      await t.deliver({ userId: n.userId, kind: n.kind, titleZh: clip(n.titleZh, 120), link: n.link ?? null });
  }

  /** The groups that can reach the caller's role (an instructor has none yet), each on unless turned off. */
  async preferences(user: AuthUser): Promise<NotificationPreferencesDto> {
    const [row] = await this.dataSource.query<{ muted_groups: string[] }[]>(
      `SELECT muted_groups FROM notification_preference WHERE user_id = $1`,
      [user.id],
    );
    const muted = new Set(row?.muted_groups ?? []);
    return {
      groups: groupsFor(user.role).map((g) => ({
        group: g,
        label: NOTIFICATION_GROUPS[g].zh,
        labelEn: NOTIFICATION_GROUPS[g].en,
        enabled: !muted.has(g),
      })),
    };
  }

  async setPreferences(user: AuthUser, dto: SetNotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    await this.dataSource.query(
      `INSERT INTO notification_preference (user_id, muted_groups) VALUES ($1, $2::varchar[])
       ON CONFLICT (user_id) DO UPDATE SET muted_groups = EXCLUDED.muted_groups, updated_at = now()`,
      [user.id, [...new Set(dto.mutedGroups)]],
    );
    return this.preferences(user);
  }

  async mine(user: AuthUser): Promise<NotificationListDto> {
    const repo = this.dataSource.getRepository(Notification);
    const [rows, unread] = await Promise.all([
      repo.find({ where: { userId: user.id }, order: { createdAt: 'DESC' }, take: 50 }),
      repo.countBy({ userId: user.id, readAt: IsNull() }),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.titleZh,
        titleEn: r.titleEn,
        link: r.link,
        createdAt: r.createdAt.toISOString(),
        read: r.readAt !== null,
      })),
      unread,
    };
  }

  async markRead(user: AuthUser, id: string | null): Promise<NotificationListDto> {
    const repo = this.dataSource.getRepository(Notification);
    if (id) {
      const res = await repo.update({ id, userId: user.id, readAt: IsNull() }, { readAt: new Date() });
      if (!res.affected && !(await repo.existsBy({ id, userId: user.id }))) throw notFound('通知', 'Notification');
    } else {
      await repo.update({ userId: user.id, readAt: IsNull() }, { readAt: new Date() });
    }
    return this.mine(user);
  }
}
