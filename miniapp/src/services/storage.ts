// Small typed wrappers over Taro's storage (≤ 1 MB a key on the phone): JSON values, and a
// missing or unreadable key read as undefined.
import Taro from '@tarojs/taro';

export function readStored<T>(key: string): T | undefined {
  try {
    const raw = Taro.getStorageSync(key) as unknown;
    if (typeof raw !== 'string' || raw === '') return undefined;
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, JSON.stringify(value));
  } catch {
    // storage full or unavailable: the app works without its cache
  }
}

export function removeStored(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // nothing stored
  }
}
