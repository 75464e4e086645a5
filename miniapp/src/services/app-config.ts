// What the app needs at run time. H5: `/app-config.json` beside the build (the demo's app server
// answers it: `{ program, developmentSignIn? }`). weapp: the build's defaults (one deployment per
// build). The log keys are never taken from here: they are pinned in the build (PINNED_LOG_KEYS).
import Taro from '@tarojs/taro';

export interface AppConfig {
  /** The program's code, filled into `{program}`. */
  program: string;
  /** Origin of the api; '' on H5 (the same origin serves both). */
  apiBase: string;
  /** H5 only: the development sign-in (`dev:<name>`) is allowed. Off unless configured. */
  developmentSignIn: boolean;
}

const WEAPP_DEFAULTS: AppConfig = {
  program: 'shenzhen',
  apiBase: 'https://api.tanlian.example',
  developmentSignIn: false,
};

let loaded: Promise<AppConfig> | undefined;

export function appConfig(): Promise<AppConfig> {
  loaded ??= load().catch((err) => {
    loaded = undefined; // try again next time
    throw err;
  });
  return loaded;
}

/** For tests. */
export function resetAppConfig(): void {
  loaded = undefined;
}

async function load(): Promise<AppConfig> {
  if (BUILD_TARGET !== 'h5') return WEAPP_DEFAULTS;
  const res = await Taro.request<string>({
    url: '/app-config.json',
    dataType: 'text',
    responseType: 'text',
  });
  const body = (
    typeof res.data === 'string' ? JSON.parse(res.data) : res.data
  ) as Partial<AppConfig>;
  if (typeof body.program !== 'string') throw new Error('app-config.json names no program');
  return { program: body.program, apiBase: '', developmentSignIn: body.developmentSignIn === true };
}
