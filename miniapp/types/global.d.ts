/// <reference types="@tarojs/taro" />

declare module '*.css';
declare module '*.png';

/** Pinned at build time by config/index.ts (config/log-keys.ts). */
declare const PINNED_LOG_KEYS: { origin: string; keys: string[] };
declare const BUILD_TARGET: string;
