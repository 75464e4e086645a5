/** Who WeChat says signed in. The session_key code2Session also returns is dropped at once. */
export interface WeChatIdentity {
  openid: string;
  unionid?: string;
}

/** Exchanges a wx.login code for the user's identity (WeChat's code2Session). */
export interface WeChatSessionProvider {
  code2Session(code: string): Promise<WeChatIdentity>;
}

export const WECHAT_SESSION_PROVIDER = Symbol('WECHAT_SESSION_PROVIDER');
