// Signing in: `POST …/residents/sessions { code }`. weapp: the code from wx.login. H5: there is
// no wx.login; a development code (`dev:<name>`) is accepted only when the run-time config turns
// the development sign-in on (the demo, the tests), and the service only honours it with its
// development WeChat provider.
import Taro from '@tarojs/taro';
import { call } from './api';
import { appConfig } from './app-config';
import { session } from './session';

export class SignInUnavailable extends Error {}

export async function signIn(devName?: string): Promise<void> {
  const code = await loginCode(devName);
  const answer = await call('post', '/v1/programs/{program}/residents/sessions', {
    body: { code },
    anonymous: true,
  });
  session.set(answer.token);
}

async function loginCode(devName: string | undefined): Promise<string> {
  if (BUILD_TARGET === 'weapp') return (await Taro.login()).code;
  const config = await appConfig();
  if (!config.developmentSignIn) {
    throw new SignInUnavailable('this H5 build has no sign-in: open the mini-program in WeChat');
  }
  return `dev:${devName ?? 'demo-resident'}`;
}

/**
 * A development sign-in code in the URL hash (`#…?signin=dev:<name>` or `#signin=…`), as the
 * demo prints it. Honoured only when the development sign-in is configured; removed from the
 * address bar either way.
 */
export async function signInFromUrl(): Promise<boolean> {
  if (BUILD_TARGET !== 'h5' || typeof window === 'undefined') return false;
  const match = /[?#&]signin=dev(?::|%3A)([A-Za-z0-9_-]{1,64})/.exec(window.location.hash);
  if (!match) return false;
  window.history.replaceState(
    null,
    '',
    window.location.pathname + window.location.hash.replace(/[?&]?signin=[^&]*/, ''),
  );
  const done = appConfig().then(async (config) => {
    if (!config.developmentSignIn) return false;
    await signIn(match[1]);
    return true;
  });
  session.waitFor(done);
  return done;
}
