// Phase (2a): the ceiling of the program's audit-log head, the one lock every hold, capture,
// refund and crediting batch of a program shares (issue 13: measured first, printed).
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Program } from '../../src/tenancy/entities/program.entity';
import { encodeLeaf } from '../../src/audit/leaf-data';
import { AuditLogWriter } from '../../src/audit/services/audit-log-writer';

/** Transactions that lock the program's log head and append one leaf, as fast as `connections` go. */
export async function headCeiling(
  ctx: INestApplicationContext,
  program: Program,
  connections: number,
  seconds: number,
) {
  const db = ctx.get<DataSource>(getDataSourceToken());
  const audit = ctx.get(AuditLogWriter);
  let n = 0;
  let ref = 0;
  const end = Date.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        const refId = ref++;
        await db.transaction(async (m) => {
          const leaf = {
            kind: 'bench_head',
            refId,
            data: encodeLeaf({ type: 'bench_head', n: String(refId) }),
          };
          await audit.append(
            m,
            await audit.lockHead(m, program.id),
            [leaf as never] /* a kind of the bench's own */,
            new Date(),
          );
        });
        n++;
      }
    }),
  );
  return { transactionsPerS: n / ((performance.now() - t0) / 1000), connections, seconds };
}
