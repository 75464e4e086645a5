// Each screen's states (loading, ready, empty, error, offline, signed out) with Taro mocked and
// the service's answers given per route.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import Home from '../../src/pages/home/index';
import Records from '../../src/pages/records/index';
import Shop from '../../src/pages/shop/index';
import Me from '../../src/pages/me/index';
import { session } from '../../src/services/session';
import { answer, requests } from '../mocks/taro';
import { API, account, bagOffer, record } from '../support/fixtures';

const signedIn = () => session.set('rs_0123456789abcdef.secret');

describe('碳账户', () => {
  test('totals, lots by issuer and expiry, today’s bubbles, caps left and growth', async () => {
    signedIn();
    answer({
      [`GET ${API}/residents/me/account`]: {
        body: account({
          history: [
            record({ reference: 'a', reductionMg: '100000' }),
            record({
              reference: 'b',
              status: 'capped',
              reason: 'daily cap reached',
              reductionMg: '196000',
              points: '0',
            }),
            record({ reference: 'c', status: 'pending_binding', reductionMg: null, points: null }),
          ],
        }),
      },
      [`GET ${API}/methodologies`]: {
        body: [
          {
            code: 'sz-metro',
            version: 2,
            status: 'published',
            definition: { title: '地铁出行', behaviour: 'metro', caps: { perDayMg: 500000 } },
          },
        ],
      },
    });
    render(<Home />);
    expect(screen.getByText('加载中…')).toBeTruthy();
    await screen.findByText('15 千克 CO₂e');
    expect(screen.getByText('1,250')).toBeTruthy();
    expect(screen.getByText('shenzhen-metro · 1,000 积分 · 2027-12-31 到期')).toBeTruthy();
    expect(screen.getByText('shenzhen-bus · 250 积分 · 2028-06-30 到期')).toBeTruthy();
    expect(screen.getByLabelText('已到账 100 克')).toBeTruthy();
    expect(screen.getByLabelText('已达上限 196 克')).toBeTruthy();
    expect(screen.getAllByText('等待中')).toHaveLength(1);
    // 500 g a day; 100 g credited and 196 g capped count against it
    expect(screen.getByText('地铁出行：204 克 / 500 克')).toBeTruthy();
    expect(screen.getByText('第 3 级 · 小树')).toBeTruthy();
    expect(screen.getByText('再减排 35 千克 升到「林荫」')).toBeTruthy();
  });

  test('signed out: says so, and the sign-in button signs in (development code on H5)', async () => {
    answer({
      [`GET ${API}/residents/me/account`]: (req) =>
        req.header.authorization
          ? { body: account() }
          : { status: 401, body: { code: 'unauthorized', message: 'no session' } },
      [`GET ${API}/methodologies`]: { body: [] },
      [`POST ${API}/residents/sessions`]: {
        status: 201,
        body: { token: 'rs_1.s', expiresAt: '', resident: {} },
      },
    });
    render(<Home />);
    await screen.findByText('请先登录，才能查看你的碳账户');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    await screen.findByText('15 千克 CO₂e');
    const signIn = requests.find((r) => r.url.endsWith('/residents/sessions'));
    expect(JSON.parse(signIn?.data ?? '{}')).toEqual({ code: 'dev:demo-resident' });
  });

  test('error: names it and retries', async () => {
    signedIn();
    answer({
      [`GET ${API}/residents/me/account`]: {
        status: 503,
        body: { code: 'storage_unavailable', message: '数据库暂不可用' },
      },
    });
    render(<Home />);
    await screen.findByText('出错了：数据库暂不可用');
    answer({
      [`GET ${API}/residents/me/account`]: { body: account() },
      [`GET ${API}/methodologies`]: { body: [] },
    });
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    await screen.findByText('15 千克 CO₂e');
  });

  test('offline: the saved account with a banner; nothing saved: says to connect', async () => {
    signedIn();
    answer({ [`GET ${API}/residents/me/account`]: { offline: true } });
    const first = render(<Home />);
    await screen.findByText('网络不可用，请联网后重试');
    first.unmount();
    answer({
      [`GET ${API}/residents/me/account`]: { body: account() },
      [`GET ${API}/methodologies`]: { body: [] },
    });
    const second = render(<Home />);
    await screen.findByText('15 千克 CO₂e');
    second.unmount();
    answer({ [`GET ${API}/residents/me/account`]: { offline: true } });
    render(<Home />);
    await screen.findByText('网络不可用，显示的是上次保存的内容');
    expect(screen.getByText('15 千克 CO₂e')).toBeTruthy();
  });
});

