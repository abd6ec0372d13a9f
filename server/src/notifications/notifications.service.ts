import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import type { AuthUser } from '../common/auth-user';
import { notFound } from '../common/domain-error';
import { COUNT_CAP } from '../common/dto/page.dto';
import { cappedTotal, keysetPage } from '../common/page-sql';
import {
  type NotificationListDto,
  type NotificationPreferencesDto,
  NotificationQueryDto,
  type SetNotificationPreferencesDto,
} from './dto/notification.dto';
import { NotificationDeliveries } from './notification-deliveries';
import { NOTIFICATION_GROUPS, groupOf, groupsFor } from './notification-kinds';
import { NOTIFICATION_TRANSPORTS, type NotificationTransport } from './notification-transport';
import { NotificationsRepository } from './notifications.repository';
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
  /**
   * The values a reminder's SMS template takes (sms/sms-templates.ts): dates, times, a division code —
   * never a name, a place or a reason. Without them the SMS is the generic line.
   */
  smsParams?: Record<string, string>;
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
 * and what leaves the app is one neutral line for everyone (see `trainee-notice-text.ts`). Delivery
 * goes through the job queue (`NotificationDeliveries`); with JOBS_ENABLED=false, or without the
 * queue (unit tests), the transports are called at once, in the event's transaction.
 */
@Injectable()
export class NotificationsService {
  private readonly notices: NotificationsRepository;

  constructor(
    dataSource: DataSource,
    @Inject(NOTIFICATION_TRANSPORTS) private readonly transports: NotificationTransport[],
    private readonly access: AccessService,
    @Optional() private readonly deliveries?: NotificationDeliveries,
    // Provided by the module; built here when a unit test constructs the service by hand.
    @Optional() notices?: NotificationsRepository,
  ) {
    this.notices = notices ?? new NotificationsRepository(dataSource);
  }

  /**
   * Inside the caller's transaction, so a notice (and its delivery jobs) exists exactly when its event
   * does. Skipped when the user turned its group off; the same event twice (same dedupe key) notifies once.
   */
  async notify(n: NewNotification, m: EntityManager): Promise<void> {
    const who = await this.notices.recipient(n.userId, groupOf(n.kind), m);
    if (who?.muted) return;
    // Anyone not known to be staff or an employer is told in a trainee's words.
    const title = !who || this.access.can(who, 'notice.discreet') ? traineeNotice(n.kind, n.dedupeKey) : { zh: n.titleZh, en: n.titleEn };
    const id = await this.notices.insertOnce(
      {
        userId: n.userId,
        kind: n.kind,
        titleZh: clip(title.zh, 120),
        titleEn: clip(title.en, 160),
        link: n.link ?? null,
        dedupeKey: n.dedupeKey,
      },
      m,
    );
    if (!id) return; // a duplicate of an event already notified
    if (this.deliveries?.queued) return this.deliveries.enqueue(id, m, n.smsParams);
    for (const t of this.transports)
      await t.deliver({
        userId: n.userId,
        kind: n.kind,
        titleZh: TRANSPORT_TEXT.zh,
        titleEn: TRANSPORT_TEXT.en,
        link: n.link ?? null,
        ...(n.smsParams ? { params: n.smsParams } : {}),
      });
  }

  /** The groups that can reach the caller's role (an instructor has none yet), each on unless turned off. */
  async preferences(user: AuthUser): Promise<NotificationPreferencesDto> {
    const muted = new Set(await this.notices.mutedGroups(user.id));
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
    await this.notices.setMutedGroups(user.id, [...new Set(dto.mutedGroups)]);
    return this.preferences(user);
  }

  /** A page of my notices (the first when `q` is left out) with the counts: one statement. */
  async mine(user: AuthUser, q: NotificationQueryDto = new NotificationQueryDto()): Promise<NotificationListDto> {
    const { rows: read, matching, unread } = await this.notices.page(user.id, q);
    const { items: rows, nextCursor } = keysetPage(read, q.pageSize, NotificationsRepository.cursorOf);
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
      unread: Math.min(unread, COUNT_CAP),
      ...cappedTotal(matching),
      page: q.page,
      pageSize: q.pageSize,
      nextCursor,
    };
  }

  async markRead(user: AuthUser, id: string | null): Promise<NotificationListDto> {
    if (id) {
      if (!(await this.notices.markRead(user.id, id, new Date()))) throw notFound('NOTIFICATION');
    } else {
      await this.notices.markAllRead(user.id, new Date());
    }
    return this.mine(user);
  }
}
