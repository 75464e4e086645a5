import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { PeriodicTask } from '../../schedule/periodic-task';
import { ProgramsStore } from '../../tenancy/services/programs-store';
import { AuditFsck } from './audit-fsck';

/** Ticks at most this far apart, so a short interval (tests, demo) is honoured promptly. */
const MAX_TICK_MS = 60_000;

/**
 * Runs the fsck in the worker: each program whose log was last checked more than
 * AUDIT_FSCK_INTERVAL_MS ago, by whichever worker takes its lease. A PeriodicTask, like the
 * integrator.
 */
@Injectable()
export class AuditFsckSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask('audit-fsck');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly programs: ProgramsStore,
    private readonly fsck: AuditFsck,
  ) {}

  onApplicationBootstrap(): void {
    const tick = Math.min(this.config.audit.fsckIntervalMs, MAX_TICK_MS);
    this.task.start(tick, (stopping) => this.checkDue(stopping));
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  private async checkDue(stopping: AbortSignal): Promise<void> {
    const logs: { program_id: number }[] = await this.db.query(
      'SELECT program_id FROM audit_log_heads ORDER BY program_id',
    );
    for (const { program_id } of logs) {
      // A check can take long: a stopping worker starts no further one.
      if (stopping.aborted || !(await this.fsck.claim(program_id))) continue;
      try {
        const program = await this.programs.findById(program_id);
        if (program) await this.fsck.check(program);
      } catch (err) {
        await this.fsck.release(program_id);
        throw err;
      }
    }
  }
}
