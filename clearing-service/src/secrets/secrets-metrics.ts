import { Injectable, Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';
import { SecretsReseal } from './secrets-reseal';

/**
 * `tanlian_secrets_unreadable{kind}` on the api's /metrics: stored secrets no configured key
 * opens. Counted at scrape time over every store (small tables: one row per key or log). Alert on
 * anything above 0.
 */
@Injectable()
export class SecretsMetrics {
  constructor(metrics: MetricsService, reseal: SecretsReseal) {
    const gauge: Gauge<'kind'> = new Gauge({
      name: 'tanlian_secrets_unreadable',
      help: 'Stored secrets that no key of TANLIAN_SECRETS_KEY opens, by kind',
      labelNames: ['kind'] as const,
      registers: [metrics.registry],
      async collect() {
        gauge.reset();
        try {
          for (const kind of (await reseal.status()).kinds)
            gauge.set({ kind: kind.kind }, kind.unreadable);
        } catch (err) {
          // The rest of /metrics still answers; this series is absent rather than stale.
          new Logger('secrets').error(`cannot count unreadable secrets: ${(err as Error).message}`);
        }
      },
    });
  }
}
