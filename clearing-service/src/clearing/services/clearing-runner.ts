import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { faultPoint } from '../../config/fault-points';
import { PeriodicTask } from '../../schedule/periodic-task';
import { ProgramsStore } from '../../tenancy/services/programs-store';
import { CycleSteps } from './cycle-steps';
import { dueWork } from './cycles-store';

/** How often the worker looks for cycles past their cut-off and cycles still to clear. */
const EVERY_MS = 2_000;

/**
 * The worker's clearing schedule: closes each program's OPEN cycle once its cut-off has passed
 * (database clock), then takes every closed cycle through aggregation and 注销 with its files.
 * Each step is its own transaction with a compare-and-swap, so a crash anywhere resumes on the
 * next tick where the cycle stands, and two workers never do a step twice.
 */
@Injectable()
export class ClearingRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask('clearing-cycles');
  private readonly logger = new Logger('clearing-cycles');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly steps: CycleSteps,
    private readonly programs: ProgramsStore,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(EVERY_MS, (stopping) => this.runDue(stopping));
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One tick: every due close, then every cycle still to clear, oldest first. */
  async runDue(stopping?: AbortSignal): Promise<void> {
    const due = await dueWork(this.db);
    for (const id of due.closing) {
      if (stopping?.aborted) return;
      const program = await this.programs.findById(id);
      faultPoint('cycle.close.before');
      const seq = program && (await this.steps.close(program, true));
      if (seq) faultPoint('cycle.close.after');
      if (seq) this.logger.log(`program ${program.code}: cycle ${seq} closed at its cut-off`);
    }
    for (const { programId, seq } of (await dueWork(this.db)).clearing) {
      if (stopping?.aborted) return;
      const program = await this.programs.findById(programId);
      if (!program) continue;
      const started = Date.now();
      faultPoint('cycle.aggregate.before');
      if (await this.steps.aggregate(program, seq)) faultPoint('cycle.aggregate.after');
      if (stopping?.aborted) return;
      faultPoint('cycle.issue.before');
      const issued = await this.steps.issue(program, seq);
      if (issued) faultPoint('cycle.issue.after');
      if (issued)
        this.logger.log(
          `program ${program.code}: cycle ${seq} cleared and its files issued in ${Date.now() - started} ms`,
        );
    }
  }
}
