import { Global, Module } from '@nestjs/common';
import { NotificationDeliveries } from './notification-deliveries';
import { NotificationsController } from './notifications.controller';
import { LoggingTransport, NOTIFICATION_TRANSPORTS } from './notification-transport';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { APP_CONFIG } from '../config/config.module';
import { ReferenceModule } from '../reference/reference.module';
import { SmsPreferencesController, SmsRepliesController } from './sms/sms.controller';
import { SMS_PROVIDERS, transportsFor } from './sms/sms.providers';
import { SmsTransport } from './sms/sms-transport';
import type { AppConfig } from '../config/env';
import { WechatBindingController } from './wechat/wechat.controller';
import { WECHAT_PROVIDERS, wechatTransports } from './wechat/wechat.providers';
import { WechatTransport } from './wechat/wechat-transport';

/** Global: any domain may notify a user of an event. */
@Global()
@Module({
  // The SMS transport names cities from the reference data.
  imports: [ReferenceModule],
  controllers: [NotificationsController, SmsPreferencesController, SmsRepliesController, WechatBindingController],
  providers: [
    NotificationsService,
    NotificationDeliveries,
    NotificationsRepository,
    LoggingTransport,
    // Add an SMS or WeChat transport here; the in-app inbox is always the record.
    ...SMS_PROVIDERS,
    ...WECHAT_PROVIDERS,
    {
      provide: NOTIFICATION_TRANSPORTS,
      // WeChat goes beside SMS (or the log line): each transport gets its own delivery job.
      useFactory: (config: AppConfig, log: LoggingTransport, sms: SmsTransport, wechat: WechatTransport) => [
        ...transportsFor(config, log, sms),
        ...wechatTransports(config, wechat),
      ],
      inject: [APP_CONFIG, LoggingTransport, SmsTransport, WechatTransport],
    },
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
