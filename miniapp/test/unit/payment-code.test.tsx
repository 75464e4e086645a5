// 出示付款码: replaced before it expires, the result shown once a merchant holds with it, revoked
// on leaving only when unused; the QR drawn decodes to the code; the screen's states.
import { render, screen } from '@testing-library/react';
import jsQR from 'jsqr';
import {
  PaymentCodeSession,
  REFRESH_BEFORE_S,
  type PaymentCode,
  type PaymentCodeApi,
  type PayState,
} from '../../src/pkg-redeem/payment-code';
import { drawQr, qrMatrix } from '../../src/pkg-redeem/components/qr-matrix';
import { PayView } from '../../src/pkg-redeem/pages/pay/index';

// jsdom draws nothing; the QR's pixels are tested through drawQr below.
HTMLCanvasElement.prototype.getContext = (() => null) as never;

function fakeService(startMs: number) {
  let now = startMs;
  let n = 0;
  const codes = new Map<string, { code: PaymentCode; status: 'active' | 'used' | 'revoked' }>();
  const revoked: string[] = [];
  const ticks: (() => void)[] = [];
  const api: PaymentCodeApi = {
    create: async () => {
      n += 1;
      const code: PaymentCode = {
        id: `rc_${String(n).padStart(16, '0')}`,
        status: 'active',
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + 60_000).toISOString(),
        usedAt: null,
        revokedAt: null,
        merchant: null,
        maxPoints: null,
        code: `RC${'A'.repeat(31)}${n}`,
      };
      codes.set(code.id, { code, status: 'active' });
      return code;
    },
    view: async (id) => ({ ...codes.get(id)!.code, status: codes.get(id)!.status }),
    revoke: async (id) => {
      const c = codes.get(id)!;
      if (c.status === 'used') throw new Error('409 code_used');
      c.status = 'revoked';
      revoked.push(id);
    },
  };
  const clock = {
    now: () => now,
    every: (_ms: number, run: () => void) => {
      ticks.push(run);
      return () => ticks.splice(ticks.indexOf(run), 1);
    },
  };
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return {
    api,
    clock,
    codes,
    revoked,
    advance: async (ms: number) => {
      now += ms;
      ticks.forEach((t) => t());
      for (let i = 0; i < 5; i++) await flush();
    },
  };
}

test('shows a code, replaces it before expiry (revoking the old one), and stops once a merchant used it', async () => {
  const svc = fakeService(Date.parse('2026-12-02T10:00:00Z'));
  const states: PayState[] = [];
  const session = new PaymentCodeSession((s) => states.push(s), svc.api, svc.clock);
  await session.start();
  expect(states.at(-1)).toMatchObject({ status: 'showing', secondsLeft: 60 });
  await svc.advance(30_000);
  expect(states.at(-1)).toMatchObject({ status: 'showing', secondsLeft: 30 });
  await svc.advance((60 - REFRESH_BEFORE_S - 30) * 1000);
  const second = states.at(-1) as Extract<PayState, { status: 'showing' }>;
  expect(second.code.id).toBe('rc_0000000000000002');
  expect(svc.revoked).toEqual(['rc_0000000000000001']);
  // the merchant holds with the second code
  svc.codes.get(second.code.id)!.status = 'used';
  await svc.advance(1500);
  expect(states.at(-1)).toEqual({ status: 'used', codeId: second.code.id });
  // leaving now must not cancel the sale
  await session.leave();
  expect(svc.revoked).toEqual(['rc_0000000000000001']);
});

test('leaving with an unused code revokes it', async () => {
  const svc = fakeService(Date.parse('2026-12-02T10:00:00Z'));
  const session = new PaymentCodeSession(() => undefined, svc.api, svc.clock);
  await session.start();
  await session.leave();
  expect(svc.revoked).toEqual(['rc_0000000000000001']);
});

test('the QR drawn decodes to the code (as the POS reads it)', () => {
  const code = 'RCABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const size = 240;
  const pixels = new Uint8ClampedArray(size * size * 4);
  let fill = '#ffffff';
  const ctx = {
    set fillStyle(v: string) {
      fill = v;
    },
    get fillStyle() {
      return fill;
    },
    fillRect(x: number, y: number, w: number, h: number) {
      const v = fill === '#000000' ? 0 : 255;
      for (let j = y; j < y + h; j++)
        for (let i = x; i < x + w; i++) pixels.set([v, v, v, 255], (j * size + i) * 4);
    },
  };
  drawQr(ctx, qrMatrix(code), size);
  expect(jsQR(pixels, size, size)?.data).toBe(code);
});

test('the screen’s states: creating, showing (the code never as text), used, offline', () => {
  const code = { id: 'rc_0000000000000001', code: 'RCSECRET', expiresAt: '' } as PaymentCode;
  const view = render(<PayView state={{ status: 'creating' }} onRetry={() => undefined} />);
  expect(screen.getByText('正在刷新…')).toBeTruthy();
  view.rerender(
    <PayView state={{ status: 'showing', code, secondsLeft: 42 }} onRetry={() => undefined} />,
  );
  expect(screen.getByText('请商户扫描此码。付款码一次有效，42 秒后自动刷新')).toBeTruthy();
  expect(screen.getByRole('img', { name: '付款码二维码' })).toBeTruthy();
  expect(view.container.textContent).not.toContain('RCSECRET');
  view.rerender(
    <PayView state={{ status: 'error', message: 'x', offline: true }} onRetry={() => undefined} />,
  );
  expect(screen.getByText('网络不可用，请联网后重试')).toBeTruthy();
});
