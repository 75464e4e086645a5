// Four tabs in the main package; verification, redemption and binding are subpackages, so the
// main package stays small (≤ 1 MB, test/size-budget.test.js) and the sdk's verification code
// loads only where it runs (preloaded from 记录).
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/records/index', 'pages/shop/index', 'pages/me/index'],
  subPackages: [
    {
      root: 'pkg-verify',
      pages: ['pages/receipt/index', 'pages/account/index', 'pages/about/index'],
    },
    {
      root: 'pkg-redeem',
      pages: ['pages/pay/index', 'pages/redemption/index', 'pages/history/index'],
    },
    { root: 'pkg-bind', pages: ['pages/bind/index'] },
  ],
  preloadRule: {
    'pages/records/index': { network: 'all', packages: ['pkg-verify'] },
    'pages/shop/index': { network: 'all', packages: ['pkg-redeem'] },
  },
  tabBar: {
    color: '@tabColor',
    selectedColor: '@tabSelectedColor',
    backgroundColor: '@tabBackground',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: '碳账户' },
      { pagePath: 'pages/records/index', text: '记录' },
      { pagePath: 'pages/shop/index', text: '兑换' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
  window: {
    navigationBarTitleText: '碳联',
    navigationBarBackgroundColor: '@navBackground',
    navigationBarTextStyle: '@navText' as 'black',
    backgroundColor: '@background',
  },
  darkmode: true,
  themeLocation: 'theme.json',
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
});
