// Phase (3): the worker's expiry sweeper (HoldExpiry) against holds expiring at a steady rate.
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RowDataPacket } from 'mysql2/promise';
import type { Program } from '../../src/tenancy/entities/program.entity';
import { retryOnDeadlock } from '../../src/database/deadlock-retry';
import { HoldsService } from '../../src/redemption/services/holds.service';
import { ParticipantsStore } from '../../src/tenancy/services/participants-store';

/**
 * Holds made in process (HoldsService.holdFor) at `perS` for `seconds`, each with a 5 s TTL (the
 * API's minimum is 60 s: shortening the wait changes nothing the sweeper does), then the worker's
 * sweeper is waited for; lag = released_at − expires_at, both the database's clock.
 */
export async function sweep(
  ctx: INestApplicationContext,
  program: Program,
  seconds: number,
  perS: number,
) {
  const db = ctx.get<DataSource>(getDataSourceToken());
  const holds = ctx.get(HoldsService);
  const merchants = (await ctx.get(ParticipantsStore).list(program.id)).filter((p) => p.isMerchant);
  const ids: { id: number }[] = await db.query(
    'SELECT id FROM residents WHERE program_id = ? ORDER BY id',
    [program.id],
  );
  const ttlS = 5;
  const total = seconds * perS;
  const t0 = performance.now();
  // Each settled as it goes: one failed hold must not end the bench (it is counted).
  const made: Promise<string | null>[] = [];
  let failed = 0;
  for (let i = 0; i < total; i++) {
    const wait = t0 + (i * 1000) / perS - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    made.push(
      retryOnDeadlock(
        () =>
          db.transaction((m) =>
            holds.holdFor(
              m,
              program,
              merchants[i % merchants.length],
              Number(ids[i % ids.length].id),
              {
                points: 1,
                merchantOrderId: `sweep-${i}`,
                ttlSeconds: ttlS,
                offerId: null,
              },
            ),
          ),
        30,
      ).catch(() => {
        failed++;
        return null;
      }),
    );
  }
  const publicIds = (await Promise.all(made)).filter((id) => id !== null);
  const deadline = Date.now() + (ttlS + 60) * 1000;
  let rows: RowDataPacket[] = [];
  for (;;) {
    rows = await db.query(
      `SELECT TIMESTAMPDIFF(MICROSECOND, expires_at, resolved_at) / 1e6 AS lag FROM redemptions
        WHERE program_id = ? AND merchant_order_id LIKE 'sweep-%' AND status = 'expired'`,
      [program.id],
    );
    if (rows.length >= publicIds.length || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    holds: publicIds.length,
    failed,
    swept: rows.length,
    lagsS: rows.map((r) => Number(r.lag)),
    perS,
    ttlS,
  };
}
