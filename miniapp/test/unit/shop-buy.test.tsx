// 兑换 of an offer: the confirmation, the purchase with an Idempotency-Key from WeChat's random
// source (the same key on a retry), each refusal in plain words, and the result with which lots
// paid, oldest expiry first.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro, { useRouter } from '@tarojs/taro';
import Shop from '../../src/pages/shop/index';
import RedemptionResult from '../../src/pkg-redeem/pages/redemption/index';
import RedemptionHistory from '../../src/pkg-redeem/pages/history/index';
import { session } from '../../src/services/session';
import type { Redemption } from '../../src/services/purchases';
import { answer, requests } from '../mocks/taro';
import { API, bagOffer } from '../support/fixtures';

const offer = bagOffer;

const held: Redemption = {
  id: 'rd_0123456789abcdef',
  status: 'held',
  merchant: 'green-shop',
  offer: { code: 'bag', title: '环保购物袋' },
  heldPoints: 1200,
  capturedPoints: 0,
  refundedPoints: 0,
  createdAt: '2026-12-02T08:00:00.000Z',
  expiresAt: '2026-12-03T08:00:00.000Z',
  resolvedAt: null,
  allocations: [
    { issuer: 'shenzhen-metro', expiresOn: '2027-06-30', heldPoints: 1000, capturedPoints: 0 },
    { issuer: 'shenzhen-bus', expiresOn: '2027-12-31', heldPoints: 200, capturedPoints: 0 },
  ],
} as Redemption;

let wxBytes = 0;
beforeEach(() => {
  wxBytes = 0;
  session.set('rs_0123456789abcdef.secret');
  answer({ [`GET ${API}/offers`]: { body: { offers: [offer], next: null } } });
  // the phone's own random source: each call a new byte pattern
  (globalThis as { wx?: unknown }).wx = {
    getRandomValues: (o: { length: number; success: (r: { randomValues: ArrayBuffer }) => void }) =>
      o.success({ randomValues: new Uint8Array(o.length).fill(++wxBytes).buffer }),
  };
});
afterEach(() => {
  delete (globalThis as { wx?: unknown }).wx;
});

const purchases = () => requests.filter((r) => r.method === 'POST' && r.url.endsWith('/purchases'));

async function tapBuy() {
  render(<Shop />);
  fireEvent.click(await screen.findByRole('button', { name: '兑换 环保购物袋' }));
  expect(
    screen.getByText('用 1,200 积分兑换「环保购物袋」？积分先冻结，商户交付后扣除'),
  ).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '确认兑换' }));
}

test('confirm, buy with a key from wx.getRandomValues, and open the result', async () => {
  answer({ [`POST ${API}/residents/me/purchases`]: { status: 201, body: held } });
  await tapBuy();
  await waitFor(() =>
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: '/pkg-redeem/pages/redemption/index?id=rd_0123456789abcdef',
    }),
  );
  const [sent] = purchases();
  expect(JSON.parse(sent.data!)).toEqual({ merchant: 'lianhua', offer: 'bag' });
  expect(sent.header['Idempotency-Key']).toBe(wxBytes.toString(16).padStart(2, '0').repeat(16));
  expect(sent.header.authorization).toBe('Bearer rs_0123456789abcdef.secret');
});

test('cancel sends nothing', async () => {
  render(<Shop />);
  fireEvent.click(await screen.findByRole('button', { name: '兑换 环保购物袋' }));
  fireEvent.click(screen.getByRole('button', { name: '取消' }));
  expect(screen.getByRole('button', { name: '兑换 环保购物袋' })).toBeTruthy();
  expect(purchases()).toHaveLength(0);
});

