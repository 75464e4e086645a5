// The app's strings: zh-CN unless the system language is English. `fill` puts values into
// `{name}` slots.
import Taro from '@tarojs/taro';
import { en } from './en';
import type { Messages } from './messages';
import { zhCN } from './zh-CN';

export type { Messages } from './messages';
export const LOCALES = { 'zh-CN': zhCN as Messages, en } as const;
export type LocaleName = keyof typeof LOCALES;

let current: LocaleName = 'zh-CN';

/** The locale from the system language: English for en-*, zh-CN for everything else. */
export function detectLocale(): LocaleName {
  try {
    const language = Taro.getAppBaseInfo?.().language ?? '';
    return /^en/i.test(language) ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function setLocale(name: LocaleName): void {
  current = name;
}

export function localeName(): LocaleName {
  return current;
}

export function t(): Messages {
  return LOCALES[current];
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
