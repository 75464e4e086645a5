import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsService } from '../../metrics/metrics.service';
import { programCodes } from '../../tenancy/services/programs-store';

/**
 * The sealing promise on the api's /metrics: every leaf in a signed checkpoint within seconds;
 * and the worker's latest self-check of each log (the fsck). Every gauge is read at scrape time
 * by two queries, the programs' codes and one row per log (primary-key lookups): the latest checkpoint size, the time
 * of the first leaf past it (the oldest unsealed one), the fsck's verdict and time.
 */
@Injectable()
export class AuditMetrics {
  private readonly unsealedAge: Gauge<'program'>;
  private readonly checkpointSize: Gauge<'program'>;
  private readonly fsckOk: Gauge<'program'>;
  private readonly fsckAge: Gauge<'program'>;
  private scrape: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    metrics: MetricsService,
  ) {
    // prom-client collects every metric of a scrape concurrently: both share the one query.
    const collect = () => (this.scrape ??= this.read().finally(() => (this.scrape = null)));
    this.unsealedAge = new Gauge({
      name: 'tanlian_audit_unsealed_age_seconds',
      help: 'Age of the oldest audit leaf not yet in a signed checkpoint (0 when all are sealed)',
      labelNames: ['program'] as const,
      registers: [metrics.registry],
      collect,
    });
    this.checkpointSize = new Gauge({
      name: 'tanlian_audit_checkpoint_size',
      help: 'Tree size of the latest signed audit checkpoint',
      labelNames: ['program'] as const,
      registers: [metrics.registry],
      collect,
    });
    this.fsckOk = new Gauge({
      name: 'tanlian_audit_fsck_ok',
      help: 'Latest self-check of the audit log against the ledger: 1 pass, 0 FAIL (absent: not run yet)',
      labelNames: ['program'] as const,
      registers: [metrics.registry],
      collect,
    });
    this.fsckAge = new Gauge({
      name: 'tanlian_audit_fsck_age_seconds',
      help: 'Seconds since the latest self-check of the audit log finished',
      labelNames: ['program'] as const,
      registers: [metrics.registry],
      collect,
    });
  }

  private async read(): Promise<void> {
    let rows: {
      code: string;
      size: string | null;
      oldest: Date | null;
      fsck: 'pass' | 'fail' | null;
      fsck_at: Date | null;
    }[];
    try {
      const codes = await programCodes(this.db);
      const logs: {
        program_id: number;
        size: string | null;
        oldest: Date | null;
        fsck: 'pass' | 'fail' | null;
        fsck_at: Date | null;
      }[] = await this.db.query(
        `SELECT h.program_id, c.size, l.created_at AS oldest, f.status AS fsck, f.checked_at AS fsck_at
         FROM audit_log_heads h
         LEFT JOIN audit_fsck_results f ON f.program_id = h.program_id
         LEFT JOIN (SELECT program_id, MAX(tree_size) AS size FROM audit_checkpoints
                     GROUP BY program_id) c ON c.program_id = h.program_id
         LEFT JOIN audit_leaves l ON l.program_id = h.program_id AND l.leaf_index = COALESCE(c.size, 0)`,
      );
      const byProgram = new Map(logs.map((l) => [Number(l.program_id), l]));
      // Every program has its series, a program whose log has no leaf yet at zero.
      rows = [...codes].map(([id, code]) => ({
        code,
        size: byProgram.get(id)?.size ?? null,
        oldest: byProgram.get(id)?.oldest ?? null,
        fsck: byProgram.get(id)?.fsck ?? null,
        fsck_at: byProgram.get(id)?.fsck_at ?? null,
      }));
    } catch (err) {
      // The rest of /metrics still answers; the audit series are absent rather than stale.
      new Logger('audit-metrics').error(`cannot read the audit lag: ${(err as Error).message}`);
      rows = [];
    }
    const now = Date.now();
    this.unsealedAge.reset();
    this.checkpointSize.reset();
    this.fsckOk.reset();
    this.fsckAge.reset();
    for (const { code, size, oldest, fsck, fsck_at } of rows) {
      const age = oldest ? Math.max(0, now - new Date(oldest).getTime()) / 1000 : 0;
      this.unsealedAge.set({ program: code }, age);
      this.checkpointSize.set({ program: code }, Number(size ?? 0));
      if (fsck && fsck_at) {
        this.fsckOk.set({ program: code }, fsck === 'pass' ? 1 : 0);
        this.fsckAge.set({ program: code }, Math.max(0, now - new Date(fsck_at).getTime()) / 1000);
      }
    }
  }
}
