import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsService } from '../../metrics/metrics.service';
import { participantCodes } from '../../tenancy/services/participants-store';
import { programCodes } from '../../tenancy/services/programs-store';
import { allCreditLimits } from './credit-limits-store';

/**
 * Postpaid credit limits on the api's /metrics, read at scrape time: 1 while an operator's
 * outstanding points are at or over its limit (as the worker's watch last saw them), else 0.
 */
@Injectable()
export class FundingMetrics {
  constructor(@InjectDataSource() db: DataSource, metrics: MetricsService) {
    new Gauge({
      name: 'tanlian_funding_credit_limit_reached',
      help: "1 while a postpaid operator's outstanding points are at or over its credit limit",
      labelNames: ['program', 'operator'] as const,
      registers: [metrics.registry],
      async collect() {
        this.reset();
        let limits, programs, operators;
        try {
          limits = await allCreditLimits(db);
          programs = await programCodes(db);
          operators = await participantCodes(
            db,
            limits.map((l) => l.operatorId),
          );
        } catch (err) {
          // The rest of /metrics still answers; the series are absent rather than stale.
          new Logger('funding-metrics').error(
            `cannot read credit limits: ${(err as Error).message}`,
          );
          return;
        }
        for (const l of limits)
          this.set(
            {
              program: programs.get(l.programId) ?? String(l.programId),
              operator: operators.get(l.operatorId) ?? String(l.operatorId),
            },
            l.reachedAt ? 1 : 0,
          );
      },
    });
  }
}
