import { Global, Module } from '@nestjs/common';
import { NotificationDeliveries } from './notification-deliveries';
import { NotificationsController } from './notifications.controller';
import { LoggingTransport, NOTIFICATION_TRANSPORTS } from './notification-transport';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/** Global: any domain may notify a user of an event. */
@Global()
@Module({
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    NotificationDeliveries,
    NotificationsRepository,
    LoggingTransport,
    // Add an SMS or WeChat transport here; the in-app inbox is always the record.
    { provide: NOTIFICATION_TRANSPORTS, useFactory: (log: LoggingTransport) => [log], inject: [LoggingTransport] },
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
