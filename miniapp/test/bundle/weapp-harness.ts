// dist/weapp loaded in Node under stub App/Page/Component/wx globals: each page is created,
// loaded and shown as WeChat would, its setData applied to a plain object, and its text read
// back. It relies on Taro-internal data keys (`root.cn`, `v`, `nn`, the page method `eh`), so a
// Taro upgrade may need it adjusted (taro-probe's finding).
import { join } from 'node:path';

type Json = Record<string, unknown>;
export type Handler = (req: { url: string; method: string; data?: unknown }) => {
  statusCode: number;
  data: unknown;
};

export interface LoadedPage {
  route: string;
  data: Json;
  text(): string;
  tap(label: string): void;
  instance: Json & { setData: (d: Json, cb?: () => void) => void };
}

export function loadWeapp(dir: string, handle: Handler) {
  const storage = new Map<string, unknown>();
  const navigations: string[] = [];
  const pageConfigs = new Map<string, Json>();
  let current = '';
  let app: Json | undefined;
  const opened: { config: Json; instance: Json }[] = [];
  const g = globalThis as Record<string, unknown>;
  const ok = (options: object, res: unknown = { errMsg: 'ok' }) => {
    const o = options as { success?: (r: unknown) => void; complete?: () => void };
    setTimeout(() => {
      o?.success?.(res);
      o?.complete?.();
    }, 0);
  };
  g.wx = {
    webpackJsonp: undefined,
    request: (o: {
      url: string;
      method?: string;
      data?: unknown;
      success?: (r: unknown) => void;
      fail?: (e: unknown) => void;
      complete?: () => void;
    }) => {
      const res = handle({ url: o.url, method: o.method ?? 'GET', data: o.data });
      ok(o, { ...res, header: {}, errMsg: 'request:ok' });
      return { abort() {} };
    },
    navigateTo: (o: { url: string }) => (navigations.push(o.url), ok(o)),
    switchTab: (o: { url: string }) => (navigations.push(o.url), ok(o)),
    navigateBack: (o: object) => ok(o),
    redirectTo: (o: { url: string }) => (navigations.push(o.url), ok(o)),
    getStorageSync: (k: string) => storage.get(k) ?? '',
    setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
    removeStorageSync: (k: string) => void storage.delete(k),
    getStorage: (o: { key: string }) => ok(o, { data: storage.get(o.key) }),
    setStorage: (o: { key: string; data: unknown }) => (storage.set(o.key, o.data), ok(o)),
    login: (o: object) => ok(o, { code: 'dev:smoke', errMsg: 'login:ok' }),
    getPrivacySetting: (o: object) => ok(o, { needAuthorization: true }),
    onNeedPrivacyAuthorization: () => undefined,
    openPrivacyContract: (o: object) => ok(o),
    getScreenBrightness: (o: object) => ok(o, { value: 0.5 }),
    setScreenBrightness: (o: object) => ok(o),
    setKeepScreenOn: (o: object) => ok(o),
    stopPullDownRefresh: (o: object) => ok(o),
    scanCode: (o: object) => ok(o, { result: '' }),
    getRandomValues: (o: { length: number; success: (r: unknown) => void }) =>
      o.success({ randomValues: new Uint8Array(o.length).map((_, i) => i * 37).buffer }),
    getSystemInfoSync: () => ({
      platform: 'devtools',
      pixelRatio: 2,
      windowWidth: 375,
      windowHeight: 812,
      language: 'zh_CN',
      SDKVersion: '3.4.2',
    }),
    getAppBaseInfo: () => ({ language: 'zh_CN', SDKVersion: '3.4.2', theme: 'light' }),
    getWindowInfo: () => ({ pixelRatio: 2, windowWidth: 375, windowHeight: 812 }),
    getDeviceInfo: () => ({ platform: 'devtools' }),
    createSelectorQuery: () => {
      const q = {
        select: () => q,
        selectAll: () => q,
        fields: () => q,
        boundingClientRect: () => q,
        exec: (cb?: (r: unknown[]) => void) => cb?.([]),
        in: () => q,
      };
      return q;
    },
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    canIUse: () => true,
    onAppShow: () => undefined,
    onAppHide: () => undefined,
  };
  g.App = (config: Json) => {
    app = config;
  };
  g.getApp = () => app;
  g.Page = (config: Json) => pageConfigs.set(current, config);
  g.Component = (config: Json) => pageConfigs.set(`component:${current}`, config);
  g.Behavior = (b: unknown) => b;
  g.getCurrentPages = () => [];
  g.requirePlugin = () => ({});

  current = 'app';
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the bundle is the test
  require(join(dir, 'app.js'));
  if (app === undefined) throw new Error('app.js called no App()');
  (app.onLaunch as (o: Json) => void).call(app, {
    path: 'pages/home/index',
    query: {},
    scene: 1001,
  });

  function openPage(route: string, query: Record<string, string> = {}): LoadedPage {
    current = route;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- as WeChat loads a page
    require(join(dir, `${route}.js`));
    const config = pageConfigs.get(route);
    if (!config) throw new Error(`${route}.js called no Page()`);
    const data: Json = JSON.parse(JSON.stringify(config.data ?? {}));
    const instance = Object.assign(Object.create(config), {
      route,
      __route__: route,
      data,
      setData(update: Json, cb?: () => void) {
        for (const [path, value] of Object.entries(update)) setPath(data, path, value);
        cb?.();
      },
      selectComponent: () => null,
      createSelectorQuery: () =>
        (g.wx as { createSelectorQuery: () => unknown }).createSelectorQuery(),
    });
    (config.onLoad as (q: Json) => void).call(instance, query);
    opened.push({ config, instance });
    (config.onShow as (() => void) | undefined)?.call(instance);
    (config.onReady as (() => void) | undefined)?.call(instance);
    return {
      route,
      data,
      instance,
      text: () => textOf(data).join(' '),
      tap(label) {
        const node = findNode(
          data,
          (n) => n['aria-label'] === label || textOf(n).join('') === label,
        );
        if (!node) throw new Error(`${route}: nothing labelled ${label}`);
        (config.eh as (e: unknown) => void).call(instance, {
          type: 'tap',
          timeStamp: Date.now(),
          currentTarget: { id: node.uid ?? node.sid, dataset: { sid: node.sid } },
          target: { id: node.uid ?? node.sid, dataset: { sid: node.sid } },
          detail: {},
        });
      },
    };
  }

  /** Unloads every page opened (their timers stop, as when WeChat closes them). */
  function closeAll(): void {
    for (const { config, instance } of opened.splice(0)) {
      (config.onUnload as (() => void) | undefined)?.call(instance);
    }
  }

  return { openPage, closeAll, navigations, storage };
}

function setPath(target: Json, path: string, value: unknown): void {
  const keys = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  let o: Json = target;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i];
    if (typeof o[k] !== 'object' || o[k] === null) o[k] = /^\d+$/.test(keys[i + 1]) ? [] : {};
    o = o[k] as Json;
  }
  o[keys[keys.length - 1]] = value;
}

function textOf(node: unknown): string[] {
  if (node === null || typeof node !== 'object') return [];
  const out: string[] = [];
  const n = node as Json;
  if (typeof n.v === 'string') out.push(n.v);
  for (const value of Object.values(n)) if (typeof value === 'object') out.push(...textOf(value));
  return out;
}

function findNode(node: unknown, match: (n: Json) => boolean): Json | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const n = node as Json;
  if (typeof n.sid === 'string' && match(n)) return n;
  for (const value of Object.values(n)) {
    const found = findNode(value, match);
    if (found) return found;
  }
  return undefined;
}

export const settle = (ms = 50) => new Promise((r) => setTimeout(r, ms));

/** Waits until `ready()` holds (a page's requests answered and rendered), at most `ms`. */
export async function until(ready: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready() && Date.now() < deadline) await settle(20);
}
