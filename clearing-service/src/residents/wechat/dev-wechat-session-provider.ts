import { createHash } from 'node:crypto';
import { WeChatLoginError } from './wechat-login-error';
import type { WeChatIdentity, WeChatSessionProvider } from './wechat-session-provider';

/**
 * Sign-in without WeChat, for the H5 build, the demo and tests: the code `dev:<name>` is the same
 * user every time. It trusts whoever calls, so it is only used when no AppID is configured (and
 * the api says so in a warning at start). Its ids start with `dev_`, which real openids never do.
 */
export class DevWeChatSessionProvider implements WeChatSessionProvider {
  code2Session(code: string): Promise<WeChatIdentity> {
    const match = /^dev:(.+)$/.exec(code);
    if (!match) {
      return Promise.reject(
        new WeChatLoginError(
          'code_invalid',
          'This server signs residents in without WeChat: send a code like dev:<name>',
        ),
      );
    }
    const digest = createHash('sha256').update(match[1]).digest('hex');
    return Promise.resolve({
      openid: `dev_${digest.slice(0, 28)}`,
      unionid: `dev_${digest.slice(28, 56)}`,
    });
  }
}
