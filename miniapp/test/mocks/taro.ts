// Taro's API as jest mocks: storage in a Map, requests answered by the routes a test gives
// (`answer`), everything else a jest.fn().
type Answer = { status?: number; body?: unknown; offline?: boolean };
type Route =
  | Answer
  | ((req: {
      url: string;
      method: string;
      data?: string;
      header: Record<string, string>;
    }) => Answer);

const storage = new Map<string, unknown>();
let routes: Record<string, Route> = {};
export const requests: {
  url: string;
  method: string;
  data?: string;
  header: Record<string, string>;
}[] = [];

/** `routes['GET /v1/…']`: what the "service" answers; anything else answers 404. */
export function answer(next: Record<string, Route>): void {
  routes = { ...routes, ...next };
}

export function resetTaro(): void {
  storage.clear();
  routes = { 'GET /app-config.json': { body: { program: 'shenzhen', developmentSignIn: true } } };
  requests.length = 0;
  for (const fn of Object.values(Taro))
    if (typeof fn === 'function' && 'mockClear' in fn) (fn as jest.Mock).mockClear();
}

const request = jest.fn(
  async (options: {
    url: string;
    method?: string;
    data?: string;
    header?: Record<string, string>;
    responseType?: string;
  }) => {
    const method = options.method ?? 'GET';
    const req = { url: options.url, method, data: options.data, header: options.header ?? {} };
    requests.push(req);
    const path = options.url.split('?')[0];
    const route = routes[`${method} ${options.url}`] ?? routes[`${method} ${path}`];
    const a: Answer =
      route === undefined
        ? { status: 404, body: { code: 'not_found', message: 'no route' } }
        : typeof route === 'function'
          ? route(req)
          : route;
    if (a.offline) throw { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' };
    const body = a.body;
    const data =
      options.responseType === 'arraybuffer'
        ? (body as Uint8Array).buffer.slice(
            (body as Uint8Array).byteOffset,
            (body as Uint8Array).byteOffset + (body as Uint8Array).byteLength,
          )
        : typeof body === 'string'
          ? body
          : body === undefined
            ? ''
            : JSON.stringify(body);
    return { statusCode: a.status ?? 200, data, header: {} };
  },
);

const Taro = {
  request,
  navigateTo: jest.fn(async () => ({})),
  getStorageSync: jest.fn((key: string) => storage.get(key) ?? ''),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
  login: jest.fn(async () => ({ code: 'wx-code' })),
  scanCode: jest.fn(async () => ({ result: '' })),
  getPrivacySetting: jest.fn(async () => ({ needAuthorization: false })),
  openPrivacyContract: jest.fn(),
  getScreenBrightness: jest.fn(async () => ({ value: 0.4 })),
  setScreenBrightness: jest.fn(async () => ({})),
  setKeepScreenOn: jest.fn(async () => ({})),
  stopPullDownRefresh: jest.fn(),
  getAppBaseInfo: jest.fn(() => ({ language: 'zh_CN' })),
  getWindowInfo: jest.fn(() => ({ pixelRatio: 2 })),
  createSelectorQuery: jest.fn(() => ({
    select: () => ({ fields: () => ({ exec: () => undefined }) }),
  })),
};

export const useLaunch = jest.fn();
export const useDidShow = jest.fn();
export const useUnload = jest.fn();
export const usePullDownRefresh = jest.fn();
export const useRouter = jest.fn(() => ({ params: {} as Record<string, string> }));

export default Object.assign(Taro, {
  useLaunch,
  useDidShow,
  useUnload,
  usePullDownRefresh,
  useRouter,
});
export const { navigateTo } = Taro;
