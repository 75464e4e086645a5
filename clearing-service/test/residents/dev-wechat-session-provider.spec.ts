import { DevWeChatSessionProvider } from '../../src/residents/wechat/dev-wechat-session-provider';
import { WeChatLoginError } from '../../src/residents/wechat/wechat-login-error';

const dev = new DevWeChatSessionProvider();

describe('development WeChat provider', () => {
  it('gives the same user for the same dev:<name>, and another for another name', async () => {
    const a = await dev.code2Session('dev:alice');
    expect(a.openid).toMatch(/^dev_[0-9a-f]{28}$/);
    expect(a.unionid).toMatch(/^dev_[0-9a-f]{28}$/);
    expect(await dev.code2Session('dev:alice')).toEqual(a);
    expect((await dev.code2Session('dev:bob')).openid).not.toBe(a.openid);
  });

  it('refuses codes that are not dev:<name>, as WeChat refuses a bad code', async () => {
    for (const code of ['081Kq4Ga1MSox41ufFGa1elczA0Kq4GH', 'dev:', 'DEV:alice']) {
      const err = await dev.code2Session(code).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WeChatLoginError);
      expect((err as WeChatLoginError).failure).toBe('code_invalid');
    }
  });
});
