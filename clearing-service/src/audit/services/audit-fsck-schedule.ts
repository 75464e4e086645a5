import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ProgramsService } from '../../tenancy/services/programs.service';
import { AuditFsck } from './audit-fsck';

/** Ticks at most this far apart, so a short interval (tests, demo) is honoured promptly. */
const MAX_TICK_MS = 60_000;

/**
 * Runs the fsck in the worker: each program whose log was last checked more than
 * AUDIT_FSCK_INTERVAL_MS ago, by whichever worker takes its lease. A timer, like the integrator.
 */
@Injectable()
export class AuditFsckSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('audit-fsck');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly programs: ProgramsService,
    private readonly fsck: AuditFsck,
  ) {}

  onApplicationBootstrap(): void {
    const tick = Math.min(this.config.audit.fsckIntervalMs, MAX_TICK_MS);
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.checkDue().finally(() => (this.running = null));
    }, tick);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async checkDue(): Promise<void> {
    try {
      const logs: { program_id: number }[] = await this.db.query(
        'SELECT program_id FROM audit_log_heads ORDER BY program_id',
      );
      for (const { program_id } of logs) {
        if (!this.timer || !(await this.fsck.claim(program_id))) continue;
        try {
          const program = await this.programs.findById(program_id);
          if (program) await this.fsck.check(program);
        } catch (err) {
          await this.fsck.release(program_id);
          throw err;
        }
      }
    } catch (err) {
      this.logger.error(`audit log check could not run: ${(err as Error).message}`);
    }
  }
}
