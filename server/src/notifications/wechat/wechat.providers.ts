import type { Provider } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import type { NotificationTransport } from '../notification-transport';
import { WechatBindingService } from './wechat-binding.service';
import { WechatClient } from './wechat-client';
import { WECHAT_CLIENT, WechatTransport } from './wechat-transport';
import { WechatRepository } from './wechat.repository';

/** The WeChat pieces the notifications module provides; the client exists only with WECHAT_PROVIDER=official. */
export const WECHAT_PROVIDERS: Provider[] = [
  WechatRepository,
  WechatBindingService,
  WechatTransport,
  {
    provide: WECHAT_CLIENT,
    inject: [APP_CONFIG, Clock],
    useFactory: (config: AppConfig, clock: Clock) =>
      config.wechat.official ? new WechatClient(config.wechat.official, () => clock.now().getTime()) : null,
  },
];

/** The WeChat transport, beside the others, when a 服务号 is configured. */
export function wechatTransports(config: AppConfig, wechat: WechatTransport): NotificationTransport[] {
  return config.wechat.provider === 'official' ? [wechat] : [];
}
