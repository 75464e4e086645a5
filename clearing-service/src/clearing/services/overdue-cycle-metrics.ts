import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { registerProgramGauge } from '../../metrics/program-gauge';
import { MetricsService } from '../../metrics/metrics.service';
import { programCodes } from '../../tenancy/services/programs-store';

/**
 * A cycle must be settled by the end of its value date, the day after its trade date (the local
 * day it ends on). In any time zone that end is at most 48 hours after its cut-off, so a cycle
 * neither settled nor aborted 48 hours after `closes_at` has missed it, wherever the program is.
 */
export const SETTLEMENT_DEADLINE_HOURS = 48;

/**
 * `tanlian_clearing_overdue_cycle_age_seconds{program}` on the api's /metrics: how far the oldest
 * cycle not settled is past that deadline (0 when none is).
 */
@Injectable()
export class OverdueCycleMetrics {
  constructor(@InjectDataSource() db: DataSource, metrics: MetricsService) {
    registerProgramGauge(metrics, {
      name: 'tanlian_clearing_overdue_cycle_age_seconds',
      help: `Seconds the oldest clearing cycle not settled is past its deadline (${SETTLEMENT_DEADLINE_HOURS} h after its cut-off; 0: none is)`,
      read: async () => {
        const codes = await programCodes(db);
        const rows: { program_id: number; overdue_us: string | number }[] = await db.query(
          `SELECT program_id,
                  MAX(TIMESTAMPDIFF(MICROSECOND, closes_at + INTERVAL ? HOUR, NOW(3))) AS overdue_us
           FROM clearing_cycles
           WHERE state NOT IN ('settled', 'aborted') AND closes_at + INTERVAL ? HOUR < NOW(3)
           GROUP BY program_id`,
          [SETTLEMENT_DEADLINE_HOURS, SETTLEMENT_DEADLINE_HOURS],
        );
        const overdue = new Map(
          rows.map((r) => [Number(r.program_id), Number(r.overdue_us) / 1e6]),
        );
        return [...codes].map(([id, program]) => ({ program, value: overdue.get(id) ?? 0 }));
      },
    });
  }
}
