// The resident's session token (`rs_…`, 30 days), kept in storage. Sign-in: weapp sends the code
// of wx.login; H5 sends a development code, and only when the run-time config enables it.
import Taro from '@tarojs/taro';

const KEY = 'tanlian.session';

let cached: string | undefined;
let signingIn: Promise<unknown> = Promise.resolve();

export const session = {
  /** Requests made while a sign-in runs (the demo URL's, at launch) wait for it. */
  waitFor(signIn: Promise<unknown>): void {
    signingIn = signIn.catch(() => undefined);
  },
  ready(): Promise<unknown> {
    return signingIn;
  },
  token(): string | undefined {
    if (cached === undefined) {
      try {
        const stored = Taro.getStorageSync(KEY) as unknown;
        cached = typeof stored === 'string' && stored !== '' ? stored : undefined;
      } catch {
        cached = undefined;
      }
    }
    return cached;
  },
  set(token: string): void {
    cached = token;
    Taro.setStorageSync(KEY, token);
  },
  clear(): void {
    cached = undefined;
    try {
      Taro.removeStorageSync(KEY);
    } catch {
      // nothing stored
    }
  },
};
