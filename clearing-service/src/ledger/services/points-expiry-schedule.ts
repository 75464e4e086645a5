import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '../../schedule/periodic-task';
import { ProgramsStore } from '../../tenancy/services/programs-store';
import { chinaDay } from '../../time/china-time';
import { PointsExpiry } from './points-expiry';

/** Lots are due once their China day has passed; a check every ten minutes is prompt enough. */
const EVERY_MS = 10 * 60_000;

/** Expires due lots in the worker, program by program (a PeriodicTask, like the fsck's). */
@Injectable()
export class PointsExpirySchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask('points-expiry');

  constructor(
    private readonly expiry: PointsExpiry,
    private readonly programs: ProgramsStore,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(EVERY_MS, async (stopping) => {
      const today = chinaDay(new Date());
      for (const id of await this.expiry.programsWithDueLots(today)) {
        if (stopping.aborted) return;
        const program = await this.programs.findById(id);
        if (program) await this.expiry.expireDue(program, today);
      }
    });
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
