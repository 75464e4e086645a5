import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { registerProgramGauge } from '../../metrics/program-gauge';
import { MetricsService } from '../../metrics/metrics.service';
import { programCodes } from '../../tenancy/services/programs-store';

/**
 * `tanlian_credit_lag_seconds{program}` on the api's /metrics: how long the oldest accepted event
 * has waited to be credited (0 when none waits). Events waiting for their resident's binding are
 * not lag. One index range per program (ix_inbox_work: status, program_id, id): its lowest id is
 * its oldest event, read back by primary key.
 */
@Injectable()
export class CreditLagMetrics {
  constructor(@InjectDataSource() db: DataSource, metrics: MetricsService) {
    registerProgramGauge(metrics, {
      name: 'tanlian_credit_lag_seconds',
      help: 'Seconds the oldest accepted event of a program has waited to be credited (0: none waits)',
      read: async () => {
        const codes = await programCodes(db);
        const rows: { program_id: number; lag_us: string | number }[] = await db.query(
          `SELECT i.program_id, GREATEST(0, TIMESTAMPDIFF(MICROSECOND, i.received_at, NOW(3))) AS lag_us
           FROM (SELECT program_id, MIN(id) AS id FROM inbox_events
                 WHERE status = 'accepted' GROUP BY program_id) oldest
           JOIN inbox_events i ON i.id = oldest.id`,
        );
        const lag = new Map(rows.map((r) => [Number(r.program_id), Number(r.lag_us) / 1e6]));
        return [...codes].map(([id, program]) => ({ program, value: lag.get(id) ?? 0 }));
      },
    });
  }
}
