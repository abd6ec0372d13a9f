import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import type { Role } from '../common/role';
import { Notification } from './notification.entity';
import { COUNT_CAP } from '../common/dto/page.dto';
import { cursorTimestamp, pageRows, pageWithTotalSql, readCursor } from '../common/page-sql';

/** A notice to record (titles already chosen and clipped). */
export type NotificationRow = Pick<Notification, 'userId' | 'kind' | 'titleZh' | 'titleEn' | 'link' | 'dedupeKey'>;

/** What a delivery needs of its notice: whom, which kind, where the link goes. Never the titles. */
export type DeliveryTarget = Pick<Notification, 'id' | 'userId' | 'kind' | 'link'>;

/** A notice as the inbox reads it, with its keyset position to the microsecond. */
export type NoticeListRow = Pick<Notification, 'id' | 'kind' | 'titleZh' | 'titleEn' | 'link' | 'dedupeKey' | 'createdAt' | 'readAt'> & {
  cursorAt: string;
};

/** One page of the inbox: the rows (one more than asked when there is a next page) and the counts, both capped. */
export interface NoticePage {
  rows: NoticeListRow[];
  matching: number;
  unread: number;
}

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

  /**
   * A page of the user's notices, newest first, with how many they have and how many are unread
   * (each counted up to COUNT_CAP + 1), in one statement (issue 17). `after` (from `cursorOf`)
   * continues by keyset on idx_notification_user_created_id; else `page` is an offset. Reads
   * `pageSize + 1` rows: the extra one says whether there is a next page.
   */
  async page(userId: string, q: { page: number; pageSize: number; after?: string }): Promise<NoticePage> {
    const params: unknown[] = [userId];
    let keyset: string | undefined;
    if (q.after) {
      const [at, id] = readCursor(q.after, ['timestamp', 'uuid']);
      keyset = `(n.created_at, n.id) < ($${params.push(at)}::timestamp AT TIME ZONE 'UTC', $${params.push(id)}::uuid)`;
    }
    const rows = await this.dataSource.query<(NoticeListRow & { page_total: number; page_unread: number })[]>(
      pageWithTotalSql({
        select: `n.id, n.kind, n.title_zh AS "titleZh", n.title_en AS "titleEn", n.link, n.dedupe_key AS "dedupeKey",
          n.created_at AS "createdAt", n.read_at AS "readAt", ${cursorTimestamp('n.created_at')} AS "cursorAt"`,
        from: 'FROM notification n',
        where: ['n.user_id = $1'],
        keyset,
        order: 'n.created_at DESC, n.id DESC',
        outerOrder: 'page."createdAt" DESC, page.id DESC',
        limit: q.pageSize + 1,
        offset: q.after ? 0 : (q.page - 1) * q.pageSize,
        capped: true,
        alsoCount: {
          unread: `SELECT count(*)::int FROM (SELECT 1 FROM notification WHERE user_id = $1 AND read_at IS NULL LIMIT ${COUNT_CAP + 1}) u`,
        },
      }),
      params,
    );
    const unread = rows[0]?.page_unread ?? 0;
    const [items, matching] = pageRows(rows, 'id');
    return { rows: items, matching, unread };
  }

  /** The `after` of the page that follows this notice. */
  static readonly cursorOf = (row: NoticeListRow): [string, string] => [row.cursorAt, row.id];

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
