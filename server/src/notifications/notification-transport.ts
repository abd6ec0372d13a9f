import { Injectable, Logger } from '@nestjs/common';

export interface Delivery {
  userId: string;
  kind: string;
  titleZh: string;
  link: string | null;
}

/**
 * Delivery beyond the in-app inbox (which is the record). An SMS or WeChat transport implements this
 * and is provided under NOTIFICATION_TRANSPORTS. It is called inside the event's transaction, once the
 * notice is recorded: a transport that leaves the process should enqueue (a job table, pg-boss) in that
 * transaction rather than send, so a rolled-back event sends nothing.
 */
export interface NotificationTransport {
  readonly name: string;
  deliver(d: Delivery): Promise<void>;
}

export const NOTIFICATION_TRANSPORTS = Symbol('NOTIFICATION_TRANSPORTS');

/** Development: says what would have been sent (user id and kind only; titles can name people). */
@Injectable()
export class LoggingTransport implements NotificationTransport {
  readonly name = 'log';
  private readonly logger = new Logger('NotificationTransport');

  deliver(d: Delivery): Promise<void> {
    this.logger.debug({ userId: d.userId, kind: d.kind }, 'notification delivered');
    return Promise.resolve();
  }
}
