import { Logger, type FactoryProvider } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config/load-config';
import { DevWeChatSessionProvider } from '../../src/residents/wechat/dev-wechat-session-provider';
import { WeChatApiSessionProvider } from '../../src/residents/wechat/wechat-api-session-provider';
import { configuredWeChatSessionProvider } from '../../src/residents/wechat/configured-wechat-session-provider';

const base = {
  DATABASE_URL: 'mysql://root@127.0.0.1:3306/tanlian',
  REDIS_URL: 'redis://127.0.0.1:6379',
  TANLIAN_SECRETS_KEY: randomBytes(32).toString('base64'),
};
const appId = 'wx0123456789abcdef';
const appSecret = '0123456789abcdef0123456789abcdef';

describe('WeChat configuration', () => {
  it('is null without WECHAT_APP_ID and WECHAT_APP_SECRET (the development provider)', () => {
    expect(loadConfig(base).wechat).toBeNull();
  });

  it('takes the pair', () => {
    const config = loadConfig({ ...base, WECHAT_APP_ID: appId, WECHAT_APP_SECRET: appSecret });
    expect(config.wechat).toEqual({ appId, appSecret });
  });

  it('refuses half a pair, naming the missing variable', () => {
    expect(() => loadConfig({ ...base, WECHAT_APP_ID: appId })).toThrow(
      'config error: WECHAT_APP_SECRET is required when WECHAT_APP_ID is set',
    );
    expect(() => loadConfig({ ...base, WECHAT_APP_SECRET: appSecret })).toThrow(
      'config error: WECHAT_APP_ID is required when WECHAT_APP_SECRET is set',
    );
  });

  it('refuses values that cannot be an AppID or AppSecret', () => {
    expect(() =>
      loadConfig({ ...base, WECHAT_APP_ID: 'my-app', WECHAT_APP_SECRET: appSecret }),
    ).toThrow(/^config error: WECHAT_APP_ID must be an AppID/);
    expect(() => loadConfig({ ...base, WECHAT_APP_ID: appId, WECHAT_APP_SECRET: 'short' })).toThrow(
      /^config error: WECHAT_APP_SECRET must be the 32-character AppSecret/,
    );
  });
});

describe('which WeChat provider the api uses', () => {
  const choose = (config: ReturnType<typeof loadConfig>) =>
    (configuredWeChatSessionProvider as FactoryProvider).useFactory(config);

  it('is the real code2Session with an AppID and AppSecret', () => {
    const config = loadConfig({
      ...base,
      WECHAT_APP_ID: appId,
      WECHAT_APP_SECRET: appSecret,
    });
    expect(choose(config)).toBeInstanceOf(WeChatApiSessionProvider);
  });

  it('is the development provider without them, with a warning', () => {
    Logger.overrideLogger(false);
    const warn = jest.spyOn(Logger.prototype, 'warn');
    expect(choose(loadConfig(base))).toBeInstanceOf(DevWeChatSessionProvider);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('WECHAT_APP_ID'));
    warn.mockRestore();
  });
});
