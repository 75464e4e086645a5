import { ResidentSessionsService } from '../../src/residents/services/resident-sessions.service';
import { EarnEnv, metroRide } from './earn-env';
import { seedMerchant } from './tenancy-fixtures';
import { bearer } from './test-app';

/**
 * A program with residents who hold metro points and a merchant `cafe` with offers: what the shop's
 * e2e tests buy from. Residents are signed in (session tokens); rides are pushed and credited.
 */
export class ShopEnv {
  readonly tokens = new Map<string, string>();
  cafeToken = '';
  private keys = 0;

  private constructor(readonly env: EarnEnv) {}

  /** The env with its worker (which credits the rides and releases expired holds). */
  static async start(name: string, config: Record<string, string> = {}): Promise<ShopEnv> {
    const env = await EarnEnv.start(name, config);
    await env.startWorker();
    return new ShopEnv(env);
  }

  get base(): string {
    return `/v1/programs/${this.env.program.code}`;
  }

  /** Signs `user` in, bound to metro, with one credited ride per entry of `rides`. */
  async resident(user: string, rides: number): Promise<string> {
    const id = await this.env.bindResident(`wx-${user}`, this.env.operators.metro, user);
    await this.ride(user, rides);
    const token = (await this.env.api.app.get(ResidentSessionsService).open(id)).token;
    this.tokens.set(user, token);
    return token;
  }

  /** Credits `n` more metro rides to `user`. */
  async ride(user: string, n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      const ride = metroRide(`${user}-${++this.keys}`, user, { minutesAgo: 30 + this.keys * 40 });
      await this.env.push(this.env.operators.metro, ride).expect(202);
    }
    await this.env.processed();
  }

  async cafe(): Promise<void> {
    this.cafeToken = (await seedMerchant(this.env.api.app, this.env.program, 'cafe')).token;
  }

  async offer(code: string, terms: object = {}): Promise<void> {
    await this.env.api
      .http()
      .post(`${this.base}/participants/cafe/offers`)
      .set(bearer(this.cafeToken))
      .send({
        code,
        title: `${code} title`,
        pricePoints: 1,
        validFrom: '2026-01-01T00:00:00+08:00',
        validUntil: '2036-01-01T00:00:00+08:00',
        ...terms,
      })
      .expect(201);
  }

  async balance(token: string): Promise<number> {
    const res = await this.env.api
      .http()
      .get(`${this.base}/residents/me/account`)
      .set(bearer(token))
      .expect(200);
    return Number(res.body.points.balance);
  }

  buy(token: string, key: string, body: object) {
    return this.env.api
      .http()
      .post(`${this.base}/residents/me/purchases`)
      .set(bearer(token))
      .set('idempotency-key', key)
      .send(body);
  }

  /** Row counts of everything a purchase writes, to show a refused one wrote nothing. */
  async footprint(): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const t of [
      'redemptions',
      'redemption_allocations',
      'offer_purchase_days',
      'idempotency_keys',
      'ledger_transactions',
      'audit_leaves',
      'callback_deliveries',
    ])
      out[t] = Number((await this.env.db.query(`SELECT COUNT(*) AS n FROM ${t}`))[0].n);
    out.stock = await this.env.db.query('SELECT code, stock FROM merchant_offers ORDER BY id');
    return out;
  }
}
