/**
 * @jest-environment node
 */
// The built weapp bundle (dist/weapp, from `npm run build`) renders every page under a stub wx,
// with its requests answered like the service would, and a tap navigates.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadWeapp, settle, until, type Handler } from './weapp-harness';

const DIR = join(__dirname, '../../dist/weapp');
const API = 'https://api.tanlian.example/v1/programs/shenzhen';

const answers: Record<string, unknown> = {
  [`${API}/residents/me/account`]: {
    program: 'shenzhen',
    totalReductionMg: '15000000',
    points: {
      balance: '1250',
      lots: [{ issuer: 'shenzhen-metro', expiresOn: '2027-12-31', points: '1250' }],
      unfunded: '0',
    },
    checkpoint: null,
    history: [
      {
        reference: 'r1',
        operator: 'shenzhen-metro',
        eventId: 'e1',
        behaviour: 'metro',
        startedAt: new Date().toISOString(),
        endedAt: new Date().toISOString(),
        status: 'credited',
        reason: null,
        reductionMg: '330870',
        points: '33',
        pointsStatus: 'credited',
        methodology: 'sz-metro@2',
        formula: '12300 m × 26900 mg / 1000 m = 330870 mg (floor)',
        processedAt: null,
        receipt: null,
      },
    ],
    nextBefore: null,
  },
  [`${API}/methodologies`]: [],
  [`${API}/offers`]: {
    offers: [
      {
        merchant: { code: 'lianhua', name: '联华超市', stores: [] },
        code: 'bag',
        title: '环保购物袋',
        description: null,
        pricePoints: '1200',
        stock: null,
        validFrom: '2026-01-01T00:00:00Z',
        validUntil: '2027-01-01T00:00:00Z',
        limitPerResidentPerDay: null,
        acceptedIssuers: 'all',
      },
    ],
    next: null,
  },
  [`${API}/residents/me`]: {
    id: 'res_0123456789abcdef',
    program: 'shenzhen',
    createdAt: '',
    bindings: 0,
  },
  [`${API}/residents/me/bindings`]: [],
  [`${API}/residents/me/redemptions`]: { redemptions: [], next: null },
  [`${API}/audit/keys`]: {
    origin: 'tanlian.example/shenzhen',
    hash: 'sha256',
    tiles: 'tlog-tiles',
    signer: null,
    sealing: { status: 'sealed', unsealedAgeSeconds: 0 },
    keys: [],
    witnesses: [],
  },
  [`${API}/audit/keys/announcements`]: { announcements: [] },
};
const handle: Handler = ({ url, method }) => {
  const path = url.split('?')[0];
  if (method === 'POST' && path.endsWith('/redemption-codes')) {
    return {
      statusCode: 201,
      data: JSON.stringify({
        id: 'rc_0000000000000001',
        status: 'active',
        createdAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 60000).toISOString(),
        usedAt: null,
        revokedAt: null,
        merchant: null,
        maxPoints: null,
        code: 'RCAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      }),
    };
  }
  const body = answers[path];
  return body === undefined
    ? { statusCode: 404, data: '{"message":"no route"}' }
    : { statusCode: 200, data: JSON.stringify(body) };
};

const built = existsSync(join(DIR, 'app.js'));
const weapp = built ? loadWeapp(DIR, handle) : undefined;
beforeAll(() => {
  if (!built) throw new Error(`${DIR} is not built: run npm run build -w miniapp first`);
  weapp!.storage.set('tanlian.session', 'rs_0123456789abcdef.secret');
});

afterAll(async () => {
  weapp?.closeAll();
  await settle(); // the payment code's revocation on leaving
});

const PAGES: [string, string][] = [
  ['pages/home/index', '15 千克 CO₂e'],
  ['pages/records/index', '计算：12300 m × 26.9 克/1000 m = 330.8 克（向下取整）'],
  ['pages/shop/index', '环保购物袋'],
  ['pages/me/index', '居民编号 res_0123456789abcdef'],
  // A build with no log key pinned (the default) says so; the e2e verifies with a pinned build.
  ['pkg-verify/pages/about/index', 'this build pins no log key'],
  ['pkg-verify/pages/account/index', '开始检查'],
  ['pkg-verify/pages/receipt/index', 'this build pins no log key'],
  ['pkg-redeem/pages/pay/index', '付款码'],
  ['pkg-bind/pages/bind/index', '绑定'],
  ['pkg-redeem/pages/history/index', '还没有兑换记录'],
  // opened without a redemption id: its error state, with 重试
  ['pkg-redeem/pages/redemption/index', '重试'],
];

test.each(PAGES)('%s renders', async (route, expected) => {
  const page = weapp!.openPage(route);
  await until(() => page.text().includes(expected));
  expect(page.text()).toContain(expected);
});

test('a tap on 出示付款码 navigates to the redemption subpackage', async () => {
  const page = weapp!.openPage('pages/shop/index');
  await until(() => page.text().includes('环保购物袋'));
  page.tap('出示付款码');
  await settle();
  expect(weapp!.navigations).toContain('/pkg-redeem/pages/pay/index');
});
