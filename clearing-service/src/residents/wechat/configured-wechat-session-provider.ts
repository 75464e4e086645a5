import { Logger, Provider } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DevWeChatSessionProvider } from './dev-wechat-session-provider';
import { WeChatApiSessionProvider } from './wechat-api-session-provider';
import { WECHAT_SESSION_PROVIDER, WeChatSessionProvider } from './wechat-session-provider';

/**
 * The Nest provider of WECHAT_SESSION_PROVIDER, chosen by configuration: the real code2Session when
 * WECHAT_APP_ID/WECHAT_APP_SECRET are set, the development one otherwise.
 */
export const configuredWeChatSessionProvider: Provider = {
  provide: WECHAT_SESSION_PROVIDER,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): WeChatSessionProvider => {
    if (config.wechat) return new WeChatApiSessionProvider(config.wechat);
    new Logger('residents').warn(
      'WECHAT_APP_ID and WECHAT_APP_SECRET are not set: residents sign in with dev:<name> codes, ' +
        'which anyone can send. Fine for the H5 build, the demo and tests; never for production.',
    );
    return new DevWeChatSessionProvider();
  },
};
