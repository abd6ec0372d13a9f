import { Injectable, Logger } from '@nestjs/common';

/**
 * What may leave the app. The text is always the one neutral line (`TRANSPORT_TEXT`): an SMS or a lock
 * screen is read by whoever holds or glances at the phone, so it never names the programme, a place,
 * a person or the event. The inbox, behind the sign-in, has the detail.
 */
export interface Delivery {
  userId: string;
  kind: string;
  titleZh: string;
  titleEn: string;
  link: string | null;
  /** The notice's id when it comes from the queue (a transport may key its own delivery record by it). */
  notificationId?: string;
  /**
   * Machine values for a reminder's SMS template (`sms/sms-templates.ts`, `SmsParamInput`): an instant,
   * a date, a division code. Never names or free text: a transport renders only its fixed templates.
   */
  params?: Record<string, string>;
}

/**
 * Delivery beyond the in-app inbox (which is the record). An SMS or WeChat transport implements this
 * and is provided under NOTIFICATION_TRANSPORTS, with a `name` of its own (a short lower-case code:
 * delivery jobs name their transport). It is called by the job queue's delivery worker after the
 * event committed (`notification-deliveries.ts`), possibly in another process, possibly more than once
 * when an attempt fails: it may simply send, and should throw when sending failed, so the delivery is
 * retried with back-off. With JOBS_ENABLED=false it is called inside the event's transaction instead.
 * It sends `titleZh`/`titleEn` as given and adds nothing of its own (no product name, no signature
 * naming the programme), and its errors must not quote the recipient's number.
 */
export interface NotificationTransport {
  readonly name: string;
  deliver(d: Delivery): Promise<void>;
}

export const NOTIFICATION_TRANSPORTS = Symbol('NOTIFICATION_TRANSPORTS');

/** Development: says what would have been sent (user id and kind only). */
@Injectable()
export class LoggingTransport implements NotificationTransport {
  readonly name = 'log';
  private readonly logger = new Logger('NotificationTransport');

  deliver(d: Delivery): Promise<void> {
    this.logger.debug({ userId: d.userId, kind: d.kind }, 'notification delivered');
    return Promise.resolve();
  }
}

/**
 * Thrown by a transport that may not send now but will later (SMS in quiet hours): the delivery job is
 * put back on the queue to start at `until` instead of being failed and retried with back-off.
 */
export class DeliveryDeferred extends Error {
  constructor(readonly until: Date) {
    super(`delivery deferred until ${until.toISOString()}`);
    this.name = 'DeliveryDeferred';
  }
}
