// The shape of a locale: zh-CN's keys, each a string (arrays of strings stay arrays).
import type { zhCN } from './zh-CN';

type Shape<T> = T extends string
  ? string
  : T extends readonly string[]
    ? readonly string[]
    : { readonly [K in keyof T]: Shape<T[K]> };

export type Messages = Shape<typeof zhCN>;
