import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { AccessService } from '../access/access.service';
import type { AuthUser } from '../common/auth-user';
import type { Role } from '../users/user.entity';
import { notFound } from '../common/domain-error';
import type { NotificationListDto, NotificationPreferencesDto, SetNotificationPreferencesDto } from './dto/notification.dto';
import { NOTIFICATION_GROUPS, groupOf, groupsFor } from './notification-kinds';
import { NOTIFICATION_TRANSPORTS, type NotificationTransport } from './notification-transport';
import { Notification } from './notification.entity';
import { TRANSPORT_TEXT, traineeNotice } from './trainee-notice-text';

export interface NewNotification {
  userId: string;
  kind: string;
  /**
   * What a staff member or an employer reads in the inbox. A trainee never reads it: their title is
   * the fixed text of the kind (`trainee-notice-text.ts`), whatever the caller wrote.
   */
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

/**
 * The in-app inbox, and delivery beyond it through the transports. Trainees' titles are fixed per kind
 * and what leaves the app is one neutral line for everyone (see `trainee-notice-text.ts`).
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(NOTIFICATION_TRANSPORTS) private readonly transports: NotificationTransport[],
    private readonly access: AccessService,
  ) {}

  /**
   * Inside the caller's transaction, so a notice exists exactly when its event does. Skipped when the
   * user turned its group off; the same event twice (same dedupe key) notifies once.
   */
  async notify(n: NewNotification, m: EntityManager): Promise<void> {
    const group = groupOf(n.kind);
    const [who] = await m.query<{ role: Role; muted: boolean }[]>(
      `SELECT u.role, coalesce($2::varchar = ANY (p.muted_groups), false) AS muted
         FROM app_user u LEFT JOIN notification_preference p ON p.user_id = u.id WHERE u.id = $1`,
      [n.userId, group],
    );
    if (who?.muted) return;
    // Anyone not known to be staff or an employer is told in a trainee's words.
    const title = !who || this.access.can(who, 'notice.discreet') ? traineeNotice(n.kind, n.dedupeKey) : { zh: n.titleZh, en: n.titleEn };
    const res = await m
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values({
        userId: n.userId,
        kind: n.kind,
        titleZh: clip(title.zh, 120),
        titleEn: clip(title.en, 160),
        link: n.link ?? null,
        dedupeKey: n.dedupeKey,
      })
      .orIgnore()
      .returning('id')
      .execute();
    if (!(res.raw as unknown[]).length) return; // a duplicate of an event already notified
    for (const t of this.transports)
      await t.deliver({ userId: n.userId, kind: n.kind, titleZh: TRANSPORT_TEXT.zh, titleEn: TRANSPORT_TEXT.en, link: n.link ?? null });
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
    // A trainee's notices read as their kind's fixed text, also those recorded before texts were fixed.
    const trainee = this.access.can(user, 'notice.discreet');
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: trainee ? traineeNotice(r.kind, r.dedupeKey).zh : r.titleZh,
        titleEn: trainee ? traineeNotice(r.kind, r.dedupeKey).en : r.titleEn,
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
