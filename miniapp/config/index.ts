// Taro's build for both targets (weapp, h5). The log keys the app trusts are pinned here, at
// build time (log-keys.ts): they are the root of trust and never come from the server.
import { defineConfig } from '@tarojs/cli';
import { dirname } from 'node:path';
import { pinnedLogKeys } from './log-keys';

// npm may install Taro's React plugin under miniapp/node_modules (the console's packages at the
// root decide the hoisting) while @tarojs/taro-h5, hoisted to the root, imports its runtime: name
// the copy this package resolves, wherever it is.
const frameworkReact = dirname(require.resolve('@tarojs/plugin-framework-react/package.json'));

const target = process.env.TARO_ENV ?? 'h5';
const outputRoot = process.env.TANLIAN_OUTPUT_ROOT ?? `dist/${target}`;

export default defineConfig<'webpack5'>(async () => ({
  projectName: 'tanlian-miniapp',
  date: '2026-12-02',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot,
  plugins: [],
  alias: { '@tarojs/plugin-framework-react': frameworkReact },
  defineConstants: {
    PINNED_LOG_KEYS: JSON.stringify(pinnedLogKeys(process.env)),
    BUILD_TARGET: JSON.stringify(target),
  },
  // Dark mode: WeChat reads theme.json beside app.json (app.config.ts names it).
  copy: {
    patterns:
      target === 'weapp' ? [{ from: 'src/theme.json', to: `${outputRoot}/theme.json` }] : [],
    options: {},
  },
  framework: 'react',
  compiler: { type: 'webpack5', prebundle: { enable: false } },
  cache: { enable: false },
  mini: {
    postcss: {
      pxtransform: { enable: true, config: {} },
      cssModules: {
        enable: false,
        config: {
          namingPattern: 'module',
          generateScopedName: '[name]__[local]___[hash:base64:5]',
        },
      },
    },
    optimizeMainPackage: { enable: true },
  },
  h5: {
    publicPath: '/',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    output: {
      filename: 'js/[name].[contenthash:8].js',
      chunkFilename: 'js/[name].[contenthash:8].js',
    },
    postcss: { autoprefixer: { enable: false, config: {} } },
  },
}));