test.each([
  [409, 'offer_out_of_stock', 'sold out', '已兑完，看看别的商品吧'],
  [409, 'offer_limit_reached', 'limit', '今天兑换这个商品的次数已达上限，明天再来'],
  [422, 'insufficient_points', 'available: 300', '积分不足：available: 300'],
  [422, 'issuer_not_accepted', 'no', '这个商品不接受你持有的积分（它接受的发放方见商品说明）'],
  [422, 'validation_failed', 'offer: withdrawn', '这个商品已下架或不在兑换期内，请刷新'],
])('%i %s is said plainly, with no retry of the same tap', async (status, code, message, text) => {
  answer({ [`POST ${API}/residents/me/purchases`]: { status, body: { code, message } } });
  await tapBuy();
  await screen.findByText(text);
  expect(screen.queryByRole('button', { name: '重试' })).toBeNull();
  expect(Taro.navigateTo).not.toHaveBeenCalled();
});

test('offline: the retry sends the same Idempotency-Key, so nothing is bought twice', async () => {
  let calls = 0;
  answer({
    [`POST ${API}/residents/me/purchases`]: () =>
      ++calls === 1 ? { offline: true } : { status: 201, body: held },
  });
  await tapBuy();
  await screen.findByText(/网络不可用：兑换没有发出或没有收到回复/);
  fireEvent.click(screen.getByRole('button', { name: '重试' }));
  await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalled());
  const [first, second] = purchases();
  expect(second.header['Idempotency-Key']).toBe(first.header['Idempotency-Key']);
  // one tap, one key: the random source was asked once
  expect(wxBytes).toBe(1);
});

test('the result: its status, the number to show, and which lots paid, oldest expiry first', async () => {
  (useRouter as jest.Mock).mockReturnValue({ params: { id: held.id } });
  answer({ [`GET ${API}/residents/me/redemptions/${held.id}`]: { body: held } });
  render(<RedemptionResult />);
  await screen.findByText('已冻结，等待商户交付');
  expect(screen.getByText('到店请出示兑换编号：rd_0123456789abcdef')).toBeTruthy();
  const lots = screen.getAllByText(/到期 · 冻结/).map((e) => e.textContent);
  expect(lots).toEqual([
    'shenzhen-metro · 2027-06-30 到期 · 冻结 1,000 · 扣除 0',
    'shenzhen-bus · 2027-12-31 到期 · 冻结 200 · 扣除 0',
  ]);
});

test('the result: error with retry, and offline from what was saved', async () => {
  (useRouter as jest.Mock).mockReturnValue({ params: { id: held.id } });
  answer({
    [`GET ${API}/residents/me/redemptions/${held.id}`]: { status: 500, body: { message: 'boom' } },
  });
  const view = render(<RedemptionResult />);
  await screen.findByText('出错了：boom');
  answer({
    [`GET ${API}/residents/me/redemptions/${held.id}`]: {
      body: { ...held, status: 'captured', capturedPoints: 1200 },
    },
  });
  fireEvent.click(screen.getByRole('button', { name: '重试' }));
  await screen.findByText('✓ 商户已交付，积分已扣除');
  view.unmount();
  answer({ [`GET ${API}/residents/me/redemptions/${held.id}`]: { offline: true } });
  render(<RedemptionResult />);
  await screen.findByText('网络不可用，显示的是上次保存的内容');
  expect(screen.getByText('✓ 商户已交付，积分已扣除')).toBeTruthy();
});

test('兑换记录: newest first with the lots, empty, and more by cursor', async () => {
  answer({
    [`GET ${API}/residents/me/redemptions?limit=20`]: {
      body: { redemptions: [held], next: held.id },
    },
    [`GET ${API}/residents/me/redemptions?limit=20&after=${held.id}`]: {
      body: {
        redemptions: [{ ...held, id: 'rd_00000000000000aa', offer: null, status: 'voided' }],
        next: null,
      },
    },
  });
  const view = render(<RedemptionHistory />);
  await screen.findByText('环保购物袋');
  fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
  await screen.findByText('付款码兑换');
  expect(screen.getByText('商户已取消，积分已退回')).toBeTruthy();
  expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull();
  view.unmount();
  answer({
    [`GET ${API}/residents/me/redemptions?limit=20`]: { body: { redemptions: [], next: null } },
  });
  render(<RedemptionHistory />);
  await screen.findByText('还没有兑换记录');
});
