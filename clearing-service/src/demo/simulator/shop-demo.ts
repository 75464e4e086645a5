// The demo's merchants at work: their tills take residents' redemption codes for holds, capture
// most (some in part), void some, and refund part of a few captures, at a gentle pace; and the
// demo's clearing cycle, closed every few minutes, with where to download each cycle's files.
// Everything goes through the api as a till and a bureau would, with an Idempotency-Key each.
import { Prng } from './prng';

export interface ShopDemoOptions {
  baseUrl: string;
  program: string;
  /** Merchants' codes and API tokens. */
  merchants: { code: string; token: string }[];
  /** Session tokens of residents who have points. */
  residents: string[];
  /** One till sale every this many ms. */
  everyMs: number;
}

export interface ShopStats {
  holds: number;
  captures: number;
  voids: number;
  refunds: number;
  declined: number;
}

export interface ShopDemo {
  readonly stats: ShopStats;
  stop(): void;
}

export function runShopDemo(o: ShopDemoOptions, onError: (message: string) => void): ShopDemo {
  const stats: ShopStats = { holds: 0, captures: 0, voids: 0, refunds: 0, declined: 0 };
  const prng = new Prng(20261202);
  let sale = 0;
  let busy = false;
  const post = async (path: string, token: string, body: object) => {
    const res = await fetch(`${o.baseUrl}/v1/programs/${o.program}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': `demo-${process.pid}-${++sale}`,
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const one = async () => {
    const resident = prng.pick(o.residents);
    const merchant = prng.pick(o.merchants);
    const code = await post('/residents/me/redemption-codes', resident, {
      merchant: merchant.code,
    });
    if (code.status !== 201) return void stats.declined++;
    const points = prng.int(1, 30);
    const base = `/participants/${merchant.code}/redemptions`;
    const held = await post(base, merchant.token, {
      code: code.body.code,
      points,
      merchantOrderId: `demo-${sale}`,
    });
    if (held.status !== 201) return void stats.declined++; // the resident had too few points
    stats.holds++;
    const id = String(held.body.id);
    if (prng.chance(0.1)) {
      await post(`${base}/${id}/void`, merchant.token, {});
      return void stats.voids++;
    }
    // One in five takes less than it held: the rest goes back to the resident's lots.
    const take = prng.chance(0.2) && points > 1 ? points - 1 : points;
    await post(`${base}/${id}/capture`, merchant.token, { points: take });
    stats.captures++;
    if (prng.chance(0.1)) {
      await post(`${base}/${id}/refunds`, merchant.token, {
        points: prng.int(1, take),
        refundId: `demo-refund-${sale}`,
      });
      stats.refunds++;
    }
  };
  const timer = setInterval(() => {
    if (busy || o.residents.length === 0 || o.merchants.length === 0) return;
    busy = true;
    one()
      .catch((err: Error) => onError(`a till sale failed: ${err.message}`))
      .finally(() => (busy = false));
  }, o.everyMs);
  return { stats, stop: () => clearInterval(timer) };
}

/**
 * Closes the demo program's clearing cycle every `everyMs` and, once the worker has cleared it,
 * says where its statements and files are: `onCleared` gets one line per cycle.
 */
export function runDemoCycles(
  o: { baseUrl: string; program: string; adminToken: string; everyMs: number },
  onCleared: (line: string) => void,
  onError: (message: string) => void,
): { stop(): void } {
  const base = `${o.baseUrl}/v1/programs/${o.program}/clearing/cycles`;
  const headers = { authorization: `Bearer ${o.adminToken}` };
  let stopped = false;
  const clear = async () => {
    const closed = await fetch(`${base}/close`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': `demo-close-${Date.now()}` },
    });
    if (!closed.ok) throw new Error(`closing the cycle answered HTTP ${closed.status}`);
    const seq = ((await closed.json()) as { sequence: number }).sequence;
    for (let tries = 0; tries < 60 && !stopped; tries++) {
      await new Promise((r) => setTimeout(r, 1_000));
      const cycle = (await (await fetch(`${base}/${seq}`, { headers })).json()) as {
        state: string;
        positions: { participant: string; netFen: string }[];
        files: { id: string; name: string }[];
      };
      if (!['issued', 'settling', 'settled'].includes(cycle.state)) continue;
      const moving = cycle.positions.filter((p) => p.netFen !== '0');
      onCleared(
        `clearing cycle ${seq} ${cycle.state}: ${moving.length} net positions, ${cycle.files.length} files; ` +
          `curl -H "Authorization: Bearer <bureau token>" ${base}/${seq} lists them, ${base}/${seq}/files/<id> downloads one`,
      );
      return;
    }
  };
  const timer = setInterval(() => {
    clear().catch((err: Error) => onError(`the demo's clearing cycle: ${err.message}`));
  }, o.everyMs);
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
