import { Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MetricsService } from './metrics.service';

/**
 * A gauge with one series per program, read from MySQL at scrape time (each api replica reads the
 * same rows, so alerts take `max by (program)`). `read` gives every program's value; when it fails
 * the rest of /metrics still answers and this gauge's series are absent rather than stale.
 */
export function registerProgramGauge(
  metrics: MetricsService,
  spec: { name: string; help: string; read: () => Promise<{ program: string; value: number }[]> },
): Gauge<'program'> {
  const gauge: Gauge<'program'> = new Gauge({
    name: spec.name,
    help: spec.help,
    labelNames: ['program'] as const,
    registers: [metrics.registry],
    async collect() {
      gauge.reset();
      try {
        for (const { program, value } of await spec.read()) gauge.set({ program }, value);
      } catch (err) {
        new Logger('metrics').error(`cannot read ${spec.name}: ${(err as Error).message}`);
      }
    },
  });
  return gauge;
}
