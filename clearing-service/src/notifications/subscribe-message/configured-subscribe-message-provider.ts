import { Logger, Provider } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DevSubscribeMessageProvider } from './dev-subscribe-message-provider';
import { SUBSCRIBE_MESSAGE_PROVIDER, SubscribeMessageProvider } from './subscribe-message-provider';
import { WeChatSubscribeMessageProvider } from './wechat-subscribe-message-provider';

/**
 * The real sender when the mini-program's credentials are set (WECHAT_APP_ID/SECRET, with the
 * templates of WECHAT_SUBSCRIBE_TEMPLATES), the recording one otherwise (as sign-in chooses).
 */
export const configuredSubscribeMessageProvider: Provider = {
  provide: SUBSCRIBE_MESSAGE_PROVIDER,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): SubscribeMessageProvider => {
    if (config.wechat)
      return new WeChatSubscribeMessageProvider(config.wechat, config.notifications.templates);
    new Logger('notifications').warn(
      'WECHAT_APP_ID is not set: subscribe messages are recorded, not sent (development provider).',
    );
    return new DevSubscribeMessageProvider();
  },
};
