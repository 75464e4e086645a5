/**
 * Why a sign-in through WeChat failed, in words the HTTP layer maps to a status
 * (controllers/wechat-login-error.filter.ts): the code (422), the user (403), or WeChat itself (429/503).
 */
export type WeChatLoginFailure =
  'code_invalid' | 'user_blocked' | 'rate_limited' | 'busy' | 'unavailable';

export class WeChatLoginError extends Error {
  constructor(
    readonly failure: WeChatLoginFailure,
    message: string,
    /** WeChat's errcode, when it gave one. */
    readonly errcode: number | null = null,
  ) {
    super(message);
    this.name = 'WeChatLoginError';
  }
}
