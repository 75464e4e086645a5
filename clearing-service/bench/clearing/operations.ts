// Makes the dataset's captures with the service's own code, in process: HoldsService.holdFor (the
// hold step after consent: what a POS hold does once its code is spent, and what a shop purchase
// calls) then HoldsService.capture, and every 100th a partial HoldsService.refund, each in its own
// transaction as the api runs them (without the HTTP and idempotency layers), `connections` at once.
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ensureOpenCycle } from '../../src/clearing/services/stamping';
import { retryOnDeadlock } from '../../src/database/deadlock-retry';
import { HoldsService } from '../../src/redemption/services/holds.service';
import type { Participant } from '../../src/tenancy/entities/participant.entity';
import type { Program } from '../../src/tenancy/entities/program.entity';
import { ParticipantsStore } from '../../src/tenancy/services/participants-store';
import { openChains } from './chains';
import { type DatasetPlan, operation, refundPoints } from './shape';

type Done = 'held' | 'captured' | 'refunded';

export async function makeOperations(
  ctx: INestApplicationContext,
  program: Program,
  plan: DatasetPlan,
  connections: number,
  say: (s: string) => void,
): Promise<{ seconds: number; opsPerS: number }> {
  const dataSource = ctx.get<DataSource>(getDataSourceToken());
  const holds = ctx.get(HoldsService);
  const merchants = (await ctx.get(ParticipantsStore).list(program.id))
    .filter((p) => p.isMerchant)
    .sort((a, b) => a.id - b.id);
  const residents: number[] = (
    await dataSource.query('SELECT id FROM residents WHERE program_id = ? ORDER BY id', [
      program.id,
    ])
  ).map((r: { id: number }) => Number(r.id));
  const done = await doneSoFar(dataSource, program.id);
  await ensureOpenCycle(dataSource, program);
  await openChains(ctx, program.id, residents);

  // More tries than the service's default, as a till retries: holds of one resident deadlock now
  // and then on their lots.
  const tx = <T>(work: (db: EntityManager) => Promise<T>): Promise<T> =>
    retryOnDeadlock(() => dataSource.transaction(work), 30);
  let next = 0;
  let ops = 0;
  let finished = 0;
  const started = Date.now();
  let skipped = 0;
  const timer = setInterval(() => {
    const s = (Date.now() - started) / 1000;
    const rate = (finished - skipped) / s;
    say(
      `    ${finished.toLocaleString('en')} / ${plan.captures.toLocaleString('en')} captures (${((100 * finished) / plan.captures).toFixed(1)} %), ${Math.round(ops / s)} operations/s, ETA ${Math.round((plan.captures - finished) / Math.max(rate, 1e-9))} s`,
    );
  }, 10_000);
  const one = async (i: number) => {
    const op = operation(plan, i);
    const merchant: Participant = merchants[op.merchant];
    const order = `o${i}`;
    let state = done.get(order);
    let publicId = state?.publicId;
    if (state && state.status !== 'held' && (!op.refund || state.status === 'refunded')) {
      skipped++;
      finished++;
      return;
    }
    if (!state) {
      publicId = await tx((db) =>
        holds.holdFor(db, program, merchant, residents[op.resident], {
          points: op.points,
          merchantOrderId: order,
          ttlSeconds: 86_400,
          offerId: null,
        }),
      );
      ops++;
      state = { status: 'held', publicId: publicId! };
    }
    if (state.status === 'held') {
      await tx((db) => holds.capture(db, program, merchant, publicId!, undefined));
      ops++;
    }
    if (op.refund && state.status !== 'refunded') {
      await tx((db) =>
        holds.refund(db, program, merchant, publicId!, {
          refundId: `r${i}`,
          points: refundPoints(op.points),
        }),
      );
      ops++;
    }
    finished++;
  };
  const workers = Array.from({ length: connections }, async () => {
    for (let i = next++; i < plan.captures; i = next++) await one(i);
  });
  try {
    await Promise.all(workers);
  } finally {
    clearInterval(timer);
  }
  const seconds = (Date.now() - started) / 1000;
  return { seconds, opsPerS: ops / seconds };
}

/** What an interrupted build had made: order id → how far it got. */
async function doneSoFar(
  db: DataSource,
  programId: number,
): Promise<Map<string, { status: Done; publicId: string }>> {
  const rows: { merchant_order_id: string; public_id: string; status: string; refunded: number }[] =
    await db.query(
      `SELECT merchant_order_id, public_id, status, refunded_points > 0 AS refunded
         FROM redemptions WHERE program_id = ?`,
      [programId],
    );
  return new Map(
    rows.map((r) => [
      r.merchant_order_id,
      {
        publicId: r.public_id,
        status: Number(r.refunded) ? 'refunded' : r.status === 'held' ? 'held' : 'captured',
      },
    ]),
  );
}