describe('记录', () => {
  test('each record: operator, methodology, formula filled in, grams, points, status in words; 验证 opens the check', async () => {
    signedIn();
    answer({
      [`GET ${API}/residents/me/account`]: {
        body: account({
          history: [
            record(),
            record({
              reference: 'r2',
              status: 'capped',
              reason: 'daily cap of 296 g for walking reached',
              points: '0',
              receipt: null,
            }),
            record({
              reference: 'r3',
              status: 'pending_binding',
              reductionMg: null,
              points: null,
              formula: null,
              methodology: null,
              receipt: null,
            }),
          ],
          nextBefore: 'cursor-2',
        }),
      },
    });
    render(<Records />);
    await screen.findAllByText('来自 shenzhen-metro', { exact: false });
    expect(screen.getAllByText('方法学 sz-metro@2')).toHaveLength(2);
    expect(
      screen.getAllByText('计算：12300 m × 26.9 克/1000 m = 330.8 克（向下取整）'),
    ).toHaveLength(2);
    expect(screen.getAllByText('减排 330.8 克 CO₂e')).toHaveLength(2);
    expect(screen.getByText('33 积分')).toBeTruthy();
    expect(screen.getByText('已达上限：daily cap of 296 g for walking reached')).toBeTruthy();
    expect(screen.getByText(/去「我的」扫码绑定后/)).toBeTruthy();
    expect(screen.getAllByText('正在写入审计日志（约 10 秒）')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: '验证 rec-1' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: '/pkg-verify/pages/receipt/index?leafIndex=7&leafHash=AAAA&reference=rec-1',
    });
    // the next page is appended
    answer({
      [`GET ${API}/residents/me/account`]: {
        body: account({ history: [record({ reference: 'r4', behaviour: 'bus' })] }),
      },
    });
    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    await screen.findByText('bus');
    expect(requests.some((r) => r.url.includes('before=cursor-2'))).toBe(true);
  });

  test('empty: says how records arrive', async () => {
    signedIn();
    answer({ [`GET ${API}/residents/me/account`]: { body: account({ history: [] }) } });
    render(<Records />);
    await screen.findByText('还没有记录。绑定账户后，你的绿色出行会出现在这里');
  });
});

describe('兑换', () => {
  const offer = bagOffer;
  test('the live offers, and 出示付款码 opens the code', async () => {
    answer({ [`GET ${API}/offers`]: { body: { offers: [offer], next: null } } });
    render(<Shop />);
    await screen.findByText('环保购物袋');
    expect(screen.getByText('1,200 积分')).toBeTruthy();
    expect(screen.getByText('剩余 3 · 每人每天限 1 次')).toBeTruthy();
    expect(screen.getByText('接受：所有发放方的积分')).toBeTruthy();
    // public: no session token is sent
    expect(requests.find((r) => r.url.includes('/offers'))?.header.authorization).toBeUndefined();
    fireEvent.click(screen.getByRole('button', { name: '出示付款码' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pkg-redeem/pages/pay/index' });
  });
  test('empty and error', async () => {
    answer({ [`GET ${API}/offers`]: { body: { offers: [], next: null } } });
    const view = render(<Shop />);
    await screen.findByText('现在没有可兑换的商品');
    view.unmount();
    answer({ [`GET ${API}/offers`]: { status: 500, body: { message: 'boom' } } });
    render(<Shop />);
    await screen.findByText('出错了：boom');
  });
});

describe('我的', () => {
  test('bindings listed; binding waits for the privacy consent, given with the agree button', async () => {
    signedIn();
    answer({
      [`GET ${API}/residents/me`]: {
        body: { id: 'res_0123456789abcdef', program: 'shenzhen', createdAt: '', bindings: 1 },
      },
      [`GET ${API}/residents/me/bindings`]: {
        body: [{ operator: 'shenzhen-metro', user: 'u-42', boundAt: '2026-12-01T08:00:00Z' }],
      },
    });
    render(<Me />);
    await screen.findByText('shenzhen-metro · u-42');
    expect(screen.getByText('居民编号 res_0123456789abcdef')).toBeTruthy();
    const bind = screen.getByRole('button', { name: '扫码绑定账户' }) as HTMLButtonElement;
    expect(bind.disabled).toBe(true);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '同意并继续' }));
    });
    await waitFor(() => expect(bind.disabled).toBe(false));
    expect(screen.getByText('已同意隐私政策')).toBeTruthy();
    fireEvent.click(bind);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pkg-bind/pages/bind/index' });
  });
  test('no bindings yet', async () => {
    signedIn();
    answer({
      [`GET ${API}/residents/me`]: {
        body: { id: 'res_0123456789abcdef', program: 'shenzhen', createdAt: '', bindings: 0 },
      },
      [`GET ${API}/residents/me/bindings`]: { body: [] },
    });
    render(<Me />);
    await screen.findByText('还没有绑定账户');
  });
});
