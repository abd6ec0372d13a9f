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
}

/**
 * Delivery beyond the in-app inbox (which is the record). An SMS or WeChat transport implements this
 * and is provided under NOTIFICATION_TRANSPORTS. It is called inside the event's transaction, once the
 * notice is recorded: a transport that leaves the process should enqueue (a job table, pg-boss) in that
 * transaction rather than send, so a rolled-back event sends nothing. It sends `titleZh`/`titleEn` as
 * given and adds nothing of its own (no product name, no signature naming the programme).
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
