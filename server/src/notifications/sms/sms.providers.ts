import type { Provider } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import type { LoggingTransport, NotificationTransport } from '../notification-transport';
import { SmsPreferencesService } from './sms-preferences.service';
import { SMS_SENDER, SmsTransport } from './sms-transport';
import { SmsRepository } from './sms.repository';
import { TencentSmsClient } from './tencent-sms-client';

/** The SMS pieces the notifications module provides; the sender exists only with SMS_PROVIDER=tencent. */
export const SMS_PROVIDERS: Provider[] = [
  SmsRepository,
  SmsPreferencesService,
  SmsTransport,
  {
    provide: SMS_SENDER,
    inject: [APP_CONFIG, Clock],
    useFactory: (config: AppConfig, clock: Clock) =>
      config.sms.tencent ? new TencentSmsClient(config.sms.tencent, () => clock.now().getTime() / 1000) : null,
  },
];

/** The transports: SMS in place of the log line when a provider is configured. */
export function transportsFor(config: AppConfig, log: LoggingTransport, sms: SmsTransport): NotificationTransport[] {
  return config.sms.provider === 'tencent' ? [sms] : [log];
}
