import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { retryOnDeadlock } from '../../database/deadlock-retry';
import { PeriodicTask } from '../../schedule/periodic-task';
import type { Program } from '../../tenancy/entities/program.entity';
import { ProgramsStore } from '../../tenancy/services/programs-store';
import { HoldsService } from './holds.service';
import { programsWithExpiredHolds } from './redemptions-store';

/** How often the worker looks for holds past their time: a capture is refused at once anyway. */
const EVERY_MS = 1_000;
/** Holds released per program and tick, so one program's backlog does not starve the others. */
const PER_TICK = 500;

/**
 * Releases holds nobody captured in time, oldest first, each in a transaction of its own (the
 * worker's timer). A capture after `expires_at` is refused in SQL whether or not this has run;
 * this gives the points back.
 */
@Injectable()
export class HoldExpiry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask('hold-expiry');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly holds: HoldsService,
    private readonly programs: ProgramsStore,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(EVERY_MS, async (stopping) => {
      for (const id of await programsWithExpiredHolds(this.db)) {
        if (stopping.aborted) return;
        const program = await this.programs.findById(id);
        if (program) await this.sweep(program, PER_TICK);
      }
    });
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Releases up to `limit` of the program's expired holds; returns how many. */
  async sweep(program: Program, limit: number): Promise<number> {
    let released = 0;
    while (
      released < limit &&
      (await retryOnDeadlock(() =>
        this.db.transaction((db) => this.holds.expireOldest(db, program)),
      ))
    )
      released++;
    return released;
  }
}
