// Privacy consent. weapp: WeChat's own flow (since 2023-10-17): getPrivacySetting says whether
// consent is needed, and only the `agreePrivacyAuthorization` button grants it; a privacy API
// called before then waits on onNeedPrivacyAuthorization. H5: the consent is kept in storage.
import Taro from '@tarojs/taro';
import { readStored, writeStored } from './storage';

const H5_KEY = 'tanlian.privacy-agreed';

export async function needsConsent(): Promise<boolean> {
  if (BUILD_TARGET === 'weapp') {
    try {
      // Taro 4.1's typings declare no result; WeChat answers { needAuthorization, privacyContractName }.
      const setting = await (
        Taro.getPrivacySetting as unknown as () => Promise<{ needAuthorization: boolean }>
      )();
      return setting.needAuthorization;
    } catch {
      return false; // base library before 2.32.3: no privacy check
    }
  }
  return readStored<boolean>(H5_KEY) !== true;
}

/** H5 only: the agree button's record (on weapp the button itself tells WeChat). */
export function recordConsent(): void {
  if (BUILD_TARGET !== 'weapp') writeStored(H5_KEY, true);
}

export function openPrivacyContract(): void {
  if (BUILD_TARGET === 'weapp') Taro.openPrivacyContract({ fail: () => undefined });
}
