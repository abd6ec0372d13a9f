import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import type { Role } from '../common/role';
import { Notification } from './notification.entity';

/** A notice to record (titles already chosen and clipped). */
export type NotificationRow = Pick<Notification, 'userId' | 'kind' | 'titleZh' | 'titleEn' | 'link' | 'dedupeKey'>;

/** What a delivery needs of its notice: whom, which kind, where the link goes. Never the titles. */
export type DeliveryTarget = Pick<Notification, 'id' | 'userId' | 'kind' | 'link'>;

/** The inbox's SQL: notices and the per-user muted groups. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The recipient's role and whether they muted `group`; undefined for an unknown user. */
  async recipient(userId: string, group: string | null, m: EntityManager): Promise<{ role: Role; muted: boolean } | undefined> {
    const [who] = await m.query<{ role: Role; muted: boolean }[]>(
      `SELECT u.role, coalesce($2::varchar = ANY (p.muted_groups), false) AS muted
         FROM app_user u LEFT JOIN notification_preference p ON p.user_id = u.id WHERE u.id = $1`,
      [userId, group],
    );
    return who;
  }

  /** The new notice's id, or null when the same event (user and dedupe key) was already recorded. */
  async insertOnce(row: NotificationRow, m: EntityManager): Promise<string | null> {
    const res = await m.createQueryBuilder().insert().into(Notification).values(row).orIgnore().returning('id').execute();
    const [inserted] = res.raw as { id: string }[];
    return inserted?.id ?? null;
  }

  async mutedGroups(userId: string): Promise<string[]> {
    const [row] = await this.dataSource.query<{ muted_groups: string[] }[]>(
      `SELECT muted_groups FROM notification_preference WHERE user_id = $1`,
      [userId],
    );
    return row?.muted_groups ?? [];
  }

  async setMutedGroups(userId: string, groups: string[]): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notification_preference (user_id, muted_groups) VALUES ($1, $2::varchar[])
       ON CONFLICT (user_id) DO UPDATE SET muted_groups = EXCLUDED.muted_groups, updated_at = now()`,
      [userId, groups],
    );
  }

  /** The user's latest notices, newest first, and how many of all theirs are unread. */
  latest(userId: string, take: number): Promise<[Notification[], number]> {
    const repo = this.dataSource.getRepository(Notification);
    return Promise.all([repo.find({ where: { userId }, order: { createdAt: 'DESC' }, take }), repo.countBy({ userId, readAt: IsNull() })]);
  }

  /** Marks one of the user's notices read (false when it is not theirs or does not exist). */
  async markRead(userId: string, id: string, at: Date): Promise<boolean> {
    const repo = this.dataSource.getRepository(Notification);
    const res = await repo.update({ id, userId, readAt: IsNull() }, { readAt: at });
    return !!res.affected || repo.existsBy({ id, userId });
  }

  async markAllRead(userId: string, at: Date): Promise<void> {
    await this.dataSource.getRepository(Notification).update({ userId, readAt: IsNull() }, { readAt: at });
  }

  /** Null when the notice is gone (its user was deleted): there is nothing left to deliver. */
  deliveryTarget(notificationId: string): Promise<DeliveryTarget | null> {
    return this.dataSource.getRepository(Notification).findOne({
      select: { id: true, userId: true, kind: true, link: true },
      where: { id: notificationId },
    });
  }
}
