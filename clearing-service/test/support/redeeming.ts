import type { EarnEnv } from './earn-env';
import { bearer } from './test-app';

let keys = 0;

/** A resident (by session token) at a merchant (code and token): holds, captures, refunds, voids over HTTP. */
export class Redeeming {
  constructor(
    private readonly env: EarnEnv,
    private readonly resident: string,
    private readonly merchant: { code: string; token: string },
  ) {}

  private get base() {
    return `/v1/programs/${this.env.program.code}`;
  }

  /** A hold of `points` made with a fresh code of the resident's; its public id. */
  async hold(points: number, merchantOrderId?: string): Promise<string> {
    const code = await this.env.api
      .http()
      .post(`${this.base}/residents/me/redemption-codes`)
      .set(bearer(this.resident))
      .send({ merchant: this.merchant.code })
      .expect(201);
    const res = await this.env.api
      .http()
      .post(`${this.base}/participants/${this.merchant.code}/redemptions`)
      .set(bearer(this.merchant.token))
      .set('idempotency-key', `redeeming-${++keys}`)
      .send({ code: code.body.code, points, merchantOrderId })
      .expect(201);
    return res.body.id as string;
  }

  /** POSTs `…/redemptions/{id}/{what}` (capture, void, refunds) and expects 200. */
  act(id: string, what: 'capture' | 'void' | 'refunds', body: object = {}) {
    return this.env.api
      .http()
      .post(`${this.base}/participants/${this.merchant.code}/redemptions/${id}/${what}`)
      .set(bearer(this.merchant.token))
      .set('idempotency-key', `redeeming-${++keys}`)
      .send(body)
      .expect(200);
  }

  /** A hold captured whole; its public id. */
  async capture(points: number, merchantOrderId?: string): Promise<string> {
    const id = await this.hold(points, merchantOrderId);
    await this.act(id, 'capture');
    return id;
  }
}

/** The state of the program's cycle `seq` (undefined when there is none). */
export async function cycleState(env: EarnEnv, seq: number): Promise<string | undefined> {
  const [row]: { state: string }[] = await env.db.query(
    'SELECT state FROM clearing_cycles WHERE program_id = ? AND seq = ?',
    [env.program.id, seq],
  );
  return row?.state;
}

/** Waits until cycle `seq` is issued (or past it): cleared by a worker. */
export async function clearedCycle(env: EarnEnv, seq: number, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await cycleState(env, seq);
    if (state && ['issued', 'settling', 'settled'].includes(state)) return state;
    if (Date.now() > deadline) throw new Error(`cycle ${seq} is still ${state}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
