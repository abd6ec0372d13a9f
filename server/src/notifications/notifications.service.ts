import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { notFound } from '../common/domain-error';
import type { NotificationListDto } from './dto/notification.dto';
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

/** The in-app inbox. Delivery beyond the app (SMS, WeChat) comes with the notifications issue. */
@Injectable()
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Inside the caller's transaction, so a notice exists exactly when its event does. */
  async notify(n: NewNotification, m: EntityManager): Promise<void> {
    await m
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values({ userId: n.userId, kind: n.kind, titleZh: n.titleZh, titleEn: n.titleEn, link: n.link ?? null, dedupeKey: n.dedupeKey })
      .orIgnore()
      .execute();
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
