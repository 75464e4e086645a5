// The payment code's life on the phone: a one-time code (POST …/me/redemption-codes), replaced
// before it expires; polled (GET …/{codeId}) so the screen shows at once when a merchant holds
// with it; revoked (DELETE) when the resident leaves without using it. A code a merchant used is
// never revoked: its hold stays until the merchant captures or voids it, or it expires, so a
// phone that locks at the till cannot cancel the sale.
import { ApiError, call, type ApiAnswer } from '../services/api';

export type PaymentCode = ApiAnswer<'/v1/programs/{program}/residents/me/redemption-codes', 'post'>;
export type CodeView = ApiAnswer<
  '/v1/programs/{program}/residents/me/redemption-codes/{codeId}',
  'get'
>;

export type PayState =
  | { status: 'creating' }
  | { status: 'showing'; code: PaymentCode; secondsLeft: number }
  | { status: 'used'; codeId: string }
  | { status: 'error'; message: string; offline: boolean };

export interface PaymentCodeApi {
  create(): Promise<PaymentCode>;
  view(codeId: string): Promise<CodeView>;
  revoke(codeId: string): Promise<void>;
}

export const paymentCodeApi: PaymentCodeApi = {
  create: () =>
    call('post', '/v1/programs/{program}/residents/me/redemption-codes', {
      body: { ttlSeconds: 60 },
    }),
  view: (codeId) =>
    call('get', '/v1/programs/{program}/residents/me/redemption-codes/{codeId}', {
      path: { codeId },
    }),
  revoke: async (codeId) => {
    await call('delete', '/v1/programs/{program}/residents/me/redemption-codes/{codeId}', {
      path: { codeId },
    });
  },
};

/** Seconds before expiry when the code is replaced: a scan at the last second still works. */
export const REFRESH_BEFORE_S = 10;
export const POLL_EVERY_MS = 1500;

export interface Clock {
  now(): number;
  every(ms: number, run: () => void): () => void;
}

const realClock: Clock = {
  now: () => Date.now(),
  every: (ms, run) => {
    const id = setInterval(run, ms);
    return () => clearInterval(id);
  },
};

export class PaymentCodeSession {
  private code: PaymentCode | undefined;
  private used = false;
  private stopped = false;
  private busy = false;
  private stopTimer: () => void = () => {};

  constructor(
    private readonly onState: (state: PayState) => void,
    private readonly api: PaymentCodeApi = paymentCodeApi,
    private readonly clock: Clock = realClock,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.replace();
    this.stopTimer();
    this.stopTimer = this.clock.every(POLL_EVERY_MS, () => void this.tick());
  }

  /** Leaving the screen: stop, and revoke the code unless a merchant used it. */
  async leave(): Promise<void> {
    this.stopped = true;
    this.stopTimer();
    const code = this.code;
    if (code === undefined || this.used) return;
    this.code = undefined;
    await this.api.revoke(code.id).catch(() => undefined); // used meanwhile (409) or offline: it expires
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.busy || this.used || this.code === undefined) return;
    this.busy = true;
    try {
      const code = this.code;
      const view = await this.api.view(code.id);
      if (view.status === 'used') {
        this.used = true;
        this.stopTimer();
        this.onState({ status: 'used', codeId: code.id });
        return;
      }
      const secondsLeft = Math.floor((Date.parse(code.expiresAt) - this.clock.now()) / 1000);
      if (view.status !== 'active' || secondsLeft <= REFRESH_BEFORE_S) {
        await this.api.revoke(code.id).catch(() => undefined);
        await this.replace();
      } else {
        this.onState({ status: 'showing', code, secondsLeft });
      }
    } catch (err) {
      this.onState({
        status: 'error',
        message: (err as Error).message,
        offline: err instanceof ApiError && err.offline,
      });
    } finally {
      this.busy = false;
    }
  }

  private async replace(): Promise<void> {
    if (this.stopped) return;
    this.onState({ status: 'creating' });
    try {
      const code = await this.api.create();
      if (this.stopped) {
        await this.api.revoke(code.id).catch(() => undefined);
        return;
      }
      this.code = code;
      const secondsLeft = Math.floor((Date.parse(code.expiresAt) - this.clock.now()) / 1000);
      this.onState({ status: 'showing', code, secondsLeft });
    } catch (err) {
      this.onState({
        status: 'error',
        message: (err as Error).message,
        offline: err instanceof ApiError && err.offline,
      });
    }
  }
}
